"""Sentence splitting with code-point spans, tuned to text copied from Wikipedia.

A sentence ends at ``.``, ``!``, ``?`` or ``…``, after any closing quotes or brackets
and after the citation markers that follow it (``...chiến tranh.[99] Dưới`` puts
``[99]`` in the first sentence), when the next sentence visibly starts: a capital
letter, a digit or an opening quote after a space, or a capital glued on
(``Azerbaijan.Xung đột``, ``.[101]Giao tranh``). A period is no boundary between
digits (``2.000``), after a single capital (an initial) or after a listed
abbreviation, nor inside balanced parentheses. A missing space without a period
(``chiếm giữThành phố``, ``[112]Chiến tranh``) is no boundary. Spans exclude surrounding spaces.
"""

from __future__ import annotations

import re
from functools import cache

from extract.citations import CITATION_MARKER
from extract.langdata import load_language_data

_TERMINALS = ".!?…"
_CLOSERS = "\"'”’)»"
_OPENERS = "\"“‘'(«["
_PAIRS = {")": "(", "]": "["}
_WORD_CHAR = re.compile(r"\w")


@cache
def _abbreviations(language: str) -> frozenset[str]:
    return frozenset(load_language_data(language, "sentences").get("abbreviations", ()))


@cache
def _note_marker(language: str) -> re.Pattern[str]:
    """Footnote markers the language's wiki shows after a sentence ("[a]", "[note 1]"); they close it like ``[N]``."""
    return re.compile(load_language_data(language, "sentences").get("note_marker", "(?!)"))


def is_abbreviation_period(text: str, period: int, language: str = "vi") -> bool:
    """Whether the ``.`` at ``period`` closes an abbreviation, an initial or a number's group."""
    if 0 < period < len(text) - 1 and text[period - 1].isdigit() and text[period + 1].isdigit():
        return True
    # The word ending at the period, found by stepping back from it: a search from the start of the text
    # would make splitting an article quadratic in its length.
    start = period
    while start > 0 and _WORD_CHAR.match(text, start - 1):
        start -= 1
    if start == period:
        return False
    token = text[start:period]
    return (len(token) == 1 and token.isupper()) or token in _abbreviations(language)


def _protected(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """Spans inside balanced parentheses or brackets, where no sentence ends."""
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    for position in range(begin, end):
        char = text[position]
        if char in _PAIRS.values():
            stack.append((char, position))
        elif char in _PAIRS and stack and stack[-1][0] == _PAIRS[char]:
            spans.append((stack.pop()[1], position))
    return spans


def _next_sentence_starts(text: str, position: int, end: int) -> bool:
    if position >= end:
        return True
    if not text[position].isspace():
        return text[position].isupper()
    while position < end and text[position].isspace():
        position += 1
    if position >= end:
        return True
    char = text[position]
    return char.isupper() or char.isdigit() or char in _OPENERS


def _boundary_after(text: str, terminal: int, end: int, language: str) -> int | None:
    """Where the sentence whose final punctuation starts at ``terminal`` ends, or None."""
    position = terminal
    while position < end and text[position] in _TERMINALS:
        position += 1
    if position == terminal + 1 and text[terminal] == "." and is_abbreviation_period(text, terminal, language):
        return None
    while position < end and text[position] in _CLOSERS:
        position += 1
    notes = _note_marker(language)
    while (marker := CITATION_MARKER.match(text, position, end) or notes.match(text, position, end)) is not None:
        position = marker.end()
    return position if _next_sentence_starts(text, position, end) else None


def _trimmed(text: str, begin: int, end: int) -> tuple[int, int] | None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return (begin, end) if begin < end else None


def split_sentences(text: str, begin: int, end: int, language: str = "vi") -> list[tuple[int, int]]:
    """Spans of the sentences of ``text[begin:end]`` (one paragraph or note), in order."""
    protected = _protected(text, begin, end)
    spans: list[tuple[int, int]] = []
    start = position = begin
    while position < end:
        boundary = None
        if text[position] in _TERMINALS and not any(left < position < right for left, right in protected):
            boundary = _boundary_after(text, position, end, language)
        if boundary is None:
            position += 1
            continue
        if (span := _trimmed(text, start, boundary)) is not None:
            spans.append(span)
        start = position = boundary
    if (span := _trimmed(text, start, end)) is not None:
        spans.append(span)
    return spans
