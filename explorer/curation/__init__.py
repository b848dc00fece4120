"""Curation: the graph's write path for people (add, edit, confirm, retire, merge, undo), signed,
reasoned and recorded in an append-only history, with a review queue for suggestions.

Modules: ``actors`` (who, roles, the roles file), ``records`` (fact states and change records),
``store`` (the fixed write statements), ``checks`` and ``citations`` (what every change
checks, and the sources it cites), ``additions``, ``edits``, ``retirements`` and ``undo`` (the
changes), ``history`` (reading and checking the record), ``batches`` and ``decisions`` (the
review queue's records, and what reviewers decide). Faces import ``facts`` (the changes) and
``review`` (the queue), which gather them.
"""
