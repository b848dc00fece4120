"""What a fact is, below the loaders and curation: a record as read (a file's row, a form's fields)
becomes node and link rows ready to write, or problems; a fact's key; the ends each relationship
type allows. Pure: no database."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from explorer import countries, model
from explorer.escaping import web_address
from explorer.model import Tie
from explorer.model.dates import FactDate
from explorer.model.keys import entity_key, parse_fact_key, tie_key

__all__ = [
    "ALLOWED_ENDS",
    "LinkRow",
    "NodeRow",
    "RawRow",
    "build_link",
    "build_node",
    "country_node",
    "entity_key",
    "file_source",
    "id_problem",
    "link_kind_problems",
    "parse_fact_key",
    "tie_key",
]

MAX_ID = 200
MAX_NAME = 500
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: What an id is made of; nothing else (``|`` splits a tie's key, quotes break where ids are written).
ID_CHARACTERS = "letters, digits, spaces and _ - . : / @ + & ' ( ) ~"
_NOT_ID = re.compile(r"[^\w .:/@+&'()~-]")

# The words of a file repeat on every row ("MEMBER_OF", "active", "France"): parse each once.
_parse_kind = functools.lru_cache(maxsize=4096)(model.parse_kind)
_parse_rel_type = functools.lru_cache(maxsize=4096)(model.parse_rel_type)
_parse_status = functools.lru_cache(maxsize=4096)(model.parse_status)
_parse_evidence = functools.lru_cache(maxsize=4096)(model.parse_evidence)
_country_code = functools.lru_cache(maxsize=4096)(countries.country_code)
_slugify = functools.lru_cache(maxsize=65536)(model.slugify)


@dataclass(frozen=True, slots=True)
class RawRow:
    """One record as read: where it starts, what it is (node, link, source) and its fields."""

    line: int
    role: Literal["node", "link", "source"]
    fields: dict[str, Any]


@dataclass(slots=True)
class NodeRow:
    """A node to MERGE by id: its kind, its properties (``name`` included) and its line."""

    id: str
    kind: str
    props: dict[str, Any]
    line: int
    #: Made from another row's ``city``/``country``: created if missing, never updated.
    derived: bool = False

    def fingerprint(self) -> int:
        return hash((self.kind, _fingerprint(self.props)))


@dataclass(slots=True)
class LinkRow:
    """A tie to MERGE (symmetric types in canonical order), and where it was read."""

    tie: Tie
    line: int
    derived: bool = False
    #: Ids named by properties (``on_behalf_of``) that must exist too.
    refs: tuple[str, ...] = field(default=())

    def key(self) -> tuple[str, str, str]:
        """(type, start, end): the one relationship of a type between two entities."""
        return (self.tie.type, self.tie.start, self.tie.end)

    @property
    def type(self) -> str:
        return self.tie.type

    @property
    def start(self) -> str:
        return self.tie.start

    @property
    def end(self) -> str:
        return self.tie.end

    @property
    def props(self) -> dict[str, Any]:
        return self.tie.properties

    def fingerprint(self) -> int:
        return _fingerprint(self.tie.properties)


def _fingerprint(props: dict[str, Any]) -> int:
    """A hash of ``props`` whatever their order (lists made hashable only when present)."""
    try:
        return hash(frozenset(props.items()))
    except TypeError:
        return hash(_freeze(props))


def _freeze(props: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items()))


def file_source(file_name: str) -> NodeRow:
    """The ``Source`` standing for a file whose rows cite no ``source_ref``."""
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    return NodeRow(
        f"file-{model.slugify(base) or 'unnamed'}",
        "Source",
        {"name": base, "kind": "Source", "file": base},
        0,
        derived=True,
    )


def _check_id(value: Any, what: str, errors: list[str]) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        errors.append(f"missing {what}")
        return None
    if not isinstance(value, str):
        # YAML reads 2012 as a number, 007 as 7, [a, b] as a list: an id is the text written
        errors.append(f"{what} must be text, not {_yaml_type(value)} {value!r}; write it in quotes")
        return None
    text = value.strip()
    if len(text) > MAX_ID:
        errors.append(f"{what} is longer than {MAX_ID} characters")
        return None
    if not text.isprintable() and _CONTROL.search(text):
        errors.append(f"{what} {text[:40]!r} contains control characters")
        return None
    bad = sorted(set(_NOT_ID.findall(text)))
    if bad:
        errors.append(f"{what} {text[:40]!r} holds {' '.join(bad)}: an id is made of {ID_CHARACTERS}")
        return None
    return text


def id_problem(value: Any, what: str = "id") -> str | None:
    """Why ``value`` cannot be an id (missing, too long, outside the safe alphabet), or ``None``."""
    errors: list[str] = []
    _check_id(value, what, errors)
    return errors[0] if errors else None


def _yaml_type(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list"}.get(type(value), "a value")


#: The whole numbers Neo4j stores (64 bits).
INT_MIN, INT_MAX = -(1 << 63), (1 << 63) - 1


def _storable(key: str, value: Any) -> str | None:
    """Why ``value`` cannot be stored as it is (a number Neo4j cannot hold), or ``None``."""
    for item in value if isinstance(value, list) else (value,):
        if isinstance(item, bool):
            continue
        if isinstance(item, int) and not INT_MIN <= item <= INT_MAX:
            return f"{key}: {item} is beyond the whole numbers Neo4j stores (64 bits); write it in quotes"
        if isinstance(item, float) and not math.isfinite(item):
            return f"{key}: {item} is not a finite number"
    return None


def _properties(fields: dict[str, Any], reserved: frozenset[str], errors: list[str]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for key, value in fields.items():
        if key in reserved or not key:
            continue
        if key in model.DATE_PROPERTIES:
            try:
                date = FactDate.optional(value)
            except ValueError as e:
                errors.append(f"{key}: {e}")
                continue
            if date is not None:
                props[key] = date.stored()
        elif key in model.INTEGER_PROPERTIES:
            number = _integer(value)
            if number is None or not INT_MIN <= number <= INT_MAX:
                errors.append(f"{key} must be a whole number (a year for opened), not {value!r}")
                continue
            props[key] = number
        elif (why := _storable(key, value)) is not None:
            errors.append(why)
        else:
            props[key] = value
    return props


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if text.isascii() and text.isdigit() and len(text) <= 12:  # the common case: a plain year
        return int(text)
    text = text.replace("\u202f", "").replace("\xa0", "")
    if re.fullmatch(r"[+-]?\d{1,12}(\.0+)?", text):
        return int(float(text)) if "." in text else int(text)
    return None


def build_node(raw: RawRow, default_source: str) -> tuple[list[NodeRow], list[LinkRow], list[str]]:
    """Node rows (the node, then any city/country it names) and the links to them, or problems."""
    errors: list[str] = []
    f = raw.fields
    kind = "Source" if raw.role == "source" else None
    if kind is None:
        given = f.get("kind")
        if given is None or str(given).strip() == "":
            errors.append("missing kind")
        else:
            kind = _parse_kind(str(given))
            if kind is None:
                errors.append(f"unknown kind {given!r}; expected one of {', '.join(model.KINDS)}")
    node_id = _check_id(f.get("id"), "id", errors)
    for key in ("name", "city", "country"):
        if isinstance(f.get(key), list | bool):
            errors.append(f"{key} must be text, not {_yaml_type(f[key])} {f[key]!r}")
            return [], [], errors
    name = f.get("name")
    if name is None or str(name).strip() == "":
        errors.append("missing name")
    elif len(str(name)) > MAX_NAME:
        errors.append(f"name is longer than {MAX_NAME} characters")
    if "source" in f:
        errors.append("source is where a row's facts come from: cite a Source with source_ref")
    props = _properties(f, model.NODE_RESERVED | {"source"}, errors)
    country = None
    if "country" in props:
        country = _country_code(str(props["country"]))
        if country is None:
            errors.append(f"unknown country {props['country']!r}; use a two-letter ISO code such as FR")
        else:
            props["country"] = country
    if kind == "Source":
        _source_fields(props, errors)
    source = _check_id(f["source_ref"], "source_ref", errors) if "source_ref" in f else default_source
    city = str(f.get("city", "")).strip()
    if city and kind is not None and kind not in model.REL_TYPES["LOCATED_IN"].sources and kind != "City":
        errors.append(f"a {kind} cannot be located in a city")
    if errors or kind is None or node_id is None:
        return [], [], errors

    props["name"] = str(name).strip()
    props["kind"] = kind  # also a label; the property keeps ad-hoc Cypher simple
    if kind != "Source":
        props["source"] = source
    rows = [NodeRow(node_id, kind, props, raw.line)]
    links: list[LinkRow] = []
    status, evidence = model.tie_defaults({})
    provenance = {"source": source, "status": status, "evidence": evidence}
    city_of_country: str | None
    if city and kind != "City":
        city_id = _slugify(city)
        if not city_id:
            return [], [], [f"city {city!r} has no letters or digits"]
        city_props: dict[str, Any] = {"name": city, "kind": "City"}
        if country:
            city_props["country"] = country
        rows.append(NodeRow(city_id, "City", city_props, raw.line, derived=True))
        links.append(LinkRow(Tie("LOCATED_IN", node_id, city_id, dict(provenance)), raw.line, derived=True))
        city_of_country = city_id
    else:
        city_of_country = node_id if kind == "City" else None
    if country and city_of_country:
        rows.append(country_node(country, raw.line))
        tie = Tie("IN_COUNTRY", city_of_country, country.lower(), dict(provenance))
        links.append(LinkRow(tie, raw.line, derived=True))
    return rows, links, []


#: What a ``Source`` tells of itself, all text; ``url`` a web address (pages turn it into a link).
SOURCE_FIELDS = ("title", "title_fr", "publisher", "date", "language", "url")


def _source_fields(props: dict[str, Any], errors: list[str]) -> None:
    """A source's title, publisher, date, language and url as text (YAML reads ``date: 2019`` as a
    number); an url that is not an ``http(s)://`` address is refused."""
    for key in SOURCE_FIELDS:
        if key not in props:
            continue
        value = props[key]
        if isinstance(value, list | bool):
            errors.append(f"{key} must be text, not {_yaml_type(value)} {value!r}")
            continue
        props[key] = " ".join(str(value).split())
    url = props.get("url")
    if isinstance(url, str) and web_address(url) is None:
        errors.append(f"url {url[:80]!r} is not a web address; write it as https://...")


