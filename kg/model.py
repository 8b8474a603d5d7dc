"""Plain typed records that flow between the stages: ingest -> extract -> graph."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Source:
    """Where a record came from: the input file, the 1-based line it starts on, its format."""

    file: str
    line: int
    format: str
    record_id: str | None = None


@dataclass
class Paper:
    """One paper: cleaned title and abstract (offsets point into these), metadata, provenance.

    `raw_title` / `raw_abstract` keep the characters as read, before clean-up, so that later
    stages can point at the original text; they are None when clean-up changed nothing.
    """

    id: str
    title: str
    abstract: str = ""
    raw_title: str | None = None
    raw_abstract: str | None = None
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    venue: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    url: str | None = None
    listed: str | None = None  # a page date without a year, as xsd:gMonthDay ("--07-30")
    kind: str = "paper"  # "paper" or "editorial"
    cites: list[str] = field(default_factory=list)  # ids of papers this record describes or cites
    record_id: str | None = None  # the id the input record carried, if any
    sources: list[Source] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; empty optional fields are left out to keep papers.jsonl small."""
        out: dict[str, Any] = {}
        for key in _PAPER_FIELDS:  # asdict() deep-copies every value: ten times slower at scale
            value = getattr(self, key)
            if key == "abstract" and value is None:
                value = ""  # always present, in its place: to_json(from_json(x)) is x (build copies lines)
            if value is None or value == [] or (key == "kind" and value == "paper"):
                continue
            if key == "sources":
                value = [{"file": s.file, "line": s.line, "format": s.format, "record_id": s.record_id} for s in value]
            elif isinstance(value, list):
                value = list(value)
            out[key] = value
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Paper":
        data = dict(data)
        data["sources"] = [Source(**s) for s in data.get("sources", [])]
        return cls(**data)


_PAPER_FIELDS = tuple(f.name for f in fields(Paper))
