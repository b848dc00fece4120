"""The packages, found rather than listed: every folder of ``explorer/``, and the project's
top-level folders that install inside it (``[tool.setuptools.package-dir]`` in pyproject.toml:
``loaders/`` as ``explorer.loaders``...), which setuptools' own discovery cannot name.
Everything else about the build is in pyproject.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

from setuptools import find_namespace_packages, setup

HERE = Path(__file__).resolve().parent


def packages() -> list[str]:
    """``explorer`` and its folders (page scripts and data folders are namespace packages), then
    each mapped folder under its name inside ``explorer`` (caches left out)."""
    config = tomllib.loads((HERE / "pyproject.toml").read_text(encoding="utf-8"))
    inside: dict[str, str] = config["tool"]["setuptools"]["package-dir"]
    skip = ["*__pycache__*"]
    found = find_namespace_packages(where=str(HERE), include=["explorer", "explorer.*"], exclude=skip)
    for name, folder in inside.items():
        below = find_namespace_packages(where=str(HERE / folder), exclude=skip)
        found += [name, *(f"{name}.{sub}" for sub in below)]
    return sorted(found)


setup(packages=packages())