def country_node(code: str, line: int) -> NodeRow:
    """The ``Country`` node for an ISO code, named in English and French."""
    props: dict[str, Any] = {"name": countries.country_name(code, "en"), "kind": "Country", "code": code}
    french = countries.country_name(code, "fr")
    if french != props["name"]:
        props["name_fr"] = french
    return NodeRow(code.lower(), "Country", props, line, derived=True)


def build_link(raw: RawRow, default_source: str) -> tuple[LinkRow | None, list[str]]:
    """A link row (symmetric types put in canonical order), or problems."""
    errors: list[str] = []
    f = raw.fields
    start = _check_id(f.get("source"), "source", errors)
    end = _check_id(f.get("target"), "target", errors)
    rtype = None
    given = f.get("type")
    if given is None or str(given).strip() == "":
        errors.append("missing type")
    else:
        rtype = _parse_rel_type(str(given))
        if rtype is None:
            errors.append(f"unknown type {given!r}; expected one of {', '.join(model.REL_TYPES)}")
    props = _properties(f, model.LINK_RESERVED, errors)
    default_status, default_evidence = model.tie_defaults({})
    status = _parse_status(str(props.get("status", default_status)))
    if status is None:
        errors.append(f"bad status {props['status']!r}; expected {', '.join(model.STATUSES)}")
    evidence = _parse_evidence(str(props.get("evidence", default_evidence)))
    if evidence is None:
        errors.append(f"bad evidence {props['evidence']!r}; expected {', '.join(model.EVIDENCE)}")
    source = _check_id(f["source_ref"], "source_ref", errors) if "source_ref" in f else default_source
    if start is not None and start == end:
        errors.append(f"a link from {start!r} to itself")
    refs: list[str] = []
    if rtype is not None:
        for name in model.REL_TYPES[rtype].references:
            if name in props:
                ref = _check_id(props[name], name, errors)
                if ref is not None:
                    props[name] = ref
                    refs.append(ref)
    if errors or start is None or end is None or rtype is None:
        return None, errors
    props.update(status=status, evidence=evidence, source=source)
    return LinkRow(Tie(rtype, start, end, props).canonical(), raw.line, refs=tuple(refs)), []


