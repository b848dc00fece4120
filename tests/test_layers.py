"""The house's layers, read from the code: folders for the layers, no circle between packages, no
arrow back up, the managed local database known to the faces only, settings that read the
environment and nothing else."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The packages of the library, from the bottom up: each may import those before it, never after.
LAYERS = [
    ("explorer.model", "explorer.countries", "explorer.defaults", "explorer.errors", "explorer.escaping"),
    ("explorer.config", "explorer.formatting", "explorer.i18n", "explorer.wording", "explorer.resources"),
    ("explorer.database",),
    ("explorer.loaders", "explorer.search", "explorer.resolve", "explorer.queries"),
    ("explorer.curation", "explorer.drawing", "explorer.views", "explorer.introductions"),
    ("explorer.ingest",),
    ("explorer.localdb",),
    ("explorer.cli", "explorer.app"),
]
FACES = ("explorer.cli", "explorer.app", "explorer.localdb")


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[0] == "loaders":
        parts = ("explorer", *parts)
    return ".".join(parts).removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    name = _module(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            if node.level:
                base = ".".join([*name.split(".")[: -node.level], node.module])
            found |= {base} | {f"{base}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {i for i in found if i.startswith("explorer")}


def _layer(module: str) -> int | None:
    for n, layer in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in layer):
            return n
    return None


SOURCES = [p for folder in ("explorer", "loaders") for p in (ROOT / folder).rglob("*.py")]


def test_the_top_of_the_library_holds_about_a_dozen_modules() -> None:
    top = sorted(
        p.name for p in (ROOT / "explorer").glob("*.py") if p.name not in ("__init__.py", "__main__.py")
    )
    assert len(top) <= 13, top


def test_no_package_imports_one_of_a_layer_above() -> None:
    wrong = []
    for path in SOURCES:
        here = _layer(_module(path))
        for imported in _imports(path):
            there = _layer(imported)
            if here is not None and there is not None and there > here:
                wrong.append(f"{_module(path)} imports {imported}")
    assert wrong == []


def test_the_local_database_is_known_to_the_faces_only() -> None:
    wrong = [
        f"{_module(p)} imports {i}"
        for p in SOURCES
        for i in _imports(p)
        if i.startswith("explorer.localdb") and not _module(p).startswith(FACES)
    ]
    assert wrong == []


def test_settings_read_the_environment_only() -> None:
    code = (
        "import sys; from explorer.config import load_settings; "
        "load_settings({'EXPLORER_HOME': '/nonexistent'}); "
        "print(sorted(m for m in sys.modules if m.startswith(('explorer.localdb', 'explorer.database'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


#: The library's packages (``explorer.loaders`` is the folder ``loaders/``).
PACKAGES = {f"explorer.{p.name}" for p in (ROOT / "explorer").iterdir() if (p / "__init__.py").is_file()}
PACKAGES.add("explorer.loaders")


def _package(module: str) -> str | None:
    """The package a module belongs to (``None``: a module at the top of the library)."""
    top = ".".join(module.split(".")[:2])
    return top if top in PACKAGES else None


def test_no_circle_between_packages() -> None:
    graph: dict[str, set[str]] = {}
    for path in SOURCES:
        here = _package(_module(path))
        for imported in _imports(path):
            there = _package(imported)
            if here is not None and there is not None and there != here:
                graph.setdefault(here, set()).add(there)
    circles = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circles.append(" -> ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert circles == []
