"""`exports/papers.sqlite`: which papers have which role on which entity, written by the build so
that "which papers use X" answers in milliseconds on a build of any size.

It holds the same facts as the role triples of the RDF export (one row per paper, entity and role,
with the paper's title and year), and `papers_with` gives the rows that the SPARQL query of
`kg.query.api.papers_query` gives, in the same order: a test checks both on the seeds. The SPARQL
path stays for exports without the file (an RDF file given with --graph, older builds).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.rdf.iris import paper_iri

NAME = "papers.sqlite"
SCHEMA = """
CREATE TABLE papers (id TEXT PRIMARY KEY, title TEXT NOT NULL, year TEXT);
CREATE TABLE roles (entity TEXT NOT NULL, paper TEXT NOT NULL, role TEXT NOT NULL);
CREATE TABLE variant_of (child TEXT NOT NULL, parent TEXT NOT NULL);
"""


class PaperIndexWriter:
    """Rows added paper by paper while the graph streams; `close` indexes them."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path)
        self.connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        self.papers: list[tuple[str, str, str | None]] = []
        self.roles: list[tuple[str, str, str]] = []

    def add(self, paper_id: str, title: str, year: int | None, roles: Iterable[tuple[str, str]]) -> None:
        """`roles`: (entity id, role) pairs of the paper."""
        self.papers.append((paper_id, title, f"{year:04d}" if year else None))
        self.roles.extend((entity, paper_id, role) for entity, role in roles)
        if len(self.roles) > 50_000:
            self._flush()

    def add_variants(self, pairs: Iterable[tuple[str, str]]) -> None:
        """(variant, entity) pairs: the kg:variantOf triples of the export."""
        self.connection.executemany("INSERT INTO variant_of VALUES (?, ?)", pairs)

    def _flush(self) -> None:
        self.connection.executemany("INSERT OR IGNORE INTO papers VALUES (?, ?, ?)", self.papers)
        self.connection.executemany("INSERT INTO roles VALUES (?, ?, ?)", self.roles)
        self.papers, self.roles = [], []

    def close(self) -> None:
        self._flush()
        self.connection.execute("CREATE INDEX roles_by_entity ON roles (entity, role)")
        self.connection.execute("CREATE INDEX variants_by_parent ON variant_of (parent)")
        self.connection.commit()
        self.connection.close()


def has_index(exports: str | Path) -> bool:
    return (Path(exports) / NAME).is_file()


def _rows(exports: str | Path, sql: str, parameters: list[Any]) -> list[tuple[Any, ...]]:
    """The rows of a read-only query of the export's index; a damaged file is an input error."""
    path = Path(exports) / NAME
    try:
        connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return connection.execute(sql, parameters).fetchall()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise InputError(f"{path}: cannot read ({exc}); run 'kg build' again") from None


def titles_of_papers_with(exports: str | Path, entity_id: str) -> dict[str, str]:
    """{paper id: title} of the papers with any role on the entity itself (its variants left out)."""
    return dict(_rows(exports, "SELECT p.id, p.title FROM papers p WHERE p.id IN "
                               "(SELECT paper FROM roles WHERE entity = ?)", [entity_id]))


def papers_with(exports: str | Path, entity_id: str, roles: Iterable[str], exact: bool = False) -> list[list[Any]]:
    """[paper id, title, year, [roles]] for the papers with one of `roles` on the entity (or on any of
    its variants, as kg:variantOf* does, unless `exact`), ordered like the SPARQL query: by lower-case
    title, then paper IRI."""
    roles = list(roles)
    entities = "SELECT ?" if exact else (
        "WITH RECURSIVE v(id) AS (SELECT ? UNION SELECT child FROM variant_of JOIN v ON parent = v.id) SELECT id FROM v")
    found = _rows(exports, f"SELECT r.paper, p.title, p.year, r.role FROM roles r JOIN papers p ON p.id = r.paper "
                           f"WHERE r.entity IN ({entities}) AND r.role IN ({','.join('?' * len(roles))})",
                  [entity_id, *roles])
    merged: dict[str, list[Any]] = {}
    for paper, title, year, role in found:
        row = merged.setdefault(paper, [paper, title, year if year is not None else "", []])
        if role not in row[3]:
            row[3].append(role)
    return sorted(merged.values(), key=lambda row: (row[1].lower(), paper_iri(row[0])))
