"""`kg eval GOLD.jsonl [--match exact|overlap] [--format table|json]`."""
from __future__ import annotations

import click

from kg.cli.output import emit, to_json
from kg.errors import counted
from kg.evaluate import evaluate


@click.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--match", type=click.Choice(["exact", "overlap"]), default="exact", show_default=True,
              help="Span gold: exact span and type, or overlapping span of the same type.")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(dir_okay=False),
              help="Extra gazetteer file (JSON Lines), as for kg extract.")
@click.option("--ner", is_flag=True, help="Accuracy mode: add the statistical NER for Task, Dataset and Metric "
              "names the rules miss (slower; see README).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--top", default=10, show_default=True, type=click.IntRange(0), help="How many false positives and negatives to list.")
def command(gold: str, match: str, gazetteers: tuple[str, ...], ner: bool, fmt: str, top: int) -> int:
    """Score the extraction on GOLD: span gold in the format of ../shared/eval/ (P/R/F1 per type
    and micro, exact or overlap), or the entity-level seed development set (entities and roles)."""
    result = evaluate(gold, match=match, gazetteers=gazetteers, ner=ner)
    if fmt == "json":
        click.echo(to_json(result))
        return 0
    click.echo(f"{result['gold']}: {counted(result['records'], 'record')}, {result['kind']} gold, match={result['match']}")
    rows = [[t, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}", s["tp"], s["fp"], s["fn"]]
            for t, s in {**result["by_type"], "micro": result["micro"]}.items()]
    emit(rows, ["type", "P", "R", "F1", "tp", "fp", "fn"], "table")
    if result.get("unscored_labels"):
        click.echo("labels not scored (see kg/data/eval/labels.json): "
                   + ", ".join(f"{label} ({n})" for label, n in result["unscored_labels"].items()))
    if "roles" in result:
        roles = result["roles"]
        click.echo("\nroles: " + ", ".join(f"{t} accuracy {a:.3f} (n={roles['matched'][t]})"
                                           for t, a in roles["accuracy"].items()))
        p = roles["proposes"]
        click.echo(f"proposes: P {p['precision']:.3f} R {p['recall']:.3f} F1 {p['f1']:.3f}")
    if "relations" in result:
        click.echo("\nrelations (gold label: P R F1 tp fp fn): " + "; ".join(
            f"{label} {s['precision']:.3f} {s['recall']:.3f} {s['f1']:.3f} {s['tp']} {s['fp']} {s['fn']}"
            for label, s in {**result["relations"]["by_type"], "micro": result["relations"]["micro"]}.items()))
    if "results" in result:
        r = result["results"]
        v = r["values"]
        click.echo(f"result values: P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} "
                   f"(tp {v['tp']}, fp {v['fp']}, fn {v['fn']}); of the matched: kind {r['kind_accuracy']:.3f}, "
                   f"metric {r['metric_accuracy']:.3f}, method {r['method_accuracy']:.3f}, "
                   f"dataset {r['dataset_accuracy']:.3f}")
    for title, key in (("top false positives", "top_false_positives"), ("top false negatives", "top_false_negatives")):
        items = result[key][:top]
        if items:
            click.echo(f"\n{title}: " + "; ".join(f"{text} ({t}, {n})" for t, text, n in items))
    return 0
