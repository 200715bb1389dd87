"""``ckg serve --store URL``: the real server in front of a real Virtuoso, both started by the test.

The article is built with ``ckg build --store URL`` (pushed to Virtuoso, staged locally);
the server then answers queries, pages and the audit from Virtuoso, and the
statistics and text search from the staging store.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from cli import main
from graph import store as stores
from graph.audit import run_audit
from graph.namespaces import RES
from graph.remote import RemoteStore
from tests.live.conftest import LiveServer, start_server
from tests.virtuoso import NO_VIRTUOSO, VIRTUOSO, admin_url, running_virtuoso

ARTICLE = Path(__file__).parents[1] / "articles" / "ev-bishkek-1994.txt"
CEASEFIRE = "ceasefire-1994-05-12"
DIRECT = "http://example.org/written-to-virtuoso-directly"


def test_serving_a_url_that_was_never_built_here_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["serve", "--store", "http://127.0.0.1:9/sparql"])
    assert result.exit_code == 1
    assert "run 'ckg build --store URL'" in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "data").exists()  # nothing was built locally


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory) -> Iterator[str]:
    """A running Virtuoso (skips, saying why, when it is not installed); yields its endpoint."""
    if VIRTUOSO is None:
        pytest.skip(NO_VIRTUOSO)
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def workdir(virtuoso, tmp_path_factory) -> Path:
    """Where the article was built from: the staging store lives under ./data/remote here."""
    directory = tmp_path_factory.mktemp("work")
    shutil.copy(ARTICLE, directory / "article.txt")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(directory)
        result = CliRunner().invoke(main, ["build", "article.txt", "--store", admin_url(virtuoso)])
    assert result.exit_code == 0, result.output
    return directory


@pytest.fixture(scope="module")
def server(virtuoso, workdir, tmp_path_factory) -> Iterator[LiveServer]:
    """``python -m server --store URL`` (no credentials: it only reads), with a short time limit."""
    live = start_server(virtuoso, tmp_path_factory.mktemp("log") / "access.log", cwd=workdir, timeout=3)
    yield live
    live.stop()


def select(server: LiveServer, query: str) -> list[dict]:
    response = requests.post(
        f"{server.url}/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    return response.json()["results"]["bindings"]


def test_select_answers_from_virtuoso_including_triples_written_there_directly(server, virtuoso):
    RemoteStore.from_url(admin_url(virtuoso)).write_graph(
        DIRECT, iter([f'<{DIRECT}#s> <{DIRECT}#p> "only in Virtuoso" .\n'.encode()])
    )
    rows = select(server, f"SELECT ?o WHERE {{ <{DIRECT}#s> <{DIRECT}#p> ?o }}")
    assert [row["o"]["value"] for row in rows] == ["only in Virtuoso"]
    kinds = select(server, "SELECT ?e WHERE { ?e a <https://w3id.org/conflict-kg/ontology#Ceasefire> }")
    assert [row["e"]["value"] for row in kinds] == [str(RES[CEASEFIRE])]


def test_text_search_in_sparql_uses_the_staged_index(server):
    rows = select(
        server,
        "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> PREFIX nif: "
        "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
        'SELECT ?text WHERE { SERVICE ckg:search { ?s ckg:matches "hành lang" } ?s nif:anchorOf ?text }',
    )
    assert len(rows) == 1 and "hành lang" in rows[0]["text"]["value"]


def test_resource_page_shows_facts_and_their_evidence_from_virtuoso(server):
    page = requests.get(f"{server.url}/resource/{CEASEFIRE}", headers={"Accept": "text/html"})
    assert page.status_code == 200
    turtle = requests.get(f"{server.url}/resource/{CEASEFIRE}.nt")
    assert turtle.status_code == 200 and "ontology#Ceasefire" in turtle.text
    evidence = select(
        server,
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX prov: <http://www.w3.org/ns/prov#> "
        "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
        f"SELECT ?sentence WHERE {{ ?st rdf:subject <{RES[CEASEFIRE]}> ; prov:wasDerivedFrom ?sentence }}",
    )
    assert evidence
    for row in evidence:
        assert row["sentence"]["value"].removeprefix(str(RES)) in page.text


def test_audit_of_virtuoso_matches_the_audit_of_the_staged_copy(server, workdir):
    audit = requests.get(f"{server.url}/audit", headers={"Accept": "application/json"})
    assert audit.status_code == 200, audit.text
    staging = workdir / RemoteStore.from_url(server.store).staging_dir()
    assert audit.json() == run_audit(stores.open_read_only(staging)).to_json()


def test_void_counts_come_from_the_staged_statistics(server, workdir):
    void = requests.get(f"{server.url}/void", headers={"Accept": "application/n-triples"})
    assert void.status_code == 200
    staged = stores.read_stats(workdir / RemoteStore.from_url(server.store).staging_dir())
    assert f'"{staged["triples"]}"^^<http://www.w3.org/2001/XMLSchema#integer>' in void.text


def test_writes_are_refused_with_a_clear_error(virtuoso, workdir, tmp_path_factory):
    live = start_server(virtuoso, tmp_path_factory.mktemp("log") / "access.log", cwd=workdir, token="secret")
    try:
        response = requests.post(
            f"{live.url}/sparql/update", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"},
            headers={"Authorization": "Bearer secret"},
        )
    finally:
        live.stop()
    assert response.status_code == 405
    assert response.json()["error"]["type"] == "read-only-remote-store"


def test_a_query_past_the_time_limit_is_stopped_with_a_json_error(server):
    response = requests.post(
        f"{server.url}/sparql",
        data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"},
    )
    assert response.status_code == 503
    assert response.json()["error"]["type"] == "timeout"
