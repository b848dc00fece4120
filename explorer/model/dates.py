"""A fact's date with its precision (a year, a month or a day), and when a fact holds.

A source that says "since 2015" gives a year, not 1 January 2015: a :class:`FactDate` keeps
the precision it was given, is stored with it (a year as a whole number, as the loaders always
stored years; a month as ``"2015-03"``; a day as ``"2015-03-03"``) and is said with it ("since
2015", "depuis mars 2015", "since 3 March 2015").

When a fact holds: a date stands for its whole span (2015 is every day of 2015). A fact with
``since`` S and ``until`` U holds at a date D when the two spans meet: S began no later than D
ends (S's first day ≤ D's last day) and U ends no earlier than D begins (U's last day ≥ D's
first day). So at 2015-06-01 a fact "since 2015" holds and so does one "until 2015"; at
2016-01-01 the second has ended. A fact without ``since`` has held since ever, one without
``until`` still holds; one with neither is *undated* (views count them apart).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from explorer.model.text import Lang, fold

__all__ = [
    "DATE_HELP",
    "FactDate",
    "Moment",
    "Precision",
    "ended",
    "holds",
    "tie_dates",
]

Precision = Literal["year", "month", "day"]
#: What a reader may write, for help texts and errors.
DATE_HELP = "a year (2015), a month (2015-03) or a day (2015-03-03)"
#: Years are four digits, so that dates sort as text the way they sort in time (Neo4j compares them so).
MIN_YEAR, MAX_YEAR = 1000, 9999

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
}
#: Month names and their common short forms, folded (no case, no accents): "févr", "sept", "Mar".
_MONTH_WORDS: dict[str, int] = {}
for _names in MONTHS.values():
    for _n, _name in enumerate(_names, start=1):
        _folded = fold(_name)
        _MONTH_WORDS[_folded] = _n
        _MONTH_WORDS.setdefault(_folded[:3], _n)
        _MONTH_WORDS.setdefault(_folded[:4], _n)
_MONTH_WORDS.update({"juil": 7, "juin": 6, "mars": 3, "mai": 5, "sept": 9})

_ISO = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}\S*)?)?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_MONTH_FIRST = re.compile(r"(\d{1,2})[/.-](\d{4})")
_WORDS = re.compile(r"(?:(\d{1,2})(?:er|st|nd|rd|th)?\s+)?([^\W\d_]+)\.?,?\s+(\d{4})")
_WORDS_MONTH_FIRST = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s+(\d{4})")


@dataclass(frozen=True, slots=True)
class FactDate:
    """A date as precise as its source: a year, a year and month, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(f"{self.year} is not a year of four digits")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs its month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"{self.month} is not a month (1 to 12)")
        if self.day is not None:
            assert self.month is not None
            dt.date(self.year, self.month, self.day)  # ValueError for 31 April

    # -- reading ---------------------------------------------------------------------------

    @classmethod
    def parse(cls, value: Any) -> FactDate:
        """What people and files write: a year (2015, "2015", 2015.0 from a spreadsheet), a month
        ("2015-03", "03/2015", "mars 2015"), a day ("2015-03-03", "03/03/2015" day first,
        "3 March 2015", a date from YAML); ``ValueError`` naming the value otherwise."""
        if isinstance(value, FactDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a date; write {DATE_HELP}")
        if isinstance(value, int):
            return cls._checked(value, None, None, value)
        if isinstance(value, float) and value.is_integer():
            return cls._checked(int(value), None, None, value)
        text = " ".join(str(value).replace("\u202f", " ").replace("\xa0", " ").split())
        found = cls._from_text(text)
        if found is None:
            raise ValueError(f"{text!r} is not a date; write {DATE_HELP}")
        return cls._checked(*found, value)

    @classmethod
    def _from_text(cls, text: str) -> tuple[int, int | None, int | None] | None:
        if re.fullmatch(r"\d{4}\.0+", text):
            return int(text[:4]), None, None
        if m := _ISO.fullmatch(text):
            return int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
        if m := _DAY_FIRST.fullmatch(text):
            return int(m[3]), int(m[2]), int(m[1])
        if m := _MONTH_FIRST.fullmatch(text):
            return int(m[2]), int(m[1]), None
        if m := _WORDS.fullmatch(text):
            month = _MONTH_WORDS.get(fold(m[2]))
            if month is not None:
                return int(m[3]), month, int(m[1]) if m[1] else None
        if (m := _WORDS_MONTH_FIRST.fullmatch(text)) and (month := _MONTH_WORDS.get(fold(m[1]))):
            return int(m[3]), month, int(m[2])
        return None

    @classmethod
    def _checked(cls, year: int, month: int | None, day: int | None, given: Any) -> FactDate:
        try:
            return cls(year, month, day)
        except ValueError:
            raise ValueError(f"{given!r} is not a date; write {DATE_HELP}") from None

    @classmethod
    def optional(cls, value: Any) -> FactDate | None:
        """:meth:`parse`, with nothing (``None``, empty text) read as no date."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return cls.parse(value)

    @classmethod
    def read(cls, value: Any) -> FactDate | None:
        """A stored value as a date, or ``None`` when there is none or it is not one (a value
        written by hand outside the explorer is not read as a date rather than refused)."""
        try:
            return cls.optional(value)
        except (ValueError, TypeError):
            return None

    # -- what it stands for ----------------------------------------------------------------

    @property
    def precision(self) -> Precision:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    @property
    def first(self) -> dt.date:
        """Its first day (1 January 2015 for 2015)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> dt.date:
        """Its last day (31 December 2015 for 2015)."""
        if self.day is not None:
            return self.first
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """ "2015", "2015-03" or "2015-03-03": as a URL or a JSON answer writes it."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()

    def stored(self) -> int | str:
        """As the graph keeps it: a year as a whole number (as always), finer dates as ISO text."""
        return self.year if self.month is None else self.iso()

    def sort_key(self) -> tuple[dt.date, int]:
        return (self.first, {"year": 0, "month": 1, "day": 2}[self.precision])

    @classmethod
    def of_day(cls, day: dt.date) -> FactDate:
        return cls(day.year, day.month, day.day)

    # -- words -----------------------------------------------------------------------------

    def words(self, lang: Lang = "en") -> str:
        """ "2015", "March 2015" ("mars 2015"), "3 March 2015" ("3 mars 2015", "1er mars 2015")."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[lang][self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        day = "1er" if lang == "fr" and self.day == 1 else str(self.day)
        return f"{day} {month} {self.year}"

    def since_words(self, lang: Lang = "en") -> str:
        """ "since 2015", "depuis mars 2015", "depuis le 3 mars 2015"."""
        if lang == "fr":
            return f"depuis {'le ' if self.day else ''}{self.words(lang)}"
        return f"since {self.words(lang)}"

    def until_words(self, lang: Lang = "en") -> str:
        """ "until 2030", "jusqu'en mars 2030", "jusqu'au 3 mars 2030"."""
        if lang == "fr":
            return f"jusqu'{'au' if self.day else 'en'} {self.words(lang)}"
        return f"until {self.words(lang)}"

    def ended_words(self, lang: Lang = "en") -> str:
        """ "ended in 2015", "terminé en mars 2015", "ended on 3 March 2015"."""
        if lang == "fr":
            return f"terminé {'le' if self.day else 'en'} {self.words(lang)}"
        return f"ended {'on' if self.day else 'in'} {self.words(lang)}"

    def as_of_words(self, lang: Lang = "en") -> str:
        """ "as of 2015", "en mars 2015", "au 3 mars 2015": the date a view answers for."""
        if lang == "fr":
            return f"{'au' if self.day else 'en'} {self.words(lang)}"
        return f"as of {self.words(lang)}"

    def known_on_words(self, lang: Lang = "en") -> str:
        """ "as recorded by the end of 2015", "selon les faits enregistrés au 3 mars 2015"."""
        if lang == "fr":
            when = f"au {self.words(lang)}" if self.day else f"fin {self.words(lang)}"
            return f"selon les faits enregistrés {when}"
        when = f"on {self.words(lang)}" if self.day else f"by the end of {self.words(lang)}"
        return f"as recorded {when}"


def tie_dates(props: Mapping[str, Any]) -> tuple[FactDate | None, FactDate | None]:
    """A fact's ``since`` and ``until`` as dates (``None`` where there is none, or not a date)."""
    return FactDate.read(props.get("since")), FactDate.read(props.get("until"))


def holds(since: FactDate | None, until: FactDate | None, at: FactDate) -> bool:
    """Whether a fact from ``since`` to ``until`` holds at ``at``: their spans meet (module doc)."""
    if since is not None and since.first > at.last:
        return False
    return until is None or until.last >= at.first


def ended(until: FactDate | None, at: FactDate | dt.date | int) -> bool:
    """Whether a fact with this ``until`` had ended by ``at`` (a day; a date's first day; a
    year's first day)."""
    if until is None:
        return False
    first = at.first if isinstance(at, FactDate) else dt.date(at, 1, 1) if isinstance(at, int) else at
    return until.last < first


class Dated(Protocol):
    """What a date is asked of (a tie): whether it says neither since nor until, and whether it
    held at a date."""

    @property
    def undated(self) -> bool: ...

    def holds_at(self, at: FactDate) -> bool: ...


@dataclass(frozen=True)
class Moment:
    """When a read answers for: the world ``as_of`` a date (valid time), the records ``known_on``
    a date (record time), and whether facts with no date are kept (they are, unless hidden).

    An empty moment (neither date) is today's records of the world, every fact kept."""

    as_of: FactDate | None = None
    known_on: FactDate | None = None
    undated: bool = True

    def __bool__(self) -> bool:
        return self.as_of is not None or self.known_on is not None

    def keeps(self, tie: Dated) -> bool:
        """Whether ``tie`` belongs to the world ``as_of`` (always without a date): it held then,
        or nothing says when it held and undated facts are kept."""
        if self.as_of is None:
            return True
        if tie.undated:
            return self.undated
        return tie.holds_at(self.as_of)

    def words(self, lang: Lang = "en") -> str:
        """ "as of 2015, as recorded by the end of 2016" (empty for an empty moment)."""
        parts = [d for d in (self.as_of and self.as_of.as_of_words(lang),) if d]
        if self.known_on is not None:
            parts.append(self.known_on.known_on_words(lang))
        return ", ".join(parts)

    def to_query(self) -> dict[str, str]:
        """URL parameters: ``as_of``, ``known_on``, and ``undated=hide`` when undated facts are left out."""
        query: dict[str, str] = {}
        if self.as_of is not None:
            query["as_of"] = self.as_of.iso()
        if self.known_on is not None:
            query["known_on"] = self.known_on.iso()
        if not self.undated:
            query["undated"] = "hide"
        return query

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> tuple[Moment, list[str]]:
        """The moment a URL describes, and what in it was not understood (ignored)."""
        ignored: list[str] = []
        found: dict[str, FactDate | None] = {}
        for key in ("as_of", "known_on"):
            raw = query.get(key)
            raw = raw[0] if isinstance(raw, list | tuple) and raw else raw
            try:
                found[key] = FactDate.optional(raw)
            except ValueError:
                ignored.append(f"{key}={raw}")
                found[key] = None
        hide = str(query.get("undated") or "").strip().lower() in ("hide", "0", "no", "false")
        return cls(found["as_of"], found["known_on"], undated=not hide), ignored
