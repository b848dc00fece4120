"""Changing facts: add an entity or a tie, edit, confirm, retire, merge two entities, undo a change.

Each public function checks the actor's role, then runs one transaction: lock the facts,
read them, check them with the loaders' own row building and kind checks (so the messages
are those of ``explorer load``), write, and record the change. The ``plan_*`` functions
compute the (before, after) states inside a :class:`Store`, for the review queue to reuse.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import neo4j

from explorer import defaults, model
from explorer.config import Settings
from explorer.curation.actors import Actor, require
from explorer.curation.records import REASONED, Change, FactState, entity_key, parse_fact_key, tie_key
from explorer.curation.store import Store, in_transaction
from explorer.db import read_session
from explorer.errors import EditConflict, InvalidInput, UndoRefused, UnknownValue
from explorer.loaders.readers import RawRow
from explorer.loaders.rows import LinkRow, build_link, build_node
from explorer.loaders.validate import link_kind_problems

__all__ = [
    "Citation",
    "NewSource",
    "Pairs",
    "add_entity",
    "add_tie",
    "confirm",
    "edit_entity",
    "edit_tie",
    "merge",
    "plan_add_entity",
    "plan_add_tie",
    "read_fact",
    "retire",
    "undo",
]

Pairs = list[tuple[FactState, FactState]]


@dataclass(frozen=True)
class NewSource:
    """A source that is not in the graph yet: an article, a report, a meeting's minutes."""

    title: str
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None
    id: str | None = None

    def source_id(self) -> str:
        return (self.id or "").strip() or f"source-{model.slugify(self.title)[:80] or 'untitled'}"

    def props(self) -> dict[str, Any]:
        props = {
            "name": self.title.strip(),
            "title": self.title.strip(),
            "publisher": self.publisher,
            "date": self.date,
            "url": self.url,
            "language": self.language,
        }
        return {k: v.strip() for k, v in props.items() if isinstance(v, str) and v.strip()}


@dataclass(frozen=True)
class Citation:
    """Where a fact comes from: an existing ``Source`` (by id) or a new one, and the paragraph
    or sentence of it that supports the fact."""

    source: str | None = None
    new: NewSource | None = None
    paragraph: int | None = None
    quote: str | None = None

    @property
    def source_id(self) -> str | None:
        if self.new is not None:
            return self.new.source_id()
        return (self.source or "").strip() or None

    def fields(self) -> dict[str, Any]:
        """The citation as a row's fields (``source_ref``, ``paragraph``, ``quote``)."""
        out: dict[str, Any] = {}
        if self.source_id:
            out["source_ref"] = self.source_id
        if self.paragraph is not None:
            out["paragraph"] = self.paragraph
        if self.quote and self.quote.strip():
            out["quote"] = " ".join(self.quote.split())
        return out


def _cite(store: Store, citation: Citation | None, required: bool) -> str | None:
    """The id of the source cited, created when new; problems as ``InvalidInput``."""
    if citation is None or citation.source_id is None:
        if required:
            raise InvalidInput("a tie must cite its source", "name a Source, or give a new one's title")
        return None
    if citation.new is not None:
        if not citation.new.title.strip():
            raise InvalidInput("a new source needs a title")
        existing = store.source(citation.new.source_id())
        if existing is None:
            store.add_source(citation.new.source_id(), citation.new.props())
        return citation.new.source_id()
    if store.source(citation.source_id) is None:
        kind = store.kinds([citation.source_id]).get(citation.source_id)
        if kind:
            raise InvalidInput(f"source_ref {citation.source_id!r} is a {kind}, not a Source")
        raise InvalidInput(f"no source {citation.source_id!r}", "give a new source's title instead")
    return citation.source_id


def _reasoned(action: str, reason: str | None) -> str | None:
    text = " ".join((reason or "").split())
    if action in REASONED and not text:
        raise InvalidInput(f"say why: a reason is required to {action}")
    if len(text) > defaults.MAX_REASON:
        raise InvalidInput(f"the reason is longer than {defaults.MAX_REASON:,} characters")
    return text or None


def _fields(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and not (isinstance(v, str) and not v.strip())}


