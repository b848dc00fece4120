"""Messages of the network page, English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the network page
    "network.title": ("The network", "Le réseau"),
    "network.filters": ("Filters", "Filtres"),
    "network.kinds": ("Kinds", "Types d'entité"),
    "network.countries": ("Countries", "Pays"),
    "network.types": ("Relationships", "Relations"),
    "network.statuses": ("Status", "Statut"),
    "network.evidence": ("Evidence", "Preuve"),
    "network.all": ("all", "tous"),
    "network.limit": ("Most entities drawn", "Nombre maximal d'entités dessinées"),
    "network.limit.help": (
        "Beyond this the nearest and best-connected entities are drawn first.",
        "Au-delà, les entités les plus proches et les mieux reliées sont dessinées d'abord.",
    ),
    "network.depth": ("Hops around the focus", "Sauts autour de l'entité centrale"),
    "network.reset": ("Whole network", "Tout le réseau"),
    "network.reset_filters": ("Reset the filters", "Réinitialiser les filtres"),
    "network.countries_shown": ("Show countries", "Montrer les pays"),
    "network.countries_shown.help": (
        "Countries are left out of the drawing unless asked for (or picked in Kinds): "
        "each entity's country is in its details, and the Countries filter keeps those of a country.",
        "Les pays restent hors du dessin sauf demande (ou choix dans Types d'entité) : "
        "le pays de chaque entité figure dans ses détails, et le filtre Pays garde ceux d'un pays.",
    ),
    "network.retired": ("Show retired facts", "Montrer les faits retirés"),
    "network.retired.help": (
        "Retired facts stay out of the graph and of paths; this lists those of the entities shown.",
        "Les faits retirés restent hors du graphe et des chemins ; ceci liste ceux des entités affichées.",
    ),
    "network.showing": (
        "Showing {shown} of {total} entities and {rels} relationships.",
        "{shown} entités affichées sur {total}, et {rels} relations.",
    ),
    "network.capped": (
        (
            "Only {shown} of {total} entities are drawn: raise the limit in the sidebar, or narrow the "
            "view with filters or a focus."
        ),
        (
            "Seules {shown} entités sur {total} sont dessinées : relevez la limite dans la barre "
            "latérale, ou resserrez la vue avec des filtres ou une entité centrale."
        ),
    ),
    "network.rels_capped": (
        (
            "Each entity draws only its strongest links here ({rels} relationships): focus on one to see "
            "all of its own."
        ),
        (
            "Chaque entité ne montre ici que ses liens les plus forts ({rels} relations) : centrez la vue"
            " sur l'une d'elles pour voir tous les siens."
        ),
    ),
    "network.focus_on": (
        "Centred on **{name}**, {hops} around.",
        "Centré sur **{name}**, à {hops} autour.",
    ),
    "network.nothing": (
        "No entity matches these filters.",
        "Aucune entité ne correspond à ces filtres.",
    ),
    "network.hint": (
        (
            "Click an entity for its details; double-click it to centre the view on it. Drag to move, "
            "scroll to zoom."
        ),
        (
            "Cliquez sur une entité pour ses détails ; double-cliquez pour centrer la vue sur elle. "
            "Glissez pour déplacer, molette pour zoomer."
        ),
    ),
    "network.focus": ("Centre of the view", "Centre de la vue"),
    "network.url_ignored": (
        "Ignored in the link: {what}.",
        "Ignoré dans le lien : {what}.",
    ),
}
