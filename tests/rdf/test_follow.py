"""Turtle and JSON-LD converted while graph.nt is being written (kg.rdf.follow) equal the conversion
of the finished file, and a failed or abandoned conversion does not hang or go unnoticed."""
from __future__ import annotations

import threading
import time

import pytest

from kg import resources
from kg.build import build
from kg.errors import ExportError
from kg.rdf.follow import CANCELLED, FollowingConversion, GrowingFile

LINE = '<https://w3id.org/paper-kg/id/paper/{n}> <http://purl.org/dc/terms/title> "Paper {n} \\u00e9" .\n'


class Flag:
    def __init__(self) -> None:
        self.value = False

    def is_set(self) -> bool:
        return self.value


def test_follow_growing_file_reads_what_is_written_until_done(tmp_path):
    path = tmp_path / "graph.nt"
    path.write_bytes(b"")
    done, cancel = Flag(), Flag()
    expected = "".join(LINE.format(n=n) for n in range(2000)).encode()

    def writer():
        with open(path, "ab") as handle:
            for start in range(0, len(expected), 7919):  # chunks that end inside lines
                handle.write(expected[start:start + 7919])
                handle.flush()
                time.sleep(0.002)
        done.value = True

    thread = threading.Thread(target=writer)
    thread.start()
    with GrowingFile(path, done, cancel) as growing:
        got = b"".join(iter(lambda: growing.read(4096), b""))
    thread.join()
    assert got == expected


def test_follow_conversion_of_a_growing_file_equals_the_finished_one(tmp_path):
    from kg.rdf.export import serialize_from

    nt = tmp_path / "graph.nt"
    outputs = {tmp_path / "follow.ttl": "turtle", tmp_path / "follow.jsonld": "jsonld"}
    with FollowingConversion(nt, outputs) as following, open(nt, "w", encoding="utf-8") as handle:
        following.start()
        for n in range(3000):
            handle.write(LINE.format(n=n))
            if n % 500 == 0:
                handle.flush()
                time.sleep(0.05)
        handle.close()
        following.finish()
    serialize_from(nt, tmp_path / "whole.ttl", "turtle")
    serialize_from(nt, tmp_path / "whole.jsonld", "jsonld")
    assert (tmp_path / "follow.ttl").read_bytes() == (tmp_path / "whole.ttl").read_bytes()
    assert (tmp_path / "follow.jsonld").read_bytes() == (tmp_path / "whole.jsonld").read_bytes()
    assert b"Paper 2999" in (tmp_path / "follow.ttl").read_bytes()


def test_follow_a_conversion_error_is_raised_by_finish(tmp_path):
    nt = tmp_path / "graph.nt"
    with FollowingConversion(nt, {tmp_path / "graph.ttl": "turtle"}) as following:
        nt.write_text(LINE.format(n=1) + "<not an N-Triples line\n", encoding="utf-8")
        following.start()
        with pytest.raises(ExportError, match="converting graph.nt failed: turtle: .*SyntaxError"):
            following.finish()


def test_follow_leaving_early_stops_the_converters(tmp_path):
    nt = tmp_path / "graph.nt"
    nt.write_text(LINE.format(n=1), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="stop"):
        with FollowingConversion(nt, {tmp_path / "graph.ttl": "turtle"}) as following:
            following.start()
            processes = [process for _, process, _ in following._processes]
            time.sleep(1.0)  # the converter waits at the end of a file that is never finished
            raise RuntimeError("stop")
    assert [p.returncode for p in processes] == [CANCELLED]  # it gave up, it was not killed
    assert time.monotonic() - started < 8


KILLED_BUILD = """
import os, signal, sys, time
from pathlib import Path
from kg.rdf.follow import FollowingConversion

nt = Path(sys.argv[1])
nt.write_text(sys.argv[2], encoding="utf-8")
following = FollowingConversion(nt, {nt.with_suffix(".ttl"): "turtle", nt.with_suffix(".jsonld"): "jsonld"})
following.start()
print(*following.pids, flush=True)
time.sleep(1.0)
os.kill(os.getpid(), signal.SIGKILL)  # no finish, no cleanup: the converters are left waiting
"""


