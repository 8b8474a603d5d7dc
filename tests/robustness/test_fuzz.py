"""Property-based fuzzing of every reader and of `kg build`: the only outcomes allowed are papers or
one InputError (exit code 2 with one line from the CLI), never another exception.

Hypothesis reports how many examples ran (`pytest --hypothesis-show-statistics`); the profile
`KG_FUZZ_EXAMPLES` sets how many per test (default 150).
"""
from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import read_papers
from kg.ingest.registry import readers

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                             HealthCheck.too_slow])
FORMATS = sorted(readers())
SUFFIX = {"jsonl": ".jsonl", "csv": ".csv", "arxiv-atom": ".xml", "arxiv-oai": ".jsonl", "openalex": ".json",
          "daily-papers": ".txt", "editorial": ".txt"}

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
                           lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
                           max_leaves=20)
paperish = st.fixed_dictionaries({"title": st.one_of(st.text(), json_values), "abstract": st.one_of(st.text(), json_values)},
                                 optional={"id": json_values, "authors": json_values, "year": json_values,
                                           "doi": json_values, "abstract_inverted_index": json_values,
                                           "versions": json_values, "authors_parsed": json_values})


def outcome(path, fmt=None):
    """Papers, or the one allowed error."""
    try:
        papers = read_papers([path], format=fmt)
    except InputError as error:
        assert "\n" not in error.message
        return error
    for paper in papers:
        assert isinstance(paper.title, str) and isinstance(paper.abstract, str) and paper.id
    return papers


@pytest.mark.parametrize("fmt", [None, *FORMATS])
@FUZZ
@given(data=st.binary(max_size=3000))
def test_fuzz_random_bytes(tmp_path, fmt, data):
    path = tmp_path / f"input{SUFFIX.get(fmt, '.dat')}"
    path.write_bytes(data)
    outcome(path, fmt)


@FUZZ
@given(records=st.lists(paperish, max_size=6), cut=st.integers(min_value=0, max_value=4000),
       as_list=st.booleans())
def test_fuzz_odd_and_truncated_json(tmp_path, records, cut, as_list):
    text = json.dumps(records) if as_list else "".join(json.dumps(r) + "\n" for r in records)
    for name, content in (("whole.jsonl", text), ("cut.jsonl", text[:cut])):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        outcome(path)
        outcome(path, "openalex")
        outcome(path, "arxiv-oai")


@FUZZ
@given(rows=st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=5), max_size=8),
       header=st.sampled_from(["id,title,abstract", "title,abstract", "id,name", "title\tabstract"]))
def test_fuzz_csv_with_quotes_and_newlines(tmp_path, rows, header):
    import csv

    path = tmp_path / "input.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        csv.writer(handle).writerows(rows)
    outcome(path)


@FUZZ
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-16", "latin-1", "cp1252", "utf-32"]))
def test_fuzz_wrong_encodings(tmp_path, text, encoding):
    path = tmp_path / "input.txt"
    try:
        path.write_bytes(("Daily Papers\n\nJul 30\n\n" + text).encode(encoding))
    except UnicodeEncodeError:
        return
    outcome(path)


@FUZZ
@given(title=st.text(), summary=st.text(), entity=st.sampled_from(["", "&amp;", "&lt;", "&#x2013;", "&unknown;"]))
def test_fuzz_atom_feeds(tmp_path, title, summary, entity):
    from xml.sax.saxutils import escape

    feed = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2101.00001v1</id>'
            f"<title>{escape(title)}{entity}</title><summary>{escape(summary)}</summary></entry></feed>")
    path = tmp_path / "feed.xml"
    path.write_text(feed, encoding="utf-8", errors="replace")
    outcome(path)


def test_fuzz_enormous_line_and_deep_json(tmp_path):
    huge = tmp_path / "huge.jsonl"
    huge.write_text(json.dumps({"title": "T" * 10, "abstract": "word " * 2_000_000}) + "\n")
    (paper,) = outcome(huge)
    assert len(paper.abstract) <= 50_000
    deep = tmp_path / "deep.jsonl"
    deep.write_text("[" * 100_000 + "]" * 100_000 + "\n")
    error = outcome(deep)
    assert isinstance(error, InputError)


@pytest.mark.parametrize("payload, message", [
    ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
     '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol2;</title></entry></feed>', "refused unsafe XML"),
    ('<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
     '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&xxe;</title></entry></feed>', "refused unsafe XML"),
])
def test_fuzz_xml_entities_are_refused(tmp_path, payload, message):
    path = tmp_path / "evil.xml"
    path.write_text(payload)
    error = outcome(path)
    assert isinstance(error, InputError) and message in error.message


@settings(max_examples=max(10, EXAMPLES // 10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.binary(max_size=1500), name=st.sampled_from(["in.jsonl", "in.csv", "in.txt", "in.xml", "in.json"]))
def test_fuzz_whole_build(kg, data, name):
    """`kg build` on random bytes: a build, or one error line and exit code 2."""
    (kg.cwd / name).write_bytes(data)
    result = kg("build", name, "--quiet", "--no-html", "--no-cache")
    assert result.exit_code in (0, 2), result.stderr
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.stderr
