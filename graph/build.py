"""``ckg build``: extract articles and write a new store generation atomically.

Extraction runs in worker processes (one article per task: a file, or a page of a dump,
read as the workers take them): local processes, or the workers of a Dask distributed
cluster (``scheduler``), which are sent each article's text and return its quads. Each
article's quads are cached as N-Quads keyed by the article's content hash and the
extractor's own hash (code + data files), so a rebuild re-extracts only what changed.
"""

from __future__ import annotations

import concurrent.futures
import functools
import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from extract.dump import EVERY_PAGE, DumpPage, DumpSelection, read_dump
from extract.errors import CkgError
from extract.formats import ARTICLE_SUFFIXES, detect_kind
from extract.gazetteer import slugify
from extract.reader import ArticleError, LanguagePackMissing, decode_article
from extract.world import versions as world_versions

from . import derived
from . import store as stores
from .cache import DEFAULT_MAX_MB, cache_dir, mark_used
from .cache import prune as prune_cache
from .namespaces import GRAPH_ONTOLOGY, NAMED_GRAPHS
from .publish import Run, article_quads
from .search import build_index as build_search_index
from .stats import compute_stats

BUILT_GRAPHS = frozenset(str(graph) for graph in NAMED_GRAPHS)
SCHEDULER_TIMEOUT = 30  # seconds to reach the scheduler, and for a first worker to join it


class ClusterError(CkgError, RuntimeError):
    """The Dask cluster cannot run the build: unreachable, no workers, another version, or workers dying."""


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
    """Expand directories to the articles they hold (``.txt``, ``.wiki``, ``.html``, dumps); every path must exist."""
    articles: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in ARTICLE_SUFFIXES)
            if not found:
                raise ArticleError(f"{path}: directory holds no articles ({', '.join(sorted(ARTICLE_SUFFIXES))})")
            articles.extend(found)
        elif path.exists():
            articles.append(path)
        else:
            raise ArticleError(f"{path}: no such file")
    return articles


@dataclass(frozen=True)
class ArticleInput:
    """One article to extract: a file, or one page of a dump (its wikitext carried along)."""

    path: Path  # the file; for a dump page, the dump
    page: DumpPage | None = None
    doc_id: str | None = None
    text: str | None = None  # the file's text and kind, carried to a worker that cannot read the file
    kind: str | None = None
    language: str | None = None  # asked for (--lang), over the one the source declares or its text shows

    @property
    def name(self) -> str:
        return f"{self.path.name}#{self.page.title}" if self.page else self.path.name

    @property
    def source(self) -> str:
        return self.page.source if self.page else str(self.path)

    def carried(self) -> ArticleInput:
        """This article with its content, for a worker on another machine (a dump page carries its text)."""
        if self.page is not None or self.text is not None:
            return self
        return replace(self, text=decode_article(self.path), kind=detect_kind(self.path))

    def key(self, fingerprint: str) -> str:
        """Cache key: the extractor's fingerprint, the document id and the article's content."""
        if self.page is None:
            return article_key(fingerprint, self.path, self.language)
        digest = hashlib.sha256(f"{fingerprint}\0{self.doc_id}\0{self.page.revision}\0{self.language or ''}\0".encode())
        digest.update(self.page.text.encode("utf-8"))
        return digest.hexdigest()


def article_inputs(
    paths: list[Path], selection: DumpSelection, on_warning: Callable[[str], None] | None = None,
    language: str | None = None,
) -> Iterator[ArticleInput]:
    """Files as they are; dumps streamed page by page, each page with a document id from its title.

    ``language`` (``--lang``) is the language of every article, whatever its source declares."""
    used_ids: set[str] = set()
    for path in paths:
        if detect_kind(path) != "dump":
            yield ArticleInput(path, language=language)
            continue
        for page in read_dump(path, selection, on_skip=on_warning):
            doc_id = slugify(page.title) or f"page-{page.page_id}"
            if doc_id in used_ids:
                doc_id = f"{doc_id}-{page.page_id}"
            used_ids.add(doc_id)
            yield ArticleInput(path, page, doc_id, language=language)


def extractor_fingerprint() -> str:
    """Hash of the extractor's code and data files and of the world data packages' versions: a change
    invalidates the cache."""
    digest = hashlib.sha256(f"{software_version()}\0{world_versions()}".encode())
    for package in ("extract", "graph"):
        root = Path(str(files(package)))
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".toml", ".jsonl", ".json"}:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def article_key(fingerprint: str, path: Path, language: str | None = None) -> str:
    """Cache key of an article: the extractor's fingerprint, the file name, the language asked for and
    the file's bytes."""
    digest = hashlib.sha256(f"{fingerprint}\0{path.name}\0{language or ''}\0".encode())
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
    name: str = ""  # file name, or "dump.xml.bz2#Title" for a page of a dump


