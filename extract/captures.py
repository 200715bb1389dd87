"""Captures told in a sentence: territory, who took it, when, claimed or confirmed.

"quân X chiếm được A" (active: the places follow the cue, the taker is the
closest country before it); "A bị lực lượng Y chiếm giữ" (passive: the place is the
subject, the taker sits between "bị" and the cue, or is the side of whoever announces it:
"X thông báo Y đã được giải phóng"); "A rơi vào tay X" (the taker follows the cue, or
"rơi vào tay họ": the side named before; a dated fall starts an event even with no taker named,
taken by the side the sentence before tells attacking the place, if any).
A capture announced by a side ("thông báo", "được cho là") is Claimed, else Confirmed.
"B cũng bị chiếm" right after a capture was taken by the same side. An undated capture told without
its taker, or an undated passive ("đã bị X chiếm giữ trong cuộc chiến": held, not taken), starts no
event: it only refers to a capture of that place told elsewhere. An active capture with no taker named before the cue
("A tuyên bố quân đội đã chiếm được X") was taken by the side of whoever announces it; one taken by a
person ("quân của tướng X chiếm A") by the country that person acts for, when the article tells it. A capture a
side admits ("B xác nhận ... đã chiếm được X") confirms a claim of that place told before, if any
(``confirms``): it upgrades that claim rather than starting an event dated by the admission.
"""

from __future__ import annotations

import re
from typing import Any

from extract.eventtext import NEW, REFERENCE, ArticleView, EventMention, Token, pattern
from extract.model import Sentence

KIND = "Capture"
_CLAUSE_BREAK = re.compile(r"[,;:.]")
_LEFT_WINDOW = 4  # body sentences before an entry that may tell the place was left


def find_capture_mentions(view: ArticleView) -> list[EventMention]:
    """Every capture each body sentence tells, one mention per territory."""
    found: list[EventMention] = []
    taker: Token | None = None  # of the capture told last, for "B cũng bị chiếm" right after it
    told_in: Sentence | None = None  # the sentence that capture was told in
    for sentence, match, rule in view.cue_matches("capture"):
        # The taker of a capture told in the sentence before goes on taking ("Indonesia mở chiến dịch:
        # ... chiếm thành phố. Ngày 10, một cuộc đổ bộ khác chiếm Baucau").
        going_on = taker if told_in is not None and _next_in_paragraph(told_in, sentence) else None
        told, taker = _capture(view, sentence, match.start(), match.end(), rule, taker, going_on)
        if told:
            told_in = sentence
        found.extend(told)
    return found


def _names_a_doer(before: str) -> bool:
    """Whether a capitalised word past the sentence's first names who acts ("Đại đoàn 316 đánh chiếm",
    "cánh quân của Đô đốc Long làm chủ"): then the side of the capture before does not carry over."""
    return any(word[:1].isupper() for word in before.split()[1:])


def _next_in_paragraph(earlier: Sentence, sentence: Sentence) -> bool:
    return sentence.paragraph == earlier.paragraph and 0 <= sentence.index - earlier.index <= 1


