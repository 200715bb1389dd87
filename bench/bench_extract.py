"""Benchmark (not a test): extraction speed per core, builds on 1 and 2 local workers and on a Dask cluster.

1. Per core, on the bundled article: ``extract_article`` of this tree and of a baseline
   revision (``--baseline``, unpacked with ``git archive``), each in a fresh interpreter, against
   a bare underthesea POS pass over the same sentences. The trees take turns, twice, and the
   fastest of their runs counts, so both see the same load; both must extract the same records.
2. ``ckg build`` of ``--articles`` synthetic articles (``bench/synthetic_articles.py``), cold
   cache: 1 and 2 local worker processes, then a Dask ``LocalCluster`` of 2 single-threaded
   worker processes reached through ``--scheduler``; articles/s and the peak resident memory
   of the largest worker process and of the client.
3. From the measured per-article cost: what 20,000 and 1.3 million articles cost on N workers.

    python bench/bench_extract.py [--articles 4] [--repeats 3] [--baseline 7c8d185]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic_articles import bundled_article, write_articles  # noqa: E402
from graph import build as builds  # noqa: E402

# The tree before reference alignment computed its features once and sentence splitting stopped being
# quadratic.
DEFAULT_BASELINE = "7c8d185"
CORPUS_SIZES = (20_000, 1_300_000)
CLUSTER_SIZES = (1, 2, 8, 32, 128)
SAMPLE_SECONDS = 0.1


# Run in a fresh interpreter on one tree's code (cwd and PYTHONPATH): warm up, then time the POS pass over
# the bundled article's sentences and extract_article, alternately; print the times, the word count, the
# code's location and a digest of the extraction (the same digest: the same records).
_TIMER = """
import hashlib, json, re, sys, time
import extract
from extract.pipeline import extract_article
from extract.reader import read_article
from underthesea import pos_tag
article = sys.argv[1]
sentences = [sentence.text for sentence in read_article(article).sentences]
extraction = extract_article(article)
times = {"pos": [], "extract": []}
for _ in range(int(sys.argv[2])):
    started = time.perf_counter(); [pos_tag(sentence) for sentence in sentences]
    times["pos"].append(time.perf_counter() - started)
    started = time.perf_counter(); extract_article(article)
    times["extract"].append(time.perf_counter() - started)
print(json.dumps({"times": times, "words": sum(len(re.findall(r"\\w+", s)) for s in sentences),
                  "code": extract.__file__, "digest": hashlib.sha256(repr(extraction).encode()).hexdigest()}))
