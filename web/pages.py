"""Linked-data pages: the landing page with a query editor, a page per resource with the evidence of every fact, and
the timeline.

``/resource/{path}`` answers directly (200, no 303 hop): the resource IRI
``https://w3id.org/conflict-kg/resource/{path}`` is redirected to it by w3id.org, so
a second redirect would only add a round trip. It serves HTML to browsers and
Turtle, JSON-LD, N-Triples (and the server's other RDF formats) by ``Accept``,
``?format=`` or the ``.html``/``.ttl``/``.jsonld``/``.nt`` suffixes; every answer
names its variants in ``Link`` headers (``rel="alternate"``) and the IRI as
``rel="canonical"``. Links between pages point at this server, so the pages work
without w3id.org.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request, url_for
from markupsafe import Markup

from extract.datafile import Section, read_data_file
from graph.evidence import EvidenceChain
from graph.namespaces import CKG, GRAPH, OWL, RDF, RES, WD, XSD, prefix_map
from graph.report_html import render_evidence_html
from graph.terms import compact
from queries import QUERIES_DIR
from web import linkeddata
from web.conneg import GRAPH_FORMATS, Format, negotiate
from web.describe import dataset_statistics
from web.errors import not_found
from web.sparql_text import query_form
from web.state import public_base, server_state
from web.timeline import timeline_chart

blueprint = Blueprint(
    "pages", __name__, template_folder="templates", static_folder="static", static_url_path="/assets"
)

# HTML has no name under http://www.w3.org/ns/formats/; pages never appear in service descriptions.
HTML = Format("text/html", ("html",), "", ("application/xhtml+xml",))
PAGE_FORMATS = (HTML, *GRAPH_FORMATS)
# Suffixes naming one variant of a resource page, also listed in its Link headers.
SUFFIXES = ("html", "ttl", "jsonld", "nt")
# Label languages tried after the client's own (Accept-Language).
FALLBACK_LANGUAGES = ("en", "vi")
RESULT_DOWNLOADS = ("csv", "tsv", "json", "xml")
GRAPH_DOWNLOADS = ("ttl", "nt", "jsonld")
WIKIDATA_PAGE = "https://www.wikidata.org/wiki/"
# Literals longer than this are folded on pages (a document's full text).
LONG_LITERAL = 400

TYPE = ox.NamedNode(str(RDF.type))
SAME_AS = ox.NamedNode(str(OWL.sameAs))
IS_BROKEN = ox.NamedNode(str(CKG.isBroken))
XSD_STRING = ox.NamedNode(str(XSD.string))


class MessagesFile(Section):
    """``web/messages.toml``: one table of interface text per page language."""

    en: dict[str, str]
    vi: dict[str, str]


@cache
def messages() -> dict[str, dict[str, str]]:
    """Interface text per language, from ``web/messages.toml``."""
    return read_data_file("web", "messages.toml", MessagesFile)


def preferred_languages() -> tuple[str, ...]:
    """Primary language subtags in the client's order of preference (Accept-Language), then the fallbacks."""
    wanted = [lang.split("-")[0].lower() for lang, quality in request.accept_languages if quality > 0 and lang != "*"]
    return tuple(dict.fromkeys([*wanted, *FALLBACK_LANGUAGES]))


def local_url(iri: str) -> str:
    """The URL of the page for an IRI: resources map onto this server, other IRIs stay as they are."""
    if iri.startswith(str(RES)):
        return f"{public_base()}/resource/{iri[len(str(RES)):]}"
    if iri.startswith(str(WD)):
        return WIKIDATA_PAGE + iri[len(str(WD)):]
    return iri


@dataclass(frozen=True)
class Labels:
    """Picks the label of an IRI in the reader's language."""

    by_iri: dict[str, dict[str, str]]
    languages: tuple[str, ...]

    def __call__(self, iri: str) -> tuple[str, str | None]:
        """(text, language tag or None); a short form of the IRI when it has no label."""
        labels = self.by_iri.get(iri, {})
        for language in (*self.languages, ""):
            if language in labels:
                return labels[language], language or None
        if labels:
            language = sorted(labels)[0]
            return labels[language], language
        if iri.startswith(str(RES)):
            return iri[len(str(RES)):], None
        return compact(iri), None


