"""Cluster Atlas: a relationship explorer for life-science clusters, on Neo4j."""

__version__ = "0.1.0"
