"""Sentence splitting for abstracts: rules that know "e.g.", "i.e.", "et al.", "Fig. 2", decimals, a
missing space after a full stop, and the blank line between a title and its abstract.

`split_sentences` is pure Python (the roles stage and the corpus linker use it without spaCy); the
`kg_sentences` component marks the same boundaries on a Doc.
"""
from __future__ import annotations

import re
from bisect import bisect_right

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.doc_data import set_doc_value
from kg.extract.tokenizer import doc_text

# A candidate boundary: sentence-final punctuation (and closing quotes/brackets) then space, or a
# full stop glued to a capitalised word ("paramount.Current"), or a blank line.
_CANDIDATE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?:\s+|(?=[A-Z][a-z]))|\n\s*\n")
_NEXT_STARTS = re.compile(r"[\"'\u201c(\[]?[A-Z0-9]")
# Words after which a full stop does not end a sentence.
_NO_BREAK_AFTER = re.compile(
    r"(?:\b(?:e\.g|i\.e|cf|vs|etc|approx|resp|Fig|Figs|Eq|Eqs|Sec|Secs|Tab|No|Vol|pp|Ref|Refs|Dr|Mr|Ms|Prof|"
    r"Inc|Ltd|Jr|Sr|St|Mt|viz|al|ca|incl|w\.r\.t)|(?<![\w.])[A-Z])\.[\"')\]]*\s*$")
_ET_AL = re.compile(r"\bet al\.\s*$")
_AFTER_ET_AL_BREAK = re.compile(r"(?:We|This|These|Our|In|The|It|Here|To|Finally|Moreover|However|Experiments)\b")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of `text`, whitespace excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if match.group().startswith("\n"):
            cut = match.start()
        else:
            if not _NEXT_STARTS.match(text, end):
                continue
            before = text[max(0, match.start() - 12): match.start() + 1]
            if _ET_AL.search(before):
                if not _AFTER_ET_AL_BREAK.match(text, end):
                    continue
            elif _NO_BREAK_AFTER.search(before):
                continue
            cut = match.start() + len(match.group().rstrip())
        if text[start:cut].strip():
            spans.append(_strip(text, start, cut))
        start = end
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_at(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence that holds character `offset`."""
    return sentence_index([s for s, _ in spans], offset)


def sentence_index(starts: list[int], offset: int) -> int:
    """`sentence_at` from the sentences' start offsets, for a caller that looks up many offsets."""
    return max(0, bisect_right(starts, offset) - 1)


if not Doc.has_extension("sent_spans"):
    Doc.set_extension("sent_spans", default=None)


@Language.factory("kg_sentences", assigns=["token.is_sent_start", "doc._.sent_spans"], default_config={})
def create_sentences(nlp: Language, name: str) -> "SentenceSplitter":
    return SentenceSplitter()


class SentenceSplitter:
    """Marks sentence starts from `split_sentences`; keeps the character spans in `doc._.sent_spans`."""

    def __call__(self, doc: Doc) -> Doc:
        spans = split_sentences(doc_text(doc))
        set_doc_value(doc, "sent_spans", spans)
        if not len(doc):
            return doc
        idx = doc.to_array(IDX)
        flags = numpy.full((len(doc), 1), -1, dtype="int32")
        positions = numpy.searchsorted(idx, [s for s, _ in spans])
        flags[positions[positions < len(doc)], 0] = 1
        flags[0, 0] = 1
        doc.from_array([SENT_START], flags.astype("uint64"))
        return doc
