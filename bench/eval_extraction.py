"""Print precision, recall and F1 per relation for every article that has a golden facts file.

    .venv/bin/python bench/eval_extraction.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.evaluate import evaluate, golden_pairs, table  # noqa: E402  (after the path is set)


def main() -> int:
    """One table per article, then a summary line per article."""
    summary = []
    for article, golden in golden_pairs(ROOT):
        scores, _ = evaluate(article, golden)
        print(f"== {article.relative_to(ROOT)}")
        print(table(scores))
        print()
        overall = scores[-1]
        summary.append(f"{article.name:<40}P {overall.precision:.3f}  R {overall.recall:.3f}  F1 {overall.f1:.3f}")
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
