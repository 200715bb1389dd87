"""Seeded faults: corrupt a copy of a clean store one way at a time; the right check must catch it.

Each fault picks its target with its own SPARQL (not through the audit), so it applies to
the hand-made fixture and to the store built from the bundled article alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox
import pytest

from graph import store as stores
from graph.audit import AuditReport, Check, run_audit
from graph.build import build
from graph.evidence import evidence_chain
from graph.namespaces import CKG, GRAPH_ALIGNMENT, GRAPH_DOCUMENTS, GRAPH_FACTS, GRAPH_PROVENANCE, sparql_prefixes
from tests.audit_stores import CLEAN, copy_of, dump, load, seed

PROV_G, DOCS_G, FACTS_G, ALIGN_G = (f"<{g}>" for g in (GRAPH_PROVENANCE, GRAPH_DOCUMENTS, GRAPH_FACTS, GRAPH_ALIGNMENT))


def first(store: ox.Store, query: str) -> dict[str, ox.NamedNode | ox.Literal]:
    """The first row of a SELECT (the faults pick their targets deterministically with ORDER BY)."""
    solutions = store.query(sparql_prefixes() + query)
    names = [v.value for v in solutions.variables]
    row = next(iter(solutions), None)
    assert row is not None, f"the store has nothing to corrupt for: {query}"
    return dict(zip(names, row, strict=True))


def statement_of_a_fact(store: ox.Store, extra: str = "") -> dict:
    return first(store, f"""
        SELECT ?st ?s ?p ?o ?sentence WHERE {{
          GRAPH {PROV_G} {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?sentence }}
          GRAPH {FACTS_G} {{ ?s ?p ?o }} {extra}
        }} ORDER BY ?s ?p ?o ?st LIMIT 1""")


# --- the faults: each corrupts a store and names what the audit must report -----------------------


@dataclass(frozen=True)
class Expected:
    check: str
    item: object  # a finding's IRI (str) or its fact (s, p, o)


def remove_statements_of_a_fact(store: ox.Store) -> Expected:
    row = statement_of_a_fact(store, "FILTER(?p != rdf:type)")
    fact = (row["s"], row["p"], row["o"])
    seed(store, f"""DELETE {{ GRAPH {PROV_G} {{ ?st ?x ?y }} }} WHERE {{
        GRAPH {PROV_G} {{ ?st rdf:subject {fact[0]} ; rdf:predicate {fact[1]} ; rdf:object {fact[2]} ; ?x ?y }} }}""")
    return Expected("fact-without-statement", fact)


def cut_a_statement_from_its_sentence(store: ox.Store) -> Expected:
    row = statement_of_a_fact(store)
    seed(store, f"DELETE WHERE {{ GRAPH {PROV_G} {{ {row['st']} prov:wasDerivedFrom ?sentence }} }}")
    return Expected("statement-without-sentence", row["st"].value)


def shift_a_sentence_offset(store: ox.Store) -> Expected:
    row = statement_of_a_fact(store)
    sentence = row["sentence"]
    seed(store, f"""DELETE {{ GRAPH {DOCS_G} {{ {sentence} nif:beginIndex ?b }} }}
        INSERT {{ GRAPH {DOCS_G} {{ {sentence} nif:beginIndex ?shifted }} }}
        WHERE {{ GRAPH {DOCS_G} {{ {sentence} nif:beginIndex ?b }} BIND(?b + 1 AS ?shifted) }}""")
    return Expected("sentence-offsets", sentence.value)


def point_a_marker_at_a_missing_reference(store: ox.Store) -> Expected:
    row = first(store, f"SELECT ?marker ?ref WHERE {{ GRAPH {DOCS_G} {{ ?marker ckg:refersTo ?ref }} }} "
                       "ORDER BY ?marker LIMIT 1")
    missing = ox.NamedNode(row["ref"].value + "-missing")
    seed(store, f"""DELETE DATA {{ GRAPH {DOCS_G} {{ {row['marker']} ckg:refersTo {row['ref']} }} }} ;
        INSERT DATA {{ GRAPH {DOCS_G} {{ {row['marker']} ckg:refersTo {missing} }} }}""")
    return Expected("marker-without-reference", row["marker"].value)


def break_every_record_a_fact_cites(store: ox.Store) -> Expected:
    """Mark the records a fact's sentences cite broken; a cited number with no record gets a broken one."""
    row = first(store, f"""SELECT ?s ?p ?o ?doc WHERE {{
          GRAPH {PROV_G} {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?sentence }}
          GRAPH {DOCS_G} {{ ?sentence cito:citesAsEvidence ?ref ; nif:referenceContext ?doc }}
          FILTER(?p != rdf:type)
        }} ORDER BY DESC(?s) ?p ?o LIMIT 1""")
    chain = evidence_chain(store, row["s"], row["p"], row["o"])
    broken = ox.NamedNode(row["doc"].value + "/record/9998")
    for citation in (c for s in chain.sentences for c in s.citations):
        for record in citation.records:
            seed(store, f"""DELETE WHERE {{ GRAPH {DOCS_G} {{ <{record.iri}> ckg:isBroken ?b }} }} ;
                INSERT DATA {{ GRAPH {DOCS_G} {{ <{record.iri}> ckg:isBroken true }} }}""")
        if not citation.records:
            seed(store, f"""INSERT DATA {{ GRAPH {DOCS_G} {{ {broken} a ckg:ReferenceRecord ;
                ckg:inDocument {row['doc']} ; ckg:isBroken true ; ckg:recordText "^ Lỗi chú thích: seeded" }} }} ;
                INSERT DATA {{ GRAPH {ALIGN_G} {{ <{citation.reference}> ckg:describedBy {broken} .
                <{citation.reference}/seeded-alignment> a ckg:Alignment ; rdf:subject <{citation.reference}> ;
                rdf:predicate ckg:describedBy ; rdf:object {broken} ; ckg:confidence 0.9 }} }}""")
    return Expected("fact-citing-only-broken-records", (row["s"], row["p"], row["o"]))


