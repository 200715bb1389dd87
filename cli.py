"""``ckg``: build, load, query, export, validate, audit and serve the conflict knowledge graph."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import click
import pyoxigraph as ox
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Column, Table

from extract.errors import CkgError
from graph import derived
from graph import store as stores
from graph.cache import DEFAULT_MAX_MB as DEFAULT_CACHE_MB
from graph.export import EXPORT_FORMATS
from graph.formats import GRAPH_FORMATS, RESULT_FORMATS, by_name, named
from graph.rdfio import describe_syntax_error
from graph.remote import RemoteReader, RemoteStore, is_remote, store_location
from graph.search import rewrite_for_store, uses_search
from graph.terms import compact

# What ckg query writes a CONSTRUCT/DESCRIBE result in (SELECT/ASK: every RESULT_FORMATS entry).
QUERY_GRAPH_FORMATS = named(("ttl", "nt", "rdfxml", "jsonld"), GRAPH_FORMATS)

console = Console(stderr=True)


class Ckg(click.Group):
    """The ``ckg`` command group; its ``invoke`` is the CLI's one error handler."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SyntaxError as error:  # pyoxigraph's parse error of a query typed on the command line
            report_error(CkgError(describe_syntax_error("query", error)))
        except CkgError as error:
            report_error(error)


def report_error(error: CkgError) -> NoReturn:
    """``ckg: error: MESSAGE`` on one line, then exit with the error's exit code."""
    console.print(f"[bold red]ckg: error:[/] {error.message}", highlight=False, soft_wrap=True)
    raise click.exceptions.Exit(error.exit_code)


class StoreLocation(click.ParamType):
    """A store directory (a Path) or the URL of a remote SPARQL endpoint (kept as text: Path would mangle it)."""

    name = "DIR|URL"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> Path | str:
        return store_location(value if isinstance(value, Path) else str(value))


def _store_option(param_type: click.ParamType, help: str) -> Callable:
    return click.option(
        "--store", "store_dir", type=param_type, default=stores.DEFAULT_STORE, show_default=True,
        envvar=stores.STORE_ENV, help=help
    )


store_option = _store_option(click.Path(path_type=Path, file_okay=False), f"Store directory (env {stores.STORE_ENV}).")
store_location_option = _store_option(
    StoreLocation(),
    f"Store directory, or URL of a remote SPARQL endpoint (env {stores.STORE_ENV}; see graph/remote.py).",
)


def cache_max_mb_option(help: str) -> Callable:
    """``--cache-max-mb`` of build and gc: flag, then CKG_CACHE_MAX_MB, then graph.cache's default."""
    return click.option("--cache-max-mb", type=int, default=DEFAULT_CACHE_MB, show_default=True,
                        envvar="CKG_CACHE_MAX_MB", help=help)


def progress() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


@click.group(cls=Ckg, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="conflict-kg")
def main() -> None:
    """conflict-kg: peace-process facts from encyclopedia articles, each traced to its sentence.

    \b
    Quick start:
      ckg build                       # extract the bundled article into data/store
      ckg query 'SELECT * WHERE { ?a a ckg:Armistice }'
      ckg serve                       # SPARQL endpoint and pages on http://127.0.0.1:8000/
    """


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@store_location_option
@click.option("--workers", default=2, show_default=True, help="Extraction processes.")
@click.option("--no-cache", is_flag=True, help="Re-extract every article even when unchanged.")
@click.option("--title", "titles", multiple=True, help="Dump pages to build, by title (repeatable).")
@click.option("--category", "categories", multiple=True, help="Dump pages in this category (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), help="At most N pages of a dump (the first selected).")
@cache_max_mb_option("Size limit of the extraction cache beyond the articles of this build.")
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    envvar="CKG_SCHEDULER",
    help="Extract on a Dask distributed cluster instead of local processes (env CKG_SCHEDULER).",
)
@click.option("--lang", "language", metavar="CODE",
              help="Read every article in this language (vi, en) instead of the one detected from its text.")
