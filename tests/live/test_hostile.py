"""Hostile queries, live: each is cut by the time, row or memory limit, and simple queries stay fast throughout.

The store holds the small peace-process dataset plus a chain of nodes, so that
property paths, cross products and sorts have enough to chew on. A prober thread
asks a simple query every 0.2 s for the whole module; the last test
checks that every probe was answered within a second.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import psutil
import pyoxigraph as ox
import pytest
import requests

from graph.namespaces import CKG, RES
from tests.live.conftest import LiveServer, build_managed_store, peace_process_quads

pytestmark = pytest.mark.live

TIMEOUT = 2.0
MAX_ROWS = 1000
MAX_MEMORY_MB = 200
CHAIN = 3000
# Answers to cut queries come within the limit plus the time to kill and reply.
SLACK = 1.5
SIMPLE = f"ASK {{ <{RES['armistice-2020-11-09']}> <{CKG.signatory}> ?who }}"
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SORTED_CROSS_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


def chain_quads(length: int) -> list[ox.Quad]:
    """``urn:n0 → urn:n1 → …`` in a graph of its own."""
    graph, step = ox.NamedNode("urn:chain"), ox.NamedNode("urn:next")
    return [ox.Quad(ox.NamedNode(f"urn:n{i}"), step, ox.NamedNode(f"urn:n{i + 1}"), graph) for i in range(length)]


@pytest.fixture(scope="module")
def server(launch, tmp_path_factory) -> LiveServer:
    quads = peace_process_quads() + chain_quads(CHAIN)
    store = build_managed_store(tmp_path_factory.mktemp("hostile") / "store", quads)
    return launch(store, workers=2, threads=4, timeout=TIMEOUT, max_rows=MAX_ROWS, max_memory_mb=MAX_MEMORY_MB)


class Prober:
    """Asks a simple query over and over from a thread; keeps the slowest answer and any failure."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.slowest = 0.0
        self.answered = 0
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            started = time.monotonic()
            try:
                response = requests.get(f"{self.server.url}/sparql", params={"query": SIMPLE}, timeout=10)
                if response.status_code != 200 or response.json()["boolean"] is not True:
                    self.failures.append(f"{response.status_code}: {response.text[:200]}")
            except requests.RequestException as error:
                self.failures.append(repr(error))
            self.slowest = max(self.slowest, time.monotonic() - started)
            self.answered += 1

    def __enter__(self) -> Prober:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@pytest.fixture(scope="module")
def prober(server: LiveServer) -> Iterator[Prober]:
    with Prober(server) as running:
        yield running


def post_query(server: LiveServer, query: str) -> tuple[requests.Response, float]:
    """The answer to a query sent as a form, and how long it took."""
    started = time.monotonic()
    response = requests.post(f"{server.url}/sparql", data={"query": query}, timeout=TIMEOUT + 20)
    return response, time.monotonic() - started


def assert_stopped(response: requests.Response, seconds: float, *types: str) -> None:
    assert response.status_code == 503, response.text[:300]
    assert response.json()["error"]["type"] in types
    assert seconds < TIMEOUT + SLACK


def query_process_memory(server: LiveServer) -> list[int]:
    """Resident bytes of every process queries run in (the gunicorn workers, children of the master)."""
    sizes = []
    for process in psutil.Process(server.process.pid).children():
        try:
            sizes.append(process.memory_info().rss)
        except psutil.Error:
            continue
    return sizes


def test_cross_products_and_deep_property_paths_are_stopped(server: LiveServer, prober: Prober) -> None:
    runaway = {
        "cross product": CROSS_PRODUCT,
        "path count": "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:next>|^<urn:next>)* ?b }",
        "path rows": "SELECT * WHERE { ?a (<urn:next>|^<urn:next>)* ?b }",
    }
    with ThreadPoolExecutor(len(runaway)) as pool:
        answers = dict(zip(runaway, pool.map(lambda query: post_query(server, query), runaway.values()), strict=True))
    # A path may fill the memory cap before the time limit; either way it is stopped.
    for response, seconds in answers.values():
        assert_stopped(response, seconds, "timeout", "memory-limit")
    assert answers["cross product"][0].json()["error"]["type"] == "timeout"
    assert answers["cross product"][1] >= TIMEOUT


