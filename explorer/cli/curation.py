"""``explorer fact`` and ``entity merge``: changing facts, signed and reasoned (the review queue is
``explorer review``, :mod:`.review`; what these commands share is :mod:`.signing`)."""

from __future__ import annotations

import json
from typing import Any

import click

from explorer import resolve
from explorer.cli.moments import DATE
from explorer.cli.output import lang_option, note
from explorer.cli.session import Session, pass_session
from explorer.cli.signing import (
    as_option,
    change_dict,
    change_line,
    citation_options,
    cited,
    entity_arg,
    json_option,
    parsed_props,
    reason_option,
    show_change,
    show_outcome,
    signer,
    suggest_option,
    tie_arg,
)
from explorer.curation import facts, history
from explorer.curation.names import names_for
from explorer.curation.requests import AddEntity, AddTie, Confirm, EditEntity, EditTie, Merge, Retire
from explorer.errors import UnknownEntity, UsageError
from explorer.model import FactDate, Lang
from explorer.model.changes import ACTIONS
from explorer.model.facts import entity_key, tie_key

__all__ = ["entity_group", "fact_group"]


@click.group("fact")
def fact_group() -> None:
    """Add, correct, confirm and retire facts; read and undo the history.

    Every change is signed (--as, else the machine's user), checked as a load is, and
    recorded; edits, retirements and merges say why (--reason).
    """


@fact_group.group("add")
def add_group() -> None:
    """Add an entity or a tie."""


@add_group.command("entity")
@click.option("--kind", required=True, help="Company, Cluster, Institute, Person... (English or French).")
@click.option("--name", required=True, help="Its name.")
@click.option("--id", "entity_id", default=None, help="Its id [default: made from the name].")
@click.option("--country", default=None, help="Its country (code or name).")
@click.option("--city", default=None, help="Its city (created with LOCATED_IN when missing).")
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE", help="Another property (repeatable).")
@citation_options
@reason_option
@suggest_option
@as_option
@json_option
@pass_session
def add_entity_command(
    session: Session,
    kind: str,
    name: str,
    entity_id: str | None,
    country: str | None,
    city: str | None,
    sets: tuple[str, ...],
    reason: str | None,
    suggest_only: bool,
    author: str | None,
    fmt: str,
    **cite: Any,
) -> None:
    """Add an entity, citing where it comes from (optional for entities)."""
    request = AddEntity(resolve.kind(kind), name, entity_id, country, city, parsed_props(sets), cited(cite))
    _submit(session, request, reason, suggest_only, author, fmt)


@add_group.command("tie")
@click.argument("start", metavar="FROM")
@click.argument("rtype", metavar="TYPE")
@click.argument("end", metavar="TO")
@click.option("--status", default=None, help="active, planned or proposed [default: active].")
@click.option("--evidence", default=None, help="stated or inferred [default: stated].")
@click.option(
    "--since", type=DATE, default=None, metavar="DATE", help="When it began: 2015, 2015-03 or 2015-03-03."
)
@click.option("--until", type=DATE, default=None, metavar="DATE", help="When it ended (or ends), as precise.")
@click.option("--note", default=None, help="A note.")
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE", help="Another property (role, topic...).")
@citation_options
@reason_option
@suggest_option
@as_option
@json_option
@pass_session
def add_tie_command(
    session: Session,
    start: str,
    rtype: str,
    end: str,
    status: str | None,
    evidence: str | None,
    since: FactDate | None,
    until: FactDate | None,
    note: str | None,
    sets: tuple[str, ...],
    reason: str | None,
    suggest_only: bool,
    author: str | None,
    fmt: str,
    **cite: Any,
) -> None:
    """Add a tie FROM -TYPE-> TO (any type of the model), citing its source."""
    a, t, b = tie_arg(session, start, rtype, end)
    citation = cited(cite)
    if citation is None:
        raise UsageError("a tie cites its source: --source ID, or a new one with --source-title")
    props = {**parsed_props(sets), **({"note": note} if note else {})}
    request = AddTie(
        a,
        t,
        b,
        resolve.status(status) if status else None,
        resolve.evidence(evidence) if evidence else None,
        since.stored() if since else None,
        until.stored() if until else None,
        props,
        citation,
    )
    _submit(session, request, reason, suggest_only, author, fmt)


