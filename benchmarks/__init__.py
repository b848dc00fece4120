"""Benchmarks: `make bench` (see `benchmarks/common.py` for the protocol)."""
