"""Positions: "Tổng thống Pháp, Emmanuel Macron" -> Person holdsPosition Position (role, jurisdiction).

Role titles come from ``extract/data/{language}/roles.toml``. A position is read where a title, an
optional link word, a country and a person follow each other (commas and spaces between, or glued:
``Tổng thống ArmeniaArmen Sarkissian``). A title right before a person with no country reuses the
jurisdiction the same article gives for that person and role elsewhere.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from extract.gazetteer import slugify
from extract.langdata import load_language_data
from extract.mentions import SurfaceMatcher
from extract.model import Document, Entity, Evidence, Fact, Mention

# Between a country and the person it qualifies: nothing, spaces, or a comma.
_APPOSITION = re.compile(r"\s*,?\s*")


@dataclass(frozen=True)
class _Role:
    slug: str
    labels: dict[str, list[str]]


@dataclass(frozen=True)
class _Reading:
    """One sentence saying that a person holds a role, perhaps in a named jurisdiction."""

    person: str
    role: _Role
    jurisdiction: str | None
    evidence: Evidence


def _roles(data: Mapping[str, Any], language: str) -> dict[str, _Role]:
    """Title in ``language`` -> role."""
    titles: dict[str, _Role] = {}
    for row in data["role"]:
        role = _Role(slugify(row["en"][0]), {lang: list(row[lang]) for lang in row})
        for title in row[language]:
            titles[title] = role
    return titles


def _label(entity: Entity, language: str) -> str | None:
    return next((label for lang, label in entity.labels if lang == language), None)


def _readings(document: Document, mentions: list[Mention], kinds: Mapping[str, str],
              data: Mapping[str, Any]) -> list[_Reading]:
    """Every title-(country)-person sequence in the document."""
    titles = _roles(data, document.language)
    matcher = SurfaceMatcher(titles)
    links = tuple(data["jurisdiction_links"])
    former = tuple(data["former"])
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_sentence[mention.sentence].append(mention)
    readings: list[_Reading] = []
    for sentence in document.sentences:
        here = sorted(by_sentence.get(sentence.index, ()), key=lambda m: m.begin)
        text, offset = sentence.text, sentence.begin
        for begin, end, title in matcher.find(text):
            rest = text[end:]
            stripped = rest.lstrip()
            for link in links:
                if stripped.startswith(link + " "):
                    stripped = stripped[len(link):].lstrip()
            cursor = offset + end + len(rest) - len(stripped)
            following = [m for m in here if m.begin >= cursor]
            if not following:
                continue
            country = following[0] if kinds.get(following[0].entity) == "Country" \
                and following[0].begin == cursor else None
            if country is not None:
                after = country.end
                following = following[1:]
            else:
                after = offset + end
            person = following[0] if following else None
            gap = document.text[after:person.begin] if person else ""
            if person is None or kinds.get(person.entity) != "Person" or not _APPOSITION.fullmatch(gap):
                continue
            head = text[:begin].rstrip()
            is_former = any(head.endswith(word) and (len(head) == len(word) or not head[-len(word) - 1].isalnum())
                            for word in former)
            confidence = data["former_confidence"] if is_former else data["confidence"]
            if country is None:
                confidence = min(confidence, data["inherited_confidence"])
            evidence = Evidence(sentence.index, offset + begin, person.end, float(confidence))
            readings.append(_Reading(person.entity, titles[title], country.entity if country else None, evidence))
    return readings


def find_positions(document: Document, entities: list[Entity], mentions: list[Mention],
                   roles: Mapping[str, Any] | None = None) -> tuple[list[Entity], list[Fact]]:
    """Role and Position entities, and holdsPosition/role/jurisdiction facts with their evidence."""
    data = roles if roles is not None else load_language_data(document.language, "roles")
    by_slug = {e.slug: e for e in entities}
    readings = _readings(document, mentions, {e.slug: e.kind for e in entities}, data)
    # A title with no country takes the jurisdiction given for the same person and role elsewhere.
    named = {(r.person, r.role.slug): r.jurisdiction for r in readings if r.jurisdiction}
    evidence: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    new_entities: dict[str, Entity] = {}
    for reading in readings:
        jurisdiction = reading.jurisdiction or named.get((reading.person, reading.role.slug))
        if jurisdiction is None:
            continue
        role, country = reading.role, by_slug[jurisdiction]
        position = f"{role.slug}-of-{slugify(_label(country, 'en') or country.slug)}"
        new_entities.setdefault(role.slug, _role_entity(role))
        new_entities.setdefault(position, _position_entity(position, role, country, data["position_label"]))
        for triple in ((reading.person, "holdsPosition", position), (position, "role", role.slug),
                       (position, "jurisdiction", country.slug)):
            if all(e.sentence != reading.evidence.sentence for e in evidence[triple]):
                evidence[triple].append(reading.evidence)
    facts = [Fact(s, p, o, tuple(ev)) for (s, p, o), ev in evidence.items()]
    return list(new_entities.values()), facts


def _role_entity(role: _Role) -> Entity:
    labels = tuple((lang, names[0]) for lang, names in role.labels.items())
    alt = tuple((lang, name) for lang, names in role.labels.items() for name in names[1:])
    return Entity(role.slug, "Role", labels, alt)


def _position_entity(slug: str, role: _Role, country: Entity, templates: Mapping[str, str]) -> Entity:
    labels = []
    for lang, template in templates.items():
        country_label = _label(country, lang)
        if country_label and role.labels.get(lang):
            labels.append((lang, template.format(role=role.labels[lang][0], jurisdiction=country_label)))
    return Entity(slug, "Position", tuple(labels))
