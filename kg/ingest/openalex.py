"""OpenAlex works: a JSON list, an API page (`{"results": [...]}`) or JSON Lines. The abstract is
rebuilt from `abstract_inverted_index` (word -> positions)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kg.errors import InputError
from kg.ingest.jsonio import first_record, records
from kg.ingest.records import make_paper
from kg.ingest.registry import OnError, Reader
from kg.ingest.source import InputFile
from kg.model import Paper


def rebuild_abstract(index: Any) -> str:
    """{"Deep": [0], "learning": [1, 5], ...} -> "Deep learning ... learning"."""
    if not isinstance(index, dict):
        return ""
    slots: dict[int, str] = {}
    for word, positions in index.items():
        if isinstance(positions, list):
            for pos in positions:
                if isinstance(pos, int) and 0 <= pos < 100_000:
                    slots[pos] = str(word)
    return " ".join(slots[i] for i in sorted(slots))


def sniff(head: str, file: InputFile) -> bool:
    record = first_record(head)
    if record is None:
        return False
    return "abstract_inverted_index" in record or str(record.get("id", "")).startswith("https://openalex.org/")


def _venue(record: dict[str, Any]) -> Any:
    location = record.get("primary_location") or {}
    source = location.get("source") if isinstance(location, dict) else None
    return source.get("display_name") if isinstance(source, dict) else None


def _arxiv(record: dict[str, Any]) -> Any:
    ids = record.get("ids") or {}
    for location in record.get("locations") or []:
        if isinstance(location, dict) and "arxiv.org" in str(location.get("landing_page_url") or ""):
            return location["landing_page_url"]
    return ids.get("arxiv") if isinstance(ids, dict) else None


def read(file: InputFile, on_error: OnError) -> Iterator[Paper]:
    for line, record in records(file, on_error):
        title = record.get("title") or record.get("display_name")
        if not isinstance(title, str) or not title.strip():
            on_error(InputError(f"{file.name}:{line}: work has no title"))
            continue
        work_id = str(record.get("id") or "")
        record_id = "openalex:" + work_id.rsplit("/", 1)[-1] if work_id else None
        yield make_paper(
            "openalex", file.name, line, title=title,
            abstract=rebuild_abstract(record.get("abstract_inverted_index")),
            record_id=record_id, doi=record.get("doi"), arxiv_id=_arxiv(record),
            authors=record.get("authorships"), year=record.get("publication_year"),
            venue=_venue(record), url=work_id or None)


READERS = (
    Reader(name="openalex", summary="OpenAlex works (JSON list, API page or JSON Lines)",
           extensions=(), sniff=sniff, read=read,
           example='{"id": "https://openalex.org/W2741809807", "doi": "https://doi.org/10.7717/peerj.4375", '
                   '"title": "...", "publication_year": 2018, "abstract_inverted_index": {"Deep": [0], '
                   '"learning": [1]}}\n'),
)
