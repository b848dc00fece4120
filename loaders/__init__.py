"""Loaders: read YAML and CSV files, validate them all, then write them in one transaction."""

from explorer.loaders.load import LoadSummary, load

__all__ = ["LoadSummary", "load"]
