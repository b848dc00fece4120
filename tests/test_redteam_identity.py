"""Red team: only claims the identity provider vouches for sign changes and match roles."""

from __future__ import annotations

import pytest

from explorer.curation.actors import Actor, Roles
from explorer.curation.undo import made_by
from explorer.errors import UsageError
from explorer.model.changes import Change

ROLES = Roles.parse(
    {"unknown": "reader", "people": {"admin@example.org": "admin", "eve@example.org": "editor"}}
)


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": "m-1", "email": "admin@example.org", "email_verified": False},
        {"sub": "m-1", "email": "admin@example.org"},  # not said verified: not verified
        {"sub": "m-1", "email": "admin@example.org", "email_verified": "false"},
        {"sub": "m-1", "preferred_username": "admin@example.org"},
        {"sub": "m-1", "name": "admin@example.org", "nickname": "admin@example.org"},
    ],
    ids=["unverified", "unsaid", "unverified-text", "username", "display-name"],
)
def test_unverified_or_chosen_claims_neither_sign_nor_match_roles(claims: dict[str, object]) -> None:
    actor = ROLES.actor(claims)
    assert actor == Actor("m-1", "reader", "m-1")


def test_a_verified_email_signs_and_matches_with_the_subject_kept() -> None:
    actor = ROLES.actor({"sub": "s-42", "email": "Admin@Example.org", "email_verified": True})
    assert actor is not None and actor.role == "admin" and actor.subject == "s-42"
    assert ROLES.actor({"email": "admin@example.org", "email_verified": True}) is None  # no subject


def test_a_claim_named_in_the_roles_file_is_trusted_and_a_chosen_one_refused() -> None:
    roles = Roles.parse({"name_claim": "upn", "people": {"eve@corp.example": "editor"}})
    actor = roles.actor({"sub": "x", "upn": "eve@corp.example", "email": "admin@example.org"})
    assert actor == Actor("eve@corp.example", "editor", "x")
    with pytest.raises(UsageError, match="chosen by the user"):
        Roles.parse({"name_claim": "preferred_username"})


def change(who: str, subject: str | None) -> Change:
    return Change(1, "2026-01-01T00:00:00Z", who, "editor", "edit", subject=subject)


def test_undo_ownership_compares_subjects_not_names() -> None:
    eve = Actor("eve@example.org", "editor", "s-eve")
    twin = Actor("eve@example.org", "editor", "s-other")  # the same name from another account
    assert made_by(change("eve@example.org", "s-eve"), eve)
    assert not made_by(change("eve@example.org", "s-eve"), twin)
    assert made_by(change("eve@example.org", None), eve)  # a record of an earlier release
    assert made_by(change("eve", None), Actor("eve", "editor"))  # the command line


def test_the_subject_is_inside_the_hash_and_old_records_keep_theirs() -> None:
    old = change("eve@example.org", None).sealed(1, "")
    assert "subject" not in old.record() and Change.from_record(old.record()).digest() == old.hash
    new = change("eve@example.org", "s-eve").sealed(1, "")
    stored = new.record()
    assert Change.from_record(stored).subject == "s-eve"
    stored["subject"] = "s-mallory"
    assert Change.from_record(stored).digest() != new.hash


def test_a_subject_that_looks_like_an_email_matches_only_when_the_email_is_verified() -> None:
    assert ROLES.actor({"sub": "eve@example.org"}) == Actor("eve@example.org", "reader", "eve@example.org")
    verified = {"sub": "eve@example.org", "email": "eve@example.org", "email_verified": True}
    assert ROLES.actor(verified) == Actor("eve@example.org", "editor", "eve@example.org")
