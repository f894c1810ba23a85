"""The graph page: one self-contained HTML file that draws a part of the graph.

The page is written from the project's own template (`kg/assets/graph-page.*`)
with vis-network inlined (`kg/assets/vis-network.min.js`), so it opens from a
file with no network. Its Content-Security-Policy lets only the page's own two
scripts run (by their hashes) and nothing load from anywhere.

Every text that comes from documents (labels, aliases, titles, evidence) goes
into the page either escaped as HTML (title and notices) or inside a JSON data
block whose `<`, `>` and `&` are written as JSON escapes; the page's script
only ever sets it as `textContent` or draws it on the canvas.

The page of a graph starts from an overview (`overview_page`, read from the
compact view of `kg.see.overview`, so that it costs the same on a million triples
as on the sample): actors, agreements and issues, with pledges, stances, parties
and memberships drawn as weighted links between them, the `OVERVIEW_NODES` most
central first (PageRank on that network) and a count of what is hidden. A click
on a node adds its pledges and stances (the first `EXPAND_FACTS` through each relation),
each with its sentence, embedded in the page's data.

A part of the graph (`make_page`: some classes, or the neighbourhood of a node)
is drawn from the NetworkX view instead, every node as it is: coloured and shaped
by class, actors sized by PageRank on the actor network, edges labelled by
relation. Beyond `MAX_NODES` nodes it keeps the most connected ones of the most
telling classes and says so.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from importlib import resources
from string import Template

import networkx as nx
import numpy as np

from .analytics import actor_scores, centrality
from .overview import Network, Overview
from .view import Schema, load_schema

MAX_NODES = 3000             # a page of a part beyond this keeps the most telling nodes and says so
OVERVIEW_NODES = 150         # the most central nodes an overview draws first
EXPAND_FACTS = 50            # pledges, and stances, that a click on a node adds through each relation
EDGE_LABELS_UP_TO = 400      # an overview of more links names them on hover only
PHYSICS_OFF_ABOVE = 1000     # physics stops by itself once a larger network has settled
LABEL_CHARS = 40             # longer labels are cut on the canvas (the details panel shows all)

# How each class is drawn: (colour, vis-network shape, legend glyph, size if not an actor).
CLASS_STYLE = {
    "Country": ("#1f77b4", "dot", "\u25cf", None),
    "Person": ("#ff7f0e", "triangle", "\u25b2", None),
    "GovernmentBody": ("#2ca02c", "hexagon", "\u2b22", None),
    "InternationalOrganization": ("#9467bd", "hexagon", "\u2b22", None),
    "Company": ("#8c564b", "square", "\u25a0", None),
    "Association": ("#e377c2", "square", "\u25a0", None),
    "Group": ("#bcbd22", "triangleDown", "\u25bc", None),
    "Actor": ("#7f7f7f", "dot", "\u25cf", None),
    "Region": ("#98df8a", "dot", "\u25cf", None),
    "Agreement": ("#d62728", "star", "\u2605", 16),
    "Sector": ("#17becf", "diamond", "\u25c6", 13),
    "Issue": ("#e6ab02", "diamond", "\u25c6", 10),
    "Role": ("#a0a0a0", "square", "\u25a0", 7),
    "Pledge": ("#9ecae1", "dot", "\u25cf", 6),
    "Stance": ("#c5b0d5", "triangleDown", "\u25bc", 7),
    "Document": ("#444444", "square", "\u25a0", 14),
}
OTHER_STYLE = ("#999999", "dot", "\u25cf", 8)
# The order of classes in the legend and in what a capped page keeps first.
CLASS_ORDER = ("Country", "InternationalOrganization", "GovernmentBody", "Person", "Company",
               "Association", "Group", "Actor", "Region", "Agreement", "Sector", "Issue", "Role",
               "Stance", "Pledge", "Document")
NOT_SEARCHABLE = frozenset({"Pledge", "Stance"})   # too long for the list of names (found all the same)
DEFAULT_HIDDEN = frozenset({"Document"})           # documents are shown on each node, not as hubs


class VizError(ValueError):
    """A page cannot be made as asked (unknown class, no such node)."""


@dataclass(frozen=True)
class Page:
    html: str
    nodes: int          # nodes drawn
    edges: int          # edges drawn
    total: int          # nodes of the part asked for, before the cap


def class_names(view: nx.MultiDiGraph, names: list[str] | None, schema: Schema) -> set[str]:
    """The classes a page shows: those named (case-insensitive; `Actor` means every
    kind of actor, `all` every class), or by default every class but documents."""
    present = {c for _, c in view.nodes(data="cls")}
    if not names:
        return present - DEFAULT_HIDDEN
    known = {c.casefold(): c for c in present | set(schema.class_labels)}
    chosen: set[str] = set()
    for raw in names:
        for name in (x.strip() for x in raw.split(",")):
            if not name:
                continue
            key = name.casefold()
            if key == "all":
                chosen |= present
            elif key == "actor":
                chosen |= set(schema.actor_classes)
            elif key in known:
                chosen.add(known[key])
            else:
                raise VizError(f"unknown class {name!r}: choose from {', '.join(sorted(present))}, Actor or all")
    return chosen


def find_node(view: nx.MultiDiGraph, name: str, among: set[str] | None = None) -> str:
    """The node called `name`: by label, then by alias, then by a unique part of a label.
    With `among`, only those nodes may be chosen; a name that belongs to another is said so."""
    key = name.strip().casefold()
    allowed = (lambda n: True) if among is None else (lambda n: n in among)  # noqa: E731
    for test in (lambda d: d["label"].casefold() == key,
                 lambda d: key in (a.casefold() for a in d["aliases"])):
        hits = [n for n in sorted(view) if test(view.nodes[n])]
        if any(allowed(n) for n in hits):
            return min((n for n in hits if allowed(n)), key=lambda n: (-view.degree(n), n))
        if hits:
            cls = view.nodes[min(hits, key=lambda n: (-view.degree(n), n))]["cls"]
            raise VizError(f"{name!r} is a {cls}, which --types leaves out")
    hits = [n for n in sorted(view) if allowed(n) and key in view.nodes[n]["label"].casefold()]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise VizError(f"no node named {name!r}")
    sample = ", ".join(sorted({view.nodes[n]["label"] for n in hits})[:5])
    raise VizError(f"{len(hits)} nodes match {name!r} ({sample}, ...): give the full name")


def select(view: nx.MultiDiGraph, classes: set[str], focus: str | None = None,
           depth: int = 1) -> tuple[list[str], dict[str, int]]:
    """The nodes of the classes asked for and, with a focus, those within `depth`
    steps of it (steps between nodes of those classes, either direction).
    Returns the nodes and, with a focus, each one's distance from it."""
    keep = {n for n, c in view.nodes(data="cls") if c in classes}
    if focus is None:
        return sorted(keep), {}
    keep.add(focus)
    dist = {focus: 0}
    queue = deque([focus])
    while queue:
        n = queue.popleft()
        if dist[n] >= depth:
            continue
        for m in sorted(set(view.successors(n)) | set(view.predecessors(n))):
            if m in keep and m not in dist:
                dist[m] = dist[n] + 1
                queue.append(m)
    return sorted(dist), dist


