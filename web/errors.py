"""Every HTTP error of the server, as one JSON shape: ``{"error": {status, type, message, line, column}}``."""

from __future__ import annotations

import json
import logging

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from graph.rdfio import syntax_position
from graph.store import StoreError


class ApiError(Exception):
    """An error answered to the client; picklable, so query executor processes can raise it too."""

    def __init__(
        self, status: int, type: str, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(status, type, message, line, column)
        self.status, self.type, self.message, self.line, self.column = status, type, message, line, column
        self.headers: dict[str, str] = {}

    def payload(self) -> bytes:
        """The JSON body of this error."""
        body = {"status": self.status, "type": self.type, "message": self.message}
        if self.line is not None:
            body["line"], body["column"] = self.line, self.column
        return json.dumps({"error": body}).encode()

    def response(self, headers: dict[str, str] | None = None) -> Response:
        """The JSON response for this error."""
        response = Response(self.payload(), self.status, mimetype="application/json")
        response.headers.update(self.headers)
        response.headers.update(headers or {})
        return response


def syntax_error(error: SyntaxError, what: str = "query") -> ApiError:
    """400 for a SPARQL/RDF parse error, with the line and column pyoxigraph reports."""
    line, column = syntax_position(error)
    return ApiError(400, f"malformed-{what}", str(error), line, column)


def bad_request(message: str, type: str = "bad-request") -> ApiError:
    """400 for a request the protocol does not allow."""
    return ApiError(400, type, message)


def not_acceptable(offered: list[str]) -> ApiError:
    """406 naming every media type that could have been served."""
    return ApiError(406, "not-acceptable", "no acceptable format; offered: " + ", ".join(offered))


def unsupported_media_type(got: str | None, expected: list[str]) -> ApiError:
    """415 for a body whose media type this operation does not take."""
    return ApiError(
        415, "unsupported-media-type", f"content type {got or '(none)'!r} not supported; use " + " or ".join(expected)
    )


def register(app: Flask) -> None:
    """Make ApiError and every werkzeug HTTP error answer in the one JSON shape."""

    @app.errorhandler(ApiError)
    def _api_error(error: ApiError) -> Response:
        return error.response()

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        return api_error(error).response()

    @app.errorhandler(StoreError)
    def _store_error(error: StoreError) -> Response:
        return api_error(error).response()

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        return api_error(error, app.logger).response()


def api_error(error: Exception, logger: logging.Logger | None = None) -> ApiError:
    """The ApiError answering any exception a handler raised; unexpected ones are logged with their traceback."""
    if isinstance(error, ApiError):
        return error
    if isinstance(error, HTTPException):
        kind = (error.name or "error").lower().replace(" ", "-")
        answer = ApiError(error.code or 500, kind, error.description or kind)
        if error.code == 405 and error.valid_methods:
            answer.headers["Allow"] = ", ".join(error.valid_methods)
        return answer
    if isinstance(error, StoreError):
        return ApiError(503, "store-unavailable", str(error))
    (logger or logging.getLogger(__name__)).exception("unhandled error")
    return ApiError(500, "internal-error", f"{type(error).__name__}: {error}")
