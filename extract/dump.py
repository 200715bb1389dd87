"""MediaWiki XML dumps (``*-pages-articles.xml``, plain or ``.bz2``), streamed page by page.

The export format (https://www.mediawiki.org/xml/export-0.11.xsd): ``<mediawiki>`` holds
``<siteinfo>`` (site name, ``dbname``, base URL, namespaces) then ``<page>`` elements, each
with ``<title>``, ``<ns>``, ``<id>``, an optional ``<redirect title=…/>`` and one or more
``<revision>`` (``<id>``, ``<timestamp>``, ``<text>``). Only articles are read: namespace 0,
redirects skipped, the last revision of a page when a dump holds its history. lxml's pull
parser is fed 64 KiB at a time and each page is dropped once yielded, so memory stays
bounded by the largest page, not the dump.
"""

from __future__ import annotations

import bz2
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from lxml import etree

from extract.model import Revision
from extract.page import clean
from extract.reader import ArticleError
from extract.wikitext import categories

BZ2_MAGIC = b"BZh"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DBNAME = re.compile(r"^(?P<language>[a-z-]+?)wiki$")
CATEGORY_NAMESPACE = "14"
_CHUNK_BYTES = 64 * 1024


class DumpError(ArticleError):
    """A dump that cannot be read on: the message names the file, the position and the last page read."""


@dataclass(frozen=True)
class DumpSelection:
    """Which pages of a dump to build: by title, by category, the first N (all three combine)."""

    titles: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    limit: int | None = None

    def wants(self, title: str, page_categories: Callable[[], tuple[str, ...]]) -> bool:
        if self.titles and title_key(title) not in {title_key(t) for t in self.titles}:
            return False
        if self.categories:
            wanted = {title_key(c) for c in self.categories}
            return any(title_key(c) in wanted for c in page_categories())
        return True


EVERY_PAGE = DumpSelection()


@dataclass(frozen=True)
class DumpPage:
    """One article of a dump: its latest revision's wikitext and where it came from."""

    dump: str  # the dump file
    title: str
    page_id: int
    language: str
    revision: Revision
    text: str

    @property
    def source(self) -> str:
        return f"{self.dump}#{self.title}"


def title_key(title: str) -> str:
    """A title as MediaWiki compares them: underscores are spaces, the first letter is capital."""
    title = clean(title.replace("_", " "))
    return title[:1].upper() + title[1:]


@contextmanager
def _open(path: Path) -> Iterator[BinaryIO]:
    with path.open("rb") as raw:
        compressed = raw.read(3) == BZ2_MAGIC
    stream = bz2.open(path, "rb") if compressed else path.open("rb")
    try:
        yield stream
    finally:
        stream.close()


def _child_text(element: etree._Element, name: str) -> str | None:
    child = element.find(f"{{*}}{name}")
    return child.text if child is not None else None


@dataclass
class _Site:
    language: str = "en"
    wiki: str = "https://en.wikipedia.org"
    category_names: tuple[str, ...] = ()


def _site(siteinfo: etree._Element) -> _Site:
    site = _Site()
    root = siteinfo.getparent()
    dbname = _DBNAME.match(_child_text(siteinfo, "dbname") or "")
    site.language = (root.get(_XML_LANG) if root is not None else None) or (
        dbname.group("language") if dbname else site.language
    )
    base = urlsplit(_child_text(siteinfo, "base") or "")
    if base.netloc:
        site.wiki = f"{base.scheme or 'https'}://{base.netloc}"
    namespaces = siteinfo.find("{*}namespaces")
    if namespaces is not None:
        site.category_names = tuple(
            clean(ns.text) for ns in namespaces if ns.get("key") == CATEGORY_NAMESPACE and ns.text
        )
    return site


def read_dump(
    path: Path,
    selection: DumpSelection = EVERY_PAGE,
    *,
    on_skip: Callable[[str], None] | None = None,
) -> Iterator[DumpPage]:
    """The selected articles of a dump, in dump order; a bad stream raises DumpError naming the position.

    Redirects and other namespaces are passed over silently; a selected page with no text
    is reported to ``on_skip`` and passed over.
    """
    site = _Site()
    last_title = None
    selected = 0
    revision: tuple[int | None, str | None, str | None] = (None, None, None)
    try:
        with _open(path) as stream:
            for element in _elements(stream):
                name = etree.QName(element).localname
                if name == "siteinfo":
                    site = _site(element)
                    continue
                if name == "revision":
                    revision_id = _child_text(element, "id")
                    revision = (
                        int(revision_id) if revision_id else None,
                        _child_text(element, "timestamp"),
                        _child_text(element, "text"),
                    )
                    element.clear()
                    continue
                title = clean(_child_text(element, "title") or "")
                last_title = title or last_title
                page = _page(path, element, title, revision, site, selection, on_skip)
                revision = (None, None, None)
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
                if page is None:
                    continue
                yield page
                selected += 1
                if selection.limit is not None and selected >= selection.limit:
                    return
                if selection.titles and not selection.categories and selected >= len(set(selection.titles)):
                    return
    except etree.XMLSyntaxError as error:
        line, column = error.position
        raise DumpError(f"{path}:{line}:{column}: malformed XML ({error.msg}){_after(last_title)}") from None
    except EOFError:
        raise DumpError(f"{path}: the compressed stream ends early (a truncated .bz2?){_after(last_title)}") from None
    except OSError as error:
        raise DumpError(f"{path}: cannot be decompressed ({error}){_after(last_title)}") from None


def _elements(stream: BinaryIO) -> Iterator[etree._Element]:
    """The ``<siteinfo>``, ``<revision>`` and ``<page>`` elements as each one ends, read in chunks.

    A chunk that breaks the XML (or a stream that ends early) still gives the elements that
    ended before the break first, so an error can name the last page read.
    """
    parser = etree.XMLPullParser(events=("end",), tag=("{*}siteinfo", "{*}revision", "{*}page"), huge_tree=True)
    while True:
        chunk = stream.read1(_CHUNK_BYTES)  # read1: what one decompression step gives, so nothing is lost
        try:
            parser.feed(chunk) if chunk else parser.close()
        except etree.XMLSyntaxError:
            for _, element in parser.read_events():
                yield element
            raise
        for _, element in parser.read_events():
            yield element
        if not chunk:
            return


def _after(title: str | None) -> str:
    return f", after page {title!r}" if title else ", before the first page"


def _page(
    path: Path,
    element: etree._Element,
    title: str,
    revision: tuple[int | None, str | None, str | None],
    site: _Site,
    selection: DumpSelection,
    on_skip: Callable[[str], None] | None,
) -> DumpPage | None:
    namespace = _child_text(element, "ns")
    if (namespace or "0").strip() != "0" or element.find("{*}redirect") is not None or not title:
        return None
    revision_id, timestamp, text = revision
    names = (*site.category_names, "Category")
    if not selection.wants(title, lambda: categories(text or "", names)):
        return None
    if not (text or "").strip():
        if on_skip:
            on_skip(f"{path}: page {title!r} skipped: it has no text")
        return None
    page_id = _child_text(element, "id")
    return DumpPage(
        dump=str(path),
        title=title,
        page_id=int(page_id) if page_id else 0,
        language=site.language,
        revision=Revision(wiki=site.wiki, title=title, id=revision_id, timestamp=timestamp),
        text=text,
    )
