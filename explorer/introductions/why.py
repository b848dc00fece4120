"""Why a path ranks where it does, in words (English or French): how strong it is and what holds
it back, why it is listed before stronger paths or after weaker ones (:mod:`.ranking`), and what
the log of asks says of its introducer (:mod:`.learning`)."""

from __future__ import annotations

from explorer import model, wording
from explorer.i18n import t
from explorer.i18n.formats import number
from explorer.introductions.answers import IntroPath, Learned, PathSearch
from explorer.introductions.ranking import names_someone, placement
from explorer.introductions.reasons import crowd_notes
from explorer.model import Lang
from explorer.model.clock import today
from explorer.model.dates import ended

__all__ = [
    "FAIR_PATH",
    "STRONG_PATH",
    "counted",
    "learned_line",
    "rank_note",
    "strength_line",
    "weak_points",
    "why_line",
]

#: Scores from which a path is called strong, or fair (below: weak).
STRONG_PATH, FAIR_PATH = 0.4, 0.1
_QUALITY = {"strong": ("Strong", "Fort"), "fair": ("Fair", "Moyen"), "weak": ("Weak", "Faible")}


def counted(key: str, n: int, lang: Lang = "en", **values: object) -> str:
    """A message written ``singular|plural``, the form that fits ``n``."""
    forms = t(key, lang, n=n, **values).split("|")
    return forms[0] if n == 1 or len(forms) == 1 else forms[1]


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
    """Why the path at ``index`` is listed where it is when the order is not the rank scores' alone:
    before stronger paths (it names someone new to ask, and scores at least half as much), or
    after weaker ones (they did)."""
    if search.ranking != "distinct":
        return None
    paths = search.paths
    stands = placement(paths, index)
    if stands.overtook:
        n = len(stands.overtook)
        who = names_someone(paths[index])
        return t(
            "rank.before",
            lang,
            n=n,
            paths=counted("rank.path_noun", n, lang),
            strong=counted("rank.strong_adj", n, lang),
            who=who.display(lang) if who is not None else "—",
        )
    if stands.overtaken_by:
        ranks = [str(i + 1) for i in stands.overtaken_by]
        many = len(ranks) > 1
        which = t("rank.paths" if many else "rank.path", lang, n=wording.join_and(ranks, lang))
        return t("rank.after_many" if many else "rank.after", lang, which=which)
    return None


def learned_line(path: IntroPath, lang: Lang = "en") -> str | None:
    """What the log of asks says of the path's introducer, and the rank it gives the path:
    "Ranked at 0.641 (score × 1.25): Emilie Royère is marked open to introductions (…); 1 past ask
    through them led to an introduction or a meeting."."""
    found = path.learned
    if found is None or not (found.matters or found.reason):
        return None
    said = "; ".join(_learned_parts(found, lang))
    return t(
        "learned.line",
        lang,
        rank=number(path.rank_score, lang, ".3g"),
        factor=number(found.factor, lang, ".3g"),
        said=said,
    )


def _learned_parts(found: Learned, lang: Lang) -> list[str]:
    who = found.entity.display(lang)
    parts = []
    if found.willingness != "unknown" or found.reason:
        said = t(f"learned.{found.willingness}", lang, who=who)
        parts.append(t("learned.because", lang, said=said, reason=found.reason) if found.reason else said)
    outcomes = []
    if found.successes:
        outcomes.append(counted("learned.successes", found.successes, lang))
    if found.declines:
        key = "learned.declines" if outcomes else "learned.declines_alone"
        outcomes.append(counted(key, found.declines, lang))
    if found.silences:
        outcomes.append(counted("learned.silences", found.silences, lang))
    if outcomes:
        parts.append(", ".join(outcomes))
    return parts


def why_line(search: PathSearch, index: int, lang: Lang = "en") -> str:
    """Why the path at ``index`` ranks where it does, in one line."""
    path = search.paths[index]
    said = [strength_line(path, lang), learned_line(path, lang), rank_note(search, index, lang)]
    return " ".join(s for s in said if s)
