"""Red team: reading articles stays bounded in size and time, whatever the article holds."""

from __future__ import annotations

import contextlib
import dataclasses
import threading
import time

import neo4j
import pytest

from explorer import defaults
from explorer.config import Settings
from explorer.errors import ExplorerError, InvalidInput, UsageError
from explorer.ingest.bounded import Busy, Cancelled, ReadingPool, TimeUp, graph_names, read_bounded
from explorer.ingest.proposals import SourceInfo, load_article
from explorer.ingest.text import TooLarge, decode, read_article, sentence_spans

CUE = "membre du pôle "


def seconds(job) -> float:  # type: ignore[no-untyped-def]
    began = time.monotonic()
    job()
    return time.monotonic() - began


@pytest.mark.parametrize(
    "markup",
    ["<a " * 20_000, "<p>" + "<a " * 20_000, "<!--" * 20_000, "<" * 60_000, "<p " + 'x="' * 20_000],
    ids=["open-anchors", "anchors-in-p", "comments", "angles", "quotes"],
)
def test_hostile_html_is_set_aside_in_linear_time(markup: str) -> None:
    small = seconds(lambda: _try(markup[: len(markup) // 10], "html"))
    large = seconds(lambda: _try(markup, "html"))
    assert large < 2.0, f"{large:.2f} s for {len(markup):,} characters"
    assert large < max(0.05, small) * 30  # ten times the text, not a hundred times the time


def _try(text: str, fmt: str) -> None:
    with contextlib.suppress(InvalidInput):  # empty once the markup is set aside: one line, fine
        read_article(text.encode(), fmt=fmt)  # type: ignore[arg-type]


def test_hostile_markdown_is_linear() -> None:
    text = "[x](" * 30_000 + "\n" + "**" * 30_000
    assert seconds(lambda: _try(text, "markdown")) < 2.0


def test_a_long_run_without_sentence_ends_is_cut_in_bounded_sentences() -> None:
    paragraph = (CUE * 6_000).strip()
    took = seconds(lambda: sentence_spans(paragraph, frozenset()))
    spans = sentence_spans(paragraph, frozenset())
    assert took < 1.0 and len(spans) > 100
    assert max(end - start for start, end in spans) <= 600
    assert "".join(paragraph[s:e] for s, e in spans).replace(" ", "") == paragraph.replace(" ", "")


def test_size_limits_say_bytes_or_characters_in_one_line() -> None:
    with pytest.raises(TooLarge) as raw:
        load_article(b"a " * (defaults.INGEST_MAX_BYTES // 2 + 1))
    assert raw.value.unit == "bytes" and "\n" not in raw.value.message
    with pytest.raises(TooLarge) as text:
        load_article(("Une phrase. " * (defaults.INGEST_MAX_CHARACTERS // 10)).encode())
    assert text.value.unit == "characters"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:x"]
)
def test_a_source_address_that_is_not_a_web_address_is_refused(url: str) -> None:
    with pytest.raises(InvalidInput, match="not a web address"):
        SourceInfo(url=url).check()
    SourceInfo(url="https://example.org/a").check()


@pytest.fixture
def names(empty_db: neo4j.Driver, settings: Settings):  # type: ignore[no-untyped-def]
    return graph_names(empty_db, settings)


def test_a_reading_past_its_time_is_stopped_from_outside(names) -> None:  # type: ignore[no-untyped-def]
    pool = ReadingPool(1, timeout=0.5)
    article = load_article((("La société Vexalis est " + CUE + "Eurobiomed. ") * 2_000).encode())
    try:
        began = time.monotonic()
        with pytest.raises(TimeUp) as up:
            pool.read(article, "fr", names)
        assert up.value.phase == "reading" and "\n" not in up.value.message
        assert "nothing was queued" in up.value.message
        assert time.monotonic() - began < defaults.INGEST_PREPARE
        assert pool.busy == 0 and not pool._idle  # the worker was stopped, not kept
    finally:
        pool.close()


def test_a_reading_nobody_waits_for_stops_and_a_full_pool_refuses_at_once(names) -> None:  # type: ignore[no-untyped-def]
    pool = ReadingPool(1, timeout=120.0)
    article = load_article((("La société Vexalis est " + CUE + "Eurobiomed. ") * 2_000).encode())
    leave = threading.Event()
    outcome: list[BaseException] = []

    def first() -> None:
        try:
            pool.read(article, "fr", names, cancelled=leave.is_set)
        except ExplorerError as e:
            outcome.append(e)

    thread = threading.Thread(target=first)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while pool.busy == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        with pytest.raises(Busy, match="nothing was queued"):
            pool.read(article, "fr", names)  # refused at once, not waiting behind the first
        leave.set()
        thread.join(10)
        assert not thread.is_alive() and isinstance(outcome[0], Cancelled)
        assert pool.busy == 0
    finally:
        leave.set()
        pool.close()


def test_a_plain_article_reads_within_bounds(empty_db: neo4j.Driver, settings: Settings) -> None:
    article = load_article("La medtech Vexalis devient membre du pôle Eurobiomed depuis 2024.".encode())
    bounded = dataclasses.replace(settings, ingest_timeout=120.0, ingest_workers=1)
    reading = read_bounded(empty_db, bounded, article, "fr")
    assert any(e.name == "Vexalis" for e in reading.entities)


@pytest.mark.parametrize("encoding", ["rot13", "base64", "zlib", "hex", "no-such-thing"])
def test_a_codec_that_is_not_a_text_encoding_is_one_line(encoding: str) -> None:
    with pytest.raises(UsageError, match="unknown encoding"):
        decode(b"Vexalis rejoint Eurobiomed.", encoding)


@pytest.mark.parametrize("data", [b"\xff\xfe\x00\xd8", b"\xff\xfea\x00b", b"\xfe\xff\xdc\x00"])
def test_a_malformed_utf16_article_is_one_line(data: bytes) -> None:
    with pytest.raises(InvalidInput, match="not UTF-16"):
        decode(data)
