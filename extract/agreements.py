"""Agreements told in a sentence: kind, signatories, mediators, parties, dates, place.

Triggers ("thỏa thuận đình chiến" → Armistice), signing, mediation and party cues are data
(``events.toml``). A sentence that only talks about an agreement told elsewhere ("Theo thỏa
thuận này", "thỏa thuận ... bị phá vỡ") gives a REFERENCE mention: its sentence is linked to
that agreement, and its dates (of the breach, of the talk) are not taken for the agreement's.
"""

from __future__ import annotations

import re
from dataclasses import replace
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
    Token,
    pattern,
)
from extract.model import DateValue, Sentence, TextValue

GENERIC = "Agreement"
GROUP = "AgreementGroup"
# Which mentions a cue list reads, per predicate.
_PARTICIPANT_KINDS = {
    "signatory": ("Person", "Country", "Organization"),
    "mediator": ("Person", "Country", "Organization"),
    "party": ("Person", "Country", "Organization"),
}
_CUE_TABLES = (("signatory", "signing"), ("mediator", "mediation"), ("party", "parties"))
# What "hai bên" stands for, tried in this order: a signatory is rather a person, a party a country.
_ANAPHOR_PREFERENCE = {"signatory": ("Person", "Country"), "party": ("Country", "Person")}


def find_agreement_mentions(view: ArticleView) -> list[EventMention]:
    """Every agreement each body sentence tells or refers to, in document order.

    A mediation told with talks that sign nothing yet ("Các cuộc thương lượng ... dưới sự trung gian
    của X") belongs to the agreement the paragraph tells next, within ``talks_reach`` sentences.
    """
    found: list[EventMention] = []
    talks: list[Claim] = []
    reach, since = view.words["agreement_places"]["talks_reach"], 0
    paragraph = None
    for sentence in view.sentences:
        if sentence.paragraph != paragraph:
            talks, paragraph = [], sentence.paragraph
        mentions, unattached = _sentence_agreements(view, sentence)
        new = [m for m in mentions if m.role == NEW and m.kind != GROUP]
        if new and talks:
            new[0].claims.extend(talks)
            talks = []
        if unattached:
            talks, since = unattached, 0
        elif talks and (since := since + 1) > reach:
            talks = []
        found.extend(mentions)
    return found


def _triggers(view: ArticleView, sentence: Sentence) -> list[tuple[int, int, str, bool]]:
    """Non-overlapping trigger spans with their kind and whether it is specific; the longest wins at one place."""
    candidates = []
    for rule in view.words["agreement_triggers"]:
        for match in view.matches(rule["regex"], sentence):
            candidates.append((match.start(), -(match.end() - match.start()), match.end(), rule["kind"],
                               rule.get("specific", False)))
    chosen: list[tuple[int, int, str, bool]] = []
    reached = sentence.begin
    for begin, _, end, kind, specific in sorted(candidates):
        if begin >= reached:
            chosen.append((begin, end, kind, specific))
            reached = end
    return [trigger for trigger in chosen if not _call(view, sentence, *trigger[:3])
            and not _translated(view, sentence, trigger[0])]


# "(French: Accord global de cessez-le-feu)", "(tiếng Anh: Geneva Accords)": brackets that name what
# precedes them in a language, up to the position in question.
_KEYED_BRACKET = re.compile(r"\((?:[^():;]{1,40}):[^()]*$")


def _translated(view: ArticleView, sentence: Sentence, begin: int) -> bool:
    """Whether the trigger stands in brackets giving the name before them in some language: the same
    document, not another one."""
    return _KEYED_BRACKET.search(view.text, sentence.begin, begin) is not None


