"""Turning the fields a reader found into a `Paper`: clean-up, id, provenance."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from kg import resources
from kg.ingest.clean import clean_text
from kg.ingest.ids import normalise_arxiv_id, normalise_doi, paper_id
from kg.model import Paper, Source

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d|21\d\d)\b")
_AUTHOR_SPLIT = re.compile(r"\s*;\s*|\s+and\s+|\s*\|\s*")
# Names separated by commas, each in a form that holds no comma itself: Scopus's "Surname I." ("Kipf T.N.,
# Welling M.") or a lone run of initials after a surname ("Ren, S., He, K."). "Vaswani, Ashish" is one name.
_INITIALS = r"(?:[A-Z\u00c0-\u00de][a-z]?\.-?)+"
_SURNAME_INITIALS = re.compile(rf"[^\W\d_][\w'\u2019-]*(?: [\w'\u2019-]+)* {_INITIALS}")
_BARE_INITIALS = re.compile(_INITIALS)


def parse_year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1000 <= value <= 2999 else None
    if isinstance(value, float) and value.is_integer():
        return parse_year(int(value))
    if isinstance(value, str):
        match = _YEAR.search(value)
        return int(match.group(1)) if match else None
    return None


@lru_cache(maxsize=1)
def _surname_particles() -> frozenset[str]:
    data = json.loads(resources.data("ingest", "authors.json").read_text(encoding="utf-8"))
    return frozenset(data["surname_particles"])


def split_commas(names: str) -> list[str]:
    """"Kipf T.N., Welling M." (Scopus) -> ["Kipf T.N.", "Welling M."]; "Ren, S., He, K." -> ["Ren, S.",
    "He, K."]; "Alice Smith, Bob Jones" -> ["Alice Smith", "Bob Jones"]; a string in any other form (one
    "Surname, Given" name) as it is."""
    if "," not in names:
        return [names]
    pieces = [p.strip() for p in names.split(",")]
    if all(_SURNAME_INITIALS.fullmatch(p) for p in pieces):
        return pieces
    pairs = list(zip(pieces[::2], pieces[1::2]))
    if len(pieces) > 2 and len(pieces) % 2 == 0 and all(_BARE_INITIALS.fullmatch(i) and not _BARE_INITIALS.fullmatch(s)
                                                        for s, i in pairs):
        return [f"{surname}, {initials}" for surname, initials in pairs]
    particles = _surname_particles()
    if all(len(p.split()) >= 2 and p[:1].isupper() and p.split()[0].lower() not in particles for p in pieces):
        return pieces  # "Alice Smith, Bob Jones" (arXiv's authors without authors_parsed): names in full
    return [names]  # "Smith, John", "de la Cruz, Maria Jose": one name, surname first


def parse_authors(value: Any) -> list[str]:
    """Authors as a list of names, from a list of names or dicts, or a `;`/`and`-separated string (or a
    comma-separated one whose names have no comma: `split_commas`)."""
    if not value:
        return []
    if isinstance(value, str):
        # ("A, B, and C": the Oxford comma stays on the part before "and")
        parts = [name for part in _AUTHOR_SPLIT.split(value.strip()) for name in split_commas(part.strip().rstrip(","))]
    elif isinstance(value, Iterable):
        parts = []
        for item in value:
            if isinstance(item, str):
                parts.append(item)
            elif isinstance(item, dict):
                name = item.get("name") or item.get("display_name") or (item.get("author") or {}).get("display_name")
                if isinstance(name, str):
                    parts.append(name)
    else:
        return []
    return [name for name in (clean_text(p) for p in parts) if name]


def text_or_none(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = clean_text(str(value))
    return text or None


def make_paper(fmt: str, file: str, line: int, *, title: str, abstract: str | None = "",
               record_id: Any = None, doi: Any = None, arxiv_id: Any = None, authors: Any = None,
               year: Any = None, venue: Any = None, url: Any = None, listed: str | None = None,
               kind: str = "paper", vocabulary: Iterable[str] | None = None) -> Paper:
    """A one-source `Paper` with cleaned text, raw text where it differs, and its stable id."""
    raw_title, raw_abstract = title or "", abstract or ""
    clean_title = clean_text(raw_title, vocabulary)
    clean_abstract = clean_text(raw_abstract, vocabulary)
    rid = text_or_none(record_id)
    doi_n = normalise_doi(text_or_none(doi))
    arxiv_n = normalise_arxiv_id(text_or_none(arxiv_id))
    return Paper(
        id=paper_id(doi_n, arxiv_n, rid, clean_title),
        title=clean_title,
        abstract=clean_abstract,
        raw_title=raw_title if raw_title != clean_title else None,
        raw_abstract=raw_abstract if raw_abstract != clean_abstract else None,
        authors=parse_authors(authors),
        year=parse_year(year),
        venue=text_or_none(venue),
        doi=doi_n,
        arxiv_id=arxiv_n,
        url=text_or_none(url),
        listed=listed,
        kind=kind,
        record_id=rid,
        sources=[Source(file=file, line=line, format=fmt, record_id=rid)],
    )