def test_follow_converters_of_a_killed_build_give_up(tmp_path):
    """A build killed outright (SIGKILL) never tells its converters anything: they must end rather
    than wait for graph.nt forever, and must not hold its caller's pipes open."""
    import subprocess
    import sys

    script = tmp_path / "killed.py"
    script.write_text(KILLED_BUILD, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script), str(tmp_path / "graph.nt"), LINE.format(n=1)],
                         capture_output=True, text=True, timeout=60)  # returns only once the pipes close
    assert run.returncode == -9
    pids = [int(pid) for pid in run.stdout.split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(pid) for pid in pids):
        time.sleep(0.1)
    assert not any(_running(pid) for pid in pids)


def _running(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (ended, not yet reaped by init) is not running
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


GUARDLESS = """
import sys
import kg.build
from kg import resources

kg.build.FOLLOW_FROM = 0  # stands in for a corpus of 4,000 papers or more
kg.build.build(resources.seed_files()[:3], sys.argv[1], quiet=True, cache=False, html=False)
print("built")
"""


def test_follow_builds_from_a_script_without_a_main_guard(tmp_path):
    """The converters are plain subprocesses: a script calling build() need not guard its body with
    `if __name__ == "__main__"`, and a build may run in a daemonic process (a pool's worker)."""
    import subprocess
    import sys

    script = tmp_path / "guardless.py"
    script.write_text(GUARDLESS, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script), str(tmp_path / "out")], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "built"
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0


def _build_in_pool_worker(out: str) -> int:
    import kg.build

    kg.build.FOLLOW_FROM = 0
    return kg.build.build(resources.seed_files()[:3], out, quiet=True, cache=False, html=False).read.papers


def test_follow_builds_in_a_daemonic_process(tmp_path):
    import multiprocessing

    with multiprocessing.get_context("forkserver").Pool(1) as pool:
        assert pool.apply(_build_in_pool_worker, (str(tmp_path / "out"),)) > 0
    assert (tmp_path / "out" / "graph.jsonld").stat().st_size > 0


def test_follow_build_exports_are_byte_identical(tmp_path, monkeypatch):
    """A build that converts while writing, with the parallel second pass (large inputs), writes the
    same files as a small build on one core that converts after writing."""
    import sqlite3

    import kg.build
    import kg.extract

    seeds = resources.seed_files()
    after = build(seeds, tmp_path / "after", quiet=True, html=False, cache=False)
    monkeypatch.setattr(kg.build, "FOLLOW_FROM", 0)
    monkeypatch.setattr(kg.extract, "PARALLEL_SECOND_PASS", 0)
    during = build(seeds, tmp_path / "while", quiet=True, html=False, cache=False, jobs=2)
    for name in ("papers.jsonl", "extractions.jsonl", "graph.nt", "graph.ttl", "graph.jsonld", "graph.json",
                 "entities.json"):
        assert (tmp_path / "after" / name).read_bytes() == (tmp_path / "while" / name).read_bytes(), name
    rows = []
    for folder in ("after", "while"):
        with sqlite3.connect(tmp_path / folder / "papers.sqlite") as db:
            tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            rows.append({t: sorted(db.execute(f"SELECT * FROM {t}")) for t in tables})
    assert rows[0] == rows[1] and rows[0]
    assert (after.entities, after.mentions, after.results, after.graph) == \
        (during.entities, during.mentions, during.results, during.graph)
    assert during.rdf.files == after.rdf.files


def test_follow_build_without_jsonld_converts_turtle_only(tmp_path, monkeypatch):
    import kg.build

    monkeypatch.setattr(kg.build, "FOLLOW_FROM", 0)
    report = build(resources.seed_files()[:3], tmp_path / "out", quiet=True, html=False, cache=False,
                   skip=["jsonld"])
    assert sorted(report.rdf.files) == ["graph.nt", "graph.ttl"]
    assert not (tmp_path / "out" / "graph.jsonld").exists()

