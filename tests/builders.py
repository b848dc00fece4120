"""What tests build their worlds from: entities and ties in memory, rows written as CSV files of
the contract and loaded, and the hostile and French samples several suites share."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import neo4j

from explorer.config import Settings
from explorer.loaders import load
from explorer.model import Entity, Tie

#: A name that is markup: it must show as text everywhere (and never set ``window.__pwned``).
MARKUP = '<img src=x onerror="__pwned=1">'
#: A property that tries to end the page's script element.
SCRIPT = "</script><script>__pwned=2</script>"

#: A nodes file and a links file as Excel saves them in a French locale: ``;``, a BOM, CRLF,
#: quoted fields with the delimiter and a line break, French kinds, types and statuses.
FRENCH_NODES = (
    "\ufeffid;kind;name;country;city;Spécialité\r\n"
    'acme;Entreprise;"ACME; Société";France;Aix-en-Provence;"Tests\r\nsur deux lignes"\r\n'
    "ipc;Institut;Institut Paoli Calmettes;FR;Marseille;\r\n"
)
FRENCH_LINKS = "\ufeffsource;target;type;status;since\r\nacme;ipc;Partenaire R&D;prévu;2024\r\n"


def entity(key: str, kind: str = "Company", name: str | None = None, **props: object) -> Entity:
    """An entity in memory, as the database would give it."""
    name = name or key
    return Entity.of(key, [kind], {"id": key, "name": name, "kind": kind, **props})


def tie(key: str, rtype: str, start: str, end: str, **props: object) -> Tie:
    """A tie in memory, active and stated unless told otherwise."""
    return Tie(rtype, start, end, {"status": "active", "evidence": "stated", **props}, key)


#: Columns of the CSV files :func:`load_graph` writes (more are added as rows need them).
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


def ingest_article(driver: neo4j.Driver, settings: Settings, actor: Any, text: str, **options: Any) -> Any:
    """``text`` read as an article and, when it says anything new, queued for review by ``actor``
    (as ``explorer ingest`` does); the :class:`~explorer.ingest.proposals.Ingested`."""
    from explorer.ingest.proposals import load_article, queue, read

    ingested = read(driver, settings, load_article(text.encode()), **options)
    if not ingested.nothing_new:
        queue(driver, settings, actor, ingested)
    return ingested


def write_markup(folder: Path) -> list[Path]:
    """A company whose name, description and properties are markup, and its link to Eurobiomed
    with a markup note, as the two CSV files of the contract (to load over the seeds)."""
    folder.mkdir(parents=True, exist_ok=True)
    quoted = MARKUP.replace('"', '""')
    nodes = folder / "nodes.csv"
    nodes.write_text(
        "id,kind,name,country,description,specialty\n"
        f'evil-co,Company,"{quoted}",FR,"**bold** [x](javascript:alert(1))","{SCRIPT}"\n',
        encoding="utf-8",
    )
    links = folder / "links.csv"
    links.write_text(
        f'source,target,type,status,note\nevil-co,eurobiomed,MEMBER_OF,planned,"{quoted}"\n', encoding="utf-8"
    )
    return [nodes, links]
