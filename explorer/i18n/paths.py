"""Messages of the introduction-paths page, English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- introduction paths
    "paths.title": ("Introduction paths", "Chemins d'introduction"),
    "paths.intro": (
        (
            "Who can introduce whom: the strongest chains of ties between two entities, best first. A "
            "board seat or an R&D partnership weighs more than sharing an 850-member cluster."
        ),
        (
            "Qui peut présenter qui : les chaînes de liens les plus fortes entre deux entités, de la "
            "meilleure à la moins bonne. Un siège au conseil ou un partenariat R&D pèse plus que "
            "l'appartenance commune à un pôle de 850 membres."
        ),
    ),
    "paths.from": ("From", "De"),
    "paths.to": ("To", "Vers"),
    "paths.search_from": ("Who asks for the introduction", "Qui demande l'introduction"),
    "paths.search_to": ("Whom to reach", "Qui atteindre"),
    "paths.chosen": ("**{name}** — {kind} ({id})", "**{name}** — {kind} ({id})"),
    "paths.clear": ("Clear", "Effacer"),
    "paths.swap": ("Swap from and to", "Inverser de et vers"),
    "paths.options": ("Paths", "Chemins"),
    "paths.k": ("Paths to show", "Chemins à montrer"),
    "paths.max_hops": ("Most hops on a path", "Nombre maximal de sauts"),
    "paths.active_only": ("Active ties only", "Liens en cours seulement"),
    "paths.active_only.help": (
        "Leave out planned and proposed ties.",
        "Sans les liens prévus ni proposés.",
    ),
    "paths.avoid": ("Avoid", "Éviter"),
    "paths.avoid.help": ("No path goes through these entities.", "Aucun chemin ne passe par ces entités."),
    "paths.avoid_search": ("Add an entity to avoid", "Ajouter une entité à éviter"),
    "paths.pick_both": (
        "Pick who asks for the introduction and whom to reach: the paths between them appear here.",
        "Choisissez qui demande l'introduction et qui atteindre : les chemins entre eux apparaissent ici.",
    ),
    "paths.unknown": ("No entity matches “{given}”.", "Aucune entité ne correspond à « {given} »."),
    "paths.ambiguous": (
        "“{given}” matches several entities: pick the one you mean.",
        "« {given} » correspond à plusieurs entités : choisissez celle que vous voulez dire.",
    ),
    "paths.closest": ("The closest names:", "Les noms les plus proches :"),
    "paths.which": ("Which one?", "Laquelle ?"),
    "paths.same": ("Pick two different entities.", "Choisissez deux entités différentes."),
    "paths.found": (
        "{n} path(s) from **{a}** to **{b}**, best first.",
        "{n} chemin(s) de **{a}** à **{b}**, du meilleur au moins bon.",
    ),
    "paths.card": ("#{rank} · score {score} · {hops} hop(s)", "n° {rank} · score {score} · {hops} saut(s)"),
    "paths.best": ("best", "meilleur"),
    "paths.sources": ("Sources: {sources}", "Sources : {sources}"),
    "paths.incomplete": (
        (
            "The search stopped after reading {n} relationships: a better path may lie beyond. Lower the "
            "most hops to narrow it."
        ),
        (
            "La recherche s'est arrêtée après avoir lu {n} relations : un meilleur chemin peut exister "
            "au-delà. Réduisez le nombre maximal de sauts pour la resserrer."
        ),
    ),
    "paths.graph": (
        "All the paths on one network; the best one is highlighted.",
        "Tous les chemins sur un même réseau ; le meilleur est mis en évidence.",
    ),
    "paths.weights": ("Tie strengths from {file}.", "Forces des liens lues dans {file}."),
    "paths.brokers": ("Brokers between {a} and {b}", "Intermédiaires entre {a} et {b}"),
    "paths.brokers.help": (
        (
            "The people and organisations that most of the strongest paths between the two countries go "
            "through (at most {hops} hops)."
        ),
        (
            "Les personnes et organisations par lesquelles passent le plus de chemins forts entre les "
            "deux pays (en {hops} sauts au plus)."
        ),
    ),
    "paths.brokers.same": (
        "Both are in {country}: brokers are found between two different countries.",
        "Les deux sont en {country} : les intermédiaires se cherchent entre deux pays différents.",
    ),
    "paths.brokers.no_country": (
        "Brokers between countries need the country of both entities.",
        "Les intermédiaires entre pays demandent le pays des deux entités.",
    ),
    "paths.brokers.none": (
        "No broker: no strong path between these countries goes through a third party.",
        "Aucun intermédiaire : aucun chemin fort entre ces pays ne passe par un tiers.",
    ),
    "paths.brokers.sample": (
        "Counted on a sample of {a} and {b} entities (the same every time).",
        "Compté sur un échantillon de {a} et {b} entités (le même à chaque fois).",
    ),
    "col.count": ("Strongest paths through it", "Chemins forts qui y passent"),
    "col.share": ("Share", "Part"),
    "col.example": ("Example", "Exemple"),
}
