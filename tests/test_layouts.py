"""Remembered layouts: the key of a graph's layout, the checks on a page's report, the cache,
and how a drawing uses a remembered layout."""

from __future__ import annotations

import json
import math
import os
import re
import threading

import pytest

from explorer.database.results import GraphData
from explorer.drawing import render
from explorer.drawing.document import Highlight
from explorer.drawing.layouts import (
    COORDINATE_LIMIT,
    FILE_BYTES,
    MAX_NODES,
    LayoutCache,
    layout_key,
    parse_report,
)
from explorer.drawing.render import draw
from explorer.errors import InvalidInput
from tests.builders import entity, tie

NODES = [("a", "Company"), ("b", "Cluster"), ("c", "Person")]
RELS = [("a", "MEMBER_OF", "b"), ("c", "BOARD_SEAT", "b")]


def graph(name_a: str = "Abreos") -> GraphData:
    return GraphData(
        nodes={
            "a": entity("a", "Company", name_a),
            "b": entity("b", "Cluster", "Biocom"),
            "c": entity("c", "Person", "Bruno"),
        },
        rels={
            "r1": tie("r1", "MEMBER_OF", "a", "b"),
            "r2": tie("r2", "BOARD_SEAT", "c", "b", status="planned"),
        },
    )


def layout_of(page: str) -> dict | None:
    found = re.search(r'<script type="application/json" id="atlas-layout">(.*?)</script>', page, re.S)
    return json.loads(found.group(1)) if found else None


# -- the key --------------------------------------------------------------------------------


def test_layout_key_ignores_order() -> None:
    assert layout_key(NODES, RELS, {"x": 1}) == layout_key(NODES[::-1], RELS[::-1], {"x": 1})


@pytest.mark.parametrize(
    ("nodes", "rels", "options"),
    [
        (NODES[:2], RELS, {"x": 1}),  # a node less
        ([("a", "Institute"), *NODES[1:]], RELS, {"x": 1}),  # another kind (another size)
        (NODES, RELS[:1], {"x": 1}),  # a relationship less
        (NODES, [*RELS, RELS[0]], {"x": 1}),  # a relationship drawn twice pulls twice
        (NODES, RELS, {"x": 2}),  # other physics
    ],
)
def test_layout_key_changes_with_what_moves_nodes(nodes: list, rels: list, options: dict) -> None:
    assert layout_key(nodes, rels, options) != layout_key(NODES, RELS, {"x": 1})


def test_names_language_and_highlight_keep_the_layout() -> None:
    plain = draw(graph()).layout
    assert draw(graph(name_a="<b>Other name</b>")).layout == plain
    assert draw(graph(), lang="fr").layout == plain
    assert draw(graph(), highlight=Highlight.of(["a", "b"], ["r1"])).layout == plain
    assert draw(graph(), focus="a").layout != plain  # the focus is marked bigger
    assert draw(graph(), positions={"a": (0, 0)}).layout != plain


# -- reports from the page -------------------------------------------------------------------


DRAWN = {"k1": frozenset({"a", "b"})}


def test_a_good_report_is_parsed_and_rounded() -> None:
    key, positions = parse_report({"key": "k1", "positions": {"a": [1.4, -2.6], "b": [0, 3]}}, DRAWN)
    assert key == "k1"
    assert positions == {"a": (1, -3), "b": (0, 3)}


