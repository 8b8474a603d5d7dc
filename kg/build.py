"""`kg build`: read papers, extract, build the graph and write every export, all or nothing.

Each stage adds its files to one staging folder; the folder replaces the previous exports only when
every file has been written, so a failed or interrupted build leaves the old exports as they were.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, ContextManager

from kg import jsonlines, resources
from kg.atomic import Staging
from kg.collector import collecting_less
from kg.earlier import EarlierFile, EarlierInputs, EarlierOptions
from kg.errors import InputError, InterruptedAfterCommit, UsageError
from kg.fingerprint import build_fingerprint, forget_build, is_up_to_date, record_build
from kg.ingest import ReadReport, iter_records, note_clashes
from kg.interrupts import check as check_interrupted, signals_held
from kg.ingest.merge import SpoolMerger
from kg.model import Paper
from kg.progress import Progress

DEFAULT_OUT = Path("exports")
CACHE_DIR = ".cache"
FOLLOW_FROM = 4_000  # papers from which Turtle and JSON-LD are converted while graph.nt is written
# exports a build can leave out (`skip`), by name, with the files they are
OPTIONAL_EXPORTS = {"html": ("graph.html",), "jsonld": ("graph.jsonld",), "store": ("store",),
                    "graph-json": ("graph.json",)}


@dataclass
class BuildReport:
    read: ReadReport
    out: Path
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # an earlier build's exports this one skipped
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)  # by type
    mentions: int = 0
    results: int = 0
    graph: dict[str, int] = field(default_factory=dict)
    rdf: Any = None
    extract: Any = None
    up_to_date: bool = False  # nothing to do: the exports were built from the same inputs and options
    kept_options: list[str] = field(default_factory=list)  # an update's options taken from the earlier build


def _maybe_open(path: Path, wanted: bool) -> ContextManager[IO[str] | None]:
    """`path` opened for writing, or None in its place when the file is not wanted."""
    return open(path, "w", encoding="utf-8") if wanted else nullcontext()


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
    with open(path, "wb") as handle:
        for item in items:
            handle.write(jsonlines.line(item))


def read_existing(out: Path) -> Iterator[Paper]:
    """The papers of an earlier build (for --update), streamed; an error at once if there is none."""
    path = out / "papers.jsonl"
    if not path.exists():
        raise InputError(f"{out}: no earlier build to update (no {path}); run 'kg build' first")
    return read_papers_file(path)


def read_papers_file(path: Path) -> Iterator[Paper]:
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            try:
                yield Paper.from_json(jsonlines.loads(line))
            except (ValueError, TypeError) as exc:
                raise InputError(f"{path}:{number}: not a paper record ({exc})") from None


def ingest(inputs: Sequence[str | Path], report: BuildReport, staging: Staging, *, format: str | None,
           keep_going: bool, quiet: bool, reread: Sequence[EarlierFile] = (), kept: Iterable[Paper] = (),
           on_record: Callable[[Paper], None] | None = None) -> tuple[Path, set[str]]:
    """Read, clean and merge the papers into the staged papers.jsonl (spooled: any input size); its
    path and the papers' ids. The `reread` files of an earlier build come first (each with its
    earlier format and name), then the `kept` papers of that build (those records merge into the
    fresh ones), then the `inputs` (without the reread files). `on_record` is given each record
    read from a file (a `kg.extract.prefetch.Prefetch`'s offer)."""
    merger = SpoolMerger(staging.path(".records.spool"))
    try:
        with Progress("reading", enabled=not quiet) as progress:
            for earlier in reread:
                for record in iter_records([earlier.path], format=earlier.format, keep_going=keep_going,
                                           report=report.read, display=lambda _, name=earlier.name: name):
                    merger.add(record)
                    if on_record is not None:
                        on_record(record)
                    progress.advance()
            for paper in kept:
                merger.add(paper)
                report.read.earlier += 1
            for record in iter_records(list(inputs) or default_inputs(), format=format, keep_going=keep_going,
                                       report=report.read, display=display_name,
                                       exclude=[f.path for f in reread]):
                merger.add(record)
                if on_record is not None:
                    on_record(record)
                progress.advance()
        path = staging.path("papers.jsonl")
        counts: Counter[str] = Counter()
        ids: set[str] = set()
        with open(path, "wb") as handle:
            for paper_id, source_format, line in merger.lines():
                handle.write(line)
                counts[source_format] += 1
                ids.add(paper_id)
        report.read.papers = sum(counts.values())
        report.read.papers_by_format = dict(counts)
        note_clashes(report.read, merger.clashes)
    finally:
        merger.close()
    if not report.read.papers:
        raise InputError(f"no papers were read from {', '.join(map(str, inputs)) or 'the input'}")
    return path, ids


def _remember(cache_dir: Path, earlier: EarlierInputs, report: BuildReport, extra: tuple[str, ...],
              ner: bool) -> None:
    """Note in `cache_dir` the input files the next --update reads again, and the options it uses."""
    earlier.save(cache_dir, report.read.files)
    EarlierOptions(tuple(str(Path(g).resolve()) for g in extra), ner).save(cache_dir)


def _kept_options(earlier: EarlierOptions, extra: tuple[str, ...], ner: bool, report: BuildReport
                  ) -> tuple[tuple[str, ...], bool]:
    """An update's extraction options: its own --gazetteer files, or else the earlier build's (those
    still there: a gone one is a warning); --ner if either build asked for it. Without them the earlier
    papers were extracted again without the user's entries, and those vanished from the graph."""
    if not extra and earlier.gazetteers:
        extra = tuple(g for g in earlier.gazetteers if Path(g).is_file())
        for gone in sorted(set(earlier.gazetteers) - set(extra)):
            report.read.warnings.append(f"{gone}: the earlier build's gazetteer is gone; its entries are no "
                                        "longer used")
        report.kept_options += [f"--gazetteer {g}" for g in extra]
    if earlier.ner and not ner:
        report.kept_options.append("--ner")
        ner = True
    return extra, ner


def build(inputs: Sequence[str | Path] | str | Path = (), out: str | Path = DEFAULT_OUT, *, format: str | None = None,
          keep_going: bool = False, quiet: bool = False, gazetteers: Sequence[str | Path] = (),
          html: bool = True, jobs: int = 1, update: bool = False, cache: bool = True,
          engine: str = "local", scheduler: str | None = None, ner: bool = False,
          skip: Iterable[str] = ()) -> BuildReport:
    """Build the exports in `out` from `inputs` (the bundled seeds when empty).

    Everything streams: papers are spooled to disk and read back in chunks, so memory grows with the
    number of entities, not with papers times text. `update`: add `inputs` to the papers of the build
    already in `out`, whose input files are read again as they are now (kg.earlier; the papers of
    files that are gone are kept), with its extra gazetteers and NER mode unless given others; with the cache (on by default, in `out/.cache/`) only papers whose
    text is new are extracted, and a build whose inputs, options and kg version are those of the build
    in `out` (its exports untouched) does nothing and returns a report with `up_to_date` set. `jobs`,
    `engine` and `scheduler` choose where the extraction runs;
    `ner` adds the statistical NER (an opt-in accuracy mode). `skip`: names of `OPTIONAL_EXPORTS` not to
    write (`html=False` is "html"); an earlier build's copies of them are removed, not left stale.
    From `FOLLOW_FROM` papers, Turtle and JSON-LD are converted by subprocesses while graph.nt is
    written (`kg.rdf.follow`), whatever `jobs` is."""
    started = time.monotonic()
    inputs = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)  # build("papers.jsonl")
    gazetteers = [gazetteers] if isinstance(gazetteers, (str, Path)) else list(gazetteers)
    skip = ({skip} if isinstance(skip, str) else set(skip)) | (set() if html else {"html"})
    unknown = sorted(skip - set(OPTIONAL_EXPORTS))
    if unknown:
        raise UsageError(f"cannot skip {unknown[0]!r}: the optional exports are {', '.join(OPTIONAL_EXPORTS)}")
    out = Path(out)
    report = BuildReport(read=ReadReport(), out=out)
    if update and not inputs:
        raise InputError("--update needs the new input files to add")
    if not isinstance(jobs, int) or jobs < 1:
        raise UsageError(f"jobs must be a whole number of at least 1 (got {jobs!r})")
    extra = tuple(str(g) for g in gazetteers)
    clock = [started]
    cache_dir = out / CACHE_DIR
    earlier, kept = EarlierInputs([]), iter(())
    if update:  # the earlier build's files that are still there are read again, its other papers kept
        earlier = EarlierInputs.load(cache_dir)  # as they were (streamed from its papers.jsonl, which
        kept = earlier.kept(read_existing(out))   # the staged exports replace only at the end)
        report.read.reread = len(earlier.there)
        if earlier.problem:
            report.read.warnings.append(f"{earlier.problem}: the earlier build's papers are kept as they were")
        extra, ner = _kept_options(EarlierOptions.load(cache_dir), extra, ner, report)
    fingerprint = None
    if cache and not update:
        options = {"format": format, "keep_going": keep_going, "skip": sorted(skip), "ner": ner,
                   "gazetteers": [build_fingerprint([Path(g)], {}) for g in extra]}
        fingerprint = build_fingerprint(list(inputs) or default_inputs(), options)
        if fingerprint is not None and is_up_to_date(out, cache_dir, fingerprint):
            report.up_to_date = True
            report.seconds = time.monotonic() - started
            return report

    from kg.extract import ExtractStats, extract_stream
    from kg.extract.gazetteer import gazetteer
    from kg.graph.stream import GraphAggregator, PaperExporter, assemble_node_link
    from kg.query.lookup import write_index
    from kg.query.paper_index import NAME as PAPER_INDEX
    from kg.query.paper_index import PaperIndexWriter
    from kg.rdf.export import StoreLoad, rdf_outputs, write_rdf_from_nt
    from kg.rdf.follow import FollowingConversion


    def lap(name: str) -> None:
        now = time.monotonic()
        report.timings[name] = report.timings.get(name, 0.0) + now - clock[0]
        clock[0] = now
        check_interrupted()

    with Staging(out) as staging, collecting_less(), ExitStack() as stages:
        # with jobs to spare, extraction begins on another core while the papers are read (not with
        # the statistical NER, whose results might depend on how papers are batched)
        prefetch = None
        if jobs > 1 and engine == "local" and not scheduler and not ner:
            from kg.extract.prefetch import Prefetch

            prefetch = stages.enter_context(Prefetch(extra, ner, cache_dir if cache else None))
        papers_path, paper_ids = ingest(inputs, report, staging, format=format, keep_going=keep_going,
                                        quiet=quiet, reread=earlier.there, kept=kept,
                                        on_record=prefetch.offer if prefetch is not None else None)
        if prefetch is not None:
            prefetch.finish()
        lap("read")
        # a large build converts graph.nt to Turtle and JSON-LD while writing it (kg.rdf.follow)
        # (stopped before the staging folder goes, if the build fails)
        following = None
        if len(paper_ids) >= FOLLOW_FROM and sys.executable:  # (an embedded Python may have none)
            outputs = rdf_outputs(staging.dir, jsonld="jsonld" not in skip)
            following = stages.enter_context(FollowingConversion(staging.path("graph.nt"), outputs))
        kb, _, _ = gazetteer(extra)
        report.extract = ExtractStats()
        node_link = "graph-json" not in skip
        nodes_part, edges_part = staging.path(".nodes.part"), staging.path(".edges.part")
        with open(staging.path("extractions.jsonl"), "wb") as records_out, \
                open(staging.path("graph.nt"), "wb") as nt, \
                _maybe_open(nodes_part, node_link) as nodes, _maybe_open(edges_part, node_link) as edges, \
                Progress("extracting", total=len(paper_ids), enabled=not quiet) as progress:
            if following is not None:
                following.start()
            paper_index = PaperIndexWriter(staging.path(PAPER_INDEX))
            aggregator = GraphAggregator(nt=nt, nodes=nodes, edges=edges, paper_ids=paper_ids, index=paper_index)
            stream = extract_stream(lambda: read_papers_file(papers_path), gazetteers=extra, jobs=jobs,
                                    engine=engine, scheduler=scheduler, on_paper=progress.advance,
                                    cache_dir=out / CACHE_DIR if cache else None, stats=report.extract,
                                    ner=ner, transform=PaperExporter(paper_ids, node_link=node_link),
                                    prefetched=prefetch)
            for paper, exported in stream:
                check_interrupted()
                summary = exported.summary
                records_out.write(exported.line)
                report.results += summary.results
                for use in summary.entities:
                    report.entities[use.type] += 1
                    report.mentions += use.mentions
                aggregator.add(paper, summary, exported.render)
            lap("extract and graph")
            entity_graph = aggregator.finish(kb)
            paper_index.add_variants((u, v) for u, v, key in entity_graph.edges(keys=True) if key == "variant_of")
            paper_index.close()
        # graph.nt is complete: the store loads on the second core while the other exports are written
        # (28K abstracts: the JSON files and Turtle no longer wait for it)
        with (StoreLoad(staging.dir) if "store" not in skip else nullcontext()) as store_load:
            if node_link:
                assemble_node_link(nodes_part, edges_part, staging.path("graph.json"))
                nodes_part.unlink()
                edges_part.unlink()
            write_index(entity_graph, staging.path("entities.json"))
            report.graph = {"nodes": len(aggregator.seen_nodes) + aggregator.papers + entity_graph.number_of_nodes(),
                            "edges": aggregator.total_edges}
            lap("write json")
            if following is not None:
                following.finish()
            report.rdf = write_rdf_from_nt(staging.dir, aggregator, jsonld="jsonld" not in skip,
                                           converted=following is not None)
            lap("rdf")
            if "html" not in skip:
                from kg.views import ViewSource, render_default

                render_default(ViewSource.from_aggregator(aggregator, entity_graph), staging.path("graph.html"))
                lap("html")
            if store_load is not None:
                store_load.wait()
                lap("store")
        check_interrupted()  # a Ctrl-C lost on its way (see kg.interrupts) must not let the swap happen
        try:
            report.written = staging.commit(remove=[name for key in sorted(skip) for name in OPTIONAL_EXPORTS[key]])
            report.removed = staging.removed
        except KeyboardInterrupt:
            if staging.committed:  # the exports are this build's: so is what the next --update reads
                with signals_held():
                    _remember(cache_dir, earlier, report, extra, ner)
                    forget_build(cache_dir)
                raise InterruptedAfterCommit(f"interrupted, after the new exports were written to {out}") from None
            raise
    _remember(cache_dir, earlier, report, extra, ner)
    if fingerprint is not None and not report.read.errors and not report.read.warnings:
        record_build(cache_dir, fingerprint, report.written)
    else:  # a build to repeat in full next time (to show its problems again, or after --update)
        forget_build(cache_dir)
    report.seconds = time.monotonic() - started
    return report
