"""Provenance audit: can every fact be traced to a sentence and to the references it cites?

``run_audit`` reads the store in a few whole-graph queries (single-pattern OPTIONALs,
no per-fact queries), joins them in Python and runs the checks in ``CHECKS``. Each
check has a severity:

- ``error``: the provenance is broken (a fact with no statement, offsets that do not
  slice the document back, a marker pointing nowhere);
- ``warning``: the provenance is intact but weak or contested (uncited claims, broken
  or unaligned references, records nothing cites, conflicting dates or signatories);
- ``info``: counts a reader wants (events told once vs corroborated).

Exit-code rule: ``AuditReport.failed(strict=False)`` is true when an ``error`` check
found anything; with ``strict=True`` a ``warning`` check that found anything fails too.
``info`` checks never fail. ``ckg audit`` exits 1 when the report failed, else 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Literal

import pyoxigraph as ox

from .evidence import (
    DERIVED_FROM,
    RDF_TYPE,
    STATEMENTS_OF,
    alignments_query,
    markers_query,
    needs_statement,
    sentences_query,
)
from .namespaces import (
    CITO,
    CKG,
    GRAPH_ALIGNMENT,
    GRAPH_DOCUMENTS,
    GRAPH_FACTS,
    GRAPH_PROVENANCE,
    NIF,
    sparql_prefixes,
)
from .terms import Term, as_bool, as_float, as_int, as_text, compact, parse_iri, rows_query, select, term_json

Severity = Literal["error", "warning", "info"]
Fact = tuple[Term, Term, Term]

DEFAULT_ALIGNMENT_THRESHOLD = 0.5
# Predicates whose conflicting values for one event are reported.
DATE_PREDICATES = (ox.NamedNode(str(CKG.date)), ox.NamedNode(str(CKG.signingDate)))
SIGNATORY = ox.NamedNode(str(CKG.signatory))

REFERENCES = rows_query(
    GRAPH_DOCUMENTS, "ref", ["a ckg:Reference"], {"number": "ckg:referenceNumber", "doc": "ckg:inDocument"}
)
RECORDS = rows_query(
    GRAPH_DOCUMENTS, "record", ["a ckg:ReferenceRecord"],
    {"doc": "ckg:inDocument", "broken": "ckg:isBroken", "title": "dcterms:title"},
)

RUNS = sparql_prefixes() + f"""
SELECT ?run ?started ?version WHERE {{
  GRAPH <{GRAPH_PROVENANCE}> {{
    ?run a prov:Activity .
    OPTIONAL {{ ?run prov:startedAtTime ?started }}
    OPTIONAL {{ ?run prov:wasAssociatedWith ?software OPTIONAL {{ ?software dcterms:hasVersion ?version }} }}
  }}
}}"""


class ScopeError(LookupError):
    """The document or resource to narrow the audit to is not in the store."""


@dataclass(frozen=True)
class SentenceText:
    """A sentence named in a finding, with its stored text (``nif:anchorOf``)."""

    iri: str
    text: str | None

    def to_json(self) -> dict:
        return {"iri": self.iri, "text": self.text}


@dataclass(frozen=True)
class Finding:
    """One offending item: the resource at fault, what is wrong, and the sentences involved."""

    iri: str
    message: str
    fact: Fact | None = None
    sentences: tuple[SentenceText, ...] = ()
    related: tuple[str, ...] = ()  # other resources involved: statements, references, records
    details: dict = field(default_factory=dict)

    @property
    def fact_label(self) -> str:
        return " ".join(compact(term) for term in self.fact) if self.fact else ""

    def to_json(self) -> dict:
        fact = None
        if self.fact:
            fact = dict(zip(("subject", "predicate", "object"), map(term_json, self.fact), strict=True))
        return {
            "iri": self.iri,
            "message": self.message,
            "fact": fact,
            "sentences": [sentence.to_json() for sentence in self.sentences],
            "related": list(self.related),
            "details": self.details,
        }


@dataclass
class Check:
    """The result of one check: how many items it looked at and which ones failed it."""

    id: str
    title: str
    severity: Severity
    description: str
    checked: int = 0
    findings: list[Finding] = field(default_factory=list)
    skipped: str | None = None  # why the check does not apply to this scope

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def status(self) -> str:
        """``pass``, ``fail``, ``info`` (info checks report, never fail) or ``skipped``."""
        if self.skipped:
            return "skipped"
        if self.severity == "info":
            return "info"
        return "fail" if self.findings else "pass"

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "severity": self.severity,
            "description": self.description,
            "status": self.status,
            "checked": self.checked,
            "count": self.count,
            "skipped": self.skipped,
            "findings": [finding.to_json() for finding in self.findings],
        }


@dataclass
class AuditReport:
    """All checks over one scope of the store."""

    checks: list[Check]
    document: str | None = None
    resource: str | None = None
    alignment_threshold: float = DEFAULT_ALIGNMENT_THRESHOLD
    totals: dict[str, int] = field(default_factory=dict)
    runs: list[dict] = field(default_factory=list)

    def check(self, check_id: str) -> Check:
        """The check with this id (KeyError when there is none)."""
        for check in self.checks:
            if check.id == check_id:
                return check
        raise KeyError(check_id)

    def failing(self, strict: bool = False) -> list[Check]:
        """The checks that make the report fail (errors; warnings too when strict)."""
        severities = ("error", "warning") if strict else ("error",)
        return [check for check in self.checks if check.status == "fail" and check.severity in severities]

    def failed(self, strict: bool = False) -> bool:
        """True when an error check found something (with ``strict``, a warning check too)."""
        return bool(self.failing(strict))

    def to_json(self) -> dict:
        """The report as JSON-ready data; shape documented in ``REPORT_JSON_SHAPE``."""
        return {
            "scope": {"document": self.document, "resource": self.resource},
            "settings": {"alignment_threshold": self.alignment_threshold},
            "totals": self.totals,
            "runs": self.runs,
            "failed": self.failed(strict=False),
            "failed_strict": self.failed(strict=True),
            "checks": [check.to_json() for check in self.checks],
        }


REPORT_JSON_SHAPE = """\
{
  "scope":    {"document": IRI|null, "resource": IRI|null},
  "settings": {"alignment_threshold": 0.5},
  "totals":   {"facts": n, "statements": n, "sentences": n, "markers": n, "references": n, "records": n, "events": n},
  "runs":     [{"iri": IRI, "started": xsd:dateTime|null, "version": str|null}],
  "failed": bool,          # an "error" check found something
  "failed_strict": bool,   # an "error" or "warning" check found something
  "checks": [{
    "id": str, "title": str, "severity": "error"|"warning"|"info", "description": str,
    "status": "pass"|"fail"|"info"|"skipped", "checked": n, "count": n, "skipped": str|null,
    "findings": [{
      "iri": IRI, "message": str,
      "fact": {"subject": T, "predicate": T, "object": T}|null,  # T: SPARQL 1.1 JSON results term
      "sentences": [{"iri": IRI, "text": str|null}],
      "related": [IRI], "details": {...}
    }]
  }]
}"""


# --- reading the store -------------------------------------------------------------------------


@dataclass
class Statement:
    iri: Term
    fact: Fact
    sentences: set[Term] = field(default_factory=set)
    confidence: float | None = None
    begin: int | None = None
    end: int | None = None


@dataclass
class Sentence:
    iri: Term
    doc: Term | None
    begin: int | None
    end: int | None
    anchor: str | None


@dataclass
class Marker:
    iri: Term
    number: int | None
    sentence: Term | None
    ref: Term | None


@dataclass
class Reference:
    iri: Term
    number: int | None
    doc: Term | None


@dataclass
class Record:
    iri: Term
    doc: Term | None
    broken: bool | None
    title: str | None


@dataclass
class Snapshot:
    """The parts of the store the audit needs, read once and indexed in Python."""

    facts: set[Fact]
    events: set[Term]
    derived: dict[Term, set[Term]]  # event -> sentences that mention it (facts graph)
    statements: dict[Term, Statement]
    by_fact: dict[Fact, list[Statement]]
    sentences: dict[Term, Sentence]
    markers: dict[Term, Marker]
    references: dict[Term, Reference]
    records: dict[Term, Record]
    cites: dict[Term, set[Term]]  # sentence -> references (cito:citesAsEvidence or its markers)
    described_by: dict[Term, set[Term]]  # reference -> records
    alignments: dict[tuple[Term, Term], tuple[float | None, str | None]]
    documents: set[Term]

    def statement_sentences(self, fact: Fact) -> set[Term]:
        return {sentence for statement in self.by_fact.get(fact, ()) for sentence in statement.sentences}

    def sentence_text(self, iris: Iterable[Term]) -> tuple[SentenceText, ...]:
        found = [self.sentences.get(iri) for iri in iris]
        ordered = sorted(
            (s for s in found if s is not None), key=lambda s: (str(s.doc), s.begin or 0, s.iri.value)
        )
        return tuple(SentenceText(s.iri.value, s.anchor) for s in ordered)


def _first(rows: Iterable[dict[str, Term]], key: str) -> dict[Term, dict[str, Term]]:
    """Rows indexed by one variable (a resource with a repeated optional keeps its first row)."""
    indexed: dict[Term, dict[str, Term]] = {}
    for row in rows:
        indexed.setdefault(row[key], row)
    return indexed


def read_snapshot(store: ox.Store) -> Snapshot:
    """Read facts, statements, sentences, citations, records and alignments in whole-graph passes."""
    facts_graph = ox.NamedNode(str(GRAPH_FACTS))
    documents_graph = ox.NamedNode(str(GRAPH_DOCUMENTS))
    facts: set[Fact] = set()
    events: set[Term] = set()
    derived: dict[Term, set[Term]] = defaultdict(set)
    for quad in store.quads_for_pattern(None, None, None, facts_graph):
        if needs_statement(quad.predicate, quad.object):
            facts.add((quad.subject, quad.predicate, quad.object))
        elif quad.predicate == DERIVED_FROM:
            derived[quad.subject].add(quad.object)
        else:
            events.add(quad.subject)

    statements: dict[Term, Statement] = {}
    for row in select(store, STATEMENTS_OF):
        statement = statements.get(row["statement"])
        if statement is None:
            statement = statements[row["statement"]] = Statement(
                row["statement"], (row["s"], row["p"], row["o"]),
                confidence=as_float(row.get("confidence")),
                begin=as_int(row.get("begin")),
                end=as_int(row.get("end")),
            )
        if "sentence" in row:
            statement.sentences.add(row["sentence"])
    by_fact: dict[Fact, list[Statement]] = defaultdict(list)
    for statement in statements.values():
        by_fact[statement.fact].append(statement)

    sentences = {
        iri: Sentence(iri, row.get("doc"), as_int(row.get("begin")), as_int(row.get("end")), as_text(row.get("anchor")))
        for iri, row in _first(select(store, sentences_query()), "sentence").items()
    }
    markers = {
        iri: Marker(iri, as_int(row.get("number")), row.get("sentence"), row.get("ref"))
        for iri, row in _first(select(store, markers_query()), "marker").items()
    }
    references = {
        iri: Reference(iri, as_int(row.get("number")), row.get("doc"))
        for iri, row in _first(select(store, REFERENCES), "ref").items()
    }
    records = {
        iri: Record(iri, row.get("doc"), as_bool(row.get("broken")), as_text(row.get("title")))
        for iri, row in _first(select(store, RECORDS), "record").items()
    }
    cites: dict[Term, set[Term]] = defaultdict(set)
    for quad in store.quads_for_pattern(None, ox.NamedNode(str(CITO.citesAsEvidence)), None, documents_graph):
        cites[quad.subject].add(quad.object)
    for marker in markers.values():
        if marker.sentence is not None and marker.ref is not None:
            cites[marker.sentence].add(marker.ref)
    described_by: dict[Term, set[Term]] = defaultdict(set)
    described = ox.NamedNode(str(CKG.describedBy))
    for quad in store.quads_for_pattern(None, described, None, ox.NamedNode(str(GRAPH_ALIGNMENT))):
        described_by[quad.subject].add(quad.object)
    alignments = {
        (row["ref"], row["record"]): (as_float(row.get("confidence")), as_text(row.get("evidence")))
        for row in select(store, alignments_query())
    }
    document_type = ox.NamedNode(str(CKG.Document))
    documents = {quad.subject for quad in store.quads_for_pattern(None, RDF_TYPE, document_type, documents_graph)}
    return Snapshot(
        facts, events, derived, statements, by_fact, sentences, markers, references, records,
        cites, described_by, alignments, documents,
    )


def document_texts(store: ox.Store, documents: Iterable[Term]) -> dict[Term, str]:
    """``nif:isString`` of each document, fetched once per document."""
    graph = ox.NamedNode(str(GRAPH_DOCUMENTS))
    is_string = ox.NamedNode(str(NIF.isString))
    texts = {}
    for doc in documents:
        for quad in store.quads_for_pattern(doc, is_string, None, graph):
            texts[doc] = quad.object.value
    return texts


# --- scope ---------------------------------------------------------------------------------------


@dataclass
class Scope:
    """What the checks look at: everything, one document's part, or the facts about one resource."""

    facts: set[Fact]
    statements: set[Term]
    sentences: set[Term]
    markers: set[Term]
    references: set[Term]
    records: set[Term]
    events: set[Term]
    # Sentences an event may be corroborated by: None for all, else the document's.
    event_sentences: set[Term] | None = None
    per_resource: bool = False