@pytest.mark.parametrize(
    "report",
    [
        None,
        "k1",
        [],
        {"key": "k1"},
        {"key": "k1", "positions": {"a": [0, 0], "b": [0, 0]}, "extra": 1},
        {"key": "unknown", "positions": {"a": [0, 0], "b": [0, 0]}},  # not drawn for this reader
        {"key": 1, "positions": {"a": [0, 0], "b": [0, 0]}},
        {"key": "k1", "positions": {"a": [0, 0]}},  # a node missing
        {"key": "k1", "positions": {"a": [0, 0], "b": [0, 0], "z": [0, 0]}},  # a node never drawn
        {"key": "k1", "positions": {"a": [0, 0], "z": [0, 0]}},
        {"key": "k1", "positions": [["a", 0, 0], ["b", 0, 0]]},
        {"key": "k1", "positions": {"a": [0], "b": [0, 0]}},
        {"key": "k1", "positions": {"a": [0, 0, 0], "b": [0, 0]}},
        {"key": "k1", "positions": {"a": ["0", 0], "b": [0, 0]}},
        {"key": "k1", "positions": {"a": [True, 0], "b": [0, 0]}},
        {"key": "k1", "positions": {"a": [math.nan, 0], "b": [0, 0]}},
        {"key": "k1", "positions": {"a": [math.inf, 0], "b": [0, 0]}},
        {"key": "k1", "positions": {"a": [COORDINATE_LIMIT + 1, 0], "b": [0, 0]}},
        {"key": "k1", "positions": {"a": None, "b": [0, 0]}},
    ],
)
def test_a_bad_report_is_refused(report: object) -> None:
    with pytest.raises(InvalidInput):
        parse_report(report, DRAWN)


def test_a_huge_report_is_refused_before_it_is_read() -> None:
    nodes = frozenset(str(i) for i in range(MAX_NODES + 1))
    positions = {n: [0, 0] for n in nodes}
    with pytest.raises(InvalidInput, match="at most"):
        parse_report({"key": "big", "positions": positions}, {"big": nodes})


# -- the cache -------------------------------------------------------------------------------


def test_the_first_layout_reported_is_kept() -> None:
    cache = LayoutCache(4)
    assert cache.remember("k", {"a": (1, 2)})
    assert not cache.remember("k", {"a": (9, 9)})  # a second reader's report changes nothing
    assert cache.get("k") == {"a": (1, 2)}
    assert cache.get("other") is None


def test_the_least_recently_used_layout_goes_first() -> None:
    cache = LayoutCache(2)
    cache.remember("one", {"a": (1, 1)})
    cache.remember("two", {"a": (2, 2)})
    assert cache.get("one") is not None  # "one" is now the most recently used
    cache.remember("three", {"a": (3, 3)})
    assert "one" in cache and "three" in cache and "two" not in cache
    assert len(cache) == 2


def test_a_cache_of_size_zero_remembers_nothing() -> None:
    cache = LayoutCache(0)
    assert not cache.remember("k", {"a": (1, 2)})
    assert cache.get("k") is None


