"""``ckg export --format quickstatements``: the facts Wikidata can take, as QuickStatements V1 commands.

A fact goes out when its property has a Wikidata counterpart (``graph/data/wikidata.toml``)
and its subject and object are Wikidata items (``owl:sameAs wd:Q…``) or the object is a
date. An agreement with no Wikidata item gets a ``CREATE`` block: its Vietnamese and
English labels, ``instance of`` treaty, then its facts on ``LAST``.

Every statement carries the reference Wikidata uses for facts taken from Wikipedia, one
per article that supports it: imported from Wikimedia project (P143, the language
edition), Wikimedia import URL (P4656, the article's URL when the store knows it) and
retrieved (P813, the day of the extraction run). Each web address of a record cited by a
supporting sentence (``schema:url``) is a further reference: reference URL (P854), with
retrieved (P813) the day the article's editors accessed it, when the record says so.
QuickStatements adds a repeated statement's reference to the statement already there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox
from rdflib.namespace import PROV, RDFS

from extract.datafile import Section, read_data_file

from .evidence import StatementEvidence
from .namespaces import CKG, GRAPH_DOCUMENTS, GRAPH_FACTS, XSD
from .tables import AGREEMENT_KINDS, Names, document_sources, fact_support, local_name, record_urls

FACTS = ox.NamedNode(str(GRAPH_FACTS))
DOCUMENTS = ox.NamedNode(str(GRAPH_DOCUMENTS))
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode(str(RDFS.label))
GENERATED_BY = ox.NamedNode(str(PROV.wasGeneratedBy))
STARTED_AT = ox.NamedNode(str(PROV.startedAtTime))
ACCESSED_ON = ox.NamedNode(str(CKG.accessedOn))
# Labels written for a created item, in this order.
LABEL_LANGUAGES = ("vi", "en")
# Wikidata time precision by XML Schema date type.
PRECISION = {"date": 11, "dateTime": 11, "gYearMonth": 10, "gYear": 9}


class WikidataReferences(Section):
    imported_from: str
    import_url: str
    retrieved: str
    reference_url: str
    instance_of: str


class WikidataFile(Section):
    """``graph/data/wikidata.toml``: Wikidata ids by ckg property, by ckg class, by Wikipedia edition."""

    properties: dict[str, str]
    classes: dict[str, str]
    wikipedia: dict[str, str]
    references: WikidataReferences


@cache
def mapping() -> dict:
    """The Wikidata properties, classes and Wikipedia editions of ``graph/data/wikidata.toml``."""
    return read_data_file("graph", "data/wikidata.toml", WikidataFile)


def quoted(text: str) -> str:
    """A QuickStatements string value: V1 has no escape, so quotes become apostrophes and whitespace one space."""
    return '"' + " ".join(text.replace('"', "'").split()) + '"'


def time_value(literal: ox.Literal) -> str | None:
    """A Wikidata time value (``+2020-11-09T00:00:00Z/11``) of a date literal; None when it is not one.

    A dateTime keeps the calendar day the text gives in its own time zone (day precision).
    """
    kind = literal.datatype.value.removeprefix(str(XSD))
    if kind not in PRECISION:
        return None
    parts = (literal.value[:10].split("-") + ["00", "00"])[:3]
    if kind in ("gYear", "gYearMonth"):
        parts = (literal.value.split("-") + ["00", "00"])[:3]
    year, month, day = parts
    if not (year.isdigit() and month[:2].isdigit() and day[:2].isdigit()):
        return None
    return f"+{int(year):04d}-{month[:2]}-{day[:2]}T00:00:00Z/{PRECISION[kind]}"


def day_value(lexical: str) -> str | None:
    """A day-precision time value from the first ten characters of a date or dateTime."""
    day = lexical[:10]
    if len(day) == 10 and day[4] == "-" and day[7] == "-" and day.replace("-", "").isdigit():
        return f"+{day}T00:00:00Z/11"
    return None


@dataclass
class Export:
    """The commands, and how many facts stayed out and why."""

    lines: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)


class QuickStatementsWriter:
    """Reads the facts, their statements and the articles behind them from one store."""

    def __init__(self, store: ox.Store, min_confidence: float = 0.0) -> None:
        self.store = store
        self.min_confidence = min_confidence
        self.names = Names(store)
        self.config = mapping()
        self.refs = self.config["references"]
        self._run_days: dict[str, str | None] = {}
        self._support: dict[ox.NamedNode, dict] = {}

    def support(self, predicate: ox.NamedNode) -> dict[tuple[ox.NamedNode, ox.Term], list[StatementEvidence]]:
        """``fact_support`` of one predicate at the minimum confidence, read once."""
        if predicate not in self._support:
            self._support[predicate] = fact_support(self.store, predicate, self.min_confidence)
        return self._support[predicate]

    def _run_day(self, statement: str) -> str | None:
        """The day the extraction run that made ``statement`` started."""
        runs = [quad.object for quad in self.store.quads_for_pattern(ox.NamedNode(statement), GENERATED_BY, None, None)]
        for run in runs:
            if run.value not in self._run_days:
                started = [quad.object.value for quad in self.store.quads_for_pattern(run, STARTED_AT, None, None)]
                self._run_days[run.value] = day_value(started[0]) if started else None
            if self._run_days[run.value]:
                return self._run_days[run.value]
        return None

    def references(self, statements: list[StatementEvidence]) -> list[str]:
        """Source columns (``S143\tQ…\tS4656\t"…"\tS813\t…``), one reference group per article and per record URL."""
        sentences = [st.sentence for st in statements if st.sentence is not None and st.sentence.document]
        sources = document_sources(self.store, {sentence.document for sentence in sentences})
        groups: dict[str, list[str]] = {}
        for statement in statements:
            sentence = statement.sentence
            if sentence is None or not sentence.document or sentence.document in groups:
                continue
            source = sources[sentence.document]
            edition = self.config["wikipedia"].get((source.language or "").split("-")[0])
            if edition is None:
                continue
            group = [f"S{self.refs['imported_from'][1:]}", edition]
            if source.url:
                group += [f"S{self.refs['import_url'][1:]}", quoted(source.url)]
            day = self._run_day(statement.iri)
            if day:
                group += [f"S{self.refs['retrieved'][1:]}", day]
            groups[sentence.document] = group
        records = {record.iri for sentence in sentences
                   for citation in sentence.citations for record in citation.records}
        for record, urls in sorted(record_urls(self.store, records).items()):
            accessed = [quad.object.value for quad in
                        self.store.quads_for_pattern(ox.NamedNode(record), ACCESSED_ON, None, DOCUMENTS)]
            for url in urls:
                group = [f"S{self.refs['reference_url'][1:]}", quoted(url)]
                if accessed and day_value(accessed[0]):
                    group += [f"S{self.refs['retrieved'][1:]}", day_value(accessed[0])]
                groups.setdefault(url, group)
        return ["\t".join(group) for group in groups.values()]

    def _target(self, obj: ox.Term) -> str | None:
        if isinstance(obj, ox.Literal):
            return time_value(obj)
        return self.names.wikidata(obj.value) or None

    def statements_of(self, export: Export) -> dict[str, list[tuple[str, str, list[str]]]]:
        """Per subject IRI: (property, target, reference groups) of every fact that can go out."""
        by_subject: dict[str, list[tuple[str, str, list[str]]]] = defaultdict(list)
        for name, prop in self.config["properties"].items():
            predicate = ox.NamedNode(str(CKG[name]))
            for (subject, obj), statements in sorted(self.support(predicate).items(),
                                                     key=lambda item: (item[0][0].value, str(item[0][1]))):
                target = self._target(obj)
                if target is None:
                    export.skipped["object without a Wikidata id or a date"] += 1
                    continue
                references = self.references(statements)
                if not references:
                    export.skipped["no Wikipedia edition known for the article"] += 1
                    continue
                by_subject[subject.value].append((prop, target, references))
        return by_subject

    def _agreements(self) -> dict[str, str]:
        """Agreement IRI → its most specific ckg class name."""
        found: dict[str, str] = {}
        for cls in AGREEMENT_KINDS:  # most specific first
            for quad in self.store.quads_for_pattern(None, TYPE, cls, FACTS):
                found.setdefault(quad.subject.value, local_name(cls.value))
        return found

    def _agreement_references(self, agreement: str) -> list[str]:
        """References for an agreement's ``instance of``: the statements of its type, else of any of its facts."""
        support = []
        for cls in AGREEMENT_KINDS:
            support += self.support(TYPE).get((ox.NamedNode(agreement), cls), [])
        if not support:
            for name in self.config["properties"]:
                for (subject, _), statements in self.support(ox.NamedNode(str(CKG[name]))).items():
                    if subject.value == agreement:
                        support += statements
        return self.references(support)

    def export(self) -> Export:
        """All commands: statements on existing items, then one CREATE block per agreement without an item."""
        export = Export()
        by_subject = self.statements_of(export)
        agreements = self._agreements()
        created = []
        for subject in sorted(by_subject, key=lambda iri: (self.names.wikidata(iri), iri)):
            item = self.names.wikidata(subject)
            if item:
                export.lines += _lines(item, by_subject[subject])
            elif subject not in agreements:
                export.skipped["subject without a Wikidata id"] += len(by_subject[subject])
        for agreement, kind in sorted(agreements.items()):
            if self.names.wikidata(agreement):
                continue
            labels = self.names.labels(agreement)
            references = self._agreement_references(agreement)
            if not references or not any(language in labels for language in LABEL_LANGUAGES):
                export.skipped["agreement without labels or supported facts"] += 1
                continue
            created.append(agreement)
            export.lines.append("CREATE")
            export.lines += [f"LAST\tL{language}\t{quoted(labels[language])}"
                             for language in LABEL_LANGUAGES if language in labels]
            instance_of = [(self.refs["instance_of"], self.config["classes"][kind], references)]
            export.lines += _lines("LAST", instance_of + by_subject.get(agreement, []))
        return export


def _lines(item: str, statements: list[tuple[str, str, list[str]]]) -> Iterator[str]:
    """One command per statement and reference group, in a stable order."""
    for prop, target, references in sorted(statements, key=lambda st: (int(st[0][1:]), st[1])):
        for reference in references:
            yield f"{item}\t{prop}\t{target}\t{reference}"


def quickstatements(store: ox.Store, min_confidence: float = 0.0) -> Export:
    """QuickStatements V1 commands for the facts Wikidata can take (see the module docstring)."""
    return QuickStatementsWriter(store, min_confidence).export()
