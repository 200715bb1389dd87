"""The SPARQL 1.1 Protocol: queries at /sparql (GET, form POST, direct POST), updates at /sparql/update."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from flask import Blueprint, Response, request
from werkzeug.datastructures import CombinedMultiDict, MultiDict

from graph import store as stores
from graph.search import SearchError, rewrite_search, uses_search
from web import engine
from web.auth import require_write_token
from web.conneg import GRAPH_FORMATS, RESULT_FORMATS, negotiate
from web.describe import service_description, version_headers
from web.errors import ApiError, bad_request, unsupported_media_type
from web.sparql_text import apply_update_dataset, query_form, refuse_outbound
from web.state import server_state

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"

blueprint = Blueprint("sparql", __name__)


def request_body() -> bytes:
    """The raw body, refused with 413 beyond the configured size."""
    limit = server_state().config.max_body_bytes
    if request.content_length is not None and request.content_length > limit:
        raise ApiError(413, "body-too-large", f"request body over the limit of {limit} bytes")
    return request.get_data()


def _utf8_body() -> str:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise unsupported_media_type(f"{request.mimetype}; charset={charset}", ["charset=utf-8"])
    try:
        return request_body().decode("utf-8")
    except UnicodeDecodeError as error:
        raise bad_request(f"the body is not valid UTF-8: {error}") from None


def _single(params: MultiDict, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise bad_request(f"more than one {name!r} parameter", f"multiple-{name}")
    return values[0] if values else None


def _protocol_request(operation: str, direct_type: str) -> tuple[str | None, MultiDict]:
    """The operation text and all parameters, from GET, a form POST or a direct POST."""
    if request.method == "GET":
        return _single(request.args, operation), request.args
    if request.mimetype == FORM:
        request_body()  # size check before the form is parsed
        params = CombinedMultiDict([request.args, request.form])
        return _single(params, operation), params
    if request.mimetype == direct_type:
        if operation in request.args:
            raise bad_request(f"{operation!r} given both in the URL and as the body", f"multiple-{operation}")
        return _utf8_body(), request.args
    raise unsupported_media_type(request.mimetype or None, [FORM, direct_type])


def _etag(version: tuple[str, int], job: engine.QueryJob) -> str:
    """A weak validator: same store version, same query, dataset, format and cap give the same answer."""
    return hashlib.blake2b(repr((version, job)).encode(), digest_size=16).hexdigest()


@blueprint.route("/sparql", methods=["GET", "POST"])
def query() -> Response:
    """Answer a SPARQL query; without one, a GET gets the service description."""
    state = server_state()
    text, params = _protocol_request("query", QUERY_TYPE)
    if text is None:
        if request.method == "GET" and "update" not in params:
            return service_description()
        raise bad_request("no 'query' parameter (updates go to POST /sparql/update)", "missing-query")
    headers = {}
    try:
        # The text-search extension (SERVICE ckg:search) becomes VALUES before the outbound check.
        if uses_search(text):
            status = state.executor.run(engine.derived_status, timeout=state.config.timeout)
            headers = version_headers(status.store_version, status.index_version)
            text = rewrite_search(text, Path(status.index) if status.index else None)
    except SearchError as error:
        raise bad_request(str(error), "text-search-unavailable") from None
    refuse_outbound(text)
    offered = GRAPH_FORMATS if query_form(text) in ("CONSTRUCT", "DESCRIBE") else RESULT_FORMATS
    fmt = negotiate(request.headers.get("Accept"), params.get("format"), offered)
    job = engine.QueryJob(
        text,
        base_iri=request.base_url,
        media_type=fmt.media_type,
        default_graphs=tuple(params.getlist("default-graph-uri")),
        named_graphs=tuple(params.getlist("named-graph-uri")),
        max_rows=state.config.max_rows or None,
    )
    version = stores.store_version(state.config.store)
    etag = _etag(version, job) if request.method == "GET" else None
    if etag and request.if_none_match.contains_weak(etag):
        not_modified = Response(status=304, headers={"Vary": "Accept"})
        not_modified.set_etag(etag, weak=True)
        return not_modified
    started = time.perf_counter()
    try:
        result = state.executor.run(engine.run_query, job, timeout=state.config.timeout, version=version)
    finally:
        state.metrics.record_query(time.perf_counter() - started)
    response = Response(result.body, mimetype=fmt.media_type, headers=headers)
    response.headers["Vary"] = "Accept"
    if etag:
        response.set_etag(etag, weak=True)
    if result.truncated:
        response.headers["X-CKG-Truncated"] = "true"
    return response


@blueprint.post("/sparql/update")
def update() -> Response:
    """Apply a SPARQL update (needs the write token) with the protocol's using-graph-uri parameters."""
    state = server_state()
    require_write_token(state.config.token)
    text, params = _protocol_request("update", UPDATE_TYPE)
    if text is None:
        raise bad_request("no 'update' parameter", "missing-update")
    text = apply_update_dataset(text, params.getlist("using-graph-uri"), params.getlist("using-named-graph-uri"))
    refuse_outbound(text)
    started = time.perf_counter()
    try:
        state.executor.run(engine.run_update, text, request.base_url, timeout=state.config.timeout)
    finally:
        state.metrics.record_query(time.perf_counter() - started)
    return Response(status=204)
