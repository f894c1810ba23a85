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

import csv
import io
import json
from dataclasses import dataclass, field
from difflib import get_close_matches

from .query import compact, table
from .store import ALIAS_KEY, LABEL_KEY, NAMES_GRAPH, GraphStore, key

KGO = "https://w3id.org/kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
DCT_IDENTIFIER = "http://purl.org/dc/terms/identifier"

# Edges that are not links to a neighbour: the class, the evidence, a span's document.
NOT_LINKS = {RDF_TYPE, PROV_DERIVED, NIF + "referenceContext"}
# A fact shared with other actors through the same property: its other participants.
SHARED = {KGO + "party": "co-party", KGO + "pledgedBy": "co-pledger"}
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


@dataclass(frozen=True)
class Node:
    iri: str
    label: str
    cls: str


@dataclass
class Neighbour:
    depth: int
    relation: str  # a property IRI, or "co-party" / "co-pledger"
    direction: str  # "out": node -> neighbour; "in": neighbour -> node; "shared": through a fact
    node: Node
    via: list[Node] = field(default_factory=list)
    evidence: str | None = None
    document: str | None = None


class GraphView:
    """Look-ups on the store for one command: labels, classes, evidence and edges, cached."""

    def __init__(self, graph: GraphStore):
        from pyoxigraph import DefaultGraph, NamedNode
        self.graph = graph
        self.store = graph.store
        self.prefixes = graph.prefixes
        self._default = DefaultGraph()
        self._nn = NamedNode
        self._nodes: dict[str, Node] = {}
        self._superclasses: dict[str, set[str]] = {}

    def _objects(self, s: str, p: str) -> list:
        return [q.object for q in self.store.quads_for_pattern(self._nn(s), self._nn(p), None, self._default)]

    def _first_value(self, s: str, p: str) -> str | None:
        values = sorted(o.value for o in self._objects(s, p))
        return values[0] if values else None

    def exists(self, iri: str) -> bool:
        n = self._nn(iri)
        return any(True for _ in self.store.quads_for_pattern(n, None, None, self._default)) or \
            any(True for _ in self.store.quads_for_pattern(None, None, n, self._default))

    def superclasses(self, cls: str) -> set[str]:
        if cls not in self._superclasses:
            seen, todo = {cls}, [cls]
            while todo:
                for o in self._objects(todo.pop(), RDFS_SUBCLASS):
                    if o.value not in seen:
                        seen.add(o.value)
                        todo.append(o.value)
            self._superclasses[cls] = seen
        return self._superclasses[cls]

    def types(self, iri: str) -> list[str]:
        return sorted(o.value for o in self._objects(iri, RDF_TYPE))

    def class_name(self, iri: str) -> str:
        types = self.types(iri)
        ours = [t for t in types if t.startswith(KGO)] or types
        specific = [t for t in ours if not any(t != u and t in self.superclasses(u) for u in ours)]
        if not specific:
            return ""
        t = specific[0]
        return t[len(KGO):] if t.startswith(KGO) else compact(t, self.prefixes)

    def node(self, iri: str) -> Node:
        if iri not in self._nodes:
            self._nodes[iri] = Node(iri, self._label(iri), self.class_name(iri))
        return self._nodes[iri]

    def _label(self, iri: str) -> str:
        label = self._first_value(iri, RDFS_LABEL)
        if label is not None:
            return label
        if KGO + "Stance" in self.types(iri):
            position = self._first_value(iri, KGO + "position") or ""
            issue = self._first_value(iri, KGO + "onIssue")
            issue_label = self._first_value(issue, RDFS_LABEL) if issue else None
            return f"{position.rsplit('#', 1)[-1]} {issue_label or ''}".strip()
        return self._first_value(iri, DCT_IDENTIFIER) or compact(iri, self.prefixes)

    def evidence(self, iri: str) -> tuple[str | None, str | None]:
        """The sentence a fact was read from and its document's file name."""
        spans = sorted(o.value for o in self._objects(iri, PROV_DERIVED))
        if not spans:
            return None, None
        span = spans[0]
        text = self._first_value(span, NIF + "anchorOf")
        doc = self._first_value(span, NIF + "referenceContext")
        name = (self._first_value(doc, DCT_IDENTIFIER) or compact(doc, self.prefixes)) if doc else None
        return text, name

    def edges(self, iri: str) -> list[tuple[str, str, str]]:
        """(property, direction, other node) of every link of the node, in both directions."""
        from pyoxigraph import Literal
        n = self._nn(iri)
        out = []
        for q in self.store.quads_for_pattern(n, None, None, self._default):
            p, o = q.predicate.value, q.object
            if p not in NOT_LINKS and not isinstance(o, Literal) and not o.value.startswith(KGO):
                out.append((p, "out", o.value))
        for q in self.store.quads_for_pattern(None, None, n, self._default):
            p = q.predicate.value
            if p not in NOT_LINKS:
                out.append((p, "in", q.subject.value))
        return out

    def sharers(self, fact: str, p: str, iri: str) -> list[str]:
        return [o.value for o in self._objects(fact, p) if o.value != iri]


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


