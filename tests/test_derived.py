"""Statistics and the text index follow in-place writes (graph/derived.py)."""

from __future__ import annotations

import time

import pyoxigraph as ox

from graph import derived, search, writes
from graph import store as stores
from graph.namespaces import CKG, GRAPH_DOCUMENTS, NIF, RDF
from graph.stats import compute_stats


def sentence_insert(number: int, text: str) -> writes.SparqlUpdate:
    iri = f"<https://w3id.org/conflict-kg/resource/doc/sentence/{number}>"
    return writes.SparqlUpdate(
        f'INSERT DATA {{ GRAPH <{GRAPH_DOCUMENTS}> {{ {iri} a <{CKG.Sentence}> ; <{NIF.anchorOf}> "{text}" }} }}',
        "http://example.org/",
    )


def built_store(directory) -> None:
    with stores.new_generation(directory) as generation:
        sentence = ox.NamedNode("https://w3id.org/conflict-kg/resource/doc/sentence/0")
        graph = ox.NamedNode(str(GRAPH_DOCUMENTS))
        generation.store.add(ox.Quad(sentence, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(CKG.Sentence)), graph))
        generation.store.add(ox.Quad(sentence, ox.NamedNode(str(NIF.anchorOf)), ox.Literal("Hòa bình."), graph))
        search.build_index(generation.store, generation.path)
        generation.write_stats(compute_stats(generation.store))


def test_refresh_brings_statistics_and_index_to_the_version_after_a_write(tmp_path):
    built_store(tmp_path)
    assert derived.is_fresh(tmp_path)
    stores.write_in_place(tmp_path, sentence_insert(1, "Lachin mở lại."))
    assert not derived.is_fresh(tmp_path)
    assert search.matching_sentences(search.index_path(tmp_path), "Lachin") == []
    derived.refresh(tmp_path)
    assert derived.is_fresh(tmp_path)
    assert stores.read_stats(tmp_path)["commits"] == 1
    assert stores.read_stats(tmp_path)["triples"] == 4
    assert len(search.matching_sentences(search.index_path(tmp_path), "Lachin")) == 1
    assert search.index_commits(search.index_path(tmp_path)) == 1


def test_a_burst_of_writes_costs_one_refresh_and_a_reader_starts_it_at_once(monkeypatch, tmp_path):
    rounds: list[float] = []
    monkeypatch.setattr(derived, "refresh", lambda store_dir: rounds.append(time.monotonic()))
    refresher = derived.BackgroundRefresh()
    for _ in range(5):
        refresher.request(tmp_path)
        time.sleep(0.05)
    time.sleep(refresher.QUIET_SECONDS + 0.5)
    assert len(rounds) == 1
    asked = time.monotonic()
    refresher.request(tmp_path, at_once=True)
    while len(rounds) < 2 and time.monotonic() - asked < 5:
        time.sleep(0.01)
    assert len(rounds) == 2 and rounds[1] - asked < refresher.QUIET_SECONDS
