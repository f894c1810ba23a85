"""Network figures of a knowledge graph, from its compact view (`kg.see.overview`).

Everything here reads the `Overview` kept in the store's index, or the actor network made
from it, and returns plain data (lists and dicts of strings and numbers), sorted so that the
same graph always gives the same figures. `stats_report` gathers them into the report
`kg stats` prints and writes as JSON. Centralities and communities are igraph's (C code):
on the actor network of a million triples (4,287 actors, 977,961 links) NetworkX took
1.1 s per betweenness source and 700 MB where igraph takes 0.02 s and 230 MB
(benchmarks/centrality_scale.py).
"""
from __future__ import annotations

import random
from collections import Counter

import numpy as np

from ..ask.output import table, terminal_width
from .overview import Network, Overview, actor_network

DIGITS = 6          # floats are rounded so that the report is the same on every machine
SEED = 0            # Louvain and sampled betweenness are randomised: a fixed seed makes them repeat
BETWEENNESS_BUDGET = 20_000_000   # sources x links (about a second in igraph): beyond it betweenness is estimated
MIN_SOURCES = 8


def class_counts(ov: Overview) -> dict[str, int]:
    """How many nodes of each class, most first."""
    return _ranked(Counter(ov.classes))


def relation_counts(ov: Overview) -> dict[str, int]:
    """How many edges of each relation, most first."""
    return _ranked(Counter(ov.relations))


def _ranked(counts: Counter) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _network(net) -> Network:
    return net if isinstance(net, Network) else Network.from_networkx(net)


def _number(x: float):
    return int(x) if float(x).is_integer() else float(x)


def centrality(net, betweenness: bool = True) -> dict[str, dict[str, float]]:
    """Degree, weighted degree, PageRank and betweenness of every node of a weighted network
    (a `Network`, or a NetworkX graph with `weight` on its edges).

    `degree` is the number of partners, `strength` the sum of the weights of
    a node's edges, `pagerank` is weighted, and `betweenness` takes 1/weight as
    the length of an edge, so that strong ties are short paths, normalised as
    NetworkX does. Betweenness is exact while nodes x links stay within
    BETWEENNESS_BUDGET; on larger networks it is estimated from the shortest
    paths of BETWEENNESS_BUDGET / links source nodes (at least MIN_SOURCES,
    drawn with a fixed seed, so the figures repeat). Without `betweenness` it is
    left out (it is the one costly figure).
    """
    net = _network(net)
    n = net.number_of_nodes()
    if n == 0:
        return {}
    g, weight = net.graph(), net.weight.astype(float)
    pagerank = g.pagerank(weights=weight.tolist(), directed=False) if net.number_of_edges() else [1.0 / n] * n
    between = None
    if betweenness:
        between = [0.0] * n
        if n > 2 and net.number_of_edges():
            k = betweenness_sources(net)
            distance = (1.0 / np.where(weight > 0, weight, 1.0)).tolist()
            if k is None:
                raw = g.betweenness(weights=distance, directed=False)
                between = [2 * b / ((n - 1) * (n - 2)) for b in raw]
            else:   # the paths from k sources, scaled to all of them
                sources = random.Random(SEED).sample(range(n), k)
                raw = g.betweenness(weights=distance, directed=False, sources=sources)
                between = [2 * b / ((n - 2) * k) for b in raw]
    degrees, strengths = net.degrees(), net.strengths()
    scores = {}
    for i in sorted(range(n), key=lambda i: net.iris[i]):
        scores[net.iris[i]] = {"degree": int(degrees[i]), "strength": _number(strengths[i]),
                               "pagerank": round(pagerank[i], DIGITS)}
        if between is not None:
            scores[net.iris[i]]["betweenness"] = round(between[i], DIGITS)
    return scores


