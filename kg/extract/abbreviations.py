"""Abbreviation definitions ("Masked Image Modeling (MIM)"), found with the Schwartz-Hearst algorithm.

Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation definitions in biomedical
text": for each parenthesised short form, walk its characters right to left through the words before
the parenthesis; the first character must start a word. Written here from the paper's description.
The pure-Python `find_abbreviations` is shared by the spaCy component and the corpus linker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.doc_data import doc_value, set_doc_value
from kg.extract.sentences import split_sentences
from kg.extract.tokenizer import doc_text

_PAREN = re.compile(r"\(([^()]{1,80})\)")  # a short form, or a long form after its short form
_WORD = re.compile(r"\S+")
_FOR_SHORT = re.compile(r",?\s+or\s+([A-Za-z][\w-]{1,11})\s+for\s+short\b")
_FOR_SHORT_HINT = re.compile(r"for\s+short")
# "CeTaD, which stands for Considering Pretrained Transformers as Defenders": the long form after
_STANDS_FOR = re.compile(r"\b([A-Za-z][\w-]{1,11})\s*(?:,\s*(?:which|that)\s+|\(\s*)(?:stands|standing|is short|short)\s+for\s+"
                         r"([^,;.()]{3,120})")
# "Image-to-Point Masked Autoencoders, named as I2P-MAE": the short form as the new thing's name
_NAMED_SHORT = re.compile(r",\s+(?:named|called|dubbed|termed|coined)\s+(?:as\s+)?([A-Za-z][\w+-]{1,11})(?=[\s,;.:)]|$)")
# Latin and reference words; in capitals "(IE)", "(EG)" and "(CF)" are short forms
_NOT_SHORT = re.compile(r"^(?:(?i:e\.g|i\.e|see|resp|viz)|[Ii]e|[Ee]g|[Cc]f)\b")


@dataclass(frozen=True)
class Abbreviation:
    short: str
    short_start: int
    short_end: int
    long: str
    long_start: int
    long_end: int
    long_in_brackets: bool = False  # "CellVTA (Cell Vision Transformer with Adapter)"

    @property
    def end(self) -> int:
        """The end of what the brackets define: the short form in "long form (SHORT)" (and in "SHORT,
        which stands for ..."), the long form in "SHORT (long form)". A ")" usually follows."""
        return self.long_end if self.long_in_brackets else self.short_end

    @property
    def short_key(self) -> str:
        """The short form without a plural s ("SNNs" -> "SNN")."""
        s = self.short
        return s[:-1] if len(s) > 2 and s.endswith("s") and s[-2].isupper() else s


def is_short_form(text: str) -> bool:
    if not (2 <= len(text) <= 12) or len(text.split()) > 2:
        return False
    if not text[0].isalnum() or not any(c.isalpha() for c in text) or _NOT_SHORT.match(text):
        return False
    return any(c.isupper() for c in text) or any(c.isdigit() for c in text)


def best_long_form(short: str, long: str) -> int | None:
    """Start offset in `long` of the shortest suffix that `short` abbreviates, or None."""
    s, l = len(short) - 1, len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while l >= 0 and (long[l].lower() != c or (s == 0 and l > 0 and long[l - 1].isalnum())):
            l -= 1
        if l < 0:
            return None
        l -= 1
        s -= 1
    return long.rfind(" ", 0, l + 1) + 1


_PIECE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_FUNCTION_WORDS = frozenset("of the and for to in with on a an via from by".split())


def initials_long_form(short: str, candidate: str) -> int | None:
    """Start of the suffix of `candidate` whose word initials spell `short` ("Proximal Policy
    Optimization" for PPO, where plain Schwartz-Hearst stops at "Policy Optimization"). Words split at
    hyphens and CamelCase humps (DeepFake -> D, F); function words and the later pieces of a word may be
    skipped (SSFT: "Structure-aware Supervised Fine-Tuning")."""
    letters = [c.lower() for c in short if c.isalnum()]
    if letters and letters[-1] == "s" and len(letters) > 2 and short[-1] == "s":
        letters = letters[:-1]  # plural short form: SNNs
    words = list(_WORD.finditer(candidate))
    pieces: list[tuple[str, int, bool]] = []  # (initial, word start, is a function word)
    for word in words:
        text = word.group()
        if text.lower() in _FUNCTION_WORDS:
            pieces.append((text[0].lower(), word.start(), True))
            continue
        first = True
        for piece in _PIECE.finditer(text):
            pieces.append((piece.group()[0].lower(), word.start() if first else -1, False))
            first = False
    i = len(letters) - 1
    j = len(pieces) - 1
    while i >= 0 and j >= 0:
        initial, start, function = pieces[j]
        if initial == letters[i]:
            i -= 1
            if i < 0:
                return start if start >= 0 else None
        elif not function and start >= 0:
            return None  # a word that does not fit; a later piece of a word may ("Structure-aware": S)
        j -= 1
    return None


