"""``/reconcile`` on the real server: every answer valid against the Reconciliation API 0.2 schemas
(vendored in tests/reconciliation_api), spoken to the way OpenRefine speaks (form-encoded ``queries=``,
``extend=``, JSONP ``callback``); and ``/export/{relation}.csv``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
import requests
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from graph.namespaces import CKG
from tests.linked_data import linked_data_quads
from tests.live.conftest import build_managed_store

SCHEMAS = Path(__file__).resolve().parents[1] / "reconciliation_api" / "0.2"
# What OpenRefine 3.x sends with a batch (its own User-Agent aside).
FORM = {"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"}


def _registry() -> Registry:
    """The vendored schemas by their $id, so ``type.json`` and the like resolve offline."""
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validate(instance: object, schema_name: str) -> None:
    """Validate against one vendored schema (its relative $refs resolved from the vendored files)."""
    schema = json.loads((SCHEMAS / f"{schema_name}.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, registry=REGISTRY).validate(instance)


@pytest.fixture(scope="module")
def server(launch, tmp_path_factory):
    store = build_managed_store(tmp_path_factory.mktemp("linked") / "store", linked_data_quads())
    return launch(store, workers=1)


def reconcile(server, queries: dict) -> dict:
    response = requests.post(f"{server.url}/reconcile", data={"queries": json.dumps(queries)}, headers=FORM,
                             timeout=30)
    assert response.status_code == 200, response.text
    validate(queries, "reconciliation-query-batch")
    validate(response.json(), "reconciliation-result-batch")
    return response.json()


def test_the_manifest_is_valid_and_points_at_this_server(server):
    manifest = requests.get(f"{server.url}/reconcile", timeout=30).json()
    validate(manifest, "manifest")
    assert manifest["identifierSpace"] == "https://w3id.org/conflict-kg/resource/"
    assert manifest["view"]["url"] == f"{server.url}/resource/{{{{id}}}}"
    assert manifest["suggest"]["entity"]["service_url"] == server.url


def test_the_manifest_as_jsonp(server):
    response = requests.get(f"{server.url}/reconcile", params={"callback": "jsonp123"}, timeout=30)
    assert response.headers["Content-Type"].startswith("application/javascript")
    text = response.text
    assert text.startswith("/**/jsonp123(") and text.endswith(");")
    validate(json.loads(text[len("/**/jsonp123("):-2]), "manifest")


def test_a_bad_callback_name_is_refused(server):
    response = requests.get(f"{server.url}/reconcile", params={"callback": "alert(1)//"}, timeout=30)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "bad-callback"


def test_names_in_vietnamese_and_english_match_the_same_entities(server):
    results = reconcile(server, {
        "q0": {"query": "Vladimir Putin", "type": "Person"},
        "q1": {"query": "Moskva", "type": "Place", "limit": 3},
        "q2": {"query": "Moscow"},
        "q3": {"query": "Thỏa thuận đình chiến ngày 9 tháng 11 năm 2020", "type": "Agreement"},
        "q4": {"query": "Armistice of 9 November 2020", "type": ["Agreement"], "type_strict": "any"},
    })
    best = {key: value["result"][0] for key, value in results.items()}
    assert best["q0"]["id"] == "vladimir-putin" and best["q0"]["match"] is True and best["q0"]["score"] == 100
    assert best["q1"]["id"] == best["q2"]["id"] == "moscow"
    assert best["q1"]["name"] == "Moskva" and best["q2"]["name"] == "Moscow"
    assert best["q3"]["id"] == best["q4"]["id"] == "armistice-2020-11-09"
    assert {"id": "Armistice", "name": "armistice"} in best["q3"]["type"]
    assert "2020-11-09" in best["q3"]["description"]


def test_a_name_without_diacritics_is_a_candidate_but_not_a_sure_match(server):
    result = reconcile(server, {"q0": {"query": "Thoa thuan dinh chien ngay 9 thang 11 nam 2020"}})["q0"]["result"]
    assert result[0]["id"] == "armistice-2020-11-09"
    assert result[0]["score"] == 90 and result[0]["match"] is False


def test_types_filter_the_candidates(server):
    result = reconcile(server, {"q0": {"query": "Shusha", "type": "Place"}})["q0"]["result"]
    assert [candidate["id"] for candidate in result] == ["shusha"]


def test_property_constraints_raise_the_score_and_are_reported_as_features(server):
    results = reconcile(server, {
        "with": {"query": "ngày 2020", "type": "Agreement",
                 "properties": [{"pid": "signatory", "v": {"id": "vladimir-putin"}}]},
        # A property may be named by its local name or its full IRI.
        "only": {"type": "Agreement", "properties": [{"pid": f"{CKG}location", "v": "Moskva"},
                                                      {"pid": "signingDate", "v": "2020-11-09"}]},
    })
    assert results["with"]["result"][0]["id"] == "armistice-2020-11-09"
    assert {"id": "signatory", "value": True} in results["with"]["result"][0]["features"]
    assert results["only"]["result"][0]["id"] == "armistice-2020-11-09"
    assert results["only"]["result"][0]["score"] == 100


def test_a_query_as_openrefine_sends_it_in_the_url(server):
    queries = json.dumps({"q0": {"query": "Azerbaijan", "type": "Country", "type_strict": "should"}})
    response = requests.get(f"{server.url}/reconcile", params={"queries": queries, "callback": "cb"}, timeout=30)
    payload = json.loads(response.text[len("/**/cb("):-2])
    validate(payload, "reconciliation-result-batch")
    assert payload["q0"]["result"][0]["id"] == "azerbaijan"


def test_malformed_queries_are_json_errors(server):
    for body in ("{not json", json.dumps(["q0"]), json.dumps({"q0": {"type": "Person"}})):
        response = requests.post(f"{server.url}/reconcile", data={"queries": body}, timeout=30)
        assert response.status_code == 400
        assert response.json()["error"]["status"] == 400


def test_data_extension_gives_signatories_dates_and_places(server):
    extend = {"ids": ["armistice-2020-11-09", "no-such-thing"],
              "properties": [{"id": "signatory"}, {"id": "signingDate"}, {"id": "location"},
                             {"id": "effectiveFrom"}, {"id": "party", "settings": {"limit": 1}}]}
    validate(extend, "data-extension-query")
    response = requests.post(f"{server.url}/reconcile", data={"extend": json.dumps(extend)}, headers=FORM, timeout=30)
    body = response.json()
    validate(body, "data-extension-response")
    row = body["rows"]["armistice-2020-11-09"]
    assert {value["id"] for value in row["signatory"]} == {"ilham-aliyev", "nikol-pashinyan", "vladimir-putin"}
    assert row["signingDate"] == [{"date": "2020-11-09T00:00:00Z"}]
    assert row["effectiveFrom"] == [{"date": "2020-11-10T00:00:00+03:00"}]
    assert row["location"] == [{"id": "moscow", "name": "Moscow"}]
    assert len(row["party"]) == 1
    assert body["rows"]["no-such-thing"]["signatory"] == []
    assert {"id": "signatory", "name": "signatory", "type": {"id": "Person", "name": "person"}} in body["meta"]


def test_places_extend_with_their_coordinates(server):
    extend = {"ids": ["shusha"], "properties": [{"id": "lat"}, {"id": "long"}]}
    body = requests.get(f"{server.url}/reconcile", params={"extend": json.dumps(extend)}, timeout=30).json()
    validate(body, "data-extension-response")
    assert body["rows"]["shusha"] == {"lat": [{"float": 39.7581}], "long": [{"float": 46.7488}]}


def test_properties_are_proposed_per_type(server):
    body = requests.get(f"{server.url}/reconcile/propose_properties", params={"type": "Armistice"}, timeout=30).json()
    validate(body, "data-extension-property-proposal")
    assert {"signatory", "signingDate", "location"} <= {prop["id"] for prop in body["properties"]}


@pytest.mark.parametrize(("kind", "prefix", "expected", "schema"), [
    ("entity", "Vlad", "vladimir-putin", "suggest-entities-response"),
    ("entity", "Thỏa", "armistice-2020-11-09", "suggest-entities-response"),
    ("type", "agree", "Agreement", "suggest-types-response"),
    ("property", "sign", "signatory", "suggest-properties-response"),
])
def test_suggest_services(server, kind, prefix, expected, schema):
    body = requests.get(f"{server.url}/reconcile/suggest/{kind}", params={"prefix": prefix}, timeout=30).json()
    validate(body, schema)
    assert expected in [item["id"] for item in body["result"]]


def test_preview_is_a_small_html_card_linking_to_the_page(server):
    response = requests.get(f"{server.url}/reconcile/preview", params={"id": "armistice-2020-11-09"}, timeout=30)
    assert response.headers["Content-Type"].startswith("text/html")
    assert f'href="{server.url}/resource/armistice-2020-11-09"' in response.text
    assert "Vladimir Putin" in response.text
    assert requests.get(f"{server.url}/reconcile/preview", params={"id": "nope"}, timeout=30).status_code == 404


def test_csv_tables_are_served_with_their_evidence(server):
    response = requests.get(f"{server.url}/export/signatories.csv", timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 3
    assert all(row["sentence_begin"] == "0" and row["cited_references"] == "1; 2" for row in rows)
    assert requests.get(f"{server.url}/export/nothing.csv", timeout=30).status_code == 404


@pytest.mark.parametrize("queries", [
    {"q0": {"query": "x", "properties": 5}},
    {"q0": {"query": "x", "properties": [{"pid": "signatory", "v": [None, {"id": 3}]}]}},
    {"q0": {"query": 7, "type": {"id": "Person"}, "limit": "many", "type_strict": None}},
])
def test_odd_queries_are_answered_or_refused_never_a_server_error(server, queries):
    response = requests.post(f"{server.url}/reconcile", data={"queries": json.dumps(queries)}, timeout=30)
    assert response.status_code in (200, 400), response.text


@pytest.mark.parametrize("extend", [
    {"ids": [1, None], "properties": [{"id": "signatory", "settings": [1]}]},
    {"ids": ["armistice-2020-11-09"], "properties": [{"id": "nope", "settings": {"limit": "x"}}]},
    {"ids": "armistice-2020-11-09", "properties": []},
])
def test_odd_extensions_are_answered_or_refused_never_a_server_error(server, extend):
    response = requests.post(f"{server.url}/reconcile", data={"extend": json.dumps(extend)}, timeout=30)
    assert response.status_code in (200, 400), response.text
