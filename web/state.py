"""What every request handler needs: settings, the query executor, metrics and caches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from flask import current_app, request

if TYPE_CHECKING:
    from server import Config
    from web.metrics import SharedMetrics
    from web.querypool import QueryExecutor

T = TypeVar("T")


class QueryRunner(Protocol):
    """Where /sparql queries run: ``QueryExecutor`` (child processes) or ``InProcessQueries`` (this process)."""

    store_version: Callable[[], tuple[str, int]]

    def run(self, job: Callable[..., T], *args: object, timeout: float, version: tuple[str, int] | None = None) -> T:
        ...


@dataclass
class ServerState:
    """Per-worker state of the app; ``statistics`` caches dataset counts per store version.

    ``queries`` runs /sparql queries: the executor, unless the worker evaluates them itself.
    """

    config: Config
    executor: QueryExecutor
    metrics: SharedMetrics
    statistics: dict = field(default_factory=dict)
    queries: QueryRunner | None = None

    def __post_init__(self) -> None:
        if self.queries is None:
            self.queries = self.executor


def server_state() -> ServerState:
    """The state of the app handling the current request."""
    return current_app.extensions["ckg"]


def public_base() -> str:
    """The base URL this server is reached at: ``--public-base-url`` when set, else the request's own host."""
    return (server_state().config.public_base_url or request.url_root).rstrip("/")
