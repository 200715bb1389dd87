"""RDF conversion for the validators: ontology and shapes files, stores and datasets as one rdflib Graph.

Also ``compact``, the prefixed names the reports show.
"""

from __future__ import annotations

import logging

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph, Dataset
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from graph.namespaces import PREFIXES, SH
from ontology import ONTOLOGY_FILE, SHAPES_FILE

_SHAPES_NS = URIRef("https://w3id.org/conflict-kg/shapes#")
_NAMESPACES = NamespaceManager(Graph(), bind_namespaces="none")
for _prefix, _namespace in PREFIXES.items():
    _NAMESPACES.bind(_prefix, _namespace)


def load_ontology() -> Graph:
    """The conflict-kg ontology (ontology/ckg.ttl) as an rdflib graph."""
    return Graph().parse(data=ONTOLOGY_FILE.read_text(encoding="utf-8"), format="turtle")


def load_shapes() -> Graph:
    """The SHACL shapes (ontology/shapes.ttl) as an rdflib graph."""
    return Graph().parse(data=SHAPES_FILE.read_text(encoding="utf-8"), format="turtle")


def union_graph(data: Graph) -> Graph:
    """All triples of a Graph or of every named graph of a Dataset, as one plain Graph."""
    if not isinstance(data, ConjunctiveGraph | Dataset):
        return data
    union = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """An rdflib term for a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def graph_from_store(store: ox.Store) -> Graph:
    """Every quad of a pyoxigraph store, as one rdflib Graph (graph names dropped)."""
    union = Graph()
    # rdflib logs a traceback for every ill-typed literal it builds; SHACL reports them instead.
    term_logger = logging.getLogger("rdflib.term")
    level = term_logger.level
    term_logger.setLevel(logging.CRITICAL)
    try:
        for quad in store.quads_for_pattern(None, None, None, None):
            union.add((_rdflib_term(quad.subject), _rdflib_term(quad.predicate), _rdflib_term(quad.object)))
    finally:
        term_logger.setLevel(level)
    return union


def compact(term: Node | None) -> str | None:
    """A prefixed name when a known namespace matches, else the IRI or literal text."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in {**PREFIXES, "sh": SH, "ckgsh": _SHAPES_NS}.items():
            if text.startswith(str(namespace)) and len(text) > len(str(namespace)):
                return f"{prefix}:{text[len(str(namespace)):]}"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    return term.n3(_NAMESPACES)

