"""English: words from spaCy's English tokenizer, proper nouns told by capitalisation.

No statistical English model installs from the package registry (spaCy's ``en_core_web_*`` are
downloaded from elsewhere at run time), so ``spacy.blank("en")`` gives the tokens (its rules know
"U.S.", "Gen.", "e.g.") and a proper noun is a capitalised word that is not a function word opening
the sentence (spaCy's English stop words). Which capitalised words are titles, months or document
words rather than names is data (``extract/data/en/cues.toml``), as for Vietnamese.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

# A word of the sentence: begin, end, text, tag (``Np`` for a proper noun, ``N`` otherwise).
WordTag = tuple[int, int, str, str]
PROPER_NOUN = "Np"


@cache
def _tokenizer():
    import spacy  # lazy: importing spaCy costs about a second

    return spacy.blank("en")


def tagged_words(text: str) -> list[WordTag]:
    """The sentence's tokens with offsets; capitalised ones that are not function words tagged ``Np``."""
    nlp = _tokenizer()
    stop_words = nlp.Defaults.stop_words
    words: list[WordTag] = []
    for token in nlp.make_doc(text):
        word = token.text
        capitalised = word[:1].isupper() and any(c.isalpha() for c in word)
        # A capitalised function word right after a proper noun is the name's next word ("Nghệ An", "Long An").
        named_on = bool(words) and words[-1][3] == PROPER_NOUN and text[words[-1][1]:token.idx] == " "
        proper = capitalised and (word.lower() not in stop_words or (named_on and word.isalpha()))
        words.append((token.idx, token.idx + len(word), word, PROPER_NOUN if proper else "N"))
    return words


# What may join two capitalised words of one name: a hyphen or dash with no space ("Wright-Patterson",
# "British–Irish"), a possessive ("Donetsk People's Republic", "Ulster Workers' Council").
_GLUE = frozenset({"-", "–", "—"})
# (also read by the name grammar in extract/mentions.py: "People's Army" opens with a possessive modifier)
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_OF_A_NAME = re.compile(r" of (?:the )?[A-Z]")
_WORD = re.compile(r"\w+")


def names_by_last_word(text: str, words: list[WordTag], heads: Mapping[str, str], joiners: frozenset[str],
                       never_first: frozenset[str]) -> list[tuple[int, int, str]]:
    """Names English tells by their last word: capitalised words back from a head ("Ulster Unionist Party",
    "Majnoon Islands", "Donetsk International Airport"); ``heads`` gives each head word's kind.

    A joining word (``joiners``, "and") stays inside only between two capitalised words ("Social Democratic
    and Labour Party", not "Party and Majnoon Islands"); a function word, or one of ``never_first``
    (titles), opens no name; a head followed by "of" and a name is the head of a longer name ("Armed
    Forces of X"), left to the head-first grammar. Returns (begin, end, kind) of each name of more
    than its head.
    """
    stop_words = _tokenizer().Defaults.stop_words
    found: list[tuple[int, int, str]] = []

    def capitalised(word: str) -> bool:
        return word[:1].isupper() and word.lower() not in stop_words and word not in never_first

    for index, (begin, _, word, _) in enumerate(words):
        # spaCy leaves a sentence's last word with its period and marker ("Islands.[1"): the head is the word.
        end = begin + len(_WORD.match(word).group(0)) if _WORD.match(word) else begin
        kind = heads.get(text[begin:end])
        if kind is None or _OF_A_NAME.match(text, end):
            continue
        first = index
        position = index - 1
        while position >= 0:
            b, e, w, _ = words[position]
            after = text[e:words[position + 1][0]]
            before = text[words[position - 1][1]:b] if position > 0 else None
            joins = position > 0 and capitalised(words[position - 1][2]) and (
                (w in _GLUE and before == after == "") or (w in POSSESSIVES and before == "" and after == " ")
                or (w in joiners and before == after == " " and words[position - 1][2] not in heads))
            if capitalised(w) and after in (" ", ""):
                first = position
            elif not joins:
                break
            position -= 1
        if first < index and found and words[first][0] < found[-1][1]:
            found[-1] = (found[-1][0], end, kind)  # "Air Force Base": the longer name, by its last head
        elif first < index:
            found.append((words[first][0], end, kind))
    return found