def build(
    inputs: tuple[Path, ...],
    store_dir: Path | str,
    workers: int,
    no_cache: bool,
    titles: tuple[str, ...],
    categories: tuple[str, ...],
    limit: int | None,
    cache_max_mb: int,
    scheduler: str | None,
    language: str | None,
) -> None:
    """Extract articles into a new store (default: the bundled corpus).

    An input is a file or a directory of them, of any kind, told by its content: plain
    text copied from Wikipedia, wikitext (.wiki or page source), a page's HTML (saved from
    the browser, or the REST/Parsoid HTML), or a MediaWiki XML dump (.xml or .xml.bz2,
    read as a stream: articles only, redirects skipped). --title, --category and --limit
    choose pages of a dump. The new store replaces the old one atomically: if anything
    fails, the previous store stays as it was; a dump page that cannot be read is skipped
    with a warning. --scheduler sends each article (a file's text, a dump's page) to the
    workers of a Dask cluster, which need only conflict-kg installed; the quads come back
    here and the store is the same as a local build's. Each article's language is detected from its
    text (a file name's .en.txt, a page's lang or a dump's siteinfo declares it); --lang overrides
    both. An article in a language with no pack (extract/data/LANG/) stops the build with one line.

    \b
    Examples:
      ckg build
      ckg build articles/ --store data/store --workers 2
      ckg build page.wiki page.html
      ckg build english-articles/ --lang en
      ckg build viwiki-latest-pages-articles.xml.bz2 --category "Chiến tranh Nagorno-Karabakh" --limit 50
      ckg build articles/ --store http://dba:dba@127.0.0.1:8890/sparql   # push to Virtuoso
      ckg build viwiki-latest-pages-articles.xml.bz2 --scheduler tcp://10.0.0.5:8786
    """
    from extract.dump import DumpSelection
    from graph.build import build as run_build
    from graph.build import bundled_corpus, collect_articles

    remote = RemoteStore.from_url(store_dir) if is_remote(store_dir) else None
    local = remote.staging_dir() if remote else Path(store_dir)
    articles = collect_articles(list(inputs)) if inputs else bundled_corpus()
    selection = DumpSelection(titles=titles, categories=categories, limit=limit)
    dumps = [path for path in articles if _is_dump(path)]
    if (titles or categories or limit) and not dumps:
        raise CkgError("--title, --category and --limit choose pages of a dump, and no input is a MediaWiki dump")
    with progress() as bar:
        task = bar.add_task("extracting", total=None if dumps else len(articles))

        def advance(result) -> None:
            bar.advance(task)
            bar.console.print(f"  {'cached' if result.cached else 'extracted'} {result.name}", highlight=False)

        def warn(message: str) -> None:
            bar.console.print(f"[yellow]ckg: warning:[/] {message}", highlight=False, soft_wrap=True)

        report = run_build(
            list(articles),
            local,
            workers=workers,
            on_article=advance,
            incremental=not no_cache,
            selection=selection,
            on_warning=warn,
            cache_max_mb=cache_max_mb,
            scheduler=scheduler,
            language=language,
        )
        stats = report.stats
        if remote:
            from graph.remote import push_store

            pushing = bar.add_task("pushing graphs", total=len(stats["graphs"]))
            push_store(stores.open_read_only(local), remote, on_graph=lambda _: bar.advance(pushing))
    warn_replay_problems(report.replay_problems)
    target = f"{remote.query_url} (staged in {local})" if remote else str(store_dir)
    console.print(f"built {target}: {stats['triples']:,} triples from {len(stats['articles'])} article(s)")


def _is_dump(path: Path) -> bool:
    from extract.formats import detect_kind

    return detect_kind(path) == "dump"


def warn_replay_problems(problems: list[str]) -> None:
    """Writes made during the build that failed when replayed onto the new store (each was skipped)."""
    for problem in problems:
        console.print(f"warning: {problem}", highlight=False)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--graph", "graph_iri", help="Named graph for the triples (default: .../graph/loaded/{file stem}).")
