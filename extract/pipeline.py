"""The extraction pipeline: article text → ``ArticleExtraction`` (entities, mentions, events, facts).

reader (paragraphs, sentences, citations) → mentions (gazetteer + discovered names) → positions
(who holds which office) → conflicts (the article's war) → events (agreements, transfers,
captures, with dates read by ``extract.dates``). Every fact carries its Evidence.
"""

from __future__ import annotations

from pathlib import Path

from extract.conflicts import discover_conflicts, find_conflicts
from extract.events import find_events
from extract.formats import read_document
from extract.mentions import find_entities
from extract.model import ArticleExtraction, Document, Entity
from extract.positions import find_positions


def extract_article(path: Path | str, *, text: str | None = None, doc_id: str | None = None) -> ArticleExtraction:
    """Read one article (plain text, wikitext or page HTML: ``extract.formats``) and run every extractor over it."""
    return extract_document(read_document(path, doc_id=doc_id, text=text))


def extract_document(document: Document) -> ArticleExtraction:
    """Run every extractor over a Document, whatever kind of input it was read from."""
    entities, mentions = discover_conflicts(document, *find_entities(document))
    position_entities, position_facts = find_positions(document, entities, mentions)
    conflict_entities, main_conflict = find_conflicts(document, entities, mentions)
    entities = _merged(entities, position_entities, conflict_entities)
    events, event_facts = find_events(document, entities, mentions, main_conflict)
    return ArticleExtraction(document, entities, mentions, events, position_facts + event_facts)


def _merged(*groups: list[Entity]) -> list[Entity]:
    """Entities by slug, a later group's record replacing an earlier one (the main conflict's names)."""
    by_slug: dict[str, Entity] = {}
    for group in groups:
        for entity in group:
            by_slug[entity.slug] = entity
    return list(by_slug.values())
