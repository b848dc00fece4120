"""``explorer review``: the queue of suggestions and proposed facts, accepted or rejected by an editor."""

from __future__ import annotations

import json
from typing import Any

import click

from explorer.cli.output import note
from explorer.cli.session import Session, pass_session
from explorer.cli.signing import as_option, json_option, reason_option, show_change, signer
from explorer.curation import review

__all__ = ["review_group"]


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
        session.driver, session.settings, signer(author), number, list(items) or None, reason=reason
    )
    show_change(change, fmt)


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
        session.driver, session.settings, signer(author), number, list(items) or None, reason=reason or ""
    )
    show_change(change, fmt)
