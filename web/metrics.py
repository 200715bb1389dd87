"""Prometheus-style counters shared by all gunicorn workers, and the /metrics and /healthz endpoints.

The counters live in anonymous shared memory created by the gunicorn master
before it forks, so ``/metrics`` from any worker shows totals for the whole
server (also across worker restarts).
"""

from __future__ import annotations

import multiprocessing
from bisect import bisect_left

from flask import Blueprint, Response, jsonify

from extract.errors import CkgError
from web import engine
from web.state import server_state

STATUSES = (200, 201, 204, 304, 400, 401, 403, 404, 405, 406, 413, 415, 500, 503)
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
_OTHER_STATUS = len(STATUSES)
_BUCKETS = _OTHER_STATUS + 1
_QUERY_COUNT = _BUCKETS + len(LATENCY_BUCKETS) + 1
_QUERY_SECONDS = _QUERY_COUNT + 1
_TIMEOUTS = _QUERY_SECONDS + 1
_EXECUTOR_RESTARTS = _TIMEOUTS + 1
_WORKER_RESTARTS = _EXECUTOR_RESTARTS + 1
_SIZE = _WORKER_RESTARTS + 1


class SharedMetrics:
    """Counters in shared memory; create before forking so every worker adds to the same numbers."""

    def __init__(self) -> None:
        self._values = multiprocessing.RawArray("d", _SIZE)
        self._lock = multiprocessing.Lock()

    def _add(self, index: int, amount: float = 1.0) -> None:
        with self._lock:
            self._values[index] += amount

    def record_response(self, status: int) -> None:
        """Count one response by status code."""
        self._add(STATUSES.index(status) if status in STATUSES else _OTHER_STATUS)

    def record_query(self, seconds: float) -> None:
        """Add one query's wall time to the latency histogram."""
        with self._lock:
            self._values[_BUCKETS + bisect_left(LATENCY_BUCKETS, seconds)] += 1
            self._values[_QUERY_COUNT] += 1
            self._values[_QUERY_SECONDS] += seconds

    def record_executor_restart(self, reason: str) -> None:
        """Count a killed (timeout) or crashed query executor."""
        if reason == "timeout":
            self._add(_TIMEOUTS)
        self._add(_EXECUTOR_RESTARTS)

    def record_worker_restart(self) -> None:
        """Count a gunicorn worker that exited and was replaced (called in the master)."""
        self._add(_WORKER_RESTARTS)

    def render(self) -> str:
        """The Prometheus text exposition of every counter."""
        with self._lock:
            values = list(self._values)
        lines = [
            "# HELP ckg_http_responses_total HTTP responses by status code.",
            "# TYPE ckg_http_responses_total counter",
        ]
        for index, status in enumerate((*STATUSES, "other")):
            lines.append(f'ckg_http_responses_total{{status="{status}"}} {values[index]:.0f}')
        lines += [
            "# HELP ckg_query_duration_seconds Wall time of SPARQL queries and updates, including the executor.",
            "# TYPE ckg_query_duration_seconds histogram",
        ]
        cumulative = 0.0
        for offset, bound in enumerate((*LATENCY_BUCKETS, "+Inf")):
            cumulative += values[_BUCKETS + offset]
            lines.append(f'ckg_query_duration_seconds_bucket{{le="{bound}"}} {cumulative:.0f}')
        lines += [
            f"ckg_query_duration_seconds_count {values[_QUERY_COUNT]:.0f}",
            f"ckg_query_duration_seconds_sum {values[_QUERY_SECONDS]:.6f}",
            "# HELP ckg_query_timeouts_total Queries stopped at the time limit (their executor was killed).",
            "# TYPE ckg_query_timeouts_total counter",
            f"ckg_query_timeouts_total {values[_TIMEOUTS]:.0f}",
            "# HELP ckg_executor_restarts_total Query executor processes killed or crashed and replaced.",
            "# TYPE ckg_executor_restarts_total counter",
            f"ckg_executor_restarts_total {values[_EXECUTOR_RESTARTS]:.0f}",
            "# HELP ckg_worker_restarts_total Gunicorn workers that exited and were replaced.",
            "# TYPE ckg_worker_restarts_total counter",
            f"ckg_worker_restarts_total {values[_WORKER_RESTARTS]:.0f}",
        ]
        return "\n".join(lines) + "\n"


blueprint = Blueprint("operations", __name__)


@blueprint.get("/metrics")
def metrics() -> Response:
    """Counters for Prometheus, totals over all workers."""
    return Response(server_state().metrics.render(), mimetype="text/plain; version=0.0.4")


@blueprint.get("/healthz")
def healthz() -> Response:
    """200 when the store opens (in the query executor), with the triple count and the version it describes."""
    state = server_state()
    try:
        # A liveness probe never waits for a refresh: the versions say whether the count is current.
        status = state.executor.run(engine.derived_status, 0.0, timeout=state.config.timeout)
    except CkgError as error:
        raise CkgError(error.message, status=503, type="store-unavailable") from None
    return jsonify(
        status="ok",
        store=str(state.config.store),
        version=status.store_version,
        triples=status.triples,
        triples_version=status.stats_version,
        search_index_version=status.index_version,
    )
