"""`kg query`: the saved queries answer their questions on the sample graph, the same in
rdflib and in the pyoxigraph store; parameters are values, never query text; errors are
one clear line."""
from __future__ import annotations

import csv
import io
import json
import os
import time
from collections import Counter, defaultdict

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.cli import main
from kg.model.iri import KGO
from kg.ask.sparql import (QUERIES_DIR, QueryError, check_params, parse_header, resolve_query, run, run_rdflib,
                      saved_queries)
from kg.graph.store import SCHEMA, is_current, open_graph, sources_for, store_path

from .conftest import SEEDS, cli_build, heavy_imports

EXAMPLE_PARAMS = {"agreement": "MOSS", "actor": "Japan", "issue": "protectionism", "actor1": "Japan",
                  "actor2": "MITI"}
HOSTILE_NAMES = [
    'Japan"',
    "Japan' } UNION { ?a ?b ?c } #",
    'Japan" } UNION { ?pledge ?p ?o } #',
    "}",
    "{ ?s ?p ?o }",
    "Japan\n} UNION {\n?x ?y ?z",
    '\\" . ?s ?p ?o . "',
]


@pytest.fixture(scope="module")
def store(sample):
    return open_graph(sample)


@pytest.fixture(scope="module")
def rdf(sample):
    """The same sources in rdflib: the graph and the ontology's schema."""
    g = rdflib.Graph()
    for src in sources_for(sample):
        g.parse(src, format="turtle")
    return g


def saved(name: str):
    return next(q for q in saved_queries() if q.name == name)


def ask(store, name: str, **params) -> list[dict]:
    q = saved(name)
    a = run(store, q.text, params)
    return [{v: (t["value"] if t else None) for v, t in zip(a.variables, row)} for row in a.rows]


def named(g, name: str) -> set[URIRef]:
    """Nodes whose label or alias is `name`, ignoring case: found by walking the triples."""
    k = name.lower()
    return {s for p in (RDFS.label, SKOS.altLabel) for s, o in g.subject_objects(p) if str(o).lower() == k}


def label(g, node) -> str:
    return str(g.value(node, RDFS.label))


def document_text(name: str) -> str:
    with open(SEEDS / name, encoding="utf-8", newline="") as f:
        return f.read()


# ------------------------------------------------------------------ the saved queries

def test_every_saved_query_says_what_it_answers_and_runs_with_its_example(store):
    queries = saved_queries()
    assert {q.name for q in queries} >= {"agreement-parties", "pledges-by-actor", "agreements-by-sector",
                                         "actors-by-pledges", "positions-on-issue", "documents-with-actors",
                                         "agreements-timeline"}
    for q in queries:
        assert q.description, q.name
        assert q.examples and q.examples[0].startswith(f"kg query {q.name}"), q.name
        params = {p.name: EXAMPLE_PARAMS[p.name] for p in q.params}
        assert run(store, q.text, params).rows, q.name


@pytest.mark.parametrize("query", saved_queries(), ids=lambda q: q.name)
def test_both_engines_give_identical_answers(store, rdf, query):
    params = {p.name: EXAMPLE_PARAMS[p.name] for p in query.params}
    oxigraph = run(store, query.text, params)
    reference = run_rdflib(rdf, query.text, params, store.prefixes)
    assert oxigraph.variables == reference.variables
    assert oxigraph.rows, "the example should have an answer to compare"
    assert oxigraph.rows == reference.rows


def test_agreement_parties(store, rdf):
    rows = ask(store, "agreement-parties", agreement="MOSS")
    assert {r["party"] for r in rows} == {"Japan", "United States"}
    assert {r["title"] for r in rows} == {"Market-Oriented Sector-Selective talks"}
    assert {r["class"] for r in rows} == {"Country"}
    # by its canonical name in another case, and by its IRI: the same answer
    assert ask(store, "agreement-parties", agreement="market-oriented sector-selective TALKS") == \
        [dict(r, agreement="market-oriented sector-selective TALKS") for r in rows]
    iri = str(next(iter(named(rdf, "MOSS"))))
    assert {r["party"] for r in ask(store, "agreement-parties", agreement=iri)} == {"Japan", "United States"}
    # every agreement: the parties the graph states, no more, no fewer
    for a in rdf.subjects(RDF.type, KGO.Agreement):
        expected = {str(p) for p in rdf.objects(a, KGO.party)}
        assert {r["partyIri"] for r in ask(store, "agreement-parties", agreement=str(a))} == expected


def test_a_name_with_an_apostrophe_is_just_a_name(store):
    rows = ask(store, "agreement-parties", agreement="Children's Vaccine Initiative")
    assert {r["party"] for r in rows} == {"Japan", "United States"}


