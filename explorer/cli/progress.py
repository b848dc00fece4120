"""Progress on stderr: click's bar for long loads (started when the first batch is written), and
the phases of reading an article with the time each may take."""

from __future__ import annotations

import sys
from typing import Any, TextIO

import click

__all__ = ["LABEL", "ProgressBar", "ReadingProgress"]

#: What the bar says: off a terminal, this line alone, once the first rows are written.
LABEL = "Rows written"


class ProgressBar:
    """Call with (done, total): click's progress bar, drawn in place on a terminal (rows, share,
    time left); quiet for loads smaller than ``threshold`` rows. It starts at the first call (the
    first batch is in the database), and ends at the last row or when its ``with`` block ends
    (a load that failed leaves the terminal's line finished before the error)."""

    def __init__(self, threshold: int = 5000, stream: TextIO | None = None, label: str = LABEL) -> None:
        self.label = label
        self.threshold = threshold
        self.stream = stream
        self._bar: Any = None
        self._done = 0
        self._closed = False

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __call__(self, done: int, total: int) -> None:
        if total < self.threshold or total <= 0 or self._closed:
            return
        if self._bar is None:
            stream = self.stream or sys.stderr
            self._bar = click.progressbar(
                length=total, label=self.label, file=stream, show_pos=True, show_percent=True
            )
            self._bar.__enter__()
        self._bar.update(min(done, total) - self._done)
        self._done = min(done, total)
        if done >= total:
            self.close()

    def close(self) -> None:
        """End the bar (its line finished on a terminal); a call after starts no new one."""
        if self._bar is not None and not self._closed:
            self._bar.__exit__(None, None, None)
        self._closed = True


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
