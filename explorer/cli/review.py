"""``explorer review``: the queue of suggestions and proposed facts, accepted (as proposed or
corrected) or rejected by an editor, and acceptances undone."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import click

from explorer import resolve
from explorer.cli.output import lang_option, note
from explorer.cli.session import Session, pass_session
from explorer.cli.signing import as_option, entity_arg, json_option, reason_option, show_change, signer
from explorer.curation import facts, review
from explorer.curation.names import item_texts
from explorer.errors import UsageError
from explorer.model import Lang
from explorer.queries import parse_value

__all__ = ["review_group"]

_NUMBER = click.IntRange(1, 2**62)


@click.group("review")
def review_group() -> None:
    """The review queue: suggestions and proposed facts waiting for an editor."""


def _proposal_dict(proposal: review.Proposal, texts: dict[str, str]) -> dict[str, Any]:
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
                "text": texts.get(i.key, ""),
                "payload": i.proposed.payload() if i.proposed is not None else None,
                "decided_by": i.decided_by,
                "reason": i.reason,
                "result": i.result,
                "change": i.change,
            }
            for i in proposal.items
        ],
    }


def _show(proposals: list[review.Proposal], texts: dict[str, str], fmt: str, *, only_open: bool) -> None:
    if fmt == "json":
        click.echo(json.dumps([_proposal_dict(p, texts) for p in proposals], ensure_ascii=False, indent=2))
        return
    for proposal in proposals:
        title = proposal.title or proposal.origin
        click.echo(f"#{proposal.id}  {proposal.at[:16].replace('T', ' ')}  {proposal.who}  {title}")
        for item in proposal.items:
            if only_open and item.state != "open":
                continue
            line = f"   {item.n}. [{item.state}] {texts.get(item.key, '')}"
            if item.proposed is not None and item.proposed.quote:
                line += f"\n      “{item.proposed.quote}”"
            click.echo(line)


@review_group.command("list")
@json_option
@lang_option
@pass_session
def review_list_command(session: Session, fmt: str, lang: Lang) -> None:
    """Proposals with items still to decide, newest first (their open items, in words)."""
    found = review.open_proposals(session.driver, session.settings)
    texts = item_texts(session.driver, session.settings, found, lang)
    _show(found, texts, fmt, only_open=True)
    if not found:
        note("the review queue is empty")


@review_group.command("show")
@click.argument("number", type=_NUMBER, metavar="PROPOSAL")
@json_option
@lang_option
@pass_session
def review_show_command(session: Session, number: int, fmt: str, lang: Lang) -> None:
    """One proposal with all its items, decided or not."""
    proposal = review.get_proposal(session.driver, session.settings, number)
    _show([proposal], item_texts(session.driver, session.settings, [proposal], lang), fmt, only_open=False)


def _decisions(session: Session, fixes: tuple[str, ...]) -> dict[int, review.Decision]:
    """``--fix N.FIELD=VALUE`` as the reviewer's corrections, item by item."""
    fields: dict[int, dict[str, Any]] = defaultdict(dict)
    for fix in fixes:
        target, sep, value = fix.partition("=")
        n, dot, name = target.partition(".")
        if not sep or not dot or not n.strip().isdigit() or not name.strip():
            raise UsageError(f"--fix takes ITEM.FIELD=VALUE (such as 3.since=2019), not {fix!r}")
        fields[int(n)][name.strip()] = value.strip()
    return {n: _decision(session, given) for n, given in fields.items()}


