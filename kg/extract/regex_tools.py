"""Helpers that make many searches with one set of regular expressions cheaper, without changing what
they find: an alternation whose word-initial patterns share one guard (`any_of`), and a pattern searched
only where one of the words that every match contains occurs (`Gated`, `required_words`). Both decide on
the standard library's parse of a pattern, and whatever they cannot prove costs only speed."""
from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sre, _parser as sre_parse


def any_of(patterns: list[str], guard_word_starts: bool = False) -> re.Pattern[str]:
    """One pattern that matches where any of `patterns` does (none: a pattern that never matches).

    `guard_word_starts`: those that can only start at the start of a word ("\\b(?:we|our)...") share one
    guard, so that inside a word re tries one lookbehind instead of each of them. On the rules' contexts,
    which mix such patterns with others, searches take a third less time; on the sentence cues, which are
    all of that kind, they take a fifth more, so those keep the plain alternation."""
    at_word = [p for p in patterns if guard_word_starts and starts_at_word(p)]
    parts = [f"(?:{p})" for p in patterns if p not in at_word]
    if at_word:
        parts.insert(0, r"(?<!\w)(?=\w)(?:%s)" % "|".join(f"(?:{p})" for p in at_word))
    return re.compile("|".join(parts) if parts else "(?!)")


def starts_at_word(pattern: str) -> bool:
    """Whether a match can only start where a word starts: the pattern opens with \\b and its first
    step always consumes a letter, digit or underscore. Decided on the stdlib's parse of the pattern;
    anything it cannot prove is False (which only costs speed)."""
    try:
        items = list(sre_parse.parse(pattern))
    except (re.error, TypeError, ValueError):
        return False
    return len(items) > 1 and items[0] == (sre.AT, sre.AT_BOUNDARY) and _consumes_word_char(items[1:])


_WORD_RANGES = (("a", "z"), ("A", "Z"), ("0", "9"))


def _consumes_word_char(items: list) -> bool:
    """Whether every match of the sequence `items` starts with a \\w character."""
    if not items:
        return False
    op, arg = items[0]
    if op is sre.LITERAL:
        return chr(arg).isalnum() or chr(arg) == "_"
    if op is sre.IN:
        return bool(arg) and all(_word_set_item(o, a) for o, a in arg)
    if op is sre.SUBPATTERN:
        return _consumes_word_char(list(arg[-1]) + items[1:]) if not _can_be_empty(arg[-1]) else False
    if op is sre.BRANCH:
        return all(_consumes_word_char(list(alternative)) for alternative in arg[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, sub = arg
        # an optional part ("(?:fine-?)?tun"): what follows must start with one too
        return _consumes_word_char(list(sub)) and (low >= 1 or _consumes_word_char(items[1:]))
    return False


def _word_set_item(op, arg) -> bool:
    if op is sre.LITERAL:
        return chr(arg).isalnum() or chr(arg) == "_"
    if op is sre.RANGE:
        return any(chr(arg[0]) >= lo and chr(arg[1]) <= hi for lo, hi in _WORD_RANGES)
    if op is sre.CATEGORY:
        return arg in (sre.CATEGORY_DIGIT, sre.CATEGORY_WORD)
    return False


def _can_be_empty(sub) -> bool:
    return sub.getwidth()[0] == 0


MIN_REQUIRED_WORD = 4  # shorter words ("the", "are") are in most texts: no use as a gate


def required_words(pattern: str) -> tuple[str, ...]:
    """Words one of which every match of `pattern` contains: the literal alternatives of a group that every
    match goes through ("(?:state-of-the-art|sota)"), or a run of literal characters ("namely"), whichever
    has the longest shortest word, if that is MIN_REQUIRED_WORD characters or more; for an alternation,
    those of all its alternatives. () when there is none, or when the pattern sets flags (case-insensitive
    literals are no plain words)."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, TypeError, ValueError):
        return ()
    if parsed.state.flags & ~(re.UNICODE | re.DEBUG):
        return ()
    items = list(parsed)
    if len(items) == 1 and items[0][0] is sre.BRANCH:
        alternatives = [_required_in(list(alternative)) for alternative in items[0][1][1]]
        return tuple(dict.fromkeys(w for words in alternatives for w in words)) if all(alternatives) else ()
    return _required_in(items)


def _required_in(items: list) -> tuple[str, ...]:
    best: tuple[str, ...] = ()
    run = ""  # the literal characters right before the current item
    for op, arg in items + [(None, None)]:
        if op is sre.LITERAL:
            run += chr(arg)
            continue
        candidates = [(run,)] if run else []
        if op is sre.SUBPATTERN and arg[1] == arg[2] == 0:  # a group: its leading literals, then one branch
            inner = list(arg[3])
            opening = _literal_prefix(inner)
            if len(inner) == len(opening) + 1:
                run, (op, arg) = run + opening, inner[-1]
        if op is sre.BRANCH:  # (re factors the alternatives' common first letters out of the branch)
            candidates.append(tuple(run + _literal_prefix(list(alternative)) for alternative in arg[1]))
        run = ""
        for words in candidates:
            if all(words) and min(map(len, words)) > min(map(len, best), default=MIN_REQUIRED_WORD - 1):
                best = words
    return best


def _literal_prefix(items: list) -> str:
    """The literal characters that every match of the sequence `items` starts with."""
    prefix = ""
    for op, arg in items:
        if op is not sre.LITERAL:
            break
        prefix += chr(arg)
    return prefix


def literal_scan(words) -> re.Pattern[str] | None:
    """One pattern that finds any of `words` as they are (longest first); None for none."""
    return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))) if words else None


@dataclass(frozen=True)
class Gated:
    """`pattern`, searched only in a text that contains one of `words` (found by one fast scan for
    literals): where a pattern seldom matches, most searches fail, and this fails them cheaply."""
    pattern: re.Pattern[str]
    words: tuple[str, ...]
    gate: re.Pattern[str] | None

    @classmethod
    def of(cls, pattern: str | re.Pattern[str]) -> Gated:
        compiled = re.compile(pattern)
        # (a pattern compiled with flags, re.I say, has no plain words to look for)
        words = required_words(compiled.pattern) if not compiled.flags & ~re.UNICODE else ()
        return cls(compiled, words, literal_scan(words))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        if self.gate is not None and self.gate.search(text, pos, end) is None:
            return None
        return self.pattern.search(text, pos, end)
