"""The store work of the server, run inside a killable query executor process.

Each function takes the executor's ``Engine`` (its read-only snapshot, reopened
when the store's version changes) and plain picklable arguments, and returns
plain picklable values or raises ``CkgError``. A remote store (a URL) is read
through ``graph.remote.RemoteReader``; writes to it are refused here (405): the
staging store, its statistics and text index would no longer describe it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from extract.errors import CkgError
from graph import derived, writes
from graph import store as stores
from graph.namespaces import SEM
from graph.remote import RemoteReader, RemoteStore, is_remote
from graph.search import index_commits, index_path
from graph.stats import compute_stats
from web.conneg import GRAPH_FORMATS, RESULT_FORMATS, Format
from web.errors import bad_request, syntax_error
from web.results import Serialized, serialize, serialize_triples


@dataclass
class Engine:
    """A read-only snapshot of the store (or a remote store's reader), reopened when the store's version changes."""

    store_dir: Path | str
    version: tuple[str, int] | None = None
    _reader: ox.Store | RemoteReader | None = field(default=None, repr=False)

    def reader(self, version: tuple[str, int]) -> ox.Store | RemoteReader:
        """The snapshot for ``version`` (the caller read it just before, with ``store_version``)."""
        if self._reader is None or version != self.version:
            self._reader = None
            if is_remote(self.store_dir):
                self._reader = RemoteReader(RemoteStore.from_url(self.store_dir))
            else:
                self._reader = stores.open_read_only(self.store_dir)
            self.version = version
        return self._reader

    def writable_dir(self) -> Path:
        """The store directory to write in place; 405 for a remote store."""
        if is_remote(self.store_dir):
            message = (
                f"{RemoteStore.from_url(self.store_dir).query_url} is a remote store served read-only: "
                "write to it directly, or rebuild it with 'ckg build --store URL'"
            )
            raise CkgError(message, status=405, type="read-only-remote-store")
        return Path(self.store_dir)


@dataclass(frozen=True)
class QueryJob:
    """A SPARQL query with its protocol dataset and the chosen response format."""

    text: str
    base_iri: str
    media_type: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_rows: int | None = None


def named_node(iri: str) -> ox.NamedNode:
    """The IRI a client named (a graph, a dataset member) as a term; 400 when it is not an IRI."""
    try:
        return ox.NamedNode(iri)
    except ValueError as error:
        raise bad_request(f"not an IRI: {iri!r} ({error})", "bad-iri") from None


_BY_MEDIA_TYPE = {fmt.media_type: fmt for fmt in RESULT_FORMATS + GRAPH_FORMATS}


def format_for(media_type: str) -> Format:
    """The Format with this canonical media type (Formats themselves cannot cross a pipe)."""
    return _BY_MEDIA_TYPE[media_type]


def ping(engine: Engine, version: tuple[str, int]) -> None:
    """Open the store, proving that it opens."""
    engine.reader(version)


def run_query(engine: Engine, version: tuple[str, int], job: QueryJob) -> Serialized:
    """Evaluate a query over the union default graph, or over the protocol's dataset when given."""
    store = engine.reader(version)
    if job.default_graphs or job.named_graphs:
        dataset: dict = {
            "default_graph": [named_node(iri) for iri in job.default_graphs],
            "named_graphs": [named_node(iri) for iri in job.named_graphs],
        }
    else:
        dataset = {"use_default_graph_as_union": True}
    try:
        result = store.query(job.text, base_iri=job.base_iri, **dataset)
        return serialize(result, format_for(job.media_type), job.max_rows)
    except SyntaxError as error:
        raise syntax_error(error) from None
    except (OSError, ValueError, RuntimeError) as error:
        raise CkgError(str(error), type="query-evaluation-error") from None


def run_update(engine: Engine, version: tuple[str, int], text: str, base_iri: str) -> None:
    """Apply a SPARQL update through the store's single writer."""
    try:
        stores.write_in_place(engine.writable_dir(), writes.SparqlUpdate(text, base_iri))
        derived.background.request(engine.store_dir)
    except SyntaxError as error:
        raise syntax_error(error, "update") from None
    except (OSError, ValueError, RuntimeError) as error:
        # pyoxigraph reports evaluation failures (e.g. CLEAR of a missing graph) as RuntimeError.
        raise CkgError(str(error), type="update-evaluation-error") from None


def _graph_name(graph: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph is None else named_node(graph)


def read_graph(engine: Engine, version: tuple[str, int], graph: str | None, media_type: str) -> Serialized | None:
    """One graph (``None``: the store's own default graph) serialised, or None when it does not exist."""
    store = engine.reader(version)
    name = _graph_name(graph)
    if not writes.graph_exists(store, name):
        return None
    fmt = format_for(media_type)
    quads = store.quads_for_pattern(None, None, None, name)
    # Dataset formats keep the graph name; triple formats get the graph's triples.
    return serialize_triples(quads if fmt.rdf.supports_datasets else (quad.triple for quad in quads), fmt)


@dataclass(frozen=True)
class RdfPayload:
    """One RDF document of a Graph Store request (one part of a multipart body)."""

    data: bytes
    media_type: str


def _parse_graph(payload: RdfPayload, base_iri: str, name: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
    rdf_format = ox.RdfFormat.from_media_type(payload.media_type)
    if rdf_format is None:
        message = f"{payload.media_type!r} is not an RDF format this server reads"
        raise CkgError(message, status=415, type="unsupported-media-type")
    try:
        parsed = list(ox.parse(payload.data, format=rdf_format, base_iri=base_iri))
    except SyntaxError as error:
        raise syntax_error(error, "rdf") from None
    if any(not isinstance(quad.graph_name, ox.DefaultGraph) for quad in parsed):
        raise bad_request("a graph document may not contain named graphs", "named-graph-in-graph-document")
    return [ox.Quad(quad.subject, quad.predicate, quad.object, name) for quad in parsed]


def write_graph(
    engine: Engine,
    version: tuple[str, int],
    graph: str | None,
    base_iri: str,
    payloads: list[RdfPayload],
    replace: bool,
) -> bool:
    """PUT (``replace``) or POST RDF into one graph; True when the graph did not exist before."""
    store_dir = engine.writable_dir()
    name = _graph_name(graph)
    quads = [quad for payload in payloads for quad in _parse_graph(payload, base_iri, name)]
    created = stores.write_in_place(store_dir, writes.GraphWrite.of(graph, quads, replace))
    derived.background.request(store_dir)
    return created


def delete_graph(engine: Engine, version: tuple[str, int], graph: str | None) -> bool:
    """Remove a named graph (or empty the default graph); False when there was no such graph."""
    store_dir = engine.writable_dir()
    _graph_name(graph)  # 400 for a bad IRI
    existed = stores.write_in_place(store_dir, writes.GraphDelete(graph))
    derived.background.request(store_dir)
    return existed


@dataclass(frozen=True)
class DerivedStatus:
    """Which store version the statistics and the text index describe (labels: ``{generation}.{commits}``)."""

    store_version: str
    stats_version: str | None
    index_version: str | None
    triples: int | None
    index: str | None  # path of the text index, None when the store has none


def _label(version: tuple[str, int], commits: int | None) -> str | None:
    return None if commits is None else stores.version_label((version[0], commits))


def derived_status(
    engine: Engine, version: tuple[str, int], wait: float = derived.READER_WAIT_SECONDS
) -> DerivedStatus:
    """Open the store (proving it opens), give a pending refresh up to ``wait`` seconds, say what is described."""
    engine.reader(version)
    derived.wait_until_fresh(engine.store_dir, wait)
    statistics = stores.read_stats(engine.store_dir)
    index = index_path(engine.store_dir)
    return DerivedStatus(
        store_version=stores.version_label(version),
        stats_version=_label(version, statistics.get("commits", 0) if statistics else None),
        index_version=_label(version, index_commits(index) if index else None),
        triples=statistics.get("triples") if statistics else None,
        index=str(index) if index else None,
    )


def dataset_statistics(engine: Engine, version: tuple[str, int]) -> dict:
    """Counts for VoID, the service description and the landing page, with ``commits``: the version they describe.

    The statistics kept beside the store when they are (or become, within a short wait) current;
    older ones, saying so, while a refresh is still running; computed now when the store keeps none.
    """
    store = engine.reader(version)
    derived.wait_until_fresh(engine.store_dir)
    statistics = stores.read_stats(engine.store_dir)
    if statistics is None or "graphs" not in statistics:
        statistics = compute_stats(store) | {"commits": version[1]}
    statistics.setdefault("commits", 0)
    statistics["describes"] = stores.version_label((version[0], statistics["commits"]))
    statistics["examples"] = example_resources(store)
    return statistics


# Events make the best examples of what the data is about; any typed resource will do when there are none.
EXAMPLE_QUERIES = (
    f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s a <{SEM.Event}> }} }} LIMIT 3",
    "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a ?c } FILTER(isIRI(?s)) } LIMIT 3",
)


def example_resources(store: ox.Store) -> list[str]:
    """Up to three resources for VoID's void:exampleResource."""
    for query in EXAMPLE_QUERIES:
        examples = [row["s"].value for row in store.query(query)]
        if examples:
            return examples
    return []
