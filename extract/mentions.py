"""Mentions of entities: gazetteer lookup plus discovery of names the gazetteer does not know.

Known names are found by longest match over each sentence (case and diacritic aware, on word
boundaries, also where the article glued two words together: ``giữGanja``). Unknown names are
proper-noun runs from underthesea's tagger (``Np``) that a context cue from
``extract/data/{language}/cues.toml`` makes a person or a place; they become ``Entity(known=False)``.
"""

from __future__ import annotations

import pickle
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from extract.gazetteer import Gazetteer, slugify
from extract.lang import pack_module
from extract.langdata import load_language_data
from extract.model import Document, Entity, Mention, Sentence
from extract.world import WorldPlace, place_index

# The world place a name means, given the article's countries (None when the data does not know it).
PlaceResolver = Callable[[str, bool], "WorldPlace | None"]

# Combining marks of the tones, removed before asking whether a letter is Vietnamese-only.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _starts_word(text: str, i: int, glue: bool = True) -> bool:
    """A word starts at ``i``: after a non-letter, or at a lower-to-upper glue (``giữGanja``) where the
    language's copied text glues words (``glue``; in English a capital inside a name is the name's: FitzGerald)."""
    if not text[i].isalnum():
        return False
    return i == 0 or not text[i - 1].isalnum() or (glue and text[i - 1].islower() and text[i].isupper())


def _ends_word(text: str, j: int, glue: bool = True) -> bool:
    """A word ends before ``j``: at a non-letter, the end, or a lower-to-upper glue (``ArmeniaArmen``)."""
    return j >= len(text) or not text[j].isalnum() or (glue and text[j - 1].islower() and text[j].isupper())


_LETTERS_AND_DIGITS = re.compile(r"[^\W_]+")  # runs of what str.isalnum calls letters and digits


def _word_starts(text: str) -> list[int]:
    """Every ``i`` where ``_starts_word(text, i)`` holds (glue on), in order: each run of letters and digits
    starts one, and so does each capital after a lower-case letter inside a run."""
    starts = []
    for run in _LETTERS_AND_DIGITS.finditer(text):
        begin, end = run.span()
        starts.append(begin)
        inside = text[begin + 1:end]
        if inside.lower() != inside:  # a capital inside the run: look for glues
            starts.extend(k for k in range(begin + 1, end) if text[k].isupper() and text[k - 1].islower())
    return starts


class SurfaceMatcher:
    """Longest-match lookup of surface forms in text, on word boundaries.

    A form is matched with its exact case, except that a form written with a lower-case first
    letter (``nhóm Minsk``) also matches at the start of a sentence (``Nhóm Minsk``).
    """

    def __init__(self, forms: Iterable[str]) -> None:
        self._by_prefix: dict[str, list[str]] = defaultdict(list)
        for form in set(forms):
            if form:
                self._by_prefix[form[:2].lower()].append(form)
        for candidates in self._by_prefix.values():
            candidates.sort(key=len, reverse=True)
        self._longest = max((len(c[0]) for c in self._by_prefix.values()), default=0)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping ``(begin, end, form)`` matches, leftmost then longest."""
        found: list[tuple[int, int, str]] = []
        reached = 0
        for i in _word_starts(text):
            if i < reached:
                continue
            form = self._match_at(text, i)
            if form is not None:
                found.append((i, i + len(form), form))
                reached = i + len(form)
        return found

    def ends(self, text: str) -> bool:
        """Whether some form ends ``text`` (starting on a word), even where a longer form that starts
        earlier overlaps it ("the village" and "village of" before a name)."""
        window = max(0, len(text) - self._longest)
        for i in _word_starts(text[window:]):
            if i == 0 and window and text[window - 1].isalnum():
                continue  # the window cut a word
            if self._match_at(text, window + i, len(text)) is not None:
                return True
        return False

    def _match_at(self, text: str, i: int, end: int | None = None) -> str | None:
        for form in self._by_prefix.get(text[i:i + 2].lower(), ()):
            j = i + len(form)
            same = text.startswith(form, i) or (
                form[0].islower() and text[i] == form[0].upper() and text.startswith(form[1:], i + 1))
            if same and _ends_word(text, j) and (end is None or j == end):
                return form
        return None


@dataclass(frozen=True)
class _Cues:
    """The cue lists of one language, ready for matching."""

    person_before: SurfaceMatcher
    place_before: SurfaceMatcher
    organization_before: SurfaceMatcher
    organization_heads: tuple[str, ...]
    organization_connectors: frozenset[str]
    organization_modifiers: bool
    name_modifiers: frozenset[str]
    foreign_abbreviation_names: bool
    alias_between: re.Pattern[str]
    # "(nay là X)", "(now X)": words in brackets before a place's present name
    present_name_before: re.Pattern[str] | None
    role_titles: frozenset[str]
    not_acronyms: re.Pattern[str]
    name_particles: frozenset[str]
    direction_prefixes: frozenset[str]
    locative_before: SurfaceMatcher
    place_object_before: SurfaceMatcher
    place_after: tuple[str, ...]
    not_place_before: frozenset[str]
    coordinators: frozenset[str]
    place_name_words: frozenset[str]
    never_names: frozenset[str]
    vietnamese_letters: frozenset[str]
    vietnamese_marks: frozenset[str]
    vietnamese_syllable: re.Pattern[str] | None
    jurisdiction_links: tuple[str, ...]
    list_intro: tuple[str, ...]
    list_intro_window: int
    bare_person_min_words: int
    confidence: Mapping[str, float]
    family_names: frozenset[str]
    family_name_words: tuple[int, int]
    not_name_heads: frozenset[str]
    world_min_population: int
    world_name_min_population: int
    world_exonym_min_population: int | None
    short_form_before: re.Pattern[str]
    short_form_never: frozenset[str]
    short_body_heads: tuple[str, ...]
    short_body_troops: tuple[str, ...]
    direction_english: Mapping[str, str]
    feature_english: Mapping[str, str]
    facility_english: Mapping[str, str]
    facility_after: tuple[str, ...]
    numbered_place_heads: frozenset[str]
    bracketed_latin_is_english: bool
    language: str  # whose pack segments and tags the words
    language_word: str  # what names a language before its name ("tiếng "), "" where nothing does
    # "X-ian forces": a country's adjective before a word for its forces names the country as a side
    demonyms: re.Pattern[str] | None
    demonym_countries: Mapping[str, str]
    # "Abkhaz forces", "fell to the Abkhaz": an adjective the data does not list, derived from the name
    # of a country the article names (the stem, then one of the adjective endings for one of the names')
    adjective_endings: tuple[str, ...]
    body_plural_endings: tuple[str, ...]
    country_name_endings: tuple[str, ...]
    adjective_heads: re.Pattern[str] | None
    # "fell to the X", "the X captured": the words around a name that make it a body acting in the war
    body_before: re.Pattern[str] | None
    body_after: re.Pattern[str] | None


@cache
def _cues(language: str) -> _Cues:
    data = load_language_data(language, "cues")
    roles = load_language_data(language, "roles")
    titles = [title for role in roles["role"] for title in role[language]]
    demonyms = data.get("demonyms", {})
    return _Cues(
        person_before=SurfaceMatcher([*data["person_before"], *titles]),
        place_before=SurfaceMatcher(data["place_before"]),
        organization_before=SurfaceMatcher(data["organization_before"]),
        organization_heads=tuple(data["organization_heads"]),
        organization_connectors=frozenset(data["organization_connectors"]),
        organization_modifiers=data.get("organization_modifiers", False),
        name_modifiers=frozenset(data.get("name_modifiers", ())),
        foreign_abbreviation_names=data.get("foreign_abbreviation_names", False),
        alias_between=re.compile(data["alias_between"]),
        present_name_before=re.compile(data["present_name_before"]) if data.get("present_name_before") else None,
        role_titles=frozenset(titles),
        not_acronyms=re.compile(data["not_acronyms"]),
        name_particles=frozenset(data["name_particles"]),
        direction_prefixes=frozenset(data["direction_prefixes"]),
        locative_before=SurfaceMatcher(data["locative_before"]),
        place_object_before=SurfaceMatcher(data["place_object_before"]),
        place_after=tuple(data["place_after"]),
        not_place_before=frozenset(data["not_place_before"]),
        coordinators=frozenset(data["coordinators"]),
        place_name_words=frozenset(data["place_name_words"]),
        never_names=frozenset(data["never_names"]),
        vietnamese_letters=frozenset(data["vietnamese_letters"]),
        vietnamese_marks=frozenset(data["vietnamese_marks"]),
        vietnamese_syllable=re.compile(data["vietnamese_syllable"]) if data.get("vietnamese_syllable") else None,
        jurisdiction_links=tuple(roles["jurisdiction_links"]),
        list_intro=tuple(data["list_intro"]),
        list_intro_window=int(data["list_intro_window"]),
        bare_person_min_words=int(data["bare_person_min_words"]),
        confidence=data["confidence"],
        family_names=frozenset(data["vietnamese_names"]["family_names"]),
        family_name_words=(int(data["vietnamese_names"]["min_words"]), int(data["vietnamese_names"]["max_words"])),
        not_name_heads=frozenset(data["vietnamese_names"]["not_name_heads"]),
        world_min_population=int(data["vietnamese_names"]["min_population"]),
        world_name_min_population=int(data["vietnamese_names"]["world_name_min_population"]),
        world_exonym_min_population=data["vietnamese_names"].get("exonym_min_population"),
        short_form_before=re.compile(data["short_form_before"]),
        short_form_never=frozenset(data["short_form_never"]),
        short_body_heads=tuple(data.get("short_body_heads") or ()),
        short_body_troops=tuple(data.get("short_body_troops") or ()),
        direction_english=data["direction_english"],
        feature_english=data.get("feature_english", {}),
        facility_english=data["facility_english"],
        facility_after=tuple(sorted(data.get("facility_after", ()), key=len, reverse=True)),
        numbered_place_heads=frozenset(data.get("numbered_place_heads", ())),
        bracketed_latin_is_english=data.get("bracketed_latin_is_english", False),
        language=language,
        language_word=load_language_data(language, "words")["language_word"],
        demonyms=_demonym_pattern(demonyms.get("countries", {}), demonyms.get("heads", ())),
        demonym_countries=demonyms.get("countries", {}),
        adjective_endings=tuple(demonyms.get("adjective_endings", ())),
        country_name_endings=tuple(demonyms.get("country_name_endings", ())),
        body_plural_endings=tuple(demonyms.get("body_plural_endings", ())),
        adjective_heads=_adjective_heads(demonyms.get("heads", ())),
        body_before=re.compile(data["body_before"]) if data.get("body_before") else None,
        body_after=re.compile(data["body_after"]) if data.get("body_after") else None,
    )


def _demonym_pattern(demonyms: Mapping[str, str], heads: Iterable[str]) -> re.Pattern[str] | None:
    """``Adjective head`` for every adjective and head of the data (longest first), or None without any."""
    if not demonyms or not heads:
        return None
    def alternatives(words: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # "X-ian mechanised brigades", "the X-ian and Y-ian governments", "X-ian-brokered": one
    # lower-case word, or a second adjective, may stand before the head; a hyphen joins an agent's verb.
    adjective = alternatives(demonyms)
    return re.compile(rf"\b(?P<demonym>{adjective})(?=(?:\s+(?:and|or)\s+(?:{adjective}))?(?:\s+[a-z]+)?"
                      rf"\s+(?:{alternatives(heads)})\b|-(?:brokered|mediated|sponsored|backed|led)\b)")


def _adjective_heads(heads: Iterable[str]) -> re.Pattern[str] | None:
    """What follows an adjective standing for a side: another adjective or name joined by "and", a
    lower-case word, then a head ("Abkhaz and North Caucasian units"); or a hyphened agent's verb."""
    if not heads:
        return None
    words = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?:\s+(?:and|or)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?\s+(?:[a-z]+\s+)?(?:{words})\b"
                      r"|-(?:brokered|mediated|backed|led)\b")