def _decision(session: Session, given: dict[str, Any]) -> review.Decision:
    def entity(key: str) -> str | None:
        value = given.pop(key, None)
        return entity_arg(session, value) if value else None

    def flag(key: str) -> bool:
        value = str(given.pop(key, "")).strip().lower()
        return value in ("1", "true", "yes", "oui")

    new_ends = {}
    for end in ("start", "end"):
        name = given.pop(f"new_{end}", None)
        kind = given.pop(f"new_{end}_kind", None)
        country = given.pop(f"new_{end}_country", None)
        if name:
            if not kind:
                raise UsageError(f"--fix N.new_{end}=NAME needs N.new_{end}_kind=KIND too")
            new_ends[end] = review.NewEnd(name, resolve.kind(kind), country or None)
    link, create, reverse = entity("link"), flag("create"), flag("reverse")
    start, finish = entity("start"), entity("end")
    rtype = given.pop("type", None)
    values: dict[str, Any] = {}
    for key, value in given.items():
        if value == "":
            values[key] = None
        elif key == "status":
            values[key] = resolve.status(value)
        elif key == "evidence":
            values[key] = resolve.evidence(value)
        elif key == "kind":
            values[key] = resolve.kind(value)
        elif key == "aliases":
            values[key] = [a.strip() for a in value.split("|") if a.strip()]
        else:
            values[key] = parse_value(value)
    return review.Decision(
        link_to=link,
        create=create,
        start=start,
        end=finish,
        new_start=new_ends.get("start"),
        new_end=new_ends.get("end"),
        reverse=reverse,
        type=resolve.rel_type(rtype) if rtype else None,
        set=values,
    )


@review_group.command("accept")
@click.argument("number", type=_NUMBER, metavar="PROPOSAL")
@click.argument("items", type=_NUMBER, nargs=-1)
@click.option(
    "--fix",
    "fixes",
    multiple=True,
    metavar="ITEM.FIELD=VALUE",
    help="Correct an item before accepting it (repeatable): any field (3.since=2019, 3.role=CEO, "
    "2.country=FR, 2.kind=Company, 2.aliases='A|B', 3.status=active, 3.until= for none), "
    "3.type=LEADS, 3.reverse=yes, 3.start=ENTITY or 3.end=ENTITY (another entity of the map), "
    "3.new_end=NAME with 3.new_end_kind=KIND (a new entity), 2.link=ENTITY or 2.create=yes.",
)
@reason_option
@as_option
@json_option
@pass_session
def review_accept_command(
    session: Session,
    number: int,
    items: tuple[int, ...],
    fixes: tuple[str, ...],
    reason: str | None,
    author: str | None,
    fmt: str,
) -> None:
    """Accept ITEMS of a proposal (all its open items when none are named), corrected with --fix."""
    change = review.accept(
        session.driver,
        session.settings,
        signer(author),
        number,
        list(items) or None,
        decisions=_decisions(session, fixes),
        reason=reason,
    )
    show_change(session, change, fmt)


@review_group.command("reject")
@click.argument("number", type=_NUMBER, metavar="PROPOSAL")
@click.argument("items", type=_NUMBER, nargs=-1)
@reason_option
@as_option
@json_option
@pass_session
def review_reject_command(
    session: Session, number: int, items: tuple[int, ...], reason: str | None, author: str | None, fmt: str
) -> None:
    """Reject ITEMS of a proposal (all its open items when none are named), saying why."""
    change = review.reject(
        session.driver, session.settings, signer(author), number, list(items) or None, reason=reason or ""
    )
    show_change(session, change, fmt)


@review_group.command("undo")
@click.argument("number", type=_NUMBER, metavar="PROPOSAL")
@click.argument("items", type=_NUMBER, nargs=-1)
@reason_option
@as_option
@json_option
@pass_session
def review_undo_command(
    session: Session, number: int, items: tuple[int, ...], reason: str | None, author: str | None, fmt: str
) -> None:
    """Undo the acceptance of ITEMS of a proposal (all its accepted items when none are named):
    what they wrote is taken back, and they wait in the queue again."""
    proposal = review.get_proposal(session.driver, session.settings, number)
    chosen = [i for i in proposal.items if i.state == "accepted" and (not items or i.n in items)]
    missing = sorted(set(items) - {i.n for i in chosen})
    if missing:
        raise UsageError(f"item {', '.join(map(str, missing))} of proposal #{number} is not accepted")
    if not chosen:
        raise UsageError(f"proposal #{number} has no accepted item to undo")
    by_change: dict[int, list[str]] = defaultdict(list)
    for item in chosen:
        by_change[int(item.change or 0)].append(item.key)
    actor = signer(author)
    for change_number, keys in sorted(by_change.items(), reverse=True):
        done = facts.undo(session.driver, session.settings, actor, change_number, reason=reason, items=keys)
        show_change(session, done, fmt)
