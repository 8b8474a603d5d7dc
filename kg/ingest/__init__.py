"""Reading papers from files in the formats people have.

`read_papers(inputs)` expands folders, picks a reader per file (by `format=` or by sniffing the
content), streams records, merges duplicates and returns the papers with a report of what was read.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError, UnknownFormat, counted
from kg.ingest.merge import Clash, Merger
from kg.ingest.registry import Reader, detect, reader_for, readers
from kg.ingest.source import InputFile
from kg.model import Paper

__all__ = ["read_papers", "papers_from_records", "iter_records", "ReadReport", "readers", "expand_inputs"]

SKIPPED_NAMES = ("readme", "license", "licence", "changelog")
MAX_TITLE = 2_000  # characters; longer text is truncated with a warning, never allowed to stall a run
MAX_ABSTRACT = 50_000


@dataclass
class FileReport:
    name: str
    format: str
    records: int = 0
    path: str | None = None  # the file's absolute path, when it is a regular file (not a pipe)


@dataclass
class ReadReport:
    """What a read did: files and their formats, records read, errors skipped (with keep_going)."""

    files: list[FileReport] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in folders that are not paper data
    warnings: list[str] = field(default_factory=list)  # e.g. over-long text that was truncated
    clashes: list[str] = field(default_factory=list)  # papers that kept apart from one with the same id
    errors: list[InputError] = field(default_factory=list)
    records: int = 0
    earlier: int = 0  # papers kept from the earlier build's papers.jsonl (kg build --update)
    reread: int = 0  # files of the earlier build read again (kg build --update)
    papers: int = 0
    papers_by_format: dict[str, int] = field(default_factory=dict)  # by the format of a paper's first source

    @property
    def duplicates(self) -> int:
        return self.records + self.earlier - self.papers

    def count_papers(self, papers: list[Paper]) -> None:
        self.papers = len(papers)
        self.papers_by_format = {}
        for paper in papers:
            fmt = paper.sources[0].format if paper.sources else "?"
            self.papers_by_format[fmt] = self.papers_by_format.get(fmt, 0) + 1

    def by_format(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.files:
            counts[item.format] = counts.get(item.format, 0) + item.records
        return counts


STDIN = "-"  # the input named so is the standard input (read once, through a temporary copy)


def expand_inputs(inputs: Iterable[str | Path]) -> list[tuple[InputFile, bool]]:
    """Files to read, with a flag saying whether each was named explicitly (not found in a folder)."""
    files: list[tuple[InputFile, bool]] = []
    for item in inputs:
        if str(item) == STDIN:
            files.append((InputFile(Path("/dev/stdin"), "stdin"), True))
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and not child.name.startswith(".") \
                        and not child.name.lower().startswith(SKIPPED_NAMES) and child.suffix != ".md":
                    files.append((InputFile.at(child), False))
        else:
            files.append((InputFile.at(path, str(item)), True))
    return files


def iter_records(inputs: Iterable[str | Path], *, format: str | None = None, keep_going: bool = False,
                 report: ReadReport | None = None, display: Callable[[Path], str] | None = None,
                 exclude: Iterable[Path] = ()) -> Iterator[Paper]:
    """Every record of every input, one `Paper` per record, before de-duplication (streamed).
    `exclude`: resolved paths of files not to read (read already)."""
    report = report if report is not None else ReadReport()
    forced: Reader | None = reader_for(format) if format else None

    def on_error(error: InputError) -> None:
        if not keep_going:
            raise error
        report.errors.append(error)

    files: list[tuple[InputFile, bool]] = []
    excluded = set(exclude)
    seen: dict[Path, int] = {}  # a file named twice ("a.jsonl ./a.jsonl", a folder and a file in it) is
    for item in inputs:          # read once, as named explicitly if it was once
        try:
            expanded = expand_inputs([item])
        except InputError as error:
            on_error(error)
            continue
        for file, explicit in expanded:
            try:
                key = file.path.resolve()
            except OSError:
                key = file.path
            if key in excluded:
                continue
            if key in seen and file.path.exists():
                index = seen[key]
                files[index] = (files[index][0], files[index][1] or explicit)
                continue
            seen[key] = len(files)
            files.append((file, explicit))
    for file, explicit in files:
        if display is not None and str(file.path) != "/dev/stdin":
            file = InputFile(file.path, display(file.path))
        try:
            regular = _regular_file(file.path)  # (a pipe is read through a temporary copy below)
            with file.rereadable() as file:
                reader = forced or detect(file, by_extension=explicit)
                if reader is None:
                    if not explicit:
                        report.skipped.append(file.name)
                        continue
                    raise UnknownFormat(file.name, list(readers()))
                item = FileReport(file.name, reader.name, path=regular)
                report.files.append(item)
                for paper in reader.read(file, on_error):
                    _truncate(paper, report)
                    item.records += 1
                    report.records += 1
                    yield paper
                if item.records == 0 and not report.errors:
                    raise InputError(f"{file.name}: no records found (is it really {reader.name}?)")
        except InputError as error:
            on_error(error)


def _regular_file(path: Path) -> str | None:
    try:
        return str(path.resolve()) if path.is_file() else None
    except OSError:
        return None


def _truncate(paper: Paper, report: ReadReport) -> None:
    where = f"{paper.sources[0].file}:{paper.sources[0].line}" if paper.sources else paper.id
    if len(paper.title) > MAX_TITLE:
        report.warnings.append(f"{where}: title of {len(paper.title):,} characters truncated to {MAX_TITLE:,}")
        paper.title = paper.title[:MAX_TITLE]
        paper.raw_title = None
    if len(paper.abstract) > MAX_ABSTRACT:
        report.warnings.append(f"{where}: abstract of {len(paper.abstract):,} characters truncated to {MAX_ABSTRACT:,}")
        paper.abstract = paper.abstract[:MAX_ABSTRACT]
        paper.raw_abstract = None


def read_papers(inputs: Iterable[str | Path] | str | Path, *, format: str | None = None, keep_going: bool = False,
                report: ReadReport | None = None, display: Callable[[Path], str] | None = None,
                ) -> list[Paper]:
    """Read, clean and de-duplicate papers from files and folders.

    Raises `InputError` on the first bad file or record, unless `keep_going`, in which case bad ones
    are skipped and listed in `report.errors`.
    """
    report = report if report is not None else ReadReport()
    if isinstance(inputs, (str, Path)):  # kg.read_papers("seeds/"): one input, not its characters
        inputs = [inputs]
    merger = Merger()
    for paper in iter_records(inputs, format=format, keep_going=keep_going, report=report, display=display):
        merger.add(paper)
    papers = merger.papers()
    report.count_papers(papers)
    note_clashes(report, merger.clashes)
    return papers


def papers_from_records(records: Iterable[dict[str, Any]] | dict[str, Any], *, source: str = "records",
                        report: ReadReport | None = None) -> list[Paper]:
    """Papers from in-memory records (dicts with the keys of a JSON Lines file: title, abstract, id,
    doi, arxiv_id, authors, year, venue, url; or one such dict), cleaned, given ids and merged like
    `read_papers`; a record's place is `source:<1-based index>`. InputError for a record that is not one."""
    from kg.ingest.jsonl import paper_from_record

    if isinstance(records, dict):  # one record, as read_papers takes one path
        records = [records]
    report = report if report is not None else ReadReport()
    named = InputFile(Path(source), source)

    def refuse(error: InputError) -> None:
        raise error

    merger = Merger()
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict):
            raise InputError(f"{source}:{number}: a record is a dict with a title, not a {type(record).__name__}")
        paper = paper_from_record("records", named, number, record, refuse)
        _truncate(paper, report)
        report.records += 1
        merger.add(paper)
    papers = merger.papers()
    report.count_papers(papers)
    note_clashes(report, merger.clashes)
    return papers


CLASHES_LISTED = 5


def note_clashes(report: ReadReport, clashes: list[Clash]) -> None:
    """Notes for papers that kept apart from another paper with the same record id (a few listed, the
    rest counted): printed as warnings, though the output is right (a build with them can be up to date)."""
    for clash in clashes[:CLASHES_LISTED]:
        report.clashes.append(f"{clash.source}: id {clash.id!r} is also the id of an earlier paper that is not the "
                               f"same; kept as a paper of its own, with the id {clash.new_id}")
    more = len(clashes) - CLASHES_LISTED
    if more > 0:
        report.clashes.append(f"{counted(more, 'more paper')} with the id of an earlier paper that is not the "
                              "same, each given its title-hash id")
