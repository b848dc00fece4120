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


def _declared() -> dict[str, list[str]]:
    """Each module's ``__all__``, as written."""
    found = {}
    for path in SOURCES:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and any(
                getattr(t, "id", None) == "__all__" for t in node.targets
            ):
                found[_module(path)] = [e.value for e in node.value.elts if isinstance(e, ast.Constant)]  # type: ignore[attr-defined]
    return found


def test_every_all_is_true_and_lists_what_others_import() -> None:
    """``__all__`` names only what the module holds, and every public name another module (a test
    or a benchmark too) imports from it."""
    declared = _declared()
    undefined = []
    for module, names in declared.items():
        if module.endswith(("app.main",)) or ".app.views." in module:
            continue
        loaded = __import__(module, fromlist=["_"])
        undefined += [f"{module}.{n}" for n in names if not hasattr(loaded, n)]
    unlisted = []
    for path in [*SOURCES, *(ROOT / "tests").rglob("*.py"), *(ROOT / "benchmarks").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in declared:
                folder = ROOT / node.module.replace("explorer.loaders", "loaders").replace(".", "/")
                unlisted += [
                    f"{node.module}.{a.name} (imported by {path.relative_to(ROOT)})"
                    for a in node.names
                    if not a.name.startswith("_")
                    and a.name not in declared[node.module]
                    and not (folder / f"{a.name}.py").exists()
                ]
    assert (undefined, unlisted) == ([], [])
