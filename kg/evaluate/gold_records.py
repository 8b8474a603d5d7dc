"""What is wrong with a gold record, as one message ("entity 1 has no 'type'") or None: every field
the scorers read is checked, so that `kg eval` on a malformed file says where instead of failing."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any


def entity_list_problem(record: dict[str, Any]) -> str | None:
    """Whether `entities` is a list of objects (needed before the gold's kind can be told)."""
    return _items(record, "entities", "entity", lambda entity, what: None, required=True)


def _show(value: Any) -> str:
    """A value as the gold file writes it, cut short."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


def _first(problems: Iterable[str | None]) -> str | None:
    """The first problem; a lazy iterable stops checking there."""
    return next((p for p in problems if p), None)


Rule = tuple[str, Callable[[Any], bool]]  # (what is expected, test)

STRING: Rule = ("a string", lambda v: isinstance(v, str))
NAME: Rule = ("a non-empty string", lambda v: isinstance(v, str) and bool(v.strip()))
NAME_OR_NULL: Rule = ("a string or null", lambda v: v is None or isinstance(v, str))
STRINGS: Rule = ("a list of strings", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v))
NUMBER: Rule = ("a number", lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))


def _index(upper: int, expected: str) -> Rule:
    """An integer from 0 to `upper` (inclusive)."""
    return expected, lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= upper


def _field(obj: dict[str, Any], what: str, field: str, rule: Rule, required: bool = True) -> str | None:
    """What is wrong with `obj[field]`: missing when `required`, or a value `rule` rejects. An optional
    field may be missing or null."""
    if field not in obj:
        return f"{what} has no '{field}'" if required else None
    value = obj[field]
    if (not required and value is None) or rule[1](value):
        return None
    return f"{what}: '{field}' is {_show(value)} (expected {rule[0]})"


def _items(obj: dict[str, Any], field: str, name: str, check: Callable[[dict[str, Any], str], str | None],
           required: bool = False) -> str | None:
    """What is wrong with a list of objects `obj[field]` (optional: missing or null is empty), each item
    checked by `check(item, "<name> <number>")`."""
    if problem := _field(obj, "record", field, ("a list of objects", lambda v: isinstance(v, list)), required):
        return problem
    return _first(f"{name} {i} is {_show(item)} (expected an object)" if not isinstance(item, dict)
                  else check(item, f"{name} {i}") for i, item in enumerate(obj.get(field) or [], 1))


def check_record(record: dict[str, Any], kind: str) -> str | None:
    """What is wrong with one gold record of `kind` (see `gold_kind`), or None. Every field the scorers
    read is checked; other fields are left alone, and so are span labels the label map does not score."""
    return _span_record(record) if kind == "spans" else _entity_record(record)


def _span_record(record: dict[str, Any]) -> str | None:
    if problem := _field(record, "record", "text", STRING):
        return problem
    length, count = len(record["text"]), len(record["entities"])
    return (_items(record, "entities", "entity", lambda e, what: _span(e, what, record["text"]), required=True)
            or _items(record, "relations", "relation", lambda r, what: _relation(r, what, count)))


def _span(entity: dict[str, Any], what: str, text: str) -> str | None:
    length = len(text)
    offset = _index(length, f"a character offset from 0 to {length}, the length of the text")
    problem = _first(_field(entity, what, field, offset) for field in ("start", "end"))
    if not problem and entity["start"] >= entity["end"]:
        problem = f"{what}: 'start' {entity['start']} is not before 'end' {entity['end']}"
    if not problem and isinstance(entity.get("text"), str) and text[entity["start"]:entity["end"]] != entity["text"]:
        problem = (f"{what}: 'text' is {_show(entity['text'])}, but the record's text from {entity['start']} to "
                   f"{entity['end']} is {_show(text[entity['start']:entity['end']])}")
    return problem or _field(entity, what, "label", STRING)


def _relation(relation: dict[str, Any], what: str, count: int) -> str | None:
    index = _index(count - 1, f"an entity index from 0 to {count - 1}" if count else "an entity, but there are none")
    return _first((_field(relation, what, "head", index), _field(relation, what, "tail", index),
                   _field(relation, what, "label", STRING)))


def _entity_record(record: dict[str, Any]) -> str | None:
    from kg.evaluate.spans import label_map
    from kg.extract.roles import role_cues

    types = sorted(label_map()[1])
    etype: Rule = (f"one of {', '.join(types)}", lambda v: isinstance(v, str) and v in types)
    roles = role_cues().strength
    role: Rule = (f"one of {', '.join(roles)}", lambda v: isinstance(v, str) and v in roles)
    return _first((_field(record, "record", "title", STRING), _field(record, "record", "abstract", STRING, False),
                   _items(record, "entities", "entity", lambda e, what: _entity(e, what, etype, role), required=True),
                   _items(record, "results", "result", _result)))


def _entity(entity: dict[str, Any], what: str, etype: Rule, role: Rule) -> str | None:
    return _first((_field(entity, what, "name", NAME), _field(entity, what, "type", etype),
                   _field(entity, what, "role", role), _field(entity, what, "aliases", STRINGS, False),
                   _field(entity, what, "roles", ("a list of roles", lambda v: isinstance(v, list)
                                                  and all(role[1](x) for x in v)), False)))


def _result(result: dict[str, Any], what: str) -> str | None:
    return _first(_field(result, what, field, rule) for field, rule in
                  (("value", NUMBER), ("unit", NAME_OR_NULL), ("kind", STRING), ("text", STRING),
                   ("method", NAME_OR_NULL), ("dataset", NAME_OR_NULL), ("metric", NAME_OR_NULL)))