@click.option(
    "--format",
    "format_name",
    help="RDF format (ttl, nt, nq, trig, rdfxml, jsonld); default: from the extension.",
)
def load(files: tuple[Path, ...], store_dir: Path, graph_iri: str | None, format_name: str | None) -> None:
    """Bulk-load RDF files (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD) into named graphs.

    All files are loaded into a copy of the store that becomes current only when every
    file has loaded; a malformed file leaves the store unchanged.

    \b
    Examples:
      ckg load wikidata-subset.nt --graph https://example.org/graph/wikidata
      ckg load extra/*.ttl --store data/store
    """
    from graph.loader import load_files

    with progress() as bar:
        task = bar.add_task("loading", total=len(files))
        report = load_files(
            store_dir, list(files), graph=graph_iri, format_name=format_name, on_file=lambda _: bar.advance(task)
        )
    warn_replay_problems(report.replay_problems)
    stats = report.stats
    console.print(f"loaded {len(files)} file(s) into {store_dir}: {stats['triples']:,} triples in the store")


@main.command()
@store_option
@cache_max_mb_option("Size limit of the extraction cache; least recently used entries go first.")
def gc(store_dir: Path, cache_max_mb: int) -> None:
    """Free disk: prune the extraction cache, delete generations left by killed builds.

    Builds prune the cache themselves (same limit); this is for a store that is no
    longer rebuilt, or after builds were killed. Fails at once while a build runs.

    \b
    Example:
      ckg gc --store data/store --cache-max-mb 200
    """
    from graph.build import extractor_fingerprint
    from graph.cache import prune

    store_dir = Path(store_dir)
    with stores.build_lock(store_dir):
        cache = prune(store_dir, extractor_fingerprint(), (), cache_max_mb * 2**20)
        generations = stores.remove_leftovers(store_dir)
    console.print(
        f"freed {(cache.bytes + generations) / 2**20:,.1f} MiB in {store_dir}: {cache.files} cache file(s), "
        f"{generations / 2**20:,.1f} MiB of stale generations",
        highlight=False,
        soft_wrap=True,
    )


def read_query(query: str) -> str:
    """The query text from an argument, ``@file.rq`` or ``-`` (standard input)."""
    if query == "-":
        return sys.stdin.read()
    if query.startswith("@"):
        path = Path(query[1:])
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CkgError(f"{path}: no such file") from None
        except UnicodeDecodeError as error:
            raise CkgError(f"{path}: not UTF-8 (byte {error.start})") from None
        except IsADirectoryError:
            raise CkgError(f"{path}: is a directory, not a query file") from None
    return query


@main.command()
@click.argument("query")
@store_location_option
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["table", *(fmt.name for fmt in RESULT_FORMATS + QUERY_GRAPH_FORMATS)]),
    default="table",
    show_default=True,
    help="table for a terminal; json/xml/csv/tsv for SELECT/ASK; ttl/nt/rdfxml/jsonld for CONSTRUCT/DESCRIBE.",
)
def query(query: str, store_dir: Path | str, format_name: str) -> None:
    """Run a SPARQL query (text, @file.rq or - for stdin) over the union of all graphs.

    The ckg:, nif:, prov:, cito:, dcterms:, sem:, wd: ... prefixes are predeclared.
    Sentences mentioning a text come from the text index with
    SERVICE ckg:search { ?sentence ckg:matches "text" }.

    \b
    Examples:
      ckg query 'SELECT ?s WHERE { ?a a ckg:Armistice ; ckg:signatory ?s }'
      ckg query @queries/armistice-signatories.rq --format csv
      ckg query 'SELECT * WHERE { ?s a ckg:Armistice }' --store http://127.0.0.1:8890/sparql
    """
    from graph.namespaces import prefix_map

    text = read_query(query)
    if is_remote(store_dir):
        remote = RemoteStore.from_url(store_dir)
        text = rewrite_for_store(text, remote.staging_dir())
        results = RemoteReader(remote).query(text, prefixes=prefix_map())
    else:
        if uses_search(text):
            derived.refresh(store_dir)  # the index follows the server's in-place writes
        store = stores.open_read_only(store_dir)
        text = rewrite_for_store(text, store_dir)
        results = store.query(text, prefixes=prefix_map(), use_default_graph_as_union=True)
    out = sys.stdout.buffer
    results_format = by_name(format_name, RESULT_FORMATS)
    if isinstance(results, ox.QueryBoolean):
        if results_format:
            results.serialize(out, format=results_format.results)
        else:
            click.echo("true" if results else "false")
        return
    if isinstance(results, ox.QuerySolutions):
        if results_format:
            results.serialize(out, format=results_format.results)
            return
        if format_name != "table":
            raise CkgError(f"--format {format_name} is for CONSTRUCT/DESCRIBE; a SELECT gives json, xml, csv or tsv")
        print_table(results)
        return
    if results_format:
        raise CkgError(f"--format {format_name} is for SELECT/ASK; a graph result gives ttl, nt, rdfxml or jsonld")
    graph_format = by_name(format_name, QUERY_GRAPH_FORMATS) or GRAPH_FORMATS[0]
    results.serialize(out, format=graph_format.rdf)