def _call(view: ArticleView, sentence: Sentence, begin: int, end: int, kind: str) -> bool:
    """Whether the trigger only tells a call for an agreement, or that none was made, not one that was."""
    calls = view.words["agreement_calls"]
    if pattern(calls["before"]).search(view.text[sentence.begin:begin]):
        return True
    if pattern(calls["none"]).search(view.text[sentence.begin:begin]) and pattern(calls["none_after"]).match(
            view.text, end, sentence.end):
        return True  # "không có văn kiện nào được ký kết": no agreement at all
    return kind in calls["statement_kinds"] and pattern(calls["after"]).search(view.text[end:sentence.end]) is not None


def _with_content(view: ArticleView, sentence: Sentence, triggers: list[tuple[int, int, str, bool]]
                  ) -> list[tuple[int, int, str, bool]]:
    """Triggers typed by content: a declaration "theo đó" another agreement is that one; a document by its cues."""
    content = view.words["agreement_content"]
    merged: list[tuple[int, int, str, bool]] = []
    title_gap = pattern(content["title_gap"]) if content.get("title_gap") else None
    alias_gap = pattern(content["alias_gap"]) if content.get("alias_gap") else None
    for begin, end, kind, specific in triggers:
        if merged and alias_gap is not None and alias_gap.fullmatch(view.text, merged[-1][1], begin):
            # another name of the document just named, of the first name's kind ("Thỏa thuận X, còn gọi là Tuyên bố X")
            merged[-1] = (merged[-1][0], end, merged[-1][2], merged[-1][3])
            continue
        if merged and merged[-1][2] == "Declaration" and kind in content["kinds"] \
                and pattern(content["link"]).search(view.text, merged[-1][1], begin):
            merged[-1] = (merged[-1][0], merged[-1][1], kind, specific)
            continue
        if merged and merged[-1][2] == GENERIC and kind != GENERIC and title_gap is not None \
                and view.text[merged[-1][0]:merged[-1][0] + 1].isupper() \
                and title_gap.fullmatch(view.text, merged[-1][1], begin):
            merged[-1] = (merged[-1][0], end, kind, specific)  # one titled document of the definite kind
            continue
        merged.append((begin, end, kind, specific))
    # Each document reads up to the next trigger; the last one to the end of its sentence.
    stops = [begin for begin, *_ in merged[1:]] + [sentence.end]
    return [(begin, end, _kind_by_content(view, kind, end, stop, titled=view.text[begin:begin + 1].isupper()),
             specific) for (begin, end, kind, specific), stop in zip(merged, stops, strict=False)]


def _kind_by_content(view: ArticleView, kind: str, begin: int, end: int, *, titled: bool = False) -> str:
    """The kind a document's own words give it ("tuyên bố ... chấm dứt chiến sự" → Armistice), else its own.

    Only the words up to the next trigger, before any call ("kêu gọi ngừng bắn" is asked, not done), and
    not an aim ("thỏa thuận về chấm dứt xung đột") -- except in a document's title, which says what the
    document does ("Hiệp định về chấm dứt chiến tranh, lập lại hòa bình").
    """
    content = view.words["agreement_content"]
    if kind not in content["documents"] and not any(kind in cue.get("documents", ()) for cue in content["cues"]):
        return kind
    call = pattern(content["call"]).search(view.text, begin, end)
    told = view.text[begin:call.start() if call else end]
    for cue in content["cues"]:
        if kind not in content["documents"] and kind not in cue.get("documents", ()):
            continue  # a cue that types only the documents it names besides the table's
        aim = pattern(cue.get("not_after", "(?!)"))
        if any(not aim.search(told, 0, found.start()) or (titled and len(told[:found.start()].split()) <= 1)
               for found in pattern(cue["regex"]).finditer(told)):
            return cue["kind"]
    return kind


