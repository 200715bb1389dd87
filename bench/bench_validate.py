"""Time ``graph.validate`` on a synthetic store the size of the bundled one (or larger).

The contract fixture is copied N times with its documents, events and statements
renamed (entities stay shared, as in a real multi-article store).

    .venv/bin/python bench/bench_validate.py [COPIES]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from graph.namespaces import CKG, RDF, RES, SEM
from graph.validate import check_consistency, check_shapes, graph_from_store, load_ontology, union_graph, validate

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "contract-sample.trig"
DOCUMENT = "contract-sample"


def synthetic(copies: int) -> Graph:
    """The fixture repeated ``copies`` times with per-copy documents, events and runs."""
    fixture = Dataset()
    fixture.parse(FIXTURE, format="trig")
    union = union_graph(fixture)
    events = {s for s in union.subjects(RDF.type, SEM.Event)} | set(union.subjects(RDF.type, CKG.AgreementGroup))
    per_copy_prefixes = (str(RES[DOCUMENT]), str(RES["run/"]))
    data = Graph()
    for k in range(copies):
        def rename(term, k=k):
            if not isinstance(term, URIRef):
                return term
            if term in events or str(term).startswith(per_copy_prefixes):
                return URIRef(str(term).replace(DOCUMENT, f"{DOCUMENT}-{k}") + ("" if term not in events else f"-{k}"))
            return term
        for s, p, o in union:
            data.add((rename(s), p, rename(o)))
    return data


def _oxigraph_object(term):
    """A pyoxigraph term for an rdflib IRI or literal."""
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype or "http://www.w3.org/2001/XMLSchema#string"))


def main() -> None:
    """Build the synthetic data and time each step."""
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    started = time.perf_counter()
    data = synthetic(copies)
    print(f"{len(data)} triples built in {time.perf_counter() - started:.1f} s")
    ontology = load_ontology()
    consistency = check_consistency(data, ontology)
    print(f"HermiT: consistent={consistency.consistent} {consistency.triples_to_reasoner} triples "
          f"to the reasoner in {consistency.seconds:.1f} s")
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), _oxigraph_object(o)) for s, p, o in data)
    started = time.perf_counter()
    from_store = graph_from_store(store)
    print(f"graph_from_store: {len(from_store)} triples in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    report = validate(from_store)
    print(f"validate (HermiT and SHACL together): conforms={report.conforms} in {time.perf_counter() - started:.1f} s")
    for inference in ("none", "rdfs"):
        shapes = check_shapes(data, ontology=ontology, inference=inference)
        print(f"SHACL inference={inference}: conforms={shapes.conforms} {len(shapes.results)} results "
              f"in {shapes.seconds:.1f} s")


if __name__ == "__main__":
    main()
