"""Conflicts: the article's war with every name the article gives it, and other wars it mentions.

The main conflict is the one whose names a naming sentence introduces ("Cuộc chiến cũng được gọi
là X (tiếng Armenia: …; tiếng Azerbaijani: …)"); if none of those names is known, the war becomes a
discovered entity; if the article has no naming sentence, the most-mentioned conflict is the main one.
Cue words live in the ``[conflict]`` table of ``extract/data/{language}/cues.toml``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from extract.gazetteer import slugify
from extract.langdata import load_language_data
from extract.mentions import SurfaceMatcher, bracketed_names, one_word
from extract.model import Document, Entity, Mention, Sentence

# Citation markers between a name and the brackets that translate it.
_MARKERS = re.compile(r"(?:\s*\[\d+\])*\s*")
# "key: value" inside those brackets; pairs are separated by ";" or ",".
_KEY_VALUE = re.compile(r"(?P<key>[^:;,()]+):\s*(?P<value>[^:;,()]*[^:;,()\s])")
# At most these words ("the third") between a naming cue and the other name it gives.
_WORDS_AFTER_NAMING_CUE = 3


@dataclass(frozen=True)
class _Name:
    """A name of the war given by the article, with its document span."""

    language: str
    text: str
    begin: int
    end: int


def _translations(text: str, offset: int, start: int, data: Mapping[str, Any],
                  languages: Mapping[str, str]) -> list[_Name]:
    """Names in brackets at ``text[start:]``: ``(tiếng Armenia: X, đã Latinh hoá: Y; tiếng Azerbaijani: Z)``."""
    gap = _MARKERS.match(text, start)
    open_at = gap.end() if gap else start
    close_at = text.find(")", open_at)
    if text[open_at:open_at + 1] != "(" or close_at < 0:
        return []
    names: list[_Name] = []
    language = None
    for pair in _KEY_VALUE.finditer(text, open_at + 1, close_at):
        key = pair.group("key").strip()
        if key in languages:
            language = code = languages[key]
        elif key in data["romanised"] and language is not None:
            code = language + data["romanised_suffix"]
        else:
            continue
        names.append(_Name(code, pair.group("value"), offset + pair.start("value"), offset + pair.end("value")))
    return names


@cache
def _languages(language: str) -> dict[str, str]:
    """Language names as the article writes them before a translation ("tiếng Hàn") -> BCP 47 code.

    The CLDR names of languages in the article's language, then the pack's own (words.toml), which win.
    """
    from babel import Locale, UnknownLocaleError

    words = load_language_data(language, "words")
    try:
        cldr = {name: code for code, name in Locale(language).languages.items() if "_" not in code}
    except UnknownLocaleError:
        cldr = {}
    names = {name[:1].lower() + name[1:]: code for name, code in cldr.items()}
    return {**names, **{words["language_word"] + name: code for name, code in words["languages"].items()}}


def _lead_names(document: Document, data: Mapping[str, Any]) -> list[_Name]:
    """The war the lead sentence defines ("Chiến tranh X (tiếng Y: …) là …"), with its translations."""
    body = [s for s in document.sentences if s.paragraph is not None]
    if len(body) > 1 and _is_title_line(body[0], body[1]):
        body = body[1:]  # the article's title copied as its first line
    if not body:
        return []
    sentence = body[0]
    match = re.match(data["lead"], sentence.text)
    if match is None:
        return []
    begin, end = match.span("name")
    name = _Name(document.language, match.group("name"), sentence.begin + begin, sentence.begin + end)
    return [name, *_translations(sentence.text, sentence.begin, end, data, _languages(document.language))]


def _is_title_line(first: Sentence, second: Sentence) -> bool:
    """Whether ``first`` is a heading line: a paragraph of its own with no closing punctuation."""
    return first.paragraph != second.paragraph and first.text.rstrip()[-1:] not in ".!?:;)]"


def _names(document: Document, data: Mapping[str, Any]) -> list[_Name]:
    """Every name the lead and the article's naming sentences give, in the document language and in brackets."""
    naming = SurfaceMatcher(data["naming"])
    heads = SurfaceMatcher(data["heads"])
    ends = tuple(data["name_end"])
    names: list[_Name] = _lead_names(document, data)
    head_last = re.compile(data["naming_name"]) if data.get("naming_name") else None
    for sentence in document.sentences:
        text = sentence.text
        cues = naming.find(text)
        if not cues:
            continue
        after = cues[0][1]
        if head_last is not None:
            names.extend(_head_last_names(text, after, head_last, sentence, document.language, data))
            continue
        for begin, _, _ in heads.find(text[after:]):
            begin += after
            if names and names[-1].end > sentence.begin + begin:
                continue  # a head word inside a name already read
            # "thường được gọi tắt là Hiệp định X, ... nhằm chấm dứt xung đột ...": the cue named another thing
            if len(text[after:begin].split()) > _WORDS_AFTER_NAMING_CUE and not (
                    names and names[-1].end >= sentence.begin + after):
                break
            end = min((i for i in (text.find(e, begin) for e in ends) if i >= 0), default=len(text))
            names.append(_Name(document.language, text[begin:end].strip(), sentence.begin + begin,
                               sentence.begin + end))
            names.extend(_translations(text, sentence.begin, end, data, _languages(document.language)))
    return names


