"""Queries evaluated in the serving process itself, their time limit and memory cap kept by a watchdog thread.

Handing a small query to a child executor and back costs two process wake-ups, more than
the query. So a worker that serves one request at a time (``web.query_worker``) evaluates
queries itself, and makes the limits real the only way pyoxigraph allows, by stopping the
process: a watchdog thread checks the clock and the process's memory every 50 ms while a
query runs (pyoxigraph releases the GIL while it evaluates and serialises, so the thread
does run), and on overrun answers the client with the 503 error and ends the process at
once. Its CPU and memory are freed with it, and the gunicorn master forks a fresh worker.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from extract.errors import CkgError
from graph import store as stores
from web.engine import Engine
from web.querypool import MEMORY_POLL_SECONDS, memory_error, run_job, timeout_error

T = TypeVar("T")
# An idle watchdog sleeps until the next query instead of polling; it stays awake this long after one.
STAY_AWAKE_SECONDS = 1.0
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


class QueryWatchdog:
    """A thread that calls ``stop(error, reason)`` when a query armed with ``armed()`` overruns its time or memory.

    ``stop`` answers the client and must end the process (it never returns to the watchdog).
    ``max_memory_bytes`` caps the process's resident memory while a query runs (None: no cap).
    """

    def __init__(self, stop: Callable[[CkgError, str], None], max_memory_bytes: int | None) -> None:
        self._stop = stop
        self.max_memory_bytes = max_memory_bytes
        self._lock = threading.Lock()
        self._deadline: float | None = None
        self._timeout = 0.0
        self._last_armed = 0.0
        self._sleeping = False
        self._wake = threading.Event()
        self._statm = os.open("/proc/self/statm", os.O_RDONLY)
        threading.Thread(target=self._watch, name="query-watchdog", daemon=True).start()

    def armed(self, timeout: float) -> QueryWatchdog:
        """Watch the code inside ``with watchdog.armed(timeout):`` for ``timeout`` seconds and the memory cap."""
        now = time.monotonic()
        with self._lock:
            self._deadline, self._timeout, self._last_armed = now + timeout, timeout, now
        if self._sleeping:
            self._wake.set()
        return self

    # A context manager class, not @contextmanager: its generator cost a few µs per query.
    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc_info: object) -> None:
        with self._lock:
            self._deadline = None

    def resident_bytes(self) -> int:
        """This process's resident memory (``/proc/self/statm``, the cheapest reading)."""
        return int(os.pread(self._statm, 64, 0).split()[1]) * _PAGE_SIZE

    def _overrun(self) -> tuple[CkgError, str] | None:
        if self._deadline is None:
            return None
        if time.monotonic() >= self._deadline:
            return timeout_error(self._timeout), "timeout"
        limit = self.max_memory_bytes
        if limit is not None and self.resident_bytes() > limit:
            return memory_error(limit), "memory"
        return None

    def _watch(self) -> None:
        while True:
            if self._deadline is None and time.monotonic() - self._last_armed > STAY_AWAKE_SECONDS:
                self._sleeping = True
                if self._deadline is None:  # armed() may have come in between: it sets the event then
                    self._wake.wait()
                self._wake.clear()
                self._sleeping = False
            else:
                time.sleep(MEMORY_POLL_SECONDS)
            # Held while answering: a query finishing now cannot disarm and start writing its own answer.
            with self._lock:
                overrun = self._overrun()
                if overrun is not None:
                    self._stop(*overrun)


class InProcessQueries:
    """The ``QueryExecutor.run`` interface, evaluated in this process under a ``QueryWatchdog``."""

    def __init__(self, store_dir: Path | str, watchdog: QueryWatchdog) -> None:
        self.engine = Engine(store_dir)
        self.store_version = stores.VersionWatch(store_dir)
        self.watchdog = watchdog

    def run(self, job: Callable[..., T], *args: object, timeout: float, version: tuple[str, int] | None = None) -> T:
        """``job(engine, version, *args)`` here; past ``timeout`` or the memory cap the watchdog ends the process."""
        version = version or self.store_version()
        with self.watchdog.armed(timeout):
            return run_job(self.engine, job, version, *args)
