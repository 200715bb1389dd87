"""Every IRI the project mints or uses, in one place."""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/conflict-kg/"

CKG = Namespace(BASE + "ontology#")
RES = Namespace(BASE + "resource/")
GRAPH = Namespace(BASE + "graph/")

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
CITO = Namespace("http://purl.org/spar/cito/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SH = Namespace("http://www.w3.org/ns/shacl#")
VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SCHEMA = Namespace("https://schema.org/")
# WGS84 positions of places, and GeoNames features (https://sws.geonames.org/{id}/).
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GEONAMES = Namespace("https://sws.geonames.org/")
# The SPARQL query results XML format.
SPARQL_RESULTS = Namespace("http://www.w3.org/2005/sparql-results#")
# Media-type-independent names of formats (service descriptions).
FORMATS = Namespace("http://www.w3.org/ns/formats/")
# Licence of the published data (Wikipedia text is CC BY-SA 4.0).
DATA_LICENSE = "https://creativecommons.org/licenses/by-sa/4.0/"

# The named graphs of the contract.
GRAPH_ONTOLOGY = GRAPH["ontology"]
GRAPH_FACTS = GRAPH["facts"]
GRAPH_PROVENANCE = GRAPH["provenance"]
GRAPH_DOCUMENTS = GRAPH["documents"]
GRAPH_ALIGNMENT = GRAPH["alignment"]
# Descriptions from the gazetteer rather than from a sentence (types, labels, sameAs).
GRAPH_ENTITIES = GRAPH["entities"]
NAMED_GRAPHS = (
    GRAPH_ONTOLOGY,
    GRAPH_FACTS,
    GRAPH_PROVENANCE,
    GRAPH_DOCUMENTS,
    GRAPH_ALIGNMENT,
    GRAPH_ENTITIES,
)

# The text-search extension of SPARQL (graph/search.py): SERVICE ckg:search { ?s ckg:matches "text" }.
TEXT_SEARCH_SERVICE = CKG["search"]
TEXT_MATCHES = CKG["matches"]

PREFIXES = {
    "ckg": CKG,
    "res": RES,
    "sem": SEM,
    "cito": CITO,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "wd": WD,
    "wdt": WDT,
    "geo": GEO,
}


def resource(slug: str):
    """IRI of a corpus-wide resource (entity, event) from its slug."""
    return RES[quote(slug, safe="-._~")]


def document_resource(doc: str, kind: str, ident: object):
    """IRI of a per-document resource: ``resource/{doc}/{kind}/{id}``."""
    return RES[f"{quote(doc, safe='-._~')}/{kind}/{quote(str(ident), safe='-._~')}"]


def prefix_map() -> dict[str, str]:
    """Prefix name -> namespace IRI, for ``Store.query(prefixes=...)`` and serialisers."""
    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def sparql_prefixes() -> str:
    """The PREFIX lines for every namespace above, for queries written by code."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