def whole_store(snapshot: Snapshot) -> Scope:
    statements = {st.iri for fact in snapshot.facts for st in snapshot.by_fact.get(fact, ())}
    return Scope(
        set(snapshot.facts), statements, set(snapshot.sentences), set(snapshot.markers), set(snapshot.references),
        set(snapshot.records), set(snapshot.events),
    )


def narrow_to_document(snapshot: Snapshot, scope: Scope, doc: ox.NamedNode) -> Scope:
    """A document's sentences, markers, references and records, and the facts its sentences state.

    A fact whose statements name no known sentence belongs to the document when its subject
    was derived from one of the document's sentences; a statement with no known sentence is
    kept with its fact (it cannot be placed in any document).
    """
    sentences = {iri for iri in scope.sentences if snapshot.sentences[iri].doc == doc}
    if doc not in snapshot.documents and not sentences:
        raise ScopeError(f"no document {compact(doc)} in the store")
    known = snapshot.sentences.keys()

    def in_document(fact: Fact) -> bool:
        stated = snapshot.statement_sentences(fact) & known
        return bool((stated or snapshot.derived.get(fact[0], set())) & sentences)

    facts = {fact for fact in scope.facts if in_document(fact)}
    return Scope(
        facts=facts,
        statements={
            st.iri for fact in facts for st in snapshot.by_fact.get(fact, ())
            if st.iri in scope.statements and (st.sentences & sentences or not st.sentences & known)
        },
        sentences=sentences,
        markers={iri for iri in scope.markers if snapshot.markers[iri].sentence in sentences},
        references={iri for iri in scope.references if snapshot.references[iri].doc == doc},
        records={iri for iri in scope.records if snapshot.records[iri].doc == doc},
        events={event for event in scope.events if snapshot.derived.get(event, set()) & sentences}
        | {fact[0] for fact in scope.facts if fact[0] in scope.events and in_document(fact)},
        event_sentences=sentences,
    )