def _check_version(current: FactState, expected: int | None, yours: Mapping[str, Any]) -> None:
    if expected is not None and current.version != expected:
        raise EditConflict(
            current.label(), current.changed_by, current.changed_at, dict(yours), dict(current.props)
        )


def _missing_end(store: Store, entity_id: str) -> str:
    state = store.entity(entity_id)
    if state.state == "retired":
        return f"{entity_id!r} was retired: undo its retirement first"
    return f"{entity_id!r} is neither in the database nor in this change"


# -- adding -----------------------------------------------------------------------------------


def plan_add_entity(
    store: Store,
    kind: str,
    name: str,
    *,
    entity_id: str | None = None,
    country: str | None = None,
    city: str | None = None,
    properties: Mapping[str, Any] | None = None,
    citation: Citation | None = None,
) -> tuple[Pairs, str, str | None]:
    """The states an entity's addition writes (with its city and country, as a file would),
    its id and the source it cites."""
    source = _cite(store, citation, required=False)
    given_id = (entity_id or "").strip() or model.slugify(name or "")
    fields = _fields(
        {**(properties or {}), "id": given_id, "kind": kind, "name": name, "country": country, "city": city}
    )
    if source:
        fields["source_ref"] = source
    nodes, links, errors = build_node(RawRow(0, "node", fields), source or "")
    if errors:
        raise InvalidInput("; ".join(errors))
    own = nodes[0]
    if own.kind not in model.ENTITY_KINDS:
        raise InvalidInput(f"a {own.kind} is not an entity: cite sources with a citation instead")
    store.lock([n.id for n in nodes])
    pairs: Pairs = []
    existing = store.entity(own.id)
    if existing.state != "absent" or store.is_source(own.id):
        what = {"live": "an entity", "retired": "a retired entity", "absent": "a source"}[existing.state]
        raise InvalidInput(f"{own.id!r} is already the id of {what}", "choose another id")
    props = {k: v for k, v in own.props.items() if v not in (None, "")}
    pairs.append((existing, FactState.entity(own.id, "live", own.kind, props)))
    for derived in nodes[1:]:  # a city and country named: made if missing, never changed
        there = store.entity(derived.id)
        if there.state == "absent":
            pairs.append((there, FactState.entity(derived.id, "live", derived.kind, derived.props)))
        elif there.state == "retired":
            raise InvalidInput(f"{derived.id!r} was retired: undo its retirement first")
    for link in links:
        tie_props = {k: v for k, v in link.tie.properties.items() if v not in (None, "")}
        state = store.tie(link.start, link.type, link.end)
        if state.state != "live":
            pairs.append((state, FactState.tie(link.start, link.type, link.end, "live", tie_props)))
    return pairs, own.id, source


def add_entity(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    kind: str,
    name: str,
    *,
    entity_id: str | None = None,
    country: str | None = None,
    city: str | None = None,
    properties: Mapping[str, Any] | None = None,
    citation: Citation | None = None,
    reason: str | None = None,
) -> Change:
    """Add an entity (and the city and country it names, when missing)."""
    require(actor, "add")
    why = _reasoned("add", reason)

    def work(store: Store) -> Change:
        pairs, _, source = plan_add_entity(
            store,
            kind,
            name,
            entity_id=entity_id,
            country=country,
            city=city,
            properties=properties,
            citation=citation,
        )
        return store.commit(actor, "add", pairs, reason=why, source=source)

    return in_transaction(driver, settings, work)


def _link(store: Store, fields: dict[str, Any], source: str) -> tuple[LinkRow, dict[str, Any]]:
    """A tie built and checked as the loaders do: its row and its properties."""
    link, errors = build_link(RawRow(0, "link", fields), source)
    if errors or link is None:
        raise InvalidInput("; ".join(errors))
    ends = [link.start, link.end, *link.refs]
    kinds = store.kinds(ends)
    missing = [_missing_end(store, i) for i in dict.fromkeys(ends) if i not in kinds]
    if missing:
        raise InvalidInput("; ".join(missing))
    kinds[source] = "Source"
    problems = list(link_kind_problems(link, kinds))
    if problems:
        raise InvalidInput("; ".join(problems))
    return link, {k: v for k, v in link.tie.properties.items() if v not in (None, "")}


