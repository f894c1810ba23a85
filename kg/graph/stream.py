"""Writing a build's graph a part at a time: memory holds one part, never the whole graph.

The triples are those `kg.graph.rdf.build_graph` makes, made in parts: the first holds what
the documents share (the class hierarchy, the build, every entity with its evidence) and the
first documents; each further part the next documents with their pledges and stances, until it
holds about `PART_TRIPLES` triples. Each part is

- checked against the shapes with the few triples of the other parts it points at beside it
  (the classes of the entities, the type of the documents), each violation kept only where its
  focus node is the part's own, so that the parts together report what the whole graph would;
- written to disk as its N-Triples lines, sorted.

The sorted parts are merged into one sorted file of N-Triples without repeats (a span cited by
an entity's evidence and by a pledge is in two parts), from which pyoxigraph writes the Turtle:
a subject's triples are together in sorted N-Triples, so the Turtle groups them. The same
triples give the same bytes, whatever the parts were.

pyoxigraph writes each literal as it was made (`"7"^^xsd:nonNegativeInteger` stays so); only
its Store puts typed literals in canonical form, and no Store is used here.
"""
from __future__ import annotations

import heapq
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef

from ..model import Document, Entity, Pledge, Stance
from ..model.iri import KGO, PROV, doc_iri
from .rdf import (CLASS_OF_TYPE, _prefixes_used, add_build, add_class_hierarchy, add_document, add_entity,
                  add_pages, add_pledge, add_stance, class_hierarchy, lines_of, new_graph)
from .shapes import Violation, validate

PART_TRIPLES = 10_000  # about as many triples as a part holds before it is written out


@dataclass
class Written:
    """The graph as written: its sorted N-Triples file, how many triples, how many nodes of each
    of the ontology's classes, the prefixes its IRIs use, and what breaks the shapes."""
    ntriples: Path
    triples: int = 0
    counts: Counter = field(default_factory=Counter)
    prefixes: dict[str, str] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)


def _entity_class(e: Entity) -> URIRef:
    return KGO[e.kind] if e.type == "actor" and e.kind else (CLASS_OF_TYPE.get(e.type) or KGO.Actor)


def parts(docs: list[Document], entities: dict[str, Entity], pledges: list[Pledge], stances: list[Stance],
          reference: Graph, size: int = PART_TRIPLES) -> Iterator[tuple[Graph, list[Document]]]:
    """The graph of a build in parts: (part, the documents whose own triples it holds). The union
    of the parts is `build_graph` of the same records."""
    by_doc: dict[str, tuple[list[Pledge], list[Stance]]] = {d.name: ([], []) for d in docs}
    for p in pledges:
        by_doc[p.doc][0].append(p)
    for st in stances:
        by_doc[st.doc][1].append(st)
    names = {d.name: d.name for d in docs}
    g = new_graph()
    add_class_hierarchy(g)
    run = add_build(g, docs)
    g.remove((run, PROV.used, None))  # each in the part of its document
    # an entity's kgo:mentionedIn of each document goes in the part of the document, but for the
    # first (what sh:minCount asks for) and any of a document not in the build (what sh:class
    # is to find): the first part stays the size of the entities, not of the documents
    mentioned_in: dict[str, list[str]] = {}
    for key in sorted(entities):
        e = entities[key]
        moved = sorted(d for d in e.documents if d in by_doc)[1:]
        for d in moved:
            mentioned_in.setdefault(d, []).append(key)
        add_entity(g, replace(e, documents=e.documents - set(moved)), names, reference)
    add_pages(g, docs)  # the spans of the entities' evidence, in any document
    held: list[Document] = []
    for d in docs:
        di = add_document(g, replace(d, issuers=[k for k in d.issuers if k in entities]), reference)
        g.add((run, PROV.used, di))
        for key in mentioned_in.pop(d.name, ()):
            g.add((URIRef(key), KGO.mentionedIn, di))
        ps, sts = by_doc.pop(d.name)
        for p in ps:
            add_pledge(g, p, reference)
        for st in sts:
            add_stance(g, st, reference)
        held.append(d)
        if len(g) >= size:
            add_pages(g, held)
            yield g, held
            g, held = new_graph(), []
    if held or len(g):
        add_pages(g, held)
        yield g, held


