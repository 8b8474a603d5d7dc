"""Killing `kg build` at random moments leaves the previous exports intact and readable, and a rerun
completes."""
from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from kg import resources


def digests(folder):
    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def readable(folder):
    for line in (folder / "papers.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)
    for line in (folder / "extractions.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)
    import pyoxigraph as ox

    store = ox.Store.read_only(str(folder / "store"))
    assert bool(store.query("ASK { ?s ?p ?o }"))
    ox.Store().load(path=str(folder / "graph.ttl"), format=ox.RdfFormat.TURTLE)


FIXED_DATE = {**os.environ, "SOURCE_DATE_EPOCH": "86400"}  # every build's graph.html has the same stamp


def build_command(inputs, out):
    return [sys.executable, "-m", "kg.cli.main", "build", *inputs, "--out", str(out), "--quiet", "--no-cache"]


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """Two different inputs (all seed files; all but the first) and the exports each one gives: an
    interrupted build must leave exactly one of them, never files of both."""
    seeds = [str(p) for p in resources.seed_files()]
    inputs = [seeds, seeds[1:]]
    expected = []
    for i, files in enumerate(inputs):
        out = tmp_path_factory.mktemp(f"reference-{i}") / "exports"
        subprocess.run(build_command(files, out), check=True, capture_output=True, env=FIXED_DATE)
        expected.append(digests(out))
    assert expected[0] != expected[1]
    return inputs, expected


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_interrupt_keeps_previous_exports(tmp_path, sig, two_builds):
    """After an interruption the exports are the previous build's or, when the signal came during or
    after the final swap, the new build's: never a mix, never a half-written file."""
    inputs, expected = two_builds
    out = tmp_path / "exports"
    subprocess.run(build_command(inputs[0], out), check=True, capture_output=True, env=FIXED_DATE)
    current = 0
    rng = random.Random(sig.value)
    for attempt in (1, 2, 3):
        new = attempt % 2  # alternate the two inputs, so that every build changes every export
        process = subprocess.Popen(build_command(inputs[new], out), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=FIXED_DATE)
        time.sleep(rng.uniform(0.3, 4.0))
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=60)
        after = digests(out)
        assert after in (expected[current], expected[new]), "the exports mix two builds"
        if process.returncode == 0 or b"after the new exports were written" in stderr:
            assert after == expected[new]
        current = expected.index(after)
        readable(out)
        if sig != signal.SIGKILL:
            assert b"Traceback" not in stderr
            assert not list(out.glob(".staging-*")), "the staged outputs were not cleaned up"
    command = build_command(inputs[0], out)
    rerun = subprocess.run(command, capture_output=True)
    assert rerun.returncode == 0, rerun.stderr
    readable(out)
    assert not list(out.glob(".staging-*"))


def _commit_interrupted_at_first_rename(out, names, monkeypatch, remove=()):
    """Stage `names` (content "new") in `out` and commit them, with Ctrl-C raised right after the
    commit's first rename; the commit must end with KeyboardInterrupt and the handler restored.
    Returns the destinations of every rename."""
    from kg.atomic import Staging

    real_replace = os.replace
    calls = []

    def replace_then_interrupt(src, dst):
        real_replace(src, dst)
        calls.append(dst)
        if len(calls) == 1:
            signal.raise_signal(signal.SIGINT)  # delivered to this thread, at once

    saved = signal.signal(signal.SIGINT, signal.default_int_handler)  # whatever an earlier test left
    try:
        with pytest.raises(KeyboardInterrupt):
            with Staging(out) as staging:
                for name in names:
                    staging.path(name).write_text("new", encoding="utf-8")
                monkeypatch.setattr(os, "replace", replace_then_interrupt)
                staging.commit(remove=remove)
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored after the swap
    finally:
        signal.signal(signal.SIGINT, saved)
        monkeypatch.undo()
    return calls


def test_interrupt_during_commit_waits_for_the_whole_swap(tmp_path, monkeypatch):
    """Ctrl-C arriving between two renames of the commit must not leave old and new files mixed:
    it is delivered once every staged file is in place."""

    out = tmp_path / "out"
    out.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (out / name).write_text("old", encoding="utf-8")
    (out / "store").mkdir()
    (out / "store" / "data").write_text("old", encoding="utf-8")
    calls = _commit_interrupted_at_first_rename(out, ("a.txt", "b.txt", "c.txt", "store/data"), monkeypatch)
    assert len(calls) == 5  # four renames into place, one of the old store aside
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if p.is_file()} == \
        {n: "new" for n in ("a.txt", "b.txt", "c.txt")}
    assert (out / "store" / "data").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt", "c.txt", "store"]  # no old store left


