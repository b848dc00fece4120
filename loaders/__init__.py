"""Loaders: read YAML and CSV files, validate them all, then write them in one transaction."""

from loaders.load import LoadSummary, load

__all__ = ["LoadSummary", "load"]
