"""`kg build [INPUT...] [--out DIR]`."""
from __future__ import annotations

import re

import click

from kg.build import DEFAULT_OUT, OPTIONAL_EXPORTS, build
from kg.cli.output import list_skipped, safe, table
from kg.errors import EXIT_BAD_INPUT, UsageError, counted
from kg.ingest import STDIN


_SCHEDULER = re.compile(r"(?:(?:tcp|tls|ws|wss|ucx)://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})")


def check_scheduler(address: str | None) -> str | None:
    """A Dask scheduler address, checked before anything runs (a bad one was a traceback from Dask,
    or went unnoticed when the build was up to date)."""
    if address is None:
        return None
    match = _SCHEDULER.fullmatch(address)
    if match is None or not 0 < int(match.group(1)) < 65536:
        raise click.BadParameter(f"{address!r} is no scheduler address (tcp://HOST:PORT)")
    return address


@click.command("build")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=str))
@click.option("--out", "-o", default=str(DEFAULT_OUT), show_default=True, type=click.Path(file_okay=False),
              help="Folder to write the exports into.")
@click.option("--format", "fmt", metavar="NAME", help="Input format, instead of sniffing each file "
              "(daily-papers, editorial, jsonl, csv, arxiv-atom, arxiv-oai, openalex).")
@click.option("--keep-going", "-k", is_flag=True, help="Skip bad files and records, report them at the "
              "end (exit code 2 if any), and still write the exports.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Processes for the extraction (the output is the same for any number).")
@click.option("--update", is_flag=True, help="Add INPUT to the build already in --out (whose input files are read again, "
              "edits included), extracting only new text; its --gazetteer files and --ner are kept unless given.")
@click.option("--no-cache", is_flag=True, help="Extract every paper again (the cache lives in --out/.cache/).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the extraction runs: local processes, or Dask (needs the 'dask' extra).")
@click.option("--scheduler", metavar="ADDRESS", callback=lambda ctx, param, value: check_scheduler(value),
              help="A Dask scheduler (tcp://HOST:PORT); implies --engine dask.")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(dir_okay=False),
              help="Extra gazetteer entries (JSON Lines, the format of kg/data/gazetteer/); repeatable.")
@click.option("--ner", is_flag=True, help="Accuracy mode: add the statistical NER for Task, Dataset and Metric "
              "names the rules miss (slower; see README).")
@click.option("--no-html", is_flag=True, help="Do not write graph.html, and remove an earlier build's (the "
              "same as --skip html).")
@click.option("--skip", "skip", multiple=True, type=click.Choice(list(OPTIONAL_EXPORTS)),
              help="Leave out an optional export (repeatable): graph.html, graph.jsonld, the Oxigraph store "
              "(which 'kg sparql', 'kg entity', 'kg top', 'kg stats', 'kg ask' and 'kg serve' read) or graph.json (which 'kg view' reads). A large build "
              "is faster without them; an earlier build's copies are removed.")
def command(inputs: tuple[str, ...], out: str, fmt: str | None, keep_going: bool, quiet: bool, jobs: int,
            update: bool, no_cache: bool, engine: str, scheduler: str | None, gazetteers: tuple[str, ...],
            ner: bool, no_html: bool, skip: tuple[str, ...]) -> int:
    """Build the knowledge graph from INPUT files or folders (default: the bundled seeds) and write
    the exports into --out: papers.jsonl, extractions.jsonl, graph.ttl, graph.nt, graph.jsonld,
    graph.json (NetworkX), store/ (Oxigraph), entities.json and graph.html."""
    if STDIN in inputs:  # (the build reads its inputs more than once: to fingerprint them, then the papers)
        raise UsageError("kg build reads its inputs from files: save standard input to a file first "
                         "('-' is for kg extract)")
    report = build(inputs, out, format=fmt, keep_going=keep_going, quiet=quiet, jobs=jobs, update=update,
                   cache=not no_cache, engine=engine, scheduler=scheduler, gazetteers=gazetteers, html=not no_html,
                   ner=ner, skip=skip)
    if report.up_to_date:
        if not quiet:
            click.echo(f"{safe(out)} is up to date: built from the same inputs with the same options and kg "
                       f"version, exports untouched (checked in {report.seconds:.1f} s). Use --no-cache to "
                       "build it again.")
        return 0
    read = report.read
    if not quiet:
        if report.kept_options:
            click.echo(f"As the earlier build: {safe(' '.join(report.kept_options))}.")
        rows = [[f.name, f.format, f.records] for f in read.files]
        again = f" ({read.reread} of them the earlier build's, read again)" if read.reread else ""
        click.echo(f"Read {counted(read.records, 'record')} from {counted(len(read.files), 'file')}{again}:")
        click.echo(table(rows, ["file", "format", "records"]))
        by_format = "; ".join(f"{name}: {counted(n, 'record')} -> {counted(read.papers_by_format.get(name, 0), 'paper')}"
                              for name, n in read.by_format().items())
        earlier = f" and {counted(read.earlier, 'paper')} of the earlier build" if read.earlier else ""
        click.echo(f"Merged {counted(read.duplicates, 'duplicate')}{earlier}: {counted(read.papers, 'paper')} in all "
                   f"({by_format}).")
        if read.skipped:
            verb = "is" if len(read.skipped) == 1 else "are"
            click.echo(f"Skipped {counted(len(read.skipped), 'file')} that {verb} not paper data: "
                       f"{', '.join(read.skipped)}")
        ex = report.extract
        types = ", ".join(f"{n:,} {t}" for t, n in sorted(report.entities.items()) if n)
        click.echo(f"Extracted {counted(report.mentions, 'mention')} of "
                   f"{counted(sum(report.entities.values()), 'paper-entity pair')}{f' ({types})' if types else ''} "
                   f"and {counted(report.results, 'result')}; {counted(ex.extracted, 'paper')} extracted"
                   f"{f' ({ex.prefetched:,} while reading)' if ex.prefetched else ''}, {ex.cached:,} from the cache.")
        rdf = report.rdf
        click.echo(f"Graph: {counted(report.graph['nodes'], 'node')}, {counted(report.graph['edges'], 'edge')}; "
                   f"RDF: {counted(rdf.triples, 'triple')}, of which evidence {counted(rdf.evidence_triples, 'triple')} "
                   f"({rdf.evidence_bytes / 1e6:.1f} MB of N-Triples).")
        rows = []
        for path in report.written:
            size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size
            rows.append([str(path), f"{size / 1e6:.1f} MB"])
        click.echo(table(rows, ["export", "size"]))
        for path in report.removed:
            click.echo(f"Removed {safe(str(path))}{'/' if not path.suffix else ''}, left from an earlier build "
                       "(skipped this time).")
        timings = ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items())
        click.echo(f"Done in {report.seconds:.1f} s ({timings}).")
    for warning in read.warnings + read.clashes:
        click.echo(f"kg: warning: {safe(warning)}", err=True)
    return EXIT_BAD_INPUT if list_skipped(read.errors) else 0
