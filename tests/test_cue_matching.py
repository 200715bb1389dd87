"""Cue matching: a cue that opens with its list is searched by what follows the list first."""

from __future__ import annotations

import pytest

from extract.eventtext import _remainder, event_words, pattern


@pytest.mark.parametrize(("regex", "rest"), [
    (r"(?P<list>.+?)\s+ký\b", r"\s+ký\b"),
    (r"(?P<list>[^).;]+?)\s+(?:đã\s+)?ký", r"\s+(?:đã\s+)?ký"),  # ")" inside a class does not close
    (r"(?P<list>(?:\w+\s)+?)\(x\)", r"\(x\)"),                  # an escaped bracket is a letter
    (r"(?P<list>[^])]+?)\s+ký", r"\s+ký"),                       # "]" first in a class is a letter
])
def test_the_rest_of_a_cue_is_what_follows_its_list(regex, rest):
    assert _remainder(regex).pattern == rest


@pytest.mark.parametrize("regex", [
    r"ký\s+(?P<list>.+)",                 # the list is not first
    r"(?P<list>.+?)\s+ký|(?P<x>nhất trí)",  # a second branch needs no list
    r"(?P<list>\w+)+\s+ký",               # the list repeats
    r"(?P<list>\w+)\s+(?P=list)",         # the rest refers back to the list
])
def test_no_rest_where_it_would_not_say_whether_the_whole_matches(regex):
    assert _remainder(regex) is None


SENTENCES = [
    "Ngày 10 tháng 11, Armenia, Azerbaijan và Nga đã ký tuyên bố ba bên tại Moskva.",
    "Hai bên nhất trí ngừng bắn, với sự trung gian của Pháp (Paris).",
    "Quân đội tiến vào thành phố mà không gặp kháng cự.",
    "The agreement was signed by the two foreign ministers in Geneva.",
]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_where_the_rest_never_matches_the_whole_never_does(language):
    """Every cue of the language's data with a rest: no sentence has a match the rest would miss."""
    cues = [rule["regex"] for table in event_words(language).values() if isinstance(table, list)
            for rule in table if isinstance(rule, dict) and "regex" in rule]
    with_rest = [cue for cue in cues if _remainder(cue) is not None]
    assert with_rest, "no cue of the data opens with its list: the shortcut is never taken"
    for cue in with_rest:
        for sentence in SENTENCES:
            if pattern(cue).search(sentence):
                assert _remainder(cue).search(sentence), (cue, sentence)
