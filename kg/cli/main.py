"""The `kg` command: a lazy group of thin subcommands.

Subcommand modules are imported only when called, so `kg papers` never pays for spaCy. Every error
a user can cause is printed as one line, `kg: error: ...`, with exit code 2 (bad input or usage) or 1
(nothing found); never a traceback.
"""
from __future__ import annotations

import errno
import os
import sys
from importlib import import_module
from typing import Any

import click

from kg import __version__, interrupts
from kg.errors import EXIT_BAD_INPUT, KGError

# name -> "module:attribute"; the order is the order of `kg --help`
COMMANDS = {
    "build": "kg.cli.build:command",
    "extract": "kg.cli.extract:command",
    "eval": "kg.cli.eval:command",
    "sparql": "kg.cli.sparql:command",
    "papers": "kg.cli.query:papers_command",
    "ask": "kg.cli.query:ask_command",
    "entity": "kg.cli.query:entity_command",
    "top": "kg.cli.query:top_command",
    "stats": "kg.cli.query:stats_command",
    "view": "kg.cli.view:command",
    "serve": "kg.cli.serve:command",
}


def fail(message: str, code: int) -> None:
    from kg.cli.output import safe

    click.echo(f"kg: error: {safe(message)}", err=True)
    sys.exit(code)


# errors that, without a file name, come from writing the output (not "Too many open files", say)
_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE})


def _silence_stdout() -> None:
    """If stdout can no longer be written, point it at /dev/null, so that Python's own flush of what is
    still buffered, at exit, does not fail again and print "Exception ignored ..." after our message."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
        return
    except (OSError, ValueError):
        pass
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attribute = target.split(":")
        return getattr(import_module(module), attribute)

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> Any:  # type: ignore[override]
        try:
            try:
                try:
                    result = super().main(args=args, prog_name=prog_name or "kg", standalone_mode=False, **extra)
                except click.exceptions.Exit as exc:  # --help, --version
                    result = exc.exit_code
                if sys.stdout is not None:
                    sys.stdout.flush()  # a write that fails is reported here, not by Python's flush at exit
            except Exception:
                # after a Ctrl-C, a failure is the interruption's: code in between turned it into another
                # error (pydantic's SchemaError, when it landed in spaCy's import) or a worker gone
                interrupts.check()
                raise
        except click.exceptions.Abort as exc:  # click's for Ctrl-C; kg's message, if any, is the cause's
            fail(str(exc.__cause__ or "") or "interrupted", 130)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            fail(exc.format_message().rstrip(".") + hint, EXIT_BAD_INPUT)
        except click.ClickException as exc:
            fail(exc.format_message(), exc.exit_code)
        except KGError as exc:
            fail(exc.message, exc.exit_code)
        except KeyboardInterrupt as exc:
            fail(str(exc) or "interrupted", 130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except OSError as exc:  # a full disk, a failing device, too many open files: one line, no traceback
            _silence_stdout()
            reason = exc.strerror or str(exc)
            if exc.filename is not None:
                reason = f"{exc.filename}: {reason}"
            elif exc.errno in _OUTPUT_ERRORS:
                reason = f"cannot write output ({reason})"
            fail(reason, EXIT_BAD_INPUT)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="kg", message="%(prog)s %(version)s")
def cli() -> None:
    """kg: build a knowledge graph of papers and the methods, datasets, benchmarks, tasks and
    metrics they propose, use and evaluate on; query it from the command line or with SPARQL."""


def _exit_at_once(signum, frame) -> None:
    """End the process now, with the shell's code for the signal (128 + its number)."""
    os._exit(128 + signum)


def _quiet_signals() -> None:
    """Once the outcome is decided, Ctrl-C or SIGTERM ends the process at once: raised as
    KeyboardInterrupt while Python reports, exits or runs its exit handlers, it printed a traceback."""
    import signal

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _exit_at_once)


def main() -> None:
    interrupts.install()
    try:
        cli.main()
    except KeyboardInterrupt:  # arrived while the command's outcome was being reported
        _quiet_signals()
        sys.exit(130)
    finally:
        _quiet_signals()


if __name__ == "__main__":
    main()
