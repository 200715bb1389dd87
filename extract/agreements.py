"""Agreements told in a sentence: kind, signatories, mediators, parties, dates, place.

Triggers ("thỏa thuận đình chiến" → Armistice), signing, mediation and party cues are data
(``events.toml``). A sentence that only talks about an agreement told elsewhere ("Theo thỏa
thuận này", "thỏa thuận ... bị phá vỡ") gives a REFERENCE mention: its sentence is linked to
that agreement, and its dates (of the breach, of the talk) are not taken for the agreement's.
"""

from __future__ import annotations

import re
from typing import Any

from extract.eventtext import (
    ATTACH,
    ATTACH_PREVIOUS,
    NEW,
    REFERENCE,
    ArticleView,
    Claim,
    EventMention,
    ListItem,
    pattern,
)
from extract.model import DateValue, Sentence, TextValue

GENERIC = "Agreement"
GROUP = "AgreementGroup"
# Which mentions a cue list reads, per predicate.
_PARTICIPANT_KINDS = {
    "signatory": ("Person", "Country"),
    "mediator": ("Person", "Country", "Organization"),
    "party": ("Person", "Country", "Organization"),
}
_CUE_TABLES = (("signatory", "signing"), ("mediator", "mediation"), ("party", "parties"))


def find_agreement_mentions(view: ArticleView) -> list[EventMention]:
    """Every agreement each body sentence tells or refers to, in document order."""
    found: list[EventMention] = []
    for sentence in view.sentences:
        found.extend(_sentence_agreements(view, sentence))
    return found


def _triggers(view: ArticleView, sentence: Sentence) -> list[tuple[int, int, str]]:
    """Non-overlapping trigger spans with their kind; the longest wins at one place."""
    candidates = []
    for rule in view.words["agreement_triggers"]:
        for match in pattern(rule["regex"]).finditer(view.text, sentence.begin, sentence.end):
            candidates.append((match.start(), -(match.end() - match.start()), match.end(), rule["kind"]))
    chosen: list[tuple[int, int, str]] = []
    reached = sentence.begin
    for begin, _, end, kind in sorted(candidates):
        if begin >= reached:
            chosen.append((begin, end, kind))
            reached = end
    return chosen


def _sentence_agreements(view: ArticleView, sentence: Sentence) -> list[EventMention]:
    triggers = _triggers(view, sentence)
    cues = _participant_claims(view, sentence)
    mentions = [_mention(view, sentence, begin, end, kind) for begin, end, kind in triggers]
    for claim, previous_agreement in cues:
        if mentions:
            nearest = min(mentions, key=lambda m: min(abs(m.begin - claim.end), abs(claim.begin - m.end)))
            nearest.claims.append(claim)
        elif previous_agreement:
            mentions.append(EventMention(GENERIC, sentence.index, claim.begin, claim.end, ATTACH_PREVIOUS))
            mentions[-1].claims.append(claim)
    for mention in mentions:
        mention.role = _role(view, sentence, mention)
    return mentions


def _mention(view: ArticleView, sentence: Sentence, begin: int, end: int, kind: str) -> EventMention:
    """A trigger with the dates and place its sentence gives it."""
    words = view.words
    count_word = re.search(r"(\w+)\s+$", view.text[sentence.begin:begin])
    count = words["numbers"].get(count_word.group(1).lower(), 0) if count_word else 0
    if count > 1:
        mention = EventMention(GROUP, sentence.index, count_word.start() + sentence.begin, end, NEW)
        mention.claims.append(Claim("memberCount", TextValue(str(count)), mention.begin, end,
                                    words["confidence"]["group_count"]))
        return mention
    mention = EventMention(kind, sentence.index, begin, end, NEW)
    mention.claims.extend(_date_claims(view, sentence, begin, end))
    mention.claims.extend(_location_claims(view, sentence, begin, end))
    return mention


def _date_claims(view: ArticleView, sentence: Sentence, begin: int, end: int) -> list[Claim]:
    """signingDate: the closest date before the trigger (or right after it); effectiveFrom."""
    effective_cue = pattern(view.words["agreement_places"]["effective"])
    strength = view.words["confidence"]["agreement_date"]
    claims, signing = [], []
    for date in view.dates(sentence.begin, sentence.end):
        if effective_cue.search(view.text[sentence.begin:date.begin]):
            claims.append(Claim("effectiveFrom", _bare(date), min(begin, date.begin), max(end, date.end),
                                strength * view.distance_factor(end, date.begin)))
        else:
            signing.append(date)
    before = [d for d in signing if d.end <= begin]
    after = [d for d in signing if d.begin >= end and "," not in view.text[end:d.begin]]
    date = before[-1] if before else (after[0] if after else None)
    if date is not None:
        # An agreement cannot take effect before it is signed ("ký ... kể từ năm 1994" looks back).
        claims = [c for c in claims if c.object.lexical[:10] >= date.lexical[:10]]
        gap = (date.end, begin) if date.end <= begin else (end, date.begin)
        claims.append(Claim("signingDate", _day(date), min(begin, date.begin), max(end, date.end),
                            strength * view.distance_factor(*gap)))
    return claims


