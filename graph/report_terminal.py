"""The audit report and evidence chains as rich tables for the terminal."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .audit import AuditReport, Check
from .evidence import EvidenceChain, RecordEvidence, SentenceEvidence
from .terms import compact

STATUS_STYLE = {"pass": "green", "fail": "bold red", "info": "cyan", "skipped": "dim"}
SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}
SENTENCE_WIDTH = 160


def _shorten(text: str | None, width: int = SENTENCE_WIDTH) -> str:
    if not text:
        return ""
    return text if len(text) <= width else text[: width - 1] + "…"


def summary_table(report: AuditReport) -> Table:
    """One row per check: severity, items looked at, items found, pass/fail."""
    scope = [f"document {compact(report.document)}" if report.document else "",
             f"resource {compact(report.resource)}" if report.resource else ""]
    title = "Provenance audit" + (" of " + ", ".join(s for s in scope if s) if any(scope) else "")
    table = Table(title=title, caption=", ".join(f"{n} {kind}" for kind, n in report.totals.items()))
    table.add_column("check")
    table.add_column("id", style="dim", overflow="fold")
    table.add_column("severity")
    table.add_column("checked", justify="right")
    table.add_column("found", justify="right")
    table.add_column("status")
    for check in report.checks:
        table.add_row(
            check.title,
            check.id,
            f"[{SEVERITY_STYLE[check.severity]}]{check.severity}[/]",
            str(check.checked),
            str(check.count),
            f"[{STATUS_STYLE[check.status]}]{check.status}[/]",
        )
    return table


def findings_table(check: Check, limit: int) -> Table:
    """The first ``limit`` findings of a check, with IRIs and sentence text."""
    shown = check.findings[:limit]
    more = f" (first {len(shown)} of {check.count})" if check.count > len(shown) else ""
    table = Table(title=f"{check.title}{more}", caption=check.description, show_lines=True, expand=True)
    table.add_column("resource", overflow="fold", ratio=2)
    table.add_column("problem", overflow="fold", ratio=3)
    table.add_column("sentences", overflow="fold", ratio=4)
    for finding in shown:
        # Text, not markup: IRIs and sentences may hold brackets or ":name:" emoji codes.
        sentences = Text()
        for number, sentence in enumerate(finding.sentences):
            sentences.append("\n" if number else "")
            sentences.append(compact(sentence.iri), style="dim")
            sentences.append(" " + _shorten(sentence.text))
        where = Text(finding.fact_label if finding.fact else compact(finding.iri))
        table.add_row(where, Text(finding.message), sentences)
    return table


def render_terminal(report: AuditReport, console: Console, *, limit: int = 10) -> None:
    """Print the summary table, then the first ``limit`` findings of each failing or info check."""
    console.print(summary_table(report))
    for check in report.checks:
        if check.findings and check.status in ("fail", "info"):
            console.print(findings_table(check, limit))
    strict = report.failed(strict=True)
    if report.failed():
        verdict = "[bold red]FAILED[/]: " + ", ".join(c.id for c in report.failing())
    elif strict:
        verdict = "[yellow]passed with warnings[/] (fails with --strict): " + ", ".join(
            c.id for c in report.failing(strict=True))
    else:
        verdict = "[green]passed[/]"
    console.print(verdict)


def _record_lines(record: RecordEvidence) -> Text:
    text = Text()
    text.append(record.title or _shorten(record.text) or "(untitled)", style="bold")
    if record.translated_title:
        text.append(f" [{record.translated_title}]")
    facts = [
        ("by", ", ".join(record.creators)), ("publisher", record.publisher), ("website", record.website),
        ("date", record.date), ("language", record.language), ("archived", record.archived_on),
        ("accessed", record.accessed_on), ("source", record.url), ("archived copy", record.archive_url),
    ]
    for name, value in facts:
        if value:
            text.append(f"\n  {name}: {value}")
    if record.quote:
        text.append(f"\n  quote: “{_shorten(record.quote)}”", style="italic")
    if record.broken:
        text.append("\n  BROKEN record (the wiki could not render it)", style="bold red")
    confidence = "?" if record.alignment_confidence is None else f"{record.alignment_confidence:g}"
    text.append(f"\n  aligned with confidence {confidence}: {record.alignment_evidence or 'no evidence given'}",
                style="dim")
    text.append(f"\n  {record.iri}", style="dim")
    return text


def _sentence_text(sentence: SentenceEvidence, span_begin: int | None, span_end: int | None) -> Text:
    before, span, after = sentence.split(span_begin, span_end)
    text = Text(before)
    text.append(span, style="bold reverse")
    text.append(after)
    return text


def render_evidence_terminal(chain: EvidenceChain, console: Console) -> None:
    """Print a fact's evidence chain: each statement, its sentence with the span highlighted, its citations."""
    title = Text(chain.label, style="bold")
    if not chain.in_facts_graph:
        title.append(" (not in the facts graph)", style="bold red")
    console.print(title)
    if not chain.statements:
        console.print("[bold red]no ckg:Statement supports this fact[/]")
    for statement in chain.statements:
        confidence = "?" if statement.confidence is None else f"{statement.confidence:g}"
        parts: list = [Text(f"statement {compact(statement.iri)}  confidence {confidence}", style="dim")]
        sentence = statement.sentence
        if sentence is None:
            parts.append(Text("no sentence", style="bold red"))
        else:
            offsets = f"{compact(sentence.iri)} [{sentence.begin}:{sentence.end}]"
            if not sentence.offsets_match:
                offsets += "  OFFSETS DO NOT SLICE THE DOCUMENT BACK"
            parts.append(Text(offsets, style="dim" if sentence.offsets_match else "bold red"))
            parts.append(_sentence_text(sentence, statement.span_begin, statement.span_end))
            table = Table(show_header=True, expand=True, show_lines=True)
            table.add_column("[N]", justify="right", width=6)
            table.add_column("record", overflow="fold")
            for citation in sentence.citations:
                records = Group(*(_record_lines(r) for r in citation.records)) if citation.records else Text(
                    "no record describes this reference", style="yellow")
                table.add_row(f"[{citation.number}]", records)
            parts.append(table if sentence.citations else Text("the sentence cites nothing", style="yellow"))
        console.print(Panel(Group(*parts)))
