"""Introduction paths in words: one plain sentence per hop, then who to ask (by the rules of
:mod:`.advice`), in English or French; routes and bridges in words; the text and JSON listings of
``explorer paths`` and ``explorer brokers``."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

from explorer import model, wording
from explorer.i18n import t
from explorer.i18n.formats import number
from explorer.introductions.advice import introducer_of
from explorer.introductions.answers import Broker, BrokerSearch, Group, Hop, IntroPath, PathSearch, rounded
from explorer.introductions.reasons import (
    ask_sentence,
    crowd_notes,
    evidence_lines,
    helpers_sentence,
    pending_sentence,
)
from explorer.introductions.side import Side
from explorer.introductions.why import rank_note, strength_line, why_line
from explorer.model import Entity, FactDate, Lang, Source

__all__ = [
    "ask_sentence",
    "bridge_sentence",
    "brokers_json",
    "describe",
    "describe_brokers",
    "explain",
    "format_score",
    "hop_sentence",
    "no_path_sentence",
    "path_json",
    "pending_sentence",
    "readable_route",
    "route_line",
    "route_steps",
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
    details += crowd_notes(hop, start, end, lang)
    details += wording.tie_details(tie, lang)
    tail = f" ({'; '.join(details)})" if details else ""
    return f"{main}{tail}."


def sentences(path: IntroPath, lang: Lang = "en", side: Side | None = None) -> list[str]:
    """One sentence per hop in the order walked, then who to ask (and whether the route is in force);
    ``side``: who asks, to name the asker's own the path leaves through."""
    said = [hop_sentence(hop, path.nodes[i], path.nodes[i + 1], lang) for i, hop in enumerate(path.hops)]
    pending = pending_sentence(path, lang)
    return [*said, ask_sentence(path, lang, side), *([pending] if pending else [])]


def explain(path: IntroPath, lang: Lang = "en", side: Side | None = None) -> str:
    """The whole explanation of a path as one paragraph."""
    return " ".join(sentences(path, lang, side))


# -- routes and bridges in words -----------------------------------------------------------


def route_steps(path: IntroPath, lang: Lang = "en") -> list[tuple[str, str, str]]:
    """Each hop as (direction from the entity before it: "out", "in" or "both"; the type's phrase
    in ``lang``; the entity reached, as named in ``lang``)."""
    return [
        (
            hop.tie.direction_from(path.nodes[i].id),
            model.REL_TYPES[hop.type].phrase(lang) if hop.type in model.REL_TYPES else hop.type,
            path.nodes[i + 1].display(lang),
        )
        for i, hop in enumerate(path.hops)
    ]


def readable_route(path: IntroPath, lang: Lang = "en") -> str:
    """The path for people, in ``lang``: "Neuroservices ← leads — Bruno Buisson — sits on the board
    of → Biocom — partner of — Bio Japan"."""
    parts = [path.nodes[0].display(lang)]
    for direction, phrase, name in route_steps(path, lang):
        arrows = {"out": ("—", "→"), "in": ("←", "—"), "both": ("—", "—")}[direction]
        parts.append(f" {arrows[0]} {phrase} {arrows[1]} {name}")
    return "".join(parts)


