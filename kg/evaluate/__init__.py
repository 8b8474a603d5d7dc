"""`kg eval`: precision, recall and F1 of the extraction on gold data.

Two kinds of gold are recognised by their records: span gold (`entities` with `start`/`end`, the
format of `../shared/eval/`) and entity-level gold per paper (`entities` with `name`/`role`, the seed
development set).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.errors import InputError, where
from kg.evaluate.gold_records import check_record, entity_list_problem


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """The records of the gold file at `path`, each checked by `check_record`: InputError names the file
    and line of the first bad one."""
    path = Path(path)
    numbered: list[tuple[int, dict[str, Any]]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{path}:{number}: malformed JSON: {exc}") from None
        if not isinstance(record, dict) or "entities" not in record:
            raise InputError(f"{path}:{number}: not a gold record (no 'entities')")
        _check(entity_list_problem(record), path, number)
        numbered.append((number, record))
    if not numbered:
        raise InputError(f"{path}: empty file")
    records = [record for _, record in numbered]
    kind = gold_kind(records)
    for number, record in numbered:
        _check(check_record(record, kind), path, number)
    return records


def _check(problem: str | None, path: Path, line: int) -> None:
    if problem:
        raise InputError(f"{where(str(path), line)}: {problem}")


def gold_kind(records: list[dict[str, Any]]) -> str:
    for record in records:
        for entity in record["entities"]:
            if "start" in entity:
                return "spans"
            if "name" in entity:
                return "entities"
    return "spans"


def evaluate(path: str | Path, *, match: str = "exact", gazetteers=(), ner: bool = False) -> dict[str, Any]:
    """Scores of the default pipeline (with the statistical NER if `ner`) on the gold file at `path`."""
    from kg.extract import extract
    from kg.extract.gazetteer import gazetteer

    records = read_gold(path)
    kind = gold_kind(records)
    run = lambda papers: extract(papers, gazetteers=gazetteers, ner=ner)  # noqa: E731
    if kind == "spans":
        from kg.evaluate.spans import score_spans, unscored_labels
        from kg.model import Paper

        papers = [Paper(id=str(r.get("id", i)), title="", abstract=r["text"]) for i, r in enumerate(records)]
        extractions = run(papers)
        scores, n = score_spans(records, run, match, extractions)
        result = {"gold": str(path), "kind": kind, "match": match, "records": n, **scores.as_dict()}
        unscored = unscored_labels(records)
        if unscored:  # (a typo such as DATASETS would otherwise drop its spans without a word)
            result["unscored_labels"] = unscored
        if any(r.get("relations") for r in records):
            from kg.evaluate.relations import score_relations

            result["relations"] = score_relations(records, extractions).as_dict()
        return result
    from kg.evaluate.entities import papers_of, score_entities, score_results

    extractions = run(papers_of(records))
    kb, _, _ = gazetteer(tuple(str(g) for g in gazetteers))
    scores, roles = score_entities(records, extractions, kb)
    return {"gold": str(path), "kind": kind, "match": "entity", "records": len(records), **scores.as_dict(),
            "roles": roles.as_dict(), "results": score_results(records, extractions).as_dict()}