def _sentence_agreements(view: ArticleView, sentence: Sentence) -> tuple[list[EventMention], list[Claim]]:
    """The agreements the sentence tells, and the mediators it names with no agreement to give them to."""
    triggers = _with_content(view, sentence, _triggers(view, sentence))
    cues = _participant_claims(view, sentence)
    mentions = [_mention(view, sentence, begin, end, kind, specific) for begin, end, kind, specific in triggers]
    unattached: list[Claim] = []
    for claim, previous_agreement in cues:
        if mentions:
            nearest = min(mentions, key=lambda m: min(abs(m.begin - claim.end), abs(claim.begin - m.end)))
            nearest.claims.append(claim)
        elif previous_agreement:
            dated = previous_agreement == "dated" and not any(m.role == ATTACH_PREVIOUS for m in mentions)
            mentions.append(EventMention(GENERIC, sentence.index, claim.begin, claim.end, ATTACH_PREVIOUS))
            mentions[-1].claims.append(claim)
            if dated:  # "It was signed on D by A": the sentence dates the agreement it goes on about
                # ... by the date inside the clause, not one setting a scene before it ("Negotiated in M, it was").
                anchor = next((d.end for d in view.dates(claim.begin, claim.end)), claim.begin)
                mentions[-1].claims.extend(_date_claims(view, sentence, anchor, anchor))
        elif claim.predicate == "mediator":
            unattached.append(replace(claim, confidence=claim.confidence * view.words["confidence"]["nearby"]))
    for mention in mentions:
        _borrow_setting(view, sentence, mention)
        mention.role = _role(view, sentence, mention)
        _meeting_place(view, sentence, mention)
    return mentions, unattached


def _meeting_place(view: ArticleView, sentence: Sentence, mention: EventMention) -> None:
    """location: the one place where a meeting is told before the trigger, or in the sentence before.

    "A và B gặp nhau tại X; cùng ngày, hai bên chấp nhận ngừng bắn", "A đến X. Ngày hôm sau, họ ký":
    the agreement was made where the talks were, when that scene names no other place.
    """
    if mention.kind == GROUP or mention.role != NEW or mention.first("location") is not None:
        return
    cue = pattern(view.words["agreement_places"]["meeting"])
    strength = view.words["confidence"]["agreement_place"]
    scenes = [(sentence, mention.begin, 1.0)]
    previous = view.previous_sentence(sentence)
    # A place right after the trigger is the agreement's name ("Nghị định thư X"), not another scene.
    own = [t for t in view.name_tokens(sentence, ("Place",)) if view.text[mention.end:t.begin].strip()]
    if previous is not None and not _triggers(view, previous) and not own:
        scenes.append((previous, previous.end, view.words["confidence"]["nearby"]))
    for scene, stop, distance in scenes:
        places = [t for t in view.name_tokens(scene, ("Place",)) if t.end <= stop]
        met = [t for t in places if cue.search(view.text[scene.begin:t.begin])]
        if met and len({t.slugs[0] for t in places}) == 1:
            # The evidence span stays inside the agreement's sentence.
            begin = met[0].begin if scene is sentence else mention.begin
            mention.claims.append(Claim("location", met[0].slugs[0], begin, mention.end,
                                        strength * distance * view.certainty(met[0].slugs[0])))
            return


def _borrow_setting(view: ArticleView, sentence: Sentence, mention: EventMention) -> None:
    """Date, place and mediators from the sentence before, when it sets the scene and names no agreement.

    "Ngày X, A tiếp B và C tại Y. Ba nhà lãnh đạo ra một tuyên bố chung": a new agreement is
    told with its signatories in one sentence, its setting in the one before.
    """
    participants = any(c.predicate in ("signatory", "party") for c in mention.claims)
    if mention.kind == GROUP or not participants or mention.first("signingDate") is not None:
        return
    # Only a new agreement ("một tuyên bố chung"); "Nghị định thư được ký bởi" adds to the one told.
    # "Cũng tại buổi lễ, ...": the occasion of the sentence before, whatever that one told.
    opening = view.text[sentence.begin:mention.begin]
    same_occasion = pattern(view.words["agreement_places"]["same_occasion"]).search(opening) is not None
    if not same_occasion and not pattern(view.words["agreement_reference"]["indefinite"]).search(opening):
        return
    previous = view.previous_sentence(sentence)
    if previous is None or (_triggers(view, previous) and not same_occasion):
        return
    nearby = view.words["confidence"]["nearby"]
    # Those who brokered the agreement of the sentence before did not broker this one with it.
    mediators = [] if same_occasion else [claim for claim, _ in _participant_claims(view, previous)
                                          if claim.predicate == "mediator"]
    borrowed = [*_date_claims(view, previous, previous.end, previous.end),
                *_location_claims(view, previous, previous.begin, previous.begin), *mediators]
    present = {c.predicate for c in mention.claims}
    mention.claims.extend(replace(c, confidence=c.confidence * nearby) for c in borrowed
                          if c.predicate == "mediator" or c.predicate not in present)


