"""OWL 2 consistency with HermiT (as shipped by owlready2), and bisection when the explanation finds no culprit.

HermiT is run with ``-U`` (consistency and unsatisfiable classes) rather than through
``owlready2.sync_reasoner_hermit``, which always realises every individual.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import owlready2
import owlready2.reasoning
from rdflib import Graph, URIRef
from rdflib.term import Node

from graph.validate.conversion import compact, load_ontology, union_graph
from graph.validate.explanation import Culprit, explain_inconsistency
from graph.validate.index import OntologyIndex
from graph.validate.reduction import ReasonerCopy, reasoner_copy

# How many HermiT runs may be spent narrowing down an inconsistency the structural explanation missed.
_MAX_ISOLATION_RUNS = 8


@dataclass
class ConsistencyReport:
    """The OWL 2 part of the report."""

    consistent: bool
    unsatisfiable_classes: list[str] = field(default_factory=list)
    culprits: list[Culprit] = field(default_factory=list)
    triples_to_reasoner: int = 0
    converted_date_literals: int = 0
    dropped_ill_typed_literals: int = 0
    reasoner_runs: int = 0
    seconds: float = 0.0
    error: str | None = None  # the reasoner failed (e.g. Java missing): not a verdict

    @property
    def ok(self) -> bool:
        """True when the ontology and data are consistent and every class is satisfiable."""
        return self.consistent and not self.unsatisfiable_classes and self.error is None


def _hermit_command(ntriples: Path) -> list[str]:
    """The HermiT command line that owlready2 ships, asking only for unsatisfiable classes."""
    hermit = Path(owlready2.__file__).parent / "hermit"
    classpath = os.pathsep.join([str(hermit), str(hermit / "HermiT.jar")])
    # -U checks consistency and lists classes equivalent to owl:Nothing. owlready2's
    # sync_reasoner_hermit always adds -I (realise every individual): 10x slower on the store.
    return [
        owlready2.JAVA_EXE, f"-Xmx{owlready2.reasoning.JAVA_MEMORY}M", "-cp", classpath,
        "org.semanticweb.HermiT.cli.CommandLine", "-U", ntriples.as_uri(),
    ]


def _run_hermit(triples: Iterable[tuple[Node, Node, Node]]) -> tuple[bool, list[str]]:
    """Run HermiT on the triples (as N-Triples): (consistent, IRIs of unsatisfiable classes)."""
    with tempfile.TemporaryDirectory(prefix="ckg-hermit-") as directory:
        path = Path(directory) / "reasoner-copy.nt"
        with path.open("w", encoding="utf-8") as out:
            out.writelines(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples)
        try:
            done = subprocess.run(_hermit_command(path), capture_output=True, text=True, check=False)
        except OSError as error:
            raise ReasonerError(f"cannot start Java ({owlready2.JAVA_EXE}): {error}") from error
    if done.returncode != 0:
        if "InconsistentOntologyException" in done.stderr or "Inconsistent ontology" in done.stderr:
            return False, []
        raise ReasonerError(done.stderr.strip().splitlines()[0] if done.stderr.strip() else f"exit {done.returncode}")
    unsatisfiable = re.findall(r"^\t<([^>]+)>$", done.stdout, flags=re.MULTILINE)
    return True, sorted(unsatisfiable)


class ReasonerError(Exception):
    """HermiT could not run or failed on its input (not a verdict on the data)."""


def check_consistency(data: Graph, ontology: Graph | None = None) -> ConsistencyReport:
    """OWL 2 consistency of ontology + data with HermiT; names culprits when inconsistent."""
    started = time.perf_counter()
    tbox = OntologyIndex(ontology if ontology is not None else load_ontology())
    data = union_graph(data)
    reduced = reasoner_copy(tbox, data)
    report = ConsistencyReport(
        consistent=True,
        triples_to_reasoner=sum(1 for _ in reduced.triples()),
        converted_date_literals=reduced.converted,
        dropped_ill_typed_literals=reduced.dropped,
    )
    try:
        report.consistent, unsatisfiable = _run_hermit(reduced.triples())
        report.reasoner_runs = 1
        report.unsatisfiable_classes = [compact(URIRef(iri)) or iri for iri in unsatisfiable]
        if not report.consistent:
            report.culprits = explain_inconsistency(tbox, reduced)
            if not report.culprits:
                report.culprits, runs = _isolate_with_hermit(reduced)
                report.reasoner_runs += runs
    except ReasonerError as error:
        report.error = f"the reasoner could not run: {error}"
    report.seconds = time.perf_counter() - started
    return report


def _isolate_with_hermit(reduced: ReasonerCopy) -> tuple[list[Culprit], int]:
    """Halve the individuals while one half alone stays inconsistent; name what remains."""
    suspects = sorted(reduced.abox, key=str)  # the same halves, and the same number of runs, every time
    runs = 0
    while len(suspects) > 1 and runs < _MAX_ISOLATION_RUNS:
        half = len(suspects) // 2
        for part in (suspects[:half], suspects[half:]):
            runs += 1
            if not _run_hermit(reduced.triples(part))[0]:
                suspects = part
                break
        else:
            break  # the inconsistency needs individuals from both halves
    reason = f"inconsistent together with the {len(suspects) - 1} other individuals listed (isolated by HermiT)"
    if len(suspects) == 1:
        reason = "inconsistent on its own with the ontology (isolated by HermiT)"
    return [Culprit(compact(s) or str(s), reason) for s in suspects[:50]], runs

