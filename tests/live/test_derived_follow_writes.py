"""Search and statistics follow the data: after a write, /search, SERVICE ckg:search, /void, /healthz and the
landing page agree with SPARQL, and say which store version they describe."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from graph.namespaces import CKG, GRAPH_DOCUMENTS, NIF, VOID
from tests.live.conftest import LiveServer

TOKEN = "derived-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WORD = "Zyxwvutsr"
TEAM_GRAPH = "urn:team:sentences"
ALL_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
SEARCH = f"""PREFIX ckg: <{CKG}>
SELECT ?sentence WHERE {{ SERVICE ckg:search {{ ?sentence ckg:matches "{WORD}" }} }}"""


@pytest.fixture(scope="module")
def server(bundled_store: Path, tmp_path_factory: pytest.TempPathFactory, launch: Callable[..., LiveServer]):
    store = tmp_path_factory.mktemp("derived") / "store"
    shutil.copytree(bundled_store, store, symlinks=True)
    return launch(store, token=TOKEN, workers=2)


def sparql_count(server: LiveServer) -> int:
    response = requests.get(f"{server.url}/sparql", params={"query": ALL_TRIPLES, "format": "json"}, timeout=30)
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def void_triples(server: LiveServer) -> tuple[int, requests.Response]:
    response = requests.get(f"{server.url}/void", headers={"Accept": "application/n-triples"}, timeout=30)
    dataset = ox.NamedNode(f"{server.url}/void#dataset")
    triples = ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)
    sizes = (t.object.value for t in triples if t.subject == dataset and t.predicate.value == str(VOID.triples))
    count = int(next(sizes))
    return count, response


def settled(check: Callable[[], bool], seconds: float = 20) -> bool:
    """A refresh runs in the background: give it time on a busy machine, then check for good."""
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:
        time.sleep(0.2)
    return check()


def agree(server: LiveServer, sentences: int) -> None:
    """Every derived view describes the current version and matches what SPARQL answers."""
    assert settled(lambda: requests.get(f"{server.url}/healthz", timeout=30).json()["triples"] == sparql_count(server))
    health = requests.get(f"{server.url}/healthz", timeout=30).json()
    assert health["triples_version"] == health["search_index_version"] == health["version"]
    count = sparql_count(server)
    void_count, void = void_triples(server)
    assert void_count == count
    assert void.headers["X-CKG-Describes-Version"] == void.headers["X-CKG-Store-Version"] == health["version"]
    assert f"{count:,}" in requests.get(f"{server.url}/", headers={"Accept": "text/html"}, timeout=30).text
    found = requests.get(f"{server.url}/search", params={"q": WORD}, timeout=30)
    assert found.json()["total"] == sentences
    assert found.json()["version"] == found.json()["store_version"] == health["version"]
    service = requests.get(f"{server.url}/sparql", params={"query": SEARCH, "format": "json"}, timeout=30)
    assert len(service.json()["results"]["bindings"]) == sentences
    assert service.headers["X-CKG-Describes-Version"] == health["version"]


def test_a_sparql_update_is_seen_by_search_and_statistics(server: LiveServer) -> None:
    agree(server, 0)
    sentence = "<https://w3id.org/conflict-kg/resource/team/sentence/1>"
    update = f"""INSERT DATA {{ GRAPH <{GRAPH_DOCUMENTS}> {{
      {sentence} a <{CKG.Sentence}> ; <{NIF.anchorOf}> "Một câu mới về {WORD} và hòa bình."@vi }} }}"""
    response = requests.post(f"{server.url}/sparql/update", data={"update": update}, headers=AUTH, timeout=30)
    assert response.status_code == 204
    agree(server, 1)


def test_graph_store_writes_and_deletes_are_seen_by_search_and_statistics(server: LiveServer) -> None:
    graph = f"{server.url}/rdf-graph-store?graph={TEAM_GRAPH}"
    turtle = f"""<urn:team:s1> a <{CKG.Sentence}> ; <{NIF.anchorOf}> "{WORD} lần hai." .
                 <urn:team:s2> a <{CKG.Sentence}> ; <{NIF.anchorOf}> "{WORD} lần ba." ."""
    assert requests.put(graph, data=turtle, headers={**AUTH, "Content-Type": "text/turtle"}).status_code == 201
    agree(server, 3)
    assert requests.delete(graph, headers=AUTH).status_code == 200
    agree(server, 1)