def strip_the_citations_of_a_fact(store: ox.Store) -> Expected:
    row = statement_of_a_fact(store, "FILTER(?p != rdf:type)")
    fact = (row["s"], row["p"], row["o"])
    for sentence in {s.iri for s in evidence_chain(store, *fact).sentences}:
        seed(store, f"""DELETE WHERE {{ GRAPH {DOCS_G} {{ <{sentence}> cito:citesAsEvidence ?ref }} }} ;
            DELETE WHERE {{ GRAPH {DOCS_G} {{ ?marker ckg:inSentence <{sentence}> ; ?x ?y }} }}""")
    return Expected("uncited-fact", fact)


def give_an_event_a_second_date(store: ox.Store, *, coarser: bool = False) -> Expected:
    row = first(store, f"""SELECT ?st ?s ?p ?o ?sentence ?b ?e WHERE {{
          VALUES ?p {{ ckg:date ckg:signingDate }}
          GRAPH {FACTS_G} {{ ?s ?p ?o }}
          GRAPH {PROV_G} {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?sentence ;
                                ckg:spanBegin ?b ; ckg:spanEnd ?e }}
          FILTER(datatype(?o) = xsd:date)
        }} ORDER BY ?s ?p ?st LIMIT 1""")
    if coarser:  # the same month, less precise: not a conflict
        other = ox.Literal(row["o"].value[:7], datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYearMonth"))
    else:
        year = int(row["o"].value[:4])
        other = ox.Literal(f"{year - 1}{row['o'].value[4:]}", datatype=row["o"].datatype)
    _add_fact(store, (row["s"], row["p"], other), row["sentence"], row["b"], row["e"])
    return Expected("conflicting-dates", row["s"].value)


def _add_fact(store: ox.Store, fact: tuple, sentence: ox.NamedNode, begin, end) -> None:
    statement = ox.NamedNode(sentence.value + "/seeded-statement-" + str(abs(hash(fact))))
    s, p, o = fact
    seed(store, f"""INSERT DATA {{
        GRAPH {FACTS_G} {{ {s} {p} {o} }}
        GRAPH {PROV_G} {{ {statement} a ckg:Statement ; rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o} ;
            prov:wasDerivedFrom {sentence} ; ckg:confidence 0.9 ; ckg:spanBegin {begin} ; ckg:spanEnd {end} }} }}""")


def name_another_signatory_elsewhere(store: ox.Store) -> Expected:
    """A sentence that names the event's signing by someone no other sentence names."""
    row = first(store, f"""SELECT ?s ?told ?other ?b ?e WHERE {{
          GRAPH {PROV_G} {{ ?st rdf:subject ?s ; rdf:predicate ckg:signatory ; prov:wasDerivedFrom ?told }}
          GRAPH {DOCS_G} {{ ?told nif:referenceContext ?doc . ?other nif:referenceContext ?doc ;
                             a ckg:Sentence ; nif:beginIndex ?b ; nif:endIndex ?e }}
          FILTER NOT EXISTS {{ GRAPH {PROV_G} {{ ?any rdf:subject ?s ; rdf:predicate ckg:signatory ;
                                                  prov:wasDerivedFrom ?other }} }}
        }} ORDER BY ?s ?other LIMIT 1""")
    stranger = ox.NamedNode("https://w3id.org/conflict-kg/resource/seeded-signatory")
    _add_fact(store, (row["s"], ox.NamedNode(str(CKG.signatory)), stranger), row["other"], row["b"], row["e"])
    return Expected("conflicting-signatories", row["s"].value)


def add_a_record_nothing_cites(store: ox.Store) -> Expected:
    row = first(store, f"SELECT ?doc WHERE {{ GRAPH {DOCS_G} {{ ?doc a ckg:Document }} }} ORDER BY ?doc LIMIT 1")
    record = ox.NamedNode(row["doc"].value + "/record/9999")
    seed(store, f"""INSERT DATA {{ GRAPH {DOCS_G} {{ {record} a ckg:ReferenceRecord ; ckg:inDocument {row['doc']} ;
        dcterms:title "An orphan record" ; ckg:isBroken false ; ckg:recordText "^“An orphan record”." }} }}""")
    return Expected("record-not-cited", record.value)


def weaken_an_alignment(store: ox.Store) -> Expected:
    row = first(store, f"""SELECT ?alignment ?ref WHERE {{ GRAPH {ALIGN_G} {{
        ?alignment a ckg:Alignment ; rdf:subject ?ref ; ckg:confidence ?c }} FILTER(?c >= 0.5) }}
        ORDER BY ?alignment LIMIT 1""")
    seed(store, f"""DELETE WHERE {{ GRAPH {ALIGN_G} {{ {row['alignment']} ckg:confidence ?c }} }} ;
        INSERT DATA {{ GRAPH {ALIGN_G} {{ {row['alignment']} ckg:confidence 0.1 }} }}""")
    return Expected("low-confidence-alignment", row["ref"].value)


def unlink_a_reference_from_its_record(store: ox.Store) -> Expected:
    row = first(store, f"SELECT ?ref WHERE {{ GRAPH {ALIGN_G} {{ ?ref ckg:describedBy ?record }} }} "
                       "ORDER BY ?ref LIMIT 1")
    seed(store, f"""DELETE WHERE {{ GRAPH {ALIGN_G} {{ {row['ref']} ckg:describedBy ?record }} }} ;
        DELETE WHERE {{ GRAPH {ALIGN_G} {{ ?alignment rdf:subject {row['ref']} ; ?x ?y }} }}""")
    return Expected("reference-without-record", row["ref"].value)


def push_a_span_out_of_its_sentence(store: ox.Store) -> Expected:
    row = first(store, f"""SELECT ?st ?end WHERE {{
        GRAPH {PROV_G} {{ ?st a ckg:Statement ; prov:wasDerivedFrom ?sentence }}
        GRAPH {DOCS_G} {{ ?sentence nif:endIndex ?end }} }} ORDER BY ?st LIMIT 1""")
    seed(store, f"""DELETE WHERE {{ GRAPH {PROV_G} {{ {row['st']} ckg:spanEnd ?e }} }} ;
        INSERT DATA {{ GRAPH {PROV_G} {{ {row['st']} ckg:spanEnd {int(row['end'].value) + 5} }} }}""")
    return Expected("span-outside-sentence", row["st"].value)


@dataclass(frozen=True)
class Fault:
    seed: Callable[[ox.Store], Expected]
    # Checks that may also fail, because the fault really does break them too.
    collateral: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        return self.seed.__name__


ADDED_CLAIM = frozenset({"uncited-fact", "fact-citing-reference-without-record", "fact-citing-only-broken-records"})
FAULTS = [
    Fault(remove_statements_of_a_fact),
    Fault(cut_a_statement_from_its_sentence),
    # A statement spanning the whole sentence no longer fits the shifted sentence either.
    Fault(shift_a_sentence_offset, frozenset({"span-outside-sentence"})),
    # The sentence now cites a reference number no record describes.
    Fault(point_a_marker_at_a_missing_reference, frozenset({"fact-citing-reference-without-record"})),
    Fault(break_every_record_a_fact_cites),
    Fault(strip_the_citations_of_a_fact),
    # These add a claim, which the citation checks judge by its sentence's citations like any other.
    Fault(give_an_event_a_second_date, ADDED_CLAIM),
    Fault(name_another_signatory_elsewhere, ADDED_CLAIM),
    Fault(add_a_record_nothing_cites),
    Fault(weaken_an_alignment),
    # The record is now described by nothing, and the facts citing the reference lose their record.
    Fault(unlink_a_reference_from_its_record, frozenset({"record-not-cited", "fact-citing-reference-without-record"})),
    Fault(push_a_span_out_of_its_sentence),
]


def found(report: AuditReport, expected: Expected) -> bool:
    check = report.check(expected.check)
    return any(expected.item in (finding.iri, finding.fact) for finding in check.findings)


def newly_failing(before: AuditReport, after: AuditReport) -> set[str]:
    """Checks (errors and warnings) with findings the clean store did not have."""
    def keys(check: Check) -> set[tuple]:
        return {(f.iri, f.fact_label) for f in check.findings}

    return {
        check.id for check in after.checks
        if check.severity != "info" and keys(check) - keys(before.check(check.id))
    }


@pytest.fixture(scope="module")
def fixture_dump() -> bytes:
    return dump(load(CLEAN))


@pytest.fixture(scope="module")
def bundled_dump(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bundled article built once by ``ckg build``'s code; each test corrupts its own copy."""
    store_dir = tmp_path_factory.mktemp("bundled-store")
    build([], store_dir, workers=1, incremental=False)
    return dump(stores.open_read_only(store_dir))


@pytest.fixture(params=["fixture", "bundled"])
def clean_dump(request: pytest.FixtureRequest) -> bytes:
    return request.getfixturevalue(f"{request.param}_dump")


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.name)
def test_each_fault_is_caught_by_its_check_alone(fault: Fault, clean_dump: bytes):
    store = copy_of(clean_dump)
    before = run_audit(store)
    expected = fault.seed(store)
    after = run_audit(store)
    assert not found(before, expected)
    assert found(after, expected), [f.message for f in after.check(expected.check).findings]
    new = newly_failing(before, after)
    assert expected.check in new
    assert new - {expected.check} <= fault.collateral


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.name)
def test_exit_rule_fails_on_errors_and_on_warnings_only_when_strict(fault: Fault, clean_dump: bytes):
    store = copy_of(clean_dump)
    assert not run_audit(store).failed(strict=False)
    expected = fault.seed(store)
    report = run_audit(store)
    is_error = report.check(expected.check).severity == "error"
    assert report.failed(strict=False) is is_error
    assert report.failed(strict=True) is True