def term_text(term: object) -> str:
    """A cell of the terminal table: literal values as they are, IRIs with known prefixes (res:, ckg:, ...)."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return compact(term)
    return str(term)


def print_table(solutions: ox.QuerySolutions) -> None:
    variables = [variable.value for variable in solutions.variables]
    table = Table(*(Column(name, overflow="fold") for name in variables))
    count = 0
    for row in solutions:
        table.add_row(*(term_text(row[name]) for name in variables))
        count += 1
    Console().print(table)
    console.print(f"{count} row(s)")


@main.command()
@store_option
@click.option(
    "--format", "format_name", type=click.Choice([*(fmt.name for fmt in EXPORT_FORMATS), "quickstatements", "csv"]),
    default="trig", show_default=True,
    help="RDF dump (trig, nq, ttl, jsonld), Wikidata QuickStatements V1, or one CSV table per relation.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File to write (default stdout); for csv, the directory of the tables (required).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="quickstatements: only facts with a statement at least this confident.")
def export(store_dir: Path, format_name: str, output: Path | None, min_confidence: float) -> None:
    """Dump every quad of the store (TriG, N-Quads and JSON-LD keep the named graphs), or export for other tools.

    quickstatements writes QuickStatements V1 commands for the facts whose subject and
    object have Wikidata ids (CREATE blocks for agreements with none), each with the
    Wikipedia-import reference; csv writes agreements.csv, signatories.csv, mediators.csv,
    parties.csv, transfers.csv and captures.csv, each row with its evidence.

    \b
    Examples:
      ckg export --format trig -o conflict-kg.trig
      ckg export --format nq | gzip > conflict-kg.nq.gz
      ckg export --format quickstatements --min-confidence 0.8 -o wikidata.qs
      ckg export --format csv -o tables/
    """
    store = stores.open_read_only(store_dir)
    if format_name == "csv":
        from graph.tables import write_tables

        if output is None:
            raise CkgError("--format csv writes one file per table: name their directory with -o DIR")
        if output.exists() and not output.is_dir():
            raise CkgError(f"{output}: not a directory (--format csv writes one file per table)")
        counts = write_tables(store, output)
        console.print(f"wrote {len(counts)} tables to {output}: "
                      + ", ".join(f"{name}.csv {count} row(s)" for name, count in counts.items()))
        return
    if output is not None and output.is_dir():
        raise CkgError(f"{output}: is a directory; -o names the file to write")
    if format_name == "quickstatements":
        from graph.quickstatements import quickstatements

        result = quickstatements(store, min_confidence)
        _write_output(output, result.text().encode("utf-8"))
        left_out = "; ".join(f"{count} {reason}" for reason, count in sorted(result.skipped.items()))
        console.print(f"{len(result.lines)} QuickStatements command(s)" + (f"; left out: {left_out}" * bool(left_out)))
        return
    from graph.export import export as run_export

    if output is None:
        kept = run_export(store, format_name, sys.stdout.buffer)
    else:
        temporary = output.with_name(output.name + ".partial")
        with temporary.open("wb") as handle:
            kept = run_export(store, format_name, handle)
        temporary.replace(output)
    if not kept:
        console.print("note: Turtle has no named graphs; the union of all graphs was written")


def _write_output(output: Path | None, data: bytes) -> None:
    """Write to a file (replaced whole, never half-written) or to standard output."""
    if output is None:
        sys.stdout.buffer.write(data)
        return
    temporary = output.with_name(output.name + ".partial")
    temporary.write_bytes(data)
    temporary.replace(output)


@main.command()
@store_option
@click.option("--format", "format_name", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats(store_dir: Path, format_name: str) -> None:
    """Counts per graph, per class and per document.

    \b
    Example:
      ckg stats --store data/store
    """
    import json

    from graph.stats import compute_stats

    derived.refresh(store_dir)  # statistics follow the server's in-place writes
    counts = stores.read_stats(store_dir) or compute_stats(stores.open_read_only(store_dir))
    if format_name == "json":
        click.echo(json.dumps(counts, indent=1, sort_keys=True))
        return
    out = Console()
    out.print(f"[bold]{counts['triples']:,}[/] triples, {counts['entities']:,} distinct subjects")
    out.print(counts_table("named graph", counts["graphs"]))
    out.print(counts_table("class", counts["classes"]))
    kinds = ("sentences", "markers", "references", "records", "notes", "statements")
    documents = Table(Column("document", overflow="fold"), *kinds)
    for doc, per_kind in sorted(counts["documents"].items()):
        documents.add_row(compact(doc), *(f"{per_kind.get(kind, 0):,}" for kind in kinds))
    out.print(documents)


def counts_table(title: str, counts: dict[str, int]) -> Table:
    table = Table(title, "count")
    for key, value in sorted(counts.items(), key=lambda item: -item[1]):
        table.add_row(compact(key), f"{value:,}")
    return table


@main.command()
@store_option
def validate(store_dir: Path) -> None:
    """OWL 2 consistency (HermiT via owlready2) and SHACL shapes (pyshacl) of the whole store.

    Exits non-zero when the data is inconsistent with the ontology or violates a shape;
    the report names the inconsistent individuals and groups violations by shape.

    \b
    Example:
      ckg validate --store data/store
    """
    from graph.validate import graph_from_store
    from graph.validate import validate as run_validate

    with console.status("validating (HermiT, pyshacl)"):
        report = run_validate(graph_from_store(stores.open_read_only(store_dir)))
    click.echo(report.to_text())
    if not report.conforms:
        sys.exit(1)


@main.command(name="eval")
@click.argument("article", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("golden", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--min-f1", type=float, default=None, help="Exit non-zero when the overall F1 is below this.")
def evaluate(article: Path, golden: Path, min_f1: float | None) -> None:
    """Score extraction of ARTICLE against hand-verified GOLDEN facts: precision/recall/F1 per relation.

    \b
    Example:
      ckg eval extract/corpus/nagorno-karabakh-2020.vi.txt tests/golden/nagorno-karabakh-2020.facts.tsv
    """
    from extract.evaluate import evaluate as run_evaluate
    from extract.evaluate import table

    scores, differences = run_evaluate(article, golden)
    click.echo(table(scores))
    click.echo(differences)
    if min_f1 is not None and scores[-1].f1 < min_f1:
        raise CkgError(f"overall F1 {scores[-1].f1:.3f} is below --min-f1 {min_f1}")


@main.command()
@store_option
@click.option("--document", help="Only this document (IRI, res:… name or slug).")
@click.option("--resource", help="Only facts about this resource (IRI, res:… name or slug).")
@click.option("--fact", nargs=3, metavar="S P O", help="The evidence chain of one fact instead of the audit.")
@click.option(
    "--format", "format_name", type=click.Choice(["table", "json", "html"]), default="table", show_default=True
)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="File to write (default stdout).")
@click.option("--strict", is_flag=True, help="Warnings fail the audit too (exit 1).")
@click.option("--alignment-threshold", type=float, default=0.5, show_default=True,
              help="Reference-record links below this confidence are reported.")
def audit(
    store_dir: Path,
    document: str | None,
    resource: str | None,
    fact: tuple[str, str, str] | None,
    format_name: str,
    output: Path | None,
    strict: bool,
    alignment_threshold: float,
) -> None:
    """Provenance audit: can each fact be traced to a sentence, and that sentence to its references?

    Checks facts without statements, sentence offsets that do not slice the text back,
    uncited claims, claims resting on broken or unknown references, uncited records,
    weak reference links, single-sentence events and conflicting sentences. Exits 1
    when an error-level check fails (with --strict, a warning too).

    \b
    Examples:
      ckg audit
      ckg audit --document nagorno-karabakh-2020 --format html -o audit.html
      ckg audit --fact res:armistice-2020-11-09 ckg:signingDate 2020-11-09
    """
    import json

    from graph.audit import run_audit
    from graph.evidence import evidence_chain
    from graph.report_html import render_evidence_page, render_html
    from graph.report_terminal import render_evidence_terminal, render_terminal

    store = stores.open_read_only(store_dir)
    failed = False
    if fact:
        chain = evidence_chain(store, *fact)
        renderers = (render_evidence_terminal, chain.to_json, render_evidence_page)
        subject = chain
    else:
        report = run_audit(store, document=document, resource=resource, alignment_threshold=alignment_threshold)
        renderers = (render_terminal, report.to_json, render_html)
        subject = report
        failed = report.failed(strict)
    terminal, as_json, as_html = renderers
    if format_name == "table":
        out = Console(file=output.open("w", encoding="utf-8")) if output else Console()
        terminal(subject, out)
    else:
        text = json.dumps(as_json(), ensure_ascii=False, indent=2) if format_name == "json" else as_html(subject)
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            click.echo(text)
    if failed:
        sys.exit(1)


def server_options(command: Callable) -> Callable:
    """One click option per ``server.Config`` field: the settings table lives in one place."""
    import dataclasses

    from server import Config

    for setting in reversed(dataclasses.fields(Config)):
        meta = setting.metadata
        default = "unset" if setting.default is None else setting.default
        command = click.option(
            meta["flag"], setting.name, default=None, help=f"{meta['help']} (env {meta['env']}; default: {default})"
        )(command)
    return command


# ``python -m server`` runs the serve command with this context object: serve the store as it is (no build,
# no banner; a store that does not open is one line on stderr).
WITHOUT_BUILD = "without-build"


@main.command()
@server_options
@click.pass_context
def serve(ctx: click.Context, **flags: str | None) -> None:
    """Serve the store over HTTP: SPARQL 1.1 endpoint, graph store, linked-data pages, audit.

    Builds the bundled corpus first when the store directory does not exist yet
    (python -m server, the same command, does not).
    Writes (SPARQL Update, graph store PUT/POST/DELETE) are refused unless a token is set.
    With the URL of a remote SPARQL endpoint, queries, pages and the audit read from it
    (built and pushed by 'ckg build --store URL', whose staging store gives the
    statistics and the text index); writes are refused.

    \b
    Examples:
      ckg serve
      ckg serve --store data/store --port 8080 --workers 4 --timeout 10 --max-rows 10000
      CKG_UPDATE_TOKEN=secret ckg serve
      ckg serve --store http://127.0.0.1:8890/sparql
    """
    from graph.build import build as run_build
    from server import Config
    from server import serve as run_server

    try:
        config = Config.from_sources(flags)
    except ValueError as error:
        raise CkgError(f"bad setting: {error}") from None
    if ctx.obj != WITHOUT_BUILD:
        local = not is_remote(config.store)
        if local and (not config.store.exists() or (config.store.is_dir() and not any(config.store.iterdir()))):
            console.print(f"no store at {config.store}: building the bundled corpus first")
            run_build([], config.store)
        stores.oxigraph_path(config.store)
        console.print(f"serving {config.store} on http://{config.host}:{config.port}/")
    run_server(config)


if __name__ == "__main__":
    main()
