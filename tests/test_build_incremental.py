"""Incremental ``ckg build``: only articles whose content changed are extracted again."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from graph import build as builds
from graph import search
from graph import store as stores
from graph.cache import CACHE_DIR
from graph.namespaces import CKG

ARTICLES = Path(__file__).parent / "articles"
FIRST, SECOND = "ev-bishkek-1994.txt", "ev-april-2016.txt"


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    # The extractor fingerprint hashes the code; pinned so an edit elsewhere mid-test cannot void the cache.
    monkeypatch.setattr(builds, "extractor_fingerprint", lambda: "pinned")
    directory = tmp_path / "articles"
    directory.mkdir()
    for name in (FIRST, SECOND):
        shutil.copy(ARTICLES / name, directory / name)
    return directory


def build(corpus: Path, store: Path, **options) -> tuple[dict, dict[str, bool]]:
    """Build ``corpus``; the stats and, per article name, whether it came from the cache."""
    cached: dict[str, bool] = {}
    report = builds.build([corpus], store, on_article=lambda result: cached.update({result.path.name: result.cached}),
                          **options)
    return report.stats, cached


def test_unchanged_articles_come_from_the_cache(corpus, tmp_path):
    store = tmp_path / "store"
    first_stats, first = build(corpus, store)
    again_stats, again = build(corpus, store)
    assert first == {FIRST: False, SECOND: False}
    assert again == {FIRST: True, SECOND: True}
    assert again_stats["graphs"] == first_stats["graphs"]


def test_only_the_changed_article_is_extracted_again(corpus, tmp_path):
    store = tmp_path / "store"
    build(corpus, store)
    changed = corpus / SECOND
    changed.write_text(changed.read_text(encoding="utf-8") + "Hành lang Zangezur được nhắc đến lần đầu.\n",
                       encoding="utf-8")
    _, rebuilt = build(corpus, store)
    assert rebuilt == {FIRST: True, SECOND: False}
    index = search.index_path(store)
    assert index is not None
    assert len(search.matching_sentences(index, "Zangezur")) == 1


def test_no_cache_extracts_everything(corpus, tmp_path):
    store = tmp_path / "store"
    build(corpus, store)
    _, rebuilt = build(corpus, store, incremental=False)
    assert rebuilt == {FIRST: False, SECOND: False}


def test_every_build_leaves_a_text_index_of_every_sentence_beside_the_store(corpus, tmp_path):
    store = tmp_path / "store"
    stats, _ = build(corpus, store)
    index = search.index_path(store)
    assert index is not None and index.parent == stores.current_generation(store)
    with sqlite3.connect(index) as connection:
        indexed = connection.execute("SELECT count(*) FROM sentence_text").fetchone()[0]
    assert indexed == stats["classes"][str(CKG.Sentence)]


def cache_files(store: Path) -> list[Path]:
    return sorted((store / CACHE_DIR).rglob("*.nq"))


def test_entries_of_another_extractor_version_are_pruned_by_the_next_build(corpus, tmp_path, monkeypatch):
    store = tmp_path / "store"
    build(corpus, store)
    legacy = store / CACHE_DIR / "0123abcd.nq"  # the layout before fingerprint folders
    legacy.write_bytes(b"")
    monkeypatch.setattr(builds, "extractor_fingerprint", lambda: "changed")
    _, rebuilt = build(corpus, store)
    assert rebuilt == {FIRST: False, SECOND: False}
    assert {path.parent.name for path in cache_files(store)} == {"changed"}
    assert len(cache_files(store)) == 2


def test_the_cache_keeps_what_the_build_used_and_evicts_the_least_recently_used_beyond_its_limit(corpus, tmp_path):
    store = tmp_path / "store"
    build(corpus, store)
    changed = corpus / SECOND
    for round_number in range(3):
        changed.write_text(changed.read_text(encoding="utf-8") + f"Vòng {round_number}.\n", encoding="utf-8")
        build(corpus, store, cache_max_mb=0)
        assert len(cache_files(store)) == 2  # only this build's two entries: a limit of 0 keeps nothing else
    build(corpus, store)  # the default limit keeps old versions for a while
    changed.write_text(changed.read_text(encoding="utf-8") + "Vòng cuối.\n", encoding="utf-8")
    build(corpus, store)
    assert len(cache_files(store)) == 3


def test_gc_prunes_the_cache_and_removes_generations_of_killed_builds(corpus, tmp_path):
    store = tmp_path / "store"
    build(corpus, store)
    build(corpus, store)
    killed = store / stores.GENERATIONS / "29991231T000000-deadbeef"  # a build killed with kill -9
    (killed / stores.OXIGRAPH_DIR).mkdir(parents=True)
    (killed / stores.OXIGRAPH_DIR / "000001.sst").write_bytes(b"x" * 4096)
    (store / CACHE_DIR / "pinned" / "half.partial").write_bytes(b"x")
    result = CliRunner().invoke(main, ["gc", "--store", str(store), "--cache-max-mb", "0"])
    assert result.exit_code == 0, result.output
    assert "3 cache file(s)" in result.output  # two entries and a partial one
    assert cache_files(store) == []
    assert not killed.exists()
    assert len(list((store / stores.GENERATIONS).iterdir())) == 2  # current and previous stay
    assert stores.exists(store)
