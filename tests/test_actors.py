"""Actors found on real texts of the development sets: how a document names a state, a company
or a body of an organisation the gazetteer does not hold under that name."""
from __future__ import annotations


def actors_in(result, stem: str):
    f = next(f for name, f in result.findings.items() if name.startswith(stem))
    return [m for m in f.mentions if m.type == "actor"]


def test_a_nationality_said_as_a_noun_is_its_state(gold_set_builds):
    """A 1948 memorandum: 'in close touch with the British', 'pointed out to the French' name
    the United Kingdom and France; in 'French, Dutch and British companies' the nationality
    modifies a noun and names no state."""
    found = actors_in(gold_set_builds["multilateral"], "c01")
    said = {(m.key.rsplit("/", 1)[-1], m.span.text) for m in found}
    assert ("united-kingdom", "British") in said
    assert ("france", "French") in said
    companies = [m.span for m in found if m.span.text.endswith("British companies")]
    assert companies
    uk = [m.span for m in found if m.key.endswith("/united-kingdom")]
    assert not [u for u in uk for c in companies if c.begin <= u.begin < c.end]


def test_a_legal_form_after_a_comma_closes_a_company_name(gold_set_builds):
    """'The refinery at Haifa owned by Consolidated Refineries, Ltd. (CRL)': one company, the
    whole name, of kind Company."""
    found = actors_in(gold_set_builds["multilateral"], "c01")
    crl = [m for m in found if m.label.startswith("Consolidated Refineries")]
    assert crl and {m.label for m in crl} == {"Consolidated Refineries, Ltd"}
    assert {m.kind for m in crl} == {"Company"}


def test_a_body_of_a_known_organisation_is_a_second_actor(gold_set_builds):
    """'the International Development Association of the World Bank': the association and the
    bank, not one body named after both."""
    found = actors_in(gold_set_builds["multilateral"], "c05")
    labels = {m.label for m in found}
    assert "International Development Association" in labels
    assert "World Bank" in labels
    assert not [x for x in labels if x.startswith("International Development Association of")]


def test_a_multilateral_facility_the_gazetteer_holds_is_an_organisation(gold_set_builds):
    """The Quad's 'multilateral organizations including the World Health Organization and COVAX'."""
    found = actors_in(gold_set_builds["multilateral"], "f01")
    assert {m.kind for m in found if m.label == "COVAX"} == {"InternationalOrganization"}


def test_a_bank_or_fund_of_one_state_is_that_states_body(gold_set_builds):
    """'the U.S. Export-Import Bank' / 'Export-Import Bank of the United States' in the C5+1's
    statement: a body of one state, not an international organisation, though 'Bank' heads the
    names of international ones ('Asian Development Bank')."""
    found = actors_in(gold_set_builds["multilateral"], "f06")
    kinds = {m.kind for m in found if "Export-Import Bank" in m.label}
    assert kinds == {"GovernmentBody"}


def test_an_archive_series_title_names_no_actor_of_the_paper(gold_set_builds):
    """'Foreign Relations of the United States, 1964–1968, Volume XXVI, Indonesia;
    Malaysia-Singapore; Philippines' heads a telegram from Djakarta: the volume's subjects
    (Malaysia, Singapore, the Philippines) are not actors of the telegram; whose papers these
    are (the United States) is still read from it."""
    result = gold_set_builds["multilateral"]
    keys = {m.key.rsplit("/", 1)[-1] for m in actors_in(result, "c06")}
    assert not keys & {"malaysia", "singapore", "philippines"}
    f = next(f for name, f in result.findings.items() if name.startswith("c06"))
    assert f.archive == "https://w3id.org/kg/id/actor/united-states"


