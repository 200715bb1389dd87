"""``ckg build --scheduler``: extraction on a real Dask cluster (a scheduler and two workers on 127.0.0.1)."""

from __future__ import annotations

import re
import shutil
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from graph import build as builds
from graph import store as stores
from tests.dask_cluster import DaskCluster, free_port

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = [
    *sorted((ROOT / "tests/articles").glob("gen*.txt"))[:6],
    ROOT / "tests/wiki/bishkek-1994.vi.wiki",
    ROOT / "tests/wiki/bishkek-protocol.parsoid.html",
]
DUMP = ROOT / "tests/wiki/viwiki-sample-pages-articles.xml"
# Each build names its run by the second it started, and loading the ontology labels its blank nodes afresh;
# everything else must match.
_PER_BUILD = re.compile(r"resource/run/\d{8}T\d{6}Z|(?<=startedAtTime> )\"[^\"]*\"|_:[0-9a-z]+")


def quads(store_dir: Path) -> Counter[str]:
    store = stores.open_read_only(store_dir)
    return Counter(_PER_BUILD.sub("(per build)", str(quad)) for quad in store)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    articles = tmp_path_factory.mktemp("articles")
    for article in ARTICLES:
        shutil.copy(article, articles / article.name)
    return articles


@pytest.fixture(scope="module")
def local_build(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store_dir = tmp_path_factory.mktemp("local") / "store"
    builds.build([folder], store_dir, workers=2)
    return store_dir


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[DaskCluster]:
    logs = tmp_path / "dask"
    logs.mkdir()
    started = DaskCluster.start(logs, workers=2)
    try:
        yield started
    finally:
        started.stop()
    assert all(process.poll() is not None for process in started.processes)


def test_a_build_through_the_cluster_holds_the_same_quads_and_cache_as_a_local_build(
    cluster: DaskCluster, folder: Path, local_build: Path, tmp_path: Path
):
    store_dir = tmp_path / "store"
    extracted: list[str] = []
    stats = builds.build(
        [folder], store_dir, scheduler=cluster.scheduler, on_article=lambda result: extracted.append(result.name)
    ).stats
    assert sorted(extracted) == sorted(article.name for article in ARTICLES)
    assert quads(store_dir) == quads(local_build)
    assert stats["articles"] == stores.read_stats(local_build)["articles"]
    # The cache it left is the local build's: a local rebuild takes every article from it.
    cached: list[bool] = []
    builds.build([folder], store_dir, on_article=lambda result: cached.append(result.cached))
    assert cached == [True] * len(ARTICLES)


def test_a_dump_is_streamed_by_the_client_and_its_pages_extracted_on_the_workers(
    cluster: DaskCluster, tmp_path: Path
):
    local, remote = tmp_path / "local", tmp_path / "cluster"
    runner = CliRunner()
    outputs = []
    for store_dir, options in ((local, []), (remote, ["--scheduler", cluster.scheduler])):
        built = runner.invoke(main, ["build", str(DUMP), "--store", str(store_dir), *options])
        assert built.exit_code == 0, built.output
        outputs.append(" ".join(built.output.replace(str(store_dir), "STORE").split()))
    for output in outputs:
        assert "'Trang trống' skipped: it has no text" in output  # by the client, reading the dump
        assert "#Trang hỏng: line 1: unbalanced template braces" in output  # by a worker, rendering the page
        assert output.endswith("built STORE: 2,520 triples from 2 article(s)")
    assert quads(remote) == quads(local)


def test_a_worker_killed_mid_build_has_its_articles_run_elsewhere_once(
    cluster: DaskCluster, folder: Path, local_build: Path, tmp_path: Path
):
    from distributed import Client

    killed: list[tuple[str, list[str]]] = []
    extracted: list[str] = []
    monitor = Client(cluster.scheduler, set_as_default=False, timeout=30)

    def kill_a_busy_worker() -> None:
        # Once the first article is back, kill a worker that holds one in progress.
        for _ in range(200):
            busy = {address: keys for address, keys in monitor.processing().items() if keys}
            if busy and not killed:
                address, keys = next(iter(busy.items()))
                cluster.kill_worker(address)
                killed.append((address, [str(key) for key in keys]))
                return
            threading.Event().wait(0.05)

    def on_article(result: builds.ArticleResult) -> None:
        extracted.append(result.name)
        if len(extracted) == 1:
            kill_a_busy_worker()

    try:
        builds.build([folder], tmp_path / "store", scheduler=cluster.scheduler, on_article=on_article)
    finally:
        monitor.close()
    assert killed, "no worker was busy after the first article: nothing was killed"
    assert len(cluster.workers) == 1
    assert Counter(extracted) == Counter(article.name for article in ARTICLES)  # nothing lost, nothing twice
    assert quads(tmp_path / "store") == quads(local_build)


def test_an_unreachable_scheduler_is_a_one_line_error_that_leaves_the_store_alone(
    local_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    store_dir = tmp_path / "store"
    shutil.copytree(local_build, store_dir, symlinks=True)
    before = quads(store_dir)
    monkeypatch.setattr(builds, "SCHEDULER_TIMEOUT", 2)
    address = f"tcp://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(main, ["build", str(ROOT / "tests/wiki/bishkek-protocol.vi.txt"),
                                       "--store", str(store_dir), "--scheduler", address])  # fmt: skip
    assert result.exit_code == 1
    assert f"{address}: cannot reach the Dask scheduler" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert quads(store_dir) == before


def test_a_worker_running_another_extractor_stops_the_build_before_the_store_changes(
    cluster: DaskCluster, local_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    store_dir = tmp_path / "store"
    shutil.copytree(local_build, store_dir, symlinks=True)
    before = quads(store_dir)
    monkeypatch.setattr(builds, "extractor_fingerprint", lambda: "another-version")
    with pytest.raises(builds.ClusterError, match="a worker runs another conflict-kg .*this build another-version"):
        builds.build([ROOT / "tests/wiki/bishkek-protocol.vi.txt"], store_dir, scheduler=cluster.scheduler)
    assert quads(store_dir) == before
