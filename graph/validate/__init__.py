"""``ckg validate``: OWL 2 consistency (HermiT, as shipped by owlready2) and SHACL shapes (pyshacl).

The input is an rdflib ``Graph`` or ``Dataset`` (all named graphs are read as one
union). Both checks return plain data; the CLI renders them.

The package: ``conversion`` (RDF in and out of rdflib, compact names), ``index`` (what the
ontology says), ``reduction`` (the copy of the data handed to HermiT), ``reasoner``
(running HermiT, bisection), ``explanation`` (culprits named from the axioms), ``shapes``
(SHACL).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from rdflib import Graph

from graph.validate.conversion import graph_from_store, load_ontology, load_shapes, union_graph
from graph.validate.explanation import Culprit, explain_inconsistency
from graph.validate.index import OntologyIndex
from graph.validate.reasoner import ConsistencyReport, ReasonerError, check_consistency
from graph.validate.reduction import ReasonerCopy, reasoner_copy
from graph.validate.shapes import ShapeResult, ShapesReport, check_shapes

__all__ = [
    "ConsistencyReport", "Culprit", "OntologyIndex", "ReasonerCopy", "ReasonerError", "ShapeResult", "ShapesReport",
    "ValidationReport", "check_consistency", "check_shapes", "explain_inconsistency", "format_report",
    "graph_from_store", "load_ontology", "load_shapes", "reasoner_copy", "union_graph", "validate",
]


@dataclass
class ValidationReport:
    """Both checks; ``conforms`` is the exit signal."""

    consistency: ConsistencyReport
    shapes: ShapesReport
    triples: int = 0
    load_seconds: float = 0.0

    @property
    def conforms(self) -> bool:
        """True when the data is consistent with the ontology and conforms to the shapes."""
        return self.consistency.ok and self.shapes.conforms

    def to_text(self) -> str:
        """A plain-text rendering (the CLI may render the same data with rich)."""
        return format_report(self)


def validate(data: Graph) -> ValidationReport:
    """OWL consistency and SHACL conformance of a Graph or Dataset, in one report."""
    started = time.perf_counter()
    union = union_graph(data)
    ontology = load_ontology()
    load_seconds = time.perf_counter() - started
    # HermiT runs in a Java process and its thread mostly waits, so pyshacl runs meanwhile
    # (both only read the union graph).
    with ThreadPoolExecutor(max_workers=1) as pool:
        consistency = pool.submit(check_consistency, union, ontology)
        shapes = check_shapes(union, ontology=ontology)
        return ValidationReport(
            consistency=consistency.result(), shapes=shapes, triples=len(union), load_seconds=load_seconds
        )


def format_report(report: ValidationReport, limit: int = 20) -> str:
    """The report as plain text: a verdict per check, culprits, results grouped by shape."""
    consistency, shapes = report.consistency, report.shapes
    lines = [f"{report.triples} triples"]
    if consistency.error:
        lines.append(f"OWL 2 consistency (HermiT): ERROR {consistency.error}")
    else:
        verdict = "consistent" if consistency.consistent else "INCONSISTENT"
        lines.append(
            f"OWL 2 consistency (HermiT): {verdict} — {consistency.triples_to_reasoner} triples to the reasoner, "
            f"{consistency.converted_date_literals} date literals as xsd:dateTime, "
            f"{consistency.dropped_ill_typed_literals} ill-typed literals left out, "
            f"{consistency.reasoner_runs} run(s), {consistency.seconds:.1f} s"
        )
    lines += [f"  unsatisfiable class: {c}" for c in consistency.unsatisfiable_classes]
    lines += [f"  {c.individual}: {c.reason}" for c in consistency.culprits]
    violations = len(shapes.violations)
    lines.append(
        f"SHACL: {'conforms' if shapes.conforms else 'DOES NOT CONFORM'} — {violations} violation(s), "
        f"{len(shapes.results) - violations} warning(s)/info, {shapes.seconds:.1f} s"
    )
    for shape, results in shapes.by_shape().items():
        lines.append(f"  {shape} ({len(results)})")
        for result in results[:limit]:
            where = f" {result.path}" if result.path else ""
            value = f" = {result.value}" if result.value else ""
            lines.append(f"    [{result.severity}] {result.focus_node}{where}{value}: {result.message}")
        if len(results) > limit:
            lines.append(f"    … {len(results) - limit} more")
    lines.append("VALID" if report.conforms else "INVALID")
    return "\n".join(lines)
