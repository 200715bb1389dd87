"""Just enough SPARQL lexing to see the top-level keywords of a query or update.

The server must refuse ``SERVICE`` and ``LOAD`` (it never makes outbound
requests) and apply the protocol's ``using-graph-uri``/``using-named-graph-uri``
itself, because ``pyoxigraph.Store.update`` has no dataset parameters. Strings,
IRIs and comments are whole tokens (``graph.sparql_lexer``), so a keyword
inside them never counts.
"""

from __future__ import annotations

import re

from extract.errors import CkgError
from graph.sparql_lexer import query_form, tokens
from web.errors import bad_request

__all__ = ["apply_update_dataset", "query_form", "refuse_outbound"]


def refuse_outbound(text: str) -> None:
    """400 when the text asks the server to fetch from elsewhere (SERVICE, LOAD)."""
    for token in tokens(text):
        if token.keyword() in ("SERVICE", "LOAD"):
            raise CkgError(
                f"{token.text.upper()} is not allowed: this server never makes outbound requests",
                type="outbound-request-refused",
            )


def apply_update_dataset(text: str, using: list[str], using_named: list[str]) -> str:
    """Rewrite an update so every DELETE/INSERT … WHERE uses the protocol's dataset.

    The protocol parameters stand for ``USING``/``USING NAMED`` clauses on each
    operation, so they are inserted before each top-level ``WHERE`` that follows
    a template (``DELETE WHERE`` shorthand has no dataset clause). An update that
    already has ``USING`` or ``WITH`` is refused, as the protocol requires.
    """
    if not using and not using_named:
        return text
    clauses = "".join(f"USING <{iri}> " for iri in using) + "".join(f"USING NAMED <{iri}> " for iri in using_named)
    for iri in using + using_named:
        if not re.fullmatch(r'[^<>"{}|^`\\\x00-\x20]+', iri):
            raise bad_request(f"not an IRI: {iri!r}")
    insert_at = []
    previous = None
    for token in tokens(text):
        keyword = token.keyword()
        if token.depth == 0 and keyword in ("USING", "WITH"):
            raise bad_request(
                "using-graph-uri/using-named-graph-uri cannot be combined with USING or WITH in the update",
                "dataset-conflict",
            )
        if token.depth == 0 and keyword == "WHERE" and previous is not None and previous.kind == "close":
            insert_at.append(token.start)
        previous = token
    for offset in reversed(insert_at):
        text = text[:offset] + clauses + text[offset:]
    return text