def cap(view: nx.MultiDiGraph, nodes: list[str], dist: dict[str, int], max_nodes: int) -> list[str]:
    """At most `max_nodes` of `nodes`: the closest to the focus, then by class
    (actors, agreements, sectors and issues before pledges), then the most connected."""
    if len(nodes) <= max_nodes:
        return nodes
    rank = {c: i for i, c in enumerate(CLASS_ORDER)}
    sub = view.subgraph(nodes)
    key = lambda n: (dist.get(n, 0), rank.get(view.nodes[n]["cls"], len(rank)),  # noqa: E731
                     -sub.degree(n), view.nodes[n]["label"], n)
    return sorted(sorted(nodes, key=key)[:max_nodes])


def actor_size(pagerank: float, low: float, high: float) -> float:
    """From 10 (the least central actor) to 40 (the most central), by the square root of PageRank."""
    return round(10 + 30 * math.sqrt((pagerank - low) / (high - low)), 2) if high > low else 10


def page_data(view: nx.MultiDiGraph, nodes: list[str], scores: dict[str, dict], schema: Schema,
              total: int, cap_nodes: int = MAX_NODES) -> dict:
    """What the page's script draws: nodes, edges, classes and relation names."""
    index = {n: i for i, n in enumerate(nodes)}
    low = min((s["pagerank"] for s in scores.values()), default=0.0)
    high = max((s["pagerank"] for s in scores.values()), default=0.0)
    out_nodes = []
    for n in nodes:
        d = view.nodes[n]
        style = CLASS_STYLE.get(d["cls"], OTHER_STYLE)
        item = {"id": index[n], "iri": d["iri"], "cls": d["cls"], "label": d["label"]}
        for k in ("aliases", "documents", "amounts", "pages"):
            if d.get(k):
                item[k] = list(d[k])
        for k in ("evidence", "date", "position"):
            if d.get(k):
                item[k] = d[k]
        if d["actor"] and n in scores:
            item["scores"] = scores[n]
            item["size"] = actor_size(scores[n]["pagerank"], low, high)
        else:
            item["size"] = style[3] or 10
        out_nodes.append(item)
    edges = sorted((index[s], index[o], k) for s, o, k in view.edges(nodes, keys=True) if o in index)
    relations = sorted({k for *_, k in edges})
    return {
        "nodes": out_nodes,
        "edges": [list(e) for e in edges],
        "classes": _legend(Counter(view.nodes[n]["cls"] for n in nodes), schema),
        "relations": {r: schema.relation_labels.get(r, r) for r in relations},
        "total": total,
        "cap": cap_nodes,
        **_layout(len(nodes)),
    }


