"""The NetworkX view of the graph, its projections and `kg stats`, on the sample corpus."""
from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner
from rdflib import RDF, RDFS

from kg.see.analytics import (agreement_timeline, central_actors, centrality, class_counts, communities,
                          relation_counts, sectors_by_pledges, stats_report)
from kg.cli import main
from kg.see.view import actor_network, actor_sector_network, load_schema, read_graph
from kg.model.iri import KGO, NIF, PROV

US = "https://w3id.org/kg/id/actor/united-states"
JAPAN = "https://w3id.org/kg/id/actor/japan"
PREFIXES = """
PREFIX kgo: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


@pytest.fixture(scope="module")
def view(seeds_view):
    return seeds_view


@pytest.fixture(scope="module")
def overview(seeds_overview):
    return seeds_overview


@pytest.fixture(scope="module")
def report(overview):
    return stats_report(overview)


def test_every_entity_is_one_node_with_its_class_and_label(seeds_build, view):
    g = seeds_build.graph
    typed = {s for s, o in g.subject_objects(RDF.type)
             if str(o).startswith(str(KGO)) and o not in (KGO.Amount,)}
    assert set(view) == {str(s) for s in typed}
    for s in typed:
        node = view.nodes[str(s)]
        assert KGO[node["cls"]] in set(g.objects(s, RDF.type))
        label = g.value(s, RDFS.label)
        if label is not None:
            assert node["label"] == str(label)
        assert node["label"], s


def test_every_relation_between_entities_is_one_edge(seeds_build, view):
    g = seeds_build.graph
    for rel in ("pledgedBy", "party", "underAgreement", "concernsSector", "mentionedIn", "heldBy"):
        triples = {(str(s), str(o)) for s, o in g.subject_objects(KGO[rel])}
        edges = {(s, o) for s, o, k in view.edges(keys=True) if k == rel}
        assert edges == triples, rel


def test_pledges_carry_their_evidence_and_document(seeds_build, view):
    g = seeds_build.graph
    pledges = [n for n, c in view.nodes(data="cls") if c == "Pledge"]
    assert len(pledges) > 100
    for p in pledges:
        span = g.value(rdflib.URIRef(p), PROV.wasDerivedFrom)
        assert view.nodes[p]["evidence"] == str(g.value(span, NIF.anchorOf))
        assert len(view.nodes[p]["documents"]) == 1
        assert view.nodes[p]["documents"][0].endswith(".txt")


def test_aliases_and_documents_of_an_actor(view):
    us = view.nodes[US]
    assert us["actor"] and us["cls"] == "Country"
    assert "U.S." in us["aliases"]
    assert len(us["documents"]) == 5


def test_stances_are_named_from_their_actor_and_issue(view):
    stances = [d for _, d in view.nodes(data=True) if d["cls"] == "Stance"]
    assert stances
    for s in stances:
        assert s["position"] in s["label"] and s["position"] in ("supports", "opposes")


def test_actor_network_weights_count_shared_agreements_and_joint_pledges(seeds_build, view):
    g = seeds_build.graph
    joint = int(next(iter(g.query(PREFIXES + f"""
        SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{
          ?p a kgo:Pledge ; kgo:pledgedBy <{US}>, <{JAPAN}> . }}""")))[0])
    shared = int(next(iter(g.query(PREFIXES + f"""
        SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{
          {{ ?a kgo:party <{US}> }} UNION {{ [] kgo:pledgedBy <{US}> ; kgo:underAgreement ?a }}
          {{ ?a kgo:party <{JAPAN}> }} UNION {{ [] kgo:pledgedBy <{JAPAN}> ; kgo:underAgreement ?a }}
        }}""")))[0])
    net = actor_network(view)
    edge = net.edges[US, JAPAN]
    assert (edge["pledges"], edge["agreements"]) == (joint, shared)
    assert edge["weight"] == joint + shared
    assert joint > 10 and shared > 5
    assert set(net) == {n for n, a in view.nodes(data="actor") if a}


def test_the_actor_network_of_the_compact_view_is_that_of_the_networkx_view(view, overview):
    from kg.see.overview import actor_network as compact_network
    net, compact = actor_network(view), compact_network(overview)
    assert compact.iris == sorted(net)
    assert compact.labels == [net.nodes[n]["label"] for n in compact.iris]
    edges = {(compact.iris[a], compact.iris[b]): (int(g), int(p)) for a, b, g, p in
             zip(compact.source, compact.target, compact.agreements, compact.pledges)}
    assert edges == {tuple(sorted((a, b))): (d["agreements"], d["pledges"]) for a, b, d in net.edges(data=True)}
    assert centrality(compact) == centrality(net)


def test_united_states_and_japan_top_the_actor_network(report):
    top = [a["label"] for a in report["actor_network"]["central"][:2]]
    assert sorted(top) == ["Japan", "United States"]
    first = report["actor_network"]["central"][0]
    assert first["degree"] >= 5 and first["pagerank"] > 0.05


def test_centrality_on_a_small_network_of_known_shape():
    # a path a - b - c: b lies on the only path between a and c
    net = nx.Graph()
    for n in "abc":
        net.add_node(n, label=n.upper(), cls="Country")
    net.add_edge("a", "b", weight=1)
    net.add_edge("b", "c", weight=1)
    scores = centrality(net)
    assert scores["b"]["betweenness"] == 1.0 and scores["a"]["betweenness"] == 0.0
    assert scores["b"]["degree"] == 2 and scores["b"]["pagerank"] > scores["a"]["pagerank"]
    assert [a["label"] for a in central_actors(net, top=1)] == ["B"]


def test_communities_partition_the_linked_actors(view):
    net = actor_network(view)
    found = communities(net)
    assert found and found == communities(net)       # reproducible
    members = [m for c in found for m in c["iris"]]
    assert len(members) == len(set(members))
    linked = {n for n in net if net.degree(n)}
    assert set(members) <= linked
    assert sum(c["size"] for c in found) == len(members)
    assert [c["size"] for c in found] == sorted((c["size"] for c in found), reverse=True)


def test_sectors_by_pledges_agree_with_sparql(seeds_build, overview):
    rows = sectors_by_pledges(overview)
    counts = {str(r.label): int(r.n) for r in seeds_build.graph.query(PREFIXES + """
        SELECT ?label (COUNT(DISTINCT ?p) AS ?n) WHERE {
          ?p a kgo:Pledge ; kgo:concernsSector ?s . ?s rdfs:label ?label } GROUP BY ?label""")}
    assert {r["label"]: r["pledges"] for r in rows} == counts
    assert [r["pledges"] for r in rows] == sorted((r["pledges"] for r in rows), reverse=True)
    assert rows[0]["label"] in ("automobiles", "auto parts")


def test_actor_sector_network_counts_pledges(view, overview):
    net = actor_sector_network(view)
    by_sector = {r["iri"]: r for r in sectors_by_pledges(overview)}
    for sector, row in by_sector.items():
        assert net.nodes[sector]["bipartite"] == 1
        assert {net.nodes[a]["label"] for a in net[sector]} == set(row["actors"])
    assert net.edges[JAPAN, "https://w3id.org/kg/id/sector/flat-glass"]["weight"] >= 1


def test_timeline_is_in_date_order_with_undated_last(overview):
    rows = agreement_timeline(overview)
    dated = [r["date"] for r in rows if r["date"]]
    assert dated == sorted(dated) and len(dated) >= 10
    seen_undated = False
    for r in rows:
        seen_undated = seen_undated or r["date"] is None
        assert not (seen_undated and r["date"])
    tokyo = next(r for r in rows if r["label"].startswith("Tokyo Declaration"))
    assert tokyo["date"] == "1992-01-09" and tokyo["pledges"] > 10


def test_counts_per_class_and_relation(seeds_build, view, overview):
    assert class_counts(overview)["Pledge"] == len(set(seeds_build.graph.subjects(RDF.type, KGO.Pledge)))
    assert relation_counts(overview)["pledgedBy"] == len(list(seeds_build.graph.subject_objects(KGO.pledgedBy)))
    # counted by the engine, the figures of the NetworkX view exactly
    assert class_counts(overview) == dict(Counter(c for _, c in view.nodes(data="cls")))
    assert relation_counts(overview) == dict(Counter(k for *_, k in view.edges(keys=True)))


def test_schema_comes_from_the_ontology():
    schema = load_schema()
    assert {"Country", "Person", "Group", "Actor"} <= schema.actor_classes
    assert "Agreement" not in schema.actor_classes
    assert schema.relation_labels["pledgedBy"] == "pledged by"


def test_kg_stats_json_and_out_file(tmp_path, seeds_turtle):
    graph = tmp_path / "kg.ttl"
    graph.write_bytes(seeds_turtle)
    out = tmp_path / "stats.json"
    r = CliRunner().invoke(main, ["stats", str(graph), "--format", "json", "--top", "3", "--out", str(out)])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data == json.loads(out.read_text())
    assert len(data["actor_network"]["central"]) == 3
    assert sorted(a["label"] for a in data["actor_network"]["central"][:2]) == ["Japan", "United States"]
    again = CliRunner().invoke(main, ["stats", str(graph), "--format", "json", "--top", "3"])
    assert again.output == r.output


def test_kg_stats_table_names_the_sections(tmp_path, seeds_turtle):
    graph = tmp_path / "kg.ttl"
    graph.write_bytes(seeds_turtle)
    r = CliRunner().invoke(main, ["stats", str(graph)])
    assert r.exit_code == 0, r.output
    for heading in ("central actors", "communities", "sectors by pledges", "agreements on a timeline"):
        assert heading in r.output
    assert "United States" in r.output.split("communities")[0]


def test_kg_stats_on_an_empty_and_a_broken_graph(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("")
    r = CliRunner().invoke(main, ["stats", str(empty), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["nodes"] == 0
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> \"unterminated .\n")
    r = CliRunner().invoke(main, ["stats", str(broken)])
    assert r.exit_code == 1
    assert "is not valid Turtle" in r.output and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1
    r = CliRunner().invoke(main, ["stats", str(tmp_path / "missing.ttl")])
    assert r.exit_code == 1 and "no graph at" in r.output


def test_read_graph_of_a_folder_says_so(tmp_path):
    from kg.see.view import GraphReadError
    with pytest.raises(GraphReadError, match="is a folder"):
        read_graph(tmp_path)


def test_betweenness_is_estimated_on_large_networks_and_still_finds_the_hub():
    from kg.see.analytics import betweenness_sources
    net = nx.star_graph(8000)
    nx.set_edge_attributes(net, 1, "weight")
    k = betweenness_sources(net)
    assert k is not None and 8 <= k < 8000
    scores = centrality(net)
    hub = max(scores, key=lambda n: scores[n]["betweenness"])
    assert hub == 0 and scores[0]["betweenness"] > 0.9
    assert centrality(net) == scores          # the sample is drawn with a fixed seed
    small = nx.path_graph(50)
    nx.set_edge_attributes(small, 1, "weight")
    assert betweenness_sources(small) is None


def test_strongest_actor_sector_links_agree_with_sparql(seeds_build, overview):
    from kg.see.analytics import strongest_actor_sector_links
    rows = strongest_actor_sector_links(overview, top=None)
    counts = {(str(r.a), str(r.s)): int(r.n) for r in seeds_build.graph.query(PREFIXES + """
        SELECT ?a ?s (COUNT(DISTINCT ?p) AS ?n) WHERE {
          ?p a kgo:Pledge ; kgo:pledgedBy/rdfs:label ?a ; kgo:concernsSector/rdfs:label ?s } GROUP BY ?a ?s""")}
    assert {(r["actor"], r["sector"]): r["pledges"] for r in rows} == counts
    assert [r["pledges"] for r in rows] == sorted((r["pledges"] for r in rows), reverse=True)
    assert {rows[0]["actor"]} <= {"Japan", "United States"}


def test_kg_stats_reads_the_compact_view_of_the_store_and_it_follows_the_graph(tmp_path, seeds_turtle):
    graph = tmp_path / "kg.ttl"
    graph.write_bytes(seeds_turtle)
    first = json.loads(CliRunner().invoke(main, ["stats", str(graph), "--format", "json"]).output)
    import sqlite3
    index = tmp_path / "kg.store" / "kg-index.sqlite"
    db = sqlite3.connect(index)
    assert dict(db.execute("SELECT name, count FROM view_counts WHERE kind = 'class'").fetchall()) == first["classes"]
    db.close()
    with graph.open("a", encoding="utf-8") as f:   # one more country, party to the agreement the US is party to
        f.write(f"\n<https://w3id.org/kg/id/actor/atlantis> a <{KGO}Country> ; "
                f"<{RDFS}label> \"Atlantis\" .\n")
        agreement = next(a for a in first["timeline"] if "United States" in a["parties"])
        f.write(f"<{agreement['iri']}> <{KGO}party> <https://w3id.org/kg/id/actor/atlantis> .\n")
    again = json.loads(CliRunner().invoke(main, ["stats", str(graph), "--format", "json"]).output)
    assert again["classes"]["Country"] == first["classes"]["Country"] + 1
    assert again["relations"]["party"] == first["relations"]["party"] + 1
    assert again["actor_network"]["nodes"] == first["actor_network"]["nodes"] + 1
    row = next(a for a in again["timeline"] if a["iri"] == agreement["iri"])
    assert "Atlantis" in row["parties"]
