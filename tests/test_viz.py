"""The graph page as HTML: self-contained, escaped, deterministic; parts, caps and `kg viz`."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import main
from kg.see.view import graph_view, load_schema
from kg.build import build
from kg.see.page import EXPAND_FACTS, OVERVIEW_NODES, VizError, class_names, find_node, make_page, overview_page
from kg.see.overview import Overview, overview_of_graph
from kg.graph.store import open_graph

from kg.model.iri import KGO

from .conftest import EXPORTS, SEEDS, cli_build

HOSTILE = SEEDS.parent / "tests" / "data" / "hostile"
JAPAN = "https://w3id.org/kg/id/actor/japan"


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text of each script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(html: str) -> Tags:
    t = Tags()
    t.feed(html)
    return t


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def view(seeds_view):
    return seeds_view


@pytest.fixture(scope="module")
def seeds_page(view):
    return make_page(view)


@pytest.fixture(scope="module")
def hostile_graph():
    return build(HOSTILE).graph


def test_page_loads_nothing_from_outside(seeds_page):
    t = parse(seeds_page.html)
    names = [tag for tag, _ in t.tags]
    assert "link" not in names and "iframe" not in names and "img" not in names
    for tag, attrs in t.tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
    assert names.count("script") == 3
    assert "vis.Network" in t.scripts[2] and "vis-network" in t.scripts[1][:200]


def test_content_security_policy_allows_only_the_pages_own_scripts(seeds_page):
    t = parse(seeds_page.html)
    csp = next(a["content"] for tag, a in t.tags
               if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    executed = [s for (tag, a), s in zip([x for x in t.tags if x[0] == "script"], t.scripts) if "type" not in a]
    assert len(executed) == 2
    assert allowed == {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in executed}


def test_page_draws_every_node_but_documents_by_default(seeds_page, view):
    data = page_data(seeds_page.html)
    expected = {n for n, c in view.nodes(data="cls") if c != "Document"}
    assert {n["iri"] for n in data["nodes"]} == expected
    assert seeds_page.nodes == len(expected) == seeds_page.total
    assert len(data["edges"]) == seeds_page.edges
    inside = sum(1 for s, o in view.edges() if s in expected and o in expected)
    assert seeds_page.edges == inside


def test_actors_are_sized_by_centrality_and_classes_have_a_legend(seeds_page):
    data = page_data(seeds_page.html)
    by_label = {n["label"]: n for n in data["nodes"]}
    actor_sizes = sorted((n["size"] for n in data["nodes"] if "scores" in n), reverse=True)
    assert {by_label["Japan"]["size"], by_label["United States"]["size"]} == set(actor_sizes[:2])
    assert by_label["Japan"]["size"] > 3 * min(actor_sizes)
    legend = {c["name"]: c for c in data["classes"]}
    assert legend["Country"]["count"] == sum(1 for n in data["nodes"] if n["cls"] == "Country")
    assert legend["GovernmentBody"]["label"] == "Government body"
    assert len({(c["color"], c["shape"]) for c in data["classes"]}) == len(data["classes"])
    assert data["relations"]["pledgedBy"] == "pledged by"


def test_pledges_carry_evidence_and_documents_into_the_page(seeds_page, view):
    data = page_data(seeds_page.html)
    pledges = [n for n in data["nodes"] if n["cls"] == "Pledge"]
    assert pledges
    for n in pledges:
        assert n["evidence"] == view.nodes[n["iri"]]["evidence"]
        assert n["documents"] == list(view.nodes[n["iri"]]["documents"])


def test_hostile_text_of_a_document_is_never_markup(hostile_graph):
    page = make_page(graph_view(hostile_graph), title="<script>alert(1)</script> & <img src=x onerror=alert(1)>")
    lowered = page.html.lower()
    assert "<img" not in lowered
    assert "<script>alert" not in lowered and "<script>alert(2)" not in lowered
    t = parse(page.html)
    assert [tag for tag, _ in t.tags].count("script") == 3
    assert not any(tag in ("img", "b") for tag, _ in t.tags)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in page.html
    data = page_data(page.html)
    texts = [n["label"] for n in data["nodes"]] + [n.get("evidence", "") for n in data["nodes"]]
    assert any("<script>alert(1)</script>" in s for s in texts)
    assert any("<img src=x onerror=alert(1)>" in s for s in texts)
    assert any("</script><script>" in s for s in texts)


def test_document_titles_are_escaped_too(hostile_graph):
    page = make_page(graph_view(hostile_graph), types=["all"])
    data = page_data(page.html)
    doc = next(n for n in data["nodes"] if n["cls"] == "Document")
    assert doc["label"] == "Joint Statement <script>alert(1)</script> on Trade"
    assert "<script>alert" not in page.html


def test_same_graph_same_bytes(view, seeds_page):
    assert make_page(view).html == seeds_page.html


def test_focus_and_depth_draw_the_neighbourhood(view):
    page = make_page(view, focus="Japan", depth=1)
    data = page_data(page.html)
    shown = {n["iri"] for n in data["nodes"]}
    near = {JAPAN} | set(view.successors(JAPAN)) | set(view.predecessors(JAPAN))
    assert shown == {n for n in near if view.nodes[n]["cls"] != "Document"}
    deeper = page_data(make_page(view, focus="Japan", depth=2).html)
    assert len(deeper["nodes"]) > len(data["nodes"])
    only = page_data(make_page(view, focus="Japan", depth=0).html)
    assert [n["iri"] for n in only["nodes"]] == [JAPAN]


def test_focus_finds_aliases_and_says_when_a_name_is_unknown(view):
    assert find_node(view, "japan") == JAPAN
    assert find_node(view, "U.S.") == "https://w3id.org/kg/id/actor/united-states"
    with pytest.raises(VizError, match="no node named"):
        find_node(view, "Atlantis")
    with pytest.raises(VizError, match="give the full name"):
        find_node(view, "Ministry")


def test_types_choose_classes(view):
    schema = load_schema()
    assert class_names(view, ["Country,agreement"], schema) == {"Country", "Agreement"}
    assert class_names(view, ["Actor"], schema) >= {"Country", "Person", "Company"}
    assert "Document" in class_names(view, ["all"], schema)
    with pytest.raises(VizError, match="unknown class 'Treaty'"):
        class_names(view, ["Treaty"], schema)
    data = page_data(make_page(view, types=["Country", "Agreement"]).html)
    assert {n["cls"] for n in data["nodes"]} == {"Country", "Agreement"}
    assert set(data["relations"]) == {"party"}


def test_a_capped_page_keeps_the_most_telling_nodes_and_says_so(view):
    page = make_page(view, max_nodes=60)
    assert page.nodes == 60 and page.total > 60
    data = page_data(page.html)
    classes = {n["cls"] for n in data["nodes"]}
    assert "Pledge" not in classes and "Country" in classes
    countries = sum(1 for c in view.nodes(data="cls") if c[1] == "Country")
    assert sum(1 for n in data["nodes"] if n["cls"] == "Country") == countries
    assert f"Showing 60 of {page.total} nodes" in page.html
    assert "Showing" not in make_page(view).html


def test_kg_viz_writes_a_page_and_reports_errors_in_one_line(tmp_path, seeds_turtle):
    graph = tmp_path / "kg.ttl"
    graph.write_bytes(seeds_turtle)
    out = tmp_path / "japan.html"
    r = CliRunner().invoke(main, ["viz", str(graph), "--focus", "Japan", "--depth", "1", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert r.output.startswith(f"wrote {out}: ")
    assert "kg graph: Japan" in out.read_text()
    for args, message in ((["--focus", "Atlantis"], "no node named 'Atlantis'"),
                          (["--types", "Treaty"], "unknown class 'Treaty'")):
        r = CliRunner().invoke(main, ["viz", str(graph), "--out", str(tmp_path / "x.html"), *args])
        assert r.exit_code == 1 and message in r.output
        assert len(r.output.strip().splitlines()) == 1
    assert not (tmp_path / "x.html").exists()
    r = CliRunner().invoke(main, ["viz", "--help"])
    assert "kg viz --out japan.html --focus Japan --depth 2" in r.output


def test_build_writes_the_page_beside_the_turtle(tmp_path):
    out, output = cli_build(tmp_path, HOSTILE / "hostile_labels.txt", "-q")
    page = (out / "graph.html").read_bytes()
    # the build's page, made from its graph in memory, is the page of the store of what it wrote
    expected = overview_page(Overview.of_store(open_graph(out / "kg.ttl")))
    assert page == expected.html.encode("utf-8")
    assert f"wrote {out / 'graph.html'}" in output


def test_committed_page_is_the_page_of_the_committed_graph(sample):
    """exports/graph.html is written by `kg build` beside exports/kg.ttl: commit both together."""
    committed = EXPORTS / "graph.html"
    if not committed.exists():
        pytest.skip("exports/graph.html is not committed")
    expected = overview_page(Overview.of_store(open_graph(sample)))
    assert committed.read_bytes() == expected.html.encode("utf-8"), \
        "exports/graph.html is stale: run `kg build` and commit it with exports/kg.ttl"


# ------------------------------------------------------------------ the overview

@pytest.fixture(scope="module")
def overview(seeds_overview):
    return seeds_overview


@pytest.fixture(scope="module")
def overview_html(overview):
    return overview_page(overview).html


def test_the_overview_draws_the_most_central_actors_agreements_and_issues(overview_html, overview, view):
    data = page_data(overview_html)
    schema = load_schema()
    drawn = {n["iri"] for n in data["nodes"]}
    candidates = {n for n, d in view.nodes(data=True) if d["actor"] or d["cls"] in ("Agreement", "Issue")}
    assert len(drawn) == OVERVIEW_NODES < len(candidates) == data["total"]
    assert drawn < candidates
    assert {n["cls"] for n in data["facts"]} == {"Pledge", "Stance"}
    ranked = sorted(data["nodes"], key=lambda n: -n["scores"]["pagerank"])
    assert {n["label"] for n in ranked[:2]} == {"Japan", "United States"}
    sizes = sorted((n["size"] for n in data["nodes"]), reverse=True)
    assert {n["size"] for n in ranked[:2]} == set(sizes[:2]) and sizes[0] > 3 * sizes[-1]
    # what is hidden, counted per class, is every candidate not drawn
    hidden = {h["cls"]: h["count"] for h in data["hidden"]}
    assert sum(hidden.values()) == len(candidates) - len(drawn)
    for cls, n in hidden.items():
        assert n == sum(1 for c in candidates - drawn if view.nodes[c]["cls"] == cls)
    issues = next(h for h in data["hidden"] if h["cls"] == "Issue")
    assert f"{issues['count']} issues" in overview_html and "Hidden: " in overview_html
    assert schema.class_labels["GovernmentBody"] == "Government body"


def test_the_overview_links_count_pledges_stances_and_parties(overview_html, seeds_build):
    data = page_data(overview_html)
    by_iri = {n["iri"]: n for n in data["nodes"]}
    japan = by_iri[JAPAN]
    g = seeds_build.graph
    counted = 0
    for e in data["edges"]:
        if japan["id"] not in e[:2]:
            continue
        other = next(n for n in data["nodes"] if n["id"] == (e[1] if e[0] == japan["id"] else e[0]))
        pledges = len(set(g.query(f"""SELECT ?p WHERE {{ ?p <{KGO}pledgedBy> <{JAPAN}> ;
                                                          <{KGO}underAgreement> <{other['iri']}> }}""")))
        stances = len(set(g.query(f"""SELECT ?s WHERE {{ ?s <{KGO}heldBy> <{JAPAN}> ; <{KGO}onIssue> <{other['iri']}> }}""")))
        party = (rdflib.URIRef(other["iri"]), KGO.party, rdflib.URIRef(JAPAN)) in g
        if other["cls"] == "Agreement" or other["cls"] == "Issue":
            assert e[3] == pledges + stances + party, (other["label"], e)
            counted += pledges + stances
    assert counted > 50


def test_each_node_carries_its_pledges_and_stances_with_their_sentences(overview_html, view):
    data = page_data(overview_html)
    facts = {f["id"]: f for f in data["facts"]}
    japan = next(n for n in data["nodes"] if n["iri"] == JAPAN)
    pledges = sorted(s for s, _, k in view.in_edges(JAPAN, keys=True) if k == "pledgedBy")
    stances = sorted(s for s, _, k in view.in_edges(JAPAN, keys=True) if k == "heldBy")
    assert japan["counts"]["pledges"] == len(pledges) > EXPAND_FACTS
    assert sorted(facts[i]["iri"] for i in japan["facts"]) == sorted(pledges[:EXPAND_FACTS] + stances)
    for i in japan["facts"]:
        f, node = facts[i], view.nodes[facts[i]["iri"]]
        assert (f["cls"], f["label"], f["evidence"]) == (node["cls"], node["label"], node["evidence"])
        assert f["documents"] == list(node["documents"])
        assert [r for r, t in f["links"] if t == japan["id"]] == ["pledgedBy" if f["cls"] == "Pledge" else "heldBy"]
    assert "Click a node to add its pledges and stances" in overview_html


def test_the_overview_is_the_same_from_the_store_and_from_memory(overview_html, sample):
    again = overview_page(Overview.of_store(open_graph(sample))).html
    built = overview_page(overview_of_graph(rdflib.Graph().parse(sample))).html
    assert again == built
    assert len(page_data(again)["nodes"]) == OVERVIEW_NODES


def test_hostile_text_of_a_document_is_never_markup_in_the_overview(hostile_graph):
    title = "<script>alert(1)</script> & <img src=x onerror=alert(1)>"
    page = overview_page(overview_of_graph(hostile_graph), title=title)
    lowered = page.html.lower()
    assert "<img" not in lowered and "<script>alert" not in lowered
    t = parse(page.html)
    assert [tag for tag, _ in t.tags].count("script") == 3
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in page.html
    data = page_data(page.html)
    texts = [n["label"] for n in data["nodes"] + data["facts"]] + [f.get("evidence", "") for f in data["facts"]]
    assert any("<script>alert(1)</script>" in s for s in texts)
    assert any("</script><script>" in s for s in texts)


def test_kg_viz_draws_the_overview_by_default(tmp_path, seeds_turtle):
    graph = tmp_path / "kg.ttl"
    graph.write_bytes(seeds_turtle)
    out = tmp_path / "graph.html"
    r = CliRunner().invoke(main, ["viz", str(graph), "--out", str(out), "--max-nodes", "20"])
    assert r.exit_code == 0, r.output
    data = page_data(out.read_text())
    assert data["overview"] and len(data["nodes"]) == 20
    assert r.output.startswith(f"wrote {out}: 20 nodes, ") and f"({data['total'] - 20} hidden" in r.output
    r = CliRunner().invoke(main, ["viz", str(graph), "--out", str(out), "--types", "Country"])
    assert r.exit_code == 0 and "overview" not in page_data(out.read_text())


def test_a_focus_outside_the_classes_shown_says_so(view):
    with pytest.raises(VizError, match="is a Country, which --types leaves out"):
        make_page(view, focus="Japan", types=["Agreement"])
