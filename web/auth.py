"""Write protection: writes are off without a token, and need ``Authorization: Bearer TOKEN`` with one."""

from __future__ import annotations

import hmac

from flask import request

from extract.errors import CkgError


def require_write_token(token: str | None) -> None:
    """403 when writes are disabled, 401 unless the request carries the token (compared in constant time)."""
    if not token:
        message = "this server is read-only; start it with --token to enable writes"
        raise CkgError(message, status=403, type="writes-disabled")
    scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(offered.strip().encode(), token.encode()):
        error = CkgError("writes need the header 'Authorization: Bearer TOKEN'", status=401, type="unauthorized")
        error.headers["WWW-Authenticate"] = 'Bearer realm="ckg"'
        raise error
