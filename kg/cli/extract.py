"""`kg extract [INPUT...] [--format jsonl|json|table] [--keep-going] [-o FILE]`."""
from __future__ import annotations

import json

import click

from kg import jsonlines
from kg.atomic import atomic_write
from kg.build import default_inputs, display_name
from kg.errors import EXIT_BAD_INPUT, InputError, UnknownFormat
from kg.cli.output import list_skipped, safe, table
from kg.extract import extract
from kg.ingest import ReadReport, read_papers
from kg.interrupts import check as check_interrupted


@click.command("extract")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True,
              help="One JSON object per paper per line, one JSON list, or a readable table.")
@click.option("--input-format", metavar="NAME", help="Input format, instead of sniffing each file.")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(dir_okay=False),
              help="Extra gazetteer entries (JSON Lines, the format of kg/data/gazetteer/); repeatable.")
@click.option("--ner", is_flag=True, help="Accuracy mode: add the statistical NER for Task, Dataset and Metric "
              "names the rules miss (slower; see README).")
@click.option("--keep-going", "-k", is_flag=True, help="Skip bad files and records, list them on stderr at the "
              "end (exit status 2 after writing the others' records).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of stdout.")
def command(inputs: tuple[str, ...], fmt: str, input_format: str | None, gazetteers: tuple[str, ...],
            ner: bool, keep_going: bool, output: str | None) -> int:
    """Extract methods, datasets, benchmarks, tasks and metrics from the papers in INPUT files or
    folders (default: the bundled seeds; `-`: standard input), with every mention's evidence."""
    read = ReadReport()
    try:
        papers = read_papers(list(inputs) or default_inputs(), format=input_format, display=display_name, report=read,
                             keep_going=keep_going)
    except UnknownFormat as error:  # (--format is the output's here)
        raise error.naming("--input-format") from None
    for warning in read.warnings + read.clashes:  # (stderr: the records on stdout stay clean)
        click.echo(f"kg: warning: {safe(warning)}", err=True)
    records = extract(papers, gazetteers=gazetteers, ner=ner)
    check_interrupted()  # a Ctrl-C that code in between swallowed (kg.interrupts): no output
    if not records:  # an empty folder, or one of files that hold no papers
        list_skipped(read.errors, "--input-format")
        raise InputError(f"no papers were read from {', '.join(inputs) or 'the bundled seeds'}")
    if fmt == "jsonl":
        text = b"".join(jsonlines.line(r) for r in records).decode("utf-8")
    elif fmt == "json":
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    else:
        rows = [[r["id"], e["type"], e["name"], e["role"], len(e["mentions"])] for r in records for e in r["entities"]]
        text = table(rows, ["paper", "type", "entity", "role", "mentions"]) + "\n"
    if output:
        with atomic_write(output) as handle:
            handle.write(text)
    else:
        click.echo(safe(text) if fmt == "table" else text, nl=False)
    return EXIT_BAD_INPUT if list_skipped(read.errors, "--input-format") else 0
