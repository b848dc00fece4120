"""A progress bar on stderr for long loads: click's, started when the first batch is written."""

from __future__ import annotations

import sys
from typing import Any, TextIO

import click

__all__ = ["LABEL", "ProgressBar"]

#: What the bar says: off a terminal, this line alone, once the first rows are written.
LABEL = "Rows written"


class ProgressBar:
    """Call with (done, total): click's progress bar, drawn in place on a terminal (rows, share,
    time left); quiet for loads smaller than ``threshold`` rows. It starts at the first call (the
    first batch is in the database), and ends at the last row or when its ``with`` block ends
    (a load that failed leaves the terminal's line finished before the error)."""

    def __init__(self, threshold: int = 5000, stream: TextIO | None = None) -> None:
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
                length=total, label=LABEL, file=stream, show_pos=True, show_percent=True
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
