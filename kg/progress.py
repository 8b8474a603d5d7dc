"""A quiet progress line on stderr: it appears only when a step runs longer than about a second, only
on a terminal, and never with --quiet."""
from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 1.0
INTERVAL = 0.1


class Progress:
    def __init__(self, label: str, total: int | None = None, *, enabled: bool = True,
                 stream: TextIO | None = None) -> None:
        self.label, self.total = label, total
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()
        self.count = 0
        self.started = time.monotonic()
        self._last = 0.0
        self._shown = False

    def advance(self, n: int = 1) -> None:
        self.count += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < DELAY or now - self._last < INTERVAL:
            return
        self._last = now
        self._shown = True
        rate = self.count / max(now - self.started, 1e-9)
        if self.total:
            width = 30
            filled = int(width * min(self.count / self.total, 1.0))
            bar = "#" * filled + "-" * (width - filled)
            text = f"{self.label} [{bar}] {self.count}/{self.total} ({rate:,.0f}/s)"
        else:
            text = f"{self.label} {self.count:,} ({rate:,.0f}/s)"
        self.stream.write("\r" + text[:120].ljust(60))
        self.stream.flush()

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
