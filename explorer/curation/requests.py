"""Change requests: every change a person can ask for, as one typed record.

Adding an entity or a tie, editing either (a status change is an edit of a tie), confirming,
retiring and merging are each a frozen record. The CLI, the pages, the review queue and
article ingestion all build these records; :func:`explorer.curation.submit.submit` applies
one (an editor) or queues it as a suggestion (a reader), and the queue keeps them typed
(:func:`to_dict` / :func:`from_dict`). Each knows its action, the permission it needs, the
entities it is about, and the states it writes (:func:`plan`, inside a write transaction).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, ClassVar

from explorer import model
from explorer.curation.checks import Pairs
from explorer.curation.citations import Citation, NewSource
from explorer.curation.store import Store
from explorer.errors import InvalidInput
from explorer.model.facts import entity_key, parse_fact_key, tie_key

__all__ = [
    "REQUEST_KINDS",
    "AddEntity",
    "AddTie",
    "Confirm",
    "EditEntity",
    "EditTie",
    "Merge",
    "Planned",
    "Request",
    "Retire",
    "from_dict",
    "plan",
    "to_dict",
]


@dataclass(frozen=True)
class AddEntity:
    """A new entity (with the city and country it names, made when missing)."""

    kind: str
    name: str
    id: str | None = None
    country: str | None = None
    city: str | None = None
    #: Other properties (description, aliases, name_fr...).
    properties: Mapping[str, Any] = field(default_factory=dict)
    citation: Citation | None = None
    tag: ClassVar[str] = "add_entity"
    action: ClassVar[str] = "add"

    @property
    def entities(self) -> tuple[str, ...]:
        return (self.id or model.slugify(self.name),)


@dataclass(frozen=True)
class AddTie:
    """A new tie ``start -type-> end`` (either end may be a batch's ref in the review queue)."""

    start: str
    type: str
    end: str
    status: str | None = None
    evidence: str | None = None
    #: When it began and ended, as the graph stores a date: a year, or "2015-03", "2015-03-03".
    since: int | str | None = None
    until: int | str | None = None
    #: The type's other properties (role, topic, note, on_behalf_of...).
    properties: Mapping[str, Any] = field(default_factory=dict)
    citation: Citation | None = None
    tag: ClassVar[str] = "add_tie"
    action: ClassVar[str] = "add"

    @property
    def entities(self) -> tuple[str, ...]:
        return (self.start, self.end)

    @property
    def key(self) -> str:
        return tie_key(self.start, self.type, self.end)

    def values(self) -> dict[str, Any]:
        """Its properties with status, evidence and years, the given ones only."""
        named = {"status": self.status, "evidence": self.evidence, "since": self.since, "until": self.until}
        return {k: v for k, v in {**self.properties, **named}.items() if v not in (None, "")}


@dataclass(frozen=True)
class EditEntity:
    """New values of an entity's properties (``None`` removes one); ``version``: as seen."""

    entity: str
    changes: Mapping[str, Any]
    version: int | None = None
    citation: Citation | None = None
    tag: ClassVar[str] = "edit_entity"
    action: ClassVar[str] = "edit"

    @property
    def entities(self) -> tuple[str, ...]:
        return (self.entity,)

    @property
    def key(self) -> str:
        return entity_key(self.entity)


@dataclass(frozen=True)
class EditTie:
    """New values of a tie's properties (status, years, role...), its type or its direction."""

    start: str
    type: str
    end: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    version: int | None = None
    new_type: str | None = None
    reverse: bool = False
    citation: Citation | None = None
    tag: ClassVar[str] = "edit_tie"
    action: ClassVar[str] = "edit"

    @property
    def entities(self) -> tuple[str, ...]:
        return (self.start, self.end)

    @property
    def key(self) -> str:
        return tie_key(self.start, self.type, self.end)


@dataclass(frozen=True)
class Confirm:
    """An inferred tie becomes stated, citing the source that states it."""

    start: str
    type: str
    end: str
    version: int | None = None
    citation: Citation | None = None
    tag: ClassVar[str] = "confirm"
    action: ClassVar[str] = "confirm"

    @property
    def entities(self) -> tuple[str, ...]:
        return (self.start, self.end)

    @property
    def key(self) -> str:
        return tie_key(self.start, self.type, self.end)


@dataclass(frozen=True)
class Retire:
    """A fact (``entity:ID`` or ``tie:FROM|TYPE|TO``) leaves every view; an entity with its ties."""

    fact: str
    version: int | None = None
    tag: ClassVar[str] = "retire"
    action: ClassVar[str] = "retire"
    citation: ClassVar[Citation | None] = None

    @property
    def entities(self) -> tuple[str, ...]:
        what, a, _, b = parse_fact_key(self.fact)
        return (a,) if what == "entity" else (a, str(b))

    @property
    def key(self) -> str:
        return self.fact


@dataclass(frozen=True)
class Merge:
    """``duplicate`` merged into ``keep``: its ties move, its names become aliases, it is retired."""

    keep: str
    duplicate: str
    tag: ClassVar[str] = "merge"
    action: ClassVar[str] = "merge"
    citation: ClassVar[Citation | None] = None

    @property
    def entities(self) -> tuple[str, ...]:
        return (self.keep, self.duplicate)


Request = AddEntity | AddTie | EditEntity | EditTie | Confirm | Retire | Merge
_TYPES: dict[str, type[Any]] = {
    t.tag: t for t in (AddEntity, AddTie, EditEntity, EditTie, Confirm, Retire, Merge)
}
#: Every kind of request, by its tag.
REQUEST_KINDS = tuple(_TYPES)


@dataclass(frozen=True)
class Planned:
    """What a request writes: the (before, after) states, the source it cites, and details."""

    pairs: Pairs
    source: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)


