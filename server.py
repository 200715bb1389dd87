"""The HTTP server: ``create_app(config)`` builds the Flask app, ``serve(config)`` runs it under gunicorn.

Every gunicorn worker is a process serving one request at a time (``web/query_worker.py``),
``workers × threads`` of them, and takes a connection only when idle, so a request never waits
behind a busy worker while another is free. SPARQL queries are read by the worker itself,
answered before Flask by ``web/query_endpoint.py`` and evaluated in the worker, under a watchdog
thread that keeps the time limit and memory cap by answering 503 and ending the process
(``web/watchdog.py``); gunicorn forks a fresh one. The rest is answered by Flask, its store work
run in a child query executor the worker can kill (``web/querypool.py``). Both hold read-only
snapshots of the store and reopen them when the store's commit counter changes.
Run it with ``ckg serve`` or ``python -m server --store DIR``.
"""

from __future__ import annotations

import dataclasses
import math
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, Response, request
from gunicorn.app.base import BaseApplication

from extract.errors import CkgError
from graph import store as stores
from graph.remote import store_location
from web import audit, describe, errors, geomap, gsp, openapi, pages, reconcile, search, sparql, tables
from web import metrics as operations
from web.conneg import gzip_body, gzip_wanted
from web.metrics import SharedMetrics
from web.query_endpoint import CORS_HEADERS, QueryEndpoint
from web.query_worker import QueryWorker
from web.querypool import QueryExecutor
from web.state import ServerState, server_state

ACCESS_LOG_FORMAT = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
CORS_PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, Accept, If-None-Match",
    "Access-Control-Max-Age": "86400",
}


def _setting(default: object, flag: str, env: str, help: str, convert: Callable[[str], object] = str) -> object:
    """A Config field with its command-line flag, environment variable and help text."""
    return field(default=default, metadata={"flag": flag, "env": env, "help": help, "convert": convert})


def _optional_text(value: str) -> str | None:
    return value or None


@dataclass(frozen=True)
class Config:
    """Server settings: command-line flags, then environment ``CKG_*``, then these defaults."""

    store: Path | str = _setting(
        stores.DEFAULT_STORE, "--store", stores.STORE_ENV,
        "store directory (ckg or raw pyoxigraph), or URL of a remote SPARQL endpoint", store_location,
    )
    host: str = _setting("127.0.0.1", "--host", "CKG_HOST", "address to listen on")
    port: int = _setting(8000, "--port", "CKG_PORT", "TCP port", int)
    workers: int = _setting(2, "--workers", "CKG_WORKERS", "worker groups of --threads processes", int)
    threads: int = _setting(4, "--threads", "CKG_THREADS", "requests served at once by each worker group", int)
    timeout: float = _setting(30.0, "--timeout", "CKG_TIMEOUT", "seconds before a query is killed", float)
    max_rows: int = _setting(100_000, "--max-rows", "CKG_MAX_ROWS", "rows/triples per result (0: no cap)", int)
    token: str | None = _setting(
        None, "--token", "CKG_UPDATE_TOKEN", "bearer token enabling writes (unset: read-only)", _optional_text
    )
    max_memory_mb: int = _setting(
        2048, "--max-memory-mb", "CKG_MAX_MEMORY_MB", "memory (MB) of one query before it is killed (0: no cap)", int
    )
    max_body_bytes: int = _setting(
        10 * 1024 * 1024, "--max-body-bytes", "CKG_MAX_BODY_BYTES", "largest request body accepted", int
    )
    access_log: str = _setting("-", "--access-log", "CKG_ACCESS_LOG", "access log file ('-': stdout)")
    public_base_url: str | None = _setting(
        None, "--public-base-url", "CKG_PUBLIC_BASE_URL", "base URL of links on pages (unset: the request's host)",
        _optional_text,
    )
    graceful_timeout: float = _setting(
        10.0, "--graceful-timeout", "CKG_GRACEFUL_TIMEOUT", "seconds to finish requests on shutdown", float
    )

    @classmethod
    def from_sources(cls, flags: Mapping[str, object] | None = None, environ: Mapping[str, str] = os.environ) -> Config:
        """Settings from flags (None means not given), then ``CKG_*`` environment variables, then defaults."""
        values = {}
        for setting in dataclasses.fields(cls):
            flag_value = (flags or {}).get(setting.name)
            if flag_value is not None:
                values[setting.name] = setting.metadata["convert"](str(flag_value))
            elif setting.metadata["env"] in environ:
                values[setting.name] = setting.metadata["convert"](environ[setting.metadata["env"]])
        return cls(**values)


