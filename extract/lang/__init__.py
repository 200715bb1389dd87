"""Language packs: what the extractor knows of one language.

A pack is data, ``extract/data/{language}/*.toml`` (sentence rules, reference-list words, the date
grammar, name cues, role titles, event cues), and a small module ``extract/lang/{language}.py`` for
what is code rather than data: how the language's words are segmented and which of them are proper
names (spaCy keeps ``lang/xx/`` the same way). A third language is a folder and a module, not a
change to the extractors.

A document's language is, in this order: the one asked for (``ckg build --lang``), the one its
source declares (a file name's ``.vi.txt``, a page's ``<html lang>``, a dump's ``<siteinfo>``), the
one detected from its text (py3langid).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import ModuleType

from extract.data.schema import PACK_SCHEMAS

# The data files every pack has (extract/data/{language}/{name}.toml), in the order they are checked.
PACK_FILES = tuple(PACK_SCHEMAS)
# How sure the detector must be before a language without a pack is taken for the text's own: a short
# or name-heavy text (a country's name and one verb) is read in the most likely language that has a pack.
SURE = 0.9
# Enough text to tell a language; more costs time and says nothing new.
SAMPLE_CHARS = 6000


@dataclass(frozen=True)
class Detected:
    """A language told by the text, and how sure the detector is (0–1)."""

    language: str
    probability: float


def data_file(language: str, name: str) -> str:
    """The path, relative to the repository, of one data file of a pack."""
    return f"extract/data/{language}/{name}.toml"


def missing_file(language: str) -> str | None:
    """The first data file of ``language``'s pack that does not exist, or None when the pack is whole."""
    folder = resources.files("extract.data").joinpath(language)
    for name in PACK_FILES:
        if not folder.joinpath(f"{name}.toml").is_file():
            return data_file(language, name)
    return None


@cache
def packed_languages() -> tuple[str, ...]:
    """Languages with a whole pack, in name order."""
    folders = [entry.name for entry in resources.files("extract.data").iterdir() if entry.is_dir()]
    return tuple(sorted(name for name in folders if not name.startswith("_") and missing_file(name) is None))


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # lazy: the model loads in about a second

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _sample(text: str) -> str:
    """Body lines only: reference lines quote titles in many languages."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("^"))
    return (body or text)[:SAMPLE_CHARS]


def detect_language(text: str) -> Detected:
    """The language of an article's text (ISO 639-1), told by py3langid from its body lines.

    When the detector is not sure (short text, mostly names) and its first guess has no pack,
    the most likely language that has one is taken instead.
    """
    ranked = _identifier().rank(_sample(text))
    best, probability = ranked[0]
    if probability >= SURE or best in packed_languages():
        return Detected(best, float(probability))
    for language, score in ranked:
        if language in packed_languages():
            return Detected(language, float(score))
    return Detected(best, float(probability))


@cache
def pack_module(language: str) -> ModuleType:
    """The code of a language's pack (``extract/lang/{language}.py``)."""
    return importlib.import_module(f"extract.lang.{language}")
