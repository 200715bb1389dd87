"""Fuzzing the HTTP interface, live: generated queries, headers, parameters and bodies never get a 5xx.

Operations come from the server's own ``/openapi.json``; hypothesis fills in
methods, parameters, headers and bodies, mixing well-formed SPARQL built from a
small grammar with mangled and random text. Every answer must come in time,
below 500, and every 4xx in the one JSON error shape. A short deterministic
run is part of the live tier; ``pytest -m fuzz`` sends over 10,000 requests.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.namespaces import CKG, GRAPH_FACTS, NIF, RDF, RDFS, RES
from tests.live.conftest import LiveServer, build_managed_store, peace_process_quads

pytestmark = pytest.mark.live

TOKEN = "fuzz-token-81c2"
# Long enough for any query the grammar can write on the small store; a hang is a failure.
CLIENT_TIMEOUT = 20
QUICK_EXAMPLES = 200
FUZZ_REQUESTS = 10_000

IRIS = [str(RES["armistice-2020-11-09"]), str(RES["person-a"]), str(CKG.signatory), str(RDF.type),
        str(RDFS.label), str(NIF.anchorOf), str(CKG.Sentence), str(GRAPH_FACTS), "urn:x", "http://example.org/a b",
        "", "relative", "http://[::1", "ftp://x/\u00e9"]
ACCEPTS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values", "text/turtle", "application/ld+json", "application/n-triples", "*/*",
           "text/*", "image/png", "text/html", "application/json;q=0.5, text/csv;q=abc", ";;;", ""]
CONTENT_TYPES = ["application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update",
                 "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml",
                 "multipart/form-data; boundary=xyz", "text/plain", "application/sparql-query; charset=latin-1",
                 "application/x-www-form-urlencoded; charset=utf-16", "", "garbage/"]
PARAMETERS = ["query", "update", "format", "default-graph-uri", "named-graph-uri", "graph", "default",
              "using-graph-uri", "using-named-graph-uri", "q", "limit", "offset", "document", "resource"]
FORMAT_NAMES = ["json", "xml", "csv", "tsv", "turtle", "ttl", "nt", "rdfxml", "jsonld", "trig", "nq", "srj", "bogus"]
METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"]

# Latin-1 text without control characters or edge whitespace: what the HTTP client sends as a header value.
header_text = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_categories=("Cc",)), max_size=60
).map(str.strip)
any_text = st.text(max_size=200)
variables = st.sampled_from(["?s", "?p", "?o", "?x", "?who", "?n"])
iris = st.sampled_from(IRIS).map(lambda iri: f"<{iri}>")
literals = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda value: f'"{value}"^^<http://www.w3.org/2001/XMLSchema#double>'),
    st.text(max_size=12).map(json.dumps),
    st.sampled_from(['"Câu"@vi', '"x"@', "true", '"2020-11-09"^^<http://www.w3.org/2001/XMLSchema#date>']),
)
terms = st.one_of(variables, iris, literals)
paths = st.sampled_from([
    "<urn:p>", f"<{CKG.signatory}>*", f"(<{CKG.signatory}>|^<{CKG.signatory}>)*", f"<{RDF.type}>/<{RDFS.label}>",
    "!<urn:x>", f"^<{CKG.signatory}>+", "(<urn:a>|<urn:b>)?",
])
patterns = st.builds(lambda s, p, o: f"{s} {p} {o} .", st.one_of(variables, iris), st.one_of(variables, iris, paths),
                     terms)
expressions = st.one_of(
    st.builds(lambda v, t: f"{v} = {t}", variables, terms),
    st.builds(lambda v, r: f"REGEX(STR({v}), {json.dumps(r)}, \"i\")", variables,
              st.sampled_from(["(a+)+$", "^(a|aa)*b", "[", "\\p{L}+", "(?i)câu", ".*" * 20])),
    st.builds(lambda v: f"isIRI({v})", variables),
    st.builds(lambda v, n: f"STRLEN(STR({v})) > {n}", variables, st.integers(-5, 10**12)),
    st.builds(lambda v: f"LANG({v}) = 'vi' && BOUND({v})", variables),
    st.sampled_from(["1/0", "xsd:bogus(?x)", "<urn:f>(?x)", "NOW() < ?x", "SHA256(STR(?s)) != ''"]),
)


def _group(pattern_list: list[str], extras: list[str]) -> str:
    return "{ " + " ".join(pattern_list + extras) + " }"


# Three patterns at most: on the test store (62 triples) no query the grammar writes can run for long.
group_parts = st.lists(patterns, min_size=0, max_size=3)
group_extras = st.lists(
    st.one_of(
        expressions.map(lambda e: f"FILTER({e})"),
        patterns.map(lambda p: f"OPTIONAL {{ {p} }}"),
        st.tuples(patterns, patterns).map(lambda pair: f"{{ {pair[0]} }} UNION {{ {pair[1]} }}"),
        st.lists(terms, min_size=1, max_size=4).map(lambda row: "VALUES ?x { " + " ".join(row) + " }"),
        st.builds(lambda p, g: f"GRAPH {g} {{ {p} }}", patterns, st.one_of(variables, iris)),
        expressions.map(lambda e: f"BIND({e} AS ?bound)"),
        st.sampled_from(["MINUS { ?s ?p ?o }", "FILTER NOT EXISTS { ?s <urn:p> ?o }", "SERVICE <urn:remote> { }"]),
    ),
    max_size=2,
)
modifiers = st.lists(
    st.sampled_from(["ORDER BY ?s", "ORDER BY DESC(?o)", "LIMIT 0", "LIMIT 99999999999999999999", "OFFSET 5",
                     "GROUP BY ?s", "HAVING(COUNT(*) > 1)", "LIMIT -1"]),
    max_size=2,
).map(" ".join)
forms = st.sampled_from(["SELECT *", "SELECT DISTINCT ?s ?o", "SELECT (COUNT(*) AS ?n)", "ASK",
                         "CONSTRUCT { ?s ?p ?o }", "DESCRIBE ?s", "DESCRIBE <urn:x>", "SELECT ?s (SAMPLE(?o) AS ?any)",
                         "SELECT REDUCED ?p", "CONSTRUCT WHERE"])
prologues = st.sampled_from(["", f"PREFIX ckg: <{CKG}> ", "BASE <urn:base/> ",
                             "PREFIX : <", "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "])
queries = st.builds(
    lambda prologue, form, body, extras, tail: f"{prologue}{form} WHERE {_group(body, extras)} {tail}",
    prologues, forms, group_parts, group_extras, modifiers,
)
updates = st.one_of(
    st.builds(lambda p: f"INSERT DATA {{ GRAPH <urn:fuzz> {{ {p} }} }}", patterns),
    st.builds(lambda p: f"DELETE WHERE {{ {p} }}", patterns),
    st.sampled_from(["CLEAR GRAPH <urn:fuzz>", "CLEAR SILENT GRAPH <urn:none>", "DROP GRAPH <urn:none>",
                     "LOAD <http://127.0.0.1:9/x.ttl>", "CREATE GRAPH <urn:fuzz-new>", "ADD <urn:fuzz> TO DEFAULT",
                     "CLEAR ALL", "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"]),
)


def _mangled(text_strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Text cut short, with characters dropped in, or left as it is."""
    return st.one_of(
        text_strategy,
        st.builds(lambda text, cut: text[:cut], text_strategy, st.integers(0, 80)),
        st.builds(lambda text, at, junk: text[:at] + junk + text[at:], text_strategy, st.integers(0, 80),
                  st.text(st.sampled_from("{}()<>\"'?$#\\\n\x00é\u200b\ud7ff^|*+"), min_size=1, max_size=4)),
    )


