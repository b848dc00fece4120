"""Status and evidence of every fact, the factors they weigh in paths, and the properties the
loaders treat apart."""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from explorer.model.kinds import BOOKKEEPING
from explorer.model.text import Lang, fold

__all__ = [
    "CROWD_REFERENCE_SIZE",
    "DATE_PROPERTIES",
    "DEFAULT_EVIDENCE",
    "DEFAULT_STATUS",
    "ENDED_FACTOR",
    "ENDED_HALF_LIFE",
    "EVIDENCE",
    "EVIDENCE_FACTOR",
    "EVIDENCE_NAMES",
    "INTEGER_PROPERTIES",
    "LINK_RESERVED",
    "NODE_RESERVED",
    "STATUSES",
    "STATUS_FACTOR",
    "STATUS_NAMES",
    "crowd_factor",
    "evidence_words",
    "parse_evidence",
    "parse_status",
    "status_words",
    "tie_defaults",
]

STATUSES = ("active", "planned", "proposed")
EVIDENCE = ("stated", "inferred")
DEFAULT_STATUS = "active"
DEFAULT_EVIDENCE = "stated"
STATUS_NAMES: MappingProxyType[str, dict[Lang, str]] = MappingProxyType(
    {
        "active": {"en": "active", "fr": "en cours"},
        "planned": {"en": "planned", "fr": "prévu"},
        "proposed": {"en": "proposed", "fr": "proposé"},
    }
)
EVIDENCE_NAMES: MappingProxyType[str, dict[Lang, str]] = MappingProxyType(
    {
        "stated": {"en": "stated", "fr": "affirmé"},
        "inferred": {"en": "inferred", "fr": "déduit"},
    }
)
_STATUS_WORDS = {fold(w): k for k, names in STATUS_NAMES.items() for w in (k, *names.values())}
_STATUS_WORDS |= {"current": "active", "actif": "active", "prevue": "planned", "proposee": "proposed"}
_EVIDENCE_WORDS = {fold(w): k for k, names in EVIDENCE_NAMES.items() for w in (k, *names.values())}
_EVIDENCE_WORDS |= {"affirmee": "stated", "deduite": "inferred"}


def parse_status(value: str) -> str | None:
    """``active``/``planned``/``proposed`` from English or French words; ``None`` if none."""
    return _STATUS_WORDS.get(fold(value))


def parse_evidence(value: str) -> str | None:
    """``stated``/``inferred`` from English or French words; ``None`` if none."""
    return _EVIDENCE_WORDS.get(fold(value))


def status_words() -> list[str]:
    return list(_STATUS_WORDS)


def evidence_words() -> list[str]:
    return list(_EVIDENCE_WORDS)


def tie_defaults(props: Mapping[str, Any]) -> tuple[str, str]:
    """A tie's status and evidence, with the defaults for what is not recorded (the one place)."""
    return (str(props.get("status") or DEFAULT_STATUS), str(props.get("evidence") or DEFAULT_EVIDENCE))


#: A tie not yet in force, or only inferred, is a weaker route to an introduction.
STATUS_FACTOR = MappingProxyType({"active": 1.0, "planned": 0.6, "proposed": 0.4})
EVIDENCE_FACTOR = MappingProxyType({"stated": 1.0, "inferred": 0.7})
#: A tie that has ended (an ``until`` year before this one) keeps this much of its strength, halved
#: again every ``ENDED_HALF_LIFE`` years since it ended; a tie in force keeps all of it, however old.
ENDED_FACTOR = 0.6
ENDED_HALF_LIFE = 5.0
#: A collective tie keeps its full strength in a crowd of this many or fewer.
CROWD_REFERENCE_SIZE = 20


def crowd_factor(size: int | None, reference: int = CROWD_REFERENCE_SIZE) -> float:
    """How much of a collective tie's strength is left in a crowd of ``size``.

    Square-root decay past the reference size: 20 or fewer keep 1.0, 80 keep 0.5,
    850 keep about 0.15.
    """
    if not size or size <= reference:
        return 1.0
    return math.sqrt(reference / size)


#: Properties stored as integers whatever the file writes.
INTEGER_PROPERTIES = frozenset({"opened", "members", "paragraph"})
#: Properties that are dates with their precision (``model.dates.FactDate``): a year, a month or a day.
DATE_PROPERTIES = frozenset({"since", "until"})
#: Columns and keys that are not stored as plain properties.
NODE_RESERVED = frozenset({"id", "kind", "name", "city", "source_ref"}) | BOOKKEEPING
LINK_RESERVED = frozenset({"source", "target", "type", "source_ref"}) | BOOKKEEPING
