"""Citation markers: every ``[N]`` in body paragraphs and notes, tied to the sentence holding it.

The sentence splitter keeps markers that follow a sentence's final punctuation inside that
sentence, so "holding" means "closed by" for ``...chiến tranh.[99] Dưới...``. Reference
records are not scanned: they are not prose, and their brackets hold translated titles.
"""

from __future__ import annotations

import re

from extract.model import CitationMarker, Sentence

# Only digits make a citation: "[s]" in "demonstrate[s]" or a bracketed translated title is text.
CITATION_MARKER = re.compile(r"\[(\d{1,4})\]")


def find_markers(text: str, sentences: list[Sentence], first_index: int = 1) -> list[CitationMarker]:
    """Every ``[N]`` inside the given sentences (in document order), numbered from ``first_index``."""
    markers: list[CitationMarker] = []
    for sentence in sentences:
        for match in CITATION_MARKER.finditer(text, sentence.begin, sentence.end):
            markers.append(
                CitationMarker(
                    index=first_index + len(markers),
                    number=int(match.group(1)),
                    begin=match.start(),
                    end=match.end(),
                    sentence=sentence.index,
                )
            )
    return markers
