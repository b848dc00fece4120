"""Messages of the alliance page, English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the alliance
    "alliance.title": ("The US–France–Japan alliance", "L'alliance États-Unis–France–Japon"),
    "alliance.none": (
        "No alliance is recorded in the database.",
        "Aucune alliance n'est enregistrée dans la base.",
    ),
    "alliance.choose": ("Alliance", "Alliance"),
    "alliance.status": ("Status of the alliance: **{status}**.", "Statut de l'alliance : **{status}**."),
    "alliance.parties": ("The parties, West to East", "Les parties, d'Ouest en Est"),
    "alliance.links": ("Links between the parties", "Liens entre les parties"),
    "alliance.no_link": ("no direct link recorded", "aucun lien direct enregistré"),
    "alliance.bridges": ("Who already bridges them", "Qui fait déjà le pont"),
    "alliance.bridges.help": (
        (
            "Companies, institutes and people with a foot on two sides or more: a membership, a "
            "subsidiary, a board seat, a partnership, or their home country."
        ),
        (
            "Entreprises, instituts et personnes présents de deux côtés ou plus : adhésion, filiale, "
            "siège au conseil, partenariat, ou pays d'origine."
        ),
    ),
    "alliance.no_bridges": ("No one bridges the parties yet.", "Personne ne relie encore les parties."),
    "alliance.pending": ("Still only planned or proposed", "Encore seulement prévu ou proposé"),
    "alliance.no_pending": ("Nothing is pending.", "Rien n'est en attente."),
    "alliance.open": ("Open in the network", "Ouvrir dans le réseau"),
    "alliance.home": ("home country", "pays d'origine"),
}
