"""Rankings that learn from the log of asks: an introducer's willingness (open, reluctant or
unknown) and the outcomes of past asks through them move a path's rank by factors set in the
weights file's ``[learning]`` section.

A path's rank score is its score times ``willingness × (1 + success)^s × (1 − decline)^d ×
(1 − no_answer)^n``, where ``s``, ``d`` and ``n`` count the closed asks through its introducer
that led to an introduction or a meeting, were declined, or got no answer. Asks and willingness
marks are the ``Ask`` and ``Willingness`` records written by :mod:`explorer.curation.asks`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from explorer.introductions.answers import IntroPath, Learned
from explorer.model import Entity
from explorer.model.asks import DECLINES, NO_ANSWERS, SUCCESSES, WILLINGNESS

__all__ = ["LEARNING_KEYS", "Learning", "learn", "parse_learning", "read_learned"]


@dataclass(frozen=True)
class Learning:
    """The factors of the ``[learning]`` section: willingness, and each past outcome."""

    #: The factor of an introducer marked open to introductions, and of one marked reluctant.
    open: float = 1.25
    reluctant: float = 0.5
    #: Per past ask through the introducer: a success multiplies by ``1 + success``, a decline
    #: by ``1 - decline``, no answer by ``1 - no_answer``.
    success: float = 0.2
    decline: float = 0.3
    no_answer: float = 0.1

    def factor(self, willingness: str, successes: int, declines: int, silences: int) -> float:
        base = {"open": self.open, "reluctant": self.reluctant}.get(willingness, 1.0)
        return (
            base
            * (1 + self.success) ** successes
            * (1 - self.decline) ** declines
            * (1 - self.no_answer) ** silences
        )

    def rows(self) -> list[dict[str, Any]]:
        """The section as rows of ``explorer weights``."""
        notes = {
            "open": "rank factor of an introducer marked open to introductions",
            "reluctant": "rank factor of an introducer marked reluctant",
            "success": "per past ask through them that led to an introduction or a meeting: × (1 + this)",
            "decline": "per past ask they declined: × (1 − this)",
            "no_answer": "per past ask left without an answer: × (1 − this)",
        }
        return [
            {"table": "learning", "key": k, "value": getattr(self, k), "note": n} for k, n in notes.items()
        ]


LEARNING_KEYS = ("open", "reluctant", "success", "decline", "no_answer")
_Report = Callable[[str | None, str, str], None]


def parse_learning(table: Mapping[str, Any], bad: _Report) -> Learning:
    """The ``[learning]`` section (each problem reported through ``bad``)."""
    given: dict[str, float] = {}
    for key, value in table.items():
        if key not in LEARNING_KEYS:
            bad("learning", key, f"unknown key {key!r} in [learning]; expected {', '.join(LEARNING_KEYS)}")
            continue
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        if key in ("open", "reluctant"):
            if number is None or not math.isfinite(number) or not 0 < number <= 10:
                bad(
                    "learning",
                    key,
                    f"[learning] {key} must be a factor above 0 and at most 10, not {value!r}",
                )
                continue
        elif number is None or not math.isfinite(number) or not 0 <= number < 1:
            bad("learning", key, f"[learning] {key} must be a number from 0 to below 1, not {value!r}")
            continue
        given[key] = float(number)
    return replace(Learning(), **given)


#: Each introducer's willingness and the outcomes of the closed asks through them.
_LEARNED = (
    "UNWIND $ids AS id OPTIONAL MATCH (w:Willingness {entity: id}) "
    "OPTIONAL MATCH (a:Ask {introducer: id}) WHERE a.state = 'closed' "
    "RETURN id, w.level AS level, w.reason AS reason, collect(a.outcome) AS outcomes"
)

Run = Callable[[str, Mapping[str, Any]], Iterable[Any]]


def read_learned(run: Run, introducers: Sequence[Entity], learning: Learning) -> dict[str, Learned]:
    """What the log says of each introducer (those with nothing known left out)."""
    by_id = {e.id: e for e in introducers}
    found: dict[str, Learned] = {}
    if not by_id:
        return found
    for r in run(_LEARNED, {"ids": sorted(by_id)}):
        level = r["level"] if r["level"] in WILLINGNESS else "unknown"
        outcomes = [str(o) for o in r["outcomes"] or ()]
        won, declined, silent = (
            sum(1 for o in outcomes if o in g) for g in (SUCCESSES, DECLINES, NO_ANSWERS)
        )
        if level == "unknown" and not (won or declined or silent) and not r["reason"]:
            continue
        factor = learning.factor(level, won, declined, silent)
        found[r["id"]] = Learned(by_id[r["id"]], level, r["reason"] or None, won, declined, silent, factor)
    return found


def learn(paths: Iterable[IntroPath], learned: Mapping[str, Learned]) -> list[IntroPath]:
    """The paths with what is known of each one's introducer."""
    out = []
    for path in paths:
        asked = path.introducer.asked if path.introducer is not None else None
        found = learned.get(asked.id) if asked is not None else None
        out.append(replace(path, learned=found) if found is not None else path)
    return out
