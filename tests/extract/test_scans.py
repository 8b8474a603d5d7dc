"""The faster scans give the matches of the plain regular expressions they replace."""
from __future__ import annotations

import re

import pytest

from kg.extract.discovery import _pattern, _unguarded, word_start_finditer
from kg.extract.linker import _URL_PARTS, _url_spans

TEXTS = [
    "we propose foonet. the framework we present is new; our network proposed nothing.",
    "in this work we introduce x and then present y, which they call z.",
    "a model called clip, so-called baselines, recalled items, a method named foo (bar).",
    "between them, however, we and the authors develop and release a benchmark",
    "pre-training and fine-tuning; self-distillation, distillation, unpruning and pruning",
    "",
    "we",
]


@pytest.mark.parametrize("pattern", [_pattern("proposal"), _pattern("naming"), _pattern("coordinated_proposal"),
                                     re.compile(r"\b(?:pruning|distillation|fine\-tuning)\b")])
@pytest.mark.parametrize("text", TEXTS)
def test_word_start_finditer_finds_what_finditer_finds(pattern, text):
    assert _unguarded(pattern) is not None
    for pos, endpos in [(0, len(text)), (3, len(text)), (0, len(text) // 2), (5, max(5, len(text) - 7))]:
        expected = [(m.span(), m.group()) for m in pattern.finditer(text, pos, endpos)]
        assert [(m.span(), m.group()) for m in word_start_finditer(pattern, text, pos, endpos)] == expected


def test_word_start_finditer_keeps_patterns_it_cannot_speed_up():
    pattern = re.compile(r"\b\d+|we")  # a match need not start with a word character... or at \b
    assert _unguarded(pattern) is None
    text = "12 we 34we"
    assert [m.span() for m in word_start_finditer(pattern, text)] == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", [
    "Code: https://github.com/x/y. Mail a@b.org or see www.foo.com and site.io/path.",
    "and/or a@b, no address here",
    "see foo.com/bar (mirror: ftp://x.org/y)",
    "nothing to see here",
    "www.example.com without a slash",
])
def test_url_spans_are_the_full_pattern_s(text):
    full = re.compile("|".join(pattern for _, pattern in _URL_PARTS))
    expected = [m.span() for m in full.finditer(text)] if ("/" in text or "@" in text) else []
    assert _url_spans(text) == expected