def _head_last_names(text: str, after: int, grammar: re.Pattern[str], sentence: Sentence, language: str,
                     data: Mapping[str, Any]) -> list[_Name]:
    """Names a head-last language gives right after a naming cue ("also known as the Badme War or the
    X conflict"), one after another, each with its translations; none when the cue names something else."""
    names: list[_Name] = []
    while (match := grammar.match(text, after)) is not None:
        begin, end = match.span("name")
        names.append(_Name(language, match.group("name"), sentence.begin + begin, sentence.begin + end))
        names.extend(_translations(text, sentence.begin, end, data, _languages(language)))
        after = end
    return names


def discover_conflicts(document: Document, entities: list[Entity],
                       mentions: list[Mention]) -> tuple[list[Entity], list[Mention]]:
    """Wars the gazetteer does not know, named by their grammar ("Chiến tranh Triều Tiên (tiếng Anh:
    Korean War)"), as discovered entities with their mentions; names inside them (the countries of
    "Chiến tranh Nga–Gruzia") are part of the war's name, not mentions of their own."""
    cues = load_language_data(document.language, "cues")
    data = cues["conflict"]
    bodies = tuple(head + " " for head in cues["organization_heads"])
    numbers = load_language_data(document.language, "words")["numbers"]
    naming = SurfaceMatcher(data["naming"])
    known = {e.slug for e in entities if e.kind == "Conflict"}
    found: list[tuple[Sentence, int, int, str | None]] = []
    for sentence in document.sentences:
        for head in re.finditer(data["discovery_heads"], sentence.text):
            if _inside_a_name(sentence.text, head.start(), bodies):
                continue
            end = _war_name_end(sentence.text, head.end(), data, numbers)
            if end is None:
                continue
            begin = sentence.begin + head.start()
            if any(m.entity in known and m.begin < sentence.begin + end and begin < m.end for m in mentions):
                continue  # a war the gazetteer knows
            english, _ = bracketed_names(sentence.text, end)
            found.append((sentence, head.start(), end, english or _english_after_aliases(sentence.text, end, naming)))
        # Languages that name a war head-last ("X War") give the whole name's grammar instead.
        for whole in re.finditer(data.get("discovery_names", "(?!)"), sentence.text):
            begin, end = sentence.begin + whole.start("name"), sentence.begin + whole.end("name")
            if not any(m.entity in known and m.begin < end and begin < m.end for m in mentions):
                found.append((sentence, whole.start("name"), whole.end("name"), None))
    if not found:
        return entities, mentions
    by_slug = {e.slug: e for e in entities}
    spans = [(s.begin + b, s.begin + e) for s, b, e, _ in found]
    # "Chiến tranh X, còn gọi là chiến tranh Y": the name right after a naming cue is the first one's
    # (a war named further on, "… also known as Y, was fought during the Z War", is another war).
    alias_of: dict[int, int] = {}
    for index, (sentence, _, end, _) in enumerate(found):
        for later in range(index + 1, len(found)):
            other, other_begin, _, _ = found[later]
            gap = sentence.text[end:other_begin]
            cues = naming.find(gap) if other is sentence else []
            # "also known in the United States as the Mexican War": a cue with the place it is used in
            if not cues and other is sentence and data.get("naming_where"):
                cues = [told.span() for told in re.finditer(data["naming_where"], gap)]
            if cues and len(gap[cues[-1][1]:].split()) <= _WORDS_AFTER_NAMING_CUE:
                alias_of.setdefault(later, alias_of.get(index, index))
    kept = [m for m in mentions if not any(b <= m.begin and m.end <= e for b, e in spans)]
    english_of: dict[str, str] = {}
    for sentence, begin, end, english in found:
        if english:
            english_of.setdefault(slugify(sentence.text[begin:end]), english)
    slugs: list[str] = []
    aliases: dict[str, str] = {}  # another name of a war, told again later: still that war
    for index, (sentence, begin, end, _) in enumerate(found):
        text = sentence.text[begin:end]
        if index in alias_of:
            slug = aliases.setdefault(text, slugs[alias_of[index]])
        else:
            slug = aliases.get(text) or slugify(english_of.get(slugify(text), text))
        slugs.append(slug)
        # The English name in brackets may have been found as a name of its own: it is the war's.
        if slug not in by_slug or (by_slug[slug].kind != "Conflict" and not by_slug[slug].known):
            labels = ((document.language, text),)
            if slugify(text) in english_of and document.language != "en":
                labels += (("en", english_of[slugify(text)]),)
            by_slug[slug] = Entity(slug, "Conflict", labels, known=False)
        kept.append(Mention(slug, sentence.begin + begin, sentence.begin + end, sentence.index, text))
    kept.sort(key=lambda m: (m.begin, m.end))
    return list(by_slug.values()), kept