def test_the_cache_is_safe_across_threads() -> None:
    cache = LayoutCache(50)

    def work(offset: int) -> None:
        for i in range(500):
            cache.remember(f"k{(i + offset) % 80}", {"a": (i, i)})
            cache.get(f"k{i % 80}")

    threads = [threading.Thread(target=work, args=(n * 7,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache) == 50


# -- drawing ---------------------------------------------------------------------------------


def test_a_first_drawing_computes_its_layout_and_says_which_one() -> None:
    cache = LayoutCache()
    drawing = draw(graph(), layouts=cache)
    assert not drawing.remembered
    assert drawing.nodes == frozenset({"a", "b", "c"})
    assert layout_of(drawing.html) is None
    document = json.loads(re.search(r'id="atlas-data">(.*?)</script>', drawing.html, re.S).group(1))
    assert document["layout"] == drawing.layout
    assert document["options"]["physics"]["enabled"] is True


def test_a_remembered_layout_is_drawn_as_it_was() -> None:
    cache = LayoutCache()
    first = draw(graph(), layouts=cache)
    cache.remember(first.layout, {"a": (10, -20), "b": (0, 0), "c": (35, 5)})
    again = draw(graph(), layouts=cache)
    assert again.remembered
    assert layout_of(again.html) == {"positions": {"a": [10, -20], "b": [0, 0], "c": [35, 5]}}
    # The page is the same but for the layout: the frame keeps what it already shows.
    assert again.identity == first.identity
    assert again.html != first.html
    # The same graph in French, or with a path highlighted, is drawn where it was too.
    assert draw(graph(), lang="fr", layouts=cache).remembered


def test_a_drawing_without_physics_or_cache_ignores_remembered_layouts() -> None:
    cache = LayoutCache()
    first = draw(graph(), layouts=cache)
    cache.remember(first.layout, {"a": (1, 1), "b": (2, 2), "c": (3, 3)})
    assert not draw(graph()).remembered
    assert not draw(graph(), layouts=cache, physics=False).remembered


def test_render_graph_is_the_page_of_draw() -> None:
    cache = LayoutCache()
    first = draw(graph(), layouts=cache)
    cache.remember(first.layout, {"a": (1, 1), "b": (2, 2), "c": (3, 3)})
    assert render.render_graph(graph(), layouts=cache) == draw(graph(), layouts=cache).html


def test_remembered_ids_with_markup_stay_inside_their_element() -> None:
    hostile = "</script><img src=x onerror=alert(1)>"
    data = GraphData(nodes={hostile: entity(hostile, "Company", hostile)}, rels={})
    cache = LayoutCache()
    first = draw(data, layouts=cache)
    cache.remember(first.layout, {hostile: (0, 0)})
    page = draw(data, layouts=cache).html
    assert "<img" not in page
    assert layout_of(page) == {"positions": {hostile: [0, 0]}}


def test_how_many_layouts_are_remembered_is_a_setting() -> None:
    from explorer.config import load_settings
    from explorer.errors import UsageError

    assert load_settings({}).layouts == 64
    assert load_settings({"EXPLORER_LAYOUTS": "0"}).layouts == 0
    with pytest.raises(UsageError, match="EXPLORER_LAYOUTS"):
        load_settings({"EXPLORER_LAYOUTS": "many"})


# -- kept from one start to the next ----------------------------------------------------------

KEY = "0123456789abcdef0123456789abcdef"
OTHER = "fedcba9876543210fedcba9876543210"


def test_a_layout_remembered_by_one_process_is_drawn_by_the_next(tmp_path) -> None:
    folder = tmp_path / "layouts"
    first = LayoutCache(4, folder=folder)
    drawing = draw(graph(), layouts=first)
    assert first.remember(drawing.layout, {"a": (10, -20), "b": (0, 0), "c": (35, 5)})
    restarted = LayoutCache(4, folder=folder)  # a new process over the same home
    again = draw(graph(), layouts=restarted)
    assert again.remembered
    assert layout_of(again.html) == {"positions": {"a": [10, -20], "b": [0, 0], "c": [35, 5]}}
    # Decided on disk: no report replaces it after the restart either.
    assert not restarted.remember(drawing.layout, {"a": (1, 1), "b": (2, 2), "c": (3, 3)})
    assert LayoutCache(4, folder=folder).get(drawing.layout) == {"a": (10, -20), "b": (0, 0), "c": (35, 5)}


def test_files_are_written_whole_and_only_for_the_owner(tmp_path) -> None:
    folder = tmp_path / "layouts"
    LayoutCache(4, folder=folder).remember(KEY, {"a": (1, 2)})
    assert [p.name for p in folder.iterdir()] == [f"{KEY}.json"]  # no temporary file left
    assert json.loads((folder / f"{KEY}.json").read_text()) == {"key": KEY, "positions": {"a": [1, 2]}}
    assert folder.stat().st_mode & 0o077 == 0
    assert (folder / f"{KEY}.json").stat().st_mode & 0o077 == 0


def test_the_folder_keeps_at_most_size_layouts_the_least_recently_used_going_first(tmp_path) -> None:
    folder = tmp_path / "layouts"
    keys = [f"{i:032x}" for i in range(5)]
    cache = LayoutCache(3, folder=folder)
    for i, key in enumerate(keys[:3]):
        cache.remember(key, {"a": (i, i)})
        os.utime(folder / f"{key}.json", ns=(i * 10**9, i * 10**9))  # written a second apart
    assert LayoutCache(3, folder=folder).get(keys[0]) is not None  # now the most recently used
    cache.remember(keys[3], {"a": (3, 3)})
    assert sorted(p.stem for p in folder.iterdir()) == sorted([keys[0], keys[2], keys[3]])


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00",
        b"[]",
        b'{"key": "fedcba9876543210fedcba9876543210", "positions": {"a": [1, 2]}}',  # another key
        b'{"key": "0123456789abcdef0123456789abcdef"}',
        b'{"key": "0123456789abcdef0123456789abcdef", "positions": {}}',
        b'{"key": "0123456789abcdef0123456789abcdef", "positions": {"a": [1]}}',
        b'{"key": "0123456789abcdef0123456789abcdef", "positions": {"a": ["1", 2]}}',
        b'{"key": "0123456789abcdef0123456789abcdef", "positions": {"a": [NaN, 2]}}',
        b'{"key": "0123456789abcdef0123456789abcdef", "positions": {"a": [1e300, 2]}}',
        b'{"key": "0123456789abcdef0123456789abcdef", "positions": {"a": [1, 2]}, "pad": "'
        + b"x" * (FILE_BYTES)
        + b'"}',
    ],
)
def test_a_damaged_file_is_ignored_and_a_new_layout_replaces_it(tmp_path, content: bytes) -> None:
    folder = tmp_path / "layouts"
    folder.mkdir(mode=0o700)
    (folder / f"{KEY}.json").write_bytes(content)
    cache = LayoutCache(4, folder=folder)
    assert cache.get(KEY) is None
    assert cache.remember(KEY, {"a": (5, 6)})
    assert LayoutCache(4, folder=folder).get(KEY) == {"a": (5, 6)}