def betweenness_sources(net) -> int | None:
    """How many source nodes betweenness is computed from: None for all of them (exact)."""
    net = _network(net)
    n, m = net.number_of_nodes(), max(net.number_of_edges(), 1)
    if n * m <= BETWEENNESS_BUDGET:
        return None
    return min(n, max(MIN_SOURCES, BETWEENNESS_BUDGET // m))


def central_actors(net, top: int | None = 10,
                   scores: dict[str, dict[str, float]] | None = None) -> list[dict]:
    """The actors of an actor network ranked by PageRank (then strength, then label)."""
    net = _network(net)
    scores = scores if scores is not None else centrality(net)
    label = dict(zip(net.iris, net.labels))
    cls = dict(zip(net.iris, net.classes))
    ranked = sorted(scores, key=lambda n: (-scores[n]["pagerank"], -scores[n]["strength"], label[n], n))
    if top is not None:
        ranked = ranked[:top]
    return [{"iri": n, "label": label[n], "class": cls[n], **scores[n]} for n in ranked]


def communities(net, min_size: int = 2) -> list[dict]:
    """Louvain communities of a weighted network (igraph's multilevel, seeded), largest first,
    with at least `min_size` members.

    Each community lists its members by label, the most connected first."""
    import igraph

    net = _network(net)
    if net.number_of_edges() == 0:
        return []
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        found = net.graph().community_multilevel(weights=net.weight.astype(float).tolist())
    finally:
        igraph.set_random_number_generator(random)
    strengths = net.strengths()
    out = []
    for members in found:
        if len(members) < min_size:
            continue
        ordered = sorted(members, key=lambda i: (-strengths[i], net.labels[i], net.iris[i]))
        out.append({"size": len(members), "members": [net.labels[i] for i in ordered],
                    "iris": [net.iris[i] for i in ordered]})
    out.sort(key=lambda c: (-c["size"], c["members"]))
    return out


def sectors_by_pledges(ov: Overview) -> list[dict]:
    """Sectors by the number of pledges concerning them, most first, with the actors who pledged."""
    by: dict[str, Counter] = {}
    for source, target, kind, n in ov.links:
        if kind == "sector":
            by.setdefault(target, Counter())[ov.nodes[source].label] += n
    rows = [{"iri": s.iri, "label": s.label, "pledges": s.pledges, "actors": list(_ranked(by.get(s.iri, Counter())))}
            for s in ov.of_class("Sector") if s.pledges]
    rows.sort(key=lambda r: (-r["pledges"], r["label"]))
    return rows


def strongest_actor_sector_links(ov: Overview, top: int | None = 10) -> list[dict]:
    """The (actor, sector) pairs with the most pledges, most first."""
    rows = [{"actor": ov.nodes[a].label, "sector": ov.nodes[s].label, "pledges": n}
            for a, s, kind, n in ov.links if kind == "sector" and ov.nodes[a].actor]
    rows.sort(key=lambda r: (-r["pledges"], r["actor"], r["sector"]))
    return rows[:top] if top is not None else rows


def agreement_timeline(ov: Overview) -> list[dict]:
    """Agreements in order of date (undated last, by name), with their parties and pledges."""
    parties: dict[str, list[str]] = {}
    for a, agreement, kind, _ in ov.links:
        if kind == "party":
            parties.setdefault(agreement, []).append(ov.nodes[a].label)
    rows = [{"iri": g.iri, "label": g.label, "date": g.date, "parties": sorted(parties.get(g.iri, [])),
             "pledges": g.pledges} for g in ov.of_class("Agreement")]
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["label"]))
    return rows


def stats_report(ov: Overview, top: int = 10) -> dict:
    """Every figure of `kg stats`, as plain data."""
    net = actor_network(ov)
    scores = centrality(net)
    return {
        "nodes": sum(ov.classes.values()),
        "edges": sum(ov.relations.values()),
        "classes": class_counts(ov),
        "relations": relation_counts(ov),
        "actor_network": {
            "nodes": net.number_of_nodes(),
            "edges": net.number_of_edges(),
            "linked": int(np.count_nonzero(net.degrees())),
            "betweenness_exact": betweenness_sources(net) is None,
            "betweenness_sources": betweenness_sources(net) or net.number_of_nodes(),
            "central": central_actors(net, top, scores),
            "communities": communities(net),
        },
        "sectors": sectors_by_pledges(ov),
        "actor_sector_links": strongest_actor_sector_links(ov, top),
        "timeline": agreement_timeline(ov),
    }


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


def actor_scores(view) -> dict[str, dict[str, float]]:
    """Degree and PageRank of every actor on the actor network of a NetworkX view, by IRI (for
    sizing actors on the page of a part of the view)."""
    from .view import actor_network as view_actor_network
    return centrality(view_actor_network(view), betweenness=False)
