"""Fixtures shared by the test tiers: the bundled article built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.build import build

TIER_FOLDERS = ("live", "browser")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests under tests/live and tests/browser carry their tier's marker (``-m live``, ``-m browser``)."""
    for item in items:
        folder = item.path.parent.name
        if folder in TIER_FOLDERS:
            item.add_marker(folder)


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from the bundled corpus by ``ckg build``'s code (read-only for tests)."""
    store_dir = tmp_path_factory.mktemp("bundled") / "store"
    build([], store_dir, workers=1, incremental=False)
    return store_dir
