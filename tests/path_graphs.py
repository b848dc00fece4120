"""Small hand-made graphs for the path and broker tests, loaded through the CSV contract."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import neo4j

from explorer.config import Settings
from loaders import load

NODE_COLUMNS = ("id", "kind", "name", "country", "city", "members", "name_fr")
LINK_COLUMNS = ("source", "target", "type", "status", "evidence", "role", "on_behalf_of", "since")


def write_csv(path: Path, columns: Sequence[str], rows: Sequence[dict[str, object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({c: "" if row.get(c) is None else row[c] for c in columns})
    return path


def node(id: str, kind: str = "Company", name: str | None = None, **extra: object) -> dict[str, object]:
    return {"id": id, "kind": kind, "name": name or id.replace("-", " ").title(), **extra}


def link(source: str, target: str, type: str, **extra: object) -> dict[str, object]:
    return {"source": source, "target": target, "type": type, **extra}


def load_graph(
    driver: neo4j.Driver,
    settings: Settings,
    folder: Path,
    nodes: Sequence[dict[str, object]],
    links: Sequence[dict[str, object]],
) -> None:
    """Write ``nodes`` and ``links`` as the two CSV files of the contract and load them."""
    folder.mkdir(parents=True, exist_ok=True)
    node_columns = list(NODE_COLUMNS) + sorted({k for n in nodes for k in n} - set(NODE_COLUMNS))
    link_columns = list(LINK_COLUMNS) + sorted({k for r in links for k in r} - set(LINK_COLUMNS))
    files = [write_csv(folder / "nodes.csv", node_columns, nodes)]
    if links:
        files.append(write_csv(folder / "links.csv", link_columns, links))
    load(driver, settings, files)
