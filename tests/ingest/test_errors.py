"""Bad input: one clear line, exit code 2, no traceback, earlier exports untouched."""
from __future__ import annotations

import json

import pytest


def write(path, content: bytes | str):
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


BAD_INPUTS = [
    ("missing.jsonl", None, "missing.jsonl: no such file"),
    ("bad.jsonl", '{"title": "ok", "abstract": "a"}\n{"title": "broken", \n', "bad.jsonl:2: malformed JSON"),
    ("no_title.csv", "id,name,abstract\n1,x,y\n", "no_title.csv:1: no 'title' column in the header (found: id, name, abstract)"),
    ("no_abstract.csv", "id,title\n1,x\n", "no_abstract.csv:1: no 'abstract' column"),
    ("latin1.txt", b"Daily Papers\n\nJul 30\n\nCaf\xe9 au lait\n\nAn abstract.\n", "latin1.txt: invalid UTF-8 at byte 25 (0xe9)"),
    ("empty.jsonl", "", "empty.jsonl: empty file"),
    ("blank.csv", "  \n\n", "blank.csv: empty file"),
    # a quote left open swallowed every later row into one paper's abstract
    ("open_quote.csv", 'id,title,abstract\nA,First,We use BERT.\nB,"Second,We use GPT-2.\nC,Third,We use T5.\n',
     "open_quote.csv:3: malformed CSV: a quote opened here is not closed where its field ends"),
    # ... or until the next row's opening quote closed it (a user trial: record q2 vanished, exit 0)
    ("closed_late.csv", 'id,title,abstract\nq1,Unterminated,"We use BERT.\nq2,Next,"We use GPT-2."\n',
     "closed_late.csv:2: malformed CSV: a quote opened here is not closed where its field ends"),
    # an unquoted comma in a title shifted the abstract into the year column, silently
    ("extra.csv", "id,title,abstract,year\nP1,Deep Learning, a survey,We review CNNs and RNNs.,2021\n",
     "extra.csv:2: row has 5 fields, the header 4 (a comma in a field that is not quoted?)"),
    ("mystery.dat", "just some words\nwithout any structure\n", "mystery.dat: unknown format"),
    ("untitled.jsonl", '{"abstract": "no title here"}\n', "untitled.jsonl:1: record has no title"),
    ("list.json", '[{"title": "a", "abstract": "b"},\n {"title": ', "list.json:2: malformed JSON"),
    # an empty API page was "record has no title" (its one line read as JSON Lines)
    ("empty_page.json", '{"meta": {"count": 0}, "results": []}\n', "empty_page.json: its 'results' list is empty: no papers"),
    # was read, and the build wrote "--02-30"^^xsd:gMonthDay, an invalid literal, into the Turtle export
    ("feb30.txt", "Daily Papers\n\nFeb 30\n\nA title\n\nAn abstract.\n", "feb30.txt:3: page date 'Feb 30' is no day of the year"),
    ("feed.xml", '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</entry></feed>', "feed.xml:1: malformed XML"),
]