def test_the_gatt_is_both_an_agreement_and_the_body_its_parties_act_through(gold_set_builds):
    """The G-5 announcement of 1985: 'a new round of multilateral trade negotiations in the
    General Agreement on Tariffs and Trade'; the 1963 strategy memorandum: 'a Working Group being
    set up in the GATT', 'a Ministerial Meeting of GATT': the GATT is named as the body as well as
    the agreement, as every gold file that names it holds."""
    for set_name, stem in (("held-out", "005"), ("multilateral", "c02")):
        f = next(f for name, f in gold_set_builds[set_name].findings.items() if name.startswith(stem))
        gatt = [m for m in f.mentions if "general-agreement-on-tariffs-and-trade" in m.key]
        assert {m.type for m in gatt} == {"actor", "agreement"}, set_name
        assert {m.kind for m in gatt if m.type == "actor"} == {"InternationalOrganization"}


def test_an_instruments_name_followed_by_a_bodys_head_noun_names_the_body(gold_set_builds):
    """The held-out U.S.-China fact sheet: 'The two sides will set up a Trade Framework Group, led
    by the United States Trade Representative ...' names a body, not an instrument called 'Trade
    Framework'."""
    f = next(f for name, f in gold_set_builds["held-out"].findings.items() if name.startswith("001"))
    assert not [m for m in f.of_type("agreement") if m.label == "Trade Framework"]
    assert [m for m in f.of_type("agreement")]   # (its instruments are still found)


def test_a_body_a_known_union_qualifies_is_an_international_body(gold_set_builds):
    """Ball's 1963 letter on poultry: 'the EEC Commission', 'the EEC Council of Ministers' are
    bodies of the Community, not of a state; the 1948 memorandum's 'Office of United Nations
    Affairs', of which the United Nations is only the topic, is still a government's office."""
    ball = actors_in(gold_set_builds["multilateral"], "c04")
    assert {m.kind for m in ball if m.label in ("EEC Commission", "EEC Council of Ministers")} == \
        {"InternationalOrganization"}
    memo = actors_in(gold_set_builds["multilateral"], "c01")
    assert {m.kind for m in memo if m.label == "Office of United Nations Affairs"} == {"GovernmentBody"}


def test_companies_of_an_archive_paper_by_the_names_of_their_day(gold_set_builds):
    """The 1968 telegram: 'top executives of Esso, Mobil, Standard Oil of California, Texaco,
    Gulf and Iricon' (Esso and Mobil two companies then, Standard Oil of California Chevron's
    former name); the Nixon-Sato memorandum: 'Mr. Kendall (President of Pepsi Cola)', who
    represents PepsiCo, and 'the Chrysler–Mitsubishi joint venture'."""
    found = actors_in(gold_set_builds["confirm"], "a05")
    keys = {m.key.rsplit("/", 1)[-1] for m in found if m.kind == "Company"}
    assert {"exxon", "mobil", "chevron", "texaco"} <= keys
    a03 = next(f for n, f in gold_set_builds["confirm"].findings.items() if n.startswith("a03"))
    keys = {m.key.rsplit("/", 1)[-1] for m in a03.of_type("actor") if m.kind == "Company"}
    assert {"pepsico", "mitsubishi-group", "chrysler"} <= keys
    assert {k.rsplit("/", 1)[-1] for k in a03.attrs["https://w3id.org/kg/id/actor/kendall"]["represents"]} == {"pepsico"}


def test_a_body_name_does_not_run_over_the_end_of_a_sentence(gold_set_builds):
    """Carter's address to the OAS: 'Venezuela is now cochairing the Paris Conference on
    International Economic Cooperation. The United Nations Economic Commission for Latin
    America is a source of many creative ideas': two bodies, not one name over the full stop."""
    labels = {m.label for m in actors_in(gold_set_builds["confirm"], "a04")}
    assert "Paris Conference on International Economic Cooperation" in labels
    assert "United Nations Economic Commission for Latin America" in labels
    assert not [x for x in labels if "Cooperation. The" in x]


