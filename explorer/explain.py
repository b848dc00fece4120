"""Introduction paths in words: one plain sentence per hop, then who to ask, in English or French."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from explorer import model
from explorer.model import Lang

if TYPE_CHECKING:
    from explorer.analytics import BrokerSearch, Group
    from explorer.paths import Hop, IntroPath, PathNode, PathSearch

__all__ = [
    "ask_sentence",
    "describe",
    "describe_brokers",
    "explain",
    "hop_sentence",
    "no_path_sentence",
    "route_line",
    "sentences",
]

_PERSON_TYPES = frozenset({"BOARD_SEAT", "LEADS", "WORKS_AT", "REPRESENTS"})
_VOWELS = "aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ"


# -- small pieces of grammar ---------------------------------------------------------------


def _de(name: str) -> str:
    """French "de" before a name, elided before a vowel: "d'Eurobiomed", "de Biocom"."""
    return f"d'{name}" if name[:1] in _VOWELS else f"de {name}"


_FR_PLURAL = ("etats-unis", "pays-bas", "emirats arabes unis", "philippines", "seychelles")
_FR_MASCULINE_IN_E = ("mexique", "cambodge", "mozambique", "zimbabwe")
_FR_CITY_STATES = ("singapour", "taiwan", "malte", "chypre", "cuba", "monaco", "hong kong")


def _fr_in_country(name: str) -> str:
    """French "in" before a country: "en France", "au Japon", "aux États-Unis"."""
    folded = model.fold(name)
    if folded.startswith(_FR_PLURAL):
        return f"aux {name}"
    if folded in _FR_CITY_STATES:
        return f"à {name}"
    if folded[:1] in "aeiouy" or (folded.endswith("e") and folded not in _FR_MASCULINE_IN_E):
        return f"en {name}"
    return f"au {name}"


def _fr_in(node: PathNode, lang: Lang) -> str:
    name = node.display(lang)
    return _fr_in_country(name) if node.kind == "Country" else f"à {name}"


_EN_THE = ("united ", "netherlands", "philippines", "czech republic", "bahamas", "gambia")


def _en_place(node: PathNode, lang: Lang = "en") -> str:
    """A place as English says it after "in": "the United States", "Japan", "San Diego"."""
    name = node.display(lang)
    if node.kind == "Country" and model.fold(name).startswith(_EN_THE):
        return f"the {name}"
    return name


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _lower_first(text: str) -> str:
    """ "Director general" -> "director general", but "CEO" stays "CEO"."""
    text = " ".join(str(text).split())
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _prop(hop: Hop, name: str, lang: Lang) -> str | None:
    """A property of the relationship, in French when a ``NAME_fr`` variant exists."""
    value = hop.properties.get(f"{name}_fr") if lang == "fr" else None
    if value in (None, ""):
        value = hop.properties.get(name)
    if value in (None, "") or isinstance(value, dict | list):
        return None
    return " ".join(str(value).split())


_KIND_FR = {"twinning": "jumelage", "partnership": "partenariat", "agreement": "accord"}


# -- one sentence per hop ------------------------------------------------------------------


def hop_sentence(hop: Hop, a: PathNode, b: PathNode, lang: Lang = "en") -> str:
    """One plain sentence for a hop walked from ``a`` to ``b`` (in either direction)."""
    start, end = (a, b) if hop.start == a.id else (b, a)
    if hop.type in model.SYMMETRIC_TYPES:
        start, end = a, b  # partners are named in the order the path walks them
    x, y = start.display(lang), end.display(lang)
    main, details = (_fr_main if lang == "fr" else _en_main)(hop, x, y, end, lang)
    details += _crowd(hop, start, end, lang)
    details += _qualifiers(hop, lang)
    tail = f" ({'; '.join(details)})" if details else ""
    return f"{main}{tail}."


def _en_main(hop: Hop, x: str, y: str, end: PathNode, lang: Lang) -> tuple[str, list[str]]:
    details: list[str] = []
    t = hop.type
    role = _prop(hop, "role", lang)
    if t == "MEMBER_OF":
        main = f"{x} is a member of {y}"
    elif t == "SUBSIDIARY_IN":
        main = f"{x} has a subsidiary in {_en_place(end, lang)}"
    elif t == "RD_PARTNER":
        main = f"{x} and {y} are R&D partners"
        topic = _prop(hop, "topic", lang)
        main += f" on {_lower_first(topic)}" if topic else ""
    elif t == "BOARD_SEAT":
        main = f"{x} sits on the board of {y}"
        behalf = hop.refs.get("on_behalf_of")
        if behalf is not None and behalf.id not in (hop.start, hop.end):
            main += f" on behalf of {behalf.display(lang)}"
        elif role:
            details.append(role)
    elif t == "LEADS":
        main = f"{x} leads {y}" + (f" as {_lower_first(role)}" if role else "")
    elif t == "WORKS_AT":
        main = f"{x} works at {y}" + (f" as {_lower_first(role)}" if role else "")
    elif t == "REPRESENTS":
        main = f"{x} represents {y}"
        details += [role] if role else []
    elif t == "PARTNER_OF":
        main = f"{x} and {y} are partners"
        kind = _prop(hop, "kind", lang)
        details += [_lower_first(kind)] if kind else []
    elif t == "PARTY_TO":
        main = f"{x} is a party to {y}"
    elif t == "SUPPORTED_BY":
        main = f"{x} is supported by {y}"
        what = _prop(hop, "what", lang)
        details += [_lower_first(what)] if what else []
    elif t == "LOCATED_IN":
        main = f"{x} is located in {y}"
    elif t == "IN_COUNTRY":
        main = f"{x} is in {_en_place(end, lang)}"
    else:  # a type the sentences do not know yet
        main = f"{x} is linked to {y} ({t})"
    return main, details


def _fr_main(hop: Hop, x: str, y: str, end: PathNode, lang: Lang) -> tuple[str, list[str]]:
    details: list[str] = []
    t = hop.type
    role = _prop(hop, "role", lang)
    if t == "MEMBER_OF":
        main = f"{x} est membre {_de(y)}"
    elif t == "SUBSIDIARY_IN":
        main = f"{x} a une filiale {_fr_in(end, lang)}"
    elif t == "RD_PARTNER":
        main = f"{x} et {y} sont partenaires R&D"
        topic = _prop(hop, "topic", lang)
        details += [f"thème : {_lower_first(topic)}"] if topic else []
    elif t == "BOARD_SEAT":
        main = f"{x} siège au conseil {_de(y)}"
        behalf = hop.refs.get("on_behalf_of")
        if behalf is not None and behalf.id not in (hop.start, hop.end):
            main += f" au nom {_de(behalf.display(lang))}"
        elif role:
            details.append(role)
    elif t == "LEADS":
        main = f"{x} dirige {y}" + (f" en tant que {_lower_first(role)}" if role else "")
    elif t == "WORKS_AT":
        main = f"{x} travaille chez {y}" + (f" en tant que {_lower_first(role)}" if role else "")
    elif t == "REPRESENTS":
        main = f"{x} représente {y}"
        details += [role] if role else []
    elif t == "PARTNER_OF":
        main = f"{x} et {y} sont partenaires"
        kind = _prop(hop, "kind", lang)
        details += [_KIND_FR.get(model.fold(kind), _lower_first(kind))] if kind else []
    elif t == "PARTY_TO":
        main = f"{x} est partie prenante {_de(y)}"
    elif t == "SUPPORTED_BY":
        main = f"{y} soutient {x}"
        what = _prop(hop, "what", lang)
        details += [_lower_first(what)] if what else []
    elif t in ("LOCATED_IN", "IN_COUNTRY"):
        main = f"{x} se trouve {_fr_in(end, lang)}"
    else:
        main = f"{x} est lié à {y} ({t})"
    return main, details


#: What a crowd is made of, by type and end (start: ties going out; end: coming in).
_CROWD_NOUNS: dict[tuple[str, str], tuple[str, str]] = {
    ("MEMBER_OF", "end"): ("members", "membres"),
    ("MEMBER_OF", "start"): ("memberships", "adhésions"),
    ("WORKS_AT", "end"): ("people working there", "personnes qui y travaillent"),
    ("WORKS_AT", "start"): ("employers", "employeurs"),
    ("BOARD_SEAT", "end"): ("board members", "administrateurs"),
    ("BOARD_SEAT", "start"): ("board seats", "sièges d'administrateur"),
    ("LEADS", "end"): ("leaders", "dirigeants"),
    ("LEADS", "start"): ("organisations led", "organisations dirigées"),
    ("REPRESENTS", "end"): ("representatives", "représentants"),
    ("REPRESENTS", "start"): ("organisations represented", "organisations représentées"),
    ("PARTY_TO", "end"): ("parties", "parties prenantes"),
    ("PARTY_TO", "start"): ("alliances", "alliances"),
    ("SUPPORTED_BY", "end"): ("organisations supported", "organisations soutenues"),
    ("SUPPORTED_BY", "start"): ("supporters", "soutiens"),
    ("RD_PARTNER", "end"): ("R&D partners", "partenaires R&D"),
    ("RD_PARTNER", "start"): ("R&D partners", "partenaires R&D"),
    ("PARTNER_OF", "end"): ("partners", "partenaires"),
    ("PARTNER_OF", "start"): ("partners", "partenaires"),
}


def _crowd(hop: Hop, start: PathNode, end: PathNode, lang: Lang) -> list[str]:
    """ "Biocom has 850 members" when a crowd is big enough to weaken the tie."""
    out, into = hop.crowds
    if hop.type in model.SYMMETRIC_TYPES:  # the crowd counts were read in stored order
        first = start if start.id == hop.start else end
        second = end if first is start else start
    else:
        first, second = start, end
    side, node, n = ("start", first, out) if (out or 0) > (into or 0) else ("end", second, into)
    if n is None or n <= hop.crowd_reference:
        return []
    nouns = _CROWD_NOUNS.get((hop.type, side), ("such ties", "liens de ce type"))
    if lang == "fr":
        return [f"{node.display(lang)} compte {n:,} {nouns[1]}".replace(",", "\u202f")]
    return [f"{node.display(lang)} has {n:,} {nouns[0]}"]


def _qualifiers(hop: Hop, lang: Lang) -> list[str]:
    parts: list[str] = []
    since = hop.properties.get("since")
    if isinstance(since, int) and hop.type not in ("LOCATED_IN", "IN_COUNTRY"):
        parts.append(f"depuis {since}" if lang == "fr" else f"since {since}")
    if hop.status in ("planned", "proposed"):
        parts.append(model.STATUS_NAMES[hop.status][lang])
    if hop.evidence == "inferred":
        parts.append("déduit, non affirmé par la source" if lang == "fr"
                     else "inferred, not stated by the source")  # fmt: skip
    return parts


# -- who to ask ----------------------------------------------------------------------------


def introducer(path: IntroPath) -> int | None:
    """The position of who to ask on the path: the first person after the start, else the
    last organisation before the end; ``None`` for a direct tie or a route of places only."""
    inner = range(1, len(path.nodes) - 1)
    people = [i for i in inner if path.nodes[i].kind == "Person"]
    if people:
        return people[0]
    others = [i for i in inner if path.nodes[i].kind not in ("City", "Country")]
    return others[-1] if others else None


_EN_CLAUSE: dict[tuple[str, bool], Callable[[str], str]] = {
    ("BOARD_SEAT", True): lambda y: f"who sits on {_possessive(y)} board",
    ("BOARD_SEAT", False): lambda y: f"which has {y} on its board",
    ("LEADS", True): lambda y: f"who leads {y}",
    ("LEADS", False): lambda y: f"which {y} leads",
    ("WORKS_AT", True): lambda y: f"who works at {y}",
    ("WORKS_AT", False): lambda y: f"where {y} works",
    ("REPRESENTS", True): lambda y: f"who represents {y}",
    ("REPRESENTS", False): lambda y: f"which {y} represents",
    ("MEMBER_OF", True): lambda y: f"a member of {y}",
    ("MEMBER_OF", False): lambda y: f"which counts {y} among its members",
    ("RD_PARTNER", True): lambda y: f"an R&D partner of {y}",
    ("PARTNER_OF", True): lambda y: f"a partner of {y}",
    ("PARTY_TO", True): lambda y: f"a party to {y}",
    ("PARTY_TO", False): lambda y: f"to which {y} is a party",
    ("SUPPORTED_BY", True): lambda y: f"which is supported by {y}",
    ("SUPPORTED_BY", False): lambda y: f"which supports {y}",
    ("SUBSIDIARY_IN", True): lambda y: f"which has a subsidiary in {y}",
    ("LOCATED_IN", True): lambda y: f"located in {y}",
}
_FR_CLAUSE: dict[tuple[str, bool], Callable[[str], str]] = {
    ("BOARD_SEAT", True): lambda y: f"qui siège au conseil {_de(y)}",
    ("BOARD_SEAT", False): lambda y: f"dont {y} est administrateur",
    ("LEADS", True): lambda y: f"qui dirige {y}",
    ("LEADS", False): lambda y: f"que dirige {y}",
    ("WORKS_AT", True): lambda y: f"qui travaille chez {y}",
    ("WORKS_AT", False): lambda y: f"où travaille {y}",
    ("REPRESENTS", True): lambda y: f"qui représente {y}",
    ("REPRESENTS", False): lambda y: f"que représente {y}",
    ("MEMBER_OF", True): lambda y: f"membre {_de(y)}",
    ("MEMBER_OF", False): lambda y: f"qui compte {y} parmi ses membres",
    ("RD_PARTNER", True): lambda y: f"partenaire R&D {_de(y)}",
    ("PARTNER_OF", True): lambda y: f"partenaire {_de(y)}",
    ("PARTY_TO", True): lambda y: f"partie prenante {_de(y)}",
    ("PARTY_TO", False): lambda y: f"dont {y} est partie prenante",
    ("SUPPORTED_BY", True): lambda y: f"que soutient {y}",
    ("SUPPORTED_BY", False): lambda y: f"qui soutient {y}",
    ("SUBSIDIARY_IN", True): lambda y: f"qui a une filiale à {y}",
    ("LOCATED_IN", True): lambda y: f"qui se trouve à {y}",
}


def ask_sentence(path: IntroPath, lang: Lang = "en") -> str:
    """The closing sentence: who to ask for the introduction, and why them."""
    target = path.nodes[-1].display(lang)
    if len(path.nodes) == 2:
        return (f"C'est un lien direct : contactez {target} directement." if lang == "fr"
                else f"This is a direct tie: contact {target} directly.")  # fmt: skip
    position = introducer(path)
    if position is None:
        return ("Ce chemin ne passe que par des lieux : personne ne peut y faire une introduction."
                if lang == "fr" else
                "This route only goes through places: no one on it can make an introduction.")  # fmt: skip
    who = path.nodes[position]
    onward = path.nodes[position + 1]
    hop = path.hops[position]
    forward = hop.start == who.id or hop.type in model.SYMMETRIC_TYPES
    table = _FR_CLAUSE if lang == "fr" else _EN_CLAUSE
    make = table.get((hop.type, forward)) or table.get((hop.type, True))
    clause = make(onward.display(lang)) if make else None
    end = path.nodes[-1]
    names_target = onward.id == end.id
    name = who.display(lang)
    if lang == "fr":
        ask = f"Demandez à {name}" + (f", {clause}," if clause else "")
        if end.kind in ("City", "Country"):
            return f"{ask} de vous présenter des contacts {_fr_in(end, lang)}."
        return (
            f"{ask} une mise en relation."
            if clause and names_target
            else (f"{ask} de vous mettre en relation avec {target}.")
        )
    ask = f"Ask {name}" + (f", {clause}," if clause else "")
    if end.kind in ("City", "Country"):
        return f"{ask} for introductions in {_en_place(end, lang)}."
    return (
        f"{ask} for an introduction."
        if clause and names_target
        else (f"{ask} for an introduction to {target}.")
    )


def sentences(path: IntroPath, lang: Lang = "en") -> list[str]:
    """One sentence per hop in the order walked, then who to ask."""
    said = [hop_sentence(hop, path.nodes[i], path.nodes[i + 1], lang)
            for i, hop in enumerate(path.hops)]  # fmt: skip
    return [*said, ask_sentence(path, lang)]


def explain(path: IntroPath, lang: Lang = "en") -> str:
    """The whole explanation of a path as one paragraph."""
    return " ".join(sentences(path, lang))


# -- the command line's listing ------------------------------------------------------------


def no_path_sentence(search: PathSearch, lang: Lang = "en") -> str:
    """Why the list is empty, and what to try."""
    a, b = search.source.display(lang), search.target.display(lang)
    fr = lang == "fr"
    tries = [f"un --max-hops plus grand (actuellement {search.max_hops})" if fr
             else f"a larger --max-hops (now {search.max_hops})"]  # fmt: skip
    if search.active_only:
        tries.append("sans --active-only" if fr else "without --active-only")
    if search.avoid:
        tries.append("moins de --avoid" if fr else "fewer --avoid")
    said = (f"Aucun chemin d'introduction de {a} à {b} en {search.max_hops} sauts au plus "
            f"(essayez {', '.join(tries)})." if fr else
            f"No introduction path from {a} to {b} within {search.max_hops} hops "
            f"(try {', '.join(tries)}).")  # fmt: skip
    for node in (search.source, search.target):
        if node.kind == "Country":
            other = search.target if node is search.source else search.source
            pair = f"{other.country or 'XX'} {node.id.upper()}"
            said += (f" {node.display(lang)} est un pays : un chemin n'y mène que par ses villes ; "
                     f"`explorer brokers --between {pair}` montre qui relie deux pays." if fr else
                     f" {node.display(lang)} is a country: paths reach it only through its cities; "
                     f"`explorer brokers --between {pair}` shows who bridges two countries.")  # fmt: skip
            break
    return said


def _arrow(hop: Hop, a: PathNode) -> str:
    if hop.type in model.SYMMETRIC_TYPES:
        return f" -{hop.type}- "
    return f" -{hop.type}-> " if hop.start == a.id else f" <-{hop.type}- "


def route_line(path: IntroPath, lang: Lang = "en") -> str:
    """The path as ``A <-LEADS- B -BOARD_SEAT-> C``."""
    parts = [path.nodes[0].display(lang)]
    for i, hop in enumerate(path.hops):
        parts += [_arrow(hop, path.nodes[i]), path.nodes[i + 1].display(lang)]
    return "".join(parts)


def _wrap(text: str, indent: str, width: int = 100) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent,
                         break_on_hyphens=False) or [indent]  # fmt: skip


def source_summary(path: IntroPath, search: PathSearch, lang: Lang = "en") -> list[str]:
    """The sources a path cites: name, then the paragraphs cited (``¶6, ¶10``)."""
    cited: dict[str, list[int]] = {}
    for hop in path.hops:
        if hop.source:
            paragraphs = cited.setdefault(hop.source, [])
            paragraph = hop.properties.get("paragraph")
            if isinstance(paragraph, int) and paragraph not in paragraphs:
                paragraphs.append(paragraph)
    lines = []
    for source, paragraphs in cited.items():
        name = search.sources.get(source, source)
        marks = f" (¶{', ¶'.join(map(str, sorted(paragraphs)))})" if paragraphs else ""
        lines.append(f"{name}{marks}")
    return lines


def describe(search: PathSearch, lang: Lang = "en") -> str:
    """The text listing of ``explorer paths``: ranked paths with score, route, words, sources."""
    a, b = search.source, search.target
    if not search.paths:
        return no_path_sentence(search, lang)
    n = len(search.paths)
    if lang == "fr":
        start = a.display(lang)
        start = f"D'{start}" if start[:1] in _VOWELS else f"De {start}"
        end = _fr_in(b, lang) if b.kind in ("City", "Country") else f"à {b.display(lang)}"
        head = f"{start} {end} : {n} chemin{'s' if n > 1 else ''} d'introduction, du meilleur au moins bon"
    else:
        head = (f"From {a.display(lang)} to {b.display(lang)}: {n} introduction "
                f"path{'s' if n > 1 else ''}, best first")  # fmt: skip
    lines = [head]
    for rank, path in enumerate(search.paths, start=1):
        hops = (f"{path.hop_count} saut{'s' if path.hop_count > 1 else ''}" if lang == "fr"
                else f"{path.hop_count} hop{'s' if path.hop_count > 1 else ''}")  # fmt: skip
        lines += ["", f"{rank}. score {format_score(path.score)} · {hops}"]
        lines += _wrap(route_line(path, lang), "   ")
        lines += _wrap(explain(path, lang), "   ")
        cited = source_summary(path, search, lang)
        if cited:
            lines += _wrap(("Sources : " if lang == "fr" else "Sources: ") + "; ".join(cited), "   ")
    return "\n".join(lines)


def format_score(score: float) -> str:
    """A score for people, three significant digits: "0.513", "0.00588"."""
    return f"{score:.3g}"


def describe_brokers(search: BrokerSearch, lang: Lang = "en") -> str:
    """The text listing of ``explorer brokers``: brokers by count, each with an example path."""
    a, b = search.a, search.b
    fr = lang == "fr"
    kinds = {"country": ("country", "pays"), "cluster": ("cluster", "pôle"),
             "alliance": ("alliance", "alliance")}  # fmt: skip

    def group(g: Group) -> str:
        kind = kinds[g.kind][1 if fr else 0]
        n = len(g.members)
        size = f"{n:,}".replace(",", "\u202f" if fr else ",")
        noun = ("entités" if n != 1 else "entité") if fr else ("entities" if n != 1 else "entity")
        return f"{g.display(lang)} ({kind}, {size} {noun})"

    if fr:
        head = (f"Intermédiaires entre {group(a)} et {group(b)} : {search.connected} paires reliées "
                f"en {search.max_hops} sauts au plus sur {search.pairs} examinées")  # fmt: skip
    else:
        head = (f"Brokers between {group(a)} and {group(b)}: {search.connected} of {search.pairs} "
                f"pairs connected within {search.max_hops} hops")  # fmt: skip
    lines = [head]
    if search.is_sample:
        na, nb = search.sampled
        lines.append(f"(échantillon de {na} et {nb} entités, le même à chaque fois)" if fr
                     else f"(a sample of {na} and {nb} entities, the same every time)")  # fmt: skip
    if not search.brokers:
        none = ("Aucun intermédiaire : aucun chemin entre ces groupes ne passe par un tiers." if fr
                else "No broker: no path between these groups goes through a third party.")  # fmt: skip
        return "\n".join([*lines, "", none])
    for rank, broker in enumerate(search.brokers, start=1):
        node = broker.node
        share = f"{broker.share:.0%}".replace("%", "\u202f%" if fr else "%")
        on = (f"sur {broker.count} des chemins les plus forts ({share})" if fr
              else f"on {broker.count} of the strongest paths ({share})")  # fmt: skip
        lines += ["", f"{rank}. {node.display(lang)} ({node.kind}, {node.id}) — {on}"]
        if broker.example is not None:
            example = broker.example
            label = "exemple" if fr else "e.g."
            lines += _wrap(f"{label} {route_line(example, lang)} (score {format_score(example.score)})",
                           "   ")  # fmt: skip
            lines += _wrap(explain(example, lang), "   ")
    return "\n".join(lines)