def _capitalised_run(candidate: str, short: str) -> int | None:
    """Start of the run of capitalised words that ends the candidate, if it starts with the short
    form's first letter (for short forms with digits, which Schwartz-Hearst cannot spell out)."""
    words = list(_WORD.finditer(candidate))
    start = None
    for word in reversed(words[-6:]):
        if not word.group()[0].isupper():
            break
        start = word
    if start is not None and start.group()[0].lower() == short[0].lower():
        return start.start()
    return None


# lower-case words that a list-like name may hold: "Memory, Attention, and Control (MAC)"
_LIST_NAME_WORDS = frozenset("and or of for to in on with the a an".split())


def _define(text: str, short: str, short_start: int, left_end: int, sentence_start: int) -> Abbreviation | None:
    """Try `short` (at short_start) against the words that end at left_end."""
    window = len(short.replace(" ", "")) + 5
    window = min(window, 2 * len(short.replace(" ", "")) + 1)
    words = list(_WORD.finditer(text, sentence_start, left_end))
    if not words:
        return None
    words = words[-window:]
    span_start = words[0].start()
    candidate = text[span_start:left_end]
    offset = initials_long_form(short, candidate)
    if offset is None:
        offset = best_long_form(short, candidate)
    if offset is None and re.search(r"[A-Za-z][24][A-Za-z]", short):
        # "T2V" = Text-to-Video, "B4C" = ... for: a digit standing for a word
        offset = best_long_form(re.sub(r"(?<=[A-Za-z])2(?=[A-Za-z])", "t", re.sub(r"(?<=[A-Za-z])4(?=[A-Za-z])", "f", short)), candidate)
    if offset is None and any(c.isdigit() for c in short):
        offset = _capitalised_run(candidate, short)  # "Pairwise Proximal Policy Optimization (P3O)"
    if offset is None:
        return None
    long = candidate[offset:].strip(" ,;:-")
    long_start = span_start + offset + (len(candidate[offset:]) - len(candidate[offset:].lstrip(" ,;:-")))
    if not long or len(long) <= len(short) or _starts_with_short(long, short):
        return None
    if len(long.split()) > len(short.replace(" ", "")) + 5 or "(" in long or ")" in long:
        return None
    if ", " in long and any(w[0].islower() and w not in _LIST_NAME_WORDS for w in long.split()):
        return None  # a clause, not a name: "In contrast, our model (CSE)" (but "Attend, Infer, Repeat (AIR)")
    return Abbreviation(short, short_start, short_start + len(short), long, long_start, long_start + len(long))


def _starts_with_short(long: str, short: str) -> bool:
    """"CLIPScore (CLIP)", "BERT model (BERT)": not a definition. But "Relation Extraction (RE)" is:
    its first word only begins with the short form's letters, in another case."""
    if long.startswith(short):
        return True
    return long.lower().startswith(short.lower()) and not long[len(short):len(short) + 1].isalpha()


def find_abbreviations(text: str, sentences: list[tuple[int, int]] | None = None) -> list[Abbreviation]:
    """Every "long form (SHORT)" definition in `text`, in order of appearance."""
    if "(" not in text and "for " not in text and ", " not in text:
        return []  # "(SHORT)", "or SHORT for short", "SHORT, which stands for", "LONG, named SHORT"
    sentences = sentences if sentences is not None else split_sentences(text)
    found: list[Abbreviation] = []
    sentence_index = 0
    for match in _PAREN.finditer(text):
        inner = match.group(1)
        short = re.split(r"[;,]", inner, maxsplit=1)[0].strip()
        while sentence_index + 1 < len(sentences) and sentences[sentence_index + 1][0] <= match.start():
            sentence_index += 1
        sentence_start = sentences[sentence_index][0] if sentences else 0
        if not is_short_form(short):
            long_start = match.start(1) + (inner.index(short) if short else 0)  # "( Long Form)"
            definition = _define_before(text, match.start(), long_start, short)
            if definition is not None:
                found.append(definition)
            continue
        short_start = match.start(1) + inner.index(short)
        left_end = match.start()
        while left_end > 0 and text[left_end - 1] == " ":
            left_end -= 1
        definition = _define(text, short, short_start, left_end, sentence_start)
        if definition is not None:
            found.append(definition)
    # the rarer definitions: a quick substring test first (scanning for them costs more than the rest)
    for match in _FOR_SHORT.finditer(text) if _FOR_SHORT_HINT.search(text) else ():
        # "Leave-One-Out K-Nearest-Neighbor, or LOOK for short"
        short = match.group(1)
        start = next((s for s, e in reversed(sentences) if s <= match.start()), 0)
        definition = _define(text, short, match.start(1), match.start(), start)
        if definition is not None:
            found.append(definition)
    for match in _NAMED_SHORT.finditer(text):  # "Image-to-Point Masked Autoencoders, named as I2P-MAE"
        short = match.group(1)
        if not is_short_form(short):
            continue
        start = next((s for s, e in reversed(sentences) if s <= match.start()), 0)
        definition = _define(text, short, match.start(1), match.start(), start)
        if definition is not None and _is_title_name(definition.long):
            found.append(definition)
    for match in _STANDS_FOR.finditer(text) if "stand" in text or "short" in text else ():
        definition = _define_after(match)
        if definition is not None:
            found.append(definition)
    return sorted(found, key=lambda a: a.short_start)


