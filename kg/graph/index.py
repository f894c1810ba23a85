"""The store's own index and the look-ups it serves.

Beside the Oxigraph store of a graph (the graph and the ontology's schema, nothing else, so
that any SPARQL client of it sees only them), `kg-index.sqlite` holds what the commands
look things up by:

- `names`: every label and alias in lower case (`key`), with the node it names, to find a
  node by name without a scan;
- `superclasses`: each class with every class above it (`rdfs:subClassOf*` of the schema,
  walked once when the store is built), so that "an Actor" is a set of classes to test,
  never a walk per row;
- `shared`: each pair of actors that share agreements (co-party) or pledges (co-pledger),
  with how many and the first of them: the links of a hub too costly to join per command.

`StoreView` reads a node's card (label, classes, the sentence it was read from) and its
links from an open store: per relation and direction, the number of neighbours and the
first ones by label, counted and sorted by the engine, so that a hub with thousands of
links costs a few small queries.

Only pyoxigraph and the standard library are used: no rdflib, no spaCy.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

from .overview import fill_compact_view
from .prefixes import compact

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
INDEX_FILE = "kg-index.sqlite"

KGO = "https://w3id.org/kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
DCT_IDENTIFIER = "http://purl.org/dc/terms/identifier"

# Edges that are not links to a neighbour: the class, the evidence, a span's document.
# (rdf:subject and rdf:object tie a relation's evidence to its two ends: no link of theirs)
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NOT_LINKS = {RDF_TYPE, PROV_DERIVED, NIF + "referenceContext", RDF_NS + "subject", RDF_NS + "object",
             RDF_NS + "predicate"}
# A fact shared by several actors through one property: each is the others' co-party or co-pledger.
SHARED = {KGO + "party": "co-party", KGO + "pledgedBy": "co-pledger"}
SHARED_BY = {v: k for k, v in SHARED.items()}
LABEL, ALIAS = 0, 1  # the kinds of names in the index: a canonical label wins over an alias


def key(name: str) -> str:
    """The form names are matched in: lower case, runs of white space as one space."""
    return " ".join(name.split()).lower()


class Node(NamedTuple):
    iri: str
    label: str
    cls: str
    types: tuple[str, ...] = ()


class Group(NamedTuple):
    """The links of a node through one relation in one direction: how many, and the first ones."""
    relation: str  # a property IRI, or "co-party" / "co-pledger"
    direction: str  # "out", "in" or "shared"
    count: int


# ------------------------------------------------------------------ building the index

def build_indexes(store, path: Path | str) -> None:
    """Write the index of the store's graph into the SQLite file `path` (":memory:" for none):
    its names in lower case and the closure of the schema's `rdfs:subClassOf`."""
    db = sqlite3.connect(str(path)) if not isinstance(path, sqlite3.Connection) else path
    fill_index(db, store)
    if db is not path:
        db.close()


def fill_index(db: sqlite3.Connection, store) -> None:
    db.executescript("""
        CREATE TABLE names (key TEXT NOT NULL, kind INTEGER NOT NULL, iri TEXT NOT NULL);
        CREATE TABLE superclasses (cls TEXT NOT NULL, super TEXT NOT NULL);
        CREATE TABLE shared (iri TEXT NOT NULL, relation TEXT NOT NULL, other TEXT NOT NULL,
                             count INTEGER NOT NULL, facts TEXT NOT NULL);
    """)
    rows = store.query(f"SELECT ?s ?p ?l WHERE {{ VALUES ?p {{ <{RDFS_LABEL}> <{SKOS_ALT_LABEL}> }} "
                       f"?s ?p ?l . FILTER(isIRI(?s) && isLiteral(?l)) }}")
    db.executemany("INSERT INTO names VALUES (?, ?, ?)",
                   ((key(r[2].value), LABEL if r[1].value == RDFS_LABEL else ALIAS, r[0].value) for r in rows))
    parents: dict[str, set[str]] = {}
    for r in store.query(f"SELECT ?c ?d WHERE {{ ?c <{RDFS_SUBCLASS}> ?d . FILTER(isIRI(?c) && isIRI(?d)) }}"):
        parents.setdefault(r[0].value, set())
        parents.setdefault(r[1].value, set())
        if r[1].value != r[0].value:
            parents[r[0].value].add(r[1].value)
    actor_classes: set[str] = set()
    for cls in parents:
        seen, todo = {cls}, [cls]
        while todo:
            for up in parents.get(todo.pop(), ()):
                if up not in seen:
                    seen.add(up)
                    todo.append(up)
        db.executemany("INSERT INTO superclasses VALUES (?, ?)", ((cls, s) for s in sorted(seen)))
        if KGO + "Actor" in seen:
            actor_classes.add(cls)
    fill_compact_view(db, store, actor_classes)
    db.executemany("INSERT INTO shared VALUES (?, ?, ?, ?, ?)", _shared_pairs(store))
    db.executescript("""
        CREATE INDEX shared_iri ON shared (iri, relation, count DESC, other);
        CREATE INDEX names_key ON names (key, kind, iri);
        CREATE INDEX superclasses_cls ON superclasses (cls);
        CREATE INDEX superclasses_super ON superclasses (super);
    """)
    db.commit()


