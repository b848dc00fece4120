"""The read-only guard: judges a query's EXPLAIN plan, refusing all but plain reads."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from explorer.errors import QueryRefused

__all__ = ["ALLOWED_PROCEDURES", "check_plan"]

#: Procedures a read-only query may call: they read the graph or its schema and nothing else.
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "dbms.components",
    }
)

#: Listing commands that show only the schema and the query language itself.
ALLOWED_SHOW = frozenset({"ShowIndexes", "ShowConstraints", "ShowFunctions", "ShowProcedures"})

_PROCEDURE = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*\(")


def check_plan(query_type: str | None, plan: Mapping[str, Any] | None) -> None:
    """Refuse writes, schema and admin commands, file or URL reads and unlisted procedures."""
    if query_type != "r":
        what = {
            "w": "writes to the graph",
            "rw": "writes to the graph",
            "s": "changes the schema or administers the server",
        }.get(query_type or "", "is not a plain read")
        raise QueryRefused(f"refused: queries here are read-only and this one {what}")
    for operator, details in _operators(plan):
        if operator == "LoadCSV":
            raise QueryRefused("refused: LOAD CSV reads files or URLs; load data with `explorer load`")
        if operator == "ProcedureCall":
            match = _PROCEDURE.match(details)
            name = match.group(1) if match else details
            if name not in ALLOWED_PROCEDURES:
                raise QueryRefused(
                    f"refused: the procedure {name} is not on the read-only allow-list",
                    f"allowed: {', '.join(sorted(ALLOWED_PROCEDURES))}",
                )
        elif operator.startswith(("Show", "Terminate", "Administration")) and operator not in ALLOWED_SHOW:
            raise QueryRefused(f"refused: {_spaced(operator)} is an administration command")


def _operators(plan: Mapping[str, Any] | None) -> Iterator[tuple[str, str]]:
    stack = [plan] if plan else []
    while stack:
        node = stack.pop()
        operator = str(node.get("operatorType", "")).split("@", 1)[0]
        details = str((node.get("args") or {}).get("Details", ""))
        yield operator, details
        stack.extend(node.get("children") or [])


def _spaced(operator: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", operator).upper()
