"""Messages of sign-in and of changing facts from an entity's panel, English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- who is reading
    "auth.local": (
        "Changes are signed **{name}** (this machine's user, admin).",
        "Les modifications sont signées **{name}** (utilisateur de cette machine, administrateur).",
    ),
    "auth.read_only": (
        "Read only: start the explorer with `explorer serve` to change facts.",
        "Lecture seule : lancez l'explorateur avec `explorer serve` pour modifier les faits.",
    ),
    "auth.needed": (
        "Sign in to open Cluster Atlas.",
        "Connectez-vous pour ouvrir Cluster Atlas.",
    ),
    "auth.sign_in": ("Sign in", "Se connecter"),
    "auth.sign_out": ("Sign out", "Se déconnecter"),
    "auth.signed_in": ("Signed in as **{name}** ({role}).", "Connecté en tant que **{name}** ({role})."),
    "auth.refused": (
        "{name} may not open Cluster Atlas: ask an administrator to add you to the roles file.",
        "{name} n'a pas accès à Cluster Atlas : demandez à un administrateur de vous ajouter "
        "au fichier des rôles.",
    ),
    "role.reader": ("reader", "lecteur"),
    "role.editor": ("editor", "éditeur"),
    "role.admin": ("admin", "administrateur"),
    "error.change": ("The change was refused.", "La modification a été refusée."),
    # -- kinds of change
    "action.add": ("added", "ajout"),
    "action.edit": ("edited", "modification"),
    "action.confirm": ("confirmed", "confirmation"),
    "action.retire": ("retired", "retrait"),
    "action.merge": ("merged", "fusion"),
    "action.undo": ("undone", "annulation"),
    "action.accept": ("accepted", "acceptation"),
    "action.reject": ("rejected", "rejet"),
    "action.propose": ("proposed", "proposition"),
    "action.load": ("loaded", "chargement"),
    "action.attach": ("text attached", "texte joint"),
    # -- the panel
    "edit.history": ("History of this entity", "Historique de cette entité"),
    "edit.no_history": ("No change recorded yet.", "Aucune modification enregistrée."),
    "edit.all_history": ("All its changes", "Toutes ses modifications"),
    "edit.title": ("Change these facts", "Modifier ces faits"),
    "edit.suggest_title": ("Suggest a correction", "Proposer une correction"),
    "edit.suggest_help": (
        "An editor will review your suggestion before it changes the map.",
        "Un éditeur examinera votre proposition avant qu'elle ne modifie la carte.",
    ),
    "edit.tab.entity": ("Entity", "Entité"),
    "edit.tab.tie": ("A link", "Un lien"),
    "edit.tab.retire": ("Retire", "Retirer"),
    "edit.tab.merge": ("Merge a duplicate", "Fusionner un doublon"),
    "edit.field.name": ("Name", "Nom"),
    "edit.field.name_fr": ("Name in French", "Nom en français"),
    "edit.field.country": ("Country (code or name)", "Pays (code ou nom)"),
    "edit.field.description": ("Description", "Description"),
    "edit.field.description_fr": ("Description in French", "Description en français"),
    "edit.city": ("City", "Ville"),
    "edit.aliases": ("Other names (separated by ;)", "Autres noms (séparés par ;)"),
    "edit.reason": (
        "Why (required to edit, retire or merge)",
        "Pourquoi (obligatoire pour modifier, retirer ou fusionner)",
    ),
    "edit.reason_optional": ("Why (optional)", "Pourquoi (facultatif)"),
    "edit.save": ("Save", "Enregistrer"),
    "edit.suggest": ("Suggest", "Proposer"),
    "edit.saved": ("Saved as change #{n}.", "Enregistré : modification n° {n}."),
    "edit.saved_what": ("Saved as change #{n}: {what}", "Enregistré : modification n° {n}. {what}"),
    "edit.nothing_changed": (
        "Nothing to save: no value differs from the map's.",
        "Rien à enregistrer : aucune valeur ne diffère de celles de la carte.",
    ),
    "edit.suggested": (
        "Sent to the review queue as proposal #{n}.",
        "Envoyé à la file de relecture : proposition n° {n}.",
    ),
    "edit.conflict": (
        "{fact} was changed by {who} at {at} since you opened it: nothing was saved. Both versions:",
        "{fact} a été modifié par {who} le {at} depuis que vous l'avez ouvert : rien n'a été enregistré. "
        "Les deux versions :",
    ),
    "edit.yours": ("Yours", "La vôtre"),
    "edit.theirs": ("Now in the map", "Celle de la carte"),
    "edit.reload": ("Start again from the latest version", "Repartir de la dernière version"),
    "edit.type": ("Relationship", "Relation"),
    "edit.type_pick": ("Choose a relationship", "Choisissez une relation"),
    "edit.from": ("From (name)", "De (nom)"),
    "edit.to": ("To (name)", "Vers (nom)"),
    "edit.link_needs": (
        "Say which two entities the link joins, and which relationship it is.",
        "Indiquez les deux entités que le lien relie, et de quelle relation il s'agit.",
    ),
    "edit.until": ("Until", "Jusqu'à"),
    "edit.source": ("Source", "Source"),
    "edit.source_pick": ("Type to find a source by its title", "Tapez pour trouver une source par son titre"),
    "edit.source_help": (
        "A source of the map, found by its title; or “a new source”, described below.",
        "Une source de la carte, trouvée par son titre ; ou « une nouvelle source », décrite dessous.",
    ),
    "edit.source_new": ("A new source…", "Une nouvelle source…"),
    "edit.source_new_help": (
        "A new source (when none of the map's fits): its title, publisher, date and address.",
        "Une nouvelle source (si aucune de la carte ne convient) : titre, éditeur, date et adresse.",
    ),
    "edit.source_title": ("New source: title", "Nouvelle source : titre"),
    "edit.publisher": ("Publisher", "Éditeur"),
    "edit.date": ("Date", "Date"),
    "edit.url": ("Address (URL)", "Adresse (URL)"),
    "edit.paragraph": ("Paragraph", "Paragraphe"),
    "edit.quote": ("The sentence that states it", "La phrase qui l'affirme"),
    "edit.which_tie": ("Which link", "Quel lien"),
    "edit.reverse": ("Turn it the other way round", "Inverser le sens"),
    "edit.confirm": ("Confirm (inferred → stated)", "Confirmer (déduit → affirmé)"),
    "edit.retire_help": (
        "A retired fact stays in the history and leaves every view; an entity leaves with its links.",
        "Un fait retiré reste dans l'historique et disparaît de toutes les vues ; "
        "une entité part avec ses liens.",
    ),
    "edit.what": ("What", "Quoi"),
    "edit.what_pick": ("Choose a link, or the entity itself", "Choisissez un lien, ou l'entité elle-même"),
    "edit.what_needed": ("Choose what to retire first.", "Choisissez d'abord ce qu'il faut retirer."),
    "edit.this_entity": (
        "The whole entity {name}, with its {links}",
        "L'entité {name} tout entière, avec ses {links}",
    ),
    "edit.retire": ("Retire", "Retirer"),
    "edit.retire_confirm": (
        "This retires **{name}** and its {links}: they leave every view (the history keeps them, "
        "and the change can be undone).",
        "Cela retire **{name}** et ses {links} : ils disparaissent de toutes les vues (l'historique "
        "les garde, et la modification peut être annulée).",
    ),
    "edit.retire_yes": ("Yes, retire {name} and its {links}", "Oui, retirer {name} et ses {links}"),
    "edit.retire_yes_suggest": (
        "Yes, suggest retiring {name} and its {links}",
        "Oui, proposer de retirer {name} et ses {links}",
    ),
    "edit.cancel": ("Cancel", "Annuler"),
    "edit.merge_help": (
        "Merge a duplicate into {name}: its links move here, its names become aliases.",
        "Fusionner un doublon dans {name} : ses liens viennent ici, ses noms deviennent des alias.",
    ),
    "edit.duplicate": ("The duplicate (id or name)", "Le doublon (identifiant ou nom)"),
    "edit.merge": ("Merge", "Fusionner"),
    "edit.merge_itself": (
        "An entity cannot be merged into itself.",
        "Une entité ne peut pas être fusionnée avec elle-même.",
    ),
    "edit.merge_confirm": (
        "This merges **{dup}** into **{keep}**: its {links} move to {keep}, its names become aliases "
        "of {keep}, and {dup} is retired (the change can be undone).",
        "Cela fusionne **{dup}** dans **{keep}** : ses {links} passent à {keep}, ses noms deviennent "
        "des alias de {keep}, et {dup} est retiré (la modification peut être annulée).",
    ),
    "edit.merge_yes": ("Yes, merge {dup} into {keep}", "Oui, fusionner {dup} dans {keep}"),
    "edit.merge_yes_suggest": (
        "Yes, suggest merging {dup} into {keep}",
        "Oui, proposer de fusionner {dup} dans {keep}",
    ),
    "edit.kind_pick": ("Choose a kind", "Choisissez un type"),
    "edit.entity_needs": ("Give the entity a name and a kind.", "Donnez un nom et un type à l'entité."),
    # -- adding, at the top of the network page and of an entity's panel
    "add.label": ("Add to the map", "Ajouter à la carte"),
    "add.entity": ("Add an entity", "Ajouter une entité"),
    "add.link": ("Add a link", "Ajouter un lien"),
    "add.link_here": ("Add a link", "Ajouter un lien"),
    # -- fields the forms share
    "form.none": ("none", "aucune"),
    "form.fact_date_hint": ("2015, 2015-03 or 2015-03-03", "2015, 2015-03 ou 2015-03-03"),
    "form.date_help": (
        "As precise as the source: a year, a month or a day (empty: none).",
        "Aussi précis que la source : une année, un mois ou un jour (vide : aucune).",
    ),
    "form.country_hint": ("FR, France, United States…", "FR, France, États-Unis…"),
    "form.date_hint": ("YYYY-MM-DD", "AAAA-MM-JJ"),
    "pick.which": ("Which one?", "Laquelle ?"),
    "pick.choose": ("Choose one", "Choisissez-en une"),
    "pick.other": ("Another entity of the map…", "Une autre entité de la carte…"),
    "pick.search": ("Another entity (name)", "Une autre entité (nom)"),
    # -- the review queue's count, in the sidebar
    "queue.waiting": ("{items} to review", "{items} à relire"),
    "queue.help": ("In {proposals} of the review queue.", "Dans {proposals} de la file de relecture."),
    "queue.empty": ("Nothing to review", "Rien à relire"),
    "edit.retired_title": ("Retired facts of this view", "Faits retirés de cette vue"),
    "edit.retired_none": ("No retired fact here.", "Aucun fait retiré ici."),
    "edit.retired_line": (
        "~~{fact}~~ · retired by {who} on {at} (change #{n})",
        "~~{fact}~~ · retiré par {who} le {at} (modification n° {n})",
    ),
}
