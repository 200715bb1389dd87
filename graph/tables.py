"""Tables for analysts: one CSV per relation, each row with the evidence of its fact.

The shape follows the peace-agreement datasets (PA-X, UCDP Peace Agreements): one
row per agreement (date, place, conflict, kind) and one row per signatory, mediator,
party, territory transfer and capture, keyed by the agreement's or event's IRI so the
tables join. Every row carries its evidence: the document, the sentence and its
offsets, the supporting text, the reference numbers the sentence cites with the
records' URLs, and the statement's confidence. A fact told by several sentences is
one row; its evidence columns describe the most confident statement, and
``supporting_sentences`` counts them all.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from extract.errors import CkgError

from .evidence import STATEMENTS_OF, StatementEvidence, resolve_sentences
from .namespaces import CKG, GRAPH_DOCUMENTS, GRAPH_FACTS, RES, SCHEMA, WD
from .terms import as_float, as_int, select

FACTS = ox.NamedNode(str(GRAPH_FACTS))
DOCUMENTS = ox.NamedNode(str(GRAPH_DOCUMENTS))
TYPE = ox.NamedNode(str(RDF.type))
LABEL = ox.NamedNode(str(RDFS.label))
SAME_AS = ox.NamedNode(str(OWL.sameAs))
SOURCE = ox.NamedNode(str(DCTERMS.source))
LANGUAGE = ox.NamedNode(str(DCTERMS.language))
RECORD_URL = ox.NamedNode(str(SCHEMA.url))

AGREEMENT_KINDS = tuple(ox.NamedNode(str(CKG[name])) for name in
                        ("Armistice", "Ceasefire", "Declaration", "Protocol", "Agreement"))
AGREEMENT_GROUP = ox.NamedNode(str(CKG.AgreementGroup))
TRANSFER = ox.NamedNode(str(CKG.TerritoryTransfer))
CAPTURE = ox.NamedNode(str(CKG.Capture))
# Label languages, in the order a name column prefers them.
NAME_LANGUAGES = ("en", "vi")
# Attribute columns holding a value rather than a resource (no ``_name`` column beside them).
VALUE_COLUMNS = {"signing_date", "effective_from", "date", "status", "agreement_kind"}
# Several values in one cell (an event told with two dates) are joined with this.
MULTI_VALUE_SEPARATOR = "; "

EVIDENCE_COLUMNS = (
    "document", "document_url", "sentence", "sentence_begin", "sentence_end", "span_begin", "span_end",
    "supporting_text", "sentence_text", "cited_references", "record_urls", "confidence", "statement",
    "supporting_sentences",
)


@dataclass(frozen=True)
class Relation:
    """One table: rows are the facts ``?subject anchor ?object`` whose subject is of one of ``classes``.

    ``attributes`` are further columns read from the subject (column name → property); for a
    ``per_subject`` table the anchor is ``rdf:type`` and each subject is one row, of its most
    specific class.
    """

    subject_column: str
    classes: tuple[ox.NamedNode, ...]
    anchor: ox.NamedNode
    object_column: str
    attributes: dict[str, ox.NamedNode] = field(default_factory=dict)
    per_subject: bool = False


def _ckg(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(CKG[name]))


AGREEMENT_ATTRIBUTES = {"agreement_kind": TYPE, "signing_date": _ckg("signingDate"), "conflict": _ckg("partOfConflict")}
EVENT_ATTRIBUTES = {"date": _ckg("date"), "status": _ckg("status"), "conflict": _ckg("partOfConflict")}

RELATIONS: dict[str, Relation] = {
    "agreements": Relation(
        "agreement", AGREEMENT_KINDS, TYPE, "kind",
        {"signing_date": _ckg("signingDate"), "effective_from": _ckg("effectiveFrom"), "date": _ckg("date"),
         "location": _ckg("location"), "conflict": _ckg("partOfConflict")},
        per_subject=True,
    ),
    "signatories": Relation("agreement", AGREEMENT_KINDS, _ckg("signatory"), "signatory", AGREEMENT_ATTRIBUTES),
    # Mediators are also told of a group of agreements the text does not tell apart.
    "mediators": Relation(
        "agreement", (*AGREEMENT_KINDS, AGREEMENT_GROUP), _ckg("mediator"), "mediator", AGREEMENT_ATTRIBUTES
    ),
    "parties": Relation("agreement", AGREEMENT_KINDS, _ckg("party"), "party", AGREEMENT_ATTRIBUTES),
    "transfers": Relation(
        "transfer", (TRANSFER,), _ckg("territory"), "territory",
        {"from_party": _ckg("fromParty"), "to_party": _ckg("toParty"), **EVENT_ATTRIBUTES},
    ),
    "captures": Relation(
        "capture", (CAPTURE,), _ckg("territory"), "territory", {"captured_by": _ckg("capturedBy"), **EVENT_ATTRIBUTES}
    ),
}


class UnknownRelation(CkgError, LookupError):
    """A table name that is not one of RELATIONS."""

    status, type = 404, "not-found"


def local_name(iri: str) -> str:
    """The part of an IRI after its namespace (``ckg:Armistice`` → ``Armistice``)."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class Names:
    """Labels and Wikidata ids of IRIs, read once per IRI."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._labels: dict[str, dict[str, str]] = {}

    def labels(self, iri: str) -> dict[str, str]:
        """Label per language tag ("" for a plain literal)."""
        if iri not in self._labels:
            found: dict[str, str] = {}
            for quad in self.store.quads_for_pattern(ox.NamedNode(iri), LABEL, None, None):
                if isinstance(quad.object, ox.Literal):
                    found.setdefault(quad.object.language or "", quad.object.value)
            self._labels[iri] = found
        return self._labels[iri]

    def name(self, iri: str) -> str:
        """The English label, else Vietnamese, else any; the slug when there is none."""
        labels = self.labels(iri)
        for language in (*NAME_LANGUAGES, ""):
            if language in labels:
                return labels[language]
        if labels:
            return labels[sorted(labels)[0]]
        return iri.removeprefix(str(RES))

    def wikidata(self, iri: str) -> str:
        """The Wikidata id (``Q…``) the entity is ``owl:sameAs``, or ""."""
        ids = sorted(
            quad.object.value.removeprefix(str(WD))
            for quad in self.store.quads_for_pattern(ox.NamedNode(iri), SAME_AS, None, None)
            if isinstance(quad.object, ox.NamedNode) and quad.object.value.startswith(str(WD))
        )
        return ids[0] if ids else ""


def fact_support(store: ox.Store, predicate: ox.NamedNode, min_confidence: float = 0.0
                 ) -> dict[tuple[ox.NamedNode, ox.Term], list[StatementEvidence]]:
    """Every fact with ``predicate`` that has statements, with them, most confident first.

    Statements below ``min_confidence`` are left out, and so are facts left with none.
    """
    rows = [row for row in select(store, STATEMENTS_OF, p=predicate)
            if (as_float(row.get("confidence")) or 0.0) >= min_confidence]
    sentences = resolve_sentences(store, {row["sentence"] for row in rows if "sentence" in row})
    support: dict[tuple[ox.NamedNode, ox.Term], list[StatementEvidence]] = defaultdict(list)
    for row in rows:
        support[(row["s"], row["o"])].append(StatementEvidence(
            iri=row["statement"].value,
            confidence=as_float(row.get("confidence")),
            span_begin=as_int(row.get("begin")),
            span_end=as_int(row.get("end")),
            sentence=sentences.get(row["sentence"]) if "sentence" in row else None,
        ))
    for statements in support.values():
        statements.sort(key=lambda st: (-(st.confidence or 0.0), st.sentence.begin if st.sentence else 0, st.iri))
    return dict(support)


def record_urls(store: ox.Store, records: Iterable[str]) -> dict[str, list[str]]:
    """``schema:url`` of each reference record that has one."""
    urls: dict[str, list[str]] = {}
    for record in sorted(set(records)):
        found = sorted(quad.object.value
                       for quad in store.quads_for_pattern(ox.NamedNode(record), RECORD_URL, None, None))
        if found:
            urls[record] = found
    return urls


@dataclass(frozen=True)
class DocumentSource:
    """Where an article came from: its URL (the revision's when known) and language."""

    url: str | None
    language: str | None


def document_sources(store: ox.Store, documents: Iterable[str]) -> dict[str, DocumentSource]:
    """The source URL (``dcterms:source`` when it is a web address) and language of each document."""
    found = {}
    for document in set(documents):
        node = ox.NamedNode(document)
        sources = [quad.object.value for quad in store.quads_for_pattern(node, SOURCE, None, DOCUMENTS)]
        languages = [quad.object.value for quad in store.quads_for_pattern(node, LANGUAGE, None, DOCUMENTS)]
        urls = sorted(source for source in sources if source.startswith(("https://", "http://")))
        found[document] = DocumentSource(urls[0] if urls else None, languages[0] if languages else None)
    return found


def _cell(term: ox.Term) -> str:
    if isinstance(term, ox.Literal):
        return term.value
    if term.value.startswith(str(CKG)):
        return local_name(term.value)
    return term.value


def _most_specific(kinds: set[str]) -> str:
    """The most specific agreement class among a subject's types (Armistice before Agreement)."""
    order = [kind.value for kind in (*AGREEMENT_KINDS, AGREEMENT_GROUP)]
    return min(kinds, key=order.index)


class TableWriter:
    """Builds the rows of the relation tables from one store."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.names = Names(store)

    def _values(self, predicate: ox.NamedNode, subjects: set[ox.NamedNode]) -> dict[ox.NamedNode, list[ox.Term]]:
        values: dict[ox.NamedNode, list[ox.Term]] = defaultdict(list)
        for quad in self.store.quads_for_pattern(None, predicate, None, FACTS):
            if quad.subject in subjects:
                values[quad.subject].append(quad.object)
        return values

    def _subjects(self, relation: Relation) -> dict[ox.NamedNode, set[str]]:
        """Subjects of the relation's classes, with those classes."""
        kinds: dict[ox.NamedNode, set[str]] = defaultdict(set)
        for cls in relation.classes:
            for quad in self.store.quads_for_pattern(None, TYPE, cls, FACTS):
                kinds[quad.subject].add(cls.value)
        return kinds

    def header(self, relation: Relation) -> list[str]:
        columns = [relation.subject_column, f"{relation.subject_column}_name"]
        if relation.per_subject:
            columns += [f"{relation.subject_column}_name_{language}" for language in NAME_LANGUAGES]
            columns += [f"{relation.subject_column}_wikidata", relation.object_column]
        else:
            columns += [relation.object_column, f"{relation.object_column}_name", f"{relation.object_column}_wikidata"]
        for column in relation.attributes:
            columns.append(column)
            if column not in VALUE_COLUMNS:
                columns.append(f"{column}_name")
        return columns + list(EVIDENCE_COLUMNS)

    def rows(self, relation: Relation) -> list[dict[str, str]]:
        """One dict per row, keyed by the header's columns."""
        kinds = self._subjects(relation)
        subjects = set(kinds)
        attributes = {column: self._values(predicate, subjects) for column, predicate in relation.attributes.items()
                      if predicate != TYPE}
        support = fact_support(self.store, relation.anchor)
        if relation.per_subject:
            facts = [(subject, ox.NamedNode(_most_specific(classes))) for subject, classes in kinds.items()]
            for fact in facts:
                if fact not in support:
                    # A subject typed without a statement of its own: its most confident fact speaks for it.
                    support[fact] = self._any_support(fact[0])[:1]
        else:
            anchored = self.store.quads_for_pattern(None, relation.anchor, None, FACTS)
            facts = [(quad.subject, quad.object) for quad in anchored if quad.subject in subjects]
        wanted = set(facts)
        evidence = self._evidence([found[0] for key, found in support.items() if key in wanted and found])
        named = {column for column in relation.attributes if column not in VALUE_COLUMNS}
        rows = []
        for subject, obj in sorted(facts, key=lambda fact: (fact[0].value, str(fact[1]))):
            row = {relation.subject_column: subject.value,
                   f"{relation.subject_column}_name": self.names.name(subject.value)}
            if relation.per_subject:
                labels = self.names.labels(subject.value)
                for language in NAME_LANGUAGES:
                    row[f"{relation.subject_column}_name_{language}"] = labels.get(language, "")
                row[f"{relation.subject_column}_wikidata"] = self.names.wikidata(subject.value)
                row[relation.object_column] = _cell(obj)
            else:
                row[relation.object_column] = _cell(obj)
                entity = obj.value if isinstance(obj, ox.NamedNode) else None
                row[f"{relation.object_column}_name"] = self.names.name(entity) if entity else ""
                row[f"{relation.object_column}_wikidata"] = self.names.wikidata(entity) if entity else ""
            for column, predicate in relation.attributes.items():
                if predicate == TYPE:
                    row[column] = local_name(_most_specific(kinds[subject]))
                    continue
                values = sorted(attributes[column].get(subject, []), key=str)
                row[column] = MULTI_VALUE_SEPARATOR.join(_cell(value) for value in values)
                if column in named:
                    row[f"{column}_name"] = MULTI_VALUE_SEPARATOR.join(
                        self.names.name(value.value) for value in values if isinstance(value, ox.NamedNode)
                    )
            statements = support.get((subject, obj), [])
            row.update(evidence.get(statements[0].iri, {}) if statements else {})
            row["supporting_sentences"] = str(len(statements))
            rows.append(row)
        return rows

    def _any_support(self, subject: ox.NamedNode) -> list[StatementEvidence]:
        """The statements of every fact about ``subject``, most confident first."""
        statements = [st for predicate in {row["p"] for row in select(self.store, STATEMENTS_OF, s=subject)}
                      for (s, _), found in fact_support(self.store, predicate).items() if s == subject for st in found]
        return sorted(statements, key=lambda st: (-(st.confidence or 0.0), st.iri))

    def _evidence(self, statements: list[StatementEvidence]) -> dict[str, dict[str, str]]:
        """Evidence columns of each statement (keyed by its IRI)."""
        records = {record.iri for st in statements if st.sentence for citation in st.sentence.citations
                   for record in citation.records}
        urls = record_urls(self.store, records)
        sources = document_sources(self.store, {st.sentence.document for st in statements
                                                if st.sentence and st.sentence.document})
        columns = {}
        for statement in statements:
            sentence = statement.sentence
            cells = {"statement": statement.iri, "confidence": f"{statement.confidence:g}"
                     if statement.confidence is not None else ""}
            if sentence is not None:
                citations = sentence.citations
                cells.update({
                    "document": sentence.document or "",
                    "document_url": (sources.get(sentence.document) or DocumentSource(None, None)).url or ""
                    if sentence.document else "",
                    "sentence": sentence.iri,
                    "sentence_begin": "" if sentence.begin is None else str(sentence.begin),
                    "sentence_end": "" if sentence.end is None else str(sentence.end),
                    "span_begin": "" if statement.span_begin is None else str(statement.span_begin),
                    "span_end": "" if statement.span_end is None else str(statement.span_end),
                    "supporting_text": statement.span_text or sentence.text or sentence.anchor or "",
                    "sentence_text": sentence.text or sentence.anchor or "",
                    "cited_references": MULTI_VALUE_SEPARATOR.join(
                        str(citation.number) for citation in citations if citation.number is not None
                    ),
                    "record_urls": MULTI_VALUE_SEPARATOR.join(
                        url for citation in citations for record in citation.records for url in urls.get(record.iri, [])
                    ),
                })
            columns[statement.iri] = cells
        return columns

    def write_csv(self, relation_name: str, output: io.TextIOBase) -> int:
        """Write one table as CSV (RFC 4180, UTF-8, header row); returns the number of rows."""
        relation = relation_named(relation_name)
        header = self.header(relation)
        writer = csv.DictWriter(output, fieldnames=header, extrasaction="ignore", restval="")
        writer.writeheader()
        rows = self.rows(relation)
        writer.writerows(rows)
        return len(rows)


def relation_named(name: str) -> Relation:
    """The relation of a table name (``signatories``); UnknownRelation otherwise."""
    try:
        return RELATIONS[name]
    except KeyError:
        raise UnknownRelation(f"no table {name!r}; tables: {', '.join(RELATIONS)}") from None


def table_csv(store: ox.Store, relation_name: str) -> str:
    """One table as CSV text."""
    output = io.StringIO(newline="")
    TableWriter(store).write_csv(relation_name, output)
    return output.getvalue()


def write_tables(store: ox.Store, directory: Path) -> dict[str, int]:
    """Write ``{relation}.csv`` for every relation into ``directory``; rows per table."""
    directory.mkdir(parents=True, exist_ok=True)
    writer = TableWriter(store)
    counts = {}
    for name in RELATIONS:
        temporary = directory / f"{name}.csv.partial"
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            counts[name] = writer.write_csv(name, handle)
        temporary.replace(directory / f"{name}.csv")
    return counts
