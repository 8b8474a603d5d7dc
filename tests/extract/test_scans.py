"""The faster scans give the matches of the plain regular expressions they replace."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.discovery import _pattern, _unguarded, word_start_finditer
from kg.extract.linker import _URL_PARTS, _url_spans
from kg.extract.regex_tools import Gated, any_of, required_words, starts_at_word
from kg.extract.roles import role_cues

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


@pytest.mark.parametrize("pattern, at_word", [
    (r"\b(?:we|our|ours)\b", True), (r"\bthis (?:paper|work)\b", True), (r"\b(?:by|via|\d\))\s+", True),
    (r"\b(?:x[(|]|y)z", True), (r"\b[a-z]+", True), (r"\b(?:ab|c){1,2}x", True), (r"\b(?:ab-?|c)?de", True),
    # anything that may start elsewhere, or that the check cannot prove, is not grouped
    (r"(?:,\s*|\b(?:which|that))", False), (r"\b(?:\(|x)", False), (r"^(?!.*)", False), (r"\d+", False),
    (r"\bwe|, and", False), (r"\b(?:we|our)\s+x|, and", False), (r"\ba{,2}-x", False), (r"\bx?,", False),
    (r"\b(?:ab|c)*,", False), (r"\b(?:ab)?,", False), (r"\b(?:a,)?b", True), (r"\b[^]x]", False), (r"\b[\]]x", False), (r"\b(?=x)y", False),
])
def test_word_start_guard_only_groups_patterns_that_start_at_a_word(pattern, at_word):
    """The rules' contexts are searched as one alternation in which patterns that can only start at a word
    share a guard; a pattern wrongly grouped would silently stop matching (",  and" after a word)."""
    assert starts_at_word(pattern) is at_word
    combined = any_of([pattern, r"zzz"], guard_word_starts=True)
    for text in ("a, and b", "we x", "ab x", "x)", "ccab", "]x", "ax", "by ", "12", "a, x"):
        assert (combined.search(text) is not None) is (re.search(pattern, text) is not None), text


@pytest.mark.parametrize("pattern, words", [
    (r"(?:^|,\s*)the\s+(?:state-of-the-art|sota)\s+$", ("state-of-the-art", "sota")),
    (r",\s*namely\s+$", ("namely",)),
    (r"ab(?:cdef|cdxy)", ("abcdef", "abcdxy")),  # re moves the common "cd" out of the alternation
    (r"\d+ (?:percent|points)", (" percent", " points")),
    (r"^(?!.*\b(?:use|using)\b).*?\b(?:previous|prior)\s+(?:ways|methods)", ("previous", "prior")),
    (r"\b(?:previous|prior)\s+methods", ("methods",)),  # the longer of two
    (r"(?:^|:)\s*an?\s+(?:survey|review)\b|\b(?:literature|scoping)\s+review", ("survey", "review", "literature",
                                                                                 "scoping")),
    # nothing every match must contain, or only short words, or flags: no gate
    (r"(?i)(?:abcd|efgh)", ()), (r"x(?:abcd|e)", ()), (r"a(?:bcde|fghi)?z", ()), (r"(?!abcd)x+", ()),
    (r"(?:abcd|)x", ()), (r"abcd|\d+", ()), (r"the\s+(?:are|were)", ()),
])
def test_required_words_are_in_every_match(pattern, words):
    assert required_words(pattern) == words


GATED_TEXTS = TEXTS + [
    "unlike the previous methods such as ", "compared with the state-of-the-art ", "our model, namely ",
    "a new parser, which we call ", "models that have been proposed, including ", "a survey of transformers",
    "a systematic review", "prior work: ", "a new network, called ", "compare it with the sota ",
]


@pytest.mark.parametrize("pattern", [r.left for r in role_cues().rules if r.left_words]
                         + [role_cues().survey_title.pattern])
def test_gated_search_finds_what_the_pattern_finds(pattern, seed_sentences):
    gated = Gated.of(pattern)
    assert gated.gate is not None
    found = 0
    for text in GATED_TEXTS + seed_sentences:
        expected = pattern.search(text)
        assert (gated.search(text) is None) is (expected is None), text
        found += expected is not None
        if expected is not None:
            assert any(word in text for word in gated.words), text
    assert found, pattern.pattern  # (the texts exercise the pattern)


@pytest.fixture(scope="module")
def seed_sentences() -> list[str]:
    """Windows of the bundled seeds' abstracts (lower case), each ending before a word, as rules see them."""
    from kg.ingest import read_papers
    windows = []
    for paper in read_papers([Path(__file__).resolve().parents[2] / "seeds"])[:120]:
        text = paper.abstract.lower()
        windows += [text[max(0, m.start() - 90):m.start()] for m in re.finditer(r"\b\w", text)]
    return windows


def test_gated_keeps_a_compiled_pattern_s_flags():
    """Gated.of(re.compile("abcd|efgh", re.I)) looked for "abcd" in "ABCD" and missed it (a review)."""
    gated = Gated.of(re.compile(r"xx(?:abcd|efgh)", re.I))
    assert gated.search("XXABCD") is not None and gated.gate is None

