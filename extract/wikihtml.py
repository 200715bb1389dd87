"""A Wikipedia page's HTML (saved from the browser, or the REST/Parsoid HTML) → the text a reader sees.

Parsed with lxml. The article is the ``mw-parser-output`` element (the Parsoid ``<body>``);
paragraphs, list items and quotations are lines; tables, infoboxes, figures, navboxes,
headings, edit links and the reference lists are not prose (classes and tags in
``extract/data/wikitext.toml``), and the body ends at the first appendix section, as in wikitext.
A marker ``<sup class="reference">`` showing ``[N]`` stays ``[N]`` in the text; one showing
``[a]`` points at a footnote and is left out (the footnote becomes a Note). Each reference's
record comes from the list item its marker links to (``#cite_note-…``): from the template's
parameters in Parsoid's ``data-mw`` when present, else from the CS1 rendering (its COinS
metadata, links, access and archive dates, quote).

Revision: Parsoid HTML names it in ``<html about=".../Special:Redirect/revision/N">`` and
``<meta property="dc:modified">``; a saved page in its ``RLCONF`` script (``wgRevisionId``) and
its schema.org JSON-LD (``dateModified``, the time of the latest revision, so only used when
the saved revision is the latest).
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, unquote, urlsplit

from lxml import etree, html

from extract.model import Revision
from extract.page import (
    LINE_START,
    Citation,
    PageReference,
    RenderedPage,
    absolute_url,
    citation_from_parameters,
    clean,
    name_key,
    tidy,
    wiki_data,
)
from extract.wikitext import is_citation_template, parameter_text

_NUMBERED_MARKER = re.compile(r"^\[(\d{1,4})\]$")
_REVISION_ABOUT = re.compile(r"/revision/(\d+)$")
_HEADING = re.compile(r"^h([1-6])$")


class HtmlError(ValueError):
    """Page HTML that cannot be read; the message says what is missing or where it breaks."""


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def _text(element: etree._Element) -> str:
    return clean("".join(element.itertext()))


def _fragment(href: str | None) -> str | None:
    return unquote(href.split("#", 1)[1]) if href and "#" in href else None


def _content_root(document: etree._Element) -> etree._Element:
    content = document.xpath("//*[@id='mw-content-text']//*[contains(concat(' ', @class, ' '), ' mw-parser-output ')]")
    content = content or document.xpath("//*[contains(concat(' ', @class, ' '), ' mw-parser-output ')]")
    if not content:
        parsoid = document.xpath("//meta[@property='mw:htmlVersion'] | //html[contains(@about, '/revision/')]")
        content = document.xpath("//body") if parsoid else []
    if not content:
        raise HtmlError("no article content (no mw-parser-output element): not a Wikipedia page's HTML")
    return content[0]


class _Reader:
    """Walks the article's elements, collecting lines, reference markers and footnote links."""

    def __init__(self) -> None:
        data = wiki_data()
        self.hidden_classes = set(data["html"]["hidden_classes"])
        self.hidden_tags = set(data["html"]["hidden_tags"])
        self.block_tags = set(data["html"]["block_tags"])
        self.appendix = set(data["wiki"]["appendix_sections"])
        self.pieces: list[str] = []
        self.in_appendix = False

    def walk(self, element: etree._Element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        heading = _HEADING.match(tag)
        if heading:
            if int(heading.group(1)) <= 2:
                title = element.xpath(".//text()[not(ancestor::*[contains(@class, 'mw-editsection')])]")
                self.in_appendix = name_key("".join(title)) in self.appendix
            self.pieces.append(LINE_START)
        elif not tag or tag in self.hidden_tags or _classes(element) & self.hidden_classes:
            pass
        elif self.in_appendix:
            for child in element:
                self.walk(child)
        elif tag == "sup" and _classes(element) & {"reference", "mw-ref"}:
            shown = _text(element)
            if _NUMBERED_MARKER.match(shown):
                self.pieces.append(shown)
        elif tag == "br":
            self.pieces.append(" ")
        else:
            block = tag in self.block_tags
            if block:
                self.pieces.append(LINE_START)
            self.pieces.append(element.text or "")
            for child in element:
                self.walk(child)
            if block:
                self.pieces.append(LINE_START)
        if not self.in_appendix:
            self.pieces.append(element.tail or "")

    def lines(self) -> list[str]:
        joined = "".join(self.pieces)
        lines = (tidy(line) for line in joined.split(LINE_START))
        return [line for line in lines if line]


def _is_note_list(reference_list: etree._Element) -> bool:
    """A footnote group's list (``[a]``, ``[note 1]``) rather than the numbered references."""
    markers = wiki_data()["html"]["note_list_markers"]
    for element in (reference_list, *reference_list.iterancestors()):
        classes = " ".join(_classes(element)) + " " + (element.get("style") or "")
        if any(marker in classes for marker in markers):
            return True
        group = element.get("data-mw-group") or json.loads(element.get("data-mw") or "{}").get("attrs", {}).get("group")
        if group:
            return True
        if "mw-parser-output" in _classes(element):
            break
    return False


def _cited_times(item: etree._Element) -> int:
    backlinks = item.xpath(".//*[contains(@class, 'mw-cite-backlink') or @rel='mw:referencedBy']")
    return max(1, len(backlinks[0].xpath(".//a"))) if backlinks else 1


def _reference_text(item: etree._Element) -> etree._Element:
    found = item.xpath(".//*[contains(@class, 'reference-text') or contains(@class, 'mw-reference-text')]")
    return found[0] if found else item


def _parsoid_citation(item: etree._Element) -> tuple[Citation, str] | None:
    """The citation template's parameters from Parsoid's ``data-mw``, as wikitext gives them."""
    for element in item.xpath(".//*[@data-mw and contains(@typeof, 'mw:Transclusion')]"):
        parts = json.loads(element.get("data-mw")).get("parts", [])
        for part in parts:
            template = part.get("template") if isinstance(part, dict) else None
            name = name_key((template or {}).get("target", {}).get("wt", ""))
            if template and is_citation_template(name):
                parameters = {
                    key: parameter_text(value.get("wt", "")) for key, value in template.get("params", {}).items()
                }
                return citation_from_parameters(parameters), f"{{{{{name}}}}} in Parsoid data-mw"
    return None


def _coins(cite_holder: etree._Element) -> dict[str, list[str]]:
    spans = cite_holder.xpath(".//span[contains(@class, 'Z3988')]/@title")
    return parse_qs(spans[0]) if spans else {}


def _rendered_citation(item: etree._Element) -> tuple[Citation, str]:
    """A record read from the CS1 rendering: COinS metadata, links, dates, quote."""
    holder = _reference_text(item)
    coins = _coins(holder)
    cites = holder.xpath(".//cite")
    if not coins and not cites:
        links = holder.xpath(".//a[contains(@class, 'external')]")
        url = absolute_url(links[0].get("href")) if links else None
        text = _reader_text(holder)
        return Citation(text=text, url=url, title=_text(links[0]) if links and url else None), "free text"

    def first(*keys: str) -> str | None:
        return next((clean(coins[key][0]) for key in keys if coins.get(key)), None)

    cite = cites[0] if cites else holder
    links = [a.get("href") for a in cite.xpath(".//a[contains(@class, 'external')]") if a.get("href")]
    ids = [absolute_url(value) for value in coins.get("rft_id", [])]
    url = next((value for value in ids if value), None) or (absolute_url(links[0]) if links else None)
    archive_hosts = set(wiki_data()["html"]["archive_hosts"])
    external = cite.xpath(".//a[contains(@class, 'external')]")
    archive_links = [a for a in external if urlsplit(a.get("href") or "").netloc in archive_hosts]
    archive_url = absolute_url(archive_links[0].get("href")) if archive_links else None
    archive_date = None
    if archive_links:
        dates = archive_links[0].xpath("following-sibling::span[contains(@class, 'nowrap')][1]")
        archive_date = _text(dates[0]) if dates else None
    accessed = cite.xpath(".//*[contains(@class, 'reference-accessdate')]//*[contains(@class, 'nowrap')]")
    quotes = cite.xpath(".//q")
    authors = [clean(value) for value in coins.get("rft.au", [])]
    if not authors and first("rft.aulast"):
        authors = [", ".join(filter(None, (first("rft.aulast"), first("rft.aufirst"))))]
    language = None
    for pattern in wiki_data()["html"]["language_tags"]:
        if match := re.search(pattern, _text(cite)):
            language = match.group("name")
            break
    identifiers = tuple((key, first(f"rft.{key}")) for key in ("isbn", "issn") if first(f"rft.{key}"))
    citation = Citation(
        title=first("rft.atitle", "rft.btitle", "rft.title"),
        url=url,
        work=first("rft.jtitle"),
        publisher=first("rft.pub"),
        creators=tuple(authors),
        date=first("rft.date"),
        access_date=_text(accessed[0]) if accessed else None,
        archive_url=archive_url if archive_url != url else None,
        archive_date=archive_date,
        language=language,
        quote=_text(quotes[0]) if quotes else None,
        pages=first("rft.pages", "rft.spage"),
        identifiers=identifiers,
    )
    return citation, "CS1 rendering and its COinS metadata"


def _reader_text(element: etree._Element) -> str:
    reader = _Reader()
    reader.pieces.append(element.text or "")
    for child in element:
        reader.walk(child)
    return " ".join(reader.lines())


def _revision(document: etree._Element, language: str | None) -> tuple[Revision | None, str | None]:
    """The revision the HTML shows, and the wiki's language when the page names it."""
    about = document.get("about") or ""
    base = document.xpath("//head/base/@href")
    if revision := _REVISION_ABOUT.search(about):
        modified = document.xpath("//meta[@property='dc:modified']/@content")
        title = document.xpath("//head/title/text()")
        host = urlsplit(about if "//" in about else (base[0] if base else "")).netloc
        if host and title:
            timestamp = modified[0] if modified else None
            return Revision(f"https://{host}", clean(title[0]), int(revision.group(1)), timestamp), language
    config = _rlconf(document)
    canonical = document.xpath("//link[@rel='canonical']/@href")
    host = urlsplit(canonical[0]).netloc if canonical else urlsplit(config.get("wgServer") or "").netloc
    title = config.get("wgTitle") or config.get("wgPageName", "").replace("_", " ")
    if not host or not title:
        return None, language
    revision_id = config.get("wgRevisionId") or None
    timestamp = None
    if revision_id and revision_id == config.get("wgCurRevisionId"):
        timestamp = _linked_data(document).get("dateModified")
    language = language or config.get("wgPageContentLanguage")
    return Revision(f"https://{host}", clean(title), revision_id, timestamp), language


def _rlconf(document: etree._Element) -> dict:
    """MediaWiki's page configuration (``RLCONF={…};`` in a script of a saved page)."""
    for script in document.xpath("//script[contains(text(), 'RLCONF')]/text()"):
        start = script.find("RLCONF=")
        if start >= 0:
            try:
                value, _ = json.JSONDecoder().raw_decode(script, start + len("RLCONF="))
            except json.JSONDecodeError:
                continue
            return value if isinstance(value, dict) else {}
    return {}


def _linked_data(document: etree._Element) -> dict:
    for script in document.xpath("//script[@type='application/ld+json']/text()"):
        try:
            value = json.loads(script)
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            return value
    return {}


def render_html(source: str, *, language: str | None) -> RenderedPage:
    """Render a Wikipedia page's HTML; ``language`` (from the file name) wins over the page's own."""
    if not source.strip():
        raise HtmlError("empty HTML")
    if "</html>" not in source[-4096:].lower():
        raise HtmlError("no closing </html>: the page is cut short (a truncated download?)")
    try:
        document = html.document_fromstring(source)
    except (etree.ParserError, ValueError) as error:
        raise HtmlError(f"malformed HTML: {error}") from None
    root = _content_root(document)
    page_language = language or root.get("lang") or document.get("lang")  # the content's, then the interface's
    revision, page_language = _revision(document, page_language)
    reader = _Reader()
    reader.pieces.append(root.text or "")
    for child in root:
        reader.walk(child)
    references, notes = _reference_lists(root)
    title = revision.title if revision else None
    return RenderedPage(
        title=title,
        language=page_language or "",  # none declared: extract.formats detects it from the text
        paragraphs=reader.lines(),
        notes=notes,
        references=references,
        revision=revision,
    )


def _marker_targets(root: etree._Element) -> dict[str, int]:
    """Reference list item id → the number its ``[N]`` markers show (``#cite_note-hrw-4`` → 3)."""
    targets: dict[str, int] = {}
    for marker in root.xpath(".//sup[contains(@class, 'reference') or contains(@class, 'mw-ref')]"):
        shown = _NUMBERED_MARKER.match(_text(marker))
        hrefs = marker.xpath(".//a/@href")
        target = _fragment(hrefs[0]) if hrefs else None
        if shown and target:
            targets.setdefault(target, int(shown.group(1)))
    return targets


def _reference_lists(root: etree._Element) -> tuple[list[PageReference], list[tuple[str, int]]]:
    """The numbered references and the footnotes, from the page's reference lists.

    A reference's number is the one shown by the markers that link to its list item; an item
    no marker links to (cited only from a part not read) takes its place in the list.
    """
    targets = _marker_targets(root)
    references: list[PageReference] = []
    notes: list[tuple[str, int]] = []
    for reference_list in root.xpath(".//ol[contains(concat(' ', @class, ' '), ' references ')]"):
        note_list = _is_note_list(reference_list)
        for item in reference_list.xpath("./li"):
            if note_list:
                notes.append((_reader_text(_reference_text(item)), _cited_times(item)))
                continue
            citation, how = _parsoid_citation(item) or _rendered_citation(item)
            if item.xpath(".//*[contains(@class, 'mw-ext-cite-error') or contains(@class, 'cite-error')]"):
                citation = Citation(broken_name="", text=_reader_text(_reference_text(item)))
                how = "a cite error"
            target = item.get("id") or ""
            if target in targets:
                number = targets[target]
                evidence = f"page HTML: [{number}] links to #{target}; {how}"
            else:
                number = len(references) + 1
                evidence = f"page HTML: item {number} of the references, linked from no marker read; {how}"
            references.append(PageReference(number, citation, _cited_times(item), evidence))
    return sorted(references, key=lambda reference: reference.number), notes
