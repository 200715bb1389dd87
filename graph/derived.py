"""Statistics and the text index kept in step with in-place writes.

A build or load writes ``stats.json`` and ``search.sqlite`` for its generation;
each records the commit count it describes (``store.commit_count``: 0 for a fresh
generation). An in-place write (SPARQL Update, Graph Store) bumps the count, so both
go stale; ``refresh`` recomputes them from a snapshot taken under the write lock,
over and over until they describe the current version. One refresher runs per
store at a time (a file lock); one that finds the lock taken leaves the work to its
holder, which looks again after letting go. Readers show what they have, with the
version it describes, after giving a refresh a short while to catch up.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from . import store as stores
from .search import INDEX_FILE, build_index, index_commits
from .stats import compute_stats

REFRESH_LOCK = "ckg-refresh.lock"
# How long a reader waits for a running refresh before answering with what it has (and saying so).
READER_WAIT_SECONDS = 3.0


def described_commits(generation: Path) -> tuple[int | None, int | None]:
    """The commit counts the generation's statistics and text index describe (None: it has none)."""
    stats_file = generation / stores.STATS_FILE
    stats = stores.read_generation_stats(generation) if stats_file.is_file() else None
    index = generation / INDEX_FILE
    try:
        indexed = index_commits(index) if index.is_file() else None
    except sqlite3.Error:  # being replaced at this very moment
        indexed = -1
    return (stats.get("commits", 0) if stats is not None else None), indexed


def is_fresh(store_dir: Path | str) -> bool:
    """True when the statistics and index the store has (if any) describe its current version."""
    directory = stores.local_directory(store_dir)
    if stores.is_raw_oxigraph(directory):
        return True  # nothing derived is kept beside a plain pyoxigraph store
    generation = stores.current_generation(directory)
    if generation is None:
        return True
    commits = stores.commit_count(generation / stores.OXIGRAPH_DIR)
    return all(described in (None, commits) for described in described_commits(generation))


def refresh(store_dir: Path | str) -> None:
    """Recompute what is stale until statistics and index describe the current version; leave it to a running one."""
    directory = stores.local_directory(store_dir)
    while not is_fresh(directory):
        with stores.file_lock(directory / REFRESH_LOCK, wait=False) as acquired:
            if not acquired:
                return
            while not is_fresh(directory):
                _refresh_once(directory)


def _refresh_once(directory: Path) -> None:
    with stores.write_lock(directory):
        # Snapshot and count read together: the snapshot holds exactly that many commits.
        path = stores.oxigraph_path(directory)
        commits = stores.commit_count(path)
        snapshot = ox.Store.read_only(str(path))
    generation = path.parent
    stats_described, index_described = described_commits(generation)
    if index_described is not None and index_described != commits:
        build_index(snapshot, generation, commits=commits)
    if stats_described is not None and stats_described != commits:
        previous = stores.read_generation_stats(generation)
        stats = compute_stats(snapshot) | {"commits": commits}
        if "articles" in previous:
            stats["articles"] = previous["articles"]
        stores.write_stats(generation, stats)


class BackgroundRefresh:
    """At most one refreshing thread per process and store; a request made while it runs makes it go round again.

    After a write the refresh waits for writes to pause (``QUIET_SECONDS``, at most
    ``MAX_DELAY_SECONDS`` in all), so a burst of writes costs one recomputation rather
    than one each; a reader's request starts it at once.
    """

    QUIET_SECONDS = 0.25
    MAX_DELAY_SECONDS = 2.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: dict[str, tuple[float, float]] = {}  # store -> (first, last) request times; 0: at once
        self._running: set[str] = set()

    def request(self, store_dir: Path | str, *, at_once: bool = False) -> None:
        """Refresh ``store_dir`` soon (``at_once``: without waiting for writes to pause), in a daemon thread."""
        key, now = str(store_dir), time.monotonic()
        with self._lock:
            first, _ = self._pending.get(key, (now, now))
            self._pending[key] = (0.0, 0.0) if at_once else (first, now)
            if key in self._running:
                return
            self._running.add(key)
        threading.Thread(target=self._run, args=(store_dir, key), daemon=True, name="ckg-refresh").start()

    def _run(self, store_dir: Path | str, key: str) -> None:
        while True:
            with self._lock:
                if key not in self._pending:
                    self._running.discard(key)
                    return
                first, last = self._pending[key]
                wait = min(last + self.QUIET_SECONDS, first + self.MAX_DELAY_SECONDS) - time.monotonic()
                if wait <= 0:
                    del self._pending[key]
            if wait > 0:
                time.sleep(wait)
                continue
            try:
                refresh(store_dir)
            except (OSError, RuntimeError, stores.StoreError):
                pass  # the store moved on under us (a swap, a deleted generation); the next request starts over


background = BackgroundRefresh()


def wait_until_fresh(store_dir: Path | str, timeout: float = READER_WAIT_SECONDS) -> bool:
    """Ask for a refresh when stale and wait up to ``timeout`` seconds for it; True when fresh."""
    if is_fresh(store_dir):
        return True
    background.request(store_dir, at_once=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.02)
        if is_fresh(store_dir):
            return True
    return False
