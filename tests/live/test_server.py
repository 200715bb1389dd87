"""The read-only server, live: protocol, formats, descriptions, limits, errors, hygiene and operations."""

from __future__ import annotations

import csv
import gzip
import io
import json
import socket
import threading
import time
import xml.etree.ElementTree as ElementTree
from urllib.parse import quote

import psutil
import pyoxigraph as ox
import pytest
import requests

from graph.namespaces import CKG, DATA_LICENSE, GRAPH_FACTS, RES, VOID
from tests.live.conftest import SENTENCES, LiveServer, build_managed_store, peace_process_quads

pytestmark = pytest.mark.live

TIMEOUT = 1.5
MAX_ROWS = 20
SIGNATORIES = f"SELECT ?who WHERE {{ <{RES['armistice-2020-11-09']}> <{CKG.signatory}> ?who }} ORDER BY ?who"
SENTENCE_ROWS = f"SELECT ?s WHERE {{ ?s a <{CKG.Sentence}> }}"
# A cross product of 62^5 solutions: far longer than the time limit, tiny to write.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def server(launch, tmp_path_factory) -> LiveServer:
    store = build_managed_store(tmp_path_factory.mktemp("read-only") / "store", peace_process_quads())
    return launch(store, workers=2, timeout=TIMEOUT, max_rows=MAX_ROWS, max_body_bytes=4096)


def sparql(server: LiveServer, query: str, **kwargs) -> requests.Response:
    return requests.get(f"{server.url}/sparql", params={"query": query}, timeout=10, **kwargs)


def bindings(response: requests.Response, name: str) -> list[str]:
    return [row[name]["value"] for row in response.json()["results"]["bindings"]]


def test_query_by_get_form_post_and_direct_post_agree(server: LiveServer) -> None:
    by_get = sparql(server, SIGNATORIES)
    by_form = requests.post(f"{server.url}/sparql", data={"query": SIGNATORIES}, timeout=10)
    by_body = requests.post(
        f"{server.url}/sparql",
        data=SIGNATORIES.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=10,
    )
    expected = [str(RES["person-a"]), str(RES["person-b"])]
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200
        assert bindings(response, "who") == expected


def test_default_graph_is_the_union_unless_the_protocol_names_a_dataset(server: LiveServer) -> None:
    assert bindings(sparql(server, SIGNATORIES), "who")
    restricted = requests.get(
        f"{server.url}/sparql",
        params={"query": SIGNATORIES, "default-graph-uri": "http://example.org/none"},
        timeout=10,
    )
    assert bindings(restricted, "who") == []
    facts_only = requests.get(
        f"{server.url}/sparql", params={"query": SIGNATORIES, "default-graph-uri": str(GRAPH_FACTS)}, timeout=10
    )
    assert len(bindings(facts_only, "who")) == 2
    named = requests.get(
        f"{server.url}/sparql",
        params={"query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", "named-graph-uri": str(GRAPH_FACTS)},
        timeout=10,
    )
    assert bindings(named, "g") == [str(GRAPH_FACTS)]


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ],
)
def test_select_results_in_every_format_by_accept(server: LiveServer, accept: str, media_type: str) -> None:
    response = sparql(server, SIGNATORIES, headers={"Accept": accept})
    assert response.headers["Content-Type"].split(";")[0] == media_type
    person_a = str(RES["person-a"])
    if media_type.endswith("json"):
        assert bindings(response, "who")[0] == person_a
    elif media_type.endswith("xml"):
        uris = ElementTree.fromstring(response.content).iter("{http://www.w3.org/2005/sparql-results#}uri")
        assert next(uris).text == person_a
    elif media_type == "text/csv":
        assert list(csv.reader(io.StringIO(response.text)))[:2] == [["who"], [person_a]]
    else:
        assert response.text.splitlines()[:2] == ["?who", f"<{person_a}>"]


@pytest.mark.parametrize("name", ["json", "xml", "csv", "tsv"])
def test_ask_results_by_format_parameter(server: LiveServer, name: str) -> None:
    response = requests.get(f"{server.url}/sparql", params={"query": "ASK { ?s ?p ?o }", "format": name}, timeout=10)
    assert response.status_code == 200
    assert "true" in response.text


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/trig", ox.RdfFormat.TRIG),
        ("application/n-quads", ox.RdfFormat.N_QUADS),
    ],
)
def test_construct_results_in_every_rdf_format(server: LiveServer, accept: str, rdf_format: ox.RdfFormat) -> None:
    query = f"CONSTRUCT {{ ?s <{CKG.signatory}> ?o }} WHERE {{ ?s <{CKG.signatory}> ?o }}"
    response = sparql(server, query, headers={"Accept": accept})
    assert response.headers["Content-Type"].split(";")[0] == accept
    assert len(list(ox.parse(response.content, format=rdf_format))) == 2


