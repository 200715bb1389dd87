"""What every request handler needs: settings, the query executor, metrics and caches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flask import current_app, request

if TYPE_CHECKING:
    from server import Config
    from web.metrics import SharedMetrics
    from web.querypool import QueryExecutor


@dataclass
class ServerState:
    """Per-worker state of the app; ``statistics`` caches dataset counts per store version."""

    config: Config
    executor: QueryExecutor
    metrics: SharedMetrics
    statistics: dict = field(default_factory=dict)


def server_state() -> ServerState:
    """The state of the app handling the current request."""
    return current_app.extensions["ckg"]


def public_base() -> str:
    """The base URL this server is reached at: ``--public-base-url`` when set, else the request's own host."""
    return (server_state().config.public_base_url or request.url_root).rstrip("/")
