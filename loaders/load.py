"""A whole load: find the files, validate everything, then write it, all or nothing."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from queue import Full, Queue

import neo4j

from explorer import defaults, model
from explorer.config import Settings, machine_user
from explorer.database.session import as_query, read_session
from explorer.database.writing import apply_schema, refresh_statistics
from explorer.errors import InvalidInput, Problem
from explorer.loaders.publish import publish
from explorer.loaders.readers import discover
from explorer.loaders.transactions import Underway
from explorer.loaders.validate import RETIRED, LoadPlan, Lookup, rows_of, stamp, validate
from explorer.loaders.writer import DEFAULT_BATCH, Batch, Batcher, Counts, Writer
from explorer.model.clock import now
from explorer.model.facts import LinkRow, NodeRow, file_source

__all__ = ["LoadSummary", "batches", "db_lookup", "load", "prefetched", "write_plan"]

#: Called with (rows written, rows in the load) as the write goes on.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LoadSummary:
    """What a load did."""

    files: int
    rows: int
    counts: Counts
    seconds: float

    def lines(self) -> list[str]:
        c = self.counts
        return [
            f"Loaded {self.rows:,} rows from {self.files} file{'s' if self.files != 1 else ''} "
            f"in {self.seconds:.1f} s",
            f"  nodes:         {c.nodes_created:,} created, {c.nodes_updated:,} updated",
            f"  relationships: {c.rels_created:,} created, {c.rels_updated:,} updated",
        ]


_LOOKUP = (
    "UNWIND $ids AS id "
    "OPTIONAL MATCH (e:Entity {id: id}) OPTIONAL MATCH (s:Source {id: id}) "
    "OPTIONAL MATCH (r:Retired {id: id}) "
    "WITH id, coalesce(e, s, r) AS n WHERE n IS NOT NULL RETURN id, labels(n) AS labels"
)


def db_lookup(driver: neo4j.Driver, settings: Settings) -> Lookup:
    """A lookup of ids already in the database, returning their kinds."""

    def lookup(ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        with read_session(driver, settings) as session:
            result = session.run(as_query(_LOOKUP), ids=ids)
            return {r["id"]: model.kind_of(r["labels"]) or _retired(r["labels"]) for r in result}

    return lookup


def _retired(labels: list[str]) -> str:
    """``RETIRED`` for an id retired by curation (a load may not bring it back), else ""."""
    return RETIRED if model.RETIRED in labels else ""


def load(
    driver: neo4j.Driver,
    settings: Settings,
    paths: Sequence[Path],
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    say: Callable[[str], None] = lambda _m: None,
    who: str | None = None,
    publishing: Progress | None = None,
    chunk_rows: int = defaults.LOAD_CHUNK,
) -> LoadSummary:
    """Validate ``paths`` (files or folders) and load them; all or nothing, idempotent.

    The rows are written in transactions of about ``chunk_rows`` rows (``loaders.transactions``);
    ``progress`` is told of the rows written, ``publishing`` of the items published.

    A load that changes the graph is recorded in the history as one change, signed ``who``
    (the machine's user by default), with its files and counts.
    """
    started = time.perf_counter()
    files, problems = discover([Path(p) for p in paths])
    if not files and not problems:
        raise InvalidInput("nothing to load", "name .csv or .yaml files, or folders holding them")
    apply_schema(driver, settings)
    if files:
        say(f"Checking {len(files)} file{'s' if len(files) != 1 else ''} ...")
    plan = validate(files, db_lookup(driver, settings), problems)
    say(f"Writing {plan.rows:,} rows ...")
    counts = write_plan(
        driver,
        settings,
        plan,
        batch_size=batch_size,
        progress=progress,
        who=who,
        say=say,
        publishing=publishing,
    )
    if sum(counts.astuple()) >= defaults.REPLAN_FACTS:
        refresh_statistics(driver, settings)  # so that the next queries are planned for the new graph
    return LoadSummary(len(files), plan.rows, counts, time.perf_counter() - started)


def write_plan(
    driver: neo4j.Driver,
    settings: Settings,
    plan: LoadPlan,
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    who: str | None = None,
    say: Callable[[str], None] = lambda _m: None,
    publishing: Progress | None = None,
    chunk_rows: int = defaults.LOAD_CHUNK,
) -> Counts:
    """Write a validated plan in transactions of bounded size (``loaders.transactions``): nodes
    first, then links; then publish it, and record it in the history.

    The files are read again and cut into batches by a second thread while the
    server works on the previous batch: reading, building rows and writing overlap.
    """
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, plan.rows)

    signer = (who or "").strip() or machine_user()
    at = now()
    stamp = {"at": at, "by": signer, "load": f"{at}/{secrets.token_hex(6)}"}
    writer = Writer(stamp, advance)
    files = [Path(f.name).name for f in plan.files]
    with Underway.begin(driver, settings, writer, files, plan.rows, chunk_rows) as underway:
        for batch in prefetched(batches(plan, batch_size)):
            underway.write(batch)
        check_unchanged(plan, done)  # before the decision: a refusal takes everything back
        underway.decide()
        if writer.counts.astuple() != (0, 0, 0, 0) or underway.staged:
            say("Publishing ...")
        counts = publish(driver, settings, underway.load, publishing)
    return counts if counts is not None else writer.counts


def check_unchanged(plan: LoadPlan, written: int) -> None:
    """Refuse the load unless every row read when checking was written, from files unchanged since."""
    changed = [
        Problem(f.name, 0, "changed while it was being loaded; nothing was written")
        for f, before in zip(plan.files, plan.file_stamps, strict=True)
        if stamp(f) != before
    ]
    if changed:
        raise InvalidInput(changed, "load it again once it is saved")
    if written != plan.rows:
        raise InvalidInput(
            f"{written:,} rows were written but {plan.rows:,} were read; nothing was written",
            "load again; if it happens again, report it",
        )


def batches(plan: LoadPlan, batch_size: int = DEFAULT_BATCH) -> Iterator[Batch]:
    """The batches that write ``plan``: nodes, then links, then the links derived from nodes.

    Rows are counted file by file as they are read again: a file that gives other rows
    than when it was checked stops the load (nothing is written).
    """
    batcher = Batcher(batch_size)
    sources: set[str] = set()
    read = [0] * len(plan.files)
    yield from _node_batches(batcher, plan, sources, read)
    yield from batcher.end_nodes()
    yield from _link_batches(batcher, plan, sources, read)
    for f, checked, counted in zip(plan.files, plan.file_rows, read, strict=True):
        if checked != counted:
            raise InvalidInput(
                [
                    Problem(
                        f.name,
                        0,
                        f"{counted:,} rows read when writing, {checked:,} when checking; nothing was written",
                    )
                ],
                "the file changed while it was being loaded: load it again once it is saved",
            )
    yield from _derived_link_batches(batcher, plan)
    yield from batcher.close()


def _is_new(plan: LoadPlan, node_id: str) -> bool:
    """Whether ``node_id`` was not in the database: the load adds it."""
    return node_id not in plan.existing


def _new_ends(plan: LoadPlan, link: LinkRow) -> int:
    """How many ends of ``link`` the load adds (a link to one of them cannot exist yet)."""
    return (link.tie.start not in plan.existing) + (link.tie.end not in plan.existing)


def _cited_file(
    batcher: Batcher, plan: LoadPlan, cited: object, default: NodeRow, sources: set[str]
) -> list[Batch]:
    """The file's own Source, the first time a row cites it."""
    if cited != default.id or default.id in sources or default.id in plan.explicit:
        return []
    sources.add(default.id)
    return batcher.node(default, _is_new(plan, default.id))


def _node_batches(batcher: Batcher, plan: LoadPlan, sources: set[str], read: list[int]) -> Iterator[Batch]:
    """Node rows of every file, and the cities and countries they name (each once)."""
    derived: set[str] = set()
    for index, f in enumerate(plan.files):
        if not f.holds_nodes:
            continue
        default = file_source(f.name)
        for nodes, _links, _errors, _line in rows_of(f, []):
            for node in nodes:
                read[index] += not node.derived
                if node.derived:
                    if node.id in plan.explicit or node.id in derived:
                        continue
                    derived.add(node.id)
                elif not plan.first_node(node.id, index, node.line):
                    batcher.skip()  # an identical repeat
                    continue
                else:
                    yield from _cited_file(batcher, plan, node.props.get("source"), default, sources)
                yield from batcher.node(node, _is_new(plan, node.id))


def _link_batches(batcher: Batcher, plan: LoadPlan, sources: set[str], read: list[int]) -> Iterator[Batch]:
    """Link rows of every file (each link once)."""
    for index, f in enumerate(plan.files):
        if not f.holds_links:
            continue
        default = file_source(f.name)
        for nodes, links, _errors, _line in rows_of(f, []):
            if nodes:
                continue
            for link in links:
                read[index] += 1
                if not plan.first_link(link.key(), index, link.line):
                    batcher.skip()  # an identical repeat, or a symmetric link written both ways
                    continue
                yield from _cited_file(batcher, plan, link.tie.properties.get("source"), default, sources)
                yield from batcher.link(link, _new_ends(plan, link))


def _derived_link_batches(batcher: Batcher, plan: LoadPlan) -> Iterator[Batch]:
    """The LOCATED_IN and IN_COUNTRY links that node rows imply through city and country.

    Only where no row states the same link outright: a link a file states wins.
    """
    countries_of: set[str] = set()
    for index, f in enumerate(plan.files):
        if not f.holds_nodes:
            continue
        for nodes, links, _errors, _line in rows_of(f, []):
            own = next((n for n in nodes if not n.derived), None)
            if own is not None and not plan.first_node(own.id, index, own.line):
                continue
            for link in links:
                if not link.derived or plan.stated(link.key()):
                    continue
                if link.tie.type == "IN_COUNTRY":
                    if link.tie.start in countries_of:
                        continue
                    countries_of.add(link.tie.start)
                yield from batcher.link(link, _new_ends(plan, link))


_END = object()


def prefetched(items: Iterator[Batch], depth: int = 3) -> Iterator[Batch]:
    """``items``, produced ahead by a second thread (at most ``depth`` waiting)."""
    queue: Queue[object] = Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                queue.put(item, timeout=0.1)
                return True
            except Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
            put(_END)
        except BaseException as e:  # handed to the consumer, raised there
            put(_Failed(e))

    thread = threading.Thread(target=produce, name="load-batches", daemon=True)
    thread.start()
    try:
        while True:
            item = queue.get()
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        thread.join()


@dataclass(frozen=True)
class _Failed:
    error: BaseException
