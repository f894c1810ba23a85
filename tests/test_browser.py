"""The graph page in a real browser: headless Chromium (Debian's package) driven by Playwright.

Each page is opened from a file with every request that is not a file aborted
and recorded. The tests skip only where Chromium is not installed outside CI;
with CI set they fail instead, since `.ci/run` installs it.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from kg.see.view import graph_view
from kg.build import build
from kg.see.page import make_page

from .conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE = ROOT / "tests" / "data" / "hostile"
READY = "body[data-ready=true]"
LOAD_TIMEOUT_MS = 120_000   # a generous bound for a slow machine, not a measure of speed


def _missing() -> str | None:
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Visit:
    """One page opened from a file, with what it logged, asked for and popped up."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()
        self.page.on("dialog", dialog)

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()
        self.context.route("**/*", route)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector(READY, state="attached", timeout=LOAD_TIMEOUT_MS)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def close(self):
        self.context.close()


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def seeds_page_file(seeds_build, tmp_path_factory):
    page = make_page(graph_view(seeds_build.graph))
    path = tmp_path_factory.mktemp("page") / "graph.html"
    path.write_text(page.html, encoding="utf-8")
    return path, page


@pytest.fixture(scope="module")
def seeds_visit(browser, seeds_page_file):
    v = Visit(browser, seeds_page_file[0])
    yield v
    v.close()


@pytest.fixture(scope="module")
def hostile_visit(browser, tmp_path_factory):
    view = graph_view(build(HOSTILE).graph)
    page = make_page(view, title="<script>alert(1)</script> <img src=x onerror=alert(1)>", types=["all"])
    path = tmp_path_factory.mktemp("hostile") / "graph.html"
    path.write_text(page.html, encoding="utf-8")
    v = Visit(browser, path)
    yield v, page_data(page.html)
    v.close()


def test_sample_page_renders_every_node_offline_without_errors(seeds_visit, seeds_page_file):
    _, page = seeds_page_file
    positions = seeds_visit.js("() => Object.values(kgNetwork.getPositions())")
    assert len(positions) == page.nodes > 500
    assert all(isinstance(p["x"], (int, float)) and isinstance(p["y"], (int, float)) for p in positions)
    assert len({(round(p["x"]), round(p["y"])) for p in positions}) > page.nodes * 0.9   # laid out, not piled up
    assert seeds_visit.js("() => kgNetwork.body.data.edges.length") == page.edges
    assert seeds_visit.errors == []
    assert seeds_visit.outside == []
    assert seeds_visit.js("() => document.querySelector('#kg-network canvas') !== null")


def test_legend_lists_each_class_with_its_count(seeds_visit, seeds_page_file):
    data = page_data(seeds_page_file[0].read_text(encoding="utf-8"))
    rows = seeds_visit.js("""() => [...document.querySelectorAll('#kg-legend li')].map(
        li => [li.dataset.class, li.querySelector('.count').textContent])""")
    assert rows == [[c["name"], str(c["count"])] for c in data["classes"]]


def test_search_by_name_selects_and_describes_the_node(seeds_visit, seeds_page_file):
    data = page_data(seeds_page_file[0].read_text(encoding="utf-8"))
    japan = next(n for n in data["nodes"] if n["label"] == "Japan")
    page = seeds_visit.page
    page.fill("#kg-search", "japan")
    page.press("#kg-search", "Enter")
    assert seeds_visit.js("() => kgNetwork.getSelectedNodes()") == [japan["id"]]
    assert page.inner_text("#kg-search-status").startswith("1 node has that name")
    page.fill("#kg-search", "ministry of")
    page.press("#kg-search", "Enter")
    ministries = [n["id"] for n in data["nodes"]
                  if any("ministry of" in s.lower() for s in [n["label"], *n.get("aliases", [])])]
    assert len(ministries) > 1
    assert sorted(seeds_visit.js("() => kgNetwork.getSelectedNodes()")) == sorted(ministries)
    page.fill("#kg-search", "japan")
    page.press("#kg-search", "Enter")
    details = page.inner_text("#kg-details")
    assert "Japan" in details and "Country" in details and "PageRank" in details
    page.fill("#kg-search", "Atlantis")
    page.press("#kg-search", "Enter")
    assert "No node named" in page.inner_text("#kg-search-status")


