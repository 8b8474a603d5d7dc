"""Name keys: how kg decides that two spellings name the same thing.

`name_key` folds case, accents, hyphens, spaces and punctuation, and a plural `s`, so that
CIFAR100 = CIFAR-100 = cifar 100 and "Vision Transformers" = "vision transformer". It is pure Python
(no spaCy) because the query commands use it too.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_KEEP = re.compile(r"[^\w+]|_")
_DIGIT_DOT = re.compile(r"(?<=\d)\.(?=\d)")
_SLUG = re.compile(r"[^a-z0-9.+]+")


def fold(text: str) -> str:
    """Lower case, no accents, unicode dashes and quotes made plain."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


@lru_cache(maxsize=262144)
def name_key(text: str) -> str:
    """The comparison key of a name: letters, digits, '+' and decimal points only, singular."""
    return singular(_core(text))


def _core(text: str) -> str:
    key = _DIGIT_DOT.sub("\x00", fold(text))
    return _KEEP.sub("", key).replace("\x00", ".")


@lru_cache(maxsize=262144)
def key_core(text: str) -> str:
    """`name_key` without the plural rule. The separators between words (spaces, punctuation other
    than '+' and a decimal point) leave no trace, so the core of "A B" is core("A") + core("B"), and
    `singular(core(a) + core(b))` keys a phrase from the cached cores of its words."""
    return _core(text)


_CHE_WORDS = ("cach", "nich", "headach", "avalanch", "quich", "moustach", "mustach", "cliche", "crech", "psych")


@lru_cache(maxsize=262144)
def singular(key: str) -> str:
    """A key without its plural `s` (not in "-ss", "-us", "-is", nor after a digit or a short stem), or
    `es` after "-ss", "-x", "-sh", "-ch" ("gaussianprocesses" -> "gaussianprocess", "sketches" ->
    "sketch"; but "caches" -> "cache")."""
    if len(key) > 4 and key.endswith("es") and key[:-2].endswith(("ss", "x", "sh", "ch")) \
            and not key[:-2].endswith(_CHE_WORDS):
        return key[:-2]
    if len(key) > 4 and key.endswith("s") and not key.endswith(("ss", "us", "is")) and key[-2].isalpha():
        return key[:-1]
    return key


def slug(text: str) -> str:
    """The slug of a canonical name, as entity ids use it: `ImageNet-1K` -> `imagenet-1k`."""
    return _SLUG.sub("-", fold(text)).strip("-") or "x"
