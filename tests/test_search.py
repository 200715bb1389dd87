"""The sentence text index (SQLite FTS5), its SPARQL extension and GET /search."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cli import main
from graph import search
from graph import store as stores
from graph.namespaces import CKG, GRAPH_DOCUMENTS, NIF, RDF, RES, prefix_map
from graph.stats import compute_stats

SENTENCES = {
    1: "Quân đội Azerbaijan tiến vào hành lang Lachin ngày 1 tháng 12.",
    2: "Nga triển khai lực lượng gìn giữ hòa bình tại Lachin.",
    3: "Thỏa thuận đình chiến được ký ngày 9 tháng 11 năm 2020.",
    4: "Thành phố Lạchin không có trong bài.",  # diacritics differ: not a match for "Lachin"
    5: 'Câu có dấu ngoặc kép "Lachin" và chữ SERVICE.',
}
DOC = "doc-one"


def _iri(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def sentence_iri(number: int) -> str:
    return str(RES[f"{DOC}/sentence/{number}"])


def sentence_quads() -> list[ox.Quad]:
    documents = _iri(GRAPH_DOCUMENTS)
    quads = []
    for number, text in SENTENCES.items():
        sentence = ox.NamedNode(sentence_iri(number))
        quads += [
            ox.Quad(sentence, _iri(RDF.type), _iri(CKG.Sentence), documents),
            ox.Quad(sentence, _iri(NIF.anchorOf), ox.Literal(text, language="vi"), documents),
            ox.Quad(sentence, _iri(NIF.referenceContext), _iri(RES[DOC]), documents),
        ]
    return quads


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    """A managed store holding five sentences, with its text index built as ``ckg build`` does."""
    directory = tmp_path_factory.mktemp("search") / "store"
    with stores.new_generation(directory) as generation:
        generation.store.extend(sentence_quads())
        search.build_index(generation.store, generation.path)
        generation.write_stats(compute_stats(generation.store))
    return directory


@pytest.fixture(scope="module")
def index(store_dir) -> Path:
    path = search.index_path(store_dir)
    assert path is not None
    return path


def run(store_dir: Path, query: str) -> set[str]:
    store = stores.open_read_only(store_dir)
    rewritten = search.rewrite_for_store(query, store_dir)
    return {row[0].value for row in store.query(rewritten, prefixes=prefix_map(), use_default_graph_as_union=True)}


def test_index_holds_every_sentence(store_dir, index):
    total, _ = search.search(index, "ngày")
    assert total == 2
    assert search.matching_sentences(index, "Lachin") == [sentence_iri(1), sentence_iri(2), sentence_iri(5)]


def test_search_is_case_insensitive_but_diacritics_count(index):
    assert set(search.matching_sentences(index, "lachin")) == {sentence_iri(1), sentence_iri(2), sentence_iri(5)}
    assert search.matching_sentences(index, "Lạchin") == [sentence_iri(4)]


def test_several_words_are_a_phrase_in_order(index):
    assert search.matching_sentences(index, "hành lang Lachin") == [sentence_iri(1)]
    assert search.matching_sentences(index, "Lachin hành lang") == []


def test_fts_syntax_in_the_search_text_is_taken_literally(index):
    assert search.matching_sentences(index, 'Lachin" OR "Nga') == []
    assert search.matching_sentences(index, "Lachin*") == search.matching_sentences(index, "Lachin")


def test_search_returns_highlighted_hits_with_their_document(index):
    total, hits = search.search(index, "gìn giữ", limit=5)
    assert total == 1
    assert hits[0].sentence == sentence_iri(2)
    assert hits[0].document == str(RES[DOC])
    assert f"{search.MARK_START}gìn giữ{search.MARK_END}" in hits[0].highlighted


def test_empty_search_text_is_an_error(index):
    with pytest.raises(search.SearchError, match="empty"):
        search.search(index, "   ")


def test_service_block_gives_the_same_sentences_as_a_regex_scan(store_dir):
    with_index = run(store_dir, 'SELECT ?s WHERE { SERVICE ckg:search { ?s ckg:matches "Lachin" } }')
    with_regex = run(
        store_dir, 'SELECT ?s WHERE { ?s a ckg:Sentence ; nif:anchorOf ?t FILTER(REGEX(?t, "\\\\bLachin\\\\b", "i")) }'
    )
    assert with_index == with_regex == {sentence_iri(1), sentence_iri(2), sentence_iri(5)}


def test_service_block_joins_with_the_rest_of_the_query(store_dir):
    query = """PREFIX x: <https://w3id.org/conflict-kg/ontology#>
    SELECT ?text WHERE {
      ?s nif:anchorOf ?text .
      SERVICE <https://w3id.org/conflict-kg/ontology#search> { ?s x:matches 'gìn giữ'@vi . }
    }"""
    assert run(store_dir, query) == {SENTENCES[2]}


def test_several_patterns_in_one_block_must_all_hold(store_dir):
    query = 'SELECT ?s WHERE { SERVICE ckg:search { ?s ckg:matches "Lachin" . ?s ckg:matches "ngày" } }'
    assert run(store_dir, query) == {sentence_iri(1)}


def test_no_hit_gives_no_rows(store_dir):
    assert run(store_dir, 'SELECT ?s WHERE { SERVICE ckg:search { ?s ckg:matches "Shusha" } }') == set()


def test_query_without_the_extension_is_left_alone(store_dir):
    text = 'SELECT ?s WHERE { ?s nif:anchorOf "SERVICE ckg:search { ?s ckg:matches \\"x\\" }" }'
    assert search.rewrite_search(text, None) == text


def test_other_services_are_left_for_the_engine_to_judge(store_dir):
    text = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    assert search.rewrite_for_store(text, store_dir) == text


def test_malformed_search_pattern_is_a_clear_error(store_dir):
    with pytest.raises(search.SearchError, match="ckg:matches"):
        search.rewrite_for_store('SELECT * WHERE { SERVICE ckg:search { ?s ckg:match "x" } }', store_dir)
    with pytest.raises(search.SearchError, match="unclosed"):
        search.rewrite_for_store('SELECT * WHERE { SERVICE ckg:search { ?s ckg:matches "x" ', store_dir)


def test_store_without_index_refuses_the_extension(tmp_path):
    raw = tmp_path / "raw"
    store = ox.Store(str(raw))
    store.extend(sentence_quads())
    store.flush()
    del store
    assert search.index_path(raw) is None
    with pytest.raises(search.SearchError, match="no text index"):
        search.rewrite_for_store('SELECT * WHERE { SERVICE ckg:search { ?s ckg:matches "x" } }', raw)


def test_ckg_query_rewrites_the_extension(store_dir):
    result = CliRunner().invoke(
        main,
        ["query", 'SELECT ?s WHERE { SERVICE ckg:search { ?s ckg:matches "Nga" } }', "--store", str(store_dir),
         "--format", "csv"],
    )
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["s", sentence_iri(2)]


def test_ckg_load_keeps_the_text_index_and_indexes_loaded_sentences(store_dir, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy, symlinks=True)
    extra = tmp_path / "extra.nq"
    sentence = ox.NamedNode("https://w3id.org/conflict-kg/resource/other/sentence/1")
    ox.serialize(
        [
            ox.Quad(sentence, _iri(RDF.type), _iri(CKG.Sentence), ox.DefaultGraph()),
            ox.Quad(sentence, _iri(NIF.anchorOf), ox.Literal("Quân đội tiến vào Zabukh."), ox.DefaultGraph()),
        ],
        extra,
        format=ox.RdfFormat.N_QUADS,
    )
    assert CliRunner().invoke(main, ["load", str(extra), "--store", str(copy)]).exit_code == 0
    assert run(copy, 'SELECT ?s WHERE { SERVICE ckg:search { ?s ckg:matches "Zabukh" } }') == {sentence.value}
    assert run(copy, 'SELECT ?s WHERE { SERVICE ckg:search { ?s ckg:matches "Nga" } }') == {sentence_iri(2)}


def test_ckg_query_reports_a_bad_search_pattern_in_one_line(store_dir):
    result = CliRunner().invoke(
        main, ["query", "SELECT * WHERE { SERVICE ckg:search { ?s ckg:matches ?x } }", "--store", str(store_dir)]
    )
    assert result.exit_code == 1
    assert "ckg:matches" in result.output


@pytest.fixture(scope="module")
def client(store_dir):
    from server import Config, create_app

    app = create_app(Config(store=store_dir))
    yield app.test_client()
    app.extensions["ckg"].executor.close()


def test_search_endpoint_answers_json(client):
    response = client.get("/search", query_string={"q": "Lachin", "limit": 2})
    assert response.status_code == 200
    body = response.get_json()
    assert body["total"] == 3
    assert len(body["hits"]) == 2
    assert {hit["sentence"] for hit in body["hits"]} <= {sentence_iri(1), sentence_iri(2), sentence_iri(5)}


def test_search_endpoint_answers_html_to_browsers(client):
    response = client.get("/search", query_string={"q": "gìn giữ"}, headers={"Accept": "text/html"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<mark>gìn giữ</mark>" in page
    assert f'href="/resource/{DOC}/sentence/2"' in page


def test_search_endpoint_refuses_bad_parameters(client):
    assert client.get("/search", query_string={"q": ""}).get_json()["error"]["type"] == "text-search-error"
    assert client.get("/search", query_string={"q": "x", "limit": "many"}).status_code == 400


def test_sparql_endpoint_rewrites_the_extension(client):
    query = (
        "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> "
        'SELECT ?s WHERE { SERVICE ckg:search { ?s ckg:matches "hành lang" } }'
    )
    accept = {"Accept": "application/sparql-results+json"}
    response = client.get("/sparql", query_string={"query": query}, headers=accept)
    assert response.status_code == 200, response.get_data(as_text=True)
    bindings = response.get_json()["results"]["bindings"]
    assert [row["s"]["value"] for row in bindings] == [sentence_iri(1)]


def test_sparql_endpoint_still_refuses_other_services(client):
    query = "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 400
    assert response.get_json()["error"]["type"] == "outbound-request-refused"
