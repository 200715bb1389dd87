"""The HTML and linked-data pages, live: content negotiation, suffixes, Link headers, evidence, languages, landing,
timeline."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pyoxigraph as ox
import pytest
import requests

from graph.namespaces import CKG, RDFS, RES
from queries import QUERIES_DIR
from tests.browser.conftest import contract_sample_quads
from tests.live.conftest import LiveServer, build_managed_store

pytestmark = pytest.mark.live

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ARMISTICE = "armistice-2020-11-09"
RDF_VARIANTS = {
    "ttl": ("text/turtle", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
}
# One resource of every kind the contract sample holds.
RESOURCES_OF_EVERY_KIND = [
    ARMISTICE,
    "ceasefires-2020",
    "territory-transfer-agdam-2020-11-20",
    "capture-shusha-2020-11-08",
    "vladimir-putin",
    "russia",
    "moscow",
    "second-nagorno-karabakh-war",
    "president-of-russia",
    "contract-sample",
    "contract-sample/paragraph/1",
    "contract-sample/sentence/1",
    "contract-sample/note/1",
    "contract-sample/marker/1",
    "contract-sample/reference/1",
    "contract-sample/record/1",
    "contract-sample/alignment/1",
    "contract-sample/statement/01",
    "contract-sample/mention/1",
]


@pytest.fixture(scope="module")
def server(launch, tmp_path_factory) -> LiveServer:
    store = build_managed_store(tmp_path_factory.mktemp("pages") / "store", contract_sample_quads())
    return launch(store, workers=1)


def get(server: LiveServer, path: str, **headers: str) -> requests.Response:
    return requests.get(f"{server.url}{path}", headers=headers, timeout=20)


def page(server: LiveServer, path: str, **headers: str) -> requests.Response:
    return get(server, path, Accept=BROWSER_ACCEPT, **headers)


def parsed(response: requests.Response, rdf_format: ox.RdfFormat) -> set[ox.Triple]:
    return {quad.triple for quad in ox.parse(response.content, format=rdf_format)}


def iri(slug: str) -> ox.NamedNode:
    return ox.NamedNode(str(RES[slug]))


class _Tags(HTMLParser):
    """Start tags with their attributes, and the text of every element of interest."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_a_browser_gets_the_html_page_with_canonical_and_alternate_links(server: LiveServer) -> None:
    response = page(server, f"/resource/{ARMISTICE}")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Accept" in response.headers["Vary"] and "Accept-Language" in response.headers["Vary"]
    assert response.headers["Content-Location"] == f"{server.url}/resource/{ARMISTICE}.html"
    links = response.headers["Link"]
    assert f'<{RES[ARMISTICE]}>; rel="canonical"' in links
    for suffix, (media_type, _) in RDF_VARIANTS.items():
        assert f'<{server.url}/resource/{ARMISTICE}.{suffix}>; rel="alternate"; type="{media_type}"' in links
    head_links = {(attrs.get("rel"), attrs.get("type"), attrs.get("href")) for tag, attrs in tags(response.text)
                  if tag == "link"}
    assert ("canonical", None, str(RES[ARMISTICE])) in head_links
    assert ("alternate", "text/turtle", f"{server.url}/resource/{ARMISTICE}.ttl") in head_links


@pytest.mark.parametrize("suffix", sorted(RDF_VARIANTS))
def test_accept_header_selects_the_rdf_description(server: LiveServer, suffix: str) -> None:
    media_type, rdf_format = RDF_VARIANTS[suffix]
    response = get(server, f"/resource/{ARMISTICE}", Accept=media_type)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(media_type)
    assert "Accept" in response.headers["Vary"] and "Accept-Language" not in response.headers["Vary"]
    assert response.headers["Content-Location"] == f"{server.url}/resource/{ARMISTICE}.{suffix}"
    triples = parsed(response, rdf_format)
    assert ox.Triple(iri(ARMISTICE), ox.NamedNode(str(CKG.signatory)), iri("vladimir-putin")) in triples
    # The linked resources come with their labels, so a client can show them without another request.
    assert ox.Triple(iri("vladimir-putin"), ox.NamedNode(str(RDFS.label)), ox.Literal("Vladimir Putin", language="en")
                     ) in triples


@pytest.mark.parametrize("suffix", sorted(RDF_VARIANTS))
def test_suffix_selects_the_variant_whatever_the_accept_header(server: LiveServer, suffix: str) -> None:
    media_type, rdf_format = RDF_VARIANTS[suffix]
    response = page(server, f"/resource/{ARMISTICE}.{suffix}")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(media_type)
    assert "Content-Location" not in response.headers
    assert f'<{RES[ARMISTICE]}>; rel="canonical"' in response.headers["Link"]
    by_accept = get(server, f"/resource/{ARMISTICE}", Accept=media_type)
    assert parsed(response, rdf_format) == parsed(by_accept, rdf_format)


