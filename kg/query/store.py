"""Opening an export for queries and running SPARQL on it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError, missing_export

RDF_FILES = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".jsonld": "JSON_LD", ".json": "JSON_LD", ".rdf": "RDF_XML",
             ".nq": "N_QUADS", ".trig": "TRIG"}


@dataclass
class Answer:
    columns: list[str]
    rows: list[list[Any]]
    query: str


def _declares_entities(path: Path) -> bool:
    """Whether an XML file declares entities anywhere (padding before a DTD must not hide one)."""
    tail = b""
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                if b"<!ENTITY" in (tail + chunk).upper():
                    return True
                tail = chunk[-8:]
    except OSError:
        return False  # loading it reports the problem
    return False


def open_store(exports: str | Path = "exports", graph: str | Path | None = None):
    """The Oxigraph store of a build (`exports/store/`), or an in-memory store of an RDF file."""
    import pyoxigraph as ox

    if graph is not None:
        path = Path(graph)
        if path.is_dir():
            return _read_only(path)
        fmt = RDF_FILES.get(path.suffix.lower())
        if fmt is None:
            raise InputError(f"{path}: not an RDF file (expected one of {', '.join(RDF_FILES)})")
        if not path.exists():
            raise InputError(f"{path}: no such file")
        if fmt == "RDF_XML" and _declares_entities(path):
            raise InputError(f"{path}: RDF/XML that declares entities (<!ENTITY ...>) is refused: their "
                             "expansion can exhaust memory")
        store = ox.Store()
        try:
            store.load(path=str(path), format=getattr(ox.RdfFormat, fmt))
        except (SyntaxError, ValueError, OSError) as exc:
            raise InputError(f"{path}: cannot load ({exc})") from None
        return store
    folder = Path(exports) / "store"
    if not folder.is_dir():
        raise missing_export(exports, folder, "store", " or pass --exports DIR")
    return _read_only(folder)


def _read_only(folder: Path):
    import pyoxigraph as ox

    try:
        return ox.Store.read_only(str(folder))
    except (OSError, RuntimeError) as exc:  # RuntimeError: a damaged store ("Corruption: ...")
        raise InputError(f"{folder}: cannot open the store ({exc})") from None


def term_value(term: Any) -> Any:
    """A plain Python value for a result cell: IRIs and strings as str, numbers as numbers."""
    if term is None:
        return None
    value = getattr(term, "value", term)
    datatype = getattr(getattr(term, "datatype", None), "value", "")
    if datatype.endswith(("#integer", "#int", "#long")):
        return int(value)
    if datatype.endswith(("#decimal", "#double", "#float")):
        return float(value)
    if datatype.endswith("#boolean"):
        return value == "true"
    return value


_WHERE = re.compile(r"\bWHERE\s*\{", re.I)
# what cannot hold a keyword, each replaced by a space before SERVICE is looked for: strings (long ones
# first), IRIs (no spaces inside, so "?a < 5 && ?b > 3" is no IRI) and comments
_NOT_SYNTAX = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''''
                         r'''|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*''')
_SERVICE = re.compile(r"(?<![\w:?$@-])SERVICE(?![\w:-])", re.I)  # the keyword, not ex:service, ?service, @service


def _in_comment(query: str, position: int) -> bool:
    """Whether `position` is on a comment line (one whose first non-blank character is #: the named
    queries' headers). A # later on a line may as well be in an IRI, a string or an escaped name."""
    line = query[query.rfind("\n", 0, position) + 1:position]
    return line.lstrip().startswith("#")


def bind_values(query: str, bindings: dict[str, Any]) -> str:
    """The query with its parameters bound by a VALUES block (SPARQL's inline data) at the start of
    the first WHERE clause outside comment lines (the outer one, or a subquery's when the outer query
    leaves out the optional WHERE keyword). The values are RDF terms written by Oxigraph (IRIs
    validated, literals escaped), so no user text reaches the query as syntax. (Oxigraph's own substitutions join the
    values after evaluating the whole pattern: seconds instead of a millisecond on a large store.)"""
    if not bindings:
        return query
    match = next((m for m in _WHERE.finditer(query) if not _in_comment(query, m.start())), None)
    if match is None:
        raise InputError("the query has no WHERE clause to bind parameters in")
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(str(term) for term in bindings.values())
    return f"{query[:match.end()]}\n  VALUES ({names}) {{ ({values}) }}{query[match.end():]}"


SERVICE_REFUSED = "SPARQL SERVICE queries another endpoint over the network; kg queries its own export only"


_LOAD = re.compile(r"(?<![\w:?$.@-])LOAD(?![\w:.-])", re.I)  # the operation, not ex:load, ex:a.load, ?load, @load
LOAD_REFUSED = "SPARQL LOAD fetches a document over the network; kg serve never fetches addresses its clients choose"


def loads_document(update: str) -> bool:
    """Whether a SPARQL update has a LOAD operation (the keyword outside strings, IRIs and comments)."""
    return _LOAD.search(_NOT_SYNTAX.sub(" ", update)) is not None


def calls_service(query: str) -> bool:
    """Whether the query has a SERVICE clause (the keyword outside strings, IRIs and comments): kg works
    offline, and a server must not fetch addresses its clients choose."""
    return _SERVICE.search(_NOT_SYNTAX.sub(" ", query)) is not None


_SELECT_ALL = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.I)