def test_hovering_a_pledge_shows_its_evidence(seeds_visit, seeds_page_file):
    data = page_data(seeds_page_file[0].read_text(encoding="utf-8"))
    pledge = next(n for n in data["nodes"] if n["cls"] == "Pledge" and n.get("evidence"))
    v = seeds_visit
    v.page.locator("#kg-physics").uncheck()      # hold the nodes still to point at one
    v.js("(id) => kgNetwork.focus(id, {scale: 2.5, animation: false})", pledge["id"])
    xy = v.js("(id) => kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id])", pledge["id"])
    box = v.page.locator("#kg-network").bounding_box()
    v.page.mouse.move(box["x"] + 5, box["y"] + 5)
    v.page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"], steps=5)
    v.page.wait_for_selector(f"#kg-details[data-node='{pledge['id']}']", state="attached")
    text = v.page.inner_text("#kg-details")
    assert pledge["evidence"] in text
    assert "Pledge" in text and pledge["documents"][0] in text


def test_class_filter_hides_and_shows_a_class(seeds_visit, seeds_page_file):
    data = page_data(seeds_page_file[0].read_text(encoding="utf-8"))
    pledges = sum(1 for n in data["nodes"] if n["cls"] == "Pledge")
    count = "() => Object.keys(kgNetwork.getPositions()).length"
    before = seeds_visit.js(count)
    box = seeds_visit.page.locator("#kg-legend li[data-class='Pledge'] input")
    box.uncheck()
    assert seeds_visit.js(count) == before - pledges
    box.check()
    assert seeds_visit.js(count) == before


def test_physics_can_be_switched_off(seeds_visit):
    box = seeds_visit.page.locator("#kg-physics")
    box.uncheck()
    assert seeds_visit.js("() => kgNetwork.physics.options.enabled") is False
    box.check()
    assert seeds_visit.js("() => kgNetwork.physics.options.enabled") is True
    box.uncheck()


def test_hostile_labels_are_shown_as_text_and_run_nothing(hostile_visit):
    v, data = hostile_visit
    assert v.dialogs == []
    assert v.errors == []
    assert v.outside == []
    assert v.js("() => document.querySelectorAll('img, b').length") == 0
    assert v.js("() => document.scripts.length") == 3
    assert "<script>alert(1)</script>" in v.page.title()
    assert "<img src=x onerror=alert(1)>" in v.page.inner_text("h1")
    hostile = [n for n in data["nodes"] if "<script>" in n["label"] or "<img" in n["label"]]
    assert len(hostile) >= 3
    assert v.js("() => Object.keys(kgNetwork.getPositions()).length") == len(data["nodes"])
    for n in hostile:
        v.js("(id) => kgNetwork.selectNodes([id])", n["id"])
        v.js("(id) => kgNetwork.emit('selectNode', {nodes: [id], edges: []})", n["id"])
        text = v.page.inner_text("#kg-details")
        assert n["label"] in text
        if n.get("evidence"):
            assert n["evidence"] in text
    v.page.fill("#kg-search", "alert(1)")
    v.page.press("#kg-search", "Enter")
    assert "found" in v.page.inner_text("#kg-search-status")
    assert v.js("() => document.querySelectorAll('img, b').length") == 0
    assert v.dialogs == [] and v.errors == []


