"""Events of an article: agreements, territory transfers and captures, one node per real event.

The extractors give one ``EventMention`` per event told in one sentence; this module merges
them. A mention that tells an event joins an event already built when they have the same type,
no contradicting value (dates, territory, sides, status) and, for agreements, share a
participant or a date; merging looks at facts, never at sentence text. A mention that only refers
to an event ("Theo thỏa thuận này") adds its sentence to the latest such event.

Slugs are stable: kind + territory + date (``capture-{place}-2020-11-08``,
``territory-transfer-{place}-2020-11-20``, ``armistice-2020-11-09``); a planned transfer ends in
``-planned``; an agreement group is named after its mediators.

How ``Evidence.confidence`` is computed (one Evidence per sentence supporting a fact)::

    confidence = cue strength × entity certainty × distance penalty × [claim] × [anaphor]

- cue strength: per cue in ``events.toml`` (``được ký giữa`` 0.95, ``do A và B ký`` 0.9,
  ``cũng đồng ý`` 0.75, ``rút khỏi`` 0.7, ...); a date or place read next to the cue rather
  than inside its pattern takes ``nearby`` (0.85); an agreement's dates 0.9, its place 0.85;
- entity certainty: 1.0 for a gazetteer entity, 0.85 for a name discovered in the text;
- distance penalty: 1 − 0.01 per word between the cue and the name, never below 0.75;
- claim: × 0.7 for a capture a side announced (``thông báo``, ``được cho là``), not confirmed;
- anaphor: × 0.85 when the territory was read through ``cả hai``, ``quận này``, ``bốn ngôi làng``;
- ``partOfConflict`` is inferred from the article's subject: 0.7 for each sentence of the event.

A fact told in several sentences keeps one Evidence per sentence, each with its own confidence.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from extract.agreements import GENERIC, GROUP, find_agreement_mentions
from extract.captures import find_capture_mentions
from extract.eventtext import ATTACH, ATTACH_PREVIOUS, NEW, REFERENCE, ArticleView, Claim, EventMention, pattern
from extract.gazetteer import Gazetteer
from extract.langdata import load_language_data
from extract.model import AGREEMENT_KINDS, DateValue, Document, Entity, Event, Evidence, Fact, Mention, TextValue
from extract.transfers import KIND as TRANSFER
from extract.transfers import find_transfer_mentions

# Predicates an event has at most one value of: two mentions that disagree on one are two events.
_SINGLE = ("signingDate", "effectiveFrom", "date", "territory", "capturedBy", "fromParty", "toParty", "status",
           "memberCount", "location")
# What two tellings of one agreement must share at least one of.
# The longest gap between an agreement's signing and its entry into force that still reads as one agreement.
_SIGNING_TO_FORCE_DAYS = 60
_AGREEMENT_EVIDENCE = ("signatory", "mediator", "party", "signingDate", "effectiveFrom")
# Years in brackets right after a conflict's name, and a year inside a name.
_BRACKET = re.compile(r"\s*\([^()]*\)")
_YEAR = re.compile(r"\b\d{4}\b")
# How many sentences on a mention may still go on telling the agreement told before it.
_FOLLOW_ON_SENTENCES = 2
# What a mediator of the same agreement is not.
_SIDES = ("signatory", "party")
# Status that wins when a capture is told both ways.
_CONFIRMED, _CLAIMED = "Confirmed", "Claimed"
_PLANNED = "Planned"


@dataclass
class _Draft:
    """An event being built from its mentions."""

    kind: str
    mentions: list[EventMention] = field(default_factory=list)
    references: list[EventMention] = field(default_factory=list)

    @property
    def specific(self) -> bool:
        return any(mention.specific for mention in self.mentions)

    @property
    def claims(self) -> list[Claim]:
        return [claim for mention in self.mentions for claim in mention.claims]

    def value(self, predicate: str) -> str | DateValue | TextValue | None:
        return next((c.object for c in self.claims if c.predicate == predicate), None)

    @property
    def names(self) -> set[str]:
        return {mention.name for mention in self.mentions if mention.name}

    @property
    def sentences(self) -> tuple[int, ...]:
        return tuple(sorted({m.sentence for m in self.mentions + self.references}))

    @property
    def last_sentence(self) -> int:
        return max(self.sentences)


def find_events(document: Document, entities: list[Entity], mentions: list[Mention],
                main_conflict: str | None = None, gazetteer: Gazetteer | None = None
                ) -> tuple[list[Event], list[Fact]]:
    """The events of an article and their facts, each fact with its evidence."""
    view = ArticleView(document, entities, mentions, gazetteer, main_conflict)
    lead = frozenset(s.index for s in document.sentences
                     if document.paragraphs and s.paragraph == document.paragraphs[0].index)
    drafts = _agreements(find_agreement_mentions(view), lead)
    drafts += [_in_story_month(view, draft) for draft in _territorial(find_capture_mentions(view),
                                                                       status_matters=False)]
    drafts += _territorial(find_transfer_mentions(view), status_matters=True)
    drafts.sort(key=lambda d: min(d.sentences))
    events, facts, taken = [], [], set()
    period = _article_period(view, main_conflict)
    labels = {entity.slug: entity for entity in entities}
    for draft in drafts:
        slug = _unique(_slug(draft), taken)
        events.append(Event(slug, draft.kind, _labels(draft, labels), draft.sentences))
        facts.extend(_facts(slug, draft, view.kind))
        facts.extend(_in_force_on_signing(view, slug, draft))
        conflict = _dated_conflict(view, draft)
        if conflict is not None and not _in_conflict_years(view, draft, conflict):
            conflict = None
        if (conflict is None and main_conflict is not None and _within(view, draft, period)
                and _in_conflict_years(view, draft, main_conflict)):
            conflict = main_conflict
        if conflict is None:
            conflict = _conflict_by_span(view, draft)
        if conflict is not None:
            facts.append(_conflict_fact(view, slug, draft, conflict))
    return events, facts


# ---------------------------------------------------------------- merging


def _compatible(draft: _Draft, mention: EventMention, *, status_matters: bool = True) -> bool:
    """No single-valued predicate has two different values; kinds agree (generic fits any)."""
    if GENERIC not in (draft.kind, mention.kind) and draft.kind != mention.kind:
        return False
    if (draft.specific or mention.specific) and draft.kind != mention.kind:
        return False
    if mention.name and draft.names and mention.name not in draft.names and mention.sentence not in draft.sentences:
        return False  # "Hiệp định Karachi" is not "Tuyên bố Tashkent" (a sentence may give two names of one)
    for predicate in _SINGLE:
        if predicate == "status" and not status_matters:
            continue
        ours, theirs = draft.value(predicate), mention.first(predicate)
        if predicate == "location" and draft.kind == mention.kind and mention.name in (None, *draft.names) \
                and _same_day(draft.value("signingDate"), mention.first("signingDate")):
            continue  # one name signed the same day, told once by the city and once by the hall in it
        if ours is not None and theirs is not None and ours != theirs and not (
                predicate == "date" and (_within_date(ours, theirs) or _within_date(theirs, ours))
                and _same_side(draft, mention)):
            return False
    # Signed on one date, in force from another: one agreement only when the two lie close together.
    for ours, theirs in ((draft.value("signingDate"), mention.first("effectiveFrom")),
                         (draft.value("effectiveFrom"), mention.first("signingDate"))):
        if _days_apart(ours, theirs) > _SIGNING_TO_FORCE_DAYS:
            return False
    return True


def _within_date(coarse: object, fine: object) -> bool:
    """Whether ``coarse`` is a year or a month that contains the finer date ``fine`` ("1990-08", "1990-08-08")."""
    return isinstance(coarse, DateValue) and isinstance(fine, DateValue) \
        and coarse.datatype in ("gYear", "gYearMonth") and fine.lexical.startswith(coarse.lexical + "-")


def _same_side(draft: _Draft, mention: EventMention) -> bool:
    """Whether a territorial event and a mention name the same side (the taker, giver or receiver)."""
    return any(draft.value(p) is not None and draft.value(p) == mention.first(p)
               for p in ("capturedBy", "fromParty", "toParty"))


def _finest_date(draft: _Draft) -> None:
    """A place's capture told once by its month (in the lead) and once by its day is dated by the day."""
    dates = [c.object for m in draft.mentions for c in m.claims if c.predicate == "date"]
    for mention in draft.mentions:
        mention.claims = [c for c in mention.claims if c.predicate != "date"
                          or not any(_within_date(c.object, other) for other in dates)]


