"""Provenance audit: can every fact be traced to a sentence and to the references it cites?

``run_audit`` reads the store in a few whole-graph queries (single-pattern OPTIONALs,
no per-fact queries), joins them in Python and runs the checks in ``CHECKS``. Each
check has a severity:

- ``error``: the provenance is broken (a fact with no statement, offsets that do not
  slice the document back, a marker pointing nowhere);
- ``warning``: the provenance is intact but weak or contested (uncited claims, broken
  or unaligned references, records nothing cites, conflicting dates or signatories);
- ``info``: counts a reader wants (events told once vs corroborated).

Exit-code rule: ``AuditReport.failed(strict=False)`` is true when an ``error`` check
found anything; with ``strict=True`` a ``warning`` check that found anything fails too.
``info`` checks never fail. ``ckg audit`` exits 1 when the report failed, else 0.

The package: ``model`` (the report and its JSON shape), ``snapshot`` (reading the store),
``scoping`` (narrowing to a document or resource), ``checks`` (the checks and ``CHECKS``).
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.terms import parse_iri

from .checks import CHECKS, CheckSpec, Context
from .model import (
    DEFAULT_ALIGNMENT_THRESHOLD,
    REPORT_JSON_SHAPE,
    AuditReport,
    Check,
    Finding,
    SentenceText,
    Severity,
)
from .scoping import Scope, ScopeError, narrow_to_document, narrow_to_resource, whole_store
from .snapshot import document_texts, read_runs, read_snapshot

__all__ = [
    "CHECKS", "DEFAULT_ALIGNMENT_THRESHOLD", "REPORT_JSON_SHAPE", "AuditReport", "Check", "CheckSpec", "Finding",
    "Scope", "ScopeError", "SentenceText", "Severity", "run_audit",
]


def run_audit(
    store: ox.Store,
    *,
    document: str | ox.NamedNode | None = None,
    resource: str | ox.NamedNode | None = None,
    alignment_threshold: float = DEFAULT_ALIGNMENT_THRESHOLD,
) -> AuditReport:
    """Audit the provenance of the whole store, one document's part, or the facts about one resource.

    ``document`` and ``resource`` accept IRIs, prefixed names (``res:…``) or bare slugs.
    Raises ScopeError when the document or resource is not in the store.
    """
    snapshot = read_snapshot(store)
    scope = whole_store(snapshot)
    document_iri = document if isinstance(document, ox.NamedNode) or document is None else parse_iri(document)
    resource_iri = resource if isinstance(resource, ox.NamedNode) or resource is None else parse_iri(resource)
    if document_iri is not None:
        scope = narrow_to_document(snapshot, scope, document_iri)
    if resource_iri is not None:
        scope = narrow_to_resource(snapshot, scope, resource_iri)
    docs = {snapshot.sentences[s].doc for s in scope.sentences if snapshot.sentences[s].doc is not None}
    ctx = Context(snapshot, scope, document_texts(store, docs), alignment_threshold)
    checks = []
    for spec in CHECKS:
        check = Check(spec.id, spec.title, spec.severity, spec.description)
        spec.run(ctx, check)
        check.findings.sort(key=lambda finding: (finding.iri, finding.fact_label, finding.message))
        checks.append(check)
    totals = {
        "facts": len(scope.facts),
        "statements": len(scope.statements),
        "sentences": len(scope.sentences),
        "markers": len(scope.markers),
        "references": len(scope.references),
        "records": len(scope.records),
        "events": len(scope.events),
    }
    return AuditReport(
        checks=checks,
        document=document_iri.value if document_iri is not None else None,
        resource=resource_iri.value if resource_iri is not None else None,
        alignment_threshold=alignment_threshold,
        totals=totals,
        runs=read_runs(store),
    )
