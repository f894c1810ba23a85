"""Extraction quality on the sample corpus, scored against its gold: floors no change may go below.

The floors are those the project committed to; the figures of the current
build are in the README and in the notes of each change.
"""
from __future__ import annotations

import pytest

from kg.evaluate import evaluate_graph, load_gold

from .conftest import GOLD, SEEDS

FLOORS = {
    "actors": 0.90,
    "agreements": 0.80,
    "sectors": 0.90,
    "issues": 0.70,
    "pledges": 0.85,
    "stances": 0.60,
}
ATTRIBUTE_FLOORS = {
    "actor.kind": 0.90,
    "person.represents": 0.80,
    "agreement.parties": 0.80,
    "pledge.by": 0.90,
    "pledge.sectors": 0.80,
}


@pytest.fixture(scope="module")
def scores(seeds_build):
    import rdflib
    from kg.lexicon import ONTOLOGY_DIR
    g = rdflib.Graph()
    for t in seeds_build.graph:
        g.add(t)
    for f in sorted(ONTOLOGY_DIR.rglob("*.ttl")):
        g.parse(f, format="turtle")
    return evaluate_graph(g, load_gold(GOLD), SEEDS)


@pytest.mark.parametrize("typ,floor", sorted(FLOORS.items()))
def test_f1_stays_above_its_floor(scores, typ, floor):
    assert scores.f1(typ) >= floor, f"{typ} F1 {scores.f1(typ):.3f} < {floor}"


@pytest.mark.parametrize("attr,floor", sorted(ATTRIBUTE_FLOORS.items()))
def test_attribute_stays_above_its_floor(scores, attr, floor):
    assert scores.attributes[attr] >= floor, f"{attr} {scores.attributes[attr]:.3f} < {floor}"


def test_every_span_reproduces_its_text(scores):
    assert scores.provenance["wrong"] == 0
    assert scores.provenance["exact_share"] == 1.0


def test_every_gold_document_is_in_the_graph(scores):
    assert scores.missing_documents == []
