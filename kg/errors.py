"""Errors that reach the user, each with an exit code and a one-line message.

The CLI prints `kg: error: <message>` and exits with `exit_code`; nothing else is printed, never a
traceback. Messages name the file, line or value at fault and say what was expected.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_BAD_INPUT = 2


class KGError(Exception):
    """Base class: a problem the user can fix, reported as one line."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = " ".join(message.split())  # one line, whatever the input held


class InputError(KGError):
    """Bad input: a missing or unreadable file, an unknown format, malformed content. Exit 2."""


class UnknownFormat(InputError):
    """An input file whose format neither its content nor its name shows. `option`: the command-line
    option that names the format (kg build's --format, kg extract's --input-format)."""

    def __init__(self, name: str, known: list[str], option: str = "--format") -> None:
        super().__init__(f"{name}: unknown format; use {option} (one of: {', '.join(known)})")
        self.args = (name, known, option)  # (what pickling passes back to __init__)

    def __str__(self) -> str:
        return self.message

    def naming(self, option: str) -> UnknownFormat:
        """The same error, naming another option."""
        return UnknownFormat(self.args[0], self.args[1], option)


class UsageError(KGError):
    """Bad options or arguments. Exit 2."""


class NotFound(KGError):
    """A well-formed request with nothing to answer: unknown name, empty result. Exit 1."""

    exit_code = EXIT_NOT_FOUND


class ExportError(KGError):
    """An export could not be written (a full disk, say); the previous exports are left as they
    were. Exit 2."""


class InterruptedAfterCommit(KeyboardInterrupt):
    """Ctrl-C or SIGTERM that arrived while the finished exports were being put in place: the run
    stops, but the new exports are complete. Still a KeyboardInterrupt (exit 130), so that code
    catching Exception does not swallow it."""


def where(path: str, line: int | None = None) -> str:
    """`file` or `file:line`, the prefix of every input error."""
    return f"{path}:{line}" if line is not None else str(path)


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun, singular for one: '1 file', '2 files', '1,024 papers'."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def shortened(text: str, limit: int = 80) -> str:
    """`text` cut to its first `limit` characters and '…', for quoting input in a one-line message."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def missing_export(exports: object, path: object, skipped_as: str, hint: str = "") -> InputError:
    """The error for an export that is not in the `exports` folder: a build that left it out with
    `--skip skipped_as`, or no build there at all. `hint`: what else to pass instead."""
    from pathlib import Path

    if (Path(str(exports)) / "papers.jsonl").exists():
        return InputError(f"{exports}: this build has no {Path(str(path)).name} (built with --skip {skipped_as}); "
                          f"run 'kg build' without it{hint}")
    return InputError(f"{exports}: no built export here (no {path}); run 'kg build' first{hint}")
