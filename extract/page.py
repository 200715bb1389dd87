"""A wiki page rendered to what a reader sees, assembled into the same Document as plain text.

The readers of Wikipedia's own formats (``extract/wikitext.py``, ``extract/wikihtml.py``)
render a page to a ``RenderedPage``: body paragraphs with ``[N]`` markers where the
references are, the footnotes, and each reference's full citation. ``page_document`` lays
that out as the plain-text form lays out a copied article (paragraphs, then ``^`` lines:
notes, then records in number order), so sentences, markers and every extractor work
unchanged, and links each citation number to its record with certainty: the source says
which citation a marker stands for.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from extract.citations import find_markers
from extract.data.schema import WikitextFile
from extract.datafile import read_data_file
from extract.dates import parse_date
from extract.lang import packed_languages
from extract.langdata import load_language_data
from extract.model import Alignment, DateValue, Document, Note, Paragraph, ReferenceRecord, Revision
from extract.reader import add_sentences

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
_NUMBERED = re.compile(r"^(?P<base>[^\d]+?)-?(?P<n>\d+)$")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" +(?=[.,;:!?)])")
# A renderer's mark in its output: a new line starts here (a list item, a block element).
LINE_START = "\x00"
_DATE_FORMATS = (
    ("%Y-%m-%d", "date"),
    ("%d %B %Y", "date"),
    ("%B %d, %Y", "date"),
    ("%d %b %Y", "date"),
    ("%b %d, %Y", "date"),
    ("%Y-%m", "gYearMonth"),
    ("%B %Y", "gYearMonth"),
    ("%b %Y", "gYearMonth"),
    ("%Y", "gYear"),
)


@cache
def wiki_data() -> dict[str, Any]:
    """``extract/data/wikitext.toml``: template names, citation parameters, section titles."""
    return read_data_file("extract.data", "wikitext.toml", WikitextFile)


def name_key(name: str) -> str:
    """A template, parameter or section name as the data file writes it (lower case, spaces)."""
    return _SPACES.sub(" ", name.replace("_", " ")).strip().lower()


def clean(text: str) -> str:
    """Runs of white space as one space, no space at the ends."""
    return _SPACES.sub(" ", text).strip()


def tidy(text: str) -> str:
    """A rendered line: spaces collapsed, none left before punctuation by a dropped template or marker."""
    return _SPACE_BEFORE_PUNCTUATION.sub("", clean(text))


@dataclass(frozen=True)
class Citation:
    """The full record of one reference, as its citation template (or its rendering) gives it."""

    title: str | None = None
    translated_title: str | None = None
    url: str | None = None
    work: str | None = None
    publisher: str | None = None
    creators: tuple[str, ...] = ()
    date: str | None = None
    access_date: str | None = None
    archive_url: str | None = None
    archive_date: str | None = None
    language: str | None = None
    quote: str | None = None
    pages: str | None = None
    identifiers: tuple[tuple[str, str], ...] = ()
    text: str | None = None  # a reference written as free text rather than with a template
    broken_name: str | None = None  # <ref name="x"/> that the page never defines ("" when the name is not known)


def _first(parameters: dict[str, str], names: list[str]) -> str | None:
    return next((parameters[name] for name in names if parameters.get(name)), None)


def _authors(parameters: dict[str, str]) -> tuple[str, ...]:
    """Authors in order: ``author``/``last``+``first`` then the numbered ones; lists split on ``,``/``;``."""
    names = wiki_data()["parameters"]
    by_number: dict[int, dict[str, str]] = {}
    for key, value in parameters.items():
        numbered = _NUMBERED.match(key)
        base, number = (numbered.group("base"), int(numbered.group("n"))) if numbered else (key, 1)
        for role in ("author", "last", "first"):
            if base in names[role] and value:
                by_number.setdefault(number, {}).setdefault(role, value)
    authors = []
    for number in sorted(by_number):
        person = by_number[number]
        if "author" in person:
            authors.append(person["author"])
        elif "last" in person:
            authors.append(f"{person['last']}, {person['first']}" if "first" in person else person["last"])
    if not authors and (listed := _first(parameters, names["author_lists"])):
        authors = [name.strip() for name in re.split(r"[;,]", listed) if name.strip()]
    return tuple(authors)


@cache
def _language_names() -> dict[str, str]:
    """The language names of every pack (words.toml), bare and after the pack's word for a language, as keys."""
    names: dict[str, str] = {}
    for language in packed_languages():
        words = load_language_data(language, "words")
        for name, code in words["languages"].items():
            names.setdefault(name_key(name), code)
            names.setdefault(name_key(words["language_word"] + name), code)
    return names


