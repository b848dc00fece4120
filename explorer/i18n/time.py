"""Messages of time: what changed in a window, English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
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
