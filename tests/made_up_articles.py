"""Made-up articles for the event tests: the whole pipeline over a short text, and the facts it gives."""

from __future__ import annotations

from extract.pipeline import extract_article


def extract(text: str):
    """Run the whole pipeline over a made-up article."""
    return extract_article("made-up.txt", text=text, doc_id="made-up")


def facts_of(extraction, subject: str) -> set[tuple[str, object]]:
    """The (predicate, object) pairs told of one subject."""
    return {(f.predicate, f.object) for f in extraction.facts if f.subject == subject}


def kinds_of(found) -> dict[str, str]:
    """The kind of every agreement found, by slug (captures and transfers left out)."""
    return {e.slug: e.kind for e in found.events if e.kind not in ("Capture", "TerritoryTransfer")}


def assert_told(text: str, subject: str, told: set, untold: set = frozenset()) -> None:
    """Assert a made-up article tells every pair of `told` of the subject and none of `untold`."""
    facts = facts_of(extract(text), subject)
    assert set(told) - facts == set(), "facts missing"
    assert set(untold) & facts == set(), "facts told that should not be"
