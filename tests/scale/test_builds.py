"""Parallel, cached and incremental builds give the same exports as a plain full build."""
from __future__ import annotations

import gc
import json
import os
import shutil
from dataclasses import replace

import pytest

from kg import resources
from kg.build import build
from kg.errors import InputError, UsageError
from kg.extract import ExtractStats, extract
from kg.ingest import read_papers

COMPARED = ("papers.jsonl", "extractions.jsonl", "graph.nt", "graph.json", "entities.json")


def same_exports(a, b):
    for name in COMPARED:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.fixture(scope="module")
def seed_papers():
    return read_papers(resources.seed_files())


@pytest.mark.parametrize("parallel_second_pass", [False, True])
def test_builds_jobs_output_is_byte_identical(seed_papers, monkeypatch, parallel_second_pass):
    import kg.extract

    # large inputs run the second pass (corpus links, roles, records) on the jobs too
    monkeypatch.setattr(kg.extract, "PARALLEL_SECOND_PASS", 0 if parallel_second_pass else 10 ** 9)
    one = extract(seed_papers, jobs=1)
    two = extract(seed_papers, jobs=2)
    assert json.dumps(one, ensure_ascii=False) == json.dumps(two, ensure_ascii=False)


def test_builds_jobs_exports_are_byte_identical(tmp_path, monkeypatch):
    import kg.extract

    # the workers of the parallel second pass also serialise the records and render the graph
    monkeypatch.setattr(kg.extract, "PARALLEL_SECOND_PASS", 0)
    seeds = resources.seed_files()
    build(seeds, tmp_path / "one", quiet=True, html=False, jobs=1)
    build(seeds, tmp_path / "two", quiet=True, html=False, jobs=2)
    same_exports(tmp_path / "one", tmp_path / "two")


def test_builds_prefetch_gives_the_first_pass_what_it_would_store(seed_papers, tmp_path, monkeypatch):
    """A build with jobs extracts papers while it reads them (kg.extract.prefetch): its results, with
    a user's gazetteer, are what the first pass stores in the cache for those papers."""
    from kg.extract import prefetch
    from kg.extract.cache import ExtractCache
    from kg.extract.parallel import BATCH

    mine = tmp_path / "mine.jsonl"
    mine.write_text(json.dumps({"name": "Universal Vulnerability", "type": "Task", "source": "test"}) + "\n")
    monkeypatch.setattr(prefetch, "START", 0)
    with prefetch.Prefetch((str(mine),)) as early:
        for paper in seed_papers:
            early.offer(paper)
        early.finish(wait=True)
    assert len(early.results) == BATCH  # the full batch (the part-batch after it is the first pass's)
    extract(seed_papers, gazetteers=[mine], cache_dir=tmp_path / "cache")
    stored = ExtractCache(tmp_path / "cache").get_many(list(early.results))
    assert {key: json.loads(data) for key, (data, _, _) in early.results.items()} == stored
    assert any(b"task/universal-vulnerability" in data for data, _, _ in early.results.values())  # (the user's entry)


def test_builds_with_papers_prefetched_are_byte_identical(tmp_path, monkeypatch):
    from kg.extract import prefetch

    monkeypatch.setattr(prefetch, "START", 0)
    finish = prefetch.Prefetch.finish
    monkeypatch.setattr(prefetch.Prefetch, "finish", lambda self: finish(self, wait=True))  # (a read of 350 papers
    seeds = resources.seed_files()                                                       # ends before the worker starts)
    build(seeds, tmp_path / "one", quiet=True, html=False, jobs=1, cache=False)
    report = build(seeds, tmp_path / "two", quiet=True, html=False, jobs=2)
    same_exports(tmp_path / "one", tmp_path / "two")
    # the first 256 records were prefetched; a few of them were merged with later records into papers
    # whose text is another (those the first pass extracted)
    assert 200 < report.extract.prefetched < 256 and report.extract.extracted == report.extract.papers
    # an incremental build does not extract again what its cache holds
    again = build(seeds, tmp_path / "two", quiet=True, html=False, jobs=2, update=True)
    assert again.extract.prefetched == 0 and again.extract.extracted == 0
    same_exports(tmp_path / "one", tmp_path / "two")


