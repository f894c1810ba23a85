"""`kg build` as a user runs it: progress, summary, files it cannot read, exit status."""
from __future__ import annotations

import shutil

import rdflib
from click.testing import CliRunner

from kg.cli import main

from .conftest import SEEDS


def test_build_writes_turtle_and_summary(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(SEEDS / "002_4a306536104352d6.txt", src)
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["build", str(src), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "read 1 documents" in r.output
    assert "pledges" in r.output and "triples" in r.output
    g = rdflib.Graph().parse(out / "kg.ttl")
    assert len(g) > 50


def test_unreadable_files_are_named_and_the_rest_is_built(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(SEEDS / "002_4a306536104352d6.txt", src)
    (src / "empty.txt").write_text("")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    (src / "picture.png").write_bytes(b"\x89PNG\r\n")
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["build", str(src), "--out", str(out)])
    assert r.exit_code == 1
    assert "empty.txt: empty" in r.output
    assert "binary.txt: binary file" in r.output
    assert "picture.png: not a document kg reads" in r.output
    assert "read 1 documents" in r.output
    assert (out / "kg.ttl").exists()


def test_help_is_fast_to_reach_and_names_the_example():
    r = CliRunner().invoke(main, ["build", "--help"])
    assert r.exit_code == 0
    assert "kg build path/to/docs --out out/" in r.output


def test_validate_reports_violations_in_plain_words(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("""
@prefix kgo: <https://w3id.org/kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/p1> a kgo:Pledge ; rdfs:label "a pledge without actor or evidence" .
""")
    r = CliRunner().invoke(main, ["validate", str(bad)])
    assert r.exit_code == 1
    assert "A pledge is made by at least one actor." in r.output
    assert "A pledge cites exactly one text span." in r.output


def test_validate_names_a_missing_graph(tmp_path):
    r = CliRunner().invoke(main, ["validate", str(tmp_path / "nothing.ttl")])
    assert r.exit_code == 1
    assert "run `kg build` first" in r.output
