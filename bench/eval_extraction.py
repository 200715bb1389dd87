"""Print precision, recall and F1 per relation for articles that have a golden facts file.

    .venv/bin/python bench/eval_extraction.py            # every golden of the checkout
    .venv/bin/python bench/eval_extraction.py DIR [-v]   # NAME.txt + NAME.facts.tsv pairs of DIR
                                                         # (-v: the differences too)
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.evaluate import evaluate, golden_pairs, table  # noqa: E402  (after the path is set)


def folder_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(article, golden) pairs of a folder of blind articles: ``NAME.txt`` beside ``NAME.facts.tsv``."""
    return [(golden.with_name(golden.name.removesuffix(".facts.tsv") + ".txt"), golden)
            for golden in sorted(folder.glob("*.facts.tsv"))
            if golden.with_name(golden.name.removesuffix(".facts.tsv") + ".txt").exists()]


def main(argv: list[str]) -> int:
    """One table per article, then a summary line per article and the median F1."""
    verbose = "-v" in argv
    folders = [Path(a) for a in argv if a != "-v"]
    pairs = [p for folder in folders for p in folder_pairs(folder)] if folders else golden_pairs(ROOT)
    summary, f1s = [], []
    for article, golden in pairs:
        scores, diff = evaluate(article, golden)
        print(f"== {article}")
        print(table(scores))
        if verbose:
            print(diff)
        print()
        overall = scores[-1]
        f1s.append(overall.f1)
        summary.append(f"{article.name:<40}P {overall.precision:.3f}  R {overall.recall:.3f}  F1 {overall.f1:.3f}")
    print("\n".join(summary))
    if f1s:
        print(f"median F1 {statistics.median(f1s):.3f} over {len(f1s)} articles (min {min(f1s):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
