"""Writes, live: the token, one writer across workers, readers seeing commits, and graceful shutdown."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
import pytest
import requests

from graph.namespaces import CKG, RES
from tests.live.conftest import LiveServer, build_managed_store, peace_process_quads

pytestmark = pytest.mark.live

TOKEN = "write-token-5f3a"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
COUNT_MARKS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:marks> { ?s <urn:mark> ?o } }"


@pytest.fixture(scope="module")
def server(launch, tmp_path_factory) -> LiveServer:
    store = build_managed_store(tmp_path_factory.mktemp("writable") / "store", peace_process_quads())
    return launch(store, token=TOKEN, workers=2)


def update(server: LiveServer, text: str, headers: dict | None = None, **params) -> requests.Response:
    return requests.post(
        f"{server.url}/sparql/update",
        data={"update": text, **params},
        headers=AUTH if headers is None else headers,
        timeout=10,
    )


def count(server: LiveServer, query: str) -> int:
    response = requests.get(f"{server.url}/sparql", params={"query": query}, timeout=10)
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_wrong_or_missing_token_is_401(server: LiveServer) -> None:
    wrong = update(server, "CLEAR GRAPH <urn:x>", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401, wrong.text
    missing = update(server, "CLEAR GRAPH <urn:x>", headers={})
    assert missing.status_code == 401
    assert missing.json()["error"]["type"] == "unauthorized"
    assert missing.headers["Access-Control-Allow-Origin"] == "*"


def test_update_is_visible_to_every_worker_after_commit(server: LiveServer) -> None:
    before = count(server, COUNT_MARKS)
    response = requests.post(
        f"{server.url}/sparql/update",
        data=b"INSERT DATA { GRAPH <urn:marks> { <urn:a> <urn:mark> 1 } }",
        headers={**AUTH, "Content-Type": "application/sparql-update"},
        timeout=10,
    )
    assert response.status_code == 204
    # Requests land on both workers; each must have reopened its snapshot.
    assert {count(server, COUNT_MARKS) for _ in range(8)} == {before + 1}


def test_update_of_a_missing_graph_is_400(server: LiveServer) -> None:
    response = update(server, "CLEAR GRAPH <urn:never-made>")
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "update-evaluation-error"


def test_etag_changes_when_the_store_changes(server: LiveServer) -> None:
    first = requests.get(f"{server.url}/sparql", params={"query": COUNT_MARKS}, timeout=10)
    assert update(server, "INSERT DATA { GRAPH <urn:marks> { <urn:b> <urn:mark> 2 } }").status_code == 204
    again = requests.get(
        f"{server.url}/sparql", params={"query": COUNT_MARKS}, headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 200 and again.headers["ETag"] != first.headers["ETag"]


def test_concurrent_writes_through_both_workers_all_land(server: LiveServer) -> None:
    before = count(server, COUNT_MARKS)
    texts = [f"INSERT DATA {{ GRAPH <urn:marks> {{ <urn:c{n}> <urn:mark> {n} }} }}" for n in range(12)]
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda text: update(server, text).status_code, texts))
    assert statuses == [204] * 12
    assert count(server, COUNT_MARKS) == before + 12


def test_using_graph_uri_sets_the_update_dataset(server: LiveServer) -> None:
    text = f"INSERT {{ GRAPH <urn:copied> {{ ?s <urn:signed> ?o }} }} WHERE {{ ?s <{CKG.signatory}> ?o }}"
    assert update(server, text, **{"using-graph-uri": "urn:nowhere"}).status_code == 204
    assert count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:copied> { ?s ?p ?o } }") == 0
    facts = "https://w3id.org/conflict-kg/graph/facts"
    assert update(server, text, **{"using-graph-uri": facts}).status_code == 204
    assert count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:copied> { ?s ?p ?o } }") == 2


def test_using_graph_uri_together_with_with_is_refused(server: LiveServer) -> None:
    text = "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"
    response = update(server, text, **{"using-named-graph-uri": "urn:h"})
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "dataset-conflict"


def test_load_is_refused(server: LiveServer) -> None:
    response = update(server, "LOAD <http://example.org/data.ttl> INTO GRAPH <urn:g>")
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "outbound-request-refused"


def test_update_syntax_error_has_position(server: LiveServer) -> None:
    error = update(server, "INSERT DATA { <urn:a> <urn:b> }").json()["error"]
    assert error["type"] == "malformed-update" and error["line"] == 1


def test_graph_store_put_post_get_delete(server: LiveServer) -> None:
    graph = f"{server.url}/rdf-graph-store?graph=urn:people"
    turtle = {**AUTH, "Content-Type": "text/turtle"}
    assert requests.put(graph, data="<urn:p1> <urn:name> 'One' .", headers=turtle).status_code == 201
    assert requests.put(graph, data="<urn:p2> <urn:name> 'Two' .", headers=turtle).status_code == 204
    assert requests.post(graph, data="<urn:p3> <urn:name> 'Three' .", headers=turtle).status_code == 200
    got = requests.get(graph, headers={"Accept": "application/n-triples"})
    assert {t.subject.value for t in ox.parse(got.content, format=ox.RdfFormat.N_TRIPLES)} == {"urn:p2", "urn:p3"}
    assert requests.put(graph, data="not turtle", headers=turtle).json()["error"]["type"] == "malformed-rdf"
    assert requests.delete(graph, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert requests.delete(graph, headers=AUTH).status_code == 200
    assert requests.get(graph).status_code == 404
    assert requests.delete(graph, headers=AUTH).status_code == 404


@pytest.mark.parametrize(
    ("method", "params"),
    [("PUT", {"graph": "urn:people"}), ("POST", {"graph": "urn:people"}), ("POST", {}), ("DELETE", {"default": ""})],
)
def test_graph_store_writes_without_the_token_are_401_and_change_nothing(
    server: LiveServer, method: str, params: dict
) -> None:
    before = count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    wrong = ({}, {"Authorization": "Bearer nope"}, {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"})
    for headers in wrong:
        response = requests.request(
            method,
            f"{server.url}/rdf-graph-store",
            params=params,
            data="<urn:intruder> <urn:p> <urn:o> .",
            headers={**headers, "Content-Type": "text/turtle"},
            timeout=10,
        )
        assert response.status_code == 401, (headers, response.text)
        assert response.json()["error"]["type"] == "unauthorized"
    assert count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == before


@pytest.mark.parametrize(
    "text",
    [
        "DROP ALL",
        "INSERT DATA { GRAPH <urn:marks> { <urn:q> <urn:mark> 9 } }",
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "CREATE GRAPH <urn:made-by-query>",
    ],
)
def test_query_endpoint_never_writes_even_with_the_token(server: LiveServer, text: str) -> None:
    before = count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    for response in (
        requests.post(f"{server.url}/sparql", data={"query": text}, headers=AUTH, timeout=10),
        requests.get(f"{server.url}/sparql", params={"query": text}, headers=AUTH, timeout=10),
        requests.post(
            f"{server.url}/sparql", data=text, headers={**AUTH, "Content-Type": "application/sparql-update"}, timeout=10
        ),
        requests.post(
            f"{server.url}/sparql", data=text, headers={**AUTH, "Content-Type": "application/sparql-query"}, timeout=10
        ),
    ):
        assert response.status_code in (400, 415), response.text
        refusals = ("malformed-query", "outbound-request-refused", "unsupported-media-type")
        assert response.json()["error"]["type"] in refusals
    assert count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == before


def test_drop_all_without_the_token_is_refused(server: LiveServer) -> None:
    before = count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    for headers in ({}, {"Authorization": "Bearer " + TOKEN[:-1]}, {"Authorization": f"Bearer {TOKEN}x"}):
        assert update(server, "DROP ALL", headers=headers).status_code == 401
    assert count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == before > 0


def test_token_never_reaches_the_logs(server: LiveServer) -> None:
    update(server, "CLEAR SILENT GRAPH <urn:logged>")
    update(server, "CLEAR SILENT GRAPH <urn:logged>", headers={"Authorization": f"Bearer {TOKEN}-wrong"})
    update(server, "CLEAR GRAPH <urn:never-made>")
    update(server, "INSERT DATA { <urn:a> <urn:b> }")
    gsp = f"{server.url}/rdf-graph-store?graph=urn:logged"
    requests.put(gsp, data="<urn:a> <urn:b> <urn:c> .", headers={**AUTH, "Content-Type": "text/turtle"}, timeout=10)
    requests.put(gsp, data="not turtle", headers={**AUTH, "Content-Type": "text/turtle"}, timeout=10)
    requests.delete(gsp, headers={"Authorization": f"Bearer {TOKEN}{TOKEN}"}, timeout=10)
    time.sleep(0.2)
    access_log = server.log.read_text()
    # The server's stdout and stderr (gunicorn's error log, tracebacks) go to this file.
    output = server.log.with_suffix(".out").read_text()
    assert access_log.count("/sparql/update") >= 4 and "/rdf-graph-store" in access_log
    assert TOKEN not in access_log and TOKEN not in output


def test_graceful_shutdown_exits_cleanly(server: LiveServer) -> None:
    assert str(RES["person-a"]) in requests.get(f"{server.url}/rdf-graph-store", params={"graph": "urn:copied"}).text
    assert server.stop() == 0