def plan_add_tie(
    store: Store,
    start: str,
    rtype: str,
    end: str,
    *,
    status: str | None = None,
    evidence: str | None = None,
    since: int | None = None,
    until: int | None = None,
    note: str | None = None,
    properties: Mapping[str, Any] | None = None,
    citation: Citation | None = None,
) -> tuple[Pairs, str, str]:
    """The state a tie's addition writes, its key and the source it cites."""
    store.lock([start, end])
    source = _cite(store, citation, required=True)
    assert source is not None
    fields = _fields(
        {
            **(properties or {}),
            "status": status,
            "evidence": evidence,
            "since": since,
            "until": until,
            "note": note,
            **(citation.fields() if citation else {}),
            "source": start,
            "target": end,
            "type": rtype,
        }
    )
    link, props = _link(store, fields, source)
    current = store.tie(link.start, link.type, link.end)
    if current.state == "live":
        raise InvalidInput(
            f"{current.label()} is in the graph already (one tie per type between two entities)",
            "edit it instead",
        )
    return [(current, FactState.tie(link.start, link.type, link.end, "live", props))], current.key, source


def add_tie(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    start: str,
    rtype: str,
    end: str,
    *,
    citation: Citation | None,
    status: str | None = None,
    evidence: str | None = None,
    since: int | None = None,
    until: int | None = None,
    note: str | None = None,
    properties: Mapping[str, Any] | None = None,
    reason: str | None = None,
) -> Change:
    """Add a tie of any type of the model between two entities, citing its source."""
    require(actor, "add")
    why = _reasoned("add", reason)

    def work(store: Store) -> Change:
        pairs, _, source = plan_add_tie(
            store,
            start,
            rtype,
            end,
            status=status,
            evidence=evidence,
            since=since,
            until=until,
            note=note,
            properties=properties,
            citation=citation,
        )
        return store.commit(actor, "add", pairs, reason=why, source=source)

    return in_transaction(driver, settings, work)


# -- editing ----------------------------------------------------------------------------------


def plan_edit_entity(
    store: Store,
    entity_id: str,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    citation: Citation | None = None,
) -> tuple[Pairs, str | None]:
    """The states an entity's edit writes (``changes``: property -> value, ``None`` removes it)."""
    if "id" in changes:
        raise InvalidInput("an entity's id never changes", "add a new entity and merge the old one into it")
    if "city" in changes:
        raise InvalidInput("city is a tie: edit or add the entity's LOCATED_IN tie instead")
    store.lock([entity_id])
    current = store.entity(entity_id)
    if current.state != "live":
        raise InvalidInput(
            _missing_end(store, entity_id) if current.state == "retired" else f"no entity {entity_id!r}"
        )
    _check_version(current, expected_version, changes)
    source = _cite(store, citation, required=False)
    fields = {k: v for k, v in current.props.items() if k != "source"}
    if current.props.get("source"):
        fields["source_ref"] = current.props["source"]
    fields.update(changes)
    if source:
        fields["source_ref"] = source
    nodes, _, errors = build_node(RawRow(0, "node", _fields(fields)), "")
    if errors:
        raise InvalidInput("; ".join(errors))
    own = nodes[0]
    if own.kind not in model.ENTITY_KINDS:
        raise InvalidInput(f"a {own.kind} is not an entity")
    if own.kind != current.kind:
        kinds = store.kinds([])
        problems = []
        for tie in store.ties_of(entity_id):
            kinds = {**store.kinds([tie.start or "", tie.end or ""]), entity_id: own.kind}
            kinds[str(tie.props.get("source"))] = "Source"
            link = LinkRow(model.Tie(tie.kind, tie.start or "", tie.end or "", dict(tie.props)), 0)
            problems += list(link_kind_problems(link, kinds))
        if problems:
            raise InvalidInput("; ".join(problems))
    props = {k: v for k, v in own.props.items() if v not in (None, "")}
    return [(current, FactState.entity(entity_id, "live", own.kind, props))], source


