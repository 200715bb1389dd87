"""The reduced copy of ontology + data that HermiT is given.

Only what can make the data inconsistent goes in: typed individuals, ``owl:sameAs``,
assertions of object properties that have a domain, range or characteristic, and data
property assertions whose property is functional or has a non-string range. Long texts
(``nif:isString``, ``nif:anchorOf``), annotations, provenance links and reification triples
stay out, which keeps HermiT fast on the whole store. HermiT does not support
``xsd:date``/``xsd:gYearMonth``/``xsd:gYear``, so in the copy such literals (and datatype
IRIs in the ontology) are converted to ``xsd:dateTime`` at the start of the period;
ill-typed literals are dropped from the copy (SHACL reports them).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from graph.namespaces import OWL, RDF, XSD
from graph.validate.index import OntologyIndex

# Datatypes HermiT rejects, converted to xsd:dateTime in the reasoner copy.
_UNSUPPORTED_DATES = (XSD.date, XSD.gYearMonth, XSD.gYear)
_DATE_LEXICAL = re.compile(r"^(-?\d{4,})(?:-(\d\d))?(?:-(\d\d))?(Z|[+-]\d\d:\d\d)?$")


def _to_datetime(literal: Literal) -> Literal | None:
    """An xsd:dateTime at the start of the day, month or year of a date literal (None if malformed)."""
    match = _DATE_LEXICAL.match(str(literal))
    if match is None or literal.ill_typed:
        return None
    year, month, day, zone = match.groups()
    lexical = f"{year}-{month or '01'}-{day or '01'}T00:00:00{zone or ''}"
    return Literal(lexical, datatype=XSD.dateTime)


@dataclass
class ReasonerCopy:
    """The reduced copy of ontology + data that HermiT is given."""

    tbox: list[tuple[Node, Node, Node]]
    abox: dict[Node, list[tuple[Node, Node, Node]]]  # triples grouped by subject
    converted: int = 0
    dropped: int = 0

    def triples(self, subjects: Iterable[Node] | None = None) -> Iterator[tuple[Node, Node, Node]]:
        """The TBox plus the ABox triples of ``subjects`` (all when None)."""
        yield from self.tbox
        for subject in self.abox if subjects is None else subjects:
            yield from self.abox[subject]


def reasoner_copy(tbox: OntologyIndex, data: Graph) -> ReasonerCopy:
    """Reduce ontology + data to the part that matters for consistency (see the module docstring)."""
    rewritten = [
        (s, p, XSD.dateTime if o in _UNSUPPORTED_DATES else o) for s, p, o in tbox.graph
    ]
    reduced = ReasonerCopy(tbox=rewritten, abox=defaultdict(list))
    for s, p, o in data:
        if isinstance(s, Literal):
            continue
        keep = (
            (p == RDF.type and o in tbox.classes)
            or (p == OWL.sameAs and isinstance(o, URIRef))
            or (p in tbox.object_properties and p in tbox.constrained_properties and not isinstance(o, Literal))
        )
        if not keep and isinstance(o, Literal) and tbox.checkable(p):
            if o.datatype in _UNSUPPORTED_DATES:
                o = _to_datetime(o)
                reduced.converted += o is not None
            if o is None or o.ill_typed:
                reduced.dropped += 1
                continue
            keep = True
        if keep:
            reduced.abox[s].append((s, p, o))
    return reduced

