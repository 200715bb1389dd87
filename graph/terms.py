"""RDF terms for people: parse what a user types, print terms compactly, read query rows.

Used by the audit and the evidence chain. A user may name a resource as an IRI
(``<https://…>`` or bare ``https://…``), a prefixed name from ``namespaces.PREFIXES``
(``res:armistice-2020-11-09``, ``ckg:signatory``) or a bare slug (``armistice-2020-11-09``,
read as ``res:``); a literal as ``"2020-11-09"^^xsd:date``, ``"text"@vi`` or ``"text"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib.namespace import RDF

from extract.errors import CkgError

from .namespaces import CKG, PREFIXES, resource, sparql_prefixes

Term = ox.NamedNode | ox.Literal | ox.BlankNode

_LITERAL = re.compile(r'^"(?P<value>.*)"(?:@(?P<language>[A-Za-z0-9-]+)|\^\^(?P<datatype>.+))?$', re.DOTALL)
_IRI_SCHEMES = ("http://", "https://", "urn:", "file:")


class TermError(CkgError, ValueError):
    """Text that names no IRI or literal."""

    type = "bad-resource-name"


def expand_prefixed(text: str) -> ox.NamedNode | None:
    """``prefix:local`` with a known prefix as an IRI, else None."""
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES:
        return ox.NamedNode(str(PREFIXES[prefix]) + local)
    return None


def parse_iri(text: str, *, bare: str = "resource") -> ox.NamedNode:
    """An IRI from ``<iri>``, a full IRI, a prefixed name, or a bare local name.

    A bare name is a resource slug (``bare="resource"``) or an ontology term
    (``bare="ontology"``, where ``a`` means ``rdf:type``).
    """
    text = text.strip()
    if not text:
        raise TermError("an empty name is no IRI")
    if text.startswith("<") and text.endswith(">"):
        return ox.NamedNode(text[1:-1])
    if text.startswith(_IRI_SCHEMES):
        return ox.NamedNode(text)
    prefixed = expand_prefixed(text)
    if prefixed is not None:
        return prefixed
    if ":" in text.split("/")[0]:
        raise TermError(f"{text!r}: unknown prefix (known: {', '.join(sorted(PREFIXES))})")
    if bare == "ontology":
        return ox.NamedNode(str(RDF.type)) if text == "a" else ox.NamedNode(str(CKG[text]))
    return ox.NamedNode(str(resource(text)))


def parse_literal(text: str) -> ox.Literal | None:
    """A quoted literal (``"v"``, ``"v"@lang``, ``"v"^^datatype``), or None when ``text`` is not quoted."""
    match = _LITERAL.match(text.strip())
    if match is None:
        return None
    value = match["value"].replace('\\"', '"')
    if match["language"]:
        return ox.Literal(value, language=match["language"])
    if match["datatype"]:
        return ox.Literal(value, datatype=parse_iri(match["datatype"], bare="ontology"))
    return ox.Literal(value)


def compact(term: Term | str | None) -> str:
    """A short human form: ``res:…``/``ckg:…`` for known namespaces, N-Triples-like literals."""
    if term is None:
        return ""
    if isinstance(term, str):
        term = ox.NamedNode(term)
    if isinstance(term, ox.Literal):
        if term.language:
            return f'"{term.value}"@{term.language}'
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return f'"{term.value}"'
        return f'"{term.value}"^^{compact(term.datatype)}'
    if isinstance(term, ox.BlankNode):
        return str(term)
    # Longest namespace first: res: must not swallow a longer registered namespace.
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        if term.value.startswith(str(namespace)) and len(term.value) > len(str(namespace)):
            return f"{prefix}:{term.value[len(str(namespace)):]}"
    return f"<{term.value}>"


def term_json(term: Term | None) -> dict | None:
    """A term in the SPARQL 1.1 JSON results shape (``type``, ``value``, ``datatype``/``xml:lang``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    shape = {"type": "literal", "value": term.value}
    if term.language:
        shape["xml:lang"] = term.language
    else:
        shape["datatype"] = term.datatype.value
    return shape


def select(store: ox.Store, query: str, **bindings: Term) -> Iterator[dict[str, Term]]:
    """Rows of a SELECT query as ``{variable: term}`` (unbound variables left out)."""
    substitutions = {ox.Variable(name): term for name, term in bindings.items()}
    solutions = store.query(query, substitutions=substitutions or None)
    names = [variable.value for variable in solutions.variables]
    for solution in solutions:
        yield {name: value for name, value in zip(names, solution, strict=True) if value is not None}


def values_clause(variable: str, terms: Iterable[ox.NamedNode]) -> str:
    """A ``VALUES ?variable { … }`` block for IRIs read from the store."""
    return f"VALUES ?{variable} {{ {' '.join(str(term) for term in terms)} }}"


def as_int(term: Term | None) -> int | None:
    """The integer value of a literal, None when absent or not an integer."""
    try:
        return int(term.value) if isinstance(term, ox.Literal) else None
    except ValueError:
        return None


def as_float(term: Term | None) -> float | None:
    """The numeric value of a literal, None when absent or not a number."""
    try:
        return float(term.value) if isinstance(term, ox.Literal) else None
    except ValueError:
        return None


def as_bool(term: Term | None) -> bool | None:
    """An xsd:boolean's value, None when absent."""
    if not isinstance(term, ox.Literal):
        return None
    return term.value in ("true", "1")


def as_text(term: Term | None) -> str | None:
    """A literal's lexical value, None when absent."""
    return term.value if isinstance(term, ox.Literal) else None


def as_iri(term: Term | None) -> str | None:
    """An IRI's text, None when absent or not an IRI."""
    return term.value if isinstance(term, ox.NamedNode) else None


def rows_query(graph: object, subject: str, patterns: list[str], optional: dict[str, str], values: str = "") -> str:
    """A SELECT of ``?subject`` and one column per property, in one named graph.

    ``patterns`` are required (``"a ckg:Sentence"``, ``"rdf:subject ?s"``); each ``optional``
    column (variable → property) gets its own single-pattern OPTIONAL, the shape that stays
    fast on large stores (a multi-pattern OPTIONAL group scans far more).
    """
    variables = [subject, *re.findall(r"\?(\w+)", " ".join(patterns)), *optional]
    required = " ".join(f"?{subject} {pattern} ." for pattern in patterns)
    optionals = " ".join(f"OPTIONAL {{ ?{subject} {prop} ?{var} }}" for var, prop in optional.items())
    projection = " ".join(f"?{var}" for var in dict.fromkeys(variables))
    return sparql_prefixes() + f"SELECT {projection} WHERE {{ {values} GRAPH <{graph}> {{ {required} {optionals} }} }}"
