"""Introduction paths and brokers: who can introduce whom, ranked by tie strength and explained.

``paths`` finds the k best paths, ``brokers`` who bridges two groups; both read the graph
through ``reads`` (Neo4j) into the ``frontiers`` of a search (any ``sources`` of ties), rank
with ``kpaths`` under the ``weights`` of ties, answer with the records of ``answers``, and
``explain`` says it all in English or French.
"""
