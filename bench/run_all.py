"""Run the benchmarks of bench/ in turn (``make bench``), with short settings unless ``--full``.

Each script prints its own tables, ratios against a baseline measured in the same run
(``oxigraph serve``, a bare POS pass, a regex scan, …); this prints them as they come, then
one summary per script: its exit status, its time, and the lines and tables of its output
that carry a ratio. ``--full`` runs every script with its own (longer) defaults instead.

    python bench/run_all.py [--full] [--only NAME …]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# Script and the arguments that keep it to a minute or two on a 2-core machine.
SHORT_RUNS = {
    "bench_server.py": ["--rounds", "100", "--slices", "2"],
    "bench_search.py": ["--triples", "100000", "--rounds", "3"],
    "bench_load.py": ["--sizes", "100000", "--rounds", "5"],
    "bench_build.py": ["--sizes", "1", "10"],
    "bench_extract.py": ["--articles", "2", "--runs", "1"],
    "bench_validate.py": ["1"],
    "load_test.py": ["--clients", "20", "--seconds", "15"],  # the default warm-up reaches all 8 workers
}


def run(script: str, arguments: list[str]) -> tuple[int, float, list[str]]:
    """Run one script, echoing its output; its exit status, seconds, and output lines that mention a ratio."""
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, str(BENCH / script), *arguments], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, cwd=BENCH.parent)
    ratio_lines: list[str] = []
    in_ratio_table = False
    assert process.stdout is not None
    for line in process.stdout:
        print(line, end="", flush=True)
        # A line naming a ratio, and every row of a Markdown table whose header names one.
        in_ratio_table = line.startswith("|") and (in_ratio_table or "ratio" in line.lower())
        if in_ratio_table or "ratio" in line.lower():
            ratio_lines.append(line.rstrip())
    return process.wait(), time.monotonic() - started, ratio_lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="each script's own defaults (much longer)")
    parser.add_argument("--only", nargs="+", choices=sorted(SHORT_RUNS), help="run only these scripts")
    options = parser.parse_args()
    summary = []
    for script, arguments in SHORT_RUNS.items():
        if options.only and script not in options.only:
            continue
        print(f"\n=== {script} {' '.join([] if options.full else arguments)}", flush=True)
        status, seconds, ratio_lines = run(script, [] if options.full else arguments)
        summary.append((script, status, seconds, ratio_lines))
    print("\n=== summary")
    for script, status, seconds, ratio_lines in summary:
        print(f"{script}: {'ok' if status == 0 else f'exit {status}'} in {seconds:.0f} s")
        for line in ratio_lines:
            print(f"    {line}")
    sys.exit(max((status for _, status, _, _ in summary), default=0) != 0)


if __name__ == "__main__":
    main()
