"""Which host names the explorer's pages answer to, and the check that refuses the others.

A web page elsewhere can point a name of its own at 127.0.0.1 (DNS rebinding) and so
become same-origin with the explorer: its script could then read the pages and run saved
queries. Every request, HTML and WebSocket alike, must therefore name the explorer by an
address it serves under: a loopback name, the address it is bound to, or a name listed
in ``EXPLORER_ALLOWED_HOSTS`` (for a deployment behind a reverse proxy).
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, MutableMapping
from typing import Any

from explorer.errors import UsageError

__all__ = [
    "LOOPBACK_NAMES",
    "ASGIApp",
    "HostCheck",
    "Receive",
    "Scope",
    "Send",
    "allowed_hosts",
    "host_allowed",
    "host_name",
]

#: Names that always mean this machine: no one else can make them point elsewhere.
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _valid_name(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        pass
    labels = name.split(".")
    return len(name) <= 253 and all(_LABEL.match(label) for label in labels)


def _entry(text: str) -> str:
    """One allow-list entry, checked: a name, an IP address, ``*.domain`` or ``*``."""
    given = text.strip().lower()
    entry = given[:-1] if given.endswith(".") and given not in ("*.", ".") else given
    if entry.startswith("[") and entry.endswith("]"):
        entry = entry[1:-1]
    if given == "*" or (entry.startswith("*.") and _valid_name(entry[2:])) or _valid_name(entry):
        return entry
    raise UsageError(
        f"EXPLORER_ALLOWED_HOSTS: {text.strip()!r} is not a host name",
        "list names as the browser shows them, separated by commas, such as atlas.example.org,*.example.org",
    )


def allowed_hosts(address: str, env: Mapping[str, str] | None = None) -> frozenset[str]:
    """The names requests may carry when the explorer listens on ``address``: the loopback
    names, ``address`` itself unless it is every address (0.0.0.0, ::), and
    ``EXPLORER_ALLOWED_HOSTS`` (comma-separated; ``*.example.org`` takes its subdomains)."""
    env = os.environ if env is None else env
    names = set(LOOPBACK_NAMES)
    bound = address.strip().lower().strip("[]")
    if bound and bound not in ("0.0.0.0", "::"):
        names.add(bound)
    names.update(_entry(e) for e in (env.get("EXPLORER_ALLOWED_HOSTS") or "").split(",") if e.strip())
    return frozenset(names)


def host_name(header: str | bytes | None) -> str | None:
    """The name in a ``Host`` header without its port ("[::1]:8501" -> "::1"), or None if malformed."""
    if header is None:
        return None
    if isinstance(header, bytes):
        try:
            header = header.decode("ascii")
        except UnicodeDecodeError:
            return None
    text = header.strip().lower()
    if text.startswith("["):
        end = text.find("]")
        rest = text[end + 1 :] if end > 0 else None
        if rest is None or (rest and not rest.startswith(":")):
            return None
        name, port = text[1:end], rest[1:]
    else:
        name, _, port = text.partition(":")
    if port and not (port.isascii() and port.isdigit()):
        return None
    name = name.rstrip(".")
    return name if name and _valid_name(name) else None


def host_allowed(header: str | bytes | None, allowed: Iterable[str]) -> bool:
    """Whether a request whose ``Host`` header is ``header`` names one of ``allowed``."""
    entries = frozenset(allowed)
    if "*" in entries:
        return True
    name = host_name(header)
    if name is None:
        return False
    return name in entries or any(e.startswith("*.") and name.endswith(e[1:]) for e in entries)


_REFUSAL = (
    b"This explorer answers only under its own address.\n"
    b"To serve it under another name (behind a reverse proxy), list that name in EXPLORER_ALLOWED_HOSTS.\n"
)


#: Streamlit routes the explorer does not use, closed to everyone (404): the metrics would
#: answer before sign-in.
CLOSED_PATHS = frozenset({"/_stcore/metrics", "/_stcore/script-health-check"})


class HostCheck:
    """ASGI middleware: HTTP requests and WebSocket handshakes that name another host get 403;
    the routes of :data:`CLOSED_PATHS` get 404 (under any path prefix)."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            hosts = [value for key, value in scope.get("headers", []) if key.lower() == b"host"]
            if len(hosts) != 1 or not host_allowed(hosts[0], self.allowed):
                await _refuse(scope, send)
                return
            path = str(scope.get("path") or "").rstrip("/")
            if any(path == p or path.endswith(p) for p in CLOSED_PATHS):
                await _closed(scope, send)
                return
        await self.app(scope, receive, send)


async def _closed(scope: Scope, send: Send) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    body = b"Not found\n"
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 404, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _refuse(scope: Scope, send: Send) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})  # before accepting: the handshake gets 403
        return
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(_REFUSAL)).encode()),
    ]
    await send({"type": "http.response.start", "status": 403, "headers": headers})
    await send({"type": "http.response.body", "body": _REFUSAL})
