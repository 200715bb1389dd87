"""Self-description of the endpoint: the SPARQL Service Description and the VoID description."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, request

from graph import store as stores
from graph.namespaces import CKG, DATA_LICENSE, DCTERMS, FORMATS, RDF, RES, SD, VOID, XSD
from web import engine
from web.conneg import GRAPH_FORMATS, RESULT_FORMATS, negotiate
from web.results import serialize_triples
from web.state import public_base, server_state

blueprint = Blueprint("describe", __name__)


def _iri(value: object) -> ox.NamedNode:
    return ox.NamedNode(str(value))


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_iri(XSD.integer))


def _rdf_response(triples: list[ox.Triple], headers: dict[str, str]) -> Response:
    fmt = negotiate(request.headers.get("Accept"), request.args.get("format"), GRAPH_FORMATS)
    response = Response(serialize_triples(triples, fmt).body, mimetype=fmt.media_type, headers=headers)
    response.headers["Vary"] = "Accept"
    return response


def dataset_statistics() -> dict:
    """Counts of the current store version, kept once per version in each worker once they describe it.

    ``describes`` is the version they describe: an earlier one while a refresh after a write still runs.
    """
    state = server_state()
    version = stores.store_version(state.config.store)
    if version in state.statistics:
        return state.statistics[version]
    computed = state.executor.run(engine.dataset_statistics, timeout=state.config.timeout, version=version)
    if computed["commits"] == version[1]:
        state.statistics.clear()
        state.statistics[version] = computed
    return computed


def version_headers(store_version: str, describes: str | None) -> dict[str, str]:
    """Response headers saying which store version a derived answer (counts, text index) describes."""
    headers = {"X-CKG-Store-Version": store_version}
    if describes is not None:
        headers["X-CKG-Describes-Version"] = describes
    return headers


def _statistics_headers(statistics: dict) -> dict[str, str]:
    version = stores.store_version(server_state().config.store)
    return version_headers(stores.version_label(version), statistics["describes"])


def _endpoint(path: str) -> ox.NamedNode:
    return ox.NamedNode(public_base() + path)


def service_description() -> Response:
    """The SPARQL 1.1 Service Description of /sparql (union default graph, formats, named graphs)."""
    state = server_state()
    service = _endpoint("/sparql")
    dataset, default_graph = ox.BlankNode(), ox.BlankNode()
    a = _iri(RDF.type)
    triples = [
        ox.Triple(service, a, _iri(SD.Service)),
        ox.Triple(service, _iri(SD.endpoint), service),
        ox.Triple(service, _iri(SD.supportedLanguage), _iri(SD.SPARQL11Query)),
        ox.Triple(service, _iri(SD.feature), _iri(SD.UnionDefaultGraph)),
        ox.Triple(service, _iri(SD.defaultDataset), dataset),
        ox.Triple(dataset, a, _iri(SD.Dataset)),
        ox.Triple(dataset, _iri(SD.defaultGraph), default_graph),
        ox.Triple(default_graph, a, _iri(SD.Graph)),
        ox.Triple(dataset, _iri(VOID.sparqlEndpoint), service),
    ]
    if state.config.token:
        triples.append(ox.Triple(service, _iri(SD.supportedLanguage), _iri(SD.SPARQL11Update)))
    for fmt in RESULT_FORMATS + GRAPH_FORMATS:
        triples.append(ox.Triple(service, _iri(SD.resultFormat), _iri(FORMATS[fmt.w3c_name])))
    statistics = dataset_statistics()
    triples.append(ox.Triple(default_graph, _iri(VOID.triples), _integer(statistics["triples"])))
    for graph, count in sorted(statistics["graphs"].items()):
        named, description = ox.BlankNode(), ox.BlankNode()
        triples += [
            ox.Triple(dataset, _iri(SD.namedGraph), named),
            ox.Triple(named, a, _iri(SD.NamedGraph)),
            ox.Triple(named, _iri(SD.name), ox.NamedNode(graph)),
            ox.Triple(named, _iri(SD.graph), description),
            ox.Triple(description, a, _iri(SD.Graph)),
            ox.Triple(description, _iri(VOID.triples), _integer(count)),
        ]
    return _rdf_response(triples, _statistics_headers(statistics))


@blueprint.get("/void")
def void() -> Response:
    """VoID: sizes, classes, properties, named graphs, examples, the endpoint and the data licence."""
    statistics = dataset_statistics()
    dataset = _endpoint("/void#dataset")
    a = _iri(RDF.type)
    triples = [
        ox.Triple(dataset, a, _iri(VOID.Dataset)),
        ox.Triple(dataset, _iri(VOID.sparqlEndpoint), _endpoint("/sparql")),
        ox.Triple(dataset, _iri(DCTERMS.license), ox.NamedNode(DATA_LICENSE)),
        ox.Triple(dataset, _iri(VOID.uriSpace), ox.Literal(str(RES))),
        ox.Triple(dataset, _iri(VOID.vocabulary), ox.NamedNode(str(CKG))),
        ox.Triple(dataset, _iri(VOID.triples), _integer(statistics["triples"])),
        ox.Triple(dataset, _iri(VOID.entities), _integer(statistics["entities"])),
        ox.Triple(dataset, _iri(VOID.classes), _integer(len(statistics["classes"]))),
        ox.Triple(dataset, _iri(VOID.properties), _integer(len(statistics["properties"]))),
    ]
    triples += [ox.Triple(dataset, _iri(VOID.exampleResource), ox.NamedNode(iri)) for iri in statistics["examples"]]
    for graph, count in sorted(statistics["graphs"].items()):
        subset = ox.BlankNode()
        triples += [
            ox.Triple(dataset, _iri(VOID.subset), subset),
            ox.Triple(subset, a, _iri(VOID.Dataset)),
            ox.Triple(subset, _iri(SD.name), ox.NamedNode(graph)),
            ox.Triple(subset, _iri(VOID.triples), _integer(count)),
        ]
    for partition, key, counted, size in (
        (VOID.classPartition, "classes", VOID["class"], VOID.entities),
        (VOID.propertyPartition, "properties", VOID.property, VOID.triples),
    ):
        for iri, count in sorted(statistics[key].items()):
            node = ox.BlankNode()
            triples += [
                ox.Triple(dataset, _iri(partition), node),
                ox.Triple(node, _iri(counted), ox.NamedNode(iri)),
                ox.Triple(node, _iri(size), _integer(count)),
            ]
    return _rdf_response(triples, _statistics_headers(statistics))
