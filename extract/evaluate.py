"""Score an extraction against a hand-written golden facts file: precision, recall, F1 per relation.

A golden file (``tests/golden/*.facts.tsv``) has one fact per line, ``subject<TAB>predicate<TAB>object``;
``#`` starts a comment. Objects are written as an entity or event slug, ``"lexical"^^datatype``
for a date (``"2020-11-09"^^date``), or ``"text"`` for a plain value (a status, a count). The
pseudo-predicate ``type`` gives an event's class. Facts are compared as sets of these rows; only
facts about events are scored (positions and entities have their own golden tests).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from extract.model import ArticleExtraction, DateValue, TextValue

Row = tuple[str, str, str]
TYPE = "type"


@dataclass(frozen=True)
class Score:
    """Counts for one relation (or all of them)."""

    relation: str
    expected: int
    found: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else (1.0 if not self.found else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def object_text(obj: str | DateValue | TextValue) -> str:
    """The golden-file spelling of a fact's object."""
    if isinstance(obj, DateValue):
        return f'"{obj.lexical}"^^{obj.datatype}'
    if isinstance(obj, TextValue):
        return f'"{obj.value}"'
    return obj


def event_rows(extraction: ArticleExtraction) -> set[Row]:
    """The extraction's event facts, and each event's type, as golden rows."""
    events = {event.slug: event for event in extraction.events}
    rows = {(slug, TYPE, event.kind) for slug, event in events.items()}
    rows |= {(f.subject, f.predicate, object_text(f.object)) for f in extraction.facts if f.subject in events}
    return rows


def read_golden(path: Path | str) -> set[Row]:
    """The rows of a golden facts file."""
    rows: set[Row] = set()
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise ValueError(f"{path}:{number}: expected 3 tab-separated fields, got {len(fields)}")
        rows.add((fields[0].strip(), fields[1].strip(), fields[2].strip()))
    return rows


def score(expected: set[Row], found: set[Row]) -> list[Score]:
    """One Score per relation present on either side, then the overall one (relation ``all``)."""
    relations = sorted({row[1] for row in expected | found})
    scores = [Score(relation, *_counts([r for r in expected if r[1] == relation],
                                       [r for r in found if r[1] == relation]))
              for relation in relations]
    return [*scores, Score("all", *_counts(expected, found))]


def _counts(expected: Iterable[Row], found: Iterable[Row]) -> tuple[int, int, int]:
    expected, found = set(expected), set(found)
    return len(expected), len(found), len(expected & found)


def table(scores: list[Score]) -> str:
    """A plain-text table of the scores."""
    lines = [f"{'relation':<16}{'gold':>6}{'found':>7}{'ok':>5}{'P':>7}{'R':>7}{'F1':>7}"]
    for s in scores:
        lines.append(f"{s.relation:<16}{s.expected:>6}{s.found:>7}{s.correct:>5}"
                     f"{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}")
    return "\n".join(lines)


def differences(expected: set[Row], found: set[Row]) -> str:
    """Missing and extra rows, one per line, for reading a failed comparison."""
    missing = ["- " + "\t".join(row) for row in sorted(expected - found)]
    extra = ["+ " + "\t".join(row) for row in sorted(found - expected)]
    return "\n".join(["missing (in golden, not extracted):", *missing, "extra (extracted, not in golden):", *extra])


def golden_pairs(root: Path | str) -> list[tuple[Path, Path]]:
    """(article, golden) pairs of a checkout: every ``tests/golden/*.facts.tsv`` with its article.

    The article is ``tests/articles/{name}.txt`` or the bundled ``extract/corpus/{name}.vi.txt``.
    """
    root = Path(root)
    pairs = []
    for golden in sorted((root / "tests" / "golden").glob("*.facts.tsv")):
        name = golden.name.removesuffix(".facts.tsv")
        for article in (root / "tests" / "articles" / f"{name}.txt", root / "extract" / "corpus" / f"{name}.vi.txt"):
            if article.exists():
                pairs.append((article, golden))
                break
        else:
            raise FileNotFoundError(f"{golden}: no article named {name}")
    return pairs


def evaluate(article: Path | str, golden: Path | str) -> tuple[list[Score], str]:
    """Extract ``article``, compare with ``golden``: the scores and the readable differences."""
    from extract.pipeline import extract_article  # the pipeline loads every extractor's data

    found = event_rows(extract_article(article))
    expected = read_golden(golden)
    return score(expected, found), differences(expected, found)