@cache
def _gazetteer_matcher(gazetteer: Gazetteer) -> SurfaceMatcher:
    return SurfaceMatcher(gazetteer.surface_forms)


@dataclass
class _Name:
    """A name found in a sentence (offsets relative to the sentence)."""

    begin: int
    end: int
    text: str
    slug: str | None = None  # None until the name is resolved or classified
    kind: str | None = None
    confidence: float = 0.0
    alias_of: _Name | None = None  # the name this one follows in brackets
    aliases: list[str] = field(default_factory=list)
    place: WorldPlace | None = None  # what the world data knows of a discovered place
    by_data: bool = False  # the kind comes from the world data alone, not from the sentence's words
    english: str | None = None  # the English name the brackets after it give
    text_slug: str | None = None  # the name it stands for, when it is another's abbreviation
    brackets: tuple[int, int] | None = None  # the brackets right after it that name it again


def _is_vietnamese_word(word: str, cues: _Cues) -> bool:
    """True when a word carries letters or marks that only Vietnamese uses."""
    for char in word:
        decomposed = unicodedata.normalize("NFD", char)
        if any(mark in cues.vietnamese_marks for mark in decomposed):
            return True
        toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        if toneless in cues.vietnamese_letters:
            return True
    return False


def _toneless(word: str) -> str:
    """The word lower-cased, with its tone marks removed (``Phôngxavăn`` -> ``phôngxavăn``)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))


def _is_vietnamese_syllable(word: str, cues: _Cues) -> bool:
    """A word spelled the Vietnamese way that is one syllable ("Trắng", "Phênh"), as Vietnamese words
    are; a longer word in Vietnamese letters ("Xuphanuvông") is a foreign name written in them."""
    if not _is_vietnamese_word(word, cues):
        return False
    return cues.vietnamese_syllable is None or cues.vietnamese_syllable.fullmatch(_toneless(word)) is not None


def _is_transliterated(word: str, cues: _Cues) -> bool:
    """A foreign name of several syllables written in Vietnamese letters as one word ("Nôxavăn")."""
    return _is_vietnamese_word(word, cues) and not _is_vietnamese_syllable(word, cues)


@dataclass(frozen=True)
class _Token:
    """A word of underthesea's segmentation (``Quân đội``, ``Việt Nam``) with its offsets and tag."""

    begin: int
    end: int
    text: str
    tag: str


def _tokens(text: str, language: str) -> list[_Token]:
    """The sentence's words as the language pack segments and tags them (``extract/lang/{language}.py``)."""
    return [_Token(*word) for word in pack_module(language).tagged_words(text)]


def _proper_noun_spans(tokens: list[_Token], text: str) -> list[tuple[int, int]]:
    """Spans of runs of ``Np`` tokens."""
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if token.tag != "Np":
            continue
        if spans and text[spans[-1][1]:token.begin].strip() == "":
            spans[-1] = (spans[-1][0], token.end)
        else:
            spans.append((token.begin, token.end))
    return spans


def _name_pieces(text: str, span: tuple[int, int], covered: list[tuple[int, int]],
                 cues: _Cues) -> list[tuple[int, int]]:
    """Maximal runs of capitalised, non-Vietnamese, uncovered words inside a proper-noun span."""
    pieces: list[tuple[int, int]] = []
    run: tuple[int, int] | None = None
    words = _words(text, *span, glue=_glues(cues.language))
    for (i, j), word in words.items():
        # "Nghệ An", "Long An": a short function word that ends a run of name words is the name's last syllable.
        last_syllable = (run is not None and run[1] == i - 1 and text[run[1]] == " " and len(word) <= 2
                         and not text[j:j + 2].strip()[:1].isupper())
        is_name_word = (word[0].isupper() and word.isalpha()
                        and (last_syllable or (word not in cues.never_names and word not in cues.not_name_heads))
                        and (not _is_vietnamese_syllable(word, cues) or _beside_transliterated(text, i, j, words, cues))
                        and not any(b < j and i < e for b, e in covered))
        if is_name_word:
            gap = text[run[1]:i] if run is not None else ""
            # "William K. Harrison": an initial's period joins the name
            initial = gap == ". " and run is not None and run[1] - run[0] >= 1 and _ends_with_initial(text, run)
            # "N'Djamena", "O'Neill": a one-letter word and an apostrophe open the name's word
            elided = gap in _APOSTROPHES and run is not None and _ends_with_initial(text, run)
            joinable = run is not None and (gap in (" ", "-") or initial or elided or _particle_gap(gap, cues, text, j))
            run = (run[0], j) if joinable and run is not None else (i, j)
            if not joinable:
                pieces.append(run)
            else:
                pieces[-1] = run
        elif run is not None and word in cues.name_particles:
            pass  # "San Vicente del Caguán": the particle may join the run to the next name word
        elif run is not None and text[run[1]:i] in _APOSTROPHES and word.islower() and word != "s":
            run = (run[0], j)  # "Kabineh Ja'neh": the word goes on past its apostrophe (not a possessive)
            pieces[-1] = run
        else:
            if run is not None and word[:1].isupper() and _is_vietnamese_syllable(word, cues) \
                    and text[run[1]:i] == " ":
                # "Nhà Trắng": a capitalised word heading a Vietnamese name is Vietnamese too.
                pieces.pop()
            run = None
    return [(b, e) for b, e in pieces if e - b >= 2 and not text[b:e].isupper()]


def _words(text: str, begin: int, end: int, glue: bool = True) -> dict[tuple[int, int], str]:
    """The words of ``text[begin:end]`` by their offsets, in order (``glue``: see ``_starts_word``)."""
    words: dict[tuple[int, int], str] = {}
    i = begin
    while i < end:
        if not _starts_word(text, i, glue):
            i += 1
            continue
        j = i + 1
        while j < end and not _ends_word(text, j, glue):
            j += 1
        words[(i, j)] = text[i:j]
        i = j
    return words


def _beside_transliterated(text: str, begin: int, end: int, words: Mapping[tuple[int, int], str],
                           cues: _Cues) -> bool:
    """A capitalised syllable next to a transliterated word of the same name ("Phênh Phôngxavăn")."""
    for (b, e), other in words.items():
        if other[:1].isupper() and _is_transliterated(other, cues) and (
                text[e:begin] == " " or text[end:b] == " "):
            return True
    return False


_APOSTROPHES = ("'", "’")


def _ends_with_initial(text: str, run: tuple[int, int]) -> bool:
    """The run's last word is one capital letter ("William K")."""
    last = text[run[0]:run[1]].split()[-1]
    return len(last) == 1 and last.isupper()


def _particle_gap(gap: str, cues: _Cues, text: str, after: int) -> bool:
    """`` del `` between two words of one foreign name (the second ending at ``after``)."""
    # "Humberto de la Calle": one particle or several; "Maarat al-Numan": the last glued by a hyphen,
    # unless the word after it runs into the next name with no space ("al-IslāmAllahshukur": a title
    # glued to a name, the copy's error, not one name).
    # "Pul-e Khumri", "Mazar-i-Sharif": a particle glued by hyphens.
    glued = re.fullmatch(r"-(\w{1,3})[- ]", gap)
    if glued is not None and glued.group(1) in cues.name_particles:
        return True
    inner = gap[:-1] if gap.endswith("-") and not gap.endswith(" -") else gap
    if inner is not gap and after < len(text) and text[after].isupper():
        return False
    if not (inner.startswith(" ") and (inner.endswith(" ") or inner is not gap)):
        return False
    return bool(inner.split()) and all(word in cues.name_particles for word in inner.split())


def _joined_spans(text: str, spans: list[tuple[int, int]], cues: _Cues) -> list[tuple[int, int]]:
    """Name spans that only a name particle, an initial's period or a hyphen ("Faya-Largeau", which a
    tokenizer splits) separates, joined into one."""
    joined: list[tuple[int, int]] = []
    for begin, end in sorted(spans):
        if joined and begin < joined[-1][1]:  # the same word found twice (tagger and capitals)
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
            continue
        gap = text[joined[-1][1]:begin] if joined else ""
        if joined and (_particle_gap(gap, cues, text, end) or gap == "-"
                       or (gap == ". " and _ends_with_initial(text, joined[-1]))):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((begin, end))
    return joined


def _capitalised_runs(text: str, covered: list[tuple[int, int]], glue: bool = True) -> list[list[tuple[int, int]]]:
    """Runs of capitalised words in any letters, joined by single spaces, that no known name covers."""
    runs: list[list[tuple[int, int]]] = []
    i = 0
    while i < len(text):
        if not _starts_word(text, i, glue):
            i += 1
            continue
        j = i + 1
        while j < len(text) and not _ends_word(text, j, glue):
            j += 1
        word = text[i:j]
        if word[0].isupper() and word.isalpha() and not any(b < j and i < e for b, e in covered):
            if runs and runs[-1] and text[runs[-1][-1][1]:i] == " ":
                runs[-1].append((i, j))
            else:
                runs.append([(i, j)])
        elif runs and runs[-1]:
            runs.append([])
        i = j
    return [run for run in runs if run]


