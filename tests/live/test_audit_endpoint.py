"""``GET /audit`` on the real server over the bundled store: HTML and JSON by content negotiation."""

from __future__ import annotations

import pytest
import requests


@pytest.fixture(scope="module")
def server(launch, bundled_store):
    return launch(bundled_store, workers=1)


def test_audit_is_json_for_json_clients(server):
    response = requests.get(f"{server.url}/audit", headers={"Accept": "application/json"}, timeout=30)
    assert response.status_code == 200
    report = response.json()
    assert {check["id"] for check in report["checks"]} >= {"fact-without-statement", "sentence-offsets"}
    assert report["failed"] is False
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_audit_is_a_page_for_browsers(server):
    response = requests.get(f"{server.url}/audit", headers={"Accept": "text/html,*/*;q=0.8"}, timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Provenance audit" in response.text


def test_audit_narrowed_to_a_resource(server):
    response = requests.get(
        f"{server.url}/audit", params={"resource": "armistice-2020-11-09", "format": "json"}, timeout=30
    )
    assert response.status_code == 200
    assert response.json()["scope"]["resource"].endswith("armistice-2020-11-09")


def test_audit_of_an_unknown_document_is_a_json_404(server):
    response = requests.get(f"{server.url}/audit", params={"document": "nope", "format": "json"}, timeout=30)
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "not-found"


def test_audit_refuses_formats_it_cannot_give(server):
    response = requests.get(f"{server.url}/audit", headers={"Accept": "image/png"}, timeout=30)
    assert response.status_code == 406
