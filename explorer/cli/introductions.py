"""``explorer paths``, ``explorer brokers`` and ``explorer weights``: who can introduce whom."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

import click

from explorer import defaults
from explorer.cli.moments import moment_options
from explorer.cli.output import FORMATS, emit, lang_option, note, say, text_or_json, timeout_option
from explorer.cli.session import Session, pass_session
from explorer.formatting import json_text, render
from explorer.model import Lang, Moment

if TYPE_CHECKING:
    from explorer.introductions.weights import Weights

__all__ = ["brokers_command", "paths_command", "weights_command", "weights_option"]

weights_option = click.option(
    "--weights",
    "weights_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="TOML file of tie strengths [default: EXPLORER_WEIGHTS, else EXPLORER_HOME/weights.toml].",
)


@click.command("paths")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option(
    "-k",
    "--k",
    "k",
    type=click.IntRange(1, defaults.MAX_PATHS_K),
    default=defaults.PATHS_K,
    show_default=True,
    help="How many paths, best first.",
)
@click.option(
    "--avoid",
    multiple=True,
    metavar="ENTITY",
    help="An entity no path may go through (id or name; repeatable).",
)
@click.option(
    "--max-hops",
    type=click.IntRange(1, defaults.MAX_PATHS_HOPS),
    default=defaults.PATHS_HOPS,
    show_default=True,
    help="Most relationships on a path.",
)
@click.option("--active-only", is_flag=True, help="Leave out planned and proposed ties.")
@click.option(
    "--by-score",
    is_flag=True,
    help="Order by score alone [default: paths that offer someone new to ask come first].",
)
@moment_options(known_on=False)
@text_or_json
@lang_option
@weights_option
@timeout_option
@pass_session
def paths_command(
    session: Session,
    source: str,
    target: str,
    k: int,
    avoid: tuple[str, ...],
    max_hops: int,
    active_only: bool,
    by_score: bool,
    fmt: str,
    lang: Lang,
    weights_file: Path | None,
    timeout: float | None,
    moment: Moment,
) -> None:
    """Ranked introduction paths from FROM to TO (ids or names; case and accents ignored).

    A path's score is the product of its ties' strengths (a board seat is strong,
    co-membership of an 850-member cluster weak); each path is explained hop by hop,
    ending with who to ask for the introduction. Paths that offer someone new to ask
    come before stronger ones that repeat an introducer, unless --by-score.
    With --as-of, the ties of that date alone are used and ended ties are read from it.
    """
    from explorer.introductions.explain import describe, search_json
    from explorer.introductions.weights import load_weights
    from explorer.views.paths import PathQuestion

    question = PathQuestion(
        source,
        target,
        avoid,
        k=k,
        hops=max_hops,
        active=active_only,
        ranking="score" if by_score else "distinct",
        moment=moment,
    )
    found = question.search(
        session.driver, session.settings, weights=load_weights(weights_file), timeout=timeout
    )
    if fmt == "json":
        emit(json_text(search_json(found, lang)), fmt)
    else:
        emit(describe(found, lang), fmt)
    if not found.complete:
        note(
            f"the search stopped after reading {found.relationships_read:,} relationships; "
            "a better path may lie beyond (lower --max-hops to narrow it)"
        )


@click.command("brokers")
@click.option(
    "--between",
    nargs=2,
    required=True,
    metavar="A B",
    help="Two countries, clusters or alliances (ids or names).",
)
@click.option(
    "--top",
    type=click.IntRange(1, 100),
    default=defaults.BROKERS_TOP,
    show_default=True,
    help="How many brokers.",
)
@click.option(
    "--max-hops",
    type=click.IntRange(1, defaults.MAX_BROKERS_HOPS),
    default=defaults.BROKERS_HOPS,
    show_default=True,
    help="Most relationships on a path between the groups.",
)
@click.option(
    "--sample",
    type=click.IntRange(1, defaults.MAX_BROKERS_SAMPLE),
    default=defaults.BROKERS_SAMPLE,
    show_default=True,
    help="Entities drawn from each group at most.",
)
@click.option("--active-only", is_flag=True, help="Leave out planned and proposed ties.")
@moment_options(known_on=False)
@text_or_json
@lang_option
@weights_option
@timeout_option
@pass_session
def brokers_command(
    session: Session,
    between: tuple[str, str],
    top: int,
    max_hops: int,
    sample: int,
    active_only: bool,
    fmt: str,
    lang: Lang,
    weights_file: Path | None,
    timeout: float | None,
    moment: Moment,
) -> None:
    """The people and organisations that most strong paths between two groups go through
    (with --as-of, at that date)."""
    from explorer.introductions.brokers import find_brokers
    from explorer.introductions.explain import brokers_json, describe_brokers
    from explorer.introductions.weights import load_weights

    found = find_brokers(
        session.driver,
        session.settings,
        between[0],
        between[1],
        top=top,
        max_hops=max_hops,
        sample=sample,
        active_only=active_only,
        weights=_dated(load_weights(weights_file), moment),
        timeout=timeout,
    )
    if fmt == "json":
        emit(json_text(brokers_json(found, lang)), fmt)
    else:
        emit(describe_brokers(found, lang), fmt)
    if not found.complete:
        note(
            "the corridor between the groups was cut at the work budget; "
            "lower --max-hops or --sample for a complete count"
        )


def _dated(weights: Weights, moment: Moment) -> Weights:
    """The weights of a search put at ``moment`` (recency read from its as-of date)."""
    return dataclasses.replace(weights, as_of=moment.as_of, undated=moment.undated)


@click.command("weights")
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)
@weights_option
def weights_command(fmt: str, weights_file: Path | None) -> None:
    """The tie strengths in use (the built-in table and the overrides of a weights file)."""
    from explorer.introductions.weights import load_weights

    weights = load_weights(weights_file)
    say(f"weights from {weights.origin}" if weights.origin else "built-in weights (no weights file)")
    emit(render(fmt, ["table", "key", "value", "note"], weights.rows()), fmt)