def _mention(view: ArticleView, sentence: Sentence, begin: int, end: int, kind: str,
             specific: bool = False) -> EventMention:
    """A trigger with the dates and place its sentence gives it."""
    words = view.words
    count_word = re.search(r"(\w+)\s+[\"“]?$", view.text[sentence.begin:begin])  # bốn "hiệp ước …"
    count = view.numbers.get(count_word.group(1).lower(), 0) if count_word else 0
    summing_up = count_word is not None and pattern(words["agreement_reference"]["all_of"]).search(
        view.text[sentence.begin:count_word.start() + sentence.begin])
    if count > 1 and not summing_up:
        mention = EventMention(GROUP, sentence.index, count_word.start() + sentence.begin, end, NEW)
        mention.claims.append(Claim("memberCount", TextValue(str(count)), mention.begin, end,
                                    words["confidence"]["group_count"]))
        if len(view.dates(sentence.begin, sentence.end)) == 1:
            # "Ngày D, tại X, … ký bốn hiệp ước": signed together, on the sentence's one day and place.
            mention.claims.extend(_date_claims(view, sentence, begin, end))
            mention.claims.extend(_location_claims(view, sentence, begin, end))
        return mention
    mention = EventMention(kind, sentence.index, begin, end, NEW, specific=specific)
    named = pattern(words["agreement_reference"]["named"]).match(view.text, end, sentence.end)
    if named is not None:
        mention.name = re.sub(r"\s+\d{4}$", "", named.group(0).strip())
    mention.indefinite = pattern(words["agreement_reference"]["indefinite"]).search(
        view.text, sentence.begin, begin) is not None
    mention.claims.extend(_date_claims(view, sentence, begin, end))
    mention.claims.extend(_location_claims(view, sentence, begin, end))
    return mention


_CLAUSE_END = re.compile(r"[.;:]")


