"""Messages of the saved-queries page, English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- saved queries
    "queries.title": ("Saved queries", "Requêtes enregistrées"),
    "queries.catalogue": ("Catalogue", "Catalogue"),
    "queries.adhoc": ("Ad-hoc Cypher", "Cypher libre"),
    "queries.choose": ("Query", "Requête"),
    "queries.run": ("Run", "Exécuter"),
    "queries.params": ("Parameters", "Paramètres"),
    "queries.no_params": ("This query takes no parameters.", "Cette requête n'a pas de paramètre."),
    "queries.rows": ("{rows} in {seconds} s.", "{rows} en {seconds} s."),
    "queries.truncated": (
        "Only the first {n} rows are shown: the row cap was reached (EXPLORER_ROW_CAP).",
        (
            "Seules les {n} premières lignes sont affichées : le plafond de lignes est atteint "
            "(EXPLORER_ROW_CAP)."
        ),
    ),
    "queries.truncated_size": (
        "Only the first {n} rows are shown: the result is larger than {size} (EXPLORER_RESULT_SIZE).",
        (
            "Seules les {n} premières lignes sont affichées : le résultat dépasse {size} "
            "(EXPLORER_RESULT_SIZE)."
        ),
    ),
    "queries.no_rows": ("No rows.", "Aucune ligne."),
    "queries.table": ("Table", "Tableau"),
    "queries.graph": ("Graph", "Graphe"),
    "queries.csv": ("Download the rows (CSV)", "Télécharger les lignes (CSV)"),
    "queries.cli": ("The same from the command line", "La même en ligne de commande"),
    "queries.text": ("The query", "La requête"),
    "queries.adhoc.label": ("A read-only Cypher query", "Une requête Cypher en lecture seule"),
    "queries.adhoc.help": (
        (
            "Writes, schema and admin commands and LOAD CSV are refused. Time limit {seconds:g} s, at "
            "most {rows} rows."
        ),
        (
            "Les écritures, commandes de schéma ou d'administration et LOAD CSV sont refusées. Limite de "
            "{seconds:g} s, {rows} lignes au plus."
        ),
    ),
    "queries.adhoc.params": (
        "Parameters (JSON object, optional)",
        "Paramètres (objet JSON, facultatif)",
    ),
    "queries.adhoc.bad_params": (
        'The parameters must be a JSON object such as {{"id": "biocom"}}.',
        'Les paramètres doivent être un objet JSON, par exemple {{"id": "biocom"}}.',
    ),
    "queries.any": ("any", "tous"),
    "queries.unknown": (
        "There is no saved query named “{name}”.",
        "Il n'y a pas de requête enregistrée nommée « {name} ».",
    ),
    "queries.required": ("required", "obligatoire"),
}