_SHORT_BEFORE = re.compile(r"(?<![\w-])([A-Za-z][\w+.-]*[\w+]) $")


def _define_before(text: str, paren: int, long_start: int, long: str) -> Abbreviation | None:
    """"we propose CellVTA (Cell Vision Transformer with Adapter)": a short form right before its long
    form in brackets. The whole bracket (up to a comma or semicolon) must be the long form: it starts
    with the short form's first letter, ends on a word that starts with its last one, and spells its
    letters in order (so not "BERT (Devlin et al., 2019)")."""
    before = _SHORT_BEFORE.search(text, max(0, paren - 16), paren)
    if before is None or not is_short_form(before.group(1)):
        return None
    short = before.group(1)
    spelled = short[:-1] if len(short) > 2 and short.endswith("s") and short[-2].isupper() else short
    words = long.split()
    letters = [c.lower() for c in spelled if c.isalnum()]
    if not (2 <= len(words) <= len(letters) + 5) or long[0].lower() != letters[0] \
            or words[-1][0].lower() != letters[-1]:
        return None
    if best_long_form(spelled, long) != 0 and initials_long_form(spelled, long) != 0:
        return None
    return Abbreviation(short, before.start(1), before.end(1), long, long_start, long_start + len(long),
                        long_in_brackets=True)


_NAME_LINKS = frozenset("of to for in on with via from by".split())
_TYPE_NOUNS = frozenset("model network networks framework method dataset benchmark corpus".split())


def _is_title_name(long: str) -> bool:
    """A long form in title case ("Bayesian Clustering for Text Hashing"), perhaps ending in a type noun:
    without the parenthesis of a definition, only a name this clearly marked is taken as one."""
    words = long.split()
    if words and words[-1].lower() in _TYPE_NOUNS:
        words = words[:-1]
    return len(words) >= 2 and words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w in _NAME_LINKS for w in words)


def _define_after(match: re.Match[str]) -> Abbreviation | None:
    """SHORT, which stands for LONG: the words after "stands for", up to punctuation, spelled by the
    short form from their first word on."""
    short, rest = match.group(1), match.group(2)
    if not is_short_form(short) or not rest.strip()[:1].isalpha() or rest.strip()[0].lower() != short[0].lower():
        return None
    last = next(c for c in reversed(short) if c.isalnum()).lower()
    words = list(_WORD.finditer(rest))[:len(short) + 5]
    for word in words:  # the shortest run of words that the short form spells, ending on its last letter
        long = rest[words[0].start():word.end()]
        if word.group()[0].lower() == last and best_long_form(short, long) == 0:
            start = match.start(2) + words[0].start()
            return Abbreviation(short, match.start(1), match.end(1), long, start, start + len(long))
    return None


if not Doc.has_extension("abbreviations"):
    Doc.set_extension("abbreviations", default=None)


@Language.factory("kg_abbreviations", assigns=["doc._.abbreviations"], requires=["doc._.sent_spans"],
                  default_config={})
def create_abbreviations(nlp: Language, name: str) -> "AbbreviationDetector":
    return AbbreviationDetector()


class AbbreviationDetector:
    def __call__(self, doc: Doc) -> Doc:
        set_doc_value(doc, "abbreviations", find_abbreviations(doc_text(doc), doc_value(doc, "sent_spans")))
        return doc
