"""Full-text search over sentences: an SQLite FTS5 index beside the store, and its SPARQL extension.

The index is built with each store generation (``search.sqlite`` beside ``stats.json``)
from every ``ckg:Sentence`` with a ``nif:anchorOf`` text. Queries are phrases: the words
of the search text, in order, case-insensitive; diacritics count (Vietnamese tells
words apart by them).

SPARQL extension (rewritten here before a query reaches pyoxigraph, by ``ckg query``
and by the server)::

    SELECT ?sentence ?text WHERE {
      SERVICE ckg:search { ?sentence ckg:matches "hành lang" }
      ?sentence nif:anchorOf ?text .
    }

The ``SERVICE`` block becomes ``{ VALUES ?sentence { <iri> … } }`` holding the index's
hits, so the engine joins a short list instead of scanning every sentence with
``REGEX``. Several ``?s ckg:matches "…"`` patterns in one block must all hold.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from extract.errors import CkgError

from . import store as stores
from .namespaces import TEXT_MATCHES, TEXT_SEARCH_SERVICE, prefix_map, sparql_prefixes
from .sparql_lexer import Token, declared_prefixes, expand, string_value, tokens

INDEX_FILE = "search.sqlite"
SENTENCE_TEXTS = sparql_prefixes() + """
SELECT ?sentence ?text ?doc WHERE {
  ?sentence a ckg:Sentence ; nif:anchorOf ?text .
  OPTIONAL { ?sentence nif:referenceContext ?doc }
}
"""
SCHEMA = """
CREATE VIRTUAL TABLE sentence_text USING fts5(
  text, sentence UNINDEXED, document UNINDEXED, tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TABLE described (commits INTEGER NOT NULL);
"""
# Marks around matched words in highlighted text; control characters never occur in articles.
MARK_START, MARK_END = "\x02", "\x03"


class SearchError(CkgError, ValueError):
    """A text search that cannot run: no index, or a malformed search pattern."""


@dataclass(frozen=True)
class SentenceHit:
    """One sentence matching a search, best first; ``highlighted`` wraps matches in MARK_START/MARK_END."""

    sentence: str
    document: str | None
    text: str
    highlighted: str
    rank: float


def build_index(store: ox.Store, directory: Path, *, commits: int = 0) -> int:
    """Write ``directory/search.sqlite`` from the store's sentences; the number of sentences indexed.

    ``commits`` is the store version (in-place commits) the snapshot ``store`` holds.
    """
    path = Path(directory) / INDEX_FILE
    partial = path.with_name(INDEX_FILE + ".partial")
    partial.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    try:
        connection.executescript(SCHEMA)
        rows = (
            (row["text"].value, row["sentence"].value, row["doc"].value if row["doc"] is not None else None)
            for row in store.query(SENTENCE_TEXTS, use_default_graph_as_union=True)
        )
        connection.executemany("INSERT INTO sentence_text (text, sentence, document) VALUES (?, ?, ?)", rows)
        count = connection.execute("SELECT count(*) FROM sentence_text").fetchone()[0]
        # Merge the index segments once, so queries read one b-tree.
        connection.execute("INSERT INTO sentence_text (sentence_text) VALUES ('optimize')")
        connection.execute("INSERT INTO described (commits) VALUES (?)", (commits,))
        connection.commit()
    finally:
        connection.close()
    partial.replace(path)
    return count


def index_path(store_dir: Path | str) -> Path | None:
    """The text index of the store's current generation, or None when it has none."""
    store_dir = stores.local_directory(store_dir)
    if stores.is_raw_oxigraph(store_dir):
        return None
    generation = stores.current_generation(store_dir)
    if generation is None or not (generation / INDEX_FILE).is_file():
        return None
    return generation / INDEX_FILE


def index_commits(index: Path) -> int:
    """The store version (in-place commits) an index describes; 0 for one written before this was recorded."""
    connection = _connect(index)
    try:
        if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'described'").fetchone() is None:
            return 0
        return connection.execute("SELECT commits FROM described").fetchone()[0]
    finally:
        connection.close()


def phrase(text: str) -> str:
    """The FTS5 expression for a search text: its words as one phrase (FTS5 syntax is not exposed)."""
    normalised = unicodedata.normalize("NFC", text).strip()
    if not normalised:
        raise SearchError("empty search text")
    return '"' + normalised.replace('"', '""') + '"'


def _connect(index: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(index).resolve().as_uri()}?mode=ro", uri=True)


def search(index: Path, text: str, *, limit: int = 100, offset: int = 0) -> tuple[int, list[SentenceHit]]:
    """The total number of sentences matching ``text`` and one page of them, best match first."""
    expression = phrase(text)
    connection = _connect(index)
    try:
        total = connection.execute("SELECT count(*) FROM sentence_text WHERE sentence_text MATCH ?", (expression,))
        rows = connection.execute(
            "SELECT sentence, document, text, highlight(sentence_text, 0, ?, ?), rank FROM sentence_text "
            "WHERE sentence_text MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (MARK_START, MARK_END, expression, limit, offset),
        )
        return total.fetchone()[0], [SentenceHit(*row) for row in rows]
    finally:
        connection.close()


def matching_sentences(index: Path, text: str) -> list[str]:
    """IRIs of every sentence matching ``text``."""
    connection = _connect(index)
    try:
        rows = connection.execute("SELECT sentence FROM sentence_text WHERE sentence_text MATCH ?", (phrase(text),))
        return [sentence for (sentence,) in rows]
    finally:
        connection.close()


@dataclass(frozen=True)
class _SearchBlock:
    """A ``SERVICE ckg:search { … }`` block: where it is in the text and its (variable, search text) pairs."""

    start: int
    end: int
    patterns: list[tuple[str, str]]


def _parse_block(block: list[Token], prefixes: dict[str, str]) -> list[tuple[str, str]]:
    """``?v ckg:matches "text" .`` patterns of the block's inside (without its braces)."""
    patterns = []
    position = 0
    while position < len(block):
        triple = block[position : position + 3]
        if (
            len(triple) < 3
            or triple[0].kind != "variable"
            or expand(triple[1], prefixes) != str(TEXT_MATCHES)
            or triple[2].kind != "string"
        ):
            found = " ".join(token.text for token in block[position : position + 3])
            raise SearchError(f"ckg:search expects '?sentence ckg:matches \"text\"' patterns, found: {found}")
        patterns.append((triple[0].text[1:], string_value(triple[2])))
        position += 3
        if position < len(block) and block[position].text == "@":
            position += 2  # a language tag says nothing to the index
        if position < len(block) and block[position].text == ".":
            position += 1
    if not patterns:
        raise SearchError("empty SERVICE ckg:search block")
    return patterns


def _search_blocks(text: str) -> list[_SearchBlock]:
    all_tokens = list(tokens(text))
    prefixes = prefix_map() | declared_prefixes(all_tokens)
    blocks = []
    for position, token in enumerate(all_tokens):
        if token.keyword() != "SERVICE":
            continue
        following = all_tokens[position + 1 : position + 3]
        if len(following) < 2 or expand(following[0], prefixes) != str(TEXT_SEARCH_SERVICE):
            continue
        if following[1].kind != "open":
            raise SearchError("SERVICE ckg:search must be followed by { ?sentence ckg:matches \"text\" }")
        inside_start = position + 3
        close = next(
            (index for index in range(inside_start, len(all_tokens))
             if all_tokens[index].kind == "close" and all_tokens[index].depth == following[1].depth),
            None,
        )
        if close is None:
            raise SearchError("unclosed SERVICE ckg:search block")
        patterns = _parse_block(all_tokens[inside_start:close], prefixes)
        blocks.append(_SearchBlock(token.start, all_tokens[close].end, patterns))
    return blocks


def uses_search(text: str) -> bool:
    """True when the query holds a ``SERVICE ckg:search`` block (SearchError when one is malformed)."""
    return bool(_search_blocks(text))


def rewrite_search(text: str, index: Path | None) -> str:
    """The query with each ``SERVICE ckg:search`` block replaced by VALUES of the index's hits.

    Text without such a block comes back unchanged (and the index is not opened).
    """
    return _replace_blocks(text, _search_blocks(text), index)


def rewrite_for_store(text: str, store_dir: Path) -> str:
    """``rewrite_search`` with the text index of the store at ``store_dir``, looked up only when needed."""
    blocks = _search_blocks(text)
    return _replace_blocks(text, blocks, index_path(store_dir)) if blocks else text


def _replace_blocks(text: str, blocks: list[_SearchBlock], index: Path | None) -> str:
    if not blocks:
        return text
    if index is None:
        raise SearchError("this store has no text index (built by 'ckg build'); SERVICE ckg:search is unavailable")
    for block in reversed(blocks):
        values = " ".join(
            f"VALUES ?{variable} {{ {' '.join(f'<{iri}>' for iri in matching_sentences(index, search_text))} }}"
            for variable, search_text in block.patterns
        )
        text = text[: block.start] + "{ " + values + " }" + text[block.end :]
    return text
