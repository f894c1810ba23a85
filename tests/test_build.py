"""The build of the sample corpus: shapes, round trip, provenance, determinism, freshness."""
from __future__ import annotations


import rdflib
from rdflib import RDF, URIRef
from rdflib.compare import isomorphic

from kg.model.iri import KGO, NIF
from kg.build import build
from kg.graph.rdf import serialize
from kg.graph.shapes import validate

from .conftest import EXPORTS, SEEDS


def test_every_seed_document_is_built(seeds_build):
    names = sorted(d.name for d in seeds_build.documents)
    assert names == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert seeds_build.skipped == []


def test_graph_satisfies_the_shapes(seeds_build):
    violations = validate(seeds_build.graph)
    assert violations == [], "\n".join(map(str, violations[:20]))


def test_turtle_parses_back_to_the_same_graph(seeds_build, seeds_turtle):
    back = rdflib.Graph().parse(data=seeds_turtle.decode("utf-8"), format="turtle")
    assert len(back) == len(seeds_build.graph)
    assert isomorphic(back, seeds_build.graph)


def test_every_span_reproduces_its_text(seeds_build):
    g = seeds_build.graph
    texts = {}
    for doc in g.subjects(RDF.type, KGO.Document):
        name = str(g.value(doc, URIRef("http://purl.org/dc/terms/identifier")))
        with open(SEEDS / name, encoding="utf-8", newline="") as f:
            texts[doc] = f.read()
    spans = list(g.subjects(NIF.anchorOf, None))
    assert len(spans) > 100
    for span in spans:
        text = texts[g.value(span, NIF.referenceContext)]
        b, e = int(g.value(span, NIF.beginIndex)), int(g.value(span, NIF.endIndex))
        assert text[b:e] == str(g.value(span, NIF.anchorOf))


def test_pledges_and_stances_cite_spans(seeds_build):
    g = seeds_build.graph
    pledges = list(g.subjects(RDF.type, KGO.Pledge))
    assert len(pledges) > 100
    for p in pledges:
        assert g.value(p, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) is not None
        assert g.value(p, KGO.pledgedBy) is not None


def test_two_builds_are_byte_identical(seeds_turtle):
    again = serialize(build(SEEDS).graph)
    assert again == seeds_turtle


def test_committed_export_is_fresh(seeds_turtle):
    """exports/kg.ttl is the build of seeds/: run `kg build` after changing extractors or data."""
    committed = (EXPORTS / "kg.ttl").read_bytes()
    assert committed == seeds_turtle, "exports/kg.ttl is stale: run `kg build` and commit it"


def test_documents_have_identifier_title_and_date(seeds_build):
    g = seeds_build.graph
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    by_name = {str(g.value(d, dct.identifier)): d for d in g.subjects(RDF.type, KGO.Document)}
    tokyo = by_name["000_2a56f6dbc4fee8d4.txt"]
    assert str(g.value(tokyo, dct.title)) == "The Tokyo Declaration on the U.S.-Japan Global Partnership"
    assert str(g.value(tokyo, dct.date)) == "1992-01-09"
    assert str(g.value(by_name["001_3b2f2922b35c280e.txt"], dct.date)) == "1994-02-12"
