"""Crash safety of writes, live: a killed update leaves the last committed state; a bad store stops startup.

Updates are killed three ways: by the time limit (the executor running the write
is killed mid-transaction), by ``kill -9`` of the whole server, and by ``kill -9``
of the worker alone (its executor must go with it). After each, the store opens,
holds exactly what was committed, and takes new writes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
import requests

from graph import store as stores
from tests.live.conftest import ROOT, LiveServer, build_managed_store, peace_process_quads, start_server
from tests.live.test_hostile import chain_quads

pytestmark = pytest.mark.live

TOKEN = "crash-token-0d4e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# Copies the transitive closure of the chain: millions of new triples, many seconds of writing.
SLOW_UPDATE = "INSERT { GRAPH <urn:closure> { ?a <urn:reaches> ?b } } WHERE { GRAPH <urn:chain> { ?a <urn:next>* ?b } }"
COUNT_CLOSURE = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:closure> { ?s ?p ?o } }"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def update(server: LiveServer, text: str, timeout: float = 30) -> requests.Response:
    return requests.post(f"{server.url}/sparql/update", data={"update": text}, headers=AUTH, timeout=timeout)


def count(server: LiveServer, query: str) -> int:
    response = requests.get(f"{server.url}/sparql", params={"query": query}, timeout=10)
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def kill_9(server: LiveServer) -> None:
    """SIGKILL the master, its workers and their executors, all at once (no shutdown code runs)."""
    tree = [psutil.Process(server.process.pid), *psutil.Process(server.process.pid).children(recursive=True)]
    for process in tree:
        try:
            process.send_signal(signal.SIGKILL)
        except psutil.NoSuchProcess:
            continue
    server.process.wait(timeout=10)
    # Orphaned workers may stay zombies (nobody reaps them here), but a zombie holds no lock.
    deadline = time.monotonic() + 10
    while not all(_dead(process) for process in tree) and time.monotonic() < deadline:
        time.sleep(0.02)


def _dead(process: psutil.Process) -> bool:
    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    return build_managed_store(tmp_path / "store", peace_process_quads() + chain_quads(2000))


def start(store: Path, tmp_path: Path, **settings: object) -> LiveServer:
    return start_server(store, tmp_path / f"access-{time.monotonic_ns()}.log", token=TOKEN, **settings)


def test_update_killed_at_the_time_limit_commits_nothing(store: Path, tmp_path: Path) -> None:
    server = start(store, tmp_path, timeout=1)
    try:
        before = count(server, COUNT_ALL)
        response = update(server, SLOW_UPDATE)
        assert response.status_code == 503 and response.json()["error"]["type"] == "timeout"
        assert count(server, COUNT_CLOSURE) == 0 and count(server, COUNT_ALL) == before
        # The killed writer held the write lock; it must have gone with it.
        assert update(server, "INSERT DATA { GRAPH <urn:after> { <urn:a> <urn:b> <urn:c> } }").status_code == 204
        assert count(server, COUNT_ALL) == before + 1
    finally:
        server.stop()


def test_kill_9_mid_update_keeps_every_acknowledged_write_and_nothing_else(store: Path, tmp_path: Path) -> None:
    server = start(store, tmp_path, timeout=60)
    for number in range(5):
        text = f"INSERT DATA {{ GRAPH <urn:acked> {{ <urn:s{number}> <urn:p> {number} }} }}"
        assert update(server, text).status_code == 204
    before = count(server, COUNT_ALL)
    outcome: list[object] = []

    def write_slowly() -> None:
        try:
            outcome.append(update(server, SLOW_UPDATE))
        except requests.RequestException as error:
            outcome.append(error)

    writing = threading.Thread(target=write_slowly)
    writing.start()
    time.sleep(1.0)
    kill_9(server)
    writing.join()
    assert isinstance(outcome[0], requests.ConnectionError), "the update was not in flight when the server died"
    restarted = start(store, tmp_path, timeout=60)
    try:
        assert count(restarted, COUNT_ALL) == before
        assert count(restarted, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:acked> { ?s ?p ?o } }") == 5
        assert count(restarted, COUNT_CLOSURE) == 0
        assert update(restarted, "INSERT DATA { GRAPH <urn:after> { <urn:a> <urn:b> <urn:c> } }").status_code == 204
        assert count(restarted, COUNT_ALL) == before + 1
    finally:
        restarted.stop()


def corrupt_rocksdb_current(store: Path) -> str:
    (stores.oxigraph_path(store) / "CURRENT").write_text("MANIFEST-999999\n")
    return "cannot open the store"


def remove_manifests(store: Path) -> str:
    for manifest in stores.oxigraph_path(store).glob("MANIFEST-*"):
        manifest.unlink()
    return "cannot open the store"


def not_a_store(store: Path) -> str:
    (store / stores.CURRENT).unlink()
    return "not a conflict-kg store"


def missing(store: Path) -> str:
    os.rename(store, store.with_name("elsewhere"))
    return "no such store"


@pytest.mark.parametrize("damage", [corrupt_rocksdb_current, remove_manifests, not_a_store, missing])
def test_a_damaged_store_stops_startup_with_one_clear_line(store: Path, damage) -> None:
    expected = damage(store)
    completed = subprocess.run(
        [sys.executable, "-m", "server", "--store", str(store), "--port", "0"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert completed.returncode == 1
    assert completed.stderr.startswith("error: ") and expected in completed.stderr
    assert "Traceback" not in completed.stderr and len(completed.stderr.strip().splitlines()) == 1


def test_a_killed_worker_takes_its_running_query_with_it(store: Path, tmp_path: Path) -> None:
    server = start(store, tmp_path, timeout=60, workers=1)
    try:
        master = psutil.Process(server.process.pid)
        threading.Thread(
            target=lambda: pytest.raises(requests.RequestException, update, server, SLOW_UPDATE), daemon=True
        ).start()
        time.sleep(1.0)
        executors = [process for process in master.children(recursive=True)
                     if "forkserver" in " ".join(process.parent().cmdline())]
        busy = max(executors, key=lambda process: process.cpu_times().user)
        worker = next(process for process in master.children() if busy in process.children(recursive=True))
        worker.send_signal(signal.SIGKILL)
        deadline = time.monotonic() + 5
        while not _dead(busy) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _dead(busy), "the executor kept running the query after its worker was killed"
        # The master replaces the worker; the store is still there and serving.
        assert count(server, COUNT_CLOSURE) == 0
    finally:
        server.stop()
