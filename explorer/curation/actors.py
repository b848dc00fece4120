"""Who changes the graph and what their role lets them do: actors, roles, and the roles file.

Every write function of the curation library calls :func:`require` with the actor it is
given, so a reader is refused whatever face (page, command line, forged widget state) asks.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from explorer.config import machine_user
from explorer.errors import NotAllowed, UsageError

__all__ = [
    "ROLES",
    "Actor",
    "Roles",
    "actor_named",
    "allowed",
    "local_actor",
    "require",
    "roles_path",
]

Role = Literal["reader", "editor", "admin"]
ROLES: tuple[Role, ...] = ("reader", "editor", "admin")

#: What each role may do (each role may also do everything of the roles before it).
_ACTIONS: Mapping[Role, frozenset[str]] = {
    "reader": frozenset({"suggest", "ask"}),
    "editor": frozenset(
        {"suggest", "ask", "propose", "add", "edit", "retire", "confirm", "undo", "review", "willingness"}
    ),
    "admin": frozenset(
        {
            "suggest",
            "ask",
            "propose",
            "add",
            "edit",
            "retire",
            "confirm",
            "undo",
            "review",
            "willingness",
            "merge",
            "undo_any",
        }
    ),
}
_WORDS = {
    "suggest": "suggest a correction",
    "propose": "propose facts for review",
    "add": "add facts",
    "edit": "edit facts",
    "retire": "retire facts",
    "confirm": "confirm facts",
    "undo": "undo changes",
    "review": "review suggestions",
    "merge": "merge entities",
    "undo_any": "undo other people's changes",
    "ask": "log asks for introductions",
    "willingness": "mark introducers' willingness",
}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change: the name that signs it (an email when signed in) and their role."""

    name: str
    role: Role = "reader"
    #: The identity provider's stable subject (``sub``) of a signed-in user: what ownership
    #: checks compare (a name can be reused; a subject cannot).
    subject: str | None = None

    def may(self, action: str) -> bool:
        return allowed(self.role, action)


def allowed(role: str, action: str) -> bool:
    """Whether ``role`` may do ``action`` (add, edit, retire, merge, review...)."""
    return action in _ACTIONS.get(role, frozenset())  # type: ignore[call-overload]


def require(actor: Actor, action: str) -> None:
    """Refuse ``actor`` unless their role allows ``action`` (``NotAllowed``)."""
    if not isinstance(actor, Actor) or not actor.name.strip():
        raise NotAllowed("changes must be signed: no author given", "sign in, or name yourself with --as")
    if not actor.may(action):
        least = next(r for r in ROLES if allowed(r, action))
        raise NotAllowed(
            f"{actor.name} is {_a(actor.role)} and may not {_WORDS.get(action, action)}",
            f"this needs the {least} role"
            + (": suggest the change instead, for an editor to review" if actor.role == "reader" else ""),
        )


def _a(role: str) -> str:
    return f"an {role}" if role[:1] in "aeiou" else f"a {role}"


def local_actor(name: str | None = None) -> Actor:
    """The machine's own user, as the local explorer and the command line run: an admin
    (whoever runs them holds the database's credentials anyway)."""
    return Actor((name or "").strip() or machine_user(), "admin")


def roles_path(env: Mapping[str, str] | None = None) -> Path | None:
    """``EXPLORER_ROLES``, else ``EXPLORER_HOME/roles.toml`` when it exists, else ``None``."""
    env = os.environ if env is None else env
    if env.get("EXPLORER_ROLES"):
        return Path(env["EXPLORER_ROLES"]).expanduser()
    from explorer.config import explorer_home

    default = explorer_home(env) / "roles.toml"
    return default if default.is_file() else None


