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
    "history.since": ("Since", "Depuis le"),
    "history.date_format": ("YYYY-MM-DD", "DD/MM/YYYY"),
    "history.entity": ("About an entity", "À propos d'une entité"),
    "history.csv": ("Download as CSV", "Télécharger en CSV"),
    "history.none": ("No change matches these filters.", "Aucune modification ne correspond à ces filtres."),
    "history.count": ("{n} change(s), newest first.", "{n} modification(s), les plus récentes d'abord."),
    "history.more": (" and {n} more", " et {n} de plus"),
    "history.undoes": ("undoes #{n}", "annule la n° {n}"),
    "history.undone_by": ("undone by #{n}", "annulée par la n° {n}"),
    "history.suggested_by": ("suggested by {name}", "proposé par {name}"),
    "history.undo": ("Undo #{n}", "Annuler la n° {n}"),
}
