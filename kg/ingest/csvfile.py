"""CSV or TSV with a header row: `title` and `abstract` columns are required; `id`, `authors`, `year`,
`venue`, `doi`, `arxiv_id`, `url` are used when present. Quoted fields may hold commas and newlines."""
from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator

from kg.errors import InputError
from kg.ingest.records import make_paper
from kg.ingest.registry import OnError, Reader
from kg.ingest.source import InputFile
from kg.model import Paper

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _dialect(head: str, file: InputFile) -> str:
    first = head.split("\n", 1)[0]
    if file.suffix == ".tsv" or first.count("\t") > first.count(","):
        return "excel-tab"
    return "excel"


def sniff(head: str, file: InputFile) -> bool:
    if file.suffix in (".csv", ".tsv"):
        return True
    first = head.split("\n", 1)[0].lower()
    if head.lstrip().startswith(("{", "[", "<")):
        return False
    cells = [c.strip().strip('"') for c in first.split("\t" if "\t" in first else ",")]
    return len(cells) >= 2 and "title" in cells


def read(file: InputFile, on_error: OnError) -> Iterator[Paper]:
    text = file.read_text()
    dialect = _dialect(text[:4096], file)
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)
    physical: list[str] | None = None  # the file's lines, as the reader reads them (only when needed)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{file.name}: empty file") from None
    except csv.Error as exc:
        raise InputError(f"{file.name}:1: malformed CSV header: {exc}") from None
    columns = {name.strip().lower(): i for i, name in enumerate(header)}
    for required in ("title", "abstract"):
        if required not in columns:
            found = ", ".join(h.strip() for h in header) or "nothing"
            raise InputError(f"{file.name}: no '{required}' column in the header (found: {found})")

    def cell(row: list[str], name: str) -> str | None:
        i = columns.get(name)
        return row[i] if i is not None and i < len(row) and row[i] != "" else None

    line = 2
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            on_error(InputError(f"{file.name}:{start}: malformed CSV: {exc}"))
            return
        line = start
        if reader.line_num > start:  # a row over several lines: a quoted field with line breaks, or ...
            physical = physical if physical is not None else io.StringIO(text, newline="").readlines()
            if reader.line_num == len(physical) and _open_quote(physical[start - 1:], dialect):
                # ... a quote left open, which swallowed every later row into this one's last field
                on_error(InputError(f"{file.name}:{start}: malformed CSV: a quote opened here is never closed"))
                return
        if not any(c.strip() for c in row):
            continue
        title = cell(row, "title")
        if not title or not title.strip():
            on_error(InputError(f"{file.name}:{line}: row has no title"))
            continue
        yield make_paper("csv", file.name, line, title=title, abstract=cell(row, "abstract") or "",
                         record_id=cell(row, "id"), doi=cell(row, "doi"), arxiv_id=cell(row, "arxiv_id"),
                         authors=cell(row, "authors"), year=cell(row, "year"), venue=cell(row, "venue"),
                         url=cell(row, "url"))


def _open_quote(lines: list[str], dialect: str) -> bool:
    """Whether the row on `lines` (to the end of the file) ends inside a quoted field. The reader is not
    strict (it takes '"Why Should I Trust You?": ...' in an unquoted TSV as it stands), so this asks a
    strict one about this row only."""
    try:
        next(csv.reader(lines, dialect=dialect, strict=True), None)
    except csv.Error as exc:
        return "end of data" in str(exc)
    return False


READERS = (
    Reader(name="csv", summary="CSV/TSV with a header row; title and abstract columns required",
           extensions=(".csv", ".tsv"), sniff=sniff, read=read,
           example='id,title,abstract,year\nP1,"A title, with a comma","An abstract ...",2021\n'),
)