@dataclass(frozen=True)
class Roles:
    """The roles file: people (by email) and groups (by a claim of the sign-in) to roles.

    ```toml
    unknown = "reader"          # or "refuse": people listed nowhere may not come in
    groups_claim = "groups"     # the claim of the identity provider that lists groups
    name_claim = "upn"          # optional: a claim the provider vouches for, trusted as the name
    [people]
    "alice@example.org" = "editor"
    [groups]
    "atlas-admins" = "admin"
    ```
    """

    people: Mapping[str, Role] = field(default_factory=dict)
    groups: Mapping[str, Role] = field(default_factory=dict)
    unknown: Role | None = "reader"
    groups_claim: str = "groups"
    #: A claim the provider vouches for (not one its users choose), trusted as the name and
    #: matched against ``[people]``, for providers that do not mark emails verified.
    name_claim: str | None = None

    @classmethod
    def read(cls, path: Path) -> Roles:
        """The roles file at ``path``; every problem is reported as ``file: what is wrong``."""
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UsageError(
                f"no roles file at {path}", "write one (see the README: Who may do what)"
            ) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as e:
            raise UsageError(f"{path}: not a readable TOML file: {e}") from None
        return cls.parse(document, str(path))

    @classmethod
    def parse(cls, document: Mapping[str, object], where: str = "roles") -> Roles:
        problems: list[str] = []
        extra = set(document) - {"unknown", "groups_claim", "name_claim", "people", "groups"}
        if extra:
            problems.append(
                f"unknown keys {sorted(extra)} (expected unknown, groups_claim, name_claim, people, groups)"
            )
        name_claim = document.get("name_claim")
        if name_claim is not None and (not isinstance(name_claim, str) or not name_claim.strip()):
            problems.append("name_claim must name a claim, such as upn")
        elif name_claim in ("preferred_username", "name", "nickname", "email"):
            problems.append(
                f"name_claim = {name_claim!r} is chosen by the user, not vouched for: name another"
            )
        unknown = document.get("unknown", "reader")
        if unknown not in (*ROLES, "refuse"):
            problems.append(f"unknown = {unknown!r}: expected reader, editor, admin or refuse")
        claim = document.get("groups_claim", "groups")
        if not isinstance(claim, str) or not claim.strip():
            problems.append("groups_claim must name a claim, such as groups")

        def table(name: str, fold_keys: bool) -> dict[str, Role]:
            value = document.get(name, {})
            if not isinstance(value, dict):
                problems.append(f"[{name}] must be a table of names to roles")
                return {}
            out: dict[str, Role] = {}
            for key, role in value.items():
                if role not in ROLES:
                    problems.append(f"[{name}] {key!r} = {role!r}: expected one of {', '.join(ROLES)}")
                    continue
                out[key.strip().casefold() if fold_keys else key.strip()] = role
            return out

        people, groups = table("people", True), table("groups", False)
        if problems:
            raise UsageError(f"{where}: " + "; ".join(problems))
        return cls(
            people,
            groups,
            None if unknown == "refuse" else unknown,  # type: ignore[arg-type]
            str(claim),
            str(name_claim).strip() if name_claim else None,
        )

    def role_of(self, email: str | None, groups: Iterable[str] = (), *, verified: bool = True) -> Role | None:
        """The highest role that ``email`` (when ``verified``) or one of ``groups`` has here;
        the role of people listed nowhere otherwise (``None``: refused)."""
        found: list[Role] = []
        if email and verified:
            role = self.people.get(email.strip().casefold())
            if role:
                found.append(role)
        found += [self.groups[g] for g in groups if g in self.groups]
        if not found:
            return self.unknown
        return max(found, key=ROLES.index)

    def actor(self, claims: Mapping[str, object]) -> Actor | None:
        """The actor a signed-in user's claims make (``None``: not let in).

        The name that signs is the email when the provider marks it verified
        (``email_verified`` true), else the ``name_claim`` of the roles file, else the
        provider's subject (which matches no ``[people]`` entry). A username the user chose
        never signs nor matches. The subject is kept for ownership checks.
        """
        subject = str(claims.get("sub") or "").strip()
        if not subject:
            return None
        email = str(claims.get("email") or "").strip()
        vouched = str(claims.get(self.name_claim) or "").strip() if self.name_claim else ""
        verified = claims.get("email_verified") is True or str(claims.get("email_verified")).lower() == "true"
        vouched = email if email and verified else vouched
        name = vouched or subject
        raw_groups = claims.get(self.groups_claim)
        groups = [str(g) for g in raw_groups] if isinstance(raw_groups, list | tuple) else []
        if isinstance(raw_groups, str):
            groups = [raw_groups]
        role = self.role_of(vouched or None, groups, verified=True)  # a bare subject matches no one
        if role is None:
            return None
        return Actor(name, role, subject)


def actor_named(name: str | None, roles: Roles | None) -> Actor:
    """Who the command line acts as: ``name`` (``--as``; the machine's user by default), an
    admin when no roles file is set, else the role the roles file gives that name."""
    if roles is None:
        return local_actor(name)
    who = (name or "").strip() or machine_user()
    role = roles.role_of(who)
    if role is None:
        raise NotAllowed(f"{who} is not let in by the roles file", "ask an admin to add them")
    return Actor(who, role)