def narrow_to_resource(snapshot: Snapshot, scope: Scope, iri: ox.NamedNode) -> Scope:
    """The facts with the resource as subject or object, and their sentences, citations and records."""
    facts = {fact for fact in scope.facts if fact[0] == iri or fact[2] == iri}
    if not facts:
        raise ScopeError(f"no fact about {compact(iri)} in the store" + (" (in that document)" if
                                                                          scope.event_sentences else ""))
    statements = [st for fact in facts for st in snapshot.by_fact.get(fact, ()) if st.iri in scope.statements]
    sentences = set().union(*(st.sentences for st in statements)) & scope.sentences
    references = set().union(*(snapshot.cites.get(s, set()) for s in sentences)) & scope.references
    return Scope(
        facts=facts,
        statements={st.iri for st in statements},
        sentences=sentences,
        markers={m for m in scope.markers if snapshot.markers[m].sentence in sentences},
        references=references,
        records=set().union(*(snapshot.described_by.get(r, set()) for r in references)) & scope.records,
        events={fact[0] for fact in facts if fact[0] in scope.events},
        event_sentences=scope.event_sentences,
        per_resource=True,
    )


# --- checks --------------------------------------------------------------------------------------


@dataclass
class Context:
    """What every check reads: the snapshot, the scope, the document texts, the settings."""

    snapshot: Snapshot
    scope: Scope
    texts: dict[Term, str]
    alignment_threshold: float

    def statements_of(self, fact: Fact) -> list[Statement]:
        """The fact's statements within the scope."""
        return [st for st in self.snapshot.by_fact.get(fact, ()) if st.iri in self.scope.statements]

    def fact_sentences(self, fact: Fact) -> set[Term]:
        """The sentences the fact's statements in scope were derived from."""
        return {sentence for st in self.statements_of(fact) for sentence in st.sentences}

    def statements_in_scope(self) -> list[Statement]:
        return [st for fact in self.scope.facts for st in self.statements_of(fact)]


