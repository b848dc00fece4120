"""The database as the pages see it: one shared driver, banners for problems, and page context."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator

import neo4j
import streamlit as st

from explorer import i18n
from explorer.app.state import Context, lang, tr
from explorer.config import Settings, load_settings
from explorer.database.errors import translated
from explorer.database.session import data_version
from explorer.errors import ExplorerError
from explorer.escaping import markdown_text
from explorer.localdb.connecting import connect, local_settings
from explorer.views import network

__all__ = [
    "cache_key",
    "connection",
    "database_key",
    "error_banner",
    "facets",
    "guard",
    "open_page",
]

#: Problems that end a page: the database cannot be used at all (a Retry button follows).
_UNAVAILABLE = ("unreachable", "auth")


@st.cache_resource(show_spinner=False, max_entries=4)
def _driver(key: tuple[str, ...], _settings: Settings) -> neo4j.Driver:
    """One driver per database and credentials, shared by every session of the process.

    It is cached only once it answered: a driver that could not connect is never kept,
    so the next rerun tries again and the app recovers when the database comes back.
    ``key`` (the address and credentials) picks the driver; ``_settings`` is not hashed.
    """
    driver = connect(_settings)
    try:
        with translated(_settings):
            driver.verify_connectivity()
    except BaseException:
        driver.close()
        raise
    return driver


def database_key(settings: Settings) -> tuple[str, ...]:
    """Which database and credentials ``settings`` name (the password only as a digest)."""
    secret = hashlib.sha256(settings.password.encode()).hexdigest()
    return (str(settings.uri), settings.username, secret, str(settings.database))


def connection() -> tuple[neo4j.Driver, Settings]:
    """The shared driver and the pages' settings; read afresh each rerun (a restarted database is found)."""
    settings = local_settings().for_pages()
    return _driver(database_key(settings), settings), settings


def error_banner(error: ExplorerError, *, retry_key: str | None = "retry") -> None:
    """An error as a banner: what went wrong, the detail, and what to do next; never a traceback."""
    kind = i18n.problem_key(error)
    title = tr(f"error.{kind}")
    next_key = f"error.{kind}.next"
    lines = [f"**{title}**", markdown_text(error.message)]
    if next_key in i18n.MESSAGES:
        lines.append(tr(next_key, seconds=_timeout()))
    elif error.hint:
        lines.append(markdown_text(error.hint))
    st.error("\n\n".join(lines), icon=":material/error:")
    if retry_key and kind in _UNAVAILABLE:
        st.button(tr("error.retry"), key=retry_key, icon=":material/refresh:")


def _timeout() -> float:
    try:
        return load_settings().ui_timeout
    except ExplorerError:
        return 15.0


@contextlib.contextmanager
def guard(*, stop: bool = True) -> Iterator[None]:
    """Show an ``ExplorerError`` raised inside as a banner, then stop the page.

    With ``stop=False`` the page goes on after a banner, unless the database itself is
    out of reach: then nothing else on the page could work (and one banner is enough).
    """
    try:
        yield
    except ExplorerError as error:
        error_banner(error)
        if stop or i18n.problem_key(error) in _UNAVAILABLE:
            st.stop()


def open_page(*, need_data: bool = True) -> Context:
    """The context of a page: the reader's language and the shared driver, or a banner and the
    end of this rerun when the database cannot be used (or, with ``need_data``, is empty)."""
    try:
        driver, settings = connection()
    except ExplorerError as error:
        error_banner(error)
        st.stop()
    with guard():
        version = data_version(driver, settings)
        if need_data and network.entity_count(driver, settings) == 0:
            st.warning(f"**{tr('error.empty')}**\n\n{tr('error.empty.next')}", icon=":material/database:")
            st.button(tr("error.retry"), key="retry-empty", icon=":material/refresh:")
            st.stop()
    return Context(lang(), driver, settings, version)


def cache_key(ctx: Context) -> tuple[str, ...]:
    """What a cached answer depends on besides its question: the database and its data version
    (every write moves it on, so a reader sees a change on the next rerun after it)."""
    return (*database_key(ctx.settings), ctx.version)


@st.cache_data(max_entries=16, show_spinner=False)
def _facets(key: tuple[str, ...], _driver: neo4j.Driver, _settings: Settings) -> network.Facets:
    return network.facets(_driver, _settings)


def facets(ctx: Context) -> network.Facets:
    """The countries present (cached until the data changes)."""
    return _facets(cache_key(ctx), ctx.driver, ctx.settings)