def _organisation_names(text: str, tokens: list[_Token], names: list[_Name], cues: _Cues) -> list[_Name]:
    """Names of bodies by their grammar: a head word ("Quân đội", "Mặt trận", "Trung tâm") and the
    capitalised words that follow it ("Mặt trận Dân tộc Giải phóng miền Nam Việt Nam"), a lower-case
    connector word only between two capitalised ones, up to a known country, which ends it. Known names
    inside become part of it; a head and a known country alone ("Quân đội Mỹ") is that country's. An English name or an
    abbreviation in the brackets after it ("(Crisis Management Initiative, CMI)") names it too."""
    found: list[_Name] = []
    known = [(n.begin, n.end) for n in names]
    countries = [(n.begin, n.end) for n in names if n.kind == "Country"]
    for index, token in enumerate(tokens):
        head = _organisation_head(token.text, cues)
        if head is None or any(b <= token.begin < e for b, e in known) or (found and token.begin < found[-1].end):
            continue
        end = token.end
        for position in range(index + 1, len(tokens)):
            word = tokens[position]
            if text[end:word.begin] != " ":
                break
            capitalised = word.text[:1].isupper() and word.text[:1].isalpha()
            # A connector, or a run of them ("of the" where the tokenizer splits words), between capitalised words.
            after = position
            while after < len(tokens) and tokens[after].text in cues.organization_connectors \
                    and (after == position or text[tokens[after - 1].end:tokens[after].begin] == " "):
                after += 1
            bridges = (after > position and after < len(tokens) and tokens[after].text[:1].isupper()
                       and text[tokens[after - 1].end:tokens[after].begin] == " ")
            bridges = bridges or _compound_tail(text, tokens, position, cues)
            if not (capitalised or bridges) or (bridges and _organisation_head(tokens[after].text, cues)):
                break  # "Bộ Ngoại giao và Bộ Quốc phòng": two bodies
            glued = next((e for b, e in known if b <= word.begin < e < word.end), None)
            if glued is not None:
                end = glued  # the tagger glued a verb to a known name ("Croatia mở"): the name ends there
                break
            end = word.end
            if any(b <= word.begin < e for b, e in countries) and any(e == end for _, e in countries):
                break  # a body's name ends with its country ("Hội đồng An ninh Armenia Armen Grigoryan")
        begin = _modifiers_before(text, tokens, index, known, cues) if cues.organization_modifiers else token.begin
        # "People's Army of X": capitalised modifiers before the head are words of the body's own name.
        own_words = [w.group(0) for w in re.finditer(r"\w+", text[token.begin + len(head):end])
                     if not any(b <= token.begin + len(head) + w.start() < e for b, e in known)]
        own_words += re.findall(r"\w+", text[begin:token.begin])
        if not any(w[:1].isupper() for w in own_words) or (len(own_words) == 1 and _ACRONYM.fullmatch(own_words[0])):
            continue  # "Quân đội Mỹ" is the country's; "Tổ chức YASHAT" is named by its abbreviation
        name = _Name(begin, end, text[begin:end], kind="Organization", confidence=cues.confidence["cue"])
        name.english, abbreviations = bracketed_names(text, end, latin_is_english=cues.bracketed_latin_is_english)
        name.aliases.extend(abbreviations)
        opened = _BRACKETS.match(text, end)
        name.brackets = opened.span() if opened else None
        found.append(name)
    return found


def _compound_tail(text: str, tokens: list[_Token], position: int, cues: _Cues) -> bool:
    """The lower-case syllable of a word whose first syllable a name capitalises, where the tagger split
    the word ("Yêu nước" of "Mặt trận Yêu nước Rwanda"): the two syllables are one word of the
    segmenter's dictionary, and a capitalised word follows. Only where words are written syllable by syllable."""
    if cues.vietnamese_syllable is None or not 0 < position < len(tokens) - 1:
        return False
    before, word, after = tokens[position - 1], tokens[position], tokens[position + 1]
    return (word.text.islower() and before.text[:1].isupper() and text[before.end:word.begin] == " "
            and one_word(before.text, word.text) and after.text[:1].isupper() and text[word.end:after.begin] == " ")


def _modifiers_before(text: str, tokens: list[_Token], index: int, known: list[tuple[int, int]],
                      cues: _Cues) -> int:
    """Where a head-first body's name starts when the language puts capitalised modifiers before its
    head ("Transitional Government of National Unity", "Armed Forces of the North"): at the first of
    the capitalised words right before the head that are no known name, title or sentence opener."""
    begin = tokens[index].begin
    possessives = getattr(pack_module(cues.language), "POSSESSIVES", frozenset())  # the pack's ("People's")
    position = index - 1
    while position >= 0:
        word = tokens[position]
        owner = tokens[position - 1] if position > 0 else None
        if word.text in possessives and owner is not None and owner.end == word.begin \
                and text[word.end:begin] == " " and owner.text[:1].isupper() and owner.text not in cues.never_names \
                and not any(b <= owner.begin < e for b, e in known):
            # "People's Army", "Workers' Party": a possessive joins a capitalised modifier to what follows.
            begin, position = owner.begin, position - 2
            continue
        if text[word.end:begin] != " " or not word.text[:1].isupper() or any(b <= word.begin < e for b, e in known):
            break
        if word.text not in cues.name_modifiers and (
                not word.text.isalpha() or word.text in cues.never_names or word.text in cues.role_titles
                or word.tag != "Np"):
            break  # "National Forces of Liberation": a modifier that is never a name alone still opens one
        begin = word.begin
        position -= 1
    return begin


@cache
def _glues(language: str) -> bool:
    """Whether the language's copied text glues words together (``giữGanja``): vi/cues.toml ``glued_words``."""
    return bool(load_language_data(language, "cues").get("glued_words", True))


@cache
def _last_word_heads(language: str) -> tuple[dict[str, str], frozenset[str]]:
    """Head word -> kind, and the joining words, of names a language tells by their last word (none in vi)."""
    table = load_language_data(language, "cues").get("last_word_heads", {})
    heads = {word: kind for kind, words in table.items() if kind != "joiners" for word in words}
    return heads, frozenset(table.get("joiners", ()))


def _names_by_last_word(text: str, tokens: list[_Token], names: list[_Name], bodies: list[_Name],
                        cues: _Cues) -> list[_Name]:
    """Bodies and places named head-last ("Ulster Unionist Party", "Majnoon Islands"), where the language
    pack has that grammar (``names_by_last_word``); a country's adjective and a head ("Croatian Army") is
    the country's, and known names inside become part of the name, as for a body named head-first."""
    grammar = getattr(pack_module(cues.language), "names_by_last_word", None)
    heads, joiners = _last_word_heads(cues.language)
    if grammar is None or not heads:
        return []
    found: list[_Name] = []
    taken = [(n.begin, n.end) for n in bodies]
    words = [(t.begin, t.end, t.text, t.tag) for t in tokens]
    for begin, end, kind in grammar(text, words, heads, joiners, cues.role_titles):
        straddles = any(b < begin < e or b < end < e or (b, e) == (begin, end) for b, e in
                        [(n.begin, n.end) for n in names] + taken)
        head_known = any(b <= end - 1 < e for b, e in ((n.begin, n.end) for n in names))
        own = [w.group(0) for w in re.finditer(r"[^\W\d_][\w'’]*", text[begin:end])
               if not any(n.begin <= begin + w.start() < n.end for n in names)]
        if straddles or head_known or all(w in cues.demonym_countries or w in heads for w in own):
            continue
        name = _Name(begin, end, text[begin:end], kind=kind, confidence=cues.confidence["cue"])
        name.english, abbreviations = bracketed_names(text, end, latin_is_english=cues.bracketed_latin_is_english)
        name.aliases.extend(abbreviations)
        opened = _BRACKETS.match(text, end)
        name.brackets = opened.span() if opened else None
        found.append(name)
        taken.append((begin, end))
    return found


def _organisation_head(word: str, cues: _Cues) -> str | None:
    """The head word a token opens a body's name with ("Bộ Chỉ huy" -> "Bộ"), never a role title."""
    if word in cues.role_titles:
        return None
    for head in cues.organization_heads:
        if word == head or (word.startswith(head + " ") and word[len(head) + 1:][:1].isupper()):
            return head
    return None


_BRACKET_KEY = re.compile(r"^[^:]{1,40}:\s*")


_BRACKETS = re.compile(r"\s*\(([^()]{2,200})\)")


def bracketed_names(text: str, end: int, *, latin_is_english: bool = True) -> tuple[str | None, list[str]]:
    """Other names in brackets right after a name: its English name (the one keyed "tiếng Anh", else,
    with ``latin_is_english``, one in Latin letters of several words), and its abbreviations."""
    opened = _BRACKETS.match(text, end)
    if opened is None:
        return None, []
    english: list[str] = []
    latin: list[str] = []
    abbreviations: list[str] = []
    for group in opened.group(1).split(";"):
        # "tiếng Hebrew: מלחמת ששת הימים, Milhemet Sheshet HaYamim": Latin letters after another language's
        # name, in its group, are that name romanised, not an English name.
        keyed = None
        for part in group.split(","):
            part = part.strip()
            key = _BRACKET_KEY.match(part)
            keyed = key.group(0).rstrip(": ") if key is not None else keyed
            value = part[key.end():].strip() if key else part
            if not value:
                continue
            if key is not None and key.group(0).rstrip(": ").endswith(" Anh"):
                english.append(value)
            elif _ACRONYM.fullmatch(value):
                abbreviations.append(value)
            elif _ACRONYM.fullmatch(value.rsplit(" ", 1)[-1]) and value.rsplit(" ", 1)[0].islower():
                abbreviations.append(value.rsplit(" ", 1)[-1])  # "viết tắt TO", "abbreviated TO"
            elif latin_is_english and keyed is None and value.isascii() and len(value.split()) >= 2 \
                    and value[:1].isupper():
                latin.append(value)
    return next(iter(english + latin), None), abbreviations


# Capital letters of the Latin alphabets: "QĐNDVN" (Vietnamese initials keep their Đ), "UÇK", "ÖVP".
_CAPITALS = "".join(chr(code) for code in range(0x41, 0x250) if chr(code).isupper())
_ACRONYM = re.compile(rf"(?<![\w-])[{_CAPITALS}]+(?:-[{_CAPITALS}]+)*(?![\w-])")


def _english_in_brackets(text: str, name: _Name, cues: _Cues) -> str | None:
    """The English name the brackets after a name give: as for a body's name, or, after a name
    spelled the Vietnamese way, a single word in Latin letters ("Bàn Môn Điếm (Panmunjom)")."""
    english, _ = bracketed_names(text, name.end, latin_is_english=cues.bracketed_latin_is_english)
    if english is not None or not any(_is_vietnamese_word(word, cues) for word in name.text.split()):
        return english
    opened = _BRACKETS.match(text, name.end)
    value = opened.group(1).strip() if opened else ""
    if value.isascii() and value[:1].isupper() and not re.search(r"[,;:\d]", value) and not _ACRONYM.fullmatch(value):
        return value
    return None


