"""The SPARQL 1.1 Protocol: how requests carry an operation, the service description, updates at /sparql/update.

Queries themselves (GET, form POST, direct POST to /sparql) are answered by ``web.query_endpoint``.
"""

from __future__ import annotations

import time

from flask import Blueprint, Response
from flask import request as flask_request
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from werkzeug.wrappers import Request

from extract.errors import CkgError
from web import engine
from web.auth import require_write_token
from web.describe import service_description
from web.errors import bad_request, unsupported_media_type
from web.sparql_text import apply_update_dataset, refuse_outbound
from web.state import server_state

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"

blueprint = Blueprint("sparql", __name__)


def request_body(request: Request | None = None, limit: int = 0) -> bytes:
    """The raw body, refused with 413 beyond ``limit`` bytes (default: the Flask request, the configured limit)."""
    if request is None:
        request, limit = flask_request, server_state().config.max_body_bytes
    if request.content_length is not None and request.content_length > limit:
        raise CkgError(f"request body over the limit of {limit} bytes", status=413, type="body-too-large")
    return request.get_data()


def _utf8_body(request: Request, limit: int) -> str:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise unsupported_media_type(f"{request.mimetype}; charset={charset}", ["charset=utf-8"])
    try:
        return request_body(request, limit).decode("utf-8")
    except UnicodeDecodeError as error:
        raise bad_request(f"the body is not valid UTF-8: {error}") from None


def _single(params: MultiDict, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise bad_request(f"more than one {name!r} parameter", f"multiple-{name}")
    return values[0] if values else None


def protocol_request(request: Request, operation: str, direct_type: str, limit: int) -> tuple[str | None, MultiDict]:
    """The operation text and all parameters, from GET, a form POST or a direct POST (body up to ``limit`` bytes)."""
    if request.method in ("GET", "HEAD"):
        return _single(request.args, operation), request.args
    if request.mimetype == FORM:
        request_body(request, limit)  # size check before the form is parsed
        params = CombinedMultiDict([request.args, request.form])
        return _single(params, operation), params
    if request.mimetype == direct_type:
        if operation in request.args:
            raise bad_request(f"{operation!r} given both in the URL and as the body", f"multiple-{operation}")
        return _utf8_body(request, limit), request.args
    raise unsupported_media_type(request.mimetype or None, [FORM, direct_type])


@blueprint.route("/sparql", methods=["GET", "POST"])
def query() -> Response:
    """The service description; queries are answered before Flask, by ``web.query_endpoint``."""
    return service_description()


@blueprint.post("/sparql/update")
def update() -> Response:
    """Apply a SPARQL update (needs the write token) with the protocol's using-graph-uri parameters."""
    state = server_state()
    require_write_token(state.config.token)
    text, params = protocol_request(flask_request, "update", UPDATE_TYPE, state.config.max_body_bytes)
    if text is None:
        raise bad_request("no 'update' parameter", "missing-update")
    text = apply_update_dataset(text, params.getlist("using-graph-uri"), params.getlist("using-named-graph-uri"))
    refuse_outbound(text)
    started = time.perf_counter()
    try:
        state.executor.run(engine.run_update, text, flask_request.base_url, timeout=state.config.timeout)
    finally:
        state.metrics.record_query(time.perf_counter() - started)
    return Response(status=204)
