"""Every label, legend and message of the explorer's pages, in English and French."""

from __future__ import annotations

import string
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from explorer import model
from explorer.errors import (
    AmbiguousEntity,
    DatabaseUnavailable,
    ExplorerError,
    QueryRefused,
    QueryTimeout,
    UnknownEntity,
)
from explorer.model import Lang

__all__ = [
    "LANGS",
    "MESSAGES",
    "evidence_name",
    "kind_name",
    "localized",
    "parse_lang",
    "problem_key",
    "status_name",
    "t",
    "type_phrase",
]

LANGS: tuple[Lang, ...] = model.LANGS
#: The language of the switch: each language named in itself.
LANGUAGE_NAMES: Mapping[Lang, str] = MappingProxyType({"en": "English", "fr": "Français"})

_MESSAGES: dict[str, tuple[str, str]] = {
    # -- the app and its pages
    "app.title": ("Cluster Atlas", "Cluster Atlas"),
    "app.language": ("Language", "Langue"),
    "page.network": ("Network", "Réseau"),
    "page.queries": ("Saved queries", "Requêtes enregistrées"),
    "page.alliance": ("US–France–Japan alliance", "Alliance États-Unis–France–Japon"),
    "page.paths": ("Introduction paths", "Chemins d'introduction"),
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
        "Centred on **{name}**, {depth} hop(s) around.",
        "Centré sur **{name}**, à {depth} saut(s) autour.",
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
    "network.url_ignored": (
        "Ignored in the link: {what}.",
        "Ignoré dans le lien : {what}.",
    ),
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
    # -- saved queries
    "queries.title": ("Saved queries", "Requêtes enregistrées"),
    "queries.catalogue": ("Catalogue", "Catalogue"),
    "queries.adhoc": ("Ad-hoc Cypher", "Cypher libre"),
    "queries.choose": ("Query", "Requête"),
    "queries.run": ("Run", "Exécuter"),
    "queries.params": ("Parameters", "Paramètres"),
    "queries.no_params": ("This query takes no parameters.", "Cette requête n'a pas de paramètre."),
    "queries.rows": ("{n} row(s) in {seconds:.2f} s.", "{n} ligne(s) en {seconds:.2f} s."),
    "queries.truncated": (
        "Only the first {n} rows are shown: the row cap was reached (EXPLORER_ROW_CAP).",
        (
            "Seules les {n} premières lignes sont affichées : le plafond de lignes est atteint "
            "(EXPLORER_ROW_CAP)."
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

MESSAGES: Mapping[str, tuple[str, str]] = MappingProxyType(_MESSAGES)


def parse_lang(value: Any) -> Lang:
    """``"fr"`` for French (``fr``, ``fr-FR``, ``français``), else ``"en"``."""
    text = model.fold(str(value or ""))
    return "fr" if text.startswith(("fr", "francais")) else "en"


def t(key: str, lang: Lang = "en", **values: Any) -> str:
    """The message ``key`` in ``lang``, with ``values`` filled in."""
    en, fr = _MESSAGES[key]
    text = fr if lang == "fr" else en
    return text.format(**values) if values else text.replace("{{", "{").replace("}}", "}")


def fields_of(text: str) -> set[str]:
    """The ``{names}`` a message expects (for checking that both languages agree)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def kind_name(kind: str, lang: Lang = "en") -> str:
    found = model.KINDS.get(kind)
    return found.name(lang) if found else kind


def type_phrase(rel_type: str, lang: Lang = "en") -> str:
    found = model.REL_TYPES.get(rel_type)
    return found.phrase(lang) if found else rel_type.replace("_", " ").lower()


def status_name(status: str | None, lang: Lang = "en") -> str:
    status = status or model.DEFAULT_STATUS
    names = model.STATUS_NAMES.get(status)
    return names[lang] if names else status


def evidence_name(evidence: str | None, lang: Lang = "en") -> str:
    evidence = evidence or model.DEFAULT_EVIDENCE
    names = model.EVIDENCE_NAMES.get(evidence)
    return names[lang] if names else evidence


def localized(properties: Mapping[str, Any], key: str, lang: Lang = "en") -> Any:
    """``properties[key]``, or its French version ``key_fr`` when ``lang`` is French and there is one."""
    if lang == "fr" and properties.get(f"{key}_fr") not in (None, ""):
        return properties[f"{key}_fr"]
    return properties.get(key)


def problem_key(error: ExplorerError) -> str:
    """Which banner fits ``error``: unreachable, auth, timeout, refused, unknown_entity or input."""
    if isinstance(error, QueryTimeout):
        return "timeout"
    if isinstance(error, QueryRefused):
        # Some servers answer a wrong password as a refusal of the query, not of the login.
        return "auth" if "authentication failure" in error.message else "refused"
    if isinstance(error, UnknownEntity | AmbiguousEntity):
        return "unknown_entity"
    if isinstance(error, DatabaseUnavailable):
        return "auth" if "credentials" in error.message else "unreachable"
    return "input"
