"""`kg export`: every format read back by the tools it is for, with what the graph holds."""
from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kg.cli import main
from kg.see.export import EXPORTERS, export
from kg.see.view import graph_view

from .conftest import ONTOLOGY, SEEDS


@pytest.fixture(scope="module")
def graph(sample) -> rdflib.Graph:
    return rdflib.Graph().parse(sample, format="turtle")


@pytest.fixture(scope="module")
def view(graph):
    return graph_view(graph)


def run(*args: str):
    return CliRunner().invoke(main, ["export", *args])


@pytest.mark.parametrize("fmt,parse_as", [("jsonld", "json-ld"), ("nt", "nt")])
def test_rdf_exports_parse_back_isomorphic(graph, sample, tmp_path, fmt, parse_as):
    out = tmp_path / EXPORTERS[fmt].default
    r = run(str(sample), "--format", fmt, "--out", str(out))
    assert r.exit_code == 0, r.output
    back = rdflib.Graph().parse(out, format=parse_as)
    assert len(back) == len(graph) and isomorphic(back, graph)


def test_jsonld_is_under_the_published_context(graph, tmp_path):
    (out,) = export(graph, tmp_path / "kg.jsonld", "jsonld")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"] == json.loads((ONTOLOGY / "context.jsonld").read_text())["@context"]
    japan = next(n for n in doc["@graph"] if n["@id"] == "kga:japan")
    assert japan["@type"] == "kgo:Country" and japan["label"] == {"@language": "en", "@value": "Japan"}


def test_ntriples_are_sorted_and_the_same_every_time(graph, tmp_path):
    (a,) = export(graph, tmp_path / "a.nt", "nt")
    (b,) = export(rdflib.Graph().parse(data=a.read_bytes(), format="nt"), tmp_path / "b.nt", "nt")
    lines = a.read_bytes().splitlines()
    assert lines == sorted(set(lines)) and a.read_bytes() == b.read_bytes()


def test_trig_names_the_graph_after_its_build(graph, tmp_path):
    from kg.model.iri import PROV
    (out,) = export(graph, tmp_path / "kg.trig", "trig")
    ds = rdflib.Dataset()
    ds.parse(out, format="trig")
    (run_iri,) = set(graph.subjects(rdflib.RDF.type, PROV.Activity))
    named = ds.graph(run_iri)
    assert len(named) == len(graph) and isomorphic(named, graph)


@pytest.mark.parametrize("fmt,read", [("graphml", lambda p: nx.read_graphml(p, force_multigraph=True)),
                                      ("gexf", nx.read_gexf)])
def test_network_exports_read_back_with_the_same_nodes_and_edges(graph, view, tmp_path, fmt, read):
    (out,) = export(graph, tmp_path / EXPORTERS[fmt].default, fmt)
    back = read(out)
    assert set(back.nodes) == set(view.nodes)
    assert {(s, o, d["relation"]) for s, o, d in back.edges(data=True)} == set(view.edges(keys=True))
    assert back.number_of_edges() == view.number_of_edges()
    for n, data in back.nodes(data=True):
        assert all(isinstance(v, str) for v in data.values()), (n, data)
        assert data["label"] == view.nodes[n]["label"]
    japan = back.nodes["https://w3id.org/kg/id/actor/japan"]
    assert japan["cls"] == "Country" and "Government of Japan" in japan["aliases"].split("; ")


def test_csv_tables_read_with_pandas_and_their_offsets_reproduce_the_evidence(graph, view, tmp_path):
    import pandas as pd
    r = run("--format", "csv", "--out", str(tmp_path / "t"), str(_copy(graph, tmp_path)))
    assert r.exit_code == 0, r.output
    nodes = pd.read_csv(tmp_path / "t" / "nodes.csv", keep_default_na=False)
    edges = pd.read_csv(tmp_path / "t" / "edges.csv", keep_default_na=False)
    assert set(nodes["id"]) == set(view.nodes) and len(edges) == view.number_of_edges()
    cited = edges[edges["evidence"] != ""]
    assert len(cited) > 100
    texts = {p.name: open(p, encoding="utf-8", newline="").read() for p in SEEDS.glob("*.txt")}
    for row in cited.itertuples():
        assert texts[row.document][int(row.begin):int(row.end)] == row.evidence
    assert {"pledgedBy", "represents", "role", "party"} <= set(cited["relation"])  # facts' and relations' sentences
    pledged = cited[cited["relation"] == "pledgedBy"]
    assert "Japan" in set(pledged["target_label"])


def test_neo4j_files_follow_the_import_tool_headers(graph, tmp_path):
    nodes, rels = export(graph, tmp_path / "neo4j", "neo4j")
    with open(nodes, newline="", encoding="utf-8") as f:
        node_rows = list(csv.DictReader(f))
    with open(rels, newline="", encoding="utf-8") as f:
        rel_rows = list(csv.DictReader(f))
    assert {"id:ID", ":LABEL", "aliases:string[]", "begin:int"} <= set(node_rows[0])
    assert list(rel_rows[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    ids = {r["id:ID"] for r in node_rows}
    assert len(ids) == len(node_rows)
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rel_rows)
    japan = next(r for r in node_rows if r["id:ID"].endswith("/actor/japan"))
    assert japan[":LABEL"] == "Country;Actor" and "Government of Japan" in japan["aliases:string[]"].split(";")
    assert all(r["begin:int"] == "" or r["begin:int"].isdigit() for r in rel_rows)


def test_export_errors_are_one_line(tmp_path):
    r = run(str(tmp_path / "missing.ttl"), "--format", "nt")
    assert r.exit_code == 1 and "no graph at" in r.output and "Traceback" not in r.output
    (tmp_path / "file").write_text("x")
    r = run(str(_copy_sample(tmp_path)), "--format", "csv", "--out", str(tmp_path / "file"))
    assert r.exit_code == 1 and "is a file" in r.output


def _copy(graph, tmp_path):
    path = tmp_path / "kg.ttl"
    path.write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    return path


def _copy_sample(tmp_path):
    from .conftest import EXPORTS
    import shutil
    shutil.copy(EXPORTS / "kg.ttl", tmp_path / "kg.ttl")
    return tmp_path / "kg.ttl"


@pytest.mark.parametrize("fmt", ["trig", "jsonld", "gexf"])
def test_two_processes_write_the_same_bytes(sample, tmp_path, fmt):
    import subprocess
    import sys
    outs = []
    for i in (1, 2):
        out = tmp_path / f"{i}-{EXPORTERS[fmt].default}"
        subprocess.run([sys.executable, "-m", "kg.cli", "export", str(sample), "--format", fmt, "--out", str(out)],
                       check=True, capture_output=True)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
