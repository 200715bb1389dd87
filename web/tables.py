"""``GET /export/{relation}.csv``: the analysts' tables (``graph/tables.py``), one relation per file."""

from __future__ import annotations

from flask import Blueprint, Response

from graph.tables import RELATIONS, table_csv
from web.engine import Engine
from web.errors import not_found
from web.state import server_state

blueprint = Blueprint("tables", __name__)


def table_job(engine: Engine, version: tuple[str, int], relation: str) -> str:
    """One table as CSV text, from the executor's snapshot (runs in the query executor)."""
    return table_csv(engine.reader(version), relation)


@blueprint.get("/export/<relation>.csv")
def table(relation: str) -> Response:
    """One relation's table as CSV (RFC 4180, UTF-8, header row), each row with its evidence."""
    if relation not in RELATIONS:
        raise not_found(f"no table {relation!r}; tables: {', '.join(RELATIONS)}")
    state = server_state()
    body = state.executor.run(table_job, relation, timeout=state.config.timeout)
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{relation}.csv"'
    return response
