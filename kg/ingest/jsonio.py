"""Iterating the records of a JSON Lines file or a JSON document (a list, or an object holding a list
under `results`/`records`/`data`), with the line each record starts on for error messages."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from kg.errors import InputError
from kg.ingest.registry import OnError
from kg.ingest.source import InputFile

_DECODER = json.JSONDecoder()
LIST_KEYS = ("results", "records", "data", "papers", "works", "items")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(value: Any) -> Any:
    """The value with U+FFFD in place of each half of a UTF-16 pair that JSON escaped alone
    ("\\ud800"): no UTF-8 file can hold one, so it would fail every export."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [valid_text(v) for v in value]
    if isinstance(value, dict):
        return {valid_text(k): valid_text(v) for k, v in value.items()}
    return value


def loads(text: str) -> Any:
    """`json.loads`, with U+FFFD for each lone half of a UTF-16 pair (see `valid_text`)."""
    value = json.loads(text)
    return valid_text(value) if "\\u" in text and _SURROGATE_ESCAPE.search(text) else value


def _problem(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} (column {exc.colno})"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)


def jsonl_records(file: InputFile, on_error: OnError) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, object) for each non-blank line; a bad line is reported through `on_error`."""
    for number, line in file.lines():
        if not line.strip():
            continue
        try:
            value = loads(line)
        except (ValueError, RecursionError) as exc:
            on_error(InputError(f"{file.name}:{number}: malformed JSON: {_problem(exc)}"))
            continue
        if not isinstance(value, dict):
            on_error(InputError(f"{file.name}:{number}: expected a JSON object, found {type(value).__name__}"))
            continue
        yield number, value


def document_records(file: InputFile, on_error: OnError) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, object) for each element of a JSON list document."""
    text = file.read_text()
    start = len(text) - len(text.lstrip())
    try:
        if text[start:start + 1] == "{":
            whole = loads(text)
            key = next((k for k in LIST_KEYS if isinstance(whole.get(k), list)), None)
            items = [whole] if key is None else whole[key]
            if not items:
                raise InputError(f"{file.name}: its {key!r} list is empty: no papers")
            for item in items:
                if isinstance(item, dict):
                    yield 1, item
            return
    except (ValueError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(f"{file.name}{f':{line}' if line else ''}: malformed JSON: {_problem(exc)}") from None
    if text[start:start + 1] != "[":
        raise InputError(f"{file.name}: expected a JSON list or object")
    pos, line = start + 1, text.count("\n", 0, start) + 1
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            line += text[pos] == "\n"
            pos += 1
        if pos >= len(text):
            raise InputError(f"{file.name}:{line}: malformed JSON: the list is not closed (truncated file?)")
        if text[pos] == "]":
            return
        try:
            value, end = _DECODER.raw_decode(text, pos)
        except (ValueError, RecursionError) as exc:
            where = getattr(exc, "lineno", line)
            raise InputError(f"{file.name}:{where}: malformed JSON: {_problem(exc)}") from None
        if _SURROGATE_ESCAPE.search(text, pos, end):
            value = valid_text(value)
        if isinstance(value, dict):
            yield line, value
        else:
            on_error(InputError(f"{file.name}:{line}: expected a JSON object, found {type(value).__name__}"))
        line += text.count("\n", pos, end)
        pos = end


def records(file: InputFile, on_error: OnError) -> Iterator[tuple[int, dict[str, Any]]]:
    """JSON Lines or a JSON document, whichever the file holds."""
    head = file.head_text().lstrip()
    if head.startswith("["):
        return document_records(file, on_error)
    if head.startswith("{"):
        first_line = head.split("\n", 1)[0]
        try:
            value = json.loads(first_line)
        except (ValueError, RecursionError):
            if "\n" in head.strip():  # a pretty-printed single JSON object
                return document_records(file, on_error)
        else:
            if wraps_records(value):  # an API page on one line: {"meta": ..., "results": [...]}
                return document_records(file, on_error)
    return jsonl_records(file, on_error)


def wraps_records(value: Any) -> bool:
    """Whether a JSON object is a wrapper around a list of records (an API page, even an empty one),
    not a record itself: it holds a list under `results`, `records`, ... and has no title."""
    return (isinstance(value, dict) and not any(k in value for k in ("title", "display_name", "name"))
            and any(isinstance(value.get(k), list) for k in LIST_KEYS))


def first_record(head: str) -> dict[str, Any] | None:
    """The first object of a JSON Lines or JSON head, if it can be parsed from the head alone."""
    text = head.lstrip()
    if text.startswith("["):
        text = text[1:].lstrip()
    if not text.startswith("{"):
        return None
    try:
        value, _ = _DECODER.raw_decode(text)
    except (ValueError, RecursionError):
        try:
            value = json.loads(text.split("\n", 1)[0])
        except (ValueError, RecursionError):
            return None
    if isinstance(value, dict):
        for key in LIST_KEYS:
            if isinstance(value.get(key), list) and value[key] and isinstance(value[key][0], dict):
                return value[key][0]
        return value
    return None