def test_rdf_description_is_the_subject_triples_from_every_graph(server: LiveServer) -> None:
    triples = parsed(get(server, f"/resource/{ARMISTICE}.nt"), ox.RdfFormat.N_TRIPLES)
    expected = {quad.triple for quad in contract_sample_quads() if quad.subject == iri(ARMISTICE)}
    assert expected <= triples
    # Besides its own triples, only labels of what it links to.
    extra = {triple for triple in triples - expected}
    assert extra and all(triple.predicate == ox.NamedNode(str(RDFS.label)) for triple in extra)


def test_format_parameter_and_html_suffix(server: LiveServer) -> None:
    assert get(server, f"/resource/{ARMISTICE}?format=ttl").headers["Content-Type"].startswith("text/turtle")
    html = get(server, f"/resource/{ARMISTICE}.html", Accept="text/turtle")
    assert html.headers["Content-Type"].startswith("text/html")


def test_curl_without_accept_gets_html_and_json_clients_get_json_ld(server: LiveServer) -> None:
    assert get(server, f"/resource/{ARMISTICE}").headers["Content-Type"].startswith("text/html")
    assert get(server, f"/resource/{ARMISTICE}", Accept="application/json").headers["Content-Type"].startswith(
        "application/ld+json")


def test_unknown_resource_is_404_and_unservable_accept_is_406(server: LiveServer) -> None:
    missing = page(server, "/resource/no-such-thing")
    assert missing.status_code == 404
    assert missing.json()["error"]["status"] == 404
    refused = get(server, f"/resource/{ARMISTICE}", Accept="image/png")
    assert refused.status_code == 406
    assert "text/html" in refused.json()["error"]["message"]


def test_head_answers_like_get_without_a_body(server: LiveServer) -> None:
    response = requests.head(f"{server.url}/resource/{ARMISTICE}.ttl", timeout=20)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/turtle")
    assert response.content == b""


@pytest.mark.parametrize("slug", RESOURCES_OF_EVERY_KIND)
def test_every_kind_of_resource_has_a_page_and_a_description(server: LiveServer, slug: str) -> None:
    html = page(server, f"/resource/{slug}")
    assert html.status_code == 200
    assert f"<code class=\"iri\">{RES[slug]}</code>" in html.text
    triples = parsed(get(server, f"/resource/{slug}.ttl"), ox.RdfFormat.TURTLE)
    assert any(triple.subject == iri(slug) for triple in triples)


def test_evidence_highlights_the_supporting_span_with_records_and_confidences(server: LiveServer) -> None:
    text = page(server, f"/resource/{ARMISTICE}").text
    sentence = "Ngày 9 tháng 11 năm 2020, một thỏa thuận đình chiến được ký tại Moskva giữa Tổng thống Azerbaijan"
    assert re.search(r"<mark>" + re.escape(sentence), text)
    for shown in (
        "Armenia, Azerbaijan and Russia sign Nagorno-Karabakh peace deal",  # record title
        "BBC News",  # publisher
        "first cited in sentence 1; title names the armistice signatories",  # alignment evidence
        "confidence 0.9",  # alignment and statement confidence
        "(confidence 0.95)",  # the signing date's statement
        "[1]",
        "[2]",  # citation markers
    ):
        assert shown in text, shown
    # The sentence's document and the record are linked on this server.
    assert f'href="{server.url}/resource/contract-sample/sentence/1"' in text
    assert f'href="{server.url}/resource/contract-sample/record/1"' in text


def test_a_fact_citing_a_broken_record_says_so(server: LiveServer) -> None:
    ceasefire = page(server, "/resource/ceasefire-2020-10-10").text
    assert "Broken record" in ceasefire
    record = page(server, "/resource/contract-sample/record/3").text
    assert 'class="broken" role="note"' in record


def test_facts_where_the_resource_is_the_object_show_their_evidence_too(server: LiveServer) -> None:
    text = page(server, "/resource/vladimir-putin").text
    assert "res:armistice-2020-11-09 ckg:signatory res:vladimir-putin" in text
    assert "res:vladimir-putin ckg:holdsPosition res:president-of-russia" in text


def test_links_stay_on_this_server_except_canonical_and_wikidata(server: LiveServer) -> None:
    text = page(server, "/resource/russia").text
    hrefs = [attrs["href"] for tag, attrs in tags(text) if tag == "a" and attrs.get("href")]
    assert "https://www.wikidata.org/wiki/Q159" in hrefs
    assert f"{server.url}/resource/armistice-2020-11-09" in hrefs
    assert not [href for href in hrefs if href.startswith(str(RES))]


