"""A whole load: find the files, validate everything, then write it all in one transaction."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import neo4j

from explorer import model
from explorer.config import Settings
from explorer.db import apply_schema, as_query, read_session, write_session
from explorer.errors import InvalidInput
from loaders.readers import InputFile, discover
from loaders.rows import file_source
from loaders.validate import LoadPlan, Lookup, rows_of, validate
from loaders.writer import DEFAULT_BATCH, Counts, Writer

__all__ = ["LoadSummary", "db_lookup", "load", "write_plan"]

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
    "WITH id, coalesce(e, s) AS n WHERE n IS NOT NULL RETURN id, labels(n) AS labels"
)


def db_lookup(driver: neo4j.Driver, settings: Settings) -> Lookup:
    """A lookup of ids already in the database, returning their kinds."""

    def lookup(ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        with read_session(driver, settings) as session:
            result = session.run(as_query(_LOOKUP), ids=ids)
            return {r["id"]: model.kind_of(r["labels"]) or "" for r in result}

    return lookup


def load(
    driver: neo4j.Driver,
    settings: Settings,
    paths: Sequence[Path],
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    say: Callable[[str], None] = lambda _m: None,
) -> LoadSummary:
    """Validate ``paths`` (files or folders) and load them; all or nothing, idempotent."""
    started = time.perf_counter()
    files, problems = discover([Path(p) for p in paths])
    if not files and not problems:
        raise InvalidInput("nothing to load", "name .csv or .yaml files, or folders holding them")
    apply_schema(driver, settings)
    if files:
        say(f"Checking {len(files)} file{'s' if len(files) != 1 else ''} ...")
    plan = validate(files, db_lookup(driver, settings), problems)
    say(f"Writing {plan.rows:,} rows ...")
    counts = write_plan(driver, settings, plan, batch_size=batch_size, progress=progress)
    return LoadSummary(len(files), plan.rows, counts, time.perf_counter() - started)


def write_plan(
    driver: neo4j.Driver,
    settings: Settings,
    plan: LoadPlan,
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> Counts:
    """Write a validated plan in one transaction: nodes first, then links."""
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, plan.rows)

    with write_session(driver, settings) as session, session.begin_transaction() as tx:
        writer = Writer(tx, batch_size, advance)
        sources: set[str] = set()
        _write_nodes(writer, plan, sources)
        _write_links(writer, plan.files, sources)
        writer.flush()
        _write_derived_links(writer, plan.files)
        counts = writer.flush()
        tx.commit()
    return counts


def _write_nodes(writer: Writer, plan: LoadPlan, sources: set[str]) -> None:
    """Node rows of every file, and the cities and countries they name (each once)."""
    derived: set[str] = set()
    for f in plan.files:
        if not f.holds_nodes:
            continue
        default = file_source(f.name)
        for nodes, _links, _errors, _line in rows_of(f, []):
            for node in nodes:
                if node.derived:
                    if node.id in plan.explicit or node.id in derived:
                        continue
                    derived.add(node.id)
                elif node.props.get("source") == default.id and default.id not in sources:
                    sources.add(default.id)
                    writer.node(default)
                writer.node(node)


def _write_links(writer: Writer, files: list[InputFile], sources: set[str]) -> None:
    """Link rows of every file."""
    for f in files:
        if not f.holds_links:
            continue
        default = file_source(f.name)
        for nodes, links, _errors, _line in rows_of(f, []):
            if nodes:
                continue
            for link in links:
                if link.props.get("source") == default.id and default.id not in sources:
                    sources.add(default.id)
                    writer.node(default)
                writer.link(link)


def _write_derived_links(writer: Writer, files: list[InputFile]) -> None:
    """The LOCATED_IN and IN_COUNTRY links that node rows imply through city and country.

    Written last and only where missing, so a link a file states outright wins.
    """
    countries_of: set[str] = set()
    for f in files:
        if not f.holds_nodes:
            continue
        for _nodes, links, _errors, _line in rows_of(f, []):
            for link in links:
                if not link.derived:
                    continue
                if link.type == "IN_COUNTRY":
                    if link.start in countries_of:
                        continue
                    countries_of.add(link.start)
                writer.link(link)
