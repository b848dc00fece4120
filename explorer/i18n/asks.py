"""Messages of the introduction workflow (asks, their outcomes, willingness): the history's
sentences, the command line's lines and the Asks page, English then French."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the history's records in words
    "action.ask": ("ask logged", "demande enregistrée"),
    "action.close_ask": ("ask closed", "demande close"),
    "action.willingness": ("willingness marked", "ouverture notée"),
    "describe.say.ask": (
        "Logged ask #{n}: {asker} asks {introducer} for an introduction to {target}{through}; follow up by "
        "{day}.",
        "Demande n° {n} enregistrée : {asker} demande à {introducer} une mise en relation avec "
        "{target}{through} ; relance le {day}.",
    ),
    "describe.say.ask_direct": (
        "Logged ask #{n}: {asker} contacts {target} directly{through}; follow up by {day}.",
        "Demande n° {n} enregistrée : {asker} contacte directement {target}{through} ; relance le {day}.",
    ),
    "describe.say.ask_through": (", through {through}", ", par {through}"),
    "describe.say.close_ask": (
        "Closed ask #{n} ({asker} → {target}): {outcome}.",
        "Demande n° {n} close ({asker} → {target}) : {outcome}.",
    ),
    "describe.say.close_ask_proposed": (
        "; a contact between them proposed for review (proposal #{p}).",
        " ; un contact entre eux proposé à la relecture (proposition n° {p}).",
    ),
    "describe.say.willingness": (
        "Marked {entity} as {level} to make introductions.",
        "{entity} noté {level} pour faire des introductions.",
    ),
    "describe.say.willingness_was": (" (was {level}).", " (auparavant {level})."),
    # -- outcomes and willingness in words
    "outcome.introduced": ("introduced", "mise en relation faite"),
    "outcome.met": ("met", "rencontre faite"),
    "outcome.declined": ("declined", "refusée"),
    "outcome.no-answer": ("no answer", "sans réponse"),
    "outcome.withdrawn": ("withdrawn", "abandonnée"),
    "willingness.open": ("open", "ouvert"),
    "willingness.reluctant": ("reluctant", "réticent"),
    "willingness.unknown": ("unknown", "inconnu"),
    # -- an ask in one line (the command line, the page)
    "ask.advice.ask": ("ask {introducer}", "demander à {introducer}"),
    "ask.advice.direct": ("contact directly", "contact direct"),
    "ask.advice.through": (", through {through}", ", par {through}"),
    "ask.line.open": (
        "Ask #{n} ({who}, {at}): {asker} → {target}, {advice}. Follow up by {day}{due}.",
        "Demande n° {n} ({who}, {at}) : {asker} → {target}, {advice}. Relance le {day}{due}.",
    ),
    "ask.due_mark": (" — due", " — à relancer"),
    "ask.line.closed": (
        "Ask #{n} ({who}, {at}): {asker} → {target}, {advice}. Closed on {closed}: {outcome}.",
        "Demande n° {n} ({who}, {at}) : {asker} → {target}, {advice}. Close le {closed} : {outcome}.",
    ),
    "ask.line.proposed": (
        "; contact proposed for review as proposal #{p}.",
        " ; contact proposé à la relecture (proposition n° {p}).",
    ),
    "ask.line.note": ("Note: {note}", "Note : {note}"),
    "ask.col.id": ("ask", "demande"),
    "ask.col.state": ("state", "état"),
    "ask.col.from": ("from", "de"),
    "ask.col.to": ("to", "vers"),
    "ask.col.introducer": ("introducer", "intermédiaire"),
    "ask.col.through": ("through", "par"),
    "ask.col.follow_up": ("follow up", "relance"),
    "ask.col.outcome": ("outcome", "issue"),
    "ask.col.who": ("by", "par qui"),
    "ask.col.at": ("on", "le"),
    "ask.state.open": ("open", "ouverte"),
    "ask.state.due": ("due", "à relancer"),
    "ask.state.closed": ("closed", "close"),
    # -- the Asks page
    "page.asks": ("Asks", "Demandes"),
    "asks.title": ("Asks for introductions", "Demandes d'introduction"),
    "asks.intro": (
        "Every ask for an introduction, from a path or by hand: follow-ups due first, then the open "
        "ones, then what came of the others. Closing an ask with its outcome teaches the rankings; "
        "an introduction or a meeting proposes a new contact for review.",
        "Chaque demande d'introduction, faite depuis un chemin ou à la main : les relances dues "
        "d'abord, puis les demandes ouvertes, puis l'issue des autres. Clore une demande avec son "
        "issue instruit les classements ; une mise en relation ou une rencontre propose un nouveau "
        "contact à la relecture.",
    ),
    "asks.show": ("Show", "Afficher"),
    "asks.show.open": ("Open", "Ouvertes"),
    "asks.show.due": ("Follow-ups due", "Relances dues"),
    "asks.show.all": ("All", "Toutes"),
    "asks.about": ("About an entity", "Au sujet d'une entité"),
    "asks.about.clear": ("All entities", "Toutes les entités"),
    "asks.counts": (
        "{open} open, {due} due for a follow-up, {closed} closed.",
        "{open} ouvertes, {due} à relancer, {closed} closes.",
    ),
    "asks.none": (
        "No ask here yet. On the paths page, “Log this ask” on a path records one.",
        "Aucune demande ici pour l'instant. Sur la page des chemins, « Enregistrer cette demande » "
        "sur un chemin en crée une.",
    ),
    "asks.due_heading": ("Follow-ups due", "Relances dues"),
    "asks.open_heading": ("Open asks", "Demandes ouvertes"),
    "asks.closed_heading": ("Closed asks", "Demandes closes"),
    "asks.card": ("Ask #{n}", "Demande n° {n}"),
    "asks.linked": ("linked", "lien suivi"),
    "asks.outcome": ("Outcome", "Issue"),
    "asks.note": ("Note (optional)", "Note (facultative)"),
    "asks.close": ("Close the ask", "Clore la demande"),
    "asks.closed": ("Ask #{n} closed: {outcome}.", "Demande n° {n} close : {outcome}."),
    "asks.closed_proposed": (
        "Ask #{n} closed: {outcome}. A contact between {a} and {b} waits in the review queue "
        "(proposal #{p}).",
        "Demande n° {n} close : {outcome}. Un contact entre {a} et {b} attend dans la file de relecture "
        "(proposition n° {p}).",
    ),
    "asks.open_paths": ("Open the paths", "Voir les chemins"),
    "asks.sign_in": (
        "Sign in to log and close asks.",
        "Connectez-vous pour enregistrer et clore des demandes.",
    ),
    "asks.willingness": ("Introducers' willingness", "Ouverture des intermédiaires"),
    "asks.willingness.intro": (
        "How willing each introducer is to make introductions: an open one ranks their paths higher, "
        "a reluctant one lower (the weights file's [learning]).",
        "Dans quelle mesure chaque intermédiaire accepte de faire des introductions : un intermédiaire "
        "ouvert fait monter ses chemins, un réticent les fait descendre (section [learning] du fichier "
        "des poids).",
    ),
    "asks.willingness.who": ("Introducer", "Intermédiaire"),
    "asks.willingness.level": ("Willingness", "Ouverture"),
    "asks.willingness.reason": ("Why (who said so, when)", "Pourquoi (qui l'a dit, quand)"),
    "asks.willingness.save": ("Mark", "Noter"),
    "asks.willingness.saved": ("{who}: {level}.", "{who} : {level}."),
    "asks.willingness.none": ("No willingness marked yet.", "Aucune ouverture notée pour l'instant."),
    "asks.willingness.editor": (
        "Marking willingness needs the editor role.",
        "Noter l'ouverture demande le rôle d'éditeur.",
    ),
    "asks.willingness.line": (
        "**{who}** — {level}{reason} ({by}, {at})",
        "**{who}** — {level}{reason} ({by}, {at})",
    ),
    # -- a path turned into an ask (the paths page)
    "paths.ask": ("Log this ask", "Enregistrer cette demande"),
    "paths.ask.help": (
        "Record that you asked for this introduction (follow-up in {days} days); close it on the Asks page.",
        "Noter que vous avez demandé cette introduction (relance dans {days} jours) ; vous la clorez sur "
        "la page des demandes.",
    ),
    "paths.asked": (
        "Ask #{n} logged: follow it up by {day} on the [Asks page](/asks?ask={n}).",
        "Demande n° {n} enregistrée : relance le {day} sur la [page des demandes](/asks?ask={n}).",
    ),
    "paths.team": ("Ask as our team ({name})", "Demander au nom de notre équipe ({name})"),
    "paths.team.help": (
        "The team named in EXPLORER_TEAM: its people are never proposed as introducers.",
        "L'équipe nommée dans EXPLORER_TEAM : ses membres ne sont jamais proposés comme intermédiaires.",
    ),
    "paths.team_chosen": ("**Our team** — {names}", "**Notre équipe** — {names}"),
    "paths.evidence": ("Evidence of each hop", "Preuves de chaque saut"),
}