def bridge_sentence(broker: Broker, lang: Lang = "en") -> str | None:
    """Which ties make a broker a bridge, from its example path: the tie on each side of it."""
    path = broker.example
    if path is None or broker.node.id not in path.ids:
        return None
    i = path.ids.index(broker.node.id)
    if not 0 < i < len(path.nodes) - 1:
        return None
    sides = [
        hop_sentence(path.hops[i - 1], path.nodes[i - 1], path.nodes[i], lang).rstrip("."),
        hop_sentence(path.hops[i], path.nodes[i], path.nodes[i + 1], lang).rstrip("."),
    ]
    name = broker.node.display(lang)
    if lang == "fr":
        return f"{name} fait le pont : {sides[0]}, et {sides[1]}."
    return f"{name} is the bridge: {sides[0]}, and {sides[1]}."


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
        f"Aucun chemin d'introduction {wording.de(a)} {wording.a_(b)} en {search.max_hops} sauts au plus "
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
    """The sources a path cites: title in ``lang``, then the paragraphs cited (``¶6, ¶10``)."""
    cited: dict[str, list[int]] = {}
    for hop in path.hops:
        if hop.tie.source:
            paragraphs = cited.setdefault(hop.tie.source, [])
            paragraph = hop.tie.paragraph
            if isinstance(paragraph, int) and paragraph not in paragraphs:
                paragraphs.append(paragraph)
    lines = []
    for source, paragraphs in cited.items():
        known = search.sources.get(source)
        name = known.title(lang) if known is not None else source
        marks = f" (¶{', ¶'.join(map(str, sorted(paragraphs)))})" if paragraphs else ""
        lines.append(f"{name}{marks}")
    return lines


def describe(search: PathSearch, lang: Lang = "en") -> str:
    """The text listing of ``explorer paths``: ranked paths with score, route, words, sources."""
    a, b = search.source, search.target
    if not search.paths:
        return _dated_line(search.as_of, lang) + no_path_sentence(search, lang)
    n = len(search.paths)
    if lang == "fr":
        start = a.display(lang)
        start = f"D'{start}" if start[:1] in _VOWELS else f"De {start}"
        end = wording.fr_in(b, lang) if b.is_place else wording.a_(b.display(lang))
        head = f"{start} {end} : {n} chemin{'s' if n > 1 else ''} d'introduction, du meilleur au moins bon"
    else:
        head = (
            f"From {a.display(lang)} to {b.display(lang)}: {n} introduction "
            f"path{'s' if n > 1 else ''}, best first"
        )
    dated = _dated_line(search.as_of, lang, _undated(search.paths))
    lines = [dated + head, *_wrap(helpers_sentence(search, lang), "")]
    if any(rank_note(search, i, lang) for i in range(n)):
        lines += _wrap(
            "(un chemin qui nomme quelqu'un d'autre à qui demander passe avant des chemins plus forts "
            "s'il atteint au moins la moitié de leur score ; --by-score : l'ordre des scores seul)"
            if lang == "fr"
            else "(a path naming someone new to ask comes before stronger ones when it scores at least "
            "half as much; --by-score: by score alone)",
            "",
        )
    for rank, path in enumerate(search.paths, start=1):
        hops = (
            f"{path.hop_count} saut{'s' if path.hop_count > 1 else ''}"
            if lang == "fr"
            else f"{path.hop_count} hop{'s' if path.hop_count > 1 else ''}"
        )
        lines += ["", f"{rank}. score {format_score(path.score, lang)} · {hops}"]
        lines += _wrap(route_line(path, lang), "   ")
        lines += _wrap(why_line(search, rank - 1, lang), "   ")
        lines += _wrap(explain(path, lang, search.side), "   ")
        cited = source_summary(path, search, lang)
        if cited:
            lines += _wrap(("Sources : " if lang == "fr" else "Sources: ") + "; ".join(cited), "   ")
        lines.append("   " + t("evidence.head", lang))
        for line in evidence_lines(path, search.sources, lang):
            lines += _wrap(line, "   ", 100)
    return "\n".join(lines)


def _dated_line(as_of: FactDate | None, lang: Lang = "en", undated: int = 0) -> str:
    """The line a dated answer starts with ("As of 2016, ties not yet begun or already ended left
    out:"), with the undated ties it kept on what it shows; empty for today's."""
    if as_of is None:
        return ""
    said = as_of.as_of_words(lang)
    said = said[:1].upper() + said[1:]
    if lang == "fr":
        kept = f" ({undated} lien{'s' if undated > 1 else ''} sans date gardé{'s' if undated > 1 else ''})"
        return f"{said}, sans les liens pas encore commencés ou déjà terminés{kept if undated else ''} :\n"
    kept = f" ({undated} undated tie{'s' if undated != 1 else ''} kept)"
    return f"{said}, ties not yet begun or already ended left out{kept if undated else ''}:\n"