def test_too_many_places_in_a_file_are_ignored(tmp_path) -> None:
    folder = tmp_path / "layouts"
    folder.mkdir(mode=0o700)
    positions = {f"n{i}": [0, 0] for i in range(MAX_NODES + 1)}
    (folder / f"{KEY}.json").write_text(json.dumps({"key": KEY, "positions": positions}))
    assert LayoutCache(4, folder=folder).get(KEY) is None


def test_only_files_named_by_a_key_are_read(tmp_path) -> None:
    folder = tmp_path / "layouts"
    folder.mkdir(mode=0o700)
    (folder / "notes.json").write_text(json.dumps({"key": "notes", "positions": {"a": [1, 2]}}))
    cache = LayoutCache(4, folder=folder)
    assert cache.get("notes") is None
    assert cache.get("../layouts/notes") is None
    cache.remember("notes", {"a": (1, 2)})  # kept in memory, never written under another name
    assert sorted(p.name for p in folder.iterdir()) == ["notes.json"]
    assert (folder / "notes.json").read_text() == json.dumps({"key": "notes", "positions": {"a": [1, 2]}})


def test_a_folder_that_cannot_be_written_leaves_layouts_in_memory(tmp_path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    cache = LayoutCache(4, folder=blocked / "layouts")
    assert cache.remember(KEY, {"a": (1, 2)})
    assert cache.get(KEY) == {"a": (1, 2)}
    assert LayoutCache(4, folder=blocked / "layouts").get(KEY) is None


def test_a_cache_of_size_zero_neither_reads_nor_writes_files(tmp_path) -> None:
    folder = tmp_path / "layouts"
    LayoutCache(4, folder=folder).remember(KEY, {"a": (1, 2)})
    none = LayoutCache(0, folder=folder)
    assert none.get(KEY) is None
    assert not none.remember(OTHER, {"a": (1, 2)})
    assert sorted(p.stem for p in folder.iterdir()) == [KEY]
