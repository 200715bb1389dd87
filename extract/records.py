"""Reference records: tell a bibliographic ``^`` line from a note, and read its fields.

Records follow the shapes Wikipedia's citation templates render to:
``Authors (date). “Title” [translated title]. Work (bằng tiếng X). Publisher. date.
Lưu trữ bản gốc ngày …. Truy cập ngày …. quote`` (web/news), or
``Authors (year). Title. Place: Publisher. tr. N. ISBN…. quote`` (books).
The vocabulary lives in ``extract/data/{lang}/records.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extract.citations import CITATION_MARKER
from extract.dates import parse_date
from extract.langdata import load_language_data
from extract.model import DateValue, ReferenceRecord
from extract.sentences import is_abbreviation_period

# “Title” ends at the first closing quote followed by what may follow a title.
# English Wikipedia's copied text quotes with straight quotes: "Title". Work (in LANGUAGE).
_QUOTED_TITLE = re.compile(r"“(?P<title>.+?)”(?=\s*(?:[.,\[]|$))"
                           r"|^(?:[^\"“”]*?\s)?\"(?P<straight>[^\"]+?)\"(?=\s*(?:[.,\[(]|$))")
_TRANSLATED_TITLE = re.compile(r"\s*\[(?P<translated>[^\]]+)\]")
_AUTHOR_DATE = re.compile(r"^(?P<authors>[^()“”]+?)\s*\((?P<date>[^()]+)\)\.?\s*")
_SEGMENT_END = re.compile(r"\.(?=\s|$)")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_PLACE_PUBLISHER = re.compile(r"^[^:]{1,40}:\s+(?P<publisher>.+)$")


@dataclass(frozen=True)
class _Vocabulary:
    broken: tuple[str, ...]
    archived: tuple[str, ...]
    accessed: tuple[str, ...]
    language_tag: re.Pattern[str]
    locators: re.Pattern[str]
    languages: dict[str, str] = field(default_factory=dict)


@cache
def _vocabulary(language: str) -> _Vocabulary:
    data = load_language_data(language, "records")
    return _Vocabulary(
        broken=tuple(data["broken"]),
        archived=tuple(data["archived"]),
        accessed=tuple(data["accessed"]),
        language_tag=re.compile(data["language_tag"]),
        locators=re.compile("|".join(data["locators"])),
        languages=dict(load_language_data(language, "words")["languages"]),
    )


def _date(phrase: str, language: str) -> DateValue | None:
    """The date a record field states; no span, since a record's dates are metadata, not text facts."""
    value = parse_date(phrase, language=language)
    return DateValue(value.lexical, value.datatype) if value else None


def _author_date(text: str, language: str) -> tuple[re.Match[str], DateValue] | None:
    """``Authors (date).`` at the start of ``text``, when the parenthesis holds a date."""
    match = _AUTHOR_DATE.match(text)
    value = _date(match.group("date"), language) if match else None
    return (match, value) if match and value else None


def _creators(text: str) -> tuple[str, ...]:
    """Authors as the record writes them, ``Surname, Given`` separated by semicolons."""
    return tuple(name.strip() for name in text.split(";") if name.strip())


def _keyword_date(segment: str, keywords: tuple[str, ...], language: str) -> DateValue | None:
    for keyword in keywords:
        if segment.startswith(keyword):
            return _date(segment[len(keyword) :], language)
    return None


def bibliographic_features(content: str, language: str = "vi") -> list[str]:
    """The bibliographic fields a ``^`` line shows (empty for prose)."""
    vocabulary = _vocabulary(language)
    features = []
    if any(keyword in content for keyword in vocabulary.broken):
        features.append("broken-reference message")
    if _QUOTED_TITLE.search(content):
        features.append("quoted title")
    if any(keyword in content for keyword in (*vocabulary.archived, *vocabulary.accessed)):
        features.append("archive or access date")
    if _author_date(content, language):
        features.append("authors with a date")
    if vocabulary.language_tag.search(content):
        features.append("language of the work")
    if vocabulary.locators.search(content):
        features.append("page or identifier")
    return features


def is_record(content: str, language: str = "vi") -> bool:
    """Whether a ``^`` line is a bibliographic record (by its form) rather than a note.

    Prose that cites ``[N]`` is a note unless it shows two bibliographic fields.
    """
    features = bibliographic_features(content, language)
    needed = 2 if CITATION_MARKER.search(content) else 1
    return len(features) >= needed


