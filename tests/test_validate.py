"""``graph.validate``: HermiT consistency with named culprits, the reasoner copy, and the whole report.

HermiT runs take about a second each, so they happen once per module-scoped fixture.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal

from graph.namespaces import CKG, NIF, OWL, PROV, RDF, RDFS, RES, XSD
from graph.validate import (
    ConsistencyReport,
    OntologyIndex,
    ShapesReport,
    ValidationReport,
    check_consistency,
    explain_inconsistency,
    format_report,
    graph_from_store,
    load_ontology,
    reasoner_copy,
    validate,
)
from tests.rdf_fixtures import FIXTURES, read_fixture

ARMISTICE = RES["armistice-2020-11-09"]


@pytest.fixture(scope="module")
def index() -> OntologyIndex:
    return OntologyIndex(load_ontology())


@pytest.fixture(scope="module")
def sample_report() -> ValidationReport:
    """One HermiT run and one SHACL run on the contract fixture (read as a Dataset)."""
    dataset = Dataset()
    dataset.parse(FIXTURES / "contract-sample.trig", format="trig")
    return validate(dataset)


@pytest.fixture(scope="module")
def inconsistent_report() -> ConsistencyReport:
    """HermiT on the fixture with an individual typed both Person and Country."""
    return check_consistency(read_fixture("inconsistent.ttl"))


@pytest.fixture(scope="module")
def range_clash_report() -> ConsistencyReport:
    """HermiT on the contract fixture where an agreement is named as a signatory."""
    data = read_fixture("contract-sample.trig")
    data.add((ARMISTICE, CKG.signatory, RES["ceasefire-2020-10-10"]))
    return check_consistency(data)


def test_ontology_and_contract_fixture_are_consistent(sample_report):
    consistency = sample_report.consistency
    assert consistency.error is None
    assert consistency.consistent
    assert consistency.unsatisfiable_classes == []
    assert consistency.reasoner_runs == 1


def test_contract_fixture_validates(sample_report):
    assert sample_report.conforms
    assert sample_report.shapes.conforms
    assert sample_report.to_text().endswith("VALID")


def test_date_literals_reach_the_reasoner_as_date_times(sample_report):
    # 8 xsd:date values in checkable properties (signing dates, event dates, accessedOn)
    assert sample_report.consistency.converted_date_literals == 8
    assert sample_report.consistency.dropped_ill_typed_literals == 0


def test_person_typed_as_country_is_inconsistent_and_named(inconsistent_report):
    assert inconsistent_report.error is None
    assert not inconsistent_report.consistent
    assert not inconsistent_report.ok
    [culprit] = inconsistent_report.culprits
    assert culprit.individual == "res:georgia"
    assert "ckg:Person" in culprit.reason and "ckg:Country" in culprit.reason


def test_agreement_as_signatory_is_inconsistent_and_named(range_clash_report):
    assert not range_clash_report.consistent
    [culprit] = range_clash_report.culprits
    assert culprit.individual == "res:ceasefire-2020-10-10"
    assert "ckg:signatory" in culprit.reason and "ckg:Agreement" in culprit.reason


def test_inconsistent_report_renders_the_culprit(inconsistent_report):
    text = format_report(ValidationReport(consistency=inconsistent_report, shapes=ShapesReport(conforms=True)))
    assert "INCONSISTENT" in text and "res:georgia" in text and text.endswith("INVALID")


def test_hermit_isolates_a_culprit_the_structural_explanation_misses():
    # A string where the ontology wants an xsd:dateTime: only HermiT sees it.
    data = Graph()
    data.add((RES["russia"], RDF.type, CKG.Country))
    data.add((RES["armenia"], RDF.type, CKG.Country))
    data.add((RES["run/bad"], RDF.type, PROV.Activity))
    data.add((RES["run/bad"], PROV.startedAtTime, Literal("yesterday")))
    report = check_consistency(data)
    assert not report.consistent
    assert [c.individual for c in report.culprits] == ["res:run/bad"]
    assert report.reasoner_runs <= 4


def test_unsatisfiable_class_of_the_ontology_is_named():
    ontology = load_ontology()
    ontology.add((CKG.Signatory, RDF.type, OWL.Class))
    ontology.add((CKG.Signatory, RDFS.subClassOf, CKG.Person))
    ontology.add((CKG.Signatory, RDFS.subClassOf, CKG.Country))
    report = check_consistency(Graph(), ontology)
    assert report.consistent
    assert report.unsatisfiable_classes == ["ckg:Signatory"]
    assert not report.ok


def test_reasoner_copy_leaves_out_texts_and_reification(index):
    copy = reasoner_copy(index, read_fixture("contract-sample.trig"))
    predicates = {p for group in copy.abox.values() for _, p, _ in group}
    assert NIF.isString not in predicates
    assert NIF.anchorOf not in predicates
    assert RDF.subject not in predicates and RDF.predicate not in predicates
    assert PROV.wasGeneratedBy not in predicates
    assert CKG.signatory in predicates and NIF.beginIndex in predicates


def test_reasoner_copy_converts_dates_and_drops_ill_typed_literals(index):
    data = Graph()
    data.add((ARMISTICE, CKG.signingDate, Literal("2020-11-09", datatype=XSD.date)))
    data.add((ARMISTICE, CKG.date, Literal("2020-11+03:00", datatype=XSD.gYearMonth)))
    data.add((ARMISTICE, CKG.date, Literal("2020", datatype=XSD.gYear)))
    data.add((ARMISTICE, CKG.effectiveFrom, Literal("2020-11-31", datatype=XSD.date)))
    copy = reasoner_copy(index, data)
    values = {o for _, _, o in copy.abox[ARMISTICE]}
    assert values == {
        Literal("2020-11-09T00:00:00", datatype=XSD.dateTime),
        Literal("2020-11-01T00:00:00+03:00", datatype=XSD.dateTime),
        Literal("2020-01-01T00:00:00", datatype=XSD.dateTime),
    }
    assert (copy.converted, copy.dropped) == (3, 1)
    assert all(o not in (XSD.date, XSD.gYear, XSD.gYearMonth) for _, _, o in copy.tbox)


def test_explanation_names_functional_and_range_breaches(index):
    data = read_fixture("contract-sample.trig")
    data.add((ARMISTICE, CKG.signingDate, Literal("2020-11-10", datatype=XSD.date)))
    marker = RES["contract-sample/marker/2"]
    data.remove((marker, CKG.citationNumber, None))
    data.add((marker, CKG.citationNumber, Literal(-2)))
    culprits = explain_inconsistency(index, reasoner_copy(index, data))
    reasons = {c.individual: c.reason for c in culprits}
    assert set(reasons) == {"res:armistice-2020-11-09", "res:contract-sample/marker/2"}
    assert "functional ckg:signingDate" in reasons["res:armistice-2020-11-09"]
    assert "minimum 1" in reasons["res:contract-sample/marker/2"]


def test_explanation_follows_same_as_links(index):
    data = Graph()
    data.add((RES["russia"], RDF.type, CKG.Country))
    data.add((RES["vladimir-putin"], RDF.type, CKG.Person))
    data.add((RES["russia"], OWL.sameAs, RES["vladimir-putin"]))
    [culprit] = explain_inconsistency(index, reasoner_copy(index, data))
    assert "disjoint" in culprit.reason


def test_graph_from_store_reads_every_quad_with_datatypes():
    store = ox.Store()
    store.load(path=str(FIXTURES / "contract-sample.trig"), format=ox.RdfFormat.TRIG)
    graph = graph_from_store(store)
    assert len(graph) == len(read_fixture("contract-sample.trig"))
    assert graph.value(ARMISTICE, CKG.signingDate) == Literal("2020-11-09", datatype=XSD.date)