SHARED_FACTS_KEPT = 50  # facts kept per pair of actors; more are read from the graph when asked for


def _shared_pairs(store):
    """(actor, co-party or co-pledger, other actor, how many facts, the first facts) of every pair
    of actors sharing a fact."""
    for prop, relation in sorted(SHARED.items()):
        makers: dict[str, list[str]] = {}
        for r in store.query(f"SELECT ?f ?a WHERE {{ ?f {_iri(prop)} ?a . FILTER(isIRI(?a)) }}"):
            makers.setdefault(r[0].value, []).append(r[1].value)
        pairs: dict[tuple[str, str], list[str]] = {}
        for fact, actors in makers.items():
            if len(actors) > 1:
                for a in actors:
                    for o in actors:
                        if a != o:
                            pairs.setdefault((a, o), []).append(fact)
        for (a, o), facts in pairs.items():
            facts.sort()
            yield a, relation, o, len(facts), " ".join(facts[:SHARED_FACTS_KEPT])


def open_index(path: Path) -> sqlite3.Connection:
    """The index of a built store, read-only; sqlite3.DatabaseError when it is not one."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    db.execute("SELECT 1 FROM names, superclasses, shared, view_counts, view_nodes, view_links LIMIT 1").fetchall()
    return db


# ------------------------------------------------------------------ reading the store

def _iri(iri: str) -> str:
    from pyoxigraph import NamedNode
    return str(NamedNode(iri))


class StoreView:
    """Look-ups on the store for one command: each node's card (label, classes, evidence) and
    its links, cached."""

    def __init__(self, graph):
        from pyoxigraph import DefaultGraph, NamedNode
        self.store = graph.store
        self.index: sqlite3.Connection = graph.index
        self.prefixes = graph.prefixes
        self._nn = NamedNode
        self._default = DefaultGraph()
        self._cards: dict[str, list] = {}
        self._nodes: dict[str, Node] = {}
        self._superclasses: dict[str, set[str]] = {}
        self._class_names: dict[tuple[str, ...], str] = {}
        self._documents: dict[str, str] = {}

    # ---- names

    def named(self, name: str) -> list[tuple[int, str]]:
        """(kind, IRI) of every node whose label or alias is NAME in the normal form."""
        return self.index.execute("SELECT DISTINCT kind, iri FROM names WHERE key = ? ORDER BY kind, iri",
                                  (key(name),)).fetchall()

    def name_keys(self, near: str) -> list[tuple[str, str]]:
        """(name, IRI) of the names about as long as `near` or holding it as a word: the ones a
        suggestion for it is drawn from."""
        k = key(near)
        spread = max(3, len(k) // 3)
        return self.index.execute(
            "SELECT key, MIN(iri) FROM names WHERE (length(key) BETWEEN ? AND ?) OR (' ' || key || ' ') LIKE ? "
            "GROUP BY key ORDER BY key", (len(k) - spread, len(k) + spread, f"% {k} %")).fetchall()

    def classes_below(self, cls: str) -> set[str]:
        """Every class of the graph at or below `cls`."""
        return {r[0] for r in self.index.execute("SELECT cls FROM superclasses WHERE super = ?", (cls,))}

    def known_classes(self) -> list[str]:
        return [r[0] for r in self.index.execute("SELECT DISTINCT cls FROM superclasses ORDER BY cls")]

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

    def node(self, iri: str) -> Node:
        if iri not in self._nodes:
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
        """The class and every class above it, as the index holds them."""
        if cls not in self._superclasses:
            found = {r[0] for r in self.index.execute("SELECT super FROM superclasses WHERE cls = ?", (cls,))}
            self._superclasses[cls] = found | {cls}
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

    # ---- links

    @staticmethod
    def _pattern(iri: str, relation: str | None, direction: str) -> str:
        """The SPARQL pattern binding ?o to the neighbours of `iri` (and ?p to the relation)."""
        n = _iri(iri)
        not_links = ", ".join(f"<{p}>" for p in sorted(NOT_LINKS))
        if direction == "shared":
            p = _iri(SHARED_BY[relation])
            return f"?f {p} {n} . ?f {p} ?o . FILTER(isIRI(?o) && ?o != {n})"
        if relation is None:
            p, keep = "?p", f"FILTER(isIRI(?o) && ?p NOT IN ({not_links}))"
        else:  # '': every property, the caller drops those that are not links
            p, keep = ("?p", "FILTER(isIRI(?o))") if relation == "" else (_iri(relation), "FILTER(isIRI(?o))")
        if direction == "out":
            return f"{n} {p} ?o . {keep} FILTER(!STRSTARTS(STR(?o), \"{KGO}\"))"
        if relation == "":  # counting: the graph mints no blank nodes, and the test costs more than the count
            return f"?o {p} {n} ."
        return f"?o {p} {n} . {keep}"

    @staticmethod
    def _of_types(classes: set[str] | None) -> str:
        if classes is None:
            return ""
        return "FILTER EXISTS { ?o a ?t . VALUES ?t { " + " ".join(_iri(c) for c in sorted(classes)) + " } }"

    def groups(self, iri: str, classes: set[str] | None = None) -> list[Group]:
        """Every relation and direction the node has links through, with how many neighbours each."""
        of_types = self._of_types(classes)
        out = []
        for d in ("out", "in"):  # grouped by the engine, the edges that are not links dropped after
            query = f"SELECT ?p (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {self._pattern(iri, '', d)} {of_types} }} GROUP BY ?p"
            out += [Group(r[0].value, d, int(r[1].value)) for r in self.store.query(query)
                    if r[0].value not in NOT_LINKS]
        if classes is None:
            counts = dict(self.index.execute("SELECT relation, COUNT(*) FROM shared WHERE iri = ? GROUP BY relation",
                                             (iri,)).fetchall())
        else:
            counts = {}
            for relation in SHARED.values():
                query = f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {self._pattern(iri, relation, 'shared')} {of_types} }}"
                counts[relation] = int(next(iter(self.store.query(query)))[0].value)
        out += [Group(r, "shared", n) for r, n in sorted(counts.items()) if n]
        return out

    def group_rows(self, iri: str, group: Group, limit: int | None = None,
                   classes: set[str] | None = None) -> list[tuple[Node, list[str]]]:
        """The neighbours of one group, each with the facts it shares with the node (for a co-party
        or co-pledger), by label then IRI. With a `limit` smaller than the group, the first ones
        in the store's own order (stable for the same graph) are the ones read: sorting thousands
        of neighbours by name would read every name."""
        if group.direction == "shared" and classes is None:
            return self._shared_rows(iri, group, limit)
        cut = f" LIMIT {int(limit)}" if limit and limit < group.count else ""
        query = (f"SELECT DISTINCT ?o WHERE {{ {self._pattern(iri, group.relation, group.direction)} "
                 f"{self._of_types(classes)} }}{cut}")
        others = sorted((self.node(r[0].value) for r in self.store.query(query)), key=lambda n: (n.label, n.iri))
        if group.direction != "shared":
            return [(o, []) for o in others]
        return [(o, self.shared_facts(iri, group.relation, o.iri)) for o in others]

    def _shared_rows(self, iri: str, group: Group, limit: int | None) -> list[tuple[Node, list[str]]]:
        """The actors sharing most facts with the node first, each with the facts (the first
        `limit` of them)."""
        query = "SELECT other, count, facts FROM shared WHERE iri = ? AND relation = ? ORDER BY count DESC, other"
        rows = self.index.execute(query + (f" LIMIT {int(limit)}" if limit else ""), (iri, group.relation)).fetchall()
        out = []
        for other, count, facts in rows:
            kept = facts.split()
            if (not limit or limit > len(kept)) and count > len(kept):
                kept = self.shared_facts(iri, group.relation, other)
            out.append((self.node(other), kept[:limit] if limit else kept))
        return out

    def links_of(self, iris: list[str], chunk: int = 400) -> list[tuple[str, str, str, str, list[str]]]:
        """(node, relation, direction, other, facts shared) of every link of the nodes, read a few
        hundred nodes a query; the facts of a co-party or co-pledger are the first the index keeps."""
        not_links = ", ".join(f"<{p}>" for p in sorted(NOT_LINKS))
        out: list[tuple[str, str, str, str, list[str]]] = []
        for i in range(0, len(iris), chunk):
            part = iris[i:i + chunk]
            values = " ".join(_iri(n) for n in part)
            for direction, pattern in (("out", f"?n ?p ?o . FILTER(isIRI(?o) && !STRSTARTS(STR(?o), \"{KGO}\"))"),
                                       ("in", "?o ?p ?n . FILTER(isIRI(?o))")):
                query = f"SELECT ?n ?p ?o WHERE {{ VALUES ?n {{ {values} }} {pattern} FILTER(?p NOT IN ({not_links})) }}"
                out += [(r[0].value, r[1].value, direction, r[2].value, []) for r in self.store.query(query)]
            marks = ", ".join("?" * len(part))
            out += [(n, relation, "shared", other, facts.split()) for n, relation, other, facts in self.index.execute(
                f"SELECT iri, relation, other, facts FROM shared WHERE iri IN ({marks})", part)]
        return out

    def shared_facts(self, iri: str, relation: str, other: str) -> list[str]:
        """The facts (agreements, pledges) the node shares with another actor, by IRI."""
        p = _iri(SHARED_BY[relation])
        return sorted(r[0].value for r in self.store.query(f"SELECT ?f WHERE {{ ?f {p} {_iri(iri)} . ?f {p} {_iri(other)} }}"))

    def shared_count(self, iri: str, relation: str, other: str) -> int:
        row = self.index.execute("SELECT count FROM shared WHERE iri = ? AND relation = ? AND other = ?",
                                 (iri, relation, other)).fetchone()
        return row[0] if row else 0
