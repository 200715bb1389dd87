"""The SPARQL 1.1 Graph Store HTTP Protocol at /rdf-graph-store: reads open, writes with the token.

Graphs are named indirectly (``?graph=IRI``, ``?default``) or directly: the URL
``/rdf-graph-store/some/path`` names the graph whose IRI is that URL. ``?default``
is the store's own default graph, not the union the query endpoint uses.
"""

from __future__ import annotations

import uuid

from flask import Blueprint, Response, request

from extract.errors import CkgError
from web import engine
from web.auth import require_write_token
from web.conneg import GRAPH_FORMATS, negotiate
from web.errors import bad_request, not_found
from web.sparql import request_body
from web.state import server_state

PATH = "/rdf-graph-store"

blueprint = Blueprint("graph_store", __name__)
_NO_TARGET = object()


def _target() -> str | None | object:
    """The graph IRI, None for the default graph, or _NO_TARGET for the bare endpoint."""
    if request.path != PATH:
        return request.base_url
    graphs = request.args.getlist("graph")
    if len(graphs) + ("default" in request.args) > 1:
        raise bad_request("name exactly one graph: ?default or one ?graph=IRI", "ambiguous-graph")
    if graphs:
        return graphs[0]
    return None if "default" in request.args else _NO_TARGET


def _payloads() -> list[engine.RdfPayload]:
    body = request_body()
    if request.mimetype == "multipart/form-data":
        return [engine.RdfPayload(part.read(), part.mimetype) for part in request.files.values()]
    if not request.mimetype:
        raise CkgError("a graph needs a Content-Type (e.g. text/turtle)", status=415, type="unsupported-media-type")
    return [engine.RdfPayload(body, request.mimetype)]


def _run(job: object, *args: object) -> object:
    state = server_state()
    return state.executor.run(job, *args, timeout=state.config.timeout)


@blueprint.route(PATH, methods=["GET", "PUT", "POST", "DELETE"])
@blueprint.route(f"{PATH}/<path:_direct>", methods=["GET", "PUT", "POST", "DELETE"])
def graph_store(_direct: str | None = None) -> Response:
    """GET/HEAD, PUT, POST and DELETE of one graph."""
    target = _target()
    if request.method in ("GET", "HEAD"):
        if target is _NO_TARGET:
            raise bad_request("name a graph: ?default or ?graph=IRI", "missing-graph")
        fmt = negotiate(request.headers.get("Accept"), request.args.get("format"), GRAPH_FORMATS)
        result = _run(engine.read_graph, target, fmt.media_type)
        if result is None:
            raise not_found(f"no graph {target}", "graph-not-found")
        response = Response(result.body, mimetype=fmt.media_type)
        response.headers["Vary"] = "Accept"
        return response
    require_write_token(server_state().config.token)
    if request.method == "DELETE":
        if target is _NO_TARGET:
            raise bad_request("name the graph to delete: ?default or ?graph=IRI", "missing-graph")
        if not _run(engine.delete_graph, target):
            raise not_found(f"no graph {target}", "graph-not-found")
        return Response(status=200)
    headers = {}
    if target is _NO_TARGET:
        if request.method != "POST":
            raise bad_request("name the graph to replace: ?default or ?graph=IRI", "missing-graph")
        # POST to the bare endpoint creates a graph named by a new URL that GETs it back.
        target = f"{request.base_url}/{uuid.uuid4().hex}"
        headers["Location"] = target
    created = _run(engine.write_graph, target, request.base_url, _payloads(), request.method == "PUT")
    if created:
        return Response(status=201, headers=headers)
    return Response(status=204 if request.method == "PUT" else 200)
