"""Load throughput of ``explorer load`` against a naive per-row loader and server-side ``LOAD CSV``.

For each size, on the same generated files and each in a fresh database:

- ``explorer load`` as users run it (a subprocess: wall time, peak RSS, CPU);
- ``LOAD CSV`` run by the server in one transaction, building the same graph with
  ``CREATE`` and dynamic labels (the fastest plain Cypher for an empty database);
- the naive loader, once, on a time-boxed sample: one auto-committed ``MERGE`` per
  row (nodes first, then the links between the nodes it got to).

Wall times on a shared machine move with the neighbours' load, so every figure is
also given as CPU seconds (client + server), which move much less.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import neo4j

from benchmarks.common import Context, Dataset, Timer, process_cpu, ratio, run_measured
from explorer import model
from explorer.config import Settings
from explorer.database.session import literal
from explorer.loaders.readers import discover
from explorer.loaders.validate import rows_of

FULL_SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (1_000, 5_000)
NAIVE_BUDGET = {False: 60.0, True: 8.0}  # seconds of naive loading (full, quick)
TARGET_VS_NAIVE = 20.0
TARGET_VS_LOAD_CSV = 1.5
#: ``explorer load`` runs against a database on the default settings (no heap given); the
#: ``LOAD CSV`` baseline keeps the benchmark's larger heap (its one transaction needs it).
DEFAULT_HEAP, DEFAULT_PAGECACHE = "1g", "256m"
TARGET_SECONDS_1M = 180.0
TARGET_RSS = 500 * 2**20


def run(ctx: Context) -> dict[str, Any]:
    sizes = QUICK_SIZES if ctx.quick else FULL_SIZES
    rows: list[dict[str, Any]] = []
    for size in sizes:
        data = ctx.dataset(size)
        ctx.log(f"{size:,} relationships: {data.rows:,} rows, {data.bytes / 2**20:.1f} MB")
        explorer = _explorer_load(ctx, data)
        load_csv = _load_csv(ctx, data)
        rows.append(
            {
                "relationships": size,
                "rows": data.rows,
                "bytes": data.bytes,
                "explorer": explorer,
                "load_csv": load_csv,
            }
        )
    naive_data = ctx.dataset(sizes[1] if len(sizes) > 1 else sizes[0])
    naive = _naive(ctx, naive_data, NAIVE_BUDGET[ctx.quick])
    return _report(rows, naive, naive_data)


# -- the three loaders ----------------------------------------------------------------------


def _explorer_load(ctx: Context, data: Dataset) -> dict[str, Any]:
    """``explorer load nodes.csv links.csv`` in a fresh database, as a user runs it."""
    with ctx.extra_database(
        f"explorer-{data.relationships}", heap=DEFAULT_HEAP, pagecache=DEFAULT_PAGECACHE
    ) as (database, settings, driver):
        env = {**ctx.env, "EXPLORER_HOME": str(database.home)}
        command = [str(Path(sys.executable).with_name("explorer")), "load", "--quiet", *map(str, data.paths)]
        server = database.pid() or 0
        before = process_cpu(server)
        measured = run_measured(command, env=env).check()
        server_cpu = process_cpu(server) - before
        counts = _graph_size(driver, settings)
    ctx.log(f"  explorer load: {measured.seconds:.1f} s, peak {measured.peak_rss / 2**20:.0f} MB")
    return {
        "seconds": measured.seconds,
        "rows_per_s": data.rows / measured.seconds,
        "peak_rss": measured.peak_rss,
        "client_cpu": measured.cpu,
        "server_cpu": server_cpu,
        **counts,
    }


#: Server-side LOAD CSV building the same graph: entities, their cities and countries, links.
_LOAD_CSV = (
    """LOAD CSV WITH HEADERS FROM $nodes AS row WITH row WHERE row.kind = 'Source'
    CREATE (:Source {id: row.id, name: row.name, kind: 'Source'})""",
    """LOAD CSV WITH HEADERS FROM $nodes AS row WITH row WHERE row.kind <> 'Source'
    CREATE (n:$(row.kind):Entity)
    SET n += {id: row.id, name: row.name, kind: row.kind, country: row.country,
              source: row.source_ref, sector: row.sector, founded: toInteger(row.founded),
              members: toInteger(row.members)}
    WITH n, row WHERE row.kind IN $organizations SET n:Organization""",
    """LOAD CSV WITH HEADERS FROM $nodes AS row WITH row WHERE row.kind = 'City'
    WITH DISTINCT row.country AS code
    CREATE (:Country:Entity {id: toLower(code), code: code, name: code, kind: 'Country'})""",
    """LOAD CSV WITH HEADERS FROM $nodes AS row WITH row WHERE row.kind = 'City'
    MATCH (c:Entity {id: row.id}) MATCH (k:Entity {id: toLower(row.country)})
    CREATE (c)-[:IN_COUNTRY {source: row.id, status: 'active', evidence: 'stated'}]->(k)""",
    # each entity LOCATED_IN its city, matched by name (Cypher has no slugify)
    """LOAD CSV WITH HEADERS FROM $nodes AS row WITH row WHERE row.city IS NOT NULL
    MATCH (n:Entity {id: row.id}) MATCH (c:City {name: row.city})
    CREATE (n)-[:LOCATED_IN {source: row.source_ref, status: 'active', evidence: 'stated'}]->(c)""",
    """LOAD CSV WITH HEADERS FROM $links AS row
    MATCH (a:Entity {id: row.source}) MATCH (b:Entity {id: row.target})
    WITH row, CASE WHEN row.type IN $symmetric AND b.id < a.id THEN [b, a] ELSE [a, b] END AS ends
    WITH row, ends[0] AS s, ends[1] AS t
    CREATE (s)-[r:$(row.type)]->(t)
    SET r += {since: toInteger(row.since), status: row.status, evidence: row.evidence,
              source: row.source_ref, role: row.role, on_behalf_of: row.on_behalf_of,
              topic: row.topic, kind: row.kind, what: row.what, opened: toInteger(row.opened)}""",
)


def _load_csv(ctx: Context, data: Dataset) -> dict[str, Any]:
    """The same files loaded by the server's ``LOAD CSV``, in one transaction."""
    folder = data.nodes_csv.parent
    name = f"loadcsv-{data.relationships}"
    with ctx.extra_database(name, csv_import_dir=folder) as (database, settings, driver):
        params = {
            "nodes": f"file:///{data.nodes_csv.name}",
            "links": f"file:///{data.links_csv.name}",
            "organizations": sorted(model.ORGANIZATION_KINDS),
            "symmetric": sorted(model.SYMMETRIC_TYPES),
        }
        server = database.pid() or 0
        before = process_cpu(server)
        with (
            Timer() as timer,
            driver.session(database=settings.database) as session,
            session.begin_transaction() as tx,
        ):
            for statement in _LOAD_CSV:
                tx.run(literal(statement), params).consume()
            tx.commit()
        server_cpu = process_cpu(server) - before
        counts = _graph_size(driver, settings)
    ctx.log(f"  LOAD CSV: {timer.seconds:.1f} s")
    return {
        "seconds": timer.seconds,
        "rows_per_s": data.rows / timer.seconds,
        "server_cpu": server_cpu,
        **counts,
    }


