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


_TOKEN_SPACE = re.compile(r"(%s)(\s*)" % TOKEN.pattern)


def tokenize(text: str) -> tuple[list[str], list[bool]]:
    """(words, spaces) for `Doc(vocab, words, spaces)`; other whitespace becomes its own token."""
    if text[:1].isspace():
        return _tokenize_spaces(text)
    words: list[str] = []
    spaces: list[bool] = []
    for word, gap in _TOKEN_SPACE.findall(text):
        words.append(word)
        if not gap or gap == " ":
            spaces.append(gap == " ")
        elif gap[0] == " ":
            spaces.append(True)
            words.append(gap[1:])
            spaces.append(False)
        else:
            spaces.append(False)
            words.append(gap)
            spaces.append(False)
    return words, spaces


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


class KGTokenizer:
    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        vocab.lex_attr_getters[NORM] = token_norm

    def __call__(self, text: str) -> Doc:
        words, spaces = tokenize(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text  # Doc.text joins every token on each call: keep it once
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # spaCy serialises the tokenizer with the pipeline; this one has no state of its own.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "KGTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "KGTokenizer":
        return self


@registry.tokenizers("kg.tokenizer.v1")
def create_tokenizer():
    def make(nlp: Language) -> KGTokenizer:
        return KGTokenizer(nlp.vocab)

    return make
