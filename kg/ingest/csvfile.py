"""CSV or TSV with a header row: `title` and `abstract` columns are required; `id`, `authors`, `year`,
`venue`, `doi`, `arxiv_id`, `url` are used when present. Quoted fields may hold commas and newlines.
Header names of common exports ("Abstract Note", "Publication Year", "Source title") are aliases of
these (`kg/data/ingest/csv_columns.json`). The delimiter is a comma, a tab or, in Excel's exports in
European locales, a semicolon: the one under which the header has a title column."""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Sequence
from functools import lru_cache

from kg import resources
from kg.errors import InputError, shortened
from kg.ingest.records import make_paper
from kg.ingest.registry import OnError, Reader
from kg.ingest.source import InputFile
from kg.model import Paper

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


DELIMITERS = ",\t;"
DELIMITER_NAMES = {",": "comma", "\t": "tab", ";": "semicolon"}


def header_key(name: str) -> str:
    """A header name as compared: lower case, runs of spaces and underscores as one space."""
    return " ".join(name.replace("_", " ").lower().split())


@lru_cache(maxsize=1)
def column_aliases() -> dict[str, str]:
    """Header key -> kg's column, from `kg/data/ingest/csv_columns.json`, in order of preference."""
    table = json.loads(resources.data("ingest", "csv_columns.json").read_text(encoding="utf-8"))["columns"]
    aliases = {header_key(column): column for column in table}
    for column, names in table.items():
        for name in names:
            aliases.setdefault(header_key(name), column)
    return aliases


def columns_of(header: Sequence[str]) -> dict[str, int]:
    """kg's column -> its index in `header`: a column named as kg names it, else its first listed alias."""
    aliases = column_aliases()
    rank = {key: i for i, key in enumerate(aliases)}
    found: dict[str, tuple[int, int]] = {}  # column -> (rank of the name that gave it, index)
    for index, name in enumerate(header):
        key = header_key(name)
        column = aliases.get(key)
        if column is not None and (column not in found or rank[key] < found[column][0]):
            found[column] = (rank[key], index)
    return {column: index for column, (_, index) in found.items()}


def _delimiter(head: str, file: InputFile) -> str:
    """The one delimiter under which the header line has a title column; else a tab for a .tsv file or a
    header with more tabs than commas, else a comma."""
    first = _first_line(head)
    titled = [d for d in DELIMITERS if _titled(first, d)]
    if len(titled) == 1:
        return titled[0]
    return "\t" if file.suffix == ".tsv" or first.count("\t") > first.count(",") else ","


def sniff(head: str, file: InputFile) -> bool:
    if file.suffix in (".csv", ".tsv"):
        return True
    if head.lstrip().startswith(("{", "[", "<")):
        return False
    first = _first_line(head)
    return any(_titled(first, d) for d in DELIMITERS)


def _first_line(head: str) -> str:
    return head.splitlines()[0] if head else ""  # ("\r" ends a line too: csv refuses one inside a field)


def _titled(line: str, delimiter: str) -> bool:
    """Whether `line`, split at `delimiter`, is a header with a title column."""
    if delimiter not in line:
        return False
    try:
        return "title" in columns_of(next(csv.reader([line], delimiter=delimiter)))
    except csv.Error:
        return False


def read(file: InputFile, on_error: OnError) -> Iterator[Paper]:
    text = file.read_text()
    delimiter = _delimiter(text[:4096], file)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    physical: list[str] | None = None  # the file's lines, as the reader reads them (only when needed)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{file.name}: empty file") from None
    except csv.Error as exc:
        raise InputError(f"{file.name}:1: malformed CSV header: {exc}") from None
    columns = columns_of(header)
    for required in ("title", "abstract"):
        if required not in columns:
            found = shortened(", ".join(h.strip() for h in header)) or "nothing"
            raise InputError(f"{file.name}:1: no '{required}' column in the header (found: {found})")

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
            if reader.line_num == len(physical) and _open_quote(physical[start - 1:], delimiter):
                # ... a quote left open, which swallowed every later row into this one's last field
                on_error(InputError(f"{file.name}:{start}: malformed CSV: a quote opened here is not closed "
                                    f"where its field ends (the rows after it ran into this one)"))
                return
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
            on_error(InputError(f"{file.name}:{line}: row has {len(row)} fields, the header {len(header)} "
                                f"(a {DELIMITER_NAMES[delimiter]} in a field that is not quoted?)"))
            continue
        title = cell(row, "title")
        if not title or not title.strip():
            on_error(InputError(f"{file.name}:{line}: row has no title"))
            continue
        yield make_paper("csv", file.name, line, title=title, abstract=cell(row, "abstract") or "",
                         record_id=cell(row, "id"), doi=cell(row, "doi"), arxiv_id=cell(row, "arxiv_id"),
                         authors=cell(row, "authors"), year=cell(row, "year"), venue=cell(row, "venue"),
                         url=cell(row, "url"))


def _open_quote(lines: list[str], delimiter: str) -> bool:
    """Whether the row on `lines` (over several lines, to the end of the file) has a quote left open: it
    ends inside a quoted field, or a quote met on a later line closes one and more text follows it
    ('"We use BERT.\\nq2,Next,"We use GPT-2."': the next row's quote closed it). The reader is not strict
    (it takes '"Why Should I Trust You?": ...' in an unquoted field as it stands), so this asks a strict
    one about this row only; a complaint on the row's first line is about such a field, not an open quote."""
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        next(reader, None)
    except csv.Error as exc:
        return "end of data" in str(exc) or reader.line_num > 1
    return False


READERS = (
    Reader(name="csv", summary="CSV/TSV (or ';'-separated) with a header row; title and abstract columns required",
           extensions=(".csv", ".tsv"), sniff=sniff, read=read,
           example='id,title,abstract,year\nP1,"A title, with a comma","An abstract ...",2021\n'),
)
