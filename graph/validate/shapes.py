"""SHACL conformance of the data (with the ontology's class hierarchy) to ontology/shapes.ttl, with pyshacl."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph
from rdflib.collection import Collection
from rdflib.term import Node

from graph.namespaces import RDF, SH
from graph.validate.conversion import compact, load_ontology, load_shapes, union_graph


@dataclass(frozen=True)
class ShapeResult:
    """One SHACL validation result."""

    shape: str  # the node shape it belongs to (compact IRI)
    focus_node: str
    path: str | None
    value: str | None
    message: str
    severity: str  # Violation, Warning or Info
    constraint: str  # the SHACL constraint component, e.g. sh:MinCountConstraintComponent


@dataclass
class ShapesReport:
    """The SHACL part of the report."""

    conforms: bool
    results: list[ShapeResult] = field(default_factory=list)
    seconds: float = 0.0

    def by_shape(self) -> dict[str, list[ShapeResult]]:
        """Results grouped by node shape, in shape order."""
        grouped: dict[str, list[ShapeResult]] = defaultdict(list)
        for result in sorted(self.results, key=lambda r: (r.shape, r.focus_node, r.path or "")):
            grouped[result.shape].append(result)
        return dict(grouped)

    @property
    def violations(self) -> list[ShapeResult]:
        """Only the results of severity Violation (warnings do not fail validation)."""
        return [r for r in self.results if r.severity == "Violation"]



def check_shapes(
    data: Graph, shapes: Graph | None = None, ontology: Graph | None = None, inference: str = "none"
) -> ShapesReport:
    """Validate the union of the data (plus the ontology's class hierarchy) against the shapes."""
    started = time.perf_counter()
    shapes = shapes if shapes is not None else load_shapes()
    ontology = ontology if ontology is not None else load_ontology()
    # The ontology goes into the (copied) data graph so that sh:class and sh:targetClass
    # see rdfs:subClassOf; pyshacl's ont_graph would copy the whole data graph again.
    combined = Graph()
    for triple in union_graph(data):
        combined.add(triple)
    for triple in ontology:
        combined.add(triple)
    conforms, results_graph, _ = shacl_validate(
        combined, shacl_graph=shapes, inference=inference, allow_warnings=True, advanced=True
    )
    # Only the report's own results: nested sh:detail results repeat them from inside sh:node/sh:or.
    results = [
        _shape_result(results_graph, shapes, node)
        for report in results_graph.subjects(RDF.type, SH.ValidationReport)
        for node in results_graph.objects(report, SH.result)
    ]
    return ShapesReport(conforms=bool(conforms), results=results, seconds=time.perf_counter() - started)


def _shape_result(results: Graph, shapes: Graph, node: Node) -> ShapeResult:
    """One sh:ValidationResult as a ShapeResult, named by its node shape."""
    source = results.value(node, SH.sourceShape)
    owner = shapes.value(predicate=SH.property, object=source) or source
    message = results.value(node, SH.resultMessage)
    return ShapeResult(
        shape=compact(owner) or "",
        focus_node=compact(results.value(node, SH.focusNode)) or "",
        path=_path_text(results, results.value(node, SH.resultPath)),
        value=compact(results.value(node, SH.value)),
        message=str(message) if message is not None else "",
        severity=str(results.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
        constraint=compact(results.value(node, SH.sourceConstraintComponent)) or "",
    )


def _path_text(graph: Graph, path: Node | None) -> str | None:
    """A SHACL path as text: a property, or a sequence path written ``a/b``."""
    if isinstance(path, BNode) and graph.value(path, RDF.first) is not None:
        return "/".join(compact(step) or "" for step in Collection(graph, path))
    return compact(path)

