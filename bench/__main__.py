"""The benchmark suite: `python -m bench [--inputs seeds,28k,280k] [--json FILE] [--jobs 2]`.

For each input it runs a real `kg build` in a child process (wall time, peak memory, stage times),
then measures on the export: ingestion rate, extraction abstracts/s with 1 and 2 jobs, graph build,
export time and size per format, and the latency of every named query and of `kg papers --uses X`
and `kg entity X` as whole processes. Each step is shown beside a naive baseline measured in the same run: plain JSON
parsing for ingestion, a plain spaCy pipeline for extraction, building the whole NetworkX graph in
memory, rdflib's Turtle writer, and rdflib's SPARQL engine. It prints a markdown table and writes
the figures as JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, markdown  # noqa: E402
from corpus import corpus_28k, corpus_replicated, seeds  # noqa: E402

KG = [sys.executable, "-m", "kg.cli.main"]
SAMPLE = 20_000  # abstracts for the per-step extraction rates (the 2-job figure includes starting the workers)
RDFLIB_MAX_TRIPLES = 600_000  # rdflib baselines run on at most this many triples


# the build of the target: ingest, extract, graph, Turtle and N-Triples
LEAN = ("--skip", "jsonld", "--skip", "store", "--skip", "graph-json")


def run_build(inputs: list[Path], out: Path, jobs: int, options: tuple[str, ...] = ()) -> dict:
    """`kg build` in a child process: wall time, peak RSS of the build and of its workers."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run([*KG, "build", *map(str, inputs), "--out", str(out), "--jobs", str(jobs), "--no-cache",
                             "--no-html", *options], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"kg build failed: {result.stderr.strip()[-500:]}")
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    stages = dict(re.findall(r"(\w[\w ]*?) ([\d.]+) s", result.stdout.split("Done in")[-1]))
    papers = int(re.search(r"([\d,]+) papers in all", result.stdout).group(1).replace(",", ""))
    return {"seconds": seconds, "peak_rss_mb": peak, "papers": papers,
            "stages": {k.strip(): float(v) for k, v in stages.items()}}


def ingestion(inputs: list[Path]) -> dict:
    from kg.ingest import ReadReport, read_papers

    report = ReadReport()
    started = time.perf_counter()
    read_papers(inputs, report=report)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    naive = 0
    for item in inputs:
        files = sorted(item.glob("*.jsonl")) if item.is_dir() else [item]
        for path in files:
            if path.suffix != ".jsonl":
                continue
            with open(path, encoding="utf-8") as handle:
                for line in handle:
                    json.loads(line)
                    naive += 1
    baseline = time.perf_counter() - started
    return {"records": report.records, "kg_records_per_s": report.records / ours,
            "naive_json_records_per_s": naive / baseline if naive else None}


def extraction(inputs: list[Path]) -> dict:
    from kg.extract import extract
    from kg.extract.gazetteer import gazetteer
    from kg.extract.pipeline import paper_text
    from kg.ingest import read_papers

    papers = read_papers(inputs)[:SAMPLE]
    extract(papers[:100])  # load the pipeline once
    rates = {}
    for jobs in (1, 2):
        started = time.perf_counter()
        extract(papers, jobs=jobs)
        rates[f"kg_{jobs}_job"] = len(papers) / (time.perf_counter() - started)
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": False})
    ruler.add_patterns([{"label": "KB", "pattern": p["pattern"]} for p in gazetteer()[1]])
    texts = [paper_text(p) for p in papers]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    rates["plain_spacy_1_job"] = len(texts) / (time.perf_counter() - started)
    rates["sample"] = len(papers)
    return rates


