"""Query results to bytes in every offered format, cut at a row limit when one is set.

SELECT results are written here (pyoxigraph's serialiser consumes the whole
iterator, so it cannot stop at a row cap); ASK and graph results use pyoxigraph's
own serialisers.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from graph.namespaces import SPARQL_RESULTS, XSD
from web.conneg import Format

_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


@dataclass(frozen=True)
class Serialized:
    """A finished response body."""

    body: bytes
    media_type: str
    truncated: bool = False


def _json_term(term: object) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        value: dict = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            value["datatype"] = term.datatype.value
        return value
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _nt_term(term: object) -> str:
    """N-Triples syntax for one term (TSV cells)."""
    if isinstance(term, ox.Literal):
        quoted = '"' + term.value.translate(_NT_ESCAPES) + '"'
        if term.language:
            return f"{quoted}@{term.language}"
        return quoted if term.datatype.value == _XSD_STRING else f"{quoted}^^<{term.datatype.value}>"
    if isinstance(term, ox.Triple):
        return f"<<( {_nt_term(term.subject)} {_nt_term(term.predicate)} {_nt_term(term.object)} )>>"
    return str(term)


def _csv_term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return _nt_term(term)


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    parts = zip(("subject", "predicate", "object"), (term.subject, term.predicate, term.object), strict=True)
    return "<triple>" + "".join(f"<{name}>{_xml_term(part)}</{name}>" for name, part in parts) + "</triple>"


def _select(solutions: ox.QuerySolutions, fmt: Format, max_rows: int | None) -> Serialized:
    variables = [variable.value for variable in solutions.variables]
    limit = None if max_rows is None else max_rows + 1
    rows = [[solution[name] for name in variables] for solution in islice(solutions, limit)]
    truncated = max_rows is not None and len(rows) > max_rows
    if truncated:
        del rows[max_rows:]
    kind = fmt.name
    if kind == "json":
        document: dict = {
            "head": {"vars": variables},
            "results": {
                "bindings": [
                    {name: _json_term(term) for name, term in zip(variables, row, strict=True) if term is not None}
                    for row in rows
                ]
            },
        }
        if truncated:
            document["truncated"] = True
            document["maxRows"] = max_rows
        body = json.dumps(document, ensure_ascii=False).encode()
    elif kind == "xml":
        head = "".join(f"<variable name={quoteattr(name)}/>" for name in variables)
        results = "".join(
            "<result>"
            + "".join(
                f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                for name, term in zip(variables, row, strict=True)
                if term is not None
            )
            + "</result>"
            for row in rows
        )
        body = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="{SPARQL_RESULTS}">'
            f"<head>{head}</head><results>{results}</results></sparql>"
        ).encode()
    elif kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_term(term) for term in row] for row in rows)
        body = buffer.getvalue().encode()
    else:
        lines = ["\t".join(f"?{name}" for name in variables)]
        lines += ["\t".join("" if term is None else _nt_term(term) for term in row) for row in rows]
        body = ("\n".join(lines) + "\n").encode()
    return Serialized(body, fmt.media_type, truncated)


def _boolean(result: ox.QueryBoolean, fmt: Format) -> Serialized:
    if fmt.results in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML):
        return Serialized(result.serialize(format=fmt.results), fmt.media_type)
    # CSV/TSV have no boolean form in the standard; a one-cell table is what clients expect.
    header = "_askResult" if fmt.results == ox.QueryResultsFormat.CSV else "?_askResult"
    return Serialized(f"{header}\n{'true' if bool(result) else 'false'}\n".encode(), fmt.media_type)


def serialize_triples(triples: object, fmt: Format, max_rows: int | None = None) -> Serialized:
    """Triples in an RDF format; dataset formats put them in the default graph."""
    kept = list(islice(triples, None if max_rows is None else max_rows + 1))
    truncated = max_rows is not None and len(kept) > max_rows
    if truncated:
        del kept[max_rows:]
    return Serialized(ox.serialize(kept, format=fmt.rdf), fmt.media_type, truncated)


def serialize(result: object, fmt: Format, max_rows: int | None) -> Serialized:
    """Any query result (solutions, boolean or triples) in the chosen format."""
    if isinstance(result, ox.QuerySolutions):
        return _select(result, fmt, max_rows)
    if isinstance(result, ox.QueryBoolean):
        return _boolean(result, fmt)
    return serialize_triples(result, fmt, max_rows)
