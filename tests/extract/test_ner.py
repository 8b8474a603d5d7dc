"""The opt-in statistical NER (`--ner`): shipped with the package, off by default, adds names the
rules miss on real seed sentences, never hides a gazetteer name, and keeps its cache entries apart."""
from __future__ import annotations

import json

import pytest

from kg.extract import extract
from kg.extract.cache import ExtractCache
from kg.extract.ner import name_span, model_path
from kg.extract.pipeline import load_pipeline
from kg.model import Paper

# sentences from the bundled seeds (the Surgical Computer Vision and text ranking papers)
PHASE = ("Jumpstarting Surgical Computer Vision",
         "We then finetune the resulting model initializations on three diverse downstream tasks: namely, "
         "phase recognition and critical view of safety in laparoscopic cholecystectomy and phase recognition "
         "in laparoscopic hysterectomy.")
RANKING = ("A Survey of Text Ranking",
           "The goal of text ranking is to generate an ordered list of texts retrieved from a corpus in "
           "response to a query. We evaluate BERT on MS MARCO.")


def names(record, rule=None):
    return {(e["type"], e["name"]) for e in record["entities"]
            if rule is None or any(m["rule"] == rule for m in e["mentions"])}


def test_ner_model_ships_in_the_package_and_is_opt_in():
    meta = json.loads((model_path() / "meta.json").read_text())
    assert set(meta["labels"]["ner"]) == {"Task", "Dataset", "Metric"}
    assert "kg_ner" not in load_pipeline().pipe_names
    assert load_pipeline(ner=True).pipe_names[-2:] == ["kg_ner", "kg_linker"]


def test_ner_finds_tasks_the_rules_miss():
    papers = [Paper(id=f"p{i}", title=t, abstract=a) for i, (t, a) in enumerate((PHASE, RANKING))]
    default, accurate = extract(papers), extract(papers, ner=True)
    for plain, with_ner, task in zip(default, accurate, ("phase recognition", "text ranking")):
        assert ("Task", task) not in names(plain)
        assert ("Task", task) in names(with_ner, rule="ner")
    # the gazetteer still decides what it knows: BERT and MS MARCO are linked as before
    assert {"BERT", "MS MARCO"} <= {n for _, n in names(accurate[1])}
    assert names(default[1]) <= names(accurate[1])


@pytest.mark.parametrize("text, kept", [
    ("We train for sequence-to- sequence tasks.", None),
    ("Detection and Classification\n\nWe study it.", "Detection and Classification"),
    ("Detection and\nClassification of URLs.", None),
    ("We study machine translation.", "machine translation"),
    ("The analysis of the data is hard.", None),
])
def test_ner_spans_are_trimmed_to_names(text, kept):
    nlp = load_pipeline(ner=True)  # its vocabulary sets the lexeme flags (is_space, is_punct) name_span reads
    doc = nlp.make_doc(text)
    wanted = {"sequence-to-": "sequence-to-", "Detection and\n": "Detection and\nClassification",
              "Detection": "Detection and Classification\n\n",
              "machine": "machine translation.", "analysis": "analysis of the"}
    first = next(k for k in wanted if k in text)
    start = text.index(first)
    span = doc.char_span(start, start + len(wanted[first]), label="Task", alignment_mode="expand")
    result = name_span(span)
    assert (result.text if result is not None else None) == kept


def test_ner_cache_entries_are_apart_from_the_default_ones(tmp_path):
    default, accurate = ExtractCache(tmp_path), ExtractCache(tmp_path, ner=True)
    default.put_many([("k", {"x": 1})])
    assert default.get_many(["k"]) == {"k": {"x": 1}}
    assert accurate.get_many(["k"]) == {}
    accurate.put_many([("k", {"x": 2})])  # alternating modes keeps both entries
    assert default.get_many(["k"]) == {"k": {"x": 1}} and accurate.get_many(["k"]) == {"k": {"x": 2}}
    default.invalidate(["k"])  # a gazetteer change invalidates both
    assert default.get_many(["k"]) == accurate.get_many(["k"]) == {}
    default.close()
    accurate.close()


def test_ner_from_the_command_line(kg, tmp_path):
    source = tmp_path / "papers.jsonl"
    source.write_text(json.dumps({"id": "r1", "title": RANKING[0], "abstract": RANKING[1]}) + "\n")
    plain = kg("extract", source, "--format", "table")
    accurate = kg("extract", source, "--format", "table", "--ner")
    assert plain.exit_code == accurate.exit_code == 0
    assert "text ranking" not in plain.output and "text ranking" in accurate.output
