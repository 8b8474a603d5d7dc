"""JSON Lines (or a JSON list) of paper records: `id`, `title`, `abstract`, and optionally
`authors`, `year`, `venue`, `doi`, `arxiv_id`, `url`. Extra fields are ignored."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kg.errors import InputError
from kg.ingest.jsonio import first_record, records
from kg.ingest.records import make_paper
from kg.ingest.registry import OnError, Reader
from kg.ingest.source import InputFile
from kg.model import Paper

TITLE_KEYS = ("title", "display_name", "name")
ABSTRACT_KEYS = ("abstract", "summary", "paperAbstract", "text")


def pick(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((record[k] for k in keys if record.get(k) not in (None, "")), None)


def paper_from_record(fmt: str, file: InputFile, line: int, record: dict[str, Any],
                      on_error: OnError) -> Paper | None:
    title = pick(record, TITLE_KEYS)
    if not isinstance(title, str) or not title.strip():
        on_error(InputError(f"{file.name}:{line}: record has no title"))
        return None
    abstract = pick(record, ABSTRACT_KEYS)
    if abstract is not None and not isinstance(abstract, str):
        on_error(InputError(f"{file.name}:{line}: 'abstract' is a {type(abstract).__name__}, expected text"))
        return None
    return make_paper(fmt, file.name, line, title=title, abstract=abstract or "",
                      record_id=record.get("id"), doi=record.get("doi"),
                      arxiv_id=record.get("arxiv_id") or record.get("arxiv"),
                      authors=record.get("authors"), year=record.get("year"),
                      venue=record.get("venue"), url=record.get("url"))


_NAMES_A_TITLE = re.compile(r'\s*\[?\s*\{.*"(?:%s)"\s*:' % "|".join(TITLE_KEYS))


def sniff(head: str, file: InputFile) -> bool:
    record = first_record(head)
    if record is not None:
        return any(k in record for k in TITLE_KEYS)
    # a first record cut short or malformed, in a file named as JSON Lines, that names a title is paper
    # data all the same: reading it says where it breaks (not "skipped: not paper data" in a folder). Not
    # .json: a large one-line JSON file is cut short by the head too ("vocab.json", {"entities": [...]})
    return file.suffix in (".jsonl", ".ndjson") and _NAMES_A_TITLE.match(head.split("\n", 1)[0]) is not None


def read(file: InputFile, on_error: OnError) -> Iterator[Paper]:
    fmt = "json" if file.head_text().lstrip().startswith("[") else "jsonl"
    for line, record in records(file, on_error):
        paper = paper_from_record(fmt, file, line, record, on_error)
        if paper is not None:
            yield paper


READERS = (
    Reader(name="jsonl", summary="JSON Lines (or a JSON list) with id/title/abstract and optional "
           "authors, year, venue, doi, arxiv_id, url",
           extensions=(".jsonl", ".json", ".ndjson"), sniff=sniff, read=read,
           example='{"id": "P17-1001", "title": "...", "abstract": "...", "year": 2017, "venue": "ACL"}\n'),
)
