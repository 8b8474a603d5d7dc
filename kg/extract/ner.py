"""The optional statistical NER: a small spaCy tok2vec + NER model trained by training/train_ner.py.

It runs inside the rule pipeline as one component, `kg_ner`, and adds its Task, Dataset and Metric
spans as candidates (rule "ner") that the linker weighs against the gazetteer and discovery rules.
The model ships in the package (kg/data/ner/); nothing is downloaded.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg import resources
from kg.extract.lexicon import common_words

SPANS_KEY = "kg_ner"
MAX_WORDS = 6  # longer "names" are clauses ("detecting and classifying suspicious domains and URLs")
_EDGE_WORDS = frozenset("a an the of and or to for in on with by from as at is are we our this that".split())


def name_span(span: Span) -> Span | None:
    """The span trimmed to a name, or None when the model's span is no name: one that crosses a line
    break or sentence end, is a clause, ends in a hyphen ("sequence-to-"), starts or ends with a
    function word, or is one common capitalised word ("Foundation" of "Foundation Models")."""
    doc, label = span.doc, span.label
    start, end = span.start, span.end
    if span.text.endswith("-") or (end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_):
        return None  # a cut word: "sequence-to-", "multi" of "multi-task"
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in ")]":
        end -= 1
    if end <= start:
        return None
    text = doc[start:end].text
    words = text.split()
    if "\n" in text or len(words) > MAX_WORDS or text.endswith("-") or text.count("(") != text.count(")"):
        return None
    if words[0].lower() in _EDGE_WORDS or words[-1].lower() in _EDGE_WORDS:
        return None
    if len(words) == 1 and text.lower() in common_words() and end < len(doc) and doc[end].is_title:
        return None
    return Span(doc, start, end, label=label)


def model_path() -> Path:
    return Path(resources.data_path("ner"))


@Language.factory("kg_ner", default_config={"model": None})
def create_ner(nlp: Language, name: str, model: str | None) -> "StatisticalNER":
    component = StatisticalNER(Path(model) if model else model_path())
    for label in component.labels:  # the spans are made in the pipeline's vocab, not the model's
        nlp.vocab.strings.add(label)
    return component


class StatisticalNER:
    def __init__(self, path: Path) -> None:
        import spacy

        from kg.extract import tokenizer  # noqa: F401  the model's config names kg's tokenizer

        self.path = path
        self.model = spacy.load(path)
        self.labels = tuple(self.model.get_pipe("ner").labels)

    def _label(self, doc: Doc) -> Doc:
        doc.spans[SPANS_KEY] = [span for span in (name_span(ent) for ent in doc.ents) if span is not None]
        doc.ents = ()
        return doc

    def __call__(self, doc: Doc) -> Doc:
        for _, component in self.model.pipeline:
            doc = component(doc)
        return self._label(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        stream: Iterable[Doc] = docs
        for _, component in self.model.pipeline:
            stream = component.pipe(stream, batch_size=batch_size)
        for doc in stream:
            yield self._label(doc)