def _naive(ctx: Context, data: Dataset, budget: float) -> dict[str, Any]:
    """One auto-committed MERGE per row, for ``budget`` seconds: half on nodes, half on links."""
    files, _problems = discover(data.paths)
    with ctx.extra_database("naive") as (_database, settings, driver):
        done: set[str] = set()
        node_rows = link_rows = 0
        started = time.perf_counter()
        with driver.session(database=settings.database) as session:
            for f in files:
                if not f.holds_nodes:
                    continue
                for nodes, _links, _errors, _line in rows_of(f, []):
                    node = nodes[0]
                    labels = ":".join(model.label(k) for k in model.labels_of(node.kind))
                    key = model.label(model.ENTITY if model.KINDS[node.kind].entity else node.kind)
                    text = f"MERGE (n:{key} {{id: $id}}) SET n:{labels}, n += $props"
                    session.run(literal(text), id=node.id, props=node.props).consume()
                    done.add(node.id)
                    node_rows += 1
                    if time.perf_counter() - started > budget / 2:
                        break
            node_seconds = time.perf_counter() - started
            started = time.perf_counter()
            for f in files:
                if not f.holds_links:
                    continue
                for _nodes, links, _errors, _line in rows_of(f, []):
                    link = links[0]
                    if link.start not in done or link.end not in done:
                        continue
                    text = (
                        "MATCH (a:Entity {id: $start}) MATCH (b:Entity {id: $end}) "
                        f"MERGE (a)-[r:{model.rel_type(link.type)}]->(b) SET r += $props"
                    )
                    session.run(literal(text), start=link.start, end=link.end, props=link.props).consume()
                    link_rows += 1
                    if time.perf_counter() - started > budget / 2:
                        break
            link_seconds = time.perf_counter() - started
    seconds = node_seconds + link_seconds
    rows = node_rows + link_rows
    ctx.log(f"  naive: {rows:,} rows in {seconds:.1f} s")
    return {
        "seconds": seconds,
        "rows": rows,
        "node_rows": node_rows,
        "link_rows": link_rows,
        "rows_per_s": rows / seconds if seconds else 0.0,
        "sample_of": data.rows,
        "extrapolated_seconds": data.rows / (rows / seconds) if rows else None,
    }