def language_code(value: str | None) -> str | None:
    """A BCP 47 code from a citation's language (``ru``, ``Russian``, ``tiếng Nga``); None when unknown."""
    if not value:
        return None
    written = value.split(",")[0].strip()
    code = _language_names().get(name_key(written))
    return code or (written if _LANGUAGE_CODE.match(written) else None)


def citation_from_parameters(parameters: dict[str, str]) -> Citation:
    """A Citation from a citation template's parameters (names as written, values as plain text)."""
    parameters = {name_key(key): clean(value) for key, value in parameters.items()}
    names = wiki_data()["parameters"]
    work = _first(parameters, names["work"]) or _first(parameters, names["book_title"])
    identifiers = tuple((name, parameters[name]) for name in names["identifiers"] if parameters.get(name))
    return Citation(
        title=_first(parameters, names["title"]),
        translated_title=_first(parameters, names["translated_title"]),
        url=absolute_url(_first(parameters, names["url"])),
        work=work,
        publisher=_first(parameters, names["publisher"]),
        creators=_authors(parameters),
        date=_first(parameters, names["date"]),
        access_date=_first(parameters, names["access_date"]),
        archive_url=absolute_url(_first(parameters, names["archive_url"])),
        archive_date=_first(parameters, names["archive_date"]),
        language=_first(parameters, names["language"]),
        quote=_first(parameters, names["quote"]),
        pages=_first(parameters, names["pages"]),
        identifiers=identifiers,
    )


def absolute_url(url: str | None) -> str | None:
    """An http(s) URL, with ``//host/…`` read as https; anything else (a wiki link, a bare word) is None."""
    if not url:
        return None
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in url for c in ' <>"{}|\\^`'):
        return None
    return url


def citation_date(text: str | None, language: str) -> DateValue | None:
    """A citation's date (``2020-11-10``, ``10 November 2020``, ``ngày 10 tháng 11 năm 2020``…)."""
    if not text:
        return None
    text = clean(text)
    for pattern, datatype in _DATE_FORMATS:
        try:
            parsed = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        lexical = {"date": "%Y-%m-%d", "gYearMonth": "%Y-%m", "gYear": "%Y"}[datatype]
        return DateValue(parsed.strftime(lexical), datatype)
    for phrase_language in dict.fromkeys((language, "vi")):
        try:
            value = parse_date(text, language=phrase_language)
        except FileNotFoundError:  # no date grammar for this language
            continue
        if value is not None and value.datatype in ("date", "gYearMonth", "gYear"):
            return DateValue(value.lexical, value.datatype)
    return None


def _render_words(language: str) -> dict[str, str]:
    render = wiki_data()["render"]
    return render.get(language, render["en"])


def _dated(phrase: str, date: str | None) -> str:
    """``Truy cập ngày`` + ``ngày 1 tháng 12 năm 2020`` without saying ``ngày`` twice."""
    if not date:
        return phrase
    last_word = phrase.rsplit(" ", 1)[-1]
    if date.startswith(last_word + " "):
        phrase = phrase.removesuffix(last_word).rstrip()
    return f"{phrase} {date}"


def record_line(citation: Citation, language: str) -> str:
    """The record as the reference list shows it (CS1's order of fields)."""
    words = _render_words(language)
    if citation.broken_name is not None:
        return citation.text or words["broken"].format(name=citation.broken_name)
    if citation.text and not citation.title:
        return citation.text
    parts = []
    authors = "; ".join(citation.creators)
    if authors:
        parts.append(f"{authors} ({citation.date})" if citation.date else authors)
    title = f"“{citation.title}”" if citation.title else ""
    if citation.translated_title:
        title += f" [{citation.translated_title}]"
    language = f" ({words['in_language']} {citation.language})" if citation.language else ""
    parts += [title + language, citation.work or "", citation.publisher or ""]
    if citation.date and not authors:
        parts.append(citation.date)
    if citation.pages:
        parts.append(citation.pages)
    parts += [f"{name.upper()} {value}" for name, value in citation.identifiers]
    if citation.archive_url:
        parts.append(_dated(words["archived"], citation.archive_date))
    if citation.access_date:
        parts.append(_dated(words["accessed"], citation.access_date))
    line = ". ".join(clean(part) for part in parts if clean(part)) + "."
    return f"{line} “{citation.quote}”" if citation.quote else line


