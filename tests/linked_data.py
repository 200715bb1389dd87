"""The store of the linked-data tests: the contract sample plus tests/fixtures/linked-data.trig."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from tests.browser.conftest import contract_sample_quads

LINKED_DATA = Path(__file__).parent / "fixtures" / "linked-data.trig"


def linked_data_quads() -> list[ox.Quad]:
    """The contract sample with the ontology, a revision URL, a record URL and place coordinates."""
    return contract_sample_quads() + list(ox.parse(path=str(LINKED_DATA), format=ox.RdfFormat.TRIG))


def linked_data_store() -> ox.Store:
    """An in-memory store of ``linked_data_quads()``."""
    store = ox.Store()
    store.extend(linked_data_quads())
    return store
