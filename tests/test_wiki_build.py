"""``ckg build`` over wikitext, page HTML and dumps: records with their URLs, revisions, bad pages."""

from __future__ import annotations

import bz2
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cli import main
from graph import store as stores
from graph.namespaces import prefix_map

WIKI = Path(__file__).parent / "wiki"
DUMP = WIKI / "viwiki-sample-pages-articles.xml"


def ckg(*args: str):
    return CliRunner().invoke(main, [*args])


def rows(store_dir: Path, query: str) -> list[dict[str, str]]:
    store = stores.open_read_only(store_dir)
    solutions = store.query(query, prefixes=prefix_map(), use_default_graph_as_union=True)
    return [{v.value: row[v.value].value for v in solutions.variables if row[v.value] is not None} for row in solutions]


@pytest.fixture(scope="module")
def wikitext_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("wikitext") / "store"
    result = ckg("build", str(WIKI / "bishkek-1994.vi.wiki"), "--store", str(store), "--workers", "1")
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture(scope="module")
def dump_store(tmp_path_factory) -> tuple[Path, str]:
    directory = tmp_path_factory.mktemp("dump")
    dump = directory / "viwiki-pages-articles.xml.bz2"
    dump.write_bytes(bz2.compress(DUMP.read_bytes()))
    store = directory / "store"
    result = ckg("build", str(dump), "--store", str(store), "--workers", "1")
    assert result.exit_code == 0, result.output
    return store, result.output


def test_a_wikitext_build_leaves_no_reference_without_a_record(wikitext_store):
    result = ckg("audit", "--store", str(wikitext_store), "--format", "json")
    checks = {check["id"]: check for check in json.loads(result.output)["checks"]}
    assert checks["reference-without-record"]["checked"] == 10
    assert checks["reference-without-record"]["count"] == 0
    assert checks["fact-citing-reference-without-record"]["count"] == 0
    assert checks["low-confidence-alignment"]["count"] == 0


def test_records_publish_their_source_and_archive_as_iris(wikitext_store):
    found = rows(wikitext_store, """
        SELECT ?number ?url ?archive ?confidence ?evidence WHERE {
          ?ref ckg:referenceNumber 2 ; ckg:referenceNumber ?number ; ckg:describedBy ?record .
          ?record schema:url ?url ; schema:archivedAt ?archive .
          ?link a ckg:Alignment ; rdf:subject ?ref ; rdf:object ?record ; ckg:confidence ?confidence ;
                ckg:evidence ?evidence .
          FILTER(isIRI(?url) && isIRI(?archive))
        }""")
    assert [float(row.pop("confidence")) for row in found] == [1.0]  # the store normalises decimals: compare values
    assert found == [{
        "number": "2",
        "url": "https://www.bbc.com/news/world-europe-54324772",
        "archive": "https://web.archive.org/web/20200928000000/https://www.bbc.com/news/world-europe-54324772",
        "evidence": "wikitext: <ref> holding {{cite news}}; [2] is its first use",
    }]


def test_the_evidence_chain_of_a_fact_reaches_the_cited_url(wikitext_store):
    result = ckg("audit", "--store", str(wikitext_store), "--format", "json",
                 "--fact", "res:protocol-1994-05-05", "ckg:signingDate", '"1994-05-05"^^xsd:date')
    assert result.exit_code == 0, result.output
    assert "https://peacemaker.un.org/armeniaazerbaijan-bishkekprotocol94" in result.output


def test_a_wikitext_build_is_valid_against_the_ontology_and_shapes(wikitext_store):
    result = ckg("validate", "--store", str(wikitext_store))
    assert result.exit_code == 0, result.output


def test_a_dump_build_puts_the_revision_on_each_document(dump_store):
    store, _ = dump_store
    found = rows(store, """
        SELECT ?doc ?source ?time ?kind WHERE {
          ?doc a ckg:Document ; dcterms:source ?source ; prov:generatedAtTime ?time ; ckg:inputKind ?kind .
          FILTER(isIRI(?source))
        } ORDER BY ?doc""")
    assert found == [
        {"doc": "https://w3id.org/conflict-kg/resource/chien-tranh-nagorno-karabakh-thu-nhat",
         "source": "https://vi.wikipedia.org/w/index.php?oldid=71234567", "time": "2024-11-20T08:15:02Z",
         "kind": "dump"},
        {"doc": "https://w3id.org/conflict-kg/resource/nghi-dinh-thu-bishkek",
         "source": "https://vi.wikipedia.org/w/index.php?oldid=70011223", "time": "2023-06-02T14:03:51Z",
         "kind": "dump"},
    ]


