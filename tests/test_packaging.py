"""The project as a wheel: installed into a fresh environment outside the checkout, it runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, count


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built from a clean copy of the checkout."""
    work = tmp_path_factory.mktemp("wheel")
    # A copy of the project without what earlier builds left (a stale build/ folder would put
    # modules that no longer exist into the wheel).
    tree = work / "project"
    skipped = (
        ".git",
        ".venv",
        "build",
        "*.egg-info",
        "neo4j-local",
        "tests",
        "benchmarks",
        ".*cache",
        ".hypothesis",
    )
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(*skipped))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(work),
            str(tree),
        ],
        check=True,
        capture_output=True,
    )
    return next(work.glob("cluster_atlas-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path) -> Path:
    """A virtual environment holding only the wheel of the project (its dependencies are lent by
    the test environment through a path file: nothing is downloaded)."""
    venv = wheel.parent / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True
    )
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site / "lent-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return venv


def run(
    venv: Path, *args: str, env: dict[str, str] | None = None, cwd: Path
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EXPLORER_", "NEO4J_"))}
    return subprocess.run(
        [str(venv / "bin" / "explorer"), *args],
        capture_output=True,
        text=True,
        env={**clean, **(env or {})},
        cwd=cwd,
        timeout=300,
    )


#: Where each folder of the checkout goes in the wheel, and the files of it that must be there.
SHIPPED = {
    "explorer": ("explorer", ("*.py", "drawing/assets/*", "app/*.toml", "ingest/cues/*.toml")),
    "loaders": ("explorer/loaders", ("*.py",)),
    "cypher": ("explorer/cypher", ("*.cypher",)),
    "seeds": ("explorer/seeds", ("*.yaml",)),
}


def test_the_wheel_holds_every_module_and_data_file_of_the_checkout(wheel: Path) -> None:
    held = {n for n in zipfile.ZipFile(wheel).namelist() if ".dist-info/" not in n}
    expected = {
        f"{inside}/{path.relative_to(ROOT / folder).as_posix()}"
        for folder, (inside, patterns) in SHIPPED.items()
        for pattern in patterns
        for path in (ROOT / folder).rglob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert len(expected) > 150
    assert sorted(expected - held) == []
    assert sorted(held - expected) == []


def test_the_installed_wheel_lists_its_saved_queries_from_another_folder(installed, tmp_path) -> None:
    result = run(installed, "query", "--list", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert {"cluster_members", "entity_facts", "pipeline"} <= {q["name"] for q in json.loads(result.stdout)}


def test_the_installed_wheel_loads_its_own_seeds(installed, empty_db, settings, tmp_path) -> None:
    where = subprocess.run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "from explorer.resources import seeds_dir; print(seeds_dir())",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(installed) and not Path(where).is_relative_to(ROOT / "seeds")
    env = {
        "NEO4J_URI": str(settings.uri),
        "NEO4J_USERNAME": settings.username,
        "NEO4J_PASSWORD": settings.password,
    }
    result = run(installed, "load", where, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert count(empty_db, settings, "MATCH (n:Entity) RETURN count(n)") == 19
    found = run(
        installed,
        "query",
        "cluster_members",
        "-p",
        "cluster=Biocom",
        "--format",
        "json",
        env=env,
        cwd=tmp_path,
    )
    assert found.returncode == 0, found.stderr


def test_the_installed_wheel_carries_the_cue_files_of_the_article_reader(installed, tmp_path) -> None:
    check = (
        "from explorer.ingest.cues import cues, places; "
        "print(len(cues('fr').relations), len(places().cities))"
    )
    result = subprocess.run(
        [str(installed / "bin" / "python"), "-c", check], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    relations, cities = map(int, result.stdout.split())
    assert relations > 10 and cities > 100
