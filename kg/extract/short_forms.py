"""Ambiguous short forms resolved by the paper's own text.

"MT" is machine translation in an abstract about BLEU and language pairs, and the Mean Teacher in one
about pseudo-labels. A short form that the paper uses without defining it is linked to the reading
whose cues the paper contains, when no other reading's cues are there too; otherwise it stays
unresolved, never merged silently. The readings and their cues are data: `kg/data/cues/short_forms.json`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from kg import resources


@dataclass(frozen=True)
class Reading:
    entity: str | None  # gazetteer id; None: a reading kg has no entity for
    cues: re.Pattern[str]  # over the lower-cased text


def _cue_pattern(cues: list[str]) -> re.Pattern[str]:
    """Word starts ("translat" finds "translation"); a cue ending in "$" is a whole word ("frame$"
    finds "frame" and not "framework")."""
    parts = [re.escape(c[:-1]) + "(?![a-z0-9])" if c.endswith("$") else re.escape(c)
             for c in sorted(cues, key=len, reverse=True)]
    return re.compile(r"(?<![a-z0-9])(?:%s)" % "|".join(parts))


@lru_cache(maxsize=None)
def readings() -> dict[str, tuple[Reading, ...]]:
    """Each ambiguous short form's readings, from `kg/data/cues/short_forms.json`."""
    data = json.loads(resources.data("cues", "short_forms.json").read_text(encoding="utf-8"))
    return {short: tuple(Reading(r["entity"], _cue_pattern(r["cues"])) for r in options)
            for short, options in data["short_forms"].items()}


def reading_in_context(short: str, lowered: str) -> str | None:
    """The entity id that `short` names in a text (lower-cased) whose cues point to one reading only."""
    found = {reading.entity for reading in readings().get(short, ()) if reading.cues.search(lowered)}
    return found.pop() if len(found) == 1 else None