def test_pledges_by_actor_give_sector_instrument_and_the_sentence(store, rdf):
    rows = ask(store, "pledges-by-actor", actor="Japan")
    japan = next(iter(named(rdf, "Japan")))
    expected = {str(p) for p in rdf.subjects(KGO.pledgedBy, japan)}
    assert {r["pledge"] for r in rows} == expected
    for r in rows:
        assert r["by"] == "Japan"
        assert r["evidence"] in document_text(r["document"])
    # a pledge about two sectors is two rows, one per sector
    sectors = defaultdict(set)
    for r in rows:
        if r["sector"]:
            sectors[r["pledge"]].add(r["sector"])
    for p, found in sectors.items():
        assert found == {label(rdf, s) for s in rdf.objects(URIRef(p), KGO.concernsSector)}
    # an alias: MITI's pledges, in its own words, under the Plan of Action
    miti = ask(store, "pledges-by-actor", actor="miti")
    assert miti and {r["by"] for r in miti} == {"Ministry of International Trade and Industry"}
    assert any("flat glass" in r["evidence"] and r["sector"] == "flat glass" and r["instrument"] == "Plan of Action"
               for r in miti)


def test_agreements_by_sector(store, rdf):
    rows = ask(store, "agreements-by-sector")
    expected: dict[tuple[str, str], set] = defaultdict(set)
    for p in rdf.subjects(RDF.type, KGO.Pledge):
        for a in rdf.objects(p, KGO.underAgreement):
            for s in rdf.objects(p, KGO.concernsSector):
                expected[(label(rdf, s), label(rdf, a))].add(p)
    for a in rdf.subjects(RDF.type, KGO.Agreement):
        for s in rdf.objects(a, KGO.concernsSector):
            expected.setdefault((label(rdf, s), label(rdf, a)), set())
    assert {(r["sector"], r["agreement"]): int(r["pledges"]) for r in rows} == \
        {k: len(v) for k, v in expected.items()}
    assert [r["sector"] for r in rows] == sorted(r["sector"] for r in rows)
    assert any(r["sector"] == "automobiles" and r["agreement"] == "Plan of Action" for r in rows)


def test_actors_by_number_of_pledges(store, rdf):
    rows = ask(store, "actors-by-pledges")
    counts = Counter(a for p in set(rdf.subjects(RDF.type, KGO.Pledge)) for a in set(rdf.objects(p, KGO.pledgedBy)))
    assert {r["actorIri"]: int(r["pledges"]) for r in rows} == {str(a): n for a, n in counts.items()}
    numbers = [int(r["pledges"]) for r in rows]
    assert numbers == sorted(numbers, reverse=True)
    assert {rows[0]["actor"], rows[1]["actor"]} == {"Japan", "United States"}


def test_who_opposes_or_supports_an_issue(store, rdf):
    rows = ask(store, "positions-on-issue", issue="Protectionism")
    # the Tokyo Declaration: "the two governments are resolved to ... oppose protectionism"
    assert {(r["actor"], r["position"]) for r in rows} >= {("Japan", "opposes"), ("United States", "opposes")}
    for r in rows:
        assert "protectionism" in r["evidence"].lower()
        assert r["evidence"] in document_text(r["document"])
    issue = next(iter(named(rdf, "protectionism")))
    stances = {(label(rdf, rdf.value(s, KGO.heldBy)), str(rdf.value(s, KGO.position)).split("#")[1])
               for s in rdf.subjects(KGO.onIssue, issue)}
    assert {(r["actor"], r["position"]) for r in rows} == stances


def test_documents_that_mention_two_actors(store, rdf):
    rows = ask(store, "documents-with-actors", actor1="Japan", actor2="MITI")
    japan, miti = next(iter(named(rdf, "Japan"))), next(iter(named(rdf, "MITI")))
    both = set(rdf.objects(japan, KGO.mentionedIn)) & set(rdf.objects(miti, KGO.mentionedIn))
    assert {r["document"] for r in rows} == {str(rdf.value(d, DCTERMS.identifier)) for d in both}
    tokyo = next(r for r in rows if r["document"] == "000_2a56f6dbc4fee8d4.txt")
    assert tokyo["title"] == "The Tokyo Declaration on the U.S.-Japan Global Partnership"
    assert tokyo["date"] == "1992-01-09"
    for r in rows:
        text = document_text(r["document"])
        assert "Japan" in text and "MITI" in text
    # the same actor twice is not "two actors together"
    assert ask(store, "documents-with-actors", actor1="Japan", actor2="Japanese side") == []


