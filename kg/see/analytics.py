"""Network figures of a knowledge graph: plain functions over the NetworkX view.

Everything here reads the view of `kg.graphview` (or one of its projections)
and returns plain data (lists and dicts of strings and numbers), sorted so that
the same graph always gives the same figures. `stats_report` gathers them into
the report `kg stats` prints and writes as JSON.
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from ..ask.output import table, terminal_width
from .view import actor_network, actor_sector_network, nodes_of_class, sources, targets

DIGITS = 6          # floats are rounded so that the report is the same on every machine
SEED = 0            # Louvain and sampled betweenness are randomised: a fixed seed makes them repeat
BETWEENNESS_BUDGET = 400_000   # sources x links (a few seconds): beyond it betweenness is estimated
MIN_SOURCES = 8


def class_counts(view: nx.MultiDiGraph) -> dict[str, int]:
    """How many nodes of each class, most first."""
    return _ranked(Counter(c for _, c in view.nodes(data="cls")))


def relation_counts(view: nx.MultiDiGraph) -> dict[str, int]:
    """How many edges of each relation, most first."""
    return _ranked(Counter(k for _, _, k in view.edges(keys=True)))


def _ranked(counts: Counter) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def centrality(net: nx.Graph, betweenness: bool = True) -> dict[str, dict[str, float]]:
    """Degree, weighted degree, PageRank and betweenness of every node of a weighted network.

    `degree` is the number of partners, `strength` the sum of the weights of
    a node's edges, `pagerank` is weighted, and `betweenness` takes 1/weight as
    the length of an edge, so that strong ties are short paths. Betweenness is
    exact while nodes x links stay within BETWEENNESS_BUDGET; on larger
    networks it is estimated from BETWEENNESS_BUDGET / links source nodes (at
    least MIN_SOURCES, drawn with a fixed seed, so the figures repeat).
    Without `betweenness` it is left out (it is the one costly figure).
    """
    if net.number_of_nodes() == 0:
        return {}
    for _, _, d in net.edges(data=True):
        d["distance"] = 1.0 / d["weight"] if d.get("weight") else 1.0
    pagerank = nx.pagerank(net, weight="weight")
    between = {}
    if betweenness:
        between = nx.betweenness_centrality(net, k=betweenness_sources(net), seed=SEED, weight="distance",
                                            normalized=True)
    scores = {}
    for n in sorted(net):
        scores[n] = {"degree": net.degree(n), "strength": net.degree(n, weight="weight"),
                     "pagerank": round(pagerank[n], DIGITS)}
        if betweenness:
            scores[n]["betweenness"] = round(between[n], DIGITS)
    return scores


def betweenness_sources(net: nx.Graph) -> int | None:
    """How many source nodes betweenness is computed from: None for all of them (exact)."""
    n, m = net.number_of_nodes(), max(net.number_of_edges(), 1)
    if n * m <= BETWEENNESS_BUDGET:
        return None
    return min(n, max(MIN_SOURCES, BETWEENNESS_BUDGET // m))


def central_actors(net: nx.Graph, top: int | None = 10,
                   scores: dict[str, dict[str, float]] | None = None) -> list[dict]:
    """The actors of an actor network ranked by PageRank (then strength, then label)."""
    scores = scores if scores is not None else centrality(net)
    ranked = sorted(scores, key=lambda n: (-scores[n]["pagerank"], -scores[n]["strength"],
                                           net.nodes[n].get("label", n), n))
    if top is not None:
        ranked = ranked[:top]
    return [{"iri": n, "label": net.nodes[n].get("label", n), "class": net.nodes[n].get("cls"),
             **scores[n]} for n in ranked]


def communities(net: nx.Graph, min_size: int = 2) -> list[dict]:
    """Louvain communities of a weighted network, largest first, with at least `min_size` members.

    Each community lists its members by label, the most connected first."""
    if net.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(net, weight="weight", seed=SEED)
    out = []
    for members in found:
        if len(members) < min_size:
            continue
        ordered = sorted(members, key=lambda n: (-net.degree(n, weight="weight"),
                                                 net.nodes[n].get("label", n), n))
        out.append({"size": len(members), "members": [net.nodes[n].get("label", n) for n in ordered],
                    "iris": ordered})
    out.sort(key=lambda c: (-c["size"], c["members"]))
    return out


def sectors_by_pledges(view: nx.MultiDiGraph) -> list[dict]:
    """Sectors by the number of pledges concerning them, most first, with the actors who pledged."""
    rows = []
    for sector in nodes_of_class(view, "Sector"):
        pledges = sources(view, sector, "concernsSector")
        pledges = [p for p in pledges if view.nodes[p]["cls"] == "Pledge"]
        if not pledges:
            continue
        by = Counter(view.nodes[a]["label"] for p in pledges for a in targets(view, p, "pledgedBy"))
        rows.append({"iri": sector, "label": view.nodes[sector]["label"], "pledges": len(pledges),
                     "actors": list(_ranked(by))})
    rows.sort(key=lambda r: (-r["pledges"], r["label"]))
    return rows


def strongest_actor_sector_links(view: nx.MultiDiGraph, top: int | None = 10) -> list[dict]:
    """The (actor, sector) pairs of the actor-sector network with the most pledges, most first."""
    net = actor_sector_network(view)
    rows = []
    for a, b, w in net.edges(data="weight"):
        actor, sector = (a, b) if net.nodes[a]["bipartite"] == 0 else (b, a)
        rows.append({"actor": net.nodes[actor]["label"], "sector": net.nodes[sector]["label"], "pledges": w})
    rows.sort(key=lambda r: (-r["pledges"], r["actor"], r["sector"]))
    return rows[:top] if top is not None else rows


def agreement_timeline(view: nx.MultiDiGraph) -> list[dict]:
    """Agreements in order of date (undated last, by name), with their parties and pledges."""
    rows = []
    for agreement in nodes_of_class(view, "Agreement"):
        data = view.nodes[agreement]
        pledges = [p for p in sources(view, agreement, "underAgreement")
                   if view.nodes[p]["cls"] == "Pledge"]
        rows.append({"iri": agreement, "label": data["label"], "date": data.get("date"),
                     "parties": sorted(view.nodes[a]["label"] for a in targets(view, agreement, "party")),
                     "pledges": len(pledges)})
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["label"]))
    return rows


def stats_report(view: nx.MultiDiGraph, top: int = 10) -> dict:
    """Every figure of `kg stats`, as plain data."""
    net = actor_network(view)
    scores = centrality(net)
    return {
        "nodes": view.number_of_nodes(),
        "edges": view.number_of_edges(),
        "classes": class_counts(view),
        "relations": relation_counts(view),
        "actor_network": {
            "nodes": net.number_of_nodes(),
            "edges": net.number_of_edges(),
            "linked": sum(1 for n in net if net.degree(n)),
            "betweenness_exact": betweenness_sources(net) is None,
            "betweenness_sources": betweenness_sources(net) or net.number_of_nodes(),
            "central": central_actors(net, top, scores),
            "communities": communities(net),
        },
        "sectors": sectors_by_pledges(view),
        "actor_sector_links": strongest_actor_sector_links(view, top),
        "timeline": agreement_timeline(view),
    }


def actor_scores(view: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    """Degree and PageRank of every actor on the actor network, by IRI (for sizing actors on the page)."""
    return centrality(actor_network(view), betweenness=False)


def format_table(report: dict, source: str = "") -> str:
    """The report of `stats_report` as text for a terminal."""
    lines = [f"{source + ': ' if source else ''}{report['nodes']} nodes, {report['edges']} edges", ""]
    lines.append("classes:   " + ", ".join(f"{k} {v}" for k, v in report["classes"].items()))
    lines.append("relations: " + ", ".join(f"{k} {v}" for k, v in report["relations"].items()))
    net = report["actor_network"]
    lines += ["", f"central actors (actor network: {net['nodes']} actors, {net['linked']} linked "
                  f"by shared agreements or joint pledges, {net['edges']} links)"]
    if not net["betweenness_exact"]:
        lines.append(f"  betweenness estimated from {net['betweenness_sources']} of {net['nodes']} actors")
    central = [[str(i), a["label"], a["class"], str(a["degree"]), str(a["strength"]), f"{a['pagerank']:.4f}",
                f"{a['betweenness']:.4f}"] for i, a in enumerate(net["central"], 1)]
    width = terminal_width()
    shown = table(["#", "actor", "class", "degree", "strength", "pagerank", "betweenness"], central,
                  align="><<>>>>", width=width - 2 if width else None).splitlines()
    lines += ["  " + line if line else line for line in shown[:1] + shown[2:]]
    lines += ["", f"communities of the actor network (Louvain): {len(net['communities'])}"]
    for i, c in enumerate(net["communities"], 1):
        shown = ", ".join(c["members"][:8]) + (", \u2026" if c["size"] > 8 else "")
        lines.append(f"  {i:>2}  ({c['size']}) {shown}")
    lines += ["", "sectors by pledges"]
    width = max([len(s["label"]) for s in report["sectors"]] + [6])
    for s in report["sectors"]:
        by = ", ".join(s["actors"][:4]) + (", \u2026" if len(s["actors"]) > 4 else "")
        lines.append(f"  {s['label']:<{width}}  {s['pledges']:>4}  {by}")
    lines += ["", "strongest actor-sector links (pledges)"]
    for r in report["actor_sector_links"]:
        lines.append(f"  {r['pledges']:>4}  {r['actor']} \u2013 {r['sector']}")
    lines += ["", "agreements on a timeline"]
    for a in report["timeline"]:
        parties = ", ".join(a["parties"]) or "-"
        lines.append(f"  {a['date'] or 'undated':<10}  {a['label']}  (parties: {parties}; pledges {a['pledges']})")
    return "\n".join(lines)
