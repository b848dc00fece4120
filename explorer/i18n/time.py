"""Messages of time: what changed in a window, English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the "What changed" page
    "page.changed": ("What changed", "Ce qui a changé"),
    "changed.title": ("What changed", "Ce qui a changé"),
    "changed.intro": (
        "The ties that began or ended in a window (their since and until), and what the records "
        "gained, corrected or retired in it (the history), each fact once.",
        "Les liens qui ont commencé ou pris fin dans une période (leurs dates), et ce que les "
        "registres ont gagné, corrigé ou retiré pendant celle-ci (l'historique), chaque fait une fois.",
    ),
    "changed.since": ("From (a year, month or day)", "Depuis (année, mois ou jour)"),
    "changed.until": ("To (included; empty: now)", "Jusqu'à (inclus ; vide : maintenant)"),
    "changed.until.help": (
        "A year, a month or a day: its whole span counts.",
        "Une année, un mois ou un jour : toute sa durée compte.",
    ),
    "changed.around": ("Around an entity (id or name)", "Autour d'une entité (identifiant ou nom)"),
    "changed.around.help": ("Only the facts of this entity.", "Seulement les faits de cette entité."),
    "changed.cluster": ("In a cluster (id or name)", "Dans un pôle (identifiant ou nom)"),
    "changed.cluster.help": ("The cluster's facts and its members'.", "Les faits du pôle et de ses membres."),
    "changed.bad": ("Not a window: {problem}", "Période incorrecte : {problem}"),
    "changed.download": ("Download the note (Markdown)", "Télécharger la note (Markdown)"),
    # -- a page at a date
    "time.as_of": ("As of (a year, month or day)", "À la date (année, mois ou jour)"),
    "time.as_of.help": (
        "Write 2015, 2015-03 or 2015-03-03; empty: today. Ties not yet begun or already ended then are "
        "not drawn; since 2015 holds on every day of 2015.",
        "Écrivez 2015, 2015-03 ou 2015-03-03 ; vide : aujourd'hui. Les liens pas encore commencés ou "
        "déjà terminés à cette date ne sont pas dessinés ; depuis 2015 vaut pour chaque jour de 2015.",
    ),
    "time.as_of.bad": (
        "“{text}” is not a date: write 2015, 2015-03 or 2015-03-03. Showing today.",
        "« {text} » n'est pas une date : écrivez 2015, 2015-03 ou 2015-03-03. Affichage d'aujourd'hui.",
    ),
    "time.undated": ("Keep undated ties", "Garder les liens sans date"),
    "time.undated.help": (
        "Ties that say neither since nor until cannot be placed in time: kept by default, and counted.",
        "Les liens sans « depuis » ni « jusqu'à » ne peuvent être placés dans le temps : gardés par "
        "défaut, et comptés.",
    ),
    "time.showing": (
        "{when}: {undated} undated ties kept.",
        "{when} : {undated} liens sans date gardés.",
    ),
    "time.showing.hidden": (
        "{when}: undated ties hidden.",
        "{when} : liens sans date masqués.",
    ),
    "changes.title": ("What changed {window}", "Ce qui a changé {window}"),
    "changes.window.open": ("since {since}", "depuis {since}"),
    "changes.window.closed": ("from {since} to {until}", "de {since} à {until}"),
    "changes.around": ("around {name}", "autour de {name}"),
    "changes.cluster": ("in the cluster {name} and its members", "dans le pôle {name} et ses membres"),
    "changes.known_on": ("as recorded by the end of {date}", "selon les faits enregistrés fin {date}"),
    "changes.valid": ("In the world (since and until)", "Dans le monde (depuis et jusqu'à)"),
    "changes.record": ("In the records (the history)", "Dans les registres (l'historique)"),
    "changes.part.began": ("Began", "Ont commencé"),
    "changes.part.ended": ("Ended", "Ont pris fin"),
    "changes.part.changed": ("Corrected", "Corrigés"),
    "changes.part.recorded": ("Recorded", "Enregistrés"),
    "changes.part.retired": ("Retired", "Retirés"),
    "changes.none": ("nothing", "rien"),
    "changes.more": ("… and {n} more (raise --limit)", "… et {n} de plus (augmentez --limit)"),
    "changes.by": ("{who} on {at}", "{who} le {at}"),
    "changes.why": ("why: {reason}", "pourquoi : {reason}"),
    "changes.source": ("source: {source}", "source : {source}"),
}