def _submit(
    session: Session, request: Any, reason: str | None, suggest_only: bool, author: str | None, fmt: str
) -> None:
    """Apply the change, or queue it for review (a reader, or ``--suggest``), and say which."""
    done = facts.submit(
        session.driver, session.settings, signer(author), request, reason=reason, suggest_only=suggest_only
    )
    show_outcome(session, done, fmt)


def _fact_of(session: Session, args: tuple[str, ...]) -> str:
    if len(args) == 1:
        return entity_key(entity_arg(session, args[0]))
    if len(args) == 3:
        return tie_key(*tie_arg(session, *args))
    raise UsageError("name a fact: ENTITY, or FROM TYPE TO for a tie")


@fact_group.command("edit")
@click.argument("fact", nargs=-1, required=True, metavar="ENTITY | FROM TYPE TO")
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE", help="A property to set (repeatable).")
@click.option("--unset", multiple=True, metavar="KEY", help="A property to remove (repeatable).")
@click.option("--type", "new_type", default=None, help="A tie's new type.")
@click.option("--reverse", is_flag=True, help="Turn a tie the other way round.")
@click.option(
    "--version", "expected", type=int, default=None, help="Refuse if the fact is no longer at this version."
)
@citation_options
@reason_option
@suggest_option
@as_option
@json_option
@pass_session
def edit_command(
    session: Session,
    fact: tuple[str, ...],
    sets: tuple[str, ...],
    unset: tuple[str, ...],
    new_type: str | None,
    reverse: bool,
    expected: int | None,
    reason: str | None,
    suggest_only: bool,
    author: str | None,
    fmt: str,
    **cite: Any,
) -> None:
    """Correct an entity's or a tie's properties (a tie's type or direction too)."""
    changes: dict[str, Any] = {**parsed_props(sets), **{k: None for k in unset}}
    if "status" in changes and changes["status"] is not None:
        changes["status"] = resolve.status(str(changes["status"]))
    if "evidence" in changes and changes["evidence"] is not None:
        changes["evidence"] = resolve.evidence(str(changes["evidence"]))
    if "kind" in changes and changes["kind"] is not None:
        changes["kind"] = resolve.kind(str(changes["kind"]))
    key = _fact_of(session, fact)
    citation = cited(cite)
    request: EditEntity | EditTie
    if key.startswith("entity:"):
        if new_type or reverse:
            raise UsageError("--type and --reverse change ties, not entities")
        request = EditEntity(key[7:], changes, expected, citation)
    else:
        a, t, b = key[4:].split("|")
        to_type = resolve.rel_type(new_type) if new_type else None
        request = EditTie(a, t, b, changes, expected, to_type, reverse, citation)
    _submit(session, request, reason, suggest_only, author, fmt)


@fact_group.command("retire")
@click.argument("fact", nargs=-1, required=True, metavar="ENTITY | FROM TYPE TO")
@click.option(
    "--version", "expected", type=int, default=None, help="Refuse if the fact is no longer at this version."
)
@reason_option
@suggest_option
@as_option
@json_option
@pass_session
def retire_command(
    session: Session,
    fact: tuple[str, ...],
    expected: int | None,
    reason: str | None,
    suggest_only: bool,
    author: str | None,
    fmt: str,
) -> None:
    """Retire a fact: kept in the history, out of every view and path (an entity with its ties)."""
    _submit(session, Retire(_fact_of(session, fact), expected), reason, suggest_only, author, fmt)


@fact_group.command("confirm")
@click.argument("start", metavar="FROM")
@click.argument("rtype", metavar="TYPE")
@click.argument("end", metavar="TO")
@citation_options
@reason_option
@suggest_option
@as_option
@json_option
@pass_session
def confirm_command(
    session: Session,
    start: str,
    rtype: str,
    end: str,
    reason: str | None,
    suggest_only: bool,
    author: str | None,
    fmt: str,
    **cite: Any,
) -> None:
    """An inferred tie becomes stated, citing the source that states it."""
    citation = cited(cite)
    if citation is None:
        raise UsageError("a confirmation cites its source: --source ID, or a new one with --source-title")
    a, t, b = tie_arg(session, start, rtype, end)
    _submit(session, Confirm(a, t, b, None, citation), reason, suggest_only, author, fmt)


