"""The server's one error handler: any exception becomes ``{"error": {status, type, message, line, column}}``.

Every layer raises ``extract.errors.CkgError`` (or a subclass naming its status and type);
``register`` answers it, werkzeug's HTTP errors and anything unexpected (a 500, logged) in
the one JSON shape. The helpers below name the protocol's usual errors.
"""

from __future__ import annotations

import logging

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from extract.errors import CkgError
from graph.rdfio import syntax_position


def response(error: CkgError) -> Response:
    """The JSON response for an error, with its extra headers."""
    answer = Response(error.payload(), error.status, mimetype="application/json")
    answer.headers.update(error.headers)
    return answer


def syntax_error(error: SyntaxError, what: str = "query") -> CkgError:
    """400 for a SPARQL/RDF parse error, with the line and column pyoxigraph reports."""
    line, column = syntax_position(error)
    return CkgError(str(error), type=f"malformed-{what}", line=line, column=column)


def bad_request(message: str, type: str = "bad-request") -> CkgError:
    """400 for a request the protocol does not allow."""
    return CkgError(message, type=type)


def not_found(message: str, type: str = "not-found") -> CkgError:
    """404 for a resource, graph, table or entity the store does not have."""
    return CkgError(message, status=404, type=type)


def not_acceptable(offered: list[str]) -> CkgError:
    """406 naming every media type that could have been served."""
    return CkgError("no acceptable format; offered: " + ", ".join(offered), status=406, type="not-acceptable")


def unsupported_media_type(got: str | None, expected: list[str]) -> CkgError:
    """415 for a body whose media type this operation does not take."""
    message = f"content type {got or '(none)'!r} not supported; use " + " or ".join(expected)
    return CkgError(message, status=415, type="unsupported-media-type")


def register(app: Flask) -> None:
    """Answer every exception a view raises in the one JSON shape."""

    @app.errorhandler(Exception)
    def _any_error(error: Exception) -> Response:
        return response(api_error(error, app.logger))


def api_error(error: Exception, logger: logging.Logger | None = None) -> CkgError:
    """The CkgError answering any exception a handler raised; unexpected ones are logged with their traceback."""
    if isinstance(error, CkgError):
        return error
    if isinstance(error, HTTPException):
        kind = (error.name or "error").lower().replace(" ", "-")
        answer = CkgError(error.description or kind, status=error.code or 500, type=kind)
        if error.code == 405 and error.valid_methods:
            answer.headers["Allow"] = ", ".join(error.valid_methods)
        return answer
    (logger or logging.getLogger(__name__)).exception("unhandled error")
    return CkgError(f"{type(error).__name__}: {error}", status=500, type="internal-error")
