"""Shared helpers for the benchmark scripts: locating ../shared, peak memory, a markdown table."""
from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_CANDIDATES = [os.environ.get("KG_SHARED"), ROOT.parent / "shared", "/work/shared"]


def shared_dir() -> Path | None:
    return next((Path(c) for c in _CANDIDATES if c and (Path(c) / "corpora").is_dir()), None)


def require_shared() -> Path:
    found = shared_dir()
    if found is None:
        print("skipped: ../shared/ (corpora and gold data) not found; set KG_SHARED", file=sys.stderr)
        raise SystemExit(0)
    return found


def peak_rss_mb() -> float:
    """Peak resident memory of this process (and finished children), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def markdown(rows: list[list[object]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