@fact_group.command("history")
@click.argument("entity", required=False)
@click.option("--who", default=None, help="Only changes by this person (part of a name).")
@click.option("--action", "actions", multiple=True, type=click.Choice(ACTIONS), help="Only these actions.")
@click.option("--since", default=None, metavar="DATE", help="Only changes from this day on (YYYY-MM-DD).")
@click.option("--until", default=None, metavar="DATE", help="Only changes up to this day (YYYY-MM-DD).")
@click.option(
    "--limit", type=click.IntRange(1, 100_000), default=200, show_default=True, help="Most changes."
)
@click.option("--verify", is_flag=True, help="Check that no record was changed since it was written.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@lang_option
@pass_session
def history_command(
    session: Session,
    entity: str | None,
    who: str | None,
    actions: tuple[str, ...],
    since: str | None,
    until: str | None,
    limit: int,
    verify: bool,
    fmt: str,
    lang: Lang,
) -> None:
    """The changes, newest first (of one ENTITY, when given): who, when, what, why."""
    if verify:
        from explorer.curation.anchors import load_anchor, save_anchor

        check = history.verify(session.driver, session.settings, anchor=load_anchor(session.settings))
        if not check.ok:
            raise UsageError(
                f"the history is broken at change #{check.broken}: {check.problem}",
                "if this database was replaced on purpose, remove history-anchors.json from EXPLORER_HOME"
                if "checked before" in (check.problem or "")
                else None,
            )
        save_anchor(session.settings, check.records, check.head)
        click.echo(
            f"The history holds {check.records} changes, every one as written (last hash {check.head})."
        )
        return
    entity_id = None
    if entity:
        try:
            entity_id = entity_arg(session, entity)
        except UnknownEntity:
            entity_id = entity  # a retired entity's id
    filters = history.Filters(entity=entity_id, who=who, actions=actions, since=since, until=until)
    found = history.changes(session.driver, session.settings, filters, limit=limit)
    names = names_for(session.driver, session.settings, found, lang)
    if fmt == "json":
        click.echo(json.dumps([change_dict(c, names, lang) for c in found], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(history.to_csv(found, names, lang), nl=False)
    else:
        undone = history.undone(session.driver, session.settings, [c.id for c in found])
        for change in found:
            click.echo(change_line(change, names, lang, undone.get(change.id)))
        if not found:
            note("no change matches")


@fact_group.command("undo")
@click.argument("number", type=click.IntRange(1, 2**62), metavar="CHANGE")
@click.option(
    "--item", "items", multiple=True, metavar="N", help="Only this item of an acceptance (repeatable)."
)
@reason_option
@as_option
@json_option
@pass_session
def undo_command(
    session: Session, number: int, items: tuple[str, ...], reason: str | None, author: str | None, fmt: str
) -> None:
    """Undo change number CHANGE with a new change (refused while a later change depends on it).

    A load is undone as a whole (what it added goes, what it changed comes back); an
    acceptance whole or item by item (the items go back to the review queue)."""
    change = facts.undo(
        session.driver, session.settings, signer(author), number, reason=reason, items=list(items) or None
    )
    show_change(session, change, fmt)


@click.group("entity")
def entity_group() -> None:
    """Entities as a whole."""


@entity_group.command("merge")
@click.argument("keep", metavar="A")
@click.argument("duplicate", metavar="B")
@reason_option
@suggest_option
@as_option
@json_option
@pass_session
def merge_command(
    session: Session,
    keep: str,
    duplicate: str,
    reason: str | None,
    suggest_only: bool,
    author: str | None,
    fmt: str,
) -> None:
    """Merge B into A: B's ties move to A, B's names become A's aliases, B is retired."""
    request = Merge(entity_arg(session, keep), entity_arg(session, duplicate))
    _submit(session, request, reason, suggest_only, author, fmt)
