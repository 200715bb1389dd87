"""Naming the individuals behind an inconsistency from the axioms alone, without running HermiT again."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Literal
from rdflib.collection import Collection
from rdflib.term import Node

from graph.namespaces import OWL, RDF, XSD
from graph.validate.conversion import compact
from graph.validate.index import OntologyIndex
from graph.validate.reduction import ReasonerCopy

_INTEGER_TYPES = {
    XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.nonPositiveInteger,
    XSD.negativeInteger, XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong,
    XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte,
}
_DECIMAL_TYPES = _INTEGER_TYPES | {XSD.decimal}
# Lower bounds implied by the integer datatypes used as ranges in the ontology.
_INTEGER_MINIMUM = {XSD.nonNegativeInteger: 0, XSD.positiveInteger: 1}


@dataclass(frozen=True)
class Culprit:
    """An individual that takes part in an inconsistency, and why."""

    individual: str
    reason: str



def explain_inconsistency(tbox: OntologyIndex, reduced: ReasonerCopy) -> list[Culprit]:
    """Individuals whose types clash (disjoint classes, unions, sameAs) or whose values break a range."""
    triples = [t for group in reduced.abox.values() for t in group]
    same = _same_as_groups(triples)
    sources: dict[Node, dict[Node, str]] = defaultdict(dict)  # individual -> class -> why it has it
    alternatives: dict[Node, list[tuple[tuple[Node, ...], str]]] = defaultdict(list)
    data_values: dict[tuple[Node, Node], set] = defaultdict(set)
    culprits: list[Culprit] = []

    def typed(individual: Node, cls: Node, why: str) -> None:
        for sup in tbox.superclasses.get(cls, {cls}):
            sources[same.get(individual, individual)].setdefault(sup, why)

    for s, p, o in triples:
        if p == RDF.type:
            typed(s, o, "asserted")
            continue
        for expression in tbox.domains.get(p, ()):
            _constrain(s, expression, f"subject of {compact(p)}", typed, alternatives, same)
        if p in tbox.object_properties:
            for expression in tbox.ranges.get(p, ()):
                _constrain(o, expression, f"value of {compact(p)} on {compact(s)}", typed, alternatives, same)
        elif isinstance(o, Literal):
            data_values[(s, p)].add(o)
            problem = _data_range_problem(tbox, p, o)
            if problem:
                culprits.append(Culprit(compact(s) or str(s), f"{compact(p)} {compact(o)}: {problem}"))

    for individual, classes in sources.items():
        for pair in tbox.disjoint_pairs:
            if pair <= classes.keys():
                a, b = sorted(pair, key=str)
                culprits.append(Culprit(
                    compact(individual) or str(individual),
                    f"is both {compact(a)} ({classes[a]}) and {compact(b)} ({classes[b]}), which are disjoint",
                ))
        for members, why in alternatives.get(individual, ()):
            clashes = [tbox.excluded(m, classes) for m in members]
            if all(clashes):
                culprits.append(Culprit(
                    compact(individual) or str(individual),
                    f"as {why} must be one of {', '.join(compact(m) or '' for m in members)}, "
                    f"but is {', '.join(sorted({compact(c) or '' for c in clashes}))}",
                ))
    for (s, p), values in data_values.items():
        if p in tbox.functional and len({v.toPython() for v in values}) > 1:
            shown = ", ".join(sorted(compact(v) or "" for v in values))
            culprits.append(Culprit(compact(s) or str(s), f"has several values of functional {compact(p)}: {shown}"))
    return sorted(set(culprits), key=lambda c: (c.individual, c.reason))


def _constrain(individual, expression, why, typed, alternatives, same) -> None:
    """Record what a domain/range axiom says about an individual: a class, or a choice of classes."""
    if len(expression) == 1:
        typed(individual, expression[0], why)
    else:
        alternatives[same.get(individual, individual)].append((expression, why))


def _same_as_groups(triples: list[tuple[Node, Node, Node]]) -> dict[Node, Node]:
    """Map each individual to one representative of its owl:sameAs group."""
    parent: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    for s, p, o in triples:
        if p == OWL.sameAs:
            parent[find(s)] = find(o)
    return {node: find(node) for node in list(parent)}


def _data_range_problem(tbox: OntologyIndex, prop: Node, literal: Literal) -> str | None:
    """Why a literal is outside the declared range of a data property, or None."""
    declared = tbox.data_ranges.get(prop)
    if declared is None:
        return None
    base, low, high = declared, None, None
    if isinstance(declared, BNode) and (on := tbox.graph.value(declared, OWL.onDatatype)) is not None:
        base = on
        for facet in Collection(tbox.graph, tbox.graph.value(declared, OWL.withRestrictions)):
            low = tbox.graph.value(facet, XSD.minInclusive, default=low)
            high = tbox.graph.value(facet, XSD.maxInclusive, default=high)
    if base in _DECIMAL_TYPES:
        if literal.datatype not in _DECIMAL_TYPES:
            return f"not a {compact(base)}"
        try:
            number = Decimal(str(literal))
        except InvalidOperation:
            return f"not a {compact(base)}"
        if base in _INTEGER_TYPES and number != number.to_integral_value():
            return f"not an integer ({compact(base)})"
        low = _INTEGER_MINIMUM.get(base, low)
        if low is not None and number < Decimal(str(low)):
            return f"below the minimum {low} of the range"
        if high is not None and number > Decimal(str(high)):
            return f"above the maximum {high} of the range"
    elif base == XSD.boolean and literal.datatype != XSD.boolean:
        return "not an xsd:boolean"
    return None