@blueprint.app_template_test("named_node")
def is_named_node(value: object) -> bool:
    """Jinja test: an IRI."""
    return isinstance(value, ox.NamedNode)


@blueprint.app_template_test("literal")
def is_literal(value: object) -> bool:
    """Jinja test: a literal."""
    return isinstance(value, ox.Literal)


def literal_tag(literal: ox.Literal) -> str:
    """``@lang`` or the compact datatype, nothing for plain strings."""
    if literal.language:
        return f"@{literal.language}"
    return "" if literal.datatype == XSD_STRING else compact(literal.datatype)


def _page(template: str, labels: Labels | None = None, **context: object) -> str:
    """Render a page in the reader's language with the shared helpers."""
    languages = preferred_languages()
    language = next(lang for lang in (*languages, "en") if lang in messages())
    return render_template(
        template,
        lang=language,
        t=messages()[language],
        label=labels or Labels({}, languages),
        local_url=local_url,
        compact=compact,
        literal_tag=literal_tag,
        graph_name=graph_name,
        long_literal=LONG_LITERAL,
        **context,
    )


def graph_name(graph: ox.NamedNode | ox.DefaultGraph) -> str:
    """A named graph's short name (``facts``), or ``default``."""
    if isinstance(graph, ox.DefaultGraph):
        return "default"
    return graph.value[len(str(GRAPH)):] if graph.value.startswith(str(GRAPH)) else compact(graph)


def _run(job: object, *args: object) -> object:
    state = server_state()
    return state.executor.run(job, *args, timeout=state.config.timeout)


def _variant(path: str) -> tuple[str, Format, bool]:
    """The resource path, the chosen format, and whether it was negotiated (no suffix)."""
    stem, dot, suffix = path.rpartition(".")
    if dot and suffix in SUFFIXES:
        return stem, negotiate(None, suffix, PAGE_FORMATS), False
    return path, negotiate(request.headers.get("Accept"), request.args.get("format"), PAGE_FORMATS), True


def _links(resource_path: str) -> str:
    """The Link header: the canonical IRI and every suffixed variant."""
    base = f"{public_base()}/resource/{resource_path}"
    links = [f'<{RES}{resource_path}>; rel="canonical"']
    links += [
        f'<{base}.{suffix}>; rel="alternate"; type="{negotiate(None, suffix, PAGE_FORMATS).media_type}"'
        for suffix in SUFFIXES
    ]
    return ", ".join(links)


@blueprint.get("/resource/<path:path>")
def resource(path: str) -> Response:
    """A resource as HTML (with the evidence of its facts) or RDF, by Accept, ?format= or suffix."""
    path, fmt, negotiated = _variant(path)
    # Flask decodes the path; IRIs are minted with each segment percent-encoded (graph.namespaces.resource).
    resource_path = quote(path, safe="-._~/")
    iri = f"{RES}{resource_path}"
    description = _run(linkeddata.describe_resource, iri, fmt is HTML)
    if not description.exists:
        raise not_found(f"no resource {iri} in the store")
    if fmt is HTML:
        response = Response(_resource_html(description), mimetype="text/html")
    else:
        body = ox.serialize(description.rdf_triples(), format=fmt.rdf, prefixes=prefix_map())
        response = Response(body, mimetype=fmt.media_type)
    response.headers["Link"] = _links(resource_path)
    suffix = next((suffix for suffix in SUFFIXES if suffix in fmt.names), None)
    if negotiated and suffix:
        response.headers["Content-Location"] = f"{public_base()}/resource/{resource_path}.{suffix}"
    if negotiated:
        response.vary.update(("Accept", "Accept-Language") if fmt is HTML else ("Accept",))
    elif fmt is HTML:
        response.vary.add("Accept-Language")
    return response


def best_confidence(chain: EvidenceChain) -> str:
    """The highest statement confidence of a fact, as shown on pages ("?" when no statement gives one)."""
    values = [statement.confidence for statement in chain.statements if statement.confidence is not None]
    return f"{max(values):g}" if values else "?"


