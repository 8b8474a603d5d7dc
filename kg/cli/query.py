"""The query commands: `kg papers`, `kg entity`, `kg top`, `kg stats`, `kg ask`."""
from __future__ import annotations

import click

from kg.cli.options import exports_option, format_option, show_query_option
from kg.cli.output import emit, note_other_meanings, safe, to_json
from kg.errors import NotFound, counted

RELATED_SHOWN = 8  # names per relation in `kg entity`'s table view (all of them in --format json)


def _context(exports: str):
    from kg.query.api import Context

    return Context(exports=exports)


def _show(answer, fmt: str, show_query: bool) -> int:
    if show_query:
        click.echo(answer.query.rstrip(), err=fmt != "table")
        click.echo("", err=fmt != "table")
    if not answer.rows:
        if fmt == "json":
            click.echo("[]")
        raise NotFound("No results.")
    emit(answer.rows, answer.columns, fmt)
    return 0


@click.command("papers")
@click.option("--uses", "entity", metavar="NAME", required=True,
              help="The entity (any role but mentions counts as using it; a task is addressed, a metric reported).")
@click.option("--role", metavar="ROLE", help="Only this role: proposes, uses, evaluates_on, compares_with, addresses, "
              "reports, mentions; or 'any' to include mentions.")
@click.option("--exact", is_flag=True, help="Leave out the entity's variants (ImageNet-1K for ImageNet); always so with --role proposes.")
@exports_option
@format_option
@show_query_option
def papers_command(entity: str, role: str | None, exact: bool, exports: str, fmt: str, show_query: bool) -> int:
    """Papers that use an entity (its variants included), from the built export."""
    from kg.query.api import papers_with

    ctx = _context(exports)
    found, answer = papers_with(ctx, entity, role, exact)
    note_other_meanings(ctx.index, entity)
    if fmt == "table" and answer.rows:
        click.echo(safe(f"{found.name} ({found.type}): {counted(len(answer.rows), 'paper')}"), err=True)
    return _show(answer, fmt, show_query)


@click.command("top")
@click.argument("kind", type=click.Choice(["datasets", "methods", "tasks", "metrics", "benchmarks", "entities"]))
@click.option("--n", "n", default=20, show_default=True, type=click.IntRange(1), help="How many.")
@exports_option
@format_option
@show_query_option
def top_command(kind: str, n: int, exports: str, fmt: str, show_query: bool) -> int:
    """The entities of a kind that most papers use (any role but mentions)."""
    from kg.query.api import top_entities

    return _show(top_entities(_context(exports), kind, n), fmt, show_query)


@click.command("stats")
@exports_option
@format_option
@show_query_option
def stats_command(exports: str, fmt: str, show_query: bool) -> int:
    """Counts of papers, entities by type, role assertions, evidence and results in the build."""
    from kg.query.api import stats

    return _show(stats(_context(exports)), fmt, show_query)


@click.command("ask")
@click.argument("question")
@exports_option
@format_option
@show_query_option
def ask_command(question: str, exports: str, fmt: str, show_query: bool) -> int:
    """Answer a question in English, such as "which papers use ImageNet?" (kg ask --help lists the forms).

    \b
    Supported forms:
      which papers use / propose / evaluate on / compare with / address X?
      which datasets / methods / tasks / metrics does paper P use?
      which methods are evaluated on X?
      which metrics are reported on X?
      what are the most used datasets for task T?
    """
    from kg.query.questions import ask

    return _show(ask(_context(exports), question), fmt, show_query)


@click.command("entity")
@click.argument("name")
@exports_option
@format_option
@show_query_option
def entity_command(name: str, exports: str, fmt: str, show_query: bool) -> int:
    """Everything the build knows about one entity: type, aliases, variants, papers by role,
    co-used entities, relations to other entities, and one evidence sentence per paper."""
    from kg.query.api import entity_report

    ctx = _context(exports)
    report = entity_report(ctx, name)
    note_other_meanings(ctx.index, name)
    if show_query:
        for query in report["queries"]:
            click.echo(query.rstrip() + "\n", err=fmt != "table")
    report.pop("queries")
    if fmt == "json":
        click.echo(to_json(report))
        return 0
    if fmt == "csv":
        emit([[e["paper"], e["title"], ", ".join(e["roles"]), e["evidence"]] for e in report["evidence"]],
             ["paper", "title", "roles", "evidence"], "csv")
        return 0
    lines = [f"{report['name']}  ({report['type']}, {report['id']})"]
    if report["aliases"]:
        lines.append("aliases: " + ", ".join(report["aliases"]))
    if report["variant_of"]:
        lines.append(f"variant of: {report['variant_of']}")
    if report["variants"]:
        lines.append("variants: " + ", ".join(report["variants"]))
    using = {r: n for r, n in report["papers_by_role"].items() if r != "mentions"}
    roles = ", ".join(f"{r} {n}" for r, n in sorted(using.items(), key=lambda kv: -kv[1]))
    passing = sum(1 for e in report["evidence"] if e["roles"] == ["mentions"])
    several = "; a paper may have several roles" if sum(using.values()) > report["papers"] - passing else ""
    inner = "; ".join(part for part in (roles, f"{passing} only mention it" if passing else "") if part)
    lines.append(f"papers: {report['papers']}" + (f" ({inner}{several})" if inner else ""))
    if report["co_used"]:
        lines.append("co-used: " + ", ".join(f"{c['name']} ({c['papers']})" for c in report["co_used"]))
    for words, names in report["relations"].items():
        lines.append(f"{words}: " + ", ".join(names[:RELATED_SHOWN]) + (
            f" (and {len(names) - RELATED_SHOWN} more)" if len(names) > RELATED_SHOWN else ""))
    click.echo(safe("\n".join(lines)))
    if report["evidence"]:
        click.echo("")
        emit([[e["title"][:70], ", ".join(e["roles"]), (e["evidence"] or "")[:160]] for e in report["evidence"]],
             ["paper", "roles", "evidence"], "table")
    return 0
