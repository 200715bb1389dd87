"""Territory transfers told in a sentence: territory, from whom, to whom, when, planned or done.

"Armenia sẽ trao trả cho Azerbaijan bốn ngôi làng ..., gồm X, Y, Z và W" (active: the giver is
the subject, the places follow the cue and its recipient); "A ... được trao trả cho Y" or "Quận
đầu tiên được trao trả cho Y là quận A" (passive: the place is the subject, or follows a copula).
A transfer agreed for the future ("sẽ", "đồng ý") is Planned and takes no date (the date of its
sentence is when it was agreed); one carried out is Completed.
"""

from __future__ import annotations

import re
from typing import Any

from extract.eventtext import NEW, ArticleView, EventMention, ListItem, Token, pattern
from extract.model import DateValue, Sentence

KIND = "TerritoryTransfer"
# How far after the cue the recipient or the giver may stand.
_RECIPIENT_WINDOW = 80
# A recipient this close to the cue ("trao trả cho Azerbaijan") comes before the places.
_RECIPIENT_WORDS = 3


def find_transfer_mentions(view: ArticleView) -> list[EventMention]:
    """Every territory transfer each body sentence tells, one mention per territory."""
    found: list[EventMention] = []
    told: tuple[Sentence, str] | None = None  # the last recipient named, and where
    for sentence, match, rule in view.cue_matches("transfer"):
        context = told[1] if told is not None and _in_context(told[0], sentence) else None
        mentions = _transfer(view, sentence, match.start(), match.end(), rule, context)
        found.extend(mentions)
        recipients = [c.object for m in mentions for c in m.claims if c.predicate == "toParty"]
        if recipients:
            told = (sentence, str(recipients[-1]))
    return found


def _in_context(earlier: Sentence, sentence: Sentence) -> bool:
    """Whether a side named in ``earlier`` is still the topic: same paragraph, or the one right before."""
    if earlier.paragraph is None or sentence.paragraph is None:
        return False
    return 0 <= sentence.paragraph - earlier.paragraph <= 1


def _transfer(view: ArticleView, sentence: Sentence, begin: int, end: int, rule: dict[str, Any],
              context: str | None = None) -> list[EventMention]:
    words, cues = view.words["territory"], view.words["transfer_cues"]
    before = view.text[sentence.begin:begin]
    if pattern(words["negation"]).search(before):
        return []
    if rule.get("withdrawal") and any(pattern(capture["regex"]).search(view.text, sentence.begin, sentence.end)
                                      for capture in view.words["capture"]):
        return []  # the loser's retreat from a place the sentence tells taken
    # Sides of a transfer are states: a ministry receiving a reservoir is not one.
    countries = view.name_tokens(sentence, ("Country",), organisations=False)
    giver = _after(view, countries, end, cues["giver"])
    passive = pattern(words["passive"]).search(before)
    if rule.get("recipient_subject") and passive:
        # "Krym bị Nga sáp nhập", "A được sáp nhập vào B": the doer (or what follows "vào") receives.
        recipient = (view.passive_agent(sentence, passive, begin, organisations=False)
                     or _after(view, countries, end, cues["annexed_into"]))
    elif rule.get("recipient_subject"):
        # "Azerbaijan tiếp nhận quận A": the subject receives; "X sáp nhập A vào B": B does.
        recipient, passive = (_after(view, countries, end, cues["annexed_into"])
                              or view.nearest_country_before(sentence, begin, organisations=False)), None
    else:
        # A capital may stand for its government as the receiving side ("chuyển giao ... cho Baku").
        recipient = (_after(view, countries, end, cues["recipient"])
                     or _after(view, _seats(view, sentence), end, cues["seat_recipient"]))
    if giver is None and passive:
        giver = view.passive_agent(sentence, passive, begin, organisations=False)
    elif giver is None and not rule.get("recipient_subject"):
        giver = view.nearest_country_before(sentence, begin, organisations=False)
    places = view.place_tokens(sentence)
    if recipient is None and giver is None:
        if not (passive and context):
            return []
        # "Quận X được bàn giao ngày D" after "... trao trả quận Y cho Z": Z receives X too.
        items = _territories(view, sentence, places, begin, end, None, passive)
        subject = pattern(cues["context_subject"])
        if not items or not all(subject.search(view.text[sentence.begin:item.token.begin]) for item in items):
            return []
        recipient = Token(begin, end, (context,), "Country", anaphoric=True)
    items = _territories(view, sentence, places, begin, end, recipient, passive)
    if not items and rule.get("whole_states"):  # "Kuwait had been annexed to Iraq": the state itself
        sides = [(t.begin, t.end) for t in (recipient, giver) if t is not None]
        # (not a state named as the owner: "annexed Ukraine's Crimean peninsula")
        states = sorted(places + [t for t in countries if (t.begin, t.end) not in sides
                                  and view.text[t.end:t.end + 2] not in ("'s", "’s")], key=lambda t: t.begin)
        items = _territories(view, sentence, states, begin, end, recipient, passive)
    if recipient is None and items and not rule.get("recipient_subject"):
        # "trả lại bốn làng là A, B và C cho Y": the recipient follows the list the items name.
        handed = {slug for item in items for slug in item.token.slugs}
        told = [t.end for t in places if t.begin >= end and t.slugs[0] in handed]
        recipient = _after(view, countries, max(told), cues["recipient"]) if told else None
    status = "Planned" if _planned(before, cues) else "Completed"
    if rule.get("withdrawal") and recipient is None \
            and not pattern(words["agreement_named"]).search(view.text, sentence.begin, sentence.end):
        return []  # a withdrawal that hands the place to no one named, under no agreement, is no transfer
    mentions = []
    for item in items:
        dated = view.event_date(sentence, begin, end, item) if status == "Completed" else None
        if dated is None and status == "Completed":
            dated = _completion_date(view, sentence, end) or _date_of_the_agreement_before(view, sentence)
        mentions.extend(view.territory_mentions(KIND, sentence, (begin, end), item, role=NEW, status=status,
                                                strength=rule["confidence"],
                                                sides={"fromParty": giver, "toParty": recipient}, dated=dated))
    return mentions