def _undated(paths: Iterable[IntroPath | None]) -> int:
    """The undated ties on ``paths``, each once."""
    return len({h.tie.key for p in paths if p is not None for h in p.hops if h.tie.undated})


def format_score(score: float, lang: Lang = "en") -> str:
    """A score for people, three significant digits: "0.513", "0.00588" ("0,513" in French)."""
    return number(score, lang, ".3g")


def describe_brokers(search: BrokerSearch, lang: Lang = "en") -> str:
    """The text listing of ``explorer brokers``: brokers by count, each with an example path."""
    a, b = search.a, search.b
    fr = lang == "fr"
    kinds = {
        "country": ("country", "pays"),
        "cluster": ("cluster", "pôle"),
        "alliance": ("alliance", "alliance"),
        "neighbourhood": ("and its neighbours", "et ses voisins"),
    }

    def group(g: Group) -> str:
        n = len(g.members)
        size = number(n, lang)
        noun = ("entités" if n != 1 else "entité") if fr else ("entities" if n != 1 else "entity")
        if g.kind == "neighbourhood":
            return f"{g.display(lang)} {kinds[g.kind][1 if fr else 0]} ({size} {noun})"
        return f"{g.display(lang)} ({kinds[g.kind][1 if fr else 0]}, {size} {noun})"

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
    lines = [_dated_line(search.as_of, lang, _undated(b.example for b in search.brokers)) + head]
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
                f"{label} {readable_route(example, lang)} (score {format_score(example.score, lang)})", "   "
            )
            bridge = bridge_sentence(broker, lang)
            if bridge:
                lines += _wrap(bridge, "   ")
    return "\n".join(lines)


# -- JSON ----------------------------------------------------------------------------------


def path_json(
    path: IntroPath,
    lang: Lang = "en",
    why: str | None = None,
    side: Side | None = None,
    sources: Mapping[str, Source] | None = None,
) -> dict[str, Any]:
    """One path in the JSON contract: who to ask (``introducer``: ``{id, name, kind}``, ``null``
    when nobody needs to, or can, introduce), the asker's own it leaves through (``through``, or
    ``null``), the rank score and what the log of asks says of the introducer (``learned``), each
    hop's evidence, and the explanation, which begins with why the path ranks where it does
    (``why``, else how strong it is)."""
    why = why if why is not None else strength_line(path, lang)
    intro = introducer_of(path)
    titles = {i: s.title(lang) for i, s in (sources or {}).items()}
    return {
        **path.as_dict(),
        "rank_score": rounded(path.rank_score),
        "introducer": intro.as_dict(),
        "through": intro.through_dict(),
        "learned": path.learned.as_dict() if path.learned is not None else None,
        "evidence": [e.as_dict(titles.get(e.source or "")) for e in path.evidence],
        "explanation": f"{why} {explain(path, lang, side)}",
    }


def search_json(search: PathSearch, lang: Lang = "en") -> dict[str, Any]:
    """The JSON contract of ``explorer paths --format json``."""
    return {
        "from": search.source.as_dict(),
        "to": search.target.as_dict(),
        "asker": search.side.as_dict() if search.side is not None else None,
        "paths": [
            path_json(p, lang, why_line(search, i, lang), search.side, search.sources)
            for i, p in enumerate(search.paths)
        ],
        **({"as_of": search.as_of.iso(), "undated": _undated(search.paths)} if search.as_of else {}),
    }


def brokers_json(search: BrokerSearch, lang: Lang = "en") -> dict[str, Any]:
    """The JSON of ``explorer brokers --format json``."""
    return {
        "between": [search.a.as_dict(), search.b.as_dict()],
        **(
            {"as_of": search.as_of.iso(), "undated": _undated(b.example for b in search.brokers)}
            if search.as_of
            else {}
        ),
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
                "bridge": bridge_sentence(b, lang),
            }
            for b in search.brokers
        ],
    }
