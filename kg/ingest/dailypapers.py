"""Daily-papers page dumps: a page header, a date line ("Jul 30"), then title / abstract line pairs.

The header varies (some pages have no "Daily Papers" line); the date line ends it. No year is given,
so the page date becomes the record's `listed` date as an xsd:gMonthDay ("--07-30"), and no year is
invented. A later date line starts another day, a header line another page (dumps pasted together);
"Submitted by ..." and vote counts that a copy kept are skipped.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.errors import InputError
from kg.ingest.records import make_paper
from kg.ingest.registry import OnError, Reader
from kg.ingest.source import InputFile
from kg.model import Paper

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DATE_LINE = re.compile(r"^(%s)[a-z]* (\d{1,2})$" % "|".join(MONTHS))
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # xsd:gMonthDay allows --02-29
HEADER_LINES = 40
# the site's page furniture: a line of the header met after the papers starts another page (dumps pasted
# one after another), and the lines a copy may keep around a paper are skipped
PAGE_HEADER = frozenset({"new", "Get trending papers in your email inbox!", "Subscribe", "Daily Papers",
                         "byAK and the research community"})
PAPER_FURNITURE = re.compile(r"^(?:Submitted by \S+|\d+|·)$")


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


def read(file: InputFile, on_error: OnError) -> Iterator[Paper]:
    listed: str | None = None
    in_header = True
    header_from = 0  # where the current page's header started
    pending: tuple[int, str] | None = None  # (line, title) waiting for its abstract
    for number, line in file.lines():
        text = line.strip()
        if not text:
            continue
        if in_header:
            in_header = DATE_LINE.match(text) is None
            if not in_header:
                listed = page_date(text)
                if listed is None:  # the papers follow all the same, undated (with --keep-going)
                    on_error(InputError(f"{file.name}:{number}: page date {text!r} is no day of the year"))
            elif number - header_from > 200:
                raise InputError(f"{file.name}: no date line (like 'Jul 30') ends the page header")
            continue
        if PAPER_FURNITURE.match(text):
            continue
        if text in PAGE_HEADER or DATE_LINE.match(text):  # another page, or another day of this one
            if pending is not None:
                on_error(InputError(f"{file.name}:{pending[0]}: title without an abstract before line {number}"))
                pending = None
            if text in PAGE_HEADER:
                in_header, header_from = True, number
            else:
                listed = page_date(text)
                if listed is None:
                    on_error(InputError(f"{file.name}:{number}: page date {text!r} is no day of the year"))
            continue
        if pending is None:
            pending = (number, text)
            continue
        title_line, title = pending
        pending = None
        yield make_paper("daily-papers", file.name, title_line, title=title, abstract=text,
                         listed=listed)
    if in_header:
        raise InputError(f"{file.name}: no date line (like 'Jul 30') ends the page header")
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
