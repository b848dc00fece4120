"""Introduction paths in words: one plain sentence per hop, then who to ask, in English or French;
the text and JSON listings of ``explorer paths`` and ``explorer brokers``."""

from __future__ import annotations

import textwrap
from typing import Any

from explorer import wording
from explorer.introductions.answers import BrokerSearch, Group, Hop, IntroPath, PathSearch
from explorer.model import Entity, Lang

__all__ = [
    "ask_sentence",
    "brokers_json",
    "describe",
    "describe_brokers",
    "explain",
    "format_score",
    "hop_sentence",
    "introducer",
    "no_path_sentence",
    "path_json",
    "route_line",
    "search_json",
    "sentences",
    "source_summary",
]

_VOWELS = "aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ"


# -- one sentence per hop ------------------------------------------------------------------


def hop_sentence(hop: Hop, a: Entity, b: Entity, lang: Lang = "en") -> str:
    """One plain sentence for a hop walked from ``a`` to ``b`` (in either direction)."""
    tie = hop.tie
    start, end = (a, b) if tie.start == a.id else (b, a)
    if tie.symmetric:
        start, end = a, b  # partners are named in the order the path walks them
    main, details = wording.tie_sentence(tie, start, end, lang, hop.refs)
    details += _crowd(hop, start, end, lang)
    details += wording.tie_details(tie, lang)
    tail = f" ({'; '.join(details)})" if details else ""
    return f"{main}{tail}."


def _crowd(hop: Hop, start: Entity, end: Entity, lang: Lang) -> list[str]:
    """ "Biocom has 850 members" when a crowd is big enough to weaken the tie."""
    out, into = hop.crowds
    if hop.tie.symmetric:  # the crowd counts were read in stored order
        first = start if start.id == hop.tie.start else end
        second = end if first is start else start
    else:
        first, second = start, end
    side, node, n = ("start", first, out) if (out or 0) > (into or 0) else ("end", second, into)
    if n is None or n <= hop.crowd_reference:
        return []
    return [wording.crowd_phrase(hop.tie, side, node, n, lang)]


# -- who to ask ----------------------------------------------------------------------------


def introducer(path: IntroPath) -> int | None:
    """The position of who to ask on the path: the first person after the start, else the
    last organisation before the end; ``None`` for a direct tie or a route of places only."""
    inner = range(1, len(path.nodes) - 1)
    people = [i for i in inner if path.nodes[i].kind == "Person"]
    if people:
        return people[0]
    others = [i for i in inner if not path.nodes[i].is_place]
    return others[-1] if others else None


def ask_sentence(path: IntroPath, lang: Lang = "en") -> str:
    """The closing sentence: who to ask for the introduction, and why them."""
    target = path.nodes[-1].display(lang)
    if len(path.nodes) == 2:
        return (
            f"C'est un lien direct : contactez {target} directement."
            if lang == "fr"
            else f"This is a direct tie: contact {target} directly."
        )
    position = introducer(path)
    if position is None:
        return (
            "Ce chemin ne passe que par des lieux : personne ne peut y faire une introduction."
            if lang == "fr"
            else "This route only goes through places: no one on it can make an introduction."
        )
    who, onward = path.nodes[position], path.nodes[position + 1]
    hop = path.hops[position]
    name = who.display(lang)
    clause = wording.ask_clause(hop.tie, who, onward, lang)
    end = path.nodes[-1]
    names_target = onward.id == end.id
    if lang == "fr":
        ask = f"Demandez à {name}" + (f", {clause}," if clause else "")
        if end.is_place:
            return f"{ask} de vous présenter des contacts {wording.fr_in(end, lang)}."
        return (
            f"{ask} une mise en relation."
            if clause and names_target
            else f"{ask} de vous mettre en relation avec {target}."
        )
    ask = f"Ask {name}" + (f", {clause}," if clause else "")
    if end.is_place:
        return f"{ask} for introductions in {wording.en_place(end, lang)}."
    return (
        f"{ask} for an introduction."
        if clause and names_target
        else f"{ask} for an introduction to {target}."
    )


def sentences(path: IntroPath, lang: Lang = "en") -> list[str]:
    """One sentence per hop in the order walked, then who to ask."""
    said = [hop_sentence(hop, path.nodes[i], path.nodes[i + 1], lang) for i, hop in enumerate(path.hops)]
    return [*said, ask_sentence(path, lang)]


def explain(path: IntroPath, lang: Lang = "en") -> str:
    """The whole explanation of a path as one paragraph."""
    return " ".join(sentences(path, lang))


# -- the command line's listing ------------------------------------------------------------


def no_path_sentence(search: PathSearch, lang: Lang = "en") -> str:
    """Why the list is empty, and what to try."""
    a, b = search.source.display(lang), search.target.display(lang)
    fr = lang == "fr"
    tries = [
        f"un --max-hops plus grand (actuellement {search.max_hops})"
        if fr
        else f"a larger --max-hops (now {search.max_hops})"
    ]
    if search.active_only:
        tries.append("sans --active-only" if fr else "without --active-only")
    if search.avoid:
        tries.append("moins de --avoid" if fr else "fewer --avoid")
    said = (
        f"Aucun chemin d'introduction de {a} à {b} en {search.max_hops} sauts au plus "
        f"(essayez {', '.join(tries)})."
        if fr
        else f"No introduction path from {a} to {b} within {search.max_hops} hops (try {', '.join(tries)})."
    )
    for node in (search.source, search.target):
        if node.kind == "Country":
            other = search.target if node is search.source else search.source
            pair = f"{other.country or 'XX'} {node.id.upper()}"
            said += (
                f" {node.display(lang)} est un pays : un chemin n'y mène que par ses villes ; "
                f"`explorer brokers --between {pair}` montre qui relie deux pays."
                if fr
                else f" {node.display(lang)} is a country: paths reach it only through its cities; "
                f"`explorer brokers --between {pair}` shows who bridges two countries."
            )
            break
    return said