def edit_entity(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    entity_id: str,
    changes: Mapping[str, Any],
    *,
    reason: str | None,
    expected_version: int | None = None,
    citation: Citation | None = None,
) -> Change:
    """Change an entity's properties (name, French name, country, kind, description...)."""
    require(actor, "edit")
    why = _reasoned("edit", reason)

    def work(store: Store) -> Change:
        pairs, source = plan_edit_entity(
            store, entity_id, changes, expected_version=expected_version, citation=citation
        )
        return store.commit(actor, "edit", pairs, reason=why, source=source)

    return in_transaction(driver, settings, work)


def plan_edit_tie(
    store: Store,
    start: str,
    rtype: str,
    end: str,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    new_type: str | None = None,
    reverse: bool = False,
    citation: Citation | None = None,
) -> tuple[Pairs, str | None]:
    """The states a tie's edit writes; a new type or a reversed direction makes it another tie
    (the old one goes, the new one comes, in the same change)."""
    store.lock([start, end])
    current = store.tie(start, rtype, end)
    if current.state != "live":
        raise InvalidInput(f"no tie {current.label()} in the graph ({current.state})")
    _check_version(current, expected_version, changes)
    source = _cite(store, citation, required=False) or str(current.props.get("source") or "")
    a, b = (current.end, current.start) if reverse else (current.start, current.end)
    fields = {k: v for k, v in current.props.items() if k != "source"}
    fields.update(changes)
    if citation is not None:
        fields.update(citation.fields())
    fields.update({"source": a, "target": b, "type": new_type or rtype, "source_ref": source})
    link, props = _link(store, _fields(fields), source)
    pairs: Pairs = []
    if (link.start, link.type, link.end) != (current.start, current.kind, current.end):
        store.lock([link.start, link.end])
        target = store.tie(link.start, link.type, link.end)
        if target.state == "live":
            raise InvalidInput(
                f"{target.label()} is in the graph already", "edit that tie, or retire this one"
            )
        pairs.append((current, current.with_state("absent")))
        pairs.append((target, FactState.tie(link.start, link.type, link.end, "live", props)))
    else:
        pairs.append((current, FactState.tie(link.start, link.type, link.end, "live", props)))
    return pairs, source or None


def edit_tie(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    start: str,
    rtype: str,
    end: str,
    changes: Mapping[str, Any],
    *,
    reason: str | None,
    expected_version: int | None = None,
    new_type: str | None = None,
    reverse: bool = False,
    citation: Citation | None = None,
) -> Change:
    """Change a tie's properties (status, evidence, since, until, note, role...), its type or
    its direction."""
    require(actor, "edit")
    why = _reasoned("edit", reason)

    def work(store: Store) -> Change:
        pairs, source = plan_edit_tie(
            store,
            start,
            rtype,
            end,
            changes,
            expected_version=expected_version,
            new_type=new_type,
            reverse=reverse,
            citation=citation,
        )
        return store.commit(actor, "edit", pairs, reason=why, source=source)

    return in_transaction(driver, settings, work)


def confirm(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    start: str,
    rtype: str,
    end: str,
    *,
    citation: Citation | None,
    reason: str | None = None,
    expected_version: int | None = None,
) -> Change:
    """An inferred tie becomes stated, citing the source that states it."""
    require(actor, "confirm")
    why = _reasoned("confirm", reason)

    def work(store: Store) -> Change:
        current = store.tie(start, rtype, end)
        if current.state == "live" and current.props.get("evidence", model.DEFAULT_EVIDENCE) != "inferred":
            raise InvalidInput(f"{current.label()} is stated already: only an inferred tie is confirmed")
        if citation is None or citation.source_id is None:
            raise InvalidInput("a confirmation cites the source that states the tie")
        pairs, source = plan_edit_tie(
            store,
            start,
            rtype,
            end,
            {"evidence": "stated"},
            expected_version=expected_version,
            citation=citation,
        )
        return store.commit(actor, "confirm", pairs, reason=why, source=source)

    return in_transaction(driver, settings, work)


# -- retiring and merging -----------------------------------------------------------------------


