"""Text search over sentences: ``GET /search?q=`` (JSON or HTML).

It reads the store's SQLite FTS5 index (``graph/search.py``) in the web worker, once
the query executor has said where it is and which store version it describes (after
in-place writes it is refreshed in the background, ``graph/derived.py``). ``/sparql``
applies the SPARQL extension, ``SERVICE ckg:search``, with ``graph.search.rewrite_search``.
"""

from __future__ import annotations

import html
from pathlib import Path

from flask import Blueprint, Response, json, request

from graph import search as text_search
from graph.namespaces import BASE, RES
from web import engine
from web.conneg import Format, negotiate
from web.describe import version_headers
from web.errors import bad_request, not_found
from web.state import server_state

blueprint = Blueprint("search", __name__)

SEARCH_FORMATS = (
    Format("application/json", ("json",), ""),
    Format("text/html", ("html",), ""),
)
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000


def _int_argument(name: str, default: int, maximum: int) -> int:
    value = request.args.get(name, str(default))
    if not value.isdigit() or int(value) > maximum:
        raise bad_request(f"{name!r} must be an integer from 0 to {maximum}", f"bad-{name}")
    return int(value)


def _marked(text: str) -> str:
    """Highlighted sentence text as HTML, matches in <mark>."""
    return (
        html.escape(text)
        .replace(text_search.MARK_START, "<mark>")
        .replace(text_search.MARK_END, "</mark>")
    )


def _html_page(query: str, total: int, hits: list[text_search.SentenceHit], offset: int) -> str:
    items = "".join(
        f'<li><a href="/{html.escape(hit.sentence.removeprefix(BASE))}">'
        f"{html.escape(hit.sentence.removeprefix(str(RES)))}</a>: {_marked(hit.highlighted)}</li>"
        for hit in hits
    )
    return (
        "<!doctype html><html lang=vi><meta charset=utf-8>"
        f"<title>{html.escape(query)} – search – conflict-kg</title>"
        '<form action="/search"><input name="q" value="' + html.escape(query, quote=True) + '">'
        "<button>Search</button></form>"
        f"<p>{total} sentence(s) mention “{html.escape(query)}”.</p>"
        f'<ol start="{offset + 1}">{items}</ol></html>'
    )


@blueprint.get("/search")
def search() -> Response:
    """Sentences mentioning ``q`` (a phrase), best first; JSON or HTML by content negotiation."""
    query = request.args.get("q", "")
    fmt = negotiate(request.headers.get("Accept"), request.args.get("format"), SEARCH_FORMATS)
    limit = _int_argument("limit", DEFAULT_LIMIT, MAX_LIMIT)
    offset = _int_argument("offset", 0, 10**9)
    state = server_state()
    status = state.executor.run(engine.derived_status, timeout=state.config.timeout)
    if status.index is None:
        raise not_found("this store has no text index; it is built by 'ckg build'", "no-text-index")
    try:
        total, hits = text_search.search(Path(status.index), query, limit=limit, offset=offset)
    except text_search.SearchError as error:
        raise bad_request(str(error), "text-search-error") from None
    if fmt.media_type == "text/html":
        response = Response(_html_page(query, total, hits, offset), mimetype="text/html")
    else:
        body = {
            "query": query,
            "version": status.index_version,
            "store_version": status.store_version,
            "total": total,
            "offset": offset,
            "hits": [
                {"sentence": hit.sentence, "document": hit.document, "text": hit.text, "rank": hit.rank}
                for hit in hits
            ],
        }
        response = Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")
    response.headers["Vary"] = "Accept"
    response.headers.update(version_headers(status.store_version, status.index_version))
    return response
