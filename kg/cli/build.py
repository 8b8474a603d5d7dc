"""`kg build [INPUT...] [--out DIR]`."""
from __future__ import annotations

import click

from kg.build import DEFAULT_OUT, build
from kg.cli.output import safe, table
from kg.errors import EXIT_BAD_INPUT


@click.command("build")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=str))
@click.option("--out", "-o", default=str(DEFAULT_OUT), show_default=True, type=click.Path(file_okay=False),
              help="Folder to write the exports into.")
@click.option("--format", "fmt", metavar="NAME", help="Input format, instead of sniffing each file "
              "(daily-papers, editorial, jsonl, csv, arxiv-atom, arxiv-oai, openalex).")
@click.option("--keep-going", "-k", is_flag=True, help="Skip bad files and records, report them at the "
              "end (exit code 2 if any), and still write the exports.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def command(inputs: tuple[str, ...], out: str, fmt: str | None, keep_going: bool, quiet: bool) -> int:
    """Build the knowledge graph from INPUT files or folders (default: the bundled seeds) and write
    the exports (papers.jsonl, ...) into --out."""
    report = build(inputs, out, format=fmt, keep_going=keep_going, quiet=quiet)
    read = report.read
    if not quiet:
        rows = [[f.name, f.format, f.records] for f in read.files]
        click.echo(f"Read {read.records} records from {len(read.files)} files:")
        click.echo(table(rows, ["file", "format", "records"]))
        by_format = "; ".join(f"{name}: {n} records -> {read.papers_by_format.get(name, 0)} papers"
                              for name, n in read.by_format().items())
        click.echo(f"Merged {read.duplicates} duplicates: {read.papers} papers in all ({by_format}).")
        if read.skipped:
            click.echo(f"Skipped {len(read.skipped)} files that are not paper data: {', '.join(read.skipped)}")
        for path in report.written:
            click.echo(f"Wrote {path}")
        click.echo(f"Done in {report.seconds:.2f} s.")
    if read.errors:
        click.echo(f"kg: {len(read.errors)} problems were skipped (--keep-going):", err=True)
        for error in read.errors:
            click.echo(f"  {safe(error.message)}", err=True)
        return EXIT_BAD_INPUT
    return 0
