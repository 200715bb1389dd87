"""Nothing lost, live: writes acknowledged while `ckg build` runs (to completion or killed) are all kept."""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import pytest
import requests

from graph import store as stores
from graph.namespaces import GRAPH_FACTS
from tests.live.conftest import LiveServer
from tests.test_bad_input import ckg_executable

TOKEN = "nothing-lost-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEAM_GRAPH = "urn:team:edits"
MARKS = "SELECT ?n WHERE { GRAPH ?g { ?s <urn:mark> ?n } }"


@pytest.fixture
def served(bundled_store: Path, tmp_path: Path, launch: Callable[..., LiveServer]) -> tuple[Path, LiveServer]:
    store = tmp_path / "store"
    shutil.copytree(bundled_store, store, symlinks=True)
    return store, launch(store, token=TOKEN, workers=2)


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    """Ten copies of the bundled article (ten documents): a build long enough to write through (four
    were enough until extraction got twice as fast)."""
    text = Path(str(files("extract.corpus") / "nagorno-karabakh-2020.vi.txt")).read_text(encoding="utf-8")
    paths = [tmp_path / f"copy-{n}.vi.txt" for n in range(10)]
    for path in paths:
        path.write_text(text, encoding="utf-8")
    return paths


def start_build(store: Path, articles: list[Path]) -> subprocess.Popen:
    """``ckg build`` in its own process group; returns once it has branched off its new generation."""
    process = subprocess.Popen(
        [ckg_executable(), "build", *map(str, articles), "--store", str(store), "--no-cache", "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not (store / stores.JOURNAL).exists():
        assert process.poll() is None, process.stdout.read().decode()
        assert time.monotonic() < deadline, "the build never started its generation"
        time.sleep(0.02)
    return process


class Writers:
    """Four threads sending small updates until stopped; which numbers were acknowledged, and when."""

    def __init__(self, server: LiveServer, graph: Callable[[int], str], build: subprocess.Popen) -> None:
        self.server, self.graph, self.build = server, graph, build
        self.numbers = itertools.count()
        self.acknowledged: set[int] = set()
        self.during_build = 0
        self.failures: list[str] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._write) for _ in range(4)]
        for thread in self.threads:
            thread.start()

    def _write(self) -> None:
        while not self.stop.is_set():
            with self.lock:
                n = next(self.numbers)
            text = f"INSERT DATA {{ GRAPH <{self.graph(n)}> {{ <urn:edit:{n}> <urn:mark> {n} }} }}"
            url = f"{self.server.url}/sparql/update"
            response = requests.post(url, data={"update": text}, headers=AUTH, timeout=60)
            running = self.build.poll() is None
            with self.lock:
                if response.status_code == 204:
                    self.acknowledged.add(n)
                    self.during_build += running
                else:
                    self.failures.append(f"{response.status_code} {response.text}")

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()


def marks(server: LiveServer) -> set[int]:
    response = requests.get(f"{server.url}/sparql", params={"query": MARKS, "format": "json"}, timeout=30)
    return {int(row["n"]["value"]) for row in response.json()["results"]["bindings"]}


def test_every_update_acknowledged_during_a_build_is_in_the_new_store(served, articles) -> None:
    store, server = served
    before = stores.current_generation(store)
    build = start_build(store, articles)
    # Even numbers go to the facts graph, which the build rewrites: only the journal's replay can keep them.
    writers = Writers(server, lambda n: str(GRAPH_FACTS) if n % 2 == 0 else TEAM_GRAPH, build)
    output = build.communicate(timeout=600)[0].decode()
    writers.finish()
    assert build.returncode == 0, output
    assert stores.current_generation(store) != before
    assert writers.failures == []
    assert writers.during_build >= 100, f"only {writers.during_build} updates landed during the build"
    assert marks(server) == writers.acknowledged
    assert not (store / stores.JOURNAL).exists()


def test_writes_survive_a_build_killed_with_sigkill_midway(served, articles) -> None:
    store, server = served
    before = stores.current_generation(store)
    build = start_build(store, articles)
    writers = Writers(server, lambda n: TEAM_GRAPH if n % 2 else str(GRAPH_FACTS), build)
    while writers.during_build < 100:
        assert build.poll() is None, f"the build ended after {writers.during_build} updates, before it could be killed"
        time.sleep(0.05)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    killed_at = len(writers.acknowledged)
    while len(writers.acknowledged) < killed_at + 20:
        time.sleep(0.05)
    writers.finish()
    assert writers.failures == []
    assert stores.current_generation(store) == before  # the killed build never became current
    assert marks(server) == writers.acknowledged
    # The store is whole and its lock free: the next build runs, and the team's graph survives it.
    rebuild = subprocess.run(
        [ckg_executable(), "build", "--store", str(store)], capture_output=True, text=True, timeout=600
    )
    assert rebuild.returncode == 0, rebuild.stdout + rebuild.stderr
    team = {n for n in writers.acknowledged if n % 2}
    assert {n for n in marks(server) if n % 2} == team