def _matches_type(view: GraphView, iri: str, wanted: set[str]) -> bool:
    for t in view.types(iri):
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
    for d in range(1, depth + 1):
        rows: dict[tuple[str, str, str], Neighbour] = {}

        def add(relation: str, direction: str, other: str, via: str | None) -> None:
            if other in seen or (wanted_rel and not _matches_relation(relation, wanted_rel, view.prefixes)):
                return
            row = rows.get((other, relation, direction))
            if row is None:
                row = rows[(other, relation, direction)] = Neighbour(d, relation, direction, view.node(other))
            if via is not None and all(v.iri != via for v in row.via):
                row.via.append(view.node(via))

        for iri in frontier:
            for p, direction, other in view.edges(iri):
                add(p, direction, other, iri if d > 1 else None)
                if direction == "in" and p in SHARED:
                    for sharer in view.sharers(other, p, iri):
                        add(SHARED[p], "shared", sharer, other)
        level = sorted(rows.values(), key=lambda r: (r.relation, DIRECTIONS.index(r.direction),
                                                     r.node.cls, r.node.label, r.node.iri))
        seen.update(r.node.iri for r in level)
        frontier = sorted({r.node.iri for r in level})
        for r in level:
            r.via.sort(key=lambda v: (v.label, v.iri))
            r.evidence, r.document = view.evidence(r.node.iri)
            if not wanted_type or _matches_type(view, r.node.iri, wanted_type):
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
             "evidence": r.evidence, "document": r.document} for r in rows]}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    headers = ["depth", "relation", "direction", "class", "neighbour", "iri", "via", "document", "evidence"]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(headers)
        for r in rows:
            w.writerow([r.depth, _relation_name(r.relation, prefixes), r.direction, r.node.cls, r.node.label,
                        r.node.iri, "; ".join(v.label for v in r.via), r.document or "", r.evidence or ""])
        return buf.getvalue()
    title = f"{start.label} ({compact(start.iri, prefixes)}, {start.cls or 'no class'}): {len(rows)} neighbours\n"
    cells = [[str(r.depth), _relation_name(r.relation, prefixes), r.direction, r.node.cls,
              " ".join(r.node.label.split()), compact(r.node.iri, prefixes), _via_text(r.via),
              r.document or "", " ".join((r.evidence or "").split())] for r in rows]
    return title + table(headers, cells)


def report(data, name: str, depth: int = 1, relations: list[str] | None = None,
           types: list[str] | None = None, fmt: str = "table") -> str:
    """The neighbours of NAME in the graph `data` (a Turtle file), formatted."""
    from .store import open_graph
    view = GraphView(open_graph(data))
    start = find(view, name)
    rows = neighbours(view, start, depth=depth, relations=relations, types=types)
    return format_neighbours(start, rows, fmt, view.prefixes)
