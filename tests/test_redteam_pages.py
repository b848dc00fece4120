"""Red team, the pages: only requests that name the explorer by its own address are answered,
HTML and WebSocket alike; a page elsewhere that rebinds its name to 127.0.0.1 gets nothing."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from explorer.app.hosts import HostCheck, allowed_hosts, host_allowed, host_name
from explorer.app.serving import stop, streamlit_command, wait_until_up
from explorer.drawing.layouts import LayoutCache, parse_report
from explorer.errors import UsageError
from explorer.localdb.server import free_port
from tests.app_helpers import open_page, texts, unescape
from tests.hostile import http_status

EXPLORER = str(Path(sys.executable).with_name("explorer"))


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("127.0.0.1:8501", "127.0.0.1"),
        ("LOCALHOST:8501", "localhost"),
        ("localhost.:8501", "localhost"),
        ("[::1]:8501", "::1"),
        ("[::1]", "::1"),
        ("atlas.example.org", "atlas.example.org"),
        ("evil.example:80:80", None),
        ("[::1", None),
        ("[::1]x", None),
        ("127.0.0.1:port", None),
        ("", None),
        ("évil.example", None),
        ("a b", None),
    ],
)
def test_the_name_in_a_host_header(header, name):
    assert host_name(header) == name


def test_loopback_names_the_bound_address_and_listed_names_are_allowed():
    assert allowed_hosts("127.0.0.1", {}) == {"localhost", "127.0.0.1", "::1"}
    names = allowed_hosts(
        "0.0.0.0", {"EXPLORER_ALLOWED_HOSTS": " Atlas.Example.org. , *.corp.example ,[2001:db8::1]"}
    )
    assert names == {"localhost", "127.0.0.1", "::1", "atlas.example.org", "*.corp.example", "2001:db8::1"}
    assert host_allowed("team.corp.example:443", names) and not host_allowed("corp.example.evil:443", names)
    assert not host_allowed("127.0.0.1.evil.example", names)


@pytest.mark.parametrize("listed", ["evil example", "http://atlas.example.org", "*.", "a..b", "x" * 300])
def test_a_malformed_allowed_host_is_a_usage_error(listed):
    with pytest.raises(UsageError, match="EXPLORER_ALLOWED_HOSTS"):
        allowed_hosts("127.0.0.1", {"EXPLORER_ALLOWED_HOSTS": listed})


def test_serve_refuses_a_malformed_allowed_host_in_one_line(tmp_path):
    env = {**os.environ, "EXPLORER_ALLOWED_HOSTS": "http://atlas.example.org"}
    done = subprocess.run([EXPLORER, "serve"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: EXPLORER_ALLOWED_HOSTS: 'http://atlas.example.org' is not a host name "
        "(list names as the browser shows them, separated by commas, such as atlas.example.org,*.example.org)"
    ]


def test_the_host_check_refuses_http_and_websocket_before_the_application():
    reached: list[str] = []

    async def application(scope: Any, receive: Any, send: Any) -> None:
        reached.append(scope["type"])

    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    check = HostCheck(application, allowed_hosts("127.0.0.1", {}))
    for kind, headers in [
        ("http", [(b"host", b"evil.example:8501")]),
        ("websocket", [(b"host", b"evil.example:8501")]),
        ("http", []),
        ("http", [(b"host", b"127.0.0.1:8501"), (b"host", b"evil.example")]),
    ]:
        asyncio.run(check({"type": kind, "headers": headers}, None, send))  # type: ignore[arg-type]
    assert reached == []
    assert [m.get("status") for m in sent if m["type"] == "http.response.start"] == [403, 403, 403]
    assert {"type": "websocket.close", "code": 1008} in sent
    asyncio.run(check({"type": "http", "headers": [(b"host", b"localhost:8501")]}, None, send))  # type: ignore[arg-type]
    asyncio.run(check({"type": "lifespan"}, None, send))  # type: ignore[arg-type]
    assert reached == ["http", "lifespan"]


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/_stcore/metrics/", "/atlas/_stcore/metrics"])
def test_streamlit_routes_the_explorer_does_not_use_are_closed_before_sign_in(path: str) -> None:
    reached: list[str] = []
    sent: list[dict[str, Any]] = []

    async def application(scope: Any, receive: Any, send: Any) -> None:
        reached.append(scope["path"])

    async def send(message: Any) -> None:
        sent.append(message)

    check = HostCheck(application, allowed_hosts("127.0.0.1", {}))
    host = [(b"host", b"127.0.0.1:8501")]
    asyncio.run(check({"type": "http", "headers": host, "path": path}, None, send))  # type: ignore[arg-type]
    asyncio.run(check({"type": "http", "headers": host, "path": "/_stcore/health"}, None, send))  # type: ignore[arg-type]
    assert reached == ["/_stcore/health"]
    assert [m.get("status") for m in sent if m["type"] == "http.response.start"] == [404]


def test_the_command_lists_the_allowed_hosts_for_streamlit_too():
    command = streamlit_command(8501, env={"EXPLORER_ALLOWED_HOSTS": "atlas.example.org"})
    assert [c for c in command if c.startswith("--server.allowedHosts=")] == [
        "--server.allowedHosts=127.0.0.1",
        "--server.allowedHosts=::1",
        "--server.allowedHosts=atlas.example.org",
        "--server.allowedHosts=localhost",
    ]


class Served:
    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="module")
def served(neo4j_server, driver, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """``explorer serve`` as users run it, with one name listed for a reverse proxy."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve-hosts") / "serve.log"
    env = {**os.environ, "EXPLORER_ALLOWED_HOSTS": "atlas.example.org"}
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [EXPLORER, "serve", "--port", str(port)], stdout=out, stderr=subprocess.STDOUT, env=env
        )
    try:
        if not wait_until_up(f"http://127.0.0.1:{port}/", process, timeout=240):
            raise AssertionError(log.read_text(errors="replace"))
        yield Served(port)
    finally:
        stop(process, timeout=30)


