"""The deployment a team copies: Debian's nginx with the repository's ``deploy/nginx.conf`` (TLS
ended by nginx, the WebSocket upgraded, sticky routes), two ``explorer serve --sign-in``
replicas behind it, and ``oidc-provider-mock`` as the company's identity provider. In
Chromium, a reader and an editor sign in through the proxy, each pinned to another replica,
and keep their session and role page after page.
"""

from __future__ import annotations

import os
import re
import shutil
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j
import pytest

from explorer.app.serving import stop, wait_until_up
from explorer.config import Settings
from explorer.localdb.server import LocalDatabase, free_port
from tests.conftest import ARTIFACTS, ROOT, SEEDS, clear
from tests.test_browser_signin import ARGS, CHROMIUM, ROLES, Site

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]  # nginx, two replicas, a provider, Chromium

playwright_api = pytest.importorskip("playwright.sync_api")
oidc_provider_mock = pytest.importorskip("oidc_provider_mock")

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
if not Path(NGINX).exists():  # pragma: no cover - .ci/run installs it
    pytest.skip("Debian's nginx is not installed (see .ci/run)", allow_module_level=True)

NAME = "atlas.test"  # the proxy's name, resolved to loopback by Chromium only
ROUTE = "atlas_route"


@dataclass
class Proxied:
    url: str
    port: int
    replicas: tuple[int, int]
    site: Site
    access_log: Path

    def served_by(self, path: str, route: str | None = None, host: str = NAME) -> tuple[int, int]:
        """Ask the proxy for ``path`` (with the sticky ``route`` cookie): the status and the
        port of the replica that answered."""
        request = urllib.request.Request(f"https://127.0.0.1:{self.port}{path}", headers={"Host": host})
        if route:
            request.add_header("Cookie", f"{ROUTE}={route}")
        try:
            with urllib.request.urlopen(
                request, timeout=30, context=ssl._create_unverified_context()
            ) as answer:
                status = answer.status
        except urllib.error.HTTPError as error:
            status = error.code
        time.sleep(0.1)
        last = self.access_log.read_text(encoding="utf-8").splitlines()[-1]
        return status, int(re.search(r"upstream=127\.0\.0\.1:(\d+)", last).group(1))  # type: ignore[union-attr]

    def log_lines(self) -> list[tuple[str, int, str]]:
        """Each proxied request: its route, the replica's port, the request line."""
        found = []
        for line in self.access_log.read_text(encoding="utf-8").splitlines():
            match = re.search(r'"([^"]*)" (\d+) .* upstream=127\.0\.0\.1:(\d+) route=(\S+)', line)
            if match:
                found.append((match.group(4), int(match.group(3)), f"{match.group(2)} {match.group(1)}"))
        return found


