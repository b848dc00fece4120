"""A progress bar on stderr for long loads: redrawn in place on a terminal, a line per 10 % otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["ProgressBar"]


class ProgressBar:
    """Call with (done, total); quiet for loads smaller than ``threshold`` rows."""

    def __init__(
        self, stream: TextIO | None = None, threshold: int = 5000, width: int = 30, unit: str = "rows"
    ) -> None:
        self.stream = stream or sys.stderr
        self.unit = unit
        self.threshold = threshold
        self.width = width
        self.started = time.perf_counter()
        self._last_step = -1
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int) -> None:
        if total < self.threshold or total <= 0:
            return
        fraction = min(1.0, done / total)
        elapsed = time.perf_counter() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        text = f"{done:,}/{total:,} {self.unit} ({fraction:.0%}, {rate:,.0f} {self.unit}/s)"
        if self._tty:
            filled = int(fraction * self.width)
            bar = "#" * filled + "-" * (self.width - filled)
            self.stream.write(f"\r[{bar}] {text}")
            if done >= total:
                self.stream.write("\n")
        else:
            step = int(fraction * 10)
            if step == self._last_step:
                return
            self._last_step = step
            self.stream.write(text + "\n")
        self.stream.flush()
