"""Browser-test fixtures: the contract sample dataset served by the real server, and headless Chromium (playwright)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from graph.namespaces import GRAPH_ONTOLOGY
from tests.live.conftest import LiveServer, build_managed_store, start_server

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_SAMPLE = ROOT / "tests" / "fixtures" / "contract-sample.trig"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def contract_sample_quads() -> list[ox.Quad]:
    """The hand-written contract sample (all its named graphs) plus the ontology, whose labels the pages show."""
    quads = list(ox.parse(path=str(CONTRACT_SAMPLE), format=ox.RdfFormat.TRIG))
    ontology = Path(str(files("ontology") / "ckg.ttl"))
    graph = ox.NamedNode(str(GRAPH_ONTOLOGY))
    parsed = ox.parse(path=str(ontology), format=ox.RdfFormat.TURTLE)
    quads += [ox.Quad(quad.subject, quad.predicate, quad.object, graph) for quad in parsed]
    return quads


def serve_quads(tmp_path_factory: pytest.TempPathFactory, name: str, quads: list[ox.Quad]) -> Iterator[LiveServer]:
    """The real server (gunicorn, one worker) over a new store holding ``quads``; stopped when done."""
    store = build_managed_store(tmp_path_factory.mktemp(name) / "store", quads)
    server = start_server(store, tmp_path_factory.mktemp("log") / "access.log", workers=1)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def sample_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The real server over a store holding the contract sample."""
    yield from serve_quads(tmp_path_factory, "sample", contract_sample_quads())


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by playwright."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page; a screenshot of it is kept under test-artifacts/ after every test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
