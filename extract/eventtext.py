"""What the event extractors share: an article seen sentence by sentence, lists of names, anaphors.

The extractors (``agreements``, ``captures``, ``transfers``) turn cue matches into
``EventMention`` records: one per event told in one sentence, carrying ``Claim``s (candidate
facts with their span and confidence). ``events.py`` merges mentions into events. The words and
patterns come from ``extract/data/{language}/events.toml``; nothing here knows a language.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from extract.dates import find_dates, is_aside
from extract.gazetteer import Gazetteer
from extract.langdata import load_language_data
from extract.model import DateValue, Document, Entity, Mention, Sentence, TextValue

# Roles of an event mention (how events.py uses it).
NEW = "new"  # tells an event: merge it with the same event told elsewhere, or start one
ATTACH = "attach"  # adds facts to an event told before ("Nghị định thư này do A và B ký")
ATTACH_PREVIOUS = "attach-previous"  # adds facts to the agreement of the sentence before
REFERENCE = "reference"  # only mentions an event told elsewhere: links the sentence, no facts

_PARENTHETICAL = re.compile(r"\([^()]*\)")
_WORD = re.compile(r"\w+")
_CLAUSE_END = re.compile(r"[,;]")


@dataclass(frozen=True)
class Claim:
    """A candidate fact read in one sentence: predicate, object, span, confidence."""

    predicate: str
    object: str | DateValue | TextValue
    begin: int
    end: int
    confidence: float


@dataclass
class EventMention:
    """One event as one sentence tells it."""

    kind: str
    sentence: int
    begin: int  # the cue or trigger span
    end: int
    role: str
    claims: list[Claim] = field(default_factory=list)
    # A generic-kind trigger that names one kind of its own ("hiệp định hòa bình"): it merges only with its kind.
    specific: bool = False
    # A side admits a capture ("B xác nhận ... đã chiếm được X"): it confirms a claim told before.
    confirms: bool = False
    # The proper name the agreement's trigger gives it ("Karachi" of "Hiệp định Karachi"): two
    # tellings with different names are two agreements.
    name: str | None = None
    # "một hiệp ước" (a treaty): told as a new document, never "the document" told just before.
    indefinite: bool = False

    def values(self, predicate: str) -> list[str | DateValue | TextValue]:
        """Objects claimed for ``predicate``, in order."""
        return [claim.object for claim in self.claims if claim.predicate == predicate]

    def first(self, predicate: str) -> str | DateValue | TextValue | None:
        """The first object claimed for ``predicate``, or None."""
        values = self.values(predicate)
        return values[0] if values else None


@dataclass(frozen=True)
class Token:
    """A name in a sentence: a mention, or an anaphor standing for places told before."""

    begin: int
    end: int
    slugs: tuple[str, ...]
    kind: str
    anaphoric: bool = False


@dataclass(frozen=True)
class ListItem:
    """A name read from a list, with the date written right after it, if any."""

    token: Token
    date: DateValue | None = None


@cache
def event_words(language: str) -> dict[str, Any]:
    """The parsed ``events.toml`` of ``language``."""
    return load_language_data(language, "events")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def pattern(text: str) -> re.Pattern[str]:
    """A compiled regular expression from the event data (cached)."""
    return _compiled(text)


def _syntax(regex: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth) of each character of ``regex`` that is syntax: escapes and the insides
    of character classes skipped; ``depth`` counts the groups open before the character."""
    depth, i, in_class = 0, 0, False
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]" or regex[i - 1] == "[" or regex[i - 2:i] == "[^"  # "[]…]", "[^]…]"
        elif char == "[":
            in_class = True
            if regex[i + 1:i + 2] == "^":
                i += 1
        else:
            yield i, char, depth
            depth += (char == "(") - (char == ")")
        i += 1


def _group_end(regex: str) -> int | None:
    """Where the group that opens ``regex`` closes (the index after its ``)``); None when it does not."""
    return next((i + 1 for i, char, depth in _syntax(regex) if char == ")" and depth == 1), None)


@cache
def _remainder(text: str) -> re.Pattern[str] | None:
    """For a cue that opens with its list (``(?P<list>.+?)\\s+ký``), the rest of it: where the whole
    matches, the rest matches where the list ends, so a sentence the rest never matches in has no
    match, and the search for the rest is linear where the whole, tried at every start, is not."""
    if not text.startswith("(?P<list>") or "(?P=list)" in text:
        return None
    end = _group_end(text)
    if end is None or end == len(text) or text[end] in "*+?{|":
        return None
    rest = text[end:]
    if _top_level_alternation(rest):
        return None
    return _compiled(rest)


def _top_level_alternation(regex: str) -> bool:
    """Whether ``regex`` has a ``|`` outside every group (then its first branch alone is not what
    follows the list)."""
    return any(char == "|" and depth == 0 for _, char, depth in _syntax(regex))


def _cue_matches(regex: re.Pattern[str], text: str, begin: int, end: int) -> list[re.Match[str]]:
    """Every match of a cue in ``text[begin:end]``. A cue whose list runs on after it ("under the
    auspices of X, and witnessed by Y and Z") is searched again from where its list starts, so a cue
    inside that list is found too."""
    found: list[re.Match[str]] = []
    position = begin
    forward = "list" in regex.groupindex
    while position <= end and (match := regex.search(text, position, end)) is not None:
        found.append(match)
        following = match.end()
        if forward and match.start("list") > match.start():
            following = match.start("list")
        position = max(following, match.start() + 1)
    return found


