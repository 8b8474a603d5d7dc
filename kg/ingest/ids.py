"""Stable paper ids and the keys that decide when two records are the same paper.

A paper's id is its DOI, else its arXiv id, else the id its record carried, else a hash of its
normalised title: the same input always gives the same id.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_ARXIV_PREFIX = re.compile(r"^(?:https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/|arxiv:\s*)", re.I)
_ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?$", re.I)
_WORD = re.compile(r"[^\W_]+")


def normalise_title(title: str) -> str:
    """Lower-case words without accents or punctuation: the title key used for de-duplication."""
    if title.isascii():  # nothing to decompose
        return " ".join(_WORD.findall(title.lower()))
    decomposed = unicodedata.normalize("NFKD", title)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(plain.lower()))


def normalise_doi(doi: str | None) -> str | None:
    if not doi:
        return None
    doi = _DOI_PREFIX.sub("", doi.strip()).strip().lower()
    return doi if doi.startswith("10.") else None


def normalise_arxiv_id(arxiv_id: str | None) -> str | None:
    """`arXiv:2301.00001v2`, `https://arxiv.org/abs/2301.00001` -> `2301.00001`."""
    if not arxiv_id:
        return None
    match = _ARXIV_ID.match(_ARXIV_PREFIX.sub("", arxiv_id.strip()))
    return match.group(1) if match else None


def title_hash(title: str) -> str:
    return hashlib.sha1(normalise_title(title).encode("utf-8")).hexdigest()[:16]


def paper_id(doi: str | None, arxiv_id: str | None, record_id: str | None, title: str) -> str:
    """The id by precedence: DOI, arXiv id, the record's own id, a hash of the normalised title."""
    if doi:
        return f"doi:{doi}"
    if arxiv_id:
        return f"arxiv:{arxiv_id}"
    if record_id:
        return record_id
    return f"title:{title_hash(title)}"


# Record ids that name one work wherever they appear (the readers add these prefixes); any other record
# id is local to its source (kg.ingest.merge).
GLOBAL_ID_PREFIXES = ("openalex:",)


def is_global_id(record_id: str) -> bool:
    return record_id.startswith(GLOBAL_ID_PREFIXES)


def id_rank(pid: str) -> int:
    """Lower is stronger: DOI < arXiv < record id < title hash (used when merging records)."""
    if pid.startswith("doi:"):
        return 0
    if pid.startswith("arxiv:"):
        return 1
    if pid.startswith("title:"):
        return 3
    return 2