def extract_to_nquads(article: ArticleInput, run: Run) -> bytes:
    """Extract one article and serialise its quads (runs in a worker process)."""
    from extract.formats import read_document, read_dump_page
    from extract.pipeline import extract_document

    if article.page is not None:
        document = read_dump_page(article.page, doc_id=article.doc_id, language=article.language)
    else:
        document = read_document(article.path, text=article.text, kind=article.kind, language=article.language)
    buffer = io.BytesIO()
    quads = list(run.quads()) + list(article_quads(extract_document(document), run))
    ox.serialize(quads, buffer, format=ox.RdfFormat.N_QUADS)
    return buffer.getvalue()


@functools.cache
def _installed_fingerprint() -> str:
    return extractor_fingerprint()


def extract_on_worker(article: ArticleInput, run: Run, fingerprint: str) -> bytes:
    """``extract_to_nquads`` on a Dask worker, which must run the client's extractor (the cache trusts it)."""
    if _installed_fingerprint() != fingerprint:
        raise ClusterError(
            f"a worker runs another conflict-kg (extractor {_installed_fingerprint()}, this build {fingerprint}): "
            "install the same version on every worker"
        )
    return extract_to_nquads(article, run)


class _LocalPool:
    """Extraction in local worker processes."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self.pool = concurrent.futures.ProcessPoolExecutor(max_workers=self.workers)

    def window(self) -> int:
        return 2 * self.workers

    def submit(self, article: ArticleInput, run: Run, key: str) -> concurrent.futures.Future:
        return self.pool.submit(extract_to_nquads, article, run)

    def wait(self, futures: list) -> set:
        return concurrent.futures.wait(futures, return_when=concurrent.futures.FIRST_COMPLETED).done

    def result(self, future: concurrent.futures.Future, article: ArticleInput) -> bytes:
        return future.result()

    def close(self, cancel: bool) -> None:
        self.pool.shutdown(cancel_futures=cancel)


class _DaskCluster:
    """Extraction on the workers of a Dask distributed cluster. The scheduler runs again, elsewhere, the
    tasks of a worker that dies; a future is resolved once, so an article is never written twice."""

    def __init__(self, address: str, fingerprint: str) -> None:
        from distributed import Client

        self.fingerprint = fingerprint
        try:
            self.client = Client(address, timeout=SCHEDULER_TIMEOUT, set_as_default=False)
        except (OSError, ValueError, TimeoutError) as error:
            raise ClusterError(f"{address}: cannot reach the Dask scheduler ({error})") from None
        try:
            self.client.wait_for_workers(1, timeout=SCHEDULER_TIMEOUT)
        except TimeoutError:
            self.client.close()
            raise ClusterError(f"{address}: no Dask worker joined the scheduler in {SCHEDULER_TIMEOUT} s") from None

    def window(self) -> int:
        # Read again each time: workers may join or leave during the build.
        return 2 * max(1, sum(self.client.nthreads().values()))

    def submit(self, article: ArticleInput, run: Run, key: str):
        return self.client.submit(
            extract_on_worker, article.carried(), run, self.fingerprint, key=f"ckg-extract-{key}", retries=0
        )

    def wait(self, futures: list) -> set:
        from distributed import wait

        with self.client.as_current():
            return wait(futures, return_when="FIRST_COMPLETED").done

    def result(self, future, article: ArticleInput) -> bytes:
        from distributed import KilledWorker

        try:
            return future.result()
        except KilledWorker as error:
            # The scheduler gave up on it after several workers died running it (distributed's allowed-failures).
            raise ClusterError(f"{article.name}: every worker that ran it died ({error})") from None

    def close(self, cancel: bool) -> None:
        self.client.close()


def build(
    inputs: list[Path],
    store_dir: Path,
    *,
    workers: int = 2,
    on_article: Callable[[ArticleResult], None] | None = None,
    incremental: bool = True,
    selection: DumpSelection = EVERY_PAGE,
    on_warning: Callable[[str], None] | None = None,
    cache_max_mb: int = DEFAULT_MAX_MB,
    scheduler: str | None = None,
    language: str | None = None,
) -> BuildReport:
    """Extract ``inputs`` (default: the bundled corpus) into a new current generation.

    ``scheduler`` (``tcp://HOST:PORT``) sends the extraction to a Dask distributed cluster
    instead of ``workers`` local processes; the results come back and are written here alike.
    ``language`` reads every article in that language (``--lang``) instead of the one it declares or shows.

    Every article is read (and checked) before the new generation is swapped in; the previous
    generation stays current until the new one is complete. A page of a dump that cannot
    be read is reported to ``on_warning`` and left out; any other bad article stops the build.
    The extraction cache is then pruned to ``cache_max_mb`` (never below what this build used;
    ``graph/cache.py``).
    """
    articles = collect_articles(inputs) if inputs else bundled_corpus()
    fingerprint = extractor_fingerprint()
    run = Run.start(software_version())
    # The build's own graphs are rewritten; any other graph (loaded files, a team's own graphs) is kept.
    # Writes made while it runs are replayed onto the new generation (store.new_generation); a second
    # build of the same store is refused at once.
    with stores.new_generation(store_dir, copy_current=True, except_graphs=BUILT_GRAPHS) as generation:
        loaded = _extract(articles, cache_dir(store_dir, fingerprint), fingerprint, run, workers=workers,
                          on_article=on_article, incremental=incremental, selection=selection,
                          on_warning=on_warning, scheduler=scheduler, language=language)
        load_ontology(generation.store)
        for result in loaded:
            generation.store.bulk_load(path=str(result), format=ox.RdfFormat.N_QUADS)
        generation.store.optimize()
        build_search_index(generation.store, generation.path)
        stats = compute_stats(generation.store)
        stats["articles"] = list(loaded.values())
        generation.write_stats(stats)
        mark_used(loaded)
        prune_cache(store_dir, fingerprint, loaded, cache_max_mb * 2**20)
    derived.refresh(store_dir)  # writes replayed onto the new generation
    return BuildReport(stores.read_stats(store_dir) or stats, generation.replay_problems)


def _extract(articles: list[Path], cache: Path, fingerprint: str, run: Run, *, workers: int,
             on_article: Callable[[ArticleResult], None] | None, incremental: bool, selection: DumpSelection,
             on_warning: Callable[[str], None] | None, scheduler: str | None,
             language: str | None = None) -> dict[Path, str]:
    """Every article's quads in the cache: cache file -> the article's source, in order.

    The key is the article's name (the document id) and content: hashing is cheap, where reading an
    article aligns its references (seconds). Articles are checked as they are extracted; a cached one
    was checked when it was cached. Only cache file names stay in memory, and a dump's pages are read as
    the workers take them: at most 2 × workers pages are in flight (local processes or the Dask cluster's
    threads), and results are written as they complete.
    """
    loaded: dict[Path, str] = {}
    executor = _DaskCluster(scheduler, fingerprint) if scheduler else _LocalPool(workers)
    pending: dict[object, tuple[ArticleInput, Path]] = {}  # future → article, in submission order

    def finish(future) -> None:
        article, result = pending.pop(future)
        try:
            quads = executor.result(future, article)
        except ArticleError as error:
            # A language with no pack is no page's fault: every page of the dump would be skipped.
            if article.page is None or on_warning is None or isinstance(error, LanguagePackMissing):
                raise
            on_warning(f"{error}; page skipped")
            del loaded[result]
            return
        # Written aside and renamed: a build killed here never leaves a truncated cache entry.
        partial = result.with_suffix(".partial")
        partial.write_bytes(quads)
        partial.replace(result)
        if on_article:
            on_article(ArticleResult(article.path, result, cached=False, name=article.name))

    def finish_some(limit: int) -> None:
        """Write results as they complete until at most ``limit`` articles are in flight."""
        while len(pending) > limit:
            done = executor.wait(list(pending))
            for future in [future for future in pending if future in done]:
                finish(future)

    try:
        for article in article_inputs(articles, selection, on_warning, language):
            key = article.key(fingerprint)
            result = cache / f"{key}.nq"
            if result in loaded:
                continue
            loaded[result] = article.source
            if incremental and result.is_file():
                if on_article:
                    on_article(ArticleResult(article.path, result, cached=True, name=article.name))
                continue
            pending[executor.submit(article, run, key)] = (article, result)
            finish_some(executor.window() - 1)
        finish_some(0)
    except BaseException:
        executor.close(cancel=True)
        raise
    executor.close(cancel=False)
    if not loaded:
        raise ArticleError("no article to build: the selection matched no page")
    return loaded


def load_ontology(store: ox.Store) -> None:
    """The ontology graph is loaded on every build."""
    path = Path(str(files("ontology") / "ckg.ttl"))
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(GRAPH_ONTOLOGY)))