def _fact(store: Store, key: str) -> FactState:
    try:
        what, a, rtype, b = parse_fact_key(key)
    except ValueError as e:
        raise UnknownValue("fact", key, expected="entity:ID or tie:FROM|TYPE|TO") from e
    if what == "entity":
        return store.entity(a)
    if rtype is None or rtype not in model.REL_TYPES:
        raise UnknownValue("relationship type", str(rtype), expected=", ".join(model.REL_TYPES))
    return store.tie(a, rtype, str(b))


def plan_retire(store: Store, key: str, *, expected_version: int | None = None) -> Pairs:
    """The states a retirement writes: the fact, and an entity's every tie with it."""
    current = _fact(store, key)
    store.lock(current.entities)
    current = _fact(store, key)
    if current.state != "live":
        raise InvalidInput(f"{current.label()} is not in the graph ({current.state}): nothing to retire")
    _check_version(current, expected_version, {"state": "retired"})
    pairs: Pairs = []
    if current.fact == "entity":
        ties = store.ties_of(current.id)
        store.lock([i for t in ties for i in t.entities])
        pairs += [(t, t.with_state("retired")) for t in ties]
    pairs.append((current, current.with_state("retired")))
    return pairs


def retire(
    driver: neo4j.Driver,
    settings: Settings,
    actor: Actor,
    key: str,
    *,
    reason: str | None,
    expected_version: int | None = None,
) -> Change:
    """Retire a fact (``entity:ID`` or ``tie:FROM|TYPE|TO``): kept, out of every view; an
    entity's ties are retired with it."""
    require(actor, "retire")
    why = _reasoned("retire", reason)

    def work(store: Store) -> Change:
        return store.commit(
            actor, "retire", plan_retire(store, key, expected_version=expected_version), reason=why
        )

    return in_transaction(driver, settings, work)


def _names(props: Mapping[str, Any]) -> list[str]:
    aliases = props.get("aliases")
    listed = aliases if isinstance(aliases, list) else [aliases] if aliases else []
    return [str(n) for n in (props.get("name"), props.get("name_fr"), *listed) if n]


def plan_merge(store: Store, keep: str, duplicate: str) -> Pairs:
    """The states a merge writes: the duplicate's ties moved to the entity kept (properties of a
    tie both had: the kept one's win), its names kept as aliases, the duplicate retired."""
    if keep == duplicate:
        raise InvalidInput("an entity cannot be merged into itself")
    store.lock([keep, duplicate])
    kept, dup = store.entity(keep), store.entity(duplicate)
    for state in (kept, dup):
        if state.state != "live":
            raise InvalidInput(f"no entity {state.id!r} in the graph ({state.state})")
    if kept.kind != dup.kind:
        raise InvalidInput(
            f"{dup.label()} is a {dup.kind} and {kept.label()} a {kept.kind}: "
            "only entities of one kind merge",
            "edit one's kind first",
        )
    moved = store.ties_of(duplicate)
    referring = store.ties_referring(duplicate)
    store.lock([i for t in (*moved, *referring) for i in t.entities])
    plan: dict[str, tuple[FactState, FactState]] = {}

    def put(before: FactState, after: FactState) -> None:
        first = plan.get(before.key, (before, before))[0]
        plan[before.key] = (first, after)

    def swapped(props: Mapping[str, Any]) -> dict[str, Any]:
        refs = {r for t in model.REL_TYPES.values() for r in t.references}
        return {k: (keep if k in refs and v == duplicate else v) for k, v in props.items()}

    for tie in moved:
        start = keep if tie.start == duplicate else str(tie.start)
        end = keep if tie.end == duplicate else str(tie.end)
        if start == end:  # a tie between the two: retired (kept, out of the views)
            put(tie, tie.with_state("retired"))
            continue
        put(tie, tie.with_state("absent"))
        target = store.tie(start, tie.kind, end)
        props = swapped(tie.props)
        if target.state == "live":
            props = {**props, **target.props}
        put(target, FactState.tie(start, tie.kind, end, "live", props))
    for tie in referring:
        if tie.key in plan:
            continue
        put(tie, tie.with_state("live", **swapped(tie.props)))
    known = {model.fold(n) for n in _names(kept.props)}
    listed = kept.props.get("aliases")
    aliases = [str(a) for a in (listed if isinstance(listed, list) else [listed] if listed else [])]
    for name in _names(dup.props):
        if model.fold(name) not in known:
            aliases.append(name)
            known.add(model.fold(name))
    extra = {k: v for k, v in dup.props.items() if k not in kept.props and k not in ("aliases", "id", "kind")}
    extra.pop("name", None)
    extra.pop("name_fr", None)
    merged_props = {**extra, **kept.props, **({"aliases": aliases} if aliases else {})}
    pairs: Pairs = [(kept, FactState.entity(keep, "live", kept.kind, merged_props))]
    pairs += list(plan.values())
    pairs.append((dup, dup.with_state("retired", merged_into=keep)))
    return pairs


