"""kg query under limits and on bad input: a time limit, a memory ceiling and Ctrl-C stop a query
from outside the engine; updates, SERVICE, local files and the store's own index are out of
reach; pages, formats, ambiguous and unknown names; never a traceback."""
from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import time

import psutil
import pytest
import rdflib
from rdflib.compare import isomorphic
from click.testing import CliRunner
from pyoxigraph import QueryResultsFormat, parse_query_results

from kg.cli import main

from .conftest import ROOT, small_graph

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 5,000 triples cubed
HUNGRY = "SELECT ?a ?d ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?d ?a"  # 30 million rows to sort


def invoke(*args):
    return CliRunner().invoke(main, ["query", *args])


def one_line_error(r, status: int = 1) -> str:
    assert r.exit_code == status, r.output
    assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1, r.output
    assert r.output.startswith("Error: ")
    return r.output


def test_a_query_past_its_time_limit_is_stopped(sample):
    t = time.monotonic()
    out = one_line_error(invoke(HEAVY, "--data", str(sample), "--timeout", "1"), 2)
    assert time.monotonic() - t < 15
    assert "stopped after 1 s (--timeout)" in out


def test_a_query_over_its_memory_ceiling_is_stopped(sample):
    out = one_line_error(invoke(HUNGRY, "--data", str(sample), "--memory", "300", "--timeout", "120"), 2)
    assert "went over 300 MB of memory (--memory)" in out


def test_ctrl_c_stops_a_query_at_once(sample):
    p = subprocess.Popen([sys.executable, "-m", "kg.cli", "query", HEAVY, "--data", str(sample)], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2)
    workers = psutil.Process(p.pid).children()
    assert workers, "the query runs in a worker process"
    t = time.monotonic()
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=10)
    assert time.monotonic() - t < 5
    assert p.returncode == 130 and err.strip() == "Error: the query interrupted" and "Traceback" not in err
    assert not any(w.is_running() and w.status() != psutil.STATUS_ZOMBIE for w in workers)


def test_kg_query_is_read_only(sample):
    for update in ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "PREFIX x: <urn:x>\n# a comment\nLOAD <file:///etc/passwd>",
                   "DELETE WHERE { ?s ?p ?o }", "clear all", "DROP GRAPH <urn:x>"):
        assert "kg query is read-only" in one_line_error(invoke(update, "--data", str(sample)))


def test_service_is_off_unless_allowed(sample):
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert "SERVICE, which is off: --allow-service" in one_line_error(invoke(q, "--data", str(sample)))
    # allowed, an endpoint that is not there fails in one line, within the time limit
    from kg.ask.endpoint import free_port
    q = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{free_port()}/sparql> {{ ?s ?p ?o }} }}"
    out = one_line_error(invoke(q, "--data", str(sample), "--allow-service", "--timeout", "20"))
    assert "failed" in out
    # the word in a string, an IRI or a variable is not the keyword
    r = invoke('SELECT ?service WHERE { BIND("SERVICE" AS ?service) }', "--data", str(sample), "--format", "csv")
    assert r.exit_code == 0 and r.output.splitlines()[1] == "SERVICE"


