"""``ckg validate``: OWL 2 consistency (HermiT, as shipped by owlready2) and SHACL shapes (pyshacl).

The input is an rdflib ``Graph`` or ``Dataset`` (all named graphs are read as one
union). Both checks return plain data; the CLI renders them.

The reasoner gets a *copy* of the data reduced to what can make it inconsistent:
typed individuals, ``owl:sameAs``, assertions of object properties that have a
domain, range or characteristic, and data property assertions whose property is
functional or has a non-string range. Long texts (``nif:isString``,
``nif:anchorOf``), annotations, provenance links and reification triples stay
out, which keeps HermiT fast on the whole store. HermiT is run with ``-U``
(consistency and unsatisfiable classes) rather than through
``owlready2.sync_reasoner_hermit``, which always realises every individual. HermiT does not support
``xsd:date``/``xsd:gYearMonth``/``xsd:gYear``, so in that copy such literals (and
datatype IRIs in the ontology) are converted to ``xsd:dateTime`` at the start of
the period; ill-typed literals are dropped from the copy (SHACL reports them).
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import owlready2
import owlready2.reasoning
import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import ConjunctiveGraph, Dataset
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from graph.namespaces import OWL, PREFIXES, RDF, RDFS, SH, XSD
from ontology import ONTOLOGY_FILE, SHAPES_FILE

# Datatypes HermiT rejects, converted to xsd:dateTime in the reasoner copy.
_UNSUPPORTED_DATES = (XSD.date, XSD.gYearMonth, XSD.gYear)
_DATE_LEXICAL = re.compile(r"^(-?\d{4,})(?:-(\d\d))?(?:-(\d\d))?(Z|[+-]\d\d:\d\d)?$")
# Ranges under which any literal is acceptable to the reasoner when the property is not functional.
_STRING_RANGES = {XSD.string, RDF.langString, RDFS.Literal}
_INTEGER_TYPES = {
    XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.nonPositiveInteger,
    XSD.negativeInteger, XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong,
    XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte,
}
_DECIMAL_TYPES = _INTEGER_TYPES | {XSD.decimal}
# Property characteristics that make assertions able to clash.
_CHARACTERISTICS = (
    OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.AsymmetricProperty, OWL.IrreflexiveProperty
)
# Lower bounds implied by the integer datatypes used as ranges in the ontology.
_INTEGER_MINIMUM = {XSD.nonNegativeInteger: 0, XSD.positiveInteger: 1}
_SHAPES_NS = URIRef("https://w3id.org/conflict-kg/shapes#")
_NAMESPACES = NamespaceManager(Graph(), bind_namespaces="none")
for _prefix, _namespace in PREFIXES.items():
    _NAMESPACES.bind(_prefix, _namespace)
# How many HermiT runs may be spent narrowing down an inconsistency the structural explanation missed.
_MAX_ISOLATION_RUNS = 8


# ---------------------------------------------------------------------------
# Report records
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Culprit:
    """An individual that takes part in an inconsistency, and why."""

    individual: str
    reason: str


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


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def load_ontology() -> Graph:
    """The conflict-kg ontology (ontology/ckg.ttl) as an rdflib graph."""
    return Graph().parse(data=ONTOLOGY_FILE.read_text(encoding="utf-8"), format="turtle")


def load_shapes() -> Graph:
    """The SHACL shapes (ontology/shapes.ttl) as an rdflib graph."""
    return Graph().parse(data=SHAPES_FILE.read_text(encoding="utf-8"), format="turtle")


def union_graph(data: Graph) -> Graph:
    """All triples of a Graph or of every named graph of a Dataset, as one plain Graph."""
    if not isinstance(data, ConjunctiveGraph | Dataset):
        return data
    union = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """An rdflib term for a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def graph_from_store(store: ox.Store) -> Graph:
    """Every quad of a pyoxigraph store, as one rdflib Graph (graph names dropped)."""
    union = Graph()
    # rdflib logs a traceback for every ill-typed literal it builds; SHACL reports them instead.
    term_logger = logging.getLogger("rdflib.term")
    level = term_logger.level
    term_logger.setLevel(logging.CRITICAL)
    try:
        for quad in store.quads_for_pattern(None, None, None, None):
            union.add((_rdflib_term(quad.subject), _rdflib_term(quad.predicate), _rdflib_term(quad.object)))
    finally:
        term_logger.setLevel(level)
    return union


