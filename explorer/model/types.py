"""Relationship types: their ends, strength, looks and words in both languages (one table), and
identifiers quoted for Cypher from the model's allow-list only."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

from explorer.model.kinds import ENTITY, KINDS, ORGANIZATION, ORGANIZATION_KINDS
from explorer.model.text import Lang, fold

__all__ = [
    "CROWD_TYPES",
    "PERSONAL_TYPES",
    "REL_TYPES",
    "SYMMETRIC_TYPES",
    "Extra",
    "RelType",
    "Words",
    "in_order",
    "label",
    "parse_rel_type",
    "rel_type",
    "type_words",
]


@dataclass(frozen=True, slots=True)
class Extra:
    """A property that adds to a tie's sentence: ``"role"`` -> " as CEO".

    ``template`` takes ``{value}`` (``{value:lower}`` lower-cases a capital that starts a
    phrase, ``{de_value}`` gives French "de"/"d'" before it); ``main`` extras continue the
    sentence, the others go in brackets after it. ``unless`` names an extra that replaces
    this one when both are known; ``words`` translates stored values ("twinning").
    """

    property: str
    template: str
    main: bool = False
    unless: str | None = None
    words: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Words:
    """How one language says a relationship type.

    Templates take ``{x}`` (the start), ``{y}`` (the end) and their grammatical forms:
    ``{de_y}`` (French "de Biocom", "d'Eurobiomed"), ``{y_s}`` (English "Biocom's") and
    ``{in_y}`` (a place after "in": "the United States", "en France", "à Marseille").
    """

    #: The type as a short phrase, for legends, filters and tables: "member of".
    phrase: str
    #: The tie as a sentence: "{x} is a member of {y}".
    sentence: str
    #: What a crowd of such ties is made of: (ties going out of the start, coming into the end).
    crowd: tuple[str, str]
    #: Who to ask, as a clause about the introducer: (when they are the tie's start, its end).
    ask: tuple[str | None, str | None] = (None, None)
    extras: tuple[Extra, ...] = ()
    #: The tie as a noun: (with "a", with "the", plural): "a board seat", "the board seat", "board seats".
    noun: tuple[str, str, str] = ("", "", "")


@dataclass(frozen=True, slots=True)
class RelType:
    """A relationship type: allowed ends, symmetry, strength, looks and its words in both languages."""

    name: str
    sources: frozenset[str]
    targets: frozenset[str]
    en: Words
    fr: Words
    colour: str
    strength: float
    symmetric: bool = False
    #: Collective ties: strength decays with how many such ties an end has (a member among 850).
    crowd: bool = False
    #: Ties one can ask a person about (they know the other end personally).
    personal: bool = False
    #: Properties whose value must be the id of an entity (checked by the loaders).
    references: tuple[str, ...] = ()
    #: Whether the tie's dates (``since``) are worth saying: not for where a place lies.
    dated: bool = True
    #: The end's property that states how many such ties it has (a cluster's ``members``), when
    #: the graph holds fewer of them than the world does.
    stated_size: str | None = None

    def words(self, lang: Lang = "en") -> Words:
        return self.fr if lang == "fr" else self.en

    def phrase(self, lang: Lang = "en") -> str:
        return self.words(lang).phrase


_ORGS = ORGANIZATION_KINDS
_ROLE_EN = Extra("role", " as {value:lower}", main=True)
_ROLE_FR = Extra("role", " en tant que {value:lower}", main=True)
_REL_TYPES = (
    RelType(
        "MEMBER_OF", _ORGS, frozenset({"Cluster"}),
        Words("member of", "{x} is a member of {y}", ("memberships", "members"),
              ("a member of {y}", "which counts {y} among its members"),
              noun=("a membership", "the membership", "memberships")),
        Words("membre de", "{x} est membre {de_y}", ("adhésions", "membres"),
              ("membre {de_y}", "qui compte {y} parmi ses membres"),
              noun=("une adhésion", "l'adhésion", "adhésions")),
        "#888888", 0.5, crowd=True, stated_size="members",
    ),
    RelType(
        "SUBSIDIARY_IN", frozenset({"Company", "Institute"}), frozenset({"City", "Country"}),
        Words("has a subsidiary in", "{x} has a subsidiary in {in_y}", ("subsidiaries", "subsidiaries there"),
              ("which has a subsidiary in {in_y}", None),
              noun=("a subsidiary", "the subsidiary", "subsidiaries")),
        Words("a une filiale à", "{x} a une filiale {in_y}", ("filiales", "filiales sur place"),
              ("qui a une filiale {in_y}", None),
              noun=("une filiale", "la filiale", "filiales")),
        "#004488", 0.5,
    ),
    RelType(
        "RD_PARTNER", _ORGS, _ORGS,
        Words("R&D partner of", "{x} and {y} are R&D partners", ("R&D partners", "R&D partners"),
              ("an R&D partner of {y}", "an R&D partner of {y}"),
              (Extra("topic", " on {value:lower}", main=True),),
              noun=("an R&D partnership", "the R&D partnership", "R&D partnerships")),
        Words("partenaire R&D de", "{x} et {y} sont partenaires R&D", ("partenaires R&D", "partenaires R&D"),
              ("partenaire R&D {de_y}", "partenaire R&D {de_y}"),
              (Extra("topic", "thème : {value:lower}"),),
              noun=("un partenariat R&D", "le partenariat R&D", "partenariats R&D")),
        "#117733", 0.85, symmetric=True,
    ),
    RelType(
        "BOARD_SEAT", frozenset({"Person"}), _ORGS,
        Words("sits on the board of", "{x} sits on the board of {y}", ("board seats", "board members"),
              ("who sits on {y_s} board", "which has {y} on its board"),
              (Extra("on_behalf_of", " on behalf of {value}", main=True),
               Extra("role", "{value}", unless="on_behalf_of")),
              noun=("a board seat", "the board seat", "board seats")),
        Words("siège au conseil de", "{x} siège au conseil {de_y}",
              ("sièges d'administrateur", "administrateurs"),
              ("qui siège au conseil {de_y}", "dont {y} est administrateur"),
              (Extra("on_behalf_of", " au nom {de_value}", main=True),
               Extra("role", "{value}", unless="on_behalf_of")),
              noun=("un siège au conseil", "le siège au conseil", "sièges au conseil")),
        "#ee3377", 0.9, personal=True, references=("on_behalf_of",),
    ),
    RelType(
        "LEADS", frozenset({"Person"}), _ORGS | {"Alliance", "Initiative"},
        Words("leads", "{x} leads {y}", ("organisations led", "leaders"),
              ("who leads {y}", "which {y} leads"), (_ROLE_EN,),
              noun=("a leadership role", "the leadership role", "leadership roles")),
        Words("dirige", "{x} dirige {y}", ("organisations dirigées", "dirigeants"),
              ("qui dirige {y}", "que dirige {y}"), (_ROLE_FR,),
              noun=("une fonction de direction", "la fonction de direction", "fonctions de direction")),
        "#332288", 0.95, personal=True,
    ),
    RelType(
        "WORKS_AT", frozenset({"Person"}), _ORGS | {"Initiative"},
        Words("works at", "{x} works at {y}", ("employers", "people working there"),
              ("who works at {y}", "where {y} works"), (_ROLE_EN,),
              noun=("a job", "the job", "jobs")),
        Words("travaille chez", "{x} travaille chez {y}", ("employeurs", "personnes qui y travaillent"),
              ("qui travaille chez {y}", "où travaille {y}"), (_ROLE_FR,),
              noun=("un emploi", "l'emploi", "emplois")),
        "#882255", 0.7, crowd=True, personal=True,
    ),
    RelType(
        "REPRESENTS", frozenset({"Person"}), _ORGS,
        Words("represents", "{x} represents {y}", ("organisations represented", "representatives"),
              ("who represents {y}", "which {y} represents"), (Extra("role", "{value}"),),
              noun=("a representative role", "the representative role", "representative roles")),
        Words("représente", "{x} représente {y}", ("organisations représentées", "représentants"),
              ("qui représente {y}", "que représente {y}"), (Extra("role", "{value}"),),
              noun=("un rôle de représentant", "le rôle de représentant", "rôles de représentant")),
        "#6699cc", 0.85, personal=True,
    ),
    RelType(
        "PARTNER_OF", frozenset({"Cluster"}), frozenset({"Cluster"}),
        Words("partner of", "{x} and {y} are partners", ("partners", "partners"),
              ("a partner of {y}", "a partner of {y}"), (Extra("kind", "{value:lower}"),),
              noun=("a partnership", "the partnership", "partnerships")),
        Words("partenaire de", "{x} et {y} sont partenaires", ("partenaires", "partenaires"),
              ("partenaire {de_y}", "partenaire {de_y}"),
              (Extra("kind", "{value:lower}",
                     words={"twinning": "jumelage", "partnership": "partenariat", "agreement": "accord"}),),
              noun=("un partenariat", "le partenariat", "partenariats")),
        "#0072b2", 0.6, symmetric=True,
    ),
    RelType(
        "PARTY_TO", _ORGS, frozenset({"Alliance", "Initiative"}),
        Words("party to", "{x} is a party to {y}", ("alliances", "parties"),
              ("a party to {y}", "to which {y} is a party"),
              noun=("an alliance tie", "the alliance tie", "alliance ties")),
        Words("partie à", "{x} est partie prenante {de_y}", ("alliances", "parties prenantes"),
              ("partie prenante {de_y}", "dont {y} est partie prenante"),
              noun=("une participation à une alliance", "la participation à l'alliance",
                    "participations à une alliance")),
        "#d55e00", 0.55, crowd=True,
    ),
    RelType(
        "SUPPORTED_BY", _ORGS | {"Initiative"}, _ORGS,
        Words("supported by", "{x} is supported by {y}", ("supporters", "organisations supported"),
              ("which is supported by {y}", "which supports {y}"), (Extra("what", "{value:lower}"),),
              noun=("a support tie", "the support tie", "support ties")),
        Words("soutenu par", "{y} soutient {x}", ("soutiens", "organisations soutenues"),
              ("que soutient {y}", "qui soutient {y}"), (Extra("what", "{value:lower}"),),
              noun=("un soutien", "le soutien", "soutiens")),
        "#e69f00", 0.7, crowd=True,
    ),
    RelType(
        "IN_CONTACT", _ORGS | {"Person"}, _ORGS | {"Person"},
        Words("in contact with", "{x} and {y} are in contact", ("contacts", "contacts"),
              ("in contact with {y}", "in contact with {y}"),
              noun=("a contact", "the contact", "contacts")),
        Words("en contact avec", "{x} et {y} sont en contact", ("contacts", "contacts"),
              ("en contact avec {y}", "en contact avec {y}"),
              noun=("un contact", "le contact", "contacts")),
        "#aa00ff", 0.6, symmetric=True,
    ),
    RelType(
        "LOCATED_IN", _ORGS | {"Person", "Initiative"}, frozenset({"City"}),
        Words("located in", "{x} is located in {y}", ("places", "entities located there"),
              ("located in {y}", None),
              noun=("a location", "the location", "locations")),
        Words("situé à", "{x} se trouve {in_y}", ("lieux", "entités qui s'y trouvent"),
              ("qui se trouve {in_y}", None),
              noun=("une implantation", "l'implantation", "implantations")),
        "#bbbbbb", 0.1, dated=False,
    ),
    RelType(
        "IN_COUNTRY", frozenset({"City"}), frozenset({"Country"}),
        Words("in", "{x} is in {in_y}", ("countries", "cities"),
              noun=("a country", "the country", "countries")),
        Words("en/au", "{x} se trouve {in_y}", ("pays", "villes"),
              noun=("un pays", "le pays", "pays")),
        "#88ccee", 0.05, dated=False,
    ),
)  # fmt: skip
REL_TYPES: MappingProxyType[str, RelType] = MappingProxyType({t.name: t for t in _REL_TYPES})
SYMMETRIC_TYPES = frozenset(t.name for t in _REL_TYPES if t.symmetric)
CROWD_TYPES = frozenset(t.name for t in _REL_TYPES if t.crowd)
PERSONAL_TYPES = frozenset(t.name for t in _REL_TYPES if t.personal)


_LINKING_WORDS = {"of", "in", "by", "to", "at", "de", "du", "a", "au", "en", "par", "chez"}


def _phrase_key(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", fold(text).replace("&", "")).split()
    while words and words[-1] in _LINKING_WORDS:
        words.pop()
    return " ".join(words)


_TYPE_WORDS = {
    key: t.name for t in _REL_TYPES for w in (t.name, t.en.phrase, t.fr.phrase) if (key := _phrase_key(w))
}


#: An end of a tie: an entity's id, or a handle of one (an index).
End = TypeVar("End", str, int)


def in_order(rtype: str, start: End, end: End) -> tuple[End, End]:
    """The two ends of a tie of ``rtype`` in the one order the graph keeps them: as given, except
    for a symmetric type, whose ends are sorted (ids, or any comparable handles of entities).
    The one place this rule lives: ``Tie.canonical`` and every key of a tie go through it."""
    if rtype in SYMMETRIC_TYPES and end < start:
        return end, start
    return start, end


def parse_rel_type(value: str) -> str | None:
    """The type a user means by "member of", "Partenaire R&D", "PARTNER_OF"...; ``None`` if none."""
    return _TYPE_WORDS.get(_phrase_key(value)) if _phrase_key(value) else None


def type_words() -> list[str]:
    """Every phrase :func:`parse_rel_type` knows (for suggestions)."""
    return list(_TYPE_WORDS)


_IDENTIFIER = re.compile(r"[A-Z][A-Za-z_]*")


def label(kind: str) -> str:
    """``kind`` quoted as a Cypher label; only kinds and labels of the model pass."""
    if kind not in KINDS and kind not in (ENTITY, ORGANIZATION):
        raise ValueError(f"not a label of the model: {kind!r}")
    return _quote(kind)


def rel_type(name: str) -> str:
    """``name`` quoted as a Cypher relationship type; only the model's types pass."""
    if name not in REL_TYPES:
        raise ValueError(f"not a relationship type of the model: {name!r}")
    return _quote(name)


def _quote(identifier: str) -> str:
    if not _IDENTIFIER.fullmatch(identifier):  # pragma: no cover - the tables above are clean
        raise ValueError(f"unsafe identifier {identifier!r}")
    return f"`{identifier}`"
