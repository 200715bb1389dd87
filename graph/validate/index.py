"""What the reasoner copy and the explanation need to know about the ontology (a TBox index)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from graph.namespaces import OWL, RDF, RDFS, XSD

# Ranges under which any literal is acceptable to the reasoner when the property is not functional.
_STRING_RANGES = {XSD.string, RDF.langString, RDFS.Literal}
# Property characteristics that make assertions able to clash.
_CHARACTERISTICS = (
    OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.AsymmetricProperty, OWL.IrreflexiveProperty
)


class OntologyIndex:
    """What the reasoner copy and the explanation need to know about the ontology (a TBox index)."""

    def __init__(self, ontology: Graph) -> None:
        self.graph = ontology
        self.classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
        self.object_properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
        self.constrained_properties = self._constrained_properties()
        self.data_properties = set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
        self.functional = set(ontology.subjects(RDF.type, OWL.FunctionalProperty))
        self.superclasses = self._superclass_closure()
        self.disjoint_pairs = self._disjoint_pairs()
        self.domains = self._class_expressions(RDFS.domain)
        self.ranges = self._class_expressions(RDFS.range)
        self.data_ranges = {p: ontology.value(p, RDFS.range) for p in self.data_properties}

    def checkable(self, prop: Node) -> bool:
        """True for data properties whose values can make the ontology inconsistent."""
        if prop not in self.data_properties:
            return False
        return prop in self.functional or self.data_ranges.get(prop) not in _STRING_RANGES | {None}

    def _constrained_properties(self) -> set[Node]:
        """Properties whose assertions can clash: with a domain, range or characteristic, or below one."""
        constrained = {
            p for p, axiom in self.graph.subject_predicates(None)
            if axiom in (RDFS.domain, RDFS.range)
        } | {p for c in _CHARACTERISTICS for p in self.graph.subjects(RDF.type, c)}
        links = list(self.graph.subject_objects(RDFS.subPropertyOf))
        links += [pair for a, b in self.graph.subject_objects(OWL.equivalentProperty) for pair in ((a, b), (b, a))]
        changed = True
        while changed:
            below = {sub for sub, sup in links if sup in constrained} - constrained
            constrained |= below
            changed = bool(below)
        return constrained

    def _superclass_closure(self) -> dict[Node, set[Node]]:
        direct: dict[Node, set[Node]] = defaultdict(set)
        for sub, sup in self.graph.subject_objects(RDFS.subClassOf):
            if isinstance(sup, URIRef):
                direct[sub].add(sup)
        for a, b in self.graph.subject_objects(OWL.equivalentClass):
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                direct[a].add(b)
                direct[b].add(a)
        closure: dict[Node, set[Node]] = {}
        for cls in set(direct) | self.classes:
            seen, todo = {cls}, [cls]
            while todo:
                for sup in direct.get(todo.pop(), ()):
                    if sup not in seen:
                        seen.add(sup)
                        todo.append(sup)
            closure[cls] = seen
        return closure

    def _disjoint_pairs(self) -> set[frozenset[Node]]:
        pairs: set[frozenset[Node]] = set()
        for group in self.graph.subjects(RDF.type, OWL.AllDisjointClasses):
            members = list(Collection(self.graph, self.graph.value(group, OWL.members)))
            pairs |= {frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:]}
        for a, b in self.graph.subject_objects(OWL.disjointWith):
            pairs.add(frozenset((a, b)))
        return pairs

    def _class_expressions(self, axiom: URIRef) -> dict[Node, list[tuple[Node, ...]]]:
        """Per property, its domains or ranges as alternatives (a named class is a 1-tuple)."""
        expressions: dict[Node, list[tuple[Node, ...]]] = defaultdict(list)
        for prop, expression in self.graph.subject_objects(axiom):
            if isinstance(expression, URIRef) and expression in self.classes:
                expressions[prop].append((expression,))
            elif (union := self.graph.value(expression, OWL.unionOf)) is not None:
                members = tuple(Collection(self.graph, union))
                if all(m in self.classes for m in members):
                    expressions[prop].append(members)
        return expressions

    def excluded(self, cls: Node, types: Iterable[Node]) -> Node | None:
        """A type among ``types`` that is disjoint with ``cls`` (or a superclass of it), if any."""
        for sup in self.superclasses.get(cls, {cls}):
            for other in types:
                if frozenset((sup, other)) in self.disjoint_pairs:
                    return other
        return None