def graph_build(export: Path, limit: int = 20_000) -> dict:
    """The streaming aggregator against building the whole NetworkX graph in memory."""
    from kg.extract.gazetteer import gazetteer
    from kg.graph import build_graph
    from kg.graph.stream import GraphAggregator
    from kg.model import Paper

    papers, records = [], []
    with open(export / "papers.jsonl", encoding="utf-8") as p, open(export / "extractions.jsonl", encoding="utf-8") as r:
        for line_p, line_r in zip(p, r):
            papers.append(Paper.from_json(json.loads(line_p)))
            records.append(json.loads(line_r))
            if len(papers) >= limit:
                break
    kb = gazetteer()[0]
    started = time.perf_counter()
    with open(os.devnull, "w") as sink, open(os.devnull, "wb") as nt_sink:
        aggregator = GraphAggregator(nt=nt_sink, nodes=sink, edges=sink)
        for paper, record in zip(papers, records):
            aggregator.add(paper, record)
        aggregator.finish(kb)
    streaming = time.perf_counter() - started
    started = time.perf_counter()
    build_graph(papers, records, kb)
    in_memory = time.perf_counter() - started
    return {"papers": len(papers), "streaming_s": streaming, "networkx_in_memory_s": in_memory}


def exports(export: Path) -> dict:
    """Size of every export; Oxigraph's Turtle writer against rdflib's on the same triples."""
    import pyoxigraph as ox
    import rdflib

    from kg.rdf.export import serialize_from
    from kg.rdf.namespace import PREFIXES

    sizes = {p.name: p.stat().st_size for p in export.iterdir() if p.is_file()}
    sizes["store"] = sum(p.stat().st_size for p in (export / "store").rglob("*") if p.is_file())
    nt = export / "graph.nt"
    triples = sum(1 for _ in open(nt, "rb"))
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        serialize_from(nt, Path(tmp) / "g.ttl", "turtle")
        ox_seconds = time.perf_counter() - started
        sample = Path(tmp) / "sample.nt"
        with open(nt, "rb") as src, open(sample, "wb") as dst:
            for i, line in enumerate(src):
                if i >= RDFLIB_MAX_TRIPLES:
                    break
                dst.write(line)
        n = min(triples, RDFLIB_MAX_TRIPLES)
        graph = rdflib.Graph()
        graph.parse(sample, format="nt")
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        started = time.perf_counter()
        graph.serialize(Path(tmp) / "rdflib.ttl", format="turtle")
        rdflib_seconds = time.perf_counter() - started
        del ox
    return {"triples": triples, "sizes_mb": {k: round(v / 1e6, 2) for k, v in sorted(sizes.items())},
            "oxigraph_turtle_triples_per_s": triples / ox_seconds,
            "rdflib_turtle_triples_per_s": n / rdflib_seconds, "rdflib_sample_triples": n}


