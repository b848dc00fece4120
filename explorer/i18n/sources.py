"""Messages of the sources page and of each fact's card in an entity's details, English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    "page.sources": ("Sources", "Sources"),
    "sources.title": ("Sources", "Sources"),
    "sources.help": (
        "Where the facts of the map come from: each source, and every fact that cites it.",
        "D'où viennent les faits de la carte : chaque source, et tous les faits qui la citent.",
    ),
    "sources.none": ("No source is recorded yet.", "Aucune source n'est encore enregistrée."),
    "sources.count": ("{sources}.", "{sources}."),
    "sources.list_capped": (
        "Only the first {n} sources (by title) are listed.",
        "Seules les {n} premières sources (par titre) sont listées.",
    ),
    "sources.facts_n": ("{facts}", "{facts}"),
    "sources.all": ("All sources", "Toutes les sources"),
    "sources.field": ("**{name}:** {value}", "**{name} :** {value}"),
    "sources.publisher": ("Publisher", "Éditeur"),
    "sources.date": ("Date", "Date"),
    "sources.language": ("Language", "Langue"),
    "sources.url": ("Address", "Adresse"),
    "sources.file": ("File", "Fichier"),
    "sources.id": ("Id", "Identifiant"),
    "sources.unknown_value": ("not known", "inconnu"),
    # French agrees with the field: la date, la langue
    "sources.unknown_feminine": ("not known", "inconnue"),
    "sources.open_url": ("Open the original", "Ouvrir l'original"),
    "sources.no_url": (
        "No web address is recorded for this source.",
        "Aucune adresse web n'est enregistrée pour cette source.",
    ),
    "sources.facts": ("Facts it supports", "Faits qu'elle appuie"),
    "sources.facts_count": (
        "{facts} this source, about {entities} (each fact under the entity it starts from).",
        "{facts} cette source, sur {entities} (chaque fait sous l'entité d'où il part).",
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
        "{entities} from this source.",
        "{entities} d'après cette source.",
    ),
    "sources.cited_paragraph": ("Paragraph {n}, cited", "Paragraphe {n}, cité"),
    "sources.no_text": (
        "The fact cites paragraph {n}; the text of this source is not stored (attach it below, or with "
        "`explorer source attach`).",
        "Le fait cite le paragraphe {n} ; le texte de cette source n'est pas enregistré (joignez-le "
        "ci-dessous, ou avec `explorer source attach`).",
    ),
    "sources.bad_paragraph": (
        "This link cites paragraph “{given}”, which this source does not have ({paragraphs}): left out.",
        "Ce lien cite le paragraphe « {given} », que cette source n'a pas ({paragraphs}) : ignoré.",
    ),
    "sources.attach": ("Attach the text of this source", "Joindre le texte de cette source"),
    "sources.attach_again": (
        "Text attached ({paragraphs}): replace it",
        "Texte joint ({paragraphs}) : le remplacer",
    ),
    "sources.attach_help": (
        "Your own copy of the source, as UTF-8 text, paragraphs separated by a blank line. It is stored with "
        "the source in numbered paragraphs: the paragraph a fact cites then shows here, and fact cards quote "
        "their sentence from it.",
        "Votre propre copie de la source, en texte UTF-8, les paragraphes séparés par une ligne vide. Il est "
        "enregistré avec la source en paragraphes numérotés : le paragraphe cité par un fait s'affiche alors "
        "ici, et les fiches des faits en citent la phrase.",
    ),
    "sources.attach_file": ("Text file (.txt, .md)", "Fichier texte (.txt, .md)"),
    "sources.attach_button": ("Attach this text", "Joindre ce texte"),
    "sources.attach_not_utf8": (
        "This file is not UTF-8 text: save it as plain UTF-8 text first.",
        "Ce fichier n'est pas du texte UTF-8 : enregistrez-le d'abord en texte brut UTF-8.",
    ),
    "sources.attached": (
        "Text attached: {paragraphs} (change #{n}).",
        "Texte joint : {paragraphs} (modification n° {n}).",
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