def test_a_public_base_url_prefixes_resource_links(launch, tmp_path_factory) -> None:
    base = "http://example.test/kg"
    store = build_managed_store(tmp_path_factory.mktemp("public-base") / "store", contract_sample_quads())
    server = launch(store, workers=1, public_base_url=base)
    response = page(server, "/resource/russia")
    hrefs = [attrs["href"] for tag, attrs in tags(response.text) if tag in ("a", "link") and attrs.get("href")]
    assert f"{base}/resource/armistice-2020-11-09" in hrefs
    assert f"{base}/resource/russia.ttl" in hrefs
    assert not [href for href in hrefs if href.startswith(server.url)]
    assert f'<{base}/resource/russia.nt>; rel="alternate"' in response.headers["Link"]
    assert response.headers["Content-Location"] == f"{base}/resource/russia.html"
    # The query editor links result cells under the same base.
    landing = page(server, "/").text
    resource_links = re.search(r'<script type="application/json" id="resource-links">(.*?)</script>', landing)
    assert json.loads(resource_links.group(1)) == {"namespace": str(RES), "base": f"{base}/resource/"}


def test_accept_language_chooses_labels_and_interface_language(server: LiveServer) -> None:
    vietnamese = page(server, f"/resource/{ARMISTICE}", **{"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5"}).text
    assert '<html lang="vi">' in vietnamese
    assert '<h1 lang="vi">Thỏa thuận đình chiến ngày 9 tháng 11 năm 2020</h1>' in vietnamese
    assert "Bằng chứng cho từng dữ kiện" in vietnamese
    english = page(server, f"/resource/{ARMISTICE}", **{"Accept-Language": "en-GB"}).text
    assert '<html lang="en">' in english
    assert '<h1 lang="en">Armistice of 9 November 2020</h1>' in english
    # A language with no labels falls back to English, then Vietnamese.
    french = page(server, "/resource/russia", **{"Accept-Language": "fr"}).text
    assert '<h1 lang="en">Russia</h1>' in french


def test_landing_page_has_counts_editor_examples_and_endpoint_links(server: LiveServer) -> None:
    response = page(server, "/")
    assert response.status_code == 200
    text = response.text
    statistics = get(server, "/void", Accept="application/n-triples").text
    triples = re.search(r'void#dataset> <http://rdfs.org/ns/void#triples> "(\d+)"', statistics)
    assert triples and f"{int(triples[1]):,}" in text
    found = tags(text)
    hrefs = {attrs.get("href") for tag, attrs in found if tag == "a"}
    assert {"/sparql", "/void", "/audit", "/timeline"} <= hrefs
    scripts = [attrs["src"] for tag, attrs in found if tag == "script" and attrs.get("src")]
    styles = [attrs["href"] for tag, attrs in found if tag == "link" and attrs.get("rel") == "stylesheet"]
    assert "/assets/yasgui/yasgui.min.js" in scripts and "/assets/yasgui/yasgui.min.css" in styles
    for asset in scripts + styles:
        assert not asset.startswith(("http:", "https:", "//")), f"{asset}: the server has no internet"
        assert get(server, asset).status_code == 200
    assert any(tag == "textarea" and attrs.get("name") == "query" for tag, attrs in found)


def test_landing_page_offers_every_example_query_with_downloads(server: LiveServer) -> None:
    text = page(server, "/").text
    examples = sorted(entry for entry in QUERIES_DIR.iterdir() if entry.name.endswith(".rq"))
    buttons = [attrs for tag, attrs in tags(text) if tag == "button" and "load-example" in (attrs.get("class") or "")]
    assert len(buttons) == len(examples)
    for entry, button in zip(examples, buttons, strict=True):
        assert button["data-query"] == entry.read_text(encoding="utf-8")
    downloads = [attrs["href"] for tag, attrs in tags(text) if tag == "a" and attrs.get("download")]
    for href in downloads:
        answer = get(server, href)
        assert answer.status_code == 200, href


def test_download_link_of_the_editor_answers_with_a_file(server: LiveServer) -> None:
    text = page(server, "/").text
    links = [attrs["href"] for tag, attrs in tags(text) if tag == "a" and attrs.get("data-format") == "csv"]
    assert links
    answer = get(server, links[0])
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/csv")


def test_timeline_lists_agreements_transfers_and_captures_in_date_order(server: LiveServer) -> None:
    response = page(server, "/timeline")
    assert response.status_code == 200
    text = response.text
    rows = re.findall(r'<time datetime="([^"]+)">', text)
    assert rows == sorted(rows)
    assert rows == ["2020-10-09", "2020-10-10", "2020-11-08", "2020-11-09", "2020-11-20", "2020-12-01"]
    found = tags(text)
    svg = [attrs for tag, attrs in found if tag == "svg" and attrs.get("role") == "img"]
    assert svg and svg[0]["aria-labelledby"] == "timeline-title"
    marks = [attrs["href"] for tag, attrs in found if tag == "a" and "mark" in (attrs.get("class") or "")]
    assert f"{server.url}/resource/capture-shusha-2020-11-08" in marks
    assert len(marks) == len(rows)
    for kind in ("agreement", "territory transfer", "capture"):
        assert kind in text
