"""How the explorer lets people in: as the machine's own user on loopback, or through sign-in
(OpenID Connect, Streamlit's ``[auth]`` settings) with a roles file on any other address."""

from __future__ import annotations

import ipaddress
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from explorer.config import explorer_home
from explorer.curation.actors import Roles, roles_path
from explorer.errors import UsageError

__all__ = ["ACCESS_VARIABLE", "Access", "auth_path", "is_loopback", "plan_access"]

#: How ``explorer serve`` tells the pages who may come in: ``local`` or ``sign-in``.
ACCESS_VARIABLE = "EXPLORER_ACCESS"
Mode = Literal["local", "sign-in"]
_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
#: Shortest cookie secret accepted: it signs every reader's sign-in cookie.
MIN_COOKIE_SECRET = 32


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def auth_path(env: Mapping[str, str] | None = None) -> Path | None:
    """``EXPLORER_AUTH``, else ``EXPLORER_HOME/auth.toml`` when it exists, else ``None``."""
    env = os.environ if env is None else env
    if env.get("EXPLORER_AUTH"):
        return Path(env["EXPLORER_AUTH"]).expanduser()
    default = explorer_home(env) / "auth.toml"
    return default if default.is_file() else None


@dataclass(frozen=True)
class Access:
    """Who may come in: ``local`` (the machine's user, an admin) or ``sign-in`` (with the
    ``[auth]`` file Streamlit reads and the roles file)."""

    mode: Mode
    auth: Path | None = None
    roles: Path | None = None

    def env(self) -> dict[str, str]:
        """What the pages' process is told."""
        out: dict[str, str] = {ACCESS_VARIABLE: self.mode}
        if self.roles is not None:
            out["EXPLORER_ROLES"] = str(self.roles)
        return out


def _check_auth(path: Path) -> list[str]:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [f"no sign-in settings at {path}"]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as e:
        return [f"{path}: not a readable TOML file ({e})"]
    auth = document.get("auth")
    if not isinstance(auth, dict):
        return [f"{path} has no [auth] section"]
    problems = [f"[auth] {key} is missing" for key in ("redirect_uri", "cookie_secret") if not auth.get(key)]
    if os.name == "posix" and path.stat().st_mode & 0o077:
        # it holds the cookie secret (who knows it signs in as anyone) and the client secret
        problems.append(f"{path} may be read by other accounts of this machine (chmod 600 it)")
    if len(str(auth.get("cookie_secret") or "")) < MIN_COOKIE_SECRET and auth.get("cookie_secret"):
        problems.append(f"[auth] cookie_secret is shorter than {MIN_COOKIE_SECRET} characters")
    providers = [auth] + [v for v in auth.values() if isinstance(v, dict)]
    if not any(all(p.get(k) for k in _PROVIDER_KEYS) for p in providers):
        problems.append("[auth] names no identity provider (client_id, client_secret, server_metadata_url)")
    return problems


def plan_access(
    host: str,
    *,
    sign_in: bool = False,
    auth: Path | None = None,
    roles: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Access:
    """The access for serving on ``host``: local on loopback unless ``sign_in``; anywhere else
    sign-in is required, and serving is refused without its settings and a roles file."""
    if is_loopback(host) and not sign_in:
        return Access("local")
    auth = auth or auth_path(env)
    roles = roles or roles_path(env)
    why = f"serving on {host} needs sign-in" if not is_loopback(host) else "sign-in was asked for"
    problems: list[str] = []
    if auth is None:
        problems.append("no sign-in settings (--auth FILE, EXPLORER_AUTH or EXPLORER_HOME/auth.toml)")
    else:
        problems += _check_auth(auth)
    if roles is None:
        problems.append("no roles file (--roles FILE, EXPLORER_ROLES or EXPLORER_HOME/roles.toml)")
    else:
        try:
            Roles.read(roles)
        except UsageError as e:
            problems.append(e.message)
    if problems:
        raise UsageError(
            f"{why}, and it cannot start: " + "; ".join(problems),
            "see the README (Who may do what); or serve on 127.0.0.1 for yourself alone",
        )
    return Access("sign-in", auth, roles)
