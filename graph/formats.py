"""The one registry of serialisations: RDF formats and SPARQL result formats.

Every place that names a format reads it from here: ``ckg load`` (by ``--format`` name or
file suffix), ``ckg export`` and ``ckg query --format`` (by name), the server's content
negotiation (by media type, alias or ``?format=`` name) and its service description
(by W3C name).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    """A serialisation: canonical media type, short names (the usual one first), W3C name, aliases.

    ``w3c_name`` is its local name under http://www.w3.org/ns/formats/ (service descriptions);
    ``aliases`` are other media types clients send for it; ``suffixes`` are the file name
    endings it is read from; ``rdf`` or ``results`` is what pyoxigraph calls it.
    """

    media_type: str
    names: tuple[str, ...]
    w3c_name: str
    aliases: tuple[str, ...] = ()
    rdf: ox.RdfFormat | None = None
    results: ox.QueryResultsFormat | None = None
    suffixes: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The usual short name (``ttl``, ``json``)."""
        return self.names[0]

    @property
    def keeps_graphs(self) -> bool:
        """True for dataset formats (TriG, N-Quads, JSON-LD), which keep graph names."""
        return self.rdf is not None and self.rdf.supports_datasets


# SELECT/ASK results. The first entry is the default for */*.
RESULT_FORMATS = (
    Format("application/sparql-results+json", ("json", "srj"), "SPARQL_Results_JSON", ("application/json",),
           results=ox.QueryResultsFormat.JSON),
    Format("application/sparql-results+xml", ("xml", "srx"), "SPARQL_Results_XML", ("application/xml", "text/xml"),
           results=ox.QueryResultsFormat.XML),
    Format("text/csv", ("csv",), "SPARQL_Results_CSV", results=ox.QueryResultsFormat.CSV),
    Format("text/tab-separated-values", ("tsv",), "SPARQL_Results_TSV", results=ox.QueryResultsFormat.TSV),
)
# RDF the server writes (CONSTRUCT/DESCRIBE results and graph documents) and reads. The first is the default.
GRAPH_FORMATS = (
    Format("text/turtle", ("ttl", "turtle"), "Turtle", ("application/x-turtle",), ox.RdfFormat.TURTLE,
           suffixes=("ttl",)),
    Format("application/n-triples", ("nt", "ntriples"), "N-Triples", ("text/plain",), ox.RdfFormat.N_TRIPLES,
           suffixes=("nt",)),
    Format("application/rdf+xml", ("rdfxml", "rdf"), "RDF_XML", ("application/xml", "text/xml"), ox.RdfFormat.RDF_XML,
           suffixes=("rdf", "owl", "xml")),
    Format("application/ld+json", ("jsonld", "json"), "JSON-LD", ("application/json",), ox.RdfFormat.JSON_LD,
           suffixes=("jsonld", "json")),
    Format("application/trig", ("trig",), "TriG", (), ox.RdfFormat.TRIG, suffixes=("trig",)),
    Format("application/n-quads", ("nq", "nquads"), "N-Quads", (), ox.RdfFormat.N_QUADS, suffixes=("nq",)),
)
# RDF only read from files (``ckg load``).
N3 = Format("text/n3", ("n3",), "N3", (), ox.RdfFormat.N3, suffixes=("n3",))
READABLE_RDF = (*GRAPH_FORMATS, N3)


def by_name(name: str, formats: Iterable[Format]) -> Format | None:
    """The format among ``formats`` with this short name (any case), or None."""
    wanted = name.strip().lower()
    return next((fmt for fmt in formats if wanted in fmt.names), None)


def named(names: Iterable[str], formats: Iterable[Format]) -> tuple[Format, ...]:
    """The formats with these usual names, in this order (a surface offering a subset)."""
    by_usual_name = {fmt.name: fmt for fmt in formats}
    return tuple(by_usual_name[name] for name in names)


def file_formats() -> dict[str, ox.RdfFormat]:
    """Every name or suffix an RDF file may be read by (``--format`` value or file extension)."""
    return {key: fmt.rdf for fmt in READABLE_RDF for key in (*fmt.names, *fmt.suffixes) if fmt.rdf is not None}