def test_builds_prefetch_leaves_unfinished_batches_to_the_first_pass(tmp_path, monkeypatch):
    """The reading done, the prefetch keeps what its worker finished and leaves the rest: the build
    neither waits for it nor hangs, and its exports are the same."""
    from kg.extract import prefetch

    monkeypatch.setattr(prefetch, "START", 0)
    seeds = resources.seed_files()
    build(seeds, tmp_path / "one", quiet=True, html=False, jobs=1, cache=False)
    report = build(seeds, tmp_path / "two", quiet=True, html=False, jobs=2, cache=False)
    same_exports(tmp_path / "one", tmp_path / "two")
    assert report.extract.prefetched == 0  # (its worker was still loading the pipeline)


def test_builds_a_prefetch_made_with_other_options_is_not_used(seed_papers):
    from types import SimpleNamespace

    from kg.extract import extract_stream
    from kg.extract.cache import text_key
    from kg.extract.pipeline import paper_text

    papers = seed_papers[:3]
    wrong = (b'{"paper": "x", "sentences": [], "entities": [], "mentions": [], "abbreviations": []}', [], [])
    for gazetteers, ner in ((("other.jsonl",), False), ((), True)):
        results = {text_key(paper_text(p)): wrong for p in papers}
        made = SimpleNamespace(gazetteers=gazetteers, ner=ner, results=results, take=lambda key, r=results: r.pop(key, None))
        stats = ExtractStats()
        records = [record for _, record in extract_stream(lambda: papers, prefetched=made, stats=stats)]
        assert stats.prefetched == 0 and records == extract(papers) and len(made.results) == 3


def test_builds_bad_jobs_are_a_usage_error(tmp_path):
    for jobs in (0, "2", 1.5):
        with pytest.raises(UsageError, match="jobs must be a whole number"):
            build(resources.seed_files(), tmp_path / "out", quiet=True, jobs=jobs)
    assert not (tmp_path / "out").exists()


def test_builds_update_equals_full_rebuild(tmp_path):
    seeds = resources.seed_files()
    full, incremental = tmp_path / "full", tmp_path / "incremental"
    build(seeds, full, quiet=True, html=False, cache=False)
    build(seeds[:3], incremental, quiet=True, html=False)
    report = build(seeds[3:], incremental, quiet=True, html=False, update=True)
    same_exports(full, incremental)
    assert report.extract.cached > 0 and report.extract.extracted < report.extract.papers


def test_builds_update_with_a_file_of_the_earlier_build_equals_full_rebuild(tmp_path):
    """Naming a file of the earlier build again listed each of its papers' sources twice in papers.jsonl."""
    seeds = resources.seed_files()
    full, incremental = tmp_path / "full", tmp_path / "incremental"
    build(seeds, full, quiet=True, html=False, cache=False)
    build(seeds[:3], incremental, quiet=True, html=False)
    build(seeds[2:], incremental, quiet=True, html=False, update=True)
    same_exports(full, incremental)


def _papers_file(path, papers):
    path.write_text("".join(json.dumps({"id": p.id, "title": p.title, "abstract": p.abstract}, ensure_ascii=False) + "\n"
                            for p in papers), encoding="utf-8")
    return path


def test_builds_update_reads_edited_files_again(tmp_path, seed_papers):
    """An update re-reads the earlier build's files as they are now: a record edited since (its
    abstract and its title) is the edited one, as in a full rebuild, and only new text is extracted."""
    a = _papers_file(tmp_path / "a.jsonl", seed_papers[:8])
    b = _papers_file(tmp_path / "b.jsonl", seed_papers[8:16])
    c = _papers_file(tmp_path / "c.jsonl", seed_papers[16:24])
    incremental, full = tmp_path / "incremental", tmp_path / "full"
    build([a, b], incremental, quiet=True, html=False)
    edited = [replace(seed_papers[0], abstract="We fine-tune BERT on SQuAD. " + seed_papers[0].abstract),
              replace(seed_papers[1], title="A retitled paper on ImageNet")]
    _papers_file(a, edited + seed_papers[2:8])
    report = build([c], incremental, quiet=True, html=False, update=True)
    build([a, b, c], full, quiet=True, html=False, cache=False)
    same_exports(full, incremental)
    assert (report.read.reread, report.read.earlier, report.read.papers) == (2, 0, 24)
    assert report.extract.extracted == 8 + 2 and report.extract.cached == 14
    papers = [json.loads(line) for line in (incremental / "papers.jsonl").open()]
    assert papers[0]["abstract"].startswith("We fine-tune BERT on SQuAD.")
    assert papers[1]["title"] == "A retitled paper on ImageNet"


