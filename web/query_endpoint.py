"""The /sparql query endpoint, answered in front of Flask: the hot path of the server.

Queries are most of what a public endpoint serves, and for a small query the Flask
stack (request context, routing, response object, after-request hooks) cost more than
the query itself. So queries are answered by a plain WSGI handler wrapped around the
Flask app (``app.wsgi_app``): it reads the protocol request (werkzeug for POST bodies), hands the
query to the killable executor and answers with headers made once per format, keeping
what Flask does for every response (CORS, gzip, the JSON error shape, the metrics).
Anything else, including ``GET /sparql`` without a query (the service description),
goes on to Flask.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING

from werkzeug.http import parse_etags
from werkzeug.utils import get_content_type
from werkzeug.wrappers import Request

from graph.search import SearchError, rewrite_search, uses_search
from web import engine
from web.conneg import GRAPH_FORMATS, RESULT_FORMATS, Format, gzip_body, gzip_wanted, negotiate
from web.describe import version_headers
from web.errors import api_error, bad_request
from web.sparql import QUERY_TYPE, protocol_request, single_parameter, url_parameters
from web.sparql_text import query_form, refuse_outbound

if TYPE_CHECKING:
    from web.state import ServerState

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Location, X-CKG-Truncated, X-CKG-Store-Version, X-CKG-Describes-Version",
}
PATH = "/sparql"
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
METHODS = ("GET", "HEAD", "POST")
# SERVICE and LOAD (refused) and SERVICE ckg:search (rewritten) need these words; most queries have neither,
# and lexing a query costs more than the rest of its request path.
_MAY_NAME_A_SERVICE = re.compile("service|load", re.IGNORECASE)

WsgiApp = Callable[[dict, Callable], Iterable[bytes]]


@dataclass
class Answer:
    """A response before the headers every response gets."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes = b""


@cache
def status_line(status: int) -> str:
    return f"{status} {HTTPStatus(status).phrase}"


@lru_cache(maxsize=64)
def base_iri(scheme: str, host: str | None, server_name: str, server_port: str, script_name: str) -> str:
    """The endpoint's URL for these request headers (the base IRI of queries); werkzeug's reading, kept."""
    environ = {
        "wsgi.url_scheme": scheme,
        "SERVER_NAME": server_name,
        "SERVER_PORT": server_port,
        "SCRIPT_NAME": script_name,
        "PATH_INFO": PATH,
    }
    if host is not None:
        environ["HTTP_HOST"] = host
    return Request(environ).base_url


@cache
def content_type(media_type: str) -> str:
    """The Content-Type header of a media type, with a charset where Flask would add one."""
    return get_content_type(media_type, "utf-8")


@lru_cache(maxsize=256)
def _negotiated(accept: str | None, format_name: str | None, graph_result: bool) -> Format:
    """``negotiate`` for a query's answer; clients send few distinct Accept headers, and matching costs µs."""
    return negotiate(accept, format_name, GRAPH_FORMATS if graph_result else RESULT_FORMATS)


def _etag(version: tuple[str, int], job: engine.QueryJob) -> str:
    """A weak validator: same store version, same query, dataset, format and cap give the same answer."""
    return hashlib.blake2b(repr((version, job)).encode(), digest_size=16).hexdigest()