def _segments(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of the ``. ``-separated parts of a record, not cut after abbreviations."""
    spans = []
    start = 0
    for match in _SEGMENT_END.finditer(text):
        if is_abbreviation_period(text, match.start(), language):
            continue
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@dataclass
class _Fields:
    """Fields gathered while reading a record; becomes a ReferenceRecord."""

    title: str | None = None
    translated_title: str | None = None
    creators: tuple[str, ...] = ()
    date: DateValue | None = None
    language: str | None = None
    archived_on: DateValue | None = None
    accessed_on: DateValue | None = None
    quote: str | None = None
    sources: list[str] = field(default_factory=list)  # work/website and publisher, in order


def _read_head(content: str, fields: _Fields, language: str) -> str:
    """Read creators, date and title; return the rest of the record."""
    quoted = _QUOTED_TITLE.search(content)
    author_date = _author_date(content, language)
    if quoted:
        group = "title" if quoted.group("title") is not None else "straight"
        fields.title = quoted.group(group).strip()
        head, rest = content[: quoted.start(group) - 1], content[quoted.end(group) + 1 :]
        if head_author_date := _author_date(head, language):
            head = head_author_date[0].group("authors")
            fields.date = head_author_date[1]
        fields.creators = _creators(head.strip().rstrip("."))
    elif author_date:
        match, fields.date = author_date
        fields.creators = _creators(match.group("authors"))
        rest = content[match.end() :]
        title_end = _SEGMENT_END.search(rest)
        fields.title = rest[: title_end.start() if title_end else len(rest)].strip()
        rest = rest[title_end.end() :] if title_end else ""
    else:
        title_end = _SEGMENT_END.search(content)
        fields.title = content[: title_end.start() if title_end else len(content)].strip()
        rest = content[title_end.end() :] if title_end else ""
    translated = _TRANSLATED_TITLE.match(rest)
    if translated:
        fields.translated_title = translated.group("translated").strip()
        rest = rest[translated.end() :]
    return rest


def _read_tail(rest: str, fields: _Fields, language: str) -> None:
    """Read work, publisher, dates, language and the trailing quote."""
    vocabulary = _vocabulary(language)
    dated = False  # after a date or locator, unknown text is the quote
    for begin, end in _segments(rest, language):
        segment = rest[begin:end].strip()
        tag = vocabulary.language_tag.search(segment)
        if tag:
            fields.language = vocabulary.languages.get(tag.group("name").strip(), fields.language)
            segment = (segment[: tag.start()] + segment[tag.end() :]).strip()
        archived = _keyword_date(segment, vocabulary.archived, language)
        accessed = _keyword_date(segment, vocabulary.accessed, language)
        as_date = _date(segment, language)
        if archived or accessed or as_date:
            fields.archived_on = archived or fields.archived_on
            fields.accessed_on = accessed or fields.accessed_on
            fields.date = fields.date or as_date
            dated = True
        elif vocabulary.locators.match(segment):
            dated = True
        elif dated:
            fields.quote = rest[begin:].strip()
            return
        elif segment:
            fields.sources.append(segment)


def _website_and_publisher(sources: list[str]) -> tuple[str | None, str | None]:
    """Work/website and publisher from the parts between title and date."""
    if not sources:
        return None, None
    if len(sources) == 1:
        only = sources[0]
        if _DOMAIN.match(only):
            return only, None
        place = _PLACE_PUBLISHER.match(only)
        return None, place.group("publisher") if place else only
    return sources[0], sources[1]


def parse_record(
    text: str, begin: int, end: int, content_begin: int, *, index: int, cited_times: int, language: str = "vi"
) -> ReferenceRecord:
    """Read the record line ``text[begin:end]``; its content (after ``^`` and backlinks) starts at ``content_begin``."""
    content = text[content_begin:end]
    line = text[begin:end]
    if any(keyword in content for keyword in _vocabulary(language).broken):
        return ReferenceRecord(index, begin, end, line, cited_times, broken=True)
    fields = _Fields()
    _read_tail(_read_head(content, fields, language), fields, language)
    website, publisher = _website_and_publisher(fields.sources)
    return ReferenceRecord(
        index,
        begin,
        end,
        line,
        cited_times,
        broken=False,
        title=fields.title or None,
        translated_title=fields.translated_title,
        creators=fields.creators,
        publisher=publisher,
        website=website,
        date=fields.date,
        language=fields.language,
        archived_on=fields.archived_on,
        accessed_on=fields.accessed_on,
        quote=fields.quote,
    )