CheckFunction = Callable[[Context, Check], None]


@dataclass(frozen=True)
class CheckSpec:
    id: str
    title: str
    severity: Severity
    description: str
    run: CheckFunction


def _fact_finding(ctx: Context, fact: Fact, message: str, **details: object) -> Finding:
    sentences = ctx.fact_sentences(fact)
    return Finding(
        iri=fact[0].value,
        message=message,
        fact=fact,
        sentences=ctx.snapshot.sentence_text(sentences),
        related=tuple(sorted(st.iri.value for st in ctx.statements_of(fact))),
        details=dict(details),
    )


def check_facts_without_statement(ctx: Context, check: Check) -> None:
    check.checked = len(ctx.scope.facts)
    for fact in ctx.scope.facts:
        if not ctx.statements_of(fact):
            check.findings.append(_fact_finding(ctx, fact, "no ckg:Statement has this subject, predicate and object"))


def check_statements_without_sentence(ctx: Context, check: Check) -> None:
    statements = ctx.statements_in_scope()
    check.checked = len(statements)
    for statement in statements:
        known = {s for s in statement.sentences if s in ctx.snapshot.sentences}
        if known:
            continue
        if statement.sentences:
            targets = ", ".join(sorted(compact(s) for s in statement.sentences))
            message = f"derived from {targets}, which is not a ckg:Sentence"
        else:
            message = "no prov:wasDerivedFrom sentence"
        check.findings.append(
            Finding(statement.iri.value, message, fact=statement.fact,
                    related=tuple(sorted(s.value for s in statement.sentences)))
        )


