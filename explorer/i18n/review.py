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
    "review.state.accepted": ("Accepted by {who}.", "Accepté par {who}."),
    "review.state.rejected": ("Rejected by {who}: {reason}", "Rejeté par {who} : {reason}"),
    "review.link_to": ("The entity of the map it is", "L'entité de la carte dont il s'agit"),
    "review.correct": ("Correct before accepting", "Corriger avant d'accepter"),
    "review.unfinished": (
        "Finish the correction (which entity of the map?) to accept it.",
        "Terminez la correction (quelle entité de la carte ?) pour l'accepter.",
    ),
    "review.entity_is": ("This entity is", "Cette entité est"),
    "review.entity_new": ("a new one, added as corrected", "une nouvelle, ajoutée telle que corrigée"),
    "review.entity_known": ("already in the map", "déjà dans la carte"),
    "review.aliases_help": ("Other names, separated by ;", "Autres noms, séparés par ;"),
    "review.start": ("From", "De"),
    "review.end": ("To", "Vers"),
    "review.end_same": ("{name}", "{name}"),
    "review.end_map": ("another entity of the map", "une autre entité de la carte"),
    "review.end_new": ("a new entity", "une nouvelle entité"),
    "review.end_pick": ("Which entity (name)", "Quelle entité (nom)"),
    "review.new_values": (
        "The new values proposed (empty: none):",
        "Les nouvelles valeurs proposées (vide : aucune) :",
    ),
    "review.role_needed": (
        "Your role cannot accept this change (a merge needs an admin); you may reject it.",
        "Votre rôle ne permet pas d'accepter cette modification (une fusion demande un administrateur) ; "
        "vous pouvez la rejeter.",
    ),
    "review.nothing_to_correct": ("Nothing to correct here.", "Rien à corriger ici."),
    "review.confidence": ("read with {percent}% confidence", "lu avec {percent} % de confiance"),
    "review.undo_item": ("Undo this acceptance", "Annuler cette acceptation"),
    "review.recent": ("Recent acceptances (to undo)", "Acceptations récentes (à annuler)"),
    "review.accept": ("Accept", "Accepter"),
    "review.unreadable": (
        "An item that cannot be read ({problem}): reject it.",
        "Un élément illisible ({problem}) : rejetez-le.",
    ),
    "review.reject": ("Reject", "Rejeter"),
    "review.reason": ("Why (required to reject)", "Pourquoi (obligatoire pour rejeter)"),
    "review.reason_all": (
        "Why, for the whole proposal (required to reject it)",
        "Pourquoi, pour toute la proposition (obligatoire pour la rejeter)",
    ),
    "review.accept_all": ("Accept all", "Tout accepter"),
    "review.reject_all": ("Reject all", "Tout rejeter"),
}
