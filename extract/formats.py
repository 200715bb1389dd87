"""Which kind of input a file is, told by its content, and reading one article of any kind.

| kind | told by |
|---|---|
| ``dump`` | a ``<mediawiki>`` XML document, plain or bzip2-compressed (``BZh``) |
| ``html`` | an HTML document (``<!DOCTYPE html>`` or ``<html``) |
| ``wikitext`` | a ``.wiki``/``.wikitext``/``.mediawiki`` name, or wiki markup (``{{``, ``[[``, ``<ref``, ``'''``) |
| ``text`` | anything else: plain text as copied from Wikipedia (contract section 2) |
"""

from __future__ import annotations

import bz2
import re
import unicodedata
from pathlib import Path

from extract.dump import BZ2_MAGIC, DumpError, DumpPage
from extract.model import Document
from extract.page import page_document
from extract.reader import ArticleError, article_language, decode_article, identity, read_article
from extract.wikihtml import HtmlError, render_html
from extract.wikitext import WikitextError, render_wikitext

KINDS = ("text", "wikitext", "html", "dump")
WIKITEXT_SUFFIXES = {".wiki", ".wikitext", ".mediawiki"}
ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".xml", ".bz2", *WIKITEXT_SUFFIXES}
_HEAD_BYTES = 4096
_WIKI_MARKUP = re.compile(r"\{\{|\[\[|<ref[\s>/]|'''|^=={1,4}[^=\n]+=={1,4}\s*$", re.MULTILINE)
_MARKUP_START = re.compile(r"^(?:\ufeff|\s|<!--.*?-->|<\?xml[^>]*\?>)*", re.DOTALL)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES)
        if head.startswith(BZ2_MAGIC):
            with bz2.open(path, "rb") as stream:
                return stream.read(_HEAD_BYTES)
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{path}: is a directory, not an article file") from None
    except EOFError:
        raise DumpError(f"{path}: the compressed stream ends early (truncated?), before the first page") from None
    except OSError as error:
        raise DumpError(f"{path}: cannot be decompressed ({error})") from None
    return head


def detect_kind(path: Path, text: str | None = None) -> str:
    """The kind of input ``path`` holds (or ``text``, when the content is given), by its content."""
    head = text[:_HEAD_BYTES] if text is not None else _head(path).decode("utf-8", errors="ignore")
    start = head[_MARKUP_START.match(head).end() :].lower()
    if start.startswith("<mediawiki"):
        return "dump"
    if start.startswith(("<!doctype html", "<html")):
        return "html"
    if text is None and path.suffix == ".bz2":
        raise DumpError(f"{path}: a compressed file that is not a MediaWiki XML dump")
    if start.startswith("<?xml") or (text is None and path.suffix == ".xml"):
        raise DumpError(f"{path}: XML that is not a MediaWiki dump (no <mediawiki> root element)")
    if path.suffix in WIKITEXT_SUFFIXES or _WIKI_MARKUP.search(_body_lines(head if text is None else text)):
        return "wikitext"
    return "text"


def _body_lines(text: str) -> str:
    """Text without its ``^`` lines: a copied broken record quotes markup ("Thẻ <ref> sai")."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("^"))


def read_document(
    path: Path | str, *, doc_id: str | None = None, text: str | None = None, kind: str | None = None,
    language: str | None = None,
) -> Document:
    """Read one article of any kind but a dump (``extract/dump.py`` streams those) into a Document.

    ``text`` (with the ``kind`` detected from the file) stands for the file's content where the file
    cannot be read, as on a worker of a cluster. ``language`` (``--lang``) overrides the one the
    source declares or its text shows.
    """
    path = Path(path)
    kind = kind or detect_kind(path, text)
    if kind == "text":
        return read_article(path, doc_id=doc_id, text=text, language=language)
    if kind == "dump":
        raise ArticleError(f"{path}: a MediaWiki dump holds many pages; build it with `ckg build {path}`")
    raw = unicodedata.normalize("NFC", decode_article(path) if text is None else text)
    stem, declared = identity(path)
    try:
        if kind == "wikitext":
            page = render_wikitext(raw, language=article_language(raw, path, asked=language, declared=declared))
        else:
            page = render_html(raw, language=language or declared)
    except (WikitextError, HtmlError) as error:
        raise ArticleError(f"{path}: {error}") from None
    if not page.paragraphs:
        raise ArticleError(f"{path}: the page has no text")
    page.language = article_language("\n".join(page.paragraphs), path, declared=page.language)
    return page_document(page, doc_id=doc_id or stem, source=str(path), kind=kind)


def read_dump_page(page: DumpPage, *, doc_id: str, language: str | None = None) -> Document:
    """Read one page of a dump; ``language`` overrides the dump's own."""
    text = unicodedata.normalize("NFC", page.text)
    language = article_language(text, page.source, asked=language, declared=page.language)
    try:
        rendered = render_wikitext(text, language=language, title=page.title, revision=page.revision)
    except WikitextError as error:
        raise ArticleError(f"{page.source}: {error}") from None
    if not rendered.paragraphs:
        raise ArticleError(f"{page.source}: the page has no text")
    return page_document(rendered, doc_id=doc_id, source=page.source, kind="dump")