def check_sentence_offsets(ctx: Context, check: Check) -> None:
    check.checked = len(ctx.scope.sentences)
    for iri in ctx.scope.sentences:
        sentence = ctx.snapshot.sentences[iri]
        text = ctx.texts.get(sentence.doc) if sentence.doc is not None else None
        details: dict[str, object] = {"begin": sentence.begin, "end": sentence.end}
        if sentence.doc is None:
            problem = "no nif:referenceContext document"
        elif text is None:
            problem = f"its document {compact(sentence.doc)} has no nif:isString text"
        elif sentence.begin is None or sentence.end is None or sentence.anchor is None:
            problem = "nif:beginIndex, nif:endIndex or nif:anchorOf is missing"
        elif not 0 <= sentence.begin <= sentence.end <= len(text):
            problem = f"offsets [{sentence.begin}:{sentence.end}] fall outside the document (length {len(text)})"
        elif text[sentence.begin:sentence.end] != sentence.anchor:
            sliced = text[sentence.begin:sentence.end]
            details["sliced"] = sliced
            problem = f"document text [{sentence.begin}:{sentence.end}] differs from nif:anchorOf"
        else:
            continue
        check.findings.append(Finding(iri.value, problem, sentences=ctx.snapshot.sentence_text([iri]), details=details))


def check_spans_outside_sentence(ctx: Context, check: Check) -> None:
    statements = [st for st in ctx.statements_in_scope() if st.begin is not None or st.end is not None]
    check.checked = len(statements)
    for statement in statements:
        for iri in statement.sentences:
            sentence = ctx.snapshot.sentences.get(iri)
            if sentence is None or sentence.begin is None or sentence.end is None:
                continue  # reported by the statement and offset checks
            begin, end = statement.begin, statement.end
            if begin is not None and end is not None and sentence.begin <= begin <= end <= sentence.end:
                continue
            check.findings.append(
                Finding(
                    statement.iri.value,
                    f"span [{begin}:{end}] is not inside its sentence [{sentence.begin}:{sentence.end}]",
                    fact=statement.fact,
                    sentences=ctx.snapshot.sentence_text([iri]),
                    details={"span_begin": begin, "span_end": end},
                )
            )


def check_markers(ctx: Context, check: Check) -> None:
    check.checked = len(ctx.scope.markers)
    for iri in ctx.scope.markers:
        marker = ctx.snapshot.markers[iri]
        reference = ctx.snapshot.references.get(marker.ref) if marker.ref is not None else None
        if marker.ref is None:
            problem = f"marker [{marker.number}] has no ckg:refersTo"
        elif reference is None:
            problem = f"marker [{marker.number}] refers to {compact(marker.ref)}, which is not a ckg:Reference"
        elif reference.number != marker.number:
            problem = f"marker [{marker.number}] refers to reference number {reference.number}"
        else:
            continue
        sentences = ctx.snapshot.sentence_text([marker.sentence] if marker.sentence is not None else [])
        related = (marker.ref.value,) if marker.ref is not None else ()
        check.findings.append(Finding(iri.value, problem, sentences=sentences, related=related,
                                      details={"number": marker.number}))


def check_references_without_record(ctx: Context, check: Check) -> None:
    check.checked = len(ctx.scope.references)
    citing: dict[Term, set[Term]] = defaultdict(set)
    for sentence in ctx.scope.sentences:
        for ref in ctx.snapshot.cites.get(sentence, ()):
            citing[ref].add(sentence)
    for iri in ctx.scope.references:
        if not ctx.snapshot.described_by.get(iri):
            number = ctx.snapshot.references[iri].number
            check.findings.append(
                Finding(iri.value, f"citation [{number}] is linked to no record (no ckg:describedBy)",
                        sentences=ctx.snapshot.sentence_text(citing.get(iri, ())), details={"number": number})
            )