class QueryEndpoint:
    """WSGI middleware answering SPARQL queries at /sparql; every other request goes to ``fallback`` (Flask)."""

    def __init__(self, state: ServerState, fallback: WsgiApp, logger: logging.Logger) -> None:
        self.state = state
        self.fallback = fallback
        self.logger = logger
        self.cors = list(CORS_HEADERS.items())

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != PATH or environ["REQUEST_METHOD"] not in METHODS:
            return self.fallback(environ, start_response)
        response = self.respond(environ)
        if response is None:
            return self.fallback(environ, start_response)
        status, headers, body = response
        start_response(status, headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def respond(self, environ: dict) -> tuple[str, list[tuple[str, str]], bytes] | None:
        """Status line, headers and body answering a request to /sparql; None when Flask answers it (no query)."""
        try:
            answer = self.answer(environ)
        except Exception as error:  # noqa: BLE001 - every failure is answered in the one JSON shape
            answer = self.error_answer(error)
        return None if answer is None else self.finish(answer, environ)

    def error_answer(self, error: Exception) -> Answer:
        """The JSON error answering ``error``."""
        failure = api_error(error, self.logger)
        return Answer(failure.status, [("Content-Type", "application/json"), *failure.headers.items()],
                      failure.payload())

    def finish(self, answer: Answer, environ: dict) -> tuple[str, list[tuple[str, str]], bytes]:
        """Status line, headers and body of an answer, with what every response gets: CORS, gzip, the count."""
        body = answer.body
        headers = answer.headers + self.cors
        if gzip_wanted(environ.get("HTTP_ACCEPT_ENCODING"), answer.status, len(body)):
            body = gzip_body(body)
            headers = [header for header in headers if header[0] != "Vary"]
            headers += [("Vary", "Accept, Accept-Encoding"), ("Content-Encoding", "gzip")]
        if answer.status != 304:
            headers.append(("Content-Length", str(len(body))))
        self.state.metrics.record_response(answer.status)
        return status_line(answer.status), headers, body

    def answer(self, environ: dict) -> Answer | None:
        """The answer to a query request; None for a request without a query that Flask answers."""
        config = self.state.config
        method = environ["REQUEST_METHOD"]
        if method == "POST":
            request = Request(environ)
            request.max_content_length = config.max_body_bytes
            text, params = protocol_request(request, "query", QUERY_TYPE, config.max_body_bytes)
        else:  # GET and HEAD read the query string alone: werkzeug's request object costs more than that
            params = url_parameters(environ.get("QUERY_STRING", ""))
            text = single_parameter(params, "query")
        if text is None:
            if method != "POST" and "update" not in params:
                return None
            raise bad_request("no 'query' parameter (updates go to POST /sparql/update)", "missing-query")
        headers = [("Vary", "Accept")]
        if _MAY_NAME_A_SERVICE.search(text):
            try:
                # The text-search extension (SERVICE ckg:search) becomes VALUES before the outbound check; the
                # answer says which store version the index describes (it follows writes in the background).
                if uses_search(text):
                    status = self.state.queries.run(engine.derived_status, timeout=config.timeout)
                    headers += version_headers(status.store_version, status.index_version).items()
                    text = rewrite_search(text, Path(status.index) if status.index else None)
            except SearchError as error:
                raise bad_request(str(error), "text-search-unavailable") from None
            refuse_outbound(text)
        formats = params.getlist("format")  # not params.get: a missing key raises (and catches) an exception there
        fmt = _negotiated(environ.get("HTTP_ACCEPT"), formats[0] if formats else None, query_form(text) in GRAPH_FORMS)
        job = engine.QueryJob(
            text,
            base_iri=base_iri(
                environ.get("wsgi.url_scheme", "http"),
                environ.get("HTTP_HOST"),
                environ.get("SERVER_NAME", ""),
                environ.get("SERVER_PORT", ""),
                environ.get("SCRIPT_NAME", ""),
            ),
            media_type=fmt.media_type,
            default_graphs=tuple(params.getlist("default-graph-uri")),
            named_graphs=tuple(params.getlist("named-graph-uri")),
            max_rows=config.max_rows or None,
        )
        queries = self.state.queries
        version = queries.store_version()
        if method != "POST":
            etag = _etag(version, job)
            headers.append(("ETag", f'W/"{etag}"'))
            if "HTTP_IF_NONE_MATCH" in environ and parse_etags(environ["HTTP_IF_NONE_MATCH"]).contains_weak(etag):
                return Answer(304, headers)
        started = time.perf_counter()
        try:
            result = queries.run(engine.run_query, job, timeout=config.timeout, version=version)
        finally:
            self.state.metrics.record_query(time.perf_counter() - started)
        headers.append(("Content-Type", content_type(fmt.media_type)))
        if result.truncated:
            headers.append(("X-CKG-Truncated", "true"))
        return Answer(200, headers, result.body)
