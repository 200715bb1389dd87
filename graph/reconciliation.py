"""Matching names to the graph's entities, for the reconciliation service (``web/reconcile.py``).

An ``EntityIndex`` holds every typed entity with its labels (``rdfs:label``, ``skos:altLabel``,
all languages). A name is compared in two forms: as written (case-folded, NFC) and without
diacritics (so "Thoa thuan ngung ban" still finds "Thỏa thuận ngừng bắn", with a lower
score). Candidates come from a character-trigram index, so a query never scans every
entity; each is scored 0–100 by the best of its labels. Property constraints (an
agreement's signatory, a capture's date) add to the score, and each is reported as a
feature.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from .namespaces import CKG, GEO, GRAPH_FACTS, RES, WD

TYPE = ox.NamedNode(str(RDF.type))
SUBCLASS_OF = ox.NamedNode(str(RDFS.subClassOf))
LABEL = ox.NamedNode(str(RDFS.label))
ALT_LABEL = ox.NamedNode(str(SKOS.altLabel))
SAME_AS = ox.NamedNode(str(OWL.sameAs))
FACTS = ox.NamedNode(str(GRAPH_FACTS))

# The classes an entity can be reconciled against (local names under ckg:), most general first.
RECONCILABLE_TYPES = (
    "Agreement", "Ceasefire", "Armistice", "Declaration", "Protocol", "AgreementGroup", "Conflict",
    "TerritoryTransfer", "Capture", "Person", "Country", "Organization", "Place", "Position",
)
# The types OpenRefine offers first.
DEFAULT_TYPES = ("Agreement", "Person", "Place", "Country", "Organization", "Conflict")
# Properties a client may read (data extension) or constrain a query with: id → IRI.
PROPERTIES = {
    **{name: ox.NamedNode(str(CKG[name])) for name in (
        "signatory", "mediator", "party", "signingDate", "effectiveFrom", "date", "location", "partOfConflict",
        "territory", "fromParty", "toParty", "capturedBy", "status", "holdsPosition", "jurisdiction",
    )},
    "lat": ox.NamedNode(str(GEO.lat)),
    "long": ox.NamedNode(str(GEO.long)),
    "wikidata": SAME_AS,
}
# Which properties are proposed for a type (data extension), by the type or a supertype.
PROPOSED_PROPERTIES = {
    "Agreement": ("signatory", "mediator", "party", "signingDate", "effectiveFrom", "location", "partOfConflict",
                  "wikidata"),
    "AgreementGroup": ("mediator", "partOfConflict"),
    "TerritoryTransfer": ("territory", "fromParty", "toParty", "date", "status", "partOfConflict"),
    "Capture": ("territory", "capturedBy", "date", "status", "partOfConflict"),
    "Person": ("holdsPosition", "wikidata"),
    "Position": ("jurisdiction",),
    "Place": ("lat", "long", "wikidata"),
    "Country": ("wikidata",),
    "Organization": ("wikidata",),
    "Conflict": ("wikidata",),
}
# An agreement of any kind is proposed the agreement's properties.
PROPOSED_PROPERTIES |= {kind: PROPOSED_PROPERTIES["Agreement"] for kind in ("Ceasefire", "Armistice", "Declaration",
                                                                             "Protocol")}
# Share of the score given to property constraints, when the query has any.
PROPERTY_WEIGHT = 0.3
# A candidate is a sure match at this score when no other candidate comes close.
MATCH_SCORE = 95.0
MATCH_MARGIN = 10.0
# Candidates scored per query (the best by shared trigrams).
SHORTLIST = 60


def fold(text: str) -> str:
    """Case-folded NFC text with single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def strip_marks(text: str) -> str:
    """Text without diacritics (đ → d), for names typed without them."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


def trigrams(text: str) -> set[str]:
    padded = f"  {strip_marks(fold(text))} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def name_score(query: str, label: str) -> float:
    """0–100: 100 for the same name, 90 when only diacritics differ, else a sequence similarity below 90."""
    query_folded, label_folded = fold(query), fold(label)
    if not query_folded:
        return 0.0
    if query_folded == label_folded:
        return 100.0
    query_plain, label_plain = strip_marks(query_folded), strip_marks(label_folded)
    if query_plain == label_plain:
        return 90.0
    ratio = max(
        difflib.SequenceMatcher(None, query_folded, label_folded).ratio(),
        0.95 * difflib.SequenceMatcher(None, query_plain, label_plain).ratio(),
    )
    # A query that is a whole word-prefix of the label ("Obama" for "Barack Obama") is a good lead too.
    if re.search(rf"(^|\s){re.escape(query_plain)}(\s|$)", label_plain):
        ratio = max(ratio, 0.75)
    return round(min(ratio * 100, 89.0), 1)


def slug(iri: str) -> str:
    """The reconciliation id of a resource: its IRI without the resource namespace."""
    return iri.removeprefix(str(RES))


@dataclass
class Entity:
    """A reconcilable entity: its IRI, labels as (language, text), direct and inherited types."""

    iri: str
    labels: list[tuple[str, str]] = field(default_factory=list)
    types: set[str] = field(default_factory=set)

    def name(self, languages: Iterable[str] = ("en", "vi")) -> tuple[str, str]:
        """(text, language) of the first label in the preferred languages, else any."""
        for language in languages:
            for label_language, text in self.labels:
                if label_language == language:
                    return text, language
        return (self.labels[0][1], self.labels[0][0]) if self.labels else (slug(self.iri), "")


@dataclass(frozen=True)
class Candidate:
    """One scored candidate of a query."""

    entity: Entity
    score: float
    name: str
    features: list[tuple[str, float | bool]]
    match: bool = False


@dataclass(frozen=True)
class Constraint:
    """A property constraint of a query: the property id and the values wanted (ids or text)."""

    property: str
    values: tuple[str, ...]


class EntityIndex:
    """Every reconcilable entity of a store, indexed by label trigrams."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.entities: dict[str, Entity] = {}
        self.supertypes = supertypes = self._supertypes()
        for name in RECONCILABLE_TYPES:
            for quad in store.quads_for_pattern(None, TYPE, ox.NamedNode(str(CKG[name])), None):
                if isinstance(quad.subject, ox.NamedNode) and quad.subject.value.startswith(str(RES)):
                    entity = self.entities.setdefault(quad.subject.value, Entity(quad.subject.value))
                    entity.types |= {name, *supertypes.get(name, ())}
        self.by_trigram: dict[str, set[str]] = defaultdict(set)
        for iri, entity in self.entities.items():
            for predicate in (LABEL, ALT_LABEL):
                for quad in store.quads_for_pattern(ox.NamedNode(iri), predicate, None, None):
                    label = (quad.object.language or "", quad.object.value)
                    if isinstance(quad.object, ox.Literal) and label not in entity.labels:
                        entity.labels.append(label)
            for label in entity.labels:
                for gram in trigrams(label[1]):
                    self.by_trigram[gram].add(iri)

    def _supertypes(self) -> dict[str, set[str]]:
        """Reconcilable supertypes of each reconcilable type, from the ontology's rdfs:subClassOf."""
        parents: dict[str, set[str]] = defaultdict(set)
        for quad in self.store.quads_for_pattern(None, SUBCLASS_OF, None, None):
            child, parent = quad.subject.value, quad.object.value
            if child.startswith(str(CKG)) and parent.startswith(str(CKG)):
                parents[child.removeprefix(str(CKG))].add(parent.removeprefix(str(CKG)))
        closure: dict[str, set[str]] = {}
        for name in RECONCILABLE_TYPES:
            seen, todo = set(), list(parents.get(name, ()))
            while todo:
                parent = todo.pop()
                if parent not in seen:
                    seen.add(parent)
                    todo += parents.get(parent, ())
            closure[name] = seen & set(RECONCILABLE_TYPES)
        return closure

    def describe(self, entity: Entity) -> str:
        """A short description telling namesakes apart: the entity's most specific types and its date."""
        specific = sorted(name for name in entity.types
                          if not any(name in self.supertypes.get(other, ()) for other in entity.types))
        dates = [value.value for property_id in ("signingDate", "date") for value in self.values(entity, property_id)]
        return ", ".join([*(type_label(name) for name in specific), *dates[:1]])

    def entity(self, ident: str) -> Entity | None:
        """The entity with this reconciliation id (slug) or IRI."""
        return self.entities.get(ident) or self.entities.get(str(RES) + ident)

    def _shortlist(self, query: str) -> list[str]:
        counts: Counter[str] = Counter()
        for gram in trigrams(query):
            counts.update(self.by_trigram.get(gram, ()))
        return [iri for iri, _ in counts.most_common(SHORTLIST)]

    def values(self, entity: Entity, property_id: str) -> list[ox.Term]:
        """The values of one property of an entity (facts, or its coordinates and Wikidata id)."""
        predicate = PROPERTIES[property_id]
        graph = FACTS if property_id not in ("lat", "long", "wikidata") else None
        quads = self.store.quads_for_pattern(ox.NamedNode(entity.iri), predicate, None, graph)
        values = [quad.object for quad in quads]
        if property_id == "wikidata":
            values = [value for value in values if value.value.startswith(str(WD))]
        return sorted(set(values), key=str)

    def _constraint_score(self, entity: Entity, constraint: Constraint) -> float:
        """0–1: how well the entity's values of the property meet the wanted values (best pair)."""
        if constraint.property not in PROPERTIES:
            return 0.0
        best = 0.0
        for value in self.values(entity, constraint.property):
            for wanted in constraint.values:
                if isinstance(value, ox.Literal):
                    lexical = value.value.removeprefix(str(WD))
                    score = 1.0 if fold(lexical).startswith(fold(wanted)) and wanted else 0.0
                else:
                    if wanted in (value.value, slug(value.value), value.value.removeprefix(str(WD))):
                        score = 1.0
                    else:
                        target = self.entities.get(value.value)
                        labels = target.labels if target else []
                        score = max((name_score(wanted, text) for _, text in labels), default=0.0) / 100
                best = max(best, score)
        return best

    def reconcile(self, query: str, types: tuple[str, ...] = (), type_strict: str = "any",
                  constraints: tuple[Constraint, ...] = (), limit: int = 5) -> list[Candidate]:
        """The best candidates for a name (and/or property constraints), best first."""
        if query.strip():
            pool = self._shortlist(query)
        else:
            pool = list(self.entities)
        candidates = []
        for iri in pool:
            entity = self.entities[iri]
            # "should": the types are a preference, not a filter.
            if types and type_strict != "should" and not _type_ok(entity.types, types, type_strict):
                continue
            scored = [(name_score(query, text), text, language) for language, text in entity.labels]
            label_score, name, _ = max(scored, default=(0.0, entity.name()[0], ""))
            features: list[tuple[str, float | bool]] = [("name", label_score)] if query.strip() else []
            score = label_score
            if constraints:
                property_scores = [self._constraint_score(entity, constraint) for constraint in constraints]
                features += [(constraint.property, value >= 0.8)
                             for constraint, value in zip(constraints, property_scores, strict=True)]
                property_score = 100 * sum(property_scores) / len(property_scores)
                score = property_score if not query.strip() else (
                    (1 - PROPERTY_WEIGHT) * label_score + PROPERTY_WEIGHT * property_score
                )
            if score > 0:
                candidates.append(Candidate(entity, round(score, 1), name, features))
        candidates.sort(key=lambda candidate: (-candidate.score, candidate.entity.iri))
        candidates = candidates[:limit]
        if candidates and candidates[0].score >= MATCH_SCORE and (
            len(candidates) == 1 or candidates[0].score - candidates[1].score >= MATCH_MARGIN
        ):
            first = candidates[0]
            candidates[0] = Candidate(first.entity, first.score, first.name, first.features, match=True)
        return candidates

    def suggest(self, prefix: str, types: tuple[str, ...] = (), limit: int = 10) -> list[tuple[Entity, str]]:
        """Entities whose labels start with (or contain) ``prefix``, for auto-completion: (entity, label)."""
        wanted = strip_marks(fold(prefix))
        found = []
        for entity in self.entities.values():
            if types and not _type_ok(entity.types, types, "any"):
                continue
            ranks = [(0 if strip_marks(fold(text)).startswith(wanted) else 1, text) for _, text in entity.labels
                     if wanted in strip_marks(fold(text))]
            if ranks:
                rank, text = min(ranks)
                found.append((rank, text.casefold(), entity, text))
        found.sort(key=lambda item: item[:2])
        return [(entity, text) for _, _, entity, text in found[:limit]]


def _type_ok(entity_types: set[str], wanted: tuple[str, ...], strict: str) -> bool:
    """Whether an entity's types satisfy the query's types (``any``/``should``: one of them; ``all``: each)."""
    if strict == "all":
        return all(name in entity_types for name in wanted)
    return any(name in entity_types for name in wanted)


# Names of properties whose id does not say it in words.
PROPERTY_NAMES = {"lat": "latitude (WGS84)", "long": "longitude (WGS84)", "wikidata": "Wikidata item"}


def type_label(name: str) -> str:
    """A type's or property's name in words: ``TerritoryTransfer`` → ``territory transfer``."""
    return PROPERTY_NAMES.get(name) or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def type_id(text: str) -> str:
    """A type's or property's id from what a client sends: a local name or a full ckg: IRI."""
    return text.removeprefix(str(CKG))
