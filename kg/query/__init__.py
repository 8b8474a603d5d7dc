"""Questions over a built export, answered with SPARQL on its Oxigraph store, without spaCy:
`papers_with`, `entity_report`, `top_entities`, `stats`, `ask`. Every answer carries the query it ran.

    from kg.query import Context, ask, papers_with
    found, answer = papers_with(Context("exports"), "ImageNet")   # or papers_with("exports", ...)
    ask("exports", "which papers use ImageNet?").rows
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_API = {"Context": "kg.query.api", "papers_with": "kg.query.api", "entity_report": "kg.query.api",
        "top_entities": "kg.query.api", "stats": "kg.query.api", "ask": "kg.query.questions"}

__all__ = list(_API)


def __getattr__(name: str) -> Any:  # resolved lazily: kg.query.lookup is imported without pyoxigraph
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'kg.query' has no attribute {name!r}")
    return getattr(import_module(module), name)
