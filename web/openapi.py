"""``GET /openapi.json``: the OpenAPI 3 description of the HTTP interface (a static file beside this module)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, send_file

DOCUMENT = Path(__file__).with_name("openapi.json")

blueprint = Blueprint("openapi", __name__)


@blueprint.get("/openapi.json")
def openapi() -> Response:
    """The description, served as it is on disk."""
    return send_file(DOCUMENT, mimetype="application/json")