def _legend(counts: Counter, schema: Schema) -> list[dict]:
    """Each class drawn, in the order of CLASS_ORDER, with its colour, shape and count."""
    rank = {c: i for i, c in enumerate(CLASS_ORDER)}
    legend = []
    for c in sorted(counts, key=lambda c: (rank.get(c, len(rank)), c)):
        colour, shape, glyph, _ = CLASS_STYLE.get(c, OTHER_STYLE)
        legend.append({"name": c, "label": schema.class_labels.get(c, c), "color": colour,
                       "border": _darker(colour), "shape": shape, "glyph": glyph,
                       "count": counts[c], "searchable": c not in NOT_SEARCHABLE})
    return legend


def _layout(n: int) -> dict:
    return {"labelChars": LABEL_CHARS, "physicsOffAbove": PHYSICS_OFF_ABOVE, "stabilizationIterations": _iterations(n)}


# ------------------------------------------------------------------ the overview

# How each kind of link of the compact view is named on an edge: once, and with its count.
LINK_NAMES = {"party": ("party", None), "pledge": ("pledge", "pledges"), "joint": ("joint pledge", "joint pledges"),
              "supports": ("supports", None), "opposes": ("opposes", None), "represents": ("represents", None),
              "memberOf": ("member of", None), "basedIn": ("based in", None)}


def _link_label(kinds: dict[str, int]) -> str:
    """'party, 12 pledges' or 'supports (3)': the kinds of a link, in the order of LINK_NAMES."""
    order = list(LINK_NAMES)
    parts = []
    for kind in sorted(kinds, key=lambda k: (order.index(k) if k in LINK_NAMES else len(order), k)):
        one, many = LINK_NAMES.get(kind, (kind, None))
        n = kinds[kind]
        parts.append(one if n == 1 else f"{n} {many}" if many else f"{one} ({n})")
    return ", ".join(parts)


