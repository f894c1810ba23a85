"""The export under the vocabularies it uses, checked as a semantic-web tool reads it: on its
own (no ontology beside it), under an RDFS reasoner, and with the ontology under HermiT
(OWL 2 DL); with the outside identifiers, SKOS hierarchy and provenance it carries."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from kg.model.iri import KGO, NIF, PROV

from .conftest import EXPORTS, ONTOLOGY, SEEDS



@pytest.fixture(scope="module")
def export() -> rdflib.Graph:
    return rdflib.Graph().parse(EXPORTS / "kg.ttl", format="turtle")


def test_the_shapes_hold_on_the_data_alone(export):
    from pyshacl import validate
    shapes = rdflib.Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")
    conforms, _, text = validate(export, shacl_graph=shapes, inference="none", advanced=True)
    assert conforms, text
    # and the shapes still see what they check: a pledge whose actor is no actor breaks them
    broken = rdflib.Graph()
    for t in export:
        broken.add(t)
    pledge = next(broken.subjects(RDF.type, KGO.Pledge))
    broken.add((pledge, KGO.pledgedBy, URIRef("https://example.org/not-an-actor")))
    assert not validate(broken, shacl_graph=shapes, inference="none", advanced=True)[0]


def test_saved_queries_give_the_same_answer_on_the_data_alone(tmp_path):
    """An endpoint holding only the export answers every saved query as kg's store does,
    which holds the ontology too: each query as any endpoint runs it, its example's names
    resolved to IRIs in a VALUES block."""
    import shutil

    from pyoxigraph import RdfFormat, Store

    from kg.ask.sparql import portable, saved_queries
    from kg.graph.store import open_graph
    shutil.copy(EXPORTS / "kg.ttl", tmp_path / "kg.ttl")
    graph = open_graph(tmp_path / "kg.ttl")
    alone, with_schema = Store(), Store()
    for store in (alone, with_schema):
        store.load(path=str(EXPORTS / "kg.ttl"), format=RdfFormat.TURTLE)
    with_schema.load(path=str(ONTOLOGY / "kg.ttl"), format=RdfFormat.TURTLE)
    answered = 0
    for saved in saved_queries():
        text = portable(graph, saved)
        rows = [[list(map(str, s)) for s in store.query(text)] for store in (alone, with_schema)]
        assert rows[0] == rows[1], saved.name
        answered += bool(rows[0])
    assert answered >= 5  # the examples have answers: the comparison means something


def test_an_rdfs_reasoner_draws_no_false_class(export):
    """mentionedIn is no kind of prov:wasAttributedTo: a document does not become an agent."""
    import owlrl
    g = rdflib.Graph()
    for t in export:
        g.add(t)
    g.parse(ONTOLOGY / "kg.ttl", format="turtle")
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(g)
    documents = set(g.subjects(RDF.type, KGO.Document))
    assert documents
    assert not {d for d in documents if (d, RDF.type, PROV.Agent) in g}
    actors = set(g.subjects(RDF.type, KGO.Actor))
    assert actors and not actors & documents
    assert (URIRef("https://w3id.org/kg/id/actor/japan"), RDF.type, KGO.Actor) in g


def test_the_ontology_is_owl2_dl_and_consistent_with_the_data_under_hermit(export, tmp_path):
    """HermiT (through owlready2, on Java) takes only OWL 2 DL datatypes and axioms: an xsd:gYear
    range made it refuse the ontology. The ontology and the sample's data are consistent."""
    import shutil
    if shutil.which("java") is None:
        pytest.skip("HermiT needs Java, which this machine lacks")
    import owlready2
    g = rdflib.Graph().parse(ONTOLOGY / "kg.ttl", format="turtle")
    for t in export:
        g.add(t)
    nt = tmp_path / "kg.nt"
    g.serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(nt.as_uri()).load()
    with onto:
        owlready2.sync_reasoner(world, infer_property_values=False, debug=0)  # raises when inconsistent or not DL
    assert not list(world.inconsistent_classes())


