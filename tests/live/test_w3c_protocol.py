"""The W3C SPARQL 1.1 Protocol test suite (tests/w3c/protocol), one case per manifest entry, live.

The manifest encodes each test as HTTP requests (``ht:``) with expected status,
result format and boolean. Its paths start with ``/sparql/``; our query endpoint
is ``/sparql`` and updates go to ``/sparql/update``. A request is sent to the
update endpoint when its test is an update test (named ``update_…`` or
``bad_update_…``) and it is not itself a query (``application/sparql-query``);
every other request goes to the query endpoint. ``ut:graphData`` is loaded into
the named graph given by its label (through the Graph Store Protocol) after
emptying the store.
"""

from __future__ import annotations

import http.client
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from tests.live.conftest import LiveServer, build_raw_store

pytestmark = pytest.mark.live

SUITE = Path(__file__).resolve().parents[1] / "w3c" / "protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
TOKEN = "w3c-protocol-token"
FORMAT_TYPES = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    },
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples"},
}


def _manifest() -> tuple[Graph, list[URIRef]]:
    graph = Graph().parse(SUITE / "manifest.ttl", format="turtle", publicID=SUITE.as_uri() + "/manifest.ttl")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    return graph, list(Collection(graph, graph.value(manifest, MF.entries)))


MANIFEST, ENTRIES = _manifest()


def _name(entry: URIRef) -> str:
    return str(entry).rsplit("#", 1)[1]


@pytest.fixture(scope="module")
def server(launch, tmp_path_factory) -> LiveServer:
    store = build_raw_store(tmp_path_factory.mktemp("w3c-protocol") / "store", [])
    return launch(store, token=TOKEN, workers=2)


def _load_graph_data(server: LiveServer, entry: URIRef) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    cleared = requests.post(f"{server.url}/sparql/update", data={"update": "DROP ALL"}, headers=auth, timeout=10)
    assert cleared.status_code == 204, cleared.text
    for data in MANIFEST.objects(entry, UT.graphData):
        source = Path(str(MANIFEST.value(data, UT.graph)).removeprefix("file://"))
        loaded = requests.put(
            f"{server.url}/rdf-graph-store",
            params={"graph": str(MANIFEST.value(data, RDFS.label))},
            data=source.read_bytes(),
            headers={**auth, "Content-Type": "application/n-triples"},
            timeout=10,
        )
        assert loaded.status_code in (201, 204), loaded.text


def _send(server: LiveServer, entry: URIRef, request: URIRef) -> http.client.HTTPResponse:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    for header in (
        Collection(MANIFEST, MANIFEST.value(request, HT.headers)) if MANIFEST.value(request, HT.headers) else []
    ):
        headers[str(MANIFEST.value(header, HT.fieldName))] = str(MANIFEST.value(header, HT.fieldValue))
    body_node = MANIFEST.value(request, HT.body)
    body = None
    if body_node is not None:
        encoding = str(MANIFEST.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(MANIFEST.value(body_node, CNT.chars)).encode(encoding)
    is_update_test = _name(entry).startswith(("update_", "bad_update_"))
    is_query = headers.get("content-type") == "application/sparql-query"
    endpoint = "/sparql/update" if is_update_test and not is_query else "/sparql"
    path = str(MANIFEST.value(request, HT.absolutePath)).replace("/sparql/", endpoint, 1)
    connection = http.client.HTTPConnection(urlsplit(server.url).netloc, timeout=10)
    connection.request(str(MANIFEST.value(request, HT.methodName)), path, body=body, headers=headers)
    return connection.getresponse()


def _boolean(media_type: str, body: bytes) -> bool:
    if media_type == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    element = ElementTree.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
    return element.text.strip() == "true"


@pytest.mark.parametrize("entry", ENTRIES, ids=[_name(entry) for entry in ENTRIES])
def test_w3c_protocol(server: LiveServer, entry: URIRef) -> None:
    """Every request of the entry gets the status class, format and boolean the manifest expects."""
    _load_graph_data(server, entry)
    action = MANIFEST.value(entry, MF.action)
    for request in Collection(MANIFEST, MANIFEST.value(action, HT.requests)):
        response = _send(server, entry, request)
        body = response.read()
        expected = MANIFEST.value(request, HT.resp)
        classes = {
            int(str(code).rsplit("StatusCode", 1)[1][0]) for code in MANIFEST.objects(expected, MF.expectedStatus)
        }
        assert response.status // 100 in classes, f"{response.status} {body[:300]!r}"
        media_type = (response.getheader("Content-Type") or "").split(";")[0].strip()
        expected_format = MANIFEST.value(expected, MF.expectedFormat)
        if expected_format is not None:
            assert media_type in FORMAT_TYPES[str(expected_format)], media_type
        expected_boolean = MANIFEST.value(expected, MF.expectedBoolean)
        if expected_boolean is not None:
            assert _boolean(media_type, body) is expected_boolean.toPython()


def test_suite_has_all_34_protocol_tests() -> None:
    assert len(ENTRIES) == 34
