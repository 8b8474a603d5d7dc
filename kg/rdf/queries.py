"""Named SPARQL queries (`ontology/queries/*.rq`) and running SPARQL over an export.

Each query file starts with a header of comments: `# name:`, `# description:`, one `# param: NAME -
description` per parameter. Parameters are SPARQL variables that are bound to values when the query
runs, with a VALUES block of RDF terms written by Oxigraph (see `kg.query.store.bind_values`), never
by formatting user text into the query: a value with quotes, braces or `#` cannot change the query.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg import resources
from kg.errors import InputError, NotFound

_HEADER = re.compile(r"^#\s*(name|description|param):\s*(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[tuple[str, str], ...]  # (name, description)
    text: str
    path: str


def parse_query_file(text: str, path: str) -> NamedQuery:
    name, description, params = "", "", []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            if line.strip() and not line.lstrip().startswith("#"):
                break
            continue
        key, value = match.groups()
        if key == "name":
            name = value.strip()
        elif key == "description":
            description = value.strip()
        else:
            pname, _, pdesc = value.partition(" - ")
            params.append((pname.strip(), pdesc.strip()))
    if not name:
        raise InputError(f"{path}: query file has no '# name:' header")
    return NamedQuery(name, description, tuple(params), text, path)


@lru_cache(maxsize=None)
def named_queries() -> dict[str, NamedQuery]:
    folder = resources.ontology("queries")
    found = {}
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".rq"):
            query = parse_query_file(item.read_text(encoding="utf-8"), f"ontology/queries/{item.name}")
            found[query.name] = query
    return found


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        import difflib

        close = difflib.get_close_matches(re.sub(r"[\s_]+", "-", name.strip().lower()), queries, n=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else " See 'kg sparql --list'."
        raise NotFound(f"No named query {name!r}.{hint}")
    return queries[name]


def _is_sparql(argument: str) -> bool:
    """Whether the text is a query, if a malformed one (its error is SPARQL's, not 'No named query'):
    it has a `{`, a `?` or a line break, which no query name has, or opens with a SPARQL keyword.
    ('papers using' is a name mistyped, and gets the names it is close to.)"""
    return re.search(r"[{?\n]", argument) is not None or re.match(
        r"\s*(?:prefix|base|select|construct|ask|describe)\b", argument, re.I) is not None


def query_from_argument(argument: str) -> tuple[str, NamedQuery | None]:
    """The query text for `kg sparql ARG`: a named query, a .rq file, or SPARQL text."""
    if re.fullmatch(r"[a-z0-9-]+", argument) and argument in named_queries():
        query = named_queries()[argument]
        return query.text, query
    path = Path(argument)
    if argument.endswith(".rq") or (path.suffix and path.exists()):
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"{argument}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{argument}: cannot read ({exc})") from None
        try:
            return text, parse_query_file(text, argument)
        except InputError:
            return text, None
    if _is_sparql(argument):
        return argument, None
    from kg.query.store import update_keyword, update_refused

    keyword = update_keyword(argument)
    if keyword:
        raise InputError(update_refused(keyword))
    if path.suffix and not re.fullmatch(r"[a-z0-9-]+", argument):  # "my query.sparql": a file, not there
        raise InputError(f"{argument}: no such file")
    return named_query(argument).text, None
