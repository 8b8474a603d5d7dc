"""The questions `kg papers`, `kg entity`, `kg top`, `kg stats` and `kg ask` answer, as functions.

Each builds a SPARQL query from fixed text chosen by its options (the role filter, whether variants
count), binds the user's values to variables (never pasting them into the text) and runs it on the
export's Oxigraph store. Every answer carries its query, which `--show-query` prints. `kg papers`
reads the build's papers.sqlite instead when there is one: the same rows, at any build size.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import NotFound, UsageError
from kg.query.lookup import Found, load_index
from kg.query.paper_index import has_index
from kg.query.paper_index import papers_with as index_papers_with
from kg.query.paper_index import titles_of_papers_with
from kg.query.store import Answer, open_store, select
from kg.rdf.iris import entity_iri
from kg.rdf.terms import ONTOLOGY

ROLES = {"proposes": "proposes", "uses": "uses", "evaluates_on": "evaluatesOn", "compares_with": "comparesWith",
         "addresses": "addressesTask", "reports": "reportsMetric", "mentions": "mentions"}
USING = [r for r in ROLES if r != "mentions"]
ROLE_NAMES = {v: k for k, v in ROLES.items()}
TYPES = {"datasets": "Dataset", "methods": "Method", "tasks": "Task", "metrics": "Metric", "benchmarks": "Benchmark",
         "entities": "Entity"}

# entity-to-entity properties as the entity report words them: (from the entity, towards it)
RELATION_WORDS = {"evaluatedOn": ("evaluated on", "methods evaluated on it"),
                  "trainedOn": ("trained on", "methods trained on it"),
                  "forTask": ("for task", "methods for it"),
                  "basedOn": ("based on", "methods based on it"),
                  "comparedWith": ("compared with", "compared with it"),
                  "datasetFor": ("dataset for", "datasets for it"),
                  "metricFor": ("metric for", "metrics for it")}

PREFIXES = f"""PREFIX kg: <{ONTOLOGY}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


@dataclass
class Context:
    """Where the build is, and a lazily opened store."""

    exports: str = "exports"
    graph: str | None = None
    _store: Any = field(default=None, repr=False)

    @property
    def store(self):
        if self._store is None:
            self._store = open_store(self.exports, self.graph)
        return self._store

    @property
    def index(self):
        return load_index(str(Path(self.exports)))


def as_context(ctx: Context | str | Path) -> Context:
    """A Context for an exports folder given as a path (a notebook's `papers_with("exports", ...)`)."""
    if isinstance(ctx, Context):
        return ctx
    if isinstance(ctx, (str, Path)):
        return Context(str(ctx))
    raise TypeError(f"expected a kg.query.Context or an exports folder, not {type(ctx).__name__}")


def _node(iri: str):
    import pyoxigraph as ox

    return ox.NamedNode(iri)


def role_filter(roles: list[str]) -> str:
    return "FILTER (?p IN (" + ", ".join(f"kg:{ROLES[r]}" for r in roles) + "))"


def roles_for(role: str | None) -> list[str]:
    if role in (None, ""):
        return USING
    if role == "any":
        return list(ROLES)
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r} (one of: {', '.join(ROLES)}, any)")
    return [role]


def papers_query(roles: list[str], exact: bool) -> str:
    target = "?paper ?p ?entity ." if exact else "?target kg:variantOf* ?entity .\n  ?paper ?p ?target ."
    return PREFIXES + f"""SELECT DISTINCT ?entity ?paper ?title ?year ?p
WHERE {{
  {target}
  {role_filter(roles)}
  ?paper dcterms:title ?title .
  OPTIONAL {{ ?paper kg:year ?year }}
}}
ORDER BY LCASE(?title) ?paper ?p
"""


def papers_with(ctx: Context | str | Path, name: str, role: str | None = None, exact: bool = False) -> tuple[Found, Answer]:
    """Papers that have one of the roles on the entity `name` (and its variants unless `exact`; a
    paper that proposes a variant, ProtoCLIP, does not propose CLIP, so `role="proposes"` is always
    exact). Rows: paper id, title, year, roles."""
    ctx = as_context(ctx)
    entity = ctx.index.one(name)
    exact = exact or role == "proposes"
    query = papers_query(roles_for(role), exact)
    if ctx.graph is None and has_index(ctx.exports):  # the build's table: the same rows, in milliseconds
        rows = [[pid, title, year, ", ".join(sorted(r, key=list(ROLES).index))]
                for pid, title, year, r in index_papers_with(ctx.exports, entity.id, roles_for(role), exact)]
        note = "# answered from papers.sqlite, the build's table of these role triples: the same rows\n"
        return entity, Answer(["paper", "title", "year", "roles"], rows, note + query)
    raw = select(ctx.store, query, {"entity": _node(entity_iri(entity.id))})
    merged: dict[str, list[Any]] = {}
    for _, paper, title, year, prop in raw.rows:
        from kg.rdf.iris import paper_id_of

        pid = paper_id_of(paper) or paper
        row = merged.setdefault(pid, [pid, title, year if year is not None else "", []])
        role_name = ROLE_NAMES.get(prop.rsplit("#", 1)[-1], prop)
        if role_name not in row[3]:
            row[3].append(role_name)
    rows = [[pid, title, year, ", ".join(sorted(r, key=list(ROLES).index))] for pid, title, year, r in merged.values()]
    return entity, Answer(["paper", "title", "year", "roles"], rows, query)


