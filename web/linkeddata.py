"""Store reads behind the linked-data pages: a resource's description with the evidence of its facts, the timeline.

These are query-executor jobs (``web/querypool.py``): they take the executor's
``Engine`` and return picklable values. A resource page costs a fixed handful of
reads however many facts it shows: two pattern scans (outgoing, incoming), one
label query, three statement lookups and one batched evidence resolution.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice

import pyoxigraph as ox

from graph.evidence import EvidenceChain, evidence_about
from graph.namespaces import CKG, GRAPH_FACTS, RDFS, sparql_prefixes
from graph.terms import select, values_clause
from web.engine import Engine

# Incoming links listed on a page (a document is the object of every sentence in it).
INCOMING_LIMIT = 300

LABEL = ox.NamedNode(str(RDFS.label))

LABELS = sparql_prefixes() + """
SELECT ?x ?label WHERE {{ {values} GRAPH ?g {{ ?x rdfs:label ?label }} }}"""

# Event kinds on the timeline, by the class that puts an event in the kind.
TIMELINE_KINDS = {
    "agreement": (CKG.Agreement, CKG.Ceasefire, CKG.Armistice, CKG.Declaration, CKG.Protocol),
    "transfer": (CKG.TerritoryTransfer,),
    "capture": (CKG.Capture,),
}
TIMELINE = sparql_prefixes() + f"""
SELECT ?event ?class ?signed ?dated ?status WHERE {{
  VALUES ?class {{ {" ".join(f"<{iri}>" for kind in TIMELINE_KINDS.values() for iri in kind)} }}
  GRAPH <{GRAPH_FACTS}> {{
    ?event a ?class .
    OPTIONAL {{ ?event ckg:signingDate ?signed }}
    OPTIONAL {{ ?event ckg:date ?dated }}
    OPTIONAL {{ ?event ckg:status ?status }}
  }}
}}"""


@dataclass(frozen=True)
class ResourceDescription:
    """What a resource page shows: its triples (with graphs), incoming links, labels, evidence."""

    iri: str
    outgoing: list[ox.Quad]
    incoming: list[ox.Quad]
    incoming_truncated: bool
    labels: dict[str, dict[str, str]]
    evidence: list[EvidenceChain] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return bool(self.outgoing or self.incoming)

    def rdf_triples(self) -> list[ox.Triple]:
        """The RDF description: the triples with it as subject (all graphs) plus the labels of what they link to."""
        triples = dict.fromkeys(quad.triple for quad in self.outgoing)
        linked = {quad.object.value for quad in self.outgoing if isinstance(quad.object, ox.NamedNode)}
        for iri in sorted(linked - {self.iri}):
            for language, label in sorted(self.labels.get(iri, {}).items()):
                literal = ox.Literal(label, language=language) if language else ox.Literal(label)
                triples[ox.Triple(ox.NamedNode(iri), LABEL, literal)] = None
        return list(triples)


def _labels(store: ox.Store, iris: set[ox.NamedNode]) -> dict[str, dict[str, str]]:
    """rdfs:label per IRI and language tag ("" for plain literals); one query."""
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    if iris:
        for row in select(store, LABELS.format(values=values_clause("x", sorted(iris, key=str)))):
            if isinstance(row["label"], ox.Literal):
                labels[row["x"].value].setdefault(row["label"].language or "", row["label"].value)
    return dict(labels)


def describe_resource(engine: Engine, version: tuple[str, int], iri: str, with_evidence: bool) -> ResourceDescription:
    """A resource's outgoing and incoming triples, the labels of everything they mention and, for pages, evidence."""
    store = engine.reader(version)
    node = ox.NamedNode(iri)
    outgoing = list(store.quads_for_pattern(node, None, None, None))
    incoming = list(islice(store.quads_for_pattern(None, None, node, None), INCOMING_LIMIT + 1))
    truncated = len(incoming) > INCOMING_LIMIT
    del incoming[INCOMING_LIMIT:]
    mentioned = {node} | {quad.predicate for quad in outgoing + incoming}
    mentioned |= {quad.object for quad in outgoing if isinstance(quad.object, ox.NamedNode)}
    mentioned |= {quad.subject for quad in incoming if isinstance(quad.subject, ox.NamedNode)}
    evidence = evidence_about(store, node) if with_evidence and (outgoing or incoming) else []
    for chain in evidence:
        mentioned |= {term for term in (chain.subject, chain.predicate, chain.object) if isinstance(term, ox.NamedNode)}
    return ResourceDescription(iri, outgoing, incoming, truncated, _labels(store, mentioned), evidence)


@dataclass(frozen=True)
class TimelineEvent:
    """An agreement, transfer or capture with a date, for the timeline."""

    iri: str
    kind: str
    date: str
    status: str | None


def timeline_events(engine: Engine, version: tuple[str, int]) -> tuple[list[TimelineEvent], dict[str, dict[str, str]]]:
    """Dated agreements, territory transfers and captures (an agreement's signing date first), with their labels."""
    store = engine.reader(version)
    kind_of = {str(iri): kind for kind, classes in TIMELINE_KINDS.items() for iri in classes}
    found: dict[str, TimelineEvent] = {}
    for row in select(store, TIMELINE):
        date = row.get("signed") or row.get("dated")
        if date is not None and row["event"].value not in found:
            status = row["status"].value if "status" in row else None
            event = row["event"].value
            found[event] = TimelineEvent(event, kind_of[row["class"].value], date.value, status)
    mentioned = {ox.NamedNode(event.iri) for event in found.values()}
    mentioned |= {ox.NamedNode(event.status) for event in found.values() if event.status}
    events = sorted(found.values(), key=lambda event: (event.date, event.kind, event.iri))
    return events, _labels(store, mentioned)
