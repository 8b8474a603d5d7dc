"""A worker process that dies stops the run with one line; it never hangs (multiprocessing.Pool
replaced the dead worker and waited forever for its batch)."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kg import resources


def grandchildren(pid: int) -> list[int]:
    """The processes two levels below `pid` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat[stat.rfind(")") + 2:].split()[1])
            children.setdefault(parent, []).append(int(entry))
    return [grandchild for child in children.get(pid, []) for grandchild in children.get(child, [])]


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def test_a_killed_worker_stops_the_build_with_one_line(tmp_path):
    seeds = [str(p) for p in resources.seed_files()]
    out = tmp_path / "exports"
    command = [sys.executable, "-m", "kg.cli.main", "build", *seeds, "--out", str(out), "--quiet", "--no-cache",
               "--no-html"]
    subprocess.run(command, check=True, capture_output=True)  # an earlier build, to be kept
    before = digests(out)
    process = subprocess.Popen([*command, "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        # the workers are children of the forkserver, itself a child of the build: grandchildren
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            workers = grandchildren(process.pid)
            if workers:
                os.kill(workers[0], signal.SIGKILL)
                break
            time.sleep(0.02)
        else:
            raise AssertionError("no worker process started")
        _, stderr = process.communicate(timeout=60)  # it hung here before
    finally:
        process.kill()
        process.wait()
    lines = stderr.decode().strip().splitlines()
    assert process.returncode == 2
    assert len(lines) == 1 and "worker process stopped" in lines[0] and "--jobs" in lines[0], lines
    assert digests(out) == before, "the earlier exports changed"
    assert not list(out.glob(".staging-*"))


def test_a_script_without_a_main_guard_stops_instead_of_looping(tmp_path):
    """Worker processes import the calling script again; unguarded, it starts workers of its own,
    which fails in each of them: the call raises WorkerDied naming the fix (it restarted them forever)."""
    script = tmp_path / "unguarded.py"
    script.write_text(textwrap.dedent("""
        import kg
        from kg import resources
        from kg.extract import extract

        papers = kg.read_papers(resources.seed_files()[:1])
        print(len(extract(papers[:20], jobs=2)))
    """), encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "WorkerDied" in result.stderr and "if __name__ ==" in result.stderr


def test_a_worker_that_dies_while_starting_is_a_worker_died(monkeypatch):
    """Killed while the executor was still handing it its start-up data, a worker made `submit` raise
    BrokenPipeError, which the CLI took for a closed stdout: exit 1 and not a word (found by review)."""
    from concurrent.futures import ProcessPoolExecutor

    import pytest

    from kg.extract.pool import WorkerDied, ordered

    def broken_submit(self, *args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(ProcessPoolExecutor, "submit", broken_submit)
    with pytest.raises(WorkerDied) as caught:
        list(ordered(abs, [1, 2, 3], 2))
    assert isinstance(caught.value.__cause__.__cause__, BrokenPipeError)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads a process's signal dispositions in /proc")
def test_the_fork_server_ignores_ctrl_c_from_its_start():
    """A terminal's Ctrl-C reaches every process of a --jobs build: the fork server (and the workers
    it forks) ignore it from their first instruction, instead of printing a KeyboardInterrupt
    traceback while they start; the build's own handler is back afterwards."""
    import signal
    from multiprocessing import forkserver

    from kg.extract.pool import _context

    before = signal.getsignal(signal.SIGINT)
    _context()
    pid = forkserver._forkserver._forkserver_pid
    ignored = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("SigIgn:"))
    assert int(ignored.split()[1], 16) & (1 << (signal.SIGINT - 1))
    assert signal.getsignal(signal.SIGINT) is before
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())
