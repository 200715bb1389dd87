"""Benchmark (not a test): one query mix against in-process pyoxigraph, ``ckg serve`` and ``oxigraph serve``.

All three read the same synthetic store (bench/synthetic.py, ~1M triples) and
are measured interleaved, request by request, so machine noise hits them alike.
Each HTTP request opens a new connection (gunicorn sync workers close it anyway).

    python bench/bench_server.py [--triples 1000000] [--rounds 60]
"""

from __future__ import annotations

import argparse
import http.client
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic import build_store  # noqa: E402
from graph.namespaces import CKG, NIF, PROV, RDF, document_resource, resource  # noqa: E402
from tests.live.conftest import free_port  # noqa: E402

SELECTIVE = {
    "signatories": f"SELECT ?who WHERE {{ <{resource('armistice-500-0')}> <{CKG.signatory}> ?who }}",
    "sentence": f"SELECT ?text ?begin WHERE {{ <{document_resource('article-700', 'sentence', 3)}> "
    f"<{NIF.anchorOf}> ?text ; <{NIF.beginIndex}> ?begin }}",
    "provenance": f"""SELECT ?p ?o ?sentence ?text WHERE {{
  ?st <{RDF.subject}> <{resource("ceasefire-900-1")}> ; <{RDF.predicate}> ?p ; <{RDF.object}> ?o .
  OPTIONAL {{ ?st <{PROV.wasDerivedFrom}> ?sentence OPTIONAL {{ ?sentence <{NIF.anchorOf}> ?text }} }}
}}""",
}
ENGINE_BOUND = {
    "count-armistices": f"SELECT (COUNT(?a) AS ?n) WHERE {{ ?a a <{CKG.Armistice}> }}",
}
ACCEPT = "application/sparql-results+json"


def http_client(port: int, path: str) -> Callable[[str], bytes]:
    """A client sending GET path?query=… on a new connection each time."""

    def ask(query: str) -> bytes:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", f"{path}?{urlencode({'query': query})}", headers={"Accept": ACCEPT})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        assert response.status == 200, body[:200]
        return body

    return ask


def in_process(store: ox.Store) -> Callable[[str], bytes]:
    """The engine alone: query and serialise in this process."""

    def ask(query: str) -> bytes:
        return store.query(query, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)

    return ask


def wait_until_up(ask: Callable[[str], bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            ask("ASK {}")
            return
        except (OSError, http.client.HTTPException):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def throughput(ask: Callable[[str], bytes], query: str, clients: int, seconds: float) -> float:
    """Requests per second with ``clients`` concurrent clients for ``seconds``."""
    deadline = time.monotonic() + seconds

    def loop() -> int:
        done = 0
        while time.monotonic() < deadline:
            ask(query)
            done += 1
        return done

    started = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        total = sum(pool.map(lambda _: loop(), range(clients)))
    return total / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--store", type=Path, default=ROOT / "data" / "bench-1m")
    parser.add_argument("--workers", type=int, default=2)
    arguments = parser.parse_args()
    if not (arguments.store / "CURRENT").is_file():
        print(f"building {arguments.store} …", flush=True)
        build_store(arguments.store, arguments.triples)
    ckg_port, oxigraph_port = free_port(), free_port()
    servers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "server",
                "--store",
                str(arguments.store),
                "--port",
                str(ckg_port),
                "--workers",
                str(arguments.workers),
                "--access-log",
                "/dev/null",
                "--max-rows",
                "0",
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [
                str(Path(sys.executable).parent / "oxigraph"),
                "serve-read-only",
                "--location",
                str(arguments.store),
                "--bind",
                f"127.0.0.1:{oxigraph_port}",
                "--union-default-graph",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]
    targets = {
        "pyoxigraph in-process": in_process(ox.Store.read_only(str(arguments.store))),
        "ckg serve": http_client(ckg_port, "/sparql"),
        "oxigraph serve": http_client(oxigraph_port, "/query"),
    }
    try:
        for ask in targets.values():
            wait_until_up(ask)
        queries = {**SELECTIVE, **ENGINE_BOUND}
        for query in queries.values():  # warm caches and every worker's executor
            for ask in targets.values():
                for _ in range(4):
                    ask(query)
        timings: dict[tuple[str, str], list[float]] = {(q, t): [] for q in queries for t in targets}
        order = list(targets)
        rng = random.Random(1)
        for _ in range(arguments.rounds):
            for name, query in queries.items():
                rng.shuffle(order)
                for target in order:
                    started = time.perf_counter()
                    targets[target](query)
                    timings[(name, target)].append((time.perf_counter() - started) * 1000)
        print(f"\n{len(queries)} queries × {arguments.rounds} rounds, interleaved; milliseconds\n")
        print("| query | target | p50 ms | p95 ms | req/s (1 client) | p50 ratio vs oxigraph serve |")
        print("|---|---|---:|---:|---:|---:|")
        for name in queries:
            reference = statistics.median(timings[(name, "oxigraph serve")])
            for target in targets:
                values = timings[(name, target)]
                p50 = statistics.median(values)
                print(
                    f"| {name} | {target} | {p50:.2f} | {percentile(values, 0.95):.2f} | "
                    f"{1000 / statistics.mean(values):.0f} | {p50 / reference:.2f} |"
                )
        print("\nThroughput, selective query 'signatories', 4 concurrent clients, 4 s each:\n")
        for target in ("ckg serve", "oxigraph serve"):
            rate = throughput(targets[target], SELECTIVE["signatories"], 4, 4.0)
            print(f"- {target}: {rate:.0f} req/s")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