def write_ntriples(docs: list[Document], entities: dict[str, Entity], pledges: list[Pledge],
                   stances: list[Stance], reference: Graph, folder: Path, check: bool = True,
                   size: int = PART_TRIPLES) -> Written:
    """The graph of a build, checked part by part against the shapes (unless `check` is false)
    and written to a sorted N-Triples file in `folder` (which the caller removes)."""
    entity_types = [(URIRef(k), RDF.type, _entity_class(e)) for k, e in sorted(entities.items())]
    entity_keys = {t[0] for t in entity_types}
    all_docs = {doc_iri(d.name) for d in docs}
    namespaces = [(p, str(ns)) for p, ns in new_graph().namespaces()]
    written = Written(Path(tempfile.mkstemp(prefix=".kg-graph-", suffix=".nt", dir=folder)[1]))
    runs: list[Path] = []
    used: set[tuple[str, str]] = set()
    try:
        for i, (g, held) in enumerate(parts(docs, entities, pledges, stances, reference, size)):
            lines = lines_of(g)
            used |= _prefixes_used(g, namespaces)
            run = Path(tempfile.mkstemp(prefix=".kg-part-", suffix=".nt", dir=folder)[1])
            runs.append(run)
            run.write_text("".join(line + "\n" for line in lines), encoding="utf-8", newline="\n")
            # each node of the ontology's classes is typed in one part only: the entities in the
            # first, a document with its pledges, stances and amounts in its own
            if i == 0:
                own = _all_but(all_docs - {doc_iri(d.name) for d in held})
            else:
                own = _all_but(entity_keys)
            written.counts.update(_classes(g, own))
            if check:
                written.violations += _check(g, i, held, all_docs, entity_types, own, lines)
        written.triples = _merge(runs, written.ntriples)
    except BaseException:
        written.ntriples.unlink(missing_ok=True)
        raise
    finally:
        for r in runs:
            r.unlink(missing_ok=True)
    written.prefixes = dict(sorted(used))
    written.violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return written


def _all_but(others: set) -> Callable[[object], bool]:
    return lambda node: node not in others


def _check(g: Graph, i: int, held: list[Document], all_docs: set, entity_types, own,
           lines: list[str]) -> list[Violation]:
    """The violations of a part's own nodes, with what it points at in other parts beside it:
    the first part (the entities) the documents' type, the others the entities' classes."""
    if i == 0:  # the documents of other parts that the entities' triples point at
        pointed = {o for o in g.objects() if o in all_docs} - {doc_iri(x.name) for x in held}
        context = [(d, RDF.type, KGO.Document) for d in sorted(pointed)]
    else:
        # the classes of the entities this part points at, not of every entity: each typed node is a
        # focus node of its class's shape, checked (and its violations dropped, not being the part's)
        # in every part, which made the check of 2,000 documents' parts three times the whole graph's
        pointed = set(g.objects())
        context = [(s, RDFS.subClassOf, o) for s, o in class_hierarchy()] + \
            [t for t in entity_types if t[0] in pointed]
    for t in context:
        g.add(t)
    # the part's own N-Triples lines and its context's (IRIs only), for the shapes' SPARQL
    return validate(g, owned=own, lines=[*lines, *(" ".join(x.n3() for x in t) + " ." for t in context)])


def _classes(g: Graph, own) -> Counter:
    """How many of the part's own nodes are of each of the ontology's classes (the most
    specific, should a node have several), as `BuildResult.counts` counts the whole graph."""
    kgo = str(KGO)
    types: dict = {}
    for s, o in g.subject_objects(RDF.type):
        if str(o).startswith(kgo) and own(s):
            types.setdefault(s, set()).add(str(o)[len(kgo):])
    return Counter(min(t - {"Actor"} or t) for t in types.values())


def _merge(runs: list[Path], target: Path) -> int:
    """Merge sorted files of lines into `target`, each line once; returns how many lines."""
    # lines end at "\n" only: a literal may hold "\r" or U+0085 as they are
    files = [open(r, encoding="utf-8", newline="\n") for r in runs]
    n, last = 0, None
    try:
        with open(target, "w", encoding="utf-8", newline="\n") as out:
            for line in heapq.merge(*files):
                if line != last:
                    out.write(line)
                    n += 1
                    last = line
    finally:
        for f in files:
            f.close()
    return n


def write_turtle(ntriples: Path, prefixes: dict[str, str], out) -> None:
    """The Turtle of a sorted N-Triples file, written by pyoxigraph to `out` (a path or a file
    open for writing bytes), with the prefixes given."""
    from pyoxigraph import RdfFormat, parse, serialize
    serialize(parse(path=str(ntriples), format=RdfFormat.N_TRIPLES), output=out,
              format=RdfFormat.TURTLE, prefixes=prefixes)


__all__ = ["PART_TRIPLES", "Written", "parts", "write_ntriples", "write_turtle"]