def test_the_ontology_has_a_version_iri_and_a_licence():
    ont = rdflib.Graph().parse(ONTOLOGY / "kg.ttl", format="turtle")
    o = URIRef("https://w3id.org/kg/ontology")
    assert (o, RDF.type, OWL.Ontology) in ont
    assert str(ont.value(o, OWL.versionIRI)).startswith("https://w3id.org/kg/ontology/")
    assert ont.value(o, DCTERMS.license) == URIRef("https://spdx.org/licenses/MIT")


def test_names_from_english_text_are_tagged_english(export):
    for cls in (KGO.Country, KGO.Agreement, KGO.Sector, KGO.Issue, KGO.Person, KGO.Pledge):
        nodes = set(export.subjects(RDF.type, cls))
        assert nodes
        for n in nodes:
            for p in (RDFS.label, SKOS.altLabel):
                for label in export.objects(n, p):
                    assert label.language == "en", (n, p, label)
    # the evidence is the document's characters, not a name: plain xsd:string, as NIF says
    assert all(a.language is None for a in export.objects(None, NIF.anchorOf))


def test_sectors_and_issues_keep_their_scheme_and_hierarchy(export):
    for cls, scheme in ((KGO.Sector, KGO.SectorScheme), (KGO.Issue, KGO.IssueScheme)):
        for c in export.subjects(RDF.type, cls):
            assert (c, SKOS.inScheme, scheme) in export, c
        assert (scheme, RDF.type, SKOS.ConceptScheme) in export
    broader = set(export.subject_objects(SKOS.broader))
    assert broader
    vocab = rdflib.Graph()
    for f in ("sectors.ttl", "issues.ttl"):
        vocab.parse(ONTOLOGY / "vocab" / f, format="turtle")
    for narrow, broad in broader:
        assert (narrow, SKOS.broader, broad) in vocab
        assert export.value(broad, SKOS.inScheme) is not None and \
            (export.value(broad, RDFS.label) or export.value(broad, SKOS.prefLabel)) is not None


def test_countries_carry_their_iso_and_cameo_codes(export):
    import pycountry
    countries = set(export.subjects(RDF.type, KGO.Country))
    coded = 0
    for c in countries:
        a3 = export.value(c, KGO.isoAlpha3)
        if a3 is None:
            continue
        coded += 1
        entry = pycountry.countries.get(alpha_3=str(a3)) or pycountry.historic_countries.get(alpha_3=str(a3))
        assert entry is not None and str(export.value(c, KGO.isoAlpha2)) == entry.alpha_2
        assert export.value(c, KGO.cameoCode) in (None, a3)
    japan = URIRef("https://w3id.org/kg/id/actor/japan")
    assert (str(export.value(japan, KGO.isoAlpha2)), str(export.value(japan, KGO.isoAlpha3)),
            str(export.value(japan, KGO.cameoCode))) == ("JP", "JPN", "JPN")
    # every country of the sample is one the gazetteer knows, so every one has its codes
    assert coded == len(countries)


def test_pledges_and_stances_carry_event_classes(export):
    codes = lambda n: {str(export.value(c, SKOS.notation)) for c in export.objects(n, KGO.eventClass)}  # noqa: E731
    pledges = set(export.subjects(RDF.type, KGO.Pledge))
    assert pledges and all(codes(p) == {"03", "AGREE"} for p in pledges)
    stances = set(export.subjects(RDF.type, KGO.Stance))
    assert stances
    for s in stances:
        want = {"051", "SUPPORT"} if export.value(s, KGO.position) == KGO.supports else {"11", "DISAPPROVE"}
        assert codes(s) == want, s


