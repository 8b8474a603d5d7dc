"""A 1 GB JSON Lines input built in streaming fashion: the 28K-abstract corpora replicated into
distinct papers (bench/corpus.py) until the file passes --gigabytes, then `kg build` on it; prints the
wall time, the stage times and the peak memory of the build (its own and its workers').

Usage: python bench/big_input.py [--gigabytes 1.0] [--jobs 2] [--work DIR]
"""
from __future__ import annotations

import argparse
import math
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, markdown
from corpus import corpus_28k, corpus_replicated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gigabytes", type=float, default=1.0)
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "kg-bench-big"))
    args = parser.parse_args()
    work = Path(args.work)
    one_copy = sum(p.stat().st_size for folder in corpus_28k() for p in folder.glob("*.jsonl"))
    copies = math.ceil(args.gigabytes * 1e9 / one_copy)
    [source] = corpus_replicated(work, copies)
    out = work / "out"
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "kg.cli.main", "build", str(source), "--out", str(out),
                             "--jobs", args.jobs, "--no-html", "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"kg build failed: {result.stderr.strip()[-500:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    papers = re.search(r"([\d,]+) papers in all", result.stdout).group(1)
    triples = re.search(r"RDF: ([\d,]+) triples", result.stdout).group(1)
    stages = result.stdout.split("Done in")[-1].strip()
    rows = [["input", f"{source.stat().st_size / 1e9:.2f} GB JSON Lines ({copies} copies of the 28K corpora)"],
            ["papers", papers], ["triples", triples], ["wall", f"{seconds / 60:.1f} min"], ["stages", stages],
            ["peak RSS (largest process)", f"{peak:,.0f} MB"]]
    print(markdown(rows, ["kg build", "figure"]))


if __name__ == "__main__":
    main()
