"""Synthetic Vietnamese articles in the bundled article's style, with names, dates and phrasings varied.

Each copy starts from a base article (default: the bundled corpus) and, with a
random generator seeded by its number:

- swaps every gazetteer name of a person, place, country or organisation for the
  Vietnamese name of another gazetteer entry of the same kind;
- shifts day numbers and years by offsets of its own (the date fragments of
  ``extract/data/vi/dates.toml`` find them);
- rewords the phrasings listed in ``bench/data/synthetic_phrasings.toml``.

So copies are extracted for real (different entities, dates and events per copy)
while keeping the style the extractor is built for.

    python bench/synthetic_articles.py --copies 100 --out data/bench-articles
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.datafile import Section, load_toml  # noqa: E402
from extract.gazetteer import Gazetteer  # noqa: E402
from extract.langdata import load_language_data  # noqa: E402

PHRASINGS = Path(__file__).with_name("data") / "synthetic_phrasings.toml"
SWAPPED_KINDS = ("Person", "Place", "Country", "Organization")
MAX_DAY_SHIFTED = 28  # days up to 28 exist in every month, so a shifted date stays a real date


class PhrasingGroup(Section):
    variants: list[str]


class PhrasingsFile(Section):
    phrasings: list[PhrasingGroup]


@dataclass(frozen=True)
class Vocabulary:
    """What copies vary: names per kind, phrasing groups, and the date patterns."""

    names: dict[str, list[list[str]]]  # kind -> one list of Vietnamese labels per entity
    phrasings: list[list[str]]
    day_month: re.Pattern
    bare_year: re.Pattern


@cache
def vocabulary() -> Vocabulary:
    """Read the gazetteer, the phrasing groups and the date fragments once."""
    names: dict[str, list[list[str]]] = {kind: [] for kind in SWAPPED_KINDS}
    for entry in Gazetteer.load().entries.values():
        labels = [label for label in entry.labels.get("vi", []) if len(label) > 2]
        if entry.kind in names and labels:
            names[entry.kind].append(labels)
    phrasings = load_toml(PHRASINGS, PhrasingsFile, "bench/data/synthetic_phrasings.toml")["phrasings"]
    dates = load_language_data("vi", "dates")
    return Vocabulary(
        names,
        [group["variants"] for group in phrasings],
        re.compile(dates["fragments"]["day_month"]),
        re.compile(dates["fragments"]["bare_year"]),
    )


def _word_pattern(words: list[str]) -> re.Pattern:
    """Any of ``words`` as a whole word, longest first."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def swap_names(text: str, rng: random.Random, names: dict[str, list[list[str]]]) -> str:
    """Every name of an entity found in ``text`` becomes the name of another entity of the same kind."""
    replacement: dict[str, str] = {}
    for entities in names.values():
        present = [labels for labels in entities if any(label in text for label in labels)]
        targets = rng.sample(entities, len(present))
        for labels, target in zip(present, targets, strict=True):
            for label in labels:
                replacement.setdefault(label, target[0])
    if not replacement:
        return text
    return _word_pattern(list(replacement)).sub(lambda match: replacement[match.group()], text)


def shift_dates(text: str, rng: random.Random, vocab: Vocabulary) -> str:
    """Move day numbers by up to two weeks and every year by up to five years, one shift per copy."""
    day_shift, year_shift = rng.randint(1, 14), rng.randint(-5, 5)

    def shifted_day(match: re.Match) -> str:
        day = int(match["day"])
        if day > MAX_DAY_SHIFTED:
            return match.group()
        begin, end = match.span("day")
        start = match.start()
        new_day = (day - 1 + day_shift) % MAX_DAY_SHIFTED + 1
        return match.group()[: begin - start] + str(new_day) + match.group()[end - start :]

    text = vocab.day_month.sub(shifted_day, text)
    return vocab.bare_year.sub(lambda match: str(int(match["year"]) + year_shift), text)


def reword(text: str, rng: random.Random, phrasings: list[list[str]]) -> str:
    """Each phrasing of a group, wherever it occurs, becomes a variant of that group chosen at random."""
    for variants in phrasings:
        text = _word_pattern(variants).sub(lambda match, variants=variants: rng.choice(variants), text)
    return text


def synthetic_article(base: str, number: int, seed: int = 11) -> str:
    """Copy ``number`` of the base article text."""
    rng = random.Random(seed * 1_000_003 + number)
    vocab = vocabulary()
    text = swap_names(base, rng, vocab.names)
    text = shift_dates(text, rng, vocab)
    return reword(text, rng, vocab.phrasings)


def bundled_article() -> Path:
    """The first article of the bundled corpus."""
    corpus = files("extract.corpus")
    return Path(str(sorted(corpus / entry.name for entry in corpus.iterdir() if entry.name.endswith(".txt"))[0]))


def write_articles(out: Path, copies: int, base: Path | None = None, seed: int = 11) -> list[Path]:
    """Write ``copies`` synthetic articles ``synthetic-NNNN.vi.txt`` into ``out``; their paths."""
    base_text = (base or bundled_article()).read_text(encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(copies):
        path = out / f"synthetic-{number:04d}.vi.txt"
        path.write_text(synthetic_article(base_text, number, seed), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    """Command line: write synthetic articles."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--base", type=Path, help="base article (default: the bundled one)")
    parser.add_argument("--seed", type=int, default=11)
    arguments = parser.parse_args()
    paths = write_articles(arguments.out, arguments.copies, arguments.base, arguments.seed)
    print(f"{len(paths)} article(s) in {arguments.out}")


if __name__ == "__main__":
    main()
