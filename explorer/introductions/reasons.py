"""The reasons in words, English or French: who to ask and why them (by the rules of
:mod:`.advice`), through which of the asker's own the path leaves their side, whether a route is
in force, and how many people can help (a path's hop-by-hop sentences are :mod:`.explain`'s, why
it ranks where it does :mod:`.why`'s)."""

from __future__ import annotations

from collections.abc import Mapping

from explorer import model, wording
from explorer.i18n import MESSAGES, t
from explorer.introductions.advice import introducer_of
from explorer.introductions.answers import Evidence, Hop, Introducer, IntroPath, PathSearch
from explorer.introductions.side import Member, Side
from explorer.model import Entity, Lang, Source, Tie
from explorer.model.clock import today
from explorer.model.dates import ended

__all__ = [
    "ask_sentence",
    "crowd_notes",
    "evidence_lines",
    "helpers",
    "helpers_sentence",
    "pending_sentence",
    "side_role",
]


def crowd_notes(hop: Hop, a: Entity, b: Entity, lang: Lang = "en") -> list[str]:
    """ "Biocom has 850 members" when a crowd at either end of the hop (between ``a`` and ``b``,
    in either order) is big enough to weaken the tie."""
    ends = {a.id: a, b.id: b}
    first, second = ends.get(hop.tie.start, a), ends.get(hop.tie.end, b)
    out, into = hop.crowds
    side, node, n = ("start", first, out) if (out or 0) > (into or 0) else ("end", second, into)
    if n is None or n <= hop.crowd_reference:
        return []
    return [wording.crowd_phrase(hop.tie, side, node, n, lang)]


# -- who to ask ----------------------------------------------------------------------------


def _tagged(clause: str | None, tie: Tie | None, lang: Lang, *, nested: bool = False) -> str | None:
    """A clause about a tie, with its status when it is not in force: "(proposed)", "(ended in
    2015)"; after a comma instead when the clause is itself in brackets (``nested``)."""
    if clause is None or tie is None:
        return clause
    tag = None
    if tie.status in ("planned", "proposed"):
        tag = model.STATUS_NAMES[tie.status][lang]
    elif tie.until is not None and ended(tie.until, today()):
        tag = wording.ended_words(tie.until, lang)
    if tag is None:
        return clause
    return f"{clause}, {tag}" if nested else f"{clause} ({tag})"


def _clause(
    tie: Tie | None, who: Entity | None, other: Entity | None, lang: Lang, *, nested: bool = False
) -> str | None:
    if tie is None or who is None or other is None:
        return None
    return _tagged(wording.ask_clause(tie, who, other, lang), tie, lang, nested=nested)


def side_role(member: Member | None, entity: Entity, lang: Lang = "en") -> str | None:
    """How one of the asker's own belongs to their side: "your CEO", "on your board", "which you
    lead", "which Bruno Buisson leads", "of your team"."""
    tie = member.tie if member is not None else None
    if entity.kind == "Person":
        if tie is None:
            return t("side.person.team", lang)
        role = tie.properties.get("role_fr" if lang == "fr" else "role") or tie.properties.get("role")
        if role and tie.type in ("LEADS", "WORKS_AT"):
            return t("side.role", lang, role=wording.lower_first(role))
        key = f"side.person.{tie.type}"
        return t(key, lang) if key in MESSAGES else None
    if member is not None and member.via is not None:
        return t("side.org.led", lang, person=member.via.display(lang))
    if tie is None:
        return t("side.org.team", lang)
    key = f"side.org.{tie.type}"
    return t(key, lang) if key in MESSAGES else None


def _member(path: IntroPath, side: Side | None, entity: Entity, tie: Tie | None) -> Member | None:
    """What makes ``entity`` the asker's own: its member of the side, else the tie advice found."""
    found = side.member(entity.id) if side is not None else None
    return found if found is not None else Member(entity, tie) if tie is not None else None