"""


def checkout(revision: str, directory: Path) -> Path:
    """The tree of ``revision`` (``git archive``), to run as the baseline."""
    directory.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", revision], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(directory)], input=archive, check=True)
    return directory


def time_extraction(code: Path, repeats: int) -> dict:
    environment = {**os.environ, "PYTHONPATH": str(code), "PYTHONHASHSEED": "0"}
    article = str(bundled_article())
    done = subprocess.run([sys.executable, "-c", _TIMER, article, str(repeats)], cwd=code, env=environment,
                          capture_output=True, text=True, check=True)  # fmt: skip
    figures = json.loads(done.stdout)
    if not figures["code"].startswith(str(code)):
        raise RuntimeError(f"{code}: the timer imported {figures['code']} instead")
    return figures


def per_core(repeats: int, revision: str, scratch: Path) -> dict[str, float]:
    """Seconds (fastest run) of the POS pass, and of extraction with this tree's and ``revision``'s code.

    The two trees run alternately, twice, so that both see the same load."""
    baseline = checkout(revision, scratch / "baseline")
    runs: dict[str, list[float]] = {"pos": [], "current": [], "baseline": []}
    digests = set()
    for _ in range(2):
        for name, code in (("baseline", baseline), ("current", ROOT)):
            figures = time_extraction(code, repeats)
            runs[name] += figures["times"]["extract"]
            runs["pos"] += figures["times"]["pos"]
            digests.add(figures["digest"])
    if len(digests) != 1:
        raise RuntimeError(f"{revision} and this tree extract different records from the bundled article")
    return {**{name: min(times) for name, times in runs.items()}, "words": figures["words"]}


@dataclass
class BuildFigures:
    label: str
    workers: int
    articles: int
    seconds: float
    worker_rss_mb: float  # the largest worker process, at its peak
    client_rss_mb: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def seconds_per_article_per_worker(self) -> float:
        return self.seconds * self.workers / self.articles


def sampled(action: Callable[[], object]) -> tuple[float, float, float]:
    """Run ``action``; its seconds, the peak RSS of the largest descendant process and of this one (MiB)."""
    me = psutil.Process()
    peaks = {"worker": 0, "client": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            sizes = []
            for child in me.children(recursive=True):
                try:
                    sizes.append(child.memory_info().rss)
                except psutil.NoSuchProcess:
                    continue
            peaks["worker"] = max(peaks["worker"], *sizes, 0)
            peaks["client"] = max(peaks["client"], me.memory_info().rss)
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    try:
        action()
        took = time.perf_counter() - started
    finally:
        done.set()
        sampler.join()
    return took, peaks["worker"] / 2**20, peaks["client"] / 2**20


def build_figures(articles: Path, scratch: Path, count: int) -> list[BuildFigures]:
    from distributed import LocalCluster

    figures = []
    for workers in (1, 2):
        store = scratch / f"store-local-{workers}"
        took, worker, client = sampled(partial(builds.build, [articles], store, workers=workers, incremental=False))
        figures.append(BuildFigures(f"local, {workers} worker(s)", workers, count, took, worker, client))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        store = scratch / "store-dask"
        took, worker, client = sampled(
            lambda: builds.build([articles], store, scheduler=cluster.scheduler_address, incremental=False)
        )
        figures.append(BuildFigures("Dask LocalCluster, 2 workers", 2, count, took, worker, client))
    return figures


def duration(total_seconds: float) -> str:
    hours = total_seconds / 3600
    return f"{hours / 24:.1f} d" if hours >= 48 else f"{hours:.1f} h" if hours >= 1 else f"{total_seconds / 60:.0f} min"


def main() -> None:
    """Command line: print the three tables in Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=4, help="synthetic articles per build")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git revision to compare the alignment with")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ckg-bench-extract-") as scratch:
        core = per_core(arguments.repeats, arguments.baseline, Path(scratch))
    print(f"Per core, the bundled article ({core['words']:,} words), fastest of {arguments.repeats}, one run:")
    print("| what | s | words/s | articles/s | × POS pass |")
    print("|---|---|---|---|---|")
    labels = {"pos": "bare POS pass (underthesea)", "baseline": f"extract_article at {arguments.baseline}",
              "current": "extract_article, this tree"}
    for name, label in labels.items():
        print(f"| {label} | {core[name]:.2f} | {core['words'] / core[name]:,.0f} | {1 / core[name]:.2f} "
              f"| {core[name] / core['pos']:.2f} |")
    print(f"speed-up: {core['baseline'] / core['current']:.2f}×\n", flush=True)

    with tempfile.TemporaryDirectory(prefix="ckg-bench-extract-") as scratch:
        articles = Path(scratch) / "articles"
        write_articles(articles, arguments.articles)
        figures = build_figures(articles, Path(scratch), arguments.articles)
    print(f"ckg build of {arguments.articles} synthetic articles (cold cache), one run:")
    print("| build | s | articles/s | s per article per worker | peak RSS, largest worker (MiB) | client (MiB) |")
    print("|---|---|---|---|---|---|")
    for figure in figures:
        print(f"| {figure.label} | {figure.seconds:.1f} | {figure.articles_per_second:.3f} "
              f"| {figure.seconds_per_article_per_worker:.1f} | {figure.worker_rss_mb:.0f} "
              f"| {figure.client_rss_mb:.0f} |")

    cost = figures[0].seconds_per_article_per_worker  # one worker: no sharing of the 2 cores
    print(f"\nProjection at {cost:.1f} s per article per worker (articles the size of the bundled one, "
          f"{core['words']:,} words; linear in workers):")
    print("| articles | " + " | ".join(f"{n} worker(s)" for n in CLUSTER_SIZES) + " |")
    print("|---|" + "---|" * len(CLUSTER_SIZES))
    for size in CORPUS_SIZES:
        print(f"| {size:,} | " + " | ".join(duration(size * cost / n) for n in CLUSTER_SIZES) + " |")


if __name__ == "__main__":
    main()