def overview_data(ov: Overview, schema: Schema, max_nodes: int = OVERVIEW_NODES,
                  facts: int = EXPAND_FACTS) -> dict:
    """What the page's script draws of an overview: the `max_nodes` most central actors,
    agreements and issues, the weighted links between them, what is hidden, and the pledges
    and stances that a click on each of them adds."""
    candidates = sorted(n.iri for n in ov.nodes.values() if n.actor or n.cls in ("Agreement", "Issue"))
    at = {iri: i for i, iri in enumerate(candidates)}
    pairs: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for source, target, kind, n in ov.links:
        if source in at and target in at:
            pairs[(at[source], at[target])][kind] = n
    for a, b, n in ov.joint_pledges():
        pairs[(at[a], at[b])]["joint"] = n
    ordered = sorted(pairs)
    total: dict[tuple[int, int], int] = defaultdict(int)   # both directions of a pair, for PageRank
    for p in ordered:
        total[(min(p), max(p))] += sum(pairs[p].values())
    undirected = sorted(total)
    net = Network(candidates, [ov.nodes[i].label for i in candidates], [ov.nodes[i].cls for i in candidates],
                  np.array([p[0] for p in undirected], dtype=np.int64), np.array([p[1] for p in undirected], dtype=np.int64),
                  np.array([total[p] for p in undirected], dtype=np.int64), np.zeros(len(undirected), dtype=np.int64))
    scores = centrality(net, betweenness=False)
    ranked = sorted(candidates, key=lambda n: (-scores[n]["pagerank"], ov.nodes[n].label, n))
    shown = sorted(ranked[:max_nodes])
    index = {n: i for i, n in enumerate(shown)}
    hidden_links: Counter = Counter()
    for a, b in undirected:
        x, y = candidates[a], candidates[b]
        if (x in index) != (y in index):
            hidden_links[x if x in index else y] += 1
    of, found = ov.facts(shown, facts)
    fact_ids = {f: len(shown) + i for i, f in enumerate(sorted(found))}
    aliases = ov.aliases(shown)
    low = min((scores[n]["pagerank"] for n in shown), default=0.0)
    high = max((scores[n]["pagerank"] for n in shown), default=0.0)
    nodes = []
    for n in shown:
        node = ov.nodes[n]
        item = {"id": index[n], "iri": n, "cls": node.cls, "label": node.label,
                "size": actor_size(scores[n]["pagerank"], low, high), "scores": scores[n],
                "facts": [fact_ids[f] for f in of[n]], "counts": {"pledges": node.pledges, "stances": node.stances,
                                                                  "documents": node.documents,
                                                                  "hiddenLinks": hidden_links[n]}}
        if aliases.get(n):
            item["aliases"] = aliases[n]
        if node.date:
            item["date"] = node.date
        nodes.append(item)
    out_facts = []
    for f in sorted(found, key=fact_ids.get):
        fact = found[f]
        item = {"id": fact_ids[f], "iri": f, "cls": fact.cls, "label": fact.label or _fact_label(fact, ov),
                "size": CLASS_STYLE[fact.cls][3], "links": [], "names": []}
        for relation, targets in fact.links.items():
            for t in targets:
                if t in index:
                    item["links"].append([relation, index[t]])
                label = ov.nodes[t].label if t in ov.nodes else t
                item["names"].append(f"{schema.relation_labels.get(relation, relation)}: {label}")
        for k, v in (("evidence", fact.evidence), ("documents", list(fact.documents)), ("pages", list(fact.pages)),
                     ("position", fact.position)):
            if v:
                item[k] = v
        out_facts.append(item)
    edges = []
    for a, b in ordered:
        x, y = candidates[a], candidates[b]
        if x in index and y in index:
            edges.append([index[x], index[y], _link_label(pairs[(a, b)]), sum(pairs[(a, b)].values())])
    hidden = Counter(ov.nodes[n].cls for n in candidates if n not in index)
    hidden_rows = [{"cls": c, "count": hidden[c], "label": _plural(schema.class_labels.get(c, c), hidden[c])}
                   for c in sorted(hidden, key=lambda c: (-hidden[c], c))]
    classes = Counter(ov.nodes[n].cls for n in shown) + Counter(f["cls"] for f in out_facts)
    relations = sorted({r for f in out_facts for r, _ in f["links"]})
    return {
        "nodes": nodes, "edges": edges, "facts": out_facts, "classes": _legend(classes, schema),
        "relations": {r: schema.relation_labels.get(r, r) for r in relations},
        "total": len(candidates), "hidden": hidden_rows, "overview": True, "edgeLabelsUpTo": EDGE_LABELS_UP_TO,
        **_layout(len(nodes)),
    }


def _fact_label(fact, ov: Overview) -> str:
    """A stance's name from its actor and issue, as the NetworkX view names it."""
    def names(relation: str) -> str:
        return ", ".join(sorted(ov.nodes[t].label if t in ov.nodes else t for t in fact.links.get(relation, ())))
    return " ".join(x for x in (names("heldBy"), fact.position or "", names("onIssue")) if x)


