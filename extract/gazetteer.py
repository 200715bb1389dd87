"""The multilingual gazetteer: known entities with labels per language and Wikidata ids.

The data lives in ``extract/data/gazetteer.jsonl`` (one entity per line); this module
knows nothing of its content.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path

from extract.model import Entity

# Letters that Unicode does not decompose into an ASCII base plus a combining mark.
# GeoNames writes some Vietnamese names with the Icelandic eth ("Ðông Hà") where Vietnamese has "Đ".
_ASCII_FOLD = str.maketrans({"ə": "e", "Ə": "E", "ı": "i", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ø": "o",
                             "Ø": "O", "ß": "ss", "ł": "l", "Ł": "L", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                             "þ": "th", "Þ": "Th", "’": "", "'": "", "ʼ": ""})


def slugify(label: str) -> str:
    """ASCII-folded, lower-case, hyphen-separated slug of a label (``Şuşa`` -> ``susa``)."""
    decomposed = unicodedata.normalize("NFKD", label.translate(_ASCII_FOLD))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity: its stable slug, kind, labels per language (preferred first)."""

    slug: str
    kind: str
    labels: dict[str, tuple[str, ...]]
    wikidata: str | None = None
    country: str | None = None
    part_of: str | None = None
    years: tuple[int, int] | None = None  # a conflict's first and last year, where known
    # a conflict's first and last day of fighting (ISO dates), and the last day its armistice's
    # terms were carried out (hand-overs agreed in the war and done after it belong to it)
    span: tuple[str, str] | None = None
    terms_until: str | None = None
    # a conflict's sides (slugs of countries or groups): a war the article does not name is placed by
    # its days only in an article that names one of them
    parties: tuple[str, ...] = ()
    iso: str | None = None  # a country's ISO 3166-1 alpha-2 code (from the world data)

    def preferred(self, language: str) -> str | None:
        """The preferred label in ``language``, if the gazetteer has one."""
        names = self.labels.get(language)
        return names[0] if names else None

    def to_entity(self) -> Entity:
        """The entry as a shared ``Entity`` record (preferred labels, then variants as alt labels)."""
        labels = tuple((lang, names[0]) for lang, names in self.labels.items())
        alt_labels = tuple((lang, name) for lang, names in self.labels.items() for name in names[1:])
        return Entity(self.slug, self.kind, labels, alt_labels, self.wikidata, known=True)


@dataclass(eq=False)  # hashed by identity: matchers built from it are cached per instance
class Gazetteer:
    """Known entities indexed by slug and by surface form."""

    entries: dict[str, GazetteerEntry]
    # surface form -> slug; every label in every language
    surface_forms: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.entries.values():
            for names in entry.labels.values():
                for name in names:
                    self.surface_forms.setdefault(name, entry.slug)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """Load the packaged gazetteer (or the JSONL file at ``path``); cached per path."""
        return _load(str(path) if path is not None else None)

    @classmethod
    def from_lines(cls, lines: list[str]) -> Gazetteer:
        """Build a gazetteer from JSONL lines (blank lines ignored)."""
        entries: dict[str, GazetteerEntry] = {}
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            slug = row["slug"]
            if slug in entries:
                raise ValueError(f"gazetteer line {number}: duplicate slug {slug!r}")
            labels = {lang: tuple(unicodedata.normalize("NFC", n) for n in names)
                      for lang, names in row["labels"].items()}
            entries[slug] = GazetteerEntry(slug, row["kind"], labels, row.get("wikidata"),
                                           row.get("country"), row.get("part_of"),
                                           tuple(row["years"]) if "years" in row else None,
                                           tuple(row["span"]) if "span" in row else None,
                                           row.get("terms_until"), tuple(row.get("parties", ())))
        return cls(entries)

    def __contains__(self, slug: str) -> bool:
        return slug in self.entries

    def __getitem__(self, slug: str) -> GazetteerEntry:
        return self.entries[slug]


@cache
def _load(path: str | None) -> Gazetteer:
    if path is not None:
        return Gazetteer.from_lines(Path(path).read_text(encoding="utf-8").splitlines())
    text = resources.files("extract.data").joinpath("gazetteer.jsonl").read_text(encoding="utf-8")
    return with_world_countries(Gazetteer.from_lines(text.splitlines()))


def with_world_countries(gazetteer: Gazetteer) -> Gazetteer:
    """The gazetteer with every ISO 3166 country of the world data (``extract.world``).

    A country the hand gazetteer has already (one of its English labels is a world name) keeps its
    slug and Wikidata id and gains the world names as variants; any other becomes an entry of its own,
    slugged from its English name.
    """
    from extract.world import countries

    entries = dict(gazetteer.entries)
    by_english = {name.casefold(): entry.slug for entry in entries.values() if entry.kind == "Country"
                  for name in entry.labels.get("en", ())}
    for country in countries():
        slug = next((by_english[n.casefold()] for n in country.labels["en"] if n.casefold() in by_english), None)
        if slug is None:
            slug = slugify(country.name)
            if slug in entries:
                continue
            entries[slug] = GazetteerEntry(slug, "Country", dict(country.labels), iso=country.code)
            continue
        entry = entries[slug]
        labels = {lang: tuple(dict.fromkeys((*entry.labels.get(lang, ()), *country.labels.get(lang, ()))))
                  for lang in {*entry.labels, *country.labels}}
        entries[slug] = replace(entry, labels=labels, iso=country.code)
    return Gazetteer(entries)
