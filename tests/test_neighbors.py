"""`kg neighbors`: names, aliases and IRIs found in any case; every neighbour with its relation,
direction, class and evidence; no rdflib, no spaCy."""
from __future__ import annotations

import csv
import io
import json

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import RDF, URIRef

from kg.cli import main
from kg.model.iri import KGO
from kg.ask.neighbors import AmbiguousName, GraphView, NameNotFound, find, neighbours
from kg.graph.store import open_graph

from .conftest import SEEDS, heavy_imports, small_graph

JAPAN = "https://w3id.org/kg/id/actor/japan"
US = "https://w3id.org/kg/id/actor/united-states"


@pytest.fixture(scope="module")
def view(sample):
    return GraphView(open_graph(sample))


@pytest.fixture(scope="module")
def rdf(sample):
    return rdflib.Graph().parse(sample, format="turtle")


def document_text(name: str) -> str:
    with open(SEEDS / name, encoding="utf-8", newline="") as f:
        return f.read()


def neighbors_json(sample, *args) -> dict:
    r = CliRunner().invoke(main, ["neighbors", *args, "--data", str(sample), "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def test_japan_lists_the_united_states_its_agreements_and_its_pledges(sample, rdf):
    data = neighbors_json(sample, "Japan", "--limit", "0")
    assert data["node"] == {"iri": JAPAN, "label": "Japan", "class": "Country"}
    rows = data["neighbours"]
    # the United States: a party to the same agreements, and a maker of the same joint pledges
    us = {r["relation"]: r for r in rows if r["iri"] == US}
    assert set(us) == {"co-party", "co-pledger"}
    shared = {URIRef(v["iri"]) for v in us["co-party"]["via"]}
    assert shared == {a for a in rdf.subjects(KGO.party, URIRef(JAPAN)) if (a, KGO.party, URIRef(US)) in rdf}
    assert "Market-Oriented Sector-Selective talks" in {v["label"] for v in us["co-party"]["via"]}
    # the agreements Japan is party to, all of them
    parties = {r["iri"] for r in rows if r["relation"] == "kgo:party" and r["direction"] == "in"}
    assert parties == {str(a) for a in rdf.subjects(KGO.party, URIRef(JAPAN))}
    assert all(r["class"] == "Agreement" for r in rows if r["relation"] == "kgo:party")
    # its pledges, each with the sentence and the document it was read from
    pledges = [r for r in rows if r["relation"] == "kgo:pledgedBy"]
    assert {r["iri"] for r in pledges} == {str(p) for p in rdf.subjects(KGO.pledgedBy, URIRef(JAPAN))}
    for r in pledges:
        assert r["class"] == "Pledge" and r["direction"] == "in"
        assert r["evidence"] and r["evidence"] in document_text(r["document"])


def test_stances_carry_their_evidence(sample):
    rows = neighbors_json(sample, "Japan", "--type", "Stance", "--limit", "0")["neighbours"]
    assert rows and all(r["class"] == "Stance" and r["relation"] == "kgo:heldBy" for r in rows)
    protectionism = [r for r in rows if r["label"] == "opposes protectionism"]
    assert protectionism
    assert "oppose protectionism" in protectionism[0]["evidence"]
    assert protectionism[0]["document"] == "000_2a56f6dbc4fee8d4.txt"


@pytest.mark.parametrize("name,iri", [
    ("Japan", JAPAN), ("JAPAN", JAPAN), ("japanese side", JAPAN), ("U.S.", US), ("u.s.", US),
    ("United States", US), (JAPAN, JAPAN), (f"<{US}>", US), ("kga:japan", JAPAN),
    ("MITI", "https://w3id.org/kg/id/actor/ministry-of-international-trade-and-industry"),
])
def test_names_aliases_and_iris(view, name, iri):
    assert find(view, name).iri == iri


def test_a_typo_gets_suggestions(view):
    with pytest.raises(NameNotFound) as e:
        find(view, "Japn")
    assert "'Japan'" in e.value.suggestions
    with pytest.raises(NameNotFound) as e:
        find(view, "Ministry of International Trade")
    assert "'Ministry of International Trade and Industry'" in e.value.suggestions


def test_cli_errors_are_one_line(sample, tmp_path):
    r = CliRunner().invoke(main, ["neighbors", "Japn", "--data", str(sample)])
    assert r.exit_code == 1
    assert r.output == "Error: nothing in the graph is named 'Japn'; did you mean 'Japan'?\n"
    r = CliRunner().invoke(main, ["neighbors", "Japan", "--data", str(tmp_path / "none.ttl")])
    assert r.exit_code == 1 and "run `kg build` first" in r.output


def test_several_entities_of_one_name_are_listed(tmp_path):
    ttl = small_graph(tmp_path, """
kga:george-washington a kgo:Person ; rdfs:label "Washington" .
kga:washington-state a kgo:GovernmentBody ; rdfs:label "washington" .
kga:united-states a kgo:Country ; rdfs:label "United States" ; skos:altLabel "Washington" .
""")
    view = GraphView(open_graph(ttl))
    with pytest.raises(AmbiguousName) as e:
        find(view, "Washington")
    # canonical labels beat the alias; the two labelled ones are the candidates
    assert [c.iri for c in e.value.candidates] == ["https://w3id.org/kg/id/actor/george-washington",
                                                   "https://w3id.org/kg/id/actor/washington-state"]
    r = CliRunner().invoke(main, ["neighbors", "WASHINGTON", "--data", str(ttl)])
    assert r.exit_code == 1
    assert "2 entities are named 'WASHINGTON': Washington (kga:george-washington, Person); " \
           "washington (kga:washington-state, GovernmentBody); give one by its IRI" in r.output


def test_type_and_relation_filters(view, rdf):
    japan = find(view, "Japan")
    agreements = neighbours(view, japan, types=["Agreement"])
    assert agreements and {r.node.cls for r in agreements} == {"Agreement"}
    actors = neighbours(view, japan, types=["actor"])  # subclasses count: Country, Person, ...
    assert {"Country", "Person"} <= {r.node.cls for r in actors}
    assert all((URIRef(r.node.iri), RDF.type, KGO.Pledge) not in rdf for r in actors)
    party = neighbours(view, japan, relations=["party"])
    assert {r.relation for r in party} == {str(KGO.party)}


def test_depth_two_walks_from_each_neighbour(view, rdf):
    us = find(view, "U.S.")
    rows = neighbours(view, us, depth=2, relations=["kgo:party"])
    first = {r.node.iri for r in rows if r.depth == 1}
    assert first == {str(a) for a in rdf.subjects(KGO.party, URIRef(US))}
    japan = next(r for r in rows if r.node.iri == JAPAN)
    assert japan.depth == 2 and japan.direction == "out"
    assert {v.iri for v in japan.via} == {str(a) for a in rdf.subjects(KGO.party, URIRef(US))
                                          if (a, KGO.party, URIRef(JAPAN)) in rdf}
    assert US not in {r.node.iri for r in rows}


def test_an_agreement_lists_its_parties_and_its_pledges(view, rdf):
    moss = find(view, "moss")
    rows = neighbours(view, moss)
    assert {r.node.label for r in rows if r.relation == str(KGO.party)} == {"Japan", "United States"}
    under = {r.node.iri for r in rows if r.relation == str(KGO.underAgreement)}
    assert under == {str(p) for p in rdf.subjects(KGO.underAgreement, URIRef(moss.iri))}


def test_table_and_csv(sample):
    r = CliRunner().invoke(main, ["neighbors", "Japan", "--data", str(sample)])
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0].startswith("Japan (kga:japan, Country): ")
    assert lines[1].split() == ["depth", "relation", "direction", "class", "neighbour", "iri", "via", "document",
                                "evidence"]
    assert any("co-party" in line and "United States" in line for line in lines)
    r = CliRunner().invoke(main, ["neighbors", "Japan", "--data", str(sample), "--format", "csv",
                                  "--relation", "co-party,co-pledger"])
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert {(row["relation"], row["neighbour"]) for row in rows} >= {("co-party", "United States"),
                                                                     ("co-pledger", "United States")}


def test_output_is_the_same_every_time(sample):
    a = CliRunner().invoke(main, ["neighbors", "Japan", "--data", str(sample), "--depth", "2"]).output
    b = CliRunner().invoke(main, ["neighbors", "Japan", "--data", str(sample), "--depth", "2"]).output
    assert a == b


def test_help_and_neighbors_import_no_nlp_nor_rdflib(sample):
    for args in (["--help"], ["neighbors", "Japan", "--data", str(sample)]):
        assert heavy_imports(args) == [], args


def test_each_relation_lists_its_first_rows_and_says_how_many_there_are(sample, rdf):
    whole = neighbors_json(sample, "Japan", "--limit", "0")
    cut = neighbors_json(sample, "Japan", "--limit", "3")
    assert [(g["relation"], g["direction"], g["count"]) for g in cut["relations"]] == \
        [(g["relation"], g["direction"], g["count"]) for g in whole["relations"]]
    pledges = next(g for g in cut["relations"] if g["relation"] == "kgo:pledgedBy")
    assert pledges["count"] == len(set(rdf.subjects(KGO.pledgedBy, URIRef(JAPAN)))) and pledges["listed"] == 3
    every = {(r["relation"], r["direction"], r["iri"]) for r in whole["neighbours"]}
    assert {(r["relation"], r["direction"], r["iri"]) for r in cut["neighbours"]} <= every
    for g in cut["relations"]:
        rows = [r for r in cut["neighbours"] if (r["relation"], r["direction"]) == (g["relation"], g["direction"])]
        assert len(rows) == g["listed"] == min(3, g["count"])
    # the actor sharing most pledges with Japan comes first, with how many
    us = next(r for r in cut["neighbours"] if r["relation"] == "co-pledger")
    assert us["iri"] == US and len(us["via"]) == 3
    assert us["via_count"] == len({p for p in rdf.subjects(KGO.pledgedBy, URIRef(JAPAN))
                                   if (p, KGO.pledgedBy, URIRef(US)) in rdf})


def test_the_table_says_what_it_leaves_out(sample, rdf):
    r = CliRunner().invoke(main, ["neighbors", "Japan", "--data", str(sample)], env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert "listed (--limit 0 lists all)" in lines[0]
    assert lines[1].split()[:3] == ["depth", "relation", "direction"]
    assert f"kgo:pledgedBy in: 20 of {len(set(rdf.subjects(KGO.pledgedBy, URIRef(JAPAN))))} listed" in lines
    assert all(len(line) <= 100 for line in lines)
    wide = CliRunner().invoke(main, ["neighbors", "Japan", "--data", str(sample)], env={"COLUMNS": "400"})
    assert len([line for line in wide.output.splitlines() if line.startswith("1      kgo:pledgedBy ")]) == 20


def test_names_that_are_not_iris_are_names(sample):
    for name in ("<http://x> }", "<http://x y>", 'http://x"', "kga:ja pan", "<kga:japan>", "\"} UNION {"):
        r = CliRunner().invoke(main, ["neighbors", name, "--data", str(sample)])
        assert r.exit_code == 1, (name, r.output)
        assert r.output.startswith("Error: nothing in the graph is named ") and "Traceback" not in r.output
