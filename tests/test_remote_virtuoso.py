"""A remote store: ``ckg build``/``ckg query --store URL`` against a real Virtuoso started by the test.

Virtuoso (``tests/virtuoso.py``) runs with a private database and is stopped when the module's tests end.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cli import main
from graph import store as stores
from graph.remote import RemoteError, RemoteStore, push_store
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