def _location_claims(view: ArticleView, sentence: Sentence, begin: int, end: int) -> list[Claim]:
    """location: a place right after "tại", after the trigger or opening the sentence."""
    cue = pattern(view.words["agreement_places"]["location"])
    claims = []
    for token in view.name_tokens(sentence, ("Place",)):
        opening = _without_dates(view, sentence.begin, token.begin).strip(" ,") in ("Tại", "tại")
        if (token.begin >= end or opening) and cue.search(view.text[sentence.begin:token.begin]):
            claims.append(Claim("location", token.slugs[0], min(begin, token.begin), max(end, token.end),
                                view.words["confidence"]["agreement_place"] * view.certainty(token.slugs[0])))
            break
    return claims


def _without_dates(view: ArticleView, begin: int, end: int) -> str:
    """``text[begin:end]`` with its dates taken out ("Ngày 2 tháng 11 năm 2008, tại" → ", tại")."""
    pieces, cursor = [], begin
    for date in view.dates(begin, end):
        pieces.append(view.text[cursor:date.begin])
        cursor = date.end
    return "".join(pieces) + view.text[cursor:end]


def _participant_claims(view: ArticleView, sentence: Sentence) -> list[tuple[Claim, bool]]:
    """Signatories, mediators and parties the sentence's cues name."""
    found: list[tuple[Claim, bool]] = []
    seen: set[tuple[str, str]] = set()
    for predicate, table in _CUE_TABLES:
        tokens = view.name_tokens(sentence, _PARTICIPANT_KINDS[predicate])
        for rule in view.words[table]:
            for match in pattern(rule["regex"]).finditer(view.text, sentence.begin, sentence.end):
                for item in _persons_first(view, view.read_list(tokens, *match.span("list"), rule["direction"])):
                    slug = item.token.slugs[0]
                    if (predicate, slug) in seen:
                        continue
                    seen.add((predicate, slug))
                    confidence = rule["confidence"] * view.certainty(slug) * _distance(view, match, item, rule)
                    claim = Claim(predicate, slug, *_cue_span(match, item, rule), confidence)
                    found.append((claim, rule.get("previous_agreement", False)))
    return found


def _distance(view: ArticleView, match: re.Match[str], item: ListItem, rule: dict[str, Any]) -> float:
    """Words between the cue and the name: a list read backward starts at the cue's end."""
    if rule["direction"] == "backward":
        return view.distance_factor(item.token.end, match.end("list"))
    return view.distance_factor(match.start("list"), item.token.begin)


def _cue_span(match: re.Match[str], item: ListItem, rule: dict[str, Any]) -> tuple[int, int]:
    """The cue and the name it governs: an open-ended list group stops at that name."""
    if rule["direction"] == "forward":
        return min(match.start(), item.token.begin), item.token.end
    if rule["direction"] == "backward":
        return item.token.begin, max(match.end(), item.token.end)
    return min(match.start(), item.token.begin), max(match.end(), item.token.end)


def _persons_first(view: ArticleView, items: list[ListItem]) -> list[ListItem]:
    """When a list names people, the countries in it qualify their titles ("Tổng thống X, A")."""
    people = [item for item in items if view.kind(item.token.slugs[0]) == "Person"]
    return people or items


def _role(view: ArticleView, sentence: Sentence, mention: EventMention) -> str:
    """Whether the mention tells an agreement, adds to one told before, or only refers to one."""
    if mention.role == ATTACH_PREVIOUS or mention.kind == GROUP:
        return mention.role
    words = view.words["agreement_reference"]
    before = view.text[sentence.begin:mention.begin]
    after = view.text[mention.end:sentence.end]
    participants = any(c.predicate in _PARTICIPANT_KINDS for c in mention.claims)
    if pattern(words["before"]).search(before) or pattern(words["after"]).search(after):
        return ATTACH if participants else REFERENCE
    dated = mention.first("signingDate") is not None or mention.first("effectiveFrom") is not None
    if participants and not dated and not pattern(words["indefinite"]).search(before):
        return ATTACH  # "Nghị định thư được ký bởi ...": the agreement just told (a new one if none was)
    if participants or (dated and mention.kind != GENERIC):
        return NEW
    return REFERENCE


def _bare(date: DateValue) -> DateValue:
    """The date without its span (facts compare dates by value)."""
    return DateValue(date.lexical, date.datatype)


def _day(date: DateValue) -> DateValue:
    """A signing date is a day: a date-time keeps only its date."""
    if date.datatype == "dateTime":
        return DateValue(date.lexical[:10], "date")
    return _bare(date)
