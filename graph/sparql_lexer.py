"""Just enough SPARQL lexing to find keywords, prefixes and small patterns in query text.

Strings, IRIs and comments are whole tokens, so a keyword inside them never counts.
Used to rewrite the text-search extension (``graph/search.py``) before a query
reaches pyoxigraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    (?P<skip>\s+|\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<variable>[?$]\w+)
    | (?P<name>[A-Za-z_][\w.-]*:[\w.:%\\-]*|:[\w.:%\\-]*|[A-Za-z_]\w*)
    | (?P<open>\{) | (?P<close>\})
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)


@dataclass(frozen=True)
class Token:
    """One lexical token: its kind, text, offset and brace depth."""

    kind: str
    text: str
    start: int
    depth: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def keyword(self) -> str | None:
        """The upper-cased word when this token is a bare keyword (not a prefixed name)."""
        return self.text.upper() if self.kind == "name" and ":" not in self.text else None


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of SPARQL text (whitespace and comments dropped)."""
    depth = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind == "skip":
            continue
        if kind == "close":
            depth -= 1
        yield Token(kind, match.group(), match.start(), depth)
        if kind == "open":
            depth += 1


def string_value(token: Token) -> str:
    """The value of a string token, quotes removed and escapes resolved."""
    quote = 3 if token.text[:3] in ('"""', "'''") else 1
    body = token.text[quote:-quote]

    def unescape(match: re.Match) -> str:
        if match[1] or match[2]:
            return chr(int(match[1] or match[2], 16))
        if match[3] in _ESCAPES:
            return _ESCAPES[match[3]]
        raise SyntaxError(f"invalid escape \\{match[3]} in string at offset {token.start}")

    return _ESCAPE.sub(unescape, body)


def declared_prefixes(all_tokens: list[Token]) -> dict[str, str]:
    """``PREFIX p: <iri>`` declarations of the text: prefix name (without colon) -> namespace IRI."""
    prefixes = {}
    for keyword, name, iri in zip(all_tokens, all_tokens[1:], all_tokens[2:], strict=False):
        if keyword.keyword() == "PREFIX" and name.kind == "name" and name.text.endswith(":") and iri.kind == "iri":
            prefixes[name.text[:-1]] = iri.text[1:-1]
    return prefixes


def expand(token: Token, prefixes: dict[str, str]) -> str | None:
    """The full IRI an IRI or prefixed-name token stands for, or None for anything else."""
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "name" and ":" in token.text:
        prefix, _, local = token.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local.replace("\\", "")
    return None


_QUERY_FORMS = frozenset(("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"))


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword, or None when there is none.

    Asked for every query the server answers: it walks the matches without making ``Token``s
    (2–3 times faster than ``tokens()`` over a prologue of PREFIX lines).
    """
    depth = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "name" and depth == 0 and (word := match.group().upper()) in _QUERY_FORMS:
            return word
    return None
