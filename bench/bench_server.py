"""Benchmark (not a test): ``ckg serve`` against ``oxigraph serve`` on the same store, interleaved in one run.

Both servers read the same synthetic store (bench/synthetic.py) and are measured
request by request in random order, so machine noise hits them alike; pyoxigraph
in-process is measured too, as the floor. For each query: p50/p95 latency with
one client, then requests/s with 2 concurrent clients (slices of ``--seconds``,
alternating between the servers). Without ``--keep-alive`` every request opens a
new connection; with it each client keeps one (as browsers and most libraries do).
``--also NAME=DIR`` adds the ``ckg serve`` of another source tree (e.g. a ``git archive``
of an older commit) to the same interleaved run, to compare designs under the same noise.
``--runs N`` repeats the whole interleaved run with the same servers and prints the median ratios.

    python bench/bench_server.py [--triples 100000] [--rounds 200] [--runs 1] [--keep-alive] [--also NAME=DIR …]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import threading
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

EVENT = resource("armistice-500-0")
# (name, query, Accept): small answers, where the request path is most of the time.
SELECTIVE = (
    ("ask", f"ASK {{ <{EVENT}> <{CKG.signatory}> ?who }}", "application/sparql-results+json"),
    ("signatories", f"SELECT ?who WHERE {{ <{EVENT}> <{CKG.signatory}> ?who }}", "application/sparql-results+json"),
    (
        "provenance",
        f"""SELECT ?p ?o ?sentence ?text WHERE {{
  ?st <{RDF.subject}> <{resource("ceasefire-900-1")}> ; <{RDF.predicate}> ?p ; <{RDF.object}> ?o .
  OPTIONAL {{ ?st <{PROV.wasDerivedFrom}> ?sentence OPTIONAL {{ ?sentence <{NIF.anchorOf}> ?text }} }}
}}""",
        "application/sparql-results+json",
    ),
    ("construct", f"CONSTRUCT {{ <{EVENT}> ?p ?o }} WHERE {{ <{EVENT}> ?p ?o }}", "text/turtle"),
    ("describe", f"DESCRIBE <{document_resource('article-700', 'sentence', 3)}>", "application/n-triples"),
)
ENGINE_BOUND = (
    ("count-sentences", f"SELECT (COUNT(?s) AS ?n) WHERE {{ ?s a <{CKG.Sentence}> }}",
     "application/sparql-results+json"),
)


def http_client(port: int, path: str, keep_alive: bool) -> Callable[[str, str], bytes]:
    """A client sending GET path?query=…: a new connection each time, or one kept per thread."""
    local = threading.local()

    def connection() -> http.client.HTTPConnection:
        if not keep_alive:
            return http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        if getattr(local, "connection", None) is None:
            local.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        return local.connection

    def ask(query: str, accept: str) -> bytes:
        client = connection()
        try:
            client.request("GET", f"{path}?{urlencode({'query': query})}", headers={"Accept": accept})
            response = client.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            local.connection = None
            raise
        finally:
            if not keep_alive:
                client.close()
        assert response.status == 200, body[:200]
        return body

    return ask


def in_process(store: ox.Store) -> Callable[[str, str], bytes]:
    """The engine alone: query and serialise in this process."""

    def ask(query: str, accept: str) -> bytes:
        result = store.query(query, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryTriples):
            return result.serialize(format=ox.RdfFormat.from_media_type(accept))
        return result.serialize(format=ox.QueryResultsFormat.JSON)

    return ask


def wait_until_up(ask: Callable[[str, str], bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            ask("ASK {}", "application/sparql-results+json")
            return
        except (OSError, http.client.HTTPException):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def throughput(
    ask: Callable[[str, str], bytes], query: str, accept: str, clients: int, seconds: float
) -> tuple[int, float]:
    """(requests, seconds) with ``clients`` concurrent clients for about ``seconds``."""
    deadline = time.monotonic() + seconds

    def loop() -> int:
        done = 0
        while time.monotonic() < deadline:
            ask(query, accept)
            done += 1
        return done

    started = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        total = sum(pool.map(lambda _: loop(), range(clients)))
    return total, time.monotonic() - started


def start_ckg(source: Path, store: Path, workers: int, port: int) -> subprocess.Popen:
    """``python -m server`` from the source tree ``source``."""
    command = [sys.executable, "-m", "server", "--store", str(store), "--port", str(port), "--workers", str(workers),
               "--access-log", "/dev/null", "--max-rows", "0"]
    environment = {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.Popen(command, cwd=source, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_oxigraph(store: Path, port: int) -> subprocess.Popen:
    command = [str(Path(sys.executable).parent / "oxigraph"), "serve-read-only", "--location", str(store),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


Timings = dict[tuple[str, str], list[float]]
Rates = dict[tuple[str, str], list[float]]


def measure(
    targets: dict[str, Callable[[str, str], bytes]],
    servers: tuple[str, ...],
    queries: tuple[tuple[str, str, str], ...],
    arguments: argparse.Namespace,
    rng: random.Random,
) -> tuple[Timings, Rates]:
    """One interleaved run: latency samples per (query, target), then [requests, seconds] per (query, server)."""
    timings: Timings = {(q[0], t): [] for q in queries for t in targets}
    rates: Rates = {(q[0], t): [0, 0.0] for q in queries for t in servers}
    order = list(targets)
    for _ in range(arguments.rounds):
        for name, query, accept in queries:
            rng.shuffle(order)
            for target in order:
                started = time.perf_counter()
                targets[target](query, accept)
                timings[(name, target)].append((time.perf_counter() - started) * 1000)
    for _ in range(arguments.slices):
        for name, query, accept in queries:
            for target in rng.sample(servers, len(servers)):
                done, seconds = throughput(targets[target], query, accept, 2, arguments.seconds)
                rates[(name, target)][0] += done
                rates[(name, target)][1] += seconds
    return timings, rates


def median_of(ratios: list[float]) -> str:
    """``median (run 1 / run 2 / …)``."""
    return f"{statistics.median(ratios):.2f} ({' / '.join(f'{ratio:.2f}' for ratio in ratios)})"


def print_run(timings: Timings, rates: Rates, targets: dict, queries: tuple[tuple[str, str, str], ...]) -> None:
    print("| query | server | p50 / p95 | p50 ratio | req/s (2 clients) | throughput ratio |")
    print("|---|---|---:|---:|---:|---:|")
    for name, _, _ in queries:
        reference = statistics.median(timings[(name, "oxigraph serve")])
        reference_rate = rates[(name, "oxigraph serve")][0] / rates[(name, "oxigraph serve")][1]
        for target in targets:
            values = timings[(name, target)]
            p50 = statistics.median(values)
            done, seconds = rates.get((name, target), (0, 0.0))
            rate = f"{done / seconds:.0f} | {done / seconds / reference_rate:.2f}" if seconds else "– | –"
            spread = f"{p50:.2f} / {percentile(values, 0.95):.2f}"
            print(f"| {name} | {target} | {spread} | {p50 / reference:.2f} | {rate} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=200, help="latency samples per query and target")
    parser.add_argument("--seconds", type=float, default=1.0, help="length of one throughput slice")
    parser.add_argument("--slices", type=int, default=3, help="throughput slices per query and server")
    parser.add_argument("--runs", type=int, default=1, help="whole interleaved runs; more than one prints medians")
    parser.add_argument("--store", type=Path, help="default: data/bench-{triples}")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep-alive", action="store_true", help="reuse one connection per client")
    parser.add_argument("--also", action="append", default=[], metavar="NAME=DIR", help="another ckg source tree")
    arguments = parser.parse_args()
    store = arguments.store or ROOT / "data" / f"bench-{arguments.triples}"
    if not (store / "CURRENT").is_file():
        print(f"building {store} …", flush=True)
        build_store(store, arguments.triples)
    sources = {"ckg serve": ROOT} | {
        f"ckg serve ({name})": Path(directory).resolve()
        for name, directory in (option.split("=", 1) for option in arguments.also)
    }
    ports = {name: free_port() for name in [*sources, "oxigraph serve"]}
    servers = [start_ckg(source, store, arguments.workers, ports[name]) for name, source in sources.items()]
    servers.append(start_oxigraph(store, ports["oxigraph serve"]))
    targets = {"pyoxigraph in-process": in_process(ox.Store.read_only(str(store)))} | {
        name: http_client(port, "/query" if name == "oxigraph serve" else "/sparql", arguments.keep_alive)
        for name, port in ports.items()
    }
    servers_only = tuple(ports)
    queries = SELECTIVE + ENGINE_BOUND
    try:
        for ask in targets.values():
            wait_until_up(ask)
        for _, query, accept in queries:  # warm caches and every worker's executors
            for ask in targets.values():
                for _ in range(10):
                    ask(query, accept)
        runs = [measure(targets, servers_only, queries, arguments, random.Random(run)) for run in range(arguments.runs)]
        connections = "one kept-alive connection per client" if arguments.keep_alive else "a new connection per request"
        for number, (timings, rates) in enumerate(runs, 1):
            print(f"\nrun {number}/{len(runs)}: {len(queries)} queries, {arguments.rounds} rounds interleaved, "
                  f"{connections}; milliseconds\n")
            print_run(timings, rates, targets, queries)
        if len(runs) > 1:
            print(f"\nmedians over {len(runs)} runs of the ratios to oxigraph serve (each run's in brackets)\n")
            print("| query | server | p50 ratio | throughput ratio |")
            print("|---|---|---:|---:|")
            for name, _, _ in queries:
                for target in servers_only[:-1]:
                    p50s = [statistics.median(t[(name, target)]) / statistics.median(t[(name, "oxigraph serve")])
                            for t, _ in runs]
                    shares = [r[(name, target)][0] / r[(name, target)][1]
                              / (r[(name, "oxigraph serve")][0] / r[(name, "oxigraph serve")][1]) for _, r in runs]
                    print(f"| {name} | {target} | {median_of(p50s)} | {median_of(shares)} |")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
