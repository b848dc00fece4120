"""One exception tree for Cluster Atlas; the CLI and the pages translate it at the edge."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from explorer.model import Entity

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_OK",
    "EXIT_UNAVAILABLE",
    "EXIT_USAGE",
    "AmbiguousEntity",
    "AuthFailed",
    "DatabaseUnavailable",
    "EditConflict",
    "ExplorerError",
    "InvalidInput",
    "NotAllowed",
    "Problem",
    "QueryRefused",
    "QueryTimeout",
    "UndoRefused",
    "UnknownEntity",
    "UnknownValue",
    "UsageError",
]

#: Exit statuses of the command line (the README's command line section).
EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 3


class ExplorerError(Exception):
    """Base of every error meant for a user; ``hint`` says what to do next."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, at a line (1-based; 0 when the whole file)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


class InvalidInput(ExplorerError):
    """Input files or values that cannot be used; nothing was written."""

    #: How many problems are printed before a count of the rest.
    SHOWN = 20

    def __init__(self, problems: Sequence[Problem] | str, hint: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem("", 0, problems)] if problems else []
        self.problems = list(problems)
        super().__init__(self._summary(), hint)

    def _summary(self) -> str:
        if len(self.problems) == 1 and not self.problems[0].file:
            return self.problems[0].message
        n = len(self.problems)
        return f"{n} problem{'s' if n != 1 else ''} found; nothing was written"

    def report_lines(self) -> list[str]:
        """The first problems as ``file:line: what is wrong``, then a count of the rest."""
        lines = [str(p) for p in self.problems[: self.SHOWN]]
        rest = len(self.problems) - self.SHOWN
        if rest > 0:
            lines.append(f"... and {rest} more problem{'s' if rest != 1 else ''}")
        return lines


class QueryRefused(ExplorerError):
    """A query that would write, administer the server or read files."""


class QueryTimeout(ExplorerError):
    """A query that ran past its time limit and was stopped."""


class UsageError(ExplorerError):
    """A command used the wrong way."""

    exit_code = EXIT_USAGE


def _listed(items: Sequence[str]) -> str:
    return ", ".join(items[:-1]) + f" or {items[-1]}" if len(items) > 1 else "".join(items)


class UnknownValue(UsageError):
    """A value that matches nothing known (a country, a status, a kind...); ``suggestions`` are
    the closest known ones."""

    def __init__(
        self,
        what: str,
        given: str,
        suggestions: Sequence[str] = (),
        expected: str | None = None,
        shown: Sequence[str] | None = None,
    ) -> None:
        self.what = what
        self.given = given
        self.suggestions = list(suggestions)
        listed = list(shown if shown is not None else self.suggestions)
        if listed:
            hint = f"did you mean {_listed(listed)}?"
        elif expected:
            hint = f"expected {expected}"
        else:
            hint = None
        super().__init__(f"no {what} matches {given!r}", hint)


class UnknownEntity(UnknownValue):
    """No entity matches the given id or name; ``suggestions`` name the closest entities, which
    ``entities`` holds."""

    def __init__(self, given: str, closest: Sequence[Entity | str] = ()) -> None:
        self.entities = [e for e in closest if isinstance(e, Entity)]
        super().__init__(
            "entity",
            given,
            [e.name if isinstance(e, Entity) else e for e in closest],
            expected="an entity's id or name (`explorer search` finds names)",
            shown=[f"{e.name} ({e.id})" if isinstance(e, Entity) else e for e in closest],
        )


class AmbiguousEntity(UsageError):
    """Several entities match the given name: ``candidates`` says which, ``entities`` holds them."""

    def __init__(self, given: str, entities: Sequence[Entity]) -> None:
        self.given = given
        self.entities = list(entities)
        self.candidates = [e.label() for e in self.entities]
        super().__init__(
            f"{given!r} matches {len(self.candidates)} entities: {', '.join(self.candidates)}",
            f"give the id of the one you mean, such as {self.entities[0].id!r}" if self.entities else None,
        )


class DatabaseUnavailable(ExplorerError):
    """The database cannot be reached or cannot be used."""

    exit_code = EXIT_UNAVAILABLE


class AuthFailed(DatabaseUnavailable):
    """The database refused our credentials (wrong, expired, or the user is locked for a while)."""


class NotAllowed(ExplorerError):
    """The actor's role does not allow this change (a reader writing, an editor merging...)."""


class EditConflict(ExplorerError):
    """A fact changed since the editor opened it: ``yours`` (what they would save) and ``theirs``
    (what is there now), side by side, and who changed it when."""

    def __init__(
        self,
        fact: str,
        changed_by: str | None,
        changed_at: str | None,
        yours: dict[str, object],
        theirs: dict[str, object],
    ) -> None:
        self.fact = fact
        self.changed_by = changed_by or "someone"
        self.changed_at = changed_at or "an unknown time"
        self.yours = yours
        self.theirs = theirs
        super().__init__(
            f"{fact} was changed by {self.changed_by} at {self.changed_at} since you opened it; "
            "nothing was saved",
            "compare both versions, then open the fact again and redo your change on the latest one",
        )


class UndoRefused(ExplorerError):
    """A change that cannot be undone (a later change depends on it, or it restores nothing)."""
