"""In-place writes (SPARQL Update, Graph Store PUT/POST/DELETE) as values that can be journaled and replayed.

The server applies a write to the current generation; while a ``ckg build`` or
``ckg load`` is making a new generation, the same write is also appended to the
store's journal, and the build replays it onto the new generation before that
becomes current (``graph/store.py``). One ``apply`` serves both, so a replayed
write means what the acknowledged one meant.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import pyoxigraph as ox


def graph_term(graph: str | None) -> ox.NamedNode | ox.DefaultGraph:
    """A graph IRI as a term; None is the store's own default graph."""
    return ox.DefaultGraph() if graph is None else ox.NamedNode(graph)


def graph_exists(store: ox.Store, name: ox.NamedNode | ox.DefaultGraph) -> bool:
    """The default graph always exists; a named graph when the store knows it."""
    return isinstance(name, ox.DefaultGraph) or store.contains_named_graph(name)


@dataclass(frozen=True)
class SparqlUpdate:
    """A SPARQL 1.1 Update (its dataset already applied to the text)."""

    text: str
    base_iri: str

    def apply(self, store: ox.Store) -> None:
        store.update(self.text, base_iri=self.base_iri)


@dataclass(frozen=True)
class GraphWrite:
    """Graph Store PUT (``replace``) or POST of triples into one graph; ``apply`` says whether it was created."""

    graph: str | None
    nquads: str  # the triples, already in the target graph, as N-Quads (blank node labels kept)
    replace: bool

    @classmethod
    def of(cls, graph: str | None, quads: list[ox.Quad], replace: bool) -> GraphWrite:
        buffer = io.BytesIO()
        ox.serialize(quads, buffer, format=ox.RdfFormat.N_QUADS)
        return cls(graph, buffer.getvalue().decode("utf-8"), replace)

    def apply(self, store: ox.Store) -> bool:
        name = graph_term(self.graph)
        empty = next(iter(store.quads_for_pattern(None, None, None, name)), None) is None
        created = not graph_exists(store, name) or empty
        if self.replace:
            store.clear_graph(name)
        if isinstance(name, ox.NamedNode):
            store.add_graph(name)
        store.extend(ox.parse(self.nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
        return created


@dataclass(frozen=True)
class GraphDelete:
    """Graph Store DELETE: remove a named graph, or empty the default graph; False when there was none."""

    graph: str | None

    def apply(self, store: ox.Store) -> bool:
        name = graph_term(self.graph)
        if not graph_exists(store, name):
            return False
        if isinstance(name, ox.DefaultGraph):
            store.clear_graph(name)
        else:
            store.remove_graph(name)
        return True


Write = SparqlUpdate | GraphWrite | GraphDelete
_KINDS = {"update": SparqlUpdate, "graph-write": GraphWrite, "graph-delete": GraphDelete}


def to_json(write: Write) -> str:
    """One journal line."""
    kind = next(name for name, cls in _KINDS.items() if isinstance(write, cls))
    return json.dumps({"kind": kind, **write.__dict__}, ensure_ascii=False)


def from_json(line: str) -> Write:
    """The write a journal line holds."""
    fields = json.loads(line)
    return _KINDS[fields.pop("kind")](**fields)