def test_describe_is_negotiated_like_construct(server: LiveServer) -> None:
    response = sparql(server, f"DESCRIBE <{RES['armistice-2020-11-09']}>", headers={"Accept": "application/n-triples"})
    assert len(list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))) == 4


def test_no_acceptable_format_is_406_listing_the_offered_types(server: LiveServer) -> None:
    response = sparql(server, SIGNATORIES, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.json()["error"]["message"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_service_description_in_turtle_and_json_ld(server: LiveServer) -> None:
    turtle = requests.get(f"{server.url}/sparql", headers={"Accept": "text/turtle"}, timeout=10)
    description = list(ox.parse(turtle.content, format=ox.RdfFormat.TURTLE))
    predicates = {triple.predicate.value for triple in description}
    assert "http://www.w3.org/ns/sparql-service-description#endpoint" in predicates
    assert any(
        t.object.value == "http://www.w3.org/ns/sparql-service-description#UnionDefaultGraph" for t in description
    )
    json_ld = requests.get(f"{server.url}/sparql", headers={"Accept": "application/ld+json"}, timeout=10)
    assert json_ld.headers["Content-Type"].startswith("application/ld+json")
    assert len(list(ox.parse(json_ld.content, format=ox.RdfFormat.JSON_LD))) == len(description)


def test_void_describes_sizes_graphs_endpoint_and_licence(server: LiveServer) -> None:
    response = requests.get(f"{server.url}/void", timeout=10)
    triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    values = {(t.predicate.value, t.object.value) for t in triples}
    assert ("http://purl.org/dc/terms/license", DATA_LICENSE) in values
    assert (str(VOID.sparqlEndpoint), f"{server.url}/sparql") in values
    assert (str(VOID.triples), str(len(peace_process_quads()))) in values
    assert any(predicate == str(VOID.exampleResource) for predicate, _ in values)
    assert ("http://www.w3.org/ns/sparql-service-description#name", str(GRAPH_FACTS)) in values


def test_row_cap_truncates_and_says_so(server: LiveServer) -> None:
    response = sparql(server, SENTENCE_ROWS)
    assert len(bindings(response, "s")) == MAX_ROWS < SENTENCES
    assert response.headers["X-CKG-Truncated"] == "true"
    assert response.json()["truncated"] is True
    small = sparql(server, SIGNATORIES)
    assert "X-CKG-Truncated" not in small.headers and "truncated" not in small.json()


def _query_process_pids(server: LiveServer) -> set[int]:
    """The processes /sparql queries run in: the live gunicorn workers, children of the master."""
    pids = set()
    for process in psutil.Process(server.process.pid).children():
        try:
            if process.status() != psutil.STATUS_ZOMBIE:
                pids.add(process.pid)
        except psutil.NoSuchProcess:
            continue
    return pids


def test_query_past_the_time_limit_is_killed_while_others_are_served(server: LiveServer) -> None:
    sparql(server, "ASK {}")
    sparql(server, "ASK {}")
    before = _query_process_pids(server)
    outcome: dict = {}

    def slow() -> None:
        started = time.monotonic()
        outcome["response"] = sparql(server, ENDLESS)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    assert sparql(server, SIGNATORIES).status_code == 200
    assert time.monotonic() - started < 1.0
    thread.join()
    response = outcome["response"]
    assert response.status_code == 503
    assert response.json()["error"]["type"] == "timeout"
    assert "time limit" in response.json()["error"]["message"]
    assert TIMEOUT <= outcome["seconds"] < TIMEOUT + 2
    # The process answers its 503 and then ends; the master reaps and replaces it a moment later.
    deadline = time.monotonic() + 5
    while not before - _query_process_pids(server) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert before - _query_process_pids(server), "the process that ran the query was not replaced"
    assert sparql(server, "ASK {}").status_code == 200
    assert "ckg_query_timeouts_total 1" in requests.get(f"{server.url}/metrics", timeout=10).text


def test_syntax_error_is_400_json_with_line_and_column(server: LiveServer) -> None:
    response = sparql(server, "SELECT * WHERE {\n  ?s ?p \n}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and error["type"] == "malformed-query"
    assert error["line"] == 3 and isinstance(error["column"], int)


def test_two_query_parameters_are_400(server: LiveServer) -> None:
    response = requests.get(f"{server.url}/sparql?query=ASK%7B%7D&query=ASK%7B%7D", timeout=10)
    assert response.status_code == 400


def test_wrong_content_type_is_415(server: LiveServer) -> None:
    response = requests.post(f"{server.url}/sparql", data="ASK {}", headers={"Content-Type": "text/plain"}, timeout=10)
    assert response.status_code == 415
    assert response.json()["error"]["type"] == "unsupported-media-type"


def test_oversized_body_is_413(server: LiveServer) -> None:
    query = "ASK { " + "?s ?p ?o . " * 1000 + "}"
    response = requests.post(
        f"{server.url}/sparql", data=query, headers={"Content-Type": "application/sparql-query"}, timeout=10
    )
    assert response.status_code == 413
    assert response.json()["error"]["status"] == 413


def test_wrong_method_is_405_json(server: LiveServer) -> None:
    response = requests.delete(f"{server.url}/sparql", timeout=10)
    assert response.status_code == 405
    assert response.json()["error"]["status"] == 405
    assert requests.get(f"{server.url}/sparql/update?update=CLEAR%20ALL", timeout=10).status_code == 405


def test_cors_on_answers_errors_and_preflight(server: LiveServer) -> None:
    assert sparql(server, "ASK {}").headers["Access-Control-Allow-Origin"] == "*"
    assert sparql(server, "ASK {").headers["Access-Control-Allow-Origin"] == "*"
    preflight = requests.options(
        f"{server.url}/sparql/update",
        headers={"Origin": "http://example.org", "Access-Control-Request-Method": "POST"},
        timeout=10,
    )
    assert preflight.status_code == 200
    assert "Authorization" in preflight.headers["Access-Control-Allow-Headers"]
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_etag_gives_304_for_an_unchanged_query(server: LiveServer) -> None:
    first = sparql(server, SIGNATORIES)
    assert first.headers["ETag"]
    again = sparql(server, SIGNATORIES, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.content
    other_format = sparql(server, SIGNATORIES, headers={"If-None-Match": first.headers["ETag"], "Accept": "text/csv"})
    assert other_format.status_code == 200


def test_gzip_when_asked(server: LiveServer) -> None:
    response = requests.get(
        f"{server.url}/sparql",
        params={"query": SENTENCE_ROWS},
        headers={"Accept-Encoding": "gzip"},
        stream=True,
        timeout=10,
    )
    assert response.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.raw.read()))["head"]["vars"] == ["s"]
    plain = requests.get(
        f"{server.url}/sparql", params={"query": SENTENCE_ROWS}, headers={"Accept-Encoding": "identity"}
    )
    assert "Content-Encoding" not in plain.headers


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o OPTIONAL { service silent <http://127.0.0.1:9/> { ?s ?p ?x } } }",
    ],
)
def test_service_to_other_hosts_is_refused(server: LiveServer, text: str) -> None:
    response = sparql(server, text)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "outbound-request-refused"


def test_writes_are_refused_without_a_token(server: LiveServer) -> None:
    update = requests.post(f"{server.url}/sparql/update", data={"update": "CLEAR ALL"}, timeout=10)
    assert update.status_code == 403
    put = requests.put(
        f"{server.url}/rdf-graph-store?default", data="<a:s> <a:p> <a:o> .", headers={"Content-Type": "text/turtle"}
    )
    assert put.status_code == 403
    assert bindings(sparql(server, SIGNATORIES), "who")


def test_graph_store_reads_are_open(server: LiveServer) -> None:
    response = requests.get(f"{server.url}/rdf-graph-store", params={"graph": str(GRAPH_FACTS)}, timeout=10)
    assert response.status_code == 200
    assert len(list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))) == 4
    head = requests.head(f"{server.url}/rdf-graph-store", params={"graph": "http://example.org/none"}, timeout=10)
    assert head.status_code == 404


