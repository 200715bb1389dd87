"""A remote store: ``ckg build``/``ckg query --store URL`` against a real Virtuoso started by the test.

Virtuoso (``tests/virtuoso.py``) runs with a private database and is stopped when the module's tests end.
"""

from __future__ import annotations

import re
import shutil
import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cli import main
from graph import store as stores
from graph.remote import PUSH_SUFFIX, PushError, RemoteError, RemoteStore, push_store
from tests.virtuoso import admin_url, needs_virtuoso, running_virtuoso

ARTICLES = Path(__file__).parent / "articles"
pytestmark = needs_virtuoso


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory) -> Iterator[str]:
    """A running Virtuoso; yields its SPARQL endpoint URL."""
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as endpoint:
        yield endpoint


def remote_counts(endpoint: str, graphs: list[str]) -> dict[str, int]:
    """Triples per graph on the remote, for the given graphs."""
    values = " ".join(f"<{graph}>" for graph in graphs)
    media_type, body = RemoteStore.from_url(endpoint).query(
        f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g",
        "application/sparql-results+json",
    )
    assert media_type == "application/sparql-results+json"
    return {row["g"].value: int(row["n"].value)
            for row in ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)}


def ckg(*arguments: str) -> str:
    result = CliRunner().invoke(main, list(arguments))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A working directory (remote builds stage under ./data/remote) holding one article."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(ARTICLES / "ev-bishkek-1994.txt", tmp_path / "article.txt")
    return tmp_path


def test_build_pushes_every_named_graph_to_virtuoso(virtuoso, workdir):
    ckg("build", "article.txt", "--store", admin_url(virtuoso))
    staged = stores.read_stats(RemoteStore.from_url(virtuoso).staging_dir())
    assert staged is not None and len(staged["graphs"]) >= 5
    assert remote_counts(virtuoso, list(staged["graphs"])) == staged["graphs"]


def test_rebuilding_replaces_the_graphs_instead_of_adding_to_them(virtuoso, workdir):
    ckg("build", "article.txt", "--store", admin_url(virtuoso))
    article = workdir / "article.txt"
    article.write_text(article.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")  # drop paragraph 1
    ckg("build", "article.txt", "--store", admin_url(virtuoso))
    staged = stores.read_stats(RemoteStore.from_url(virtuoso).staging_dir())
    assert remote_counts(virtuoso, list(staged["graphs"])) == staged["graphs"]


def test_big_graphs_are_pushed_in_chunks(virtuoso, workdir):
    ckg("build", "article.txt", "--store", admin_url(virtuoso))
    remote = RemoteStore.from_url(admin_url(virtuoso))
    store = stores.open_read_only(remote.staging_dir())
    pushed = push_store(store, remote, chunk_triples=100)
    staged = stores.read_stats(remote.staging_dir())
    assert sorted(pushed) == sorted(staged["graphs"])
    assert remote_counts(virtuoso, pushed) == staged["graphs"]


def test_query_runs_on_virtuoso_with_text_search_from_the_staged_index(virtuoso, workdir):
    ckg("build", "article.txt", "--store", admin_url(virtuoso))
    output = ckg(
        "query", "--store", virtuoso, "--format", "csv",
        'SELECT ?text WHERE { SERVICE ckg:search { ?s ckg:matches "hành lang" } ?s nif:anchorOf ?text }',
    )
    lines = output.strip().splitlines()
    assert lines[0].strip() == "text"
    assert len(lines) == 2 and "hành lang" in lines[1]
    assert ckg("query", "--store", virtuoso, "ASK { ?p a ckg:Protocol }").strip() == "true"


def test_wrong_password_is_a_one_line_error_and_changes_nothing(virtuoso, workdir):
    ckg("build", "article.txt", "--store", admin_url(virtuoso))
    before = remote_counts(virtuoso, list(stores.read_stats(RemoteStore.from_url(virtuoso).staging_dir())["graphs"]))
    result = CliRunner().invoke(main, ["build", "article.txt", "--store", virtuoso.replace("http://", "http://dba:no@")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("ckg: error:")]
    assert len(errors) == 1 and "HTTP 401" in errors[0]
    assert remote_counts(virtuoso, list(before)) == before


def test_writes_without_credentials_are_refused_by_virtuoso(virtuoso):
    with pytest.raises(RemoteError, match="HTTP 40[13]"):
        RemoteStore.from_url(virtuoso).write_graph("http://example.org/g", iter([b""]))


class CuttingProxy:
    """A TCP proxy on 127.0.0.1 to ``target`` that cuts every connection, for good, after ``limit`` bytes upstream."""

    def __init__(self, target_port: int, limit: int) -> None:
        self.target_port, self.limit, self.sent = target_port, limit, 0
        self.cut = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.cut.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self.lock:
                self.connections += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, counted: bool) -> None:
        try:
            while data := source.recv(65536):
                if counted:
                    with self.lock:
                        self.sent += len(data)
                        over = self.sent > self.limit
                    if over:
                        self.close()
                        return
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        """Cut: every open connection is reset and no new one is accepted."""
        self.cut.set()
        self.listener.close()
        with self.lock:
            connections, self.connections = self.connections, []
        for connection in connections:
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            connection.close()


def push_size(remote: RemoteStore) -> int:
    """About the bytes a push of the staged store sends (its triples as N-Triples)."""
    store = stores.open_read_only(remote.staging_dir())
    return len(ox.serialize([quad.triple for quad in store], format=ox.RdfFormat.N_TRIPLES))


def proxied(endpoint: str, proxy: CuttingProxy) -> str:
    """The administrator's URL of ``endpoint``, through the proxy."""
    port = urlsplit(endpoint).port
    return admin_url(endpoint).replace(f":{port}/", f":{proxy.port}/")


def leftover_push_graphs(endpoint: str) -> set[str]:
    _, body = RemoteStore.from_url(endpoint).query(
        f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRENDS(STR(?g), "{PUSH_SUFFIX}")) }}',
        "application/sparql-results+json",
    )
    return {row["g"].value for row in ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)}


