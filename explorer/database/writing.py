"""The few writes outside curation and the loaders' own statements: a write session, the schema,
the data version every write moves on, and fresh statistics after a large load."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import neo4j
from neo4j import exceptions as neo

from explorer.config import Settings
from explorer.database.errors import translated
from explorer.database.session import as_query, literal
from explorer.resources import schema_dir

__all__ = ["Schema", "apply_schema", "bump_data_version", "refresh_statistics", "write_session"]


@contextlib.contextmanager
def write_session(driver: neo4j.Driver, settings: Settings) -> Iterator[neo4j.Session]:
    with (
        translated(settings),
        driver.session(database=settings.database, default_access_mode=neo4j.WRITE_ACCESS) as session,
    ):
        yield session


@dataclass(frozen=True)
class Schema:
    """The statements that set up constraints and indexes, from ``cypher/schema/``."""

    statements: tuple[str, ...] = field(default=())

    @classmethod
    def from_folder(cls, folder: Path | None = None) -> Schema:
        statements: list[str] = []
        for path in sorted((folder or schema_dir()).glob("*.cypher")):
            lines = path.read_text(encoding="utf-8").splitlines()
            text = "\n".join(line for line in lines if not line.strip().startswith("//"))
            statements += [s.strip() for s in text.split(";") if s.strip()]
        return cls(tuple(statements))


def apply_schema(driver: neo4j.Driver, settings: Settings) -> None:
    """Create the constraints and full-text index if missing (idempotent), then wait for them."""
    with write_session(driver, settings) as session:
        for statement in Schema.from_folder().statements:
            session.run(as_query(statement)).consume()
        session.run(as_query("CALL db.awaitIndexes(300)")).consume()


_BUMP = (
    "MERGE (v:DataVersion {id: 'graph'}) ON CREATE SET v.token = randomUUID(), v.version = 0 "
    "SET v.version = v.version + 1, v.changed_at = datetime() RETURN v.token + ':' + v.version AS version"
)


def bump_data_version(tx: neo4j.Transaction | neo4j.ManagedTransaction) -> str:
    """Move the data version on, inside a write transaction (so readers see the change at once)."""
    record = tx.run(literal(_BUMP)).single()
    return str(record["version"]) if record else ""


def refresh_statistics(driver: neo4j.Driver, settings: Settings, seconds: int = 120) -> bool:
    """Resample the indexes and drop the server's cached plans, after a load changed the graph.

    Right after a large load the server still has its indexes sampled as they were, and
    plans made then can be far off (a scan of the whole id index for each id looked up,
    cached for every later query). Waits until the indexes are resampled; ``False`` when
    the server does not allow it (a user without the privilege): it then resamples on its
    own, later.
    """
    with write_session(driver, settings) as session:
        try:
            session.run(as_query("CALL db.prepareForReplanning($seconds)"), seconds=seconds).consume()
        except neo.ClientError as e:  # Security.Forbidden, Procedure.ProcedureNotFound
            if e.code and ("Security" in e.code or "Procedure" in e.code):
                return False
            raise
    return True
