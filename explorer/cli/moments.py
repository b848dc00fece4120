"""The options that put a read at a date: ``--as-of`` (the world then), ``--known-on`` (the records
then), ``--hide-undated``; and the date type every date option shares."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from explorer.model import DATE_HELP, FactDate, Moment

__all__ = ["DATE", "DateParam", "moment_options"]


class DateParam(click.ParamType):
    """A date as precise as its writer: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (and the other
    forms :meth:`FactDate.parse` reads)."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> FactDate:
        try:
            return FactDate.parse(value)
        except ValueError as e:
            self.fail(str(e), param, ctx)


DATE = DateParam()


_AS_OF = click.option(
    "--as-of",
    type=DATE,
    default=None,
    metavar="DATE",
    help=f"The world at this date: ties not begun or already ended are left out ({DATE_HELP}).",
)
_KNOWN_ON = click.option(
    "--known-on",
    type=DATE,
    default=None,
    metavar="DATE",
    help="What the records held by the end of this date: later additions gone, "
    "later retirements back, later edits undone.",
)
_HIDE_UNDATED = click.option(
    "--hide-undated",
    is_flag=True,
    help="With --as-of, leave out ties that say neither since nor until [default: kept].",
)


def moment_options(known_on: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add ``--as-of``, ``--hide-undated`` and (unless ``known_on`` is false) ``--known-on``; the
    command receives ``moment``."""

    def wrap(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def run(*args: Any, as_of: FactDate | None, hide_undated: bool, **kw: Any) -> Any:
            on = kw.pop("known_on", None)
            return command(*args, moment=Moment(as_of, on, undated=not hide_undated), **kw)

        for option in reversed([_AS_OF, *([_KNOWN_ON] if known_on else []), _HIDE_UNDATED]):
            run = option(run)
        return run

    return wrap