def _cited_references(ctx: Context, fact: Fact) -> set[Term]:
    sentences = ctx.fact_sentences(fact)
    return set().union(*(ctx.snapshot.cites.get(sentence, set()) for sentence in sentences))


def _numbers(ctx: Context, references: Iterable[Term]) -> list[int | None]:
    found = [ctx.snapshot.references[r].number if r in ctx.snapshot.references else None for r in references]
    return sorted(found, key=lambda n: (n is None, n or 0))


def _supported_facts(ctx: Context) -> list[Fact]:
    """Facts with a statement derived from a known sentence (the others fail the error checks)."""
    return [fact for fact in ctx.scope.facts if ctx.fact_sentences(fact) & ctx.snapshot.sentences.keys()]


def check_uncited_facts(ctx: Context, check: Check) -> None:
    facts = _supported_facts(ctx)
    check.checked = len(facts)
    for fact in facts:
        if not _cited_references(ctx, fact):
            check.findings.append(_fact_finding(ctx, fact, "no supporting sentence cites a reference"))


def check_facts_citing_unrecorded_references(ctx: Context, check: Check) -> None:
    facts = _supported_facts(ctx)
    check.checked = len(facts)
    for fact in facts:
        missing = {ref for ref in _cited_references(ctx, fact) if not ctx.snapshot.described_by.get(ref)}
        if missing:
            numbers = _numbers(ctx, missing)
            shown = ", ".join(f"[{n}]" for n in numbers)
            check.findings.append(_fact_finding(ctx, fact, f"cites {shown}, which no record describes",
                                                numbers=numbers))


def check_facts_citing_only_broken_records(ctx: Context, check: Check) -> None:
    facts = _supported_facts(ctx)
    check.checked = len(facts)
    for fact in facts:
        records = {rec for ref in _cited_references(ctx, fact) for rec in ctx.snapshot.described_by.get(ref, ())}
        broken = {rec for rec in records if rec in ctx.snapshot.records and ctx.snapshot.records[rec].broken}
        usable = {rec for rec in records if rec in ctx.snapshot.records and ctx.snapshot.records[rec].broken is False}
        if broken and not usable:
            finding = _fact_finding(ctx, fact, f"every cited record is broken ({len(broken)})")
            check.findings.append(replace(finding, related=finding.related + tuple(sorted(r.value for r in broken))))


def check_records_not_cited(ctx: Context, check: Check) -> None:
    if ctx.scope.per_resource:
        check.skipped = "records nothing cites are a property of a document, not of one resource"
        return
    check.checked = len(ctx.scope.records)
    described = set().union(*ctx.snapshot.described_by.values()) if ctx.snapshot.described_by else set()
    for iri in ctx.scope.records:
        if iri not in described:
            record = ctx.snapshot.records[iri]
            check.findings.append(
                Finding(iri.value, f"no reference is linked to this record ({record.title or 'untitled'})",
                        details={"title": record.title, "broken": record.broken})
            )


def check_low_confidence_alignments(ctx: Context, check: Check) -> None:
    links = [(ref, rec) for ref in ctx.scope.references for rec in ctx.snapshot.described_by.get(ref, ())]
    check.checked = len(links)
    for ref, record in links:
        confidence, evidence = ctx.snapshot.alignments.get((ref, record), (None, None))
        if confidence is not None and confidence >= ctx.alignment_threshold:
            continue
        number = ctx.snapshot.references[ref].number
        why = "no ckg:Alignment gives its confidence" if confidence is None else f"confidence {confidence:g}"
        message = f"citation [{number}] → {compact(record)}: {why} (threshold {ctx.alignment_threshold:g})"
        check.findings.append(
            Finding(ref.value, message,
                    related=(record.value,),
                    details={"number": number, "confidence": confidence, "evidence": evidence})
        )


def _compatible_dates(a: str, b: str) -> bool:
    """Same date, or one is a coarser precision of the other (``2020-11`` and ``2020-11-09``)."""
    shorter, longer = sorted((a, b), key=len)
    return longer == shorter or (longer.startswith(shorter) and longer[len(shorter)] in "-T")


