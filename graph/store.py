"""The on-disk store: pyoxigraph in generations, swapped atomically.

Layout of ``--store DIR``::

    DIR/current -> generations/<id>        symlink, replaced atomically
    DIR/generations/<id>/oxigraph/         the pyoxigraph (RocksDB) store
    DIR/generations/<id>/stats.json        aggregates computed at build time

Every write (``build``, ``load``) fills a *new* generation and only then moves the
``current`` link, so a crash or a bad input file leaves the previous store intact.
A directory that is itself a pyoxigraph store (filled by any pyoxigraph bulk load)
is served as it is, read-only. A remote store's URL (``graph/remote.py``) stands for
its local staging store here: version, statistics and text index come from there.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from .remote import RemoteStore, is_remote

CURRENT = "current"
GENERATIONS = "generations"
OXIGRAPH_DIR = "oxigraph"
STATS_FILE = "stats.json"

T = TypeVar("T")


class StoreError(Exception):
    """The store directory is missing, corrupt or not a conflict-kg store."""


def is_raw_oxigraph(path: Path) -> bool:
    """True when ``path`` is itself a pyoxigraph/RocksDB directory."""
    return (path / "CURRENT").is_file() and any(path.glob("OPTIONS-*"))


def current_generation(store_dir: Path) -> Path | None:
    """The generation directory ``current`` points at, or None for an empty store."""
    link = store_dir / CURRENT
    if not link.is_symlink():
        return None
    target = (store_dir / os.readlink(link)).resolve()
    if not (target / OXIGRAPH_DIR).is_dir():
        raise StoreError(f"{store_dir}: 'current' points at {target}, which holds no store")
    return target


def local_directory(store_dir: Path | str) -> Path:
    """The directory of a store: ``store_dir`` itself, or the staging store of a remote store's URL."""
    return RemoteStore.from_url(store_dir).staging_dir() if is_remote(store_dir) else Path(store_dir)


def oxigraph_path(store_dir: Path | str) -> Path:
    """The pyoxigraph directory to open for ``store_dir`` (managed, raw, or a remote store's staging store)."""
    if is_remote(store_dir) and not local_directory(store_dir).exists():
        raise StoreError(
            f"{RemoteStore.from_url(store_dir).query_url}: not built from here (no staging store "
            f"{local_directory(store_dir)}); run 'ckg build --store URL' with the endpoint's credentials first"
        )
    store_dir = local_directory(store_dir)
    if not store_dir.exists():
        raise StoreError(f"{store_dir}: no such store (run 'ckg build --store {store_dir}')")
    if not store_dir.is_dir():
        raise StoreError(f"{store_dir}: not a directory")
    if is_raw_oxigraph(store_dir):
        return store_dir
    generation = current_generation(store_dir)
    if generation is None:
        raise StoreError(f"{store_dir}: not a conflict-kg store (no 'current' generation)")
    return generation / OXIGRAPH_DIR


def exists(store_dir: Path) -> bool:
    """True when ``store_dir`` holds a store that can be opened."""
    try:
        oxigraph_path(store_dir)
    except StoreError:
        return False
    return True


def open_read_only(store_dir: Path) -> ox.Store:
    """Open the current store for reading; a clear StoreError when it cannot be."""
    path = oxigraph_path(store_dir)
    try:
        return ox.Store.read_only(str(path))
    except (OSError, RuntimeError) as error:  # RocksDB reports a corrupt store as RuntimeError
        raise StoreError(f"{path}: cannot open the store: {error}") from error


def open_writable(store_dir: Path) -> ox.Store:
    """Open the current generation for in-place transactional writes (SPARQL Update)."""
    path = oxigraph_path(Path(store_dir))
    try:
        return ox.Store(str(path))
    except OSError as error:
        raise StoreError(f"{path}: cannot open the store for writing: {error}") from error


def read_stats(store_dir: Path | str) -> dict | None:
    """The aggregates written at build time, or None when the store has none."""
    store_dir = local_directory(store_dir)
    generation = current_generation(store_dir) if not is_raw_oxigraph(store_dir) else None
    if generation is None or not (generation / STATS_FILE).is_file():
        return None
    return json.loads((generation / STATS_FILE).read_text(encoding="utf-8"))


class Generation:
    """A store generation being written; becomes current only on ``commit``."""

    def __init__(self, store_dir: Path, path: Path, store: ox.Store) -> None:
        self.store_dir = store_dir
        self.path = path
        self.store = store

    def write_stats(self, stats: dict) -> None:
        """Save aggregates beside the store (read by ``ckg stats`` and the server)."""
        (self.path / STATS_FILE).write_text(json.dumps(stats, indent=1, sort_keys=True), encoding="utf-8")


