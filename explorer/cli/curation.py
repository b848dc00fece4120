"""``explorer fact``, ``entity merge`` and ``review``: changing facts, signed and reasoned."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import click

from explorer import resolve
from explorer.cli.output import note
from explorer.cli.session import Session, pass_session
from explorer.curation import facts, history, review
from explorer.curation.actors import Actor, Roles, actor_named, roles_path
from explorer.curation.records import ACTIONS, Change, entity_key, tie_key
from explorer.errors import UnknownEntity, UsageError
from explorer.queries import parse_value

__all__ = ["entity_group", "fact_group", "review_group"]


def _actor(name: str | None) -> Actor:
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


def _citation_options(func: Callable[..., Any]) -> Callable[..., Any]:
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


def _citation(values: dict[str, Any]) -> facts.Citation | None:
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


def _props(items: Sequence[str], option: str = "--set") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"{option} takes key=value, not {item!r}")
        out[key.strip()] = parse_value(value)
    return out


def _show(change: Change, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(change.as_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(_line(change))


def _line(change: Change, undone_by: int | None = None) -> str:
    """One change on one line: number, time, who, what, and why."""
    retired = any(a.state == "retired" for a in change.after)
    what = change.summary()
    if retired:
        what = f"[retired] {what}"
    if change.undoes:
        what = f"undo of #{change.undoes}: {what}"
    parts = [f"#{change.id}", change.at.replace("T", " ").rstrip("Z"), change.who, change.action, what]
    line = "  ".join(p for p in parts if p)
    if change.reason:
        line += f"  — {change.reason}"
    if undone_by:
        line += f"  (undone by #{undone_by})"
    return line


def _entity(session: Session, given: str) -> str:
    return session.resolver.entity(given).id


def _tie(session: Session, start: str, rtype: str, end: str) -> tuple[str, str, str]:
    return _entity(session, start), resolve.rel_type(rtype), _entity(session, end)


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
@_citation_options
@reason_option
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
    author: str | None,
    fmt: str,
    **cite: Any,
) -> None:
    """Add an entity, citing where it comes from (optional for entities)."""
    change = facts.add_entity(
        session.driver,
        session.settings,
        _actor(author),
        resolve.kind(kind),
        name,
        entity_id=entity_id,
        country=country,
        city=city,
        properties=_props(sets),
        citation=_citation(cite),
        reason=reason,
    )
    _show(change, fmt)


@add_group.command("tie")
@click.argument("start", metavar="FROM")
@click.argument("rtype", metavar="TYPE")
@click.argument("end", metavar="TO")
@click.option("--status", default=None, help="active, planned or proposed [default: active].")
@click.option("--evidence", default=None, help="stated or inferred [default: stated].")
@click.option("--since", type=int, default=None, help="The year it began.")
@click.option("--until", type=int, default=None, help="The year it ended.")
@click.option("--note", default=None, help="A note.")
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE", help="Another property (role, topic...).")
@_citation_options
@reason_option
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
    since: int | None,
    until: int | None,
    note: str | None,
    sets: tuple[str, ...],
    reason: str | None,
    author: str | None,
    fmt: str,
    **cite: Any,
) -> None:
    """Add a tie FROM -TYPE-> TO (any type of the model), citing its source."""
    a, t, b = _tie(session, start, rtype, end)
    citation = _citation(cite)
    if citation is None:
        raise UsageError("a tie cites its source: --source ID, or a new one with --source-title")
    change = facts.add_tie(
        session.driver,
        session.settings,
        _actor(author),
        a,
        t,
        b,
        citation=citation,
        status=resolve.status(status) if status else None,
        evidence=resolve.evidence(evidence) if evidence else None,
        since=since,
        until=until,
        note=note,
        properties=_props(sets),
        reason=reason,
    )
    _show(change, fmt)


def _fact_of(session: Session, args: tuple[str, ...]) -> str:
    if len(args) == 1:
        return entity_key(_entity(session, args[0]))
    if len(args) == 3:
        return tie_key(*_tie(session, *args))
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
@_citation_options
@reason_option
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
    author: str | None,
    fmt: str,
    **cite: Any,
) -> None:
    """Correct an entity's or a tie's properties (a tie's type or direction too)."""
    changes: dict[str, Any] = {**_props(sets), **{k: None for k in unset}}
    if "status" in changes and changes["status"] is not None:
        changes["status"] = resolve.status(str(changes["status"]))
    if "evidence" in changes and changes["evidence"] is not None:
        changes["evidence"] = resolve.evidence(str(changes["evidence"]))
    if "kind" in changes and changes["kind"] is not None:
        changes["kind"] = resolve.kind(str(changes["kind"]))
    key = _fact_of(session, fact)
    actor, citation = _actor(author), _citation(cite)
    if key.startswith("entity:"):
        if new_type or reverse:
            raise UsageError("--type and --reverse change ties, not entities")
        change = facts.edit_entity(
            session.driver,
            session.settings,
            actor,
            key[7:],
            changes,
            reason=reason,
            expected_version=expected,
            citation=citation,
        )
    else:
        a, t, b = key[4:].split("|")
        change = facts.edit_tie(
            session.driver,
            session.settings,
            actor,
            a,
            t,
            b,
            changes,
            reason=reason,
            expected_version=expected,
            new_type=resolve.rel_type(new_type) if new_type else None,
            reverse=reverse,
            citation=citation,
        )
    _show(change, fmt)


@fact_group.command("retire")
@click.argument("fact", nargs=-1, required=True, metavar="ENTITY | FROM TYPE TO")
@click.option(
    "--version", "expected", type=int, default=None, help="Refuse if the fact is no longer at this version."
)
@reason_option
@as_option
@json_option
@pass_session
def retire_command(
    session: Session,
    fact: tuple[str, ...],
    expected: int | None,
    reason: str | None,
    author: str | None,
    fmt: str,
) -> None:
    """Retire a fact: kept in the history, out of every view and path (an entity with its ties)."""
    key = _fact_of(session, fact)
    change = facts.retire(
        session.driver, session.settings, _actor(author), key, reason=reason, expected_version=expected
    )
    _show(change, fmt)


@fact_group.command("confirm")
@click.argument("start", metavar="FROM")
@click.argument("rtype", metavar="TYPE")
@click.argument("end", metavar="TO")
@_citation_options
@reason_option
@as_option
@json_option
@pass_session
def confirm_command(
    session: Session,
    start: str,
    rtype: str,
    end: str,
    reason: str | None,
    author: str | None,
    fmt: str,
    **cite: Any,
) -> None:
    """An inferred tie becomes stated, citing the source that states it."""
    citation = _citation(cite)
    if citation is None:
        raise UsageError("a confirmation cites its source: --source ID, or a new one with --source-title")
    a, t, b = _tie(session, start, rtype, end)
    change = facts.confirm(
        session.driver, session.settings, _actor(author), a, t, b, citation=citation, reason=reason
    )
    _show(change, fmt)


@fact_group.command("history")
@click.argument("entity", required=False)
@click.option("--who", default=None, help="Only changes by this person (part of a name).")
@click.option("--action", "actions", multiple=True, type=click.Choice(ACTIONS), help="Only these actions.")
@click.option("--since", default=None, metavar="DATE", help="Only changes since this date (YYYY-MM-DD).")
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
@pass_session
def history_command(
    session: Session,
    entity: str | None,
    who: str | None,
    actions: tuple[str, ...],
    since: str | None,
    limit: int,
    verify: bool,
    fmt: str,
) -> None:
    """The changes, newest first (of one ENTITY, when given): who, when, what, why."""
    if verify:
        check = history.verify(session.driver, session.settings)
        if not check.ok:
            raise UsageError(f"the history is broken at change #{check.broken}: {check.problem}")
        click.echo(
            f"The history holds {check.records} changes, every one as written (last hash {check.head})."
        )
        return
    entity_id = None
    if entity:
        try:
            entity_id = _entity(session, entity)
        except UnknownEntity:
            entity_id = entity  # a retired entity's id
    filters = history.Filters(entity=entity_id, who=who, actions=actions, since=since)
    found = history.changes(session.driver, session.settings, filters, limit=limit)
    if fmt == "json":
        click.echo(json.dumps([c.as_dict() for c in found], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(history.to_csv(found), nl=False)
    else:
        undone = history.undone(session.driver, session.settings, [c.id for c in found])
        for change in found:
            click.echo(_line(change, undone.get(change.id)))
        if not found:
            note("no change matches")


@fact_group.command("undo")
@click.argument("number", type=int, metavar="CHANGE")
@reason_option
@as_option
@json_option
@pass_session
def undo_command(session: Session, number: int, reason: str | None, author: str | None, fmt: str) -> None:
    """Undo change number CHANGE with a new change (refused while a later change depends on it)."""
    change = facts.undo(session.driver, session.settings, _actor(author), number, reason=reason)
    _show(change, fmt)


@click.group("entity")
def entity_group() -> None:
    """Entities as a whole."""


@entity_group.command("merge")
@click.argument("keep", metavar="A")
@click.argument("duplicate", metavar="B")
@reason_option
@as_option
@json_option
@pass_session
def merge_command(
    session: Session, keep: str, duplicate: str, reason: str | None, author: str | None, fmt: str
) -> None:
    """Merge B into A: B's ties move to A, B's names become A's aliases, B is retired."""
    change = facts.merge(
        session.driver,
        session.settings,
        _actor(author),
        _entity(session, keep),
        _entity(session, duplicate),
        reason=reason,
    )
    _show(change, fmt)


@click.group("review")
def review_group() -> None:
    """The review queue: suggestions and proposed facts waiting for an editor."""


@review_group.command("list")
@json_option
@pass_session
def review_list_command(session: Session, fmt: str) -> None:
    """Proposals with items still to decide, newest first."""
    found = review.open_proposals(session.driver, session.settings)
    if fmt == "json":
        click.echo(json.dumps([_proposal_dict(p) for p in found], ensure_ascii=False, indent=2))
        return
    for proposal in found:
        click.echo(
            f"#{proposal.id}  {proposal.at}  {proposal.who}  {proposal.origin}  {proposal.title or ''}"
        )
        for item in proposal.items:
            click.echo(f"   {item.n}. [{item.state}] {item.what}: {item.label()}")
    if not found:
        note("the review queue is empty")


def _proposal_dict(proposal: review.Proposal) -> dict[str, Any]:
    return {
        "id": proposal.id,
        "at": proposal.at,
        "who": proposal.who,
        "origin": proposal.origin,
        "source": proposal.source,
        "title": proposal.title,
        "note": proposal.note,
        "items": [
            {
                "n": i.n,
                "what": i.what,
                "state": i.state,
                "payload": dict(i.payload),
                "decided_by": i.decided_by,
                "reason": i.reason,
                "result": i.result,
            }
            for i in proposal.items
        ],
    }


@review_group.command("accept")
@click.argument("number", type=int, metavar="PROPOSAL")
@click.argument("items", type=int, nargs=-1)
@reason_option
@as_option
@json_option
@pass_session
def review_accept_command(
    session: Session, number: int, items: tuple[int, ...], reason: str | None, author: str | None, fmt: str
) -> None:
    """Accept ITEMS of a proposal (all its open items when none are named)."""
    change = review.accept(
        session.driver, session.settings, _actor(author), number, list(items) or None, reason=reason
    )
    _show(change, fmt)


@review_group.command("reject")
@click.argument("number", type=int, metavar="PROPOSAL")
@click.argument("items", type=int, nargs=-1)
@reason_option
@as_option
@json_option
@pass_session
def review_reject_command(
    session: Session, number: int, items: tuple[int, ...], reason: str | None, author: str | None, fmt: str
) -> None:
    """Reject ITEMS of a proposal (all its open items when none are named), saying why."""
    change = review.reject(
        session.driver, session.settings, _actor(author), number, list(items) or None, reason=reason or ""
    )
    _show(change, fmt)
