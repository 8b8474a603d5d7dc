"""`kg build`: read papers and write the exports, all or nothing.

Each stage adds its files to one staging folder; the folder replaces the previous exports only when
every file has been written, so a failed or interrupted build leaves the old exports as they were.
"""
from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg import resources
from kg.atomic import Staging
from kg.errors import InputError
from kg.ingest import ReadReport, iter_records
from kg.ingest.merge import Merger
from kg.model import Paper
from kg.progress import Progress

DEFAULT_OUT = Path("exports")


@dataclass
class BuildReport:
    read: ReadReport
    out: Path
    written: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def default_inputs() -> list[Path]:
    """The bundled seed corpus."""
    return resources.seed_files()


def display_name(path: Path) -> str:
    """Bundled seeds are named `seeds/<file>` wherever the package is installed; other files as given."""
    try:
        return f"seeds/{path.resolve().relative_to(resources.seeds_dir().resolve())}"
    except ValueError:
        return str(path)


def write_papers(papers: Sequence[Paper], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for paper in papers:
            handle.write(json.dumps(paper.to_json(), ensure_ascii=False) + "\n")


def build(inputs: Sequence[str | Path] = (), out: str | Path = DEFAULT_OUT, *, format: str | None = None,
          keep_going: bool = False, quiet: bool = False) -> BuildReport:
    """Build the exports in `out` from `inputs` (the bundled seeds when empty)."""
    started = time.monotonic()
    report = BuildReport(read=ReadReport(), out=Path(out))
    sources = list(inputs) or default_inputs()
    merger = Merger()
    with Progress("reading", enabled=not quiet) as progress:
        for record in iter_records(sources, format=format, keep_going=keep_going, report=report.read,
                                   display=display_name):
            merger.add(record)
            progress.advance()
    papers = merger.papers()
    report.read.count_papers(papers)
    if not papers:
        raise InputError("no papers were read from the input")
    with Staging(out) as staging:
        write_papers(papers, staging.path("papers.jsonl"))
        report.written = staging.commit()
    report.seconds = time.monotonic() - started
    return report