def _capture(view: ArticleView, sentence: Sentence, begin: int, end: int, rule: dict[str, Any],
             last_taker: Token | None, going_on: Token | None = None) -> tuple[list[EventMention], Token | None]:
    words = view.words["territory"]
    before = view.text[sentence.begin:begin]
    if pattern(words["negation"]).search(before):
        return [], last_taker
    passive = pattern(words["passive"]).search(before)
    places = view.place_tokens(sentence)
    status_cues = view.words["capture_status"]
    claimed = bool(pattern(status_cues["claimed"]).search(before))
    # Where the language tells the source after the clause ("..., according to X").
    if "claimed_after" in status_cues:
        claimed = claimed or bool(pattern(status_cues["claimed_after"]).search(view.text[end:sentence.end]))
    if rule.get("taker_after"):
        # "A rơi vào tay lực lượng X": the place is the subject, the taker follows the cue.
        items = view.subject_places(sentence, places, begin)
        # A cue naming its taker ("rơi vào tay X") names it in its own clause: "A nằm trong tay X, còn
        # các đồn của Y bị bao vây" was not taken by Y.
        # "fell to them ... after its Georgian garrison collapsed": a pronoun right after the cue is the
        # taker, a side told before; one named further on is not.
        if pattern(view.words["capture_cues"]["pronoun_taker"]).match(view.text[end:sentence.end]):
            taker = view.nearest_country_before(sentence, begin)
        else:
            taker = next((t for t in view.side_tokens(sentence) if t.begin >= end and not (
                rule.get("taker_in_clause") and _CLAUSE_BREAK.search(view.text, end, t.begin))), None)
    elif passive:
        items = view.subject_places(sentence, places, sentence.begin + passive.start())
        taker = view.passive_agent(sentence, passive, begin)
        if taker is None and claimed:
            taker = view.announcer(sentence, sentence.begin + passive.start())
        if taker is None and pattern(view.words["capture_cues"]["also"]).search(before, 0, passive.start()):
            taker = last_taker  # "A bị chiếm; B cũng bị chiếm": by the same side
    else:
        items = view.read_places(places, end, sentence.end)
        # "captured Jajce on 13 September, and on the same day Donji Vakuf fell to the ARBiH": a place
        # that is the subject of a verb of its own opens another clause; the list ends before it.
        subject = pattern(view.words["territory"].get("subject_after") or "(?!)")
        for index, item in enumerate(items):
            if index and subject.match(view.text, item.token.end, sentence.end):
                items = items[:index]
                break
        if rule.get("after_withdrawal"):
            items = [item for item in items if _left(view, sentence, begin, item.token.slugs)]
        taker = view.nearest_country_before(sentence, begin)
        clause_break = pattern(view.words["territory"].get("taker_clause_break") or "(?!)")
        if taker is not None and clause_break.search(view.text, taker.end, begin):
            taker = None
        doer = pattern(view.words["territory"].get("unit_doer") or "(?!)")
        if taker is not None and doer.search(view.text, taker.end, begin):
            # "Ở vùng hẹp của Phần Lan, Sư đoàn súng trường 163 của Hồng quân chiếm làng X": a unit named
            # after the side and before the verb takes the place; the side named before it is a landmark's.
            taker = None
        if taker is None and claimed:
            taker = view.announcer(sentence, begin)
        if taker is None:
            taker = view.commander_side(sentence, begin)
        if taker is None and pattern(view.words["capture_cues"].get("possessive_taker", "(?!)")).search(before):
            # "its forces ... retook B": the side the sentence before is about.
            previous = view.previous_sentence(sentence)
            taker = view.nearest_country_before(previous, previous.end) if previous is not None else None
        if taker is None and not claimed and going_on is not None and going_on.begin < sentence.begin \
                and not _names_a_doer(before):
            taker = Token(begin, end, going_on.slugs, going_on.kind, anaphoric=True)  # read at the cue
    if taker is None and (rule.get("taker_after") or passive) and not claimed and going_on is not None \
            and going_on.begin < sentence.begin and not view.side_tokens(sentence):
        # "Zaranj fell to the Taliban on 6 August. Sheberghan fell the next day": a fall that names no
        # side, right after a capture and in a sentence that names none, goes to the same taker.
        taker = Token(begin, end, going_on.slugs, going_on.kind, anaphoric=True)
    if taker is not None and not taker.anaphoric:
        taker = view.with_allies(sentence, taker)
    # A claim the other side admits later in the sentence is confirmed.
    if claimed and pattern(status_cues["confirmed"]).search(view.text, end, sentence.end):
        claimed = False
    confirms = not claimed and bool(pattern(status_cues["confirmed"]).search(before))
    status = "Claimed" if claimed else "Confirmed"
    strength = rule["confidence"]
    factor = strength * (view.words["confidence"]["claimed"] if status == "Claimed" else 1.0)
    mentions = []
    for item in items:
        side = taker if taker is not None or not rule.get("takerless") else _attacker(view, sentence,
                                                                                        item.token.slugs)
        dated = view.event_date(sentence, begin, end, item)
        # A fall told as such ("A thất thủ ngày D") is an event even when its taker goes unnamed; so is
        # a dated active capture ("Mùa hè năm 1786, ... đánh chiếm A"): its date sets it apart.
        known_taker = side is not None or bool(rule.get("takerless"))
        role = NEW if (known_taker and (dated is not None or not passive)) or (dated is not None and not passive) \
            else REFERENCE
        told = view.territory_mentions(KIND, sentence, (begin, end), item, role=role, status=status,
                                       strength=factor, sides={"capturedBy": side}, dated=dated)
        for mention in told:
            mention.confirms = confirms
        mentions.extend(told)
    return mentions, taker if taker is not None else last_taker


def _left(view: ArticleView, sentence: Sentence, position: int, slugs: tuple[str, ...]) -> bool:
    """Whether the sentence of ``position`` (before it) or one of the few body sentences before it, in
    this paragraph or the one before, tells the place left ("Đoàn xe đầu tiên rời Pleiku ..." closing a
    paragraph, "... tiến vào Pleiku" in the next)."""
    left = pattern(view.words["capture_cues"].get("left") or "(?!)")
    index = view.sentences.index(sentence)
    for told in view.sentences[max(0, index - _LEFT_WINDOW):index + 1]:
        for place in view.place_tokens(told):
            if place.slugs == slugs and place.end <= position \
                    and left.search(view.text[told.begin:place.begin]):
                return True
    return False


def _attacker(view: ArticleView, sentence: Sentence, slugs: tuple[str, ...]) -> Token | None:
    """The side the sentence before tells attacking the fallen place ("quân X tấn công vào A")."""
    previous = view.previous_sentence(sentence)
    if previous is None:
        return None
    attack = pattern(view.words["capture_cues"]["attack"])
    for place in view.place_tokens(previous):
        if place.slugs == slugs and attack.search(view.text[previous.begin:place.begin]):
            return view.nearest_country_before(previous, place.begin)
    return None
