"""``explorer cypher``, ``explorer query`` and ``explorer search``: read-only queries and names."""

from __future__ import annotations

from typing import Any

import click

from explorer.cli.moments import DATE
from explorer.cli.output import (
    emit,
    format_option,
    limit_option,
    param_option,
    print_result,
    timeout_option,
)
from explorer.cli.session import Session, pass_session
from explorer.errors import UsageError
from explorer.formatting import json_text, render
from explorer.model import FactDate, closest

__all__ = [
    "cypher_command",
    "parse_params",
    "query_command",
    "search_command",
]


def parse_params(values: tuple[str, ...], typed: bool) -> dict[str, Any]:
    """``-p key=value`` options: values as JSON literals (``typed``) or as text."""
    from explorer.queries import parse_value

    params: dict[str, Any] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"-p takes key=value, not {item!r}")
        params[key.strip()] = parse_value(value) if typed else value
    return params


@click.command("cypher")
@click.argument("query")
@param_option
@format_option
@timeout_option
@limit_option
@pass_session
def cypher_command(
    session: Session, query: str, params: tuple[str, ...], fmt: str, timeout: float | None, limit: int | None
) -> None:
    """Run one read-only Cypher QUERY (writes, admin commands and LOAD CSV are refused)."""
    from explorer.database import session as db

    given = parse_params(params, typed=True)
    result = db.read_query(session.driver, session.settings, query, given, timeout=timeout, row_cap=limit)
    print_result(result, fmt, session.settings.result_size)


@click.command("query")
@click.argument("name", required=False)
@click.option("--list", "list_", is_flag=True, help="List the saved queries.")
@param_option
@click.option(
    "--as-of",
    type=DATE,
    default=None,
    metavar="DATE",
    help="For a query that takes a date (as_of): only what held then (a year, month or day).",
)
@format_option
@timeout_option
@limit_option
@pass_session
def query_command(
    session: Session,
    name: str | None,
    list_: bool,
    params: tuple[str, ...],
    as_of: FactDate | None,
    fmt: str,
    timeout: float | None,
    limit: int | None,
) -> None:
    """Run the saved query NAME from cypher/, or list them with --list.

    Parameters take what people write: an entity by id or name, a country by code or
    name, statuses and kinds in English or French.
    """
    from explorer.queries import load_catalogue

    catalogue = load_catalogue()
    if list_ or name is None:
        if not list_:
            raise UsageError("name a saved query, or use --list to see them")
        if fmt == "json":
            emit(json_text([q.as_dict() for q in catalogue.values()]), fmt)
        else:
            rows = [
                {
                    "name": q.name,
                    "title": q.title,
                    "parameters": ", ".join(f"{p.name}:{p.type}" for p in q.params),
                }
                for q in catalogue.values()
            ]
            emit(render(fmt, ["name", "title", "parameters"], rows), fmt)
        return
    saved = catalogue.get(name)
    if saved is None:
        close = closest(name, catalogue, 3)
        raise UsageError(
            f"no saved query named {name!r}",
            f"did you mean {', '.join(close)}?" if close else "see `explorer query --list`",
        )
    from explorer.database import session as db

    given = parse_params(params, typed=False)
    if as_of is not None:
        dated = [p.name for p in saved.params if p.type == "date"]
        if "as_of" not in dated:
            takes = [q.name for q in catalogue.values() if any(p.type == "date" for p in q.params)]
            hint = f"--as-of works with {', '.join(takes) or 'none'}"
            raise UsageError(f"query {name} takes no date", hint)
        if "as_of" in given:
            raise UsageError("give the date once: --as-of or -p as_of=..., not both")
        given["as_of"] = as_of.iso()
    bound = saved.bind(given, session.resolver)
    result = db.read_query(
        session.driver, session.settings, saved.text, bound, timeout=timeout, row_cap=limit
    )
    print_result(result, fmt, session.settings.result_size)


@click.command("search")
@click.argument("text")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@format_option
@pass_session
def search_command(session: Session, text: str, limit: int, fmt: str) -> None:
    """Find entities by name, ignoring case and accents ("royere" finds "Emilie Royère")."""
    from explorer.search import find_entities

    found = find_entities(session.driver, session.settings, text, limit)
    rows = [{"id": e.id, "name": e.name, "kind": e.kind, "country": e.country} for e in found]
    emit(render(fmt, ["id", "name", "kind", "country"], rows), fmt)