def _graph_size(driver: neo4j.Driver, settings: Settings) -> dict[str, int]:
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
        "RETURN nodes, rels",
        database_=settings.database,
    )
    return {"nodes": int(records[0]["nodes"]), "relationships_in_db": int(records[0]["rels"])}


# -- the report -----------------------------------------------------------------------------


def _report(rows: list[dict[str, Any]], naive: dict[str, Any], naive_data: Dataset) -> dict[str, Any]:
    for r in rows:
        e, c = r["explorer"], r["load_csv"]
        r["vs_load_csv"] = ratio(c["seconds"], e["seconds"])  # > 1: explorer load is faster
        r["vs_naive"] = ratio(e["rows_per_s"], naive["rows_per_s"])
        r["cpu_vs_load_csv"] = ratio(c["server_cpu"], e["client_cpu"] + e["server_cpu"])
    same = [r for r in rows if r["relationships"] == naive_data.relationships] or rows
    largest, smallest = rows[-1], rows[0]
    growth = {
        "input": ratio(largest["bytes"], smallest["bytes"]),
        "peak_rss": ratio(largest["explorer"]["peak_rss"], smallest["explorer"]["peak_rss"]),
    }
    lines = [
        f"`explorer load` against a database on the default settings (heap {DEFAULT_HEAP}, page cache "
        f"{DEFAULT_PAGECACHE}, the transaction memory limit on); `LOAD CSV` in one transaction on "
        "the benchmark's database settings.",
        "",
        "| Relationships | Rows | `explorer load` | rows/s | peak RSS | CPU client + server | `LOAD CSV` "
        "| LOAD CSV / explorer (time) | vs naive |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        e, c = r["explorer"], r["load_csv"]
        lines.append(
            f"| {r['relationships']:,} | {r['rows']:,} | {e['seconds']:.1f} s | {e['rows_per_s']:,.0f} "
            f"| {e['peak_rss'] / 2**20:.0f} MB | {e['client_cpu']:.0f} + {e['server_cpu']:.0f} s "
            f"| {c['seconds']:.1f} s | {r['vs_load_csv']:.2f}× | {r['vs_naive']:.0f}× |"
        )
    lines += [
        "",
        f"Naive loader (one auto-committed MERGE per row): {naive['rows_per_s']:,.0f} rows/s, measured "
        f"on a sample of {naive['rows']:,} rows ({naive['node_rows']:,} nodes, "
        f"{naive['link_rows']:,} links) of the "
        f"{naive_data.relationships:,}-relationship files in {naive['seconds']:.0f} s; the whole "
        f"{naive_data.rows:,} rows would take about {naive['extrapolated_seconds'] or 0:,.0f} s.",
        f"Peak RSS of `explorer load` grows {growth['peak_rss']:.1f}× while the input grows "
        f"{growth['input']:.0f}×: it streams the files.",
    ]
    big = largest["explorer"]
    at_1m = largest["relationships"] >= 1_000_000
    targets = [
        {
            "target": f"explorer load ≥ {TARGET_VS_NAIVE:.0f}× the naive loader's rows/s",
            "met": same[0]["vs_naive"] >= TARGET_VS_NAIVE,
            "detail": f"{same[0]['vs_naive']:.0f}×",
        },
        {
            "target": f"within {TARGET_VS_LOAD_CSV:.1f}× of LOAD CSV (largest size)",
            "met": largest["vs_load_csv"] >= 1 / TARGET_VS_LOAD_CSV,
            "detail": f"LOAD CSV takes {largest['vs_load_csv']:.2f}× the time of explorer load",
        },
        {
            "target": "loader peak memory < 500 MB",
            "met": big["peak_rss"] < TARGET_RSS,
            "detail": f"{big['peak_rss'] / 2**20:.0f} MB at {largest['rows']:,} rows",
        },
    ]
    if at_1m:
        targets.append(
            {
                "target": "1M relationships in < 3 min",
                "met": big["seconds"] < TARGET_SECONDS_1M,
                "detail": f"{big['seconds']:.0f} s",
            }
        )
    return {"sizes": rows, "naive": naive, "memory_growth": growth, "summary": lines, "targets": targets}
