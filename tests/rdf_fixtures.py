"""The hand-written RDF fixtures under tests/fixtures, read as one rdflib graph."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from graph.validate import union_graph

FIXTURES = Path(__file__).parent / "fixtures"


def read_fixture(name: str) -> Graph:
    """A TriG (or Turtle) fixture with all its named graphs merged."""
    dataset = Dataset()
    dataset.parse(FIXTURES / name, format="trig")
    return union_graph(dataset)
