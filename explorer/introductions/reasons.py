"""Why a path ranks where it does, in one line, and how many people can help: the words that sum a
ranking up, in English or French (a path's own sentences are :mod:`.explain`'s)."""

from __future__ import annotations

from explorer import model, wording
from explorer.introductions.advice import introducer_of
from explorer.introductions.answers import Hop, IntroPath, PathSearch
from explorer.model import Entity, Lang

__all__ = [
    "FAIR_PATH",
    "STRONG_PATH",
    "crowd_notes",
    "helpers",
    "helpers_sentence",
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
    year = wording.this_year()
    for i, hop in enumerate(path.hops):
        tie = hop.tie
        notes = []
        if tie.status in ("planned", "proposed"):
            notes.append(model.STATUS_NAMES[tie.status][lang])
        if tie.evidence == "inferred":
            notes.append(model.EVIDENCE_NAMES["inferred"][lang])
        if tie.until is not None and tie.until < year:
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
    if first < index:
        return (
            f"Placé après les chemins qui offrent quelqu'un d'autre : même conseil qu'au chemin {first + 1}."
            if fr
            else f"Listed after the paths that offer someone new: the same advice as path {first + 1}."
        )
    if any(p.score > paths[index].score for p in paths[index + 1 :]):
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