def _same_day(first: object, second: object) -> bool:
    return isinstance(first, DateValue) and first.datatype in ("date", "dateTime") and first == second


def _days_apart(first: object, second: object) -> int:
    """Days between two day-precise dates (0 when either is missing or coarser than a day)."""
    days = []
    for value in (first, second):
        if not isinstance(value, DateValue) or value.datatype not in ("date", "dateTime"):
            return 0
        days.append(datetime.date.fromisoformat(value.lexical[:10]))
    return abs((days[0] - days[1]).days)


def _shares(draft: _Draft, mention: EventMention) -> bool:
    ours = {(c.predicate, c.object) for c in draft.claims if c.predicate in _AGREEMENT_EVIDENCE}
    return any((c.predicate, c.object) in ours for c in mention.claims)


def _latest(drafts: list[_Draft], mention: EventMention) -> _Draft | None:
    """The agreement told last before the mention that it can refer to (a group never; a specific
    trigger such as "hiệp ước hòa bình" only one of its own kind)."""
    candidates = [d for d in drafts if d.kind != GROUP and min(d.sentences) <= mention.sentence
                  and (mention.kind == GENERIC or d.kind in (mention.kind, GENERIC))
                  and (not mention.specific or (d.kind == mention.kind and d.specific))
                  and (not mention.name or not d.names or mention.name in d.names)]
    return max(candidates, key=lambda d: d.last_sentence, default=None)


