"""Who is reading, for every page: the machine's own user (the local explorer), or the user
signed in through the identity provider with the role the roles file gives them.

The actor is worked out on every rerun from what the server knows (the process's settings and
Streamlit's signed sign-in cookie, ``st.user``), never from widget state or URL parameters; and
the library checks the actor's role again in every write.
"""

from __future__ import annotations

import os
from typing import Literal

import streamlit as st

from explorer.app.state import tr
from explorer.curation.access import ACCESS_VARIABLE, is_loopback
from explorer.curation.actors import Actor, Roles, local_actor, roles_path
from explorer.errors import UsageError
from explorer.escaping import markdown_text

__all__ = ["access_mode", "current_actor", "gate"]

Mode = Literal["local", "sign-in", "read-only"]


def access_mode() -> Mode:
    """``local`` (``explorer serve`` on loopback), ``sign-in``, or ``read-only`` when the app
    was started some other way: nobody may change anything then."""
    mode = os.environ.get(ACCESS_VARIABLE, "")
    address = st.get_option("server.address")
    if mode == "local" and address and not is_loopback(str(address)):
        return "sign-in"  # a local explorer moved to a shared address: sign-in, never everyone an admin
    return mode if mode in ("local", "sign-in") else "read-only"  # type: ignore[return-value]


def _roles() -> Roles:
    path = roles_path()
    if path is None:
        return Roles(unknown="reader")
    return Roles.read(path)


def current_actor() -> Actor | None:
    """Who makes changes in this session (``None``: nobody may)."""
    mode = access_mode()
    if mode == "local":
        return local_actor()
    if mode == "sign-in" and st.user.get("is_logged_in"):
        try:
            return _roles().actor(st.user.to_dict())
        except UsageError:
            return None
    return None


def _provider() -> str | None:
    """The provider ``st.login`` uses: the default one, else the first named in ``[auth]``."""
    try:
        auth = dict(st.secrets.get("auth", {}))
    except (FileNotFoundError, KeyError):
        return None
    if auth.get("client_id"):
        return None
    named = [k for k, v in auth.items() if isinstance(v, dict)]
    return named[0] if named else None


def gate() -> Actor | None:
    """Before any page: with sign-in, a reader who has not signed in (or whom the roles file
    does not let in) sees only the way to sign in. Shows who is signed in, in the sidebar."""
    mode = access_mode()
    if mode == "local":
        local = local_actor()
        st.sidebar.caption(tr("auth.local", name=markdown_text(local.name)))
        return local
    if mode == "read-only":
        st.sidebar.caption(tr("auth.read_only"))
        return None
    if not st.user.get("is_logged_in"):
        st.title(tr("app.title"))
        st.info(tr("auth.needed"), icon=":material/lock:")
        if st.button(tr("auth.sign_in"), type="primary", icon=":material/login:"):
            provider = _provider()
            st.login(provider) if provider else st.login()
        st.stop()
    try:
        actor = _roles().actor(st.user.to_dict())
    except UsageError as e:
        st.error(markdown_text(e.one_line()))
        st.stop()
    if actor is None:
        st.title(tr("app.title"))
        st.error(
            tr("auth.refused", name=markdown_text(str(st.user.get("email") or st.user.get("sub") or "")))
        )
        if st.button(tr("auth.sign_out"), icon=":material/logout:"):
            st.logout()
        st.stop()
    st.sidebar.caption(tr("auth.signed_in", name=markdown_text(actor.name), role=tr(f"role.{actor.role}")))
    if st.sidebar.button(tr("auth.sign_out"), icon=":material/logout:"):
        st.logout()
    return actor
