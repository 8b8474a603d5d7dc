"""Daily-papers page dumps: a page header, a date line ("Jul 30"), then title / abstract line pairs.

The header varies (some pages have no "Daily Papers" line); the date line ends it. No year is given,
so the page date becomes the record's `listed` date as an xsd:gMonthDay ("--07-30"), and no year is
invented. A later date line starts another day, header lines and a date line another page (dumps pasted
together); "Submitted by ..." and the vote count after it, which a copy may keep, are skipped. The site's
furniture is data (kg/data/ingest/daily_papers.json).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache

from kg import resources
from kg.errors import InputError
from kg.ingest.records import make_paper
from kg.ingest.registry import OnError, Reader
from kg.ingest.source import InputFile
from kg.model import Paper

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_ENDINGS = ("uary", "ruary", "ch", "il", "", "e", "y", "ust", "tember", "ober", "ember", "ember")
# "Jul 30", "July 30", "Sept 3": a month's abbreviation or full name ("Decoding 7" is a title)
DATE_LINE = re.compile(r"^(%s)(?:%s|t)?\.? (\d{1,2})$" % ("|".join(MONTHS), "|".join(e for e in MONTH_ENDINGS if e)))
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # xsd:gMonthDay allows --02-29
HEADER_LINES = 40


@lru_cache(maxsize=1)
def _furniture() -> tuple[frozenset[str], re.Pattern[str]]:
    """The site's header lines, and the line a copy may keep before a paper's vote count."""
    data = json.loads(resources.data("ingest", "daily_papers.json").read_text(encoding="utf-8"))
    return frozenset(data["page_header"]), re.compile(data["submitted_by"])


def page_date(line: str) -> str | None:
    """'Jul 30' -> '--07-30' (xsd:gMonthDay), else None."""
    match = DATE_LINE.match(line.strip())
    if not match:
        return None
    month, day = MONTHS.index(match.group(1)) + 1, int(match.group(2))
    return f"--{month:02d}-{day:02d}" if 1 <= day <= DAYS_IN_MONTH[month - 1] else None


def sniff(head: str, file: InputFile) -> bool:
    lines = [line.strip() for line in head.splitlines() if line.strip()][:HEADER_LINES]
    return any(DATE_LINE.match(line) for line in lines) and not head.lstrip().startswith(("{", "[", "<"))


def _page_starts(lines: list[tuple[int, str]], index: int, header: frozenset[str]) -> int | None:
    """Where the papers of a page pasted after another start, if one starts at `index`: header lines, then
    a date line (a title "Subscribe" is followed by its abstract); the date line's index."""
    end = index
    while end < len(lines) and lines[end][1] in header:
        end += 1
    return end if end > index and end < len(lines) and DATE_LINE.match(lines[end][1]) else None


def read(file: InputFile, on_error: OnError) -> Iterator[Paper]:
    header, submitted_by = _furniture()
    lines = [(number, line.strip()) for number, line in file.lines() if line.strip()]
    first_date = next((i for i, (_, text) in enumerate(lines) if DATE_LINE.match(text)), None)
    if first_date is None or lines[first_date][0] > 200:
        raise InputError(f"{file.name}: no date line (like 'Jul 30') ends the page header")
    pending: tuple[int, str] | None = None  # (line, title) waiting for its abstract
    index = first_date
    while index < len(lines):
        number, text = lines[index]
        date_at = _page_starts(lines, index, header) if pending is None or text in header else None
        if index == first_date or date_at is not None or DATE_LINE.match(text):
            # the page's date, another page's (after its header), or another day of this page
            index = date_at if date_at is not None else index
            number, text = lines[index]
            if pending is not None:
                on_error(InputError(f"{file.name}:{pending[0]}: title without an abstract before line {number}"))
                pending = None
            listed = page_date(text)
            if listed is None:  # the papers follow all the same, undated (with --keep-going)
                on_error(InputError(f"{file.name}:{number}: page date {text!r} is no day of the year"))
            index += 1
            continue
        index += 1
        if pending is None and submitted_by.match(text):  # "Submitted by akhaliq", then its votes ("42")
            if index < len(lines) and lines[index][1].isdigit():
                index += 1
            continue
        if pending is None:
            pending = (number, text)
            continue
        title_line, title = pending
        pending = None
        yield make_paper("daily-papers", file.name, title_line, title=title, abstract=text, listed=listed)
    if pending is not None:
        on_error(InputError(f"{file.name}:{pending[0]}: title without an abstract at the end of the page"))


READERS = (Reader(
    name="daily-papers",
    summary="daily-papers page dump: header, a date line ('Jul 30'), then title/abstract line pairs",
    extensions=(),
    sniff=sniff,
    read=read,
    example="Daily Papers\n\nJul 30\n\nRethinking Pretraining as a Bridge from ANNs to SNNs\n\n"
            "Spiking neural networks (SNNs) are known as ...\n",
),)