def test_builds_update_keeps_the_papers_of_files_that_are_gone(tmp_path, seed_papers):
    """A file of the earlier build that is gone cannot be read again: its papers stay as they were;
    so do all earlier papers when the build left no list of its files (an older kg)."""
    a = _papers_file(tmp_path / "a.jsonl", seed_papers[:5])
    b = _papers_file(tmp_path / "b.jsonl", seed_papers[5:10])
    c = _papers_file(tmp_path / "c.jsonl", seed_papers[10:12])
    out = tmp_path / "out"
    build([a, b], out, quiet=True, html=False)
    before = (out / "papers.jsonl").read_text().splitlines()
    b.unlink()
    report = build([c], out, quiet=True, html=False, update=True)
    assert (report.read.reread, report.read.earlier, report.read.papers) == (1, 5, 12)
    after = (out / "papers.jsonl").read_text().splitlines()
    assert after[:10] == before  # a's papers read again, then b's as they were kept
    (out / ".cache" / "inputs.json").unlink()
    a.write_text("")  # would be an error if it were read
    report = build([_papers_file(tmp_path / "d.jsonl", seed_papers[12:13])], out, quiet=True, html=False, update=True)
    assert (report.read.reread, report.read.earlier, report.read.papers) == (0, 12, 13)


def test_builds_update_fresh_records_win_and_gone_files_come_back(tmp_path, seed_papers):
    """Review findings: a kept paper of a gone file that had merged with a record of a file read again
    kept its old text (it was merged first); and a file gone for one update was forgotten for good."""
    a = _papers_file(tmp_path / "a.jsonl", seed_papers[:3])
    dup = _papers_file(tmp_path / "dup.jsonl", seed_papers[:1])  # the same paper as a's first
    out = tmp_path / "out"
    build([a, dup], out, quiet=True, html=False)
    moved = dup.rename(tmp_path / "dup.away")
    _papers_file(a, [replace(seed_papers[0], abstract="We fine-tune BERT on SQuAD.")] + seed_papers[1:3])
    build([_papers_file(tmp_path / "c.jsonl", seed_papers[3:4])], out, quiet=True, html=False, update=True)
    papers = [json.loads(line) for line in (out / "papers.jsonl").open()]
    assert papers[0]["abstract"] == "We fine-tune BERT on SQuAD."
    assert [s["file"] for s in papers[0]["sources"]] == [str(a), str(dup)]  # the gone file's record, kept
    moved.rename(dup)
    _papers_file(dup, [replace(seed_papers[0], abstract="")])  # back, and edited: its abstract is gone
    report = build([_papers_file(tmp_path / "d.jsonl", seed_papers[4:5])], out, quiet=True, html=False, update=True)
    assert (report.read.reread, report.read.earlier) == (3, 0)
    build([a, dup, tmp_path / "c.jsonl", tmp_path / "d.jsonl"], tmp_path / "full", quiet=True, html=False)
    same_exports(tmp_path / "full", out)


def test_builds_update_with_a_damaged_list_keeps_the_earlier_papers_and_says_so(tmp_path, seed_papers):
    a = _papers_file(tmp_path / "a.jsonl", seed_papers[:3])
    out = tmp_path / "out"
    build([a], out, quiet=True, html=False)
    listed = out / ".cache" / "inputs.json"
    entries = json.loads(listed.read_text())
    entries[0]["format"] = "bogus"
    listed.write_text(json.dumps(entries))
    report = build([_papers_file(tmp_path / "c.jsonl", seed_papers[3:4])], out, quiet=True, html=False, update=True)
    assert (report.read.reread, report.read.earlier, report.read.papers) == (0, 3, 4)
    assert report.read.warnings == [f"{listed}: entry 1 is not a file of a build (name, absolute path, format): "
                                    "the earlier build's papers are kept as they were"]


