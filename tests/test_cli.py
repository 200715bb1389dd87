"""The ``ckg`` verbs through click's runner, and one real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

TURTLE = """@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
@prefix ex: <http://example.org/> .
ex:armistice a ckg:Armistice ; ckg:signatory ex:putin, ex:aliyev .
ex:putin a ckg:Person .
ex:aliyev a ckg:Person .
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def loaded_store(tmp_path, runner) -> Path:
    data = tmp_path / "armistice.ttl"
    data.write_text(TURTLE, encoding="utf-8")
    store = tmp_path / "store"
    result = runner.invoke(main, ["load", str(data), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def test_load_puts_triples_in_a_named_graph_named_after_the_file(runner, loaded_store):
    result = runner.invoke(
        main, ["query", "SELECT ?g WHERE { GRAPH ?g { ?a a ckg:Armistice } }", "--store", str(loaded_store),
               "--format", "csv"],
    )
    assert result.exit_code == 0, result.output
    assert "https://w3id.org/conflict-kg/graph/loaded/armistice" in result.output


def test_query_sees_the_union_of_graphs_and_prints_a_table(runner, loaded_store):
    result = runner.invoke(
        main, ["query", "SELECT ?s WHERE { ?a ckg:signatory ?s } ORDER BY ?s", "--store", str(loaded_store)]
    )
    assert result.exit_code == 0, result.output
    assert "http://example.org/aliyev" in result.output
    assert "2 row(s)" in result.output


def test_query_reads_a_query_file(runner, loaded_store, tmp_path):
    query_file = tmp_path / "ask.rq"
    query_file.write_text("ASK { ?a a ckg:Armistice }", encoding="utf-8")
    result = runner.invoke(main, ["query", f"@{query_file}", "--store", str(loaded_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["boolean"] is True


def test_construct_results_are_serialised_as_rdf(runner, loaded_store):
    result = runner.invoke(
        main,
        ["query", "CONSTRUCT { ?a ckg:signatory ?s } WHERE { ?a ckg:signatory ?s }", "--store", str(loaded_store),
         "--format", "nt"],
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("<https://w3id.org/conflict-kg/ontology#signatory>") == 2


def test_a_malformed_query_is_a_one_line_error_with_its_position(runner, loaded_store):
    result = runner.invoke(main, ["query", "SELECT ?s WHERE { ?s ?p }", "--store", str(loaded_store)])
    assert result.exit_code == 1
    assert "query:1:" in result.output
    assert "Traceback" not in result.output


def test_export_trig_keeps_named_graphs_and_reloads(runner, loaded_store, tmp_path):
    out = tmp_path / "dump.trig"
    result = runner.invoke(main, ["export", "--store", str(loaded_store), "--format", "trig", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "graph/loaded/armistice" in text
    second = tmp_path / "second"
    assert runner.invoke(main, ["load", str(out), "--store", str(second)]).exit_code == 0
    counts = json.loads(runner.invoke(main, ["stats", "--store", str(second), "--format", "json"]).output)
    assert counts["triples"] == 5


def test_export_turtle_says_graph_names_were_dropped(runner, loaded_store):
    result = runner.invoke(main, ["export", "--store", str(loaded_store), "--format", "ttl"])
    assert result.exit_code == 0
    assert "union of all graphs" in result.output


def test_stats_counts_graphs_and_classes(runner, loaded_store):
    counts = json.loads(runner.invoke(main, ["stats", "--store", str(loaded_store), "--format", "json"]).output)
    assert counts["triples"] == 5
    assert counts["classes"]["https://w3id.org/conflict-kg/ontology#Person"] == 2


def store_files(store: Path) -> dict[str, bytes]:
    current = store / "current"
    return {"current": os.readlink(current).encode()} if current.is_symlink() else {}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("truncated.ttl", TURTLE[:-20].encode(), "truncated.ttl:"),
        ("latin1.ttl", "<http://a> <http://b> \"café\" .".encode("latin-1"), "latin1.ttl:1:"),
        ("empty.ttl", b"", "empty file"),
        ("data.xyz", b"<a> <b> <c> .", "unknown RDF format"),
    ],
    ids=["truncated-turtle", "non-utf8", "empty", "unknown-extension"],
)
def test_a_bad_rdf_file_is_refused_and_the_store_is_unchanged(runner, loaded_store, tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    before = store_files(loaded_store)
    result = runner.invoke(main, ["load", str(bad), "--store", str(loaded_store)])
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert store_files(loaded_store) == before
    counts = json.loads(runner.invoke(main, ["stats", "--store", str(loaded_store), "--format", "json"]).output)
    assert counts["triples"] == 5


@pytest.mark.parametrize("target", ["missing.ttl", "."], ids=["missing", "directory"])
def test_load_names_a_missing_file_or_a_directory(runner, loaded_store, tmp_path, target):
    result = runner.invoke(main, ["load", str(tmp_path / target), "--store", str(loaded_store)])
    assert result.exit_code == 1
    assert "no such file" in result.output or "is a directory" in result.output


def test_query_on_a_missing_store_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(main, ["query", "ASK {}", "--store", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no such store" in result.output


def test_every_verb_has_help_with_examples(runner):
    for verb in main.commands:
        result = runner.invoke(main, [verb, "--help"])
        assert result.exit_code == 0, verb
        assert "Example" in result.output, f"ckg {verb} --help has no example"


def test_the_installed_ckg_command_runs_as_a_real_process(loaded_store):
    ckg = shutil.which("ckg", path=str(Path(sys.executable).parent)) or "ckg"
    completed = subprocess.run(
        [ckg, "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(loaded_store), "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines()[-1].strip() == "5"