def _static_script(served: Served) -> str:
    with urllib.request.urlopen(served.url, timeout=30) as page:
        found = re.search(r'(/?static/js/[^"]+\.js)', page.read().decode())
    assert found, "the page links no script"
    return "/" + found.group(1).lstrip("/")


@pytest.mark.parametrize(
    "host", ["evil.example:{port}", "evil.example", "127.0.0.1.evil.example:{port}", None]
)
def test_a_foreign_host_gets_nothing(served, host):
    name = host.format(port=served.port) if host else None
    refused = {403} if name else {400, 403}  # HTTP/1.1 without a Host is a bad request to begin with
    for path in ("/", "/_stcore/health", _static_script(served), "/queries?name=board_seats"):
        assert http_status(served.port, path, name) in refused, (path, name)
    assert (
        http_status(served.port, "/_stcore/stream", name, websocket=True, origin=f"http://{name}") in refused
    )


@pytest.mark.parametrize(
    "host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "atlas.example.org"]
)
def test_the_explorers_own_names_are_answered(served, host):
    name = host.format(port=served.port)
    assert http_status(served.port, "/", name) == 200
    assert http_status(served.port, "/_stcore/health", name) == 200
    origin = f"http://{name}"
    assert http_status(served.port, "/_stcore/stream", name, websocket=True, origin=origin) == 101


@pytest.mark.browser
def test_a_page_that_rebinds_its_name_to_the_explorer_reads_nothing(served):
    playwright_api = pytest.importorskip("playwright.sync_api")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():  # pragma: no cover - .ci/run installs it
        pytest.skip("Debian's chromium is not installed")
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--host-resolver-rules=MAP evil.example 127.0.0.1",
    ]
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=args)
        try:
            page = browser.new_page()
            answer = page.goto(f"http://evil.example:{served.port}/queries?name=board_seats")
            assert answer is not None and answer.status == 403
            assert "answers only under its own address" in page.content()
            fetched = page.evaluate(
                "async () => (await fetch('/_stcore/health')).status"
            )  # the page's own script, same origin after the rebinding
            assert fetched == 403
            page.goto(served.url)
            page.wait_for_selector("[data-testid='stApp']", timeout=120_000)
        finally:
            browser.close()


def test_a_forgotten_layout_is_never_replaced_by_another_readers_report():
    cache = LayoutCache(64)
    first = {"a": (0, 0), "b": (100, 0)}
    assert cache.remember("k0", first)
    for n in range(64):  # 64 other graphs push the first one out
        cache.remember(f"other{n}", {"a": (n, n)})
    assert cache.get("k0") is None
    drawn = {"k0": frozenset({"a", "b"})}  # the attacker was shown the graph, as any reader is
    key, ugly = parse_report({"key": "k0", "positions": {"a": [0, 0], "b": [999_999, 999_999]}}, drawn)
    assert cache.remember(key, ugly) is False
    assert cache.get("k0") is None  # drawn afresh, never with the attacker's picture


def test_past_the_bound_of_decided_graphs_no_new_layout_is_taken():
    cache = LayoutCache(4, decided=10)
    for n in range(10):
        assert cache.remember(f"k{n}", {"a": (n, n)})
    assert cache.remember("k10", {"a": (1, 1)}) is False
    assert cache.get("k10") is None


def _adhoc(query: str, params: str = "") -> Any:
    at = open_page("queries")
    at.text_area(key="q.cypher").input(query)
    if params:
        at.text_input(key="q.cypher.params").input(params)
    next(b for b in at.button if b.key == "q.cypher.run").click().run()
    assert not at.exception
    return at


def test_the_pages_ad_hoc_box_refuses_a_parser_bomb(seeded_db):
    at = _adhoc("RETURN " + "CASE WHEN true THEN " * 300 + "1" + " ELSE 0 END" * 300)
    assert "nests 900 levels deep" in unescape(texts(at))


def test_the_pages_ad_hoc_box_cuts_huge_rows_by_size(seeded_db):
    at = _adhoc("UNWIND range(1,40) AS i RETURN reduce(s='x', j IN range(1,24) | s+s) AS big")
    assert "the result is larger than 32 MB (EXPLORER_RESULT_SIZE)" in unescape(texts(at))


def test_the_pages_ad_hoc_box_refuses_numbers_beyond_64_bits(seeded_db):
    at = _adhoc("RETURN $x AS x", '{"x": 99999999999999999999999}')
    assert "beyond the whole numbers Neo4j takes" in unescape(texts(at))