def test_builds_with_id_clashes_can_be_up_to_date(tmp_path):
    """Two files numbered from 1 are read right (their clash is noted), so the next build of the same
    inputs has nothing to do; a warning (truncated text) made every build run in full."""
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps({"id": "1", "title": "Paper A", "abstract": "We use ImageNet."}) + "\n")
    b.write_text(json.dumps({"id": "1", "title": "Paper B", "abstract": "We use COCO."}) + "\n")
    first = build([a, b], tmp_path / "out", quiet=True, html=False)
    assert len(first.read.clashes) == 1 and not first.read.warnings
    assert build([a, b], tmp_path / "out", quiet=True, html=False).up_to_date


def test_builds_update_counts_the_earlier_papers(tmp_path):
    """The summary said "Merged -1 duplicates" when an update re-read a paper of the earlier build."""
    papers = tmp_path / "papers.jsonl"
    papers.write_text(json.dumps({"id": "P1", "title": "Paper 1 on ImageNet", "abstract": "We train ResNet-1 "
                                  "on ImageNet."}) + "\n")
    more = tmp_path / "more.jsonl"
    more.write_text(papers.read_text() + json.dumps({"id": "P2", "title": "Paper 2", "abstract": "We use "
                                                      "BERT on SQuAD."}) + "\n")
    out = tmp_path / "out"
    build([papers], out, quiet=True, html=False)
    report = build([more], out, quiet=True, html=False, update=True)
    # papers.jsonl is read again (an earlier input), then more.jsonl, whose first record is a duplicate
    assert (report.read.reread, report.read.earlier, report.read.records, report.read.papers,
            report.read.duplicates) == (1, 0, 3, 2, 1)
    papers.unlink()  # now kept from the earlier build: counted as such
    report = build([more], out, quiet=True, html=False, update=True)
    assert (report.read.reread, report.read.earlier, report.read.records, report.read.papers,
            report.read.duplicates) == (1, 1, 2, 2, 1)


def test_builds_unchanged_input_is_up_to_date(tmp_path):
    seeds = resources.seed_files()[:2]
    out = tmp_path / "out"
    first = build(seeds, out, quiet=True, html=False)
    assert not first.up_to_date and first.extract.extracted == first.extract.papers
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    again = build(seeds, out, quiet=True, html=False)
    assert again.up_to_date
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == before


def test_builds_an_emptied_store_is_not_up_to_date(tmp_path):
    """The check looked only at whether store/ existed: emptied (or changed by an update through
    kg serve --allow-update), the build still said "up to date", and kg stats failed."""
    import shutil

    seeds = resources.seed_files()[:1]
    out = tmp_path / "out"
    build(seeds, out, quiet=True, html=False)
    for item in (out / "store").iterdir():
        shutil.rmtree(item) if item.is_dir() else item.unlink()
    again = build(seeds, out, quiet=True, html=False)
    assert not again.up_to_date and again.extract.extracted == 0  # from the cache
    assert any((out / "store").iterdir())
    assert build(seeds, out, quiet=True, html=False).up_to_date


def test_builds_touched_exports_are_rebuilt_from_the_cache(tmp_path):
    seeds = resources.seed_files()[:2]
    out = tmp_path / "out"
    build(seeds, out, quiet=True, html=False)
    (out / "graph.ttl").unlink()
    again = build(seeds, out, quiet=True, html=False)
    assert not again.up_to_date and (out / "graph.ttl").exists()
    assert again.extract.extracted == 0 and again.extract.cached == again.extract.papers


def test_builds_changed_input_or_options_are_not_up_to_date(tmp_path):
    source = resources.seed_files()[0]
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    out = tmp_path / "out"
    build([copy], out, quiet=True, html=False)
    assert not build([copy], out, quiet=True, html=True).up_to_date  # another option
    assert (out / "graph.html").exists()
    with open(copy, "a", encoding="utf-8") as handle:
        handle.write("\n")
    assert not build([copy], out, quiet=True, html=True).up_to_date  # another input
    assert build([copy], out, quiet=True, html=True).up_to_date