_NEXT_WORD = re.compile(r" (\S+)")
_DASHES = ("–", "—", "-")
_TRAILING = re.compile(r"(?:[.,;:)]|\[\d+\])+$")


def _inside_a_name(text: str, start: int, bodies: tuple[str, ...]) -> bool:
    """Whether the war word at ``start`` continues the name of a body opened by one of ``bodies``
    ("Lực lượng Kháng chiến X" is an armed group, not a war)."""
    return text[:start].endswith(bodies)


def _war_name_end(text: str, start: int, data: Mapping[str, Any], numbers: Mapping[str, int]) -> int | None:
    """Where the name of a war whose head word ends at ``start`` ends: past a few lower-case words,
    its capitalised words, then an ordinal or a year; None when no capitalised word names it."""
    stop = set(data["discovery_stop"])
    position, end, lowercase = start, None, 0
    while (word := _NEXT_WORD.match(text, position)) is not None:
        token = word.group(1)
        core = _TRAILING.sub("", token)
        if token in _DASHES and end is not None:
            position = word.end()  # "Chiến tranh Eritrea – Ethiopia": the dash joins two names
            continue
        if core[:1].isupper():
            end = word.start(1) + len(core)
            if core != token:
                break  # punctuation closes the name
            position = end
        elif end is None and lowercase < data["discovery_lowercase"] and token.isalpha() and token not in stop:
            lowercase += 1
            position = word.end()
        elif end is not None and _word_tail(text, end, word):
            position = word.end()  # "Khủng hoảng Kênh đào Suez": the lower-case syllable of a capitalised word
        else:
            break
    if end is None:
        return None
    end = _counted_unit_end(text, end, data, numbers)
    tail = re.match(data["discovery_tail"], text[end:])
    after = _NEXT_WORD.match(text, end)
    if not (tail and tail.end()) and after is not None and after.group(1).isalpha() and after.group(1) not in stop:
        # "Chiến tranh Nha phiến lần thứ hai": a lower-case word of the name before its ordinal or year
        later = re.match(data["discovery_tail"], text[after.end(1):])
        if later and later.end():
            return after.end(1) + later.end()
    return end + (tail.end() if tail else 0)


_MAX_ALIAS_CHAIN_WORDS = 15


def _english_after_aliases(text: str, end: int, naming: SurfaceMatcher) -> str | None:
    """The English name in the brackets closing a chain of the war's other names ("Khủng hoảng X, còn gọi là
    Chiến tranh Y hay Z (tiếng Anh: Suez Crisis; ...)"): a naming cue opens the chain and no bracket stands
    before it."""
    opened = text.find("(", end)
    gap = text[end:opened] if opened >= 0 else ""
    cues = naming.find(gap)
    if not cues or gap[:cues[0][0]].strip(" ,") or len(gap.split()) > _MAX_ALIAS_CHAIN_WORDS:
        return None
    english, _ = bracketed_names(text, opened - (text[opened - 1:opened] == " "), latin_is_english=False)
    return english


def _word_tail(text: str, end: int, word: re.Match[str]) -> bool:
    """Whether ``word``, lower case, is the second syllable of a word the name's last capitalised syllable
    opens (the segmenter's dictionary knows "kênh đào"), with a capitalised word after it."""
    token = word.group(1)
    following = _NEXT_WORD.match(text, word.end())
    return (word.start(1) == end + 1 and token.isalpha() and token.islower() and following is not None
            and following.group(1)[:1].isupper()
            and one_word(text[:end].rsplit(" ", 1)[-1], token))


