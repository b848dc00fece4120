"""Sign-in in Debian's Chromium against a real OpenID Connect provider on loopback.

``explorer serve --sign-in`` runs as a shared explorer does (Streamlit's own ``st.login``
with an ``[auth]`` file, and a roles file); ``oidc-provider-mock`` plays the company's
identity provider. A reader signs in, can only suggest, signs out; an editor signs in and
changes a fact through the page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from explorer.app.serving import stop, wait_until_up
from explorer.config import Settings
from explorer.curation import facts
from explorer.localdb.server import LocalDatabase, free_port
from tests.conftest import ARTIFACTS, SEEDS, clear

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
oidc_provider_mock = pytest.importorskip("oidc_provider_mock")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
if not CHROMIUM.exists():  # pragma: no cover - .ci/run installs it
    pytest.skip("Debian's chromium is not installed (see .ci/run)", allow_module_level=True)

ROLES = 'unknown = "reader"\n[people]\n"eve@example.org" = "editor"\n'


class Site:
    def __init__(self, app: str, provider: str, log: Path) -> None:
        self.app, self.provider, self.log = app, provider, log

    def claims(self, sub: str, **claims: Any) -> None:
        """What the provider will say about ``sub`` when they sign in."""
        request = urllib.request.Request(
            f"{self.provider}/users/{urllib.parse.quote(sub, safe='')}",
            data=json.dumps({"email": sub, "email_verified": True, **claims}).encode(),
            method="PUT",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 204


@pytest.fixture(scope="module")
def site(
    neo4j_server: LocalDatabase,
    driver: neo4j.Driver,
    settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Site]:
    os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")  # plain http, on loopback only
    clear(driver, settings)
    from explorer.loaders import load

    load(driver, settings, [SEEDS])
    work = tmp_path_factory.mktemp("signin")
    with oidc_provider_mock.run_server_in_thread(port=0) as server:
        provider = f"http://127.0.0.1:{server.server_port}"
        port = free_port()
        app = f"http://127.0.0.1:{port}"
        auth = work / "auth.toml"
        auth.write_text(
            "[auth]\n"
            f'redirect_uri = "{app}/oauth2callback"\n'
            'cookie_secret = "a-test-cookie-secret-that-is-long-enough-0123456789"\n'
            'client_id = "cluster-atlas"\n'
            'client_secret = "any-secret"\n'
            f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        auth.chmod(0o600)  # it holds the cookie secret: the explorer refuses it readable by others
        roles = work / "roles.toml"
        roles.write_text(ROLES, encoding="utf-8")
        log = work / "serve.log"
        command = [
            str(Path(sys.executable).with_name("explorer")),
            "serve",
            "--port",
            str(port),
            "--sign-in",
            "--auth",
            str(auth),
            "--roles",
            str(roles),
        ]
        with open(log, "wb") as out:
            process = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, cwd=work, env=os.environ.copy()
            )
        try:
            if not wait_until_up(app + "/", process, timeout=240):
                raise AssertionError(f"explorer serve did not answer: {log.read_text(errors='replace')}")
            yield Site(app, provider, log)
        finally:
            stop(process, timeout=30)


@pytest.fixture
def page(site: Site) -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1500, "height": 1100})
        # The provider's form links a stylesheet on the internet: nothing leaves the machine.
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if urllib.parse.urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost")
                else route.abort()
            ),
        )
        opened = context.new_page()
        yield opened
        context.close()
        browser.close()


def sign_in(site: Site, page: Any, sub: str) -> None:
    expect = playwright_api.expect
    page.goto(site.app + "/")
    expect(page.get_by_text("Sign in to open Cluster Atlas")).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{site.provider}/oauth2/authorize?**", timeout=30_000)
    page.locator("input[name='sub']").fill(sub)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{site.app}/**", timeout=30_000)
    expect(page.get_by_text("Signed in as")).to_contain_text(sub, timeout=60_000)


def sign_out(site: Site, page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{site.provider}/oauth2/end_session?**", timeout=30_000)
    page.goto(site.app + "/")
    playwright_api.expect(page.get_by_text("Sign in to open Cluster Atlas")).to_be_visible(timeout=60_000)
    assert "_streamlit_user" not in {c["name"] for c in page.context.cookies(site.app)}


def open_biocom(site: Site, page: Any) -> None:
    page.goto(site.app + "/?focus=biocom")
    playwright_api.expect(page.get_by_text("History of this entity")).to_be_visible(timeout=60_000)


def test_a_reader_signs_in_can_only_suggest_and_signs_out(site: Site, page: Any) -> None:
    site.claims("rita@example.org", name="Rita")
    sign_in(site, page, "rita@example.org")
    playwright_api.expect(page.get_by_text("Signed in as")).to_contain_text("(reader)")
    open_biocom(site, page)
    playwright_api.expect(page.get_by_text("Suggest a correction")).to_be_visible(timeout=30_000)
    assert page.get_by_text("Change these facts").count() == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "signin-reader.png"), full_page=True)
    sign_out(site, page)


def test_an_editor_signs_in_and_changes_a_fact(
    site: Site, page: Any, driver: neo4j.Driver, settings: Settings
) -> None:
    site.claims("eve@example.org", name="Eve")
    sign_in(site, page, "eve@example.org")
    playwright_api.expect(page.get_by_text("Signed in as")).to_contain_text("(editor)")
    open_biocom(site, page)
    playwright_api.expect(page.get_by_text("Change these facts")).to_be_visible(timeout=30_000)
    page.get_by_text("Change these facts").click()
    page.locator("input[aria-label='Name'][value='Biocom']").fill("Biocom California")
    page.locator("input[aria-label='Why (required to edit, retire or merge)']:visible").first.fill(
        "its full name"
    )
    page.locator("button:visible", has_text="Save").first.click()
    playwright_api.expect(page.get_by_text("Saved as change")).to_be_visible(timeout=60_000)
    now = facts.read_fact(driver, settings, "entity:biocom")
    assert now.props["name"] == "Biocom California" and now.changed_by == "eve@example.org"
    sign_out(site, page)


def test_unverified_and_chosen_claims_never_sign_as_someone_else(
    site: Site, page: Any, driver: neo4j.Driver, settings: Settings
) -> None:
    site.claims(
        "mallory-7", email="eve@example.org", email_verified=False, preferred_username="eve@example.org"
    )
    page.goto(site.app + "/")
    playwright_api.expect(page.get_by_text("Sign in to open Cluster Atlas")).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{site.provider}/oauth2/authorize?**", timeout=30_000)
    page.locator("input[name='sub']").fill("mallory-7")
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{site.app}/**", timeout=30_000)
    signed = page.get_by_text("Signed in as")
    playwright_api.expect(signed).to_contain_text("mallory-7", timeout=60_000)
    playwright_api.expect(signed).to_contain_text("(reader)")
    assert "eve@example.org" not in signed.inner_text()
    sign_out(site, page)