sparql_text = st.one_of(_mangled(queries), _mangled(updates), any_text)
rdf_documents = st.one_of(
    st.builds(lambda s, o: f"<urn:s> <urn:p> {o} . {s}", st.sampled_from(["", "<urn:a> <urn:b> <urn:c> ."]), literals),
    st.sampled_from(['{"@id": "urn:a", "urn:p": "x"}', "<rdf:RDF/>", "@prefix : <urn:> . :a :b :c ; .",
                     "<urn:a> <urn:b> <urn:c> <urn:g> ."]),
    any_text,
)


@dataclass
class FuzzRequest:
    """One generated request, shown by hypothesis when a check fails."""

    method: str
    path: str
    params: list[tuple[str, str]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | dict | None = None


def _parameter_value(name: str) -> st.SearchStrategy[str]:
    if name in ("query", "update"):
        return sparql_text
    if name == "format":
        return st.one_of(st.sampled_from(FORMAT_NAMES), header_text)
    if name.endswith("uri") or name in ("graph", "resource", "document"):
        return st.one_of(st.sampled_from(IRIS), header_text)
    return st.one_of(st.integers(-3, 10**12).map(str), header_text)


parameters = st.lists(
    st.sampled_from(PARAMETERS).flatmap(lambda name: _parameter_value(name).map(lambda value: (name, value))),
    max_size=4,
)
header_sets = st.fixed_dictionaries(
    {},
    optional={
        "Accept": st.one_of(st.sampled_from(ACCEPTS), header_text),
        "Authorization": st.sampled_from([f"Bearer {TOKEN}", "Bearer wrong", "Basic Zm9vOmJhcg==", "Bearer", ""]),
        "If-None-Match": st.one_of(st.just("*"), header_text),
        "Accept-Encoding": st.sampled_from(["gzip", "identity", "br;q=1, gzip;q=0", "*"]),
        "X-Fuzz": header_text,
    },
)
bodies = st.one_of(
    st.none(),
    sparql_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    rdf_documents.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
    st.dictionaries(st.sampled_from(PARAMETERS), sparql_text, max_size=3),
)


def fuzz_requests(operations: dict[str, list[str]]) -> st.SearchStrategy[FuzzRequest]:
    """Requests to the documented operations, with now and then an undocumented method or path."""
    documented = [(method.upper(), path) for path, methods in operations.items() for method in methods]
    targets = st.one_of(
        st.sampled_from(documented),
        st.tuples(st.sampled_from(METHODS), st.sampled_from(sorted(operations))),
        st.tuples(st.sampled_from(METHODS), st.sampled_from(["/rdf-graph-store/some/graph", "/sparql/", "/nope",
                                                             "/sparql/update/x", "/%00", "/void.ttl"])),
    )

    def build(target: tuple[str, str], params: list, headers: dict, content_type: str | None, body: object
              ) -> FuzzRequest:
        if content_type is not None and not isinstance(body, dict):
            headers = {**headers, "Content-Type": content_type}
        return FuzzRequest(target[0], target[1], params, headers, body)

    return st.builds(build, targets, parameters, header_sets, st.none() | st.sampled_from(CONTENT_TYPES), bodies)


def send(server: LiveServer, generated: FuzzRequest) -> requests.Response:
    return requests.request(
        generated.method,
        server.url + generated.path,
        params=generated.params,
        headers=generated.headers,
        data=generated.body,
        timeout=CLIENT_TIMEOUT,
    )


def check_answer(generated: FuzzRequest, response: requests.Response) -> None:
    """Below 500; every 4xx with a body is the JSON error shape, its status the HTTP status."""
    assert response.status_code < 500, f"{response.status_code}: {response.text[:500]}"
    if 400 <= response.status_code < 500 and generated.method != "HEAD":
        assert response.headers["Content-Type"].startswith("application/json"), response.text[:300]
        error = response.json()["error"]
        assert error["status"] == response.status_code
        assert isinstance(error["type"], str) and error["type"]
        assert isinstance(error["message"], str) and error["message"]


@pytest.fixture(scope="module")
def server(launch, tmp_path_factory) -> LiveServer:
    store = build_managed_store(tmp_path_factory.mktemp("fuzzed") / "store", peace_process_quads())
    return launch(store, token=TOKEN, workers=2, timeout=5, max_rows=50, max_body_bytes=65536)


@pytest.fixture(scope="module")
def operations(server: LiveServer) -> dict[str, list[str]]:
    """Paths and methods from the server's OpenAPI description."""
    document = requests.get(f"{server.url}/openapi.json", timeout=10).json()
    assert document["openapi"].startswith("3.")
    methods = {"get", "post", "put", "delete", "head", "patch", "options"}
    return {path: sorted(set(item) & methods) for path, item in document["paths"].items()}


def run_fuzz(server: LiveServer, operations: dict[str, list[str]], examples: int, derandomize: bool) -> Counter:
    """Send ``examples`` generated requests one after another; a tally of statuses by class."""
    tally: Counter = Counter()

    @settings(max_examples=examples, derandomize=derandomize, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(fuzz_requests(operations))
    def answers_in_time_below_500_in_the_error_shape(generated: FuzzRequest) -> None:
        try:
            response = send(server, generated)
        except requests.Timeout:
            pytest.fail(f"no answer in {CLIENT_TIMEOUT} s: {generated}")
        tally[f"{response.status_code // 100}xx"] += 1
        tally["requests"] += 1
        check_answer(generated, response)

    answers_in_time_below_500_in_the_error_shape()
    return tally


def test_openapi_description_lists_every_protocol_operation(operations: dict[str, list[str]]) -> None:
    assert operations["/sparql"] == ["get", "post"]
    assert operations["/sparql/update"] == ["post"]
    assert operations["/rdf-graph-store"] == ["delete", "get", "head", "post", "put"]


def test_generated_requests_never_get_a_server_error(server: LiveServer, operations: dict[str, list[str]]) -> None:
    tally = run_fuzz(server, operations, QUICK_EXAMPLES, derandomize=True)
    assert tally["requests"] >= QUICK_EXAMPLES * 0.9
    assert tally["2xx"] and tally["4xx"], tally


@pytest.mark.fuzz
def test_ten_thousand_generated_requests_never_get_a_server_error(
    server: LiveServer, operations: dict[str, list[str]]
) -> None:
    tally: Counter = Counter()
    while tally["requests"] < FUZZ_REQUESTS:
        tally += run_fuzz(server, operations, 2_500, derandomize=False)
    print(f"\nfuzz: {dict(tally)}")
    assert requests.get(f"{server.url}/healthz", timeout=10).status_code == 200
