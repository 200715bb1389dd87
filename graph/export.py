"""``ckg export``: dump the whole store, named graphs kept where the format can."""

from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

from .formats import GRAPH_FORMATS, by_name, named
from .namespaces import PREFIXES

# The RDF formats ``ckg export`` writes.
EXPORT_FORMATS = named(("trig", "nq", "ttl", "jsonld"), GRAPH_FORMATS)


def export(store: ox.Store, format_name: str, output: BinaryIO) -> bool:
    """Write every quad; returns False when the format dropped graph names (Turtle)."""
    fmt = by_name(format_name, EXPORT_FORMATS)
    if fmt is None:
        raise KeyError(format_name)
    rdf_format = fmt.rdf
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    if fmt.keeps_graphs:
        store.dump(output, format=rdf_format, prefixes=prefixes if rdf_format is ox.RdfFormat.TRIG else None)
        return True
    # Turtle holds one graph: write the union of all graphs, each triple once.
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None)}
    ox.serialize(sorted(triples, key=str), output, format=rdf_format, prefixes=prefixes)
    return False