_BRACKETED_ACRONYM = re.compile(rf"\s*\(([{_CAPITALS}]{{2,8}})[);,]")


def _initialled_bodies(text: str, names: list[_Name], bodies: list[_Name], cues: _Cues) -> list[_Name]:
    """A body named by the words whose initials its abbreviation in brackets spells ("Quân đội nhân dân
    Việt Nam (QĐNDVN)", "Liberians United for Reconciliation and Democracy (LURD)"), lower-case words
    and all; small connecting words may be left out of the abbreviation. A known name inside ("Việt
    Nam") is part of it."""
    found = []
    for match in _BRACKETED_ACRONYM.finditer(text):
        letters = match.group(1)
        if any(b.begin <= match.start() < b.end or (b.end == match.start()) for b in bodies):
            continue  # a body already read, with its abbreviation
        words = list(re.finditer(r"[\w’'-]+", text[:match.start()]))
        position, index = len(letters) - 1, len(words) - 1
        while position >= 0 and index >= 0:
            word = words[index].group(0)
            if word[:1].upper() == letters[position]:
                position -= 1
            elif word not in cues.organization_connectors:
                break
            index -= 1
        if position >= 0 or index + 1 >= len(words):
            continue
        first = words[index + 1]
        if not first.group(0)[:1].isupper():
            continue  # the first word of a name is capitalised
        begin, end = first.start(), words[-1].end()
        if any(n.begin < begin < n.end or n.begin < end < n.end for n in names):
            continue  # would cut a known name in two
        body = _Name(begin, end, text[begin:end], kind="Organization", confidence=cues.confidence["cue"])
        body.aliases.append(letters)
        opened = _BRACKETS.match(text, end)
        body.brackets = opened.span() if opened else None
        found.append(body)
    return found


def _acronyms(text: str, covered: list[tuple[int, int]], cues: _Cues) -> list[_Name]:
    """Capitalised abbreviations no known name covers ("FARC", "UNITA"): organisations."""
    found = []
    for match in _ACRONYM.finditer(text):
        word = match.group(0)
        if len(word) < 2 or word in cues.never_names or cues.not_acronyms.match(word):
            continue
        if any(b < match.end() and match.start() < e for b, e in covered):
            continue
        found.append(_Name(match.start(), match.end(), word, kind="Organization",
                           confidence=cues.confidence["acronym"]))
    return found


def _inside_a_word(tokens: list[_Token], begin: int, end: int, particles: Container[str] = ()) -> bool:
    """The span opens one word whose other syllables are lower case ("Thánh" of "Thánh đường"): a
    common noun capitalised, not a name. (A capitalised word the tagger glued to the verb before it,
    "chiếm Knin", is still a name; so is one glued to a name particle, "Jean de" of "Jean de Broglie".)"""
    return any(t.begin == begin and end < t.end and _all_lower_case(t.text[end - t.begin:])
               and t.text[end - t.begin:].strip() not in particles for t in tokens)


def _all_lower_case(text: str) -> bool:
    """Letters there are, all lower case."""
    return any(c.isalpha() for c in text) and not any(c.isupper() for c in text)


def _vietnamese_names(text: str, tokens: list[_Token], covered: list[tuple[int, int]], names: list[_Name],
                      gazetteer: Gazetteer, cues: _Cues, resolve: PlaceResolver) -> list[_Name]:
    """Names written in Vietnamese syllables, taken only where their grammar says they are names.

    A place cue before the run, a person cue before a run of a full name's length, the world data
    knowing the place, a family name opening the run, or a preposition of place before it; any other
    run of Vietnamese capitalised words ("Hiệp định", "Quân đội") is left alone.
    """
    found: list[_Name] = []
    for run in _capitalised_runs(text, covered):
        listed = _continues_a_list_of_places(text, run[0][0], cues) if run else False
        while run and not (listed and len(run) > 1) and (text[slice(*run[0])] in cues.not_name_heads
                                                          or text[slice(*run[0])] in cues.never_names):
            run = run[1:]
        # "tại Bắc Kinh Hiệp định ...": a last word that opens a word of lower-case syllables is not the name's.
        while len(run) > 1 and _inside_a_word(tokens, *run[-1]):
            run = run[:-1]
        if not run or not any(_is_vietnamese_syllable(text[b:e], cues) for b, e in run) \
                or any(_is_transliterated(text[b:e], cues) for b, e in run):
            continue  # foreign names, found by their own grammar
        begin, end = run[0][0], run[-1][1]
        if _inside_a_word(tokens, begin, end):
            continue
        name = _Name(begin, end, text[begin:end])
        low, high = cues.family_name_words
        full_name = low <= len(run) <= high
        if _classify_by_cue(text, name, names, gazetteer, cues, persons=full_name):
            pass
        elif listed:
            name.kind, name.confidence = "Place", cues.confidence["coordination"]
        elif (place := resolve(name.text, False)) is not None:
            name.kind, name.confidence, name.place, name.by_data = "Place", cues.confidence["world"], place, True
        elif text[slice(*run[0])] in cues.family_names and full_name:
            name.kind, name.confidence = "Person", cues.confidence["family_name"]
        elif _cue_before(text, name.begin, cues.locative_before):
            name.kind, name.confidence = "Place", cues.confidence["locative"]
        else:
            continue
        if name.kind == "Place" and name.place is None:
            name.place = resolve(name.text, True)
        found.append(name)
    return found


_LISTED_NAME = re.compile(r"(?:[^\W\d_][\w-]*\s+)*[^\W\d_][\w-]*$")


def _continues_a_list_of_places(text: str, begin: int, cues: _Cues, max_items: int = 8) -> bool:
    """The run at ``begin`` goes on a list of capitalised names that a place cue or a verb taking places
    opens, with only coordinators between ("các thành Tam Giang, Điêu Diêu và Thị Cầu", "làm chủ A, B
    và C"): it is listed as a place too."""
    position = begin
    for _ in range(max_items):
        head = text[:position].rstrip()
        joined = next((c for c in sorted(cues.coordinators, key=len, reverse=True)
                       if head.endswith(c) and (c == "," or _starts_word(head, len(head) - len(c)))), None)
        if joined is None:
            return False
        head = head[:len(head) - len(joined)].rstrip()
        previous = _LISTED_NAME.search(head)
        words = previous.group(0).split() if previous else []
        capitalised = [w for w in reversed(words) if w[:1].isupper()]
        if not capitalised or not words[-1][:1].isupper():
            return False
        # the capitalised words right before the coordinator make the previous item
        count = next((i for i, w in enumerate(reversed(words)) if not w[:1].isupper()), len(words))
        position = len(head) - len(" ".join(words[len(words) - count:]))
        if _cue_before(text, position, cues.place_before) or _cue_before(text, position, cues.place_object_before) \
                or _opens_a_list_of_places(text, position, cues):
            return True  # ... or a list a place noun announced ("ba tỉnh miền Đông là A, B, C")
    return False


def _cue_before(text: str, begin: int, matcher: SurfaceMatcher, apposition: bool = False) -> bool:
    """A cue of ``matcher`` ends right before ``begin`` (with ``apposition``, a comma may come between)."""
    head = text[:begin].rstrip()
    if apposition and head.endswith(","):
        head = head[:-1].rstrip()
    return matcher.ends(head)


def _cue_after(text: str, end: int, cues: Iterable[str]) -> bool:
    """The name is followed by one of ``cues`` as a whole word (``David Bek thuộc Tỉnh Syunik``)."""
    tail = text[end:].lstrip(" ,")
    return any(tail.startswith(cue) and not tail[len(cue):len(cue) + 1].isalnum() for cue in cues)


def _skip_country_before(text: str, begin: int, names: list[_Name], gazetteer: Gazetteer,
                         links: Iterable[str]) -> int:
    """Move ``begin`` left past a country right before it (``Tổng thống Artsakh, Arayik …``)."""
    for name in names:
        if name.slug not in gazetteer or name.end > begin or text[name.end:begin].strip(" ,") != "":
            continue
        if gazetteer[name.slug].kind != "Country":
            continue
        head = text[:name.begin].rstrip()
        for link in links:
            if head.endswith(" " + link):
                head = head[: -len(link)].rstrip()
        return len(head)
    return begin


def _classify_by_cue(text: str, name: _Name, names: list[_Name], gazetteer: Gazetteer, cues: _Cues, *,
                     persons: bool = True) -> bool:
    """A place, person (when ``persons``) or body cue right before the name gives its kind; whether one did."""
    if _cue_before(text, name.begin, cues.place_before):
        name.kind = "Place"
    elif persons and _cue_before(text, _skip_country_before(text, name.begin, names, gazetteer,
                                                             cues.jurisdiction_links), cues.person_before,
                                 apposition=True):
        name.kind = "Person"
    elif _cue_before(text, name.begin, cues.organization_before):
        name.kind = "Organization"
    else:
        return False
    name.confidence = cues.confidence["cue"]
    return True


def _classify(text: str, name: _Name, names: list[_Name], gazetteer: Gazetteer, cues: _Cues,
              resolve: PlaceResolver) -> None:
    """Give a discovered name a kind from the words before it, its own words, or the world data."""
    if _classify_by_cue(text, name, names, gazetteer, cues):
        pass
    elif any(word in cues.place_name_words for word in name.text.split()) \
            or _cue_after(text, name.end, cues.place_after):
        name.kind, name.confidence = "Place", cues.confidence["cue"]
    elif (_cue_before(text, name.begin, cues.locative_before) and not _possessor(text, name.end)) \
            or _cue_before(text, name.begin, cues.place_object_before):
        name.kind, name.confidence = "Place", cues.confidence["locative"]
    elif _opens_a_list_of_places(text, name.begin, cues):
        name.kind, name.confidence = "Place", cues.confidence["coordination"]
    elif not _ends_a_title(text, name.begin, cues) and (place := resolve(name.text, False)) is not None:
        name.kind, name.confidence, name.place, name.by_data = "Place", cues.confidence["world"], place, True
    elif _acts_as_a_body(text, name, cues):
        name.kind, name.confidence = "Organization", cues.confidence["cue"]
    if name.kind == "Place" and name.place is None:
        name.place = resolve(name.text, True)
    if name.kind in ("Place", None) and name.place is None:
        # "Üsküb (Skopje)", "Kırk Kilise (nay là Kırklareli)": an old name the world data lacks, and in the
        # brackets after it the present one it knows.
        present = _present_name(text, name, names, cues)
        place = resolve(present.text, name.kind == "Place") if present is not None else None
        if place is not None:
            name.place, name.english = place, present.text
            if name.kind is None:
                name.kind, name.confidence, name.by_data = "Place", cues.confidence["world"], True


