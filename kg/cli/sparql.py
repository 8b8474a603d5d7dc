"""`kg sparql QUERY|FILE.rq|NAME [--param k=v] [--graph FILE] [--format table|csv|json] [--list]`."""
from __future__ import annotations

import click

from kg.cli.options import exports_option
from kg.cli.output import emit, safe
from kg.errors import KGError, NotFound, UsageError
from kg.extract.kb import TYPES


@click.command("sparql")
@click.argument("query", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query variable. A parameter the query declares in a '# param:' header (named "
              "queries, .rq files with '# name:' and '# param:' lines) is an entity's name, alias, id or IRI "
              "(`type`: a class, `paper`: a paper); any other (every one of a query given as text) is a "
              "string literal, unless the value is an IRI (<...> or http(s)://...).")
@click.option("--graph", type=click.Path(), help="Query this RDF file (.ttl, .nt, .jsonld) or store folder "
              "instead of the build's store.")
@exports_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
def command(query: str | None, params: tuple[str, ...], graph: str | None, exports: str, fmt: str,
            list_queries: bool) -> int:
    """Run SPARQL 1.1 over the export: a query text, a .rq file, or a named query from
    ontology/queries/ (kg sparql --list). Parameters are bound as values, never pasted into the text."""
    from kg.rdf.queries import named_queries, query_from_argument

    if list_queries:
        rows = [[q.name, q.description, ", ".join(p for p, _ in q.params)] for q in named_queries().values()]
        emit(rows, ["name", "description", "parameters"], fmt)
        return 0
    if not query:
        raise UsageError("give a query, a .rq file or a named query (kg sparql --list)")
    from kg.query.api import Context
    from kg.query.store import select

    text, named = query_from_argument(query)
    ctx = Context(exports=exports, graph=graph)
    bindings = {}
    declared = {p for p, _ in named.params} if named else None
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param {item!r}: expected NAME=VALUE")
        if declared is not None and name not in declared:
            raise UsageError(f"--param {name!r}: the query takes {', '.join(sorted(declared)) or 'no parameters'}")
        if name in bindings:  # (a query binds one value; the last one silently won)
            raise UsageError(f"--param {name} is given twice; a query takes one value for it")
        if not value.strip() and name != "paper":  # (a paper's lookup says what to give instead)
            raise UsageError(f"--param {name}: the value is empty")
        bindings[name] = _term(ctx, name, value, has_index=graph is None, names_entity=named is not None)
    if declared:
        missing = declared - set(bindings)
        if missing:
            raise UsageError(f"missing --param for {', '.join(sorted(missing))}")
    answer = select(ctx.store, text, bindings)
    columns, rows = answer.columns, answer.rows
    if declared:  # the bound parameters are projected (Oxigraph needs it); do not repeat them
        keep = [i for i, c in enumerate(columns) if c not in declared]
        columns, rows = [columns[i] for i in keep], [[r[i] for i in keep] for r in rows]
    if not rows:
        if fmt == "json":
            click.echo("[]")
        if named is None and graph is None:
            _hint_entity_names(ctx, bindings)
        raise NotFound("No results.")
    emit(rows, columns, fmt)
    return 0


def _hint_entity_names(ctx, bindings: dict) -> None:
    """A note for each literal parameter of one's own query that is exactly an entity's name or id: the
    query found nothing, and the user likely meant the entity."""
    import pyoxigraph as ox

    from kg.rdf.iris import entity_iri

    for name, term in bindings.items():
        if not isinstance(term, ox.Literal):
            continue
        try:
            found = [f for f in ctx.index.resolve(term.value) if term.value in (f.name, f.id)]
        except KGError:  # no index to look in: the plain "No results" says enough
            return
        if found:
            click.echo(safe(f"kg: note: --param {name} is bound as the string {term.value!r}; for the entity "
                            f"{found[0].id} give its IRI <{entity_iri(found[0].id)}>, or save the query as a .rq file "
                            f"with '# name: ...' and '# param: {name} - ...' header lines (see 'kg sparql --help')"),
                       err=True)


ENTITY_CLASSES = (*TYPES, "Entity")  # kg:Entity: any of them


def _term(ctx, name: str, value: str, *, has_index: bool, names_entity: bool = True):
    """A parameter value as an RDF term: an IRI, an entity or paper found by name, a class, a literal.
    With `--graph` (no build's index), a named query's parameter is an entity looked up in the file; a
    parameter of one's own query (`names_entity` False) stays a literal."""
    import pyoxigraph as ox

    from kg.rdf.iris import entity_iri
    from kg.rdf.terms import ONTOLOGY

    def iri(text: str):
        try:
            return ox.NamedNode(text)
        except ValueError:
            raise UsageError(f"--param {name}: {value!r} is not a valid IRI") from None

    if value.startswith("<") and value.endswith(">"):
        return iri(value[1:-1])
    if value.startswith(("http://", "https://")):
        return iri(value)
    if not names_entity:
        return ox.Literal(value)
    if name == "type":
        cls = value[:1].upper() + value[1:].rstrip("s")
        if cls not in ENTITY_CLASSES:
            raise UsageError(f"--param type: {value!r} is not one of {', '.join(ENTITY_CLASSES)}")
        return ox.NamedNode(ONTOLOGY + cls)
    if name == "paper":
        from kg.query.api import find_paper

        return ox.NamedNode(find_paper(ctx, value)[0])
    if has_index:
        found = ctx.index.resolve(value)
        if found:
            return ox.NamedNode(entity_iri(found[0].id))
        raise NotFound(safe(ctx.index.unknown_message(value)))
    found = _entity_in_graph(ctx, value)
    if found is None:
        raise NotFound(safe(f"No entity named {value!r} in {ctx.graph} (give its name, an alias, its id such as "
                            f"dataset/imagenet, or its IRI)"))
    return found


_BY_LABEL = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX kg: <{ontology}>
SELECT ?entity ?papers WHERE {
  ?entity skos:prefLabel|skos:altLabel|kg:entityId ?label .
  FILTER(LCASE(STR(?label)) = LCASE(STR(?value)))
  OPTIONAL { ?entity kg:paperCount ?papers }
  BIND(EXISTS { ?entity skos:prefLabel ?main . FILTER(STR(?main) = STR(?value)) } AS ?named)
} ORDER BY DESC(?named) DESC(?papers) ?entity LIMIT 1"""


def _entity_in_graph(ctx, value: str):
    """With --graph there is no build's index of names: the entity whose label, alias or id is `value`
    (in any case; the one whose name is spelt exactly so first, as the index does, then the most used),
    or, that failing, the bare name of "the COCO dataset"."""
    import pyoxigraph as ox

    from kg.query.lookup import bare_names
    from kg.query.store import select
    from kg.rdf.terms import ONTOLOGY

    query = _BY_LABEL.replace("{ontology}", ONTOLOGY)
    for name in (value, *bare_names(value)):
        rows = select(ctx.store, query, {"value": ox.Literal(name)}).rows
        if rows:
            return ox.NamedNode(rows[0][0])
    return None
