"""The Python API: docs/api.md's examples run as written, and what they show holds."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT, SEEDS

DOC = ROOT / "docs" / "api.md"


def examples() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_examples_of_docs_api_run(tmp_path, capsys):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    blocks = examples()
    assert len(blocks) >= 5
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        namespace: dict = {}
        for i, code in enumerate(blocks):
            exec(compile(code, f"docs/api.md example {i + 1}", "exec"), namespace)  # noqa: S102
    finally:
        os.chdir(here)
    b = namespace["b"]
    assert len(b.documents) == 5 and namespace["t"].documents == ["text-1.txt"]
    assert (tmp_path / "out" / "kg.ttl").exists() and (tmp_path / "out" / "tables" / "edges.csv").exists()
    assert namespace["df"].shape[0] > 10 and set(namespace["df"].columns) >= {"sector", "instrument", "evidence"}


def test_neighbors_and_query_agree_with_the_commands(sample):
    import json
    import kg
    from click.testing import CliRunner
    from kg.cli import main
    b = kg.build(ROOT / "seeds" / "002_4a306536104352d6.txt")
    b.write(sample.parent / "api")
    graph = str(sample.parent / "api" / "kg.ttl")
    cli = json.loads(CliRunner().invoke(main, ["neighbors", "Japan", "--data", graph, "--format", "json"]).output)
    mine = b.neighbors("Japan")
    assert [(r["relation"], r["iri"]) for r in mine] == [(r["relation"], r["iri"]) for r in cli["neighbours"]]
    rows = b.query("agreements-timeline")
    cli = json.loads(CliRunner().invoke(main, ["query", "agreements-timeline", "--data", graph, "--format", "json"]).output)
    assert [r["agreement"] for r in rows] == [x["agreement"]["value"] for x in cli["results"]["bindings"]]


def test_text_that_is_a_missing_path_is_an_error():
    import kg
    with pytest.raises(FileNotFoundError, match="no file or folder named"):
        kg.build("seedz/")


def test_import_kg_loads_nothing_heavy():
    code = "import sys, kg; kg.build; print(sorted({m.split('.')[0] for m in sys.modules} & {'rdflib', 'spacy', 'networkx', 'pyoxigraph'}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
