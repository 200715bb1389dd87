"""The one error type of conflict-kg: every layer raises it, each surface answers it in one place.

A ``CkgError`` carries what a user needs: an HTTP status, a short ``type``, a one-line
message, the CLI's exit code, and a line and column when it points into a file or query.
Subclasses name their usual status and type (a store that cannot open is 503
``store-unavailable``); a raise can override either. The CLI prints ``ckg: error: MESSAGE``
and exits with ``exit_code`` (cli.py); the server answers
``{"error": {"status", "type", "message", "line", "column"}}`` (web/errors.py).

It sits in ``extract/``, the first stage of the pipeline, so that every later stage can
import it without an arrow pointing backwards.
"""

from __future__ import annotations

import json


class CkgError(Exception):
    """An error answered to the user: status, type, message, exit code and an optional position."""

    status = 400
    type = "bad-request"
    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        type: str | None = None,
        line: int | None = None,
        column: int | None = None,
        exit_code: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        if type is not None:
            self.type = type
        if exit_code is not None:
            self.exit_code = exit_code
        self.line, self.column = line, column
        self.headers: dict[str, str] = {}  # extra HTTP headers (Allow, WWW-Authenticate)

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple:
        # Query executor processes send errors through a pipe: rebuild from the attributes, whatever
        # a subclass's constructor takes.
        return _restore, (self.__class__, self.__dict__)

    def to_json(self) -> dict:
        """The documented JSON shape; ``line`` and ``column`` only when the error has a position."""
        body: dict = {"status": self.status, "type": self.type, "message": self.message}
        if self.line is not None:
            body["line"], body["column"] = self.line, self.column
        return {"error": body}

    def payload(self) -> bytes:
        """The JSON body of an HTTP answer to this error."""
        return json.dumps(self.to_json()).encode()


def _restore(cls: type[CkgError], state: dict) -> CkgError:
    error = cls.__new__(cls)
    Exception.__init__(error, state["message"])
    error.__dict__.update(state)
    return error
