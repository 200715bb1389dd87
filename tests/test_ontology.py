"""The OWL ontology (ontology/ckg.ttl): contract terms, labels, axioms, alignments, OWL 2 DL typing."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection

from graph.namespaces import CITO, CKG, DCTERMS, NIF, OWL, PROV, RDF, RDFS, SEM, WDT, XSD
from graph.validate import load_ontology

ONTOLOGY_IRI = URIRef("https://w3id.org/conflict-kg/ontology")

CONTRACT_CLASSES = [
    "Conflict", "Agreement", "Ceasefire", "Armistice", "Declaration", "Protocol", "TerritoryTransfer",
    "Capture", "Person", "Country", "Organization", "Place", "Position", "Role", "Document", "Sentence",
    "Note", "Reference", "ReferenceRecord", "CitationMarker", "Statement",
]
EXTENSION_CLASSES = ["EventStatus", "AgreementGroup", "Alignment"]
STATUS_INDIVIDUALS = ["Claimed", "Confirmed", "Planned", "Completed"]
OBJECT_PROPERTIES = [
    "signatory", "mediator", "party", "location", "territory", "fromParty", "toParty", "capturedBy",
    "partOfConflict", "holdsPosition", "role", "jurisdiction", "inSentence", "refersTo", "inDocument",
    "describedBy", "status", "hasMember", "inParagraph", "inNote",
]
DATATYPE_PROPERTIES = [
    "signingDate", "effectiveFrom", "date", "citationNumber", "referenceNumber", "archivedOn", "accessedOn",
    "quote", "citedTimes", "isBroken", "recordText", "memberCount", "spanBegin", "spanEnd", "confidence",
    "evidence", "translatedTitle", "website", "contentHash", "discovered", "recognition",
]
FUNCTIONAL = [
    "signingDate", "citationNumber", "inSentence", "referenceNumber", "spanBegin", "spanEnd", "confidence",
    "refersTo", "isBroken", "memberCount",
]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def union_members(graph: Graph, expression) -> set:
    """The classes of an owl:unionOf expression."""
    return set(Collection(graph, graph.value(expression, OWL.unionOf)))


def test_ontology_header_has_version_licence_title_and_description(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) is not None
    for prop in (DCTERMS.title, DCTERMS.description):
        assert {lit.language for lit in ontology.objects(ONTOLOGY_IRI, prop)} >= {"en", "vi"}


@pytest.mark.parametrize("name", CONTRACT_CLASSES + EXTENSION_CLASSES)
def test_class_is_declared(ontology, name):
    assert (CKG[name], RDF.type, OWL.Class) in ontology


@pytest.mark.parametrize("name", OBJECT_PROPERTIES)
def test_object_property_is_declared(ontology, name):
    assert (CKG[name], RDF.type, OWL.ObjectProperty) in ontology
    assert (CKG[name], RDF.type, OWL.DatatypeProperty) not in ontology


@pytest.mark.parametrize("name", DATATYPE_PROPERTIES)
def test_datatype_property_is_declared(ontology, name):
    assert (CKG[name], RDF.type, OWL.DatatypeProperty) in ontology
    assert (CKG[name], RDF.type, OWL.ObjectProperty) not in ontology


@pytest.mark.parametrize("name", STATUS_INDIVIDUALS)
def test_event_status_individual_is_declared(ontology, name):
    assert (CKG[name], RDF.type, CKG.EventStatus) in ontology


def test_every_ckg_term_has_label_and_comment_in_vietnamese_and_english(ontology):
    terms = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(CKG))}
    assert len(terms) >= len(CONTRACT_CLASSES + EXTENSION_CLASSES + OBJECT_PROPERTIES + DATATYPE_PROPERTIES)
    missing = {
        str(term): prop
        for term in terms
        for prop in (RDFS.label, RDFS.comment)
        if {lit.language for lit in ontology.objects(term, prop)} < {"en", "vi"}
    }
    assert missing == {}


def test_no_iri_is_punned_between_class_and_property_kinds(ontology):
    kinds = [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual]
    declared = {kind: set(ontology.subjects(RDF.type, kind)) for kind in kinds}
    for i, a in enumerate(kinds):
        for b in kinds[i + 1:]:
            assert declared[a] & declared[b] == set(), (a, b)


def test_main_kinds_are_pairwise_disjoint(ontology):
    groups = [
        set(Collection(ontology, ontology.value(node, OWL.members)))
        for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses)
    ]
    wanted = {CKG.Person, CKG.Country, CKG.Organization, CKG.Place, CKG.Agreement, CKG.Document}
    assert any(wanted <= group for group in groups)


@pytest.mark.parametrize("name", FUNCTIONAL)
def test_property_is_functional(ontology, name):
    assert (CKG[name], RDF.type, OWL.FunctionalProperty) in ontology


def test_reification_vocabulary_is_not_redefined(ontology):
    for term in (RDF.subject, RDF.predicate, RDF.object):
        assert (term, None, None) not in ontology


def test_signatory_range_is_person_or_country_and_equals_wikidata_p1891(ontology):
    assert union_members(ontology, ontology.value(CKG.signatory, RDFS.range)) == {CKG.Person, CKG.Country}
    assert (CKG.signatory, OWL.equivalentProperty, WDT.P1891) in ontology


def test_mediator_range_is_person_country_or_organization(ontology):
    members = union_members(ontology, ontology.value(CKG.mediator, RDFS.range))
    assert members == {CKG.Person, CKG.Country, CKG.Organization}


def test_dates_have_the_contract_datatypes(ontology):
    assert ontology.value(CKG.signingDate, RDFS.range) == XSD.date
    assert union_members(ontology, ontology.value(CKG.date, RDFS.range)) == {XSD.date, XSD.gYearMonth, XSD.gYear}
    assert union_members(ontology, ontology.value(CKG.effectiveFrom, RDFS.range)) == {XSD.dateTime, XSD.date}


@pytest.mark.parametrize(
    "name", ["Agreement", "Ceasefire", "Armistice", "Declaration", "Protocol", "TerritoryTransfer", "Capture",
             "AgreementGroup", "Conflict"],
)
def test_events_are_sem_events(ontology, name):
    assert SEM.Event in set(ontology.transitive_objects(CKG[name], RDFS.subClassOf))


def test_alignment_to_nif_prov_cito_dublin_core_and_rdf(ontology):
    assert (CKG.Sentence, RDFS.subClassOf, NIF.Sentence) in ontology
    assert (CKG.Document, RDFS.subClassOf, NIF.Context) in ontology
    assert (CKG.Statement, RDFS.subClassOf, RDF.Statement) in ontology
    assert (CKG.Alignment, RDFS.subClassOf, RDF.Statement) in ontology
    assert (CKG.Statement, RDFS.subClassOf, PROV.Entity) in ontology
    assert (CKG.ReferenceRecord, RDFS.subClassOf, DCTERMS.BibliographicResource) in ontology
    assert (PROV.Activity, RDF.type, OWL.Class) in ontology
    assert (CITO.citesAsEvidence, RDF.type, OWL.ObjectProperty) in ontology
    for actor in (CKG.Person, CKG.Country, CKG.Organization):
        assert (actor, RDFS.subClassOf, SEM.Actor) in ontology
    assert (CKG.Place, RDFS.subClassOf, SEM.Place) in ontology


def test_nif_offsets_are_datatype_properties_and_links_are_object_properties(ontology):
    for prop in (NIF.beginIndex, NIF.endIndex, NIF.anchorOf, NIF.isString):
        assert (prop, RDF.type, OWL.DatatypeProperty) in ontology
    for prop in (NIF.referenceContext, PROV.wasDerivedFrom, CITO.citesAsEvidence):
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology
