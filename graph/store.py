"""The on-disk store: pyoxigraph in generations, swapped atomically.

Layout of ``--store DIR``::

    DIR/current -> generations/<id>        symlink, replaced atomically
    DIR/generations/<id>/oxigraph/         the pyoxigraph (RocksDB) store
    DIR/generations/<id>/stats.json        aggregates (and search.sqlite, the text index)
    DIR/ckg-write.lock                     orders in-place writes and generation swaps
    DIR/ckg-build.lock                     one build or load at a time
    DIR/ckg-journal.jsonl                  writes made while a build runs (only then)

``build`` and ``load`` fill a *new* generation and only then move the ``current``
link, so a crash or a bad input file leaves the previous store intact. The server's
writes go into the current generation in place; those made while a build runs are
journaled and replayed onto the new generation before it becomes current.
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
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from extract.errors import CkgError

from . import writes
from .remote import RemoteStore, is_remote

CURRENT = "current"
# The store every verb and the server use unless told otherwise (--store, or the environment).
DEFAULT_STORE = Path("data/store")
STORE_ENV = "CKG_STORE"
GENERATIONS = "generations"
OXIGRAPH_DIR = "oxigraph"
STATS_FILE = "stats.json"


class StoreError(CkgError):
    """The store directory is missing, corrupt or not a conflict-kg store."""

    status, type = 503, "store-unavailable"


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
    """The aggregates written at build time (refreshed after writes, see ``graph/derived.py``), or None."""
    store_dir = local_directory(store_dir)
    generation = current_generation(store_dir) if not is_raw_oxigraph(store_dir) else None
    if generation is None or not (generation / STATS_FILE).is_file():
        return None
    return read_generation_stats(generation)


def read_generation_stats(generation: Path) -> dict:
    """The aggregates of one generation; ``commits`` says which version they describe (0 when not recorded)."""
    return json.loads((generation / STATS_FILE).read_text(encoding="utf-8"))


class StoreBusy(StoreError):
    """Another build or load is writing a new generation of the same store."""


class Generation:
    """A store generation being written; becomes current only on ``commit``."""

    def __init__(self, store_dir: Path, path: Path, store: ox.Store) -> None:
        self.store_dir = store_dir
        self.path = path
        self.store = store
        self.replay_problems: list[str] = []  # journaled writes that failed on the new store (each skipped)

    def write_stats(self, stats: dict) -> None:
        """Save aggregates beside the store (read by ``ckg stats`` and the server)."""
        write_stats(self.path, stats)


def write_stats(generation: Path, stats: dict) -> None:
    """Save aggregates in a generation directory, atomically (readers never see half a file)."""
    partial = generation / f".{STATS_FILE}-{uuid.uuid4().hex[:8]}"
    partial.write_text(json.dumps(stats, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(partial, generation / STATS_FILE)


@contextmanager
def file_lock(path: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold an exclusive ``flock`` on ``path`` (created if needed); without ``wait``, yield False when it is taken."""
    with open(path, "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _lock_directory(store_dir: Path | str) -> Path:
    """Where a store's lock files and journal live: the store directory (or the raw pyoxigraph directory)."""
    return local_directory(store_dir)


@contextmanager
def write_lock(store_dir: Path | str) -> Iterator[None]:
    """The store-level lock that orders in-place writes and generation swaps."""
    with file_lock(_lock_directory(store_dir) / WRITE_LOCK):
        yield


@contextmanager
def build_lock(store_dir: Path) -> Iterator[None]:
    """One build or load at a time per store; a second one fails at once with a one-line message."""
    path = store_dir / BUILD_LOCK
    with file_lock(path, wait=False) as acquired:
        if not acquired:
            holder = path.read_text(encoding="ascii", errors="replace").strip() or "another process"
            raise StoreBusy(
                f"{store_dir}: another 'ckg build', 'ckg load' or 'ckg gc' ({holder}) is writing this store; "
                "run again when it has finished"
            )
        path.write_text(f"pid {os.getpid()}", encoding="ascii")
        yield


def build_in_progress(store_dir: Path | str) -> bool:
    """True while a build or load holds the store's build lock."""
    path = _lock_directory(store_dir) / BUILD_LOCK
    if not path.exists():
        return False
    with file_lock(path, wait=False) as acquired:
        return not acquired


def _copy_into(previous: Path, path: Path, except_graphs: Collection[str]) -> None:
    """Start the new generation as the previous one, without the graphs in ``except_graphs``."""
    source = ox.Store.read_only(str(previous / OXIGRAPH_DIR))
    if not except_graphs:
        source.backup(str(path / OXIGRAPH_DIR))  # hard links: cheap
        if (previous / STATS_FILE).is_file():
            shutil.copy2(previous / STATS_FILE, path / STATS_FILE)
        return
    target = ox.Store(str(path / OXIGRAPH_DIR))
    kept = [ox.DefaultGraph(), *(g for g in source.named_graphs() if g.value not in except_graphs)]
    for graph in kept:
        if isinstance(graph, ox.NamedNode):
            target.add_graph(graph)
        target.bulk_extend(source.quads_for_pattern(None, None, None, graph))
    target.flush()


@contextmanager
def new_generation(
    store_dir: Path, *, copy_current: bool = False, except_graphs: Collection[str] = ()
) -> Iterator[Generation]:
    """Write a new generation; on normal exit it replaces ``current`` atomically.

    With ``copy_current`` the new generation starts as a copy of the current one,
    without the graphs named in ``except_graphs`` (which the caller rewrites). On an
    exception the new generation is deleted and the current one is left as it was.

    Nothing acknowledged is lost: writes made in place (by the server) after the copy
    are journaled and replayed onto the new generation, under the write lock, just
    before it becomes current. Only one build or load runs at a time (``StoreBusy``).
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
    with build_lock(store_dir):
        name = _new_generation_name()
        path = generations / name
        path.mkdir()
        journal = store_dir / JOURNAL
        try:
            with write_lock(store_dir):
                # The moment the new generation branches off: later writes go to the journal too.
                previous = current_generation(store_dir)
                if copy_current and previous is not None:
                    _copy_into(previous, path, except_graphs)
                journal.write_bytes(b"")
            store = ox.Store(str(path / OXIGRAPH_DIR))
            generation = Generation(store_dir, path, store)
            yield generation
            with write_lock(store_dir):
                replayed = _replay(journal, store, generation.replay_problems)
                store.flush()
                del generation.store, store
                _write_commit_count(path / OXIGRAPH_DIR, replayed)
                _point_current_at(store_dir, path)
                journal.unlink(missing_ok=True)
        except BaseException as error:
            traceback.clear_frames(error.__traceback__)  # frames would keep the new store open
            shutil.rmtree(path, ignore_errors=True)
            with write_lock(store_dir):
                journal.unlink(missing_ok=True)
            raise
        _remove_stale_generations(store_dir, keep={path, previous})


def _new_generation_name() -> str:
    """A name that sorts in the order builds made them, even for two builds in one second.

    ``remove_leftovers`` takes the previous generation to be the one whose name sorts just
    before the current one's.
    """
    now = time.time_ns()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(now // 1_000_000_000))
    return f"{stamp}{now // 1000 % 1_000_000:06d}-{uuid.uuid4().hex[:8]}"


def _replay(journal: Path, store: ox.Store, problems: list[str]) -> int:
    """Apply every journaled write to ``store`` in order; the number applied. A failing one is skipped and noted.

    A write that fails here would have failed had it come after the build, as it now does.
    """
    applied = 0
    with open(journal, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.endswith("\n"):
                break  # a writer died before finishing its line: that write was never acknowledged
            write = writes.from_json(line)
            try:
                write.apply(store)
                applied += 1
            except (OSError, ValueError, RuntimeError, SyntaxError) as error:
                problems.append(f"journaled write {number} ({type(write).__name__}) failed on the new store: {error}")
    return applied


def _point_current_at(store_dir: Path, generation: Path) -> None:
    """Atomically replace the ``current`` symlink (rename over it)."""
    temporary = store_dir / f".current-{uuid.uuid4().hex[:8]}"
    os.symlink(os.path.relpath(generation, store_dir), temporary)
    os.replace(temporary, store_dir / CURRENT)


def _remove_stale_generations(store_dir: Path, keep: set[Path | None]) -> int:
    """Delete generations older than the previous one (readers may still hold that); the bytes freed."""
    keep_resolved = {p.resolve() for p in keep if p is not None}
    freed = 0
    for path in (store_dir / GENERATIONS).iterdir():
        if path.resolve() not in keep_resolved:
            freed += sum(child.stat().st_size for child in path.rglob("*") if child.is_file())
            shutil.rmtree(path, ignore_errors=True)
    return freed


def remove_leftovers(store_dir: Path) -> int:
    """Generations of builds that were killed (all but the current and the previous one); the bytes freed.

    Call with ``build_lock`` held. The previous generation is kept: a reader may still be using it.
    """
    current = current_generation(store_dir)
    if current is None or not (store_dir / GENERATIONS).is_dir():
        return 0
    generations = sorted((store_dir / GENERATIONS).iterdir(), key=lambda path: path.name)
    older = [path for path in generations if path.name < current.name]
    previous = older[-1] if older else None
    return _remove_stale_generations(store_dir, keep={current, previous})


# A commit counter beside the data, so read-only readers (snapshots) notice in-place
# writes and reopen. RocksDB ignores files whose names it does not own.
COMMIT_COUNTER = "ckg-commits"
WRITE_LOCK = "ckg-write.lock"
BUILD_LOCK = "ckg-build.lock"
JOURNAL = "ckg-journal.jsonl"


def store_version(store_dir: Path | str) -> tuple[str, int]:
    """What a reader must reopen on change: the pyoxigraph directory and its commit count.

    For a remote store, that of its staging store: it changes with each ``ckg build --store URL``
    (writes made on the remote directly do not change it).
    """
    path = oxigraph_path(store_dir).resolve()
    return str(path), commit_count(path)


def commit_count(oxigraph_dir: Path) -> int:
    """In-place writes committed to this pyoxigraph directory (replayed ones included)."""
    try:
        return int((oxigraph_dir / COMMIT_COUNTER).read_text(encoding="ascii") or 0)
    except FileNotFoundError:
        return 0


def version_label(version: tuple[str, int]) -> str:
    """A store version as users see it: ``{generation}.{commits}`` (``{commits}`` for a plain pyoxigraph store)."""
    path, commits = version
    generation = Path(path).parent.name if Path(path).name == OXIGRAPH_DIR else ""
    return f"{generation}.{commits}" if generation else str(commits)


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
        self._path: str | None = None
        self._counter = ""

    def __call__(self) -> tuple[str, int]:
        try:
            link = os.lstat(self._link)
            seen = (link.st_ino, link.st_mtime_ns)
        except FileNotFoundError:  # a raw pyoxigraph directory (or a store not built yet)
            seen = None
        if self._path is None or seen != self._seen:
            self._path = str(oxigraph_path(self.store_dir).resolve())
            self._counter = os.path.join(self._path, COMMIT_COUNTER)
            self._seen = seen
        try:
            # Plain strings and os-level calls: pathlib and a file object cost more than the read, every request.
            counter = os.open(self._counter, os.O_RDONLY)
        except FileNotFoundError:
            return self._path, 0
        try:
            return self._path, int(os.read(counter, 64) or 0)
        finally:
            os.close(counter)



def _write_commit_count(oxigraph_dir: Path, commits: int) -> None:
    temporary = oxigraph_dir / f".{COMMIT_COUNTER}-{uuid.uuid4().hex[:8]}"
    temporary.write_text(str(commits), encoding="ascii")
    os.replace(temporary, oxigraph_dir / COMMIT_COUNTER)


def _journal(store_dir: Path | str, write: writes.Write) -> None:
    """Append ``write`` to the journal while a build or load is running (called under the write lock).

    A journal left by a build that was killed is removed instead: the current generation has every write.
    """
    journal = _lock_directory(store_dir) / JOURNAL
    if not journal.exists():
        return
    if not build_in_progress(store_dir):
        journal.unlink(missing_ok=True)
        return
    with open(journal, "a", encoding="utf-8") as lines:
        lines.write(writes.to_json(write) + "\n")
        lines.flush()
        os.fsync(lines.fileno())


def write_in_place(store_dir: Path | str, write: writes.Write) -> object:
    """Apply ``write`` to the current generation as the one in-place writer; what ``write.apply`` returns.

    The store-level write lock serialises writers across processes and orders them
    with generation swaps: the current generation is looked up once the lock is held,
    and a write made while a build runs is journaled for it (see ``new_generation``).
    The writable store is closed before the lock is released. Readers holding
    read-only snapshots see the change once they notice the new ``store_version``.
    """
    with write_lock(store_dir):
        path = oxigraph_path(store_dir).resolve()
        store = open_writable(store_dir)
        try:
            result = write.apply(store)
            store.flush()
        except BaseException as error:
            # The traceback's frames hold the store open (pyoxigraph has no close): clear them.
            traceback.clear_frames(error.__traceback__)
            raise
        finally:
            del store
        _journal(store_dir, write)
        _write_commit_count(path, commit_count(path) + 1)
    return result
