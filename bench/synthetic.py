"""Synthetic data in the contract's vocabulary, at any size (1M–10M triples), from a fixed seed.

Each synthetic article brings a document, its sentences with offsets, citation
markers and references, a few agreements with signatories and mediators, and
one ``ckg:Statement`` per fact, spread over the contract's named graphs, so
benchmark queries have the shapes real queries have.

    python bench/synthetic.py --triples 1000000 --store data/bench-1m
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from graph.namespaces import (
    CITO,
    CKG,
    GRAPH_DOCUMENTS,
    GRAPH_ENTITIES,
    GRAPH_FACTS,
    GRAPH_PROVENANCE,
    NIF,
    PROV,
    RDF,
    RDFS,
    SEM,
    XSD,
    document_resource,
    resource,
)

SENTENCES_PER_ARTICLE = 40
REFERENCES_PER_ARTICLE = 30
AGREEMENTS_PER_ARTICLE = 6
PEOPLE = 2000
COUNTRIES = 200
AGREEMENT_KINDS = ("Armistice", "Ceasefire", "Declaration", "Protocol")


def _iri(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_iri(XSD.integer))


A = _iri(RDF.type)


def entity_quads() -> Iterator[ox.Quad]:
    """People and countries every article draws its signatories and mediators from."""
    graph = _iri(GRAPH_ENTITIES)
    for number in range(PEOPLE):
        person = _iri(resource(f"person-{number}"))
        yield ox.Quad(person, A, _iri(CKG.Person), graph)
        yield ox.Quad(person, _iri(RDFS.label), ox.Literal(f"Person {number}", language="en"), graph)
    for number in range(COUNTRIES):
        country = _iri(resource(f"country-{number}"))
        yield ox.Quad(country, A, _iri(CKG.Country), graph)
        yield ox.Quad(country, _iri(RDFS.label), ox.Literal(f"Country {number}", language="en"), graph)


def article_quads(article: int, rng: random.Random) -> Iterator[ox.Quad]:
    """One synthetic article: document, sentences, markers, references, agreements and provenance."""
    doc = f"article-{article}"
    documents, facts, provenance = _iri(GRAPH_DOCUMENTS), _iri(GRAPH_FACTS), _iri(GRAPH_PROVENANCE)
    document = _iri(resource(doc))
    yield ox.Quad(document, A, _iri(CKG.Document), documents)
    yield ox.Quad(document, _iri(NIF.isString), ox.Literal(f"Văn bản {article} " * 20, language="vi"), documents)
    sentences = []
    for number in range(1, SENTENCES_PER_ARTICLE + 1):
        sentence = _iri(document_resource(doc, "sentence", number))
        sentences.append(sentence)
        begin = number * 100
        yield ox.Quad(sentence, A, _iri(CKG.Sentence), documents)
        yield ox.Quad(
            sentence, _iri(NIF.anchorOf), ox.Literal(f"Câu {number} của bài {article}.", language="vi"), documents
        )
        yield ox.Quad(sentence, _iri(NIF.beginIndex), _integer(begin), documents)
        yield ox.Quad(sentence, _iri(NIF.endIndex), _integer(begin + 90), documents)
        yield ox.Quad(sentence, _iri(NIF.referenceContext), document, documents)
        reference = _iri(document_resource(doc, "reference", rng.randint(1, REFERENCES_PER_ARTICLE)))
        yield ox.Quad(sentence, _iri(CITO.citesAsEvidence), reference, documents)
        marker = _iri(document_resource(doc, "marker", number))
        yield ox.Quad(marker, A, _iri(CKG.CitationMarker), documents)
        yield ox.Quad(marker, _iri(CKG.inSentence), sentence, documents)
        yield ox.Quad(marker, _iri(CKG.refersTo), reference, documents)
    for number in range(1, REFERENCES_PER_ARTICLE + 1):
        reference = _iri(document_resource(doc, "reference", number))
        yield ox.Quad(reference, A, _iri(CKG.Reference), documents)
        yield ox.Quad(reference, _iri(CKG.referenceNumber), _integer(number), documents)
        yield ox.Quad(reference, _iri(CKG.inDocument), document, documents)
    for number in range(AGREEMENTS_PER_ARTICLE):
        kind = AGREEMENT_KINDS[number % len(AGREEMENT_KINDS)]
        agreement = _iri(resource(f"{kind.lower()}-{article}-{number}"))
        yield ox.Quad(agreement, A, _iri(CKG[kind]), facts)
        yield ox.Quad(agreement, A, _iri(SEM.Event), facts)
        day = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        claims = [
            (_iri(CKG.signatory), _iri(resource(f"person-{rng.randrange(PEOPLE)}"))),
            (_iri(CKG.signatory), _iri(resource(f"person-{rng.randrange(PEOPLE)}"))),
            (_iri(CKG.mediator), _iri(resource(f"country-{rng.randrange(COUNTRIES)}"))),
            (_iri(CKG.signingDate), ox.Literal(day, datatype=_iri(XSD.date))),
        ]
        for predicate, value in claims:
            sentence = rng.choice(sentences)
            yield ox.Quad(agreement, predicate, value, facts)
            yield ox.Quad(agreement, _iri(PROV.wasDerivedFrom), sentence, facts)
            statement = _iri(document_resource(doc, "statement", f"{number}-{predicate.value[-4:]}-{value.value[-6:]}"))
            yield ox.Quad(statement, A, _iri(CKG.Statement), provenance)
            yield ox.Quad(statement, _iri(RDF.subject), agreement, provenance)
            yield ox.Quad(statement, _iri(RDF.predicate), predicate, provenance)
            yield ox.Quad(statement, _iri(RDF.object), value, provenance)
            yield ox.Quad(statement, _iri(PROV.wasDerivedFrom), sentence, provenance)
            yield ox.Quad(statement, _iri(CKG.confidence), ox.Literal("0.9", datatype=_iri(XSD.decimal)), provenance)


def synthetic_quads(triples: int, seed: int = 7) -> Iterator[ox.Quad]:
    """About ``triples`` quads (whole articles, so slightly more), the same for the same seed."""
    rng = random.Random(seed)
    produced = 0
    for quad in entity_quads():
        produced += 1
        yield quad
    article = 0
    while produced < triples:
        for quad in article_quads(article, rng):
            produced += 1
            yield quad
        article += 1


def build_store(path: Path, triples: int, seed: int = 7) -> int:
    """Write a fresh raw pyoxigraph store at ``path``; the number of quads in it."""
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(path))
    store.bulk_extend(synthetic_quads(triples, seed))
    store.optimize()
    size = len(store)
    del store
    return size


def main() -> None:
    """Command line: build a synthetic store."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", type=Path, required=True)
    arguments = parser.parse_args()
    started = time.perf_counter()
    size = build_store(arguments.store, arguments.triples, arguments.seed)
    print(f"{size:,} quads in {arguments.store} ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
