"""The command line as a whole: version, help on every command, the default build on the seeds."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kg import __version__
from kg.cli.main import COMMANDS


def test_cli_version(kg):
    result = kg("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"kg {__version__}"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_cli_every_command_has_help(kg, name):
    result = kg(name, "--help")
    assert result.exit_code == 0
    assert f"Usage: kg {name}" in result.stdout
    doc = result.stdout.split("\n\n", 2)[1].strip()
    assert len(doc) > 20  # a real description, not a blank


def test_cli_build_defaults_to_the_bundled_seeds(kg):
    result = kg("build")
    assert result.exit_code == 0, result.stderr
    assert "Merged 31 duplicates: 350 papers in all" in result.stdout
    assert "daily-papers: 370 records -> 339 papers" in result.stdout
    assert "editorial: 11 records -> 11 papers" in result.stdout
    lines = (kg.cwd / "exports" / "papers.jsonl").read_text().splitlines()
    assert len(lines) == 350
    assert all(json.loads(line)["id"] for line in lines)


def test_cli_build_summary_counts_one_in_the_singular(kg):
    # a user's case: "Read 1 records from 1 files", "1 papers in all", "kg: 1 problems were skipped", and
    # "Extracted 0 mentions of 0 paper-entity pairs () ..." for a paper that names no entity
    (kg.cwd / "one.jsonl").write_text('{"id": "x1", "title": "A note", "abstract": "We write a few words."}\n')
    result = kg("build", "one.jsonl")
    assert result.exit_code == 0, result.stderr
    assert "Read 1 record from 1 file:" in result.stdout
    assert "Merged 0 duplicates: 1 paper in all (jsonl: 1 record -> 1 paper)." in result.stdout
    assert "Extracted 0 mentions of 0 paper-entity pairs and 0 results; 1 paper extracted, 0 from the cache." \
        in result.stdout
    assert "Graph: 1 node, 0 edges;" in result.stdout
    assert "()" not in result.stdout
    (kg.cwd / "bad.jsonl").write_text('{"id": "x2", "title": "Another", "abstract": "Words."}\nnot json\n')
    result = kg("build", "one.jsonl", "bad.jsonl", "--keep-going", "--out", "o2")
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: 1 problem was skipped (--keep-going):\n  bad.jsonl:2: malformed JSON")


def test_cli_console_script_runs_as_a_process(tmp_path):
    """The installed entry point, as a user runs it; a usage error is one line with exit code 2."""
    result = subprocess.run([sys.executable, "-m", "kg.cli.main", "build", "--zzzz"], capture_output=True,
                            text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "kg: error: No such option '--zzzz' (see 'kg build --help')"]


def test_cli_extract_warns_on_stderr_and_keeps_stdout_json(kg, tmp_path):
    """Two files numbered from 1: kg extract keeps both papers and says why one has another id."""
    import json

    (tmp_path / "a.jsonl").write_text('{"id": "1", "title": "Deep Residual Learning", "abstract": "We use ImageNet."}\n')
    (tmp_path / "b.jsonl").write_text('{"id": "1", "title": "Attention Is All You Need", "abstract": "We use WMT."}\n')
    result = kg("extract", "a.jsonl", "b.jsonl")
    assert result.exit_code == 0
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == [
        "Deep Residual Learning", "Attention Is All You Need"]
    assert result.stderr.startswith("kg: warning: b.jsonl:1: id '1' is also the id of an earlier paper")


def test_cli_extract_keeps_the_input_record_id_beside_the_paper_id(kg, tmp_path):
    """A user joins kg's records back to their own list by the id they gave (a user trial: ACL ids such as
    D18-1478 came back only as doi: ids). The id is the paper's stable one (DOI first); `record_id` is theirs."""
    import json

    (tmp_path / "acl.jsonl").write_text(
        '{"id": "D18-1478", "doi": "10.18653/v1/D18-1478", "title": "A parser", "abstract": "We use BERT."}\n'
        '{"id": "P17-1001", "title": "A tagger", "abstract": "We use ELMo."}\n'
        '{"title": "No id at all", "abstract": "We use GPT-2."}\n')
    result = kg("extract", "acl.jsonl")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r.get("record_id")) for r in records][:2] == [
        ("doi:10.18653/v1/d18-1478", "D18-1478"), ("P17-1001", None)]
    assert list(records[0])[:3] == ["id", "record_id", "title"]
    assert records[2]["id"].startswith("title:") and "record_id" not in records[2]


def test_cli_extract_reads_standard_input_named_dash(tmp_path):
    """`... | kg extract -` reads the pipe; a format it cannot tell names kg extract's --input-format."""
    import json
    import subprocess
    import sys

    line = '{"id": "p1", "title": "A tagger", "abstract": "We fine-tune BERT on CoNLL-2003."}\n'
    run = [sys.executable, "-m", "kg.cli.main", "extract", "-"]
    result = subprocess.run(run, input=line, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(text) for text in result.stdout.splitlines()]
    assert record["id"] == "p1" and {"BERT", "CoNLL-2003"} <= {e["name"] for e in record["entities"]}
    bad = subprocess.run(run, input="just words{", capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.startswith("kg: error: stdin: unknown format; use --input-format (one of: "), bad.stderr
    kept = subprocess.run(run + ["--keep-going"], input="just words{", capture_output=True, text=True, cwd=tmp_path)
    assert "  stdin: unknown format; use --input-format (one of: " in kept.stderr, kept.stderr
    # kg build reads its inputs twice (a file named '-' was fingerprinted instead: a review)
    build = subprocess.run([sys.executable, "-m", "kg.cli.main", "build", "-"], input=line, capture_output=True,
                           text=True, cwd=tmp_path)
    assert build.returncode == 2 and build.stderr.startswith("kg: error: kg build reads its inputs from files")


def test_cli_extract_keep_going_writes_the_good_records_and_lists_the_bad(kg, tmp_path):
    """One bad record stopped a whole folder's extraction (a user trial); --keep-going, as in kg build."""
    import json

    (tmp_path / "a.jsonl").write_text('{"id": "a", "title": "A tagger", "abstract": "We use BERT."}\n'
                                      '{"id": "b", "title": \n'
                                      '{"id": "c", "title": "A parser", "abstract": "We use GPT-2."}\n')
    assert kg("extract", "a.jsonl").exit_code == 2
    result = kg("extract", "a.jsonl", "--keep-going", "-o", "out.jsonl")
    assert result.exit_code == 2
    assert [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").open()] == ["a", "c"]
    assert result.stderr.splitlines() == ["kg: 1 problem was skipped (--keep-going):",
                                          "  a.jsonl:2: malformed JSON: Expecting value (column 22)"]