def _agreements(mentions: list[EventMention], lead: frozenset[int] = frozenset()) -> list[_Draft]:
    """Agreements merged in document order; references go to the agreement told last. ``lead``: the
    sentences of the article's first paragraph."""
    drafts: list[_Draft] = []
    unplaced: dict[int, EventMention] = {}  # per sentence, the last agreement it only named
    for mention in mentions:
        if mention.role == ATTACH_PREVIOUS:
            target = next((d for d in reversed(drafts) if {mention.sentence - 1, mention.sentence} & set(d.sentences)
                           and d.kind != GROUP), None)
            if target is not None:
                target.mentions.append(mention)
            elif (named := unplaced.get(mention.sentence - 1)) is not None:
                # "The X agreement is an armistice … . It was signed on D by A and B": the sentence before
                # named the agreement this one tells the signing of.
                drafts.append(_Draft(named.kind, [replace(named, role=NEW), mention]))
            continue
        if mention.role in (REFERENCE, ATTACH):
            target = _latest(drafts, mention)
            if target is not None and mention.role == ATTACH \
                    and _days_apart(target.value("signingDate"), mention.first("signingDate")) > 0:
                # "Sau Hiệp ước X ký ngày D giữa A và B": signed by others on another day, an
                # agreement of its own, not more about the one told last.
                target = None
            if target is not None:
                # One signatory signing later elsewhere ("ký ... vài ngày sau đó tại X") does not move it.
                mention.claims = [c for c in mention.claims if c.predicate not in _SINGLE
                                  or target.value(c.predicate) in (None, c.object)]
                (target.references if mention.role == REFERENCE else target.mentions).append(mention)
                continue
            if mention.role == REFERENCE:
                # A generic one only in the lead, which names the article's agreement ("The X Agreement is the
                # peace settlement …"), and when no other is named there.
                if mention.kind != GROUP and (mention.kind != GENERIC or (mention.sentence in lead
                                                                          and mention.sentence not in unplaced)):
                    unplaced[mention.sentence] = mention
                continue
        same = next((d for d in drafts if d.kind != GROUP and mention.kind != GROUP
                     and _compatible(d, mention) and _shares(d, mention)), None)
        if same is None and mention.kind != GROUP:
            same = _told_just_before(drafts, mention, lead)
        if same is None:
            drafts.append(_Draft(mention.kind, [mention]))
        else:
            same.mentions.append(mention)
            if same.kind == GENERIC:
                same.kind = mention.kind
    return drafts


