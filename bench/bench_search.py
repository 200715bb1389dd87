"""Benchmark (not a test): sentences mentioning a name, by text index vs ``FILTER(REGEX())`` vs a Python function.

The store is the synthetic data of ``bench/synthetic.py`` (about 1M triples) whose
sentences are made to mention two gazetteer place names each, and the text index
``ckg build`` writes beside it. Three ways to ask for the sentences that mention one
name, with their text and document:

- ``SERVICE ckg:search { ?s ckg:matches "name" }``, rewritten to VALUES from the FTS5 index
  (the time includes the rewrite);
- ``FILTER(REGEX(?text, "name"))`` over every sentence;
- ``FILTER(ckgfn:mentions(?text, "name"))``, a pyoxigraph ``custom_functions`` Python callback.

    python bench/bench_search.py [--triples 1000000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic import synthetic_quads  # noqa: E402
from extract.gazetteer import Gazetteer  # noqa: E402
from graph import search  # noqa: E402
from graph import store as stores  # noqa: E402
from graph.namespaces import CKG, NIF, prefix_map  # noqa: E402

MENTIONS_FUNCTION = ox.NamedNode(str(CKG["benchMentions"]))


def place_names() -> list[str]:
    """Vietnamese preferred names of the gazetteer's places (one word or more)."""
    entries = Gazetteer.load().entries.values()
    return sorted({entry.labels["vi"][0] for entry in entries if entry.kind == "Place" and entry.labels.get("vi")})


def with_place_mentions(quads: Iterator[ox.Quad], places: list[str], seed: int = 3) -> Iterator[ox.Quad]:
    """The synthetic quads, each sentence text now naming two places, as often as Zipf's law says.

    The place of rank r is named with weight 1/r, as in real text: a few names are in
    many sentences, most in few.
    """
    rng = random.Random(seed)
    weights = [1 / rank for rank in range(1, len(places) + 1)]
    anchor = str(NIF.anchorOf)
    for quad in quads:
        if quad.predicate.value == anchor:
            first, second = rng.choices(places, weights, k=2)
            text = f"{quad.object.value.rstrip('.')}, gần {first} và {second}."
            quad = ox.Quad(quad.subject, quad.predicate, ox.Literal(text, language="vi"), quad.graph_name)
        yield quad


def build_store(directory: Path, triples: int, places: list[str]) -> tuple[int, float]:
    """A managed store of synthetic data with its text index; (quads, seconds to build the index)."""
    with stores.new_generation(directory) as generation:
        generation.store.bulk_extend(with_place_mentions(synthetic_quads(triples), places))
        generation.store.optimize()
        started = time.perf_counter()
        search.build_index(generation.store, generation.path)
        index_seconds = time.perf_counter() - started
        size = len(generation.store)
    return size, index_seconds


def queries(name: str) -> dict[str, str]:
    """The same question in the three designs."""
    literal = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    shape = "SELECT ?s ?text ?doc WHERE {{ {match} ?s nif:anchorOf ?text ; nif:referenceContext ?doc . {filter} }}"
    return {
        "text index (SERVICE ckg:search)": shape.format(
            match=f"SERVICE ckg:search {{ ?s ckg:matches {literal} }}", filter=""
        ),
        "FILTER(REGEX())": shape.format(match="", filter=f"FILTER(REGEX(?text, {literal}))"),
        "custom function": shape.format(match="", filter=f"FILTER(<{MENTIONS_FUNCTION.value}>(?text, {literal}))"),
    }


def mentions(text: ox.Literal, name: ox.Literal) -> ox.Literal:
    """The Python side of the custom-function design: a plain substring test."""
    return ox.Literal("true" if name.value in text.value else "false", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#boolean"))


def timed(run: Callable[[], int], rounds: int) -> tuple[float, int]:
    """Median seconds over ``rounds`` runs (after one warm-up) and the row count."""
    rows = run()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def main() -> None:
    """Command line: build the store, time the three designs for a common and a rare name."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    arguments = parser.parse_args()
    places = place_names()
    with tempfile.TemporaryDirectory(prefix="ckg-bench-search-") as scratch:
        directory = Path(scratch) / "store"
        started = time.perf_counter()
        size, index_seconds = build_store(directory, arguments.triples, places)
        print(f"{size:,} quads built in {time.perf_counter() - started:.1f} s; "
              f"text index built in {index_seconds:.2f} s")
        store = stores.open_read_only(directory)

        def runner(text: str) -> Callable[[], int]:
            functions = {MENTIONS_FUNCTION: mentions} if MENTIONS_FUNCTION.value in text else None

            def run() -> int:
                rewritten = search.rewrite_for_store(text, directory)
                return sum(1 for _ in store.query(
                    rewritten, prefixes=prefix_map(), use_default_graph_as_union=True, custom_functions=functions
                ))
            return run

        print("| name | design | rows | median ms | vs index |")
        print("|---|---|---|---|---|")
        # The most common name, one of middle rank, a rare one; and a two-word name (a phrase).
        two_words = next(place for place in places[len(places) // 4 :] if " " in place)
        for name in (places[0], places[len(places) // 4], places[-1], two_words):
            results = {design: timed(runner(text), arguments.rounds) for design, text in queries(name).items()}
            index_seconds, index_rows = results["text index (SERVICE ckg:search)"]
            for design, (seconds, rows) in results.items():
                print(f"| {name} | {design} | {rows:,} | {seconds * 1000:.1f} | {seconds / index_seconds:.1f}× |")
                if rows != index_rows:
                    print(f"  note: {design} found {rows} rows, the index {index_rows} (substring vs word match)")


if __name__ == "__main__":
    main()