@contextmanager
def new_generation(store_dir: Path, *, copy_current: bool = False) -> Iterator[Generation]:
    """Write a new generation; on normal exit it replaces ``current`` atomically.

    With ``copy_current`` the new generation starts as a copy of the current one
    (``Store.backup`` uses hard links, so this is cheap). On an exception the new
    generation is deleted and the current one is left as it was.
    """
    store_dir = Path(store_dir)
    if store_dir.exists() and is_raw_oxigraph(store_dir):
        raise StoreError(
            f"{store_dir}: is a plain pyoxigraph store; ckg can serve and query it "
            "but writes generations only into a directory of its own"
        )
    if store_dir.exists() and not store_dir.is_dir():
        raise StoreError(f"{store_dir}: not a directory")
    generations = store_dir / GENERATIONS
    generations.mkdir(parents=True, exist_ok=True)
    name = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    path = generations / name
    path.mkdir()
    previous = current_generation(store_dir)
    try:
        if copy_current and previous is not None:
            with_store = ox.Store.read_only(str(previous / OXIGRAPH_DIR))
            with_store.backup(str(path / OXIGRAPH_DIR))
            del with_store
            if (previous / STATS_FILE).is_file():
                shutil.copy2(previous / STATS_FILE, path / STATS_FILE)
        store = ox.Store(str(path / OXIGRAPH_DIR))
        generation = Generation(store_dir, path, store)
        yield generation
        store.flush()
        del generation.store, store
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    _point_current_at(store_dir, path)
    _remove_stale_generations(store_dir, keep={path, previous})


def _point_current_at(store_dir: Path, generation: Path) -> None:
    """Atomically replace the ``current`` symlink (rename over it)."""
    temporary = store_dir / f".current-{uuid.uuid4().hex[:8]}"
    os.symlink(os.path.relpath(generation, store_dir), temporary)
    os.replace(temporary, store_dir / CURRENT)


def _remove_stale_generations(store_dir: Path, keep: set[Path | None]) -> None:
    """Delete generations older than the previous one (readers may still hold that)."""
    keep_resolved = {p.resolve() for p in keep if p is not None}
    for path in (store_dir / GENERATIONS).iterdir():
        if path.resolve() not in keep_resolved:
            shutil.rmtree(path, ignore_errors=True)


# A commit counter beside the data, so read-only readers (snapshots) notice in-place
# writes and reopen. RocksDB ignores files whose names it does not own.
COMMIT_COUNTER = "ckg-commits"
WRITE_LOCK = "ckg-write.lock"


def store_version(store_dir: Path | str) -> tuple[str, int]:
    """What a reader must reopen on change: the pyoxigraph directory and its commit count.

    For a remote store, that of its staging store: it changes with each ``ckg build --store URL``
    (writes made on the remote directly do not change it).
    """
    path = oxigraph_path(store_dir).resolve()
    try:
        commits = int((path / COMMIT_COUNTER).read_text(encoding="ascii") or 0)
    except FileNotFoundError:
        commits = 0
    return str(path), commits


class VersionWatch:
    """``store_version`` for a server asking on every request: the directory is resolved again only on a swap.

    Resolving ``current`` (a symlink walk, a directory listing for raw stores) costs tens of
    microseconds; the link is replaced (a new inode) by every ``build``/``load``, so its lstat
    says when to resolve again. The commit counter is read every time: in-place writes may
    come from any process.
    """

    def __init__(self, store_dir: Path | str) -> None:
        self.store_dir = store_dir
        self._link = local_directory(store_dir) / CURRENT
        self._seen: tuple[int, int] | None = None
        self._path: Path | None = None

    def __call__(self) -> tuple[str, int]:
        try:
            link = os.lstat(self._link)
            seen = (link.st_ino, link.st_mtime_ns)
        except FileNotFoundError:  # a raw pyoxigraph directory (or a store not built yet)
            seen = None
        if self._path is None or seen != self._seen:
            self._path = oxigraph_path(self.store_dir).resolve()
            self._seen = seen
        try:
            with open(self._path / COMMIT_COUNTER, "rb") as counter:
                commits = int(counter.read() or 0)
        except FileNotFoundError:
            commits = 0
        return str(self._path), commits


def write_in_place(store_dir: Path, action: Callable[[ox.Store], T]) -> T:
    """Run ``action`` as the one in-place writer, then bump the commit counter.

    A file lock serialises writers across processes; the writable store is closed
    before the lock is released (``action`` must not keep it). Readers holding
    read-only snapshots see the change once they notice the new ``store_version``.
    """
    path = oxigraph_path(Path(store_dir)).resolve()
    with open(path / WRITE_LOCK, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        store = open_writable(store_dir)
        try:
            result = action(store)
            store.flush()
        except BaseException as error:
            # The traceback's frames hold the store open (pyoxigraph has no close): clear them.
            traceback.clear_frames(error.__traceback__)
            raise
        finally:
            del store
        _, commits = store_version(store_dir)
        temporary = path / f".{COMMIT_COUNTER}-{uuid.uuid4().hex[:8]}"
        temporary.write_text(str(commits + 1), encoding="ascii")
        os.replace(temporary, path / COMMIT_COUNTER)
    return result