def _resource_html(description: linkeddata.ResourceDescription) -> str:
    """The resource page: properties, evidence of each fact, incoming links."""
    labels = Labels(description.labels, preferred_languages())
    iri = description.iri
    properties: dict[ox.NamedNode, list[ox.Quad]] = {}
    for quad in description.outgoing:
        properties.setdefault(quad.predicate, []).append(quad)
    objects = {quad.predicate: quad.object for quad in description.outgoing}
    base = public_base()
    evidence = [
        (chain, Markup(render_evidence_html(chain, heading=4).replace(f'href="{RES}', f'href="{base}/resource/')))
        for chain in sorted(description.evidence, key=lambda chain: chain.subject.value != iri)
    ]
    fact_numbers = {
        (chain.predicate, chain.object): number
        for number, (chain, _) in enumerate(evidence, start=1)
        if chain.subject.value == iri
    }
    resource_path = iri[len(str(RES)):]
    return _page(
        "resource.html",
        labels,
        iri=iri,
        title=labels(iri),
        types=[quad.object for quad in description.outgoing if quad.predicate == TYPE],
        same_as=[quad.object.value for quad in description.outgoing if quad.predicate == SAME_AS],
        broken=isinstance(objects.get(IS_BROKEN), ox.Literal) and objects[IS_BROKEN].value in ("true", "1"),
        properties=sorted(properties.items(), key=lambda item: labels(item[0].value)[0].lower()),
        evidence=evidence,
        fact_numbers=fact_numbers,
        confidence=best_confidence,
        incoming=description.incoming,
        incoming_truncated=description.incoming_truncated,
        alternates=[(suffix, negotiate(None, suffix, PAGE_FORMATS)) for suffix in SUFFIXES if suffix != "html"],
        resource_path=resource_path,
    )


@dataclass(frozen=True)
class ExampleQuery:
    """A competency question from ``queries/*.rq``: its title, the comment under it, and the query."""

    name: str
    title: str
    description: str
    text: str

    @property
    def downloads(self) -> tuple[str, ...]:
        return GRAPH_DOWNLOADS if query_form(self.text) in ("CONSTRUCT", "DESCRIBE") else RESULT_DOWNLOADS


def example_queries() -> list[ExampleQuery]:
    """The installed example queries, each file starting with ``# title: …`` and a comment."""
    examples = []
    for entry in sorted(QUERIES_DIR.iterdir(), key=lambda entry: entry.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        title, comment = entry.name.removesuffix(".rq"), []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            content = line.lstrip("#").strip()
            if content.lower().startswith("title:"):
                title = content.partition(":")[2].strip()
            elif content:
                comment.append(content)
        examples.append(ExampleQuery(entry.name.removesuffix(".rq"), title, " ".join(comment), text))
    return examples


def download_url(query: str, format_name: str) -> str:
    """The /sparql URL answering ``query`` as a file in ``format_name``."""
    return url_for("sparql.query", query=query, format=format_name)


@blueprint.get("/")
def landing() -> Response:
    """What the dataset is, its counts (precomputed), the query editor and the example questions."""
    statistics = dataset_statistics()
    classes = sorted(
        ((iri, count) for iri, count in statistics["classes"].items() if iri.startswith(str(CKG))),
        key=lambda item: (-item[1], item[0]),
    )
    examples = example_queries()
    html = _page(
        "landing.html",
        statistics=statistics,
        classes=classes,
        examples=examples,
        default_query=examples[0].text if examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
        download_url=download_url,
        result_downloads=RESULT_DOWNLOADS,
        prefixes=prefix_map(),
        resource_links={"namespace": str(RES), "base": f"{public_base()}/resource/"},
    )
    response = Response(html, mimetype="text/html")
    response.vary.add("Accept-Language")
    return response



@blueprint.get("/timeline")
def timeline() -> Response:
    """Agreements, transfers and captures on a date axis (server-drawn SVG), with the same events as a list."""
    events, labels = _run(linkeddata.timeline_events)
    labels = Labels(labels, preferred_languages())
    response = Response(_page("timeline.html", labels, chart=timeline_chart(events)), mimetype="text/html")
    response.vary.add("Accept-Language")
    return response