def _counted_unit_end(text: str, end: int, data: Mapping[str, Any], numbers: Mapping[str, int]) -> int:
    """Past a lower-case unit the capitalised number word ending the name counts ("Chiến tranh Mười ngày"),
    unless a number follows it (then it opens a date)."""
    units = data.get("counted_units") or ()
    unit = _NEXT_WORD.match(text, end)
    if not units or unit is None or _TRAILING.sub("", unit.group(1)) not in units:
        return end
    last = text[:end].rsplit(" ", 1)[-1].lower()
    if last not in numbers or re.match(r"\s*\d", text[unit.end(1):]):
        return end
    return unit.start(1) + len(_TRAILING.sub("", unit.group(1)))


def _with_names(entity: Entity, names: list[_Name]) -> Entity:
    """The entity with the article's names added: preferred where a language had none, else alternative."""
    labels = list(entity.labels)
    alt = list(entity.alt_labels)
    for name in names:
        pair = (name.language, name.text)
        if pair in labels or pair in alt:
            continue
        if all(lang != name.language for lang, _ in labels):
            labels.append(pair)
        else:
            alt.append(pair)
    return replace(entity, labels=tuple(labels), alt_labels=tuple(alt))


def find_conflicts(document: Document, entities: list[Entity],
                   mentions: list[Mention]) -> tuple[list[Entity], str | None]:
    """Conflict entities (the main one carrying every name the article gives it) and the main slug."""
    data = load_language_data(document.language, "cues")["conflict"]
    conflicts = {e.slug: e for e in entities if e.kind == "Conflict"}
    counts = Counter(m.entity for m in mentions if m.entity in conflicts)
    names = _names(document, data)
    main: str | None = None
    lead = _lead_names(document, data)[:1]
    # The war the lead sentence defines is the article's, whatever else a naming sentence names.
    named = Counter(m.entity for m in mentions if m.entity in conflicts
                    and any(n.begin <= m.begin and m.end <= n.end for n in lead or names))
    told_first = None if lead else _war_of_first_sentence(document, mentions, conflicts, data)
    if told_first is not None and told_first not in named:
        # An article about something else (an agreement) names its war in its first sentence ("… intended
        # to bring the War in Afghanistan to an end"): that war, not one a later naming sentence names.
        main = told_first
    elif names:
        if named:
            main = named.most_common(1)[0][0]
        else:
            # Named in English where the article gives that name: one IRI for the war in every language.
            first = next((n for n in names if n.language == "en"), names[0])
            main = slugify(first.text)
            conflicts[main] = Entity(main, "Conflict", (), known=False)
        conflicts[main] = _with_names(conflicts[main], names)
    elif (ended := _war_the_lead_ends(document, mentions, conflicts, data)) is not None:
        main = ended
    elif counts:
        main = counts.most_common(1)[0][0]
        if _only_background(document, mentions, main, data):
            main = None
    return list(conflicts.values()), main


def _war_the_lead_ends(document: Document, mentions: list[Mention], conflicts: Mapping[str, Entity],
                       data: Mapping[str, Any]) -> str | None:
    """The war the lead paragraph says the article's subject ended ("The accords ... brought to an end the
    X War"), where the language tells it (``ended_by``)."""
    body = _body_after_title(document)
    if not data.get("ended_by") or not body:
        return None
    lead, ended = document.paragraphs[body[0].paragraph - 1], re.compile(data["ended_by"])  # 1-based
    return next((m.entity for m in mentions if m.entity in conflicts and lead.begin <= m.begin < lead.end
                 and ended.search(document.text, lead.begin, m.begin)), None)


def _body_after_title(document: Document) -> list[Sentence]:
    """The body sentences, without a first line that is the article's title."""
    body = [s for s in document.sentences if s.paragraph is not None]
    return body[1:] if len(body) > 1 and _is_title_line(body[0], body[1]) else body


def _war_of_first_sentence(document: Document, mentions: list[Mention], conflicts: Mapping[str, Entity],
                           data: Mapping[str, Any]) -> str | None:
    """The war the article's first body sentence names, not after a background word ("sau X")."""
    body = _body_after_title(document)
    if not body:
        return None
    first = body[0]
    background = re.compile(data["background"])
    return next((m.entity for m in mentions if m.entity in conflicts and first.begin <= m.begin < first.end
                 and not background.search(document.text, first.begin, m.begin)), None)


def _only_background(document: Document, mentions: list[Mention], slug: str, data: Mapping[str, Any]) -> bool:
    """Whether every lead-paragraph mention of the war follows a background word ("sau X")."""
    if not document.paragraphs:
        return False
    lead = document.paragraphs[0]
    background = re.compile(data["background"])
    told = [m for m in mentions if m.entity == slug and lead.begin <= m.begin < lead.end]
    return bool(told) and all(background.search(document.text, lead.begin, m.begin) for m in told)
