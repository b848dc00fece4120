"""A time limit for work done in steps (database reads, then ranking in Python), checked between them."""

from __future__ import annotations

import time

from explorer.errors import QueryTimeout

__all__ = ["Deadline"]


class Deadline:
    """Ends ``seconds`` after it is made; :meth:`check` raises :class:`QueryTimeout` once it has."""

    def __init__(
        self, seconds: float, what: str = "the search", hint: str = "narrow it or raise --timeout"
    ) -> None:
        self.seconds = seconds
        self.what = what
        self.hint = hint
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left (a little more than none once it has passed, for a transaction's time limit)."""
        return max(0.001, self.end - time.monotonic())

    def passed(self) -> bool:
        return time.monotonic() >= self.end

    def check(self) -> None:
        """Stop the work with a one-line error once the time is up."""
        if self.passed():
            raise QueryTimeout(f"{self.what} was stopped by its time limit ({self.seconds:g} s)", self.hint)
