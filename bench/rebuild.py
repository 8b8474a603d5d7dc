"""Rebuilds of the 28K-abstract corpora (or the seeds): a full build, the same build again on
unchanged input (up to date), a rebuild whose exports were touched (every paper from the cache), and
`--update` with the second half of the input; each as a fraction of the full build.

Usage: python bench/rebuild.py [--inputs 28k|seeds] [--jobs 2] [--work DIR]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, markdown
from corpus import corpus_28k, seeds

KG = [sys.executable, "-m", "kg.cli.main", "build", "--no-html", "--quiet"]


def timed(*args: str | Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"kg build failed: {result.stderr.strip()[-500:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", choices=["28k", "seeds"], default="28k")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "kg-bench-rebuild"))
    args = parser.parse_args()
    files = corpus_28k() if args.inputs == "28k" else seeds()
    if args.inputs == "28k":  # the folders' files, so that --update can take half of them
        files = sorted(p for folder in files for p in folder.glob("*.jsonl"))
    out = Path(args.work) / "out"
    shutil.rmtree(args.work, ignore_errors=True)
    jobs = ("--jobs", args.jobs)
    full = timed(*files, "--out", out, *jobs)
    unchanged = timed(*files, "--out", out, *jobs)
    (out / "graph.ttl").unlink()
    cached = timed(*files, "--out", out, *jobs)
    half = len(files) // 2
    update_out = Path(args.work) / "update"
    timed(*files[:half], "--out", update_out, *jobs)
    update = timed("--update", *files[half:], "--out", update_out, *jobs)
    rows = [["full build (empty cache)", f"{full:.1f} s", "1.00"],
            ["unchanged input: up to date", f"{unchanged:.1f} s", f"{unchanged / full:.3f}"],
            ["exports touched: every paper from the cache", f"{cached:.1f} s", f"{cached / full:.2f}"],
            [f"--update with {len(files) - half} of {len(files)} input files", f"{update:.1f} s", f"{update / full:.2f}"]]
    print(f"kg build of {args.inputs} ({len(files)} input files, --jobs {args.jobs}, wall time of the whole command)")
    print(markdown(rows, ["run", "wall", "fraction of full"]))
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
