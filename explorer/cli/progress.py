"""Progress on stderr: a bar for long loads (redrawn in place on a terminal, a line per 10 %
otherwise), and the phases of reading an article with the time each may take."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["ProgressBar", "ReadingProgress"]


class ProgressBar:
    """Call with (done, total); quiet for loads smaller than ``threshold`` rows."""

    def __init__(self, stream: TextIO | None = None, threshold: int = 5000, width: int = 30) -> None:
        self.stream = stream or sys.stderr
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
        text = f"{done:,}/{total:,} rows ({fraction:.0%}, {rate:,.0f} rows/s)"
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


_PHASES = {
    "starting": "starting the article reader (its language models load once)",
    "preparing": "preparing the reader (the language model, the graph's names)",
    "reading": "reading the article",
}


class ReadingProgress:
    """Call with (phase, seconds, limit): a line per phase, and on a terminal the seconds taken."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._phase = ""
        self._shown = -1

    def __call__(self, phase: str, seconds: float, limit: float) -> None:
        if phase != self._phase:
            if self._phase and self._tty:
                self.stream.write("\n")
            self._phase, self._shown = phase, -1
            words = _PHASES.get(phase, phase)
            self.stream.write(f"{words} (at most {limit:.0f} s)…" + ("" if self._tty else "\n"))
        elif self._tty and int(seconds) != self._shown:
            self._shown = int(seconds)
            self.stream.write(f"\r{_PHASES.get(phase, phase)} (at most {limit:.0f} s)… {self._shown} s")
        self.stream.flush()

    def done(self) -> None:
        if self._phase and self._tty:
            self.stream.write("\n")
            self.stream.flush()
