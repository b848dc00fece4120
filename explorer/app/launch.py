"""``python -m explorer.app.launch run ...``: Streamlit's command line, with the heavy modules loaded first
and every request checked for the host it names.

Streamlit imports a page's modules when the first reader opens it; importing the
driver, pandas and the explorer's library here, before the server starts, spares
that reader a second or more.

Streamlit answers any ``Host`` on its HTML, static and health routes (its own
``server.allowedHosts`` guards only the WebSocket), which leaves the pages open to DNS
rebinding. The one ASGI application Streamlit builds is wrapped in
:class:`explorer.app.hosts.HostCheck`; a Streamlit without that hook is refused rather than
served unguarded. Inside it, :class:`explorer.app.recycling.SessionSweeper` ends the sessions of
tabs closed for longer than ``EXPLORER_SESSION_GRACE`` and gives their memory back.
"""

import sys
from typing import Any

import neo4j  # noqa: F401
import pandas  # noqa: F401
from streamlit import config
from streamlit.web import cli
from streamlit.web.server.starlette import starlette_server

from explorer.app.hosts import HostCheck, allowed_hosts
from explorer.app.recycling import SessionSweeper
from explorer.config import session_grace
from explorer.drawing import render
from explorer.introductions import brokers, explain, paths  # noqa: F401

render.preload()


def guard_hosts() -> None:
    """Make Streamlit's server wrap its application in the host check."""
    build = getattr(starlette_server, "create_starlette_app", None)
    if build is None:
        raise SystemExit(
            "error: this Streamlit version cannot be guarded against DNS rebinding; install streamlit>=1.67"
        )

    grace = session_grace()
    every = max(1.0, min(15.0, grace / 4))

    def checked(runtime: Any) -> HostCheck:
        swept = SessionSweeper(build(runtime), runtime, every)
        return HostCheck(swept, allowed_hosts(str(config.get_option("server.address") or "")))

    starlette_server.create_starlette_app = checked  # type: ignore[assignment]


if __name__ == "__main__":
    guard_hosts()
    sys.exit(cli.main())
