"""Extraction quality against gold annotations: floors no change may go below.

Three sets: the sample corpus (`seeds/`, U.S.-Japan 1992-2019), the held-out
documents of other genres, years and countries written for the project
(`tests/data/heldout/`), and real multilateral, treaty and archival texts
(`tests/data/multilateral/`). The floors are those the project committed to;
the figures of each release are in docs/quality.md.
"""
from __future__ import annotations

import pytest

from kg.evaluate.scoring import evaluate_graph, load_gold, with_ontology

from .conftest import GOLD_SETS as CORPORA
FLOORS = {
    "sample": {"actors": 0.90, "agreements": 0.80, "sectors": 0.90, "issues": 0.70, "pledges": 0.85,
               "stances": 0.63},
    "held-out": {"actors": 0.85, "agreements": 0.78, "sectors": 0.70, "issues": 0.60, "pledges": 0.88,
                 "stances": 0.60},
    # multilateral: eighteen documents since a 1967 telegram and a C5+1 statement joined the set
    # (stances 0.520 -> 0.418 on it: the telegram's positions are on issues no vocabulary names)
    # stances 0.432 -> 0.662 since issues are read by more of their names, "such behavior" points back,
    # and parts of a collective ("Most members") hold positions of their own (docs/quality.md)
    "multilateral": {"actors": 0.89, "agreements": 0.82, "sectors": 0.70, "issues": 0.60, "pledges": 0.88,
                     "stances": 0.64},
    # confirm: ten real texts annotated blind (tests/data/confirm); first scored at agreements 0.571,
    # pledges 0.766, stances 0.025; the floors are where the work of its first reading left them
    "confirm": {"actors": 0.88, "agreements": 0.83, "sectors": 0.65, "issues": 0.54, "pledges": 0.82,
                "stances": 0.17},
}
ATTRIBUTE_FLOORS = {
    # pledge.sectors of the sample: 0.799 since forecasts ("The agreements will make it easier for ...")
    # are no longer pledges (docs/quality.md)
    "sample": {"actor.kind": 0.90, "person.represents": 0.80, "agreement.parties": 0.80, "pledge.by": 0.90,
               "pledge.sectors": 0.79},
    "held-out": {"pledge.by": 0.85, "pledge.agreement": 0.75, "person.represents": 0.90},
    # agreement.parties of the multilateral set is a mean over the instruments matched: 0.826 -> 0.787
    # when two more were found whose parties the text says only of the partners' acts; 0.833 since
    # the agreements of a list are those of who its lead-in says made them
    # person.represents of the multilateral set: 0.900 (36 of 40) since a topic's country and the
    # state an ambassador is accredited to no longer place a person; General de Gaulle, whom
    # nothing in an American memorandum places in France, is still the United States'
    "multilateral": {"actor.kind": 0.95, "agreement.parties": 0.80, "pledge.by": 0.92, "pledge.agreement": 0.87,
                     "person.represents": 0.88, "pledge.issues": 0.45},
    # confirm: pledge.by 0.809 -> 0.923 and pledge.agreement 0.529 -> 0.923 since a "we" after an opening
    # phrase, a "Joint ..." heading of a collective text and a deal named by its kind are read
    "confirm": {"actor.kind": 0.93, "pledge.by": 0.92, "pledge.agreement": 0.90, "agreement.parties": 0.85,
                "person.represents": 0.84},
}


@pytest.fixture(scope="module")
def scores(gold_set_builds):
    out = {}
    for name, (docs, gold) in CORPORA.items():
        result = gold_set_builds[name]
        assert result.skipped == []
        out[name] = evaluate_graph(with_ontology(result.graph), load_gold(gold), docs)
    return out


@pytest.mark.parametrize("corpus,typ,floor", [(c, t, f) for c, fs in FLOORS.items() for t, f in sorted(fs.items())])
def test_f1_stays_above_its_floor(scores, corpus, typ, floor):
    f1 = scores[corpus].f1(typ)
    assert f1 >= floor, f"{corpus}: {typ} F1 {f1:.3f} < {floor}"


@pytest.mark.parametrize("corpus,attr,floor",
                         [(c, a, f) for c, fs in ATTRIBUTE_FLOORS.items() for a, f in sorted(fs.items())])
def test_attribute_stays_above_its_floor(scores, corpus, attr, floor):
    value = scores[corpus].attributes[attr]
    assert value >= floor, f"{corpus}: {attr} {value:.3f} < {floor}"


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_every_span_reproduces_its_text(scores, corpus):
    assert scores[corpus].provenance["wrong"] == 0
    assert scores[corpus].provenance["exact_share"] == 1.0


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_every_gold_document_is_in_the_graph(scores, corpus):
    assert scores[corpus].missing_documents == []
