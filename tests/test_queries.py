"""Every competency query in queries/ runs on the contract fixture and gives its expected answer."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from queries import QUERIES_DIR

FIXTURE = Path(__file__).parent / "fixtures" / "contract-sample.trig"
RESOURCE = "https://w3id.org/conflict-kg/resource/"
ONTOLOGY = "https://w3id.org/conflict-kg/ontology#"

SENTENCE_1 = "contract-sample/sentence/1"
SENTENCE_5 = "contract-sample/sentence/5"
SENTENCE_6 = "contract-sample/sentence/6"
ARMISTICE = "armistice-2020-11-09"
CEASEFIRE = "ceasefire-2020-10-10"
AGDAM = "territory-transfer-agdam-2020-11-20"
WAR = "second-nagorno-karabakh-war"

# Expected rows per query, in ORDER BY order; IRIs shortened to their slug (resource)
# or ckg:Name (ontology), literals to their lexical form, unbound to None.
EXPECTED: dict[str, list[tuple]] = {
    "armistice-signatories.rq": [
        (ARMISTICE, WAR, "2020-11-09", "ilham-aliyev", "Ilham Aliyev"),
        (ARMISTICE, WAR, "2020-11-09", "nikol-pashinyan", "Nikol Pashinyan"),
        (ARMISTICE, WAR, "2020-11-09", "vladimir-putin", "Vladimir Putin"),
    ],
    "ceasefires-mediated-by-russia.rq": [
        (CEASEFIRE, "ckg:Ceasefire", "2020-10-10"),
        ("ceasefires-2020", "ckg:AgreementGroup", None),
    ],
    "territories-to-azerbaijan.rq": [
        (AGDAM, "agdam", "2020-11-20", "ckg:Completed", SENTENCE_5,
         "Quận đầu tiên được trao trả cho Azerbaijan là quận Agdam, vào ngày 20 tháng 11 năm 2020.[3]"),
        ("territory-transfer-lachin-2020-12-01", "lachin", "2020-12-01", "ckg:Planned", SENTENCE_6,
         "Theo thỏa thuận đình chiến, Armenia sẽ trao trả quận Lachin cho Azerbaijan trước ngày 1 tháng 12 "
         "năm 2020.[1]"),
    ],
    "facts-on-broken-references.rq": [
        (CEASEFIRE, "ckg:date", "2020-10-10", "contract-sample/sentence/2", "contract-sample/record/3"),
        (CEASEFIRE, "ckg:location", "moscow", "contract-sample/sentence/2", "contract-sample/record/3"),
        (CEASEFIRE, "ckg:mediator", "russia", "contract-sample/sentence/2", "contract-sample/record/3"),
        (CEASEFIRE, "ckg:partOfConflict", WAR, "contract-sample/sentence/2", "contract-sample/record/3"),
        (CEASEFIRE, "ckg:party", "armenia", "contract-sample/sentence/2", "contract-sample/record/3"),
        (CEASEFIRE, "ckg:party", "azerbaijan", "contract-sample/sentence/2", "contract-sample/record/3"),
        (AGDAM, "ckg:date", "2020-11-20", SENTENCE_5, "contract-sample/record/3"),
        (AGDAM, "ckg:partOfConflict", WAR, SENTENCE_5, "contract-sample/record/3"),
        (AGDAM, "ckg:status", "ckg:Completed", SENTENCE_5, "contract-sample/record/3"),
        (AGDAM, "ckg:territory", "agdam", SENTENCE_5, "contract-sample/record/3"),
        (AGDAM, "ckg:toParty", "azerbaijan", SENTENCE_5, "contract-sample/record/3"),
    ],
    "claimed-captures.rq": [
        ("capture-jabrayil-2020-10-09", "jabrayil", "azerbaijan", "2020-10-09"),
    ],
    "positions-of-person.rq": [
        ("ilham-aliyev", "president-of-azerbaijan", "president", "azerbaijan"),
    ],
    "evidence-for-fact.rq": [
        (SENTENCE_1, "0.9", "1", "Armenia, Azerbaijan and Russia sign Nagorno-Karabakh peace deal"),
        (SENTENCE_1, "0.9", "2", "Nagorno-Karabakh: Russia brokers humanitarian ceasefire"),
    ],
    "corroborated-events.rq": [
        (ARMISTICE, "2"),
        ("capture-shusha-2020-11-08", "2"),
    ],
    "wikidata-links.rq": [
        ("armenia", "ckg:Country", "http://www.wikidata.org/entity/Q399", "Armenia"),
        ("azerbaijan", "ckg:Country", "http://www.wikidata.org/entity/Q227", "Azerbaijan"),
        ("france", "ckg:Country", "http://www.wikidata.org/entity/Q142", "France"),
        ("moscow", "ckg:Place", "http://www.wikidata.org/entity/Q649", "Moscow"),
        ("russia", "ckg:Country", "http://www.wikidata.org/entity/Q159", "Russia"),
        ("united-states", "ckg:Country", "http://www.wikidata.org/entity/Q30", "United States"),
        ("vladimir-putin", "ckg:Person", "http://www.wikidata.org/entity/Q7747", "Vladimir Putin"),
    ],
    "timeline-november-2020.rq": [
        ("capture-shusha-2020-11-08", "ckg:Capture", "2020-11-08", "ckg:date"),
        (ARMISTICE, "ckg:Armistice", "2020-11-09", "ckg:signingDate"),
        (ARMISTICE, "ckg:Armistice", "2020-11-10T00:00:00+03:00", "ckg:effectiveFrom"),
        (AGDAM, "ckg:TerritoryTransfer", "2020-11-20", "ckg:date"),
    ],
    "reference-usage.rq": [
        ("1", "contract-sample/reference/1", "2", "contract-sample/record/1",
         "Armenia, Azerbaijan and Russia sign Nagorno-Karabakh peace deal", "false"),
        ("2", "contract-sample/reference/2", "3", "contract-sample/record/2",
         "Nagorno-Karabakh: Russia brokers humanitarian ceasefire", "false"),
        ("3", "contract-sample/reference/3", "2", "contract-sample/record/3", None, "true"),
        ("4", "contract-sample/reference/4", "3", "contract-sample/record/4",
         "Azerbaijan says it took Jabrayil", "false"),
    ],
}
# Columns left out of the comparison (long texts are checked elsewhere).
SKIPPED_COLUMNS = {"evidence-for-fact.rq": {"text"}}

QUERY_FILES = sorted(p.name for p in QUERIES_DIR.iterdir() if p.name.endswith(".rq"))


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """The contract fixture in an in-memory pyoxigraph store."""
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return store


def short(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str | None:
    """A term as the expectation table writes it."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        if term.value.startswith(RESOURCE):
            return term.value[len(RESOURCE):]
        if term.value.startswith(ONTOLOGY):
            return "ckg:" + term.value[len(ONTOLOGY):]
    return term.value


