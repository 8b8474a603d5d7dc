from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Paper


@pytest.fixture(scope="session")
def run_extract():
    """extract() on papers given as (title, abstract) pairs; returns the records."""

    def run(*pairs: tuple[str, str]):
        papers = [Paper(id=f"p{i}", title=t, abstract=a) for i, (t, a) in enumerate(pairs)]
        return extract(papers)

    return run


def entity(record, name_or_id):
    return next((e for e in record["entities"] if name_or_id in (e["id"], e["name"])), None)
