"""Benchmark (not a test): extraction speed per core, builds on 1 and 2 local workers and on a Dask cluster.

1. Whole process, on the bundled article: ``ckg build ARTICLE --store NEW`` (cold cache) against a bare
   underthesea POS pass over the article's sentences in a process of its own (start, import, model,
   tagging), and the start of ``ckg`` alone (``ckg --help``: interpreter and CLI imports). Then in one
   interpreter: the extractor's start (imports, data files, tagger model: the first ``extract_article``
   of a one-sentence article), ``extract_article`` of the bundled article and the bare POS pass, warm.
   The baseline is that POS pass, measured in the same run; ``--baseline REV`` adds the tree of a git
   revision (unpacked with ``git archive``) and says whether it extracts the same records. Every
   measurement runs ``--runs`` times, the processes taking turns, and the median counts.
2. ``ckg build`` of ``--articles`` synthetic articles (``bench/synthetic_articles.py``), cold
   cache: 1 and 2 local worker processes, then a Dask ``LocalCluster`` of 2 single-threaded
   worker processes reached through ``--scheduler``; articles/s and the peak resident memory
   of the largest worker process and of the client.
3. From the measured per-article cost: what 20,000 and 1.3 million articles cost on N workers.

    python bench/bench_extract.py [--runs 5] [--articles 4] [--baseline REV] [--only-per-core]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
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

CORPUS_SIZES = (20_000, 1_300_000)
CLUSTER_SIZES = (1, 2, 8, 32, 128)
SAMPLE_SECONDS = 0.1
ONE_SENTENCE = "Ngày 1 tháng 1 năm 2020, hai bên ký một thỏa thuận ngừng bắn tại Moskva.\n"

# The bare POS pass as a process of its own: the sentences (a JSON list, argv[1]) tagged one by one.
_POS_PROCESS = """
import json, sys
from underthesea import pos_tag
for sentence in json.load(open(sys.argv[1], encoding="utf-8")):
    pos_tag(sentence)
"""

# ckg as its console script runs it, on the code of the tree in PYTHONPATH.
_CKG = "import sys, cli; sys.argv[0] = 'ckg'; cli.main()"

# Run in a fresh interpreter on one tree's code (cwd and PYTHONPATH): the extractor's start (the first
# extract_article, of a one-sentence article), then the POS pass over the bundled article's sentences and
# extract_article, alternately; print the times, the code's location and a digest of the extraction
# (the same digest: the same records).
_TIMER = """
import hashlib, json, sys, time
started = time.perf_counter()
import extract
from extract.pipeline import extract_article
extract_article("one-sentence.txt", text=sys.argv[3])
start = time.perf_counter() - started
from extract.reader import read_article
from underthesea import pos_tag
article = sys.argv[1]
sentences = [sentence.text for sentence in read_article(article).sentences]
extraction = extract_article(article)
times = {"start": [start], "pos": [], "extract": []}
for _ in range(int(sys.argv[2])):
    started = time.perf_counter(); [pos_tag(sentence) for sentence in sentences]
    times["pos"].append(time.perf_counter() - started)
    started = time.perf_counter(); extract_article(article)
    times["extract"].append(time.perf_counter() - started)
print(json.dumps({"times": times, "code": extract.__file__,
                  "digest": hashlib.sha256(repr(extraction).encode()).hexdigest()}))
"""


def checkout(revision: str, directory: Path) -> Path:
    """The tree of ``revision`` (``git archive``), to run as the baseline."""
    directory.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", revision], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(directory)], input=archive, check=True)
    return directory


def _environment(code: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(code), "PYTHONHASHSEED": "0"}


def time_process(command: list[str], code: Path) -> float:
    """Wall seconds of one process run on ``code``'s tree; its failure stops the benchmark."""
    started = time.perf_counter()
    subprocess.run(command, cwd=code, env=_environment(code), capture_output=True, check=True)
    return time.perf_counter() - started


def time_in_process(code: Path) -> dict:
    """The timer script's figures (one warm repeat) on ``code``'s tree."""
    article = str(bundled_article())
    done = subprocess.run([sys.executable, "-c", _TIMER, article, "1", ONE_SENTENCE], cwd=code,
                          env=_environment(code), capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout)
    if not figures["code"].startswith(str(code)):
        raise RuntimeError(f"{code}: the timer imported {figures['code']} instead")
    return figures


@dataclass
class PerCore:
    words: int
    sentences: int
    seconds: dict[str, float]  # measurement -> median seconds
    same_records: bool | None  # the baseline tree's extraction equals this tree's (None: no baseline)


