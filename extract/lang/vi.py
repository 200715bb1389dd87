"""Vietnamese: words and proper-noun tags from underthesea (offline segmentation and POS tags, ``Np``)."""

from __future__ import annotations

# A word of the sentence: begin, end, text, tag (``Np`` for a proper noun).
WordTag = tuple[int, int, str, str]


def tagged_words(text: str) -> list[WordTag]:
    """The sentence's words as underthesea segments and tags them (``Quân đội``, ``Việt Nam``), with offsets."""
    from underthesea import pos_tag  # lazy: loading the tagger costs about half a second

    words: list[WordTag] = []
    cursor = 0
    for token, tag in pos_tag(text):
        begin = text.find(token, cursor)
        if begin < 0:
            continue
        cursor = begin + len(token)
        words.append((begin, cursor, token, tag))
    return words
