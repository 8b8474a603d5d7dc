"""Printing results: tables, CSV and JSON, with terminal control sequences removed from any text
that came from the input (a title cannot move the cursor or recolour the terminal)."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

import click

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: Any) -> str:
    """Text fit for a terminal: no escape sequences, no control or bidi characters."""
    return _CONTROL.sub("", str(text))


def cell(value: Any) -> str:
    """A table or CSV cell: no value (an unbound SPARQL variable, an unknown year) is empty, not "None"."""
    return "" if value is None else safe(value)


def table(rows: Sequence[Sequence[Any]], header: Sequence[str] | None = None) -> str:
    cells = [[cell(c).replace("\n", " ") for c in row] for row in rows]
    if header:
        cells.insert(0, list(header))
    if not cells:
        return ""
    widths = [max(len(row[i]) for row in cells if i < len(row)) for i in range(len(cells[0]))]
    widths = [min(w, 80) for w in widths]
    lines = []
    for index, row in enumerate(cells):
        line = "  ".join(c[:w].ljust(w) for c, w in zip(row, widths)).rstrip()
        lines.append(line)
        if header and index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def to_csv(rows: Sequence[Sequence[Any]], header: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(c) for c in row])
    return buffer.getvalue().rstrip("\n")


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def emit(rows: Sequence[Sequence[Any]], header: Sequence[str], fmt: str) -> None:
    """Print rows as a table, CSV or JSON (a list of objects keyed by the header)."""
    if fmt == "json":
        click.echo(to_json([dict(zip(header, row)) for row in rows]))
    elif fmt == "csv":
        click.echo(to_csv(rows, header))
    else:
        click.echo(table(rows, header))


def note_other_meanings(index, name: str) -> None:
    """On stderr: the other entities an ambiguous name names ('CPL': two methods), which the answer
    leaves out (`index`: a kg.query.lookup.EntityIndex)."""
    note = index.ambiguity_note(name)
    if note:
        click.echo(f"kg: note: {safe(note)}", err=True)


def list_skipped(errors: Sequence[Any], format_option: str = "--format") -> bool:
    """List on stderr what --keep-going skipped (an unknown format names `format_option`, the command's
    option for the input format); whether there was anything."""
    from kg.errors import UnknownFormat, counted

    if not errors:
        return False
    were = "was" if len(errors) == 1 else "were"
    click.echo(f"kg: {counted(len(errors), 'problem')} {were} skipped (--keep-going):", err=True)
    for error in errors:
        if isinstance(error, UnknownFormat):
            error = error.naming(format_option)
        click.echo(f"  {safe(error.message)}", err=True)
    return True
