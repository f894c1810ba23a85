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
    from kg.build import build
    return build(SEEDS, keep_findings=True)


DATA = Path(__file__).resolve().parent / "data"
# Every development set with gold: the sample, the held-out texts written for the project, and the
# real multilateral, treaty and archival texts. Each (documents, gold).
GOLD_SETS = {
    "sample": (SEEDS, GOLD),
    "held-out": (DATA / "heldout" / "docs", DATA / "heldout" / "gold"),
    "multilateral": (DATA / "multilateral" / "docs", DATA / "multilateral" / "gold"),
    "confirm": (DATA / "confirm" / "docs", DATA / "confirm" / "gold"),
}


@pytest.fixture(scope="session")
def gold_set_builds(seeds_build) -> dict:
    """The build of each gold set's documents, by set name."""
    from kg.build import build
    return {name: seeds_build if docs == SEEDS else build(docs, keep_findings=True)
            for name, (docs, _) in GOLD_SETS.items()}


@pytest.fixture(scope="session")
def seeds_turtle(seeds_build) -> bytes:
    from kg.graph.rdf import serialize
    return serialize(seeds_build.graph)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The committed sample graph, copied so that its store is built outside exports/."""
    import shutil
    folder = tmp_path_factory.mktemp("sample")
    shutil.copy(EXPORTS / "kg.ttl", folder / "kg.ttl")
    return folder / "kg.ttl"


@pytest.fixture(scope="session")
def seeds_view(seeds_build):
    """The NetworkX view of the sample build, built once for analytics and the page."""
    from kg.see.view import graph_view
    return graph_view(seeds_build.graph)


HEAVY_MODULES = ("rdflib", "spacy", "networkx", "pyvis")


def heavy_imports(args: list[str]) -> list[str]:
    """The heavy libraries a fresh process imports to run `kg ARGS`."""
    import ast
    import subprocess
    import sys
    code = ("import sys; from kg.cli import main\n"
            "try:\n"
            f"    main({args!r})\n"
            "except SystemExit:\n    pass\n"
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY_MODULES)!r}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return ast.literal_eval(out.stdout.splitlines()[-1])


def cli_build(tmp_path: Path, document: Path, *flags: str) -> tuple[Path, str]:
    """`kg build` of a folder holding one copy of `document`, into tmp_path/out: that folder, and what it said."""
    import shutil
    from click.testing import CliRunner
    from kg.cli import main
    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(document, src)
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["build", str(src), "--out", str(out), *flags])
    assert r.exit_code == 0, r.output
    return out, r.output


GRAPH_PREFIXES = """@prefix kga: <https://w3id.org/kg/id/actor/> .
@prefix kgo: <https://w3id.org/kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def small_graph(tmp_path: Path, body: str) -> Path:
    """A Turtle file of a few triples (the kga:, kgo:, rdfs: and skos: prefixes declared): its path."""
    ttl = tmp_path / "kg.ttl"
    ttl.write_text(GRAPH_PREFIXES + body, encoding="utf-8")
    return ttl


def generated_corpus(folder: Path, n: int) -> Path:
    """`n` documents made of passages of the sample documents, as the memory benchmark makes them."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("kg_memory_benchmark", ROOT / "benchmarks" / "memory.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.make_corpus(n, folder)[0]


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def seeds_overview(seeds_build):
    """The compact view of the sample build (what its store's index holds), made once."""
    from kg.see.overview import overview_of_graph
    return overview_of_graph(seeds_build.graph)
