"""The benchmark generator and helpers: tiny ecosystems load, and a seed gives the same files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from benchmarks.common import median, p95, percentile, ratio
from benchmarks.generate import generate, parse_count, read_manifest
from explorer import model
from explorer.loaders import load
from tests.conftest import count

SIZE = 400


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_a_seed_gives_the_same_files_and_another_seed_other_files(tmp_path):
    first = generate(tmp_path / "a", SIZE, seed=3)
    again = generate(tmp_path / "b", SIZE, seed=3)
    other = generate(tmp_path / "c", SIZE, seed=4)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert first[1].read_bytes() != other[1].read_bytes()


def test_generated_files_are_cached_for_the_same_size_and_seed(tmp_path):
    nodes, links = generate(tmp_path, SIZE, seed=3)
    stamp = (nodes.stat().st_mtime_ns, links.stat().st_mtime_ns)
    generate(tmp_path, SIZE, seed=3)
    assert (nodes.stat().st_mtime_ns, links.stat().st_mtime_ns) == stamp
    generate(tmp_path, SIZE + 100, seed=3)
    assert read_manifest(tmp_path)["links"] == SIZE + 100


def test_the_ecosystem_has_the_shape_of_the_contract(tmp_path):
    nodes_csv, links_csv = generate(tmp_path, SIZE, seed=3)
    nodes, links = rows(nodes_csv), rows(links_csv)
    assert len(links) == SIZE == read_manifest(tmp_path)["links"]
    assert {"Cluster", "Company", "Institute", "Person", "Alliance", "City", "Source"} <= {
        n["kind"] for n in nodes
    }
    clusters = [n for n in nodes if n["kind"] == "Cluster"]
    assert {c["country"] for c in clusters} == {"FR", "US", "JP"}
    assert {"MEMBER_OF", "LEADS", "BOARD_SEAT", "RD_PARTNER", "SUBSIDIARY_IN", "PARTNER_OF", "PARTY_TO"} <= {
        link["type"] for link in links
    }
    assert set(model.STATUSES) == {link["status"] for link in links}
    assert set(model.EVIDENCE) == {link["evidence"] for link in links}
    assert any(link["on_behalf_of"] for link in links if link["type"] == "BOARD_SEAT")
    people = [n for n in nodes if n["kind"] in ("Person", "Company", "Institute", "Cluster")]
    assert all("(S-" in n["name"] for n in people)  # visibly synthetic


def test_a_generated_ecosystem_loads_and_reloading_changes_nothing(empty_db, settings, tmp_path):
    paths = list(generate(tmp_path, SIZE, seed=3))
    manifest = read_manifest(tmp_path)
    summary = load(empty_db, settings, paths)
    assert summary.rows == manifest["nodes"] + manifest["links"]
    stated = count(
        empty_db,
        settings,
        "MATCH ()-[r]->() WHERE NOT type(r) IN ['LOCATED_IN', 'IN_COUNTRY'] RETURN count(r)",
    )
    assert stated == manifest["links"]
    again = load(empty_db, settings, paths)
    assert again.counts.astuple() == (0, 0, 0, 0)


@pytest.mark.parametrize("text, value", [("10k", 10_000), ("1M", 1_000_000), ("2500", 2500), ("1_000", 1000)])
def test_sizes_are_written_as_people_say_them(text, value):
    assert parse_count(text) == value


def test_statistics_helpers():
    samples = [1.0, 2.0, 3.0, 4.0, 100.0]
    assert median(samples) == 3.0
    assert percentile(samples, 0) == 1.0 and percentile(samples, 100) == 100.0
    assert 4.0 < p95(samples) < 100.0
    assert ratio(10.0, 4.0) == 2.5
