"""The analysts' tables: one CSV per relation, rows keyed by IRI, each with the evidence of its fact."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from cli import main
from graph.tables import EVIDENCE_COLUMNS, RELATIONS, table_csv
from tests.linked_data import linked_data_quads, linked_data_store
from tests.live.conftest import build_managed_store

RES = "https://w3id.org/conflict-kg/resource/"


@pytest.fixture(scope="module")
def tables() -> dict[str, list[dict[str, str]]]:
    store = linked_data_store()
    return {name: list(csv.DictReader(io.StringIO(table_csv(store, name)))) for name in RELATIONS}


def test_every_table_has_the_evidence_columns(tables):
    store = linked_data_store()
    for name in RELATIONS:
        header = next(csv.reader(io.StringIO(table_csv(store, name))))
        assert set(EVIDENCE_COLUMNS) <= set(header), name


def test_one_row_per_agreement_with_date_place_conflict_and_kind(tables):
    rows = {row["agreement"]: row for row in tables["agreements"]}
    assert set(rows) == {RES + "armistice-2020-11-09", RES + "ceasefire-2020-10-10"}
    armistice = rows[RES + "armistice-2020-11-09"]
    assert armistice["kind"] == "Armistice"
    assert armistice["signing_date"] == "2020-11-09"
    assert armistice["effective_from"] == "2020-11-10T00:00:00+03:00"
    assert armistice["location_name"] == "Moscow"
    assert armistice["conflict_name"] == "2020 Nagorno-Karabakh war"
    assert armistice["agreement_name_vi"] == "Thỏa thuận đình chiến ngày 9 tháng 11 năm 2020"


def test_signatory_rows_carry_sentence_offsets_text_citations_and_record_urls(tables):
    rows = {row["signatory"]: row for row in tables["signatories"]}
    assert set(rows) == {RES + name for name in ("ilham-aliyev", "nikol-pashinyan", "vladimir-putin")}
    putin = rows[RES + "vladimir-putin"]
    assert putin["signatory_wikidata"] == "Q7747"
    assert putin["document"] == RES + "contract-sample"
    assert putin["document_url"].startswith("https://vi.wikipedia.org/w/index.php?")
    assert (putin["sentence_begin"], putin["sentence_end"]) == ("0", "257")
    assert "Vladimir Putin" in putin["supporting_text"]
    assert putin["cited_references"] == "1; 2"
    assert putin["record_urls"] == "https://www.bbc.com/news/world-europe-54882564"
    assert float(putin["confidence"]) == pytest.approx(0.9)
    assert putin["supporting_sentences"] == "1"


def test_a_fact_told_by_two_sentences_is_one_row_with_the_strongest_evidence(tables):
    store = linked_data_store()
    rows = list(csv.DictReader(io.StringIO(table_csv(store, "captures"))))
    shusha = next(row for row in rows if row["territory"] == RES + "shusha")
    assert shusha["captured_by_name"] == "Azerbaijan"
    assert shusha["status"] == "Confirmed"
    assert shusha["sentence"].endswith("/sentence/7")


def test_mediators_include_groups_of_agreements_the_text_does_not_tell_apart(tables):
    group = [row for row in tables["mediators"] if row["agreement"] == RES + "ceasefires-2020"]
    assert {row["mediator_name"] for row in group} == {"Russia", "France", "United States"}
    assert {row["agreement_kind"] for row in group} == {"AgreementGroup"}


def test_transfers_name_both_sides_and_the_status(tables):
    lachin = next(row for row in tables["transfers"] if row["territory"] == RES + "lachin")
    sides = (lachin["from_party_name"], lachin["to_party_name"], lachin["status"])
    assert sides == ("Armenia", "Azerbaijan", "Planned")
    assert lachin["date"] == "2020-12-01"


def test_ckg_export_csv_writes_one_file_per_relation(tmp_path):
    store = build_managed_store(tmp_path / "store", linked_data_quads())
    result = CliRunner().invoke(main, ["export", "--store", str(store), "--format", "csv", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == sorted(f"{name}.csv" for name in RELATIONS)
    with (tmp_path / "out" / "parties.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 4


def test_ckg_export_csv_needs_a_directory(tmp_path):
    store = build_managed_store(tmp_path / "store", linked_data_quads())
    result = CliRunner().invoke(main, ["export", "--store", str(store), "--format", "csv"])
    assert result.exit_code == 1
    assert "-o DIR" in result.output
