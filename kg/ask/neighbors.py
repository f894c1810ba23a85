"""`kg neighbors`: what one entity of the graph is linked to, and why.

A name is found by `kg.ask.names` among labels and aliases, ignoring case
("MITI", "u.s."), or given as an IRI (full or prefixed). A canonical label wins
over an alias; when several entities still match, the candidates are listed;
when none does, the closest names are suggested.

The neighbours of a node are the nodes one triple away, in either direction
(`rdf:type` is shown as the class, evidence spans as the evidence sentence),
and the actors that share a fact with it: the other parties of the agreements
it is party to ("co-party") and the other makers of its joint pledges
("co-pledger"), those sharing most first. Per relation and direction, the
engine counts them and the first `limit` are listed by name, so that a hub
with thousands of links costs a few small queries. `depth` walks further, one
step from every neighbour found at the step before. Pledges and stances show
the sentence they were read from and its document.

Only pyoxigraph is used: no rdflib, no spaCy, so the command starts at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..graph.index import SHARED, Group, Node
from ..graph.index import StoreView as GraphView
from ..graph.prefixes import compact
from .names import AmbiguousName, NameNotFound, UnresolvedName, find  # noqa: F401 - the errors it raises
from .output import csv_text, fit_lines, json_text, table

DIRECTIONS = ("out", "in", "shared")
FORMATS = ("table", "json", "csv")
LIMIT = 20  # neighbours listed per relation and direction, by default


@dataclass(slots=True)
class Neighbour:
    depth: int
    relation: str  # a property IRI, or "co-party" / "co-pledger"
    direction: str  # "out": node -> neighbour; "in": neighbour -> node; "shared": through a fact
    node: Node
    via: list[Node] = field(default_factory=list)
    evidence: str | None = None
    page: int | None = None        # the page of the document the evidence begins on (PDF)
    document: str | None = None
    via_count: int = 0  # how many nodes it is reached through (via lists the first of them)


# ------------------------------------------------------------------ neighbours

def _matches_relation(relation: str, wanted: set[str], prefixes: dict[str, str]) -> bool:
    forms = {relation, relation.rsplit("#", 1)[-1].rsplit("/", 1)[-1], compact(relation, prefixes)}
    return bool({f.lower() for f in forms} & wanted)


def _wanted_classes(view: GraphView, wanted: set[str]) -> set[str]:
    """The classes a --type list takes in: each named one (by local name, prefixed or full IRI)
    and every class below it."""
    out: set[str] = set()
    for c in view.known_classes():
        forms = {c, c.rsplit("#", 1)[-1].rsplit("/", 1)[-1], compact(c, view.prefixes)}
        if {f.lower() for f in forms} & wanted:
            out |= view.classes_below(c)
    return out


@dataclass
class Neighbourhood:
    """The neighbours listed, and per (depth, relation, direction) how many there are in all."""
    rows: list[Neighbour]
    counts: dict[tuple[int, str, str], int]


def _order(g: Group) -> tuple:
    return (g.relation, DIRECTIONS.index(g.direction))


def neighbourhood(view: GraphView, start: Node, depth: int = 1, relations: list[str] | None = None,
                  types: list[str] | None = None, limit: int | None = None,
                  via_limit: int | None = None) -> Neighbourhood:
    """The neighbours of `start` up to `depth` steps: per relation and direction, how many, and
    the first `limit` (None or 0: all), listed by label; the actors sharing most facts with it
    first. `relations` limits the edges walked, `types` the classes of the neighbours listed;
    `via_limit` the facts listed per shared row (default: `limit`)."""
    wanted_rel = {r.lower() for r in relations or []}
    classes = _wanted_classes(view, {t.lower() for t in types}) if types else None
    limit = limit or None
    relation_ok: dict[str, bool] = {}

    def walked(g: Group) -> bool:
        if not wanted_rel:
            return True
        if g.relation not in relation_ok:
            relation_ok[g.relation] = _matches_relation(g.relation, wanted_rel, view.prefixes)
        return relation_ok[g.relation]

    found: list[Neighbour] = []
    counts: dict[tuple[int, str, str], int] = {}
    # depth 1: the engine counts and sorts each group, and only the rows listed are read
    groups = sorted((g for g in view.groups(start.iri, classes) if walked(g)), key=_order)
    for g in groups:
        counts[(1, g.relation, g.direction)] = g.count
        for node, facts in view.group_rows(start.iri, g, limit, classes):
            via = sorted((view.node(f) for f in facts[:via_limit or limit or None]), key=lambda v: (v.label, v.iri))
            row = Neighbour(1, g.relation, g.direction, node, via)
            row.via_count = view.shared_count(start.iri, g.relation, node.iri) if via and classes is None \
                else len(via)
            row.evidence, row.document = view.evidence(node.iri)
            row.page = view.page(node.iri)
            found.append(row)
    if depth == 1:
        return Neighbourhood(found, counts)
    # further steps walk from every neighbour of the step before, not only the ones listed: the
    # links of a whole step are read together, and only the nodes listed are looked up
    seen = {start.iri}
    frontier = [start.iri]
    for d in range(1, depth + 1):
        rows: dict[tuple[str, str, str], set[str]] = {}
        for n, relation, direction, other, facts in view.links_of(frontier):
            if other in seen or not walked(Group(relation, direction, 0)):
                continue
            vias = rows.setdefault((other, relation, direction), set())
            vias.update(facts if direction == "shared" else [n] if d > 1 else [])
        seen.update(other for other, _, _ in rows)
        frontier = sorted({other for other, _, _ in rows})
        if d == 1:
            continue
        by_group: dict[tuple[str, str], list[str]] = {}
        for other, relation, direction in sorted(rows):
            by_group.setdefault((relation, direction), []).append(other)
        for relation, direction in sorted(by_group, key=lambda g: (g[0], DIRECTIONS.index(g[1]))):
            others = by_group[(relation, direction)]
            if classes is not None:
                others = [o for o in others if set(view.card(o)[1]) & classes]
            if not others:
                continue
            counts[(d, relation, direction)] = len(others)
            for node in sorted((view.node(o) for o in others[:limit]), key=lambda n: (n.label, n.iri)):
                vias = sorted(rows[(node.iri, relation, direction)])
                via = sorted((view.node(v) for v in vias[:via_limit or limit or None]), key=lambda v: (v.label, v.iri))
                row = Neighbour(d, relation, direction, node, via, via_count=len(vias))
                row.evidence, row.document = view.evidence(node.iri)
                row.page = view.page(node.iri)
                found.append(row)
    return Neighbourhood(found, counts)


def neighbours(view: GraphView, start: Node, depth: int = 1, relations: list[str] | None = None,
               types: list[str] | None = None, limit: int | None = None) -> list[Neighbour]:
    """The neighbours of `start` up to `depth` steps (all of them, unless `limit` per relation)."""
    return neighbourhood(view, start, depth, relations, types, limit).rows


# ------------------------------------------------------------------ formatting

def _relation_name(relation: str, prefixes: dict[str, str]) -> str:
    return relation if relation in SHARED.values() else compact(relation, prefixes)


def _via_text(via: list[Node], count: int, n: int = 2) -> str:
    if not via:
        return ""
    if count == 1:
        return via[0].label
    shown = ", ".join(v.label for v in via[:n])
    return f"{count}: {shown}" + (", …" if count > n else "")


def format_neighbours(start: Node, rows: list[Neighbour], fmt: str, prefixes: dict[str, str],
                      counts: dict[tuple[int, str, str], int] | None = None) -> str:
    """The neighbours as a table (cut to the terminal), CSV or JSON (whole); `counts` says how many
    each relation has in all where only the first ones are listed."""
    if counts is None:
        counts = {}
        for r in rows:
            counts[(r.depth, r.relation, r.direction)] = counts.get((r.depth, r.relation, r.direction), 0) + 1
    shown: dict[tuple[int, str, str], int] = {}
    for r in rows:
        shown[(r.depth, r.relation, r.direction)] = shown.get((r.depth, r.relation, r.direction), 0) + 1
    groups = [{"depth": d, "relation": _relation_name(rel, prefixes), "direction": direction, "count": n,
               "listed": shown.get((d, rel, direction), 0)} for (d, rel, direction), n in counts.items()]
    if fmt == "json":
        def node(n: Node) -> dict:
            return {"iri": n.iri, "label": n.label, "class": n.cls}
        data = {"node": node(start), "relations": groups, "neighbours": [
            {"depth": r.depth, "relation": _relation_name(r.relation, prefixes),
             "direction": r.direction, **node(r.node), "via": [node(v) for v in r.via], "via_count": r.via_count,
             "evidence": r.evidence, "document": r.document, "page": r.page} for r in rows]}
        return json_text(data)
    headers = ["depth", "relation", "direction", "class", "neighbour", "iri", "via", "document", "page", "evidence"]
    if fmt == "csv":
        return csv_text(headers, [[r.depth, _relation_name(r.relation, prefixes), r.direction, r.node.cls,
                                   r.node.label, r.node.iri, "; ".join(v.label for v in r.via), r.document or "",
                                   r.page or "", r.evidence or ""] for r in rows])
    total = sum(counts.values())
    title = f"{start.label} ({compact(start.iri, prefixes)}, {start.cls or 'no class'}): {total} neighbours"
    cut = [g for g in groups if g["listed"] < g["count"]]
    footer = ""
    if cut:
        title += f", {len(rows)} listed (--limit 0 lists all)"
        footer = "".join(f"{g['relation']} {g['direction']}{' at depth ' + str(g['depth']) if g['depth'] > 1 else ''}: "
                         f"{g['listed']} of {g['count']} listed\n" for g in cut)
    relation_names = {r: _relation_name(r, prefixes) for r in {row.relation for row in rows}}
    cells = [[str(r.depth), relation_names[r.relation], r.direction, r.node.cls, _one_line(r.node.label),
              compact(r.node.iri, prefixes), _via_text(r.via, r.via_count), r.document or "", str(r.page or ""),
              _one_line(r.evidence or "")]
             for r in rows]
    if not any(r.page for r in rows):  # no paginated document: no page column in the table
        headers.remove("page")
        cells = [c[:8] + c[9:] for c in cells]
    return fit_lines(title + "\n") + table(headers, cells) + fit_lines(footer)


def _one_line(text: str) -> str:
    """Text on one line with single spaces, for a table cell."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or text[:1].isspace() or text[-1:].isspace():
        return " ".join(text.split())
    return text


def report(data, name: str, depth: int = 1, relations: list[str] | None = None,
           types: list[str] | None = None, fmt: str = "table", limit: int | None = LIMIT) -> str:
    """The neighbours of NAME in the graph `data` (a Turtle file), formatted: the first `limit`
    of each relation (0 or None: all)."""
    from ..graph.store import open_graph
    view = GraphView(open_graph(data))
    start = find(view, name)
    hood = neighbourhood(view, start, depth=depth, relations=relations, types=types, limit=limit,
                         via_limit=2 if fmt == "table" else None)  # a table cell shows two
    return format_neighbours(start, hood.rows, fmt, view.prefixes, hood.counts)