def ask_sentence(path: IntroPath, lang: Lang = "en", side: Side | None = None) -> str:
    """The closing sentence: who to ask for the introduction, and why them (rules: ``advice``),
    through which of the asker's own the path leaves their side (``side``: who asks)."""
    intro = introducer_of(path)
    end = path.nodes[-1]
    target = end.display(lang)
    if intro.rule == "own":
        role = side_role(_member(path, side, end, intro.tie), end, lang)
        return t("advice.own" if role else "advice.own_bare", lang, target=target, role=role)
    said = _ask_words(path, intro, lang)
    through = intro.through
    person = side.kind == "person" if side is not None else path.nodes[0].kind == "Person"
    if through is None or through.id not in path.ids or person:
        return said  # a person's own organisation is named by the words about whom to ask
    i = path.ids.index(through.id)
    role = side_role(_member(path, side, through, intro.through_tie), through, lang) or ""
    clause = _clause(path.hops[i].tie, through, path.nodes[i + 1], lang) if i + 1 < len(path.nodes) else None
    if intro.rule == "through":
        said = t("advice.through_direct", lang, target=target)
    else:
        said = said[:1].lower() + said[1:]
    if not role:
        key = "advice.through_plain" if clause else "advice.through_bare"
    elif through.kind == "Person":
        key = "advice.through" if clause else "advice.through_bare"
    else:
        key = "advice.through_org" if clause else "advice.through_org_bare"
    text = t(key, lang, who=through.display(lang), role=role, clause=clause, ask=said)
    return text.replace(", , ", ", ")


def _ask_words(path: IntroPath, intro: Introducer, lang: Lang) -> str:
    """Who to ask, and why them, as one sentence (the way out of the asker's side aside)."""
    end = path.nodes[-1]
    target = end.display(lang)
    fr = lang == "fr"
    if intro.rule == "direct":
        return (
            f"C'est un lien direct : contactez {target} directement."
            if fr
            else f"This is a direct tie: contact {target} directly."
        )
    if intro.rule == "nobody":
        return (
            "Ce chemin ne passe que par des lieux : personne ne peut y faire une introduction."
            if fr
            else "This route only goes through places: no one on it can make an introduction."
        )
    if intro.rule == "through":
        if end.is_place and intro.other is not None:
            there = wording.in_place(end, lang)
            other = intro.other.display(lang)
            return (
                f"Vous êtes déjà présent {there} par {other}."
                if fr
                else f"You are already in {there} through {other}."
            )
        clause = _clause(intro.tie, end, intro.other, lang)
        said = f"{target}, {clause}," if clause else target
        return (
            f"Contactez directement {said.rstrip(',')} : nul besoin d'intermédiaire."
            if fr
            else f"Contact {said} directly: no one needs to introduce you."
        )
    assert intro.entity is not None
    if intro.rule == "leader" and intro.leader is not None:
        name = intro.leader.display(lang)
        leads = _clause(intro.leader_tie, intro.leader, intro.entity, lang)
        about = _clause(intro.tie, intro.entity, intro.other, lang, nested=True)
        clause = f"{leads} ({about})" if leads and about else leads
        names_target = False
    else:
        name = intro.entity.display(lang)
        clause = _clause(intro.tie, intro.entity, intro.other, lang)
        names_target = intro.other is not None and intro.other.id == end.id
    if fr:
        ask = f"Demandez {wording.a_(name)}" + (f", {clause}," if clause else "")
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


def pending_sentence(path: IntroPath, lang: Lang = "en") -> str | None:
    """That the route is not in force yet, when it rests on planned or proposed ties."""
    counts = {s: sum(1 for h in path.hops if h.tie.status == s) for s in ("planned", "proposed")}
    if not any(counts.values()):
        return None
    fr = lang == "fr"
    parts = []
    for status, n in counts.items():
        if n:
            word = model.STATUS_NAMES[status][lang]
            plural = "s" if n > 1 else ""
            parts.append(f"{n} lien{plural} {word}{plural}" if fr else f"{n} {word} tie{plural}")
    said = wording.join_and(parts, lang)
    return (
        f"Pas encore en place : ce chemin repose sur {said}."
        if fr
        else f"Not in force yet: this route rests on {said}."
    )


