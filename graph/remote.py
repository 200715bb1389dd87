"""A remote SPARQL 1.1 endpoint as the store: push named graphs with the Graph Store Protocol, proxy queries.

``--store`` takes a URL instead of a directory::

    http://dba:dba@127.0.0.1:8890/sparql                       Virtuoso, graph store at /sparql-graph-crud-auth
    http://127.0.0.1:3030/ds/sparql#graph-store=/ds/data       Fuseki (any server: say where its graph store is)

The URL names the query endpoint. Its user and password (if any) are sent with
HTTP digest or basic authentication, whichever the server asks for, to the graph
store only; they are never sent with queries (use TLS for anything but localhost). The graph store endpoint is the
``#graph-store=`` fragment (absolute, or relative to the query endpoint; fragments
never reach servers), else Virtuoso's: ``/sparql-graph-crud-auth`` with credentials,
``/sparql-graph-crud`` without.

``ckg build --store URL`` builds locally (the staging store keeps the extraction
cache and the text index) and then pushes each named graph: a PUT of its first
chunk and POSTs of the rest (memory stays bounded whatever the graph size) into a
temporary graph, then one SPARQL 1.1 Update ``MOVE`` of the temporary graph onto
the real one. A graph on the remote is therefore always either its old content or
the complete new one, never half-written; a failure says which graphs were replaced
and which were not, and the next build pushes them all again. Updates go to the
``#update=`` fragment of the URL, else Virtuoso's ``/sparql-auth`` with credentials
(the query URL without). Graphs on the remote that the build does not produce are
left alone.

``ckg query``/``ckg serve --store URL`` read through ``RemoteReader``: the part of
pyoxigraph's ``Store`` read API the server, the pages and the audit use, answered
by the endpoint and parsed back into pyoxigraph results. The query's default
graph is the endpoint's own (Virtuoso's is the union of all its graphs, as ours
is); the protocol's dataset becomes ``default-graph-uri``/``named-graph-uri``.
Writes never go through it.
"""

from __future__ import annotations

import base64
import io
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urljoin, urlsplit, urlunsplit

import pyoxigraph as ox

from extract.errors import CkgError

from .sparql_lexer import query_form

CHUNK_TRIPLES = 50_000
TIMEOUT_SECONDS = 300
STAGING_ROOT = Path("data/remote")
N_TRIPLES = "application/n-triples"
VIRTUOSO_GRAPH_STORE = {True: "sparql-graph-crud-auth", False: "sparql-graph-crud"}
VIRTUOSO_UPDATE = {True: "sparql-auth", False: ""}
# Where a graph is written before it is moved into place (one per graph: a rerun overwrites a leftover).
PUSH_SUFFIX = "#ckg-push"
SPARQL_JSON = "application/sparql-results+json"
RESULT_FORMATS = {SPARQL_JSON: ox.QueryResultsFormat.JSON, "application/sparql-results+xml": ox.QueryResultsFormat.XML}


class RemoteError(CkgError):
    """The remote endpoint refused a request or could not be reached; the message says which and why."""

    status, type = 502, "remote-store-error"


def is_remote(location: str | Path) -> bool:
    """True when a ``--store`` value is an http(s) URL rather than a directory."""
    return isinstance(location, str) and re.match(r"https?://", location, re.IGNORECASE) is not None


def store_location(value: str | Path) -> str | Path:
    """A ``--store`` value as a setting: a URL stays text (``Path`` would turn ``http://`` into ``http:/``)."""
    return value if isinstance(value, Path) or is_remote(value) else Path(value)


