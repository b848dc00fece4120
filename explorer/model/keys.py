"""A fact's key, as the history and the review queue name it: ``entity:ID`` or
``tie:FROM|TYPE|TO`` (a symmetric type's ends in their one order)."""

from __future__ import annotations

from explorer.model.records import Tie

__all__ = ["entity_key", "parse_fact_key", "tie_key"]


def entity_key(entity_id: str) -> str:
    """The key of an entity as a fact (``entity:ID``)."""
    return f"entity:{entity_id}"


def tie_key(start: str, rtype: str, end: str) -> str:
    """The key of a tie as a fact (``tie:FROM|TYPE|TO``, symmetric types in their one order)."""
    return f"tie:{Tie(rtype, start, end).canonical().key}"


def parse_fact_key(key: str) -> tuple[str, str, str | None, str | None]:
    """("entity", id, None, None) or ("tie", start, type, end) from a fact key."""
    what, _, rest = key.partition(":")
    if what == "entity" and rest:
        return "entity", rest, None, None
    parts = rest.split("|")
    if what == "tie" and len(parts) == 3 and all(parts):
        return "tie", parts[0], parts[1], parts[2]
    raise ValueError(f"not a fact key: {key!r}")
