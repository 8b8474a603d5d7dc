"""The pipeline's Doc extensions (`doc._.sent_spans`, ...), read and written straight in
`doc.user_data`, where spaCy keeps them: `doc._` builds an Underscore object on every access (a few
per cent of the spaCy stage over a dozen accesses per paper). `doc._.name` still works. Only for
extensions registered with `default=None` and no getter, setter or method, as all of kg's are."""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc


def doc_value(doc: Doc, name: str) -> Any:
    """`doc._.<name>`: None when not set. (The key is spaCy's, Underscore._get_key.)"""
    return doc.user_data.get(("._.", name, None, None))


def set_doc_value(doc: Doc, name: str, value: Any) -> None:
    """`doc._.<name> = value`."""
    doc.user_data[("._.", name, None, None)] = value
