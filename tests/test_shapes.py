"""The SHACL shapes (ontology/shapes.ttl) accept the contract fixture and name what breaks them."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from graph.namespaces import CKG, NIF, OWL, PROV, RES, XSD
from graph.validate import ShapesReport, check_shapes, load_ontology, load_shapes
from tests.rdf_fixtures import read_fixture

DOC = "contract-sample"
ARMISTICE = RES["armistice-2020-11-09"]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture
def sample() -> Graph:
    """A fresh copy of the contract fixture (tests change it)."""
    return read_fixture("contract-sample.trig")


def check(data: Graph, shapes: Graph, ontology: Graph) -> ShapesReport:
    return check_shapes(data, shapes=shapes, ontology=ontology)


def results_for(report: ShapesReport, focus: str) -> list:
    return [r for r in report.violations if r.focus_node == focus]


def test_shapes_parse_and_declare_node_shapes(shapes):
    assert len(shapes) > 100


def test_contract_fixture_conforms(sample, shapes, ontology):
    report = check(sample, shapes, ontology)
    assert report.conforms, [r for r in report.results]
    assert report.results == []


def test_statement_without_sentence_fails_naming_the_statement(shapes, ontology):
    report = check(read_fixture("statement-without-sentence.trig"), shapes, ontology)
    assert not report.conforms
    [violation] = report.violations
    assert violation.focus_node == "res:orphan-sample/statement/orphan"
    assert violation.path == "prov:wasDerivedFrom"
    assert violation.shape == "ckgsh:StatementShape"
    assert "ckgsh:StatementShape" in report.by_shape()


def test_statement_derived_from_a_non_sentence_fails(sample, shapes, ontology):
    statement = RES[f"{DOC}/statement/01"]
    sample.remove((statement, PROV.wasDerivedFrom, None))
    sample.add((statement, PROV.wasDerivedFrom, RES[f"{DOC}/record/1"]))
    report = check(sample, shapes, ontology)
    assert [r.path for r in results_for(report, f"res:{DOC}/statement/01")] == ["prov:wasDerivedFrom"]


@pytest.mark.parametrize("lexical", ["2020-11-31", "9 tháng 11 năm 2020", "2020-11"])
def test_signing_date_with_invalid_lexical_form_fails(sample, shapes, ontology, lexical):
    sample.remove((ARMISTICE, CKG.signingDate, None))
    sample.add((ARMISTICE, CKG.signingDate, Literal(lexical, datatype=XSD.date)))
    report = check(sample, shapes, ontology)
    [violation] = results_for(report, "res:armistice-2020-11-09")
    assert violation.path == "ckg:signingDate"
    assert violation.shape == "ckgsh:SigningDateShape"


def test_event_date_accepts_month_precision_but_not_free_text(sample, shapes, ontology):
    capture = RES["capture-shusha-2020-11-08"]
    sample.add((capture, CKG.date, Literal("2020-11", datatype=XSD.gYearMonth)))
    assert check(sample, shapes, ontology).conforms
    sample.add((capture, CKG.date, Literal("ngày 8 tháng 11", datatype=XSD.date)))
    [violation] = results_for(check(sample, shapes, ontology), "res:capture-shusha-2020-11-08")
    assert violation.path == "ckg:date"


def test_effective_from_must_be_a_date_time_or_date(sample, shapes, ontology):
    sample.add((ARMISTICE, CKG.effectiveFrom, Literal("00:00 giờ Moskva")))
    [violation] = results_for(check(sample, shapes, ontology), "res:armistice-2020-11-09")
    assert violation.path == "ckg:effectiveFrom"


def test_sentence_offsets_that_do_not_match_the_text_are_reported(sample, shapes, ontology):
    sentence = RES[f"{DOC}/sentence/3"]
    sample.remove((sentence, NIF.beginIndex, None))
    sample.add((sentence, NIF.beginIndex, Literal(384)))
    report = check(sample, shapes, ontology)
    [violation] = results_for(report, f"res:{DOC}")
    assert violation.value == f"res:{DOC}/sentence/3"
    assert "nif:anchorOf" in violation.message


def test_begin_must_be_less_than_end(sample, shapes, ontology):
    marker = RES[f"{DOC}/marker/1"]
    sample.remove((marker, NIF.endIndex, None))
    sample.add((marker, NIF.endIndex, Literal(251)))
    report = check(sample, shapes, ontology)
    assert any(r.path == "nif:beginIndex" for r in results_for(report, f"res:{DOC}/marker/1"))


def test_citation_number_must_be_a_positive_integer_matching_its_reference(sample, shapes, ontology):
    marker = RES[f"{DOC}/marker/1"]
    sample.remove((marker, CKG.citationNumber, None))
    sample.add((marker, CKG.citationNumber, Literal(0)))
    paths = {r.path for r in results_for(check(sample, shapes, ontology), f"res:{DOC}/marker/1")}
    assert paths == {"ckg:citationNumber", "ckg:refersTo/ckg:referenceNumber"}


def test_confidence_must_be_a_decimal_between_zero_and_one(sample, shapes, ontology):
    alignment = RES[f"{DOC}/alignment/1"]
    sample.remove((alignment, CKG.confidence, None))
    sample.add((alignment, CKG.confidence, Literal("1.5", datatype=XSD.decimal)))
    [violation] = results_for(check(sample, shapes, ontology), f"res:{DOC}/alignment/1")
    assert violation.path == "ckg:confidence"


def test_record_needs_its_text_and_broken_flag(sample, shapes, ontology):
    record = RES[f"{DOC}/record/3"]
    sample.remove((record, CKG.isBroken, None))
    sample.remove((record, CKG.recordText, None))
    paths = {r.path for r in results_for(check(sample, shapes, ontology), f"res:{DOC}/record/3")}
    assert paths == {"ckg:isBroken", "ckg:recordText"}


def test_signatory_must_be_a_person_or_country(sample, shapes, ontology):
    sample.add((ARMISTICE, CKG.signatory, RES["moscow"]))
    [violation] = results_for(check(sample, shapes, ontology), "res:armistice-2020-11-09")
    assert violation.path == "ckg:signatory" and violation.value == "res:moscow"


def test_same_as_must_point_at_a_wikidata_item(sample, shapes, ontology):
    sample.add((RES["russia"], OWL.sameAs, RES["russia"]))
    [violation] = results_for(check(sample, shapes, ontology), "res:russia")
    assert violation.path == "owl:sameAs"


def test_sentence_must_be_in_exactly_one_paragraph_or_note(sample, shapes, ontology):
    sentence = RES[f"{DOC}/sentence/8"]
    sample.add((sentence, CKG.inParagraph, RES[f"{DOC}/paragraph/3"]))
    [violation] = results_for(check(sample, shapes, ontology), f"res:{DOC}/sentence/8")
    assert violation.constraint == "sh:XoneConstraintComponent"