def _told_just_before(drafts: list[_Draft], mention: EventMention, lead: frozenset[int]) -> _Draft | None:
    """The agreement a mention goes on telling though it names no one of it:

    - "the document" signed on a day, right after (or in an article whose lead is about) an agreement
      of a definite kind not yet dated: "X drafted a ceasefire agreement. On D, A signed the document"
      (not a document with a name of its own, "Hiệp định Alger", unless that one bore it too);
    - an agreement of a definite kind with only the day it took effect, right after one signed a day or
      two before: "On D, A and B signed. The ceasefire took effect on D+1."
    """
    participants = any(c.predicate in _AGREEMENT_EVIDENCE[:3] for c in mention.claims)
    for draft in reversed(drafts):
        if draft.kind == GROUP or not _compatible(draft, mention):
            continue
        near = 0 <= mention.sentence - draft.last_sentence <= _FOLLOW_ON_SENTENCES
        if mention.kind == GENERIC and draft.kind != GENERIC and draft.value("signingDate") is None \
                and not (mention.name and not draft.names) and not mention.indefinite \
                and (near or set(draft.sentences) <= lead):
            return draft
        if mention.kind != GENERIC and not participants and near and mention.first("signingDate") is None \
                and mention.first("effectiveFrom") is not None and draft.value("signingDate") is not None:
            return draft
    return None


def _territorial(mentions: list[EventMention], *, status_matters: bool) -> list[_Draft]:
    """Captures or transfers merged by territory and compatible facts; references attach last."""
    drafts: list[_Draft] = []
    for mention in (m for m in mentions if m.role == NEW or m.confirms):
        claim = _confirmed_claim(drafts, mention) if mention.confirms else None
        if claim is not None:
            # The admission dates the admission, not the capture; an unnamed taker is the claimant's.
            mention.claims = [c for c in mention.claims if c.predicate in ("territory", "status", "capturedBy")
                              and (c.predicate != "capturedBy" or claim.value("capturedBy") == c.object)]
            claim.mentions.append(mention)
            continue
        if mention.role != NEW:
            continue
        # A place taken several times: the capture told last before that fits.
        same = next((d for d in reversed(drafts) if _compatible(d, mention, status_matters=status_matters)), None)
        if same is None:
            drafts.append(_Draft(mention.kind, [mention]))
        else:
            same.mentions.append(mention)
            _finest_date(same)
    for mention in (m for m in mentions if m.role == REFERENCE and not m.confirms):
        territory = mention.first("territory")
        told = [d for d in drafts if d.value("territory") == territory]
        before = [d for d in told if min(d.sentences) <= mention.sentence]
        target = max(before, key=lambda d: d.last_sentence) if before else (told[0] if told else None)
        if target is not None:
            target.references.append(mention)
    return drafts


def _confirmed_claim(drafts: list[_Draft], mention: EventMention) -> _Draft | None:
    """The claimed capture of the same place (and taker, if named) that an admission confirms."""
    taker = mention.first("capturedBy")
    for draft in reversed(drafts):
        if (draft.value("territory") == mention.first("territory") and draft.value("status") == TextValue(_CLAIMED)
                and taker in (None, draft.value("capturedBy")) and min(draft.sentences) < mention.sentence):
            return draft
    return None