def _date_claims(view: ArticleView, sentence: Sentence, begin: int, end: int) -> list[Claim]:
    """signingDate: the closest date before the trigger (or right after it); effectiveFrom."""
    effective_cue = pattern(view.words["agreement_places"]["effective"])
    # Before the trigger only "takes effect" itself dates it; a bare "từ năm 2000" there ("làm trung gian từ
    # năm 2000, soạn thảo một thỏa thuận") is the go-between's time, neither signing nor taking effect.
    effective_before = pattern(view.words["agreement_places"]["effective_before_trigger"])
    strength = view.words["confidence"]["agreement_date"]
    claims, signing = [], []
    # The years of a war's name ("trong cuộc nổi dậy Tuareg 1990–1995, ... ký") date no agreement.
    wars = [(m.begin, m.end) for m in view.mentions(sentence) if view.kind(m.entity) == "Conflict"]
    for date in view.dates(sentence.begin, sentence.end):
        if any(b <= date.begin and date.end <= e for b, e in wars):
            continue
        told_before = view.text[sentence.begin:date.begin]
        if date.begin < end and effective_cue.search(told_before) and not effective_before.search(told_before):
            continue  # "từ năm 2000" before the trigger: since when something else went on
        cue = effective_cue if date.begin >= end else effective_before
        if cue.search(told_before):
            claims.append(Claim("effectiveFrom", _bare(date), min(begin, date.begin), max(end, date.end),
                                strength * view.distance_factor(end, date.begin)))
        else:
            signing.append(date)
    places = view.words["agreement_places"]
    clause_break = pattern(places["clause_break"])
    before = [d for d in signing if d.end <= begin and not clause_break.search(view.text, d.end, begin)]
    opening = [d for d in signing[:1] if d.end <= begin and pattern(places["opening_date"]).match(
        view.text[sentence.begin:d.begin])]
    triggers = _triggers(view, sentence)
    # A date after another agreement's name is that one's ("... và Tuyên bố X năm 1991").
    named = [e for b, e, *_ in triggers if b >= end and view.text[e:e + 2][-1:].isupper()]
    after = [d for d in signing if d.begin >= end and "," not in view.text[end:d.begin]
             and not any(e <= d.begin for e in named)]
    # "Thỏa thuận X, được A và B ký tại M ngày D": the date of the signing verb, past the appositions.
    signed = pattern(places["signed_on"])
    # "The Treaty of X, the peace treaty that was to end the war, was signed on D": a trigger inside an
    # apposition right after this one describes it; it does not stand between it and its verb.
    reference = view.words["agreement_reference"]
    title = pattern(reference["named"]).match(view.text, end, sentence.end) or \
        pattern(reference.get("title_after") or "(?!)").match(view.text, end, sentence.end)
    described = pattern(view.words["lists"].get("described_apposition") or "(?!)").match(
        view.text, title.end() if title else end)
    apposition_end = view.text.find(",", described.end(), sentence.end) if described else -1
    others = [b for b, *_ in triggers if not (described and end <= b < apposition_end)]
    if not after:
        after = [d for d in signing if d.begin >= end and signed.search(view.text, sentence.begin, d.begin)
                 and not any(end <= b < d.begin for b in others)][:1]
    # "ended with the X agreement, signed at M on D by ...": the date its own signing verb gives, right
    # after it, outranks one the sentence told before it.
    first_after = next((d for d in signing if d.begin >= end), None)
    if first_after is not None and before and before[-1] not in opening and begin < end \
            and signed.search(view.text, end, first_after.begin) \
            and not _CLAUSE_END.search(view.text, end, first_after.begin) \
            and not any(end <= b < first_after.begin for b, *_ in triggers):
        before, after = [], [first_after]
    # The opening date sets the scene only when the agreement's own clause gives no date.
    if (not before and not after and opening
            and not [d for d in signing if opening[0].end <= d.begin and d.end <= begin]):
        before = opening
    date = before[-1] if before else (after[0] if after else None)
    if before and after and before[-1] in opening and after[0].lexical.startswith(before[-1].lexical) \
            and len(after[0].lexical) > len(before[-1].lexical):
        date = after[0]  # "In 2002 the X signed a ceasefire in M on 7 October 2002": the day within the year
    if date is not None:
        # An agreement cannot take effect before it is signed ("ký ... kể từ năm 1994" looks back).
        claims = [c for c in claims if c.object.lexical[:10] >= date.lexical[:10]]
        gap = (date.end, begin) if date.end <= begin else (end, date.begin)
        claims.append(Claim("signingDate", date.day(), min(begin, date.begin), max(end, date.end),
                            strength * view.distance_factor(*gap)))
    return claims


