"""`kg neighbors`: what one entity of the graph is linked to, and why.

A name is found among labels and aliases, ignoring case ("MITI", "u.s."), or
given as an IRI (full or prefixed). A canonical label wins over an alias; when
several entities still match, the candidates are listed; when none does, the
closest names are suggested.

The neighbours of a node are the nodes one triple away, in either direction
(`rdf:type` is shown as the class, evidence spans as the evidence sentence),
and the actors that share a fact with it: the other parties of the agreements
it is party to ("co-party") and the other makers of its joint pledges
("co-pledger"). `depth` walks further, one step from each neighbour found at
the step before. Pledges and stances show the sentence they were read from and
its document.

Only pyoxigraph is used: no rdflib, no spaCy, so the command starts at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches

from ..graph.index import ALIAS_KEY, LABEL_KEY, NAMES_GRAPH, SHARED, Node, key
from ..graph.index import StoreView as GraphView
from ..graph.prefixes import compact
from .output import csv_text, fit_lines, json_text, table

DIRECTIONS = ("out", "in", "shared")
FORMATS = ("table", "json", "csv")


class NameNotFound(Exception):
    def __init__(self, name: str, suggestions: list[str]):
        self.name, self.suggestions = name, suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"nothing in the graph is named {name!r}{hint}")


class AmbiguousName(Exception):
    def __init__(self, name: str, candidates: list["Node"], prefixes: dict[str, str]):
        self.name, self.candidates = name, candidates
        listed = "; ".join(f"{c.label} ({compact(c.iri, prefixes)}, {c.cls})" for c in candidates)
        super().__init__(f"{len(candidates)} entities are named {name!r}: {listed}; give one by its IRI")


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


# ------------------------------------------------------------------ names

def find(view: GraphView, name: str) -> Node:
    """The one node NAME stands for: a label, an alias or an IRI; raises NameNotFound or AmbiguousName."""
    from pyoxigraph import Literal, NamedNode
    k = key(name)
    names = NamedNode(NAMES_GRAPH)
    for index in (LABEL_KEY, ALIAS_KEY):
        found = sorted({q.subject.value for q in view.store.quads_for_pattern(None, NamedNode(index), Literal(k), names)})
        if len(found) == 1:
            return view.node(found[0])
        if found:
            raise AmbiguousName(name, [view.node(i) for i in found], view.prefixes)
    iri = _as_iri(name.strip(), view.prefixes)
    if iri and view.exists(iri):
        return view.node(iri)
    raise NameNotFound(name, suggestions(view, name))


def _as_iri(text: str, prefixes: dict[str, str]) -> str | None:
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if "://" in text or text.startswith("urn:"):
        return text
    prefix, sep, local = text.partition(":")
    if sep and prefix in prefixes:
        return prefixes[prefix] + local
    return None


def suggestions(view: GraphView, name: str, n: int = 5) -> list[str]:
    """Names close to NAME, or holding it as a word, quoted, with the entity an alias stands for."""
    from pyoxigraph import NamedNode
    k = key(name)
    forms: dict[str, str] = {}
    for index in (LABEL_KEY, ALIAS_KEY):
        for q in view.store.quads_for_pattern(None, NamedNode(index), None, NamedNode(NAMES_GRAPH)):
            forms.setdefault(q.object.value, q.subject.value)
    keys = sorted(forms)
    close = get_close_matches(k, keys, n=n, cutoff=0.75)
    if len(close) < n and len(k) >= 3:
        words = [f for f in keys if f not in close and f" {k} " in f" {f} "]
        close += sorted(words, key=lambda f: (len(f), f))[: n - len(close)]
    out = []
    for f in close:
        node = view.node(forms[f])
        out.append(repr(node.label) if key(node.label) == f else f"{f!r} ({node.label})")
    return out


# ------------------------------------------------------------------ neighbours

def _matches_relation(relation: str, wanted: set[str], prefixes: dict[str, str]) -> bool:
    forms = {relation, relation.rsplit("#", 1)[-1].rsplit("/", 1)[-1], compact(relation, prefixes)}
    return bool({f.lower() for f in forms} & wanted)


def _matches_type(view: GraphView, node: Node, wanted: set[str]) -> bool:
    for t in node.types:
        for c in view.superclasses(t):
            forms = {c, c.rsplit("#", 1)[-1].rsplit("/", 1)[-1], compact(c, view.prefixes)}
            if {f.lower() for f in forms} & wanted:
                return True
    return False


def neighbours(view: GraphView, start: Node, depth: int = 1, relations: list[str] | None = None,
               types: list[str] | None = None) -> list[Neighbour]:
    """The neighbours of `start` up to `depth` steps; `relations` limits the edges walked,
    `types` the classes of the neighbours listed."""
    wanted_rel = {r.lower() for r in relations or []}
    wanted_type = {t.lower() for t in types or []}
    seen = {start.iri}
    frontier = [start.iri]
    found: list[Neighbour] = []
    relation_ok: dict[str, bool] = {}
    for d in range(1, depth + 1):
        rows: dict[tuple[str, str, str], Neighbour] = {}
        for iri in frontier:
            for relation, direction, other, facts in view.links(iri):
                if other.iri in seen:
                    continue
                if wanted_rel:
                    if relation not in relation_ok:
                        relation_ok[relation] = _matches_relation(relation, wanted_rel, view.prefixes)
                    if not relation_ok[relation]:
                        continue
                row = rows.get((other.iri, relation, direction))
                if row is None:
                    row = rows[(other.iri, relation, direction)] = Neighbour(d, relation, direction, other)
                for via in (facts if direction == "shared" else [iri] if d > 1 else []):
                    row.via.append(view.node(via))
        level = sorted(rows.values(), key=lambda r: (r.relation, DIRECTIONS.index(r.direction),
                                                     r.node.cls, r.node.label, r.node.iri))
        seen.update(r.node.iri for r in level)
        frontier = sorted({r.node.iri for r in level})
        for r in level:
            if len(r.via) > 1:
                r.via = sorted({v.iri: v for v in r.via}.values(), key=lambda v: (v.label, v.iri))
            r.evidence, r.document = view.evidence(r.node.iri)
            r.page = view.page(r.node.iri)
            if not wanted_type or _matches_type(view, r.node, wanted_type):
                found.append(r)
    return found


# ------------------------------------------------------------------ formatting

def _relation_name(relation: str, prefixes: dict[str, str]) -> str:
    return relation if relation in SHARED.values() else compact(relation, prefixes)


def _via_text(via: list[Node], n: int = 2) -> str:
    if not via:
        return ""
    if len(via) == 1:
        return via[0].label
    shown = ", ".join(v.label for v in via[:n])
    return f"{len(via)}: {shown}" + (", …" if len(via) > n else "")


def format_neighbours(start: Node, rows: list[Neighbour], fmt: str, prefixes: dict[str, str]) -> str:
    if fmt == "json":
        def node(n: Node) -> dict:
            return {"iri": n.iri, "label": n.label, "class": n.cls}
        data = {"node": node(start), "neighbours": [
            {"depth": r.depth, "relation": _relation_name(r.relation, prefixes),
             "direction": r.direction, **node(r.node), "via": [node(v) for v in r.via],
             "evidence": r.evidence, "document": r.document, "page": r.page} for r in rows]}
        return json_text(data)
    headers = ["depth", "relation", "direction", "class", "neighbour", "iri", "via", "document", "page", "evidence"]
    if fmt == "csv":
        return csv_text(headers, [[r.depth, _relation_name(r.relation, prefixes), r.direction, r.node.cls,
                                   r.node.label, r.node.iri, "; ".join(v.label for v in r.via), r.document or "",
                                   r.page or "", r.evidence or ""] for r in rows])
    title = f"{start.label} ({compact(start.iri, prefixes)}, {start.cls or 'no class'}): {len(rows)} neighbours\n"
    relation_names = {r: _relation_name(r, prefixes) for r in {row.relation for row in rows}}
    cells = [[str(r.depth), relation_names[r.relation], r.direction, r.node.cls, _one_line(r.node.label),
              compact(r.node.iri, prefixes), _via_text(r.via), r.document or "", str(r.page or ""),
              _one_line(r.evidence or "")]
             for r in rows]
    if not any(r.page for r in rows):  # no paginated document: no page column in the table
        headers.remove("page")
        cells = [c[:8] + c[9:] for c in cells]
    return fit_lines(title) + table(headers, cells)


def _one_line(text: str) -> str:
    """Text on one line with single spaces, for a table cell."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or text[:1].isspace() or text[-1:].isspace():
        return " ".join(text.split())
    return text


def report(data, name: str, depth: int = 1, relations: list[str] | None = None,
           types: list[str] | None = None, fmt: str = "table") -> str:
    """The neighbours of NAME in the graph `data` (a Turtle file), formatted."""
    from ..graph.store import open_graph
    view = GraphView(open_graph(data))
    start = find(view, name)
    rows = neighbours(view, start, depth=depth, relations=relations, types=types)
    return format_neighbours(start, rows, fmt, view.prefixes)