def projection_order(query: str, names: list[str]) -> list[str]:
    """The columns of a `SELECT *` in the order their variables first appear in the query (Oxigraph
    lists them alphabetically); other projections keep their order."""
    text = _NOT_SYNTAX.sub(" ", query)
    outer = re.search(r"\bSELECT\b", text, re.I)  # the outer query's: a subquery's comes later
    if outer is None or not _SELECT_ALL.match(text, outer.start()):
        return names
    first: dict[str, int] = {}
    for match in re.finditer(r"[?$]([\w\u00b7]+)", text):
        first.setdefault(match.group(1), match.start())
    return sorted(names, key=lambda name: first.get(name, len(text)))


# an update's first keyword, after the prologue (BASE and PREFIX declarations, their IRIs blanked)
_UPDATE = re.compile(r"\s*(?:(?:BASE|PREFIX\s+[^\s:]*:)\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)"
                     r"(?![\w:-])", re.I)


def update_keyword(query: str) -> str | None:
    """The keyword that makes the text a SPARQL update (INSERT, DELETE, LOAD, ...), or None for a query."""
    match = _UPDATE.match(_NOT_SYNTAX.sub(" ", query))
    return match.group(1).upper() if match else None


def update_refused(keyword: str) -> str:
    """The message that refuses an update."""
    return (f"SPARQL update ({keyword}) refused: kg's export is read-only; "
            "run a query (SELECT, CONSTRUCT, ASK or DESCRIBE)")


def select(store, query: str, bindings: dict[str, Any] | None = None) -> Answer:
    """Run a SELECT query; `bindings` maps variable names to pyoxigraph terms."""
    import pyoxigraph as ox

    keyword = update_keyword(query)
    if keyword:
        raise InputError(update_refused(keyword))
    query = bind_values(query, bindings or {})
    if calls_service(query):
        raise InputError(SERVICE_REFUSED)
    try:
        solutions = store.query(query)
    except SyntaxError as exc:
        raise InputError(f"SPARQL syntax error: {exc}") from None
    except RuntimeError as exc:
        raise InputError(f"SPARQL error: {exc}") from None
    if isinstance(solutions, (bool, getattr(ox, "QueryBoolean", bool))):
        return Answer(["ask"], [[bool(solutions)]], query)
    try:  # Oxigraph reports some evaluation errors only while the results are read
        if not hasattr(solutions, "variables"):
            rows = [[t.subject.value, t.predicate.value, getattr(t.object, "value", str(t.object))] for t in solutions]
            return Answer(["subject", "predicate", "object"], rows, query)
        columns = projection_order(query, [v.value for v in solutions.variables])
        rows = [[term_value(solution[c]) for c in columns] for solution in solutions]
    except (OSError, RuntimeError, ValueError) as exc:
        raise InputError(f"SPARQL error: {exc}") from None
    return Answer(columns, rows, query)
