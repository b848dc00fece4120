"""Messages of the sources page and of each fact's card in an entity's details, English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    "page.sources": ("Sources", "Sources"),
    "sources.title": ("Sources", "Sources"),
    "sources.help": (
        "Where the facts of the map come from: each source, and every fact that cites it.",
        "D'où viennent les faits de la carte : chaque source, et tous les faits qui la citent.",
    ),
    "sources.none": ("No source is recorded yet.", "Aucune source n'est encore enregistrée."),
    "sources.count": ("{n} source(s).", "{n} source(s)."),
    "sources.list_capped": (
        "Only the first {n} sources (by title) are listed.",
        "Seules les {n} premières sources (par titre) sont listées.",
    ),
    "sources.facts_n": ("{n} fact(s)", "{n} fait(s)"),
    "sources.all": ("All sources", "Toutes les sources"),
    "sources.field": ("**{name}:** {value}", "**{name} :** {value}"),
    "sources.publisher": ("Publisher", "Éditeur"),
    "sources.date": ("Date", "Date"),
    "sources.language": ("Language", "Langue"),
    "sources.url": ("Address", "Adresse"),
    "sources.file": ("File", "Fichier"),
    "sources.id": ("Id", "Identifiant"),
    "sources.unknown_value": ("not known", "inconnu"),
    "sources.open_url": ("Open the original", "Ouvrir l'original"),
    "sources.no_url": (
        "No web address is recorded for this source.",
        "Aucune adresse web n'est enregistrée pour cette source.",
    ),
    "sources.facts": ("Facts it supports", "Faits qu'elle appuie"),
    "sources.facts_count": (
        "{total} fact(s) cite this source, about {entities} entit(y/ies) (each fact under the entity it "
        "starts from).",
        "{total} fait(s) citent cette source, sur {entities} entité(s) (chaque fait sous l'entité d'où il "
        "part).",
    ),
    "sources.capped": (
        "Showing the first {shown} of {total} facts.",
        "Affichage des {shown} premiers faits sur {total}.",
    ),
    "sources.no_facts": (
        "No fact in the graph cites this source.",
        "Aucun fait du graphe ne cite cette source.",
    ),
    "sources.open_entity": ("Open {name} in the network", "Ouvrir {name} dans le réseau"),
    "sources.more_groups": ("Show {n} more entities", "Afficher {n} entités de plus"),
    "sources.retired": ("Retired facts that cited it", "Faits retirés qui la citaient"),
    "sources.retired_at": ("retired {at}", "retiré le {at}"),
    "sources.recorded": ("Entities recorded from it", "Entités enregistrées d'après elle"),
    "sources.recorded_count": (
        "{total} entit(y/ies) recorded from this source.",
        "{total} entité(s) enregistrée(s) d'après cette source.",
    ),
    "sources.paragraph_text": ("Paragraph {n} of the article", "Paragraphe {n} de l'article"),
    "sources.unknown": ("No source has the id {given}.", "Aucune source n'a l'identifiant {given}."),
    "sources.closest": ("The closest sources:", "Les sources les plus proches :"),
    # one fact, as a card in an entity's details
    "fact.source": ("Source: {citation}", "Source : {citation}"),
    "fact.open_source": ("Open the source", "Ouvrir la source"),
    "fact.no_source": ("No source recorded", "Aucune source enregistrée"),
    "fact.paragraph": ("paragraph {n}", "paragraphe {n}"),
    "fact.page": ("page {n}", "page {n}"),
    "fact.on_behalf_of": ("on behalf of {name}", "au nom de {name}"),
    "fact.quote": ("Sentence: “{quote}”", "Phrase : « {quote} »"),
    "fact.more": ("Show all {n} links", "Afficher les {n} liens"),
}
