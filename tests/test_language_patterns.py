"""Language patterns the extractors must read the same way in any document.

`tests/data/docs/language_patterns.txt` puts one pattern a sentence, in the
forms trade and diplomatic texts use: two bodies named in one breath, a region
whose name holds a country's, a commitment reported with "would", a position
held by the agent of a passive, and statements that commit to nothing.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS

from kg.model.iri import KGO, NIF, PROV
from kg.build import build

DOC = Path(__file__).resolve().parent / "data" / "docs" / "language_patterns.txt"


@pytest.fixture(scope="module")
def graph():
    return build(DOC).graph


def labels_of(g, cls) -> set[str]:
    return {str(g.value(s, RDFS.label)) for s in g.subjects(RDF.type, cls) if (s, KGO.mentionedIn, None) in g}


def pledges(g) -> dict[str, set[str]]:
    out = {}
    for p in g.subjects(RDF.type, KGO.Pledge):
        text = str(g.value(g.value(p, PROV.wasDerivedFrom), NIF.anchorOf))
        out[text] = {str(g.value(a, RDFS.label)) for a in g.objects(p, KGO.pledgedBy)}
    return out


def test_two_bodies_joined_by_and_are_two(graph):
    names = labels_of(graph, KGO.InternationalOrganization) | labels_of(graph, KGO.GovernmentBody)
    assert {"Council of the European Union", "European Parliament"} <= names
    assert not any(" and the European Parliament" in n for n in names)


def test_a_region_is_not_the_country_its_name_contains(graph):
    cooperate = [by for text, by in pledges(graph).items() if text.startswith("Both sides will cooperate")]
    assert cooperate and "United States" not in cooperate[0]


def test_a_commitment_reported_with_would_is_a_pledge_of_its_subject(graph):
    reported = [by for text, by in pledges(graph).items() if "would cut its greenhouse gas emissions" in text]
    assert reported and reported[0] == {"Japan"}   # Suga reports; Japan commits


def test_statements_that_commit_to_nothing_are_not_pledges(graph):
    texts = " ".join(pledges(graph))
    assert "End summary" not in texts          # a cable's section mark
    assert "expects no material effect" not in texts   # a forecast
    assert "urged Tokyo to commit" not in texts        # a demand of another


def test_the_agent_of_a_passive_holds_the_opposing_position(graph):
    g = graph
    stances = {(str(g.value(g.value(s, KGO.heldBy), RDFS.label)), str(g.value(s, KGO.position)).split("#")[-1])
               for s in g.subjects(RDF.type, KGO.Stance)}
    assert ("United States", "supports") in stances
    assert ("European Union", "opposes") in stances
    assert ("United States", "opposes") not in stances
