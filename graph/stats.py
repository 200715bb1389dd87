"""Aggregates over a store: counts per graph, class, property and document."""

from __future__ import annotations

import pyoxigraph as ox

from .namespaces import sparql_prefixes

COUNTS_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
DEFAULT_GRAPH_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNTS_PER_CLASS = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c"
COUNTS_PER_PROPERTY = "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p"
ENTITY_COUNT = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) }"
PER_DOCUMENT = sparql_prefixes() + """
SELECT ?doc ?kind (COUNT(?x) AS ?n) WHERE {
  { ?x nif:referenceContext ?doc ; a ckg:Sentence . BIND("sentences" AS ?kind) }
  UNION { ?x ckg:inDocument ?doc ; a ckg:Reference . BIND("references" AS ?kind) }
  UNION { ?x ckg:inDocument ?doc ; a ckg:ReferenceRecord . BIND("records" AS ?kind) }
  UNION { ?x ckg:inDocument ?doc ; a ckg:Note . BIND("notes" AS ?kind) }
  UNION { ?x ckg:inSentence ?s . ?s nif:referenceContext ?doc . BIND("markers" AS ?kind) }
  UNION { ?x a ckg:Statement ; prov:wasDerivedFrom ?s . ?s nif:referenceContext ?doc .
          BIND("statements" AS ?kind) }
} GROUP BY ?doc ?kind
"""


def _rows(store: ox.Store, query: str) -> list[tuple[str, int]]:
    return [
        (row[0].value, int(row[1].value)) if len(row) == 2 else ("", int(row[0].value))
        for row in store.query(query, use_default_graph_as_union=False)
    ]


def compute_stats(store: ox.Store) -> dict:
    """Counts a server or the CLI can show without scanning the store per request."""
    graphs = dict(_rows(store, COUNTS_PER_GRAPH))
    default_count = next(iter(store.query(DEFAULT_GRAPH_COUNT)))[0]
    graphs_total = sum(graphs.values()) + int(default_count.value)
    per_document: dict[str, dict[str, int]] = {}
    for row in store.query(PER_DOCUMENT, use_default_graph_as_union=True):
        per_document.setdefault(row["doc"].value, {})[row["kind"].value] = int(row["n"].value)
    return {
        "triples": graphs_total,
        "default_graph_triples": int(default_count.value),
        "graphs": graphs,
        "classes": dict(_rows(store, COUNTS_PER_CLASS)),
        "properties": dict(_rows(store, COUNTS_PER_PROPERTY)),
        "entities": _rows(store, ENTITY_COUNT)[0][1],
        "documents": per_document,
    }