def _present_name(text: str, name: _Name, names: list[_Name], cues: _Cues) -> _Name | None:
    """The name opening the brackets right after ``name``, perhaps after a word saying it is today's."""
    if not text.startswith(" (", name.end):
        return None
    start = name.end + 2
    lead = cues.present_name_before.match(text, start) if cues.present_name_before is not None else None
    start = lead.end() if lead else start
    return next((other for other in names if other.begin == start and other.slug is None), None)


def _acts_as_a_body(text: str, name: _Name, cues: _Cues) -> bool:
    """A name with "the" that something falls to, or that takes, launches or signs ("fell to the
    Taliban", "the Taliban captured"), is a body acting in the war, not a place or a person."""
    if not text[:name.begin].endswith(("the ", "The ")):
        return False
    return bool(cues.body_before and cues.body_before.search(text, max(0, name.begin - 80), name.begin)
                or cues.body_after and cues.body_after.match(text, name.end))


def _possessor(text: str, end: int) -> bool:
    """The name owns what follows ("at Goukouni's request"): a preposition before it governs that, not it."""
    return text.startswith(("'s ", "’s "), end)


def _ends_a_title(text: str, begin: int, cues: _Cues, max_words: int = 3) -> bool:
    """The name closes a Vietnamese title ("Huân chương Zafar", "Nghị định thư Minsk"): a capitalised
    Vietnamese word, then only lower-case words up to the name."""
    words = text[:begin].split()
    for word in reversed(words[-(max_words + 1):]):
        if not word.isalpha():
            return False
        if word[0].isupper():
            return _is_vietnamese_word(word, cues) or word in cues.not_name_heads
    return False


def _opens_a_list_of_places(text: str, begin: int, cues: _Cues) -> bool:
    """``bốn ngôi làng thuộc tỉnh G, gồm X, Y…``: X opens a list that a place noun introduced."""
    head = text[:begin].rstrip(" ,:")
    for intro in cues.list_intro:
        if head.endswith(intro) and _starts_word(head, len(head) - len(intro)):
            window = head[max(0, len(head) - len(intro) - cues.list_intro_window):len(head) - len(intro)]
            return bool(cues.place_before.find(window))
    return False


def _neighbour_kind(text: str, name: _Name, names: list[_Name], cues: _Cues) -> str | None:
    """The kind of a person or place listed right next to ``name`` (``A, B và C``)."""
    for other in names:
        if other is name or other.alias_of is not None or other.kind not in ("Person", "Place") or other.by_data:
            continue
        gap = text[other.end:name.begin] if other.end <= name.begin else text[name.end:other.begin]
        joint = _without_parenthetical(gap.strip(" "))
        if joint not in cues.coordinators:
            continue
        # "in San José, Daniel Ortega announced": after a comma alone the list must go on (a comma or a
        # conjunction after the name); its last item follows a conjunction.
        if joint == "," and other.end <= name.begin:
            rest = text[name.end:].lstrip(" ")
            if not (rest[:1] == "," or rest.split(" ", 1)[0] in cues.coordinators):
                continue
        return other.kind
    return None


def _without_parenthetical(gap: str) -> str:
    """``(Çaylaqqala), `` -> ``,``: a bracketed alias between two listed names is skipped."""
    if gap.startswith("(") and ")" in gap:
        return gap[gap.index(")") + 1:].strip(" ")
    return gap


def _alias_target(text: str, name: _Name, names: list[_Name], cues: _Cues) -> _Name | None:
    """The name this one is another name of: in brackets after it (``Khtsaberd (Çaylaqqala)``), or
    after an alias cue (``Rodrigo Londoño, được biết đến với bí danh "Timochenko"``)."""
    for other in names:
        if other is name or other.end > name.begin:
            continue
        if text[name.end:name.end + 1] == ")" and text[other.end:name.begin] == " (":
            return other
        if cues.alias_between.fullmatch(text, other.end, name.begin):
            return other
    return None


# Where a name is told: (sentence ordinal in the document, offset in the sentence).
_Position = tuple[int, int]


def _surname_owners(found: list[_SentenceNames], gazetteer: Gazetteer, cues: _Cues,
                    slugs: Container[str] | None = None) -> dict[str, list[tuple[_Position, str]]]:
    """Last word of each named person's multi-word labels -> where each person having it is named.

    With ``slugs`` (the discovered persons), the first word too ("Thủ tướng Meles" for Meles Zenawi),
    where it is no family name ("Nguyễn") and no one's last word: some peoples call a person by the
    given name.
    """
    owners: dict[str, list[tuple[_Position, str]]] = defaultdict(list)
    given: dict[str, list[tuple[_Position, str]]] = defaultdict(list)
    for index, item in enumerate(found):
        for name in item.names:
            if name.kind != "Person" or name.slug is None or (slugs is not None and name.slug not in slugs):
                continue
            labels = [n for ns in gazetteer[name.slug].labels.values() for n in ns] \
                if name.slug in gazetteer else [name.text]
            if name.alias_of is not None and len(name.text.split()) == 1:
                owners[name.text].append(((index, name.begin), name.slug))  # "Timochenko" again later
            for label in labels:
                words = label.split()
                if len(words) > 1 and words[-1][:1].isupper():
                    owners[words[-1]].append(((index, name.begin), name.slug))
                # A surname of several words ("Obando y Bravo", "Baena Soares" for João Baena Soares).
                for start in range(1, len(words) - 1):
                    if words[start][:1].isupper() and words[-1][:1].isupper():
                        owners[" ".join(words[start:])].append(((index, name.begin), name.slug))
                if slugs is not None and len(words) > 1 and words[0][:1].isupper() \
                        and words[0] not in cues.family_names and len(words[0]) > 2 and words[0].isalpha():
                    given[words[0]].append(((index, name.begin), name.slug))
    for form, told in given.items():
        if form not in owners:
            owners[form] = told
    # A country's adjective ("Mexican" of "Mexican Cession") is never a person's short name.
    return {form: told for form, told in owners.items()
            if form not in gazetteer.surface_forms and form not in cues.demonym_countries}


def _owner(told: list[tuple[_Position, str]], position: _Position) -> str | None:
    """The person a surname stands for: its only owner, else the owner named in full last before it."""
    if len({slug for _, slug in told}) == 1:
        return told[0][1]
    before = [(at, slug) for at, slug in told if at < position]
    return max(before)[1] if before else None


@dataclass
class _SentenceNames:
    """The names found in one sentence."""

    sentence: Sentence
    names: list[_Name]
    blocked: list[tuple[int, int]] = field(default_factory=list)  # known names read as something else
    implied: list[str] = field(default_factory=list)  # known entities named inside a body's name


def _known_names(sentence: Sentence, gazetteer: Gazetteer, cues: _Cues) -> _SentenceNames:
    """Gazetteer matches, leaving out places named as a people or language (``người Armenia``)."""
    found = _SentenceNames(sentence, [])
    for begin, end, form in _gazetteer_matcher(gazetteer).find(sentence.text):
        entry = gazetteer[gazetteer.surface_forms[form]]
        word_before = sentence.text[:begin].rstrip().rsplit(" ", 1)[-1]
        if entry.kind in ("Country", "Place") and word_before in cues.not_place_before:
            found.blocked.append((begin, end))
            continue
        if entry.kind in ("Country", "Place") and word_before in cues.direction_prefixes \
                and sentence.text[begin - 1:begin] == " ":
            continue  # "Nam Georgia" is South Georgia, not Georgia: the whole name is found by its grammar
        if entry.kind in ("Country", "Place") and _starts_a_world_place(sentence.text, begin, end):
            continue  # "Lào Cai" is a town, not Laos: the whole name is found by its grammar
        if entry.kind == "Country" and _ends_a_foreign_name(sentence.text, begin, gazetteer, cues):
            continue  # "Pathét Lào" is a movement, not Laos: the whole name is found by its grammar
        found.names.append(_Name(begin, end, form, entry.slug, entry.kind, cues.confidence["gazetteer"]))
    if cues.demonyms is not None:
        for match in cues.demonyms.finditer(sentence.text):
            slug = gazetteer.surface_forms.get(cues.demonym_countries[match.group("demonym")])
            begin, end = match.span("demonym")
            if slug is not None and not any(n.begin < end and begin < n.end for n in found.names):
                found.names.append(_Name(begin, end, match.group("demonym"), slug, "Country",
                                         cues.confidence["gazetteer"]))
        found.names.sort(key=lambda n: n.begin)
    return found


def _people_of(word: str, gazetteer: Gazetteer, cues: _Cues) -> str | None:
    """The country whose people a plural of its listed adjective names ("the Americans", "the Bolivians")."""
    for ending in cues.body_plural_endings:
        adjective = word[:-len(ending)] if word.endswith(ending) else None
        if adjective and adjective in cues.demonym_countries:
            return gazetteer.surface_forms.get(cues.demonym_countries[adjective])
    return None


def _owner_adjective_apart(text: str, begin: int, end: int, countries: Mapping[str, str],
                           cues: _Cues) -> list[tuple[int, int]]:
    """A country's adjective before a place's name is its owner, not a word of the name ("the Paraguayan
    Fortín X"): the place's name alone."""
    first, _, rest = text[begin:end].partition(" ")
    if rest.split(" ", 1)[0] in cues.place_name_words and (
            first in cues.demonym_countries or _adjective_country(first, countries, cues) is not None):
        return [(begin + len(first) + 1, end)]
    return [(begin, end)]


_NEXT_CAPITALISED = re.compile(r"(?: [A-ZĐÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ]\w*){1,2}")


def _starts_a_world_place(text: str, begin: int, end: int) -> bool:
    """A known name followed by capitalised words that, with it, name a place of the world data."""
    following = _NEXT_CAPITALISED.match(text, end)
    if following is None:
        return False
    words = following.group(0).split()
    return any(place_index().lookup(text[begin:end] + " " + " ".join(words[:count]))
               for count in range(len(words), 0, -1))


def _short_forms(found: list[_SentenceNames], gazetteer: Gazetteer, cues: _Cues, language: str) -> dict[str, str]:
    """One word of the name of a country the article names in full -> that country, when no other
    country named in the article has it as its first or last word ("Thổ" -> Turkey)."""
    named = {n.slug for item in found for n in item.names if n.kind == "Country" and n.slug in gazetteer}
    owners: dict[str, set[str]] = defaultdict(set)
    for slug in named:
        for label in gazetteer[slug].labels.get(language, ()):
            words = label.split()
            if len(words) >= 2:
                owners[words[0]].add(slug)
                owners[words[-1]].add(slug)
    return {word: next(iter(slugs)) for word, slugs in owners.items()
            if len(slugs) == 1 and word[:1].isupper() and word not in gazetteer.surface_forms
            and word not in cues.short_form_never}