def _finish(response: Response) -> Response:
    """Every response: CORS headers, gzip when asked for, and a count in the metrics."""
    response.headers.update(CORS_HEADERS)
    if request.method == "OPTIONS":
        response.headers.update(CORS_PREFLIGHT_HEADERS)
    if (
        not response.direct_passthrough
        and "Content-Encoding" not in response.headers
        and response.content_length is not None
        and gzip_wanted(request.headers.get("Accept-Encoding"), response.status_code, response.content_length)
    ):
        response.set_data(gzip_body(response.get_data()))
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
    server_state().metrics.record_response(response.status_code)
    return response


def create_app(config: Config, metrics: SharedMetrics | None = None) -> Flask:
    """The Flask app serving ``config.store``; pass ``metrics`` created before forking to share counters."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    metrics = metrics or SharedMetrics()
    executor = QueryExecutor(config.store, metrics.record_executor_restart, config.max_memory_mb * 2**20 or None)
    state = app.extensions["ckg"] = ServerState(config, executor, metrics)
    errors.register(app)
    for blueprint in (sparql.blueprint, gsp.blueprint, describe.blueprint, operations.blueprint, search.blueprint,
                      audit.blueprint, tables.blueprint, reconcile.blueprint):
        app.register_blueprint(blueprint)
    app.register_blueprint(pages.blueprint)
    app.register_blueprint(geomap.blueprint)
    app.register_blueprint(openapi.blueprint)
    app.after_request(_finish)
    app.wsgi_app = QueryEndpoint(state, app.wsgi_app, app.logger)
    return app


class _Gunicorn(BaseApplication):
    """Gunicorn configured from a Config, with metrics shared by all workers."""

    def __init__(self, config: Config) -> None:
        self.ckg_config = config
        self.metrics = SharedMetrics()
        self.workers_started = 0
        super().__init__()

    def load_config(self) -> None:
        config = self.ckg_config
        for key, value in {
            "bind": f"{config.host}:{config.port}",
            # One request at a time per worker process, queries evaluated in it (web/query_worker.py):
            # as many processes as the requests served at once, a connection taken only by an idle one.
            "workers": config.workers * config.threads,
            "worker_class": QueryWorker,
            # Queries are stopped by the executor at config.timeout; gunicorn's watchdog is the last resort.
            "timeout": math.ceil(config.timeout) + 30,
            "graceful_timeout": math.ceil(config.graceful_timeout),
            "accesslog": config.access_log,
            "access_log_format": ACCESS_LOG_FORMAT,
            "limit_request_line": 8190,
            # Several servers may run side by side; the control socket has one fixed default path.
            "control_socket_disable": True,
            "pre_fork": self._pre_fork,
            "worker_exit": _worker_exit,
        }.items():
            self.cfg.set(key, value)

    def _pre_fork(self, arbiter: object, worker: object) -> None:
        """Count workers forked beyond the first ``workers``: those replace ones that died."""
        self.workers_started += 1
        if self.workers_started > self.ckg_config.workers * self.ckg_config.threads:
            self.metrics.record_worker_restart()

    def load(self) -> Flask:
        return create_app(self.ckg_config, self.metrics)


def _worker_exit(arbiter: object, worker: object) -> None:
    """Stop the worker's query executor with it."""
    state = getattr(getattr(worker, "wsgi", None), "extensions", {}).get("ckg")
    if state is not None:
        state.executor.close()


def serve(config: Config) -> None:
    """Run the server under gunicorn until it is stopped (SIGTERM/SIGINT: graceful shutdown).

    Raises ``StoreError`` before starting when the store is missing or does not open.
    """
    # Opened and dropped at once: workers never use RocksDB themselves (their executors do).
    stores.open_read_only(config.store)
    _Gunicorn(config).run()


def main(argv: list[str] | None = None) -> None:
    """``python -m server``: ``ckg serve`` (its options, parsed by cli.py), without building a store first."""
    from cli import WITHOUT_BUILD
    from cli import serve as serve_command

    try:
        serve_command.main(argv, prog_name="python -m server", obj=WITHOUT_BUILD)
    except CkgError as error:
        sys.exit(f"error: {error}")


if __name__ == "__main__":
    main()
