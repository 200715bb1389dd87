"""Captures told in a sentence: territory, who took it, when, claimed or confirmed.

"quân X chiếm được A" (active: the places follow the cue, the taker is the
closest country before it); "A bị lực lượng Y chiếm giữ" (passive: the place is the
subject, the taker sits between "bị" and the cue). A capture announced by a side ("thông báo",
"được cho là") is Claimed, else Confirmed. A capture told without its taker, or in an undated
passive ("đã bị X chiếm giữ trong cuộc chiến": held, not taken), starts no event: it only refers
to a capture of that place told elsewhere.
"""

from __future__ import annotations

from extract.eventtext import NEW, REFERENCE, ArticleView, EventMention, ListItem, pattern
from extract.model import Sentence

KIND = "Capture"


def find_capture_mentions(view: ArticleView) -> list[EventMention]:
    """Every capture each body sentence tells, one mention per territory."""
    found: list[EventMention] = []
    for sentence, match, rule in view.cue_matches("capture"):
        found.extend(_capture(view, sentence, match.start(), match.end(), rule["confidence"]))
    return found


def _capture(view: ArticleView, sentence: Sentence, begin: int, end: int, strength: float) -> list[EventMention]:
    words = view.words["territory"]
    before = view.text[sentence.begin:begin]
    if pattern(words["negation"]).search(before):
        return []
    passive = pattern(words["passive"]).search(before)
    places = view.place_tokens(sentence)
    if passive:
        subject = view.place_before(sentence, places, sentence.begin + passive.start())
        items = [ListItem(subject)] if subject else []
        taker = view.passive_agent(sentence, passive, begin)
    else:
        items = view.read_places(places, end, sentence.end)
        taker = view.nearest_country_before(sentence, begin)
    claimed = pattern(view.words["capture_status"]["claimed"])
    status = "Claimed" if claimed.search(before) else "Confirmed"
    factor = strength * (view.words["confidence"]["claimed"] if status == "Claimed" else 1.0)
    mentions = []
    for item in items:
        dated = view.event_date(sentence, begin, end, item)
        role = NEW if taker is not None and (dated is not None or not passive) else REFERENCE
        mentions.extend(view.territory_mentions(KIND, sentence, (begin, end), item, role=role, status=status,
                                                strength=factor, sides={"capturedBy": taker}, dated=dated))
    return mentions
