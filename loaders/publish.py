"""Publishing a decided load, and what the next command does about a load that died.

Publishing runs in small transactions, each of which first locks the load's mark (two
processes finishing the same load take turns, and a step is never run twice): the rows kept
aside on nodes, then the new nodes take their labels, then the rows kept aside on links, and
last the load is recorded in the history (once) and its mark removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import neo4j

from explorer import model
from explorer.config import Settings
from explorer.database.changelog import record_load
from explorer.database.session import literal
from explorer.database.writing import write_session
from explorer.i18n import date_text, t
from explorer.loaders.transactions import MARK_ID, Mark, keeper, read_mark, roll_back, someone_else_keeps
from explorer.loaders.writer import Batch, Counts, Writer, decode_rows
from explorer.model import Lang

__all__ = ["Recovered", "publish", "recover"]

#: Called with (steps done, steps in all) as publishing goes on.
Progress = Callable[[int, int], None]

_LOCK = (
    f"MATCH (m:{model.LOAD_MARK} {{id: $id, load: $load}}) SET m.beat = timestamp() / 1000.0 "
    "RETURN properties(m) AS mark"
)
_NEXT_STEP = (
    f"MATCH (s:{model.LOAD_STEP} {{load: $load}}) WHERE s.what = $what "
    "RETURN s.n AS n, s.name AS name, s.mode AS mode, s.derived AS derived, s.rows AS rows "
    "ORDER BY s.n LIMIT 1"
)
_DONE_STEP = f"MATCH (s:{model.LOAD_STEP} {{load: $load, n: $n}}) DELETE s"
_COUNTS = f"MATCH (m:{model.LOAD_MARK} {{id: $id}}) SET m.counts = $counts"
#: Relabelled in chunks: a node's labels come from what it kept beside it.
_RELABEL = (
    f"MATCH (n:{model.LOADING}) WHERE n.{model.LOADED_IN} = $load WITH n LIMIT $chunk "
    f"SET n:$(n.{model.LOADING_LABELS}) REMOVE n:{model.LOADING}, n.{model.LOADING_LABELS} "
    "RETURN count(n) AS n"
)
_RELABEL_CHUNK = 20_000
_LEFT = (
    f"CALL () {{ MATCH (s:{model.LOAD_STEP} {{load: $load}}) RETURN count(s) AS steps }} "
    f"CALL () {{ MATCH (n:{model.LOADING}) WHERE n.{model.LOADED_IN} = $load RETURN count(n) AS nodes }} "
    "RETURN steps, nodes"
)
_END = f"MATCH (m:{model.LOAD_MARK} {{id: $id, load: $load}}) DELETE m"


@dataclass(frozen=True)
class Recovered:
    """What the next command did about a load that died: ``taken back`` (stopped before its
    decision: nothing of it remains) or ``finished`` (stopped while publishing)."""

    action: str
    mark: Mark
    counts: Counts

    def message(self, lang: Lang = "en") -> str:
        """What was done, in one sentence."""
        m = self.mark
        files = ", ".join(m.files[:3]) + (", …" if len(m.files) > 3 else "")
        key = "load.taken_back" if self.action == "taken back" else "load.finished"
        return t(
            key, lang, rows=m.rows, files=files or "?", who=m.by or "?", at=date_text(m.at, lang, time=True)
        )


def _locked(tx: neo4j.Transaction, load: str) -> Mark | None:
    record = tx.run(literal(_LOCK), id=MARK_ID, load=load).single()
    return Mark.of(dict(record["mark"])) if record else None


def _step(session: neo4j.Session, load: str, what: str) -> bool:
    """Run the first step of ``what`` ("n" or "l") kept aside; ``False`` when none is left."""
    with session.begin_transaction() as tx:
        mark = _locked(tx, load)
        if mark is None:
            return False
        found = tx.run(literal(_NEXT_STEP), load=load, what=what).single()
        if found is None:
            return False
        key: Any = (what, found["name"], found["mode"], bool(found["derived"]))
        writer = Writer(mark.stamp)
        added = writer.run(tx, Batch(key, decode_rows(found["rows"]), 0), n=int(found["n"]))
        tx.run(literal(_DONE_STEP), load=load, n=found["n"]).consume()
        tx.run(literal(_COUNTS), id=MARK_ID, counts=list((mark.counts + added).astuple())).consume()
        tx.commit()
    return True


def _relabel(session: neo4j.Session, load: str) -> int:
    """Give the next chunk of the load's new nodes their labels; how many."""
    with session.begin_transaction() as tx:
        if _locked(tx, load) is None:
            return 0
        record = tx.run(literal(_RELABEL), load=load, chunk=_RELABEL_CHUNK).single()
        tx.commit()
    return int(record["n"]) if record else 0


def publish(
    driver: neo4j.Driver, settings: Settings, load: str, progress: Progress | None = None
) -> Counts | None:
    """Publish the decided load ``load`` (see the module); its counts, ``None`` if someone else
    finished it first."""
    with write_session(driver, settings) as session:
        left = session.run(literal(_LEFT), load=load).single()
        total = int(left["steps"]) + int(left["nodes"]) if left else 0
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None and total:
                progress(min(done, total), total)

        while _step(session, load, "n"):
            advance(1)
        while moved := _relabel(session, load):
            advance(moved)
        while _step(session, load, "l"):
            advance(1)
        with session.begin_transaction() as tx:
            mark = _locked(tx, load)
            if mark is None:
                return None
            if mark.counts.astuple() != (0, 0, 0, 0):
                record_load(tx, mark.by, list(mark.files), mark.rows, mark.counts, mark.at, load)
            tx.run(literal(_END), id=MARK_ID, load=load).consume()
            tx.commit()
    return mark.counts


def recover(driver: neo4j.Driver, settings: Settings) -> Recovered | None:
    """Deal with a load that died, if one did: take it back if it was not decided, else finish
    it. ``None`` when there was none, or it is alive (another process works on it)."""
    mark = read_mark(driver, settings)
    if mark is None:
        return None
    with keeper(driver, settings, mark.load) as by:
        if someone_else_keeps(driver, settings, mark, by):
            return None
        if mark.phase != "publishing":
            roll_back(driver, settings, mark.load)
            return Recovered("taken back", mark, Counts())
        counts = publish(driver, settings, mark.load)
    return Recovered("finished", mark, counts) if counts is not None else None