def per_core(runs: int, revision: str | None, scratch: Path) -> PerCore:
    """Median seconds of every measurement of part 1 over ``runs`` turns (see the module's docstring)."""
    import re

    from extract.reader import read_article

    article = bundled_article()
    sentences = [sentence.text for sentence in read_article(article).sentences]
    sentence_file = scratch / "sentences.json"
    sentence_file.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
    trees = {"current": ROOT}
    if revision:
        trees["baseline"] = checkout(revision, scratch / "baseline")
    samples: dict[str, list[float]] = {}
    digests: dict[str, str] = {}
    for turn in range(runs):
        measurements: list[tuple[str, Path, list[str] | None]] = [
            ("pos process", ROOT, [sys.executable, "-c", _POS_PROCESS, str(sentence_file)])]
        for name, code in trees.items():
            store = scratch / f"store-{name}-{turn}"
            measurements += [(f"build {name}", code, [sys.executable, "-c", _CKG, "build", str(article),
                                                      "--store", str(store)]),
                             (f"help {name}", code, [sys.executable, "-c", _CKG, "--help"]),
                             (f"timer {name}", code, None)]
        # Rotated each turn, so that no measurement always follows the same one.
        shift = turn % len(measurements)
        for label, code, command in measurements[shift:] + measurements[:shift]:
            if command is not None:
                samples.setdefault(label, []).append(time_process(command, code))
                continue
            name = label.split()[1]
            figures = time_in_process(code)
            digests[name] = figures["digest"]
            for key, values in figures["times"].items():
                samples.setdefault(f"{key} {name}", []).extend(values)
    words = sum(len(re.findall(r"\w+", sentence)) for sentence in sentences)
    same = digests["baseline"] == digests["current"] if revision else None
    return PerCore(words, len(sentences), {key: statistics.median(values) for key, values in samples.items()}, same)


def print_per_core(core: PerCore, runs: int, revision: str | None) -> None:
    trees = [("current", "this tree")] + ([("baseline", revision)] if revision else [])
    seconds = core.seconds

    def row(label: str, value: float, pos: float) -> None:
        print(f"| {label} | {value:.2f} | {core.words / value:,.0f} | {1 / value:.2f} | {value / pos:.2f} |")

    load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
    print(f"The bundled article ({core.words:,} words, {core.sentences} sentences), median of {runs} runs "
          f"(load average at the end {load}).")
    def table(title: str, ratio: str, pos: tuple[str, str], timed: tuple[str, str], start: tuple[str, str]) -> None:
        """One table: the POS pass, then per tree the timed step and the start (each a label and a key)."""
        print(f"\n{title}:\n")
        print(f"| what | s | words/s | articles/s | {ratio} |")
        print("|---|---|---|---|---|")
        row(pos[0], seconds[pos[1]], seconds[pos[1]])
        for name, label in trees:
            row(f"{timed[0]}, {label}", seconds[f"{timed[1]} {name}"], seconds[pos[1]])
        for name, label in trees:
            print(f"| {start[0]}, {label} | {seconds[f'{start[1]} {name}']:.2f} | | | |")

    table("Whole process", "× POS pass (process)", ("bare POS pass (underthesea), a process of its own", "pos process"),
          ("`ckg build`", "build"), ("start of `ckg` (`ckg --help`)", "help"))
    table("In one interpreter, warm", "× POS pass", ("bare POS pass (underthesea)", "pos current"),
          ("`extract_article`", "extract"), ("extractor start (imports, data, tagger model)", "start"))
    if revision:
        print(f"\nspeed-up of `ckg build`: {seconds['build baseline'] / seconds['build current']:.2f}×; "
              f"of `extract_article`: {seconds['extract baseline'] / seconds['extract current']:.2f}×; "
              f"{revision} extracts {'the same' if core.same_records else 'different'} records.")
    print(flush=True)


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
    """Command line: print the tables in Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=4, help="synthetic articles per build")
    parser.add_argument("--runs", type=int, default=5, help="turns of the whole-process and warm measurements")
    parser.add_argument("--baseline", help="git revision whose tree to measure as well (default: none)")
    parser.add_argument("--only-per-core", action="store_true", help="part 1 only")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ckg-bench-extract-") as scratch:
        core = per_core(arguments.runs, arguments.baseline, Path(scratch))
    print_per_core(core, arguments.runs, arguments.baseline)
    if arguments.only_per_core:
        return

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
          f"{core.words:,} words; linear in workers):")
    print("| articles | " + " | ".join(f"{n} worker(s)" for n in CLUSTER_SIZES) + " |")
    print("|---|" + "---|" * len(CLUSTER_SIZES))
    for size in CORPUS_SIZES:
        print(f"| {size:,} | " + " | ".join(duration(size * cost / n) for n in CLUSTER_SIZES) + " |")


if __name__ == "__main__":
    main()
