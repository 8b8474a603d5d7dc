"""An editorial extracted from a PDF that describes the papers of a special issue in prose.

The extraction is messy: words hyphenated across line breaks ("Pre-" / blank line / "trained"), a
running page header in the middle of a paragraph, author bios at the end, and column fragments
displaced after the closing paragraph. This reader repairs the paragraph flow, then yields one record
per paper described as `entitled "TITLE" from FIRST AUTHOR et al.` or `... by FIRST AUTHOR et al.` (its
describing paragraph as text)
and one record for the editorial itself, which cites them.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from kg.errors import InputError
from kg.ingest.clean import join_split_word, words_of
from kg.ingest.records import make_paper
from kg.ingest.registry import OnError, Reader
from kg.ingest.source import InputFile
from kg.model import Paper

DESCRIBED = re.compile(r'entitled\s+(?:by\s+)?["\u201c](?P<title>[^"\u201d]+)["\u201d]\s+(?:from|by)\s+'
                       r'(?P<author>[^,;()]+?)\s+et\s+al\b\.?')
BIO_START = re.compile(r"\breceived (?:the|his|her) (?:B|M|Ph)\.?")
BIO_NAME = re.compile(r"^(?P<name>[A-Z][\w'-]+(?: [A-Z][\w'.-]+){1,3}) received ")
COLLECTION_SENTENCE = re.compile(r"(?<=[.!?] )(?=(?:These|Together, these|In summary|Overall, these) "
                                 r"(?:papers|works|articles|contributions))")
COPYRIGHT = re.compile(r"\[@\]|\u00a9|\(c\) |Springer|Elsevier|All rights reserved", re.I)
TERMINAL = tuple(".!?:\"\u201d)")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@dataclass
class Paragraph:
    line: int
    text: str


def split_paragraphs(text: str) -> list[Paragraph]:
    """Blank-line separated paragraphs, each joined into one line (line-end hyphens repaired)."""
    vocabulary = words_of(text)
    paragraphs: list[Paragraph] = []
    lines: list[str] = []
    start = 1
    for number, line in enumerate(text.splitlines() + [""], 1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
            continue
        if lines:
            joined = lines[0]
            for nxt in lines[1:]:
                if joined.endswith("-") and nxt[:1].islower():
                    left = re.search(r"([^\W\d_]+)-$", joined)
                    if left:
                        joined = joined[: left.start()] + join_split_word(left.group(1), nxt, vocabulary)
                        continue
                joined = f"{joined} {nxt}"
            paragraphs.append(Paragraph(start, joined))
            lines = []
    return paragraphs


def _similar(a: str, b: str) -> float:
    wa, wb = set(words_of(a)), set(words_of(b))
    return len(wa & wb) / max(len(wa), 1)


def is_running_header(paragraph: str, title: str) -> bool:
    """A page header or footer repeated by the PDF: short, unpunctuated, the journal title or a
    copyright line."""
    words = paragraph.split()
    if COPYRIGHT.search(paragraph) and len(words) <= 40:
        return True
    if len(words) > 15 or paragraph.endswith(TERMINAL):
        return False
    return len(words) == 1 or _similar(paragraph, title) >= 0.6


def merge_overlap(left: str, right: str) -> str | None:
    """Join `left` (cut mid-word) and `right` when the PDF repeated the cut line: "... pretraining from
    diverse perspectives including natural lan" + "training from diverse perspectives, including
    natural language ..." -> "... pretraining from diverse perspectives, including natural language ..."."""
    lw = list(_WORD.finditer(left))
    rw = list(_WORD.finditer(right))
    for k in range(min(len(lw), len(rw), 12), 2, -1):
        a, b = lw[-k:], rw[:k]
        if (a[0].group().lower().endswith(b[0].group().lower())
                and [m.group().lower() for m in a[1:-1]] == [m.group().lower() for m in b[1:-1]]
                and b[-1].group().lower().startswith(a[-1].group().lower())):
            return left[: a[0].end()] + right[b[0].end():]
    return None