def test_interrupt_during_commit_still_removes_what_the_build_skipped(tmp_path, monkeypatch):
    """Ctrl-C during the first rename of a commit that also removes an earlier build's store and
    graph.jsonld (kg build --skip): the new files are in place and the skipped ones are gone."""

    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.nt").write_text("old", encoding="utf-8")
    (out / "graph.jsonld").write_text("old", encoding="utf-8")
    (out / "store").mkdir()
    (out / "store" / "data").write_text("old", encoding="utf-8")
    _commit_interrupted_at_first_rename(out, ("graph.nt",), monkeypatch, remove=("store", "graph.jsonld"))
    assert sorted(p.name for p in out.iterdir()) == ["graph.nt"]
    assert (out / "graph.nt").read_text(encoding="utf-8") == "new"


def test_interrupt_during_the_swap_says_the_new_exports_are_written(tmp_path, monkeypatch):
    from kg.build import build
    from kg.errors import InterruptedAfterCommit

    records = [{"id": "p1", "title": "A study", "abstract": "We evaluate BERT on SQuAD and report 91.2% F1."}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    extra = tmp_path / "mine.jsonl"
    extra.write_text(json.dumps({"name": "FooNet", "type": "Method"}) + "\n", encoding="utf-8")
    out = tmp_path / "exports"
    real_replace = os.replace

    def replace_then_interrupt(src, dst):
        real_replace(src, dst)
        if os.path.basename(dst) == "graph.json":  # one of the renames of the final swap
            signal.raise_signal(signal.SIGINT)

    saved = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        monkeypatch.setattr(os, "replace", replace_then_interrupt)
        with pytest.raises(InterruptedAfterCommit, match="after the new exports were written"):
            build([source], out, quiet=True, cache=False, html=False, gazetteers=[extra])
    finally:
        signal.signal(signal.SIGINT, saved)
        monkeypatch.undo()
    assert issubclass(InterruptedAfterCommit, KeyboardInterrupt)  # not swallowed by "except Exception"
    assert (out / "papers.jsonl").exists() and (out / "graph.ttl").exists() and not list(out.glob(".staging-*"))
    # what the next --update reads and extracts with is this build's, as the exports are (a review's finding)
    assert str(source) in (out / ".cache" / "inputs.json").read_text(encoding="utf-8")
    assert str(extra) in (out / ".cache" / "options.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("when", ["while reporting", "in an exit handler"])
def test_a_signal_after_the_outcome_ends_the_process_without_a_traceback(when):
    """A KeyboardInterrupt that escapes the command's own handling (as Ctrl-C or SIGTERM raises it
    while the outcome is printed), and SIGTERM while Python runs its exit handlers, ended in a
    traceback."""
    script = {
        "while reporting": "import kg.cli.main as m\n"
                           "def run():\n    raise KeyboardInterrupt\n"
                           "m.cli.main = run\nm.main()\n",
        "in an exit handler": "import atexit, os, signal, time\nimport kg.cli.main as m\n"
                              "atexit.register(lambda: (os.kill(os.getpid(), signal.SIGTERM), time.sleep(5)))\n"
                              "m.main()\n",
    }[when]
    result = subprocess.run([sys.executable, "-c", script, "--version"], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    assert result.returncode == {"while reporting": 130, "in an exit handler": 128 + signal.SIGTERM}[when]


IMPORT_MACHINERY = '''
def machinery(deliver, sig):
    deliver(sig)  # the signal arrives here, between two steps of importlib's own code
    total = 0
    for i in range(1000):  # many bytecode boundaries at which a handler could run
        total += i
    return "finished"
'''


def _in_fake_import_machinery(handler):
    """Run a function compiled as importlib's bootstrap code, with SIGINT delivered in its middle
    and `handler` installed; returns what ran to completion before KeyboardInterrupt."""
    namespace: dict = {}
    exec(compile(IMPORT_MACHINERY, "<frozen importlib._bootstrap>", "exec"), namespace)
    finished = []
    saved = signal.signal(signal.SIGINT, handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            finished.append(namespace["machinery"](signal.raise_signal, signal.SIGINT))
            for _ in range(1000):  # the deferred interrupt arrives out here, within milliseconds
                finished.append("after")
                time.sleep(0.001)
    finally:
        signal.signal(signal.SIGINT, saved)
    return finished


def test_ctrl_c_is_held_back_while_the_import_machinery_runs(monkeypatch):
    """Ctrl-C inside importlib's bootstrap (where an exception can be lost and leave the import lock
    held: a build went on, then hung) is raised right after it, not in it and not never."""
    from kg import interrupts

    monkeypatch.setattr(interrupts, "_received", None)  # (the handler remembers the signal)
    finished = _in_fake_import_machinery(interrupts.interrupt)
    assert finished[:1] == ["finished"] and len(finished) < 1000
    assert _in_fake_import_machinery(signal.default_int_handler) == []  # Python's own: raised inside


def test_ctrl_c_in_ordinary_code_is_raised_at_once(monkeypatch):
    from kg import interrupts

    monkeypatch.setattr(interrupts, "_received", None)
    saved = signal.signal(signal.SIGINT, interrupts.interrupt)
    reached = []
    try:
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)
            reached.append("after")
    finally:
        signal.signal(signal.SIGINT, saved)
    assert reached == []


STORE_LOAD_WITH_THE_IMPORT_LOCK_HELD = '''
import _imp, sys
from pathlib import Path

from kg.rdf.export import StoreLoad

folder = Path(sys.argv[1])
(folder / "graph.nt").write_text("<https://e.org/a> <https://e.org/b> <https://e.org/c> .\\n")
_imp.acquire_lock()  # as an import interrupted in its module lock's callback leaves it
with StoreLoad(folder) as load:
    load.wait()
print("loaded")
'''


def test_the_store_loads_even_if_an_interrupted_import_left_the_import_lock_held(tmp_path):
    """The loading thread imports nothing: an import lock the main thread never released (a Ctrl-C
    before kg's handler was installed) cannot make the build wait forever."""
    done = subprocess.run([sys.executable, "-c", STORE_LOAD_WITH_THE_IMPORT_LOCK_HELD, str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "loaded"


def test_a_ctrl_c_that_was_swallowed_still_stops_the_build_before_the_swap(tmp_path, monkeypatch):
    """Code in between can swallow the KeyboardInterrupt (a Ctrl-C in numpy's import, inside a C
    extension's initialisation: the build finished and replaced the exports, exit 0); the handler
    remembers it, and the build raises it before it commits."""
    from kg import interrupts
    from kg.build import build

    seeds = [str(p) for p in resources.seed_files()]
    out = tmp_path / "exports"
    build(seeds[:1], out=out, quiet=True, cache=False)
    before = digests(out)
    monkeypatch.setattr(interrupts, "_received", None)
    saved = signal.signal(signal.SIGINT, interrupts.interrupt)
    try:
        try:
            signal.raise_signal(signal.SIGINT)
        except KeyboardInterrupt:
            pass  # swallowed
        with pytest.raises(KeyboardInterrupt):
            build(seeds[1:2], out=out, quiet=True, cache=False)
    finally:
        signal.signal(signal.SIGINT, saved)
    assert digests(out) == before
    assert not list(out.glob(".staging-*"))


def test_a_failure_after_ctrl_c_is_reported_as_the_interruption(tmp_path, monkeypatch, capsys):
    """Code that a Ctrl-C lands in may turn it into another error (pydantic raised SchemaError when it
    landed in spaCy's import: exit 1 and a traceback); after a Ctrl-C, kg says it was interrupted."""
    from kg import interrupts
    from kg.cli.main import cli

    monkeypatch.setattr(interrupts, "_received", signal.SIGINT)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["build", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "out")])
    assert exit_.value.code == 130
    assert capsys.readouterr().err == "kg: error: interrupted\n"
    monkeypatch.setattr(interrupts, "_received", None)
    with pytest.raises(SystemExit) as exit_:  # without a Ctrl-C: the error itself
        cli.main(["build", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "out")])
    assert exit_.value.code == 2
    assert "missing.jsonl" in capsys.readouterr().err


def test_a_held_ctrl_c_waits_for_a_block_that_holds_signals(monkeypatch):
    """A review's finding: the retry of a Ctrl-C held back in the import machinery called the handler
    directly, so it raised inside a block that holds signals (the exports' swap) instead of after it."""
    from kg import interrupts

    monkeypatch.setattr(interrupts, "_received", None)
    namespace: dict = {}
    exec(compile("def machinery(deliver, sig):\n    deliver(sig)\n", "<frozen importlib._bootstrap>", "exec"),
         namespace)
    inside = []
    saved = signal.signal(signal.SIGINT, interrupts.interrupt)
    try:
        with pytest.raises(KeyboardInterrupt):
            namespace["machinery"](signal.raise_signal, signal.SIGINT)  # held back
            with interrupts.signals_held():
                time.sleep(0.05)  # the retry's alarm goes off in here
                inside.append("the block ran to its end")
            time.sleep(1)
    finally:
        signal.signal(signal.SIGINT, saved)
    assert inside == ["the block ran to its end"]
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL  # the alarm's handler is put back


def test_the_cli_says_the_exports_were_written_when_interrupted_after_the_swap(tmp_path, monkeypatch, capsys):
    """click turns a KeyboardInterrupt into Abort, and kg printed only 'interrupted' although the new
    exports were complete (a review's finding)."""
    import kg.cli.build
    from kg.cli.main import cli
    from kg.errors import InterruptedAfterCommit

    def interrupted_after_the_swap(*args, **kwargs):
        raise InterruptedAfterCommit(f"interrupted, after the new exports were written to {tmp_path}")

    monkeypatch.setattr(kg.cli.build, "build", interrupted_after_the_swap)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["build", "--out", str(tmp_path)])
    assert exit_.value.code == 130
    assert capsys.readouterr().err.strip() == f"kg: error: interrupted, after the new exports were written to {tmp_path}"
