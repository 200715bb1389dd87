"""The generational store: atomic swaps, failures that leave the old store intact."""

from __future__ import annotations

import os
import shutil

import pyoxigraph as ox
import pytest

from graph import store as stores
from graph import writes

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


def insert(n: int, graph: str = f"{EX}g") -> writes.SparqlUpdate:
    return writes.SparqlUpdate(f"INSERT DATA {{ GRAPH <{graph}> {{ <{EX}s{n}> <{EX}p> '{n}' }} }}", EX)


def subjects(store_dir, graph: str = f"{EX}g") -> set[str]:
    store = stores.open_read_only(store_dir)
    return {q.subject.value for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))}


def test_writes_made_while_a_generation_is_built_are_replayed_onto_it(tmp_path):
    with stores.new_generation(tmp_path) as generation:
        generation.store.add(quad(1))
    with stores.new_generation(tmp_path) as generation:  # starts empty: only the replay can bring s2, s3 in
        stores.write_in_place(tmp_path, insert(2))
        in_h = ox.Quad(ox.NamedNode(f"{EX}s3"), ox.NamedNode(f"{EX}p"), ox.Literal("3"), ox.NamedNode(f"{EX}h"))
        stores.write_in_place(tmp_path, writes.GraphWrite.of(f"{EX}h", [in_h], replace=True))
        assert subjects(tmp_path) == {f"{EX}s1", f"{EX}s2"}  # visible at once in the current generation
        generation.store.add(quad(4))
    assert subjects(tmp_path) == {f"{EX}s2", f"{EX}s4"}
    assert subjects(tmp_path, f"{EX}h") == {f"{EX}s3"}
    assert stores.store_version(tmp_path)[1] == 2  # readers and derived data see two commits
    assert not (tmp_path / stores.JOURNAL).exists()


def test_a_journaled_write_that_fails_on_the_new_generation_is_reported_not_fatal(tmp_path):
    with stores.new_generation(tmp_path) as generation:
        generation.store.add_graph(ox.NamedNode(f"{EX}only-in-old"))
    with stores.new_generation(tmp_path) as generation:
        stores.write_in_place(tmp_path, writes.SparqlUpdate(f"CLEAR GRAPH <{EX}only-in-old>", EX))
        stores.write_in_place(tmp_path, insert(5))
    assert subjects(tmp_path) == {f"{EX}s5"}
    assert len(generation.replay_problems) == 1 and "journaled write 1" in generation.replay_problems[0]


def test_a_failed_build_drops_its_journal_and_keeps_the_writes_in_place(tmp_path):
    with stores.new_generation(tmp_path) as generation:
        generation.store.add(quad(1))
    with pytest.raises(RuntimeError), stores.new_generation(tmp_path):
        stores.write_in_place(tmp_path, insert(2))
        raise RuntimeError("bad article")
    assert subjects(tmp_path) == {f"{EX}s1", f"{EX}s2"}
    assert not (tmp_path / stores.JOURNAL).exists()


def test_a_second_build_at_once_fails_with_one_line(tmp_path):
    with stores.new_generation(tmp_path) as generation:
        generation.store.add(quad(1))
        with pytest.raises(stores.StoreBusy, match=r"another 'ckg build', 'ckg load' or 'ckg gc' \(pid \d+\)") as busy:
            with stores.new_generation(tmp_path, copy_current=True):
                pass
        assert "\n" not in str(busy.value)
    assert count(tmp_path) == 1
    assert len(list((tmp_path / stores.GENERATIONS).iterdir())) == 1


def test_a_journal_left_by_a_killed_build_is_dropped_by_the_next_write(tmp_path):
    with stores.new_generation(tmp_path) as generation:
        generation.store.add(quad(1))
    (tmp_path / stores.JOURNAL).write_text(writes.to_json(insert(9)) + "\n", encoding="utf-8")
    stores.write_in_place(tmp_path, insert(2))
    assert not (tmp_path / stores.JOURNAL).exists()
    assert subjects(tmp_path) == {f"{EX}s1", f"{EX}s2"}


def test_copy_current_can_leave_out_the_graphs_the_build_rewrites(tmp_path):
    with stores.new_generation(tmp_path) as generation:
        generation.store.add(quad(1))
        generation.store.add(ox.Quad(ox.NamedNode(f"{EX}kept"), ox.NamedNode(f"{EX}p"), ox.Literal("k")))
    stores.write_in_place(tmp_path, insert(2, f"{EX}team"))
    with stores.new_generation(tmp_path, copy_current=True, except_graphs={f"{EX}g"}) as generation:
        generation.store.add(quad(3))
    assert subjects(tmp_path) == {f"{EX}s3"}
    assert subjects(tmp_path, f"{EX}team") == {f"{EX}s2"}
    store = stores.open_read_only(tmp_path)
    assert len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == 1


def test_every_kind_of_write_survives_the_journal_unchanged():
    for write in (insert(1), writes.GraphWrite.of(None, [quad(2)], replace=False), writes.GraphDelete(f"{EX}g")):
        assert writes.from_json(writes.to_json(write)) == write