def _directed_country(name: _Name, gazetteer: Gazetteer, cues: _Cues, short: Mapping[str, str]) -> str | None:
    """The English name of "a direction + a country" ("Bắc Việt", "Nam Việt Nam": North/South Vietnam,
    a state of its own), by the country's name in full or by one word of it."""
    direction, _, rest = name.text.partition(" ")
    english = cues.direction_english.get(direction)
    slug = gazetteer.surface_forms.get(rest) or short.get(rest)
    if english is None or slug is None or gazetteer[slug].kind != "Country":
        return None
    country = gazetteer[slug].preferred("en")
    if country and country.split()[0] in cues.direction_english.values() and rest not in gazetteer.surface_forms:
        # "North Ossetia" where the article names "South Ossetia": the other part of the land, by its word.
        return f"{english} {rest}"
    return f"{english} {country}" if country else None


@cache
def vietnamese_words() -> frozenset[str]:
    """The words of several syllables underthesea's word segmenter knows ("trung lập"), lower case.

    Read from the segmenter's own data; empty when a release ships it elsewhere."""
    import underthesea

    found = sorted(Path(underthesea.__file__).parent.glob("pipeline/word_tokenize/models/*/dictionary.bin"))
    if not found:
        return frozenset()
    with open(found[-1], "rb") as data:
        words = pickle.load(data)  # a set of str, written by underthesea itself
    return frozenset(w for w in words if isinstance(w, str) and " " in w)


def one_word(first: str, second: str) -> bool:
    """Whether two syllables, in any case, are one word the segmenter knows ("Kênh" "đào", "trung" "lập")."""
    return f"{first} {second}".lower() in vietnamese_words()


def _add_short_forms(found: list[_SentenceNames], cues: _Cues, short: Mapping[str, str]) -> None:
    """A country the article names in full, named again by one word of its name after a word for troops
    or a side ("quân Thổ" once "Thổ Nhĩ Kỳ" is told; "liên quân Trung – Triều"): the first or last word
    of its name, when no other country named in the article shares that word."""
    if not short:
        return
    words = "|".join(re.escape(word) for word in sorted(short, key=len, reverse=True))
    form = re.compile(rf"(?<!\w)({words})(?!\w)(?! [A-ZĐ])")
    for item in found:
        text = item.sentence.text
        taken = [(n.begin, n.end) for n in item.names] + item.blocked
        for match in form.finditer(text):
            begin, end = match.span()
            if any(b < end and begin < e for b, e in taken) or not cues.short_form_before.search(text, 0, begin):
                continue
            following = re.match(r"\s+(\w+)", text[end:])
            if following and one_word(match.group(1), following.group(1)):
                continue  # the start of a word ("quân Trung lập": the neutralists)
            item.names.append(_Name(begin, end, match.group(1), short[match.group(1)], "Country",
                                    cues.confidence["cue"]))
            taken.append((begin, end))
        item.names.sort(key=lambda n: n.begin)


def _ends_a_foreign_name(text: str, begin: int, gazetteer: Gazetteer, cues: _Cues) -> bool:
    """A known country right after a capitalised foreign word ("Pathét Lào"): the end of a longer name.

    Not after the sentence's first word ("Quân Nga"), a word spelled the Vietnamese way, a title or a
    word that is never a name."""
    before = re.search(r"(?:^|(?<=\s))(\w[\w'-]*) $", text[:begin])
    if before is None or before.start(1) == 0 or text[:before.start(1)].rstrip()[-1:] in ".:;\"“(":
        return False
    word = before.group(1)
    return (word[:1].isupper() and not _is_vietnamese_syllable(word, cues) and word not in cues.never_names
            and word not in cues.role_titles and word not in gazetteer.surface_forms
            and word not in cues.direction_prefixes)


def _ends_a_longer_name(text: str, begin: int, cues: _Cues, names: list[_Name]) -> bool:
    """A capitalised word right before ``begin`` that is no title, sentence opener or name of its own
    ("thủ lĩnh RUF Sankoh"): the word at ``begin`` ends a longer name."""
    before = re.search(r"(\w+) $", text[:begin])
    if before is None or not before.group(1)[:1].isupper():
        return False
    word = before.group(1)
    return not (word in cues.never_names or word in cues.not_name_heads or word in cues.role_titles
                or _cue_before(text, begin, cues.person_before)
                or any(n.begin <= before.start(1) < n.end for n in names))


def _add_surnames(found: list[_SentenceNames], owners: Mapping[str, list[tuple[_Position, str]]],
                  gazetteer: Gazetteer, cues: _Cues, confidence: float) -> None:
    """Mentions of persons by surname alone; a discovered name of the same span gives way to them."""
    # A word the article names as a place by its own words ("thành phố Huế") is that place wherever it
    # stands alone, though a person's name ends with it ("Trần Ngọc Huế").
    placed = {n.text for item in found for n in item.names if n.kind == "Place" and not n.by_data
              and n.confidence != cues.confidence["coordination"]}
    # "Ossetian" once "South Ossetia" is told is an adjective, whatever name ends with it.
    countries = _named_countries(found, gazetteer)
    owners = {form: told for form, told in owners.items() if form not in placed and (
        form in cues.demonym_countries or _adjective_country(form, countries, cues, of_last_word=True) is None)}
    if not owners:
        return
    matcher = SurfaceMatcher(owners)
    for index, item in enumerate(found):
        for begin, end, form in matcher.find(item.sentence.text):
            following = item.sentence.text[end:end + 2]
            if following[:1] == " " and following[1:].isupper():
                continue  # part of a longer name ("Vladimir Shumeiko" is not Vladimir Kazimirov)
            if _ends_a_longer_name(item.sentence.text, begin, cues, item.names):
                continue  # "Thăng Long" is no Càn Long, "Mê Kông" no Kông Lê
            slug = _owner(owners[form], (index, begin))
            clash = [n for n in item.names if n.begin < end and begin < n.end]
            if slug is None or any(n.slug in gazetteer or (n.begin, n.end) != (begin, end)
                                   or (n.kind not in (None, "Person") and not n.by_data
                                       and n.confidence != cues.confidence["coordination"]) for n in clash):
                continue  # a known name, a longer one, or a place or body its own words say it is stays
                # (a list neighbour's kind, "tại Odessa, Lucinschi và Smirnov", gives way)
            item.names = [n for n in item.names if n not in clash]
            item.names.append(_Name(begin, end, form, slug, "Person", confidence))


def find_entities(document: Document, gazetteer: Gazetteer | None = None) -> tuple[list[Entity], list[Mention]]:
    """Entities named in the document (one per slug) and every mention, with document offsets."""
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
    cues = _cues(document.language)
    found = [_known_names(s, gazetteer, cues) for s in document.sentences]
    # The short forms of the countries the article names in full (the names it adds are of those same
    # countries, so discovery below uses the same table).
    short = _short_forms(found, gazetteer, cues, document.language)
    _add_short_forms(found, cues, short)
    _add_surnames(found, _surname_owners(found, gazetteer, cues), gazetteer, cues, cues.confidence["cue"])
    discovered = _discover(found, gazetteer, cues, _place_resolver(found, gazetteer, cues), short)
    _add_told_elsewhere(found, gazetteer, cues)
    _add_short_bodies(found, gazetteer, cues)
    _add_surnames(found, _surname_owners(found, gazetteer, cues, discovered), gazetteer, cues,
                  cues.confidence["coordination"])
    return _records(document, found, gazetteer, discovered)


def _add_told_elsewhere(found: list[_SentenceNames], gazetteer: Gazetteer, cues: _Cues) -> None:
    """A name discovered in one sentence is the same name wherever the article writes it again, though
    nothing there marks it as a name ("đánh chiếm Thăng Long" once "khỏi Thăng Long" is told): names of
    several words, or one foreign word. A shorter discovered name inside it gives way ("Long")."""
    told: dict[str, _Name] = {}
    for item in found:
        for name in item.names:
            if name.slug is None or name.slug in gazetteer or name.kind not in ("Person", "Place", "Organization"):
                continue
            words = name.text.split()
            if len(words) >= 2 or (len(name.text) >= 4 and not _is_vietnamese_syllable(name.text, cues)):
                told.setdefault(name.text, name)
    _name_again(found, told, gazetteer, cues, opens_longer=lambda form: True,
                same=lambda name, begin, end, source: (name.begin, name.end) == (begin, end), blocked=True)


def _add_short_bodies(found: list[_SentenceNames], gazetteer: Gazetteer, cues: _Cues) -> None:
    """A body named by a head and a name ("nghĩa quân Lam Sơn") wherever the article names it short:
    by the head alone ("nghĩa quân") or by a troop word and the name ("quân Lam Sơn"). Only when the
    article names a single body with that head; a known name there stays."""
    bodies: dict[str, dict[str, _Name]] = {}
    for item in found:
        for name in item.names:
            if name.kind != "Organization" or name.slug is None or name.slug in gazetteer:
                continue
            for head in cues.short_body_heads:
                if head in (name.text[:len(head)], name.text[:1].lower() + name.text[1:len(head)]) \
                        and name.text[len(head):len(head) + 1] == " ":
                    bodies.setdefault(head, {}).setdefault(name.slug, name)
    forms: dict[str, _Name] = {}
    for head, named in bodies.items():
        if len(named) != 1:
            continue
        (body,) = named.values()
        forms[head] = body
        forms.update({f"{troop} {body.text[len(head) + 1:]}": body for troop in cues.short_body_troops})
    _name_again(found, forms, gazetteer, cues, opens_longer=lambda form: form in cues.short_body_heads,
                same=lambda name, begin, end, source: name.slug == source.slug, blocked=False)


def _name_again(found: list[_SentenceNames], forms: Mapping[str, _Name], gazetteer: Gazetteer, cues: _Cues, *,
                opens_longer: Callable[[str], bool], same: Callable[[_Name, int, int, _Name], bool],
                blocked: bool) -> None:
    """Every place a sentence writes one of ``forms`` is a mention of the name it stands for, where that
    form is not the start of a longer capitalised name (``opens_longer`` says which forms may be), and
    replaces the names inside it, unless one there is known, runs out of it, or is ``same`` already;
    with ``blocked``, not where the sentence blocks names."""
    if not forms:
        return
    matcher = SurfaceMatcher(forms)
    for item in found:
        text = item.sentence.text
        for begin, end, form in matcher.find(text):
            if opens_longer(form) and text[end:end + 2][:1] == " " and text[end + 1:end + 2].isupper():
                continue  # the start of a longer name
            source = forms[form]
            clash = [n for n in item.names if n.begin < end and begin < n.end]
            if any(n.slug in gazetteer or not (begin <= n.begin and n.end <= end) or same(n, begin, end, source)
                   for n in clash) or (blocked and any(b < end and begin < e for b, e in item.blocked)):
                continue
            item.names = [n for n in item.names if n not in clash]
            item.names.append(_Name(begin, end, text[begin:end], source.slug, source.kind,
                                    cues.confidence["coordination"]))
        item.names.sort(key=lambda n: n.begin)


