"""Every verb given a bad file: one-line error naming the file, exit 1, store unchanged.

Also: ``kill -9`` of ``ckg build`` at random moments never damages the current store.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from graph import store as stores

ARTICLE = """Ngày 9 tháng 11 năm 2020, một thỏa thuận đình chiến được ký giữa Tổng thống Azerbaijan, Ilham Aliyev, \
và Thủ tướng Armenia, Nikol Pashinyan.[1]
^“Ceasefire signed”. Example News. ngày 10 tháng 11 năm 2020. Truy cập ngày 11 tháng 11 năm 2020.
"""


def ckg_executable() -> str:
    return shutil.which("ckg", path=str(Path(sys.executable).parent)) or "ckg"


@pytest.fixture(scope="module")
def built_store(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("bad-input")
    article = directory / "small.vi.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = directory / "store"
    result = CliRunner().invoke(main, ["build", str(article), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def snapshot(store: Path) -> tuple[str, int]:
    """The current generation and its quad count: what a bad command must not change."""
    return os.readlink(store / stores.CURRENT), len(stores.open_read_only(store))


BAD_FILES = {
    "missing": None,
    "directory": "DIR",
    "empty": b"",
    "non-utf8": "Ngày 9 tháng 11 năm 2020.".encode() + "café".encode("latin-1"),
    "huge-line": b"x" * 200_001 + b"\n",
}


def make_bad(tmp_path: Path, kind: str, suffix: str) -> Path:
    path = tmp_path / f"bad-{kind}{suffix}"
    content = BAD_FILES[kind]
    if content == "DIR":
        path.mkdir()
        (path / "nothing.here").write_text("x")
    elif content is not None:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_build_refuses_a_bad_article_and_keeps_the_store(built_store, tmp_path, kind):
    bad = make_bad(tmp_path, kind, ".vi.txt")
    before = snapshot(built_store)
    result = CliRunner().invoke(main, ["build", str(bad), "--store", str(built_store)])
    assert result.exit_code == 1
    assert str(bad) in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert snapshot(built_store) == before


@pytest.mark.parametrize("kind", ["missing", "directory", "non-utf8"])
def test_query_refuses_a_bad_query_file(built_store, tmp_path, kind):
    bad = make_bad(tmp_path, kind, ".rq")
    result = CliRunner().invoke(main, ["query", f"@{bad}", "--store", str(built_store)])
    assert result.exit_code == 1
    assert str(bad) in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


def test_eval_refuses_a_missing_golden_file(tmp_path):
    article = tmp_path / "a.vi.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(article), str(tmp_path / "missing.tsv")])
    assert result.exit_code != 0
    assert "missing.tsv" in result.output


@pytest.mark.parametrize("verb", ["query", "export", "stats", "validate"])
def test_a_corrupt_store_is_a_clear_error_not_a_traceback(tmp_path, verb):
    store = tmp_path / "store"
    (store / stores.GENERATIONS).mkdir(parents=True)
    os.symlink("generations/vanished", store / stores.CURRENT)
    args = {"query": ["query", "ASK {}"], "export": ["export"], "stats": ["stats"], "validate": ["validate"]}[verb]
    result = CliRunner().invoke(main, [*args, "--store", str(store)])
    assert result.exit_code == 1
    assert "holds no store" in result.output
    assert "Traceback" not in result.output


def test_serve_on_a_corrupt_store_exits_with_a_clear_error(tmp_path):
    store = tmp_path / "store"
    (store / stores.GENERATIONS).mkdir(parents=True)
    os.symlink("generations/vanished", store / stores.CURRENT)
    completed = subprocess.run(
        [ckg_executable(), "serve", "--store", str(store), "--port", "0"],
        capture_output=True, text=True, timeout=60,
    )
    assert completed.returncode == 1
    assert "holds no store" in completed.stderr
    assert "Traceback" not in completed.stderr


def run_build(store: Path, article: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [ckg_executable(), "build", str(article), "--store", str(store), "--no-cache"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def test_kill_9_during_build_always_leaves_the_previous_store_servable(built_store, tmp_path):
    """Ten builds killed at random moments; after each, the old generation is current and whole."""
    store = tmp_path / "store"
    shutil.copytree(built_store, store, symlinks=True)
    article = tmp_path / "again.vi.txt"
    article.write_text(ARTICLE.replace("Ilham Aliyev", "Heydar Aliyev"), encoding="utf-8")
    started = time.monotonic()
    assert run_build(store, article).wait(timeout=120) == 0
    duration = time.monotonic() - started
    before = snapshot(store)
    rng = random.Random(20201109)
    kills = 0
    for _attempt in range(20):
        process = run_build(store, article)
        time.sleep(rng.uniform(0.05, 0.8 * duration))
        if process.poll() is not None:  # finished before the kill: a legitimate new store
            before = snapshot(store)
            continue
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        kills += 1
        after = snapshot(store)
        if after[0] != before[0]:
            # Killed after the atomic swap: the new generation must be complete.
            assert (store / after[0] / stores.STATS_FILE).is_file(), f"kill {kills}: incomplete generation is current"
        assert after[1] == before[1], f"kill {kills}"
        before = after
        count = subprocess.run(
            [ckg_executable(), "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(store),
             "--format", "csv"],
            capture_output=True, text=True, timeout=60,
        )
        assert count.returncode == 0, count.stderr
        assert int(count.stdout.splitlines()[-1]) == before[1]
        if kills == 10:
            break
    assert kills == 10, f"only {kills} builds were killed mid-way"


def test_a_second_build_on_the_same_store_fails_with_one_line_while_the_first_runs(built_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(built_store, store, symlinks=True)
    article = tmp_path / "again.vi.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    first = run_build(store, article)
    deadline = time.monotonic() + 60
    while not (store / stores.JOURNAL).exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    second = subprocess.run([ckg_executable(), "build", str(article), "--store", str(store)],
                            capture_output=True, text=True, timeout=120)
    assert first.wait(timeout=120) == 0
    assert second.returncode == 1
    assert "\n" not in second.stderr.strip() and "another 'ckg build', 'ckg load' or 'ckg gc'" in second.stderr