def test_builds_gazetteer_change_invalidates_only_affected_papers(tmp_path, seed_papers):
    papers = seed_papers[:120]
    cache = tmp_path / "cache"
    extract(papers, cache_dir=cache)
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({"name": "Leaner-Glue", "type": "Benchmark", "source": "mine"}) + "\n")
    stats = ExtractStats()
    records = extract(papers, cache_dir=cache, gazetteers=[extra], stats=stats)
    affected = [p for p in papers if "leaner-glue" in (p.title + p.abstract).lower()]
    assert 0 < stats.invalidated == stats.extracted == len(affected) < len(papers)
    hit = next(r for r in records if any(e["id"] == "benchmark/leaner-glue" for e in r["entities"]))
    assert hit["id"] == affected[0].id
    # and the result is what a build without the cache gives
    assert json.dumps(records) == json.dumps(extract(papers, gazetteers=[extra]))


def test_builds_update_needs_an_earlier_build(kg, formats_dir):
    result = kg("build", "--update", formats_dir / "papers.csv", "--out", "nothing-here")
    assert result.exit_code == 2 and "no earlier build to update" in result.stderr


def test_builds_skip_optional_exports_and_remove_stale_ones(tmp_path, kg):
    source = resources.seed_files()[0]
    full, out = tmp_path / "full", tmp_path / "out"
    build([source], full, quiet=True, html=False)
    build([source], out, quiet=True)
    assert (out / "graph.html").exists() and (out / "store").is_dir()
    report = build([source], out, quiet=True, skip=["jsonld", "store", "graph-json", "html"])
    assert not report.up_to_date  # other options
    names = {p.name for p in out.iterdir()}
    assert not names & {"graph.jsonld", "store", "graph.json", "graph.html"}  # not left from the earlier build
    assert {"graph.nt", "graph.ttl", "extractions.jsonl", "entities.json", "papers.sqlite"} <= names
    for name in ("graph.nt", "graph.ttl", "extractions.jsonl", "entities.json"):
        assert (out / name).read_bytes() == (full / name).read_bytes(), name
    # the questions that need the store say so; those answered from papers.sqlite still work
    result = kg("top", "datasets", "--exports", str(out))
    assert result.exit_code == 2 and "--skip store" in result.stderr
    records = [json.loads(line) for line in (out / "extractions.jsonl").read_text().splitlines()]
    used = next(e["name"] for r in records for e in r["entities"] if e["role"] == "uses")
    assert kg("papers", "--uses", used, "--exports", str(out)).exit_code == 0
    with pytest.raises(UsageError, match="cannot skip 'turtle'"):
        build([source], out, quiet=True, skip=["turtle"])


def _where(paper, record):  # a transform that says where it ran (module level: picklable by reference)
    return os.getpid()


def test_builds_collector_restored_to_any_setting_even_on_error(tmp_path):
    """A setting no earlier build can have left, and the error path too."""
    papers = resources.seed_files()[:1]
    saved = gc.get_threshold()
    gc.set_threshold(1234, 5, 6)
    try:
        extract(read_papers(papers)[:3])
        assert gc.get_threshold() == (1234, 5, 6) and gc.get_freeze_count() == 0
        bad = tmp_path / "bad.txt"
        bad.write_text("not a paper\n")
        with pytest.raises(InputError):
            build([bad], tmp_path / "out", quiet=True, html=False)
        assert gc.get_threshold() == (1234, 5, 6) and gc.get_freeze_count() == 0
    finally:
        gc.set_threshold(*saved)


def test_builds_collector_keeps_the_callers_frozen_objects(tmp_path):
    from kg.collector import collecting_less

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collecting_less():
            with collecting_less():  # nested (extract() inside a build, a caller's own block)
                pass
            assert gc.get_freeze_count() >= frozen
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()


def test_builds_transform_runs_in_the_workers(monkeypatch):
    import kg.extract
    from kg.extract import extract_stream

    monkeypatch.setattr(kg.extract, "PARALLEL_SECOND_PASS", 0)
    papers = read_papers(resources.seed_files()[:1])
    pids = {pid for _, pid in extract_stream(lambda: papers, jobs=2, transform=_where)}
    assert pids and os.getpid() not in pids


def test_builds_each_skipped_export_is_part_of_the_fingerprint(tmp_path):
    source = resources.seed_files()[0]
    out = tmp_path / "out"
    build([source], out, quiet=True, html=False)
    for name, path in (("store", "store"), ("jsonld", "graph.jsonld"), ("graph-json", "graph.json")):
        report = build([source], out, quiet=True, html=False, skip=[name])
        assert not report.up_to_date and not (out / path).exists(), name
        report = build([source], out, quiet=True, html=False)
        assert not report.up_to_date and (out / path).exists(), name


