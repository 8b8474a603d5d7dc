"""`kg view [--focus NAME] [--hops N] [--types Dataset,Method,...] [--min-papers K] [--max-nodes N] [-o FILE]`."""
from __future__ import annotations

from pathlib import Path

import click

from kg.atomic import atomic_write
from kg.cli.options import exports_option
from kg.cli.output import note_other_meanings, safe
from kg.errors import NotFound, UsageError, counted, missing_export

TYPES = ("Method", "Dataset", "Benchmark", "Task", "Metric")


@click.command("view")
@click.option("--focus", metavar="NAME", help="Show one entity's neighbourhood.")
@click.option("--hops", default=1, show_default=True, type=click.IntRange(1), help="How far from --focus to go (entities used in the same papers).")
@click.option("--types", metavar="TYPES", help="Only these types, comma-separated: Method,Dataset,Benchmark,Task,Metric.")
@click.option("--min-papers", default=1, show_default=True, type=click.IntRange(0), help="Leave out entities used in fewer papers.")
@click.option("--max-nodes", type=click.IntRange(1), help="Show at most N entities, the most connected first (default 400).")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="The HTML file to write.  [default: view.html in the --exports folder]")
@exports_option
def command(focus: str | None, hops: int, types: str | None, min_papers: int, max_nodes: int | None,
            output: str | None, exports: str) -> int:
    """Write an interactive HTML view of the built graph that works offline: one entity's
    neighbourhood, some types only, or the most connected entities."""
    from kg.graph.io import read_node_link
    from kg.query.lookup import load_index
    from kg.views import ViewOptions
    from kg.views.render import render_html, view_data

    wanted = _types(types) if types is not None else ()
    path = Path(exports) / "graph.json"
    output = output or str(Path(exports) / "view.html")  # beside the graph it shows (was always exports/)
    target = Path(output).resolve()
    if target.parent == Path(exports).resolve() and target.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"-o {output}: a view written there would replace one of the build's own files; "
                         "give a .html name")
    if not path.exists():
        raise missing_export(exports, path, "graph-json", " or pass --exports DIR")
    focus_id = None
    if focus:
        index = load_index(exports)
        focus_id = index.one(focus).id
        note_other_meanings(index, focus)
    graph = read_node_link(path)
    title = f"kg: around {focus}" if focus else "kg: papers, methods, datasets, tasks and metrics"
    data = view_data(graph, ViewOptions(focus=focus_id, hops=hops, types=wanted, min_papers=min_papers,
                                        max_nodes=max_nodes, title=title))
    meta = data["meta"]
    if not meta["shown_nodes"]:  # an empty answer: say so, and leave an earlier view where it was
        raise NotFound(f"no entities to show with these options ({meta['total_nodes']:,} in the graph); "
                       f"nothing written to {output}")
    with atomic_write(output) as handle:
        handle.write(render_html(data))
    size = Path(output).stat().st_size
    click.echo(safe(f"Wrote {output}: {meta['shown_nodes']:,} of {meta['total_nodes']:,} entities, "
                    f"{counted(meta['shown_edges'], 'edge')}, {size / 1024:,.0f} KB "
                    f"({size / max(meta['shown_nodes'], 1) / 1024:.1f} KB per node)."))
    return 0


def _types(text: str) -> tuple[str, ...]:
    """The types of `--types` ("datasets,Method"), each checked; an empty list is a usage error."""
    wanted = tuple(t.strip()[:1].upper() + t.strip()[1:].rstrip("s") for t in text.split(",") if t.strip())
    if not wanted:
        raise UsageError(f"--types {text!r} names no type; give one or more of {', '.join(TYPES)}, comma-separated")
    unknown = [t for t in wanted if t not in TYPES]
    if unknown:
        raise UsageError(f"unknown type {unknown[0]!r} in --types (one of: {', '.join(TYPES)})")
    return wanted