def test_a_capped_page_says_what_it_left_out(browser, seeds_build, tmp_path):
    page = make_page(graph_view(seeds_build.graph), max_nodes=100)
    path = tmp_path / "capped.html"
    path.write_text(page.html, encoding="utf-8")
    v = Visit(browser, path)
    try:
        assert v.js("() => Object.keys(kgNetwork.getPositions()).length") == 100
        notice = v.page.inner_text("#kg-notice")
        assert notice.startswith(f"Showing 100 of {page.total} nodes")
        assert v.errors == [] and v.outside == []
    finally:
        v.close()


def test_a_large_page_settles_and_then_stops_physics(browser, tmp_path):
    """Above PHYSICS_OFF_ABOVE nodes the layout stops moving once it has settled, and the page says so."""
    from rdflib import RDF, RDFS, Graph, Literal
    from kg.model.iri import ACTOR, AGREEMENT, KGO, PLEDGE
    from kg.see.page import PHYSICS_OFF_ABOVE

    g = Graph()
    g.add((AGREEMENT.accord, RDF.type, KGO.Agreement))
    g.add((AGREEMENT.accord, RDFS.label, Literal("Accord")))
    actors = [ACTOR[f"state-{i}"] for i in range(20)]
    for i, a in enumerate(actors):
        g.add((a, RDF.type, KGO.Country))
        g.add((a, RDFS.label, Literal(f"State {i}")))
        g.add((AGREEMENT.accord, KGO.party, a))
    for i in range(PHYSICS_OFF_ABOVE + 100):
        p = PLEDGE[f"p{i}"]
        g.add((p, RDF.type, KGO.Pledge))
        g.add((p, RDFS.label, Literal(f"Pledge number {i}")))
        g.add((p, KGO.pledgedBy, actors[i % len(actors) if i % 3 else 0]))
        g.add((p, KGO.underAgreement, AGREEMENT.accord))
    page = make_page(graph_view(g))
    assert page.nodes == PHYSICS_OFF_ABOVE + 121
    path = tmp_path / "large.html"
    path.write_text(page.html, encoding="utf-8")
    v = Visit(browser, path)
    try:
        assert v.js("() => Object.keys(kgNetwork.getPositions()).length") == page.nodes
        assert v.js("() => kgNetwork.physics.options.enabled") is False
        assert not v.page.locator("#kg-physics").is_checked()
        assert "Physics stops once the layout has settled" in v.page.inner_text("#kg-notice")
        assert v.errors == [] and v.outside == []
    finally:
        v.close()


def test_a_pledge_read_from_a_pdf_shows_its_page(browser, tmp_path_factory):
    tokyo = Path(__file__).resolve().parent / "data" / "formats" / "tokyo-declaration-1992.pdf"
    page = make_page(graph_view(build(tokyo).graph))
    path = tmp_path_factory.mktemp("pdf-page") / "graph.html"
    path.write_text(page.html, encoding="utf-8")
    pledge = next(n for n in page_data(page.html)["nodes"] if n["cls"] == "Pledge" and n.get("pages"))
    v = Visit(browser, path)
    try:
        v.page.fill("#kg-search", pledge["label"])
        v.page.press("#kg-search", "Enter")
        v.page.wait_for_selector(f"#kg-details[data-node='{pledge['id']}']", state="attached")
        details = v.page.inner_text("#kg-details")
        assert "Page" in details and pledge["pages"][0] in details
        assert pledge["pages"][0].startswith("tokyo-declaration-1992.pdf, p. ")
        assert v.errors == []
    finally:
        v.close()


# ------------------------------------------------------------------ the overview

@pytest.fixture(scope="module")
def overview_visit(browser, seeds_overview, tmp_path_factory):
    from kg.see.page import overview_page
    page = overview_page(seeds_overview)
    path = tmp_path_factory.mktemp("overview") / "graph.html"
    path.write_text(page.html, encoding="utf-8")
    v = Visit(browser, path)
    yield v, page_data(page.html)
    v.close()