def _location_claims(view: ArticleView, sentence: Sentence, begin: int, end: int) -> list[Claim]:
    """location: a place right after "tại", after the trigger or opening the sentence."""
    cue = pattern(view.words["agreement_places"]["location"])
    signed_at = pattern(view.words["agreement_places"].get("signed_at") or "(?!)")
    tokens = view.name_tokens(sentence, ("Place",))
    others = [e for b, e, *_ in _triggers(view, sentence) if e <= begin]
    for i, token in enumerate(tokens):
        opening = cue.match(_without_dates(view, sentence.begin, token.begin).lstrip(" ,"))
        # "ký tại Paris một nghị định thư": the place of the signing verb, before the document's name;
        # not one told after another agreement's name ("the X Accords, signed in M on D, ... and the Y
        # Agreement, signed in N").
        signed = signed_at.search(view.text, sentence.begin, token.begin) is not None \
            and not any(e <= token.begin for e in others)
        if (token.begin >= end or opening or signed) and cue.search(view.text[sentence.begin:token.begin]):
            # "tại Sảnh X trong Điện Y ở Moskva": the place the landmark lies in.
            for later in tokens[i + 1:]:
                if re.search(r"[,.;:()]", view.text[token.end:later.begin]) \
                        or not cue.search(view.text[sentence.begin:later.begin]):
                    break
                token = later
            return [Claim("location", token.slugs[0], min(begin, token.begin), max(end, token.end),
                          view.words["confidence"]["agreement_place"] * view.certainty(token.slugs[0]))]
    return []


def _without_dates(view: ArticleView, begin: int, end: int) -> str:
    """``text[begin:end]`` with its dates taken out ("Ngày 2 tháng 11 năm 2008, tại" → ", tại"), and
    with the words that open the first one ("Đêm ngày D, tại" → ", tại")."""
    pieces, cursor = [], begin
    opening = pattern(view.words["agreement_places"]["opening_date"])
    for date in view.dates(begin, end):
        before = view.text[cursor:date.begin]
        # What only opens the date ("Đêm ngày D, tại X") goes with it.
        pieces.append("" if cursor == begin and opening.match(before) else before)
        cursor = date.end
    return "".join(pieces) + view.text[cursor:end]


def _participant_claims(view: ArticleView, sentence: Sentence) -> list[tuple[Claim, bool]]:
    """Signatories, mediators and parties the sentence's cues name."""
    found: list[tuple[Claim, bool]] = []
    seen: set[tuple[str, str]] = set()
    for predicate, table in _CUE_TABLES:
        kinds = _PARTICIPANT_KINDS[predicate]
        anaphors = _demonstrative_tokens(view, sentence, kinds)
        if predicate in _ANAPHOR_PREFERENCE:
            anaphors += _anaphor_tokens(view, sentence, _ANAPHOR_PREFERENCE[predicate])
        tokens = sorted(view.name_tokens(sentence, kinds) + anaphors, key=lambda t: t.begin)
        for rule, match, item in _cue_items(view, sentence, table, tokens):
            anaphor = view.words["confidence"]["anaphor"] if item.token.anaphoric else 1.0
            for slug in item.token.slugs:
                if (predicate, slug) in seen:
                    continue
                seen.add((predicate, slug))
                confidence = (rule["confidence"] * view.certainty(slug) * anaphor
                              * _distance(view, match, item, rule))
                claim = Claim(predicate, slug, *_cue_span(match, item, rule), confidence)
                found.append((claim, rule.get("previous_agreement", False)))
    return found


def _cue_items(view: ArticleView, sentence: Sentence, table: str,
               tokens: list[Token]) -> list[tuple[dict[str, Any], re.Match[str], ListItem]]:
    """(rule, match, name) for every name a cue of ``table`` governs in the sentence."""
    found = []
    split = _fronted_mediation_end(view, sentence)
    for rule in view.words[table]:
        for match in view.matches(rule["regex"], sentence):
            begin, end = match.span("list")
            if split is not None and begin < split < end:
                # "Dưới sự trung gian của X, A và B đồng ý": X mediates, A and B are the subject.
                if table == "mediation" and rule["direction"] == "forward":
                    end = split
                elif table != "mediation" and rule["direction"] == "backward":
                    begin = split + 1
            for item in _persons_first(view, view.read_list(tokens, begin, end, rule["direction"])):
                found.append((rule, match, item))
    return found


