"""A path turned into an ask for an introduction: who asks (as what), whom to reach, who to ask and
through which of the asker's own, as the listing advised (the ask itself is written by
:mod:`explorer.curation.asks`)."""

from __future__ import annotations

import datetime as dt

from explorer.curation.asks import NewAsk
from explorer.errors import UsageError
from explorer.introductions.advice import introducer_of
from explorer.introductions.answers import PathSearch, rounded
from explorer.introductions.side import asker_kind
from explorer.model import Entity

__all__ = ["ask_for_path", "ask_without_path", "rank_of_introducer"]


def ask_for_path(
    search: PathSearch, rank: int, *, note: str | None = None, follow_up: dt.date | None = None
) -> NewAsk:
    """The ask that path ``rank`` (1 is the first listed) of ``search`` advises."""
    if not search.paths:
        raise UsageError(
            f"no introduction path from {search.source.name} to {search.target.name}",
            "log the ask with --introducer, or without a path",
        )
    if not 1 <= rank <= len(search.paths):
        raise UsageError(
            f"there are {len(search.paths)} paths from {search.source.name} to {search.target.name}, "
            f"not {rank}",
            f"pick a path from 1 to {len(search.paths)}",
        )
    path = search.paths[rank - 1]
    intro = introducer_of(path)
    asked, through = intro.asked, intro.through
    named = [*path.nodes, *(e for e in (asked, through) if e is not None)]
    return NewAsk(
        asker=search.source.id,
        asker_kind=search.side.kind if search.side is not None else asker_kind(search.source),
        target=search.target.id,
        introducer=asked.id if asked is not None else None,
        through=through.id if through is not None else None,
        path=path.ids,
        rank=rank,
        score=rounded(path.score),
        note=note,
        follow_up=follow_up,
        names={e.id: e.name for e in named},
    )


def rank_of_introducer(search: PathSearch, introducer: Entity) -> int | None:
    """The first path whose advice names ``introducer`` (1-based), ``None`` if none does."""
    for rank, path in enumerate(search.paths, start=1):
        asked = introducer_of(path).asked
        if asked is not None and asked.id == introducer.id:
            return rank
    return None


def ask_without_path(
    search: PathSearch,
    introducer: Entity | None,
    *,
    note: str | None = None,
    follow_up: dt.date | None = None,
) -> NewAsk:
    """An ask to ``introducer`` (or a direct contact) that follows none of the paths found."""
    named = [search.source, search.target, *([introducer] if introducer is not None else [])]
    return NewAsk(
        asker=search.source.id,
        asker_kind=search.side.kind if search.side is not None else asker_kind(search.source),
        target=search.target.id,
        introducer=introducer.id if introducer is not None else None,
        note=note,
        follow_up=follow_up,
        names={e.id: e.name for e in named},
    )
