"""A remote store: ``ckg build``/``ckg query --store URL`` against a real Virtuoso started by the test.

Virtuoso comes from Debian's ``virtuoso-opensource`` (``scripts/install-system-deps.sh``
installs it). The server runs with a private database in a temporary directory, on
free ports bound to 127.0.0.1, and is stopped when the module's tests end.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cli import main
from graph import store as stores
from graph.remote import RemoteError, RemoteStore, push_store
from tests.live.conftest import free_port

ARTICLES = Path(__file__).parent / "articles"
VIRTUOSO = shutil.which("virtuoso-t")
START_SECONDS = 90
# A fresh Virtuoso database has the administrator dba with password dba.
ADMIN = "dba:dba"

pytestmark = pytest.mark.skipif(
    VIRTUOSO is None,
    reason="virtuoso-t is not installed (apt package virtuoso-opensource; scripts/install-system-deps.sh)",
)

INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory) -> Iterator[str]:
    """A running Virtuoso; yields its SPARQL endpoint URL."""
    directory = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    (directory / "virtuoso.ini").write_text(
        INI.format(dir=directory, sql_port=free_port(), http_port=http_port), encoding="utf-8"
    )
    process = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(directory / "virtuoso.ini")],
        cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{http_port}/sparql"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                urllib.request.urlopen(endpoint + "?query=ASK%7B%7D", timeout=2).read()
                break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (directory / "virtuoso.log").read_text(errors="replace")[-2000:]
                    pytest.fail(f"Virtuoso did not start:\n{log}")
                time.sleep(0.5)
        yield endpoint
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def admin_url(endpoint: str) -> str:
    return endpoint.replace("http://", f"http://{ADMIN}@")


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
