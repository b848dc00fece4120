"""Changes and change requests in words, English or French: the one description that the history,
the review queue and the command line all show.

Names come from a :class:`Names` table read beforehand (``explorer.curation.names``); ids
are only a fallback for what the graph no longer knows. Describing never fails: a record of
any kind, from any release, gives a sentence (an unknown value is shown as it is).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from explorer import model
from explorer.curation.asked import WORKFLOW_ACTIONS, describe_workflow
from explorer.curation.phrases import (
    REFERENCES,
    Names,
    colon,
    count_of,
    diffs,
    entity_text,
    fact_text,
    joined,
    key_text,
    listed,
    tie_text,
    value_text,
)
from explorer.curation.requests import (
    AddEntity,
    AddTie,
    Confirm,
    EditEntity,
    EditTie,
    Merge,
    Request,
    Retire,
    from_dict,
)
from explorer.i18n import property_name, t, type_phrase
from explorer.model import Entity, Lang
from explorer.model.changes import Change, FactState
from explorer.wording import join_and

__all__ = [
    "Description",
    "FactLine",
    "Names",
    "describe",
    "describe_request",
    "fact_lines",
    "mentioned",
    "recorded_names",
]


@dataclass(frozen=True)
class FactLine:
    """One fact a change touched: how (added, retired, changed...), in words, and what changed."""

    how: str
    text: str
    diffs: tuple[str, ...] = ()

    @property
    def gone(self) -> bool:
        return self.how in ("retired", "removed")

    def line(self, lang: Lang) -> str:
        text = t(f"describe.fact.{self.how}", lang, fact=self.text)
        return f"{text} ({joined(self.diffs, lang)})" if self.diffs else text


@dataclass(frozen=True)
class Description:
    """A change in words: one sentence, and each fact it touched."""

    sentence: str
    facts: tuple[FactLine, ...] = ()


def _how(before: FactState | None, after: FactState | None) -> str:
    was = before.state if before is not None else "absent"
    now = after.state if after is not None else "absent"
    if was == now:
        return "changed"
    return {"absent": "added", "retired": "restored"}.get(was, "retired" if now == "retired" else "removed")


def fact_lines(change: Change, lang: Lang, names: Names) -> tuple[FactLine, ...]:
    lines = []
    for before, after in change.pairs():
        shown = after if after is not None and after.state != "absent" else before
        if shown is None:
            continue
        how = _how(before, after)
        found: tuple[str, ...] = ()
        if how == "changed" and before is not None and after is not None:
            found = diffs(before.props, after.props, lang, names)
        text = fact_text(before if how == "changed" and before is not None else shown, lang, names)
        lines.append(FactLine(how, text, found))
    return tuple(lines)


# -- change requests -------------------------------------------------------------------------------


def describe_request(request: Request, lang: Lang, names: Names, current: FactState | None = None) -> str:
    """What a request asks, as an instruction: "Add: Acme Bio is a member of Eurobiomed (since 2019)",
    "Change Acme Bio is a member of Eurobiomed: status planned → active" (``current``: the fact as
    the graph holds it, for the values before)."""
    if isinstance(request, AddEntity):
        props = {**request.properties, "name": request.name, "country": request.country}
        kind = model.parse_kind(request.kind) or request.kind
        return t(
            "describe.ask.add", lang, fact=entity_text(request.id or request.name, props, kind, lang, names)
        )
    if isinstance(request, AddTie):
        rtype = model.parse_rel_type(request.type) or request.type
        text = tie_text(rtype, request.start, request.end, request.values(), lang, names)
        return t("describe.ask.add_tie", lang, fact=text)
    if isinstance(request, EditEntity | EditTie):
        fact = fact_text(current, lang, names) if current is not None and current.live else None
        fact = fact or key_text(request.key, lang, names)
        have = dict(current.props) if current is not None else {}
        changed = list(diffs(have, {**have, **request.changes}, lang, names, partial=True))
        if not current:
            changed = [
                f"{property_name(k, lang)} → {value_text(k, v, lang, names)}"
                for k, v in request.changes.items()
            ]
        if isinstance(request, EditTie) and request.new_type and request.new_type != request.type:
            changed.insert(
                0,
                t(
                    "describe.ask.type",
                    lang,
                    a=type_phrase(request.type, lang),
                    b=type_phrase(request.new_type, lang),
                ),
            )
        if isinstance(request, EditTie) and request.reverse:
            changed.append(t("describe.ask.reverse", lang))
        return t("describe.ask.edit", lang, fact=fact, diffs=joined(changed, lang) or "—")
    if isinstance(request, Confirm):
        return t("describe.ask.confirm", lang, fact=key_text(request.key, lang, names))
    if isinstance(request, Retire):
        entity = request.fact.startswith("entity:")
        key = "describe.ask.retire_entity" if entity else "describe.ask.retire"
        return t(key, lang, fact=key_text(request.fact, lang, names))
    if isinstance(request, Merge):
        keep, dup = names.entity(request.keep).display(lang), names.entity(request.duplicate).display(lang)
        return t("describe.ask.merge", lang, keep=keep, dup=dup)
    return str(request)  # pragma: no cover - the union is closed


def _requests(data: Any) -> list[Request]:
    found = []
    for d in data.values() if isinstance(data, Mapping) else data if isinstance(data, list) else ():
        try:
            found.append(from_dict(d))
        except (ValueError, TypeError, AttributeError):
            continue
    return found


# -- change records --------------------------------------------------------------------------------


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _proposal_of(change: Change) -> str:
    given = change.details.get("items")
    keys = [str(k) for k in change.proposal] or ([str(k) for k in given] if isinstance(given, list) else [])
    return keys[0].split("#")[0] if keys else "?"


def _titled(change: Change, lang: Lang, names: Names) -> str:
    title = change.details.get("title") or names.source(change.source, lang)
    return t("describe.titled", lang, title=" ".join(str(title).split())) if title else ""


def _load(change: Change, lang: Lang) -> str:
    d = change.details
    files = (
        [PurePath(str(f)).name for f in d.get("files") or [] if f] if isinstance(d.get("files"), list) else []
    )
    return t(
        "describe.say.load",
        lang,
        files=join_and(files, lang) or "—",
        rows=count_of(_int(d.get("rows")), "row", lang),
        added=count_of(_int(d.get("nodes_created")), "node_added", lang),
        updated=count_of(_int(d.get("nodes_updated")), "node_updated", lang),
        links=count_of(_int(d.get("relationships_created")), "link_added", lang),
        links_updated=count_of(_int(d.get("relationships_updated")), "link_updated", lang),
    )


def describe(change: Change, lang: Lang, names: Names) -> Description:
    """A change record of any kind in words (never raises on what it finds in a record)."""
    try:
        return _describe(change, lang, names)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        facts = ", ".join(change.facts) or "—"
        return Description(t("describe.say.other", lang, action=change.action, facts=facts))


def _describe(change: Change, lang: Lang, names: Names) -> Description:
    lines = fact_lines(change, lang, names)
    said = listed([f.line(lang) for f in lines], lang)
    action, d = change.action, change.details
    n = _proposal_of(change)
    if action == "load":
        return Description(_load(change, lang), lines)
    if action in WORKFLOW_ACTIONS:
        return Description(describe_workflow(change, lang, names), lines)
    if action == "undo" and d.get("load"):
        sentence = t(
            "describe.say.undo_load",
            lang,
            n=change.undoes or "?",
            removed=count_of(_int(d.get("removed")), "fact_removed", lang),
            restored=count_of(_int(d.get("restored")), "fact_restored", lang),
        )
        return Description(sentence, lines)
    if action == "undo":
        return Description(t("describe.say.undo", lang, n=change.undoes or "?", facts=said or "—"), lines)
    if action == "propose":
        requests = _requests(d.get("requests"))
        count = _int(d.get("count")) or _int(d.get("items")) or len(requests)
        if d.get("origin") == "suggestion" and len(requests) == 1:
            what = describe_request(requests[0], lang, names)
            return Description(t("describe.say.suggest", lang, what=what), lines)
        items = count_of(count, "change", lang)
        return Description(
            t("describe.say.propose", lang, items=items, title=_titled(change, lang, names)), lines
        )
    if action == "reject":
        requests = _requests(d.get("requests"))
        what = listed([describe_request(r, lang, names) for r in requests], lang) if requests else ""
        if not what and isinstance(d.get("labels"), list):
            what = listed([str(x) for x in d["labels"]], lang)
        items = count_of(len(change.proposal) or len(requests), "item", lang)
        sentence = t(
            "describe.say.reject",
            lang,
            items=items,
            n=n,
            title=_titled(change, lang, names),
            what=what or "—",
        )
        return Description(sentence, lines)
    if action == "accept":
        items = count_of(len(change.proposal), "item", lang)
        sentence = t(
            "describe.say.accept",
            lang,
            items=items,
            n=n,
            title=_titled(change, lang, names),
            facts=said or t("describe.nothing_new", lang),
        )
        return Description(sentence, lines)
    if action == "merge" and d.get("kept") and d.get("merged"):
        moved = sum(1 for f in lines if f.how == "added")
        sentence = t(
            "describe.say.merge",
            lang,
            dup=names.entity(str(d["merged"])).display(lang),
            keep=names.entity(str(d["kept"])).display(lang),
            moved=count_of(moved, "link_moved", lang),
        )
        return Description(sentence, lines)
    if action == "retire":
        entity = next(
            (
                f
                for f in lines
                if f.text and f.how == "retired" and any(a and a.fact == "entity" for a in change.after)
            ),
            None,
        )
        ties = sum(1 for a in change.after if a.fact == "tie")
        if entity is not None and ties:
            entities = [fact_text(a, lang, names) for a in change.after if a.fact == "entity"]
            sentence = t(
                "describe.say.retire_entity",
                lang,
                entity=join_and(entities, lang),
                links=count_of(ties, "link", lang),
            )
            return Description(sentence, lines)
    if action in ("add", "edit", "confirm", "retire"):
        texts = [f.text + (f"{colon(lang)} {joined(f.diffs, lang)}" if f.diffs else "") for f in lines]
        return Description(t(f"describe.say.{action}", lang, facts=listed(texts, lang) or "—"), lines)
    return Description(t("describe.say.other", lang, action=action, facts=said or "—"), lines)


def recorded_names(changes: Iterable[Change]) -> dict[str, Entity]:
    """The entities the records themselves describe (the last state each shows): names for what the
    graph no longer holds (an entity added then undone)."""
    found: dict[str, Entity] = {}
    for c in changes:
        for s in (*c.before, *c.after):
            if s.fact == "entity" and s.props.get("name") and s.id not in found:
                found[s.id] = Entity.of(s.id, [s.kind], s.props)
    return found


def mentioned(changes: Iterable[Change]) -> tuple[set[str], set[str]]:
    """The entity ids and source ids a list of changes mentions (to read their names once)."""
    ids: set[str] = set()
    sources: set[str] = set()
    for c in changes:
        ids |= set(c.entities)
        for d in (c.details.get("kept"), c.details.get("merged")):
            if d:
                ids.add(str(d))
        for s in (*c.before, *c.after):
            ids |= {str(s.props[k]) for k in REFERENCES if s.props.get(k)}
            if s.props.get("source"):
                sources.add(str(s.props["source"]))
        single = c.details.get("request")
        for r in _requests(c.details.get("requests")) + _requests([single] if single else []):
            ids |= set(r.entities)
        if c.source:
            sources.add(c.source)
    return ids, sources
