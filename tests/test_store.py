"""The generational store: atomic swaps, failures that leave the old store intact."""

from __future__ import annotations

import os
import shutil

import pyoxigraph as ox
import pytest

from graph import store as stores

EX = "http://example.org/"


def quad(n: int) -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"{EX}s{n}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(n)), ox.NamedNode(f"{EX}g"))


def count(store_dir) -> int:
    return len(list(stores.open_read_only(store_dir)))


def test_a_new_generation_becomes_current_only_when_it_completes(tmp_path):
    with stores.new_generation(tmp_path) as generation:
        generation.store.add(quad(1))
        assert not (tmp_path / stores.CURRENT).exists()
    assert count(tmp_path) == 1


def test_a_failed_generation_leaves_the_previous_store_intact(tmp_path):
    with stores.new_generation(tmp_path) as generation:
        generation.store.add(quad(1))
    before = os.readlink(tmp_path / stores.CURRENT)
    with pytest.raises(RuntimeError), stores.new_generation(tmp_path, copy_current=True) as generation:
        generation.store.add(quad(2))
        raise RuntimeError("extraction failed half way")
    assert os.readlink(tmp_path / stores.CURRENT) == before
    assert count(tmp_path) == 1
    assert len(list((tmp_path / stores.GENERATIONS).iterdir())) == 1


def test_copy_current_starts_from_the_previous_generation(tmp_path):
    with stores.new_generation(tmp_path) as generation:
        generation.store.add(quad(1))
        generation.write_stats({"triples": 1})
    with stores.new_generation(tmp_path, copy_current=True) as generation:
        generation.store.add(quad(2))
    assert count(tmp_path) == 2
    assert stores.read_stats(tmp_path) == {"triples": 1}


def test_old_generations_are_pruned_but_the_previous_is_kept_for_readers(tmp_path):
    for n in range(4):
        with stores.new_generation(tmp_path) as generation:
            generation.store.add(quad(n))
    assert len(list((tmp_path / stores.GENERATIONS).iterdir())) == 2
    assert count(tmp_path) == 1


def test_a_reader_opened_before_a_swap_keeps_reading_its_snapshot(tmp_path):
    with stores.new_generation(tmp_path) as generation:
        generation.store.add(quad(1))
    reader = stores.open_read_only(tmp_path)
    with stores.new_generation(tmp_path) as generation:
        generation.store.add(quad(2))
        generation.store.add(quad(3))
    assert len(list(reader)) == 1
    assert count(tmp_path) == 2


def test_a_plain_pyoxigraph_directory_is_opened_as_it_is(tmp_path):
    raw = tmp_path / "raw"
    store = ox.Store(str(raw))
    store.add(quad(1))
    store.flush()
    del store
    assert count(raw) == 1
    with pytest.raises(stores.StoreError, match="plain pyoxigraph store"), stores.new_generation(raw):
        pass


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "no such store"),
        (lambda p: p.write_text("x"), "not a directory"),
        (lambda p: p.mkdir(), "not a conflict-kg store"),
    ],
    ids=["missing", "file", "empty-directory"],
)
def test_opening_a_bad_store_directory_is_a_clear_error(tmp_path, make, message):
    target = tmp_path / "store"
    make(target)
    with pytest.raises(stores.StoreError, match=message):
        stores.open_read_only(target)


def test_a_current_link_to_a_deleted_generation_is_a_clear_error(tmp_path):
    with stores.new_generation(tmp_path) as generation:
        generation.store.add(quad(1))
    shutil.rmtree(stores.current_generation(tmp_path))
    with pytest.raises(stores.StoreError):
        stores.open_read_only(tmp_path)
