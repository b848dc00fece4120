"""Messages of the "Add an article" page, English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    "page.ingest": ("Add an article", "Ajouter un article"),
    "ingest.title": ("Add an article", "Ajouter un article"),
    "ingest.help": (
        "Paste a press article or upload it (text, Markdown or HTML), in English or French. The explorer "
        "reads it on this machine, links the names to the map and proposes the facts it states, each with "
        "its sentence. Nothing enters the map until an editor accepts it in the review queue.",
        "Collez un article de presse ou déposez-le (texte, Markdown ou HTML), en anglais ou en français. "
        "L'explorateur le lit sur cette machine, relie les noms à la carte et propose les faits qu'il "
        "énonce, chacun avec sa phrase. Rien n'entre dans la carte avant qu'un éditeur l'accepte dans la "
        "file de relecture.",
    ),
    "ingest.readers": (
        "Only editors propose facts from articles; you can read one to see what it states.",
        "Seuls les éditeurs proposent des faits tirés d'articles ; vous pouvez en lire un pour voir ce "
        "qu'il énonce.",
    ),
    "ingest.paste": ("The article's text", "Le texte de l'article"),
    "ingest.upload": ("Or its file", "Ou son fichier"),
    "ingest.upload.drop": (
        "Drag and drop the file here • at most {size:g} MB • {kinds}",
        "Glissez-déposez le fichier ici • {size:g} Mo au plus • {kinds}",
    ),
    "ingest.upload.kinds": ("text, Markdown or HTML", "texte, Markdown ou HTML"),
    "ingest.upload.browse": ("Browse files", "Parcourir"),
    "ingest.lang": ("Language", "Langue"),
    "ingest.lang.auto": ("Detect it", "La détecter"),
    "ingest.source": ("About the source (optional)", "À propos de la source (facultatif)"),
    "ingest.field.title": ("Title (the headline when empty)", "Titre (le chapeau s'il est vide)"),
    "ingest.field.publisher": ("Publisher", "Éditeur"),
    "ingest.field.date": ("Date", "Date"),
    "ingest.field.url": ("Address (URL)", "Adresse (URL)"),
    "ingest.read": ("Read the article", "Lire l'article"),
    "ingest.nothing": (
        "Paste the article or upload its file first.",
        "Collez d'abord l'article ou déposez son fichier.",
    ),
    "ingest.summary": (
        "“{title}”: {language}, {paragraphs} paragraphs, read in {seconds:.1f} s.",
        "« {title} » : {language}, {paragraphs} paragraphes, lu en {seconds:.1f} s.",
    ),
    "ingest.entities": ("Entities named ({n})", "Entités citées ({n})"),
    "ingest.ties": ("Facts stated ({n})", "Faits énoncés ({n})"),
    "ingest.no_ties": ("No relationship found in this article.", "Aucune relation trouvée dans cet article."),
    "ingest.col.mention": ("Named as", "Cité comme"),
    "ingest.col.map": ("On the map", "Sur la carte"),
    "ingest.col.paragraph": ("¶", "§"),
    "ingest.col.confidence": ("Confidence", "Confiance"),
    "ingest.col.sentence": ("Sentence", "Phrase"),
    "ingest.linked": ("{name} ({id})", "{name} ({id})"),
    "ingest.new": ("new: {kind}{country}", "nouvelle : {kind}{country}"),
    "ingest.choices": ("one of: {choices}?", "l'une de : {choices} ?"),
    "ingest.queue": ("Send {n} proposals to the review queue", "Envoyer {n} propositions en relecture"),
    "ingest.queued": (
        "Proposal #{n} is in the review queue: {entities} entities, {ties} new links, {edits} changes to "
        "links of the map. Nothing is on the map yet.",
        "La proposition n° {n} est en relecture : {entities} entités, {ties} nouveaux liens, {edits} "
        "modifications de liens de la carte. Rien n'est encore sur la carte.",
    ),
    "ingest.open_review": ("Open the review queue", "Ouvrir la file de relecture"),
    "ingest.known": (
        "Already on the map: {known} facts; proposed before from this article: {repeated}.",
        "Déjà sur la carte : {known} faits ; déjà proposés depuis cet article : {repeated}.",
    ),
    "ingest.sent_since": (
        "This article was sent to the review queue since it was read here: read it again to see what is "
        "still new.",
        "Cet article a été envoyé en relecture depuis sa lecture ici : relisez-le pour voir ce qui est "
        "encore nouveau.",
    ),
    "ingest.nothing_new": (
        "Nothing new to review: the map holds these facts, or they were proposed before.",
        "Rien de nouveau à relire : la carte contient déjà ces faits, ou ils ont déjà été proposés.",
    ),
    "ingest.phase.starting": (
        "Starting the reader (its language models load once)",
        "Démarrage du lecteur (ses modèles de langue se chargent une fois)",
    ),
    "ingest.phase.preparing": (
        "Preparing the reader (the language model, the map's names)",
        "Préparation du lecteur (le modèle de langue, les noms de la carte)",
    ),
    "ingest.phase.reading": ("Reading the article", "Lecture de l'article"),
    "ingest.progress": (
        "{phase}… {seconds:.0f} s (at most {limit:.0f} s)",
        "{phase}… {seconds:.0f} s ({limit:.0f} s au plus)",
    ),
    "ingest.stop": ("Stop reading", "Arrêter la lecture"),
    "ingest.stopped": (
        "The reading was stopped; nothing was queued.",
        "La lecture a été arrêtée ; rien n'a été envoyé en relecture.",
    ),
    "ingest.already": (
        "An article is being read already: wait for it, or stop it.",
        "Un article est déjà en cours de lecture : attendez-le, ou arrêtez-le.",
    ),
    "ingest.busy": (
        "The explorer is reading {n} articles already, the most it reads at once. Nothing was queued: "
        "try again in a minute.",
        "L'explorateur lit déjà {n} articles, le plus qu'il lise à la fois. Rien n'a été mis en attente : "
        "réessayez dans une minute.",
    ),
    "ingest.time_up": (
        "The article took longer than {seconds:.0f} s to read and was stopped; nothing was queued. "
        "Give a shorter article, or split it.",
        "La lecture de l'article a dépassé {seconds:.0f} s et a été arrêtée ; rien n'a été envoyé en "
        "relecture. Donnez un article plus court, ou coupez-le.",
    ),
    "ingest.start_up": (
        "The article reader took longer than {seconds:.0f} s to start and was stopped; nothing was "
        "queued. Try again in a minute.",
        "Le lecteur d'articles a mis plus de {seconds:.0f} s à démarrer et a été arrêté ; rien n'a été "
        "envoyé en relecture. Réessayez dans une minute.",
    ),
    "ingest.too_large": (
        "The file is too large: {size} bytes, at most {limit}. Give one article at a time.",
        "Le fichier est trop gros : {size} octets, {limit} au plus. Donnez un article à la fois.",
    ),
    "ingest.too_long": (
        "The article is too long: {size} characters once the markup is set aside, at most {limit}. "
        "Give one article at a time, or split it.",
        "L'article est trop long : {size} caractères une fois le balisage retiré, {limit} au plus. "
        "Donnez un article à la fois, ou coupez-le.",
    ),
    "ingest.lang.fr": ("French", "français"),
    "ingest.lang.en": ("English", "anglais"),
}
