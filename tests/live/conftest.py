"""Live-test fixtures: build a small store with pyoxigraph, start the real gunicorn server on a free port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from graph import store as stores
from graph.namespaces import CKG, GRAPH_DOCUMENTS, GRAPH_FACTS, NIF, RDF, RDFS, RES
from graph.stats import compute_stats

ROOT = Path(__file__).resolve().parents[2]
SENTENCES = 30


def _iri(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def peace_process_quads() -> list[ox.Quad]:
    """A tiny dataset in the contract's vocabulary: one armistice, its signatories, and sentences."""
    armistice = _iri(RES["armistice-2020-11-09"])
    facts, documents = _iri(GRAPH_FACTS), _iri(GRAPH_DOCUMENTS)
    quads = [
        ox.Quad(armistice, _iri(RDF.type), _iri(CKG.Armistice), facts),
        ox.Quad(armistice, _iri(RDFS.label), ox.Literal("Thỏa thuận ngừng bắn", language="vi"), facts),
        ox.Quad(armistice, _iri(CKG.signatory), _iri(RES["person-a"]), facts),
        ox.Quad(armistice, _iri(CKG.signatory), _iri(RES["person-b"]), facts),
    ]
    for number in range(1, SENTENCES + 1):
        sentence = _iri(RES[f"doc/sentence/{number}"])
        quads += [
            ox.Quad(sentence, _iri(RDF.type), _iri(CKG.Sentence), documents),
            ox.Quad(sentence, _iri(NIF.anchorOf), ox.Literal(f"Câu số {number}.", language="vi"), documents),
        ]
    return quads


def build_managed_store(directory: Path, quads: list[ox.Quad]) -> Path:
    """A ckg store (generations, stats.json) filled directly with pyoxigraph."""
    with stores.new_generation(directory) as generation:
        generation.store.extend(quads)
        generation.write_stats(compute_stats(generation.store))
    return directory


def build_raw_store(directory: Path, quads: list[ox.Quad]) -> Path:
    """A plain pyoxigraph directory, as any bulk load leaves it."""
    store = ox.Store(str(directory))
    store.extend(quads)
    store.flush()
    del store
    return directory


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LiveServer:
    """A running ``python -m server``: its base URL, process, settings and log file."""

    url: str
    process: subprocess.Popen
    store: Path | str
    token: str | None
    log: Path

    def stop(self) -> int:
        """Graceful shutdown (SIGTERM); the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start_server(
    store: Path | str, log: Path, *, token: str | None = None, cwd: Path = ROOT, **settings: object
) -> LiveServer:
    """Start the real server (in ``cwd``) on a free port and wait until /healthz answers; ``store`` may be a URL."""
    port = free_port()
    arguments = [sys.executable, "-m", "server", "--store", str(store), "--port", str(port), "--access-log", str(log)]
    for name, value in settings.items():
        arguments += [f"--{name.replace('_', '-')}", str(value)]
    environment = {key: value for key, value in os.environ.items() if not key.startswith("CKG_")}
    if token:
        environment["CKG_UPDATE_TOKEN"] = token
    # Relative store paths (a remote store's staging store) are read from cwd; the code comes from ROOT.
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environment.get("PYTHONPATH")]))
    process = subprocess.Popen(
        arguments, cwd=cwd, env=environment, stdout=log.with_suffix(".out").open("wb"), stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.with_suffix('.out').read_text()}")
        try:
            if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                return LiveServer(url, process, store, token, log)
        except requests.RequestException:  # not listening yet, or a first answer slower than 2 s on a busy machine
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("server did not become healthy in 30 s")


@pytest.fixture(scope="module")
def launch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., LiveServer]]:
    """Start servers for one test module; all are stopped after it."""
    started: list[LiveServer] = []

    def _launch(store: Path, **settings: object) -> LiveServer:
        server = start_server(store, tmp_path_factory.mktemp("log") / "access.log", **settings)
        started.append(server)
        return server

    yield _launch
    for server in started:
        server.stop()
