"""Which reference record describes citation number N: inferred only with evidence.

The article's reference list is unnumbered, in number order, and partial (records of
references cited only outside the copied text are there; many cited numbers have none).
A record may describe number N only when

- its backlink count equals the number of markers citing N (hard constraint),
- records and numbers keep the same order (monotone: dynamic programming over
  records × numbers picks the best-scoring order-preserving set of links),
- its content meets the citing sentences: words and numbers in common, weighted by
  rarity in the article (record text is often English, sentences Vietnamese: names,
  numbers and dates cross languages; gazetteer labels map names across languages),
  and dates (the record was published within a week after a date the sentence gives).

A pair whose content score is below ``MIN_CONTENT_SCORE`` is never linked; broken records
have no content and stay unlinked. Each link carries a confidence and the reasons.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache

from extract.citations import CITATION_MARKER
from extract.dates import find_dates
from extract.gazetteer import Gazetteer, slugify
from extract.langdata import load_language_data
from extract.model import Alignment, DateValue, Document, ReferenceRecord, Sentence

MIN_CONTENT_SCORE = 6.0  # more than one shared word that only one sentence of the article has
ENTITY_FACTOR = 1.5  # a name the gazetteer knows (in any language) says more than a common word
DATE_WEIGHT = 3.0
AMBIGUITY = 0.8  # another number in the order window scoring this close makes a link a guess
PUBLICATION_WINDOW = dt.timedelta(days=7)
_STEM_LENGTH = 5  # "involvement"/"involved" meet as "invol"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Candidate:
    """The evidence that one record describes one number."""

    score: float
    shared_terms: tuple[str, ...]
    date_match: str | None


@cache
def _stopwords(language: str) -> frozenset[str]:
    words = load_language_data(language, "records").get("alignment", {}).get("stopwords", ())
    return frozenset(slugify(word) for word in words)


@cache
def _entity_pattern() -> re.Pattern[str] | None:
    forms = sorted(Gazetteer.load().surface_forms, key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(form) for form in forms) + r")(?!\w)")


def _terms(text: str, language: str) -> dict[str, str]:
    """Evidence terms of a text (stemmed word, ``#number`` or ``@entity``) → a surface form."""
    terms: dict[str, str] = {}
    entities = _entity_pattern()
    if entities is not None:
        surface_forms = Gazetteer.load().surface_forms
        for match in entities.finditer(text):
            terms.setdefault("@" + surface_forms[match.group()], match.group())
        text = entities.sub(" ", text)  # a name counts once, as its entity
    stopwords = _stopwords(language)
    for match in _WORD.finditer(CITATION_MARKER.sub(" ", text)):
        word = match.group()
        folded = slugify(word).replace("-", "")
        if word.isdigit():
            if len(word) >= 2:
                terms.setdefault("#" + word, word)
        elif len(folded) >= 4 and folded not in stopwords:
            terms.setdefault(folded[:_STEM_LENGTH], word)
    return terms


def _record_text(record: ReferenceRecord) -> str:
    parts = (record.title, record.translated_title, record.quote, record.website, record.publisher)
    return " ".join(part for part in parts if part)


def _as_day(value: DateValue) -> dt.date | None:
    if value.datatype not in ("date", "dateTime"):
        return None
    return dt.date.fromisoformat(value.lexical[:10])


def _record_days(record: ReferenceRecord) -> list[dt.date]:
    values = [record.date] if record.date else []
    values += find_dates(record.quote) if record.quote else []
    return [day for value in values if (day := _as_day(value)) is not None]


def _written_on(record: ReferenceRecord) -> dt.date | None:
    """The day the record's content was written: its date, else when it was archived or read."""
    published = _as_day(record.date) if record.date else None
    if published is not None:
        return published
    days = [day for value in (record.archived_on, record.accessed_on) if value and (day := _as_day(value))]
    return max(days, default=None)


def _date_match(record_days: list[dt.date], sentence_days: list[dt.date]) -> str | None:
    for published in record_days:
        for event in sentence_days:
            if dt.timedelta(0) <= published - event <= PUBLICATION_WINDOW:
                return f"record date {published} is {(published - event).days} day(s) after sentence date {event}"
    return None


def _monotone_links(scores: dict[tuple[int, int], _Candidate], records: int, numbers: int) -> list[tuple[int, int]]:
    """The order-preserving set of (record, number) positions with the highest total score."""
    best = [[0.0] * (numbers + 1) for _ in range(records + 1)]
    for r in range(1, records + 1):
        for n in range(1, numbers + 1):
            linked = scores.get((r - 1, n - 1))
            best[r][n] = max(
                best[r - 1][n],
                best[r][n - 1],
                best[r - 1][n - 1] + linked.score if linked else 0.0,
            )
    links = []
    r, n = records, numbers
    while r and n:
        linked = scores.get((r - 1, n - 1))
        if linked and best[r][n] == best[r - 1][n - 1] + linked.score:
            links.append((r - 1, n - 1))
            r, n = r - 1, n - 1
        elif best[r][n] == best[r - 1][n]:
            r -= 1
        else:
            n -= 1
    return links[::-1]


@dataclass(frozen=True)
class _RecordEvidence:
    """What a record offers to every number it is weighed against."""

    terms: dict[str, str]
    days: list[dt.date]
    written: dt.date | None


@dataclass
class _Citations:
    """Per citation number: the sentences whose markers cite it, and word weights of the article."""

    document: Document
    citing: dict[int, list[Sentence]]
    sentence_terms: dict[int, dict[str, str]]
    frequency: Counter[str]

    story_year: int | None
    # Computed once per number and per record: a record is weighed against every number with its backlink
    # count, and a number against every such record.
    _number_evidence: dict[int, tuple[dict[str, str], list[dt.date]]] = field(default_factory=dict)
    _record_evidence: dict[int, _RecordEvidence] = field(default_factory=dict)
    _sentence_days: dict[int, list[dt.date]] = field(default_factory=dict)  # a sentence cites several numbers

    @classmethod
    def of(cls, document: Document) -> _Citations:
        sentences = {sentence.index: sentence for sentence in document.sentences}
        citing: dict[int, list[Sentence]] = defaultdict(list)
        for marker in document.markers:
            citing[marker.number].append(sentences[marker.sentence])
        terms = {s.index: _terms(s.text, document.language) for s in document.sentences}
        frequency = Counter(term for sentence_terms in terms.values() for term in sentence_terms)
        # The year most full dates of the body give: the year a yearless day falls in.
        years = Counter(
            value.lexical[:4]
            for paragraph in document.paragraphs
            for value in find_dates(document.text, paragraph.begin, paragraph.end)
            if value.datatype in ("date", "dateTime")
        )
        story_year = int(years.most_common(1)[0][0]) if years else None
        return cls(document, dict(sorted(citing.items())), terms, frequency, story_year)

    def sentence_days(self, sentence: Sentence) -> list[dt.date]:
        """Days the sentence gives, or else the last day its paragraph gave before it (the story's time)."""
        if sentence.index not in self._sentence_days:
            self._sentence_days[sentence.index] = self._days_of(sentence)
        return self._sentence_days[sentence.index]

    def _days_of(self, sentence: Sentence) -> list[dt.date]:
        document = self.document
        owner = document.paragraphs[sentence.paragraph - 1] if sentence.paragraph else document.notes[sentence.note - 1]
        values = find_dates(
            document.text, sentence.begin, sentence.end, default_year=self.story_year, context_begin=owner.begin
        )
        if not values:
            values = find_dates(document.text, owner.begin, sentence.begin, default_year=self.story_year)[-1:]
        return [day for value in values if (day := _as_day(value)) is not None]

    def weight(self, term: str) -> float:
        """Rarer in the article's sentences, stronger evidence (inverse document frequency)."""
        rarity = math.log((len(self.sentence_terms) + 1) / (self.frequency[term] + 1))
        return rarity * ENTITY_FACTOR if term.startswith("@") else rarity

    def number_evidence(self, number: int) -> tuple[dict[str, str], list[dt.date]]:
        """The terms and days of the sentences citing ``number`` (each sentence once, in order)."""
        if number not in self._number_evidence:
            terms: dict[str, str] = {}
            days: list[dt.date] = []
            for sentence in dict.fromkeys(self.citing[number]):
                terms.update(self.sentence_terms[sentence.index])
                days += self.sentence_days(sentence)
            self._number_evidence[number] = (terms, days)
        return self._number_evidence[number]

    def record_evidence(self, record: ReferenceRecord) -> _RecordEvidence:
        if record.index not in self._record_evidence:
            self._record_evidence[record.index] = _RecordEvidence(
                _terms(_record_text(record), self.document.language), _record_days(record), _written_on(record)
            )
        return self._record_evidence[record.index]

    def candidate(self, record: ReferenceRecord, number: int) -> _Candidate | None:
        """The evidence that ``record`` describes ``number``, or None when there is not enough."""
        evidence = self.record_evidence(record)
        number_terms, days = self.number_evidence(number)
        written = evidence.written
        if written is not None and days and written + PUBLICATION_WINDOW < min(days):
            return None  # written before anything the sentences tell happened
        shared = sorted(set(evidence.terms) & set(number_terms), key=self.weight, reverse=True)
        date_match = _date_match(evidence.days, days)
        content = sum(self.weight(term) for term in shared) + (DATE_WEIGHT if date_match else 0.0)
        if content < MIN_CONTENT_SCORE:
            return None
        return _Candidate(content, tuple(evidence.terms[term] for term in shared), date_match)


def _total(scores: dict[tuple[int, int], _Candidate], links: list[tuple[int, int]]) -> float:
    return sum(scores[link].score for link in links)


def _unambiguous(scores: dict[tuple[int, int], _Candidate], records: int, numbers: int) -> list[tuple[int, int]]:
    """The best monotone links, without those an equally good order-keeping alternative would change.

    A link is dropped when forbidding it costs the best total less than ``1 - AMBIGUITY``
    of its own score: another number fits the record about as well (co-cited numbers
    such as ``[137][138][139][140]`` cannot be told apart by content).
    """
    links = _monotone_links(scores, records, numbers)
    best = _total(scores, links)
    kept = []
    for link in links:
        without = {pair: candidate for pair, candidate in scores.items() if pair != link}
        if best - _total(without, _monotone_links(without, records, numbers)) > (1 - AMBIGUITY) * scores[link].score:
            kept.append(link)
    return kept


def align_references(document: Document) -> list[Alignment]:
    """Links from citation numbers to the records that describe them, each with its evidence."""
    citations = _Citations.of(document)
    numbers = list(citations.citing)
    counts = {number: len(sentences) for number, sentences in citations.citing.items()}
    count_share = Counter(counts.values())
    scores: dict[tuple[int, int], _Candidate] = {}
    for r, record in enumerate(document.records):
        if record.broken:
            continue
        for n, number in enumerate(numbers):
            if counts[number] == record.cited_times and (found := citations.candidate(record, number)):
                scores[(r, n)] = found

    links = _unambiguous(scores, len(document.records), len(numbers))
    alignments = []
    for position, (r, n) in enumerate(links):
        record, number, chosen = document.records[r], numbers[n], scores[(r, n)]
        outside = [c.score for (q, m), c in scores.items() if q == r and m != n]
        runner_up = max(outside, default=0.0)
        # A backlink count few numbers share is evidence of its own; so is a clear lead over other numbers.
        rarity = count_share[counts[number]] / len(numbers) if counts[number] > 1 else 1.0
        strength = chosen.score / (chosen.score + MIN_CONTENT_SCORE)
        lead = (chosen.score - runner_up) / chosen.score if runner_up < chosen.score else 0.0
        confidence = round(min(0.95, strength * (0.6 + 0.4 * max(lead, 1.0 - rarity))), 2)
        before = numbers[links[position - 1][1]] if position else None
        after = numbers[links[position + 1][1]] if position + 1 < len(links) else None
        reasons = [
            f"backlinks {record.cited_times} = {counts[number]} markers cite [{number}]"
            + (
                f" (a count {count_share[counts[number]]} of {len(numbers)} numbers have)" if counts[number] > 1 else ""
            ),
            f"order: record {record.index} of {len(document.records)}, between links to "
            f"[{before or '-'}] and [{after or '-'}]; no order-keeping alternative scores as well",
        ]
        if chosen.shared_terms:
            reasons.append("shared with the citing sentences: " + ", ".join(chosen.shared_terms[:8]))
        if chosen.date_match:
            reasons.append(chosen.date_match)
        reasons.append(
            f"best other number scores {runner_up:.1f} against {chosen.score:.1f}"
            if outside
            else "no other number fits"
        )
        alignments.append(Alignment(number, record.index, confidence, "; ".join(reasons)))
    return alignments
