"""Golden tests: entities, positions and conflicts of whole articles, compared as sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.conflicts import find_conflicts
from extract.mentions import find_entities
from extract.positions import find_positions
from extract.reader import read_article

HERE = Path(__file__).parent
CORPUS = HERE.parent / "extract" / "corpus"


def entity_rows(path: Path) -> set[tuple[str, ...]]:
    """Everything the entity extractors say about one article, as comparable rows."""
    document = read_article(path)
    entities, mentions = find_entities(document)
    position_entities, facts = find_positions(document, entities, mentions)
    conflicts, main = find_conflicts(document, entities, mentions)
    rows = {("entity", e.kind, e.slug, "known" if e.known else "discovered", e.wikidata or "-")
            for e in [*entities, *position_entities, *conflicts]}
    rows |= {("fact", f.subject, f.predicate, str(f.object)) for f in facts}
    rows.add(("main-conflict", main or "-"))
    return rows


def read_golden(path: Path) -> set[tuple[str, ...]]:
    """Rows of a golden TSV file (comments and blank lines skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#")}


def _diff(actual: set[tuple[str, ...]], expected: set[tuple[str, ...]]) -> str:
    missing = "\n".join("  - " + "\t".join(row) for row in sorted(expected - actual))
    extra = "\n".join("  + " + "\t".join(row) for row in sorted(actual - expected))
    return f"missing (expected, not extracted):\n{missing}\nextra (extracted, not expected):\n{extra}"


@pytest.mark.golden
def test_bundled_article_entities_match_golden() -> None:
    actual = entity_rows(CORPUS / "nagorno-karabakh-2020.vi.txt")
    expected = read_golden(HERE / "golden" / "nagorno-karabakh-2020.entities.tsv")
    assert actual == expected, _diff(actual, expected)


@pytest.mark.golden
def test_unseen_article_names_are_discovered() -> None:
    document = read_article(HERE / "articles" / "ent-talish-2016.txt")
    entities, mentions = find_entities(document)
    discovered = {e.slug: e.kind for e in entities if not e.known}
    assert discovered == {
        "talysh-verin": "Place", "madaghavan": "Place", "gurgen-hovakimyan": "Person",
        "elvin-mammadli": "Person", "lelatepe": "Place", "nerkin-khndzoresk": "Place", "voskedzor": "Place",
        "tsaghkashat": "Place", "bryn-caldwell": "Person"}
    assert [m.text for m in mentions if m.entity == "gurgen-hovakimyan"] == ["Gurgen Hovakimyan", "Hovakimyan"]
    _, facts = find_positions(document, entities, mentions)
    assert ("gurgen-hovakimyan", "minister-of-defence-of-armenia") in {
        (f.subject, f.object) for f in facts if f.predicate == "holdsPosition"}


@pytest.mark.golden
def test_unseen_article_foreign_ministers_are_discovered_with_positions() -> None:
    document = read_article(HERE / "articles" / "ent-ceasefire-talks.txt")
    entities, mentions = find_entities(document)
    discovered = {e.slug: e.kind for e in entities if not e.known}
    assert discovered == {"davit-mkrtchyan": "Person", "rauf-qasimzade": "Person", "narovlya": "Place",
                          "oleg-sidorenkov": "Person", "dashkesan-yuxari": "Place"}
    assert {m.text for m in mentions if m.entity == "rauf-qasimzade"} == {"Rauf Qasimzade", "Qasimzade"}
    _, facts = find_positions(document, entities, mentions)
    assert {(f.subject, f.object) for f in facts if f.predicate == "holdsPosition"} == {
        ("davit-mkrtchyan", "minister-of-foreign-affairs-of-armenia"),
        ("rauf-qasimzade", "minister-of-foreign-affairs-of-azerbaijan")}


if __name__ == "__main__":  # regenerate the golden file after a reviewed change: python -m tests.test_entities_golden
    rows = entity_rows(CORPUS / "nagorno-karabakh-2020.vi.txt")
    header = "# entities, position facts and main conflict of the bundled article (reviewed by hand)\n"
    body = "\n".join("\t".join(row) for row in sorted(rows))
    (HERE / "golden" / "nagorno-karabakh-2020.entities.tsv").write_text(header + body + "\n", encoding="utf-8")
