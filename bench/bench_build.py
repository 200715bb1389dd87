"""Benchmark (not a test): ``ckg build`` over 1, 10, 100 synthetic articles, then an incremental rebuild.

Articles come from ``bench/synthetic_articles.py`` (names, dates and phrasings
varied). Each build runs ``ckg build`` as a subprocess with a cold cache; reported
are articles/s, triples/s, and peak memory: of the whole process tree (sampled,
main process plus extraction workers) and of its largest single process. Last,
one article of the largest corpus is changed and the corpus rebuilt: only that
article should be extracted again.

    python bench/bench_build.py [--sizes 1 10 100] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic_articles import write_articles  # noqa: E402
from graph import store as stores  # noqa: E402

SAMPLE_SECONDS = 0.05


@dataclass
class BuildRun:
    """One timed ``ckg build``."""

    articles: int
    extracted: int
    cached: int
    seconds: float
    triples: int
    peak_tree_rss_mb: float
    peak_process_rss_mb: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def triples_per_second(self) -> float:
        return self.triples / self.seconds


def _tree_rss(process: psutil.Process) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def snapshot_code(directory: Path) -> Path:
    """A copy of the code to run: edits to the working tree during the benchmark (which change the
    extractor fingerprint, and so void the cache) cannot disturb the incremental measurement."""
    hidden = shutil.ignore_patterns(".*", "*.egg-info")

    def ignored(folder: str, names: list[str]) -> set[str]:
        # Stores, tests and benchmarks only at the top: extract/data and graph/data are code's data files.
        top = {"data", "tests", "bench"} if Path(folder) == ROOT else set()
        return set(hidden(folder, names)) | (top & set(names))

    shutil.copytree(ROOT, directory, ignore=ignored)
    return directory


def timed_build(code: Path, articles_dir: Path, store_dir: Path, workers: int) -> BuildRun:
    """Run ``ckg build`` (of the code in ``code``) once, sampling the memory of its process tree."""
    command = [sys.executable, str(code / "cli.py"), "build", str(articles_dir), "--store", str(store_dir),
               "--workers", str(workers)]
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=code, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(child.pid)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                peak = max(peak, _tree_rss(watched))
            except psutil.NoSuchProcess:
                return
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = child.stderr.read() if child.stderr else ""
    child.stdout.read() if child.stdout else None
    # wait4 reports the largest resident size of the child or any descendant it waited for.
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if child.returncode != 0:
        raise RuntimeError(f"ckg build failed ({child.returncode}):\n{output}")
    stats = stores.read_stats(store_dir) or {}
    return BuildRun(
        articles=output.count(" extracted ") + output.count(" cached "),
        extracted=output.count(" extracted "),
        cached=output.count(" cached "),
        seconds=seconds,
        triples=stats.get("triples", 0),
        peak_tree_rss_mb=peak / 2**20,
        peak_process_rss_mb=usage.ru_maxrss / 1024,
    )


def change_one_article(directory: Path) -> Path:
    """Append a paragraph to the first article (a content change the hash notices)."""
    path = sorted(directory.glob("*.txt"))[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    # Insert the first body line again after itself: a new paragraph, same style.
    lines.insert(1, lines[0])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def row(label: str, run: BuildRun) -> str:
    return (
        f"| {label} | {run.articles} | {run.extracted} | {run.seconds:.1f} | {run.articles_per_second:.2f} "
        f"| {run.triples:,} | {run.triples_per_second:,.0f} "
        f"| {run.peak_tree_rss_mb:.0f} | {run.peak_process_rss_mb:.0f} |"
    )


def main() -> None:
    """Command line: run the build benchmark and print a Markdown table (and JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    arguments = parser.parse_args()
    print(f"ckg build, {arguments.workers} worker(s), {os.cpu_count()} CPU(s); "
          f"RSS in MiB (this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f})")
    print("| run | articles | extracted | s | articles/s | triples | triples/s | peak tree RSS | peak process RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    runs: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="ckg-bench-build-") as scratch:
        code = snapshot_code(Path(scratch) / "code")
        for size in arguments.sizes:
            articles = Path(scratch) / f"articles-{size}"
            write_articles(articles, size)
            store = Path(scratch) / f"store-{size}"
            run = timed_build(code, articles, store, arguments.workers)
            runs[f"cold-{size}"] = asdict(run)
            print(row(f"cold, {size} article(s)", run), flush=True)
        largest = max(arguments.sizes)
        articles = Path(scratch) / f"articles-{largest}"
        change_one_article(articles)
        run = timed_build(code, articles, Path(scratch) / f"store-{largest}", arguments.workers)
        runs[f"incremental-{largest}"] = asdict(run)
        print(row(f"one of {largest} changed", run), flush=True)
    if arguments.json:
        arguments.json.write_text(json.dumps(runs, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
