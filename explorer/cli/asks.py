"""``explorer ask``: asks for introductions logged, listed and closed with their outcome, and
introducers' willingness marked."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from explorer import defaults
from explorer.cli.introductions import weights_option
from explorer.cli.output import FORMATS, emit, lang_option
from explorer.cli.session import Session, pass_session
from explorer.cli.signing import as_option, entity_arg, json_option, signer
from explorer.errors import UsageError
from explorer.formatting import render
from explorer.model import Lang
from explorer.model.asks import OUTCOMES, WILLINGNESS, parse_day, parse_outcome, parse_willingness

__all__ = ["ask_group"]

_NUMBER = click.IntRange(1, 2**62)


class _Day(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        try:
            day = parse_day(value)
        except ValueError:
            day = None
        if day is None:
            self.fail(f"{value!r} is not a day: write YYYY-MM-DD", param, ctx)
        return day


@click.group("ask")
def ask_group() -> None:
    """Asks for introductions: log one from a path, list them, close one with its outcome, and mark
    how willing introducers are (rankings learn from both)."""


@ask_group.command("add")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option(
    "--path",
    "rank",
    type=click.IntRange(1, defaults.MAX_PATHS_K),
    default=None,
    help="Follow path N of `explorer paths FROM TO` [default: 1].",
)
@click.option(
    "--introducer", metavar="ENTITY", default=None, help="Who was asked (id or name), whichever path."
)
@click.option("--note", default=None, help="What was asked, how, anything worth keeping.")
@click.option(
    "--follow-up",
    "follow_up",
    type=_Day(),
    default=None,
    help=f"When to follow it up (YYYY-MM-DD) [default: in {defaults.ASK_FOLLOW_UP_DAYS} days].",
)
@click.option("--avoid", multiple=True, metavar="ENTITY", help="As for `explorer paths` (repeatable).")
@click.option(
    "--max-hops",
    type=click.IntRange(1, defaults.MAX_PATHS_HOPS),
    default=defaults.PATHS_HOPS,
    show_default=True,
    help="As for `explorer paths`.",
)
@click.option("--active-only", is_flag=True, help="As for `explorer paths`.")
@click.option("--by-score", is_flag=True, help="As for `explorer paths`.")
@weights_option
@as_option
@json_option
@lang_option
@pass_session
def add_command(
    session: Session,
    source: str,
    target: str,
    rank: int | None,
    introducer: str | None,
    note: str | None,
    follow_up: dt.date | None,
    avoid: tuple[str, ...],
    max_hops: int,
    active_only: bool,
    by_score: bool,
    weights_file: Path | None,
    author: str | None,
    fmt: str,
    lang: Lang,
) -> None:
    """Log an ask for an introduction from FROM to TO (ids, names, or @us for the team).

    The ask follows path N of `explorer paths FROM TO` (the first by default): its introducer and
    the asker's own person it goes through are kept with it. With --introducer, the first path
    whose advice names that entity is followed, else none. Signed (--as) and kept in the history.
    """
    from explorer.curation.asks import open_ask
    from explorer.introductions.asking import ask_for_path, ask_without_path, rank_of_introducer
    from explorer.introductions.paths import find_paths
    from explorer.introductions.weights import load_weights

    if rank is not None and introducer is not None:
        raise UsageError("give either --path N or --introducer ENTITY, not both")
    chosen = session.resolver.entity(introducer) if introducer is not None else None
    k = max(rank or 1, defaults.PATHS_K * (2 if chosen is not None else 1))
    found = find_paths(
        session.driver,
        session.settings,
        source,
        target,
        k=min(k, defaults.MAX_PATHS_K),
        avoid=avoid,
        max_hops=max_hops,
        active_only=active_only,
        ranking="score" if by_score else "distinct",
        weights=load_weights(weights_file),
    )
    if chosen is not None:
        at = rank_of_introducer(found, chosen)
        new = ask_for_path(found, at, note=note, follow_up=follow_up) if at else None
        new = new or ask_without_path(found, chosen, note=note, follow_up=follow_up)
    elif found.paths or rank is not None:
        new = ask_for_path(found, rank or 1, note=note, follow_up=follow_up)
    else:
        new = ask_without_path(found, None, note=note, follow_up=follow_up)
    ask = open_ask(session.driver, session.settings, signer(author), new)
    _show_asks(session, [ask], fmt, lang, one=True)


@ask_group.command("list")
@click.option("--open", "open_only", is_flag=True, help="Open asks only.")
@click.option("--due", is_flag=True, help="Open asks whose follow-up day has come.")
@click.option("--about", metavar="ENTITY", default=None, help="Asks naming this entity (id or name).")
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)
@lang_option
@pass_session
def list_command(
    session: Session, open_only: bool, due: bool, about: str | None, fmt: str, lang: Lang
) -> None:
    """The asks, open ones first (the soonest follow-up first), then closed ones, newest first."""
    from explorer.curation.asks import list_asks
    from explorer.model.clock import today

    about_id = entity_arg(session, about) if about else None
    asks = list_asks(
        session.driver, session.settings, open_only=open_only, due_on=today() if due else None, about=about_id
    )
    _show_asks(session, asks, fmt, lang)


@ask_group.command("close")
@click.argument("number", type=_NUMBER, metavar="ID")
@click.option("--outcome", required=True, metavar="|".join(OUTCOMES), help="What came of it.")
@click.option("--note", default=None, help="What happened.")
@as_option
@json_option
@lang_option
@pass_session
def close_command(
    session: Session, number: int, outcome: str, note: str | None, author: str | None, fmt: str, lang: Lang
) -> None:
    """Close ask ID with its outcome: introduced, met, declined, no-answer or withdrawn.

    "introduced" and "met" propose a tie between the asker and the target for review (explorer
    review list), citing the ask.
    """
    from explorer.curation.asks import close_ask

    parsed = parse_outcome(outcome)
    if parsed is None:
        raise UsageError(f"unknown outcome {outcome!r}", f"expected one of {', '.join(OUTCOMES)}")
    ask, proposal = close_ask(session.driver, session.settings, signer(author), number, parsed, note)
    _show_asks(session, [ask], fmt, lang, one=True)
    if proposal is not None and fmt != "json":
        click.echo(f"Proposed for review as proposal #{proposal.id} (explorer review show {proposal.id}).")


@ask_group.command("willingness")
@click.argument("entity", required=False)
@click.argument("level", required=False, metavar="[open|reluctant|unknown]")
@click.option("--reason", default=None, help="Why (who said so, when).")
@as_option
@json_option
@pass_session
def willingness_command(
    session: Session, entity: str | None, level: str | None, reason: str | None, author: str | None, fmt: str
) -> None:
    """Mark how willing ENTITY is to make introductions (open, reluctant, unknown), or show it;
    without ENTITY, list every mark. Rankings use it (the weights file's [learning])."""
    from explorer.curation.asks import mark_willingness, marks

    if entity is None:
        found = marks(session.driver, session.settings)
    elif level is None:
        if reason is not None:
            raise UsageError(
                "--reason goes with a LEVEL to mark", "explorer ask willingness ENTITY open --reason …"
            )
        found = marks(session.driver, session.settings, [entity_arg(session, entity)])
    else:
        parsed = parse_willingness(level)
        if parsed is None:
            raise UsageError(f"unknown willingness {level!r}", f"expected one of {', '.join(WILLINGNESS)}")
        entity_id = entity_arg(session, entity)
        found = [
            mark_willingness(session.driver, session.settings, signer(author), entity_id, parsed, reason)
        ]
    if fmt == "json":
        click.echo(json.dumps([m.as_dict() for m in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("no willingness marked" + (f" for {entity}" if entity else ""))
    for m in found:
        why = f" — {m.reason}" if m.reason else ""
        click.echo(f"{m.entity}: {m.level}{why} ({m.who}, {m.at})")


def _show_asks(session: Session, asks: list[Any], fmt: str, lang: Lang, *, one: bool = False) -> None:
    from explorer.curation.asked import ask_rows, ask_sentence
    from explorer.model.clock import today

    if fmt == "json":
        data = [a.as_dict() | {"names": dict(a.names), "due": a.due(today())} for a in asks]
        click.echo(json.dumps(data[0] if one else data, ensure_ascii=False, indent=2))
        return
    if one or fmt == "text":
        for ask in asks:
            click.echo(ask_sentence(ask, lang, today()))
        return
    if not asks:
        click.echo("no asks")
        return
    rows = ask_rows(asks, lang, today())
    emit(render(fmt, list(rows[0]), rows), fmt)