def test_healthz_reports_the_triple_count_from_stats(server: LiveServer) -> None:
    health = requests.get(f"{server.url}/healthz", timeout=10).json()
    assert health["status"] == "ok" and health["triples"] == len(peace_process_quads())


def test_metrics_count_requests_over_all_workers(server: LiveServer) -> None:
    def count_200() -> float:
        text = requests.get(f"{server.url}/metrics", timeout=10).text
        return float(
            next(
                line for line in text.splitlines() if line.startswith('ckg_http_responses_total{status="200"}')
            ).split()[-1]
        )

    before = count_200()
    for _ in range(20):
        sparql(server, "ASK {}")
    # The /metrics request itself is counted after its body is rendered.
    assert count_200() - before == 21
    text = requests.get(f"{server.url}/metrics", timeout=10).text
    assert 'ckg_query_duration_seconds_bucket{le="+Inf"}' in text
    assert "ckg_executor_restarts_total" in text and "ckg_worker_restarts_total" in text


def test_access_log_has_query_time(server: LiveServer) -> None:
    sparql(server, "ASK { <urn:logged> ?p ?o }")
    time.sleep(0.2)
    line = next(line for line in server.log.read_text().splitlines() if "logged" in line)
    assert line.split('"')[2].split()[0] == "200" and line.rstrip().split('"')[2].split()[-1].endswith("ms")