def site_config(cert: Path, key: Path, port: int, replicas: tuple[int, int], log: Path) -> str:
    """The repository's configuration, on loopback ports and with this test's certificate."""
    text = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    for old, new in (
        ("listen [::]:80;\n", ""),
        ("listen [::]:443 ssl;\n", ""),
        ("listen 80;", f"listen 127.0.0.1:{free_port()};"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;"),
        ("/etc/ssl/certs/atlas.example.org.pem", str(cert)),
        ("/etc/ssl/private/atlas.example.org.key", str(key)),
        ("atlas.example.org", NAME),
        ("127.0.0.1:8601", f"127.0.0.1:{replicas[0]}"),
        ("127.0.0.1:8602", f"127.0.0.1:{replicas[1]}"),
        ("/var/log/nginx/cluster-atlas.log", str(log)),
    ):
        assert old in text, old
        text = text.replace(old, new)
    return text


def start_nginx(work: Path, site: str) -> subprocess.Popen[bytes]:
    (work / "site.conf").write_text(site, encoding="utf-8")
    temps = "\n".join(
        f"    {name}_temp_path {work / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {work / 'nginx.pid'};\nevents {{ worker_connections 256; }}\n"
        f"http {{\n{temps}\n    access_log off;\n    include {work / 'site.conf'};\n}}\n",
        encoding="utf-8",
    )
    base = [NGINX, "-p", str(work), "-e", str(work / "error.log"), "-c", str(work / "nginx.conf")]
    checked = subprocess.run([*base, "-t"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    return subprocess.Popen([*base, "-g", "daemon off;"], stderr=subprocess.DEVNULL)


def start_replica(work: Path, port: int, auth: Path, roles: Path) -> subprocess.Popen[bytes]:
    log = work / f"replica-{port}.log"
    command = [str(Path(sys.executable).with_name("explorer")), "serve", "--port", str(port), "--sign-in"]
    env = {**os.environ, "EXPLORER_ALLOWED_HOSTS": NAME}
    with open(log, "wb") as out:
        return subprocess.Popen(
            [*command, "--auth", str(auth), "--roles", str(roles)],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=work,
            env=env,
        )


@pytest.fixture(scope="module")
def proxied(
    neo4j_server: LocalDatabase,
    driver: neo4j.Driver,
    settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Proxied]:
    os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")  # the provider is plain http, on loopback
    clear(driver, settings)
    from explorer.loaders import load

    load(driver, settings, [SEEDS])
    work = tmp_path_factory.mktemp("proxy")
    cert, key = work / "cert.pem", work / "key.pem"
    openssl = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    names = ["-subj", f"/CN={NAME}", "-addext", f"subjectAltName=DNS:{NAME}"]
    subprocess.run(
        [*openssl, *names, "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True
    )
    port, replicas = free_port(), (free_port(), free_port())
    url = f"https://{NAME}:{port}"
    with oidc_provider_mock.run_server_in_thread(port=0) as server:
        provider = f"http://127.0.0.1:{server.server_port}"
        auth, roles = work / "auth.toml", work / "roles.toml"
        auth.write_text(
            f'[auth]\nredirect_uri = "{url}/oauth2callback"\n'
            'cookie_secret = "a-test-cookie-secret-that-is-long-enough-0123456789"\n'
            'client_id = "cluster-atlas"\nclient_secret = "any-secret"\n'
            f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        auth.chmod(0o600)  # a secret: serve refuses a file other accounts may read
        roles.write_text(ROLES, encoding="utf-8")
        processes = [start_replica(work, p, auth, roles) for p in replicas]
        access = work / "access.log"
        nginx = start_nginx(work, site_config(cert, key, port, replicas, access))
        try:
            for p, process in zip(replicas, processes, strict=True):
                if not wait_until_up(f"http://127.0.0.1:{p}/", process, timeout=240):
                    raise AssertionError((work / f"replica-{p}.log").read_text(errors="replace"))
            yield Proxied(url, port, replicas, Site(url, provider, access), access)
        finally:
            nginx.terminate()
            nginx.wait(timeout=30)
            for process in processes:
                stop(process, timeout=30)


def route_to(proxied: Proxied, replica: int) -> str:
    """A route cookie that the proxy sends to ``replica``."""
    for n in range(64):
        if proxied.served_by("/_stcore/health", f"probe-{n}")[1] == replica:
            return f"probe-{n}"
    raise AssertionError(f"no route reaches {replica}")


@pytest.fixture
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        opened = p.chromium.launch(
            executable_path=str(CHROMIUM), args=[*ARGS, f"--host-resolver-rules=MAP {NAME} 127.0.0.1"]
        )
        yield opened
        opened.close()


def tab(browser: Any, proxied: Proxied, route: str) -> Any:
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, ignore_https_errors=True)
    context.add_cookies(
        [{"name": ROUTE, "value": route, "domain": NAME, "path": "/", "secure": True, "httpOnly": True}]
    )
    local = (NAME, "127.0.0.1", "localhost")
    context.route(
        "**/*",
        lambda r: r.continue_() if urllib.parse.urlsplit(r.request.url).hostname in local else r.abort(),
    )
    opened = context.new_page()
    opened.set_default_navigation_timeout(120_000)  # a busy machine: two replicas and a browser
    return opened


def sign_in(proxied: Proxied, page: Any, sub: str) -> None:
    expect = playwright_api.expect
    page.goto(proxied.url + "/")
    expect(page.get_by_text("Sign in to open Cluster Atlas")).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{proxied.site.provider}/oauth2/authorize?**", timeout=120_000)
    page.locator("input[name='sub']").fill(sub)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{proxied.url}/**", timeout=120_000)
    expect(page.get_by_text("Signed in as")).to_contain_text(sub, timeout=60_000)


def test_the_proxy_passes_its_name_and_the_replicas_refuse_any_other(proxied: Proxied) -> None:
    assert proxied.served_by("/_stcore/health")[0] == 200
    status, _ = proxied.served_by("/", host="evil.example")  # the replicas' Host allow-list
    assert status == 403


def test_a_reader_and_an_editor_keep_their_session_and_role_on_two_replicas(
    proxied: Proxied, browser: Any
) -> None:
    expect = playwright_api.expect
    first, second = proxied.replicas
    people = {
        "rita@example.org": ("reader", route_to(proxied, first), "Suggest a correction"),
        "eve@example.org": ("editor", route_to(proxied, second), "Change these facts"),
    }
    pages = {}
    for sub, (role, route, _) in people.items():
        proxied.site.claims(sub, name=sub.split("@")[0].title())
        pages[sub] = tab(browser, proxied, route)
        sign_in(proxied, pages[sub], sub)
        expect(pages[sub].get_by_text("Signed in as")).to_contain_text(f"({role})")
    for path in ("/?focus=biocom", "/paths?from=biocom&to=eurobiomed", "/?focus=biocom"):
        for sub, (role, _, may) in people.items():
            page = pages[sub]
            page.goto(proxied.url + path)
            expect(page.get_by_text("Signed in as")).to_contain_text(f"{sub} ({role})", timeout=60_000)
            if "focus" in path:
                expect(page.get_by_text(may)).to_be_visible(timeout=60_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pages["eve@example.org"].screenshot(path=str(ARTIFACTS / "proxy-editor.png"), full_page=True)
    assert pages["rita@example.org"].get_by_text("Change these facts").count() == 0
    lines = proxied.log_lines()
    for sub, (_, route, _) in people.items():
        mine = [(port, request) for r, port, request in lines if r == route]
        replica = first if sub.startswith("rita") else second
        assert mine and {port for port, _ in mine} == {replica}, mine
        # every page's WebSocket went through the proxy, upgraded
        assert any(request.startswith("101 GET /_stcore/stream") for _, request in mine), mine
