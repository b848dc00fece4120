"""The records every part of the explorer passes around: one ``Entity``, one ``Tie``, one ``Source``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from explorer.escaping import web_address
from explorer.model.dates import FactDate, holds
from explorer.model.kinds import PLACE_KINDS, kind_of
from explorer.model.statuses import tie_defaults
from explorer.model.text import Lang, localized
from explorer.model.types import REL_TYPES, SYMMETRIC_TYPES, in_order

__all__ = ["Entity", "Source", "Tie"]


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity (or any drawn node): id, kind, names, country and the properties stored on it."""

    id: str
    kind: str
    name: str
    name_fr: str | None = None
    country: str | None = None
    properties: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, key: str, labels: Iterable[str], props: Mapping[str, Any] | None) -> Entity:
        """The entity stored under ``key`` with ``labels`` and ``props``: the one way a database
        node becomes an ``Entity``."""
        props = props or {}
        name, name_fr = props.get("name"), props.get("name_fr")
        country = props.get("country") or (props.get("code") if "Country" in labels else None)
        return cls(
            key,
            kind_of(list(labels)) or "",
            str(name) if name not in (None, "") else key,
            str(name_fr) if name_fr not in (None, "") else None,
            str(country) if country not in (None, "") else None,
            dict(props),
        )

    def display(self, lang: Lang = "en") -> str:
        """The name to show in ``lang`` (the French name when there is one)."""
        return self.name_fr if lang == "fr" and self.name_fr else self.name

    def label(self) -> str:
        """ "Biocom (Cluster, biocom)": the entity for messages."""
        return f"{self.name} ({self.kind}, {self.id})"

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "kind": self.kind}

    @property
    def is_place(self) -> bool:
        return self.kind in PLACE_KINDS


@dataclass(frozen=True, slots=True)
class Tie:
    """A relationship as stored (``start`` -> ``end``), with its properties and provenance.

    ``key`` identifies it: the database's element id when read from there, else
    ``start|type|end`` (one relationship per type and pair of entities).
    """

    type: str
    start: str
    end: str
    properties: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", f"{self.start}|{self.type}|{self.end}")

    @property
    def status(self) -> str:
        return tie_defaults(self.properties)[0]

    @property
    def evidence(self) -> str:
        return tie_defaults(self.properties)[1]

    @property
    def source(self) -> str | None:
        value = self.properties.get("source")
        return str(value) if value not in (None, "") else None

    @property
    def since(self) -> FactDate | None:
        """When it began, as precise as its source said (``None``: not said, or not a date)."""
        return FactDate.read(self.properties.get("since"))

    @property
    def until(self) -> FactDate | None:
        """When it ended or ends, as precise as its source said."""
        return FactDate.read(self.properties.get("until"))

    @property
    def undated(self) -> bool:
        """Whether nothing says when it held (no ``since``, no ``until``) though its type has dates."""
        rtype = REL_TYPES.get(self.type)
        return (rtype is None or rtype.dated) and self.since is None and self.until is None

    def holds_at(self, at: FactDate) -> bool:
        """Whether it held at ``at`` (``model.dates.holds``; an undated tie is not ruled out)."""
        return holds(self.since, self.until, at)

    @property
    def paragraph(self) -> Any:
        return self.properties.get("paragraph")

    @property
    def symmetric(self) -> bool:
        return self.type in SYMMETRIC_TYPES

    def canonical(self) -> Tie:
        """The tie with its ends in the one order the graph keeps: as given, except for a symmetric
        type, whose ends are in the order of their ids (the one place this rule lives)."""
        start, end = in_order(self.type, self.start, self.end)
        return self if start == self.start else Tie(self.type, start, end, self.properties)

    @property
    def identity(self) -> tuple[str, str, str]:
        """(start, type, end): the same relationship whichever way it was read."""
        return (self.start, self.type, self.end)

    def other(self, entity_id: str) -> str:
        """The end of the tie that is not ``entity_id``."""
        return self.end if entity_id == self.start else self.start

    def direction_from(self, entity_id: str) -> Literal["out", "in", "both"]:
        """How the tie reads from ``entity_id``: out of it, into it, or both ways (symmetric)."""
        if self.symmetric:
            return "both"
        return "out" if entity_id == self.start else "in"

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "from": self.start,
            "to": self.end,
            "status": self.status,
            "source": self.source,
        }


@dataclass(frozen=True)
class Source:
    """A ``Source`` node: what cites it is told apart by its ``id``; the rest is what is known of it."""

    id: str
    properties: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def title(self, lang: Lang = "en") -> str:
        """Its title in ``lang`` (``title_fr`` in French when there is one), else its name, else its id."""
        for key in ("title", "name"):
            value = localized(self.properties, key, lang)
            if value not in (None, ""):
                return " ".join(str(value).split())
        return self.id

    def _text(self, key: str) -> str | None:
        value = self.properties.get(key)
        return " ".join(str(value).split()) or None if value not in (None, "") else None

    @property
    def publisher(self) -> str | None:
        return self._text("publisher")

    @property
    def date(self) -> str | None:
        return self._text("date")

    @property
    def language(self) -> str | None:
        return self._text("language")

    @property
    def file(self) -> str | None:
        return self._text("file")

    @property
    def url(self) -> str | None:
        """Its address when it is a web address (``http`` or ``https``) and nothing else: what a page
        may turn into a link."""
        return web_address(self._text("url"))

    @property
    def paragraphs(self) -> list[str]:
        """The text of an article ingested by the explorer, in numbered paragraphs (1 first)."""
        value = self.properties.get("paragraphs")
        return [str(p) for p in value] if isinstance(value, list) else []
