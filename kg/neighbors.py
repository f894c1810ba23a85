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
from typing import NamedTuple
from difflib import get_close_matches

from .query import compact, table
from .store import ALIAS_KEY, INDEX_GRAPH, KGO, LABEL_KEY, NAMES_GRAPH, NEIGHBOURHOOD, GraphStore, key

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
DCT_IDENTIFIER = "http://purl.org/dc/terms/identifier"

# Edges that are not links to a neighbour: the class, the evidence, a span's document.
NOT_LINKS = {RDF_TYPE, PROV_DERIVED, NIF + "referenceContext"}
# A fact shared by several actors through one property: each is the others' co-party or co-pledger.
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


class Node(NamedTuple):
    iri: str
    label: str
    cls: str
    types: tuple[str, ...] = ()


@dataclass(slots=True)
class Neighbour:
    depth: int
    relation: str  # a property IRI, or "co-party" / "co-pledger"
    direction: str  # "out": node -> neighbour; "in": neighbour -> node; "shared": through a fact
    node: Node
    via: list[Node] = field(default_factory=list)
    evidence: str | None = None
    document: str | None = None


class GraphView:
    """Look-ups on the store for one command: each node's card (label, classes, evidence) and
    links, cached; a hub's links are read from the neighbourhood the store holds for it."""

    def __init__(self, graph: GraphStore | None = None, store=None, prefixes: dict[str, str] | None = None):
        from pyoxigraph import DefaultGraph, NamedNode
        self.store = graph.store if graph is not None else store
        self.prefixes = graph.prefixes if graph is not None else (prefixes or {})
        self._nn = NamedNode
        self._default = DefaultGraph()
        self._index = NamedNode(INDEX_GRAPH)
        self._cards: dict[str, list] = {}
        self._nodes: dict[str, Node] = {}
        self._superclasses: dict[str, set[str]] = {}
        self._class_names: dict[tuple[str, ...], str] = {}
        self._documents: dict[str, str] = {}

    # ---- cards: [label, types, evidence, document]

    def _first(self, iri: str, predicate: str) -> str | None:
        values = self._values(iri, predicate)
        return min(values) if values else None

    def _values(self, iri: str, predicate: str) -> list[str]:
        return [q.object.value for q in self.store.quads_for_pattern(self._nn(iri), self._nn(predicate), None,
                                                                      self._default)]

    def card(self, iri: str) -> list:
        """A node's label, classes, and the sentence and document it was read from (for a fact).

        Each part is looked up by its property: a hub has thousands of other triples to skip."""
        if iri not in self._cards:
            types = sorted(self._values(iri, RDF_TYPE))
            label = self._first(iri, RDFS_LABEL)
            if label is None and KGO + "Stance" in types:  # 'opposes protectionism'
                position = self._first(iri, KGO + "position")
                issue = self._first(iri, KGO + "onIssue")
                label = " ".join(x for x in (position and position.rsplit("#", 1)[-1],
                                             issue and self._first(issue, RDFS_LABEL)) if x) or None
            if label is None:
                label = self._first(iri, DCT_IDENTIFIER)
            evidence = document = None
            span = self._first(iri, PROV_DERIVED)
            if span:
                evidence = self._first(span, NIF + "anchorOf")
                doc = self._first(span, NIF + "referenceContext")
                document = self._document(doc) if doc else None
            self._cards[iri] = [label, types, evidence, document]
        return self._cards[iri]

    def _document(self, doc: str) -> str:
        if doc not in self._documents:
            self._documents[doc] = self._first(doc, DCT_IDENTIFIER) or compact(doc, self.prefixes)
        return self._documents[doc]

    def node(self, iri: str, card: list | None = None) -> Node:
        if iri not in self._nodes:
            if card is not None:
                self._cards.setdefault(iri, card)
            label, types = self.card(iri)[:2]
            types = tuple(types)
            self._nodes[iri] = Node(iri, label or compact(iri, self.prefixes), self.class_name(types), types)
        return self._nodes[iri]

    def evidence(self, iri: str) -> tuple[str | None, str | None]:
        """The sentence a fact was read from and its document's file name."""
        card = self.card(iri)
        return card[2], card[3]

    def superclasses(self, cls: str) -> set[str]:
        if cls not in self._superclasses:
            seen, todo = {cls}, [cls]
            while todo:
                for q in self.store.quads_for_pattern(self._nn(todo.pop()), self._nn(RDFS_SUBCLASS), None,
                                                      self._default):
                    if q.object.value not in seen:
                        seen.add(q.object.value)
                        todo.append(q.object.value)
            self._superclasses[cls] = seen
        return self._superclasses[cls]

    def class_name(self, types: tuple[str, ...]) -> str:
        """The most specific class of a node, by local name for the ontology's own."""
        if types not in self._class_names:
            ours = [t for t in types if t.startswith(KGO)] or list(types)
            specific = [t for t in ours if not any(t != u and t in self.superclasses(u) for u in ours)]
            t = specific[0] if specific else ""
            self._class_names[types] = t[len(KGO):] if t.startswith(KGO) else (compact(t, self.prefixes) if t else "")
        return self._class_names[types]

    def exists(self, iri: str) -> bool:
        n = self._nn(iri)
        return any(True for _ in self.store.quads_for_pattern(n, None, None, self._default)) or \
            any(True for _ in self.store.quads_for_pattern(None, None, n, self._default))

    # ---- links: [relation, direction, other, *other's card, facts shared]

    def live_links(self, iri: str) -> list[list]:
        """Every link of the node, read from its triples: out, in, and actors sharing a fact."""
        from pyoxigraph import NamedNode
        n = self._nn(iri)
        links: list[list] = []
        shared: dict[tuple[str, str], list[str]] = {}
        for q in self.store.quads_for_pattern(n, None, None, self._default):
            p, o = q.predicate.value, q.object
            if p not in NOT_LINKS and isinstance(o, NamedNode) and not o.value.startswith(KGO):
                links.append([p, "out", o.value])
        for q in self.store.quads_for_pattern(None, None, n, self._default):
            p, fact = q.predicate.value, q.subject.value
            if p in NOT_LINKS or not isinstance(q.subject, NamedNode):  # the graph mints no blank nodes
                continue
            links.append([p, "in", fact])
            if p in SHARED:
                for o in self.store.quads_for_pattern(q.subject, q.predicate, None, self._default):
                    if isinstance(o.object, NamedNode) and o.object.value != iri:
                        shared.setdefault((SHARED[p], o.object.value), []).append(fact)
        links.extend([relation, "shared", other] for relation, other in shared)
        out = [[*row, *self.card(row[2]), sorted(shared.get((row[0], row[2]), [])) if row[1] == "shared" else []]
               for row in links]
        out.sort(key=lambda r: (r[0], r[1], r[2]))
        return out

    def links(self, iri: str) -> list[tuple[str, str, Node, list[str]]]:
        """(relation, direction, neighbour, facts shared) of every link of the node."""
        stored = None
        for q in self.store.quads_for_pattern(self._nn(iri), self._nn(NEIGHBOURHOOD), None, self._index):
            stored = json.loads(q.object.value)
        rows = stored if stored is not None else self.live_links(iri)
        for r in rows:  # before any node is made: the facts a shared row goes through are rows too
            self._cards.setdefault(r[2], r[3:7])
        return [(r[0], r[1], self.node(r[2]), r[7]) for r in rows]


