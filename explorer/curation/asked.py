"""The introduction workflow's records in words (an ask logged, an ask closed, a willingness mark),
as the history, ``explorer fact history`` and the review queue show them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from explorer.curation.phrases import Names
from explorer.i18n import t
from explorer.model import Lang
from explorer.model.asks import Ask
from explorer.model.changes import Change

__all__ = [
    "WORKFLOW_ACTIONS",
    "ask_rows",
    "ask_sentence",
    "describe_workflow",
    "outcome_word",
    "willingness_word",
]

#: The history's actions that belong to the introduction workflow.
WORKFLOW_ACTIONS = frozenset({"ask", "close_ask", "willingness"})


def outcome_word(outcome: str | None, lang: Lang = "en") -> str:
    """An outcome in words ("no answer", "sans réponse")."""
    key = f"outcome.{outcome}"
    return t(key, lang) if outcome and _known(key) else str(outcome or "—")


def willingness_word(level: str | None, lang: Lang = "en") -> str:
    """A willingness in words ("open", "ouvert")."""
    key = f"willingness.{level}"
    return t(key, lang) if level and _known(key) else str(level or "—")


def _known(key: str) -> bool:
    from explorer.i18n import MESSAGES

    return key in MESSAGES


def _name(entity_id: Any, names: Names, recorded: Mapping[str, Any], lang: Lang) -> str:
    if not entity_id:
        return "—"
    found = names.entities.get(str(entity_id))
    if found is not None:
        return found.display(lang)
    return str(recorded.get(str(entity_id)) or entity_id)


def describe_workflow(change: Change, lang: Lang, names: Names) -> str:
    """One sentence for a record of the introduction workflow (``ValueError`` for another action)."""
    d = change.details
    if change.action == "ask":
        ask: Mapping[str, Any] = d["ask"] if isinstance(d.get("ask"), Mapping) else {}
        recorded: Mapping[str, Any] = ask["names"] if isinstance(ask.get("names"), Mapping) else {}
        values = {
            "n": change.id,
            "asker": _name(ask.get("from"), names, recorded, lang),
            "target": _name(ask.get("to"), names, recorded, lang),
            "introducer": _name(ask.get("introducer"), names, recorded, lang),
            "day": ask.get("follow_up") or "—",
        }
        through = _name(ask.get("through"), names, recorded, lang)
        values["through"] = t("describe.say.ask_through", lang, through=through) if ask.get("through") else ""
        key = "describe.say.ask" if ask.get("introducer") else "describe.say.ask_direct"
        return t(key, lang, **values)
    recorded = d["names"] if isinstance(d.get("names"), Mapping) else {}
    if change.action == "close_ask":
        said = t(
            "describe.say.close_ask",
            lang,
            n=d.get("ask", "?"),
            asker=_name(d.get("from"), names, recorded, lang),
            target=_name(d.get("to"), names, recorded, lang),
            outcome=outcome_word(d.get("outcome"), lang),
        )
        if d.get("proposal"):
            said = said[:-1] + t("describe.say.close_ask_proposed", lang, p=d["proposal"])
        return said
    if change.action == "willingness":
        was = d.get("before")
        said = t(
            "describe.say.willingness",
            lang,
            entity=_name(d.get("entity"), names, recorded, lang),
            level=willingness_word(d.get("level"), lang),
        )
        if was:
            said = said[:-1] + t("describe.say.willingness_was", lang, level=willingness_word(was, lang))
        return said
    raise ValueError(f"not a record of the introduction workflow: {change.action}")


def _advice(ask: Ask, lang: Lang, names: Mapping[str, str]) -> str:
    if ask.introducer:
        said = t("ask.advice.ask", lang, introducer=names.get(ask.introducer, ask.introducer))
    else:
        said = t("ask.advice.direct", lang)
    if ask.through:
        said += t("ask.advice.through", lang, through=names.get(ask.through, ask.through))
    return said


def ask_sentence(ask: Ask, lang: Lang, on: dt.date, display: Mapping[str, str] | None = None) -> str:
    """One ask in one line: who asked whom for what, and where it stands (``display``: names in the
    reader's language, over those the ask recorded)."""
    names = {**ask.names, **(display or {})}
    values = {
        "n": ask.id,
        "who": ask.who,
        "at": ask.at[:10],
        "asker": names.get(ask.asker, ask.asker),
        "target": names.get(ask.target, ask.target),
        "advice": _advice(ask, lang, names),
    }
    if ask.state == "open":
        due = t("ask.due_mark", lang) if ask.due(on) else ""
        said = t("ask.line.open", lang, day=ask.follow_up or "—", due=due, **values)
    else:
        said = t(
            "ask.line.closed",
            lang,
            closed=(ask.closed_at or "")[:10],
            outcome=outcome_word(ask.outcome, lang),
            **values,
        )
        if ask.proposal:
            said = said[:-1] + t("ask.line.proposed", lang, p=ask.proposal)
    if ask.note:
        said += " " + t("ask.line.note", lang, note=ask.note)
    return said


def ask_rows(
    asks: Sequence[Ask], lang: Lang, on: dt.date, display: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """The asks as rows of a table (columns named in ``lang``; ``display``: names in ``lang``)."""
    rows = []
    for ask in asks:
        names = {**ask.names, **(display or {})}
        rows.append(
            {
                t("ask.col.id", lang): ask.id,
                t("ask.col.state", lang): t(f"ask.state.{'due' if ask.due(on) else ask.state}", lang),
                t("ask.col.from", lang): names.get(ask.asker, ask.asker),
                t("ask.col.to", lang): names.get(ask.target, ask.target),
                t("ask.col.introducer", lang): names.get(ask.introducer, ask.introducer)
                if ask.introducer
                else "",
                t("ask.col.through", lang): names.get(ask.through, ask.through) if ask.through else "",
                t("ask.col.follow_up", lang): ask.follow_up or "",
                t("ask.col.outcome", lang): outcome_word(ask.outcome, lang) if ask.outcome else "",
                t("ask.col.who", lang): ask.who,
                t("ask.col.at", lang): ask.at[:10],
            }
        )
    return rows
