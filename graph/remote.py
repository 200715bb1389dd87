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
cache and the text index) and then replaces each named graph on the remote with a
PUT of its first chunk and POSTs of the rest, so memory stays bounded whatever the
graph size. Graphs on the remote that the build does not produce are left alone.
"""

from __future__ import annotations

import base64
import io
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urljoin, urlsplit, urlunsplit

import pyoxigraph as ox

CHUNK_TRIPLES = 50_000
TIMEOUT_SECONDS = 300
STAGING_ROOT = Path("data/remote")
N_TRIPLES = "application/n-triples"
VIRTUOSO_GRAPH_STORE = {True: "sparql-graph-crud-auth", False: "sparql-graph-crud"}


class RemoteError(Exception):
    """The remote endpoint refused a request or could not be reached; the message says which and why."""


def is_remote(location: str | Path) -> bool:
    """True when a ``--store`` value is an http(s) URL rather than a directory."""
    return isinstance(location, str) and re.match(r"https?://", location, re.IGNORECASE) is not None


@dataclass(frozen=True)
class RemoteStore:
    """Where a remote store answers queries and takes graphs, and the credentials for writes."""

    query_url: str
    graph_store_url: str
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
        return cls(query_url, urljoin(query_url, graph_store), parts.username, parts.password)

    def staging_dir(self) -> Path:
        """The local store a remote build stages in (extraction cache, text index, statistics)."""
        parts = urlsplit(self.query_url)
        return STAGING_ROOT / re.sub(r"[^A-Za-z0-9.-]+", "_", f"{parts.hostname}-{parts.port}{parts.path}").strip("_")

    def _authorize(self, request: urllib.request.Request) -> None:
        """Add credentials to a graph store request before it is sent.

        Servers may close the connection when a large body arrives unauthenticated
        (Virtuoso resets it), so the challenge is fetched first with a body-less GET
        and answered in the real request (digest, or basic if that is what is asked).
        """
        if self.user is None:
            return
        try:
            urllib.request.urlopen(urllib.request.Request(self.graph_store_url), timeout=TIMEOUT_SECONDS).close()
            return  # the server asks for no credentials
        except urllib.error.HTTPError as error:
            challenge = error.headers.get("WWW-Authenticate", "") if error.code == 401 else ""
        except (urllib.error.URLError, OSError) as error:
            raise RemoteError(f"GET {self.graph_store_url}: {error}") from None
        scheme, _, parameters = challenge.partition(" ")
        if scheme.lower() == "basic":
            token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
            request.add_unredirected_header("Authorization", f"Basic {token}")
        elif scheme.lower() == "digest":
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, self.graph_store_url, self.user, self.password or "")
            fields = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(parameters)))
            answer = urllib.request.HTTPDigestAuthHandler(passwords).get_authorization(request, fields)
            if answer is None:
                raise RemoteError(f"{self.graph_store_url}: cannot answer the digest challenge {challenge!r}")
            request.add_unredirected_header("Authorization", f"Digest {answer}")

    def _send(self, request: urllib.request.Request) -> tuple[str, bytes]:
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
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
        self._authorize(request)
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

    def delete_graph(self, graph: str) -> None:
        """Remove ``graph`` from the remote (a graph that does not exist is not an error)."""
        try:
            self._write("DELETE", graph)
        except RemoteError as error:
            if "HTTP 404" not in str(error):
                raise

    def query(self, text: str, accept: str) -> tuple[str, bytes]:
        """Run a query on the remote endpoint (form POST); the response's media type and body."""
        request = urllib.request.Request(
            self.query_url,
            data=urlencode({"query": text}).encode(),
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )
        return self._send(request)


def _triple_chunks(store: ox.Store, graph: ox.NamedNode, size: int) -> Iterator[bytes]:
    """The graph's triples as N-Triples documents of at most ``size`` triples each."""
    triples = (quad.triple for quad in store.quads_for_pattern(None, None, None, graph))
    while chunk := list(islice(triples, size)):
        buffer = io.BytesIO()
        ox.serialize(chunk, buffer, format=ox.RdfFormat.N_TRIPLES)
        yield buffer.getvalue()


def push_store(
    store: ox.Store,
    remote: RemoteStore,
    *,
    chunk_triples: int = CHUNK_TRIPLES,
    on_graph: Callable[[str], None] | None = None,
) -> list[str]:
    """Replace every named graph of ``store`` on the remote; the graph IRIs pushed.

    Triples in the store's own default graph are not pushed (``ckg build`` puts none there).
    """
    pushed = []
    for graph in sorted(store.named_graphs(), key=lambda name: name.value):
        remote.write_graph(graph.value, _triple_chunks(store, graph, chunk_triples))
        pushed.append(graph.value)
        if on_graph:
            on_graph(graph.value)
    return pushed
