"""`kg eval` on malformed gold: one line naming the file, line and field, exit code 2, never a traceback;
the gold files we ship and use still read as before."""
from __future__ import annotations

import json

import pytest

from kg.evaluate import read_gold

PAPER = {"id": "x", "title": "Foo", "abstract": "We use BERT."}
SENTENCE = {"id": "x", "text": "We use BERT."}
BERT = {"name": "BERT", "type": "Method", "role": "uses"}
SPAN = {"start": 7, "end": 11, "label": "METHOD"}
RESULT = {"value": 84.5, "unit": "%", "kind": "absolute", "text": "84.5%", "method": None, "dataset": None,
          "metric": None}


def without(record: dict, key: str) -> dict:
    return {k: v for k, v in record.items() if k != key}


MALFORMED = {
    "entity without type": ({**PAPER, "entities": [{"name": "BERT"}]}, "entity 1 has no 'type'"),
    "unknown type": ({**PAPER, "entities": [{**BERT, "type": "Widget"}]}, "'type' is \"Widget\" (expected one of"),
    "entity without role": ({**PAPER, "entities": [without(BERT, "role")]}, "entity 1 has no 'role'"),
    # a user trial: these scored silently
    "unknown role": ({**PAPER, "entities": [{**BERT, "role": "invents"}]}, "'role' is \"invents\" (expected one of"),
    "unknown role in roles": ({**PAPER, "entities": [{**BERT, "roles": ["uses", "invents"]}]},
                              "'roles' is [\"uses\", \"invents\"] (expected a list of roles)"),
    "span text not at its offsets": ({**SENTENCE, "entities": [{**SPAN, "start": 3, "text": "BERT"}]},
                                     "'text' is \"BERT\", but the record's text from 3 to 11 is \"use BERT\""),
    "record without title": ({**without(PAPER, "title"), "entities": [BERT]}, "record has no 'title'"),
    "null name": ({**PAPER, "entities": [{**BERT, "name": None}]}, "'name' is null"),
    "aliases not a list": ({**PAPER, "entities": [{**BERT, "aliases": 5}]}, "'aliases' is 5"),
    "results not a list": ({**PAPER, "entities": [BERT], "results": 5}, "'results' is 5"),
    "result without text": ({**PAPER, "entities": [BERT], "results": [without(RESULT, "text")]},
                            "result 1 has no 'text'"),
    "result value not a number": ({**PAPER, "entities": [BERT], "results": [{**RESULT, "value": "high"}]},
                                  "'value' is \"high\""),
    "span without end": ({**SENTENCE, "entities": [without(SPAN, "end")]}, "entity 1 has no 'end'"),
    "entities not a list": ({**SENTENCE, "entities": 5}, "'entities' is 5"),
    "entity not an object": ({**SENTENCE, "entities": [5]}, "entity 1 is 5"),
    "span without label": ({**SENTENCE, "entities": [without(SPAN, "label")]}, "entity 1 has no 'label'"),
    "label a list": ({**SENTENCE, "entities": [{**SPAN, "label": ["METHOD"]}]}, "'label' is [\"METHOD\"]"),
    "record without text": ({"id": "x", "entities": [SPAN]}, "record has no 'text'"),
    "null text": ({"id": "x", "text": None, "entities": [SPAN]}, "'text' is null"),
    "start not a number": ({**SENTENCE, "entities": [{**SPAN, "start": "a"}]}, "'start' is \"a\""),
    "end past the text": ({**SENTENCE, "entities": [{**SPAN, "end": 99}]}, "'end' is 99"),
    "relations not a list": ({**SENTENCE, "entities": [SPAN], "relations": 5}, "'relations' is 5"),
    "relation without label": ({**SENTENCE, "entities": [SPAN], "relations": [{"head": 0, "tail": 0}]},
                               "relation 1 has no 'label'"),
    "relation to no entity": ({**SENTENCE, "entities": [SPAN], "relations": [{"head": 3, "tail": 0,
                                                                              "label": "Used-For"}]},
                              "'head' is 3"),
}


@pytest.mark.parametrize("record, message", MALFORMED.values(), ids=MALFORMED.keys())
def test_eval_malformed_gold_is_one_line_exit_2(kg, record, message):
    """The bad record on line 2, after a good one of the same kind."""
    paper = "title" in record or "abstract" in record
    good = {**PAPER, "entities": [BERT]} if paper else {**SENTENCE, "entities": [SPAN]}
    (kg.cwd / "gold.jsonl").write_text(json.dumps(good) + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    result = kg("eval", "gold.jsonl")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: gold.jsonl:2: "), lines
    assert message in lines[0]


@pytest.mark.parametrize("record", [
    {**PAPER, "entities": [{**BERT, "aliases": None}], "results": [RESULT]},
    {**SENTENCE, "entities": [SPAN, {**SPAN, "label": "Method"}], "relations": None},
], ids=["entities", "spans"])
def test_eval_valid_gold_still_scores(kg, record):
    """Optional fields may be null; a span label the label map does not know is ignored, as before."""
    (kg.cwd / "gold.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = kg("eval", "gold.jsonl", "--format", "json")
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["records"] == 1 and scores["micro"]["tp"] + scores["micro"]["fn"] == 1
    if "text" in record:  # ... and named, so that a typo ("DATASETS") does not drop its spans without a word
        assert scores["unscored_labels"] == {"Method": 1}
        table = kg("eval", "gold.jsonl")
        assert "labels not scored (see kg/data/eval/labels.json): Method (1)" in table.stdout


def test_our_gold_files_still_read(data_dir):
    for path in sorted(data_dir.glob("*/gold.jsonl")):
        assert read_gold(path), path


def test_the_shared_gold_files_still_read(shared_dir):
    for path in sorted((shared_dir / "eval").glob("*/*.jsonl")):
        assert read_gold(path), path