@pytest.mark.parametrize("name, content, message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_errors_one_line_exit_2(kg, name, content, message):
    if content is not None:
        write(kg.cwd / name, content)
    result = kg("build", name, "--quiet")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kg: error: ") and message in lines[0]
    assert "Traceback" not in result.stderr


def test_errors_a_long_header_is_quoted_short(kg):
    # a user's case: 'kg build --format csv b.jsonl' quoted the whole first record (1.5 KB) as the header found
    record = {"id": "p1", "title": "A title", "abstract": "word " * 300}
    write(kg.cwd / "b.jsonl", json.dumps(record) + "\n")
    result = kg("build", "--format", "csv", "b.jsonl", "--quiet")
    assert result.exit_code == 2
    line, = result.stderr.splitlines()
    assert line.startswith("kg: error: b.jsonl:1: no 'title' column in the header (found: {\"id\": \"p1\"")
    assert line.endswith("…)") and len(line) < 200


def test_errors_unknown_format_option(kg, formats_dir):
    result = kg("build", formats_dir / "papers.jsonl", "--format", "yaml")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("kg: error: unknown format 'yaml' (known formats: editorial, daily-papers, "
                                     "arxiv-atom, arxiv-oai, openalex, jsonl, csv)")


def test_errors_unreadable_file(kg):
    path = write(kg.cwd / "secret.jsonl", '{"title": "a"}\n')
    path.chmod(0)
    try:
        if path.open("rb"):  # root can read anything: nothing to test
            pytest.skip("running as root: permissions are not enforced")
    except PermissionError:
        pass
    finally:
        pass
    result = kg("build", "secret.jsonl")
    path.chmod(0o644)
    assert result.exit_code == 2 and "secret.jsonl: cannot read" in result.stderr


def test_errors_earlier_exports_untouched(kg, formats_dir):
    assert kg("build", formats_dir / "papers.jsonl", "--quiet").exit_code == 0
    papers = kg.cwd / "exports" / "papers.jsonl"
    before = papers.read_bytes()
    names = sorted(p.name for p in (kg.cwd / "exports").iterdir())
    write(kg.cwd / "bad.jsonl", '{"title": "x", "abstract": "y"}\nnot json\n')
    result = kg("build", formats_dir / "papers.csv", "bad.jsonl", "--quiet")
    assert result.exit_code == 2
    assert papers.read_bytes() == before
    assert sorted(p.name for p in (kg.cwd / "exports").iterdir()) == names  # nothing new, no temp files left
    assert not any(name.startswith(".") and name != ".cache" for name in names)


def test_errors_keep_going_processes_the_good_ones(kg, formats_dir):
    write(kg.cwd / "bad.jsonl", '{"title": "Good One", "abstract": "y"}\nnot json\n{"title": "Good Two"}\n')
    write(kg.cwd / "empty.csv", "")
    result = kg("build", formats_dir / "papers.csv", "bad.jsonl", "empty.csv", "missing.csv", "--keep-going")
    assert result.exit_code == 2
    titles = [json.loads(l)["title"] for l in (kg.cwd / "exports" / "papers.jsonl").read_text().splitlines()]
    assert titles == ["A Survey of Retrieval, Augmented", "Graph Neural Networks for Molecules", "Good One", "Good Two"]
    assert "3 problems were skipped" in result.stderr
    for message in ("bad.jsonl:2: malformed JSON", "empty.csv: empty file", "missing.csv: no such file"):
        assert message in result.stderr


@pytest.mark.parametrize("name, content", [
    ("lone.jsonl", '{"id": "a", "title": "Half \\ud800 a pair", "abstract": "We use BERT."}\n'),
    ("lone.json", '[{"id": "a", "title": "Half \\ud800 a pair", "abstract": "We use BERT."}]'),
    ("lone-object.json", '{"papers": [\n  {"id": "a", "title": "Half \\ud800 a pair", "abstract": "We use BERT."}\n]}'),
])
def test_errors_a_lone_half_of_a_utf16_pair_is_replaced(tmp_path, name, content):
    """JSON can escape half of a UTF-16 pair alone, which no UTF-8 file can hold: every JSON path reads
    it as U+FFFD, so that the exports can be written."""
    from kg import jsonlines
    from kg.ingest import read_papers

    (tmp_path / name).write_text(content, encoding="utf-8")
    (paper,) = read_papers([tmp_path / name])
    assert paper.title == "Half \ufffd a pair"
    jsonlines.line(paper.to_json())


def test_errors_a_file_name_that_is_not_utf8(tmp_path):
    """A file name that is not UTF-8 is shown with U+FFFD in messages and sources."""
    import os

    from kg import jsonlines
    from kg.ingest import read_papers

    path = tmp_path / os.fsdecode(b"papers-\xff.jsonl")
    try:
        path.write_text('{"id": "a", "title": "A title", "abstract": "We use BERT."}\n', encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes UTF-8 names only")
    (paper,) = read_papers([path])
    assert paper.sources[0].file.endswith("papers-\ufffd.jsonl")
    jsonlines.line(paper.to_json())


def test_errors_a_gazetteer_entry_with_a_lone_half_of_a_utf16_pair(tmp_path):
    from kg.extract.kb import read_entries

    path = tmp_path / "extra.jsonl"
    path.write_text('{"id": "method/x", "name": "X\\ud800Net", "type": "Method", "source": "mine"}\n', encoding="utf-8")
    (entry,) = read_entries(path)
    assert entry.name == "X\ufffdNet"


def test_errors_a_broken_json_lines_file_in_a_folder_is_not_skipped(kg, formats_dir):
    """A .jsonl file cut short inside a folder is paper data with an error, not "not paper data"."""
    folder = kg.cwd / "data"
    folder.mkdir()
    write(folder / "papers.jsonl", (formats_dir / "papers.jsonl").read_text())
    write(folder / "more.jsonl", '{"id": "Z2", "title": "Cut off paper", "abstract": "We use BERT on SQu')
    write(folder / "stats.json", '{"records": 3, "fields": ["title"]}\n')  # other JSON is still skipped
    result = kg("build", "data", "--quiet")
    assert result.exit_code == 2
    assert result.stderr.strip() == "kg: error: data/more.jsonl:1: malformed JSON: Unterminated string starting at " \
                                    "(column 52)", result.stderr


def test_errors_keep_going_skips_a_row_with_more_fields_than_the_header(kg):
    """A row with fields beyond the header was read as if they were not there; an empty one (Excel pads
    rows with delimiters) is nothing lost and is read."""
    write(kg.cwd / "rows.csv", "id,title,abstract\nP1,Good,We use BERT.\nP2,Bad, title,We use GPT-2.\n"
                               "P3,Padded,We use T5.,,\n")
    result = kg("build", "rows.csv", "--keep-going", "--no-html")
    assert result.exit_code == 2
    ids = [json.loads(line)["id"] for line in (kg.cwd / "exports" / "papers.jsonl").read_text().splitlines()]
    assert ids == ["P1", "P3"]
    assert "rows.csv:3: row has 4 fields, the header 3" in result.stderr


def test_errors_quotes_inside_unquoted_tsv_fields_are_text(kg):
    """Only a quote left open to the end of the file is an error: a TSV field that starts with a quote
    ('"Why Should I Trust You?": ...') is read as before, and the rows after it too."""
    write(kg.cwd / "raw.tsv", 'id\ttitle\tabstract\nP1\tFirst\tWe use BERT.\n'
                              'P2\t"Why Should I Trust You?": Explaining\t"Quoted start" then LIME.\nP3\tThird\tWe use T5.\n')
    result = kg("extract", "raw.tsv")
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["P1", "P2", "P3"]


@pytest.mark.parametrize("command", ["extract", "build"])
def test_errors_a_folder_without_papers_is_named(kg, command):
    """kg extract on an empty folder printed nothing and exited 0; both commands now name the input."""
    folder = kg.cwd / "nothing"
    folder.mkdir()
    write(folder / "notes.json", '{"records": 3}\n')  # JSON that is not paper data is skipped
    result = kg(command, "nothing")
    assert result.exit_code == 2
    assert result.stderr.strip() == "kg: error: no papers were read from nothing"


def test_errors_a_one_line_api_page_is_a_list_of_works(kg):
    """An OpenAlex page saved on one line is a wrapper around its works, not one record without a title."""
    page = {"meta": {"count": 1}, "results": [{"id": "https://openalex.org/W1", "display_name": "A paper",
                                                "abstract_inverted_index": {"We": [0], "use": [1], "BERT.": [2]}}]}
    write(kg.cwd / "page.json", json.dumps(page) + "\n")
    result = kg("extract", "page.json")
    assert result.exit_code == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["id"] == "openalex:W1" and [e["name"] for e in record["entities"]] == ["BERT"]


def test_errors_page_dates_are_days_of_the_year():
    from kg.ingest.dailypapers import page_date

    assert [page_date(d) for d in ("Feb 29", "Apr 30", "Dec 31")] == ["--02-29", "--04-30", "--12-31"]
    assert [page_date(d) for d in ("Feb 30", "Apr 31", "Jun 0", "Jan 32")] == [None] * 4


def test_errors_a_file_named_twice_is_read_once(kg, formats_dir):
    """'a.jsonl a.jsonl ./a.jsonl' read the file three times: 'Merged 4 duplicates', and each paper listed
    the same file and line three times among its sources."""
    write(kg.cwd / "a.jsonl", (formats_dir / "papers.jsonl").read_text())
    result = kg("extract", "a.jsonl", "a.jsonl", "./a.jsonl", ".")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3
    from kg.ingest import ReadReport, read_papers

    report = ReadReport()
    papers = read_papers([kg.cwd / "a.jsonl", kg.cwd / "a.jsonl", kg.cwd], report=report)
    assert report.records == 3 and [len(p.sources) for p in papers] == [1, 1, 1]


def test_errors_a_file_named_and_in_a_named_folder_keeps_its_explicit_name(kg, formats_dir):
    """Read once, a file counts as named explicitly if it was named once: an unknown format is then an
    error, not "skipped: not paper data" (review)."""
    (kg.cwd / "feeds").mkdir()
    write(kg.cwd / "feeds" / "notes.dat", "just some words\nwithout any structure\n")
    result = kg("build", "feeds", "feeds/notes.dat", "--quiet")
    assert result.exit_code == 2 and "feeds/notes.dat: unknown format" in result.stderr, result.stderr


def test_errors_an_arxiv_api_error_is_not_a_paper(kg, data_dir):
    """The arXiv API reports a bad query as a feed with one entry titled "Error" (id .../api/errors#...),
    which was read as a paper "Error" by "arXiv api core"; now its message is the error."""
    write(kg.cwd / "feed.xml", (data_dir / "errors" / "arxiv_error.xml").read_text())
    for command in ("build", "extract"):
        result = kg(command, "feed.xml")
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.strip() == ("kg: error: feed.xml: the arXiv API answered with an error, not papers: "
                                          "'incorrect id format for 1234.12345'")


@pytest.mark.parametrize("data", [b"\r;", b'"title;abstract\r\n', b"title;abstract\rx;y\n"])
def test_errors_a_carriage_return_in_a_header_line_is_no_traceback(tmp_path, data):
    # found by the fuzz test: sniffing for a ';'-separated header let csv.Error out of format detection
    from kg.errors import KGError
    from kg.ingest import read_papers

    path = tmp_path / "odd"
    path.write_bytes(data)
    try:
        read_papers([path])
    except KGError:
        pass
