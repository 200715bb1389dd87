"""Benchmark (not a test): ``ckg load`` of synthetic N-Quads at 1M (and 10M) triples, then ``ckg serve`` over it.

For each size: write the synthetic data of ``bench/synthetic.py`` as one N-Quads
file, load it with the loader behind ``ckg load`` (bulk load into a new
generation, then the build-time statistics), report triples/s of the bulk load
alone and of the whole load, the store's size on disk, and run the endpoint
query mix of ``bench/bench_server.py`` plus ``/void`` and ``/healthz`` (which read
the precomputed statistics) against ``python -m server`` on that store.

    python bench/bench_load.py [--sizes 1000000 10000000] [--rounds 20]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_server import ENGINE_BOUND, SELECTIVE, http_client, percentile, wait_until_up  # noqa: E402
from bench.synthetic import synthetic_quads  # noqa: E402
from graph import store as stores  # noqa: E402
from graph.loader import load_files  # noqa: E402
from tests.live.conftest import free_port  # noqa: E402


def write_nquads(path: Path, triples: int) -> float:
    """The synthetic data as one N-Quads file; seconds taken."""
    started = time.perf_counter()
    with path.open("wb") as output:
        ox.serialize(synthetic_quads(triples), output, format=ox.RdfFormat.N_QUADS)
    return time.perf_counter() - started


def disk_bytes(directory: Path) -> int:
    return sum(path.stat().st_size for path in directory.rglob("*") if path.is_file())


def timed_load(store_dir: Path, nquads: Path) -> tuple[float, float, dict]:
    """Seconds of the bulk load alone, seconds of the whole ``ckg load``, and its statistics."""
    marks: list[float] = []
    started = time.perf_counter()
    stats = load_files(store_dir, [nquads], on_file=lambda _: marks.append(time.perf_counter())).stats
    return marks[0] - started, time.perf_counter() - started, stats


def http_get(port: int, path: str) -> None:
    """GET ``path`` on a new connection, as the query mix's client does."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", path, headers={"Accept": "application/json"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert response.status == 200, body[:200]


def query_mix(store_dir: Path, rounds: int) -> dict[str, list[float]]:
    """Milliseconds per request of each query (and /void, /healthz) against ``python -m server``."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "server", "--store", str(store_dir), "--port", str(port), "--workers", "2",
         "--access-log", "/dev/null", "--max-rows", "0", "--timeout", "120"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    ask = http_client(port, "/sparql", keep_alive=False)
    requests = {
        name: (lambda query=query, accept=accept: ask(query, accept))
        for name, query, accept in SELECTIVE + ENGINE_BOUND
    }
    requests["/void"] = lambda: http_get(port, "/void")
    requests["/healthz"] = lambda: http_get(port, "/healthz")
    try:
        wait_until_up(ask)
        for request in requests.values():  # warm every worker
            for _ in range(4):
                request()
        timings: dict[str, list[float]] = {name: [] for name in requests}
        for _ in range(rounds):
            for name, request in requests.items():
                started = time.perf_counter()
                request()
                timings[name].append((time.perf_counter() - started) * 1000)
        return timings
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    """Command line: load and serve each size, print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--scratch", type=Path, help="directory for the data (default: a temporary one)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ckg-bench-load-", dir=arguments.scratch) as scratch:
        for size in arguments.sizes:
            nquads = Path(scratch) / f"synthetic-{size}.nq"
            write_seconds = write_nquads(nquads, size)
            store_dir = Path(scratch) / f"store-{size}"
            bulk_seconds, total_seconds, stats = timed_load(store_dir, nquads)
            generation = stores.current_generation(store_dir)
            triples = stats["triples"]
            print(f"\n## {triples:,} triples ({nquads.stat().st_size / 2**20:,.0f} MiB of N-Quads, "
                  f"written in {write_seconds:.0f} s)\n")
            print(f"- bulk load: {bulk_seconds:.1f} s, {triples / bulk_seconds:,.0f} triples/s")
            print(f"- whole `ckg load` (bulk load + statistics): {total_seconds:.1f} s, "
                  f"{triples / total_seconds:,.0f} triples/s")
            print(f"- store on disk: {disk_bytes(generation) / 2**20:,.0f} MiB "
                  f"({disk_bytes(generation) / triples:.0f} bytes/triple)")
            peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"- peak RSS of this process so far: {peak_mib:,.0f} MiB")
            nquads.unlink()
            timings = query_mix(store_dir, arguments.rounds)
            print(f"\n| request ({arguments.rounds} rounds) | p50 ms | p95 ms |\n|---|---:|---:|")
            for name, values in timings.items():
                print(f"| {name} | {statistics.median(values):.1f} | {percentile(values, 0.95):.1f} |", flush=True)


if __name__ == "__main__":
    main()
