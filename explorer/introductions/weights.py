"""Tie strengths for introduction paths: the model's table, with overrides from a TOML file."""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from explorer import model
from explorer.config import explorer_home
from explorer.errors import InvalidInput, Problem
from explorer.model.clock import this_year

__all__ = [
    "CROWD_TYPES",
    "WEIGHTS_ENV",
    "WEIGHTS_FILE",
    "BadWeights",
    "Weights",
    "default_weights",
    "load_weights",
    "weights_path",
]

#: The variable naming a weights file; otherwise ``EXPLORER_HOME/weights.toml`` when it exists.
WEIGHTS_ENV = "EXPLORER_WEIGHTS"
WEIGHTS_FILE = "weights.toml"

#: Collective ties: their strength decays with how many ties of the same type either end
#: has (a member among 850, an employee among 5,000, one of 400 companies a cluster
#: supports): the model's ``crowd`` types. One-to-one ties (board seats, R&D partnerships...)
#: keep their strength; a weights file may add them.
CROWD_TYPES = model.CROWD_TYPES

_TABLES = ("strength", "status", "evidence", "crowd", "recency")


@dataclass(frozen=True)
class Weights:
    """How strong each tie is, and how status, evidence, crowd size and an end discount it.

    A tie's strength is ``strength[type] × status[status] × evidence[evidence] ×
    crowd(size) × recency(until)``, between 0 and 1; a path's score is the product of its ties.
    """

    strength: Mapping[str, float]
    status: Mapping[str, float]
    evidence: Mapping[str, float]
    #: Crowd ties keep their full strength up to this many ties at the target.
    reference_size: int = model.CROWD_REFERENCE_SIZE
    crowd_types: frozenset[str] = CROWD_TYPES
    #: A tie that ended (``until`` before :attr:`year`) keeps ``ended`` of its strength, halved
    #: again every ``half_life`` years since it ended.
    ended: float = model.ENDED_FACTOR
    half_life: float = model.ENDED_HALF_LIFE
    #: The year ``until`` is read against (``None``: the current year).
    year: int | None = None
    #: The file the overrides came from (``None``: the built-in table).
    origin: Path | None = field(default=None, compare=False)

    def tie(
        self,
        rtype: str,
        status: str | None,
        evidence: str | None,
        crowd: int | None = None,
        until: object = None,
    ) -> float:
        """The strength of one relationship, in (0, 1]; 0 for a type the table does not know."""
        base = self.strength.get(rtype, 0.0)
        factor = self._factor(self.status, status, model.DEFAULT_STATUS)
        factor *= self._factor(self.evidence, evidence, model.DEFAULT_EVIDENCE)
        if rtype in self.crowd_types:
            factor *= model.crowd_factor(crowd, self.reference_size)
        return base * factor * self.recency(until)

    def cost(
        self,
        rtype: str,
        status: str | None,
        evidence: str | None,
        crowd: int | None = None,
        until: object = None,
    ) -> float:
        """``-ln(strength)``: costs add up along a path where strengths multiply."""
        strength = self.tie(rtype, status, evidence, crowd, until)
        return -math.log(strength) if strength > 0 else math.inf

    def current_year(self) -> int:
        """The year a tie's ``until`` is read against."""
        return self.year if self.year is not None else this_year()

    def recency(self, until: object) -> float:
        """What is left of a tie's strength given its ``until`` year: all of it while the tie is
        in force (no ``until``, or this year or later), else ``ended`` halved every ``half_life``
        years since it ended. Only a whole number is a year (as the loaders store it)."""
        if not isinstance(until, int) or isinstance(until, bool):
            return 1.0
        year = self.current_year()
        if until >= year:
            return 1.0
        return self.ended * 0.5 ** ((year - until) / self.half_life)

    @staticmethod
    def _factor(table: Mapping[str, float], value: str | None, default: str) -> float:
        if value is None:
            return table[default]
        # An unknown value (written by hand, outside the loaders) counts as the weakest.
        return table.get(value, min(table.values()))

    def rows(self) -> list[dict[str, Any]]:
        """The table as rows (for ``explorer weights`` and the README)."""
        rows: list[dict[str, Any]] = [
            {
                "table": "strength",
                "key": name,
                "value": self.strength[name],
                "note": "decays with the crowd" if name in self.crowd_types else "",
            }
            for name in model.REL_TYPES
        ]
        rows += [{"table": "status", "key": k, "value": v, "note": ""} for k, v in self.status.items()]
        rows += [{"table": "evidence", "key": k, "value": v, "note": ""} for k, v in self.evidence.items()]
        rows.append(
            {
                "table": "crowd",
                "key": "reference_size",
                "value": self.reference_size,
                "note": "full strength up to this many ties at the target",
            }
        )
        rows += [
            {
                "table": "recency",
                "key": "ended",
                "value": self.ended,
                "note": "a tie whose until year is past",
            },
            {
                "table": "recency",
                "key": "half_life",
                "value": self.half_life,
                "note": "years after which an ended tie's strength halves again",
            },
        ]
        if self.year is not None:
            rows.append(
                {"table": "recency", "key": "year", "value": self.year, "note": "until is read against it"}
            )
        return rows