def test_the_nationals_in_the_plural_are_their_state(gold_set_builds):
    """The 1957 memorandum: 'United States representatives had discussed this question with the
    Germans': Germany, as 'the British' is the United Kingdom."""
    found = actors_in(gold_set_builds["confirm"], "a01")
    assert ("germany", "Germans") in {(m.key.rsplit("/", 1)[-1], m.span.text) for m in found}


def test_a_papers_source_note_names_no_actor(gold_set_builds):
    """The 1968 telegram's note 'Source: National Archives ... Repeated to London, Kuwait, Jidda,
    and Dhahran.' routes the cable; Kuwait is no actor of it. The Nixon-Sato memorandum's
    'Source: Library of Congress, Manuscript Division, Kissinger Papers' makes no person
    'Manuscript Division'; Nixon, the subject of a sentence of the same note, stays."""
    a05 = {m.label for m in actors_in(gold_set_builds["confirm"], "a05")}
    assert "Kuwait" not in a05
    # nor a bracketed reference of another note: '(UN doc. S/RES/242 (1967), printed in ...)'
    assert "United Nations" not in a05 and "United Nations Security Council" in a05
    labels = {m.label for m in actors_in(gold_set_builds["confirm"], "a03")}
    assert "Manuscript Division" not in labels and "Nixon" in labels


def test_a_body_on_a_subject_in_a_thing_keeps_its_whole_name(gold_set_builds):
    """The KORUS chapter: 'Consistent with Article 2.14.4 (Committee on Trade in Goods), the
    Committee on Trade in Goods shall consult': one body, the whole name; the sample's 'CITES
    Conference of Parties in Kyoto' does not run on into the city."""
    labels = {m.label for m in actors_in(gold_set_builds["confirm"], "b04")}
    assert "Committee on Trade in Goods" in labels and "Committee on Trade" not in labels
    sample = {m.label for m in actors_in(gold_set_builds["sample"], "000")}
    assert not [x for x in sample if x.endswith("in Kyoto")]


def test_a_name_listed_among_companies_is_a_company(gold_set_builds):
    """The 1968 telegram: 'In a meeting with top executives of Esso, Mobil, Standard Oil of
    California, Texaco, Gulf and Iricon': Gulf and Iricon, which the gazetteer does not hold
    under these names, are companies as the others are."""
    found = actors_in(gold_set_builds["confirm"], "a05")
    companies = {m.span.text for m in found if m.kind == "Company"}
    assert {"Gulf", "Iricon"} <= companies
    assert "Gulf States" not in companies and "Persian Gulf" not in companies


def test_the_state_of_a_places_address_is_no_actor(gold_set_builds):
    """Carter's address to the OAS: 'We will actively pursue the multilateral trade
    negotiations with your governments in Geneva, Switzerland': Switzerland completes the
    address of the place. 'He had issued detailed instructions to Ambassador Nakayama, Japan’s
    chief delegate in Geneva' (the Nixon-Sato memorandum) is no address: Japan is whose
    delegate he is."""
    assert "Switzerland" not in {m.label for m in actors_in(gold_set_builds["confirm"], "a04")}
    a03 = next(f for n, f in gold_set_builds["confirm"].findings.items() if n.startswith("a03"))
    assert set(a03.attrs["https://w3id.org/kg/id/actor/nakayama"]["represents"]) == \
        {"https://w3id.org/kg/id/actor/japan"}


def test_a_state_inside_a_bodys_name_is_the_bodys(gold_set_builds):
    """The ASEAN-U.S. statement: 'initiatives delivered through the ASEAN-Singapore
    Cybersecurity Centre of Excellence (ASCCE) and the ASEAN-Japan Cybersecurity Capacity
    Building Centre (AJCCBC)': two bodies; Japan, named nowhere else, is no actor of the text."""
    found = actors_in(gold_set_builds["confirm"], "b01")
    labels = {m.label for m in found}
    assert "ASEAN-Japan Cybersecurity Capacity Building Centre" in labels and "Japan" not in labels
