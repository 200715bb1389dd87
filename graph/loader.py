"""``ckg load``: bulk-load RDF files into named graphs of a new store generation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from . import derived
from . import store as stores
from .build import BuildReport
from .namespaces import GRAPH
from .rdfio import RdfInputError, check_readable, describe_syntax_error, format_for
from .search import build_index as build_search_index
from .stats import compute_stats


def default_graph_for(path: Path) -> ox.NamedNode:
    """``.../graph/loaded/{file stem}``: where triples of a file go unless ``--graph`` says."""
    return ox.NamedNode(str(GRAPH[f"loaded/{path.stem}"]))


def load_files(
    store_dir: Path,
    paths: list[Path],
    *,
    graph: str | None = None,
    format_name: str | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> BuildReport:
    """Load every file into a copy of the current store; it becomes current only if all succeed."""
    formats = {}
    for path in paths:
        check_readable(path)
        formats[path] = format_for(path, format_name)
    with stores.new_generation(store_dir, copy_current=True) as generation:
        for path in paths:
            target = ox.NamedNode(graph) if graph else default_graph_for(path)
            try:
                generation.store.bulk_load(
                    path=str(path), format=formats[path], to_graph=target, base_iri=path.resolve().as_uri()
                )
            except SyntaxError as error:
                raise RdfInputError(describe_syntax_error(path, error)) from None
            except (OSError, ValueError) as error:
                raise RdfInputError(f"{path}: {error}") from None
            if on_file:
                on_file(path)
        build_search_index(generation.store, generation.path)
        stats = compute_stats(generation.store)
        generation.write_stats(stats)
    derived.refresh(store_dir)  # writes replayed onto the new generation
    return BuildReport(stores.read_stats(store_dir) or stats, generation.replay_problems)
