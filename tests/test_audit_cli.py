"""``ckg audit`` on the bundled store: the report, its formats, the evidence chain of one fact."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cli import main


def run(*args: str):
    return CliRunner().invoke(main, ["audit", *args])


def test_the_bundled_store_passes_the_error_checks_and_fails_strict(bundled_store):
    assert run("--store", str(bundled_store)).exit_code == 0
    strict = run("--store", str(bundled_store), "--strict")
    assert strict.exit_code == 1
    assert "reference-without-record" in strict.output


def test_json_report_lists_every_check_with_counts(bundled_store):
    result = run("--store", str(bundled_store), "--format", "json")
    report = json.loads(result.output)
    checks = {check["id"]: check for check in report["checks"]}
    assert checks["sentence-offsets"]["count"] == 0
    assert checks["fact-without-statement"]["count"] == 0
    assert checks["reference-without-record"]["count"] > 0
    assert report["totals"]["sentences"] == 210


def test_html_report_is_a_self_contained_page(bundled_store, tmp_path):
    out = tmp_path / "audit.html"
    assert run("--store", str(bundled_store), "--format", "html", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.lower().startswith("<!doctype html>")
    assert "<script" not in page and "<link " not in page and "<style" in page


def test_fact_chain_shows_the_sentence_and_its_citations(bundled_store):
    result = run("--store", str(bundled_store), "--format", "json",
                 "--fact", "res:armistice-2020-11-09", "ckg:signatory", "res:vladimir-putin")
    assert result.exit_code == 0, result.output
    chain = json.loads(result.output)
    sentences = [statement["sentence"] for statement in chain["statements"]]
    assert any("Vladimir Putin" in sentence["text"] for sentence in sentences)
    assert any(citation["number"] == 96 for sentence in sentences for citation in sentence["citations"])


def test_an_unknown_fact_or_document_is_a_one_line_error(bundled_store):
    unknown = run("--store", str(bundled_store), "--fact", "res:armistice-2020-11-09", "ckg:signatory", "res:nobody")
    assert unknown.exit_code == 1 and len(unknown.output.strip().splitlines()) == 1
    missing = run("--store", str(bundled_store), "--document", "no-such-article")
    assert missing.exit_code == 1 and "no-such-article" in missing.output
