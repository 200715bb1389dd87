"""Stores for the audit tests: the hand-made fixture, and faults seeded into copies."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graph.namespaces import sparql_prefixes

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = FIXTURES / "audit-clean.trig"
DOC = "https://w3id.org/conflict-kg/resource/demo-2020"
# Prefixes for seeding faults: the project's, plus the fixture document's parts.
PREFIXES = sparql_prefixes() + "".join(
    f"PREFIX {kind}: <{DOC}/{kind}/>\n" for kind in ("sentence", "marker", "reference", "record", "alignment")
) + "PREFIX g: <https://w3id.org/conflict-kg/graph/>\n"


def load(*paths: Path) -> ox.Store:
    """An in-memory store holding the given TriG files."""
    store = ox.Store()
    for path in paths:
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return store


def copy_of(data: bytes) -> ox.Store:
    """A fresh in-memory store from an N-Quads dump (each test corrupts its own copy)."""
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.N_QUADS)
    return store


def dump(store: ox.Store) -> bytes:
    return store.dump(format=ox.RdfFormat.N_QUADS)


def seed(store: ox.Store, update: str) -> ox.Store:
    """Apply a SPARQL Update (the fault) and return the store."""
    store.update(PREFIXES + update)
    return store
