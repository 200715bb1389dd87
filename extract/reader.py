"""Read an article file into a Document: paragraphs, notes, records, sentences, markers, alignments.

Input is UTF-8 text, one paragraph per line; ``^`` lines are notes or reference records,
optionally with backlink letters glued on (``^ abNgày …`` is cited twice). The text is
normalised to NFC first; every offset is a code-point offset into ``Document.text``.
"""

from __future__ import annotations

import re
import string
import unicodedata
from pathlib import Path

from extract.alignment import align_references
from extract.citations import find_markers
from extract.errors import CkgError
from extract.lang import detect_language, missing_file, packed_languages
from extract.model import Document, Note, Paragraph, Sentence
from extract.records import is_record, parse_record
from extract.sentences import split_sentences

_CARET = "^"
# "^ abc" (a space, then the backlink letters a, b, c… glued to the text, as Vietnamese Wikipedia copies),
# or "^ a b c " (each letter a word, as English Wikipedia copies).
_BACKLINKS = re.compile(r"\^ (?:(?P<spaced>a(?: [b-z])+) (?=\S)|(?P<letters>[a-z]{2,}))")
# "name.vi.txt": the second suffix, when it is a language code, names the language.
_LANGUAGE_SUFFIX = re.compile(r"^[a-z]{2,3}$")
# An encyclopedia paragraph is a few thousand characters; a line far longer is not prose
# (a dump, a binary file) and would stall the extractors.
MAX_LINE_CHARS = 100_000
MAX_ARTICLE_BYTES = 50 * 1024 * 1024


class ArticleError(CkgError, ValueError):
    """An article that cannot be read; the message names the file (and position)."""


class LanguagePackMissing(ArticleError):
    """An article in a language the extractor has no pack for (``extract/data/{language}/``)."""


def article_language(text: str, source: Path | str, *, asked: str | None = None, declared: str | None = None) -> str:
    """The language to read ``text`` in: ``asked`` (``--lang``), else ``declared`` by the source (a file
    name's ``.en.txt``, a page's ``lang``), else detected from the text; raises LanguagePackMissing, naming
    the missing data file and the language, when that language has no pack."""
    if asked:
        language, how = asked, "asked for with --lang"
    elif declared:
        language, how = declared, "declared by the source"
    else:
        detected = detect_language(text)
        language, how = detected.language, f"detected from the text, p={detected.probability:.2f}"
    missing = missing_file(language)
    if missing is not None:
        known = ", ".join(packed_languages())
        raise LanguagePackMissing(
            f"{source}: no language pack for {language!r} ({how}): {missing} does not exist; "
            f"packs exist for {known} (--lang CODE reads it as one of them)"
        )
    return language


def decode_article(path: Path) -> str:
    """The file's text, checked: it exists, is a file of sensible size, and is UTF-8."""
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleError(f"{path}: is a directory, not an article file")
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(f"{path}: {size:,} bytes is larger than an article can be ({MAX_ARTICLE_BYTES:,})")
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ArticleError(f"{path}: not UTF-8 at byte {error.start} (line {line}): {error.reason}") from None


def identity(path: Path) -> tuple[str, str | None]:
    """Document id and language (None when the name has none) from a name like ``nagorno-karabakh-2020.vi.txt``."""
    stem = path.name.split(".")[0] or path.name
    suffixes = path.name.split(".")[1:-1]
    return stem, suffixes[-1] if suffixes and _LANGUAGE_SUFFIX.match(suffixes[-1]) else None


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines, without surrounding spaces."""
    spans = []
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            begin = start + (len(line) - len(line.lstrip()))
            spans.append((begin, begin + len(stripped)))
        start += len(line) + 1
    return spans


def _caret_content(text: str, begin: int, end: int) -> tuple[int, int]:
    """Where a ``^`` line's content starts, and how many times it is cited (backlink letters)."""
    backlinks = _BACKLINKS.match(text, begin, end)
    if backlinks and backlinks.group("spaced"):
        letters = backlinks.group("spaced").replace(" ", "")
        if letters == string.ascii_lowercase[:len(letters)]:
            return backlinks.end(), len(letters)
    elif backlinks:
        letters = backlinks.group("letters")
        count = next((n for n in range(len(letters), 1, -1) if letters.startswith(string.ascii_lowercase[:n])), 0)
        if count:
            return backlinks.start("letters") + count, count
    content = begin + 1
    while content < end and text[content].isspace():
        content += 1
    return content, 1


def read_article(source: Path | str, *, doc_id: str | None = None, text: str | None = None,
                 language: str | None = None) -> Document:
    """Read an article (from ``source``, or from ``text`` labelled ``source``) into a Document.

    ``language`` overrides the one the file name declares or the text shows (``article_language``).
    """
    path = Path(source)
    raw = decode_article(path) if text is None else text
    normalised = unicodedata.normalize("NFC", raw)
    if not normalised.strip():
        raise ArticleError(f"{path}: empty article")
    stem, declared = identity(path)
    language = article_language(normalised, path, asked=language, declared=declared)
    document = Document(id=doc_id or stem, text=normalised, source=str(source), language=language)
    for begin, end in _lines(normalised):
        if end - begin > MAX_LINE_CHARS:
            line = normalised.count("\n", 0, begin) + 1
            raise ArticleError(f"{path}:{line}: a line of {end - begin:,} characters (at most {MAX_LINE_CHARS:,})")
        if not normalised.startswith(_CARET, begin):
            document.paragraphs.append(Paragraph(len(document.paragraphs) + 1, begin, end))
            add_sentences(document, begin, end, paragraph=len(document.paragraphs))
            continue
        content, cited_times = _caret_content(normalised, begin, end)
        if is_record(normalised[content:end], language):
            index = len(document.records) + 1
            document.records.append(
                parse_record(normalised, begin, end, content, index=index, cited_times=cited_times, language=language)
            )
        else:
            document.notes.append(Note(len(document.notes) + 1, content, end, cited_times))
            add_sentences(document, content, end, note=len(document.notes))
    document.markers = find_markers(normalised, document.sentences)
    document.alignments = align_references(document)
    return document


def add_sentences(document: Document, begin: int, end: int, **owner: int) -> None:
    """Split ``document.text[begin:end]`` (a paragraph or a note) into sentences owned by it."""
    for sentence_begin, sentence_end in split_sentences(document.text, begin, end, document.language):
        document.sentences.append(
            Sentence(
                len(document.sentences) + 1,
                sentence_begin,
                sentence_end,
                document.text[sentence_begin:sentence_end],
                **owner,
            )
        )
