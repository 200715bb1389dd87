"""The Wikidata export: QuickStatements V1 commands, read back with a strict V1 grammar and rebuilt with the
data model of the ``quickstatements-client`` package (PyPI), whose validation must accept every command."""

from __future__ import annotations

import datetime
import re

import pytest
from click.testing import CliRunner
from quickstatements_client import (
    CreateLine,
    DateLine,
    DateQualifier,
    EntityLine,
    EntityQualifier,
    TextLine,
    TextQualifier,
    render_lines,
)

from cli import main
from graph.quickstatements import quickstatements, time_value
from tests.linked_data import linked_data_quads, linked_data_store
from tests.live.conftest import build_managed_store

ITEM = r"(?:Q\d+|LAST)"
TIME = r"[+-]\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\dZ/\d{1,2}"
STRING = r'"[^"\t\n]*"'
VALUE = rf"(?:Q\d+|{TIME}|{STRING})"
# QuickStatements V1: CREATE; item, L/D/A + language code, string; item, property, value, then qualifier
# pairs (P…) before source pairs (S…), all separated by single tabs.
V1_LINE = re.compile(
    rf"^(?:CREATE|{ITEM}\t[LDA][a-z-]+\t{STRING}|{ITEM}\tP\d+\t{VALUE}(?:\tP\d+\t{VALUE})*(?:\tS\d+\t{VALUE})*)$"
)
VIWIKI, IMPORT_URL = "Q200180", "https://vi.wikipedia.org/w/index.php?"


def value_model(predicate: str, value: str) -> EntityQualifier | DateQualifier | TextQualifier:
    if re.fullmatch(r"Q\d+", value):
        return EntityQualifier(predicate=predicate, target=value)
    if re.fullmatch(TIME, value):
        return DateQualifier(predicate=predicate, target=value)
    return TextQualifier(predicate=predicate, target=value[1:-1])


def parse(text: str) -> list:
    """Each command as a quickstatements-client model; fails on any line outside the V1 grammar."""
    models = []
    for number, line in enumerate(text.splitlines(), start=1):
        assert V1_LINE.match(line), f"line {number} is not QuickStatements V1: {line!r}"
        if line == "CREATE":
            models.append(CreateLine())
            continue
        subject, predicate, target, *pairs = line.split("\t")
        qualifiers = [value_model(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)]
        if predicate[0] in "LDA":
            models.append(TextLine(subject=subject, predicate=predicate, target=target[1:-1]))
        elif re.fullmatch(r"Q\d+", target):
            models.append(EntityLine(subject=subject, predicate=predicate, target=target, qualifiers=qualifiers))
        elif re.fullmatch(TIME, target):
            day, precision = target[1:11], int(target.rsplit("/", 1)[1])
            models.append(DateLine(subject=subject, predicate=predicate, target=datetime.date.fromisoformat(day),
                                   precision=precision, qualifiers=qualifiers))
        else:
            models.append(TextLine(subject=subject, predicate=predicate, target=target[1:-1], qualifiers=qualifiers))
    return models


@pytest.fixture(scope="module")
def commands() -> str:
    return quickstatements(linked_data_store()).text()


def test_every_command_parses_and_renders_back_identically(commands):
    models = parse(commands)
    assert render_lines(models, sep="\t", newline="\n") == commands.rstrip("\n")


def test_agreements_without_an_item_are_created_with_vietnamese_and_english_labels(commands):
    models = parse(commands)
    creates = [index for index, model in enumerate(models) if isinstance(model, CreateLine)]
    assert len(creates) == 2
    labels = {(model.predicate, model.target) for model in models[creates[0] + 1:creates[0] + 3]}
    assert labels == {
        ("Lvi", "Thỏa thuận đình chiến ngày 9 tháng 11 năm 2020"), ("Len", "Armistice of 9 November 2020")
    }


def test_the_armistice_block_has_signatory_participants_date_place_and_effective_date(commands):
    block = commands.split("CREATE\n")[1]
    statements = {tuple(line.split("\t")[1:3]) for line in block.splitlines() if line.split("\t")[1][0] not in "LDA"}
    assert ("P31", "Q131569") in statements
    assert ("P1891", "Q7747") in statements  # Putin: the only signatory with a Wikidata id
    assert {("P710", "Q399"), ("P710", "Q227")} <= statements
    assert ("P585", "+2020-11-09T00:00:00Z/11") in statements
    assert ("P276", "Q649") in statements
    assert ("P7588", "+2020-11-10T00:00:00Z/11") in statements  # the day in Moscow time
    # No Wikidata id for these people: their signatures stay out.
    assert not any(target == "" for _, target in statements)


def test_every_statement_has_the_wikipedia_import_reference(commands):
    for model in parse(commands):
        if isinstance(model, CreateLine) or model.predicate[0] in "LDA":
            continue
        sources = {qualifier.predicate: qualifier.get_target() for qualifier in model.qualifiers}
        if "S854" in sources:
            assert sources["S854"] == '"https://www.bbc.com/news/world-europe-54882564"'
            assert sources["S813"] == "+2020-11-10T00:00:00Z/11"  # the record's access date
            continue
        assert sources["S143"] == VIWIKI
        assert sources["S4656"].startswith(f'"{IMPORT_URL}')
        assert sources["S813"] == "+2024-01-01T00:00:00Z/11"  # the extraction run's day


def test_a_cited_record_url_is_a_further_reference_of_the_facts_of_its_sentence(commands):
    signatory = [line for line in commands.splitlines() if "\tP1891\tQ7747\t" in line]
    assert [line.split("\t")[3] for line in signatory] == ["S143", "S854"]


def test_a_capture_with_a_wikidata_item_gets_the_battle_properties(commands):
    battle = {tuple(line.split("\t")[1:3]) for line in commands.splitlines() if line.startswith("Q90000001\t")}
    assert battle == {("P276", "Q90000002"), ("P1346", "Q227"), ("P585", "+2020-11-08T00:00:00Z/11")}


def test_min_confidence_leaves_out_facts_with_no_statement_that_confident():
    commands = quickstatements(linked_data_store(), min_confidence=0.75).text()
    assert "\tP276\tQ649\t" in commands.split("CREATE\n")[2]  # the ceasefire's place: 0.8
    assert "\tP276\tQ649\t" not in commands.split("CREATE\n")[1]  # the armistice's place: 0.7


@pytest.mark.parametrize(("lexical", "datatype", "value"), [
    ("2020-11-09", "date", "+2020-11-09T00:00:00Z/11"),
    ("2020-11-10T00:00:00+03:00", "dateTime", "+2020-11-10T00:00:00Z/11"),
    ("2020-11", "gYearMonth", "+2020-11-00T00:00:00Z/10"),
    ("1994", "gYear", "+1994-00-00T00:00:00Z/9"),
])
def test_dates_keep_their_precision(lexical, datatype, value):
    import pyoxigraph as ox

    literal = ox.Literal(lexical, datatype=ox.NamedNode(f"http://www.w3.org/2001/XMLSchema#{datatype}"))
    assert time_value(literal) == value


def test_ckg_export_quickstatements_writes_a_file_and_counts_what_stayed_out(tmp_path):
    store = build_managed_store(tmp_path / "store", linked_data_quads())
    output = tmp_path / "wikidata.qs"
    arguments = ["export", "--store", str(store), "--format", "quickstatements", "-o", str(output)]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    assert "left out" in result.output
    parse(output.read_text(encoding="utf-8"))