def _compact(term: Node | None) -> str | None:
    """A prefixed name when a known namespace matches, else the IRI or literal text."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in {**PREFIXES, "sh": SH, "ckgsh": _SHAPES_NS}.items():
            if text.startswith(str(namespace)) and len(text) > len(str(namespace)):
                return f"{prefix}:{text[len(str(namespace)):]}"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    return term.n3(_NAMESPACES)


# ---------------------------------------------------------------------------
# OWL 2 consistency
# ---------------------------------------------------------------------------


class OntologyIndex:
    """What the reasoner copy and the explanation need to know about the ontology (a TBox index)."""

    def __init__(self, ontology: Graph) -> None:
        self.graph = ontology
        self.classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
        self.object_properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
        self.constrained_properties = self._constrained_properties()
        self.data_properties = set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
        self.functional = set(ontology.subjects(RDF.type, OWL.FunctionalProperty))
        self.superclasses = self._superclass_closure()
        self.disjoint_pairs = self._disjoint_pairs()
        self.domains = self._class_expressions(RDFS.domain)
        self.ranges = self._class_expressions(RDFS.range)
        self.data_ranges = {p: ontology.value(p, RDFS.range) for p in self.data_properties}

    def checkable(self, prop: Node) -> bool:
        """True for data properties whose values can make the ontology inconsistent."""
        if prop not in self.data_properties:
            return False
        return prop in self.functional or self.data_ranges.get(prop) not in _STRING_RANGES | {None}

    def _constrained_properties(self) -> set[Node]:
        """Properties whose assertions can clash: with a domain, range or characteristic, or below one."""
        constrained = {
            p for p, axiom in self.graph.subject_predicates(None)
            if axiom in (RDFS.domain, RDFS.range)
        } | {p for c in _CHARACTERISTICS for p in self.graph.subjects(RDF.type, c)}
        links = list(self.graph.subject_objects(RDFS.subPropertyOf))
        links += [pair for a, b in self.graph.subject_objects(OWL.equivalentProperty) for pair in ((a, b), (b, a))]
        changed = True
        while changed:
            below = {sub for sub, sup in links if sup in constrained} - constrained
            constrained |= below
            changed = bool(below)
        return constrained

    def _superclass_closure(self) -> dict[Node, set[Node]]:
        direct: dict[Node, set[Node]] = defaultdict(set)
        for sub, sup in self.graph.subject_objects(RDFS.subClassOf):
            if isinstance(sup, URIRef):
                direct[sub].add(sup)
        for a, b in self.graph.subject_objects(OWL.equivalentClass):
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                direct[a].add(b)
                direct[b].add(a)
        closure: dict[Node, set[Node]] = {}
        for cls in set(direct) | self.classes:
            seen, todo = {cls}, [cls]
            while todo:
                for sup in direct.get(todo.pop(), ()):
                    if sup not in seen:
                        seen.add(sup)
                        todo.append(sup)
            closure[cls] = seen
        return closure

    def _disjoint_pairs(self) -> set[frozenset[Node]]:
        pairs: set[frozenset[Node]] = set()
        for group in self.graph.subjects(RDF.type, OWL.AllDisjointClasses):
            members = list(Collection(self.graph, self.graph.value(group, OWL.members)))
            pairs |= {frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:]}
        for a, b in self.graph.subject_objects(OWL.disjointWith):
            pairs.add(frozenset((a, b)))
        return pairs

    def _class_expressions(self, axiom: URIRef) -> dict[Node, list[tuple[Node, ...]]]:
        """Per property, its domains or ranges as alternatives (a named class is a 1-tuple)."""
        expressions: dict[Node, list[tuple[Node, ...]]] = defaultdict(list)
        for prop, expression in self.graph.subject_objects(axiom):
            if isinstance(expression, URIRef) and expression in self.classes:
                expressions[prop].append((expression,))
            elif (union := self.graph.value(expression, OWL.unionOf)) is not None:
                members = tuple(Collection(self.graph, union))
                if all(m in self.classes for m in members):
                    expressions[prop].append(members)
        return expressions

    def excluded(self, cls: Node, types: Iterable[Node]) -> Node | None:
        """A type among ``types`` that is disjoint with ``cls`` (or a superclass of it), if any."""
        for sup in self.superclasses.get(cls, {cls}):
            for other in types:
                if frozenset((sup, other)) in self.disjoint_pairs:
                    return other
        return None


def _to_datetime(literal: Literal) -> Literal | None:
    """An xsd:dateTime at the start of the day, month or year of a date literal (None if malformed)."""
    match = _DATE_LEXICAL.match(str(literal))
    if match is None or literal.ill_typed:
        return None
    year, month, day, zone = match.groups()
    lexical = f"{year}-{month or '01'}-{day or '01'}T00:00:00{zone or ''}"
    return Literal(lexical, datatype=XSD.dateTime)


@dataclass
class ReasonerCopy:
    """The reduced copy of ontology + data that HermiT is given."""

    tbox: list[tuple[Node, Node, Node]]
    abox: dict[Node, list[tuple[Node, Node, Node]]]  # triples grouped by subject
    converted: int = 0
    dropped: int = 0

    def triples(self, subjects: Iterable[Node] | None = None) -> Iterator[tuple[Node, Node, Node]]:
        """The TBox plus the ABox triples of ``subjects`` (all when None)."""
        yield from self.tbox
        for subject in self.abox if subjects is None else subjects:
            yield from self.abox[subject]


def reasoner_copy(tbox: OntologyIndex, data: Graph) -> ReasonerCopy:
    """Reduce ontology + data to the part that matters for consistency (see module docstring)."""
    rewritten = [
        (s, p, XSD.dateTime if o in _UNSUPPORTED_DATES else o) for s, p, o in tbox.graph
    ]
    reduced = ReasonerCopy(tbox=rewritten, abox=defaultdict(list))
    for s, p, o in data:
        if isinstance(s, Literal):
            continue
        keep = (
            (p == RDF.type and o in tbox.classes)
            or (p == OWL.sameAs and isinstance(o, URIRef))
            or (p in tbox.object_properties and p in tbox.constrained_properties and not isinstance(o, Literal))
        )
        if not keep and isinstance(o, Literal) and tbox.checkable(p):
            if o.datatype in _UNSUPPORTED_DATES:
                o = _to_datetime(o)
                reduced.converted += o is not None
            if o is None or o.ill_typed:
                reduced.dropped += 1
                continue
            keep = True
        if keep:
            reduced.abox[s].append((s, p, o))
    return reduced


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
        report.unsatisfiable_classes = [_compact(URIRef(iri)) or iri for iri in unsatisfiable]
        if not report.consistent:
            report.culprits = explain_inconsistency(tbox, reduced)
            if not report.culprits:
                report.culprits, runs = _isolate_with_hermit(reduced)
                report.reasoner_runs += runs
    except ReasonerError as error:
        report.error = f"the reasoner could not run: {error}"
    report.seconds = time.perf_counter() - started
    return report


def explain_inconsistency(tbox: OntologyIndex, reduced: ReasonerCopy) -> list[Culprit]:
    """Individuals whose types clash (disjoint classes, unions, sameAs) or whose values break a range."""
    triples = [t for group in reduced.abox.values() for t in group]
    same = _same_as_groups(triples)
    sources: dict[Node, dict[Node, str]] = defaultdict(dict)  # individual -> class -> why it has it
    alternatives: dict[Node, list[tuple[tuple[Node, ...], str]]] = defaultdict(list)
    data_values: dict[tuple[Node, Node], set] = defaultdict(set)
    culprits: list[Culprit] = []

    def typed(individual: Node, cls: Node, why: str) -> None:
        for sup in tbox.superclasses.get(cls, {cls}):
            sources[same.get(individual, individual)].setdefault(sup, why)

    for s, p, o in triples:
        if p == RDF.type:
            typed(s, o, "asserted")
            continue
        for expression in tbox.domains.get(p, ()):
            _constrain(s, expression, f"subject of {_compact(p)}", typed, alternatives, same)
        if p in tbox.object_properties:
            for expression in tbox.ranges.get(p, ()):
                _constrain(o, expression, f"value of {_compact(p)} on {_compact(s)}", typed, alternatives, same)
        elif isinstance(o, Literal):
            data_values[(s, p)].add(o)
            problem = _data_range_problem(tbox, p, o)
            if problem:
                culprits.append(Culprit(_compact(s) or str(s), f"{_compact(p)} {_compact(o)}: {problem}"))

    for individual, classes in sources.items():
        for pair in tbox.disjoint_pairs:
            if pair <= classes.keys():
                a, b = sorted(pair, key=str)
                culprits.append(Culprit(
                    _compact(individual) or str(individual),
                    f"is both {_compact(a)} ({classes[a]}) and {_compact(b)} ({classes[b]}), which are disjoint",
                ))
        for members, why in alternatives.get(individual, ()):
            clashes = [tbox.excluded(m, classes) for m in members]
            if all(clashes):
                culprits.append(Culprit(
                    _compact(individual) or str(individual),
                    f"as {why} must be one of {', '.join(_compact(m) or '' for m in members)}, "
                    f"but is {', '.join(sorted({_compact(c) or '' for c in clashes}))}",
                ))
    for (s, p), values in data_values.items():
        if p in tbox.functional and len({v.toPython() for v in values}) > 1:
            shown = ", ".join(sorted(_compact(v) or "" for v in values))
            culprits.append(Culprit(_compact(s) or str(s), f"has several values of functional {_compact(p)}: {shown}"))
    return sorted(set(culprits), key=lambda c: (c.individual, c.reason))


def _constrain(individual, expression, why, typed, alternatives, same) -> None:
    """Record what a domain/range axiom says about an individual: a class, or a choice of classes."""
    if len(expression) == 1:
        typed(individual, expression[0], why)
    else:
        alternatives[same.get(individual, individual)].append((expression, why))


def _same_as_groups(triples: list[tuple[Node, Node, Node]]) -> dict[Node, Node]:
    """Map each individual to one representative of its owl:sameAs group."""
    parent: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    for s, p, o in triples:
        if p == OWL.sameAs:
            parent[find(s)] = find(o)
    return {node: find(node) for node in list(parent)}


def _data_range_problem(tbox: OntologyIndex, prop: Node, literal: Literal) -> str | None:
    """Why a literal is outside the declared range of a data property, or None."""
    declared = tbox.data_ranges.get(prop)
    if declared is None:
        return None
    base, low, high = declared, None, None
    if isinstance(declared, BNode) and (on := tbox.graph.value(declared, OWL.onDatatype)) is not None:
        base = on
        for facet in Collection(tbox.graph, tbox.graph.value(declared, OWL.withRestrictions)):
            low = tbox.graph.value(facet, XSD.minInclusive, default=low)
            high = tbox.graph.value(facet, XSD.maxInclusive, default=high)
    if base in _DECIMAL_TYPES:
        if literal.datatype not in _DECIMAL_TYPES:
            return f"not a {_compact(base)}"
        try:
            number = Decimal(str(literal))
        except InvalidOperation:
            return f"not a {_compact(base)}"
        if base in _INTEGER_TYPES and number != number.to_integral_value():
            return f"not an integer ({_compact(base)})"
        low = _INTEGER_MINIMUM.get(base, low)
        if low is not None and number < Decimal(str(low)):
            return f"below the minimum {low} of the range"
        if high is not None and number > Decimal(str(high)):
            return f"above the maximum {high} of the range"
    elif base == XSD.boolean and literal.datatype != XSD.boolean:
        return "not an xsd:boolean"
    return None


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
    return [Culprit(_compact(s) or str(s), reason) for s in suspects[:50]], runs


# ---------------------------------------------------------------------------
# SHACL
# ---------------------------------------------------------------------------


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
        shape=_compact(owner) or "",
        focus_node=_compact(results.value(node, SH.focusNode)) or "",
        path=_path_text(results, results.value(node, SH.resultPath)),
        value=_compact(results.value(node, SH.value)),
        message=str(message) if message is not None else "",
        severity=str(results.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
        constraint=_compact(results.value(node, SH.sourceConstraintComponent)) or "",
    )


def _path_text(graph: Graph, path: Node | None) -> str | None:
    """A SHACL path as text: a property, or a sequence path written ``a/b``."""
    if isinstance(path, BNode) and graph.value(path, RDF.first) is not None:
        return "/".join(_compact(step) or "" for step in Collection(graph, path))
    return _compact(path)


# ---------------------------------------------------------------------------
# Both
# ---------------------------------------------------------------------------


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