def _in_story_month(view: ArticleView, draft: _Draft) -> _Draft:
    """A capture no sentence dates took place in the month its paragraph's story has reached: the month
    of the last day told before it there ("On 3 December ... beaten back on 5 December. Further north,
    X took Y in the first week of fighting" -> that December)."""
    confidence = view.words["confidence"].get("story_month")
    if confidence is None or draft.value("date") is not None or not draft.mentions:
        return draft
    first = min(draft.mentions, key=lambda m: m.begin)
    paragraph = view.document.paragraphs[view.sentence(first.sentence).paragraph - 1]  # 1-based
    if paragraph is view.document.paragraphs[0]:
        return draft  # the lead sums the whole war up: its order of telling is no story's order
    days = [d for d in view.dates(paragraph.begin, first.begin) if d.datatype in ("date", "dateTime")]
    if not days:
        return draft
    month = DateValue(days[-1].lexical[:7], "gYearMonth", days[-1].begin, days[-1].end)
    first.claims.append(Claim("date", month, days[-1].begin, days[-1].end, confidence))
    return draft


# ---------------------------------------------------------------- facts


def _facts(slug: str, draft: _Draft, kind: Callable[[str], str | None]) -> list[Fact]:
    """One fact per (predicate, object), with one Evidence per supporting sentence.

    A state or a body among the signers of an agreement that people signed ("A và B, thay mặt Chính
    phủ X, ký") is a side bound by it, not a signatory: signatories are the people who signed."""
    signers = {c.object for m in draft.mentions for c in m.claims if c.predicate == "signatory"}
    people = any(kind(s) == "Person" for s in signers if isinstance(s, str))
    by_fact: dict[tuple[str, object], dict[int, Claim]] = defaultdict(dict)
    for mention in draft.mentions:
        for claim in mention.claims:
            if people and claim.predicate == "signatory" and kind(claim.object) in ("Country", "Organization"):
                claim = replace(claim, predicate="party")
            kept = by_fact[(claim.predicate, claim.object)].get(mention.sentence)
            if kept is None or claim.confidence > kept.confidence:
                by_fact[(claim.predicate, claim.object)][mention.sentence] = claim
    statuses = {obj.value for predicate, obj in by_fact if predicate == "status"}
    mediators = {obj for predicate, obj in by_fact if predicate == "mediator"}
    # One place of signing: told by the city and by the hall in it, the surer one, else the first told.
    places = [(max(c.confidence for c in told.values()), -min(told), obj)
              for (predicate, obj), told in by_fact.items() if predicate == "location"]
    place = max(places, key=lambda p: p[:2])[2] if places else None
    facts = []
    for (predicate, obj), per_sentence in by_fact.items():
        if predicate == "location" and obj != place:
            continue
        if predicate == "status" and obj.value == _CLAIMED and _CONFIRMED in statuses:
            continue
        # A mediator who signs ("ký với tư cách là trung gian") or proposes it is not a side bound by it.
        if predicate in _SIDES and obj in mediators:
            continue
        # People who agreed to it and signed it are its signatories ("A and B agreed on a Final
        # Document ... signed by A and B"), not sides as well.
        if predicate == "party" and kind(obj) == "Person" and obj in signers:
            continue
        evidence = tuple(Evidence(sentence, c.begin, c.end, round(c.confidence, 3))
                         for sentence, c in sorted(per_sentence.items()))
        facts.append(Fact(slug, predicate, obj, evidence))
    return facts


def _in_force_on_signing(view: ArticleView, slug: str, draft: _Draft) -> list[Fact]:
    """effectiveFrom the signing date, where a sentence of the agreement says it took effect when
    signed ("có hiệu lực ngay sau khi ký", "kể từ thời điểm ký") and no other date is given."""
    signed = draft.value("signingDate")
    cue = view.words["agreement_places"].get("in_force_on_signing")
    if draft.kind not in AGREEMENT_KINDS or not isinstance(signed, DateValue) or signed.datatype != "date" \
            or draft.value("effectiveFrom") is not None or not cue:
        return []
    for index in draft.sentences:
        sentence = view.sentence(index)
        found = pattern(cue).search(view.text, sentence.begin, sentence.end)
        if found is not None:
            confidence = view.words["confidence"]["agreement_date"] * view.words["confidence"]["nearby"]
            return [Fact(slug, "effectiveFrom", DateValue(signed.lexical, signed.datatype),
                         (Evidence(index, found.start(), found.end(), round(confidence, 3)),))]
    return []


