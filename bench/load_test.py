"""Load test (not a test of the suite): many concurrent clients against ``ckg serve`` on the bundled store.

Builds the bundled corpus with ``ckg build`` into a temporary directory (or uses
``--store``), starts the server on 127.0.0.1, warms it up, then runs ``--clients``
threads for ``--seconds``, each sending a mix of the example queries, protocol
reads and descriptions. Reports errors, latency percentiles, throughput, and the
resident memory of every worker and query executor before and after. Exits
non-zero on any error or when memory grew by more than ``--max-growth-mb``.

    python bench/load_test.py [--clients 50] [--seconds 60] [--store DIR]
"""

from __future__ import annotations

import argparse
import http.client
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.namespaces import GRAPH_FACTS  # noqa: E402
from tests.live.conftest import free_port  # noqa: E402

HOST = "127.0.0.1"


def request_mix() -> list[tuple[str, str, dict[str, str]]]:
    """(kind, path with query string, headers): every example query, plus reads of the other endpoints."""
    mix = []
    for path in sorted((ROOT / "queries").glob("*.rq")):
        query = path.read_text(encoding="utf-8")
        for accept in ("application/sparql-results+json", "text/csv"):
            mix.append((f"query:{path.stem}", f"/sparql?{urlencode({'query': query})}", {"Accept": accept}))
    mix += [
        ("ask", "/sparql?" + urlencode({"query": "ASK { ?s ?p ?o }"}), {}),
        ("construct", "/sparql?" + urlencode({"query": "CONSTRUCT WHERE { ?s a ?c } LIMIT 200"}),
         {"Accept": "text/turtle"}),
        ("graph-store", "/rdf-graph-store?" + urlencode({"graph": str(GRAPH_FACTS)}),
         {"Accept": "application/n-triples"}),
        ("void", "/void", {"Accept": "text/turtle"}),
        ("service-description", "/sparql", {"Accept": "text/turtle"}),
        ("healthz", "/healthz", {}),
    ]
    return mix


def send(port: int, path: str, headers: dict[str, str]) -> int:
    """One GET on a new connection (the server closes each one); the status after reading the body."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def server_processes(server: subprocess.Popen) -> dict[str, list[psutil.Process]]:
    """Gunicorn workers and query executors (children of each worker's fork server)."""
    found: dict[str, list[psutil.Process]] = {"workers": [], "executors": []}
    for process in psutil.Process(server.pid).children(recursive=True):
        try:
            parent = " ".join(process.parent().cmdline())
            if "forkserver" in parent:
                found["executors"].append(process)
            elif process.ppid() == server.pid:
                found["workers"].append(process)
        except psutil.Error:
            continue
    return found


def resident_mb(server: subprocess.Popen) -> dict[str, list[float]]:
    sizes: dict[str, list[float]] = {}
    for kind, processes in server_processes(server).items():
        sizes[kind] = []
        for process in processes:
            try:
                sizes[kind].append(process.memory_info().rss / 2**20)
            except psutil.Error:
                continue
    return sizes


def run_clients(port: int, clients: int, seconds: float, seed: int) -> tuple[dict[str, list[float]], list[str]]:
    """Latencies (ms) per request kind and the errors seen, from ``clients`` threads for ``seconds``."""
    mix = request_mix()
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        while time.monotonic() < deadline:
            kind, path, headers = rng.choice(mix)
            started = time.perf_counter()
            try:
                status = send(port, path, headers)
                problem = None if status == 200 else f"{kind}: HTTP {status}"
            except (OSError, http.client.HTTPException) as error:
                problem = f"{kind}: {error!r}"
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies[kind].append(elapsed)
                if problem:
                    errors.append(problem)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def build_bundled_store(directory: Path) -> Path:
    store = directory / "store"
    ckg = Path(sys.executable).with_name("ckg")
    subprocess.run([str(ckg), "build", "--store", str(store)], check=True, stdout=subprocess.DEVNULL)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--store", type=Path, help="an existing store (default: build the bundled corpus)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--max-growth-mb", type=float, default=50.0, help="allowed growth of total resident memory")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ckg-load-") as scratch:
        if arguments.store is None:
            print("building the bundled corpus …", flush=True)
            started = time.monotonic()
            arguments.store = build_bundled_store(Path(scratch))
            print(f"built in {time.monotonic() - started:.1f} s")
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "server", "--store", str(arguments.store), "--host", HOST, "--port", str(port),
             "--workers", str(arguments.workers), "--threads", str(arguments.threads), "--access-log", "/dev/null"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if send(port, "/healthz", {}) == 200:
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                time.sleep(0.2)
            run_clients(port, arguments.clients, arguments.warmup, seed=0)
            before = resident_mb(server)
            started = time.monotonic()
            latencies, errors = run_clients(port, arguments.clients, arguments.seconds, seed=1)
            elapsed = time.monotonic() - started
            after = resident_mb(server)
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(arguments, latencies, errors, elapsed, before, after)


def report(arguments: argparse.Namespace, latencies: dict[str, list[float]], errors: list[str], elapsed: float,
           before: dict[str, list[float]], after: dict[str, list[float]]) -> None:
    every = [value for values in latencies.values() for value in values]
    print(f"\n{arguments.clients} clients × {elapsed:.0f} s, {arguments.workers} workers × {arguments.threads} "
          f"threads: {len(every)} requests, {len(every) / elapsed:.0f} req/s, {len(errors)} errors")
    for message in sorted(set(errors))[:10]:
        print(f"  error: {message} (×{errors.count(message)})")
    print(f"latency ms: p50 {statistics.median(every):.1f}  p95 {percentile(every, 0.95):.1f}  "
          f"p99 {percentile(every, 0.99):.1f}  max {max(every):.1f}\n")
    print("| request | n | p50 ms | p95 ms |\n|---|---:|---:|---:|")
    for kind in sorted(latencies):
        values = latencies[kind]
        print(f"| {kind} | {len(values)} | {statistics.median(values):.1f} | {percentile(values, 0.95):.1f} |")
    print("\nresident memory, MB (before → after the run):")
    for kind in ("workers", "executors"):
        print(f"  {kind}: {[round(v) for v in before[kind]]} → {[round(v) for v in after[kind]]}")
    growth = sum(map(sum, after.values())) - sum(map(sum, before.values()))
    print(f"  total growth {growth:+.1f} MB (bound {arguments.max_growth_mb:g} MB)")
    if errors or growth > arguments.max_growth_mb:
        sys.exit(1)


if __name__ == "__main__":
    main()