def top_entities(ctx: Context | str | Path, kind: str, n: int = 20) -> Answer:
    """The `n` entities of a kind (Dataset, Method, ... or "datasets") used in the most papers.
    Rows: entity id, name, papers."""
    from kg.rdf.queries import named_query
    ctx = as_context(ctx)

    etype = TYPES.get(kind, kind[:1].upper() + kind[1:].rstrip("s"))
    if etype not in TYPES.values():
        raise UsageError(f"unknown kind {kind!r} (one of: {', '.join(TYPES)})")
    query = named_query("top-entities").text
    answer = select(ctx.store, query, {"type": _node(ONTOLOGY + etype)})
    rows = [[row[1].rsplit("/id/", 1)[-1], row[2], row[3]] for row in answer.rows[:n]]
    return Answer(["entity", "name", "papers"], rows, query)


def stats(ctx: Context | str | Path) -> Answer:
    """Counts of papers, entities by type, roles and triples in the build."""
    from kg.rdf.queries import named_query
    ctx = as_context(ctx)

    query = named_query("stats").text
    return select(ctx.store, query)


# the evidence of an entity's role edges, as the named query entity-evidence gives it, without what
# Oxigraph is slow to join on a large store (titles, which papers.sqlite has, and the ordering): the
# most used entity of 280K abstracts, 12 s -> 4 s
EVIDENCE_QUERY = PREFIXES + """SELECT ?paper ?p ?sentence ?confidence ?field ?start
WHERE {
  ?evidence rdf:object ?entity ;
            rdf:subject ?paper ;
            rdf:predicate ?p ;
            kg:sentence ?sentence ;
            kg:confidence ?confidence ;
            kg:field ?field ;
            kg:start ?start .
}
"""


def _evidence_rows(ctx: Context, entity_id: str, iri) -> Answer:
    """(paper IRI, title, role, sentence, confidence) for each evidence node of the entity, in the order
    of the named query entity-evidence (title, paper, the title's mentions first, then by offset)."""
    from kg.rdf.iris import paper_id_of
    from kg.rdf.queries import named_query

    if ctx.graph is not None or not has_index(ctx.exports):
        answer = select(ctx.store, named_query("entity-evidence").text, {"entity": iri})
        return Answer(["paper", "title", "role", "sentence", "confidence"],
                      [[paper, title, role, sentence, confidence]
                       for _, paper, title, role, sentence, _, confidence in answer.rows], answer.query)
    answer = select(ctx.store, EVIDENCE_QUERY, {"entity": iri})
    titles = titles_of_papers_with(ctx.exports, entity_id)
    rows = [(titles.get(paper_id_of(paper) or paper, ""), paper, field != "title", start, prop.rsplit("#", 1)[-1],
             sentence, confidence) for paper, prop, sentence, confidence, field, start in answer.rows]
    rows.sort(key=lambda row: row[:5])
    return Answer(["paper", "title", "role", "sentence", "confidence"],
                  [[paper, title, role, sentence, confidence] for title, paper, _, _, role, sentence, confidence in rows],
                  answer.query)


