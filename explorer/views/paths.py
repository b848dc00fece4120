"""The paths question: who asks, whom to reach, what to avoid and how to search; ``to_query`` and
``from_query`` make it a shareable URL, and the command line asks the same record."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import neo4j

from explorer import defaults
from explorer.config import Settings
from explorer.introductions.answers import PathSearch, Ranking
from explorer.introductions.paths import find_paths
from explorer.introductions.weights import Weights, load_weights
from explorer.model import Moment

__all__ = ["FLAGS", "KEYS", "RANKINGS", "PathQuestion"]

#: The URL's keys, in the order a link writes them.
KEYS = ("from", "to", "k", "hops", "active", "ranking", "avoid", "path", "as_of", "undated")
#: Words a link may use for a yes-or-no value, and for the ranking.
FLAGS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
RANKINGS: dict[str, Ranking] = {"score": "score", "distinct": "distinct"}


def _last(value: Any) -> str:
    """One URL value as text (the last, when a key is given twice)."""
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return "" if value is None else str(value).strip()


@dataclass(frozen=True)
class PathQuestion:
    """One question of the paths page or of ``explorer paths``: the two ends and the entities to
    avoid (ids or names), how many paths, the most hops, ties in force only, the ranking, the
    path highlighted (1 is the best), and the date the network is taken at (``moment``: its
    ``as_of`` and whether undated ties are kept)."""

    source: str | None = None
    target: str | None = None
    avoid: tuple[str, ...] = ()
    k: int = defaults.PATHS_K
    hops: int = defaults.PATHS_HOPS
    active: bool = False
    ranking: Ranking = "distinct"
    path: int = 1
    moment: Moment = field(default_factory=Moment)

    def to_query(self) -> dict[str, str]:
        """URL parameters (defaults left out): ``from``, ``to``, ``k``, ``hops``, ``active``,
        ``ranking``, ``avoid`` (comma-separated), ``path``, ``as_of`` and ``undated=hide``."""
        values = {
            "from": self.source or "",
            "to": self.target or "",
            "k": str(self.k) if self.k != defaults.PATHS_K else "",
            "hops": str(self.hops) if self.hops != defaults.PATHS_HOPS else "",
            "active": "1" if self.active else "",
            "ranking": "score" if self.ranking == "score" else "",
            "avoid": ",".join(self.avoid),
            "path": str(self.path) if self.path != 1 else "",
            **self.moment.to_query(),
        }
        return {key: value for key, value in values.items() if value}

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> tuple[PathQuestion, list[str]]:
        """The question a URL asks, and what in it was not understood: unknown keys, and values
        that are not numbers or words it knows, or numbers out of range (brought within it)."""
        ignored = [f"{key}={_last(value)}" for key, value in query.items() if key not in KEYS]

        def number(key: str, default: int, low: int, high: int) -> int:
            raw = _last(query.get(key))
            if not raw:
                return default
            try:
                value = int(raw)
            except ValueError:
                ignored.append(f"{key}={raw}")
                return default
            if not low <= value <= high:
                ignored.append(f"{key}={raw}")
            return min(high, max(low, value))

        def choice(key: str, words: Mapping[str, Any], default: Any) -> Any:
            raw = _last(query.get(key))
            if raw and raw.lower() not in words:
                ignored.append(f"{key}={raw}")
            return words.get(raw.lower(), default)

        avoid = (a.strip() for a in _last(query.get("avoid")).split(","))
        moment, wrong = Moment.from_query({k: _last(query.get(k)) for k in ("as_of", "undated")})
        question = cls(
            source=_last(query.get("from")) or None,
            target=_last(query.get("to")) or None,
            avoid=tuple(dict.fromkeys(a for a in avoid if a)),
            k=number("k", defaults.PATHS_K, 1, defaults.MAX_PAGE_K),
            hops=number("hops", defaults.PATHS_HOPS, 1, defaults.MAX_PATHS_HOPS),
            active=choice("active", FLAGS, False),
            ranking=choice("ranking", RANKINGS, "distinct"),
            path=number("path", 1, 1, defaults.MAX_PAGE_K),
            moment=moment,
        )
        return question, ignored + wrong

    def asked(self) -> tuple[Any, ...]:
        """What a path's number belongs to: a new question (ends, avoided, hops, ties in force,
        ranking) shows its first path again; asking for more or fewer paths does not."""
        return (self.source, self.target, self.avoid, self.hops, self.active, self.ranking, self.moment)

    def key(self) -> tuple[Any, ...]:
        """What the answer depends on (the path highlighted left out): a cache key."""
        return (*self.asked(), self.k)

    def search(
        self,
        driver: neo4j.Driver,
        settings: Settings,
        *,
        weights: Weights | None = None,
        timeout: float | None = None,
    ) -> PathSearch:
        """The ranked paths that answer the question (:func:`~explorer.introductions.paths.find_paths`:
        names are resolved, ``UnknownEntity`` or ``AmbiguousEntity`` otherwise), ``weights`` (the
        settings' when not given) put at the question's date."""
        if self.source is None or self.target is None:
            raise ValueError("a paths question needs both ends")
        weights = dataclasses.replace(
            weights or load_weights(), as_of=self.moment.as_of, undated=self.moment.undated
        )
        return find_paths(
            driver,
            settings,
            self.source,
            self.target,
            k=self.k,
            avoid=self.avoid,
            max_hops=self.hops,
            active_only=self.active,
            ranking=self.ranking,
            weights=weights,
            timeout=timeout,
        )
