"""Messages of the history page, English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    "page.history": ("History", "Historique"),
    "history.title": ("What changed", "Ce qui a changé"),
    "history.help": (
        "Every change to the map: who, when, what and why. Retired facts are struck through; "
        "nothing is ever deleted from this list.",
        "Chaque modification de la carte : qui, quand, quoi et pourquoi. Les faits retirés sont barrés ; "
        "rien n'est jamais effacé de cette liste.",
    ),
    "history.filters": ("Filters", "Filtres"),
    "history.who": ("Who (part of a name)", "Qui (partie d'un nom)"),
    "history.what": ("What", "Quoi"),
    "history.since": ("From (day)", "Depuis le"),
    "history.until": ("To (day, included)", "Jusqu'au (inclus)"),
    "history.date_format": ("YYYY-MM-DD", "DD/MM/YYYY"),
    "history.entity": ("About an entity", "À propos d'une entité"),
    "history.csv": ("Download as CSV", "Télécharger en CSV"),
    "history.none": ("No change matches these filters.", "Aucune modification ne correspond à ces filtres."),
    "history.count": ("{changes}, newest first.", "{changes}, les plus récentes d'abord."),
    "history.more": (" and {n} more", " et {n} de plus"),
    "history.undoes": ("undoes #{n}", "annule la n° {n}"),
    "history.undone_by": ("undone by #{n}", "annulée par la n° {n}"),
    "history.suggested_by": ("suggested by {name}", "proposé par {name}"),
    "history.why": ("why: *{why}*", "pourquoi : *{why}*"),
    "history.undo": ("Undo #{n}", "Annuler la n° {n}"),
    "history.undone": (
        "Change #{undone} undone by change #{n}.",
        "Modification n° {undone} annulée par la n° {n}.",
    ),
    "history.undo_item": ("Undo this item", "Annuler cet élément"),
    "history.undo_item_pick": ("Or one item of it", "Ou un de ses éléments"),
    "history.undo_item_placeholder": (
        "Choose an item (it goes back to the review queue)",
        "Choisissez un élément (il retourne dans la file de relecture)",
    ),
    "history.item_linked": ("{item} · linked to {name}", "{item} · rattaché à {name}"),
}