def check_conflicting_dates(ctx: Context, check: Check) -> None:
    values: dict[tuple[Term, Term], set[Term]] = defaultdict(set)
    for fact in ctx.scope.facts:
        if fact[1] in DATE_PREDICATES:
            values[(fact[0], fact[1])].add(fact[2])
    check.checked = len(values)
    for (event, predicate), objects in sorted(values.items(), key=lambda item: (item[0][0].value, item[0][1].value)):
        if all(_compatible_dates(a.value, b.value) for a, b in combinations(objects, 2)):
            continue
        told = []
        sentences: set[Term] = set()
        for value in sorted(objects, key=lambda term: term.value):
            supporting = ctx.fact_sentences((event, predicate, value))
            sentences |= supporting
            told.append({"value": term_json(value), "sentences": sorted(s.value for s in supporting)})
        shown = " vs ".join(compact(value) for value in sorted(objects, key=lambda term: term.value))
        check.findings.append(
            Finding(event.value, f"{compact(predicate)}: {shown}", sentences=ctx.snapshot.sentence_text(sentences),
                    details={"predicate": predicate.value, "values": told})
        )


def check_conflicting_signatories(ctx: Context, check: Check) -> None:
    """Two sentences conflict when neither's signatories include the other's (a subset is a partial telling)."""
    told: dict[Term, dict[Term, set[Term]]] = defaultdict(lambda: defaultdict(set))
    for fact in ctx.scope.facts:
        if fact[1] == SIGNATORY:
            for sentence in ctx.fact_sentences(fact):
                told[fact[0]][sentence].add(fact[2])
    check.checked = len(told)
    for event, by_sentence in sorted(told.items(), key=lambda item: item[0].value):
        clashes = [
            (a, b) for a, b in combinations(sorted(by_sentence, key=lambda t: t.value), 2)
            if not (by_sentence[a] <= by_sentence[b] or by_sentence[b] <= by_sentence[a])
        ]
        if not clashes:
            continue
        involved = {sentence for pair in clashes for sentence in pair}
        sets = {s.value: sorted(o.value for o in by_sentence[s]) for s in sorted(involved, key=lambda t: t.value)}
        shown = " vs ".join("{" + ", ".join(compact(o) for o in sorted(by_sentence[s], key=lambda t: t.value)) + "}"
                            for s in sorted(involved, key=lambda t: t.value))
        check.findings.append(
            Finding(event.value, f"sentences name different signatories: {shown}",
                    sentences=ctx.snapshot.sentence_text(involved), details={"signatories_by_sentence": sets})
        )


def _event_sentences(ctx: Context) -> dict[Term, set[Term]]:
    """Every sentence that tells each event in scope: mentions and statements of its facts."""
    told: dict[Term, set[Term]] = {event: set(ctx.snapshot.derived.get(event, ())) for event in ctx.scope.events}
    for fact, statements in ctx.snapshot.by_fact.items():
        if fact[0] in told:
            told[fact[0]].update(s for statement in statements for s in statement.sentences)
    if ctx.scope.event_sentences is not None:
        told = {event: sentences & ctx.scope.event_sentences for event, sentences in told.items()}
    return told


def _event_finding(ctx: Context, event: Term, sentences: set[Term]) -> Finding:
    references = set().union(*(ctx.snapshot.cites.get(s, set()) for s in sentences))
    numbers = _numbers(ctx, references)
    cited = ", citing " + "".join(f"[{n}]" for n in numbers) if numbers else ", citing nothing"
    plural = "sentence" if len(sentences) == 1 else "sentences"
    return Finding(event.value, f"told by {len(sentences)} {plural}{cited}",
                   sentences=ctx.snapshot.sentence_text(sentences),
                   details={"sentences": len(sentences), "references": numbers})


def events_told(corroborated: bool) -> CheckFunction:
    """The info check listing events told by one sentence, or by several."""

    def check_events(ctx: Context, check: Check) -> None:
        told = _event_sentences(ctx)
        check.checked = len(told)
        check.findings = [_event_finding(ctx, event, sentences) for event, sentences in told.items()
                          if (len(sentences) > 1) is corroborated]

    return check_events