def _fronted_mediation_end(view: ArticleView, sentence: Sentence) -> int | None:
    """Where a mediation phrase put before the clause's subject ends: the first comma between a
    forward mediation cue and a signing or agreeing verb that follows it and closes a list (comes
    after its closing conjunction), else the first comma there, an apposition's comma skipped."""
    verbs = [match.end("list") for table in ("signing", "parties") for rule in view.words[table]
             if rule["direction"] == "backward"
             for match in view.matches(rule["regex"], sentence)]
    for rule in (r for r in view.words["mediation"] if r["direction"] == "forward"):
        for match in view.matches(rule["regex"], sentence):
            start = match.start("list")
            after = [verb for verb in verbs if verb > start]
            if after:
                commas = [m.start() for m in re.finditer(",", view.text[start:min(after)])]
                if not commas:
                    return None
                closing = pattern(view.words["lists"]["closing"]).search(view.text, start, start + commas[-1])
                closed = [c for c in commas if closing is not None and start + c > closing.start()]
                appositions = _apposition_commas(view, sentence, [start + c for c in commas])
                candidates = [start + c for c in closed or commas if start + c not in appositions]
                return candidates[0] if candidates else None
    return None


def _apposition_commas(view: ArticleView, sentence: Sentence, commas: list[int]) -> set[int]:
    """Commas that open an apposition: one person's name closed by the next comma ("Ngoại trưởng
    Nga, X, A và B ký": X is the title's holder, not the first of the subject)."""
    persons = view.name_tokens(sentence, ("Person",))
    return {comma for comma, following in zip(commas, commas[1:], strict=False)
            if any(view.is_filler(comma + 1, token.begin, max_words=0)
                   and view.is_filler(token.end, following, max_words=0) for token in persons)}


def _anaphor_tokens(view: ArticleView, sentence: Sentence, preference: tuple[str, ...]) -> list[Token]:
    """"hai bên", "ba nhà lãnh đạo": the participants last named before in the paragraph."""
    tokens = []
    for rule in view.words["participant_anaphora"]:
        for match in view.matches(rule["regex"], sentence):
            count_word = match.groupdict().get("count_word")
            for kind in (k for k in preference if k in rule["kinds"]):
                if count_word is not None:
                    count = view.numbers[count_word.lower()]
                    sides = _meeting_sides(view, sentence, match.start(), kind)
                    named = sides if len(sides) == count else _named_before(view, sentence, match.start(),
                                                                             kind)[-count:]
                else:
                    named, count = _named_in_previous(view, sentence, kind), 2  # a plural pronoun: two or more
                if len(named) >= count:
                    tokens.append(Token(match.start(), match.end(), tuple(named), kind, anaphoric=True))
                    break
    return tokens


def _demonstrative_tokens(view: ArticleView, sentence: Sentence, kinds: tuple[str, ...]) -> list[Token]:
    """"lực lượng này", "nước này": the last name of the phrase's kind told before it in the paragraph."""
    coordinated = pattern(view.words["demonstrative_coordination"]["between"])
    tokens = []
    for rule in view.words["demonstrative_anaphora"]:
        wanted = tuple(kind for kind in rule["kinds"] if kind in kinds)
        for match in view.matches(rule["regex"], sentence) if wanted else ():
            # "A và nước này": a name joined to the phrase is another one than the phrase stands for.
            named = [token for other in view.sentences
                     if other.paragraph == sentence.paragraph and other.begin <= match.start()
                     for token in view.name_tokens(other, wanted) if token.end <= match.start()
                     and not coordinated.fullmatch(view.text, token.end, match.start())]
            if named:
                last = max(named, key=lambda token: token.begin)
                tokens.append(Token(match.start(), match.end(), last.slugs[:1], last.kind, anaphoric=True))
    return tokens


