"""Building the spaCy pipeline from `kg/data/pipeline.cfg` and running it over papers.

The gazetteer patterns come from the knowledge base when the pipeline is initialised (spaCy's
`[initialize]` step), never from code. A paper's title and abstract are processed as one text,
"title\\n\\nabstract", so that an abbreviation defined in the abstract also links the title; mention
offsets are then given per field, into the paper's text as ingested.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.attrs import LOWER, NORM
from spacy.language import Language
from spacy.tokens import Doc

from kg import resources
# registering the components and the tokenizer
from kg.extract import abbreviations, discovery, linker, sentences, tokenizer  # noqa: F401
from kg.extract.gazetteer import gazetteer
from kg.model import Paper

SEPARATOR = "\n\n"


@lru_cache(maxsize=4)
def load_pipeline(gazetteers: tuple[str, ...] = (), ner: bool = False) -> Language:
    """The extraction pipeline, initialised with the built-in gazetteer plus `gazetteers` files;
    `ner` adds the statistical NER (kg.extract.ner), an opt-in accuracy mode."""
    config = spacy.util.load_config(resources.data_path("pipeline.cfg"))
    config["components"]["kg_linker"]["gazetteers"] = list(gazetteers)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    if not ner:
        _norm_only(nlp)
    _, patterns, _ = gazetteer(tuple(gazetteers))
    ruler = nlp.get_pipe("kg_gazetteer")
    ruler.add_patterns(patterns)
    if ner:
        from kg.extract import ner as _ner  # noqa: F401  registers kg_ner

        nlp.add_pipe("kg_ner", before="kg_linker")
    nlp.get_pipe("kg_linker").initialize()
    return nlp


def _norm_only(nlp: Language) -> None:
    """The rule components read no lexeme attribute but NORM (and LOWER): spaCy computes twenty more
    (shape, like_num, stop word, ...) in Python for every new word, about 2% of the extraction time.
    The NER model reads shape, prefix and suffix, so its pipeline keeps them all."""
    getters = nlp.vocab.lex_attr_getters
    for attr in [a for a in getters if a not in (NORM, LOWER)]:
        del getters[attr]


def paper_text(paper: Paper) -> str:
    return f"{paper.title}{SEPARATOR}{paper.abstract}"


def field_offsets(paper: Paper, start: int, end: int) -> tuple[str, int, int]:
    """("title" | "abstract", start, end) of a span of `paper_text(paper)`."""
    cut = len(paper.title) + len(SEPARATOR)
    if start < len(paper.title):
        return "title", start, min(end, len(paper.title))
    return "abstract", start - cut, end - cut


def docs(nlp: Language, papers: Iterable[Paper], batch_size: int = 256) -> Iterator[tuple[Paper, Doc]]:
    """(paper, processed doc) pairs, in input order."""
    pairs = ((paper_text(p), p) for p in papers)
    for doc, paper in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield paper, doc
