"""Messages of the introduction-paths page, English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- introduction paths
    "paths.title": ("Introduction paths", "Chemins de mise en relation"),
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
    "paths.search_from": ("Who asks for the introduction", "Qui demande la mise en relation"),
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
    "paths.by_score": ("Order by score alone", "Trier par score seulement"),
    "paths.by_score.help": (
        (
            "Off: paths that offer someone new to ask come before stronger paths that repeat an "
            "introducer. On: strongest first, whoever introduces."
        ),
        (
            "Désactivé : les chemins qui offrent quelqu'un d'autre à qui demander passent avant les "
            "chemins plus forts qui répètent un intermédiaire. Activé : les plus forts d'abord."
        ),
    ),
    "paths.url_ignored": ("Ignored in the link: {what}.", "Ignoré dans le lien : {what}."),
    "paths.show": ("Show on the graph", "Montrer sur le graphe"),
    "paths.on_graph": ("on the graph", "sur le graphe"),
    "paths.no_such_path": (
        "The link asks for path {n}, but there are only {count}: path 1 is shown.",
        "Le lien demande le chemin {n}, mais il n'y en a que {count} : le chemin 1 est montré.",
    ),
    "paths.neighbourhood": ("{name} and its neighbours", "{name} et ses voisins"),
    "paths.avoid": ("Avoid", "Éviter"),
    "paths.avoid.help": ("No path goes through these entities.", "Aucun chemin ne passe par ces entités."),
    "paths.avoid.none": ("None: add them below", "Aucune : ajoutez-les ci-dessous"),
    "paths.avoid_search": ("Add an entity to avoid", "Ajouter une entité à éviter"),
    "paths.pick_both": (
        "Pick who asks for the introduction and whom to reach: the paths between them appear here.",
        "Choisissez qui demande la mise en relation et qui atteindre : les chemins entre eux "
        "apparaissent ici.",
    ),
    "paths.same": ("Pick two different entities.", "Choisissez deux entités différentes."),
    "paths.found": (
        "{paths} from **{a}** to **{b}**, best first.",
        "{paths} de **{a}** à **{b}**, du meilleur au moins bon.",
    ),
    "paths.card": ("#{rank} · score {score} · {hops}", "n° {rank} · score {score} · {hops}"),
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
        "All the paths on one network; path {n} is highlighted (pick another with its card's button).",
        "Tous les chemins sur un même réseau ; le chemin {n} est mis en évidence (choisissez-en un autre "
        "avec le bouton de sa carte).",
    ),
    "paths.weights": ("Tie strengths from {file}.", "Forces des liens lues dans {file}."),
    "paths.brokers": ("Brokers between {a} and {b}", "Intermédiaires entre {a} et {b}"),
    "paths.brokers.help": (
        (
            "The people and organisations that most of the strongest paths between the two sides go "
            "through (at most {hops} hops), and the ties that make each one a bridge."
        ),
        (
            "Les personnes et organisations par lesquelles passent le plus de chemins forts entre les "
            "deux côtés (en {hops} sauts au plus), et les liens qui font de chacune un pont."
        ),
    ),
    "paths.brokers.none": (
        "No broker: no strong path between these two sides goes through a third party.",
        "Aucun intermédiaire : aucun chemin fort entre ces deux côtés ne passe par un tiers.",
    ),
    "paths.brokers.sample": (
        "Counted on a sample of {a} and {b} entities (the same every time).",
        "Compté sur un échantillon de {a} et {b} entités (le même à chaque fois).",
    ),
    "col.count": ("Strongest paths through it", "Chemins forts qui y passent"),
    "col.share": ("Share", "Part"),
    "col.example": ("Example", "Exemple"),
    "col.bridge": ("Why a bridge", "Pourquoi un pont"),
}
