"""Extraction on a document unlike the samples: the EU and Japan, China and Germany, 2018."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, URIRef

from kg.model.iri import ACTOR, KGO, NIF, PROV
from kg.build import build

DOCS = Path(__file__).resolve().parent / "data" / "docs"


@pytest.fixture(scope="module")
def graph():
    return build(DOCS / "eu_japan_2018.txt").graph


def label(g, node) -> str:
    return str(g.value(node, RDFS.label))


def pledges(g) -> list[tuple[set[str], str]]:
    out = []
    for p in g.subjects(RDF.type, KGO.Pledge):
        span = g.value(p, PROV.wasDerivedFrom)
        out.append(({label(g, a) for a in g.objects(p, KGO.pledgedBy)}, str(g.value(span, NIF.anchorOf))))
    return out


def test_actors_of_other_countries_and_unions(graph):
    g = graph
    kinds = {label(g, s): str(o).split("#")[-1] for s, o in g.subject_objects(RDF.type)
             if (s, KGO.mentionedIn, None) in g}
    assert kinds["European Union"] == "InternationalOrganization"
    assert kinds["European Commission"] == "InternationalOrganization"
    assert kinds["China"] == "Country" and kinds["Germany"] == "Country"
    assert kinds["Ministry of Commerce of China"] == "GovernmentBody"
    assert kinds["Angela Merkel"] == "Person" and kinds["Jean-Claude Juncker"] == "Person"


def test_persons_represent_their_state_or_union(graph):
    g = graph
    reps = {label(g, s): {label(g, o) for o in g.objects(s, KGO.represents)}
            for s in g.subjects(RDF.type, KGO.Person)}
    assert reps["Angela Merkel"] == {"Germany"}
    assert reps["Shinzo Abe"] == {"Japan"}
    assert reps["Jean-Claude Juncker"] == {"European Commission", "European Union"}   # the body and its union


def test_agreement_with_its_parties_and_year(graph):
    g = graph
    epa = URIRef("https://w3id.org/kg/id/agreement/eu-japan-economic-partnership-agreement")
    assert {label(g, p) for p in g.objects(epa, KGO.party)} == {"European Union", "Japan"}
    assert str(g.value(epa, URIRef("http://purl.org/dc/terms/date"))).startswith("2018")


def test_pledges_of_a_list_belong_to_its_lead_in(graph):
    found = pledges(graph)
    assert ({"European Union", "Japan"}, "strengthen cooperation on climate change") in found
    assert ({"European Union"}, "the EU will remove its 10% tariff on Japanese cars over seven years.") in found
    assert ({"Japan"}, "Japan will open its market for European wine and dairy products") in found
    assert not any(text.endswith("pledge to") for _, text in found), "a lead-in is not a pledge itself"


def test_a_capital_that_acts_is_its_state(graph):
    g = graph
    china = ACTOR["china"]
    assert "Beijing" in {str(a) for a in g.objects(china, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"))}


def test_stances_of_a_named_leader(graph):
    g = graph
    stances = {(label(g, g.value(s, KGO.heldBy)), str(g.value(s, KGO.position)).split("#")[-1],
                label(g, g.value(s, KGO.onIssue))) for s in g.subjects(RDF.type, KGO.Stance)}
    assert ("Angela Merkel", "opposes", "protectionism") in stances or ("Germany", "opposes", "protectionism") in stances


def test_amounts_and_target_years_are_data(graph):
    g = graph
    both = [p for p in g.subjects(RDF.type, KGO.Pledge)
            if "90 percent" in str(g.value(g.value(p, PROV.wasDerivedFrom), NIF.anchorOf))]
    assert both
    p = both[0]
    assert "2033" in {str(y) for y in g.objects(p, KGO.targetYear)}
    values = {(str(g.value(a, KGO.value)), str(g.value(a, KGO.unit))) for a in g.objects(p, KGO.amount)}
    assert ("90.0", "percent") in values
    assert {label(g, a) for a in g.objects(p, KGO.pledgedBy)} == {"European Union", "Japan"}