def run(store: ox.Store, name: str) -> list[tuple]:
    """The rows of one query file, shortened, without the skipped columns."""
    text = (QUERIES_DIR / name).read_text(encoding="utf-8")
    solutions = store.query(text, use_default_graph_as_union=True)
    variables = [v.value for v in solutions.variables]
    keep = [i for i, v in enumerate(variables) if v not in SKIPPED_COLUMNS.get(name, set())]
    return [tuple(short(row[i]) for i in keep) for row in solutions]


def test_there_are_at_least_ten_competency_queries():
    assert len(QUERY_FILES) >= 10


def test_every_query_has_an_expectation():
    assert set(QUERY_FILES) == set(EXPECTED)


@pytest.mark.parametrize("name", QUERY_FILES)
def test_query_starts_with_a_title_and_a_description(name):
    lines = (QUERIES_DIR / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# title: ") and len(lines[0]) > len("# title: ")
    assert lines[1].startswith("# ") and len(lines[1]) > 2


@pytest.mark.parametrize("name", QUERY_FILES)
def test_query_answers_as_expected_on_the_fixture(store, name):
    assert run(store, name) == EXPECTED[name]


def test_evidence_query_returns_the_sentence_text(store):
    text = (QUERIES_DIR / "evidence-for-fact.rq").read_text(encoding="utf-8")
    texts = {row["text"].value for row in store.query(text, use_default_graph_as_union=True)}
    assert len(texts) == 1
    assert texts.pop().startswith("Ngày 9 tháng 11 năm 2020, một thỏa thuận đình chiến")