def _click(v: Visit, node_id: int) -> None:
    """A real click of the mouse on a node, held still."""
    v.page.locator("#kg-physics").uncheck()
    # the node is moved clear of the others first, so that the click lands on it and on no
    # neighbour drawn over it (the layout depends on the whole graph)
    v.js("""(id) => { const ps = Object.values(kgNetwork.getPositions());
                      const x = Math.max(...ps.map(p => p.x)) + 400, y = Math.max(...ps.map(p => p.y)) + 400;
                      kgNetwork.moveNode(id, x, y); }""", node_id)
    v.js("(id) => kgNetwork.focus(id, {scale: 1.5, animation: false})", node_id)
    xy = v.js("(id) => kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id])", node_id)
    box = v.page.locator("#kg-network").bounding_box()
    v.page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])


def test_the_overview_renders_offline_and_says_what_is_hidden(overview_visit):
    v, data = overview_visit
    assert v.js("() => Object.keys(kgNetwork.getPositions()).length") == len(data["nodes"])
    assert v.js("() => kgNetwork.body.data.edges.length") == len(data["edges"])
    assert v.errors == [] and v.outside == []
    notice = v.page.inner_text("#kg-notice")
    assert notice.startswith("Hidden: ") and f"{data['hidden'][0]['count']} {data['hidden'][0]['label']}" in notice
    assert v.js("() => kgNodes.get({filter: n => n.cls === 'Pledge'}).length") == 0


def test_a_click_on_a_node_adds_its_pledges_and_stances(overview_visit):
    v, data = overview_visit
    japan = next(n for n in data["nodes"] if n["label"] == "Japan")
    facts = {f["id"]: f for f in data["facts"]}
    pledges = [i for i in japan["facts"] if facts[i]["cls"] == "Pledge"]
    assert len(pledges) > 20
    _click(v, japan["id"])
    v.page.wait_for_selector("body[data-expanded='1']", state="attached")
    drawn = set(v.js("() => kgNodes.get({filter: n => n.cls === 'Pledge'}).map(n => n.id)"))
    assert drawn == set(pledges)
    assert v.js("() => Object.keys(kgNetwork.getPositions()).length") == len(data["nodes"]) + len(japan["facts"])
    links = v.js("(id) => kgNetwork.getConnectedNodes(id)", pledges[0])
    assert japan["id"] in links
    assert f"{japan['counts']['pledges']} pledges" in v.page.inner_text("#kg-details")
    # a pledge added shows its sentence
    pledge = facts[pledges[0]]
    v.js("(id) => kgNetwork.selectNodes([id])", pledge["id"])
    v.js("(id) => kgNetwork.emit('selectNode', {nodes: [id], edges: []})", pledge["id"])
    text = v.page.inner_text("#kg-details")
    assert pledge["evidence"] in text and "pledged by: Japan" in text
    assert v.errors == [] and v.outside == []


def test_hostile_labels_are_text_in_the_overview_too(browser, tmp_path):
    from kg.see.overview import overview_of_graph
    from kg.see.page import overview_page
    page = overview_page(overview_of_graph(build(HOSTILE).graph), title="<script>alert(1)</script>")
    path = tmp_path / "graph.html"
    path.write_text(page.html, encoding="utf-8")
    data = page_data(page.html)
    v = Visit(browser, path)
    try:
        for n in data["nodes"]:
            if n["facts"]:
                v.js("(id) => kgNetwork.selectNodes([id])", n["id"])
                v.js("(id) => kgNetwork.emit('selectNode', {nodes: [id], edges: []})", n["id"])
        hostile = [f for f in data["facts"] if "<script>" in (f.get("evidence") or "") or "<img" in f["label"]]
        assert hostile
        for f in hostile:
            v.js("(id) => kgNetwork.emit('selectNode', {nodes: [id], edges: []})", f["id"])
            assert f["evidence"] in v.page.inner_text("#kg-details")
        assert v.dialogs == [] and v.errors == [] and v.outside == []
        assert v.js("() => document.querySelectorAll('img, b').length") == 0
        assert v.js("() => document.scripts.length") == 3
    finally:
        v.close()