def index_hubs(store, hubs: list[str]) -> int:
    """Write into the store the neighbourhood of each hub (a node with many links); returns how
    many. Called when the store is built."""
    from pyoxigraph import Literal, NamedNode, Quad
    hubs = [h for h in hubs if not h.startswith(KGO)]
    view = GraphView(store=store)
    quads = [Quad(NamedNode(h), NamedNode(NEIGHBOURHOOD),
                  Literal(json.dumps(view.live_links(h), ensure_ascii=False, separators=(",", ":"))),
                  NamedNode(INDEX_GRAPH)) for h in hubs]
    store.bulk_extend(quads)
    return len(hubs)


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
    relation_names = {r: _relation_name(r, prefixes) for r in {row.relation for row in rows}}
    cells = [[str(r.depth), relation_names[r.relation], r.direction, r.node.cls, _one_line(r.node.label),
              compact(r.node.iri, prefixes), _via_text(r.via), r.document or "", _one_line(r.evidence or "")]
             for r in rows]
    return title + table(headers, cells)


def _one_line(text: str) -> str:
    """Text on one line with single spaces, for a table cell."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or text[:1].isspace() or text[-1:].isspace():
        return " ".join(text.split())
    return text


def report(data, name: str, depth: int = 1, relations: list[str] | None = None,
           types: list[str] | None = None, fmt: str = "table") -> str:
    """The neighbours of NAME in the graph `data` (a Turtle file), formatted."""
    from .store import open_graph
    view = GraphView(open_graph(data))
    start = find(view, name)
    rows = neighbours(view, start, depth=depth, relations=relations, types=types)
    return format_neighbours(start, rows, fmt, view.prefixes)
