"""A fast tokenizer for matching names in abstracts, registered as `kg.tokenizer.v1`.

Tokens are letter runs, numbers (with decimal points) and single other characters. A hyphen inside a
word stays attached to the part before it ("ImageNet-" "1" "K"), and the token's NORM drops it, so a
phrase pattern `imagenet 1 k` matches ImageNet-1K, ImageNet-1k, ImageNet 1K and ImageNet1K alike,
and `bert` matches the BERT of "BERT-based". Letters and digits are split ("GPT4" -> "GPT" "4"), which
makes CIFAR100 = CIFAR-100 for the matcher. It is several times faster than spaCy's rule-based
tokenizer, which the pipeline does not need: nothing here is parsed or tagged.
"""
from __future__ import annotations

import re

from spacy.attrs import NORM
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

TEXT_KEY = "kg.text"
TOKEN = re.compile(r"\d+(?:\.\d+)*(?:-(?=[^\W_]))?|[^\W\d_]+(?:-(?=[^\W_]))?|\S")


def doc_text(doc: Doc) -> str:
    """The document's text, computed at most once."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def token_norm(text: str) -> str:
    """The matching form of a token: lower case, without an attached trailing hyphen."""
    lowered = text.lower()
    return lowered[:-1] if len(lowered) > 1 and lowered.endswith("-") else lowered


# a run of whitespace other than one space ("\n\n" between title and abstract, "  ", " \n")
_OTHER_SPACE = re.compile(r"\s(?:(?<=[^\S ])|\s)\s*")


def tokenize(text: str) -> tuple[list[str], list[bool]]:
    """(words, spaces) for `Doc(vocab, words, spaces)`; other whitespace becomes its own token."""
    if text[:1].isspace():
        return _tokenize_spaces(text)
    words: list[str] = []
    spaces: list[bool] = []
    start = 0
    for gap in _OTHER_SPACE.finditer(text):
        _add_segment(text[start:gap.start()], words, spaces)
        run = gap.group()
        if run[0] == " ":  # the previous token's trailing space, then a token of the rest
            spaces[-1] = True
            run = run[1:]
        words.append(run)
        spaces.append(False)
        start = gap.end()
    _add_segment(text[start:], words, spaces)
    return words, spaces


def _add_segment(segment: str, words: list[str], spaces: list[bool]) -> None:
    """The tokens of a text whose whitespace is single spaces only, and which starts with none. A word
    all in letters (most words) is one token, found without the regular expression."""
    for piece in segment.split(" "):
        if piece.isalpha():
            words.append(piece)
            spaces.append(True)
        elif piece:
            found = TOKEN.findall(piece)
            words.extend(found)
            spaces.extend([False] * (len(found) - 1))
            spaces.append(True)
    if segment and segment[-1] != " ":
        spaces[-1] = False


def _tokenize_spaces(text: str) -> tuple[list[str], list[bool]]:
    """The general case: runs of whitespace other than one space become tokens, as in spaCy."""
    words: list[str] = []
    spaces: list[bool] = []
    end = 0
    for match in TOKEN.finditer(text):
        start = match.start()
        if start != end:
            _add_gap(words, spaces, text[end:start])
        words.append(match.group())
        spaces.append(False)
        end = match.end()
    if end < len(text):
        _add_gap(words, spaces, text[end:])
    return words, spaces


def _add_gap(words: list[str], spaces: list[bool], gap: str) -> None:
    """Text between tokens: one space is the previous token's trailing space; other whitespace is a
    token of its own (after that space, if it starts with one)."""
    if gap == " " and words:
        spaces[-1] = True
    elif words and gap[0] == " ":
        spaces[-1] = True
        words.append(gap[1:])
        spaces.append(False)
    else:
        words.append(gap)
        spaces.append(False)


class _Orths(dict):
    """Word -> its id in the vocab's string store, where it is added on first sight. A Doc built from
    ids skips the two hashings of each word that building it from strings costs (a third of the
    tokenizer's time). Not inside a memory zone, whose strings go at its end."""

    def __init__(self, vocab: Vocab) -> None:
        super().__init__()
        self.vocab = vocab

    def __missing__(self, word: str) -> int:
        if len(self) >= _MAX_CACHED_WORDS:
            self.clear()
        orth = self[word] = self.vocab.strings.add(word)
        return orth


_MAX_CACHED_WORDS = 1 << 20


class KGTokenizer:
    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        vocab.lex_attr_getters[NORM] = token_norm
        self._orths = _Orths(vocab)

    def __call__(self, text: str) -> Doc:
        words, spaces = tokenize(text)
        if not self.vocab.in_memory_zone:
            words = list(map(self._orths.__getitem__, words))
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text  # Doc.text joins every token on each call: keep it once
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # spaCy serialises the tokenizer with the pipeline; this one has nothing to save (its word ids are a cache).
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "KGTokenizer":
        self._orths.clear()  # the vocab's strings may be loaded anew with it
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "KGTokenizer":
        self._orths.clear()
        return self


@registry.tokenizers("kg.tokenizer.v1")
def create_tokenizer():
    def make(nlp: Language) -> KGTokenizer:
        return KGTokenizer(nlp.vocab)

    return make