def entity_report(ctx: Context | str | Path, name: str) -> dict[str, Any]:
    """Type, aliases, variants, papers by role, co-used entities, relations to other entities (trained
    on, for task, ...), one evidence sentence per paper."""
    ctx = as_context(ctx)
    from kg.rdf.iris import paper_id_of

    entity = ctx.index.one(name)
    iri = _node(entity_iri(entity.id))
    variants = sorted((e.name for e in ctx.index.entities.values() if e.variant_of == entity.id), key=str.lower)
    evidence = _evidence_rows(ctx, entity.id, iri)
    by_paper: dict[str, dict[str, Any]] = {}
    for paper, title, role, sentence, confidence in evidence.rows:
        pid = paper_id_of(paper) or paper
        item = by_paper.setdefault(pid, {"paper": pid, "title": title, "roles": [], "evidence": sentence,
                                         "confidence": confidence or 0.0})
        role_name = ROLE_NAMES.get(role, role)
        if role_name not in item["roles"]:
            item["roles"].append(role_name)
        if (confidence or 0.0) > item["confidence"]:
            item["evidence"], item["confidence"] = sentence, confidence
    by_role: dict[str, int] = {}
    for item in by_paper.values():
        for role in item["roles"]:
            by_role[role] = by_role.get(role, 0) + 1
    # counted first, labelled after (labels for each co-used entity, not for each paper-entity pair:
    # 4.9 -> 0.9 s for the most used entity of 280K abstracts). The outer query has no WHERE keyword,
    # so that the parameter's VALUES block goes into the subquery, the first "WHERE {".
    co_query = PREFIXES + """SELECT ?entity ?other ?label ?class ?papers
{
  {
    SELECT ?entity ?other (COUNT(DISTINCT ?paper) AS ?papers)
    WHERE {
      ?paper ?p ?entity .
      FILTER (?p IN (kg:proposes, kg:uses, kg:evaluatesOn, kg:comparesWith, kg:addressesTask, kg:reportsMetric))
      ?paper ?q ?other .
      FILTER (?q IN (kg:proposes, kg:uses, kg:evaluatesOn, kg:comparesWith, kg:addressesTask, kg:reportsMetric))
      FILTER (?other != ?entity)
    }
    GROUP BY ?entity ?other
  }
  ?other skos:prefLabel ?label ; a ?class .
}
ORDER BY DESC(?papers) ?label
LIMIT 20
"""
    co = select(ctx.store, co_query, {"entity": iri})
    co_used = []
    for _, other, label, cls, papers in co.rows:
        if label not in [c["name"] for c in co_used]:
            co_used.append({"name": label, "type": cls.rsplit("#", 1)[-1], "papers": papers})
    relations_query = PREFIXES + """SELECT ?entity ?property ?towards ?other ?label
WHERE {
  { ?entity ?property ?other . BIND (false AS ?towards) }
  UNION
  { ?other ?property ?entity . BIND (true AS ?towards) }
  FILTER (?property IN (%s))
  ?other skos:prefLabel ?label .
}
ORDER BY ?property ?towards ?label
""" % ", ".join(f"kg:{name}" for name in RELATION_WORDS)
    relations: dict[str, list[str]] = {}
    for _, prop, towards, _, label in select(ctx.store, relations_query, {"entity": iri}).rows:
        words = RELATION_WORDS[prop.rsplit("#", 1)[-1]][1 if towards else 0]
        relations.setdefault(words, []).append(label)
    parent = ctx.index.entities.get(entity.variant_of) if entity.variant_of else None
    return {"id": entity.id, "name": entity.name, "type": entity.type, "aliases": list(entity.aliases),
            "variant_of": parent.name if parent else None, "variants": variants, "papers": len(by_paper),
            "papers_by_role": by_role, "co_used": co_used[:10], "relations": relations,
            "evidence": sorted(by_paper.values(), key=lambda i: (i["title"] or "").lower()),
            "queries": [evidence.query, co_query, relations_query]}


def find_paper(ctx: Context, text: str) -> tuple[str, str]:
    """(paper IRI, title) for a paper id or a (part of a) title."""
    import pyoxigraph as ox

    query = PREFIXES + """SELECT ?q ?paper ?title ?id
WHERE {
  ?paper a kg:Paper ; dcterms:title ?title ; kg:paperId ?id .
  FILTER (STR(?id) = STR(?q) || CONTAINS(LCASE(STR(?title)), LCASE(STR(?q))))
}
ORDER BY STRLEN(?title) ?paper
LIMIT 5
"""
    wanted = text.strip().strip("\"'").strip()
    if not wanted:  # CONTAINS("") holds for every title: some paper would be picked at random
        raise UsageError("give a paper id or (part of) its title")
    answer = select(ctx.store, query, {"q": ox.Literal(wanted)})
    if not answer.rows:
        raise NotFound(f"No paper with id or title {text!r}.")
    exact = [r for r in answer.rows if r[3] == wanted or r[2].lower() == wanted.lower()]
    if not exact and len(answer.rows) > 1:
        shown = "; ".join(f"{r[2]!r} ({r[3]})" for r in answer.rows[:3])
        more = " and more" if len(answer.rows) > 3 else ""
        raise UsageError(f"{text!r} is part of several titles: {shown}{more}; give more of the title or the paper id")
    row = (exact or answer.rows)[0]
    return row[1], row[2]


def entities_of_paper(ctx: Context, paper: str, kind: str | None = None) -> Answer:
    from kg.rdf.queries import named_query

    iri, title = find_paper(ctx, paper)
    query = named_query("entities-of-paper").text
    answer = select(ctx.store, query, {"paper": _node(iri)})
    etype = TYPES.get(kind) if kind else None
    rows = [[r[1].rsplit("/id/", 1)[-1], r[2], r[3], ROLE_NAMES.get(r[4], r[4])] for r in answer.rows
            if etype is None or r[3] == etype or (etype == "Dataset" and r[3] == "Benchmark")]
    return Answer(["entity", "name", "type", "role"], rows, query)


def named(ctx: Context, name: str, entity_param: str, value: str, limit: int | None = None) -> Answer:
    """Run a named query whose one parameter is an entity given by name."""
    from kg.rdf.queries import named_query

    entity = ctx.index.one(value)
    query = named_query(name).text
    answer = select(ctx.store, query, {entity_param: _node(entity_iri(entity.id))})
    columns = answer.columns[1:]
    rows = [[c.rsplit("/id/", 1)[-1] if isinstance(c, str) and "/id/" in c else c for c in row[1:]] for row in answer.rows]
    return Answer(columns, rows[:limit] if limit else rows, query)