class ArticleView:
    """An article as the event extractors read it: body sentences with their names and dates."""

    def __init__(self, document: Document, entities: list[Entity], mentions: list[Mention],
                 gazetteer: Gazetteer | None = None, main_conflict: str | None = None) -> None:
        self.document = document
        self.main_conflict = main_conflict
        self.text = document.text
        self.words = event_words(document.language)
        self.numbers: dict[str, int] = load_language_data(document.language, "words")["numbers"]
        self.gazetteer = gazetteer or Gazetteer.load()
        self.entities = {entity.slug: entity for entity in entities}
        self.sentences = [s for s in document.sentences if s.paragraph is not None]
        self._by_index = {s.index: s for s in self.sentences}
        self._mentions: dict[int, list[Mention]] = {}
        for mention in sorted(mentions, key=lambda m: m.begin):
            if mention.entity in self.entities:
                self._mentions.setdefault(mention.sentence, []).append(mention)
        self._matches: dict[tuple[str, int, int], list[re.Match[str]]] = {}
        self._dates = self._read_dates()
        self._date_starts = [date.begin for date in self._dates]

    def _read_dates(self) -> list[DateValue]:
        """Dates of the body, a yearless day taking the year the story is in (the last one told), and a
        relative day opening a paragraph the day told last before it."""
        dates: list[DateValue] = []
        year: int | None = None
        day: dt.date | None = None  # the last day told: "Ngày hôm sau" opening the next paragraph
        period: tuple[dt.date, dt.date] | None = None  # the first and last day the lead gives, once read
        for paragraph in self.document.paragraphs:
            found = find_dates(self.text, paragraph.begin, paragraph.end, default_year=year, default_day=day,
                               language=self.document.language, period=period)
            if paragraph is self.document.paragraphs[0]:
                lead = sorted(dt.date.fromisoformat(d.lexical[:10]) for d in found
                              if d.datatype in ("date", "dateTime"))
                period = (lead[0], lead[-1]) if len(lead) >= 2 and lead[0] < lead[-1] else None
            dates.extend(found)
            full = [d for d in found if d.datatype in ("date", "dateTime", "gYearMonth")
                    and not is_aside(self.text, d.begin, self.document.language, paragraph.begin)]
            if full:
                year = int(full[-1].lexical[:4])
            days = [d for d in found if d.datatype in ("date", "dateTime")]
            if days:
                day = dt.date.fromisoformat(days[-1].lexical[:10])
        return dates

    def previous_sentence(self, sentence: Sentence) -> Sentence | None:
        """The body sentence right before ``sentence`` in its paragraph, if any."""
        previous = self._by_index.get(sentence.index - 1)
        return previous if previous is not None and previous.paragraph == sentence.paragraph else None

    def cue_matches(self, table: str) -> Iterator[tuple[Sentence, re.Match[str], dict[str, Any]]]:
        """(sentence, match, rule) for every match of the cues of ``table``, in document order."""
        for sentence in self.sentences:
            for rule in self.words[table]:
                for match in self.matches(rule["regex"], sentence):
                    yield sentence, match, rule

    def matches(self, regex: str, sentence: Sentence) -> list[re.Match[str]]:
        """The matches of a cue's ``regex`` in ``sentence``, found once an article: several extractors
        ask for the same cues, and a cue that opens with its list costs time quadratic in the sentence."""
        key = (regex, sentence.begin, sentence.end)
        found = self._matches.get(key)
        if found is None:
            rest = _remainder(regex)
            if rest is not None and rest.search(self.text, sentence.begin, sentence.end) is None:
                found = []
            else:
                found = _cue_matches(pattern(regex), self.text, sentence.begin, sentence.end)
            self._matches[key] = found
        return found

    def territory_mentions(self, kind: str, sentence: Sentence, cue: tuple[int, int], item: ListItem, *,
                           role: str, status: str, strength: float, sides: dict[str, Token | None],
                           dated: tuple[DateValue, float] | None) -> list[EventMention]:
        """One capture or transfer mention per place the item stands for (an anaphor may stand for several)."""
        begin, end = cue
        anaphor = self.words["confidence"]["anaphor"] if item.token.anaphoric else 1.0
        mentions = []
        for slug in item.token.slugs:
            confidence = strength * anaphor * self.certainty(slug)
            span = (min(begin, item.token.begin), max(end, item.token.end))
            mention = EventMention(kind, sentence.index, begin, end, role)
            mention.claims.append(Claim("territory", slug, *span,
                                        confidence * self.distance_factor(end, item.token.begin)))
            mention.claims.append(Claim("status", TextValue(status), *span, confidence))
            for predicate, side in sides.items():
                for side_slug in (side.slugs if side is not None else ()):
                    mention.claims.append(Claim(
                        predicate, side_slug, min(begin, side.begin), max(end, side.end),
                        strength * self.certainty(side_slug)
                        * self.distance_factor(min(end, side.end), max(begin, side.begin))))
            if dated is not None:
                date, closeness = dated
                # ckg:date is a day, month or year: "23 giờ 30 ngày D" dates the capture D.
                mention.claims.append(Claim("date", date.day(), min(begin, date.begin),
                                            max(end, date.end), confidence * closeness))
            mentions.append(mention)
        return mentions

    def sentence(self, index: int) -> Sentence:
        """The body sentence with this index."""
        return self._by_index[index]

    def mentions(self, sentence: Sentence) -> list[Mention]:
        """The sentence's mentions, in order."""
        return self._mentions.get(sentence.index, [])

    def kind(self, slug: str) -> str:
        """The entity kind of a slug."""
        return self.entities[slug].kind

    def certainty(self, slug: str) -> float:
        """How sure the name is: a gazetteer entry or a name discovered in the text."""
        factors = self.words["confidence"]
        entity = self.entities.get(slug)
        return factors["known_entity"] if entity is None or entity.known else factors["discovered_entity"]

    def dates(self, begin: int, end: int) -> list[DateValue]:
        """Dates lying inside ``[begin, end)``."""
        start = bisect_left(self._date_starts, begin)
        return [d for d in self._dates[start:] if d.begin < end and d.end <= end]

    def country_of(self, slug: str) -> str | None:
        """The country a mention stands for: itself, or the country of an organisation."""
        kind = self.kind(slug)
        if kind == "Country":
            return slug
        if kind == "Organization" and slug in self.gazetteer:
            return self.gazetteer[slug].country
        return None

    def organisation_country(self, mention: Mention) -> str | None:
        """The country named at the end of an organisation's name ("Quân đội Azerbaijan"), also where the
        mention is its abbreviation ("TNI" for "Quân đội Quốc gia Indonesia")."""
        country = self.country_of(mention.entity)
        if country is not None:
            return country
        if self.kind(mention.entity) != "Organization":
            return None
        apposed = self._apposed_countries.get(mention.entity)
        if apposed is not None:
            return apposed
        entity = self.entities[mention.entity]
        names = [mention.text, *(label for _, label in entity.labels + entity.alt_labels)]
        # "Mặt trận Yêu nước Rwanda", "Sudan Liberation Movement": a front or a movement is a side of its own.
        cause = pattern(self.words["territory"].get("not_the_state") or "(?!)")
        if any(cause.search(name) for name in names):
            return None
        forms = [(form, slug) for form, slug in self.gazetteer.surface_forms.items()
                 if self.gazetteer[slug].kind == "Country"]
        # Countries the world data gave this article too ("Papua New Guinea", which the gazetteer lacks).
        forms += [(label, slug) for slug, country in self.entities.items() if country.kind == "Country"
                  for _, label in country.labels + country.alt_labels]
        # "Mission in X", "Commission for X": a body placed in a country, not the country's own.
        placed = pattern(self.words["territory"].get("placed_in") or "(?!)")
        ending = [(len(form), slug) for form, slug in forms for name in names
                  if name.endswith(" " + form) and not placed.search(name[:-len(form)])]
        # The longest name ending it: "... Papua New Guinea" is not Guinea's.
        if ending:
            return max(ending)[1]
        return self._national_forces_country(names)

    @cached_property
    def _apposed_countries(self) -> dict[str, str]:
        """Bodies the article introduces as a country's forces in an apposition ("the People's Army of X
        (PAX), the regular army of Y") -> that country, as the language's ``forces_of`` tells it."""
        apposed: dict[str, str] = {}
        cue = pattern(self.words["territory"].get("forces_of") or "(?!)")
        for sentence in self.sentences:
            mentions = self.mentions(sentence)
            for mention, following in zip(mentions, mentions[1:], strict=False):
                if self.kind(mention.entity) == "Organization" and self.kind(following.entity) == "Country" \
                        and cue.fullmatch(self.text, mention.end, following.begin):
                    apposed.setdefault(mention.entity, following.entity)
        return apposed

    def _national_forces_country(self, names: list[str]) -> str | None:
        """The country whose adjective opens a name that goes on with words of armed forces only
        ("Chadian National Armed Forces"), where the language tells bodies that way."""
        demonyms = load_language_data(self.document.language, "cues").get("demonyms") or {}
        if not demonyms.get("national_forces"):
            return None
        forces = pattern(demonyms["national_forces"])
        for name in names:
            for adjective, country in demonyms["countries"].items():
                if name.startswith(adjective + " ") and forces.match(name[len(adjective) + 1:]):
                    return self.gazetteer.surface_forms.get(country)
        return None

    def distance_factor(self, begin: int, end: int) -> float:
        """The penalty for words lying between a cue and the name it governs."""
        factors = self.words["confidence"]
        words = len(_WORD.findall(self.text[begin:end])) if end > begin else 0
        return max(factors["distance_floor"], 1.0 - factors["distance_step"] * words)

    # ------------------------------------------------------------ lists of names

    def is_filler(self, begin: int, end: int, skip: Sequence[DateValue] = (), *, max_words: int | None = None) -> bool:
        """Whether ``text[begin:end]`` holds only separators and a few (``max_words``) non-stop words."""
        lists = self.words["lists"]
        # A list never runs across a ";": what follows it is another clause ("chiếm A và B; C rơi vào tay ...").
        if ";" in self.text[begin:end]:
            return False
        chars = list(self.text[begin:end])
        prefix = pattern(lists["date_prefix"])
        for date in skip:
            bound = prefix.search(self.text, begin, max(begin, date.begin))
            start = bound.start() if bound is not None else date.begin
            for i in range(max(start, begin), min(date.end, end)):
                chars[i - begin] = " "
        gap = _PARENTHETICAL.sub(" ", "".join(chars))
        gap = pattern(lists["separators"]).sub(" ", gap)
        gap = re.sub(r"\[\d+\]", " ", gap)
        words = _WORD.findall(gap)
        if len(words) > (lists["max_gap_words"] if max_words is None else max_words):
            return False
        lowered = " " + " ".join(words).lower() + " "
        return not any(f" {stop} " in lowered for stop in lists["stop_words"])

    def read_list(self, tokens: list[Token], begin: int, end: int, direction: str, *,
                  with_dates: bool = False, max_words: int | None = None,
                  lead: re.Pattern[str] | None = None) -> list[ListItem]:
        """Names of a list in ``[begin, end)`` read from the side ``direction`` says.

        ``forward`` reads from ``begin`` and stops at the first gap that is not filler;
        ``backward`` reads from ``end`` towards ``begin``; ``inside`` needs the whole span
        to be names and filler, else gives nothing. With ``with_dates`` a date right after
        a name belongs to that name. ``lead`` matches a description of the first name read forward,
        skipped whatever its length.
        """
        inside = [t for t in tokens if t.begin >= begin and t.end <= end]
        if direction == "backward":
            inside.reverse()
        items: list[ListItem] = []
        cursor = end if direction == "backward" else begin
        for token in inside:
            gap = (token.end, cursor) if direction == "backward" else (cursor, token.begin)
            skip = self.dates(*gap) if with_dates else []
            colon = self.text.rfind(":", *gap) if not items and direction == "forward" else -1
            if not items and lead is not None and direction == "forward" and lead.fullmatch(self.text, *gap):
                pass  # "the Ossetian village of": the first name's description
            elif colon >= 0 and self.is_filler(colon + 1, gap[1], skip, max_words=max_words):
                pass  # "by the foreign ministers of the four delegations: A for X, B for Y": the list after its colon
            elif not self.is_filler(*gap, skip, max_words=max_words) and not self._apposition_then_filler(
                    *gap, skip, max_words=max_words) and not self._behalf(*gap, items):
                if items and token.slugs == items[-1].token.slugs:
                    # The same name again (an alias in an apposition: "B, bí danh "C", ký"): read on past it.
                    cursor = token.begin if direction == "backward" else token.end
                    continue
                if direction == "inside":
                    return []
                break
            if with_dates and direction != "backward" and items and skip:
                items[-1] = ListItem(items[-1].token, skip[0])
            items.append(ListItem(token))
            cursor = token.begin if direction == "backward" else token.end
        if direction == "backward":
            items.reverse()
        elif direction == "inside" and items and not self.is_filler(cursor, end, max_words=max_words):
            return []
        if with_dates and direction != "backward" and items:
            trailing = self.dates(items[-1].token.end, end)
            gap = self.text[items[-1].token.end:trailing[0].begin] if trailing else ""
            # A date past a ";" belongs to the next clause ("chiếm được X; hai ngày sau, ...").
            clause = pattern(self.words["lists"].get("date_clause_break") or "(?!)")
            if trailing and ";" not in gap and not clause.search(gap) \
                    and len(_WORD.findall(gap)) <= self.words["lists"]["max_date_gap_words"]:
                # "chiếm các đảo A, B và C vào ngày hôm sau": a date after a list whose places have none of
                # their own dates all of them; in a list dated place by place, only the last.
                undated = all(item.date is None for item in items)
                items = [ListItem(item.token, trailing[0]) if undated or index == len(items) - 1 else item
                         for index, item in enumerate(items)]
        return _distinct(items)

    def _behalf(self, begin: int, end: int, items: list[ListItem]) -> bool:
        """A gap that tells for whom the signer next to it acts ("A for X and B", "for X by A and for Y")."""
        lists = self.words["lists"]
        if not items or lists.get("behalf") is None:
            return False
        if pattern(lists["behalf"]).fullmatch(self.text, begin, end):
            return True
        # "for X by A": X was read as a side after "for"; the signer follows "by".
        previous = items[-1].token
        opening = self.text[max(0, previous.begin - 40):previous.begin]
        return pattern(lists["behalf_agent"]).fullmatch(self.text, begin, end) is not None \
            and any(m.end() == len(opening) for m in pattern(lists["behalf"]).finditer(opening))

    def _apposition_then_filler(self, begin: int, end: int, skip: Sequence[DateValue], *,
                                max_words: int | None) -> bool:
        """"A, thay mặt Tổng chỉ huy X ở Y, và B": a short apposition between commas after a name, then
        filler; the names inside the apposition are read as items of their own (people outrank them)."""
        gap = self.text[begin:end]
        if not gap.lstrip().startswith(",") or gap.count(",") < 2 or ";" in gap:
            return False
        last = begin + gap.rindex(",")
        apposition = self.text[begin:last]
        described = pattern(self.words["lists"].get("described_apposition") or "(?!)").match(apposition)
        if len(_WORD.findall(apposition)) > self.words["lists"]["max_apposition_words"] \
                or (any(c.isdigit() for c in apposition) and not described):
            return False  # a date between commas sets a scene, it describes no one (unless a noun phrase
            # opens the apposition: "Kunduz, a city they had seized in September 2015, Sar-e Pol and ...")
        return self.is_filler(last, end, skip, max_words=max_words)

    def read_places(self, places: list[Token], begin: int, end: int) -> list[ListItem]:
        """Places of a list read forward from ``begin``, each with the date written right after it."""
        lists = self.words["lists"]
        counted = pattern(lists["counted_places"]).match(self.text, begin, end) if lists.get("counted_places") else None
        if counted is not None:
            begin = counted.end()  # "ba tỉnh miền Đông Nam Kỳ là A, B, C": the list follows its announcement
        return self.read_list(places, begin, end, "forward", with_dates=True, max_words=lists["max_place_gap_words"],
                              lead=pattern(lists["place_description"]) if lists.get("place_description") else None)

    def name_tokens(self, sentence: Sentence, kinds: tuple[str, ...], *, organisations: bool = True) -> list[Token]:
        """Mentions of the given kinds as tokens; an organisation of a country may count as that country,
        and one found in the text (an armed group, not an international body of the gazetteer) as a side."""
        tokens = []
        for mention in self.mentions(sentence):
            kind = self.kind(mention.entity)
            if kind in kinds:
                tokens.append(Token(mention.begin, mention.end, (mention.entity,), kind))
            elif "Country" in kinds and kind == "Organization" and (
                    organisations or not self.entities[mention.entity].known):
                # A body found in the text whose name ends with its country ("Cơ quan Biên phòng
                # Azerbaijan") acts for that country even where bodies are not sides.
                country = self.organisation_country(mention)
                # A country known only through an organisation's name has no node of its own here.
                if country is not None and country in self.entities:
                    tokens.append(Token(mention.begin, mention.end, (country,), "Country"))
                elif organisations and not self.entities[mention.entity].known \
                        and not pattern(self.words["territory"].get("unit") or "(?!)").search(mention.text):
                    # An armed group, a front, a movement found in the text is a side of its own (a unit of
                    # a state's forces is not).
                    tokens.append(Token(mention.begin, mention.end, (mention.entity,), "Organization"))
        return tokens

    def blocked(self, sentence: Sentence, begin: int, landmark: str = "not_territory_before") -> bool:
        """A name right after a landmark word ("xung quanh", "giáp với") is not the one meant."""
        before = self.text[sentence.begin:begin]
        return bool(pattern(self.words["territory"][landmark]).search(before))

    def side_tokens(self, sentence: Sentence, *, organisations: bool = True) -> list[Token]:
        """Who can act in a capture or a transfer: countries (an organisation of one counts as it),
        groups found in the text, and "quân chính phủ" standing for the state the article is about."""
        tokens = self.name_tokens(sentence, ("Country",), organisations=organisations)
        home = self.home_country
        if home is not None:
            government = pattern(self.words["territory"]["government"])
            for match in government.finditer(self.text, sentence.begin, sentence.end):
                # "the Azerbaijani army": the army of the country named right before it, not the government's.
                if not any(t.begin <= match.start() < t.end or match.start() <= t.begin < match.end()
                           or (t.end <= match.start() and not self.text[t.end:match.start()].strip()) for t in tokens):
                    tokens.append(Token(match.start(), match.end(), (home,), "Country", anaphoric=True))
        return sorted(tokens, key=lambda t: t.begin)

    @cached_property
    def home_country(self) -> str | None:
        """Whose government "quân chính phủ" means: the one country the article's war is named after
        ("Nội chiến Angola"), else the country the article names most."""
        return self._war_country() or self._most_named_country()

    def _war_country(self) -> str | None:
        war = self.entities.get(self.main_conflict) if self.main_conflict else None
        if war is None:
            return None
        names = [label for _, label in war.labels + war.alt_labels]
        named = {slug for form, slug in self.gazetteer.surface_forms.items()
                 if self.gazetteer[slug].kind == "Country" and slug in self.entities
                 and any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", name) for name in names)}
        # "the Colombian conflict": a war named by its country's adjective (the language's demonyms).
        demonyms = load_language_data(self.document.language, "cues").get("demonyms", {}).get("countries", {})
        named |= {self.gazetteer.surface_forms[country] for adjective, country in demonyms.items()
                  if country in self.gazetteer.surface_forms and self.gazetteer.surface_forms[country] in self.entities
                  and any(re.search(rf"(?<!\w){re.escape(adjective)}(?!\w)", name) for name in names)}
        return named.pop() if len(named) == 1 else None

    def _most_named_country(self) -> str | None:
        counts: dict[str, int] = defaultdict(int)
        for mentions in self._mentions.values():
            for mention in mentions:
                if self.kind(mention.entity) == "Country":
                    counts[mention.entity] += 1
        return max(counts, key=lambda slug: counts[slug]) if counts else None

    def nearest_country_before(self, sentence: Sentence, position: int, *, organisations: bool = True
                               ) -> Token | None:
        """The closest side (country, group, the government) before ``position``, not a landmark."""
        for token in reversed(self.side_tokens(sentence, organisations=organisations)):
            if token.end <= position and not self.blocked(sentence, token.begin, "not_side_before"):
                return token
        return None

    def with_allies(self, sentence: Sentence, side: Token) -> Token:
        """A side and those joined to it right before ("liên quân Trung – Triều", "quân A và quân B"):
        one token standing for all of them."""
        joint = pattern(self.words["territory"]["side_joint"])
        tokens = self.side_tokens(sentence)
        slugs, begin, end = list(side.slugs), side.begin, side.end
        for token in reversed(tokens):
            if token.end > begin:
                continue
            if not joint.fullmatch(self.text, token.end, begin):
                break
            slugs[:0] = [slug for slug in token.slugs if slug not in slugs]
            begin = token.begin
        for token in tokens:
            if token.begin < end:
                continue
            if not joint.fullmatch(self.text, end, token.begin):
                break
            slugs.extend(slug for slug in token.slugs if slug not in slugs)
            end = token.end
        return side if (begin, end) == (side.begin, side.end) else Token(begin, end, tuple(slugs), side.kind)

    def announcer(self, sentence: Sentence, position: int) -> Token | None:
        """The side of whoever speaks before ``position``: a country, or a person's country."""
        for mention in reversed(self.mentions(sentence)):
            if mention.end > position:
                continue
            country = self.country_of(mention.entity) or self.person_countries.get(mention.entity)
            if country is not None and country in self.entities:
                return Token(mention.begin, mention.end, (country,), "Country")
        return None

    def commander_side(self, sentence: Sentence, position: int) -> Token | None:
        """The side of the person named last before ``position`` ("quân của tướng X chiếm A": X's country)."""
        person = next((m for m in reversed(self.mentions(sentence))
                       if m.end <= position and self.kind(m.entity) == "Person"), None)
        country = self.person_countries.get(person.entity) if person is not None else None
        if person is None or country is None or country not in self.entities:
            return None
        return Token(person.begin, person.end, (country,), "Country")

    @cached_property
    def person_countries(self) -> dict[str, str]:
        """The country each person acts for: the gazetteer's, else the country named right before the
        person somewhere in the article ("tướng Pháp X", "Tổng thống Argentina X"), or whose forces the text
        tells led by the person (``led_by``)."""
        countries: dict[str, str] = {}
        # "hạm đội Pháp dưới quyền Chuẩn đô đốc X", "French troops under General Y": a country's forces led by them.
        led = pattern(self.words["territory"].get("led_by") or "(?!)")
        for mentions in self._mentions.values():
            for before, mention in zip(mentions, mentions[1:], strict=False):
                if self.kind(mention.entity) == "Person" and self.kind(before.entity) == "Country" \
                        and (not self.text[before.end:mention.begin].strip()
                             or led.fullmatch(self.text, before.end, mention.begin)):
                    countries.setdefault(mention.entity, before.entity)
        for slug in self.entities:
            entry = self.gazetteer[slug] if slug in self.gazetteer else None
            if entry is not None and entry.kind == "Person" and entry.country:
                countries[slug] = entry.country
        return countries

    def passive_agent(self, sentence: Sentence, passive: re.Match[str], cue_begin: int, *,
                      organisations: bool = True) -> Token | None:
        """The doer a passive clause names between "bị"/"được" and the verb, if any."""
        start = sentence.begin + passive.start("agent")
        tokens = self.side_tokens(sentence, organisations=organisations)
        return next((t for t in tokens if start <= t.begin and t.end <= cue_begin), None)

    def place_before(self, sentence: Sentence, places: list[Token], position: int) -> Token | None:
        """The place a passive clause is about: the closest one before ``position``, not a landmark, nor
        one inside an apposition closed right before the verb ("A, opposite the town of B, was taken": A)."""
        before = [t for t in places if t.end <= position and not self.blocked(sentence, t.begin)]
        if not before:
            return None
        closest = before[-1]
        after = self.text[closest.end:position]
        # ", đã rơi vào tay X", ", was then taken": an auxiliary or an adverb may stand after the comma.
        if after.strip().startswith(",") and len(_WORD.findall(after)) <= 2:
            for token in reversed(before[:-1]):
                gap = self.text[token.end:closest.begin]
                if gap.startswith(",") and gap.count(",") == 1 and ";" not in gap \
                        and len(_WORD.findall(gap)) <= self.words["lists"]["max_apposition_words"]:
                    return token
        return closest

    def subject_places(self, sentence: Sentence, places: list[Token], position: int) -> list[ListItem]:
        """The places a passive clause is about: the list ending closest before ``position``
        ("A, B và C được bàn giao"), or the closest place when no list ends there."""
        subject = self.place_before(sentence, places, position)
        if subject is None:
            return []
        items = self.read_list([p for p in places if p.end <= subject.end], sentence.begin, subject.end, "backward",
                               max_words=self.words["lists"]["max_place_gap_words"])
        return [item for item in items if not self.blocked(sentence, item.token.begin)] or [ListItem(subject)]

    # ------------------------------------------------------------ places and anaphors

    def place_tokens(self, sentence: Sentence) -> list[Token]:
        """Places of a sentence, anaphors included ("cả hai", "quận này"), in order.

        A place in brackets right after another is its other name, not a new place.
        """
        places = [p for p in self.place_tokens_plain(sentence) if not self._in_brackets(sentence, p)]
        taken = [(p.begin, p.end) for p in places]
        for rule in self.words["anaphora"]:
            for match in pattern(rule["regex"]).finditer(self.text, sentence.begin, sentence.end):
                if any(b < match.end() and match.start() < e for b, e in taken):
                    continue
                slugs = self._antecedents(sentence, match, rule)
                if slugs:
                    places.append(Token(match.start(), match.end(), slugs, "Place", anaphoric=True))
                    taken.append(match.span())
        return sorted(places, key=lambda t: t.begin)

    def _in_brackets(self, sentence: Sentence, token: Token) -> bool:
        before = self.text[sentence.begin:token.begin]
        return before.rfind("(") > before.rfind(")")

    def _antecedents(self, sentence: Sentence, match: re.Match[str], rule: dict[str, Any]) -> tuple[str, ...]:
        """The places an anaphor stands for, or () when the text does not say."""
        groups = match.groupdict()
        count = rule.get("count") or self.numbers.get((groups.get("count_word") or "").lower(), 0)
        if count > 1:
            introduced = self._introduced_list(sentence, match.end(), count)
            return introduced or self._earlier_list(sentence, match.start(), count)
        head = groups.get("head")
        return self._later_place(sentence, match) or self._earlier_place(sentence, match.start(), head)

    def _later_place(self, sentence: Sentence, match: re.Match[str]) -> tuple[str, ...]:
        """The place an anaphor in a clause put before the main one stands for, named right after that
        clause ("as federal troops pulled out of the city, Mekelle was retaken"), else ()."""
        opener = self.words["territory"].get("cataphora_opener")
        if not opener or not pattern(opener).search(self.text, sentence.begin, match.start()):
            return ()
        comma = self.text.find(",", match.end(), sentence.end)
        if comma < 0:
            return ()
        following = [t for t in self.place_tokens_plain(sentence) if t.begin > comma]
        if following and not self.text[comma + 1:following[0].begin].strip():
            return following[0].slugs
        return ()

    def place_tokens_plain(self, sentence: Sentence) -> list[Token]:
        """The places a sentence names, anaphors left out."""
        return [Token(m.begin, m.end, (m.entity,), "Place") for m in self.mentions(sentence)
                if self.kind(m.entity) == "Place"]

    def _paragraph_places(self, sentence: Sentence, before: int) -> list[tuple[Sentence, Token]]:
        """Places of the paragraph told before ``before`` (not anaphors), in order."""
        found = []
        for other in self.sentences:
            if other.paragraph != sentence.paragraph or other.begin >= before:
                continue
            for m in self.mentions(other):
                token = Token(m.begin, m.end, (m.entity,), "Place")
                if m.end <= before and self.kind(m.entity) == "Place" and not self._in_brackets(other, token):
                    found.append((other, token))
        return found

    def _introduced_list(self, sentence: Sentence, position: int, count: int) -> tuple[str, ...]:
        """The places of "..., gồm X, Y, Z và W" right after a counted noun phrase (all of them), or
        of "..., trong đó có X, Y" (some of them: fewer names than the count)."""
        intro = pattern(self.words["territory"]["list_intro"])
        partial = pattern(self.words["territory"]["partial_list_intro"])
        places = [Token(m.begin, m.end, (m.entity,), "Place") for m in self.mentions(sentence)
                  if self.kind(m.entity) == "Place" and m.begin >= position]
        for first in places:
            whole = intro.search(self.text[position:first.begin])
            some = partial.search(self.text[position:first.begin])
            if whole or some:
                items = self.read_places(places, first.begin, sentence.end)
                slugs = tuple(item.token.slugs[0] for item in items)
                fits = len(slugs) == count if whole else 0 < len(slugs) < count
                return slugs if fits else ()
        return ()

    def _earlier_list(self, sentence: Sentence, position: int, count: int) -> tuple[str, ...]:
        """The latest list of exactly ``count`` places told before in the paragraph."""
        lists: list[list[str]] = []
        previous: tuple[Sentence, Token] | None = None
        for other, token in self._paragraph_places(sentence, position):
            joined = (previous is not None and previous[0] is other
                      and self._joins(previous[1].end, token.begin))
            if joined:
                if token.slugs[0] not in lists[-1]:
                    lists[-1].append(token.slugs[0])
            else:
                lists.append([token.slugs[0]])
            previous = (other, token)
        for places in reversed(lists):
            if len(places) == count:
                return tuple(places)
        return ()

    def _joins(self, begin: int, end: int) -> bool:
        """Two places belong to one list: only separators and brackets between, no new head noun."""
        gap = _PARENTHETICAL.sub(" ", self.text[begin:end])
        gap = pattern(self.words["lists"]["separators"]).sub(" ", gap)
        return not gap.strip()

    def _earlier_place(self, sentence: Sentence, position: int, head: str | None) -> tuple[str, ...]:
        """The latest place told before in the paragraph, preferring one named with ``head``."""
        places = self._paragraph_places(sentence, position)
        if head:
            for other, token in reversed(places):
                before = self.text[other.begin:token.begin].rstrip().lower()
                if before.endswith(head.lower()):
                    return token.slugs
        # "under the Sochi terms, could not hold the city": a place naming an agreement is not one told.
        named = pattern(self.words["territory"].get("names_an_agreement_after") or "(?!)")
        # "LURD seized Tubmanburg, the capital of Bomi County, 60 km north-west of Monrovia. Government
        # forces recaptured the town": a place that only locates another is not the one told of.
        locates = pattern(self.words["territory"].get("locates_before") or "(?!)")
        for other, token in reversed(places):
            if not self.blocked(other, token.begin) and not named.match(self.text, token.end, other.end) \
                    and not locates.search(self.text, max(other.begin, token.begin - 40), token.begin):
                return token.slugs
        return ()

    # ------------------------------------------------------------ dates of an event

    def event_date(self, sentence: Sentence, cue_begin: int, cue_end: int,
                   item: ListItem | None = None) -> tuple[DateValue, float] | None:
        """When the event of a cue happened, with how close the date sits to it.

        The date written right after the territory; else a date right after the cue in the
        same clause (not one of an agreement named there); else the closest date before the cue
        that no "sau khi"-like word separates from it (a date before "sau khi X" belongs to what
        happened after X), unless that clause closes before the cue ("Ngày D, sau khi X, A được
        trao trả": the cue is what happened after X); a bare "khi" right after the date ("D, khi X")
        makes it the date of X.
        """
        if item is not None and item.date is not None:
            return item.date, 1.0
        boundary = _CLAUSE_END.search(self.text, cue_end, sentence.end)
        stop = sentence.end if boundary is None else boundary.start()
        named = pattern(self.words["territory"]["agreement_named"]).search(self.text, cue_end, stop)
        after = self.dates(cue_end, stop if named is None else named.start())
        if after:
            return after[0], self.words["confidence"]["nearby"]
        apposed = self._date_after_apposition(sentence, stop)
        if apposed is not None and named is None:
            return apposed, self.words["confidence"]["nearby"]
        before = self.dates(sentence.begin, cue_begin)
        subordinators = pattern(self.words["territory"]["subordinators"])
        if not before:
            return self._scene_date(sentence, cue_begin, cue_end)
        if self._another_verbs_date(sentence, before[-1], cue_begin):
            return None
        subordinate = subordinators.search(self.text, before[-1].end, cue_begin)
        if subordinate is None or "," in self.text[subordinate.end():cue_begin]:
            return before[-1], self.words["confidence"]["nearby"]
        if pattern(self.words["territory"]["simultaneous"]).match(subordinate.group(0)) \
                and not self.text[before[-1].end:subordinate.start()].strip(" ,"):
            return before[-1], self.words["confidence"]["nearby"]  # "D, khi X": D dates X
        clause = max(sentence.begin, self.text.rfind(";", sentence.begin, before[-1].begin) + 1)
        if subordinate.group(0).startswith(",") and pattern(self.words["agreement_places"]["opening_date"]).match(
                self.text[clause:before[-1].begin]):
            # "Tháng 2 năm Y, A ra hàng, và B làm chủ thành X": a date opening the sentence (or a clause
            # after ";") sets the scene of its coordinated clauses too.
            return before[-1], self.words["confidence"]["nearby"]
        return None

    def _another_verbs_date(self, sentence: Sentence, date: DateValue, cue_begin: int) -> bool:
        """"captured A on D and overran B, C": a date told after an earlier capture's or transfer's verb,
        joined to this cue by a bare conjunction (``verb_link``), dates that verb's places, not this one's."""
        link = self.words["territory"].get("verb_link")
        if not link or not pattern(link).fullmatch(self.text, date.end, cue_begin):
            return False
        return any(match.end() <= date.begin and ";" not in self.text[match.end():date.begin]
                   for table in ("capture", "transfer") for rule in self.words.get(table, ())
                   for match in self.matches(rule["regex"], sentence) if match.end() < cue_begin)

    def _scene_date(self, sentence: Sentence, cue_begin: int, cue_end: int) -> tuple[DateValue, float] | None:
        """"Rạng sáng ngày D, ... Trong buổi chiều, X chiếm A": a sentence that opens by going on with the
        day of the sentence before (and gives no date of its own before the cue) happened on that day; so
        does one telling the part of the day right after its verb ("A rơi vào tay X ngay trong buổi sáng")."""
        previous = self.previous_sentence(sentence)
        if previous is None or self.dates(sentence.begin, cue_begin):
            return None
        after = self.words["territory"].get("same_scene_after")
        if not pattern(self.words["territory"]["same_scene"]).match(self.text, sentence.begin, sentence.end) and not (
                after and pattern(after).match(self.text[cue_end:sentence.end])):
            return None
        days = [d for d in self.dates(previous.begin, previous.end) if d.datatype in ("date", "dateTime")]
        return (days[-1], self.words["confidence"]["nearby"]) if days else None

    def _date_after_apposition(self, sentence: Sentence, comma: int) -> DateValue | None:
        """"chiếm Huambo, đại bản doanh của UNITA, ngày 8 tháng 2 năm 1976": a date opening the clause
        after a short apposition that closes the cue's clause."""
        if self.text[comma:comma + 1] != ",":
            return None
        boundary = _CLAUSE_END.search(self.text, comma + 1, sentence.end)
        if boundary is None or boundary.group(0) != "," or self.dates(comma, boundary.start()) \
                or len(_WORD.findall(self.text[comma:boundary.start()])) > self.words["lists"]["max_apposition_words"]:
            return None
        following = self.dates(boundary.end(), sentence.end)
        opening = pattern(self.words["lists"]["date_opening"])
        if following and opening.fullmatch(self.text, boundary.end(), following[0].begin):
            return following[0]
        return None


def _distinct(items: list[ListItem]) -> list[ListItem]:
    """Items with their first appearance only (an alias in brackets names the same entity)."""
    seen: set[tuple[str, ...]] = set()
    kept = []
    for item in items:
        if item.token.slugs not in seen:
            seen.add(item.token.slugs)
            kept.append(item)
    return kept