def default_weights() -> Weights:
    """The built-in table of ``explorer/model.py``."""
    return Weights(
        strength=MappingProxyType({name: t.strength for name, t in model.REL_TYPES.items()}),
        status=MappingProxyType(dict(model.STATUS_FACTOR)),
        evidence=MappingProxyType(dict(model.EVIDENCE_FACTOR)),
    )


def weights_path(env: Mapping[str, str] | None = None) -> Path | None:
    """The weights file in use: ``EXPLORER_WEIGHTS``, else ``EXPLORER_HOME/weights.toml`` if any."""
    env = os.environ if env is None else env
    if env.get(WEIGHTS_ENV):
        return Path(env[WEIGHTS_ENV]).expanduser()
    candidate = explorer_home(env) / WEIGHTS_FILE
    return candidate if candidate.is_file() else None


def load_weights(path: Path | None = None, env: Mapping[str, str] | None = None) -> Weights:
    """The built-in weights with the overrides of ``path`` (or of :func:`weights_path`).

    Every problem in the file is reported at once as ``file:line: what is wrong``.
    """
    path = path if path is not None else weights_path(env)
    weights = default_weights()
    if path is None:
        return weights
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"weights file {name} not found", f"create it or unset {WEIGHTS_ENV}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InvalidInput(f"cannot read weights file {name}: {e}") from None
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise BadWeights([Problem(name, 0, "not valid TOML: nested too deeply")]) from None
    except tomllib.TOMLDecodeError as e:
        where = re.search(r"\s*\(at line (\d+), column \d+\)", str(e))
        line = int(where.group(1)) if where else 0
        message = str(e)[: where.start()] if where else str(e)
        raise BadWeights([Problem(name, line, f"not valid TOML: {message}")]) from None
    return _apply(weights, data, _Locator(name, text))


class BadWeights(InvalidInput):
    """A weights file that cannot be used, with every problem found in it."""

    def _summary(self) -> str:
        n = len(self.problems)
        return f"the weights file has {n} problem{'s' if n != 1 else ''}"


