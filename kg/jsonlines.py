"""JSON for the files and caches the build writes and reads back itself (papers.jsonl,
extractions.jsonl, the extraction cache, the ingest spool): orjson, several times faster than the
standard library on these records, written compact (no spaces after separators) and as UTF-8.

Input files are read with the standard library (kg.ingest.jsonio), which accepts what users have:
NaN, and halves of UTF-16 pairs, which the readers replace. So everything written here is valid
JSON and valid UTF-8.
"""
from __future__ import annotations

from typing import Any

import orjson

loads = orjson.loads  # str or UTF-8 bytes


def dumps(value: Any) -> bytes:
    """Compact JSON as UTF-8 bytes."""
    return orjson.dumps(value)


def line(value: Any) -> bytes:
    """A JSON Lines line: compact JSON and a newline, as UTF-8 bytes."""
    return orjson.dumps(value, option=orjson.OPT_APPEND_NEWLINE)
