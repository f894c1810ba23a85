"""The reference data of ontology/: it parses, it is consistent, and the generated part is current."""
from __future__ import annotations

from collections import defaultdict

import pytest
import rdflib
from rdflib import RDF, RDFS

from kg.language.lexicon import load_lexicon
from kg.model.text import norm

from .conftest import ONTOLOGY


def test_every_ontology_file_parses():
    for f in sorted(ONTOLOGY.rglob("*.ttl")):
        rdflib.Graph().parse(f, format="turtle")


def test_every_entry_has_one_label():
    g = rdflib.Graph()
    for f in sorted((ONTOLOGY / "gazetteer").glob("*.ttl")) + sorted((ONTOLOGY / "vocab").glob("*.ttl")):
        g.parse(f, format="turtle")
    for s in set(g.subjects(RDF.type, None)):
        labels = list(g.objects(s, RDFS.label))
        assert len(labels) == 1, f"{s} has {len(labels)} labels"


def test_no_two_actors_share_a_name():
    lex = load_lexicon()
    owners = defaultdict(set)
    for e in lex.of_type("actor"):
        for form in e.surface_forms:
            owners[norm(form)].add(e.iri)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes, clashes


def test_countries_come_with_their_aliases():
    lex = load_lexicon()
    us = lex.get("https://w3id.org/kg/id/actor/united-states")
    assert us.kind == "Country" and {"U.S.", "America", "United States of America"} <= set(us.aliases)
    assert "American" in us.demonyms and "Washington" in us.metonyms
    assert lex.get("https://w3id.org/kg/id/actor/germany").demonyms == ["German"]
    assert len([e for e in lex.of_type("actor") if e.kind == "Country"]) > 240


def test_government_bodies_belong_to_their_state():
    lex = load_lexicon()
    miti = lex.get("https://w3id.org/kg/id/actor/ministry-of-international-trade-and-industry")
    assert miti.kind == "GovernmentBody" and miti.parent == "https://w3id.org/kg/id/actor/japan"


def test_generated_countries_are_current():
    pytest.importorskip("pycountry")
    pytest.importorskip("country_converter")
    from kg.language.gazetteer_countries import HEADER, countries_graph
    fresh = HEADER + countries_graph().serialize(format="turtle")
    assert (ONTOLOGY / "gazetteer" / "countries.ttl").read_text(encoding="utf-8") == fresh, \
        "regenerate: python -m kg.language.gazetteer_countries > ontology/gazetteer/countries.ttl"


def test_generated_memberships_are_current():
    pytest.importorskip("country_converter")
    from kg.language.gazetteer_memberships import HEADER, memberships_graph
    fresh = HEADER + memberships_graph().serialize(format="turtle")
    assert (ONTOLOGY / "gazetteer" / "memberships.ttl").read_text(encoding="utf-8") == fresh, \
        "regenerate: python -m kg.language.gazetteer_memberships > ontology/gazetteer/memberships.ttl"


def test_memberships_join_known_states_and_organisations():
    lex = load_lexicon()
    g7 = "https://w3id.org/kg/id/actor/group-of-seven"
    assert set(lex.members(g7)) == {f"https://w3id.org/kg/id/actor/{x}" for x in
                                    ("canada", "france", "germany", "italy", "japan", "united-kingdom",
                                     "united-states")}
    for org in lex.members_index:
        assert lex.get(org) is not None and lex.get(org).kind == "InternationalOrganization"
        assert all(lex.get(m) is not None and lex.get(m).kind == "Country" for m in lex.members(org))
