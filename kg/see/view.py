"""The NetworkX view of a knowledge graph, shared by analytics and the HTML page.

`graph_view(g)` turns the RDF graph into a `networkx.MultiDiGraph`: one node per
entity (actors, agreements, sectors, issues, roles, pledges, stances and
documents), keyed by its IRI, and one edge per relation between two of them,
keyed by the relation's local name (`pledgedBy`, `party`, `mentionedIn`, ...).
What a person reads about a node travels with it as attributes: its class, its
label, its aliases, the documents it is mentioned in and, for pledges and
stances, the evidence sentence. NIF spans and amounts are not nodes: they are
folded into the pledge or stance that cites them.

The projections analysts use are built from that view, never from RDF again:
`actor_network` (actors linked by the agreements they share and the pledges
they make together) and `actor_sector_network` (actors and the sectors they
pledge on).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..model.iri import KGO, NIF, PROV

from ..model.resources import SCHEMA as ONTOLOGY_FILE

# Classes of the ontology whose instances are values of other nodes, not nodes.
FOLDED_CLASSES = frozenset({"Amount", "Position"})
# The terms the view reads, looked up once (a namespace lookup per node adds up on large graphs).
TYPE, LABEL, ALT_LABEL, IDENTIFIER, TITLE, DATE = (RDF.type, RDFS.label, SKOS.altLabel, DCTERMS.identifier,
                                                   DCTERMS.title, DCTERMS.date)
MENTIONED_IN, POSITION, AMOUNT, VALUE = KGO.mentionedIn, KGO.position, KGO.amount, KGO.value
DERIVED_FROM, ANCHOR_OF, CONTEXT, PAGE = PROV.wasDerivedFrom, NIF.anchorOf, NIF.referenceContext, KGO.page


@dataclass(frozen=True)
class Schema:
    """What the ontology says about the classes and relations the view shows."""
    class_labels: dict[str, str]        # local name -> rdfs:label ("GovernmentBody" -> "Government body")
    relation_labels: dict[str, str]     # local name -> rdfs:label ("pledgedBy" -> "pledged by")
    actor_classes: frozenset[str]       # Actor and every class below it


@lru_cache(maxsize=1)
def load_schema(path: Path = ONTOLOGY_FILE) -> Schema:
    """The class and relation names of the ontology (ontology/kg.ttl)."""
    ont = Graph().parse(path, format="turtle")
    kgo = str(KGO)

    def local(term) -> str | None:
        s = str(term)
        return s[len(kgo):] if s.startswith(kgo) else None

    class_labels, relation_labels = {}, {}
    for term, label in ont.subject_objects(RDFS.label):
        name = local(term)
        if name is None:
            continue
        if name[:1].isupper():
            class_labels[name] = str(label)
        else:
            relation_labels[name] = str(label)
    actors = {"Actor"}
    children = defaultdict(set)
    for sub, sup in ont.subject_objects(RDFS.subClassOf):
        if local(sub) and local(sup):
            children[local(sup)].add(local(sub))
    todo = ["Actor"]
    while todo:
        for c in children[todo.pop()]:
            if c not in actors:
                actors.add(c)
                todo.append(c)
    return Schema(class_labels, relation_labels, frozenset(actors))


def _local(term) -> str:
    s = str(term)
    for sep in ("#", "/"):
        if sep in s:
            s = s.rsplit(sep, 1)[1]
    return s


def graph_view(g: Graph, schema: Schema | None = None) -> nx.MultiDiGraph:
    """The entities of `g` as nodes and their relations as edges (see the module's text).

    Node attributes: `iri`, `cls` (the class's local name), `label`, `aliases`,
    `documents` (file names), `actor` (whether the class is an Actor), and where
    they apply `evidence`, `pages` ("file.pdf, p. 3": where in a PDF the evidence is), `date`,
    `position`, `amounts`. Edge key and `relation`:
    the local name of the property. Nodes and edges are added in sorted order,
    so the same graph gives the same view.
    """
    schema = schema or load_schema()
    kgo = str(KGO)
    facts: dict = defaultdict(lambda: defaultdict(list))     # subject -> predicate -> objects
    for s, p, o in g:                                        # one pass over the triples
        facts[s][p].append(o)
    empty: dict = {}

    def objects(s, p) -> list:
        return facts.get(s, empty).get(p, [])

    def one(s, p):
        found = objects(s, p)
        return min(found, key=str) if found else None       # the same one every time

    classes = {}
    for s, by_predicate in facts.items():
        stated = {str(o)[len(kgo):] for o in by_predicate.get(TYPE, ()) if str(o).startswith(kgo)}
        stated -= FOLDED_CLASSES
        if stated and isinstance(s, URIRef):
            # one class per node: the most specific one the graph states (the first by name on a tie)
            classes[s] = min(stated - {"Actor"} or stated)
    doc_names = {d: str(one(d, IDENTIFIER) or _local(d))
                 for d, c in classes.items() if c == "Document"}

    view = nx.MultiDiGraph()
    for s in sorted(classes, key=str):
        cls = classes[s]
        attrs = {
            "iri": str(s),
            "cls": cls,
            "actor": cls in schema.actor_classes,
            "label": _label(s, cls, one, doc_names),
            "aliases": tuple(sorted({str(a) for a in objects(s, ALT_LABEL)})),
        }
        documents = {doc_names[d] for d in objects(s, MENTIONED_IN) if d in doc_names}
        evidence, pages = [], set()
        for span in sorted(objects(s, DERIVED_FROM), key=str):
            text = one(span, ANCHOR_OF)
            if text is not None:
                evidence.append(str(text))
            ctx = one(span, CONTEXT)
            if ctx in doc_names:
                documents.add(doc_names[ctx])
                page = one(span, PAGE)
                if page is not None:  # the page of a PDF the sentence begins on
                    pages.add(f"{doc_names[ctx]}, p. {page}")
        if cls == "Document":
            documents.add(doc_names[s])
        attrs["documents"] = tuple(sorted(documents))
        if evidence:
            attrs["evidence"] = evidence[0] if len(evidence) == 1 else " \u2026 ".join(evidence)
        if pages:
            attrs["pages"] = tuple(sorted(pages))
        date = one(s, DATE)
        if date is not None:
            attrs["date"] = str(date)
        position = one(s, POSITION)
        if position is not None:
            attrs["position"] = _local(position)
        amounts = sorted(str(one(a, LABEL) or one(a, VALUE)) for a in objects(s, AMOUNT))
        if amounts:
            attrs["amounts"] = tuple(amounts)
        view.add_node(str(s), **attrs)

    edges = []
    for s in classes:
        for p, objs in facts[s].items():
            if p != TYPE:
                rel = _local(p)
                edges.extend((str(s), str(o), rel) for o in objs if o in classes)
    for s, o, rel in sorted(edges):
        view.add_edge(s, o, key=rel, relation=rel)
    for n, data in view.nodes(data=True):
        if data["cls"] == "Stance" and not data["label"]:
            data["label"] = _stance_label(view, n)
    return view


def _label(s: URIRef, cls: str, one, doc_names: dict) -> str:
    label = one(s, LABEL)
    if label is not None:
        return str(label)
    if cls == "Document":
        title = one(s, TITLE)
        return str(title) if title is not None else doc_names[s]
    if cls == "Stance":
        return ""   # named from its actor and issue once the edges are in
    return _local(s)


def _stance_label(view: nx.MultiDiGraph, n: str) -> str:
    holder = [view.nodes[o]["label"] for _, o, k in view.out_edges(n, keys=True) if k == "heldBy"]
    issue = [view.nodes[o]["label"] for _, o, k in view.out_edges(n, keys=True) if k == "onIssue"]
    position = view.nodes[n].get("position", "")
    return " ".join(x for x in (", ".join(sorted(holder)), position, ", ".join(sorted(issue))) if x)


def targets(view: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    """The nodes `node` points to by `relation`, sorted."""
    return sorted(o for _, o, k in view.out_edges(node, keys=True) if k == relation)


def sources(view: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    """The nodes that point to `node` by `relation`, sorted."""
    return sorted(s for s, _, k in view.in_edges(node, keys=True) if k == relation)


def nodes_of_class(view: nx.MultiDiGraph, cls: str) -> list[str]:
    return sorted(n for n, c in view.nodes(data="cls") if c == cls)


def actors(view: nx.MultiDiGraph) -> list[str]:
    return sorted(n for n, a in view.nodes(data="actor") if a)


def actor_network(view: nx.MultiDiGraph) -> nx.Graph:
    """Actors linked by the agreements they share and the pledges they make together.

    An actor's agreements are those it is a party to and those it pledges
    under. Two actors are linked when they share at least one agreement or one
    pledge; the edge carries `agreements` and `pledges` (how many of each they
    share) and `weight`, their sum. Every actor of the view is a node, linked or
    not, with its `label` and `cls`.
    """
    net = nx.Graph()
    agreements_of: dict[str, set[str]] = defaultdict(set)
    for a in actors(view):
        net.add_node(a, label=view.nodes[a]["label"], cls=view.nodes[a]["cls"])
    for agreement in nodes_of_class(view, "Agreement"):
        for a in targets(view, agreement, "party"):
            if view.nodes[a]["actor"]:
                agreements_of[a].add(agreement)
    joint: dict[tuple[str, str], int] = defaultdict(int)
    for pledge in nodes_of_class(view, "Pledge"):
        by = [a for a in targets(view, pledge, "pledgedBy") if view.nodes[a]["actor"]]
        for agreement in targets(view, pledge, "underAgreement"):
            for a in by:
                agreements_of[a].add(agreement)
        for i, a in enumerate(by):
            for b in by[i + 1:]:
                joint[(a, b)] += 1
    members: dict[str, list[str]] = defaultdict(list)
    for a in sorted(agreements_of):
        for agreement in agreements_of[a]:
            members[agreement].append(a)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for agreement in sorted(members):
        group = sorted(members[agreement])
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                shared[(a, b)] += 1
    for a, b in sorted(set(shared) | set(joint)):
        net.add_edge(a, b, agreements=shared.get((a, b), 0), pledges=joint.get((a, b), 0),
                     weight=shared.get((a, b), 0) + joint.get((a, b), 0))
    return net


def actor_sector_network(view: nx.MultiDiGraph) -> nx.Graph:
    """Actors and the sectors they pledge on: an edge per (actor, sector) with
    `weight` = the number of pledges by that actor concerning that sector.
    Nodes carry `label`, `cls` and `bipartite` (0 for actors, 1 for sectors)."""
    net = nx.Graph()
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for pledge in nodes_of_class(view, "Pledge"):
        by = [a for a in targets(view, pledge, "pledgedBy") if view.nodes[a]["actor"]]
        for sector in targets(view, pledge, "concernsSector"):
            for a in by:
                counts[(a, sector)] += 1
    for (a, sector) in sorted(counts):
        for n, side in ((a, 0), (sector, 1)):
            if n not in net:
                net.add_node(n, label=view.nodes[n]["label"], cls=view.nodes[n]["cls"], bipartite=side)
        net.add_edge(a, sector, weight=counts[(a, sector)])
    return net


class GraphReadError(ValueError):
    """A graph file that cannot be read."""


def read_graph(path: Path) -> Graph:
    """The RDF graph of a Turtle file, or GraphReadError saying why not in one line."""
    path = Path(path)
    if not path.exists():
        raise GraphReadError(f"no graph at {path}: run `kg build` first")
    if path.is_dir():
        raise GraphReadError(f"{path} is a folder: give a Turtle file such as {path / 'kg.ttl'}")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as e:  # noqa: BLE001 - any parse failure is the user's file
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise GraphReadError(f"{path} is not valid Turtle: {first}") from e
