"""What the commands that change facts share: who signs, why, the citation, and one line per change."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import click

from explorer import resolve
from explorer.cli.session import Session
from explorer.curation import facts
from explorer.curation.actors import Actor, Roles, actor_named, roles_path
from explorer.curation.batches import Proposal
from explorer.curation.describe import Names, describe
from explorer.curation.names import item_texts, names_for
from explorer.errors import UsageError
from explorer.i18n import t
from explorer.model import Lang
from explorer.model.changes import Change
from explorer.queries import parse_value

__all__ = [
    "as_option",
    "change_dict",
    "change_line",
    "citation_options",
    "cited",
    "entity_arg",
    "json_option",
    "parsed_props",
    "reason_option",
    "show_change",
    "show_outcome",
    "signer",
    "suggest_option",
    "tie_arg",
]


def signer(name: str | None) -> Actor:
    path = roles_path()
    return actor_named(name, Roles.read(path) if path else None)


as_option = click.option(
    "--as",
    "author",
    metavar="NAME",
    default=None,
    help="Who signs the change [default: the machine's user]; with a roles file, their role applies.",
)
reason_option = click.option("--reason", default=None, help="Why (required to edit, retire and merge).")
json_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)


suggest_option = click.option(
    "--suggest",
    "suggest_only",
    is_flag=True,
    help="Send it to the review queue for an editor instead of changing the map (a reader's "
    "changes always go there).",
)


def citation_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--source", "source_id", metavar="ID", help="Cite a Source already in the graph."),
        click.option("--source-title", metavar="TITLE", help="Cite a new source with this title."),
        click.option("--publisher", help="The new source's publisher."),
        click.option("--date", "source_date", metavar="DATE", help="The new source's date (YYYY-MM-DD)."),
        click.option("--url", help="The new source's address."),
        click.option("--language", help="The new source's language (en, fr...)."),
        click.option("--paragraph", type=click.IntRange(min=1), help="The paragraph of the source."),
        click.option("--quote", help="The sentence of the source that states the fact."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def cited(values: dict[str, Any]) -> facts.Citation | None:
    title = values.pop("source_title", None)
    new = None
    if title:
        new = facts.NewSource(
            title,
            publisher=values.pop("publisher", None),
            date=values.pop("source_date", None),
            url=values.pop("url", None),
            language=values.pop("language", None),
        )
    else:
        for key in ("publisher", "source_date", "url", "language"):
            if values.pop(key, None):
                flag = key.replace("source_", "").replace("_", "-")
                raise UsageError(f"--{flag} describes a new source: give --source-title too")
    source = values.pop("source_id", None)
    paragraph, quote = values.pop("paragraph", None), values.pop("quote", None)
    if new is None and not source and paragraph is None and not quote:
        return None
    if new is not None and source:
        raise UsageError("cite either --source ID or a new --source-title, not both")
    return facts.Citation(source=source, new=new, paragraph=paragraph, quote=quote)


def parsed_props(items: Sequence[str], option: str = "--set") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"{option} takes key=value, not {item!r}")
        out[key.strip()] = parse_value(value)
    return out


def show_change(session: Session, change: Change, fmt: str, lang: Lang = "en") -> None:
    """A change just made: its line (``text``), or the change record (``json``)."""
    names = names_for(session.driver, session.settings, [change], lang)
    if fmt == "json":
        click.echo(json.dumps(change_dict(change, names, lang), ensure_ascii=False, indent=2))
        return
    click.echo(change_line(change, names, lang))


def show_outcome(session: Session, done: Change | Proposal, fmt: str, lang: Lang = "en") -> None:
    """A change made, or a suggestion queued for review (its proposal's number and what it asks)."""
    if isinstance(done, Change):
        show_change(session, done, fmt, lang)
        return
    texts = item_texts(session.driver, session.settings, [done], lang)
    what = "; ".join(texts.values())
    if fmt == "json":
        out = {"queued": True, "proposal": done.id, "who": done.who, "what": what}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    click.echo(f"Queued for review as proposal #{done.id}: {what}")
    click.echo("Nothing in the map changes until an editor accepts it (explorer review list).")


def change_dict(change: Change, names: Names, lang: Lang = "en") -> dict[str, Any]:
    """The change record for scripts, with what it did in words (``what``)."""
    return {**change.as_dict(), "what": describe(change, lang, names).sentence}


def change_line(change: Change, names: Names, lang: Lang = "en", undone_by: int | None = None) -> str:
    """One change on one line: number, time, who, what it did in words, and why."""
    parts = [f"#{change.id}", change.at.replace("T", " ").rstrip("Z")[:16], change.who]
    parts.append(describe(change, lang, names).sentence)
    line = "  ".join(p for p in parts if p)
    if change.reason:
        line += f"  — {change.reason}"
    if undone_by:
        line += f"  ({t('history.undone_by', lang, n=undone_by)})"
    return line


def entity_arg(session: Session, given: str) -> str:
    return session.resolver.entity(given).id


def tie_arg(session: Session, start: str, rtype: str, end: str) -> tuple[str, str, str]:
    return entity_arg(session, start), resolve.rel_type(rtype), entity_arg(session, end)
