"""Messages of the review queue, English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    "page.review": ("Review queue", "File de relecture"),
    "review.title": ("Facts waiting for review", "Faits en attente de relecture"),
    "review.help": (
        "Suggestions from readers and facts proposed from articles. Accept them (after correcting "
        "them if needed) or reject them with a reason; both are recorded in the history.",
        "Propositions des lecteurs et faits tirés d'articles. Acceptez-les (en les corrigeant au besoin) "
        "ou rejetez-les avec une raison ; les deux sont enregistrés dans l'historique.",
    ),
    "review.readers": (
        "Only editors decide; you can see what waits.",
        "Seuls les éditeurs décident ; vous voyez ce qui attend.",
    ),
    "review.empty": ("Nothing waits for review.", "Rien n'attend de relecture."),
    "review.by": (
        "Proposed by {who} at {at}; source: {source}",
        "Proposé par {who} le {at} ; source : {source}",
    ),
    "review.origin.article": ("Facts from an article", "Faits tirés d'un article"),
    "review.origin.suggestion": ("A reader's suggestion", "Proposition d'un lecteur"),
    "review.entity": ("New entity **{name}** ({kind})", "Nouvelle entité **{name}** ({kind})"),
    "review.match": ("believed to be {id}", "sans doute {id}"),
    "review.tie": ("**{start}** {type} **{end}**", "**{start}** {type} **{end}**"),
    "review.state.accepted": ("Accepted by {who}.", "Accepté par {who}."),
    "review.state.rejected": ("Rejected by {who}: {reason}", "Rejeté par {who} : {reason}"),
    "review.link_to": (
        "It is this entity of the map (id; empty: add a new one)",
        "C'est cette entité de la carte (identifiant ; vide : en ajouter une nouvelle)",
    ),
    "review.accept": ("Accept", "Accepter"),
    "review.reject": ("Reject", "Rejeter"),
    "review.reason": ("Why reject", "Raison du rejet"),
    "review.accept_all": ("Accept all", "Tout accepter"),
    "review.reject_all": ("Reject all", "Tout rejeter"),
}
