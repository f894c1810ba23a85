"""kg installed from a wheel works anywhere: the ontology, its gazetteers, shapes and saved
queries travel inside the package, and the defaults are the current directory's.

The wheel is built from a copy of the source, installed with its dependencies in a fresh
virtual environment, and run from a folder that is not the repository.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS


def run(args: list, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin/ folder of a fresh virtual environment with kg's wheel installed."""
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "kg", src / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    r = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", ".", "-w", tmp / "wheel"], src)
    assert r.returncode == 0, r.stderr
    wheel = next((tmp / "wheel").glob("kg-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "kg/ontology/kg.ttl" in names and "kg/ontology/queries/pledges-by-actor.rq" in names
    r = run([sys.executable, "-m", "venv", tmp / "venv"], tmp)
    assert r.returncode == 0, r.stderr
    r = run([tmp / "venv" / "bin" / "pip", "install", "-q", wheel], tmp)
    assert r.returncode == 0, r.stderr
    return tmp / "venv" / "bin"


def test_the_wheel_builds_and_answers_from_another_directory(installed, tmp_path):
    kg = installed / "kg"
    work = tmp_path / "elsewhere"
    (work / "seeds").mkdir(parents=True)
    shutil.copy(SEEDS / "002_4a306536104352d6.txt", work / "seeds")

    # the installed package reads its own ontology, not the repository's
    r = run([installed / "python", "-c", "import kg.model.resources as r; print(r.ONTOLOGY_DIR)"], work)
    assert r.returncode == 0, r.stderr
    assert Path(r.stdout.strip()).is_relative_to(installed.parent) and not Path(r.stdout.strip()).is_relative_to(ROOT)

    r = run([kg, "build"], work)
    assert r.returncode == 0, r.stderr
    assert (work / "exports" / "kg.ttl").exists() and "no violations" in r.stdout
    assert "Country" in r.stdout  # the gazetteers were found: countries are recognised

    r = run([kg, "query", "--list"], work)
    assert r.returncode == 0, r.stderr
    assert "pledges-by-actor" in r.stdout and "agreement-parties" in r.stdout

    r = run([kg, "query", "pledges-by-actor", "--param", "actor=Japan", "--format", "csv"], work)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) > 1, r.stdout  # a header and at least one pledge of Japan's


def test_defaults_are_the_current_directory(installed, tmp_path):
    kg = installed / "kg"
    r = run([kg, "build"], tmp_path)
    assert r.returncode == 1
    assert "no seeds/ folder in the current directory" in r.stderr and "Traceback" not in r.stderr
    r = run([kg, "stats"], tmp_path)
    assert r.returncode == 1
    assert "no exports/kg.ttl in the current directory" in r.stderr and "Traceback" not in r.stderr