def _place_resolver(found: list[_SentenceNames], gazetteer: Gazetteer, cues: _Cues) -> PlaceResolver:
    """What a name means in the world data, read in this article: its countries, most named first.

    A name with a place cue may be any place of the article's countries or a large one elsewhere;
    a name with no cue must be one of those (or large), and a single Vietnamese syllable must lie in them.
    """
    named = Counter(gazetteer[n.slug].iso for item in found for n in item.names
                    if n.slug in gazetteer and gazetteer[n.slug].iso)
    countries = [code for code, _ in named.most_common()]
    index = place_index()

    def resolve(form: str, cued: bool) -> WorldPlace | None:
        if form in gazetteer.surface_forms:
            return None  # a known name read as something else ("người Armenia": the people)
        if cued:
            # A foreign city's other name ("Alger"); a Vietnamese one may be a place's old name ("Thăng Long").
            vietnamese = any(_is_vietnamese_word(word, cues) for word in form.split())
            return index.best(form, countries, min_population=cues.world_min_population,
                              exonym_min_population=None if vietnamese else cues.world_exonym_min_population)
        if len(form.split()) == 1 and _is_vietnamese_word(form, cues):
            return index.best(form, countries, min_population=10 ** 12)
        # With no cue, a place's other names count only in the article's countries and for names of
        # several words ("Bình Nhưỡng"); a single word must be the place's own name ("Zod" is not Sotk).
        return index.best(form, countries, min_population=cues.world_min_population,
                          own_name=len(form.split()) == 1)

    return resolve


@dataclass(frozen=True)
class _Discovered:
    """A discovered entity: its kind and, for a place the world data knows, that place."""

    kind: str
    place: WorldPlace | None = None
    english: str | None = None


def _named_countries(found: list[_SentenceNames], gazetteer: Gazetteer) -> dict[str, str]:
    """Each name of a country the article writes -> that country (what adjectives are derived from)."""
    return {n.text: n.slug for item in found for n in item.names
            if n.slug in gazetteer and gazetteer[n.slug].kind == "Country"}


def _discover(found: list[_SentenceNames], gazetteer: Gazetteer, cues: _Cues,
              resolve: PlaceResolver, short: Mapping[str, str]) -> dict[str, _Discovered]:
    """Find and classify unknown proper nouns; returns slug -> kind (and place) of every discovered entity."""
    countries = _named_countries(found, gazetteer)
    for item in found:
        text = item.sentence.text
        tokens = _tokens(text, cues.language)
        bodies = _organisation_names(text, tokens, item.names, cues)
        bodies += _names_by_last_word(text, tokens, item.names, bodies, cues)
        bodies += _initialled_bodies(text, item.names, bodies, cues)
        # A known name inside a body's name ("Liên Hợp Quốc" in "Bộ Chỉ huy Liên Hợp Quốc") is part of it;
        # its entity is still the article's (the country a body acts for).
        inside = [n for n in item.names if any(b.begin <= n.begin < b.end for b in bodies)]
        item.implied.extend(n.slug for n in inside if n.slug is not None)
        item.names = [n for n in item.names if n not in inside]
        covered = [(n.begin, n.end) for n in item.names + bodies] + item.blocked
        vietnamese = bodies + _vietnamese_names(text, tokens, covered, item.names, gazetteer, cues, resolve)
        vietnamese += _acronyms(text, covered + [(n.begin, n.end) for n in vietnamese], cues)
        item.names.extend(vietnamese)
        covered += [(n.begin, n.end) for n in vietnamese]
        spans = _proper_noun_spans(tokens, text)
        # Capitalised foreign words the tagger did not take for proper nouns ("chiếm Knin") are names too.
        spans += [(run[0][0], run[-1][1]) for run in _capitalised_runs(text, covered, _glues(cues.language))
                  if not any(b <= run[0][0] < e for b, e in spans) and run[0][0] > 0
                  and not _inside_a_word(tokens, run[0][0], run[-1][1], cues.name_particles)]
        # "Secretary of State William P. Rogers": a title of several words is no part of the name after it.
        titles = [(b, e) for b, e, form in cues.person_before.find(text) if " " in form]
        for span in _joined_spans(text, spans, cues):
            # A country's adjective alone ("with Libyan air support") is no name of its own, nor is a
            # language after the word for one ("tiếng Anh: …").
            pieces = [(b, e) for b, e in _name_pieces(text, span, covered + titles, cues)
                      if text[b:e] not in cues.demonym_countries
                      and not (cues.language_word and text[:b].endswith(cues.language_word))]
            pieces = [piece for b, e in pieces for piece in _owner_adjective_apart(text, b, e, countries, cues)]
            for b, e in list(pieces):
                country = _derived_adjective(text, b, e, countries, cues) or _people_of(text[b:e], gazetteer, cues)
                if country is not None:
                    pieces.remove((b, e))
                    item.names.append(_Name(b, e, text[b:e], country, "Country", cues.confidence["cue"]))
            numbered = []
            for b, e in pieces:
                number = _NUMBER_AFTER.match(text, e)
                if number is not None and text[b:e].rsplit(" ", 1)[-1] in cues.numbered_place_heads:
                    # "Point 5140": the number is part of the place's name
                    numbered.append(_Name(b, number.end(), text[b:number.end()], kind="Place",
                                          confidence=cues.confidence["cue"]))
            pieces = [(b, e) for b, e in pieces if not any(n.begin == b for n in numbered)]
            item.names.extend(numbered)
            item.names.extend(_Name(b, e, text[b:e]) for b, e in pieces)
            covered += pieces
        item.names.sort(key=lambda n: n.begin)
        for name in item.names:
            if name.slug is None and name.english is None:
                name.english = _english_in_brackets(text, name, cues)
            directed = _directed_country(name, gazetteer, cues, short) if name.slug is None else None
            if directed is not None:
                name.english, name.kind, name.confidence = directed, "Country", cues.confidence["cue"]
            if name.slug is None and name.kind is None:
                name.alias_of = _alias_target(text, name, item.names, cues) or next(
                    (b for b in bodies if b.brackets and b.brackets[0] <= name.begin < b.brackets[1]), None)
                if name.alias_of is None:
                    _classify(text, name, item.names, gazetteer, cues, resolve)
        item.names = [part for name in item.names for part in _jurisdiction_split(name, cues, resolve)]
    facilities: dict[str, _Discovered] = {}
    for item in found:
        for name in item.names:
            if name.slug is None and name.kind == "Place" and name.english is None:
                # "Dải Gaza" is the Gaza Strip, not the city of Gaza the world data knows.
                name.english = _feature_name(item.sentence.text, name, cues.feature_english)
                if name.english is not None:
                    name.place = None
            _as_facility(item.sentence.text, name, gazetteer, cues, facilities)
    changed = True
    while changed:  # a kind spreads along a list: "Zangilan, Vejnəli, và Barda"
        changed = False
        for item in found:
            for name in item.names:
                if name.slug is None and name.alias_of is None and name.kind is None:
                    name.kind = _neighbour_kind(item.sentence.text, name, item.names, cues)
                    name.confidence = cues.confidence["coordination"]
                    changed = changed or name.kind is not None
    for item in found:  # last resort: a name of several words with no cue at all is a person
        for name in item.names:
            if name.slug is None and name.alias_of is None and name.kind is None \
                    and len(name.text.split()) >= cues.bare_person_min_words:
                name.kind, name.confidence = "Person", cues.confidence["bare"]
    # One kind per discovered slug: the name may have a cue in one sentence and none in another.
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    cued: dict[str, Counter[str]] = defaultdict(Counter)  # the votes of names their words classify
    known: dict[str, Counter[str]] = defaultdict(Counter)  # ... and of names the world data knows
    places: dict[str, WorldPlace] = {}
    english: dict[str, str] = {}
    abbreviations: dict[str, str] = {}  # "GAM" -> the text slug of the body it abbreviates
    for item in found:
        for name in item.names:
            if name.slug is None and name.alias_of is None and name.kind is not None:
                votes[slugify(name.text)][name.kind] += 1
                if name.confidence > cues.confidence["bare"]:  # a title outweighs a list neighbour
                    (known if name.by_data else cued)[slugify(name.text)][name.kind] += name.confidence
                if name.place is not None:
                    places.setdefault(slugify(name.text), name.place)
                if name.english:
                    english.setdefault(slugify(name.text), name.english)
                elif cues.foreign_abbreviation_names and name.kind == "Organization":
                    foreign = next((a for a in name.aliases if not _spells_initials(a, name.text)), None)
                    if foreign is not None:
                        english.setdefault(slugify(name.text), foreign)
                for alias in name.aliases:
                    abbreviations.setdefault(alias, slugify(name.text))
    own_forces = _abbreviated_forces(found, cues)
    for item in found:  # an abbreviation told in brackets after a body's name names that body
        for name in item.names:
            if name.slug is None and name.text in abbreviations and name.kind == "Organization":
                name.text_slug = abbreviations[name.text]
            elif name.slug is None and name.text in own_forces and name.kind == "Organization":
                name.slug, name.kind = own_forces[name.text], "Country"
    # The world data knowing a place of that name weighs like a cue, except against a person's title:
    # "Hồ Chí Minh" is also a city's name, but "Chủ tịch Hồ Chí Minh" is the man.
    for slug, counter in known.items():
        if "Person" not in cued.get(slug, ()):
            cued[slug].update(counter)
    # A name a cue classifies somewhere takes that kind; a bare guess counts only for names no cue classifies.
    kinds = {slug: (cued.get(slug) or counter).most_common(1)[0][0] for slug, counter in votes.items()}
    for item in found:
        for name in item.names:
            _as_body_in_the_singular(item.sentence.text, name, kinds, cues)
    discovered: dict[str, _Discovered] = dict(facilities)
    for item in found:
        item.names = _resolved(item.names, kinds, places, english, gazetteer, cues, discovered)
    return discovered


def _abbreviated_forces(found: list[_SentenceNames], cues: _Cues) -> dict[str, str]:
    """Abbreviations in brackets after a country's own forces, named by a head and the country alone
    ("Quân đội Croatia (HV)") -> that country: they stand for it, as the name does."""
    forces: dict[str, str] = {}
    heads = SurfaceMatcher(cues.organization_heads)
    for item in found:
        text = item.sentence.text
        for name in item.names:
            if name.kind == "Country" and name.slug is not None and _cue_before(text, name.begin, heads):
                for abbreviation in bracketed_names(text, name.end)[1]:
                    forces.setdefault(abbreviation, name.slug)
    return forces


