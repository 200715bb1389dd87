"""English: words from spaCy's English tokenizer, proper nouns told by capitalisation.

No statistical English model installs from the package registry (spaCy's ``en_core_web_*`` are
downloaded from elsewhere at run time), so ``spacy.blank("en")`` gives the tokens (its rules know
"U.S.", "Gen.", "e.g.") and a proper noun is a capitalised word that is not a function word opening
the sentence (spaCy's English stop words). Which capitalised words are titles, months or document
words rather than names is data (``extract/data/en/cues.toml``), as for Vietnamese.
"""

from __future__ import annotations

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
        proper = word[:1].isupper() and any(c.isalpha() for c in word) and word.lower() not in stop_words
        words.append((token.idx, token.idx + len(word), word, PROPER_NOUN if proper else "N"))
    return words