def merge(
    driver: neo4j.Driver, settings: Settings, actor: Actor, keep: str, duplicate: str, *, reason: str | None
) -> Change:
    """Merge ``duplicate`` into ``keep``: its ties move, its names become aliases that search
    finds, and it is retired (its id then leads to ``keep``)."""
    require(actor, "merge")
    why = _reasoned("merge", reason)

    def work(store: Store) -> Change:
        pairs = plan_merge(store, keep, duplicate)
        return store.commit(actor, "merge", pairs, reason=why, details={"kept": keep, "merged": duplicate})

    return in_transaction(driver, settings, work)


# -- undoing ----------------------------------------------------------------------------------

_NOT_UNDONE = {
    "load": (
        "a load is recorded as a whole, with its files and counts, not fact by fact: "
        "it cannot be undone here",
        "load corrected files, or retire its facts one by one",
    ),
    "propose": (
        "a proposal changed no fact: reject its items in the review queue instead",
        None,
    ),
    "reject": (
        "a rejection changed no fact: propose the fact again if it was wrongly rejected",
        None,
    ),
}


def undo(
    driver: neo4j.Driver, settings: Settings, actor: Actor, number: int, *, reason: str | None = None
) -> Change:
    """A new change that restores what change ``number`` found, refused when a later change
    touched the same facts (undo that one first)."""
    require(actor, "undo")
    why = _reasoned("undo", reason)

    def work(store: Store) -> Change:
        change = store.change(number)
        if change is None:
            raise UnknownValue(
                "change", f"#{number}", expected="the number of a change (explorer fact history)"
            )
        if change.action in _NOT_UNDONE:
            message, hint = _NOT_UNDONE[change.action]
            raise UndoRefused(f"change #{number} cannot be undone: {message}", hint)
        if change.who != actor.name:
            require(actor, "undo_any")
        if not change.after:
            raise UndoRefused(f"change #{number} changed no fact: nothing to undo")
        store.lock(change.entities)
        pairs: Pairs = []
        for after in change.after:
            current = _fact(store, after.key)
            if not current.same_as(after):
                later = store.later_change(after.key, number)
                if later is not None:
                    raise UndoRefused(
                        f"cannot undo #{number}: {after.label()} was changed later by #{later.id} "
                        f"({later.action} by {later.who} at {later.at})",
                        f"undo #{later.id} first",
                    )
                raise UndoRefused(
                    f"cannot undo #{number}: {after.label()} has changed since "
                    f"(by {current.changed_by or 'a load'} at {current.changed_at or 'an unknown time'})",
                    "edit the fact by hand instead",
                )
            before = next(b for b in change.before if b.key == after.key)
            pairs.append((current, before))
        return store.commit(actor, "undo", pairs, reason=why or f"undo of #{number}", undoes=number)

    return in_transaction(driver, settings, work)


def read_fact(driver: neo4j.Driver, settings: Settings, key: str) -> FactState:
    """A fact as it stands now (its version is what an editor opens)."""
    with read_session(driver, settings) as session, session.begin_transaction(timeout=settings.timeout) as tx:
        return _fact(Store(tx), key)  # type: ignore[arg-type]


def fact_key_of(entity_id: str | None = None, tie: tuple[str, str, str] | None = None) -> str:
    """The key of an entity or of a tie (start, type, end)."""
    if tie is not None:
        return tie_key(*tie)
    return entity_key(str(entity_id))
