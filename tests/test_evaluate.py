"""`kg eval` and kg.evaluate.scoring: the same figures as the reference scorer, on real and hand-made graphs."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.evaluate.scoring import EvaluationError, evaluate, to_json

from .conftest import EXPORTS, GOLD, GOLD_SETS, ONTOLOGY, ROOT, SEEDS

REFERENCE = ROOT.parent / "shared" / "eval" / "score.py"

PREFIXES = """
@prefix k: <https://example.org/k#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
k:Country rdfs:subClassOf k:Actor .
k:d a k:Document ; dcterms:identifier "doc.txt" .
"""
TEXT = "Japan will open its rice market to foreign firms. The U.S. welcomes this."


def write_case(tmp_path: Path, graph: str, gold: dict) -> tuple[Path, Path, Path]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "doc.json").write_text(json.dumps({"document": "doc.txt", **gold}), encoding="utf-8")
    g = tmp_path / "g.ttl"
    g.write_text(PREFIXES + graph, encoding="utf-8")
    return g, tmp_path / "gold", tmp_path / "docs"


ACTORS_GOLD = {"actors": [{"name": "Japan", "kind": "Country"},
                          {"name": "United States", "kind": "Country", "aliases": ["US"]},
                          {"name": "foreign firms", "kind": "Group", "optional": True}]}


def test_perfect_match_and_label_normalisation(tmp_path):
    g, gold, docs = write_case(tmp_path, """
k:japan a k:Country ; rdfs:label "Japan" ; k:mentionedIn k:d .
k:us a k:Country ; rdfs:label "The U.S." ; k:mentionedIn k:d .
""", ACTORS_GOLD)
    s = evaluate([g], gold, docs)
    assert s.summary["actors"].as_dict()["f1"] == 1.0
    assert s.attributes["actor.kind"] == 1.0


def test_extra_entity_is_a_false_positive_and_optional_is_neutral(tmp_path):
    g, gold, docs = write_case(tmp_path, """
k:japan a k:Country ; rdfs:label "Japan" ; k:mentionedIn k:d .
k:firms a k:Actor ; rdfs:label "Foreign firms" ; k:mentionedIn k:d .
k:mars a k:Actor ; rdfs:label "Mars" ; k:mentionedIn k:d .
""", ACTORS_GOLD)
    c = evaluate([g], gold, docs).summary["actors"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)


@pytest.mark.parametrize("evidence_end,matches", [(49, True), (20, False)])
def test_pledge_matches_by_evidence_words(tmp_path, evidence_end, matches):
    anchor = TEXT[:evidence_end]
    g, gold, docs = write_case(tmp_path, f"""
k:japan a k:Country ; rdfs:label "Japan" ; k:mentionedIn k:d .
k:p a k:Pledge ; k:pledgedBy k:japan ; prov:wasDerivedFrom k:s .
k:s nif:referenceContext k:d ; nif:beginIndex 0 ; nif:endIndex {evidence_end} ; nif:anchorOf "{anchor}" .
""", {"actors": [{"name": "Japan", "kind": "Country"}],
      "pledges": [{"by": ["Japan"], "evidence": "Japan will open its rice market to foreign firms"}]})
    s = evaluate([g], gold, docs)
    assert s.summary["pledges"].tp == (1 if matches else 0)
    if matches:
        assert s.attributes["pledge.by"] == 1.0


def test_span_with_wrong_offsets_counts_as_wrong(tmp_path):
    g, gold, docs = write_case(tmp_path, """
k:s nif:referenceContext k:d ; nif:beginIndex 1 ; nif:endIndex 6 ; nif:anchorOf "Japan" .
""", {})
    p = evaluate([g], gold, docs).provenance
    assert (p["exact"], p["wrong"]) == (0, 1)


def test_errors_are_one_line(tmp_path):
    with pytest.raises(EvaluationError, match="no such gold folder"):
        evaluate([EXPORTS / "kg.ttl"], tmp_path / "nowhere")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(EvaluationError, match="bad.json is not valid JSON"):
        evaluate([EXPORTS / "kg.ttl"], tmp_path)
    (tmp_path / "bad.json").write_text('{"actors": []}', encoding="utf-8")
    with pytest.raises(EvaluationError, match="no \"document\" field"):
        evaluate([EXPORTS / "kg.ttl"], tmp_path)
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    (tmp_path / "bad.json").unlink()
    with pytest.raises(EvaluationError, match="cannot parse"):
        evaluate([broken], GOLD)


def test_kg_eval_prints_the_table():
    r = CliRunner().invoke(main, ["eval", str(GOLD), "--docs", str(SEEDS)])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0].split() == ["type", "P", "R", "F1", "tp", "fp", "fn"]
    assert "provenance:" in r.output


@pytest.mark.skipif(not REFERENCE.exists(), reason="the reference scorer is not beside this checkout")
@pytest.mark.parametrize("corpus", sorted(GOLD_SETS))
def test_figures_agree_with_the_reference_scorer(tmp_path, gold_set_builds, corpus):
    """On every gold set (collectives with members among them), kg eval gives the reference's figures."""
    from kg.graph.rdf import serialize
    docs, gold = GOLD_SETS[corpus]
    graph = EXPORTS / "kg.ttl" if corpus == "sample" else tmp_path / "kg.ttl"
    if corpus != "sample":
        graph.write_bytes(serialize(gold_set_builds[corpus].graph))
    graphs = [graph, ONTOLOGY]
    out = tmp_path / "ref.json"
    subprocess.run([sys.executable, str(REFERENCE), "--graph", str(graphs[0]), "--graph", str(graphs[1]),
                    "--gold", str(gold), "--docs", str(docs), "--json", str(out)],
                   check=True, capture_output=True)
    ref = json.loads(out.read_text())
    mine = to_json(evaluate(graphs, gold, docs))
    for key in ("summary", "attributes", "attribute_counts", "provenance", "documents", "missing_documents"):
        assert mine[key] == ref[key], key