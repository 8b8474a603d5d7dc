"""`kg build`: read papers, extract, build the graph and write every export, all or nothing.

Each stage adds its files to one staging folder; the folder replaces the previous exports only when
every file has been written, so a failed or interrupted build leaves the old exports as they were.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import resources
from kg.atomic import Staging
from kg.errors import InputError
from kg.ingest import ReadReport, iter_records
from kg.ingest.merge import Merger
from kg.model import Paper
from kg.progress import Progress

DEFAULT_OUT = Path("exports")
CACHE_DIR = ".cache"


@dataclass
class BuildReport:
    read: ReadReport
    out: Path
    written: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)  # by type
    mentions: int = 0
    results: int = 0
    graph: dict[str, int] = field(default_factory=dict)
    rdf: Any = None
    extract: Any = None


def default_inputs() -> list[Path]:
    """The bundled seed corpus."""
    return resources.seed_files()


def display_name(path: Path) -> str:
    """Bundled seeds are named `seeds/<file>` wherever the package is installed; other files as given."""
    try:
        return f"seeds/{path.resolve().relative_to(resources.seeds_dir().resolve())}"
    except ValueError:
        return str(path)


def write_jsonl(items, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")


def read_existing(out: Path) -> list[Paper]:
    """The papers of an earlier build (for --update)."""
    path = out / "papers.jsonl"
    if not path.exists():
        raise InputError(f"{out}: no earlier build to update (no {path}); run 'kg build' first")
    papers = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            try:
                papers.append(Paper.from_json(json.loads(line)))
            except (ValueError, TypeError) as exc:
                raise InputError(f"{path}:{number}: not a paper record ({exc})") from None
    return papers


def read_inputs(inputs: Sequence[str | Path], report: BuildReport, *, format: str | None, keep_going: bool,
                quiet: bool, existing: Sequence[Paper] = ()) -> list[Paper]:
    merger = Merger()
    for paper in existing:
        merger.add(paper)
    with Progress("reading", enabled=not quiet) as progress:
        for record in iter_records(list(inputs) or default_inputs(), format=format, keep_going=keep_going,
                                   report=report.read, display=display_name):
            merger.add(record)
            progress.advance()
    papers = merger.papers()
    report.read.count_papers(papers)
    if not papers:
        raise InputError("no papers were read from the input")
    return papers


def build(inputs: Sequence[str | Path] = (), out: str | Path = DEFAULT_OUT, *, format: str | None = None,
          keep_going: bool = False, quiet: bool = False, gazetteers: Sequence[str | Path] = (),
          html: bool = True, jobs: int = 1, update: bool = False, cache: bool = True,
          engine: str = "local", scheduler: str | None = None) -> BuildReport:
    """Build the exports in `out` from `inputs` (the bundled seeds when empty).

    `update`: add `inputs` to the papers of the build already in `out`; with the cache (on by
    default, in `out/.cache/`) only papers whose text is new are extracted. `jobs`, `engine` and
    `scheduler` choose where the extraction runs (processes, or a Dask cluster)."""
    from kg.extract import extract
    from kg.extract.gazetteer import gazetteer

    started = time.monotonic()
    report = BuildReport(read=ReadReport(), out=Path(out))

    def lap(name: str, since: float) -> float:
        now = time.monotonic()
        report.timings[name] = now - since
        return now

    out = Path(out)
    if update and not inputs:
        raise InputError("--update needs the new input files to add")
    existing = read_existing(out) if update else []
    papers = read_inputs(inputs, report, format=format, keep_going=keep_going, quiet=quiet, existing=existing)
    t = lap("read", started)
    extra = tuple(str(g) for g in gazetteers)
    from kg.extract import ExtractStats

    report.extract = ExtractStats()
    with Progress("extracting", total=len(papers), enabled=not quiet) as progress:
        records = extract(papers, gazetteers=extra, on_paper=progress.advance, jobs=jobs, engine=engine,
                          scheduler=scheduler, cache_dir=out / CACHE_DIR if cache else None, stats=report.extract)
    t = lap("extract", t)
    for record in records:
        report.results += len(record["results"])
        for entity in record["entities"]:
            report.entities[entity["type"]] += 1
            report.mentions += len(entity["mentions"])
    kb, _, _ = gazetteer(extra)
    with Staging(out) as staging:
        return _write(report, staging, papers, records, kb, html, started, t)


def _write(report: BuildReport, staging: Staging, papers: list[Paper], records: list[dict[str, Any]], kb,
           html: bool, started: float, t: float) -> BuildReport:
    """Every export into the staging folder, then all of them into place."""
    from kg.graph import build_graph
    from kg.graph.io import write_node_link
    from kg.query.lookup import write_index
    from kg.rdf.export import write_rdf

    def lap(name: str, since: float) -> float:
        now = time.monotonic()
        report.timings[name] = now - since
        return now

    write_jsonl((p.to_json() for p in papers), staging.path("papers.jsonl"))
    write_jsonl(records, staging.path("extractions.jsonl"))
    graph = build_graph(papers, records, kb)
    del records[:]  # the graph has what the rest needs
    report.graph = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    t = lap("graph", t)
    write_node_link(graph, staging.path("graph.json"))
    write_index(graph, staging.path("entities.json"))
    t = lap("write json", t)
    report.rdf = write_rdf(graph, staging.dir)
    t = lap("rdf", t)
    if html:
        from kg.views import render_default

        render_default(graph, staging.path("graph.html"))
        t = lap("html", t)
    report.written = staging.commit()
    report.seconds = time.monotonic() - started
    return report