def _article_period(view: ArticleView, main_conflict: str | None) -> tuple[int, int] | None:
    """The years the article's subject spans: the dates of its lead paragraph, and the years
    written in brackets right after a name of the main conflict ("Chiến tranh X (1988–1994)").

    The lead's dates say when a war the text discovered was fought only when the lead is about that
    war (its first words, past an article such as "The", name it); an article about an agreement dates
    the agreement there.
    """
    if not view.document.paragraphs:
        return None
    lead = view.document.paragraphs[0]
    dates = view.dates(lead.begin, lead.end)
    if main_conflict is not None and not view.entities[main_conflict].known and not any(
            m.entity == main_conflict and len(view.text[view.sentences[0].begin:m.begin].split()) <= 1
            for m in view.mentions(view.sentences[0])):
        dates = []
    for sentence in view.sentences:
        for mention in view.mentions(sentence):
            bracket = _BRACKET.match(view.text, mention.end)
            if mention.entity == main_conflict and bracket:
                dates += view.dates(*bracket.span())
    years = [int(d.lexical[:4]) for d in dates if d.lexical[:4].isdigit()]
    return (min(years), max(years)) if years else None


def _dated_conflict(view: ArticleView, draft: _Draft) -> str | None:
    """The war the text places the event in, rather than the article's main conflict.

    In order: a conflict whose name carries the event's year, named in the event's paragraph
    ("xung đột ... tháng 9 năm 2022"); a conflict named in the paragraph before the event, not as
    background ("trong giai đoạn cuối của Chiến tranh X", not "trước khi Chiến tranh X"); a conflict
    named earlier in the article whose name carries the event's year.
    """
    year = _anchor_year(view, draft)
    paragraphs = {view.sentence(s).paragraph for s in draft.sentences}
    told = [(sentence, mention) for sentence in view.sentences for mention in view.mentions(sentence)
            if view.kind(mention.entity) == "Conflict"]
    in_paragraph = [(s, m) for s, m in told if s.paragraph in paragraphs]
    carries_year = [(s, m) for s, m in told if year is not None and str(year) in _YEAR.findall(m.text)]
    for sentence, mention in carries_year:
        if sentence.paragraph in paragraphs:
            return mention.entity
    first = view.sentence(min(m.sentence for m in draft.mentions))
    background = pattern(load_language_data(view.document.language, "cues")["conflict"]["event_background"])
    for sentence, mention in reversed(in_paragraph):
        if mention.begin < first.end and not background.search(view.text, sentence.begin, mention.begin):
            return mention.entity
    when = _event_when(draft) or str(year)
    # A name dated to the month ("tháng 9 năm 2022") holds only events of that month.
    earlier = [m for s, m in carries_year if m.begin < first.begin
               and any(when.startswith(d) for d in _name_dates(view, m))]
    return earlier[-1].entity if earlier else None


def _name_dates(view: ArticleView, mention: Mention) -> list[str]:
    """The dates a conflict's name carries: months where it names them, else its years."""
    return [d.lexical[:7] for d in view.dates(mention.begin, mention.end)] or _YEAR.findall(mention.text)


def _event_when(draft: _Draft) -> str | None:
    """The lexical form of the event's own date, if it has one."""
    value = draft.value("date") or draft.value("signingDate") or draft.value("effectiveFrom")
    return value.lexical if isinstance(value, DateValue) else None