@dataclass(frozen=True)
class RemoteStore:
    """Where a remote store answers queries and takes graphs, and the credentials for writes."""

    query_url: str
    graph_store_url: str
    update_url: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_url(cls, url: str) -> RemoteStore:
        """Parse a ``--store`` URL (see the module documentation)."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise RemoteError(f"{url}: not an http(s) URL of a SPARQL endpoint")
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        query_url = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        fragment = parse_qs(parts.fragment)
        credentials = parts.username is not None
        graph_store = fragment.get("graph-store", [VIRTUOSO_GRAPH_STORE[credentials]])[0]
        update = fragment.get("update", [VIRTUOSO_UPDATE[credentials]])[0]
        return cls(
            query_url, urljoin(query_url, graph_store), urljoin(query_url, update), parts.username, parts.password
        )

    def staging_dir(self) -> Path:
        """The local store a remote build stages in (extraction cache, text index, statistics)."""
        parts = urlsplit(self.query_url)
        return STAGING_ROOT / re.sub(r"[^A-Za-z0-9.-]+", "_", f"{parts.hostname}-{parts.port}{parts.path}").strip("_")

    def _authorize(self, request: urllib.request.Request, endpoint: str) -> None:
        """Add credentials to a write request (graph store or update ``endpoint``) before it is sent.

        Servers may close the connection when a large body arrives unauthenticated
        (Virtuoso resets it), so the challenge is fetched first with a body-less GET
        and answered in the real request (digest, or basic if that is what is asked).
        """
        if self.user is None:
            return
        try:
            urllib.request.urlopen(urllib.request.Request(endpoint), timeout=TIMEOUT_SECONDS).close()
            return  # the server asks for no credentials
        except urllib.error.HTTPError as error:
            challenge = error.headers.get("WWW-Authenticate", "") if error.code == 401 else ""
        except (urllib.error.URLError, OSError) as error:
            raise RemoteError(f"GET {endpoint}: {error}") from None
        scheme, _, parameters = challenge.partition(" ")
        if scheme.lower() == "basic":
            token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
            request.add_unredirected_header("Authorization", f"Basic {token}")
        elif scheme.lower() == "digest":
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, endpoint, self.user, self.password or "")
            fields = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(parameters)))
            answer = urllib.request.HTTPDigestAuthHandler(passwords).get_authorization(request, fields)
            if answer is None:
                raise RemoteError(f"{endpoint}: cannot answer the digest challenge {challenge!r}")
            request.add_unredirected_header("Authorization", f"Digest {answer}")

    def _send(self, request: urllib.request.Request, timeout: float = TIMEOUT_SECONDS) -> tuple[str, bytes]:
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as error:
            # One line for the CLI: the server's message, whitespace folded, cut short.
            detail = " ".join(error.read(2000).decode("utf-8", "replace").split())[:300] or error.reason
            raise RemoteError(f"{request.get_method()} {request.full_url}: HTTP {error.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            raise RemoteError(f"{request.get_method()} {request.full_url}: {error}") from None

    def _write(self, method: str, graph: str, body: bytes | None = None) -> None:
        """One authenticated graph store request."""
        headers = {"Content-Type": N_TRIPLES} if body is not None else {}
        request = urllib.request.Request(self._graph_url(graph), data=body, method=method, headers=headers)
        self._authorize(request, self.graph_store_url)
        self._send(request)

    def update(self, text: str) -> None:
        """Run a SPARQL 1.1 Update on the update endpoint (authenticated like graph store writes)."""
        request = urllib.request.Request(
            self.update_url,
            data=urlencode([("update", text)]).encode(),
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        self._authorize(request, self.update_url)
        self._send(request)

    def _graph_url(self, graph: str) -> str:
        return f"{self.graph_store_url}?graph={quote(graph, safe='')}"

    def write_graph(self, graph: str, ntriples_chunks: Iterator[bytes]) -> None:
        """Replace ``graph`` with the N-Triples chunks: PUT the first, POST (append) the others."""
        method = "PUT"
        for chunk in ntriples_chunks:
            self._write(method, graph, chunk)
            method = "POST"
        if method == "PUT":  # no triples at all: the graph becomes empty
            self.delete_graph(graph)

    def replace_graph(self, graph: str, ntriples_chunks: Iterator[bytes]) -> None:
        """Replace ``graph`` whole or not at all: write the chunks to a temporary graph, then MOVE it into place."""
        temporary = temporary_graph(graph)
        self.write_graph(temporary, ntriples_chunks)
        self.update(f"MOVE SILENT GRAPH <{temporary}> TO GRAPH <{graph}>")

    def delete_graph(self, graph: str) -> None:
        """Remove ``graph`` from the remote (a graph that does not exist is not an error)."""
        try:
            self._write("DELETE", graph)
        except RemoteError as error:
            if "HTTP 404" not in str(error):
                raise

    def query(
        self,
        text: str,
        accept: str,
        *,
        default_graphs: Iterable[str] = (),
        named_graphs: Iterable[str] = (),
        timeout: float = TIMEOUT_SECONDS,
    ) -> tuple[str, bytes]:
        """Run a query on the remote endpoint (form POST, protocol dataset if given); the media type and body."""
        fields = [("query", text)]
        fields += [("default-graph-uri", iri) for iri in default_graphs]
        fields += [("named-graph-uri", iri) for iri in named_graphs]
        request = urllib.request.Request(
            self.query_url,
            data=urlencode(fields).encode(),
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )
        return self._send(request, timeout)


class RemoteTriples(list):
    """Triples of a remote CONSTRUCT/DESCRIBE, serialisable like a local ``QueryTriples``."""

    def serialize(self, output: object = None, format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> bytes | None:
        return ox.serialize(self, output, format=format)


Term = ox.NamedNode | ox.BlankNode | ox.Literal
QueryResult = ox.QuerySolutions | ox.QueryBoolean | RemoteTriples


def _graph_iris(graphs: ox.NamedNode | Iterable[ox.NamedNode] | None) -> list[str]:
    if graphs is None:
        return []
    graphs = [graphs] if isinstance(graphs, ox.NamedNode | ox.DefaultGraph) else list(graphs)
    if any(not isinstance(graph, ox.NamedNode) for graph in graphs):
        raise ValueError("a remote store's dataset can only name graphs by IRI")
    return [graph.value for graph in graphs]


@dataclass(frozen=True)
class RemoteReader:
    """The read-only ``Store`` API the server, pages and audit use, answered by a remote endpoint.

    ``query`` checks the syntax locally first (pyoxigraph, on an empty store), so a bad
    query fails as it would on a local store, with its line and column.
    """

    remote: RemoteStore
    timeout: float = TIMEOUT_SECONDS

    def query(
        self,
        query: str,
        *,
        prefixes: Mapping[str, str] | None = None,
        base_iri: str | None = None,
        use_default_graph_as_union: bool = False,
        default_graph: ox.NamedNode | Iterable[ox.NamedNode] | None = None,
        named_graphs: Iterable[ox.NamedNode] | None = None,
        substitutions: Mapping[ox.Variable, Term] | None = None,
    ) -> QueryResult:
        """Run ``query`` on the endpoint; the same result types as ``Store.query``.

        ``use_default_graph_as_union`` is accepted for compatibility: the endpoint's
        default graph is what it is. ``substitutions`` become a trailing ``VALUES``.
        """
        ox.Store().query(query, prefixes=prefixes, base_iri=base_iri)
        prologue = f"BASE <{base_iri}>\n" if base_iri else ""
        prologue += "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in (prefixes or {}).items())
        text = prologue + query
        if substitutions:
            names = " ".join(str(variable) for variable in substitutions)
            text += f"\nVALUES ({names}) {{ ({' '.join(str(term) for term in substitutions.values())}) }}"
        graph_result = query_form(query) in ("CONSTRUCT", "DESCRIBE")
        media_type, body = self.remote.query(
            text,
            N_TRIPLES if graph_result else SPARQL_JSON,
            default_graphs=_graph_iris(default_graph),
            named_graphs=_graph_iris(named_graphs),
            timeout=self.timeout,
        )
        if media_type in RESULT_FORMATS:
            return ox.parse_query_results(body, format=RESULT_FORMATS[media_type])
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None:
            raise RemoteError(f"{self.remote.query_url} answered {media_type!r}, neither SPARQL results nor RDF")
        return RemoteTriples(quad.triple for quad in ox.parse(body, format=rdf_format))

    def quads_for_pattern(
        self,
        subject: ox.NamedNode | ox.BlankNode | None,
        predicate: ox.NamedNode | None,
        object: Term | None,
        graph_name: ox.NamedNode | ox.DefaultGraph | None = None,
    ) -> Iterator[ox.Quad]:
        """Quads matching the pattern in the endpoint's named graphs.

        The endpoint's default graph is not a graph of its own (Virtuoso's is the
        union), and ``ckg build`` pushes nothing there: it holds no quads here.
        """
        if isinstance(graph_name, ox.DefaultGraph):
            return iter(())
        # Bound terms go into the pattern itself, so the endpoint uses its indexes.
        terms = {"s": subject, "p": predicate, "o": object, "g": graph_name}
        shown = {name: f"?{name}" if term is None else str(term) for name, term in terms.items()}
        solutions = self.query(f"SELECT * WHERE {{ GRAPH {shown['g']} {{ {shown['s']} {shown['p']} {shown['o']} }} }}")
        return (
            ox.Quad(*(row[name] if term is None else term for name, term in terms.items())) for row in solutions
        )

    def contains_named_graph(self, graph_name: ox.NamedNode) -> bool:
        """True when the endpoint has a non-empty graph of that name."""
        return bool(self.query(f"ASK {{ GRAPH {graph_name} {{ ?s ?p ?o }} }}"))


def _triple_chunks(store: ox.Store, graph: ox.NamedNode, size: int) -> Iterator[bytes]:
    """The graph's triples as N-Triples documents of at most ``size`` triples each."""
    triples = (quad.triple for quad in store.quads_for_pattern(None, None, None, graph))
    while chunk := list(islice(triples, size)):
        buffer = io.BytesIO()
        ox.serialize(chunk, buffer, format=ox.RdfFormat.N_TRIPLES)
        yield buffer.getvalue()


