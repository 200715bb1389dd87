"""Dates in running text, read with a grammar kept as data (``extract/data/{lang}/dates.toml``).

A date keeps the precision the text gives: ``date`` (day), ``gYearMonth``, ``gYear``,
``dateTime`` (with the zone offset when the text names one). A day or month whose year
cannot be found is kept as ``gMonthDay`` (``--11-10``) or ``gMonth`` (``--09``) rather
than guessed. Ranges (``1988–1994``, ``29 tháng 7 đến 10 tháng 8 năm 2020``) are returned
as two dates, start and end, each with its own span. A relative day ("cùng ngày", "hai ngày
sau") and a clock time with no day are read against the closest full date told before them in
the same stretch of text (a paragraph); with none, they are not dates. A relative year ("năm ấy",
"cùng năm") is the year told last, in the paragraph or before it; a relative month ("cuối tháng")
the month told last in the paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from extract.langdata import load_language_data
from extract.model import DateValue

_PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")
_GROUP_NAME = re.compile(r"\(\?P<(\w+)>")
_RANGE_END_SUFFIX = "2"


@dataclass(frozen=True)
class _Pattern:
    name: str
    regex: re.Pattern[str]
    whole_phrase_only: bool


@dataclass(frozen=True)
class _Fields:
    """Calendar fields read from one match (or one side of a range)."""

    begin: int
    end: int
    day: int | None = None
    month: int | None = None
    year: int | None = None
    hour: int | None = None
    minute: int | None = None
    offset: str | None = None  # "+03:00"
    shift: int | None = None  # days from the date told before ("hai ngày sau" = 2)
    same_year: bool = False  # the year told last ("năm ấy", "cùng năm")
    same_month: bool = False  # the month told last ("cuối tháng")


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[_Pattern, ...]
    zones: dict[str, str]
    relative: dict[str, int]
    numbers: dict[str, int]
    # "10 giờ tối": a part of the day adds hours to a clock hour in its range ([from, to) -> add)
    day_periods: dict[str, tuple[int, int, int]]
    # month names ("November", "Nov") -> number, for languages that name months
    months: dict[str, int]
    # what follows a date of another calendar ("năm Mậu Thân"): such a date is dropped
    other_calendar_after: re.Pattern[str] | None = None
    # what opens a date outside the story's time, a deadline ("no later than") or a look back ("a city
    # they had seized in"): its year is not the year the story is in
    aside_before: re.Pattern[str] | None = None


@cache
def _grammar(language: str) -> _Grammar:
    data = load_language_data(language, "dates")
    zones: dict[str, str] = data.get("zones", {})
    zone_names = "|".join(re.escape(name) for name in sorted(zones, key=len, reverse=True))
    fragments: dict[str, str] = {
        name: text.replace("{zone_name}", zone_names) for name, text in data["fragments"].items()
    }

    def expand(match: re.Match[str]) -> str:
        if match.group(1) not in fragments:
            return match.group(0)  # a regex quantifier such as {2}
        fragment = _PLACEHOLDER.sub(expand, fragments[match.group(1)])  # a fragment may use others
        suffix = match.group(2) or ""
        return _GROUP_NAME.sub(lambda g: f"(?P<{g.group(1)}{suffix}>", fragment)

    patterns = tuple(
        _Pattern(
            name=entry["name"],
            regex=re.compile(_PLACEHOLDER.sub(expand, entry["regex"])),
            whole_phrase_only=entry.get("whole_phrase_only", False),
        )
        for entry in data["patterns"]
    )
    periods = {name: (int(span[0]), int(span[1]), int(span[2])) for name, span in data.get("day_periods", {}).items()}
    numbers = load_language_data(language, "words")["numbers"]
    return _Grammar(patterns=patterns, zones=zones, relative=data.get("relative", {}),
                    numbers=numbers, day_periods=periods, months=data.get("months", {}),
                    other_calendar_after=re.compile(data["other_calendar_after"])
                    if data.get("other_calendar_after") else None,
                    aside_before=re.compile(data["aside_before"]) if data.get("aside_before") else None)


def _offset_from_hours(text: str) -> str:
    sign = "-" if text[0] in "-−" else "+"
    hours, _, minutes = text[1:].partition(":")
    return f"{sign}{int(hours):02d}:{int(minutes or 0):02d}"


def _offset_from_utc_clock(hour: int, minute: int, utc_hour: int, utc_minute: int) -> str:
    # Local clock minus UTC clock, folded into the real range of offsets (-12:00..+14:00).
    difference = ((hour * 60 + minute) - (utc_hour * 60 + utc_minute)) % (24 * 60)
    if difference > 14 * 60:
        difference -= 24 * 60
    sign = "-" if difference < 0 else "+"
    return f"{sign}{abs(difference) // 60:02d}:{abs(difference) % 60:02d}"


def _fields(match: re.Match[str], suffix: str | None, span: tuple[int, int], grammar: _Grammar) -> _Fields:
    """Fields of one side of a range (``suffix`` "" or "2"), or of a single date (``suffix`` None)."""
    groups = match.groupdict()

    def group(name: str) -> str | None:
        if suffix is not None:
            return groups.get(name + suffix)
        return groups.get(name) or groups.get(name + _RANGE_END_SUFFIX)

    def number(name: str) -> int | None:
        value = group(name)
        if value is not None and not value.isdigit():
            return grammar.months.get(value.rstrip("."))  # a month's name
        return int(value) if value is not None else None

    hour, minute = number("hour"), number("minute")
    if hour is None and group("spoken_hour"):
        # "16 giờ", "10 giờ 30 tối": an hour said in words, moved by the part of the day
        hour, minute = number("spoken_hour"), number("spoken_minute") or 0
        low, high, add = grammar.day_periods.get((group("period") or "").lower(), (0, 0, 0))
        if hour is not None and low <= hour < high:
            hour += add
    offset = None
    if group("zone"):
        offset = grammar.zones[group("zone")]
    elif group("offset"):
        offset = _offset_from_hours(group("offset"))
    elif group("utc_hour") and hour is not None and minute is not None:
        offset = _offset_from_utc_clock(hour, minute, number("utc_hour"), number("utc_minute"))
    return _Fields(span[0], span[1], number("day"), number("month"), number("year"), hour, minute, offset,
                   _shift(group, grammar), bool(group("same_year")), bool(group("same_month")))


def _shift(group: Callable[[str], str | None], grammar: _Grammar) -> int | None:
    """Days a relative phrase moves from the date before it, or None for an absolute date."""
    if group("same_day"):
        return 0
    word = group("relative") or group("relative_after") or group("relative_before")
    if word is None:
        return None
    direction = grammar.relative[" ".join(word.lower().split())]
    count = group("count") or group("count_before")
    if count is None:
        return direction
    return direction * (int(count) if count.isdigit() else grammar.numbers[" ".join(count.lower().split())])


def _anchored(fields: _Fields, anchor: dt.date | None) -> _Fields | None:
    """A relative day or a bare clock time given the day it stands for; None without an anchor."""
    bare_time = fields.hour is not None and fields.day is None and fields.month is None and fields.year is None
    if fields.shift is None and not bare_time:
        return fields
    if anchor is None:
        return None
    day = anchor + dt.timedelta(days=fields.shift or 0)
    return replace(fields, day=day.day, month=day.month, year=day.year)


def _read_match(match: re.Match[str], grammar: _Grammar) -> list[_Fields]:
    """One match → one date, or two (start, end) for a range."""
    if match.groupdict().get("end") is None:
        return [_fields(match, None, match.span(), grammar)]
    end = _fields(match, _RANGE_END_SUFFIX, match.span("end"), grammar)
    start = _fields(match, "", match.span("start"), grammar)
    if start.day is not None and start.month is None:
        start = replace(start, month=end.month)
    if start.year is None and start.month is not None:
        start = replace(start, year=end.year)
    return [start, end]


def _lexical(fields: _Fields, year: int | None) -> tuple[str, str] | None:
    """XSD lexical form and datatype, or None for an impossible calendar date."""
    day, month = fields.day, fields.month
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        try:
            dt.date(year or 2000, month or 1, day)  # 2000: a leap year, so 29 February stays valid
        except ValueError:
            return None
        if year is None:
            return f"--{month:02d}-{day:02d}", "gMonthDay"
        if fields.hour is not None and year is not None:
            # "24 giờ ngày D" is midnight at the end of D: 00:00 of the next day.
            when = dt.datetime(year, month or 1, day) + dt.timedelta(hours=fields.hour, minutes=fields.minute or 0)
            time = f"{when:%H:%M}:00{fields.offset or ''}"
            return f"{when:%Y-%m-%d}T{time}", "dateTime"
        return f"{year:04d}-{month:02d}-{day:02d}", "date"
    if month is not None:
        return (f"{year:04d}-{month:02d}", "gYearMonth") if year is not None else (f"--{month:02d}", "gMonth")
    if year is not None:
        return f"{year:04d}", "gYear"
    return None


def _matches(text: str, begin: int, end: int, grammar: _Grammar) -> list[re.Match[str]]:
    """Non-overlapping matches, leftmost first; at one position the longest (then first) pattern wins."""
    candidates = [
        (match.start(), -(match.end() - match.start()), order, match)
        for order, pattern in enumerate(grammar.patterns)
        if not pattern.whole_phrase_only
        for match in pattern.regex.finditer(text, begin, end)
    ]
    chosen: list[re.Match[str]] = []
    reached = begin
    for start, _, _, match in sorted(candidates, key=lambda item: item[:3]):
        if start >= reached:
            chosen.append(match)
            reached = match.end()
    return chosen


def _inherited_year(seen: list[_Fields], default_year: int | None, begin: int) -> int | None:
    """The year for a yearless date after ``seen``: see ``find_dates``."""
    calendar_year = next((f.year for f in reversed(seen) if f.year and f.month is not None), None)
    sentence_year = next((f.year for f in reversed(seen) if f.year and f.begin >= begin), None)
    any_year = next((f.year for f in reversed(seen) if f.year), None)
    return calendar_year or sentence_year or default_year or any_year


def _within(period: tuple[dt.date, dt.date], year: int, month: int, day: int) -> int:
    """``year``, or the year before when only that puts the day inside ``period``."""
    first, last = period
    try:
        told, earlier = dt.date(year, month, day), dt.date(year - 1, month, day)
    except ValueError:
        return year
    return year - 1 if told > last and first <= earlier <= last else year


def find_dates(
    text: str,
    begin: int = 0,
    end: int | None = None,
    *,
    default_year: int | None = None,
    default_day: dt.date | None = None,
    context_begin: int | None = None,
    language: str = "vi",
    period: tuple[dt.date, dt.date] | None = None,
) -> list[DateValue]:
    """Every date in ``text[begin:end]``, in order, with spans into ``text``.

    A day or month without a year takes the closest preceding explicit year of a date
    with a month, looking back to ``context_begin`` (pass the paragraph start when
    ``begin`` is a sentence start); then a bare year told earlier in ``text[begin:]`` ("Sau khi
    Chiến tranh X năm 2020 bùng nổ, ngày 1 tháng 10"); then ``default_year``; then the closest bare year
    (a lone ``năm 1993`` is often a look back, not the year the story is in). A relative day told
    before any full day of the text ("Ngày hôm sau" opening a paragraph) is read against ``default_day``.
    With ``period`` (the span the article's lead gives its subject), a yearless month the story's year
    would put after that span takes the year before when that puts it inside ("Đầu tháng 1 năm 1940
    ... Sư đoàn 122 chiếm làng Salla trong tháng 12" in a war of 30 November 1939 – 12 March 1940).
    """
    grammar = _grammar(language)
    stop = len(text) if end is None else end
    start = context_begin if context_begin is not None and context_begin < begin else begin
    seen: list[_Fields] = []
    anchor: dt.date | None = default_day
    values: list[DateValue] = []
    for match in _matches(text, start, stop, grammar):
        if grammar.other_calendar_after is not None and grammar.other_calendar_after.match(text, match.end()):
            continue
        for read in _read_match(match, grammar):
            if read.shift is not None and seen and seen[-1].shift is None \
                    and not text[seen[-1].end:read.begin].strip(" ,"):
                continue  # "On 12 November, ten days after the signing,": the day told again, from another event
            fields = _anchored(read, anchor)
            if fields is not None and fields.same_year:
                told = next((f.year for f in reversed(seen) if f.year), default_year)
                fields = replace(fields, year=told) if told is not None else None
            elif fields is not None and fields.same_month:
                month = next((f for f in reversed(seen) if f.month is not None), None)
                year = _inherited_year(seen, default_year, begin) if month is not None else None
                fields = replace(fields, month=month.month, year=month.year or year) if month is not None else None
            if fields is None:
                continue
            year = fields.year
            if year is None and (fields.day is not None or fields.month is not None):
                year = _inherited_year(seen, default_year, begin)
                if year is not None and period is not None and fields.month is not None:
                    year = _within(period, year, fields.month, fields.day or 1)
            lexical = _lexical(fields, year)
            # "elections no later than October 2005. On 21 August ...": a deadline's year is not the
            # story's, nor is its day the one "six days later" counts from.
            aside = is_aside(text, match.start(), language, start)
            if not aside:
                seen.append(fields)
            if lexical is None:
                continue
            if fields.day is not None and year is not None and not aside:
                anchor = dt.date(year, fields.month, fields.day)
            if match.start() >= begin:
                values.append(DateValue(lexical[0], lexical[1], fields.begin, fields.end))
    return values


def is_aside(text: str, begin: int, language: str, floor: int = 0) -> bool:
    """Whether the date at ``begin`` lies outside the time the story is in: a deadline ("no later than
    D") or a look back ("had seized in D"), by the language's ``aside_before``."""
    aside = _grammar(language).aside_before
    return aside is not None and aside.search(text, max(floor, begin - 40), begin) is not None


def parse_date(phrase: str, *, language: str = "vi") -> DateValue | None:
    """The date a whole phrase states (``ngày 8 tháng 10 năm 2020``, ``2019``), or None.

    Spans are offsets into the stripped phrase; a range gives its start.
    """
    stripped = phrase.strip()
    grammar = _grammar(language)
    for pattern in grammar.patterns:
        match = pattern.regex.fullmatch(stripped)
        if match is None:
            continue
        fields = _read_match(match, grammar)[0]
        lexical = _lexical(fields, fields.year)
        if lexical is not None:
            return DateValue(lexical[0], lexical[1], fields.begin, fields.end)
    return None