def _arrow(hop: Hop, a: Entity) -> str:
    if hop.tie.symmetric:
        return f" -{hop.type}- "
    return f" -{hop.type}-> " if hop.tie.start == a.id else f" <-{hop.type}- "


def route_line(path: IntroPath, lang: Lang = "en") -> str:
    """The path as ``A <-LEADS- B -BOARD_SEAT-> C``."""
    parts = [path.nodes[0].display(lang)]
    for i, hop in enumerate(path.hops):
        parts += [_arrow(hop, path.nodes[i]), path.nodes[i + 1].display(lang)]
    return "".join(parts)


def _wrap(text: str, indent: str, width: int = 100) -> list[str]:
    return textwrap.wrap(
        text, width=width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    ) or [indent]


def source_summary(path: IntroPath, search: PathSearch, lang: Lang = "en") -> list[str]:
    """The sources a path cites: name, then the paragraphs cited (``¶6, ¶10``)."""
    cited: dict[str, list[int]] = {}
    for hop in path.hops:
        if hop.tie.source:
            paragraphs = cited.setdefault(hop.tie.source, [])
            paragraph = hop.tie.paragraph
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
        end = wording.fr_in(b, lang) if b.is_place else f"à {b.display(lang)}"
        head = f"{start} {end} : {n} chemin{'s' if n > 1 else ''} d'introduction, du meilleur au moins bon"
    else:
        head = (
            f"From {a.display(lang)} to {b.display(lang)}: {n} introduction "
            f"path{'s' if n > 1 else ''}, best first"
        )
    lines = [head]
    for rank, path in enumerate(search.paths, start=1):
        hops = (
            f"{path.hop_count} saut{'s' if path.hop_count > 1 else ''}"
            if lang == "fr"
            else f"{path.hop_count} hop{'s' if path.hop_count > 1 else ''}"
        )
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
    kinds = {
        "country": ("country", "pays"),
        "cluster": ("cluster", "pôle"),
        "alliance": ("alliance", "alliance"),
    }

    def group(g: Group) -> str:
        kind = kinds[g.kind][1 if fr else 0]
        n = len(g.members)
        size = f"{n:,}".replace(",", "\u202f" if fr else ",")
        noun = ("entités" if n != 1 else "entité") if fr else ("entities" if n != 1 else "entity")
        return f"{g.display(lang)} ({kind}, {size} {noun})"

    if fr:
        head = (
            f"Intermédiaires entre {group(a)} et {group(b)} : {search.connected} paires reliées "
            f"en {search.max_hops} sauts au plus sur {search.pairs} examinées"
        )
    else:
        head = (
            f"Brokers between {group(a)} and {group(b)}: {search.connected} of {search.pairs} "
            f"pairs connected within {search.max_hops} hops"
        )
    lines = [head]
    if search.is_sample:
        na, nb = search.sampled
        lines.append(
            f"(échantillon de {na} et {nb} entités, le même à chaque fois)"
            if fr
            else f"(a sample of {na} and {nb} entities, the same every time)"
        )
    if not search.brokers:
        none = (
            "Aucun intermédiaire : aucun chemin entre ces groupes ne passe par un tiers."
            if fr
            else "No broker: no path between these groups goes through a third party."
        )
        return "\n".join([*lines, "", none])
    for rank, broker in enumerate(search.brokers, start=1):
        node = broker.node
        share = f"{broker.share:.0%}".replace("%", "\u202f%" if fr else "%")
        on = (
            f"sur {broker.count} des chemins les plus forts ({share})"
            if fr
            else f"on {broker.count} of the strongest paths ({share})"
        )
        lines += ["", f"{rank}. {node.display(lang)} ({node.kind}, {node.id}) — {on}"]
        if broker.example is not None:
            example = broker.example
            label = "exemple" if fr else "e.g."
            lines += _wrap(
                f"{label} {route_line(example, lang)} (score {format_score(example.score)})", "   "
            )
            lines += _wrap(explain(example, lang), "   ")
    return "\n".join(lines)


# -- JSON ----------------------------------------------------------------------------------


def path_json(path: IntroPath, lang: Lang = "en") -> dict[str, Any]:
    """One path in the JSON contract, with its explanation."""
    return {**path.as_dict(), "explanation": explain(path, lang)}


def search_json(search: PathSearch, lang: Lang = "en") -> dict[str, Any]:
    """The JSON contract of ``explorer paths --format json``."""
    return {
        "from": search.source.as_dict(),
        "to": search.target.as_dict(),
        "paths": [path_json(p, lang) for p in search.paths],
    }


def brokers_json(search: BrokerSearch, lang: Lang = "en") -> dict[str, Any]:
    """The JSON of ``explorer brokers --format json``."""
    return {
        "between": [search.a.as_dict(), search.b.as_dict()],
        "max_hops": search.max_hops,
        "pairs": search.pairs,
        "connected_pairs": search.connected,
        "sampled": {"a": search.sampled[0], "b": search.sampled[1]},
        "complete": search.complete,
        "brokers": [
            {
                **b.node.as_dict(),
                "count": b.count,
                "share": round(b.share, 4),
                "example": path_json(b.example, lang) if b.example is not None else None,
            }
            for b in search.brokers
        ],
    }
