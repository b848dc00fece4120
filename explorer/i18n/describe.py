"""Messages that say changes and change requests in words (the history, the review queue, the CLI),
English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- changes in words (explorer.curation.describe): the history, the review queue, the CLI
    "describe.fact.added": ("added: {fact}", "ajouté : {fact}"),
    "describe.fact.retired": ("retired: {fact}", "retiré : {fact}"),
    "describe.fact.restored": ("brought back: {fact}", "rétabli : {fact}"),
    "describe.fact.removed": ("taken out: {fact}", "enlevé : {fact}"),
    "describe.fact.changed": ("changed: {fact}", "modifié : {fact}"),
    "describe.more": (" and {n} more", " et {n} de plus"),
    "describe.titled": (" (“{title}”)", " (« {title} »)"),
    "describe.nothing_new": (
        "nothing new (the map held it already)",
        "rien de nouveau (la carte l'avait déjà)",
    ),
    "describe.yes": ("yes", "oui"),
    "describe.no": ("no", "non"),
    "describe.say.add": ("Added {facts}.", "Ajout : {facts}."),
    "describe.say.edit": ("Changed {facts}.", "Modification : {facts}."),
    "describe.say.confirm": (
        "Confirmed {facts} (inferred → stated).",
        "Confirmation : {facts} (déduit → affirmé).",
    ),
    "describe.say.retire": ("Retired {facts}.", "Retrait : {facts}."),
    "describe.say.retire_entity": ("Retired {entity} and its {links}.", "Retrait : {entity} et ses {links}."),
    "describe.say.merge": (
        "Merged {dup} into {keep}: {moved}, its names kept as aliases.",
        "Fusion de {dup} dans {keep} : {moved}, ses noms gardés comme alias.",
    ),
    "describe.say.undo": ("Undid change #{n}: {facts}.", "Annulation de la modification n° {n} : {facts}."),
    "describe.say.undo_load": (
        "Undid load #{n}: {removed}, {restored} as they were.",
        "Annulation du chargement n° {n} : {removed}, {restored} comme avant.",
    ),
    "describe.say.accept": (
        "Accepted {items} of proposal #{n}{title}: {facts}.",
        "Acceptation de {items} de la proposition n° {n}{title} : {facts}.",
    ),
    "describe.say.reject": (
        "Rejected {items} of proposal #{n}{title}: {what}.",
        "Rejet de {items} de la proposition n° {n}{title} : {what}.",
    ),
    "describe.say.propose": (
        "Proposed {items} for review{title}.",
        "Proposition de {items} à relire{title}.",
    ),
    "describe.say.suggest": ("Suggested for review: {what}.", "Suggestion à relire : {what}."),
    "describe.say.load": (
        "Loaded {files}: {rows}; {added}, {updated}; {links}, {links_updated}.",
        "Chargement de {files} : {rows} ; {added}, {updated} ; {links}, {links_updated}.",
    ),
    "describe.say.other": ("{action}: {facts}.", "{action} : {facts}."),
    "describe.ask.add": ("Add {fact}", "Ajouter {fact}"),
    "describe.ask.add_tie": ("Add: {fact}", "Ajouter : {fact}"),
    "describe.ask.edit": ("Change {fact}: {diffs}", "Modifier {fact} : {diffs}"),
    "describe.ask.confirm": ("Confirm {fact} (inferred → stated)", "Confirmer {fact} (déduit → affirmé)"),
    "describe.ask.retire": ("Retire {fact}", "Retirer {fact}"),
    "describe.ask.retire_entity": ("Retire {fact} and all its links", "Retirer {fact} et tous ses liens"),
    "describe.ask.merge": ("Merge {dup} into {keep}", "Fusionner {dup} dans {keep}"),
    "describe.ask.type": ("relationship: {a} → {b}", "relation : {a} → {b}"),
    "describe.ask.reverse": ("turned the other way round", "sens inversé"),
    # -- counted nouns: singular|plural
    "count.link": ("link|links", "lien|liens"),
    "count.entity": ("entity|entities", "entité|entités"),
    "count.fact": ("fact|facts", "fait|faits"),
    "count.row": ("row|rows", "ligne|lignes"),
    "count.item": ("item|items", "élément|éléments"),
    "count.proposal_item": (
        "proposed change|proposed changes",
        "modification proposée|modifications proposées",
    ),
    "count.change": ("change|changes", "modification|modifications"),
    "count.fact_removed": ("fact taken out|facts taken out", "fait enlevé|faits enlevés"),
    "count.fact_restored": ("fact brought back|facts brought back", "fait rétabli|faits rétablis"),
    "count.link_moved": ("link moved|links moved", "lien déplacé|liens déplacés"),
    "count.node_added": (
        "entity or source added|entities and sources added",
        "entité ou source ajoutée|entités et sources ajoutées",
    ),
    "count.node_updated": ("updated|updated", "mise à jour|mises à jour"),
    "count.link_added": ("link added|links added", "lien ajouté|liens ajoutés"),
    "count.link_updated": ("updated|updated", "mis à jour|mis à jour"),
}