def test_timeline_of_agreements(store, rdf):
    rows = ask(store, "agreements-timeline")
    dated = {label(rdf, a): str(d) for a, d in rdf.subject_objects(DCTERMS.date)
             if (a, RDF.type, KGO.Agreement) in rdf}
    assert {r["agreement"]: r["date"] for r in rows} == dated
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert rows[0]["agreement"] == "Charter of the United Nations" and rows[0]["date"] == "1945-06-26"
    moss = next(r for r in rows if r["agreement"] == "Market-Oriented Sector-Selective talks")
    assert moss["date"] == "1985" and moss["parties"] == "2"


# ------------------------------------------------------------------ parameters are values

@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_parameter_values_are_only_values(store, rdf, name):
    for q in ("pledges-by-actor", "agreement-parties"):
        query = saved(q)
        params = {p.name: name for p in query.params}
        assert run(store, query.text, params).rows == []
        assert run_rdflib(rdf, query.text, params, store.prefixes).rows == []


def test_parameters_are_bound_not_pasted(sample):
    # the query text is run as written: a parameter value never becomes SPARQL
    r = CliRunner().invoke(main, ["query", "SELECT ?x WHERE { BIND(STRLEN(?x) AS ?n) }", "--data", str(sample),
                                  "-p", 'x=" } UNION { ?s ?p ?o } #', "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["results"]["bindings"] == [{"x": {"type": "literal", "value": '" } UNION { ?s ?p ?o } #'}}]


def test_saved_query_parameters_are_checked():
    q = saved("pledges-by-actor")
    with pytest.raises(QueryError, match="needs --param actor=VALUE"):
        check_params(q, {})
    with pytest.raises(QueryError, match="has no parameter 'country'"):
        check_params(q, {"actor": "Japan", "country": "Japan"})


def test_header_of_a_saved_query():
    description, params, examples = parse_header((QUERIES_DIR / "documents-with-actors.rq").read_text())
    assert description.startswith("Documents that mention two given actors together")
    assert [p.name for p in params] == ["actor1", "actor2"]
    assert examples == ("kg query documents-with-actors --param actor1=Japan --param actor2=MITI",)


# ------------------------------------------------------------------ the command

def invoke(*args):
    return CliRunner().invoke(main, ["query", *args])


def test_cli_table_by_default_and_formats_for_scripts(sample):
    r = invoke("pledges-by-actor", "--param", "actor=Japan", "--data", str(sample))
    assert r.exit_code == 0, r.output
    header, rule = r.output.splitlines()[:2]
    assert header.split() == ["actor", "by", "sector", "instrument", "document", "page", "evidence", "pledge"]
    assert set(rule.replace(" ", "")) == {"-"}
    as_json = json.loads(invoke("pledges-by-actor", "-p", "actor=Japan", "--data", str(sample),
                                "--format", "json").output)
    assert as_json["head"]["vars"] == ["actor", "by", "sector", "instrument", "document", "page", "evidence", "pledge"]
    first = as_json["results"]["bindings"][0]
    assert first["pledge"]["type"] == "uri" and first["by"] == {"type": "literal", "value": "Japan"}
    rows = list(csv.DictReader(io.StringIO(invoke("pledges-by-actor", "-p", "actor=Japan", "--data", str(sample),
                                                  "--format", "csv").output)))
    assert len(rows) == len(as_json["results"]["bindings"]) == len(r.output.splitlines()) - 2
    assert rows[0]["evidence"] == first["evidence"]["value"]
    tsv = invoke("actors-by-pledges", "--data", str(sample), "--format", "tsv").output.splitlines()
    assert tsv[0] == "?actor\t?class\t?pledges\t?actorIri"
    assert '"Japan"' in tsv[1] and "<https://w3id.org/kg/id/actor/japan>" in tsv[1]


def test_cli_query_text_file_construct_and_ask(sample, tmp_path):
    rq = tmp_path / "countries.rq"
    rq.write_text("SELECT ?c WHERE { ?c a kgo:Country ; rdfs:label \"Japan\" }\n")
    r = invoke(str(rq), "--data", str(sample))
    assert r.exit_code == 0, r.output
    assert "kga:japan" in r.output
    r = invoke("CONSTRUCT { ?a kgo:party ?p } WHERE { ?a kgo:party ?p ; skos:altLabel \"MOSS\" }", "--data", str(sample))
    assert r.exit_code == 0, r.output
    g = rdflib.Graph().parse(data=r.output, format="turtle")
    assert {str(o) for o in g.objects(None, KGO.party)} == {"https://w3id.org/kg/id/actor/japan",
                                                          "https://w3id.org/kg/id/actor/united-states"}
    assert invoke("ASK { kga:japan a kgo:Country }", "--data", str(sample)).output == "true\n"
    assert json.loads(invoke("ASK { kga:japan a kgo:Agreement }", "--data", str(sample), "--format", "json").output) \
        == {"head": {}, "boolean": False}


def test_cli_list_shows_every_saved_query_with_its_description():
    r = invoke("--list")
    assert r.exit_code == 0
    for q in saved_queries():
        assert q.name in r.output and q.description in r.output
    assert "--param actor=..." in r.output


def test_cli_syntax_error_names_line_and_column(sample):
    r = invoke("SELECT ?x WHERE {\n  ?x a kgo:Country\n  FILTER(\n}", "--data", str(sample))
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    assert "syntax error in the query at line 4, column " in r.output
    r = invoke("SELECT ?x WHERE {\n  ?x a nope:Thing }", "--data", str(sample))
    assert r.exit_code == 1 and "at line 2, column " in r.output and "unknown prefix 'nope:'" in r.output


def test_cli_unknown_saved_query_suggests_the_close_one(sample):
    r = invoke("pledges-by-actors", "--data", str(sample))
    assert r.exit_code == 1
    assert "no saved query named 'pledges-by-actors'; did you mean pledges-by-actor?" in r.output


def test_cli_missing_graph_says_to_build(tmp_path):
    r = invoke("actors-by-pledges", "--data", str(tmp_path / "kg.ttl"))
    assert r.exit_code == 1
    assert "run `kg build` first" in r.output


def test_cli_missing_parameter(sample):
    r = invoke("positions-on-issue", "--data", str(sample))
    assert r.exit_code == 1
    assert "positions-on-issue needs --param issue=VALUE" in r.output


def test_cli_broken_turtle_is_one_line(tmp_path):
    bad = tmp_path / "kg.ttl"
    bad.write_text("@prefix kgo: <https://w3id.org/kg/ontology#> .\nkgo:x kgo:y \"unterminated .\n")
    r = invoke("actors-by-pledges", "--data", str(bad))
    assert r.exit_code == 1
    assert "is not valid Turtle" in r.output and "Traceback" not in r.output


# ------------------------------------------------------------------ the store

def test_store_is_built_beside_the_turtle_and_rebuilt_when_it_changes(tmp_path):
    ttl = tmp_path / "kg.ttl"
    ttl.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n<https://w3id.org/kg/id/actor/a> '
                   'rdfs:label "First" .\n')
    q = "SELECT ?l WHERE { <https://w3id.org/kg/id/actor/a> rdfs:label ?l }"
    assert [r[0]["value"] for r in run(open_graph(ttl), q).rows] == ["First"]
    assert store_path(ttl) == tmp_path / "kg.store" and store_path(ttl).is_dir()
    assert is_current(store_path(ttl), sources_for(ttl))
    ttl.write_text(ttl.read_text().replace("First", "Second"))
    os.utime(ttl, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert not is_current(store_path(ttl), sources_for(ttl))
    assert [r[0]["value"] for r in run(open_graph(ttl), q).rows] == ["Second"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp")]


def test_store_holds_the_schema_for_classes(store):
    q = "SELECT ?c WHERE { kgo:Country rdfs:subClassOf ?c }"
    assert {"https://w3id.org/kg/ontology#Actor"} <= {r[0]["value"] for r in run(store, q).rows}
    assert SCHEMA in store.sources


def test_build_refreshes_the_store(tmp_path):
    out, _ = cli_build(tmp_path, SEEDS / "002_4a306536104352d6.txt", "-q")
    assert is_current(out / "kg.store", sources_for(out / "kg.ttl"))
    r = invoke("SELECT (COUNT(*) AS ?n) WHERE { ?d a kgo:Document }", "--data", str(out / "kg.ttl"), "--format", "csv")
    assert r.output.splitlines()[1] == "1"


def test_query_command_imports_no_nlp_nor_rdflib(sample):
    assert heavy_imports(["query", "actors-by-pledges", "--data", str(sample)]) == []


def test_resolve_query_reads_files_and_names(tmp_path):
    text, q, where = resolve_query("agreements-timeline")
    assert q is not None and q.name == "agreements-timeline" and "SELECT" in text
    with pytest.raises(QueryError, match="no query file"):
        resolve_query(str(tmp_path / "missing.rq"))
    text, q, where = resolve_query("SELECT * WHERE { ?s ?p ?o }")
    assert q is None and where == "the query"