def test_sort_over_a_cross_product_is_stopped_at_the_memory_cap(server: LiveServer, prober: Prober) -> None:
    peak = 0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max([peak, *query_process_memory(server)])

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        response, seconds = post_query(server, SORTED_CROSS_PRODUCT)
    finally:
        done.set()
        watcher.join()
    assert_stopped(response, seconds, "memory-limit")
    assert f"{MAX_MEMORY_MB} MB" in response.json()["error"]["message"]
    # The process is checked every 50 ms: it may pass the cap by what it allocates in that time.
    assert peak < (MAX_MEMORY_MB + 150) * 2**20, f"peak {peak >> 20} MB"
    # The stopped worker is killed and replaced, not shrunk: give a loaded machine a moment to reap it.
    deadline = time.monotonic() + 5
    while max(query_process_memory(server)) >= MAX_MEMORY_MB * 2**20 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert max(query_process_memory(server)) < MAX_MEMORY_MB * 2**20


def test_huge_values_block_is_answered_and_cut_at_the_row_limit(server: LiveServer, prober: Prober) -> None:
    rows = " ".join(f"<urn:n{number}>" for number in range(60_000))
    response, seconds = post_query(server, f"SELECT * WHERE {{ VALUES ?x {{ {rows} }} ?x ?p ?o }}")
    assert response.status_code == 200 and seconds < TIMEOUT + SLACK
    assert response.headers["X-CKG-Truncated"] == "true"
    assert len(response.json()["results"]["bindings"]) == MAX_ROWS


def test_giant_limit_is_cut_at_the_row_limit(server: LiveServer, prober: Prober) -> None:
    response, seconds = post_query(server, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 99999999999999")
    assert response.status_code == 200 and seconds < TIMEOUT
    assert len(response.json()["results"]["bindings"]) == MAX_ROWS
    assert response.json()["truncated"] is True


@pytest.mark.parametrize(
    "pattern",
    ["(a+)+$", "^(a|aa)*b$", "(((a{100}){100}){100}){100}", "(x+x+)+y"],
)
def test_regex_catastrophes_answer_quickly(server: LiveServer, prober: Prober, pattern: str) -> None:
    subject = "a" * 5000 + "!"
    query = f'SELECT * WHERE {{ VALUES ?t {{ "{subject}" "{"x" * 5000}" }} FILTER REGEX(?t, "{pattern}") }}'
    response, seconds = post_query(server, query)
    assert response.status_code == 200, response.text[:300]
    assert response.json()["results"]["bindings"] == []
    assert seconds < TIMEOUT


@pytest.fixture()
def listener() -> Iterator[tuple[socket.socket, int]]:
    """A local TCP port that records whether anything connects to it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        # Asked after the answer: a connection made while the query ran would be waiting already.
        sock.settimeout(0.05)
        yield sock, sock.getsockname()[1]


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ {{ SELECT * WHERE {{ sErViCe # comment\n <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }} }}",
        "PREFIX r: <http://127.0.0.1:{port}/> "
        "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE SILENT r:x {{ ?s ?q ?z }} }} }}",
        "SELECT * WHERE {{ BIND(<http://127.0.0.1:{port}/> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    ],
    ids=["plain", "nested-mixed-case", "silent-prefixed", "variable"],
)
def test_service_never_reaches_out(server: LiveServer, listener: tuple[socket.socket, int], template: str) -> None:
    sock, port = listener
    response = requests.get(f"{server.url}/sparql", params={"query": template.format(port=port)}, timeout=10)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "outbound-request-refused"
    with pytest.raises(TimeoutError):
        sock.accept()


def test_many_concurrent_slow_queries_are_all_stopped(server: LiveServer, prober: Prober) -> None:
    # Two workers with four threads each: five runaway queries leave room for the prober and this test.
    with ThreadPoolExecutor(5) as pool:
        slow = [pool.submit(post_query, server, CROSS_PRODUCT) for _ in range(5)]
        time.sleep(0.5)
        for _ in range(4):
            started = time.monotonic()
            assert requests.get(f"{server.url}/sparql", params={"query": SIMPLE}, timeout=10).status_code == 200
            assert time.monotonic() - started < 1.0
            time.sleep(0.2)
        for future in slow:
            assert_stopped(*future.result(), "timeout")
    metrics = requests.get(f"{server.url}/metrics", timeout=10).text
    timeouts = next(line for line in metrics.splitlines() if line.startswith("ckg_query_timeouts_total"))
    assert float(timeouts.split()[-1]) >= 6


def test_simple_queries_were_answered_within_a_second_throughout(prober: Prober) -> None:
    assert prober.answered >= 10
    assert not prober.failures
    assert prober.slowest < 1.0, f"slowest simple query took {prober.slowest:.2f} s"