def test_the_hand_made_fixture_is_clean_even_when_strict(fixture_dump: bytes):
    assert not run_audit(copy_of(fixture_dump)).failed(strict=True)


def test_the_bundled_article_has_no_provenance_errors(bundled_dump: bytes):
    report = run_audit(copy_of(bundled_dump))
    assert report.totals["facts"] > 50
    assert [(c.id, [f.message for f in c.findings][:5]) for c in report.failing()] == []


def test_a_coarser_date_for_the_same_day_is_no_conflict(fixture_dump: bytes):
    store = copy_of(fixture_dump)
    give_an_event_a_second_date(store, coarser=True)
    report = run_audit(store)
    assert report.check("conflicting-dates").status == "pass"
    assert not report.failed(strict=True)


def test_a_sentence_naming_fewer_signatories_is_no_conflict(fixture_dump: bytes):
    store = copy_of(fixture_dump)
    row = first(store, f"""SELECT ?st WHERE {{ GRAPH {PROV_G} {{ ?st rdf:predicate ckg:signatory ;
        prov:wasDerivedFrom ?sentence }} }} ORDER BY DESC(?sentence) ?st LIMIT 1""")
    seed(store, f"DELETE WHERE {{ GRAPH {PROV_G} {{ {row['st']} ?x ?y }} }}")
    assert run_audit(store).check("conflicting-signatories").status == "pass"


def test_the_alignment_threshold_is_configurable(fixture_dump: bytes):
    store = copy_of(fixture_dump)
    weaken_an_alignment(store)
    assert run_audit(store).check("low-confidence-alignment").status == "fail"
    assert run_audit(store, alignment_threshold=0.05).check("low-confidence-alignment").status == "pass"
    assert run_audit(store, alignment_threshold=0.95).check("low-confidence-alignment").count == 4


def test_a_shifted_offset_reports_what_the_offsets_slice(fixture_dump: bytes):
    store = copy_of(fixture_dump)
    expected = shift_a_sentence_offset(store)
    finding = next(f for f in run_audit(store).check("sentence-offsets").findings if f.iri == expected.item)
    # Only the begin moved: the slice is the stored sentence without its first character.
    assert finding.details["sliced"] == finding.sentences[0].text[1:]
