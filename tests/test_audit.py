"""The audit report: checks on a clean store, scopes, the exit rule and the three renderings."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from rich.console import Console

from graph.audit import CHECKS, AuditReport, Check, Finding, ScopeError, run_audit
from graph.report_html import render_html
from graph.report_terminal import render_terminal
from tests.audit_stores import CLEAN, DOC, FIXTURES, load, seed

RES = "https://w3id.org/conflict-kg/resource/"


@pytest.fixture(scope="module")
def clean_report() -> AuditReport:
    return run_audit(load(CLEAN))


def test_a_clean_store_passes_every_check_even_when_strict(clean_report: AuditReport):
    assert [c.id for c in clean_report.checks] == [spec.id for spec in CHECKS]
    assert {c.status for c in clean_report.checks if c.severity != "info"} == {"pass"}
    assert not clean_report.failed(strict=True)


def test_checks_count_what_they_looked_at(clean_report: AuditReport):
    assert clean_report.totals == {
        "facts": 10, "statements": 16, "sentences": 4, "markers": 6, "references": 4, "records": 4, "events": 2,
    }
    assert clean_report.check("fact-without-statement").checked == 10
    assert clean_report.check("sentence-offsets").checked == 4
    assert clean_report.check("marker-without-reference").checked == 6


def test_events_are_sorted_into_told_once_and_corroborated(clean_report: AuditReport):
    single = clean_report.check("single-source-event")
    corroborated = clean_report.check("corroborated-event")
    assert [f.iri for f in single.findings] == [RES + "capture-shusha-2020-11-08"]
    assert [f.iri for f in corroborated.findings] == [RES + "armistice-2020-11-09"]
    assert corroborated.findings[0].details == {"sentences": 3, "references": [1, 2, 3, 4]}
    assert single.status == corroborated.status == "info"


def test_the_exit_rule_counts_errors_and_with_strict_warnings():
    def report(*severities: str) -> AuditReport:
        checks = [Check(f"c{i}", "t", s, "d", 1, [Finding("urn:x", "bad")]) for i, s in enumerate(severities)]
        return AuditReport(checks)

    assert report("error").failed() and report("error").failed(strict=True)
    assert not report("warning").failed() and report("warning").failed(strict=True)
    assert not report("info").failed(strict=True)
    assert not AuditReport([Check("c", "t", "error", "d", 3)]).failed(strict=True)


def test_document_scope_keeps_one_documents_part_of_a_shared_store():
    store = load(CLEAN, FIXTURES / "contract-sample.trig")
    whole = run_audit(store)
    demo = run_audit(store, document="demo-2020")
    assert demo.document == DOC
    assert demo.totals == run_audit(load(CLEAN)).totals
    assert whole.totals["sentences"] > demo.totals["sentences"]
    assert all(f.iri.startswith(RES) for c in demo.checks for f in c.findings)
    assert not demo.failed(strict=True)


def test_document_scope_accepts_iris_prefixed_names_and_slugs():
    store = load(CLEAN)
    totals = {str(run_audit(store, document=name).totals) for name in (DOC, f"<{DOC}>", "res:demo-2020", "demo-2020")}
    assert len(totals) == 1


def test_resource_scope_keeps_the_facts_about_one_resource():
    report = run_audit(load(CLEAN), resource="res:vladimir-putin")
    assert report.totals["facts"] == 1
    assert report.totals["statements"] == 2
    assert report.totals["sentences"] == 2
    assert report.check("record-not-cited").status == "skipped"
    assert not report.failed(strict=True)


def test_resource_scope_of_an_event_covers_its_facts_and_sentences():
    report = run_audit(load(CLEAN), resource="armistice-2020-11-09")
    assert report.totals["facts"] == 6
    assert report.totals["events"] == 1
    assert [f.iri for f in report.check("corroborated-event").findings] == [RES + "armistice-2020-11-09"]


def test_an_unknown_scope_is_an_error_not_an_empty_pass():
    store = load(CLEAN)
    with pytest.raises(ScopeError, match="no document"):
        run_audit(store, document="no-such-article")
    with pytest.raises(ScopeError, match="no fact about"):
        run_audit(store, resource="res:nobody")


def test_a_problem_outside_the_scope_is_not_reported():
    store = load(CLEAN)
    seed(store, """DELETE WHERE { GRAPH g:provenance {
        ?st rdf:subject res:capture-shusha-2020-11-08 ; rdf:predicate ckg:territory ; ?x ?y } }""")
    assert run_audit(store).failed()
    assert run_audit(store, resource="vladimir-putin").check("fact-without-statement").status == "pass"
    assert run_audit(store, resource="shusha").check("fact-without-statement").count == 1


def test_json_report_has_the_documented_stable_shape(clean_report: AuditReport):
    data = json.loads(json.dumps(clean_report.to_json()))
    assert set(data) == {"scope", "settings", "totals", "runs", "failed", "failed_strict", "checks"}
    assert data["scope"] == {"document": None, "resource": None}
    assert data["settings"] == {"alignment_threshold": 0.5}
    assert data["runs"] == [{"iri": RES + "run/20240101T000000Z", "started": "2024-01-01T00:00:00Z",
                             "version": "0.1.0"}]
    check = data["checks"][-1]
    assert set(check) == {"id", "title", "severity", "description", "status", "checked", "count", "skipped",
                          "findings"}
    finding = check["findings"][0]
    assert set(finding) == {"iri", "message", "fact", "sentences", "related", "details"}
    assert set(finding["sentences"][0]) == {"iri", "text"}


def test_json_findings_carry_the_fact_as_sparql_json_terms():
    store = load(CLEAN)
    seed(store, """DELETE WHERE { GRAPH g:provenance {
        ?st rdf:subject res:capture-shusha-2020-11-08 ; rdf:predicate ckg:date ; ?x ?y } }""")
    finding = run_audit(store).to_json()["checks"][0]["findings"][0]
    assert finding["fact"] == {
        "subject": {"type": "uri", "value": RES + "capture-shusha-2020-11-08"},
        "predicate": {"type": "uri", "value": "https://w3id.org/conflict-kg/ontology#date"},
        "object": {"type": "literal", "value": "2020-11-08", "datatype": "http://www.w3.org/2001/XMLSchema#date"},
    }


def test_terminal_rendering_has_a_summary_and_the_failing_items():
    store = load(CLEAN)
    seed(store, """DELETE WHERE { GRAPH g:provenance {
        ?st rdf:subject res:capture-shusha-2020-11-08 ; rdf:predicate ckg:territory ; ?x ?y } }""")
    console = Console(record=True, width=300)
    render_terminal(run_audit(store), console)
    text = console.export_text()
    assert "Provenance audit" in text
    assert re.search(r"Facts without a statement\s+│\s+fact-without-statement\s+│\s+error\s+│\s+10\s+│\s+1\s+│\s+fail",
                     text)
    assert "res:capture-shusha-2020-11-08 ckg:territory res:shusha" in text
    assert "FAILED: fact-without-statement" in text


def test_terminal_rendering_limits_the_items_shown():
    console = Console(record=True, width=200)
    report = run_audit(load(CLEAN))
    report.checks.append(Check("many", "Many", "warning", "d", 30, [Finding(f"urn:x:{i}", "bad") for i in range(30)]))
    render_terminal(report, console, limit=5)
    text = console.export_text()
    assert "Many (first 5 of 30)" in text
    assert "urn:x:4" in text and "urn:x:5" not in text
    assert "passed with warnings" in text


class Outline(HTMLParser):
    """Collects what accessibility and self-containment depend on."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_report_is_self_contained_and_accessible():
    store = load(CLEAN)
    seed(store, """DELETE WHERE { GRAPH g:documents { sentence:1 nif:anchorOf ?text } } ;
        INSERT DATA { GRAPH g:documents { sentence:1 nif:anchorOf "<script>alert(1)</script>" } }""")
    html = render_html(run_audit(store))
    outline = Outline()
    outline.feed(html)
    tags = [tag for tag, _ in outline.tags]
    assert tags[0] == "html" and outline.tags[0][1].get("lang") == "en"
    assert "h1" in tags and "h2" in tags and "main" in tags
    assert tags.count("table") == tags.count("caption")
    assert all(attrs.get("scope") in ("col", "row") for tag, attrs in outline.tags if tag == "th")
    assert not any(tag in ("link", "script", "img", "iframe") for tag in tags)
    assert "<style>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_html_report_states_the_verdict_and_links_each_failing_check():
    store = load(CLEAN)
    seed(store, """DELETE WHERE { GRAPH g:provenance {
        ?st rdf:subject res:capture-shusha-2020-11-08 ; rdf:predicate ckg:territory ; ?x ?y } }""")
    html = render_html(run_audit(store))
    assert "<strong>Failed</strong>: Facts without a statement." in html
    assert 'href="#fact-without-statement"' in html and 'id="fact-without-statement"' in html
    assert "res:capture-shusha-2020-11-08 ckg:territory res:shusha" in html
