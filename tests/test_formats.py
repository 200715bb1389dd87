"""The one registry of formats: every surface finds the same formats under the documented names."""

from __future__ import annotations

import pyoxigraph as ox

from graph.export import EXPORT_FORMATS
from graph.formats import GRAPH_FORMATS, RESULT_FORMATS, by_name, file_formats


def test_load_reads_every_documented_name_and_suffix() -> None:
    assert file_formats() == {
        "ttl": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES, "ntriples": ox.RdfFormat.N_TRIPLES,
        "nq": ox.RdfFormat.N_QUADS, "nquads": ox.RdfFormat.N_QUADS,
        "trig": ox.RdfFormat.TRIG,
        "rdf": ox.RdfFormat.RDF_XML, "rdfxml": ox.RdfFormat.RDF_XML, "owl": ox.RdfFormat.RDF_XML,
        "xml": ox.RdfFormat.RDF_XML,
        "jsonld": ox.RdfFormat.JSON_LD, "json": ox.RdfFormat.JSON_LD,
        "n3": ox.RdfFormat.N3,
    }


def test_export_keeps_graphs_in_trig_nquads_and_jsonld_only() -> None:
    assert [(fmt.name, fmt.keeps_graphs) for fmt in EXPORT_FORMATS] == [
        ("trig", True), ("nq", True), ("ttl", False), ("jsonld", True)
    ]


def test_a_short_name_means_a_result_format_or_a_graph_format_by_the_query_form() -> None:
    assert by_name("json", RESULT_FORMATS).media_type == "application/sparql-results+json"
    assert by_name("json", GRAPH_FORMATS).media_type == "application/ld+json"
    assert by_name("TTL", GRAPH_FORMATS).rdf == ox.RdfFormat.TURTLE
    assert by_name("html", GRAPH_FORMATS) is None
