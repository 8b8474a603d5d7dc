"""Turtle and JSON-LD converted while graph.nt is being written (kg.rdf.follow) equal the conversion
of the finished file, and a failed or abandoned conversion does not hang or go unnoticed."""
from __future__ import annotations

import threading
import time

import pytest

from kg import resources
from kg.build import build
from kg.rdf.follow import FollowingConversion, GrowingFile

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
        with pytest.raises(RuntimeError, match="converting graph.nt failed: .*SyntaxError"):
            following.finish()


def test_follow_leaving_early_stops_the_converters(tmp_path):
    nt = tmp_path / "graph.nt"
    nt.write_text(LINE.format(n=1), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="stop"):
        with FollowingConversion(nt, {tmp_path / "graph.ttl": "turtle"}) as following:
            following.start()
            processes = list(following._processes)
            time.sleep(0.5)  # the converter waits at the end of a file that is never finished
            raise RuntimeError("stop")
    assert not any(p.is_alive() for p in processes)
    assert all(p.exitcode == 0 for p in processes)  # stopped through the cancel flag, not killed
    assert time.monotonic() - started < 8


def test_follow_build_exports_are_byte_identical(tmp_path, monkeypatch):
    """A build that converts while writing (large inputs) writes the same files as one converting after."""
    import kg.build

    seeds = resources.seed_files()
    build(seeds, tmp_path / "after", quiet=True, html=False, cache=False)
    monkeypatch.setattr(kg.build, "FOLLOW_FROM", 0)
    build(seeds, tmp_path / "while", quiet=True, html=False, cache=False)
    for name in ("graph.nt", "graph.ttl", "graph.jsonld", "extractions.jsonl"):
        assert (tmp_path / "after" / name).read_bytes() == (tmp_path / "while" / name).read_bytes(), name


def test_follow_gives_up_when_the_writer_is_gone(tmp_path):
    """A build killed outright (SIGKILL) never sets `done` or `cancel`: its converters must not wait
    for the file forever."""
    import subprocess

    from kg.rdf.follow import Cancelled

    path = tmp_path / "graph.nt"
    path.write_text(LINE.format(n=1), encoding="utf-8")
    gone = subprocess.Popen(["true"])
    gone.wait()
    growing = GrowingFile(path, Flag(), Flag(), writer=gone.pid)
    assert growing.read(1 << 16) == LINE.format(n=1).encode()  # what was written is read first
    with pytest.raises(Cancelled):
        growing.read(1 << 16)
    growing.close()
