"""Hand-built documents for the entity tests: one paragraph per line, sentences split as the reader does."""

from __future__ import annotations

import unicodedata

from extract.model import Document, Paragraph, Sentence
from extract.sentences import split_sentences


def document_from_text(text: str, doc_id: str = "test") -> Document:
    """A ``Document`` whose paragraphs are the lines of ``text`` (NFC), with sentence offsets."""
    text = unicodedata.normalize("NFC", text)
    document = Document(id=doc_id, text=text, source="<test>")
    position = 0
    for number, line in enumerate(text.split("\n"), start=1):
        begin, end = position, position + len(line)
        position = end + 1
        document.paragraphs.append(Paragraph(number, begin, end))
        for s_begin, s_end in split_sentences(text, begin, end):
            index = len(document.sentences) + 1
            document.sentences.append(Sentence(index, s_begin, s_end, text[s_begin:s_end], paragraph=number))
    return document
