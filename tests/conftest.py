"""Shared fixtures: one build of the sample corpus per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "data" / "gold"
ONTOLOGY = ROOT / "ontology"
EXPORTS = ROOT / "exports"


@pytest.fixture(scope="session")
def seeds_build():
    """The build of seeds/: a BuildResult with the graph."""
    from kg.pipeline import build
    return build(SEEDS)


@pytest.fixture(scope="session")
def seeds_turtle(seeds_build) -> bytes:
    from kg.rdf import serialize
    return serialize(seeds_build.graph)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The committed sample graph, copied so that its store is built outside exports/."""
    import shutil
    folder = tmp_path_factory.mktemp("sample")
    shutil.copy(EXPORTS / "kg.ttl", folder / "kg.ttl")
    return folder / "kg.ttl"