def _spells_initials(abbreviation: str, words: str) -> bool:
    """Whether the abbreviation's letters are initials of the words, in order (small words may be left
    out): "QĐNDVN" of "Quân đội nhân dân Việt Nam", not "MNLA" of "Phong trào Quốc gia Giải phóng Azawad"."""
    initials = iter(w[0].upper() for w in re.findall(r"\w+", words))
    return all(letter in initials for letter in abbreviation.replace("-", ""))


def _as_body_in_the_singular(text: str, name: _Name, kinds: Mapping[str, str], cues: _Cues) -> None:
    """"Houthi fighters" where the article names "the Houthis": a single word no cue classified, before a
    word for forces, whose plural is a body the article names, stands for that body."""
    if name.slug is not None or name.alias_of is not None or name.kind not in (None, "Organization") \
            or " " in name.text or cues.adjective_heads is None or not cues.adjective_heads.match(text, name.end):
        return
    for ending in cues.body_plural_endings:
        plural = slugify(name.text + ending)
        if kinds.get(plural) == "Organization":
            name.text_slug = plural
            return


_NUMBER_AFTER = re.compile(r" \d{1,5}(?![\d,.]\d)\b")


def _derived_adjective(text: str, begin: int, end: int, countries: Mapping[str, str], cues: _Cues) -> str | None:
    """The country whose adjective the name at ``begin:end`` is (``_adjective_country``), when it stands
    as a side: before a word for forces or a state ("Abkhaz forces"), or as a people after "the" ("fell
    to the Abkhaz")."""
    if cues.adjective_heads is None or text[begin:end] in countries:
        return None
    if not (cues.adjective_heads.match(text, end) or (text[:begin].endswith(("the ", "The "))
                                                         and not text[end:end + 2].strip()[:1].isupper())):
        return None
    return _adjective_country(text[begin:end], countries, cues)


def _adjective_country(words: str, countries: Mapping[str, str], cues: _Cues, *,
                       of_last_word: bool = False) -> str | None:
    """The country ``words`` are the adjective of, when the language's endings derive it from a name the
    article gives ("Abkhaz" from "Abkhazia", "Transnistrian" from "Transnistria", "South Ossetian" from
    "South Ossetia": the words before the last kept as they are); ``of_last_word``: or of its last word
    alone ("Ossetian")."""
    head, _, word = words.rpartition(" ")
    for name, slug in countries.items():
        name_head, _, last = name.rpartition(" ")
        if name_head != head and not (of_last_word and not head):
            continue
        for adjective in cues.adjective_endings:
            if not word.endswith(adjective):
                continue
            stem = word[:len(word) - len(adjective)]
            if len(stem) >= 4 and any(last == stem + ending for ending in cues.country_name_endings):
                return slug
    return None


def _jurisdiction_split(name: _Name, cues: _Cues, resolve: PlaceResolver) -> list[_Name]:
    """"thị trưởng Sievierodonetsk Oleksandr Striuk": a title's place, then the person holding it. A
    person's name of three words or more after a title whose first word (or two) the world data knows as
    a place is split into that place and a person of two words or more."""
    words = list(re.finditer(r"\S+", name.text))
    if name.kind != "Person" or name.slug is not None or name.confidence != cues.confidence["cue"] or len(words) < 3:
        return [name]
    # "Chủ tịch Hồ Chí Minh": a Vietnamese full name opening with a family name is one person, though
    # its first syllable may name a place too.
    if words[0].group() in cues.family_names and len(words) <= cues.family_name_words[1]:
        return [name]
    for count in (1, 2):
        if len(words) - count < 2:
            break
        head = name.text[:words[count - 1].end()]
        place = resolve(head, True)
        if place is not None:
            rest = words[count].start()
            return [_Name(name.begin, name.begin + len(head), head, kind="Place", confidence=cues.confidence["cue"],
                          place=place),
                    _Name(name.begin + rest, name.end, name.text[rest:], kind="Person", confidence=name.confidence)]
    return [name]


def _feature_name(text: str, name: _Name, features: Mapping[str, str]) -> str | None:
    """"Faw Peninsula" for "bán đảo Faw": the English name of a feature the word before it names, or
    that opens the name itself ("Dải Gaza": the Gaza Strip)."""
    before = next((f"{name.text} {english}" for _, english in _feature_before(text, name, features)), None)
    if before is not None:
        return before
    lowered = name.text[:1].lower() + name.text[1:]
    return next((f"{name.text[len(words) + 1:]} {english}" for words, english in
                 sorted(features.items(), key=lambda item: len(item[0]), reverse=True)
                 if english and lowered.startswith(words + " ") and len(name.text) > len(words) + 1), None)


def _feature_before(text: str, name: _Name, features: Mapping[str, str]) -> Iterator[tuple[int, str]]:
    """Where each feature word right before the name begins, with its English word, longest first."""
    head = text[:name.begin].rstrip()
    folded = head.lower()
    for words in sorted(features, key=len, reverse=True):
        if folded.endswith(words) and (len(head) == len(words) or not head[-len(words) - 1].isalnum()):
            yield len(head) - len(words), features[words]


def _as_facility(text: str, name: _Name, gazetteer: Gazetteer, cues: _Cues,
                 facilities: dict[str, _Discovered]) -> None:
    """"sân bay quốc tế Donetsk": a place name after a facility word names the facility, a place of its
    own: the mention takes in the words and the slug is its English name (Donetsk International Airport),
    whatever the world data or the gazetteer knows of the town it is named after."""
    if name.alias_of is not None or (name.kind not in (None, "Place") and name.slug is None) \
            or (name.slug is not None and (name.slug not in gazetteer or gazetteer[name.slug].kind != "Place")):
        return
    begin, english = next(_feature_before(text, name, cues.facility_english), (-1, ""))
    if begin < 0:
        _as_facility_after(text, name, gazetteer, cues, facilities)
        return
    # A facility word with no English one ("nhà lao Thừa Phủ": a prison) names the place as written.
    full = f"{name.text} {english}" if english else text[begin:name.end]
    _take_facility(text, name, begin, name.end, full, full if english else None, gazetteer, cues, facilities)


def _as_facility_after(text: str, name: _Name, gazetteer: Gazetteer, cues: _Cues,
                       facilities: dict[str, _Discovered]) -> None:
    """"Hodeidah airport", "the Prisi heights": a lower-case facility word right after the name makes one
    place of them, written the way English writes such a name (Hodeidah Airport)."""
    for word in cues.facility_after:
        end = name.end + 1 + len(word)
        if text[name.end:end] == " " + word and not text[end:end + 1].isalnum():
            full = f"{name.text} {word.title()}"
            _take_facility(text, name, name.begin, end, full, full, gazetteer, cues, facilities)
            return


def _take_facility(text: str, name: _Name, begin: int, end: int, full: str, english: str | None,
                   gazetteer: Gazetteer, cues: _Cues, facilities: dict[str, _Discovered]) -> None:
    """The name becomes the facility ``text[begin:end]``, a place of its own slugged by ``full``."""
    name.begin, name.end, name.text = begin, end, text[begin:end]
    name.slug, name.kind, name.place, name.confidence = slugify(full), "Place", None, cues.confidence["cue"]
    if name.slug not in gazetteer:
        facilities.setdefault(name.slug, _Discovered("Place", None, english))


def _resolved(names: list[_Name], kinds: Mapping[str, str], places: Mapping[str, WorldPlace],
              english: Mapping[str, str], gazetteer: Gazetteer, cues: _Cues,
              discovered: dict[str, _Discovered]) -> list[_Name]:
    """Names with slugs: discovered ones by their kind, a known place by its world name and a body by
    its English name (the same IRI in every language), abbreviations and bracketed aliases as the name
    they stand for. Fills ``discovered``."""
    for name in names:
        text_slug = name.text_slug or slugify(name.text)
        if name.slug is None and name.alias_of is None and text_slug in kinds:
            kind, place = kinds[text_slug], places.get(text_slug)
            if kind == "Place" and place is not None and text_slug not in english:
                # A large place, or one written the Vietnamese way ("Hà Nội"), takes the world data's
                # name, so both spellings meet; a small one written as the world writes it keeps that.
                as_written = place.population < cues.world_name_min_population and not any(
                    _is_vietnamese_word(word, cues) for word in name.text.split())
                name.slug = text_slug if as_written else slugify(place.name)
            elif text_slug in english:
                name.slug = slugify(english[text_slug])
            else:
                name.slug = text_slug
            name.kind = gazetteer[name.slug].kind if name.slug in gazetteer else kind
            name.confidence = name.confidence or cues.confidence["bare"]
            if name.slug not in gazetteer:
                discovered.setdefault(name.slug, _Discovered(kind, place if kind == "Place" else None,
                                                             english.get(text_slug)))
    for name in names:
        target = name.alias_of
        if name.slug is None and target is not None and target.slug is not None:
            name.slug, name.kind = target.slug, target.kind
            target.aliases.append(name.text)
    return [n for n in names if n.slug is not None]


def _records(document: Document, found: list[_SentenceNames], gazetteer: Gazetteer,
             discovered: Mapping[str, _Discovered]) -> tuple[list[Entity], list[Mention]]:
    """Mentions in document order and one entity per slug (gazetteer entry or discovered name)."""
    mentions: list[Mention] = []
    first_label: dict[str, str] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    for item in found:
        offset = item.sentence.begin
        for name in sorted(item.names, key=lambda n: n.begin):
            assert name.slug is not None
            mentions.append(Mention(name.slug, offset + name.begin, offset + name.end, item.sentence.index,
                                    item.sentence.text[name.begin:name.end]))
            first_label.setdefault(name.slug, name.text)
            aliases[name.slug].extend(a for a in name.aliases if a not in aliases[name.slug])
    for item in found:
        for slug in item.implied:
            first_label.setdefault(slug, slug)
    entities: list[Entity] = []
    for slug, label in first_label.items():
        if slug in gazetteer:
            entities.append(gazetteer[slug].to_entity())
        else:
            alt = tuple((document.language, a) for a in aliases[slug] if a != label)
            found_as = discovered[slug]
            place = found_as.place
            if place is None:
                labels = ((document.language, label),)
                if found_as.english and found_as.english != label and document.language != "en":
                    labels += (("en", found_as.english),)
                entities.append(Entity(slug, found_as.kind, labels, alt, known=False))
                continue
            labels = ((document.language, label),) if place.name == label or document.language == "en" \
                else ((document.language, label), ("en", place.name))
            entities.append(Entity(slug, "Place", labels, alt, known=False, geonames=place.geonames,
                                   latitude=place.latitude, longitude=place.longitude))
    return entities, mentions
