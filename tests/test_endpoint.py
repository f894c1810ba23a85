"""`kg push` and `kg serve` against real Oxigraph servers started on a free loopback port: every
saved query answers over HTTP what `kg query` answers, from a server that holds kg.ttl only;
a push replaces its graph only once the new one is in; endpoints that are down, slow or refuse
are one line and exit status 2."""
from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.ask.endpoint import free_port, graph_name, http_query, start_server, stop_server
from kg.ask.sparql import example_params, portable, saved_queries
from kg.cli import main
from kg.graph.store import open_graph

KG = [sys.executable, "-m", "kg.cli"]


def kg_json(*args) -> dict:
    r = CliRunner().invoke(main, [*args, "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def bindings(data: bytes | dict) -> list[dict]:
    return (json.loads(data) if isinstance(data, bytes) else data)["results"]["bindings"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A read-write Oxigraph server on a free loopback port, with an empty store."""
    port = free_port()
    process = start_server(tmp_path_factory.mktemp("oxigraph"), port=port, read_only=False)
    yield f"http://127.0.0.1:{port}"
    stop_server(process)


@pytest.fixture(scope="module")
def pushed(server, sample):
    r = CliRunner().invoke(main, ["push", "--endpoint", f"{server}/store", "--data", str(sample)])
    assert r.exit_code == 0, r.output
    assert r.output.startswith(f"pushed {sample} (") and f"as the graph <{graph_name(sample)}>" in r.output
    return graph_name(sample)


def count(server: str, graph: str) -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return int(bindings(http_query(f"{server}/query", q))[0]["n"]["value"])


@pytest.mark.parametrize("query", saved_queries(), ids=lambda q: q.name)
def test_every_saved_query_over_http_answers_as_kg_query(server, pushed, sample, query):
    params = example_params(query)
    local = kg_json("query", query.name, "--data", str(sample), *[a for k, v in params.items() for a in ("-p", f"{k}={v}")])
    text = portable(open_graph(sample), query)
    remote = http_query(f"{server}/query", text, default_graph=pushed)
    assert bindings(local), "the example should have an answer to compare"
    assert json.loads(remote)["head"]["vars"] == local["head"]["vars"]
    assert bindings(remote) == bindings(local)


@pytest.fixture(scope="module")
def kg_ttl_only(tmp_path_factory, sample):
    """A read-only Oxigraph server whose default graph is kg.ttl alone: no schema, no index."""
    location = tmp_path_factory.mktemp("kg-ttl-only")
    subprocess.run([str(Path(sys.executable).parent / "oxigraph"), "load", "--location", str(location),
                    "--file", str(sample)], check=True, capture_output=True)
    port = free_port()
    process = start_server(location, port=port)
    yield f"http://127.0.0.1:{port}/query"
    stop_server(process)


def test_every_saved_query_runs_on_a_server_holding_kg_ttl_only(kg_ttl_only, sample):
    graph = open_graph(sample)
    for query in saved_queries():
        params = example_params(query)
        local = kg_json("query", query.name, "--data", str(sample),
                        *[a for k, v in params.items() for a in ("-p", f"{k}={v}")])
        assert bindings(http_query(kg_ttl_only, portable(graph, query))) == bindings(local), query.name


def test_a_push_replaces_the_graph_only_once_the_new_one_is_in(server, pushed, sample, tmp_path):
    before = count(server, pushed)
    assert before > 5000
    broken = tmp_path / "kg.ttl"
    broken.write_text(sample.read_text()[:200000] + "\n<https://w3id.org/kg/id/actor/x> kgo:party \"unterminated .\n")
    r = CliRunner().invoke(main, ["push", "--endpoint", f"{server}/store", "--data", str(broken),
                                  "--graph", pushed])
    assert r.exit_code == 2 and "refused" in r.output and "Traceback" not in r.output
    assert count(server, pushed) == before  # the old graph, whole
    small = tmp_path / "small.ttl"
    small.write_text("<https://w3id.org/kg/id/actor/a> <http://www.w3.org/2000/01/rdf-schema#label> \"A\" .\n")
    other = "https://w3id.org/kg/graph/test-small"
    assert CliRunner().invoke(main, ["push", "--endpoint", f"{server}/store", "--data", str(small),
                                     "--graph", other]).exit_code == 0
    assert count(server, other) == 1 and count(server, pushed) == before  # one named graph per corpus
    r = CliRunner().invoke(main, ["push", "--endpoint", f"{server}/store", "--data", str(small), "--graph", pushed])
    assert r.exit_code == 0 and count(server, pushed) == 1  # replaced, not merged
    assert CliRunner().invoke(main, ["push", "--endpoint", f"{server}/store", "--data", str(sample)]).exit_code == 0
    assert count(server, pushed) == before


def test_an_endpoint_that_is_down_slow_or_refuses_is_one_line(sample, kg_ttl_only):
    down = f"http://127.0.0.1:{free_port()}/store"
    r = CliRunner().invoke(main, ["push", "--endpoint", down, "--data", str(sample)])
    assert r.exit_code == 2 and r.output.startswith("Error: push to ") and "cannot reach" in r.output
    assert len(r.output.strip().splitlines()) == 1
    # a server that takes the connection and never answers
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        t = time.monotonic()
        r = CliRunner().invoke(main, ["push", "--endpoint", f"http://127.0.0.1:{silent.getsockname()[1]}/store",
                                      "--data", str(sample), "--timeout", "1"])
        assert time.monotonic() - t < 10
    assert r.exit_code == 2 and "no answer within 1 s" in r.output and "Traceback" not in r.output
    # a read-only server refuses a push
    r = CliRunner().invoke(main, ["push", "--endpoint", kg_ttl_only.replace("/query", "/store"),
                                  "--data", str(sample)])
    assert r.exit_code == 2 and "refused" in r.output and len(r.output.strip().splitlines()) == 1
    r = CliRunner().invoke(main, ["push", "--endpoint", "ftp://127.0.0.1/x", "--data", str(sample)])
    assert r.exit_code == 2 and "http://" in r.output


def test_kg_serve_answers_on_loopback_with_the_saved_queries_urls(sample):
    port = free_port()
    process = subprocess.Popen(KG + ["serve", "--data", str(sample), "--port", str(port)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent)
    try:
        first = process.stdout.readline()
        assert first.startswith(f"serving ") and f"at http://127.0.0.1:{port}/query" in first, \
            first + process.stderr.read() if process.poll() is not None else first
        urls = {}
        for _ in saved_queries():
            name, _, url = process.stdout.readline().strip().partition(": ")
            urls[name] = url
        assert set(urls) == {q.name for q in saved_queries()}
        with urllib.request.urlopen(urllib.request.Request(
                urls["pledges-by-actor"], headers={"Accept": "application/sparql-results+json"}), timeout=30) as r:
            remote = json.loads(r.read())
        local = kg_json("query", "pledges-by-actor", "-p", "actor=Japan", "--data", str(sample))
        assert bindings(remote) == bindings(local)
        # the store's own index is no graph of it
        q = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        assert bindings(http_query(f"http://127.0.0.1:{port}/query", q)) == []
        # read-only: no update goes through
        with pytest.raises(Exception):
            http_query(f"http://127.0.0.1:{port}/update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
    assert process.returncode == 0
    assert "Traceback" not in process.stderr.read()
    with pytest.raises(OSError):  # the server stopped with it
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_kg_serve_listens_on_loopback_unless_told(sample):
    from kg.cli import serve
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
    port = next(p for p in serve.params if p.name == "port")
    assert port.default == 7878


def _serve(sample, *flags):
    port = free_port()
    process = subprocess.Popen(KG + ["serve", "--data", str(sample), "--port", str(port), *flags],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=Path(__file__).resolve().parent.parent)
    first = process.stdout.readline()
    assert first.startswith("serving "), first
    return process, port


def test_kg_serve_stops_a_query_at_its_timeout_and_keeps_its_memory_ceiling(sample):
    process, port = _serve(sample, "--timeout", "1")
    try:
        for _ in saved_queries():
            process.stdout.readline()
        # a sort of thirty million rows, which Oxigraph's own time limit does not stop
        hungry = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d"
        t = time.monotonic()
        with pytest.raises(Exception):
            http_query(f"http://127.0.0.1:{port}/query", hungry, timeout=60)
        assert time.monotonic() - t < 30
        assert "a query ran past 1 s (--timeout): restarted" in process.stdout.readline()
        # and it answers again
        assert bindings(http_query(f"http://127.0.0.1:{port}/query", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"))
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
    process, port = _serve(sample, "--memory", "1")  # no server lives in 1 MB: it is restarted
    try:
        lines = [process.stdout.readline() for _ in range(len(saved_queries()) + 1)]
        assert "went over 1 MB of memory (--memory): restarted" in lines[-1], lines
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
    assert process.returncode == 0