def plan(store: Store, request: Request) -> Planned:
    """The states ``request`` writes, computed under lock inside ``store``'s transaction, with
    the checks (and messages) of the loaders."""
    from explorer.curation import additions, edits, retirements

    if isinstance(request, AddEntity):
        pairs, _, source = additions.plan_add_entity(
            store,
            request.kind,
            request.name,
            entity_id=request.id,
            country=request.country,
            city=request.city,
            properties=request.properties,
            citation=request.citation,
        )
        return Planned(pairs, source)
    if isinstance(request, AddTie):
        pairs, _, source = additions.plan_add_tie(
            store,
            request.start,
            request.type,
            request.end,
            status=request.status,
            evidence=request.evidence,
            since=request.since,
            until=request.until,
            properties=request.properties,
            citation=request.citation,
        )
        return Planned(pairs, source)
    if isinstance(request, EditEntity):
        pairs, source = edits.plan_edit_entity(
            store,
            request.entity,
            request.changes,
            expected_version=request.version,
            citation=request.citation,
        )
        return Planned(pairs, source)
    if isinstance(request, EditTie):
        pairs, source = edits.plan_edit_tie(
            store,
            request.start,
            request.type,
            request.end,
            request.changes,
            expected_version=request.version,
            new_type=request.new_type,
            reverse=request.reverse,
            citation=request.citation,
        )
        return Planned(pairs, source)
    if isinstance(request, Confirm):
        pairs, source = edits.plan_confirm(
            store, request.start, request.type, request.end, request.version, request.citation
        )
        return Planned(pairs, source)
    if isinstance(request, Retire):
        return Planned(retirements.plan_retire(store, request.fact, expected_version=request.version))
    if isinstance(request, Merge):
        pairs = retirements.plan_merge(store, request.keep, request.duplicate)
        return Planned(pairs, None, {"kept": request.keep, "merged": request.duplicate})
    raise TypeError(f"not a change request: {request!r}")  # pragma: no cover - the union is closed


# -- as stored in the review queue and in change records --------------------------------------------


def _citation_dict(citation: Citation | None) -> dict[str, Any] | None:
    if citation is None:
        return None
    out: dict[str, Any] = {k: v for k, v in (("source", citation.source),) if v}
    if citation.new is not None:
        new = citation.new
        out["new"] = {
            k: v
            for k, v in {
                "title": new.title,
                "publisher": new.publisher,
                "date": new.date,
                "url": new.url,
                "language": new.language,
                "id": new.id,
                "properties": dict(new.properties) or None,
            }.items()
            if v not in (None, "")
        }
    if citation.paragraph is not None:
        out["paragraph"] = citation.paragraph
    if citation.quote:
        out["quote"] = citation.quote
    return out or None


def _citation_of(data: Any) -> Citation | None:
    if not isinstance(data, Mapping):
        return None
    new = data.get("new")
    source = None
    if isinstance(new, Mapping) and str(new.get("title") or "").strip():
        source = NewSource(
            str(new["title"]),
            publisher=new.get("publisher"),
            date=new.get("date"),
            url=new.get("url"),
            language=new.get("language"),
            id=new.get("id"),
            properties=dict(new.get("properties") or {}),
        )
    paragraph = data.get("paragraph")
    return Citation(
        source=str(data["source"]) if data.get("source") else None,
        new=source,
        paragraph=paragraph if isinstance(paragraph, int) and not isinstance(paragraph, bool) else None,
        quote=str(data["quote"]) if data.get("quote") else None,
    )


def to_dict(request: Request) -> dict[str, Any]:
    """The request as plain JSON-ready data, tagged with its kind (``{"request": "add_tie", ...}``)."""
    out: dict[str, Any] = {"request": request.tag}
    for f in fields(request):  # type: ignore[arg-type]
        value = getattr(request, f.name)
        if f.name == "citation":
            value = _citation_dict(value)
        elif isinstance(value, Mapping):
            value = dict(value)
        if value not in (None, {}, (), False, ""):
            out[f.name] = value
    return out


def from_dict(data: Mapping[str, Any]) -> Request:
    """The request ``to_dict`` wrote (``ValueError`` when it is not one)."""
    kind = _TYPES.get(str(data.get("request")))
    if kind is None:
        raise ValueError(f"not a change request: {data.get('request')!r}")
    given: dict[str, Any] = {}
    for f in fields(kind):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name == "citation":
            value = _citation_of(value)
        given[f.name] = value
    try:
        return kind(**given)  # type: ignore[no-any-return]
    except TypeError as e:
        raise ValueError(f"not a {kind.tag} request: {e}") from None


def with_ends(request: Request, start: str, end: str) -> Request:
    """A tie request with other ends (a reviewer's link to another entity, a batch's ref resolved)."""
    if isinstance(request, AddTie | EditTie | Confirm):
        return replace(request, start=start, end=end)
    raise InvalidInput(f"a {request.tag} request has no ends to change")
