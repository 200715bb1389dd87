"""The parts of the store the audit reads, in a few whole-graph queries, indexed in Python."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.evidence import (
    DERIVED_FROM,
    RDF_TYPE,
    STATEMENTS_OF,
    alignments_query,
    markers_query,
    needs_statement,
    sentences_query,
)
from graph.namespaces import (
    CITO,
    CKG,
    GRAPH_ALIGNMENT,
    GRAPH_DOCUMENTS,
    GRAPH_FACTS,
    GRAPH_PROVENANCE,
    NIF,
    sparql_prefixes,
)
from graph.terms import Term, as_bool, as_float, as_int, as_text, rows_query, select

from .model import Fact, SentenceText

REFERENCES = rows_query(
    GRAPH_DOCUMENTS, "ref", ["a ckg:Reference"], {"number": "ckg:referenceNumber", "doc": "ckg:inDocument"}
)
RECORDS = rows_query(
    GRAPH_DOCUMENTS, "record", ["a ckg:ReferenceRecord"],
    {"doc": "ckg:inDocument", "broken": "ckg:isBroken", "title": "dcterms:title"},
)

RUNS = sparql_prefixes() + f"""
SELECT ?run ?started ?version WHERE {{
  GRAPH <{GRAPH_PROVENANCE}> {{
    ?run a prov:Activity .
    OPTIONAL {{ ?run prov:startedAtTime ?started }}
    OPTIONAL {{ ?run prov:wasAssociatedWith ?software OPTIONAL {{ ?software dcterms:hasVersion ?version }} }}
  }}
}}"""



@dataclass
class Statement:
    iri: Term
    fact: Fact
    sentences: set[Term] = field(default_factory=set)
    confidence: float | None = None
    begin: int | None = None
    end: int | None = None


@dataclass
class Sentence:
    iri: Term
    doc: Term | None
    begin: int | None
    end: int | None
    anchor: str | None


@dataclass
class Marker:
    iri: Term
    number: int | None
    sentence: Term | None
    ref: Term | None


@dataclass
class Reference:
    iri: Term
    number: int | None
    doc: Term | None


@dataclass
class Record:
    iri: Term
    doc: Term | None
    broken: bool | None
    title: str | None


@dataclass
class Snapshot:
    """The parts of the store the audit needs, read once and indexed in Python."""

    facts: set[Fact]
    events: set[Term]
    derived: dict[Term, set[Term]]  # event -> sentences that mention it (facts graph)
    statements: dict[Term, Statement]
    by_fact: dict[Fact, list[Statement]]
    sentences: dict[Term, Sentence]
    markers: dict[Term, Marker]
    references: dict[Term, Reference]
    records: dict[Term, Record]
    cites: dict[Term, set[Term]]  # sentence -> references (cito:citesAsEvidence or its markers)
    described_by: dict[Term, set[Term]]  # reference -> records
    alignments: dict[tuple[Term, Term], tuple[float | None, str | None]]
    documents: set[Term]

    def statement_sentences(self, fact: Fact) -> set[Term]:
        return {sentence for statement in self.by_fact.get(fact, ()) for sentence in statement.sentences}

    def sentence_text(self, iris: Iterable[Term]) -> tuple[SentenceText, ...]:
        found = [self.sentences.get(iri) for iri in iris]
        ordered = sorted(
            (s for s in found if s is not None), key=lambda s: (str(s.doc), s.begin or 0, s.iri.value)
        )
        return tuple(SentenceText(s.iri.value, s.anchor) for s in ordered)


def _first(rows: Iterable[dict[str, Term]], key: str) -> dict[Term, dict[str, Term]]:
    """Rows indexed by one variable (a resource with a repeated optional keeps its first row)."""
    indexed: dict[Term, dict[str, Term]] = {}
    for row in rows:
        indexed.setdefault(row[key], row)
    return indexed


def read_snapshot(store: ox.Store) -> Snapshot:
    """Read facts, statements, sentences, citations, records and alignments in whole-graph passes."""
    facts_graph = ox.NamedNode(str(GRAPH_FACTS))
    documents_graph = ox.NamedNode(str(GRAPH_DOCUMENTS))
    facts: set[Fact] = set()
    events: set[Term] = set()
    derived: dict[Term, set[Term]] = defaultdict(set)
    for quad in store.quads_for_pattern(None, None, None, facts_graph):
        if needs_statement(quad.predicate, quad.object):
            facts.add((quad.subject, quad.predicate, quad.object))
        elif quad.predicate == DERIVED_FROM:
            derived[quad.subject].add(quad.object)
        else:
            events.add(quad.subject)

    statements: dict[Term, Statement] = {}
    for row in select(store, STATEMENTS_OF):
        statement = statements.get(row["statement"])
        if statement is None:
            statement = statements[row["statement"]] = Statement(
                row["statement"], (row["s"], row["p"], row["o"]),
                confidence=as_float(row.get("confidence")),
                begin=as_int(row.get("begin")),
                end=as_int(row.get("end")),
            )
        if "sentence" in row:
            statement.sentences.add(row["sentence"])
    by_fact: dict[Fact, list[Statement]] = defaultdict(list)
    for statement in statements.values():
        by_fact[statement.fact].append(statement)

    sentences = {
        iri: Sentence(iri, row.get("doc"), as_int(row.get("begin")), as_int(row.get("end")), as_text(row.get("anchor")))
        for iri, row in _first(select(store, sentences_query()), "sentence").items()
    }
    markers = {
        iri: Marker(iri, as_int(row.get("number")), row.get("sentence"), row.get("ref"))
        for iri, row in _first(select(store, markers_query()), "marker").items()
    }
    references = {
        iri: Reference(iri, as_int(row.get("number")), row.get("doc"))
        for iri, row in _first(select(store, REFERENCES), "ref").items()
    }
    records = {
        iri: Record(iri, row.get("doc"), as_bool(row.get("broken")), as_text(row.get("title")))
        for iri, row in _first(select(store, RECORDS), "record").items()
    }
    cites: dict[Term, set[Term]] = defaultdict(set)
    for quad in store.quads_for_pattern(None, ox.NamedNode(str(CITO.citesAsEvidence)), None, documents_graph):
        cites[quad.subject].add(quad.object)
    for marker in markers.values():
        if marker.sentence is not None and marker.ref is not None:
            cites[marker.sentence].add(marker.ref)
    described_by: dict[Term, set[Term]] = defaultdict(set)
    described = ox.NamedNode(str(CKG.describedBy))
    for quad in store.quads_for_pattern(None, described, None, ox.NamedNode(str(GRAPH_ALIGNMENT))):
        described_by[quad.subject].add(quad.object)
    alignments = {
        (row["ref"], row["record"]): (as_float(row.get("confidence")), as_text(row.get("evidence")))
        for row in select(store, alignments_query())
    }
    document_type = ox.NamedNode(str(CKG.Document))
    documents = {quad.subject for quad in store.quads_for_pattern(None, RDF_TYPE, document_type, documents_graph)}
    return Snapshot(
        facts, events, derived, statements, by_fact, sentences, markers, references, records,
        cites, described_by, alignments, documents,
    )


def document_texts(store: ox.Store, documents: Iterable[Term]) -> dict[Term, str]:
    """``nif:isString`` of each document, fetched once per document."""
    graph = ox.NamedNode(str(GRAPH_DOCUMENTS))
    is_string = ox.NamedNode(str(NIF.isString))
    texts = {}
    for doc in documents:
        for quad in store.quads_for_pattern(doc, is_string, None, graph):
            texts[doc] = quad.object.value
    return texts


def read_runs(store: ox.Store) -> list[dict]:
    """The extraction runs recorded in the provenance graph, oldest first."""
    found = {}
    for row in select(store, RUNS):
        found.setdefault(row["run"].value, {
            "iri": row["run"].value,
            "started": as_text(row.get("started")),
            "version": as_text(row.get("version")),
        })
    return sorted(found.values(), key=lambda run: (run["started"] or "", run["iri"]))

