"""Messages that say who to ask and why a path ranks where it does (the introduction paths in
words: the command line and the pages), English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the way out of the asker's side, and a target of the asker's own
    "advice.through": ("Through {who}, {role}, {clause}, {ask}", "Par {who}, {role}, {clause}, {ask}"),
    "advice.through_bare": ("Through {who}, {role}, {ask}", "Par {who}, {role}, {ask}"),
    "advice.through_org": ("Through {who} ({role}), {clause}, {ask}", "Par {who} ({role}), {clause}, {ask}"),
    "advice.through_org_bare": ("Through {who} ({role}), {ask}", "Par {who} ({role}), {ask}"),
    "advice.through_plain": ("Through {who}, {clause}, {ask}", "Par {who}, {clause}, {ask}"),
    "advice.own": (
        "{target} is on your side ({role}): contact {target} directly, no one needs to introduce you.",
        "{target} est de votre côté ({role}) : contactez directement {target}, nul besoin d'intermédiaire.",
    ),
    "advice.own_bare": (
        "{target} is on your side: contact {target} directly, no one needs to introduce you.",
        "{target} est de votre côté : contactez directement {target}, nul besoin d'intermédiaire.",
    ),
    "advice.through_direct": (
        "contact {target} directly: no one needs to introduce you.",
        "contactez directement {target} : nul besoin d'intermédiaire.",
    ),
    # how one of the asker's own belongs to their side
    "side.role": ("your {role}", "votre {role}"),
    "side.person.LEADS": ("your leader", "votre dirigeant"),
    "side.person.BOARD_SEAT": ("on your board", "membre de votre conseil"),
    "side.person.WORKS_AT": ("of your staff", "de votre équipe"),
    "side.person.REPRESENTS": ("your representative", "votre représentant"),
    "side.person.team": ("of your team", "de votre équipe"),
    "side.org.LEADS": ("which you lead", "que vous dirigez"),
    "side.org.BOARD_SEAT": ("on whose board you sit", "dont vous êtes administrateur"),
    "side.org.WORKS_AT": ("where you work", "où vous travaillez"),
    "side.org.REPRESENTS": ("which you represent", "que vous représentez"),
    "side.org.led": ("which {person} leads", "que dirige {person}"),
    "side.org.team": ("your organisation", "votre organisation"),
    # -- why a path ranks where it does
    "rank.before": (
        "Listed before {n} {strong} {paths}: it names someone new to ask, {who}, and its score is at "
        "least half of theirs.",
        "Placé avant {n} {paths} plus {strong} : il nomme quelqu'un d'autre à qui demander, {who}, et son "
        "score atteint au moins la moitié des leurs.",
    ),
    "rank.after": (
        "Listed after {which}, weaker but naming someone new to ask.",
        "Placé après {which}, plus faible mais qui nomme quelqu'un d'autre à qui demander.",
    ),
    "rank.after_many": (
        "Listed after {which}, weaker but each naming someone new to ask.",
        "Placé après {which}, plus faibles mais qui nomment chacun quelqu'un d'autre à qui demander.",
    ),
    "rank.path": ("path {n}", "le chemin {n}"),
    "rank.paths": ("paths {n}", "les chemins {n}"),
    "rank.path_noun": ("path|paths", "chemin|chemins"),
    "rank.strong_adj": ("stronger|stronger", "fort|forts"),
    # -- what the log of asks says of the introducer
    "learned.line": (
        "Ranked at {rank} (score × {factor}): {said}.",
        "Classé à {rank} (score × {factor}) : {said}.",
    ),
    "learned.open": ("{who} is marked open to introductions", "{who} est noté ouvert aux introductions"),
    "learned.reluctant": ("{who} is marked reluctant", "{who} est noté réticent"),
    "learned.unknown": ("{who}'s willingness is unknown", "l'ouverture de {who} est inconnue"),
    "learned.because": ("{said} ({reason})", "{said} ({reason})"),
    "learned.successes": (
        "{n} past ask through them led to an introduction or a meeting|{n} past asks through them led "
        "to an introduction or a meeting",
        "{n} demande passée par son intermédiaire a abouti|{n} demandes passées par son intermédiaire "
        "ont abouti",
    ),
    "learned.declines": ("{n} was declined|{n} were declined", "{n} a été refusée|{n} ont été refusées"),
    "learned.declines_alone": (
        "{n} past ask through them was declined|{n} past asks through them were declined",
        "{n} demande passée par son intermédiaire a été refusée|{n} demandes passées par son "
        "intermédiaire ont été refusées",
    ),
    "learned.silences": (
        "{n} got no answer|{n} got no answer",
        "{n} est restée sans réponse|{n} sont restées sans réponse",
    ),
    # -- the evidence of each hop
    "evidence.head": ("Evidence:", "Preuves :"),
    "evidence.hop": ("{n}. {tie}: {source}", "{n}. {tie} : {source}"),
    "evidence.recorded": ("recorded {date}", "enregistré le {date}"),
    "evidence.no_source": ("no source cited", "aucune source citée"),
    "evidence.undated": ("date unknown", "date inconnue"),
    "evidence.weak": ("only {what} evidence", "preuve seulement {what}"),
    "evidence.flag.inferred": ("inferred", "déduite"),
    "evidence.flag.proposed": ("proposed", "proposée"),
    "evidence.flag.old": ("old", "ancienne"),
}
