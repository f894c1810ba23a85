"""How the NetworkX view, `kg stats` and the graph page scale with the size of a graph.

Builds synthetic RDF graphs shaped like a build of kg (actors, agreements,
sectors, pledges with evidence spans; a few hub actors make most pledges),
then times: the NetworkX view, the compact view (a store in memory and its
index's queries), the stats report from it, the overview page, the page of
every node (capped at kg.see.page.MAX_NODES), and, beside it, pyvis adding the
same nodes one `add_node` at a time.
With --browser, also the time until headless Chromium has laid the page out.

    python benchmarks/viz_scale.py [--nodes 5000 50000] [--pyvis-up-to 20000] [--browser]

Prints figures and ratios; asserts nothing.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.see.analytics import stats_report  # noqa: E402
from kg.see.view import graph_view  # noqa: E402
from kg.model.iri import ACTOR, AGREEMENT, DOC, KGO, NIF, PLEDGE, PROV, SECTOR  # noqa: E402
from kg.see.overview import overview_of_graph  # noqa: E402
from kg.see.page import MAX_NODES, make_page, overview_page  # noqa: E402


def synthetic_graph(nodes: int, seed: int = 0) -> Graph:
    """About `nodes` entities: 4% actors, 1% agreements, 0.4% sectors, 20 documents, the rest pledges."""
    rnd = random.Random(seed)
    g = Graph()
    n_actors, n_agreements, n_sectors = max(10, nodes // 25), max(3, nodes // 100), max(3, nodes // 250)
    docs = [DOC[f"doc{i:03d}"] for i in range(20)]
    for i, d in enumerate(docs):
        g.add((d, RDF.type, KGO.Document))
        g.add((d, URIRef("http://purl.org/dc/terms/identifier"), Literal(f"doc{i:03d}.txt")))
    actors = [ACTOR[f"actor-{i}"] for i in range(n_actors)]
    for i, a in enumerate(actors):
        g.add((a, RDF.type, KGO.Country if i < 50 else KGO.Company))
        g.add((a, RDFS.label, Literal(f"Actor {i}")))
        g.add((a, KGO.mentionedIn, rnd.choice(docs)))
    agreements = [AGREEMENT[f"agreement-{i}"] for i in range(n_agreements)]
    for i, a in enumerate(agreements):
        g.add((a, RDF.type, KGO.Agreement))
        g.add((a, RDFS.label, Literal(f"Agreement {i}")))
        g.add((a, URIRef("http://purl.org/dc/terms/date"), Literal(f"{1950 + i % 70}", datatype=XSD.gYear)))
        for p in rnd.sample(actors[:50], 2):
            g.add((a, KGO.party, p))
    sectors = [SECTOR[f"sector-{i}"] for i in range(n_sectors)]
    for i, s in enumerate(sectors):
        g.add((s, RDF.type, KGO.Sector))
        g.add((s, RDFS.label, Literal(f"sector {i}")))
    weights = [1.0 / (i + 1) for i in range(n_actors)]      # heavy-tailed: a few hubs pledge most
    for i in range(nodes - n_actors - n_agreements - n_sectors - len(docs)):
        p = PLEDGE[f"p{i}"]
        text = f"Actor will do thing number {i} in the sector."
        span = URIRef(f"{docs[i % len(docs)]}#offset_{i * 60}_{i * 60 + len(text)}")
        g.add((p, RDF.type, KGO.Pledge))
        g.add((p, RDFS.label, Literal(text)))
        for a in set(rnd.choices(actors, weights, k=rnd.choice((1, 1, 2)))):
            g.add((p, KGO.pledgedBy, a))
        g.add((p, KGO.underAgreement, rnd.choice(agreements)))
        g.add((p, KGO.concernsSector, rnd.choice(sectors)))
        g.add((p, PROV.wasDerivedFrom, span))
        g.add((span, NIF.anchorOf, Literal(text)))
        g.add((span, NIF.referenceContext, docs[i % len(docs)]))
    return g


def timed(f, *args, **kwargs):
    t = time.perf_counter()
    out = f(*args, **kwargs)
    return out, time.perf_counter() - t


def pyvis_one_at_a_time(view) -> float:
    from pyvis.network import Network
    t = time.perf_counter()
    net = Network(cdn_resources="in_line")
    for n, d in view.nodes(data=True):
        net.add_node(n, label=d["label"], title=d.get("evidence") or d["label"])
    net.generate_html()
    return time.perf_counter() - t


def browser_ready(html: str) -> float:
    from playwright.sync_api import sync_playwright
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(html, encoding="utf-8")
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
            page = b.new_page(viewport={"width": 1400, "height": 900})
            t = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-ready=true]", state="attached", timeout=600_000)
            seconds = time.perf_counter() - t
            b.close()
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, nargs="+", default=[5000, 50000])
    ap.add_argument("--pyvis-up-to", type=int, default=20000,
                    help="time pyvis one node at a time only up to this size (it grows quadratically)")
    ap.add_argument("--browser", action="store_true", help="also time the page in headless Chromium")
    args = ap.parse_args()
    print(f"{'nodes':>7} {'triples':>8} {'view s':>7} {'compact s':>9} {'stats s':>8} {'overview s':>10} "
          f"{'page s':>7} {'drawn':>6} {'page MB':>8} {'pyvis s':>8} {'pyvis/page':>10}"
          + ("  browser s" if args.browser else ""))
    for n in args.nodes:
        g, _ = timed(synthetic_graph, n)
        view, t_view = timed(graph_view, g)
        ov, t_compact = timed(overview_of_graph, g)
        _, t_stats = timed(stats_report, ov)
        _, t_overview = timed(overview_page, ov)
        page, t_page = timed(make_page, view, max_nodes=MAX_NODES)
        pyvis = pyvis_one_at_a_time(view) if n <= args.pyvis_up_to else None
        line = (f"{view.number_of_nodes():>7} {len(g):>8} {t_view:>7.2f} {t_compact:>9.2f} {t_stats:>8.2f} "
                f"{t_overview:>10.2f} {t_page:>7.2f} "
                f"{page.nodes:>6} {len(page.html.encode()) / 1e6:>8.2f} "
                + (f"{pyvis:>8.2f} {pyvis / t_page:>10.1f}" if pyvis is not None else f"{'-':>8} {'-':>10}"))
        if args.browser:
            line += f"  {browser_ready(page.html):>9.1f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
