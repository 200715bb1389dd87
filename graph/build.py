"""``ckg build``: extract articles and write a new store generation atomically.

Extraction runs in worker processes (one article per task). Each article's quads are
cached as N-Quads keyed by the article's content hash and the extractor's own hash
(code + data files), so a rebuild re-extracts only what changed.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from extract.reader import ArticleError

from . import derived
from . import store as stores
from .cache import DEFAULT_MAX_MB, cache_dir, mark_used
from .cache import prune as prune_cache
from .namespaces import GRAPH_ONTOLOGY, NAMED_GRAPHS
from .publish import Run, article_quads
from .search import build_index as build_search_index
from .stats import compute_stats

BUILT_GRAPHS = frozenset(str(graph) for graph in NAMED_GRAPHS)


def software_version() -> str:
    try:
        return version("conflict-kg")
    except PackageNotFoundError:
        return "0.0.0+local"


def bundled_corpus() -> list[Path]:
    """The articles shipped with the package."""
    corpus = files("extract.corpus")
    return sorted(Path(str(corpus / entry.name)) for entry in corpus.iterdir() if entry.name.endswith(".txt"))


def collect_articles(inputs: Iterable[Path]) -> list[Path]:
    """Expand directories to their ``*.txt`` articles; every path must exist."""
    articles: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found = sorted(path.rglob("*.txt"))
            if not found:
                raise ArticleError(f"{path}: directory holds no .txt articles")
            articles.extend(found)
        elif path.exists():
            articles.append(path)
        else:
            raise ArticleError(f"{path}: no such file")
    return articles


def extractor_fingerprint() -> str:
    """Hash of the extractor's code and data files: a change invalidates the cache."""
    digest = hashlib.sha256(software_version().encode())
    for package in ("extract", "graph"):
        root = Path(str(files(package)))
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".toml", ".jsonl", ".json"}:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def article_key(fingerprint: str, path: Path) -> str:
    """Cache key of an article: the extractor's fingerprint, the file name and the file's bytes."""
    digest = hashlib.sha256(f"{fingerprint}\0{path.name}\0".encode())
    digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class BuildReport:
    """What a build or load made: the new generation's statistics, and journaled writes it could not replay."""

    stats: dict
    replay_problems: list[str]


@dataclass(frozen=True)
class ArticleResult:
    path: Path
    nquads: Path  # the article's quads, in the cache
    cached: bool


def extract_to_nquads(path: Path, run: Run) -> bytes:
    """Extract one article and serialise its quads (runs in a worker process)."""
    from extract.pipeline import extract_article

    extraction = extract_article(path)
    buffer = io.BytesIO()
    quads = list(run.quads()) + list(article_quads(extraction, run))
    ox.serialize(quads, buffer, format=ox.RdfFormat.N_QUADS)
    return buffer.getvalue()


def build(
    inputs: list[Path],
    store_dir: Path,
    *,
    workers: int = 2,
    on_article: Callable[[ArticleResult], None] | None = None,
    incremental: bool = True,
    cache_max_mb: int = DEFAULT_MAX_MB,
) -> BuildReport:
    """Extract ``inputs`` (default: the bundled corpus) into a new current generation.

    The previous generation stays current until the new one is complete; a failing
    article leaves it as it was. The extraction cache is then pruned to ``cache_max_mb``
    (never below what this build used; ``graph/cache.py``).
    """
    articles = collect_articles(inputs) if inputs else bundled_corpus()
    fingerprint = extractor_fingerprint()
    # The key is the file's name (the document id) and bytes: hashing is cheap, where reading an article
    # aligns its references (seconds). Only cache file names stay in memory.
    run = Run.start(software_version())
    # The build's own graphs are rewritten; any other graph (loaded files, a team's own graphs) is kept.
    # Writes made while it runs are replayed onto the new generation (store.new_generation).
    with stores.new_generation(store_dir, copy_current=True, except_graphs=BUILT_GRAPHS) as generation:
        cache = cache_dir(store_dir, fingerprint)
        results = {path: cache / f"{article_key(fingerprint, path)}.nq" for path in articles}
        todo = []
        for path in articles:
            if incremental and results[path].is_file():
                if on_article:
                    on_article(ArticleResult(path, results[path], cached=True))
            else:
                todo.append(path)
        if todo:
            # Articles are checked as they are extracted: a bad one fails the build before it is swapped in.
            with ProcessPoolExecutor(max_workers=max(1, min(workers, len(todo)))) as pool:
                for path, quads in zip(todo, pool.map(extract_to_nquads, todo, [run] * len(todo)), strict=True):
                    # Written aside and renamed: a build killed here never leaves a truncated cache entry.
                    partial = results[path].with_suffix(".partial")
                    partial.write_bytes(quads)
                    partial.replace(results[path])
                    if on_article:
                        on_article(ArticleResult(path, results[path], cached=False))
        load_ontology(generation.store)
        for path in articles:
            generation.store.bulk_load(path=str(results[path]), format=ox.RdfFormat.N_QUADS)
        generation.store.optimize()
        build_search_index(generation.store, generation.path)
        stats = compute_stats(generation.store)
        stats["articles"] = [str(path) for path in articles]
        generation.write_stats(stats)
        mark_used(results.values())
        prune_cache(store_dir, fingerprint, results.values(), cache_max_mb * 2**20)
    derived.refresh(store_dir)  # writes replayed onto the new generation
    return BuildReport(stores.read_stats(store_dir) or stats, generation.replay_problems)


def load_ontology(store: ox.Store) -> None:
    """The ontology graph is loaded on every build."""
    path = Path(str(files("ontology") / "ckg.ttl"))
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(GRAPH_ONTOLOGY)))

