"""``ckg export``: dump the whole store, named graphs kept where the format can."""

from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

from .namespaces import PREFIXES

EXPORT_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "ttl": ox.RdfFormat.TURTLE,
}


def export(store: ox.Store, format_name: str, output: BinaryIO) -> bool:
    """Write every quad; returns False when the format dropped graph names (Turtle)."""
    rdf_format = EXPORT_FORMATS[format_name]
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    if rdf_format.supports_datasets:
        store.dump(output, format=rdf_format, prefixes=prefixes if rdf_format is ox.RdfFormat.TRIG else None)
        return True
    # Turtle holds one graph: write the union of all graphs, each triple once.
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None)}
    ox.serialize(sorted(triples, key=str), output, format=rdf_format, prefixes=prefixes)
    return False