def queries(export: Path) -> dict:
    """Every named query on the store (Oxigraph), and on rdflib for small exports; `kg papers` and
    `kg entity` as whole processes."""
    import pyoxigraph as ox

    from kg.query.lookup import load_index
    from kg.query.store import open_store, select
    from kg.rdf.iris import entity_iri
    from kg.rdf.namespace import ONTOLOGY
    from kg.rdf.queries import named_queries

    store = open_store(export)
    index = load_index(str(export))
    top = max(index.entities.values(), key=lambda e: e.papers)
    dataset = max((e for e in index.entities.values() if e.type in ("Dataset", "Benchmark")), key=lambda e: e.papers)
    task = max((e for e in index.entities.values() if e.type == "Task"), key=lambda e: e.papers)
    values = {"entity": ox.NamedNode(entity_iri(top.id)), "dataset": ox.NamedNode(entity_iri(dataset.id)),
              "task": ox.NamedNode(entity_iri(task.id)), "type": ox.NamedNode(ONTOLOGY + "Dataset")}
    paper_row = select(store, "SELECT ?p WHERE { ?p a <%sPaper> } LIMIT 1" % ONTOLOGY).rows[0][0]
    values["paper"] = ox.NamedNode(paper_row)
    triples = sum(1 for _ in open(export / "graph.nt", "rb"))
    rdflib_graph = None
    if triples <= RDFLIB_MAX_TRIPLES:
        import rdflib

        rdflib_graph = rdflib.Graph().parse(export / "graph.nt", format="nt")
    out = {}
    for name, query in named_queries().items():
        bindings = {p: values[p] for p, _ in query.params}
        started = time.perf_counter()
        answer = select(store, query.text, bindings)
        ours = time.perf_counter() - started
        item = {"rows": len(answer.rows), "oxigraph_ms": ours * 1000}
        if rdflib_graph is not None:
            import rdflib

            init = {k: rdflib.URIRef(v.value) for k, v in bindings.items()}
            started = time.perf_counter()
            list(rdflib_graph.query(query.text, initBindings=init))
            item["rdflib_ms"] = (time.perf_counter() - started) * 1000
        out[name] = item
    started = time.perf_counter()
    subprocess.run([*KG, "papers", "--uses", top.name, "--exports", str(export), "--format", "json"],
                   capture_output=True, check=True)
    out["kg papers --uses (whole process)"] = {"entity": top.name, "ms": (time.perf_counter() - started) * 1000}
    started = time.perf_counter()
    subprocess.run([*KG, "entity", top.name, "--exports", str(export), "--format", "json"],
                   capture_output=True, check=True)
    out["kg entity (whole process)"] = {"entity": top.name, "ms": (time.perf_counter() - started) * 1000}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", default="seeds,28k", help="comma-separated: seeds, 28k, 280k")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the full builds")
    parser.add_argument("--json", default=str(ROOT / "bench" / "results" / "bench.json"))
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "kg-bench"),
                        help="where the builds and the 280K corpus are written")
    args = parser.parse_args()
    work = Path(args.work)
    inputs = {"seeds": seeds, "28k": corpus_28k, "280k": lambda: corpus_replicated(work)}
    results = {}
    for name in args.inputs.split(","):
        files = inputs[name]()
        export = work / f"build-{name}"
        print(f"== {name}: building ...", file=sys.stderr)
        entry = {"build": run_build(files, export, args.jobs)}
        print(f"== {name}: building Turtle and N-Triples only ...", file=sys.stderr)
        lean = work / f"build-{name}-lean"
        entry["lean_build"] = run_build(files, lean, args.jobs, LEAN)
        del entry["lean_build"]["peak_rss_mb"]  # the children's peak so far: the full build's
        shutil.rmtree(lean, ignore_errors=True)
        entry["ingestion"] = ingestion(files)
        entry["extraction"] = extraction(files)
        entry["graph"] = graph_build(export)
        entry["exports"] = exports(export)
        entry["queries"] = queries(export)
        results[name] = entry
    rows = []
    for name, e in results.items():
        b, x, g, ex = e["build"], e["extraction"], e["graph"], e["exports"]
        rows += [
            [name, "full kg build (wall)", f"{b['seconds']:.1f} s for {b['papers']:,} papers", f"peak RSS {b['peak_rss_mb']:,.0f} MB"],
            [name, "kg build, Turtle + N-Triples only (wall)", f"{e['lean_build']['seconds']:.1f} s",
             "--skip jsonld --skip store --skip graph-json"],
            [name, "ingestion", f"{e['ingestion']['kg_records_per_s']:,.0f} records/s",
             f"plain JSON parsing {e['ingestion']['naive_json_records_per_s'] or 0:,.0f}/s"],
            [name, "extraction, 1 job", f"{x['kg_1_job']:,.0f} abstracts/s", f"plain spaCy {x['plain_spacy_1_job']:,.0f}/s"],
            [name, "extraction, 2 jobs", f"{x['kg_2_job']:,.0f} abstracts/s", ""],
            [name, f"graph build ({g['papers']:,} papers)", f"streaming {g['streaming_s']:.2f} s",
             f"NetworkX in memory {g['networkx_in_memory_s']:.2f} s"],
            [name, "Turtle", f"Oxigraph {ex['oxigraph_turtle_triples_per_s']:,.0f} triples/s",
             f"rdflib {ex['rdflib_turtle_triples_per_s']:,.0f} triples/s"],
            [name, "export sizes", ", ".join(f"{k} {v} MB" for k, v in ex["sizes_mb"].items()), f"{ex['triples']:,} triples"],
        ]
        for q, item in e["queries"].items():
            if "ms" in item:
                rows.append([name, q, f"{item['ms']:.0f} ms", item["entity"]])
            else:
                rows.append([name, f"query {q}", f"Oxigraph {item['oxigraph_ms']:.1f} ms ({item['rows']} rows)",
                             f"rdflib {item['rdflib_ms']:.1f} ms" if "rdflib_ms" in item else "rdflib: export too large"])
    print(markdown(rows, ["input", "step", "kg", "baseline / note"]))
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=2))
    print(f"\nwrote {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()