#: (type, start kind, end kind) that the model allows, symmetric types both ways round.
ALLOWED_ENDS = frozenset(
    (t.name, a, b)
    for t in model.REL_TYPES.values()
    for a, b in [
        *((s, e) for s in t.sources for e in t.targets),
        *((e, s) for s in t.sources for e in t.targets if t.symmetric),
    ]
)


def link_kind_problems(link: LinkRow, kinds: dict[str, str]) -> Iterable[str]:
    """What is wrong with the kinds at the ends of ``link`` (nothing when all is well)."""
    tie = link.tie
    rtype = model.REL_TYPES[tie.type]
    start, end = kinds.get(tie.start), kinds.get(tie.end)
    if start is None or end is None:
        return  # reported as missing already
    if (tie.type, start, end) not in ALLOWED_ENDS:
        yield (
            f"{tie.type} goes from {'/'.join(sorted(rtype.sources))} to "
            f"{'/'.join(sorted(rtype.targets))}, not from {start} {tie.start!r} to {end} {tie.end!r}"
        )
    for ref in link.refs:
        if kinds.get(ref) is not None and kinds[ref] not in model.ORGANIZATION_KINDS:
            yield f"{ref!r} is a {kinds[ref]}; on_behalf_of must name an organisation"
    cited = kinds.get(str(link.tie.properties["source"]))
    if cited is not None and cited != "Source":
        yield f"source_ref {link.tie.properties['source']!r} is a {cited}, not a Source"
