"""The audit's checks: each reads the snapshot within a scope and fills one ``Check``.

Their ids, titles, severities and descriptions, in report order, are data: ``graph/data/audit-checks.toml``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from itertools import combinations

import pyoxigraph as ox

from extract.datafile import Section, read_data_file
from graph.namespaces import CKG
from graph.terms import Term, compact, term_json

from .model import Check, Fact, Finding, Severity
from .scoping import Scope
from .snapshot import Snapshot, Statement

# Predicates whose conflicting values for one event are reported.
DATE_PREDICATES = (ox.NamedNode(str(CKG.date)), ox.NamedNode(str(CKG.signingDate)))
SIGNATORY = ox.NamedNode(str(CKG.signatory))


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


_RUNS: dict[str, CheckFunction] = {}


def runs(check_id: str) -> Callable[[CheckFunction], CheckFunction]:
    """Bind a function to the check of ``graph/data/audit-checks.toml`` with this id."""

    def bind(function: CheckFunction) -> CheckFunction:
        _RUNS[check_id] = function
        return function

    return bind


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


@runs("fact-without-statement")
def check_facts_without_statement(ctx: Context, check: Check) -> None:
    check.checked = len(ctx.scope.facts)
    for fact in ctx.scope.facts:
        if not ctx.statements_of(fact):
            check.findings.append(_fact_finding(ctx, fact, "no ckg:Statement has this subject, predicate and object"))


@runs("statement-without-sentence")
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


@runs("sentence-offsets")
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


@runs("span-outside-sentence")
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


@runs("marker-without-reference")
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


@runs("reference-without-record")
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


@runs("uncited-fact")
def check_uncited_facts(ctx: Context, check: Check) -> None:
    facts = _supported_facts(ctx)
    check.checked = len(facts)
    for fact in facts:
        if not _cited_references(ctx, fact):
            check.findings.append(_fact_finding(ctx, fact, "no supporting sentence cites a reference"))


@runs("fact-citing-reference-without-record")
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


@runs("fact-citing-only-broken-records")
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


@runs("record-not-cited")
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


@runs("low-confidence-alignment")
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


@runs("conflicting-dates")
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


@runs("conflicting-signatories")
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


runs("single-source-event")(events_told(corroborated=False))
runs("corroborated-event")(events_told(corroborated=True))


class ListedCheck(Section):
    """A ``[[check]]`` of ``graph/data/audit-checks.toml``."""

    id: str
    title: str
    severity: Severity
    description: str


class AuditChecksFile(Section):
    check: list[ListedCheck]


def _load_checks() -> tuple[CheckSpec, ...]:
    """The checks of ``graph/data/audit-checks.toml``, in its order, each bound to its function."""
    listed = read_data_file("graph", "data/audit-checks.toml", AuditChecksFile)["check"]
    unbound = {entry["id"] for entry in listed} ^ _RUNS.keys()
    if unbound:
        raise LookupError(f"audit checks without both a description and a function: {sorted(unbound)}")
    return tuple(CheckSpec(**entry, run=_RUNS[entry["id"]]) for entry in listed)


CHECKS = _load_checks()
