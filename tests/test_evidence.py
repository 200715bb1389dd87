"""The evidence chain of one fact: statements, sentences with highlighted spans, citations, records."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rich.console import Console

from graph.evidence import FactNotFound, evidence_about, evidence_chain, parse_object
from graph.report_html import render_evidence_html, render_evidence_page
from graph.report_terminal import render_evidence_terminal
from graph.terms import TermError, compact, parse_iri
from tests.audit_stores import CLEAN, load, seed

RES = "https://w3id.org/conflict-kg/resource/"
CKG = "https://w3id.org/conflict-kg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load(CLEAN)


def test_iris_prefixed_names_and_slugs_name_the_same_fact(store: ox.Store):
    spellings = [
        ("res:armistice-2020-11-09", "ckg:signatory", "res:vladimir-putin"),
        (f"<{RES}armistice-2020-11-09>", f"<{CKG}signatory>", f"<{RES}vladimir-putin>"),
        (f"{RES}armistice-2020-11-09", f"{CKG}signatory", f"{RES}vladimir-putin"),
        ("armistice-2020-11-09", "signatory", "vladimir-putin"),
    ]
    chains = [evidence_chain(store, *spelling) for spelling in spellings]
    assert {chain.to_json()["label"] for chain in chains} == {
        "res:armistice-2020-11-09 ckg:signatory res:vladimir-putin"
    }
    assert len({json.dumps(chain.to_json(), sort_keys=True) for chain in chains}) == 1


def test_a_literal_object_may_be_typed_or_bare(store: ox.Store):
    typed = evidence_chain(store, "res:armistice-2020-11-09", "ckg:signingDate", '"2020-11-09"^^xsd:date')
    bare = evidence_chain(store, "res:armistice-2020-11-09", "ckg:signingDate", "2020-11-09")
    assert typed.object == bare.object == ox.Literal("2020-11-09", datatype=ox.NamedNode(XSD + "date"))
    assert typed.in_facts_graph and len(typed.statements) == 2


def test_rdf_type_facts_have_their_statements_too(store: ox.Store):
    chain = evidence_chain(store, "res:armistice-2020-11-09", "a", "ckg:Armistice")
    assert chain.in_facts_graph
    assert [s.sentence.iri.rsplit("/", 1)[1] for s in chain.statements] == ["1", "2", "3"]


def test_each_statement_leads_to_its_sentence_with_the_supporting_span(store: ox.Store):
    chain = evidence_chain(store, "res:armistice-2020-11-09", "ckg:signatory", "res:vladimir-putin")
    assert [(s.confidence, s.span_text) for s in chain.statements] == [(0.9, "Vladimir Putin"), (0.8, "Putin")]
    first = chain.statements[0].sentence
    assert first.iri == RES + "demo-2020/sentence/1"
    assert first.document == RES + "demo-2020"
    assert (first.begin, first.end) == (0, 178)
    assert first.offsets_match
    before, span, after = first.split(chain.statements[0].span_begin, chain.statements[0].span_end)
    assert span == "Vladimir Putin" and after == ".[1][2]" and before.endswith("Tổng thống Nga, ")


def test_citations_lead_through_reference_numbers_to_records(store: ox.Store):
    chain = evidence_chain(store, "res:armistice-2020-11-09", "ckg:signatory", "res:vladimir-putin")
    first, second = chain.sentences
    assert [c.number for c in first.citations] == [1, 2]
    assert [c.number for c in second.citations] == [2, 4]
    good, broken = first.citations
    assert [(m.begin, m.end) for m in good.markers] == [(172, 175)]
    record = good.records[0]
    assert (record.title, record.publisher, record.date, record.accessed_on) == (
        "Armistice signed in Moscow", "BBC News", "2020-11-10", "2020-11-11")
    assert record.broken is False and record.alignment_confidence == 0.9
    assert record.alignment_evidence == "first citation in order of appearance; 1 backlink"
    assert broken.records[0].broken is True and not broken.usable
    assert chain.cited


def test_record_fields_include_creators_and_archive_dates(store: ox.Store):
    chain = evidence_chain(store, "res:armistice-2020-11-09", "ckg:effectiveFrom",
                           '"2020-11-10T00:00:00+03:00"^^xsd:dateTime')
    record = chain.sentences[0].citations[0].records[0]
    assert record.creators == ("Jane Smith",)
    assert (record.archived_on, record.accessed_on) == ("2020-11-13", None)


def test_an_unknown_fact_names_the_objects_that_exist(store: ox.Store):
    with pytest.raises(FactNotFound, match="known objects: res:ilham-aliyev, res:nikol-pashinyan, res:vladimir-putin"):
        evidence_chain(store, "res:armistice-2020-11-09", "ckg:signatory", "res:someone-else")
    with pytest.raises(FactNotFound, match="no such subject and predicate"):
        evidence_chain(store, "res:nothing", "ckg:signatory", "res:someone-else")


def test_bad_names_are_refused_clearly():
    with pytest.raises(TermError, match="unknown prefix"):
        parse_iri("nope:thing")
    with pytest.raises(TermError, match="empty"):
        parse_iri("  ")
    assert parse_object('"Putin"@en') == ox.Literal("Putin", language="en")
    assert parse_object("res:x") == ox.NamedNode(RES + "x")
    assert parse_object("2020") == "2020"


def test_a_fact_missing_from_the_facts_graph_still_shows_its_statements():
    store = load(CLEAN)
    seed(store, "DELETE DATA { GRAPH g:facts { res:armistice-2020-11-09 ckg:signatory res:vladimir-putin } }")
    chain = evidence_chain(store, "res:armistice-2020-11-09", "ckg:signatory", "res:vladimir-putin")
    assert not chain.in_facts_graph and len(chain.statements) == 2


def test_shifted_offsets_are_flagged_and_the_span_is_not_highlighted():
    store = load(CLEAN)
    seed(store, """DELETE DATA { GRAPH g:documents { sentence:1 nif:beginIndex 0 } } ;
        INSERT DATA { GRAPH g:documents { sentence:1 nif:beginIndex 3 } }""")
    chain = evidence_chain(store, "res:armistice-2020-11-09", "ckg:signatory", "res:vladimir-putin")
    sentence = chain.statements[0].sentence
    assert not sentence.offsets_match
    assert sentence.text == sentence.anchor[3:]
    assert "OFFSETS DO NOT SLICE" in terminal_text(chain)


def terminal_text(chain) -> str:
    console = Console(record=True, width=160)
    render_evidence_terminal(chain, console)
    return console.export_text()


def test_terminal_rendering_shows_the_chain(store: ox.Store):
    text = terminal_text(evidence_chain(store, "res:armistice-2020-11-09", "ckg:signatory", "res:vladimir-putin"))
    assert "res:armistice-2020-11-09 ckg:signatory res:vladimir-putin" in text
    assert "confidence 0.9" in text and "Armistice signed in Moscow" in text
    assert "BROKEN record" in text
    assert "aligned with confidence 0.6: order of first appearance" in text


def test_html_fragment_highlights_the_span_and_escapes_text(store: ox.Store):
    chain = evidence_chain(store, "res:armistice-2020-11-09", "ckg:signatory", "res:vladimir-putin")
    html = render_evidence_html(chain, heading=3)
    assert html.lstrip().startswith("<section") and "<html" not in html
    assert "<mark>Vladimir Putin</mark>.[1][2]" in html
    assert "<h3><code>res:armistice-2020-11-09 ckg:signatory res:vladimir-putin</code></h3>" in html
    assert "&lt;ref&gt;" in html and "<ref>" not in html  # the broken record's raw text
    assert html.count("<caption>") == html.count("<table>") == 2


def test_html_page_wraps_the_fragment(store: ox.Store):
    chain = evidence_chain(store, "res:capture-shusha-2020-11-08", "ckg:territory", "res:shusha")
    page = render_evidence_page(chain)
    assert page.startswith("<!DOCTYPE html>") and "<mark>Shusha</mark>" in page
    assert "<link" not in page and "<script" not in page


def test_json_chain_has_the_documented_shape(store: ox.Store):
    data = evidence_chain(store, "res:armistice-2020-11-09", "ckg:signatory", "res:vladimir-putin").to_json()
    assert set(data) == {"fact", "label", "in_facts_graph", "cited", "statements"}
    statement = data["statements"][0]
    assert statement["span"] == {"begin": 157, "end": 171, "text": "Vladimir Putin"}
    citation = statement["sentence"]["citations"][0]
    assert set(citation) == {"reference", "number", "markers", "records"}
    assert citation["records"][0]["alignment"] == {
        "confidence": 0.9, "evidence": "first citation in order of appearance; 1 backlink"}
    assert json.loads(json.dumps(data)) == data


def test_compact_forms_are_readable():
    assert compact(ox.Literal("2020-11-09", datatype=ox.NamedNode(XSD + "date"))) == '"2020-11-09"^^xsd:date'
    assert compact(ox.Literal("Nga", language="vi")) == '"Nga"@vi'
    assert compact("http://example.org/x") == "<http://example.org/x>"


def test_evidence_about_a_resource_covers_its_facts_as_subject_and_object(store: ox.Store):
    chains = evidence_about(store, ox.NamedNode(RES + "vladimir-putin"))
    assert [chain.label for chain in chains] == ["res:armistice-2020-11-09 ckg:signatory res:vladimir-putin"]
    event = evidence_about(store, ox.NamedNode(RES + "armistice-2020-11-09"))
    labels = [chain.label for chain in event]
    assert "res:armistice-2020-11-09 rdf:type ckg:Armistice" in labels
    assert not any("sem:Event" in label or "wasDerivedFrom" in label for label in labels)
    assert len(labels) == 6 and all(chain.statements for chain in event)
    assert event == [evidence_chain(store, c.subject, c.predicate, c.object) for c in event]
