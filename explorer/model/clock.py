"""The one clock of the explorer: the time of a change, today, and this year."""

from __future__ import annotations

import datetime as dt

__all__ = ["now", "this_year", "today"]


def now() -> str:
    """The time of a change: UTC, to the second, ISO 8601 ("2026-12-02T18:40:05Z")."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def today() -> dt.date:
    """Today's date (UTC)."""
    return dt.datetime.now(dt.UTC).date()


def this_year() -> int:
    """The year facts' ``until`` are read against: a tie whose ``until`` is before it has ended."""
    return today().year