def test_local_files_and_the_store_index_are_out_of_reach(sample):
    r = invoke("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "--data", str(sample), "--format", "csv")
    assert r.exit_code == 0 and sorted(r.output.strip().split(",")) == ["o", "p", "s"] and "root" not in r.output
    for q in ("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "SELECT * WHERE { GRAPH ?g { ?s ?p \"japan\" } }"):
        r = invoke(q, "--data", str(sample), "--format", "json")
        assert r.exit_code == 0 and json.loads(r.output)["results"]["bindings"] == []


def test_limit_and_offset_page_the_rows_in_every_format(sample):
    q = "agreements-timeline"
    whole = list(csv.reader(io.StringIO(invoke(q, "--data", str(sample), "--format", "csv").output)))
    assert len(whole) > 10
    page = list(csv.reader(io.StringIO(invoke(q, "--data", str(sample), "--format", "csv", "--limit", "4",
                                              "--offset", "3").output)))
    assert page == [whole[0]] + whole[4:8]
    data = json.loads(invoke(q, "--data", str(sample), "--format", "json", "--limit", "4", "--offset", "3").output)
    assert [b["agreement"]["value"] for b in data["results"]["bindings"]] == [row[1] for row in whole[4:8]]
    xml = invoke(q, "--data", str(sample), "--format", "xml", "--limit", "4", "--offset", "3").output
    rows = list(parse_query_results(xml, QueryResultsFormat.XML))
    assert [r["agreement"].value for r in rows] == [row[1] for row in whole[4:8]]
    table = invoke(q, "--data", str(sample), "--limit", "2").output.splitlines()
    assert len(table) == 4 and whole[1][1] in table[2]
    assert invoke(q, "--data", str(sample), "--format", "csv", "--offset", "100000").output.strip() == ",".join(whole[0])


def test_formats_of_every_kind_of_answer(sample):
    whole = invoke("agreements-timeline", "--data", str(sample), "--format", "xml").output
    assert len(list(parse_query_results(whole, QueryResultsFormat.XML))) > 10
    assert "<boolean>true</boolean>" in invoke("ASK { ?s ?p ?o }", "--data", str(sample), "--format", "xml").output
    construct = "CONSTRUCT { ?a kgo:party ?p } WHERE { ?a kgo:party ?p }"
    nt = invoke(construct, "--data", str(sample), "--format", "nt").output
    jsonld = invoke(construct, "--data", str(sample), "--format", "jsonld").output
    ttl = invoke(construct, "--data", str(sample)).output
    graphs = [rdflib.Graph().parse(data=nt, format="nt"), rdflib.Graph().parse(data=jsonld, format="json-ld"),
              rdflib.Graph().parse(data=ttl, format="turtle")]
    assert len(graphs[0]) > 20 and all(isomorphic(graphs[0], g) for g in graphs[1:])
    assert "for CONSTRUCT and DESCRIBE" in one_line_error(invoke("agreements-timeline", "--data", str(sample),
                                                                  "--format", "nt"))
    assert "for SELECT and ASK" in one_line_error(invoke(construct, "--data", str(sample), "--format", "xml"))


def test_a_name_of_several_actors_lists_them_and_an_unknown_one_gets_the_closest(tmp_path):
    ttl = small_graph(tmp_path, """
kga:ministry-of-finance-japan a kgo:GovernmentBody ; rdfs:label "Ministry of Finance" .
kga:ministry-of-finance-india a kgo:GovernmentBody ; rdfs:label "Ministry of Finance" .
kga:japan a kgo:Country ; rdfs:label "Japan" .
<https://w3id.org/kg/id/agreement/moss> a kgo:Agreement ; rdfs:label "Ministry of Finance" .
""")
    out = one_line_error(invoke("pledges-by-actor", "-p", "actor=ministry of finance", "--data", str(ttl)))
    assert "2 actors are named 'ministry of finance': Ministry of Finance (kga:ministry-of-finance-india, " \
           "GovernmentBody); Ministry of Finance (kga:ministry-of-finance-japan, GovernmentBody); " \
           "give one by its IRI" in out
    # the agreement of that name is the one agreement of that name
    r = invoke("agreement-parties", "-p", "agreement=Ministry of Finance", "--data", str(ttl), "--format", "csv")
    assert r.exit_code == 0, r.output
    out = one_line_error(invoke("pledges-by-actor", "-p", "actor=Japn", "--data", str(ttl)))
    assert out == "Error: no actor named 'Japn'; did you mean 'Japan'?\n"
    r = invoke("pledges-by-actor", "-p", "actor=kga:ministry-of-finance-india", "--data", str(ttl), "--format", "csv")
    assert r.exit_code == 0 and r.output.startswith("actor,by,")


@pytest.mark.parametrize("name", ["<http://x> }", "<http://x y>", 'http://x"y', "<>", "kga:ja pan", "urn:\n",
                                  '"} UNION {', "<https://w3id.org/kg/id/actor/japan"])
def test_names_that_look_like_iris_but_are_not_are_unknown_names(sample, name):
    out = one_line_error(invoke("pledges-by-actor", "-p", f"actor={name}", "--data", str(sample)))
    assert out.startswith("Error: no actor named ")
    r = CliRunner().invoke(main, ["neighbors", name, "--data", str(sample)])
    assert r.exit_code == 1 and "Traceback" not in r.output and r.output.startswith("Error: nothing in the graph")


def test_rows_are_printed_as_they_come(sample):
    # thirty million rows: far more than two seconds of work, so the first ones can only be
    # there because they were printed before the query was stopped
    r = invoke("SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f }", "--data", str(sample), "--format", "tsv",
               "--timeout", "2")
    assert r.exit_code == 2 and "stopped after 2 s" in r.output
    assert r.output.startswith("?a\t?d\n") and r.output.count("\n") > 1000


def test_a_damaged_index_is_rebuilt_from_the_turtle(tmp_path, sample):
    import shutil
    ttl = tmp_path / "kg.ttl"
    shutil.copy(sample, ttl)
    assert invoke("ASK { ?s ?p ?o }", "--data", str(ttl)).output == "true\n"
    for command in (["query", "pledges-by-actor", "-p", "actor=Japan"], ["neighbors", "Japan"]):
        (tmp_path / "kg.store" / "kg-index.sqlite").write_bytes(b"not a database, whatever it was")
        r = CliRunner().invoke(main, [*command, "--data", str(ttl)])
        assert r.exit_code == 0 and "Japan" in r.output and "Traceback" not in r.output


def test_a_graph_that_is_not_a_file_is_one_line():
    for args in (["query", "ASK {}", "--data", "/dev/null"], ["neighbors", "Japan", "--data", "/dev/null"]):
        r = CliRunner().invoke(main, args)
        assert "/dev/null is not a file" in one_line_error(r)


def test_a_store_of_another_version_is_rebuilt_with_one_line_saying_so(tmp_path, sample):
    import shutil
    ttl = tmp_path / "kg.ttl"
    shutil.copy(sample, ttl)
    assert invoke("ASK { ?s ?p ?o }", "--data", str(ttl)).output == "true\n"
    manifest = tmp_path / "kg.store" / "kg-sources.json"
    data = json.loads(manifest.read_text())
    data["format"] = 1
    manifest.write_text(json.dumps(data))
    r = invoke("ASK { ?s ?p ?o }", "--data", str(ttl))
    assert r.exit_code == 0 and r.output == f"{tmp_path / 'kg.store'} was built by another version of kg: rebuilt\ntrue\n"
    assert invoke("ASK { ?s ?p ?o }", "--data", str(ttl)).output == "true\n"


def test_a_reader_that_stops_reading_ends_the_query_and_its_worker(sample):
    # `kg query ... | head`: megabytes of rows, of which the reader takes a line and goes; the
    # worker, blocked writing the rest, must not keep the command waiting for it
    p = subprocess.Popen([sys.executable, "-m", "kg.cli", "query", "SELECT * WHERE { ?s ?p ?o . ?t ?q ?o }",
                          "--data", str(sample), "--format", "csv"], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout.readline() == b"o,p,q,s,t\r\n"
    time.sleep(1)  # the worker fills the pipe and blocks
    workers = psutil.Process(p.pid).children()
    assert workers, "the query runs in a worker process"
    p.stdout.close()
    p.wait(timeout=20)
    p.stderr.close()
    assert not any(w.is_running() and w.status() != psutil.STATUS_ZOMBIE for w in workers)


def test_the_query_worker_never_rebuilds_a_stale_store(tmp_path, sample):
    # the worker is a fork of a process that ran the engine, without its threads: a rebuild
    # there would wait on them for ever. A store left stale (another query held the old one
    # when it was rebuilt) is left alone, and the current graph answers from memory.
    import shutil

    from kg.graph.store import open_graph, store_path
    ttl = tmp_path / "kg.ttl"
    shutil.copy(sample, ttl)
    assert invoke("ASK { ?s ?p ?o }", "--data", str(ttl)).output == "true\n"
    manifest = store_path(ttl) / "kg-sources.json"
    before = manifest.read_bytes()
    with ttl.open("a", encoding="utf-8") as f:
        f.write('\n<https://example.org/new> <http://www.w3.org/2000/01/rdf-schema#label> "new" .\n')
    graph = open_graph(ttl, rebuild=False)
    assert graph.store.query('ASK { <https://example.org/new> ?p "new" }')
    assert manifest.read_bytes() == before
