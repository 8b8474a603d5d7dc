"""Outputs that cannot be written, or that are not plain files: one line and exit 2 when the path is
unusable (under a file, a full device), and a device, FIFO or symbolic link keeps its kind."""
from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kg.atomic import Staging, atomic_write
from kg.errors import ExportError

PAPER = '{"id":"a","title":"Foo bar","abstract":"We use BERT."}\n'


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    path = tmp_path / "p.jsonl"
    path.write_text(PAPER, encoding="utf-8")
    return path


def one_line_error(result, start: str = "kg: error: ") -> str:
    """The stderr of a failed run: exactly one line, `kg: error: ...`, no traceback."""
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(start), result.stderr
    return lines[0]


def char_device(path: Path, minor: int) -> Path:
    """A character device with the major/minor of /dev/null (3) or /dev/full (7); skips when not allowed."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("creating a device node is not permitted here")
    return path


# 1. an output path under a regular file

def test_extract_output_under_a_file_is_one_line(kg, papers):
    (kg.cwd / "afile").write_text("hi\n")
    for output in ("afile/out.jsonl", "afile/x/y/out.jsonl"):
        result = kg("extract", papers, "-o", output)
        assert result.exit_code == 2
        assert one_line_error(result) == f"kg: error: cannot write {output}: afile is not a folder"
    assert (kg.cwd / "afile").read_text() == "hi\n"


def test_build_out_under_a_file_is_one_line(kg, papers):
    (kg.cwd / "afile").write_text("hi\n")
    result = kg("build", "-q", papers, "--out", "afile/sub")
    assert result.exit_code == 2
    assert one_line_error(result) == "kg: error: cannot write afile/sub: afile is not a folder"
    assert (kg.cwd / "afile").read_text() == "hi\n"


def test_staging_under_a_file_raises_export_error(tmp_path):
    (tmp_path / "afile").write_text("hi\n")
    with pytest.raises(ExportError, match="afile is not a folder"):
        with Staging(tmp_path / "afile" / "sub"):
            pass


def test_temp_file_that_cannot_be_created_is_an_export_error(tmp_path, monkeypatch):
    """A read-only folder (root is never refused, so the refusal is simulated)."""
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(tmp_path))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match=r"^cannot write .*out\.jsonl: Permission denied$"):
        with atomic_write(tmp_path / "out.jsonl") as handle:
            handle.write("x")
    assert not (tmp_path / "out.jsonl").exists()


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    with pytest.raises(ExportError, match="No space left on device"):
        with atomic_write(target) as handle:
            handle.write("new\n")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_an_error_about_another_file_passes_through(tmp_path):
    with pytest.raises(FileNotFoundError):
        with atomic_write(tmp_path / "out.jsonl"):
            open(tmp_path / "missing.txt")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_stays_an_error(tmp_path):
    (tmp_path / "adir").mkdir()
    with pytest.raises(ExportError, match="Is a directory"):
        with atomic_write(tmp_path / "adir") as handle:
            handle.write("x")
    assert (tmp_path / "adir").is_dir() and list((tmp_path / "adir").iterdir()) == []


# 2. a failed write to stdout

@pytest.mark.parametrize("args", [["extract", "p.jsonl"], ["extract", "--format", "table", "p.jsonl"],
                                  ["--version"]])
def test_stdout_on_a_full_device_is_one_line(tmp_path, papers, args):
    full = char_device(tmp_path / "full", 7)
    with open(full, "wb") as stdout:
        result = subprocess.run([sys.executable, "-m", "kg.cli.main", *args], stdout=stdout,
                                stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert one_line_error(result) == "kg: error: cannot write output (No space left on device)"
    assert stat.S_ISCHR(os.lstat(full).st_mode)


# 3. -o onto a device, a FIFO or a symbolic link

def test_output_to_a_device_writes_into_it(kg, papers):
    null = char_device(kg.cwd / "mynull", 3)
    result = kg("extract", papers, "-o", "mynull")
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode) and os.stat(null).st_rdev == os.makedev(1, 3)
    assert [p.name for p in kg.cwd.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_output_to_a_full_device_is_one_line(kg, papers):
    full = char_device(kg.cwd / "myfull", 7)
    result = kg("extract", papers, "-o", "myfull")
    assert result.exit_code == 2
    assert one_line_error(result) == "kg: error: cannot write myfull: No space left on device"
    assert stat.S_ISCHR(os.lstat(full).st_mode)


def test_output_to_a_fifo_writes_into_it(kg, papers):
    fifo = kg.cwd / "myfifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    try:
        result = kg("extract", papers, "-o", "myfifo")
    finally:
        try:  # a run that failed before opening the FIFO: let the reader go
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
        reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and b'"id":"a"' in received[0]


def test_output_to_a_symlink_writes_its_target(kg, papers):
    target = kg.cwd / "target.jsonl"
    target.write_text("old\n")
    (kg.cwd / "mylink").symlink_to("target.jsonl")
    result = kg("extract", papers, "-o", "mylink")
    assert result.exit_code == 0, result.stderr
    assert os.path.islink(kg.cwd / "mylink") and os.readlink(kg.cwd / "mylink") == "target.jsonl"
    assert target.is_file() and '"id":"a"' in target.read_text()
    assert sorted(p.name for p in kg.cwd.iterdir()) == ["mylink", "p.jsonl", "target.jsonl"]


def test_output_to_a_symlink_loop_is_one_line(kg, papers):
    (kg.cwd / "loop1").symlink_to("loop2")
    (kg.cwd / "loop2").symlink_to("loop1")
    result = kg("extract", papers, "-o", "loop1")
    assert result.exit_code == 2
    assert one_line_error(result).startswith("kg: error: cannot write loop1: ")
    assert os.path.islink(kg.cwd / "loop1") and os.path.islink(kg.cwd / "loop2")
