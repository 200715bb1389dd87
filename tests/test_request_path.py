"""The request path's shortcuts keep their promises: a cached store version still sees every write,
queries answered in front of Flask behave like the rest of the app, a killed executor is noticed."""

from __future__ import annotations

import os
import signal
import time

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import store as stores
from graph import writes
from web.querypool import _Executor

EX = "http://example.org/"


def quad(n: int) -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"{EX}s{n}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(n)), ox.NamedNode(f"{EX}g"))


def test_cached_store_version_sees_in_place_commits_and_generation_swaps(tmp_path):
    with stores.new_generation(tmp_path) as generation:
        generation.store.add(quad(1))
    watch = stores.VersionWatch(tmp_path)
    first = watch()
    assert first == stores.store_version(tmp_path)
    insert = f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s2> <{EX}p> 2 }} }}"
    stores.write_in_place(tmp_path, writes.SparqlUpdate(insert, EX))
    committed = watch()
    assert committed == stores.store_version(tmp_path) and committed[1] == first[1] + 1
    with stores.new_generation(tmp_path, copy_current=True) as generation:
        generation.store.add(quad(3))
    swapped = watch()
    assert swapped == stores.store_version(tmp_path) and swapped[0] != first[0]


def test_cached_store_version_of_a_plain_pyoxigraph_directory(tmp_path):
    store = ox.Store(str(tmp_path))
    store.add(quad(1))
    store.flush()
    del store
    watch = stores.VersionWatch(tmp_path)
    assert watch() == stores.store_version(tmp_path) == (str(tmp_path.resolve()), 0)


def test_an_idle_executor_killed_from_outside_is_seen_dead(tmp_path):
    with stores.new_generation(tmp_path) as generation:
        generation.store.add(quad(1))
    executor = _Executor(tmp_path)
    assert executor.alive()
    os.kill(executor.process.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while executor.alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not executor.alive()
    executor.kill()


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from server import Config, create_app

    directory = tmp_path_factory.mktemp("request-path")
    with stores.new_generation(directory) as generation:
        generation.store.add(quad(1))
    app = create_app(Config(store=directory))
    yield app.test_client()
    app.extensions["ckg"].executor.close()


def test_head_of_a_query_has_the_headers_of_its_get_and_no_body(client):
    query = {"query": "ASK { ?s ?p ?o }"}
    get = client.get("/sparql", query_string=query)
    head = client.head("/sparql", query_string=query)
    assert head.status_code == get.status_code == 200
    assert head.data == b"" and get.json == {"head": {}, "boolean": True}
    for name in ("Content-Type", "Content-Length", "ETag", "Vary", "Access-Control-Allow-Origin"):
        assert head.headers[name] == get.headers[name]


def test_a_query_error_in_front_of_flask_has_the_json_shape_and_cors(client):
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert response.status_code == 400 and response.mimetype == "application/json"
    assert response.json["error"]["type"] == "malformed-query" and response.json["error"]["line"] == 3
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_requests_without_a_query_still_reach_flask(client):
    description = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert description.status_code == 200 and description.mimetype == "text/turtle"
    assert client.post("/sparql", data={"format": "json"}).json["error"]["type"] == "missing-query"
    preflight = client.options("/sparql", headers={"Origin": "http://example.org"})
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert client.delete("/sparql").status_code == 405


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("ASK {}", "ASK"),
        ("PREFIX select: <urn:x#>\nBASE <urn:ask>\n# SELECT here\nconstruct { ?s ?p ?o } WHERE {}", "CONSTRUCT"),
        ('PREFIX p: <urn:p>\ndescribe p:select', "DESCRIBE"),
        ('SELECT ?x WHERE { FILTER(?x = "ASK") { SELECT ?y {} } }', "SELECT"),
        ("INSERT DATA { <urn:a> <urn:select> 'ask' }", None),
    ],
)
def test_the_query_form_is_the_first_top_level_keyword_outside_strings_iris_and_comments(text, form):
    from web.sparql_text import query_form

    assert query_form(text) == form


# Pieces of query strings that decoders get wrong: escapes valid, short, bad or of invalid UTF-8,
# plus signs, raw '=' and '&', quoted-printable's own syntax (=XX, '=' at the end, line breaks), non-ASCII.
_QUERY_STRING_PIECES = ["a", "query", "=", "&", "+", " ", "%", "%2", "%20", "%3D", "%3d", "%26", "%2B", "%25",
                        "%C3%A9", "%C3", "%E2%82", "%FF", "%zz", "%%", "=41", "=\r\n", "\n", "\t", "é", "_", "#"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_QUERY_STRING_PIECES), max_size=12).map("".join))
def test_url_parameters_read_a_query_string_exactly_as_werkzeug_does(query_string):
    from werkzeug.wrappers import Request

    from web.sparql import url_parameters

    environ = {"QUERY_STRING": query_string.encode().decode("latin-1")}
    assert list(url_parameters(environ["QUERY_STRING"]).items(multi=True)) == list(
        Request(environ).args.items(multi=True)
    )