CHECKS: tuple[CheckSpec, ...] = (
    CheckSpec("fact-without-statement", "Facts without a statement", "error",
              "Every triple of the facts graph needs a ckg:Statement with the same rdf:subject, rdf:predicate "
              "and rdf:object in the provenance graph.", check_facts_without_statement),
    CheckSpec("statement-without-sentence", "Statements without a sentence", "error",
              "Every statement of a fact needs prov:wasDerivedFrom a ckg:Sentence.", check_statements_without_sentence),
    CheckSpec("sentence-offsets", "Sentence offsets that do not slice the text back", "error",
              "The document's nif:isString sliced [nif:beginIndex:nif:endIndex] (code points, NFC) must equal the "
              "sentence's nif:anchorOf.", check_sentence_offsets),
    CheckSpec("span-outside-sentence", "Supporting spans outside their sentence", "error",
              "A statement's ckg:spanBegin/ckg:spanEnd must lie within the offsets of the sentence it was derived "
              "from.", check_spans_outside_sentence),
    CheckSpec("marker-without-reference", "Citation markers pointing at no reference", "error",
              "Every ckg:CitationMarker needs ckg:refersTo a ckg:Reference with the same number.", check_markers),
    CheckSpec("uncited-fact", "Uncited claims", "warning",
              "Facts none of whose sentences cites a reference.", check_uncited_facts),
    CheckSpec("fact-citing-only-broken-records", "Claims citing only broken records", "warning",
              "Facts whose cited references lead only to records the wiki could not render (ckg:isBroken).",
              check_facts_citing_only_broken_records),
    CheckSpec("fact-citing-reference-without-record", "Claims citing a reference with no record", "warning",
              "Facts whose sentences cite a reference number that no record describes (no ckg:describedBy).",
              check_facts_citing_unrecorded_references),
    CheckSpec("reference-without-record", "References with no record", "warning",
              "Citation numbers linked to no record of the reference list.", check_references_without_record),
    CheckSpec("record-not-cited", "Records nothing cites", "warning",
              "Reference records that no citation number is linked to (no ckg:describedBy points at them).",
              check_records_not_cited),
    CheckSpec("low-confidence-alignment", "Weak citation-to-record links", "warning",
              "ckg:describedBy links whose ckg:Alignment confidence is below the threshold or missing.",
              check_low_confidence_alignments),
    CheckSpec("conflicting-dates", "Conflicting dates", "warning",
              "Events with two incompatible values of ckg:date or ckg:signingDate (a coarser precision of the "
              "same date is no conflict).", check_conflicting_dates),
    CheckSpec("conflicting-signatories", "Conflicting signatories", "warning",
              "Events for which two sentences name signatory sets neither of which contains the other.",
              check_conflicting_signatories),
    CheckSpec("single-source-event", "Events told by one sentence", "info",
              "Events only one sentence tells: nothing corroborates them.", events_told(corroborated=False)),
    CheckSpec("corroborated-event", "Events told by several sentences", "info",
              "Events told by two sentences or more.", events_told(corroborated=True)),
)


def _runs(store: ox.Store) -> list[dict]:
    found = {}
    for row in select(store, RUNS):
        found.setdefault(row["run"].value, {
            "iri": row["run"].value,
            "started": as_text(row.get("started")),
            "version": as_text(row.get("version")),
        })
    return sorted(found.values(), key=lambda run: (run["started"] or "", run["iri"]))


def run_audit(
    store: ox.Store,
    *,
    document: str | ox.NamedNode | None = None,
    resource: str | ox.NamedNode | None = None,
    alignment_threshold: float = DEFAULT_ALIGNMENT_THRESHOLD,
) -> AuditReport:
    """Audit the provenance of the whole store, one document's part, or the facts about one resource.

    ``document`` and ``resource`` accept IRIs, prefixed names (``res:…``) or bare slugs.
    Raises ScopeError when the document or resource is not in the store.
    """
    snapshot = read_snapshot(store)
    scope = whole_store(snapshot)
    document_iri = document if isinstance(document, ox.NamedNode) or document is None else parse_iri(document)
    resource_iri = resource if isinstance(resource, ox.NamedNode) or resource is None else parse_iri(resource)
    if document_iri is not None:
        scope = narrow_to_document(snapshot, scope, document_iri)
    if resource_iri is not None:
        scope = narrow_to_resource(snapshot, scope, resource_iri)
    docs = {snapshot.sentences[s].doc for s in scope.sentences if snapshot.sentences[s].doc is not None}
    ctx = Context(snapshot, scope, document_texts(store, docs), alignment_threshold)
    checks = []
    for spec in CHECKS:
        check = Check(spec.id, spec.title, spec.severity, spec.description)
        spec.run(ctx, check)
        check.findings.sort(key=lambda finding: (finding.iri, finding.fact_label, finding.message))
        checks.append(check)
    totals = {
        "facts": len(scope.facts),
        "statements": len(scope.statements),
        "sentences": len(scope.sentences),
        "markers": len(scope.markers),
        "references": len(scope.references),
        "records": len(scope.records),
        "events": len(scope.events),
    }
    return AuditReport(
        checks=checks,
        document=document_iri.value if document_iri is not None else None,
        resource=resource_iri.value if resource_iri is not None else None,
        alignment_threshold=alignment_threshold,
        totals=totals,
        runs=_runs(store),
    )
