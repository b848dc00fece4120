"""Reading press articles offline into proposed facts, for people to review.

Modules: ``text`` (the article's text, checked, in numbered paragraphs), ``language``,
``cues`` (the cue files of ``cues/``, data per language), ``nlp`` (the language models,
loaded once per process), ``gazetteer`` (the names already known), ``mentions`` (names in
sentences), ``entities`` (linked or new), ``relations`` (the ties sentences state),
``reader`` (all of it, nothing written) and ``proposals`` (into the review queue).
"""