def _meeting_sides(view: ArticleView, sentence: Sentence, position: int, kind: str) -> list[str]:
    """The names of ``kind`` a meeting told last before ``position`` (in the sentence or the one
    before it) gives as its sides: a host's guests, or those who meet a third party."""
    found: list[tuple[int, list[str]]] = []
    for other in (view.previous_sentence(sentence), sentence):
        if other is None:
            continue
        tokens = view.name_tokens(other, (kind,))
        for rule in view.words["participant_sides"]:
            for match in pattern(rule["regex"]).finditer(view.text, other.begin, min(other.end, position)):
                items = view.read_list(tokens, match.start("list"), min(match.end("list"), position),
                                       rule["direction"])
                if items:
                    found.append((match.start(), [item.token.slugs[0] for item in items]))
    return max(found, key=lambda pair: pair[0])[1] if found else []


def _named_in_previous(view: ArticleView, sentence: Sentence, kind: str) -> list[str]:
    """Names of ``kind`` the sentence before gives, in order, mediators left out."""
    previous = view.previous_sentence(sentence)
    if previous is None:
        return []
    return [slug for slug in _named_before(view, previous, previous.end, kind)
            if any(t.slugs[0] == slug for t in view.name_tokens(previous, (kind,)))]


def _named_before(view: ArticleView, sentence: Sentence, position: int, kind: str) -> list[str]:
    """Names of ``kind`` told before ``position`` in the paragraph, by last appearance, mediators left out."""
    order: dict[str, int] = {}
    mediators: set[str] = set()
    for other in view.sentences:
        if other.paragraph != sentence.paragraph or other.begin > position:
            continue
        mediator_tokens = view.name_tokens(other, _PARTICIPANT_KINDS["mediator"])
        mediators |= {item.token.slugs[0] for _, _, item in _cue_items(view, other, "mediation", mediator_tokens)}
        for token in view.name_tokens(other, (kind,)):
            if token.end <= position:
                order[token.slugs[0]] = token.begin
    return [slug for slug in sorted(order, key=order.__getitem__) if slug not in mediators]


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
    """When a list names people, the countries in it qualify their titles ("Tổng thống X, A"), unless
    a country acts through the person ("Nga qua Bộ trưởng X")."""
    through = pattern(view.words["lists"]["through"])
    people = [item for item in items if view.kind(item.token.slugs[0]) == "Person"
              or through.match(view.text, item.token.end)]
    return people if any(view.kind(item.token.slugs[0]) == "Person" for item in people) else items


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
    # "Lệnh ngừng bắn năm 1994" names an agreement told before by its year: a reference.
    by_year_only = all(isinstance(c.object, DateValue) and c.object.datatype == "gYear"
                       for c in mention.claims if c.predicate in ("signingDate", "effectiveFrom"))
    # "Hiệp định Paris được ký kết ngày D": a generic document named by a proper name is one agreement.
    # ... and so is one written with a capital inside the sentence: its title ("ngày D, Thỏa thuận sơ bộ
    # về bầu cử ... được ký"), the first word of which alone is capitalised.
    titled = view.text[mention.begin:mention.begin + 1].isupper() and bool(re.sub(r"\[\w+\]", "", before).strip()) \
        and not re.search(r"[.:;!?]\s*$", before) and re.match(r"\s+[^\W\d_]", after) is not None
    named = pattern(words["named"]).match(view.text, mention.end, sentence.end) is not None \
        or pattern(words["named_before"]).search(before) is not None or titled
    to_the_day = any(isinstance(c.object, DateValue) and c.object.datatype in ("date", "dateTime")
                     for c in mention.claims if c.predicate in ("signingDate", "effectiveFrom"))
    if participants or (dated and (mention.kind != GENERIC or (named and to_the_day)) and not by_year_only):
        return NEW
    return REFERENCE


def _bare(date: DateValue) -> DateValue:
    """The date without its span (facts compare dates by value)."""
    return DateValue(date.lexical, date.datatype)
