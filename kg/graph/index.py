"""The store's own indexes and the look-ups they serve.

A store holds, besides the graph, a named graph that queries of the default graph do not
see: every label and alias in lower case (to find a node by name without a scan), and the
neighbourhood of each hub (a node with hundreds of links) as one value, so that listing
its links reads one value instead of thousands of scattered triples.

`StoreView` reads a node's card (label, classes, the sentence it was read from) and its
links (out, in, and the actors sharing a fact with it) from an open store; the hub index
holds the same links, computed once when the store is built.

Only pyoxigraph is used: no rdflib, no spaCy.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from .prefixes import compact

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
NAMES_GRAPH = "urn:x-kg:store:names"
LABEL_KEY = "urn:x-kg:store:labelKey"
ALIAS_KEY = "urn:x-kg:store:aliasKey"
INDEX_GRAPH = "urn:x-kg:store:index"
NEIGHBOURHOOD = "urn:x-kg:store:neighbourhood"

KGO = "https://w3id.org/kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
DCT_IDENTIFIER = "http://purl.org/dc/terms/identifier"

# Edges that are not links to a neighbour: the class, the evidence, a span's document.
NOT_LINKS = {RDF_TYPE, PROV_DERIVED, NIF + "referenceContext"}
# A fact shared by several actors through one property: each is the others' co-party or co-pledger.
SHARED = {KGO + "party": "co-party", KGO + "pledgedBy": "co-pledger"}



def key(name: str) -> str:
    """The form names are matched in: lower case, runs of white space as one space."""
    return " ".join(name.split()).lower()


class Node(NamedTuple):
    iri: str
    label: str
    cls: str
    types: tuple[str, ...] = ()


class StoreView:
    """Look-ups on the store for one command: each node's card (label, classes, evidence) and
    links, cached; a hub's links are read from the neighbourhood the store holds for it."""

    def __init__(self, graph=None, store=None, prefixes: dict[str, str] | None = None):
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

    # ---- cards: [label, types, evidence, document, page]

    def _first(self, iri: str, predicate: str) -> str | None:
        values = self._values(iri, predicate)
        return min(values) if values else None

    def _values(self, iri: str, predicate: str) -> list[str]:
        return [q.object.value for q in self.store.quads_for_pattern(self._nn(iri), self._nn(predicate), None,
                                                                      self._default)]

    def card(self, iri: str) -> list:
        """A node's label, classes, and the sentence, document and page it was read from (for a fact).

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
            evidence = document = page = None
            span = self._first(iri, PROV_DERIVED)
            if span:
                evidence = self._first(span, NIF + "anchorOf")
                doc = self._first(span, NIF + "referenceContext")
                document = self._document(doc) if doc else None
                page = self._first(span, KGO + "page")  # paginated documents (PDF) only
                page = int(page) if page is not None else None
            self._cards[iri] = [label, types, evidence, document, page]
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

    def page(self, iri: str) -> int | None:
        """The page of its document that a fact's sentence begins on, for paginated documents."""
        return self.card(iri)[4]

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
            self._cards.setdefault(r[2], r[3:8])
        return [(r[0], r[1], self.node(r[2]), r[8]) for r in rows]


def build_indexes(store, sources: list[Path], hub_degree: int) -> None:
    """Add the store's own indexes, in a named graph that queries of the default graph do not see:
    every label and alias in lower case (to find a node by name without a scan), and the
    neighbourhood of each hub, a node with at least `hub_degree` links in (see kg.neighbors).

    Names and links are counted in one pass over the parsed files, which is much cheaper
    than reading the triples back out of the store."""
    from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

    names = NamedNode(NAMES_GRAPH)
    keys = {RDFS_LABEL: NamedNode(LABEL_KEY), SKOS_ALT_LABEL: NamedNode(ALIAS_KEY)}
    quads = []
    links_in: dict[str, int] = {}
    for src in sources:
        for q in parse(path=str(src), format=RdfFormat.TURTLE):
            o = q.object
            if type(o) is Literal:
                index = keys.get(q.predicate.value)
                if index is not None and type(q.subject) is NamedNode:
                    quads.append(Quad(q.subject, index, Literal(key(o.value)), names))
            elif type(o) is NamedNode and q.predicate.value not in NOT_LINKS:
                links_in[o.value] = links_in.get(o.value, 0) + 1
    store.bulk_extend(quads)
    index_hubs(store, sorted(n for n, c in links_in.items() if c >= hub_degree))


def index_hubs(store, hubs: list[str]) -> int:
    """Write into the store the neighbourhood of each hub (a node with many links); returns how
    many."""
    from pyoxigraph import Literal, NamedNode, Quad
    hubs = [h for h in hubs if not h.startswith(KGO)]
    view = StoreView(store=store)
    quads = [Quad(NamedNode(h), NamedNode(NEIGHBOURHOOD),
                  Literal(json.dumps(view.live_links(h), ensure_ascii=False, separators=(",", ":"))),
                  NamedNode(INDEX_GRAPH)) for h in hubs]
    store.bulk_extend(quads)
    return len(hubs)
