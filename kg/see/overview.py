"""The compact view of a graph, read from its store: what `kg stats` and the overview page draw.

The store's index holds the graph's figures counted by the engine when the store was built
(`kg.graph.overview`): how many nodes and edges of each kind, every actor, agreement, issue
and sector, and the weighted links between them. `Overview` reads them back in a few
milliseconds, however large the graph; `Network` is the actor network made from them (actors
linked by the agreements they share and the pledges they make together) as arrays, for
igraph. The pledges and stances of a few nodes, with their sentences, are read from the store
when a page needs them (`Overview.facts`).

`overview_of_graph` makes the same from a graph in memory (a build's, before it is written):
its store is made in memory, with the same queries.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..graph.index import KGO, NIF, PROV_DERIVED, RDF_TYPE, RDFS_LABEL, _iri, fill_index
from ..graph.overview import local
from ..graph.store import load_in_batches

SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
DCT_IDENTIFIER = "http://purl.org/dc/terms/identifier"
# What a fact says and where its sentence is, read for the facts a page embeds.
FACT_RELATIONS = ("pledgedBy", "underAgreement", "concernsSector", "concernsIssue", "heldBy", "onIssue",
                  "position", "mentionedIn")
# The relations from a pledge or a stance to the nodes whose facts it is (an actor's, an agreement's,
# an issue's)
FACTS_OF = ("pledgedBy", "underAgreement", "heldBy", "onIssue")


class Node(NamedTuple):
    iri: str
    cls: str
    actor: bool
    label: str
    date: str | None
    pledges: int     # an actor's pledges, those under an agreement or on a sector
    stances: int     # an actor's stances, or those on an issue
    documents: int   # the documents it is mentioned in


class Overview:
    """The compact view kept in a store's index; `store` answers the look-ups of facts."""

    def __init__(self, index: sqlite3.Connection, store=None):
        self.index, self.store = index, store
        counts = index.execute("SELECT kind, name, count FROM view_counts").fetchall()
        self.classes = {n: c for k, n, c in counts if k == "class"}
        self.relations = {n: c for k, n, c in counts if k == "relation"}
        self.nodes = {r[0]: Node(r[0], r[1], bool(r[2]), *r[3:])
                      for r in index.execute("SELECT * FROM view_nodes ORDER BY iri")}
        self.links = index.execute("SELECT source, target, kind, count FROM view_links "
                                   "ORDER BY source, target, kind").fetchall()

    @classmethod
    def of_store(cls, graph) -> "Overview":
        """The overview of an open store (`kg.graph.store.open_graph`)."""
        return cls(graph.index, graph.store)

    def of_class(self, cls: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.cls == cls]

    def actors(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.actor]

    def joint_pledges(self) -> list[tuple[str, str, int]]:
        """(actor, actor, pledges they made together) of every pair of actors, each pair once."""
        rows = self.index.execute("SELECT iri, other, count FROM shared WHERE relation = 'co-pledger' AND iri < other "
                                  "ORDER BY iri, other")
        return [(a, b, n) for a, b, n in rows if a in self.nodes and b in self.nodes
                and self.nodes[a].actor and self.nodes[b].actor]

    # ---- what the store is asked for a page: aliases, and the facts of a few nodes

    def _rows(self, query: str):
        return ([t.value if t is not None else None for t in r]
                for r in self.store.query(f"PREFIX kgo: <{KGO}> " + query))

    def aliases(self, iris: list[str], chunk: int = 400) -> dict[str, list[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for i in range(0, len(iris), chunk):
            values = " ".join(_iri(n) for n in iris[i:i + chunk])
            for s, a in self._rows(f"SELECT ?s ?a WHERE {{ VALUES ?s {{ {values} }} ?s <{SKOS_ALT_LABEL}> ?a }}"):
                out[s].add(a)
        return {s: sorted(a) for s, a in out.items()}

    def facts(self, iris: list[str], limit: int) -> tuple[dict[str, list[str]], dict[str, "Fact"]]:
        """The pledges and stances of each node (at most `limit` through each relation, the first by
        IRI: sorted here, since the engine reads every IRI of a hub's thousands to sort them) and
        every one of them, read from the store."""
        from pyoxigraph import DefaultGraph, NamedNode
        of: dict[str, list[str]] = {}
        for iri in iris:
            found: set[str] = set()
            for relation in FACTS_OF:
                facts = sorted(q.subject.value for q in self.store.quads_for_pattern(
                    None, NamedNode(KGO + relation), NamedNode(iri), DefaultGraph()))
                found.update(facts[:limit])
            of[iri] = sorted(found)
        facts = self._read_facts(sorted({f for fs in of.values() for f in fs}))
        return {n: [f for f in fs if f in facts] for n, fs in of.items()}, facts

    def _read_facts(self, iris: list[str], chunk: int = 400) -> dict[str, "Fact"]:
        """Each pledge and stance of `iris` (others are left out) with its sentence and links. Every
        triple of a fact is read and the relations kept here: a VALUES block of properties beside
        one of facts makes the engine scan each property."""
        keep = {KGO + r for r in FACT_RELATIONS} | {RDFS_LABEL}
        kinds = {KGO + "Pledge": "Pledge", KGO + "Stance": "Stance"}
        what: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        spans: dict[str, list[tuple]] = defaultdict(list)
        types: dict[str, str] = {}
        for i in range(0, len(iris), chunk):
            values = " ".join(_iri(n) for n in iris[i:i + chunk])
            for f, p, o in self._rows(f"SELECT ?f ?p ?o WHERE {{ VALUES ?f {{ {values} }} ?f ?p ?o }}"):
                if p in keep:
                    what[f][local(p)].add(o)
                elif p == RDF_TYPE and o in kinds:
                    types[f] = kinds[o]
            for f, span, text, doc, page in self._rows(
                    f"SELECT ?f ?s ?text ?d ?page WHERE {{ VALUES ?f {{ {values} }} ?f <{PROV_DERIVED}> ?s . "
                    f"?s <{NIF}anchorOf> ?text . OPTIONAL {{ ?s <{NIF}referenceContext> ?d }} "
                    "OPTIONAL { ?s kgo:page ?page } }"):
                spans[f].append((span, text, doc, page))
        docs = {d for f in what for d in what[f].get("mentionedIn", ())} | {s[2] for v in spans.values() for s in v}
        names = self._document_names(sorted(d for d in docs if d))
        out = {}
        for f in (f for f in iris if f in types):
            w = what[f]
            documents, pages = {names[d] for d in w.get("mentionedIn", ()) if d in names}, set()
            by_span: dict[str, list[set]] = defaultdict(lambda: [set(), set(), set()])
            for span, *values in spans[f]:
                for found, value in zip(by_span[span], values):
                    if value is not None:
                        found.add(value)
            # each span's sentence, document and page: the first of each, as the NetworkX view takes them
            first = {span: [min(v, key=str) if v else None for v in values] for span, values in by_span.items()}
            evidence = [first[span][0] for span in sorted(first)]
            for text, doc, page in first.values():
                if doc in names:
                    documents.add(names[doc])
                    if page is not None:
                        pages.add(f"{names[doc]}, p. {page}")
            label = min(w.get("label", ()), default=None)
            position = local(min(w["position"])) if w.get("position") else None
            out[f] = Fact(f, types[f], label, " \u2026 ".join(evidence) or None,
                          tuple(sorted(documents)), tuple(sorted(pages)), position,
                          {r: tuple(sorted(v)) for r, v in sorted(w.items())
                           if r not in ("label", "position", "mentionedIn")})
        return out

    def _document_names(self, docs: list[str], chunk: int = 400) -> dict[str, str]:
        names = {d: local(d) for d in docs}
        for i in range(0, len(docs), chunk):
            values = " ".join(_iri(n) for n in docs[i:i + chunk])
            for d, name in self._rows(f"SELECT ?d (MIN(STR(?n)) AS ?name) WHERE {{ VALUES ?d {{ {values} }} "
                                      f"?d <{DCT_IDENTIFIER}> ?n }} GROUP BY ?d"):
                names[d] = name
        return names


class Fact(NamedTuple):
    """A pledge or a stance, with its sentence and what it links."""
    iri: str
    cls: str
    label: str | None
    evidence: str | None
    documents: tuple[str, ...]
    pages: tuple[str, ...]
    position: str | None
    links: dict[str, tuple[str, ...]]   # relation -> the nodes it points to


def overview_of_graph(graph) -> Overview:
    """The overview of an rdflib graph in memory, by the queries a store's build runs."""
    from pyoxigraph import RdfFormat, Store

    store = Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=RdfFormat.N_TRIPLES)
    return _overview(store)


@contextmanager
def overview_of_ntriples(path: Path) -> Iterator[Overview]:
    """The overview of a graph in an N-Triples file, by the queries a store's build runs, while
    the `with` block lasts. Its store is on disk, in a temporary folder beside the file, so that
    memory holds what the overview keeps, not the graph; the folder goes with the block."""
    import shutil
    import tempfile

    from pyoxigraph import RdfFormat, Store

    folder = tempfile.mkdtemp(prefix=".tmp-overview-", dir=Path(path).parent)
    try:
        store = Store(folder)
        load_in_batches(store, path, RdfFormat.N_TRIPLES)
        overview = _overview(store)
        yield overview
        overview.index.close()
        del overview, store
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _overview(store) -> Overview:
    from pyoxigraph import RdfFormat

    from ..model.resources import SCHEMA
    if SCHEMA.exists():
        store.load(path=str(SCHEMA), format=RdfFormat.TURTLE)
    index = sqlite3.connect(":memory:", check_same_thread=False)
    fill_index(index, store)
    return Overview(index, store)


# ------------------------------------------------------------------ the actor network

@dataclass
class Network:
    """A weighted network of labelled nodes as arrays: edge i joins `source[i]` and `target[i]`
    (indices into `iris`), with the agreements they share and the pledges they made together;
    its weight is their sum."""
    iris: list[str]
    labels: list[str]
    classes: list[str]
    source: np.ndarray
    target: np.ndarray
    agreements: np.ndarray
    pledges: np.ndarray

    @property
    def weight(self) -> np.ndarray:
        return self.agreements + self.pledges

    def number_of_nodes(self) -> int:
        return len(self.iris)

    def number_of_edges(self) -> int:
        return len(self.source)

    def degrees(self) -> np.ndarray:
        return np.bincount(np.concatenate((self.source, self.target)), minlength=len(self.iris))

    def strengths(self) -> np.ndarray:
        w = self.weight
        return (np.bincount(self.source, weights=w, minlength=len(self.iris))
                + np.bincount(self.target, weights=w, minlength=len(self.iris)))

    def graph(self):
        """The igraph Graph of the network (no attributes: weights are passed as lists)."""
        import igraph
        return igraph.Graph(n=len(self.iris), edges=np.column_stack((self.source, self.target)).tolist(),
                            directed=False)

    @classmethod
    def from_networkx(cls, net) -> "Network":
        """A NetworkX graph whose edges carry `weight` (or `agreements` and `pledges`), as a Network."""
        iris = sorted(net)
        at = {n: i for i, n in enumerate(iris)}
        edges = sorted((min(at[a], at[b]), max(at[a], at[b]), d) for a, b, d in net.edges(data=True))
        counts = [(d.get("agreements", 0), d.get("pledges", 0)) if "agreements" in d or "pledges" in d
                  else (d.get("weight", 1), 0) for *_, d in edges]
        return cls(iris, [net.nodes[n].get("label", n) for n in iris], [net.nodes[n].get("cls") for n in iris],
                   np.array([e[0] for e in edges], dtype=np.int64), np.array([e[1] for e in edges], dtype=np.int64),
                   np.array([c[0] for c in counts]), np.array([c[1] for c in counts]))


def _pairs(groups: dict[str, list[int]], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of members (i < j) of each group, as keys i * n + j, with how many groups hold it."""
    parts = []
    for members in groups.values():
        m = np.array(sorted(set(members)), dtype=np.int64)
        if len(m) > 1:
            i, j = np.triu_indices(len(m), 1)
            parts.append(m[i] * n + m[j])
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.unique(np.concatenate(parts), return_counts=True)


def actor_network(ov: Overview) -> Network:
    """Actors linked by the agreements they share and the pledges they make together.

    An actor's agreements are those it is a party to and those it pledges under; the same
    network as `kg.see.view.actor_network` of the NetworkX view, made from the compact view."""
    actors = sorted(ov.actors(), key=lambda a: a.iri)
    at = {a.iri: i for i, a in enumerate(actors)}
    n = len(actors)
    members: dict[str, list[int]] = defaultdict(list)
    for source, target, kind, _ in ov.links:
        if kind in ("party", "pledge") and source in at:
            members[target].append(at[source])
    shared_keys, shared = _pairs(members, n)
    joint = ov.joint_pledges()
    joint_keys = np.array([min(at[a], at[b]) * n + max(at[a], at[b]) for a, b, _ in joint], dtype=np.int64)
    joint_counts = np.array([c for *_, c in joint], dtype=np.int64)
    keys = np.union1d(shared_keys, joint_keys)
    agreements = np.zeros(len(keys), dtype=np.int64)
    pledges = np.zeros(len(keys), dtype=np.int64)
    agreements[np.searchsorted(keys, shared_keys)] = shared
    np.add.at(pledges, np.searchsorted(keys, joint_keys), joint_counts)
    return Network([a.iri for a in actors], [a.label for a in actors], [a.cls for a in actors],
                   keys // max(n, 1), keys % max(n, 1), agreements, pledges)
