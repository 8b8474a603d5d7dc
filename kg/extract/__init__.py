"""Entity extraction: methods, datasets, benchmarks, tasks and metrics in titles and abstracts.

    records = kg.extract.extract(papers)   # one JSON-ready dict per paper

The spaCy pipeline (`pipeline.cfg`) finds and links mentions in each paper; the corpus pass then
gives discovered names one id across papers and links their undefined uses.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from kg.model import Paper


def extract(papers: Sequence[Paper], *, gazetteers: Iterable[str | Path] = (),
            on_paper: Callable[[], None] | None = None) -> list[dict[str, Any]]:
    """Extraction records for `papers`, in order (see `output.paper_record` for the shape)."""
    from kg.extract.corpus import link_corpus
    from kg.extract.gazetteer import gazetteer
    from kg.extract.output import paper_record
    from kg.extract.pipeline import docs, load_pipeline
    from kg.extract.raw import raw_from_doc

    extra = tuple(str(g) for g in gazetteers)
    nlp = load_pipeline(extra)
    kb, _, _ = gazetteer(extra)
    raws = []
    for paper, doc in docs(nlp, papers):
        raws.append(raw_from_doc(paper.id, doc))
        if on_paper is not None:
            on_paper()
    link_corpus(raws, taken_ids=kb.entries)
    return [paper_record(paper, raw, kb) for paper, raw in zip(papers, raws)]
