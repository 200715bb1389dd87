"""The SPARQL 1.1 Protocol: how requests carry an operation, the service description, updates at /sparql/update.

Queries themselves (GET, form POST, direct POST to /sparql) are answered by ``web.query_endpoint``.
"""

from __future__ import annotations

import binascii
import time
from urllib.parse import parse_qsl, unquote

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


def _unquote_plus(text: str) -> str:
    """``text`` percent- and plus-decoded, invalid UTF-8 left percent-encoded, as werkzeug reads URL parameters.

    When every ``%`` starts an escape (and no ``=`` or line break could be misread), quoted-printable
    decoding, which reads ``=XX`` as percent-decoding reads ``%XX``, does it in C: a few µs instead of
    urllib's Python loop over every escape, which cost 10-35 µs on the queries of the benchmark.
    """
    text = text.replace("+", " ")
    if "%" not in text:
        return text
    if "=" not in text and "\r" not in text and "\n" not in text:
        decoded = binascii.a2b_qp(text.replace("%", "="))
        # Each valid escape shortens the text by two; an invalid one by less.
        if len(decoded) == len(text) - 2 * text.count("%"):
            return decoded.decode("utf-8", "werkzeug.url_quote")
    return unquote(text, errors="werkzeug.url_quote")


def url_parameters(query_string: str) -> MultiDict:
    """The parameters of a WSGI ``QUERY_STRING``, exactly as werkzeug's ``Request.args`` reads them, faster."""
    if not query_string.isascii():
        return MultiDict(parse_qsl(query_string.encode("latin-1").decode(), keep_blank_values=True,
                                   errors="werkzeug.url_quote"))
    pairs = []
    for field in query_string.split("&"):
        if field:
            name, _, value = field.partition("=")
            pairs.append((_unquote_plus(name), _unquote_plus(value)))
    return MultiDict(pairs)


def single_parameter(params: MultiDict, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise bad_request(f"more than one {name!r} parameter", f"multiple-{name}")
    return values[0] if values else None


def protocol_request(request: Request, operation: str, direct_type: str, limit: int) -> tuple[str | None, MultiDict]:
    """The operation text and all parameters, from GET, a form POST or a direct POST (body up to ``limit`` bytes)."""
    args = url_parameters(request.environ.get("QUERY_STRING", ""))
    if request.method in ("GET", "HEAD"):
        return single_parameter(args, operation), args
    if request.mimetype == FORM:
        request_body(request, limit)  # size check before the form is parsed
        params = CombinedMultiDict([args, request.form])
        return single_parameter(params, operation), params
    if request.mimetype == direct_type:
        if operation in args:
            raise bad_request(f"{operation!r} given both in the URL and as the body", f"multiple-{operation}")
        return _utf8_body(request, limit), args
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
