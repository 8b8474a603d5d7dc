"""arXiv metadata: the API's Atom feed, and the OAI metadata snapshot (JSON Lines, as distributed on
Kaggle: `id`, `title`, `abstract`, `authors`, `doi`, `journal-ref`, `versions`, `update_date`).

XML is parsed with defusedxml, which refuses entity expansion and external entities.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from kg.errors import InputError
from kg.ingest.jsonio import first_record, jsonl_records
from kg.ingest.records import make_paper
from kg.ingest.registry import OnError, Reader
from kg.ingest.source import InputFile
from kg.model import Paper

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
# the id of the one entry of a feed in which the API reports an error (its summary says which)
API_ERROR = re.compile(r"https?://arxiv\.org/api/errors\b")


def sniff_atom(head: str, file: InputFile) -> bool:
    text = head.lstrip()
    return text.startswith("<") and "<feed" in text and "http://www.w3.org/2005/Atom" in text


def _text(element: Any, tag: str) -> str | None:
    child = element.find(tag)
    return child.text if child is not None and child.text else None


_DECLARED_ENCODING = re.compile(r"""(<\?xml[^>]*?encoding\s*=\s*)["']([A-Za-z0-9._-]+)["']""")


def xml_bytes(file: InputFile) -> bytes:
    """The feed as UTF-8 bytes for the XML parser. A feed in another encoding (a UTF-16 byte order mark,
    or `<?xml version="1.0" encoding="ISO-8859-1"?>`) is decoded by Python's codecs, which know
    more encodings than the parser, and its declaration then says UTF-8. Without either, the file must
    be UTF-8, and a bad byte is named as in every other format."""
    data = file.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        declared = _DECLARED_ENCODING.match(data.removeprefix(codecs.BOM_UTF8).lstrip().decode("ascii", "replace"))
        encoding = declared.group(2) if declared else "utf-8"
        try:
            if codecs.lookup(encoding).name == "utf-8":
                return file.read_text().encode("utf-8")
        except LookupError:
            raise InputError(f"{file.name}: unknown encoding {encoding!r} in the XML declaration") from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{file.name}: invalid {encoding} at byte {exc.start}, as the file declares "
                         "that encoding") from None
    text = text.removeprefix("\ufeff")
    return _DECLARED_ENCODING.sub(r'\1"UTF-8"', text, count=1).encode("utf-8")


def read_atom(file: InputFile, on_error: OnError) -> Iterator[Paper]:
    data = xml_bytes(file)
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise InputError(f"{file.name}: refused unsafe XML ({type(exc).__name__})") from None
    except ElementTree.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise InputError(f"{file.name}{f':{line}' if line else ''}: malformed XML: {exc}") from None
    if root.tag != f"{ATOM}feed":
        raise InputError(f"{file.name}: not an Atom feed (root element {root.tag!r})")
    for index, entry in enumerate(root.iter(f"{ATOM}entry"), 1):
        entry_id = _text(entry, f"{ATOM}id") or ""
        if API_ERROR.match(entry_id):
            message = " ".join((_text(entry, f"{ATOM}summary") or entry_id).split())
            raise InputError(f"{file.name}: the arXiv API answered with an error, not papers: {message!r}")
        title = _text(entry, f"{ATOM}title")
        if not title:
            on_error(InputError(f"{file.name}: entry {index} has no title"))
            continue
        authors = [n.text for a in entry.findall(f"{ATOM}author") if (n := a.find(f"{ATOM}name")) is not None and n.text]
        url = next((link.get("href") for link in entry.findall(f"{ATOM}link")
                    if link.get("rel") == "alternate"), None) or entry_id or None
        yield make_paper(
            "arxiv-atom", file.name, index, title=title, abstract=_text(entry, f"{ATOM}summary") or "",
            arxiv_id=entry_id, doi=_text(entry, f"{ARXIV}doi"), authors=authors,
            year=_text(entry, f"{ATOM}published"), venue=_text(entry, f"{ARXIV}journal_ref"), url=url)


OAI_KEYS = ("authors_parsed", "submitter", "versions", "journal-ref", "update_date")


def sniff_oai(head: str, file: InputFile) -> bool:
    record = first_record(head)
    return record is not None and "title" in record and sum(k in record for k in OAI_KEYS) >= 2


def _oai_authors(record: dict[str, Any]) -> list[str] | str | None:
    parsed = record.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        names = []
        for item in parsed:
            if isinstance(item, list) and item:
                last, first = str(item[0]), str(item[1]) if len(item) > 1 else ""
                names.append(f"{first} {last}".strip())
        return names
    return record.get("authors")


def _oai_year(record: dict[str, Any]) -> Any:
    versions = record.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[0], dict):
        return versions[0].get("created")
    return record.get("update_date")


def read_oai(file: InputFile, on_error: OnError) -> Iterator[Paper]:
    for line, record in jsonl_records(file, on_error):
        title = record.get("title")
        if not isinstance(title, str) or not title.strip():
            on_error(InputError(f"{file.name}:{line}: record has no title"))
            continue
        arxiv_id = str(record.get("id") or "")
        yield make_paper(
            "arxiv-oai", file.name, line, title=title, abstract=str(record.get("abstract") or ""),
            arxiv_id=arxiv_id, doi=record.get("doi"), authors=_oai_authors(record),
            year=_oai_year(record), venue=record.get("journal-ref"),
            url=f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else None)


READERS = (
    Reader(name="arxiv-atom", summary="arXiv API Atom feed (export.arxiv.org/api/query)",
           extensions=(".xml", ".atom"), sniff=sniff_atom, read=read_atom,
           example='<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2301.00001v1'
                   '</id><title>...</title><summary>...</summary></entry></feed>\n'),
    Reader(name="arxiv-oai", summary="arXiv OAI metadata snapshot (JSON Lines)",
           extensions=(), sniff=sniff_oai, read=read_oai,
           example='{"id": "0704.0001", "title": "...", "abstract": "...", "authors": "C. Bal\\u00e1zs, E. L. '
                   'Berger", "versions": [{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"}]}\n'),
)
