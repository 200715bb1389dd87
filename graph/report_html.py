"""The audit report and evidence chains as self-contained HTML (inline CSS, no external assets)."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from .audit import AuditReport
from .evidence import EvidenceChain
from .terms import compact

# Findings listed per check in the HTML page; the JSON report has them all.
HTML_FINDINGS_LIMIT = 200


@cache
def environment() -> Environment:
    """The Jinja environment of ``graph/templates`` (autoescaped)."""
    env = Environment(loader=PackageLoader("graph", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["compact"] = compact
    return env


def render_html(report: AuditReport, *, limit: int = HTML_FINDINGS_LIMIT) -> str:
    """The audit report as a complete HTML page: summary table, then the findings of each check."""
    return environment().get_template("audit.html").render(report=report, limit=limit)


def render_evidence_html(chain: EvidenceChain, *, heading: int = 2) -> str:
    """A fact's evidence chain as an HTML fragment (a ``<section>``) for resource pages; ``heading`` is its level."""
    return environment().get_template("evidence_fragment.html").render(chain=chain, heading=heading)


def render_evidence_page(chain: EvidenceChain) -> str:
    """A fact's evidence chain as a complete HTML page (``ckg audit --fact … --format html``)."""
    return environment().get_template("evidence_page.html").render(chain=chain)