def _planned(before: str, cues: dict[str, Any]) -> bool:
    """Agreed for the future: a word of plan before the cue, in the cue's own clause ("A buộc phải chấp
    nhận tối hậu thư và ngày D nhượng B": the hand-over itself is told as done)."""
    clause = pattern(cues.get("clause_break") or "(?!)")
    return any(not clause.search(before, found.end()) for found in pattern(cues["planned"]).finditer(before))


def _completion_date(view: ArticleView, sentence: Sentence, end: int) -> tuple[DateValue, float] | None:
    """The date the sentence later gives the hand-over's completion ("...; việc rút quân hoàn tất vào
    ngày D"), for a transfer with no date of its own."""
    completed = view.words["transfer_cues"].get("completed_on")
    if not completed:
        return None
    for date in view.dates(end, sentence.end):
        if pattern(completed).search(view.text[end:date.begin]):
            return date, view.words["confidence"]["nearby"]
    return None


def _date_of_the_agreement_before(view: ArticleView, sentence: Sentence) -> tuple[DateValue, float] | None:
    """The date of the sentence before, for a hand-over told as what the agreement that sentence tells
    did ("Ngày D, A và B ký một công ước. Theo công ước này, A sáp nhập X.")."""
    opener = view.words["transfer_cues"].get("under_that_agreement")
    before = view.previous_sentence(sentence)
    if not opener or before is None or not pattern(opener).match(view.text, sentence.begin, sentence.end):
        return None
    dates = view.dates(before.begin, before.end)
    return (dates[0], view.words["confidence"]["agreement_date"]) if dates else None


def _seats(view: ArticleView, sentence: Sentence) -> list[Token]:
    """Places that stand for the country the gazetteer gives them, as country tokens."""
    tokens = []
    for token in view.name_tokens(sentence, ("Place",)):
        slug = token.slugs[0]
        country = view.gazetteer[slug].country if slug in view.gazetteer else None
        if country is not None and country in view.entities:
            tokens.append(Token(token.begin, token.end, (country,), "Country"))
    return tokens


def _after(view: ArticleView, countries: list[Token], end: int, cue: str) -> Token | None:
    """The first country after the transfer cue whose preceding words match ``cue`` ("cho", "từ")."""
    for token in countries:
        if end <= token.begin <= end + _RECIPIENT_WINDOW and pattern(cue).search(view.text[end:token.begin]):
            return token
    return None


def _territories(view: ArticleView, sentence: Sentence, places: list[Token], begin: int, end: int,
                 recipient: Token | None, passive: re.Match[str] | None) -> list[ListItem]:
    """The places handed over: after the cue (and its recipient), after a copula, or the subject."""
    start = end
    if recipient is not None and recipient.begin >= end \
            and len(view.text[end:recipient.begin].split()) <= _RECIPIENT_WORDS \
            and not any(end <= t.begin < recipient.begin for t in places):
        start = recipient.end  # "trao trả cho Azerbaijan bốn ngôi làng"
    following = [t for t in places if t.begin >= start]
    if not passive:
        items = view.read_places(places, start, sentence.end)
        if items and recipient is not None and recipient.begin >= items[-1].token.end:
            # "trao trả quận A cho Y trước ngày X, quận B ...": the list goes on after the recipient.
            rest = [t for t in places if t.begin >= recipient.end]
            if rest and view.is_filler(recipient.end, rest[0].begin, view.dates(recipient.end, rest[0].begin),
                                       max_words=view.words["lists"]["max_place_gap_words"]):
                items += view.read_places(places, rest[0].begin, sentence.end)
        return items
    copula = pattern(view.words["territory"]["copula"])
    if following and copula.search(view.text[start:following[0].begin]):
        return view.read_places(places, following[0].begin, sentence.end)
    return view.subject_places(sentence, places, sentence.begin + passive.start())