def _raw_exchange(server: LiveServer, *parts: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send ``parts`` with a pause between them on one connection; status, headers and body of the answer."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        for part in parts:
            connection.sendall(part)
            time.sleep(0.1)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    interim = b"HTTP/1.1 100 Continue\r\n\r\n"  # the answer to Expect, before the real one
    head, _, body = answer.removeprefix(interim).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    if headers.get("Transfer-Encoding") == "chunked":
        body = b"".join(_chunks(body))
    return int(lines[0].split()[1]), headers, body


def _chunks(body: bytes) -> list[bytes]:
    pieces = []
    while True:
        size, _, body = body.partition(b"\r\n")
        if int(size, 16) == 0:
            return pieces
        pieces.append(body[: int(size, 16)])
        body = body[int(size, 16) + 2:]


def test_queries_in_every_framing_get_the_same_answer(server: LiveServer) -> None:
    form = f"query={quote(SIGNATORIES)}".encode()
    head = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    framings = {
        "whole": (head + b"Content-Length: %d\r\n\r\n" % len(form) + form,),
        "body later": (head + b"Content-Length: %d\r\n\r\n" % len(form), form[:10], form[10:]),
        "head in pieces": (head[:20], head[20:] + b"Content-Length: %d\r\n\r\n" % len(form) + form),
        "chunked": (head + b"Transfer-Encoding: chunked\r\n\r\n", b"%x\r\n%s\r\n0\r\n\r\n" % (len(form), form)),
        "expect 100-continue": (head + b"Content-Length: %d\r\nExpect: 100-continue\r\n\r\n" % len(form), form),
    }
    expected = [str(RES["person-a"]), str(RES["person-b"])]
    for name, parts in framings.items():
        status, headers, body = _raw_exchange(server, *parts)
        assert status == 200, (name, body[:300])
        assert headers["Access-Control-Allow-Origin"] == "*", name
        values = [row["who"]["value"] for row in json.loads(body)["results"]["bindings"]]
        assert values == expected, name


def test_a_proxy_saying_https_makes_https_the_base_of_queries(server: LiveServer) -> None:
    query = "SELECT ?base WHERE { BIND(<> AS ?base) }"
    plain = sparql(server, query)
    proxied = sparql(server, query, headers={"X-Forwarded-Proto": "https"})
    assert bindings(plain, "base") == [f"{server.url}/sparql"]
    assert bindings(proxied, "base") == [f"{server.url.replace('http://', 'https://')}/sparql"]


def test_a_client_keeping_its_connection_open_after_the_answer_does_not_hold_the_only_worker(
    launch, tmp_path_factory
) -> None:
    store = build_managed_store(tmp_path_factory.mktemp("one-worker") / "store", peace_process_quads())
    single = launch(store, workers=1, threads=1)
    port = int(single.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as idle:
        idle.sendall(f"GET /sparql?query={quote('ASK {}')} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        answer = b""
        while chunk := idle.recv(4096):
            answer += chunk
        assert answer.startswith(b"HTTP/1.1 200") and b"Connection: close" in answer
        # The idle client has its whole answer and keeps its end open: the worker must already be free.
        # (A graceful close waiting for this client's FIN held it for two seconds.)
        next_answer = requests.get(f"{single.url}/sparql", params={"query": "ASK {}"}, timeout=1.0)
        assert next_answer.json()["boolean"] is True
