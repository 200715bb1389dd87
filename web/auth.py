"""Write protection: writes are off without a token, and need ``Authorization: Bearer TOKEN`` with one."""

from __future__ import annotations

import hmac

from flask import request

from web.errors import ApiError


def require_write_token(token: str | None) -> None:
    """403 when writes are disabled, 401 unless the request carries the token (compared in constant time)."""
    if not token:
        raise ApiError(403, "writes-disabled", "this server is read-only; start it with --token to enable writes")
    scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(offered.strip().encode(), token.encode()):
        error = ApiError(401, "unauthorized", "writes need the header 'Authorization: Bearer TOKEN'")
        error.headers["WWW-Authenticate"] = 'Bearer realm="ckg"'
        raise error