def overview_page(ov: Overview, title: str = "kg graph", max_nodes: int = OVERVIEW_NODES,
                  schema: Schema | None = None) -> Page:
    """The page that starts from the overview of a graph (see the module's text)."""
    if max_nodes < 1:
        raise VizError("--max-nodes must be at least 1")
    data = overview_data(ov, schema or load_schema(), max_nodes)
    return Page(render(data, title), len(data["nodes"]), len(data["edges"]), data["total"])


def _iterations(n: int) -> int:
    """Layout steps before the page is shown: fewer on large networks, which keep settling after."""
    return max(60, min(400, 200_000 // max(n, 1)))


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#%02x%02x%02x" % (int(r * .7), int(g * .7), int(b * .7))


def json_for_html(data: dict) -> str:
    """JSON that is safe inside a <script> block: no '<', '>' or '&' appears literally."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _asset(name: str) -> str:
    return resources.files("kg.see").joinpath("assets", name).read_text(encoding="utf-8")


def _vis_network() -> str:
    js = _asset("vis-network.min.js")
    # the source map is not shipped: drop the comment that points to it
    js = "\n".join(line for line in js.splitlines() if not line.startswith("//# sourceMappingURL="))
    if "</script" in js.lower():
        raise RuntimeError("vis-network.min.js contains '</script' and cannot be inlined")
    return js


def _script_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def render(data: dict, title: str) -> str:
    """The HTML of a page drawing `data` (from `page_data`)."""
    vis_js, page_js = _vis_network(), _asset("graph-page.js")
    csp = (f"default-src 'none'; script-src {_script_hash(vis_js)} {_script_hash(page_js)}; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:")
    shown, total = len(data["nodes"]), data["total"]
    summary = f"{shown} nodes, {len(data['edges'])} edges."
    notice = ""
    if data.get("overview"):
        hidden = ", ".join(f"{h['count']} {h['label']}" for h in data["hidden"])
        summary = (f"The {shown} most central of {total} actors, agreements and issues, {len(data['edges'])} links"
                   " (pledges, stances, parties and memberships, counted).")
        notice = ((f"Hidden: {hidden}. " if hidden else "") +
                  "Click a node to add its pledges and stances, with their sentences.")
    elif shown < total:
        notice = (f"Showing {shown} of {total} nodes: a page draws at most {data['cap']}; the nodes left out are "
                  "the least connected, pledges and documents first. Run kg viz --focus NAME or --types "
                  "to draw another part.")
    elif shown > PHYSICS_OFF_ABOVE:
        notice = f"Physics stops once the layout has settled (more than {PHYSICS_OFF_ABOVE} nodes)."
    return Template(_asset("graph-page.html")).substitute(
        csp=csp, title=html.escape(title), style=_asset("graph-page.css"), summary=html.escape(summary),
        notice=html.escape(notice), data=json_for_html(data), vis=vis_js, script=page_js)


def _plural(label: str, n: int) -> str:
    """'Government body', 3 -> 'government bodies'."""
    word = label.lower()
    if n == 1:
        return word
    return word[:-1] + "ies" if word.endswith("y") and not word.endswith("ey") else word + "s"


def make_page(view: nx.MultiDiGraph, title: str = "kg graph", types: list[str] | None = None,
              focus: str | None = None, depth: int = 1, max_nodes: int = MAX_NODES,
              schema: Schema | None = None) -> Page:
    """The page of a part of the view: classes `types`, around `focus` within `depth` steps."""
    schema = schema or load_schema()
    if max_nodes < 1:
        raise VizError("--max-nodes must be at least 1")
    if depth < 0:
        raise VizError("--depth must be 0 or more")
    classes = class_names(view, types, schema)
    focus_node = None
    if focus is not None:
        candidates = {n for n, c in view.nodes(data="cls") if c in classes}
        focus_node = find_node(view, focus, candidates)
    nodes, dist = select(view, classes, focus_node, depth)
    kept = cap(view, nodes, dist, max_nodes)
    data = page_data(view, kept, actor_scores(view), schema, total=len(nodes), cap_nodes=max_nodes)
    return Page(render(data, title), len(kept), len(data["edges"]), len(nodes))