def helpers(search: PathSearch) -> tuple[list[Entity], int]:
    """The different people (or organisations) to ask on the paths, in order, and how many paths
    need no introducer at all."""
    asked: dict[str, Entity] = {}
    unneeded = 0
    for path in search.paths:
        intro = introducer_of(path)
        if intro.asked is not None:
            asked.setdefault(intro.asked.id, intro.asked)
        elif intro.rule in ("own", "direct", "through"):
            unneeded += 1
    return list(asked.values()), unneeded


def helpers_sentence(search: PathSearch, lang: Lang = "en") -> str:
    """How many different people (or organisations) can introduce the asker on these paths."""
    asked, unneeded = helpers(search)
    n = len(asked)
    names = wording.join_and([e.display(lang) for e in asked], lang)
    people = all(e.kind == "Person" for e in asked)
    target = search.target.display(lang)
    fr = lang == "fr"
    if not n:
        if unneeded:
            return (
                f"Nul besoin d'intermédiaire sur ces chemins : contactez directement {target}."
                if fr
                else f"No introducer needed on these paths: contact {target} directly."
            )
        return (
            "Personne sur ces chemins ne peut vous présenter."
            if fr
            else "No one on these paths can introduce you."
        )
    if fr:
        if n == 1:
            noun = "personne" if people else "personne ou organisation"
        else:
            noun = "personnes différentes" if people else "personnes ou organisations différentes"
        said = f"{n} {noun} {'peut' if n == 1 else 'peuvent'} vous présenter : {names}."
        if unneeded:
            said += f" {unneeded} chemin{'s' if unneeded > 1 else ''} sans besoin d'intermédiaire."
        return said
    if n == 1:
        noun = "person" if people else "person or organisation"
    else:
        noun = "different people" if people else "different people or organisations"
    said = f"{n} {noun} can introduce you: {names}."
    if unneeded:
        said += f" {unneeded} path{'s need' if unneeded > 1 else ' needs'} no introducer."
    return said


def evidence_lines(path: IntroPath, sources: Mapping[str, Source], lang: Lang = "en") -> list[str]:
    """One line per hop: the tie, the source it cites (named when the path cites several) with its
    paragraph, the date of its latest evidence, and whether it rests only on inferred, proposed or
    old evidence."""
    lines = []
    named = len({h.tie.source for h in path.hops}) > 1
    for i, hop in enumerate(path.hops):
        a, b = path.nodes[i], path.nodes[i + 1]
        phrase = model.REL_TYPES[hop.type].phrase(lang) if hop.type in model.REL_TYPES else hop.type
        arrows = {"out": ("—", "→"), "in": ("←", "—"), "both": ("—", "—")}[hop.tie.direction_from(a.id)]
        tie = f"{a.display(lang)} {arrows[0]} {phrase} {arrows[1]} {b.display(lang)}"
        found = path.evidence[i] if i < len(path.evidence) else None
        said = _evidence_text(hop, found, sources if named else None, lang)
        lines.append(t("evidence.hop", lang, n=i + 1, tie=tie, source=said))
    return lines


def _evidence_text(hop: Hop, found: Evidence | None, sources: Mapping[str, Source] | None, lang: Lang) -> str:
    source = hop.tie.source
    parts = []
    if not source:
        parts.append(t("evidence.no_source", lang))
    elif sources is not None:
        known = sources.get(source)
        parts.append(known.title(lang) if known is not None else source)
    if isinstance(hop.tie.paragraph, int):
        parts.append(f"¶{hop.tie.paragraph}")
    if found is not None:
        if found.date is None:
            parts.append(t("evidence.undated", lang))
        else:
            parts.append(t("evidence.recorded", lang, date=found.date) if found.recorded else found.date)
    said = ", ".join(parts)
    if found is not None and found.flags:
        flags = wording.join_and([t(f"evidence.flag.{f}", lang) for f in found.flags], lang)
        said += " — " + t("evidence.weak", lang, what=flags)
    return said
