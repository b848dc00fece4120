"""The reasons in words, English or French: who to ask and why them (by the rules of
:mod:`.advice`), whether a route is in force, why a path ranks where it does, and how many
people can help (a path's hop-by-hop sentences are :mod:`.explain`'s)."""

from __future__ import annotations

from explorer import model, wording
from explorer.introductions.advice import introducer_of
from explorer.introductions.answers import Hop, IntroPath, PathSearch
from explorer.model import Entity, Lang, Tie
from explorer.model.clock import today
from explorer.model.dates import ended

__all__ = [
    "FAIR_PATH",
    "STRONG_PATH",
    "ask_sentence",
    "crowd_notes",
    "helpers",
    "helpers_sentence",
    "pending_sentence",
    "rank_note",
    "strength_line",
    "weak_points",
    "why_line",
]

#: Scores from which a path is called strong, or fair (below: weak).
STRONG_PATH, FAIR_PATH = 0.4, 0.1
_QUALITY = {"strong": ("Strong", "Fort"), "fair": ("Fair", "Moyen"), "weak": ("Weak", "Faible")}


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


def ask_sentence(path: IntroPath, lang: Lang = "en") -> str:
    """The closing sentence: who to ask for the introduction, and why them (rules: ``advice``)."""
    intro = introducer_of(path)
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


def _noun(rtype: str, lang: Lang, form: int) -> str:
    found = model.REL_TYPES.get(rtype)
    noun = found.words(lang).noun[form] if found else ""
    return noun or rtype


def _nouns(path: IntroPath, lang: Lang) -> list[str]:
    """The path's ties as nouns, each type once: "a board seat", "2 R&D partnerships"."""
    counts: dict[str, int] = {}
    for hop in path.hops:
        counts[hop.type] = counts.get(hop.type, 0) + 1
    return [_noun(t, lang, 0) if n == 1 else f"{n} {_noun(t, lang, 2)}" for t, n in counts.items()]


def weak_points(path: IntroPath, lang: Lang = "en") -> list[str]:
    """What holds the path's ties back, each once: a status, an inference, an end, a crowd."""
    points: list[str] = []
    now = today()
    for i, hop in enumerate(path.hops):
        tie = hop.tie
        notes = []
        if tie.status in ("planned", "proposed"):
            notes.append(model.STATUS_NAMES[tie.status][lang])
        if tie.evidence == "inferred":
            notes.append(model.EVIDENCE_NAMES["inferred"][lang])
        if tie.until is not None and ended(tie.until, now):
            notes.append(wording.ended_words(tie.until, lang))
        if notes:
            points.append(f"{_noun(tie.type, lang, 1)} ({', '.join(notes)})")
        points += crowd_notes(hop, path.nodes[i], path.nodes[i + 1], lang)
    return list(dict.fromkeys(points))


def strength_line(path: IntroPath, lang: Lang = "en") -> str:
    """How strong the path is and why, in one line: "Strong: a board seat and an R&D partnership,
    both current." or "Weak: a membership; held back by Biocom has 850 members."."""
    fr = lang == "fr"
    quality = "strong" if path.score >= STRONG_PATH else "fair" if path.score >= FAIR_PATH else "weak"
    head = _QUALITY[quality][1 if fr else 0]
    nouns = _nouns(path, lang)
    ties = wording.join_and(nouns, lang)
    weak = weak_points(path, lang)
    if weak:
        held = wording.join_and(weak, lang)
        return f"{head} : {ties} ; affaibli par {held}." if fr else f"{head}: {ties}; held back by {held}."
    n = path.hop_count
    if fr:
        feminine = all(noun.startswith("une ") for noun in nouns) and len(nouns) == n
        every = ("toutes deux" if feminine else "tous deux") if n == 2 else ("toutes" if feminine else "tous")
        return f"{head} : {ties}, {'en cours' if n == 1 else every + ' en cours'}."
    return f"{head}: {ties}, {'current' if n == 1 else 'both current' if n == 2 else 'all current'}."


def rank_note(search: PathSearch, index: int, lang: Lang = "en") -> str | None:
    """Why the path at ``index`` is listed where it is when the order is not the scores' alone: it
    offers someone new (before stronger paths), or repeats earlier advice (after the new ones)."""
    if search.ranking != "distinct":
        return None
    paths = search.paths
    key = introducer_of(paths[index]).key
    first = next(i for i, p in enumerate(paths) if introducer_of(p).key == key)
    fr = lang == "fr"
    score = paths[index].score
    if first < index:
        if not any(p.score < score for p in paths[:index]):
            return None  # where the scores alone would put it
        return (
            f"Placé après les chemins qui offrent quelqu'un d'autre : même conseil qu'au chemin {first + 1}."
            if fr
            else f"Listed after the paths that offer someone new: the same advice as path {first + 1}."
        )
    if any(p.score > score for p in paths[index + 1 :]):
        return (
            "Placé avant des chemins plus forts : il offre quelqu'un d'autre à qui demander."
            if fr
            else "Listed before stronger paths: it offers someone new to ask."
        )
    return None


def why_line(search: PathSearch, index: int, lang: Lang = "en") -> str:
    """Why the path at ``index`` ranks where it does, in one line."""
    note = rank_note(search, index, lang)
    line = strength_line(search.paths[index], lang)
    return f"{line} {note}" if note else line


def helpers(search: PathSearch) -> tuple[list[Entity], int]:
    """The different people (or organisations) to ask on the paths, in order, and how many paths
    need no introducer at all."""
    asked: dict[str, Entity] = {}
    unneeded = 0
    for path in search.paths:
        intro = introducer_of(path)
        if intro.asked is not None:
            asked.setdefault(intro.asked.id, intro.asked)
        elif intro.rule in ("direct", "through"):
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