def join_continuations(paragraphs: list[Paragraph], vocabulary: set[str]) -> list[Paragraph]:
    """Join a paragraph broken by a page break or header with its continuation (lower-case start)."""
    out: list[Paragraph] = []
    for para in paragraphs:
        if out and para.text[:1].islower() and not out[-1].text.endswith(TERMINAL):
            prev = out[-1]
            cut = re.search(r"([^\W\d_]+)-$", prev.text)
            if cut:
                first = re.match(r"\S+", para.text).group()
                prev.text = prev.text[: cut.start()] + join_split_word(cut.group(1), first, vocabulary) \
                    + para.text[len(first):]
            else:
                prev.text = merge_overlap(prev.text, para.text) or f"{prev.text} {para.text}"
            continue
        out.append(Paragraph(para.line, para.text))
    return out


def reinsert_orphans(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Put a displaced column fragment (a paragraph that starts mid-word, in lower case, after a
    finished paragraph) back where the preceding paragraph has a word glued from two halves
    ("not fully ex" + "visual" -> "ex" + fragment + " visual")."""
    counts = Counter(w.lower() for p in paragraphs for w in _WORD.findall(p.text))
    out: list[Paragraph] = []
    for para in paragraphs:
        if out and para.text[:1].islower() and out[-1].text.endswith(TERMINAL):
            host = out[-1]
            for match in _WORD.finditer(host.text):
                word = match.group()
                if counts[word.lower()] != 1 or "-" in word:
                    continue
                split = next((i for i in range(1, len(word) - 2)
                              if counts[word[i:].lower()] >= 1 and word[i:].islower()), None)
                if split is None:
                    continue
                at = match.start() + split
                host.text = f"{host.text[:at]}{para.text} {host.text[at:]}"
                break
            else:
                out.append(para)
            continue
        out.append(para)
    return out


def editorial_paragraphs(text: str) -> tuple[str, list[Paragraph], list[str]]:
    """(title, content paragraphs in reading order, editors named in the bios)."""
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        raise InputError("empty file")
    title, rest = paragraphs[0].text, paragraphs[1:]
    bio_at = next((i for i, p in enumerate(rest) if BIO_START.search(p.text)), len(rest))
    editors = [m.group("name") for p in rest[bio_at:] if (m := BIO_NAME.match(p.text))]
    body = rest[:bio_at]
    if body and editors and not body[-1].text.endswith(TERMINAL) and editors[0] in body[-1].text:
        body = body[:-1]  # the signature line that introduces the bios
    body = [p for p in body if not is_running_header(p.text, title)]
    vocabulary = words_of(text)
    return title, reinsert_orphans(join_continuations(body, vocabulary)), editors


def sniff(head: str, file: InputFile) -> bool:
    return bool(DESCRIBED.search(" ".join(head.split()))) and not head.lstrip().startswith(("{", "[", "<"))


def read(file: InputFile, on_error: OnError) -> Iterator[Paper]:
    text = file.read_text()
    title, paragraphs, editors = editorial_paragraphs(text)
    vocabulary = words_of(text)
    described: list[Paper] = []
    own_text: list[str] = []
    for para in paragraphs:
        match = DESCRIBED.search(para.text)
        if not match:
            own_text.append(para.text)
            continue
        cut = COLLECTION_SENTENCE.search(para.text)
        about, closing = (para.text[: cut.start()], para.text[cut.start():]) if cut else (para.text, "")
        if closing:
            own_text.append(closing)
        described.append(make_paper(
            "editorial", file.name, para.line, title=match.group("title"), abstract=about.strip(),
            authors=[match.group("author")], kind="paper", vocabulary=vocabulary))
    if not described:
        on_error(InputError(f"{file.name}: no paper described as 'entitled \"TITLE\" from (or by) AUTHOR et al.'"))
    editorial = make_paper("editorial", file.name, 1, title=title, abstract=" ".join(own_text),
                           authors=editors, kind="editorial", vocabulary=vocabulary)
    editorial.cites = [paper.id for paper in described]
    yield from described
    yield editorial


READERS = (Reader(
    name="editorial",
    summary="an editorial (PDF text) describing papers as 'entitled \"TITLE\" from (or by) AUTHOR et al.'",
    extensions=(),
    sniff=sniff,
    read=read,
    example='Editorial for Special Issue on ...\n\nThe first paper, entitled "Pre-training in Medical '
            'Data: A Survey" from Yixuan Qiu et al., provided an indepth review of ...\n',
),)