def test_documents_and_the_build_record_their_provenance(export):
    docs = set(export.subjects(RDF.type, KGO.Document))
    assert len(docs) == len(list(SEEDS.glob("*.txt")))
    for d in docs:
        path = str(export.value(d, KGO.path))
        assert str(export.value(d, DCTERMS.identifier)) == Path(path).name
        assert str(export.value(d, KGO.sha256)) == hashlib.sha256((SEEDS / path).read_bytes()).hexdigest()
    (run,) = set(export.subjects(RDF.type, PROV.Activity))
    assert set(export.objects(run, PROV.used)) == docs
    from importlib.metadata import version
    agent = export.value(run, PROV.wasAssociatedWith)
    assert str(export.value(agent, KGO.softwareVersion)) == version("kg")
    # no clock in the graph: the only dates are the documents' and agreements' own
    assert not [t for t in export if "dateTime" in str(getattr(t[2], "datatype", ""))]


def test_two_files_of_one_name_in_two_folders_are_two_documents(tmp_path):
    from kg.build import build
    (tmp_path / "1992").mkdir()
    (tmp_path / "2019").mkdir()
    (tmp_path / "1992" / "statement.txt").write_text("Japan will open its market to rice by 1995.\n")
    (tmp_path / "2019" / "statement.txt").write_text("Korea will reduce tariffs on steel by 2022.\n")
    result = build(tmp_path)
    assert result.skipped == []
    g = result.graph
    docs = {str(d): (str(g.value(d, DCTERMS.identifier)), str(g.value(d, KGO.path)))
            for d in g.subjects(RDF.type, KGO.Document)}
    assert docs == {"https://w3id.org/kg/doc/1992/statement": ("statement.txt", "1992/statement.txt"),
                    "https://w3id.org/kg/doc/2019/statement": ("statement.txt", "2019/statement.txt")}
    contexts = {str(o) for o in g.objects(None, NIF.referenceContext)}
    assert contexts == set(docs)


def test_party_represents_and_role_links_cite_their_sentence(export):
    texts = {p.name: open(p, encoding="utf-8", newline="").read() for p in SEEDS.glob("*.txt")}
    docs = {d: str(export.value(d, DCTERMS.identifier)) for d in export.subjects(RDF.type, KGO.Document)}
    cited = {}
    for st in export.subjects(RDF.type, RDF.Statement):
        s, p, o = (export.value(st, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        assert (s, p, o) in export, "evidence of a relation the graph does not state"
        span = export.value(st, PROV.wasDerivedFrom)
        b, e = int(export.value(span, NIF.beginIndex)), int(export.value(span, NIF.endIndex))
        text = str(export.value(span, NIF.anchorOf))
        assert texts[docs[export.value(span, NIF.referenceContext)]][b:e] == text
        cited[(s, p, o)] = text
    for rel in (KGO.represents, KGO.role):
        links = set(export.triples((None, rel, None)))
        assert links and links <= set(cited), rel  # every one is read from a sentence
    roles = rdflib.Graph().parse(ONTOLOGY / "vocab" / "roles.ttl", format="turtle")
    for (s, p, o), text in cited.items():
        if p == KGO.role:  # the sentence names the office, by a name the vocabulary gives it
            said = " ".join(text.split()).casefold()
            names = {str(export.value(o, RDFS.label))} | {str(x) for x in roles.objects(o, SKOS.altLabel)}
            assert any(n.casefold() in said for n in names), (o, text)
    parties = [t for t in cited if t[1] == KGO.party]
    assert parties  # those named in a sentence; the gazetteer's and the document's principal parties cite none
    for s, _, o in parties:
        names = {str(x).casefold() for x in export.objects(o, RDFS.label)} | \
                {str(x).casefold() for x in export.objects(o, SKOS.altLabel)}
        assert any(n in cited[(s, KGO.party, o)].casefold() for n in names)


def test_a_hyphenated_concept_is_found_spaced_as_texts_write_it(gold_set_builds):
    """The G7's 2023 statement on economic resilience: 'market distortive practices of state
    owned enterprises' names the issue the vocabulary spells 'state-owned enterprises'."""
    f04 = next(f for n, f in gold_set_builds["multilateral"].findings.items() if n.startswith("f04"))
    found = {m.span.text for m in f04.of_type("issue") if m.key.endswith("/state-owned-enterprises")}
    assert "state owned enterprises" in found