def _anchor_year(view: ArticleView, draft: _Draft) -> int | None:
    """The event's year: its own date, else the first date of the sentence that tells it, else the
    last date told before it in its paragraph."""
    when = _event_when(draft)
    if when is not None and when[:4].isdigit():
        return int(when[:4])
    first = view.sentence(min(m.sentence for m in draft.mentions))
    dates = view.dates(first.begin, first.end)
    if not dates:
        paragraph = view.document.paragraphs[first.paragraph - 1]  # indices are 1-based
        dates = view.dates(paragraph.begin, first.begin)[-1:]
    return int(dates[0].lexical[:4]) if dates and dates[0].lexical[:4].isdigit() else None


def _within(view: ArticleView, draft: _Draft, period: tuple[int, int] | None) -> bool:
    """Whether the event falls in the years of the article's main conflict (a look back does not)."""
    year = _anchor_year(view, draft)
    return period is None or year is None or period[0] <= year <= period[1]


def _in_conflict_years(view: ArticleView, draft: _Draft, conflict: str) -> bool:
    """Whether the event's year lies in the years the gazetteer gives the conflict (if it gives any)."""
    entry = view.gazetteer.entries.get(conflict)
    year = _anchor_year(view, draft)
    return entry is None or entry.years is None or year is None or entry.years[0] <= year <= entry.years[1]


def _conflict_by_span(view: ArticleView, draft: _Draft) -> str | None:
    """The one conflict of the article's sides whose days of fighting hold the event's exact date (a
    hand-over also while its armistice's terms were being carried out); None when no name places it."""
    when = _event_when(draft)
    if when is None or len(when) < len("YYYY-MM-DD"):
        return None
    day = when[:10]
    # Only a war the article names, or one whose sides it names (the gazetteer's `parties`): its wars'
    # days hold dates of wars an article about another part of the world knows nothing of.
    holding = [entry.slug for entry in view.gazetteer.entries.values() if entry.span is not None
               and (entry.slug in view.entities or any(side in view.entities for side in entry.parties))
               and entry.span[0] <= day <= (entry.terms_until if entry.terms_until and draft.kind == TRANSFER
                                            else entry.span[1])]
    return holding[0] if len(holding) == 1 else None


def _conflict_fact(view: ArticleView, slug: str, draft: _Draft, conflict: str) -> Fact:
    confidence = view.words["confidence"]["conflict"]
    spans = {m.sentence: (m.begin, m.end) for m in reversed(draft.mentions)}
    evidence = tuple(Evidence(sentence, *spans[sentence], confidence) for sentence in sorted(spans))
    return Fact(slug, "partOfConflict", conflict, evidence)


# ---------------------------------------------------------------- names


def _kebab(kind: str) -> str:
    return "".join("-" + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(kind))


def _slug(draft: _Draft) -> str:
    """kind + territory + date; a planned transfer ends in -planned; a group names its mediators."""
    parts = [_kebab(draft.kind)]
    territory = draft.value("territory")
    if territory is not None:
        parts.append(territory)
    date = draft.value("date") or draft.value("signingDate") or draft.value("effectiveFrom")
    if isinstance(date, DateValue):
        parts.append(date.lexical[:10])
    elif draft.kind in AGREEMENT_KINDS or draft.kind == GROUP:
        predicate = "mediator" if draft.kind == GROUP else "signatory"
        parts.extend(c.object for c in draft.claims if c.predicate == predicate)
    status = draft.value("status")
    if isinstance(status, TextValue) and status.value == _PLANNED:
        parts.append("planned")
    return "-".join(dict.fromkeys(parts))


def _unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate


def _labels(draft: _Draft, entities: dict[str, Entity]) -> tuple[tuple[str, str], ...]:
    """An English label made from the event's facts: "Capture of {place} (2020-11-08)"."""
    name = _kebab(draft.kind).replace("-", " ").capitalize()
    territory = draft.value("territory")
    if isinstance(territory, str):
        entity = entities.get(territory)
        place = dict(entity.labels).get("en") or dict(entity.labels).get("vi") if entity else territory
        name = f"{name} of {place}"
    date = draft.value("date") or draft.value("signingDate") or draft.value("effectiveFrom")
    if isinstance(date, DateValue):
        name = f"{name} ({date.lexical[:10]})"
    return (("en", name),)