class _Locator:
    """Finds the line of a key in a TOML text, for messages."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.lines = text.splitlines()

    def problem(self, table: str | None, key: str | None, message: str) -> Problem:
        return Problem(self.name, self._line(table, key), message)

    def _line(self, table: str | None, key: str | None) -> int:
        in_table = table is None
        for number, raw in enumerate(self.lines, start=1):
            line = raw.split("#", 1)[0].strip()
            if line.startswith("["):
                header = line.strip("[] ")
                if table is None and header == key:
                    return number
                if table is not None and header == table:
                    if key is None:
                        return number
                    in_table = True
                else:
                    in_table = table is None
                continue
            if in_table and key is not None:
                lhs = line.split("=", 1)[0].strip().strip("\"'")
                if lhs == key or (table and lhs == f"{table}.{key}"):
                    return number
        return 0


def _apply(weights: Weights, data: dict[str, Any], where: _Locator) -> Weights:
    problems: list[Problem] = []

    def bad(table: str | None, key: str, message: str) -> None:
        problems.append(where.problem(table, key, message))

    for table in data:
        if table not in _TABLES:
            bad(None, table, f"unknown section [{table}]; expected {', '.join(_TABLES)}")
    strength = dict(weights.strength)
    for key, value in _table(data, "strength", bad).items():
        rtype = key if key in model.REL_TYPES else model.parse_rel_type(key)
        if rtype is None:
            expected = ", ".join(model.REL_TYPES)
            bad("strength", key, f"{key!r} is not a relationship type; expected one of {expected}")
        elif _fraction("strength", key, value, bad):
            strength[rtype] = float(value)
    status = dict(weights.status)
    for key, value in _table(data, "status", bad).items():
        found = model.parse_status(key)
        if found is None:
            bad("status", key, f"{key!r} is not a status; expected {', '.join(model.STATUSES)}")
        elif _fraction("status", key, value, bad):
            status[found] = float(value)
    evidence = dict(weights.evidence)
    for key, value in _table(data, "evidence", bad).items():
        found = model.parse_evidence(key)
        if found is None:
            bad("evidence", key, f"{key!r} is not an evidence; expected {', '.join(model.EVIDENCE)}")
        elif _fraction("evidence", key, value, bad):
            evidence[found] = float(value)
    reference, crowd_types = weights.reference_size, weights.crowd_types
    for key, value in _table(data, "crowd", bad).items():
        if key == "reference_size":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1_000_000_000:
                bad(
                    "crowd",
                    key,
                    f"reference_size must be a whole number from 1 to 1,000,000,000, not {value!r}",
                )
            else:
                reference = value
        elif key == "types":
            parsed = _crowd_types(value, bad)
            crowd_types = crowd_types if parsed is None else parsed
        else:
            bad("crowd", key, f"unknown key {key!r} in [crowd]; expected reference_size, types")
    ended, half_life, year = weights.ended, weights.half_life, weights.year
    for key, value in _table(data, "recency", bad).items():
        if key == "ended":
            if _fraction("recency", key, value, bad):
                ended = float(value)
        elif key == "half_life":
            number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
            if number is None or not math.isfinite(number) or number <= 0:
                bad("recency", key, f"half_life must be a number of years above 0, not {value!r}")
            else:
                half_life = float(number)
        elif key == "year":
            if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
                bad("recency", key, f"year must be a year such as 2025, not {value!r}")
            else:
                year = value
        else:
            bad("recency", key, f"unknown key {key!r} in [recency]; expected ended, half_life, year")
    if problems:
        raise BadWeights(problems, "fix the weights file, or remove it to use the built-in table")
    return replace(
        weights,
        strength=MappingProxyType(strength),
        status=MappingProxyType(status),
        evidence=MappingProxyType(evidence),
        reference_size=reference,
        crowd_types=crowd_types,
        ended=ended,
        half_life=half_life,
        year=year,
        origin=Path(where.name),
    )


_Report = Callable[[str | None, str, str], None]


def _table(data: dict[str, Any], name: str, bad: _Report) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        bad(None, name, f"{name} must be a section [{name}], not a value")
        return {}
    return value


def _fraction(table: str, key: str, value: Any, bad: _Report) -> bool:
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if number is None or not math.isfinite(number) or not 0 < number <= 1:
        bad(table, key, f"[{table}] {key} must be a number above 0 and at most 1, not {value!r}")
        return False
    return True


def _crowd_types(value: Any, bad: _Report) -> frozenset[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        bad("crowd", "types", 'types must be a list of relationship types, such as ["MEMBER_OF"]')
        return None
    found: set[str] = set()
    for item in value:
        rtype = item if item in model.REL_TYPES else model.parse_rel_type(item)
        if rtype is None:
            bad("crowd", "types", f"{item!r} is not a relationship type")
        else:
            found.add(rtype)
    return frozenset(found)
