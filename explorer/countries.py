"""Countries: ISO codes with their English and French names, and the words users write for them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

from explorer.model import Lang, closest, fold

__all__ = ["COUNTRIES", "Country", "close_countries", "country_code", "country_name", "longitude"]


@dataclass(frozen=True, slots=True)
class Country:
    """A country: ISO code, names, other names, and its rough longitude (to order it West to East)."""

    code: str
    en: str
    fr: str
    longitude: float
    aliases: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.code.lower()

    def name(self, lang: Lang = "en") -> str:
        return self.fr if lang == "fr" else self.en


_COUNTRIES = (
    Country("FR", "France", "France", 2),
    Country(
        "US",
        "United States",
        "États-Unis",
        -98,
        ("USA", "U.S.", "U.S.A.", "United States of America", "Etats-Unis d'Amerique", "Amerique"),
    ),
    Country("JP", "Japan", "Japon", 138, ("Nippon",)),
    Country("GB", "United Kingdom", "Royaume-Uni", -2, ("UK", "Great Britain", "England", "Angleterre")),
    Country("DE", "Germany", "Allemagne", 10, ("Deutschland",)),
    Country("CH", "Switzerland", "Suisse", 8, ("Schweiz",)),
    Country("BE", "Belgium", "Belgique", 4),
    Country("NL", "Netherlands", "Pays-Bas", 5, ("Holland",)),
    Country("IT", "Italy", "Italie", 12, ("Italia",)),
    Country("ES", "Spain", "Espagne", -4, ("España",)),
    Country("PT", "Portugal", "Portugal", -8),
    Country("IE", "Ireland", "Irlande", -8),
    Country("DK", "Denmark", "Danemark", 10),
    Country("SE", "Sweden", "Suède", 15),
    Country("NO", "Norway", "Norvège", 9),
    Country("FI", "Finland", "Finlande", 26),
    Country("AT", "Austria", "Autriche", 14),
    Country("PL", "Poland", "Pologne", 19),
    Country("IL", "Israel", "Israël", 35),
    Country("CA", "Canada", "Canada", -100),
    Country("MX", "Mexico", "Mexique", -102),
    Country("BR", "Brazil", "Brésil", -52),
    Country("CN", "China", "Chine", 104),
    Country("KR", "South Korea", "Corée du Sud", 128, ("Korea", "Republic of Korea")),
    Country("TW", "Taiwan", "Taïwan", 121),
    Country("SG", "Singapore", "Singapour", 104),
    Country("IN", "India", "Inde", 79),
    Country("AU", "Australia", "Australie", 134),
    Country("NZ", "New Zealand", "Nouvelle-Zélande", 174),
    Country("MA", "Morocco", "Maroc", -7),
    Country("TN", "Tunisia", "Tunisie", 9),
    Country("ZA", "South Africa", "Afrique du Sud", 25),
)
COUNTRIES: MappingProxyType[str, Country] = MappingProxyType({c.code: c for c in _COUNTRIES})
_COUNTRY_NAMES = {fold(name): c.code for c in _COUNTRIES for name in (c.code, c.en, c.fr, *c.aliases)}


def country_code(value: str) -> str | None:
    """The ISO code for a country code or name in English or French; ``None`` if unknown.

    Any two-letter code is accepted as given (upper-cased), so countries outside
    the table still load.
    """
    folded = fold(value)
    if folded in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[folded]
    if re.fullmatch(r"[a-z]{2}", folded):
        return folded.upper()
    return None


def close_countries(value: str, n: int = 5) -> list[str]:
    """The names of the countries closest to a misspelt ``value`` ("Frnace" -> France)."""
    close = closest(value, _COUNTRY_NAMES, n * 3)
    codes = list(dict.fromkeys(_COUNTRY_NAMES[c] for c in close))[:n]
    return [f"{COUNTRIES[c].en} ({c})" for c in codes]


def country_name(code: str, lang: Lang = "en") -> str:
    """The name of a country by ISO code, in ``lang`` (the code itself when unknown)."""
    country = COUNTRIES.get(code)
    return country.name(lang) if country else code


def longitude(code: str | None) -> float:
    """Where a country sits from West to East (unknown countries go East of the known ones)."""
    country = COUNTRIES.get((code or "").upper())
    return float(country.longitude) if country else 180.0
