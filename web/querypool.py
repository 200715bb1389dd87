"""Killable store work: a worker runs each store job in a child executor process it can kill.

pyoxigraph cannot cancel a query, so a time limit is only real if the process
running the query can be killed. A request thread borrows an idle executor (or
starts one), sends it the job down a pipe and waits up to the time limit,
watching the child's memory meanwhile. On overrun it kills the child (freeing
its CPU and memory) and answers with an error; the next job gets a fresh one.
Each worker thread has at most one executor busy, so a worker with N threads
keeps at most N. A child exits with its worker, even in the middle of a job.
Executors are forked from a clean fork server that has imported what they
need, so replacing one costs milliseconds.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

import psutil

from extract.errors import CkgError
from graph import store as stores
from web.engine import Engine

T = TypeVar("T")
# How often a waiting worker thread checks its executor's memory; a fast job answers before the first check.
MEMORY_POLL_SECONDS = 0.05


def _exit_with(worker_pid: int) -> None:
    """Exit this process as soon as the worker process is gone.

    End of file on the pipe is only seen between jobs: without this, an executor whose
    worker was killed would run its query (and hold the write lock) to the end. Not the
    parent's death signal: the parent is the fork server, which each executor keeps alive.
    """
    try:
        select.select([os.pidfd_open(worker_pid)], [], [])
    except ProcessLookupError:  # gone already
        pass
    os._exit(1)


def _serve_jobs(connection: Connection, store_dir: Path | str, worker_pid: int) -> None:
    """The executor's loop: run each job received, send back ``(ok, value)``; stop at end of file."""
    threading.Thread(target=_exit_with, args=(worker_pid,), daemon=True).start()
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
            reply = (True, run_job(engine, job, *args))
        except CkgError as error:
            reply = (False, error)
        connection.send(reply)


def run_job(engine: Engine, job: Callable[..., T], *args: object) -> T:
    """``job(engine, *args)``, any failure turned into the CkgError answering it (the process running it lives on)."""
    try:
        return job(engine, *args)
    except CkgError:  # a remote store's failure too: RemoteError is a 502 CkgError
        raise
    except Exception as error:  # noqa: BLE001 - any failure is the client's answer
        raise CkgError(f"{type(error).__name__}: {error}", status=500, type="internal-error") from None


def timeout_error(timeout: float) -> CkgError:
    """503 for a query stopped at the time limit."""
    return CkgError(f"the query ran past the time limit of {timeout:g} s and was stopped", status=503, type="timeout")


def memory_error(limit: int) -> CkgError:
    """503 for a query stopped at the memory cap of ``limit`` bytes."""
    message = f"the query needed more than {limit // 2**20} MB of memory and was stopped"
    return CkgError(message, status=503, type="memory-limit")


def _preloaded_modules() -> list[str]:
    """What the fork server imports once for all executors: the engine, and the main module.

    Every child runs the main module again as ``__mp_main__`` (``server``, or the ``ckg`` script
    and all that ``cli`` imports); imported in the fork server first, that costs milliseconds
    instead of a quarter of a second, for each executor started or replaced after a kill.
    """
    spec = getattr(sys.modules["__main__"], "__spec__", None)
    return ["web.engine", spec.name if spec is not None else "__main__"]


class _Executor:
    """One executor process and the worker's end of its pipe."""

    def __init__(self, store_dir: Path | str) -> None:
        # Not plain fork: a parent that ever wrote with RocksDB (``ckg serve`` may build the store
        # first) leaves its thread pools half-copied in a forked child, and writes there hang.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_preloaded_modules())
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_serve_jobs, args=(theirs, store_dir, os.getpid()), daemon=True)
        self.process.start()
        theirs.close()
        self.usage = psutil.Process(self.process.pid)
        # Poll objects for the life of the executor: multiprocessing builds a selector for each check.
        self._replies = select.poll()
        self._replies.register(self.connection.fileno(), select.POLLIN)
        self._ended = select.poll()
        self._ended.register(self.process.sentinel, select.POLLIN)

    def alive(self) -> bool:
        """Whether the process still runs (its sentinel becomes readable when it ends)."""
        return not self._ended.poll(0)

    def reply_ready(self, seconds: float) -> bool:
        """Wait up to ``seconds`` for the reply (or the end of the pipe); True when there is one."""
        return bool(self._replies.poll(seconds * 1000))

    def resident_bytes(self) -> int:
        """The child's resident memory (0 once it is gone)."""
        try:
            return self.usage.memory_info().rss
        except psutil.Error:
            return 0

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class QueryExecutor:
    """A worker's executor processes: run a job with time and memory limits, kill the child on overrun.

    ``on_restart(reason)`` is told each time an executor was killed ("timeout", "memory") or died ("died").
    ``max_memory_bytes`` caps an executor's resident memory while it works (None: no cap).
    """

    def __init__(
        self,
        store_dir: Path | str,
        on_restart: Callable[[str], None] = lambda reason: None,
        max_memory_bytes: int | None = None,
    ) -> None:
        self.store_dir = store_dir
        self.store_version = stores.VersionWatch(store_dir)
        self.max_memory_bytes = max_memory_bytes
        self._on_restart = on_restart
        self._idle: list[_Executor] = []
        self._lock = threading.Lock()

    def _borrow(self) -> _Executor:
        with self._lock:
            while self._idle:
                executor = self._idle.pop()
                if executor.alive():
                    return executor
                executor.kill()
        return _Executor(self.store_dir)

    def _give_back(self, executor: _Executor) -> None:
        with self._lock:
            self._idle.append(executor)

    def _lose(self, executor: _Executor, reason: str, error: CkgError) -> CkgError:
        executor.kill()
        self._on_restart(reason)
        return error

    def _wait(self, executor: _Executor, timeout: float) -> None:
        """Return when the reply is ready; kill the executor and raise 503 on overrun of time or memory."""
        deadline = time.monotonic() + timeout
        while not executor.reply_ready(max(0.0, min(MEMORY_POLL_SECONDS, deadline - time.monotonic()))):
            if time.monotonic() >= deadline:
                raise self._lose(executor, "timeout", timeout_error(timeout))
            limit = self.max_memory_bytes
            if limit is not None and executor.resident_bytes() > limit:
                raise self._lose(executor, "memory", memory_error(limit))

    def run(self, job: Callable[..., T], *args: object, timeout: float, version: tuple[str, int] | None = None) -> T:
        """Run ``job(engine, version, *args)`` in an executor; 503 after ``timeout`` seconds or over the memory cap.

        ``version`` is the store version the caller already read (for an ETag) with ``store_version()``;
        by default, the current one.
        """
        version = version or self.store_version()
        executor = self._borrow()
        try:
            executor.connection.send((job, (version, *args)))
        except OSError:
            message = "the query executor died"
            raise self._lose(executor, "died", CkgError(message, status=500, type="executor-died")) from None
        self._wait(executor, timeout)
        try:
            ok, value = executor.connection.recv()
        except (EOFError, OSError):
            message = "the query executor process died while running the job"
            raise self._lose(executor, "died", CkgError(message, status=500, type="executor-died")) from None
        self._give_back(executor)
        if ok:
            return value
        raise value

    def close(self) -> None:
        """Stop every idle executor (worker shutdown; busy ones die with the worker)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for executor in idle:
            executor.kill()