def test_a_push_cut_midway_leaves_every_graph_whole_and_the_next_build_finishes_it(virtuoso, workdir):
    ckg("build", "article.txt", "--store", admin_url(virtuoso))
    remote = RemoteStore.from_url(admin_url(virtuoso))
    old = remote_counts(virtuoso, list(stores.read_stats(remote.staging_dir())["graphs"]))
    article = workdir / "article.txt"
    article.write_text(article.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")  # drop paragraph 1
    proxy = CuttingProxy(urlsplit(virtuoso).port, limit=push_size(remote) // 2)
    # The proxy's URL stages in a directory of its own: the changed article is built there, then pushed.
    result = CliRunner().invoke(main, ["build", "article.txt", "--store", proxied(virtuoso, proxy)])
    assert proxy.cut.is_set() and result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("ckg: error:")]
    assert len(errors) == 1 and "stopped at graph" in errors[0] and "again to finish" in errors[0]
    replaced_part, pending_part = errors[0].split("| replaced (new content):")[1].split("| not replaced")
    replaced, pending = re.findall(r"<([^>]+)>", replaced_part), re.findall(r"<([^>]+)>", pending_part)
    assert replaced and pending, "the cut should fall between the first and the last graph"
    staged = stores.read_stats(RemoteStore.from_url(proxied(virtuoso, proxy)).staging_dir())["graphs"]
    assert sorted(replaced + pending) == sorted(staged)
    now = remote_counts(virtuoso, list(staged))
    assert {graph: now[graph] for graph in replaced} == {graph: staged[graph] for graph in replaced}
    assert {graph: now[graph] for graph in pending} == {graph: old[graph] for graph in pending}  # whole, old
    # The next build over a working connection finishes the job and leaves no temporary graph behind.
    ckg("build", "article.txt", "--store", admin_url(virtuoso))
    assert remote_counts(virtuoso, list(staged)) == staged
    assert leftover_push_graphs(virtuoso) == set()


def test_a_graph_cut_between_its_chunks_is_not_replaced(virtuoso, workdir):
    ckg("build", "article.txt", "--store", admin_url(virtuoso))
    remote = RemoteStore.from_url(admin_url(virtuoso))
    graphs = sorted(stores.read_stats(remote.staging_dir())["graphs"])
    remote.update(" ; ".join(f"CLEAR SILENT GRAPH <{graph}>" for graph in graphs))
    remote.update(" ; ".join(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:old> <urn:p> 1 }} }}" for graph in graphs))
    proxy = CuttingProxy(urlsplit(virtuoso).port, limit=push_size(remote) // 3)
    with pytest.raises(PushError) as failure:
        push_store(stores.open_read_only(remote.staging_dir()), RemoteStore.from_url(proxied(virtuoso, proxy)),
                   chunk_triples=100)
    assert failure.value.replaced and failure.value.pending
    now = remote_counts(virtuoso, graphs)
    assert {graph: now[graph] for graph in failure.value.pending} == dict.fromkeys(failure.value.pending, 1)
    staged = stores.read_stats(remote.staging_dir())["graphs"]
    assert {graph: now[graph] for graph in failure.value.replaced} == {g: staged[g] for g in failure.value.replaced}
