"""Curation: the graph's write path for people (add, edit, confirm, retire, merge, undo), signed,
reasoned and recorded in an append-only history, with a review queue for suggestions.

Modules: ``actors`` (who, roles, the roles file), ``records`` (fact states and change records),
``store`` (the fixed write statements), ``facts`` (the changes), ``history`` (reading and
checking the record), ``review`` (the queue). Faces import the module they need.
"""
