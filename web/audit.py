"""``GET /audit``: the provenance audit of the served store, as HTML or JSON by content negotiation."""

from __future__ import annotations

import json

from flask import Blueprint, Response, request

from graph.audit import run_audit
from graph.report_html import render_html
from web.conneg import Format, negotiate
from web.engine import Engine
from web.state import server_state

blueprint = Blueprint("audit", __name__)

AUDIT_FORMATS = (
    Format("text/html", ("html",), ""),
    Format("application/json", ("json",), ""),
)


def audit_job(engine: Engine, version: tuple[str, int], document: str | None, resource: str | None,
              media_type: str) -> str:
    """Run the audit on the executor's snapshot and render it (runs in the query executor)."""
    report = run_audit(engine.reader(version), document=document, resource=resource)
    if media_type == "text/html":
        return render_html(report)
    return json.dumps(report.to_json(), ensure_ascii=False)


@blueprint.get("/audit")
def audit() -> Response:
    """The audit of the whole store, or of ``?document=`` / ``?resource=`` only."""
    fmt = negotiate(request.headers.get("Accept"), request.args.get("format"), AUDIT_FORMATS)
    state = server_state()
    body = state.executor.run(
        audit_job,
        request.args.get("document") or None,
        request.args.get("resource") or None,
        fmt.media_type,
        timeout=state.config.timeout,
    )
    response = Response(body, mimetype=fmt.media_type)
    response.headers["Vary"] = "Accept"
    return response
