"""The audit report: checks, their findings, and the JSON shape they serialise to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from graph.terms import Term, compact, term_json

Severity = Literal["error", "warning", "info"]
Fact = tuple[Term, Term, Term]

DEFAULT_ALIGNMENT_THRESHOLD = 0.5


@dataclass(frozen=True)
class SentenceText:
    """A sentence named in a finding, with its stored text (``nif:anchorOf``)."""

    iri: str
    text: str | None

    def to_json(self) -> dict:
        return {"iri": self.iri, "text": self.text}


@dataclass(frozen=True)
class Finding:
    """One offending item: the resource at fault, what is wrong, and the sentences involved."""

    iri: str
    message: str
    fact: Fact | None = None
    sentences: tuple[SentenceText, ...] = ()
    related: tuple[str, ...] = ()  # other resources involved: statements, references, records
    details: dict = field(default_factory=dict)

    @property
    def fact_label(self) -> str:
        return " ".join(compact(term) for term in self.fact) if self.fact else ""

    def to_json(self) -> dict:
        fact = None
        if self.fact:
            fact = dict(zip(("subject", "predicate", "object"), map(term_json, self.fact), strict=True))
        return {
            "iri": self.iri,
            "message": self.message,
            "fact": fact,
            "sentences": [sentence.to_json() for sentence in self.sentences],
            "related": list(self.related),
            "details": self.details,
        }


@dataclass
class Check:
    """The result of one check: how many items it looked at and which ones failed it."""

    id: str
    title: str
    severity: Severity
    description: str
    checked: int = 0
    findings: list[Finding] = field(default_factory=list)
    skipped: str | None = None  # why the check does not apply to this scope

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def status(self) -> str:
        """``pass``, ``fail``, ``info`` (info checks report, never fail) or ``skipped``."""
        if self.skipped:
            return "skipped"
        if self.severity == "info":
            return "info"
        return "fail" if self.findings else "pass"

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "severity": self.severity,
            "description": self.description,
            "status": self.status,
            "checked": self.checked,
            "count": self.count,
            "skipped": self.skipped,
            "findings": [finding.to_json() for finding in self.findings],
        }


@dataclass
class AuditReport:
    """All checks over one scope of the store."""

    checks: list[Check]
    document: str | None = None
    resource: str | None = None
    alignment_threshold: float = DEFAULT_ALIGNMENT_THRESHOLD
    totals: dict[str, int] = field(default_factory=dict)
    runs: list[dict] = field(default_factory=list)

    def check(self, check_id: str) -> Check:
        """The check with this id (KeyError when there is none)."""
        for check in self.checks:
            if check.id == check_id:
                return check
        raise KeyError(check_id)

    def failing(self, strict: bool = False) -> list[Check]:
        """The checks that make the report fail (errors; warnings too when strict)."""
        severities = ("error", "warning") if strict else ("error",)
        return [check for check in self.checks if check.status == "fail" and check.severity in severities]

    def failed(self, strict: bool = False) -> bool:
        """True when an error check found something (with ``strict``, a warning check too)."""
        return bool(self.failing(strict))

    def to_json(self) -> dict:
        """The report as JSON-ready data; shape documented in ``REPORT_JSON_SHAPE``."""
        return {
            "scope": {"document": self.document, "resource": self.resource},
            "settings": {"alignment_threshold": self.alignment_threshold},
            "totals": self.totals,
            "runs": self.runs,
            "failed": self.failed(strict=False),
            "failed_strict": self.failed(strict=True),
            "checks": [check.to_json() for check in self.checks],
        }


REPORT_JSON_SHAPE = """\
{
  "scope":    {"document": IRI|null, "resource": IRI|null},
  "settings": {"alignment_threshold": 0.5},
  "totals":   {"facts": n, "statements": n, "sentences": n, "markers": n, "references": n, "records": n, "events": n},
  "runs":     [{"iri": IRI, "started": xsd:dateTime|null, "version": str|null}],
  "failed": bool,          # an "error" check found something
  "failed_strict": bool,   # an "error" or "warning" check found something
  "checks": [{
    "id": str, "title": str, "severity": "error"|"warning"|"info", "description": str,
    "status": "pass"|"fail"|"info"|"skipped", "checked": n, "count": n, "skipped": str|null,
    "findings": [{
      "iri": IRI, "message": str,
      "fact": {"subject": T, "predicate": T, "object": T}|null,  # T: SPARQL 1.1 JSON results term
      "sentences": [{"iri": IRI, "text": str|null}],
      "related": [IRI], "details": {...}
    }]
  }]
}"""

