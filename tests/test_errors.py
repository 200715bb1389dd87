"""The one error type: what it carries, how it crosses the executor's pipe, and how each surface shows it."""

from __future__ import annotations

import pickle

from click.testing import CliRunner

from cli import main
from extract.errors import CkgError
from graph.audit import ScopeError
from graph.remote import RemoteError
from graph.store import StoreError


def test_an_error_keeps_its_subclass_status_type_and_position_across_a_pipe() -> None:
    scoped = pickle.loads(pickle.dumps(ScopeError("no document res:x")))
    assert type(scoped) is ScopeError and isinstance(scoped, LookupError)
    assert scoped.to_json() == {"error": {"status": 404, "type": "not-found", "message": "no document res:x"}}
    positioned = pickle.loads(pickle.dumps(CkgError("unexpected '}'", type="malformed-query", line=1, column=17)))
    assert positioned.to_json() == {
        "error": {"status": 400, "type": "malformed-query", "message": "unexpected '}'", "line": 1, "column": 17}
    }
    assert str(positioned) == "unexpected '}'"


def test_domain_errors_name_their_usual_http_status() -> None:
    assert (StoreError("x").status, StoreError("x").type) == (503, "store-unavailable")
    assert (RemoteError("x").status, RemoteError("x").type) == (502, "remote-store-error")
    assert CkgError("x", status=404, type="graph-not-found").status == 404


def test_the_cli_prints_one_line_and_exits_with_the_error_exit_code(tmp_path) -> None:
    result = CliRunner().invoke(main, ["query", "SELECT * WHERE {", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.output.startswith("ckg: error: ") and len(result.output.strip().splitlines()) == 1