def test_a_bad_page_of_a_dump_is_skipped_with_a_warning_and_the_rest_builds(dump_store):
    store, output = dump_store
    output = " ".join(output.split())  # the console wraps long lines
    assert "warning:" in output and "Trang hỏng: line 1: unbalanced template braces" in output
    assert "page 'Trang trống' skipped: it has no text" in output
    assert "from 2 article(s)" in output
    assert len(rows(store, "SELECT ?doc WHERE { ?doc a ckg:Document }")) == 2


def test_dump_selection_flags_choose_the_pages(tmp_path):
    store = tmp_path / "store"
    result = ckg("build", str(DUMP), "--store", str(store), "--category", "Hiệp định hòa bình", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert rows(store, "SELECT ?title WHERE { ?doc a ckg:Document ; dcterms:title ?title }") == [
        {"title": "Nghị định thư Bishkek"}
    ]
    result = ckg("build", str(DUMP), "--store", str(store), "--title", "Không có trang này")
    assert result.exit_code == 1
    assert "no article to build: the selection matched no page" in result.output


def test_dump_selection_without_a_dump_is_a_one_line_error(tmp_path):
    result = ckg("build", str(WIKI / "bishkek-1994.vi.wiki"), "--store", str(tmp_path / "store"), "--limit", "3")
    assert result.exit_code == 1
    assert "choose pages of a dump, and no input is a MediaWiki dump" in result.output
    assert not (tmp_path / "store").exists()


def test_a_bad_dump_is_a_one_line_error_and_leaves_the_store_untouched(tmp_path, dump_store):
    store = tmp_path / "store"
    shutil.copytree(dump_store[0], store, symlinks=True)
    before = stores.read_stats(store)
    truncated = tmp_path / "truncated.xml.bz2"
    truncated.write_bytes(bz2.compress(DUMP.read_bytes())[:-100])
    malformed = tmp_path / "malformed.xml"
    malformed.write_text(DUMP.read_text(encoding="utf-8").replace("</siteinfo>", "</sitenfo>"), encoding="utf-8")
    for bad, message in ((truncated, "ends early"), (malformed, "malformed XML")):
        result = ckg("build", str(bad), "--store", str(store))
        assert result.exit_code == 1
        error_lines = [line for line in result.output.splitlines() if "error:" in line]
        assert len(error_lines) == 1 and bad.name in error_lines[0] and message in error_lines[0]
    assert stores.read_stats(store) == before


def test_a_directory_of_mixed_inputs_builds_every_kind(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("bishkek-1994.vi.wiki", "bishkek-protocol.parsoid.html"):
        shutil.copy(WIKI / name, articles / name)
    shutil.copy(Path(__file__).parent / "articles" / "ev-bishkek-1994.txt", articles / "plain.txt")
    store = tmp_path / "store"
    result = ckg("build", str(articles), "--store", str(store), "--workers", "1")
    assert result.exit_code == 0, result.output
    kinds = rows(store, "SELECT ?kind (COUNT(?doc) AS ?n) WHERE { ?doc ckg:inputKind ?kind } GROUP BY ?kind")
    assert {row["kind"]: row["n"] for row in kinds} == {"text": "1", "wikitext": "1", "html": "1"}


def test_a_plain_text_document_keeps_its_file_as_source(tmp_path):
    store = tmp_path / "store"
    article = Path(__file__).parent / "articles" / "ev-bishkek-1994.txt"
    assert ckg("build", str(article), "--store", str(store), "--workers", "1").exit_code == 0
    (source,) = rows(store, "SELECT ?source WHERE { ?doc a ckg:Document ; dcterms:source ?source }")
    assert source["source"] == str(article)
    store_view = stores.open_read_only(store)
    assert not list(store_view.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/ns/prov#generatedAtTime"), None))