def test_builds_skip_graph_json_from_the_cli(tmp_path, kg):
    source = resources.seed_files()[0]
    full = kg("build", source, "--out", "full", "--no-html")
    lean = kg("build", source, "--out", "lean", "--no-html", "--skip", "graph-json", "--skip", "store")
    graph_line = [line for line in full.output.splitlines() if line.startswith("Graph:")]
    assert graph_line and graph_line == [line for line in lean.output.splitlines() if line.startswith("Graph:")]
    assert (tmp_path / "full" / "graph.json").exists() and not (tmp_path / "lean" / "graph.json").exists()
    for command in (("view",), ("stats",), ("sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1")):
        result = kg(*command, "--exports", "lean")
        option = "--skip graph-json" if command[0] == "view" else "--skip store"
        assert result.exit_code == 2 and option in result.stderr and result.stderr.count("\n") == 1, command


def test_builds_report_counts_do_not_depend_on_graph_json(tmp_path):
    source = resources.seed_files()[0]
    full = build([source], tmp_path / "full", quiet=True, html=False, cache=False)
    lean = build([source], tmp_path / "lean", quiet=True, html=False, cache=False, skip=["graph-json"])
    assert full.graph == lean.graph and full.rdf.triples == lean.rdf.triples


def test_builds_no_html_removes_a_stale_graph_html(tmp_path):
    """--no-html is --skip html, which removes an earlier build's graph.html."""
    source = resources.seed_files()[0]
    out = tmp_path / "out"
    build([source], out, quiet=True)
    assert (out / "graph.html").exists()
    build([source], out, quiet=True, html=False)
    assert not (out / "graph.html").exists()


def test_builds_skip_removes_a_linked_store_not_what_it_points_to(tmp_path):
    source = resources.seed_files()[0]
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    build([source], elsewhere, quiet=True, html=False)
    out.mkdir()
    (out / "store").symlink_to(elsewhere / "store")
    report = build([source], out, quiet=True, html=False, skip="store")  # one name, as a string
    assert report.removed == [out / "store"]
    assert not any(p.name == "store" or p.name.startswith(".old-") for p in out.iterdir())
    assert (elsewhere / "store").is_dir()


def test_builds_an_unpicklable_transform_fails_at_once(seed_papers):
    from kg.extract import extract_stream

    with pytest.raises(Exception, match="pickle"):  # not only once a corpus is large enough for the pool
        list(extract_stream(lambda: seed_papers[:2], jobs=2, transform=lambda paper, record: record))


def test_builds_update_keeps_the_earlier_builds_gazetteer(tmp_path, seed_papers):
    """A user trial: 'kg build --update NEW' without --gazetteer extracted the earlier papers again
    without the user's entries, which vanished from the graph without a word. An update keeps the
    earlier build's gazetteer (and says so); one that is gone since is a warning."""
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({"name": "Leaner-Glue", "type": "Benchmark", "source": "mine"}) + "\n")
    a = _papers_file(tmp_path / "a.jsonl", seed_papers[:120])
    c = _papers_file(tmp_path / "c.jsonl", seed_papers[120:122])
    out = tmp_path / "out"
    build([a], out, quiet=True, html=False, gazetteers=[extra])
    report = build([c], out, quiet=True, html=False, update=True)
    assert report.kept_options == [f"--gazetteer {extra.resolve()}"]
    assert "benchmark/leaner-glue" in (out / "entities.json").read_text(encoding="utf-8")
    build([a, c], tmp_path / "full", quiet=True, html=False, gazetteers=[extra])
    same_exports(tmp_path / "full", out)
    extra.unlink()
    report = build([_papers_file(tmp_path / "d.jsonl", seed_papers[122:123])], out, quiet=True, html=False, update=True)
    assert report.kept_options == []
    assert any("gazetteer is gone" in w and str(extra.resolve()) in w for w in report.read.warnings)
    assert "benchmark/leaner-glue" not in (out / "entities.json").read_text(encoding="utf-8")
