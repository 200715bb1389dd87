"""Killable store work: each server worker runs its store jobs in one child process.

pyoxigraph cannot cancel a query, so a time limit is only real if the process
running the query can be killed. The worker sends a job down a pipe, waits up to
the limit, and on overrun kills the child (freeing its CPU and memory), starts a
fresh one, and answers with a timeout error. A child dies with its worker
(end of file on the pipe). Executors are forked from a clean fork server, so
killing and replacing one costs milliseconds.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

from graph import store as stores
from web.engine import Engine
from web.errors import ApiError

T = TypeVar("T")


def _serve_jobs(connection: Connection, store_dir: Path) -> None:
    """The executor's loop: run each job received, send back ``(ok, value)``; stop at end of file."""
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2, signal.SIGWINCH):
        signal.signal(signum, signal.SIG_DFL)
    # Ctrl-C reaches the whole process group; the worker decides when its executor goes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    engine = Engine(store_dir)
    while True:
        try:
            job, args = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply = (True, job(engine, *args))
        except ApiError as error:
            reply = (False, error)
        except Exception as error:  # noqa: BLE001 - any failure is the client's answer, the executor lives on
            reply = (False, ApiError(500, "internal-error", f"{type(error).__name__}: {error}"))
        connection.send(reply)


class QueryExecutor:
    """The worker's handle on its executor process: run a job with a time limit, kill on overrun.

    ``on_restart(reason)`` is told each time the executor was killed ("timeout") or died ("died").
    """

    def __init__(self, store_dir: Path, on_restart: Callable[[str], None] = lambda reason: None) -> None:
        self.store_dir = Path(store_dir)
        self._on_restart = on_restart
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        # Sync gunicorn workers serve one request at a time; the lock keeps threaded servers correct.
        self._lock = threading.Lock()

    def _start(self) -> Connection:
        # Not plain fork: a parent that ever wrote with RocksDB (``ckg serve`` may build the store
        # first) leaves its thread pools half-copied in a forked child, and writes there hang.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["web.engine"])
        ours, theirs = context.Pipe()
        process = context.Process(target=_serve_jobs, args=(theirs, self.store_dir), daemon=True)
        process.start()
        theirs.close()
        self._process = process
        self._connection = ours
        return ours

    def _discard(self) -> None:
        """Kill the executor (if any) and forget it; the next job starts a fresh one."""
        if self._process is not None:
            self._process.kill()
            self._process.join()
        if self._connection is not None:
            self._connection.close()
        self._process = self._connection = None

    def run(self, job: Callable[..., T], *args: object, timeout: float, version: tuple[str, int] | None = None) -> T:
        """Run ``job(engine, version, *args)`` in the executor; 503 after ``timeout`` seconds.

        ``version`` is the store version the caller already read (for an ETag); by default, the current one.
        """
        version = version or stores.store_version(self.store_dir)
        with self._lock:
            connection = self._connection
            if connection is None or self._process is None or not self._process.is_alive():
                self._discard()
                connection = self._start()
            connection.send((job, (version, *args)))
            if not connection.poll(timeout):
                self._discard()
                self._on_restart("timeout")
                raise ApiError(503, "timeout", f"the query ran past the time limit of {timeout:g} s and was stopped")
            try:
                ok, value = connection.recv()
            except (EOFError, OSError):
                self._discard()
                self._on_restart("died")
                raise ApiError(500, "executor-died", "the query executor process died while running the job") from None
        if ok:
            return value
        raise value

    def close(self) -> None:
        """Stop the executor (worker shutdown)."""
        with self._lock:
            self._discard()