@dataclass(frozen=True)
class PageReference:
    """Citation number ``number`` of a page: its record and how the source ties the two."""

    number: int
    citation: Citation
    cited_times: int
    evidence: str  # names the source of the link, e.g. 'wikitext: <ref name="bbc"> holding {{cite news}}'


@dataclass
class RenderedPage:
    """A wiki page as a reader sees it: body paragraphs with ``[N]`` markers, footnotes, references."""

    title: str | None
    language: str
    paragraphs: list[str] = field(default_factory=list)
    notes: list[tuple[str, int]] = field(default_factory=list)  # (text, times cited)
    references: list[PageReference] = field(default_factory=list)  # in number order
    revision: Revision | None = None


def _backlinks(times: int) -> str:
    """``a b c`` for a record cited three times, as the reference list shows it."""
    return " ".join(chr(ord("a") + i) for i in range(min(times, 26))) + " " if times > 1 else ""


def page_document(page: RenderedPage, *, doc_id: str, source: str, kind: str) -> Document:
    """Lay a rendered page out as the plain-text form does and read it into a Document."""
    lines: list[tuple[str, str, object]] = [("paragraph", clean(text), None) for text in page.paragraphs]
    lines += [("note", clean(text), times) for text, times in page.notes if clean(text)]
    lines += [("record", record_line(ref.citation, page.language), ref) for ref in page.references]
    pieces: list[str] = []
    position = 0
    spans = []
    for kind_of_line, content, extra in lines:
        prefix = "" if kind_of_line == "paragraph" else "^ "
        if kind_of_line == "record":
            prefix += _backlinks(extra.cited_times)
        line = unicodedata.normalize("NFC", prefix + content)
        spans.append((kind_of_line, position, position + len(prefix), position + len(line), extra))
        pieces.append(line)
        position += len(line) + 1
    text = "\n".join(pieces)
    document = Document(
        id=doc_id, text=text, source=source, language=page.language, revision=page.revision, input_kind=kind
    )
    by_number = {}
    for kind_of_line, begin, content_begin, end, extra in spans:
        if kind_of_line == "paragraph":
            document.paragraphs.append(Paragraph(len(document.paragraphs) + 1, begin, end))
            add_sentences(document, begin, end, paragraph=len(document.paragraphs))
        elif kind_of_line == "note":
            document.notes.append(Note(len(document.notes) + 1, content_begin, end, extra))
            add_sentences(document, content_begin, end, note=len(document.notes))
        else:
            record = _record(extra, len(document.records) + 1, begin, end, text[begin:end], page.language)
            document.records.append(record)
            by_number[extra.number] = (record, extra)
    document.markers = find_markers(text, document.sentences)
    cited = {marker.number for marker in document.markers}
    document.alignments = [
        Alignment(number, record.index, 1.0, reference.evidence)
        for number, (record, reference) in sorted(by_number.items())
        if number in cited
    ]
    return document


def _record(reference: PageReference, index: int, begin: int, end: int, line: str, language: str) -> ReferenceRecord:
    citation = reference.citation
    if citation.broken_name is not None:
        return ReferenceRecord(index, begin, end, line, reference.cited_times, broken=True)
    return ReferenceRecord(
        index,
        begin,
        end,
        line,
        reference.cited_times,
        broken=False,
        title=citation.title,
        translated_title=citation.translated_title,
        creators=citation.creators,
        publisher=citation.publisher,
        website=citation.work,
        date=citation_date(citation.date, language),
        language=language_code(citation.language),
        archived_on=citation_date(citation.archive_date, language) if citation.archive_url else None,
        accessed_on=citation_date(citation.access_date, language),
        quote=citation.quote,
        url=citation.url,
        archive_url=citation.archive_url,
        pages=citation.pages,
        identifiers=citation.identifiers,
    )