def temporary_graph(graph: str) -> str:
    """The graph a push writes ``graph`` into before moving it into place."""
    return graph.split("#", 1)[0] + PUSH_SUFFIX


class PushError(RemoteError):
    """A push stopped midway: which graphs now hold the new content and which still the old."""

    def __init__(self, remote: RemoteStore, failed: str, cause: RemoteError, replaced: list[str], pending: list[str]):
        self.replaced, self.pending = replaced, pending
        super().__init__(
            f"push to {remote.query_url} stopped at graph <{failed}>: {cause} | replaced (new content): "
            f"{len(replaced)} graph(s) {' '.join(f'<{g}>' for g in replaced) or '-'} | not replaced (old content, "
            f"whole): {len(pending)} graph(s) {' '.join(f'<{g}>' for g in pending)} | run the same "
            "'ckg build --store URL' again to finish"
        )


def push_store(
    store: ox.Store,
    remote: RemoteStore,
    *,
    chunk_triples: int = CHUNK_TRIPLES,
    on_graph: Callable[[str], None] | None = None,
) -> list[str]:
    """Replace every named graph of ``store`` on the remote, each whole or not at all; the graph IRIs pushed.

    A failure raises ``PushError`` naming the graphs replaced and those still old; the
    temporary graph of the one that failed is dropped if the remote can still be reached.
    Triples in the store's own default graph are not pushed (``ckg build`` puts none there).
    """
    graphs = sorted((graph.value for graph in store.named_graphs()), key=str)
    pushed: list[str] = []
    for graph in graphs:
        try:
            remote.replace_graph(graph, _triple_chunks(store, ox.NamedNode(graph), chunk_triples))
        except RemoteError as error:
            try:
                remote.delete_graph(temporary_graph(graph))
            except RemoteError:
                pass  # unreachable: the next push overwrites the leftover
            raise PushError(remote, graph, error, pushed, graphs[len(pushed):]) from None
        pushed.append(graph)
        if on_graph:
            on_graph(graph)
    return pushed
