"""Messages every page shares, English then French: the app, search, details, tables, exports,
legend, tooltips and problems."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the app and its pages
    "app.title": ("Cluster Atlas", "Cluster Atlas"),
    "app.language": ("Language", "Langue"),
    "page.network": ("Network", "Réseau"),
    "page.queries": ("Saved queries", "Requêtes enregistrées"),
    "page.alliance": ("US–France–Japan alliance", "Alliance États-Unis–France–Japon"),
    "page.paths": ("Introduction paths", "Chemins de mise en relation"),
    # -- search
    "search.label": ("Find an entity", "Chercher une entité"),
    "search.placeholder": (
        "Name, in any case and with or without accents",
        "Nom, en majuscules ou minuscules, avec ou sans accents",
    ),
    "search.pick": ("Matches", "Résultats"),
    "search.pick.placeholder": ("Choose one to focus on it", "Choisissez-en une pour la centrer"),
    "search.none": ("Nothing matches “{text}”.", "Rien ne correspond à « {text} »."),
    # -- details of one entity
    "details.title": ("Details", "Détails"),
    "details.empty": (
        "Click an entity in the network, or find one by name, to see its links and their sources.",
        "Cliquez sur une entité du réseau, ou cherchez-la par son nom, pour voir ses liens et leurs sources.",
    ),
    "details.focus": ("Centre the view here", "Centrer la vue ici"),
    "details.facts": ("Links and their sources", "Liens et leurs sources"),
    "details.no_facts": ("No links recorded.", "Aucun lien enregistré."),
    "details.properties": ("Recorded properties", "Propriétés enregistrées"),
    "details.recorded_from": ("Recorded from: {source}", "Source de l'entité : {source}"),
    "details.facts_capped": (
        "Only the first {n} links are listed.",
        "Seuls les {n} premiers liens sont listés.",
    ),
    "details.inferred_note": (
        "Links marked *inferred* are not stated by their source: they were deduced from it.",
        "Les liens marqués *déduit* ne sont pas affirmés par leur source : ils en ont été déduits.",
    ),
    # -- columns of tables
    "col.from": ("From", "De"),
    "col.link": ("Link", "Lien"),
    "col.to": ("To", "Vers"),
    "col.status": ("Status", "Statut"),
    "col.since": ("Since", "Depuis"),
    "col.evidence": ("Evidence", "Preuve"),
    "col.source": ("Source", "Source"),
    "col.note": ("Note", "Remarque"),
    "col.details": ("Details", "Précisions"),
    "col.property": ("Property", "Propriété"),
    "col.value": ("Value", "Valeur"),
    "col.party": ("Party", "Partie"),
    "col.country": ("Country", "Pays"),
    "col.entity": ("Entity", "Entité"),
    "col.kind": ("Kind", "Type"),
    "col.sides": ("Bridges", "Relie"),
    "col.how": ("Through", "Par"),
    # -- exports
    "export.title": ("Export this view", "Exporter cette vue"),
    "export.html": ("Standalone page (HTML)", "Page autonome (HTML)"),
    "export.nodes": ("Entities (CSV)", "Entités (CSV)"),
    "export.rels": ("Relationships (CSV)", "Relations (CSV)"),
    "export.graphml": ("Graph (GraphML)", "Graphe (GraphML)"),
    "export.help": (
        "The page works offline; the CSV files load back with `explorer load`.",
        "La page fonctionne hors ligne ; les fichiers CSV se rechargent avec `explorer load`.",
    ),
    # -- the legend drawn with the graph
    "legend.title": ("Legend", "Légende"),
    "legend.kinds": ("Entities", "Entités"),
    "legend.types": ("Relationships", "Relations"),
    "legend.status": ("Status and evidence", "Statut et preuve"),
    "legend.active": ("active: solid line", "en cours : trait plein"),
    "legend.planned": ("planned: dashed", "prévu : tirets"),
    "legend.proposed": ("proposed: dotted", "proposé : pointillés"),
    "legend.inferred": ("inferred: lighter", "déduit : plus pâle"),
    "legend.highlight": ("highlighted", "mis en évidence"),
    "legend.zoom": (
        "The mouse wheel scrolls the page; to zoom, hold Ctrl (⌘ on a Mac) or click into the graph first.",
        "La molette fait défiler la page ; pour zoomer, maintenez Ctrl (⌘ sur Mac) ou cliquez d'abord "
        "dans le graphe.",
    ),
    "graph.zoom": (
        "To zoom: Ctrl (⌘) + wheel, or click into the graph",
        "Pour zoomer : Ctrl (⌘) + molette, ou cliquez dans le graphe",
    ),
    "graph.busy": ("Laying out {n} entities…", "Disposition de {n} entités…"),
    "graph.open_hint": (
        "Double-click an entity to open it in the network.",
        "Double-cliquez sur une entité pour l'ouvrir dans le réseau.",
    ),
    "graph.fit": ("Fit the whole graph in view", "Recadrer sur tout le graphe"),
    # -- tooltips
    "tip.id": ("id", "identifiant"),
    "tip.country": ("country", "pays"),
    "tip.status": ("status", "statut"),
    "tip.evidence": ("evidence", "preuve"),
    "tip.since": ("since", "depuis"),
    "tip.source": ("source", "source"),
    "tip.paragraph": ("paragraph {n}", "paragraphe {n}"),
    "tip.note": ("note", "remarque"),
    "tip.changed": ("last change", "dernière modification"),
    "tip.changed_text": ("version {version}, by {who}, {at}", "version {version}, par {who}, le {at}"),
    # -- a load that died, dealt with by the next command
    "load.taken_back": (
        (
            "A load that did not finish ({rows:,} rows from {files}, started by {who} on {at}) was taken "
            "back: nothing of it remains."
        ),
        (
            "Un chargement inachevé ({rows:,} lignes de {files}, lancé par {who} le {at}) a été annulé : "
            "il n'en reste rien."
        ),
    ),
    "load.finished": (
        (
            "A load stopped while it was being published ({rows:,} rows from {files}, started by {who} on "
            "{at}) was finished and recorded in the history."
        ),
        (
            "Un chargement interrompu pendant sa publication ({rows:,} lignes de {files}, lancé par {who} "
            "le {at}) a été terminé et inscrit dans l'historique."
        ),
    ),
    # -- problems
    "error.unreachable": ("The database cannot be reached.", "La base de données est injoignable."),
    "error.unreachable.next": (
        (
            "Start it with `explorer db start` (or check NEO4J_URI), then press Retry: no restart of the "
            "explorer is needed."
        ),
        (
            "Démarrez-la avec `explorer db start` (ou vérifiez NEO4J_URI), puis cliquez sur Réessayer : "
            "inutile de relancer l'explorateur."
        ),
    ),
    "error.auth": ("The database refused the credentials.", "La base de données a refusé les identifiants."),
    "error.auth.next": (
        (
            "Check NEO4J_USERNAME and NEO4J_PASSWORD (for the local database, restart it with `explorer "
            "db stop && explorer db start`), then press Retry."
        ),
        (
            "Vérifiez NEO4J_USERNAME et NEO4J_PASSWORD (pour la base locale, relancez-la avec `explorer "
            "db stop && explorer db start`), puis cliquez sur Réessayer."
        ),
    ),
    "error.timeout": (
        "The query took too long and was stopped.",
        "La requête a pris trop de temps et a été arrêtée.",
    ),
    "error.timeout.next": (
        (
            "Narrow it: fewer hops, more filters, a lower limit (the time limit is EXPLORER_UI_TIMEOUT, "
            "{seconds:g} s)."
        ),
        (
            "Resserrez-la : moins de sauts, plus de filtres, une limite plus basse (la limite de temps "
            "est EXPLORER_UI_TIMEOUT, {seconds:g} s)."
        ),
    ),
    "error.refused": ("The query was refused.", "La requête a été refusée."),
    "error.refused.next": (
        "Only read-only queries run here; load data with `explorer load`.",
        "Seules les requêtes en lecture s'exécutent ici ; chargez des données avec `explorer load`.",
    ),
    "error.input": ("That input cannot be used.", "Cette saisie ne peut pas être utilisée."),
    "error.unknown_entity": ("No entity matches.", "Aucune entité ne correspond."),
    "error.unknown_value": ("That value is not known.", "Cette valeur est inconnue."),
    "entity.unknown": ("No entity matches “{given}”.", "Aucune entité ne correspond à « {given} »."),
    "entity.ambiguous": (
        "“{given}” matches several entities: pick the one you mean.",
        "« {given} » correspond à plusieurs entités : choisissez celle que vous voulez dire.",
    ),
    "entity.closest": ("The closest names:", "Les noms les plus proches :"),
    "entity.which": ("Which one?", "Laquelle ?"),
    "error.retry": ("Retry", "Réessayer"),
    "error.empty": ("The database is empty.", "La base de données est vide."),
    "error.empty.next": (
        (
            "Load the article's graph with `explorer load seeds/`, or your own CSV or YAML files with "
            "`explorer load PATH`, then press Retry."
        ),
        (
            "Chargez le graphe de l'article avec `explorer load seeds/`, ou vos propres fichiers CSV ou "
            "YAML avec `explorer load CHEMIN`, puis cliquez sur Réessayer."
        ),
    ),
    # -- counted nouns the pages add: singular|plural
    "count.proposal": ("proposal|proposals", "proposition|propositions"),
}
