"""The shapes as SPARQL: a fast test of whether a graph may break them, before pySHACL is asked.

pySHACL checks each focus node in Python: on a build of 2,000 documents, nine tenths of the
time of writing the graph. Almost every build conforms, so the question asked first is
whether anything can break a shape at all. Each constraint of ontology/shapes.ttl (the
SHACL Core subset it uses: sh:targetClass, sh:path, sh:minCount, sh:maxCount, sh:datatype,
sh:class, sh:nodeKind sh:IRI, sh:minLength, sh:in, sh:pattern, sh:or of datatypes, sh:node,
a node shape's own sh:class, and SPARQL-based constraints) becomes one SELECT over the graph
loaded in pyoxigraph, which gives the focus nodes that break it; literals that are not valid
for their datatype are found by rdflib's own test of each literal. Where neither finds a
focus node of interest, the graph conforms and pySHACL is not run; where either does,
pySHACL checks the graph as before and reports each violation in its words.

A constraint of a kind this module cannot compile is reported by `compile_shapes` as
unknown, and then pySHACL is always run: nothing is ever left unchecked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

CLASS_PATH = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
KNOWN = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.minLength, SH["in"],
         SH.pattern, SH["or"], SH.node, SH.message, SH.name, SH.description}


@dataclass
class Compiled:
    """The SELECT queries that find breaking focus nodes (bound to ?focus); the datatype checks,
    (a SELECT of ?focus and the node ?h holding the property, the property, the datatypes
    allowed), which are made on the rdflib graph, since pyoxigraph's store puts typed literals
    in canonical form (an xsd:nonNegativeInteger is an xsd:integer there); and whether every
    constraint of the shapes could be compiled."""
    queries: list[str]
    datatypes: list[tuple[str, URIRef, frozenset]]
    complete: bool


def _term(t) -> str:
    if isinstance(t, URIRef):
        return f"<{t}>"
    if isinstance(t, Literal):
        return t.n3()
    raise ValueError(f"not a constant: {t!r}")


def _value_tests(shapes: Graph, prop) -> tuple[list[str], list, list[frozenset], bool]:
    """(FILTER conditions that a value ?v breaks, nested shapes its values must meet, sets of
    datatypes one of which each value must have, complete)."""
    tests: list[str] = []
    nested: list = []
    kinds_allowed: list[frozenset] = []
    complete = True
    for p, o in shapes.predicate_objects(prop):
        if p == SH.datatype:
            kinds_allowed.append(frozenset({o}))
        elif p == SH["class"]:
            tests.append(f"NOT EXISTS {{ ?v {CLASS_PATH} {_term(o)} }}")
        elif p == SH.nodeKind:
            if o == SH.IRI:
                tests.append("!isIRI(?v)")
            else:
                complete = False
        elif p == SH.minLength:
            tests.append(f"isBlank(?v) || STRLEN(STR(?v)) < {int(o)}")
        elif p == SH["in"]:
            tests.append(f"?v NOT IN ({', '.join(_term(x) for x in Collection(shapes, o))})")
        elif p == SH.pattern:
            tests.append(f"isBlank(?v) || !REGEX(STR(?v), {Literal(str(o)).n3()})")
        elif p == SH["or"]:
            kinds = set()
            for member in Collection(shapes, o):
                if set(shapes.predicates(member)) == {SH.datatype}:
                    kinds.add(shapes.value(member, SH.datatype))
                else:
                    complete = False
            kinds_allowed.append(frozenset(kinds))
        elif p == SH.node:
            nested.append(o)
        elif p not in KNOWN and p != RDF.type:
            complete = False
    return tests, nested, kinds_allowed, complete


def _shape_queries(shapes: Graph, shape, focus: str, out: list[str], datatypes: list, depth: int = 0) -> bool:
    """Add the queries of a node shape whose focus nodes are matched by the pattern `focus`
    (which binds ?f, and ?focus, the node a violation is reported at); returns whether all was
    compiled."""
    complete = depth < 4
    for cls in shapes.objects(shape, SH["class"]):
        out.append(f"SELECT DISTINCT ?focus WHERE {{ {focus} FILTER NOT EXISTS {{ ?f {CLASS_PATH} {_term(cls)} }} }}")
    for c in shapes.objects(shape, SH.sparql):
        select = shapes.value(c, SH.select)
        if select is None:
            complete = False
            continue
        prefixes = "".join(f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
                           for p in shapes.objects(c, SH.prefixes) for d in shapes.objects(p, SH.declare))
        inner = str(select).replace("$this", "?f")
        out.append(f"{prefixes}SELECT DISTINCT ?focus WHERE {{ {focus} {{ {inner} }} }}")
    for prop in shapes.objects(shape, SH.property):
        path = shapes.value(prop, SH.path)
        if not isinstance(path, URIRef):
            complete = False   # a path of more than one step
            continue
        p = _term(path)
        low = shapes.value(prop, SH.minCount)
        if low is not None and int(low) > 0:
            out.append(f"SELECT DISTINCT ?focus WHERE {{ {focus} OPTIONAL {{ ?f {p} ?v }} }} "
                       f"GROUP BY ?focus ?f HAVING (COUNT(DISTINCT ?v) < {int(low)})")
        high = shapes.value(prop, SH.maxCount)
        if high is not None:
            out.append(f"SELECT DISTINCT ?focus WHERE {{ {focus} ?f {p} ?v }} "
                       f"GROUP BY ?focus ?f HAVING (COUNT(DISTINCT ?v) > {int(high)})")
        tests, nested, kinds, ok = _value_tests(shapes, prop)
        complete = complete and ok
        for test in tests:
            out.append(f"SELECT DISTINCT ?focus WHERE {{ {focus} ?f {p} ?v FILTER ({test}) }}")
        for allowed in kinds:
            datatypes.append((f"SELECT DISTINCT ?focus (?f AS ?h) WHERE {{ {focus} }}", path, allowed))
        for node in nested:
            # the nested shape's focus nodes are the values (?f<depth+1>); a violation is reported at
            # the outer ?focus, as pySHACL reports a failed sh:node
            sub: list[str] = []
            sub_types: list = []
            complete = _shape_queries(shapes, node, "{{FOCUS}}", sub, sub_types, depth + 1) and complete
            deeper = f"{focus} ?f {p} ?f{depth + 1} ."
            out.extend(_rebind(q, deeper, depth + 1) for q in sub)
            # (the holder of a nested shape's property is its own focus node, renamed ?f<depth+1>:
            # the query selects it as ?h)
            datatypes.extend((_rebind(q, deeper, depth + 1),
                              path_, allowed) for q, path_, allowed in sub_types)
    known_shape = {SH["class"], SH.sparql, SH.property, SH.targetClass, RDF.type, SH.message, SH.name}
    if any(p not in known_shape for p in shapes.predicates(shape)):
        complete = False
    return complete


def _rebind(query: str, focus: str, level: int) -> str:
    """A nested shape's query, its own ?f renamed ?f<level> and put under the outer focus."""
    return re.sub(r"\?f(?!\w)", f"?f{level}", query).replace("{{FOCUS}}", focus)


def compile_shapes(shapes: Graph) -> Compiled:
    """The queries of every targeted node shape of `shapes`."""
    out: list[str] = []
    datatypes: list = []
    complete = True
    for shape in sorted(set(shapes.subjects(SH.targetClass, None))):
        targets = " UNION ".join(f"{{ ?f {CLASS_PATH} {_term(c)} }}" for c in sorted(shapes.objects(shape, SH.targetClass)))
        focus = f"{{ {targets} }} BIND (?f AS ?focus)"
        complete = _shape_queries(shapes, shape, focus, out, datatypes) and complete
    return Compiled(out, datatypes, complete)


def flagged(data: Graph, compiled: Compiled, lines: list[str] | None = None) -> set[str] | None:
    """The focus nodes (rdflib terms; a blank node stands for any) the queries find breaking a
    shape, and the subjects of ill-typed literals; None when the shapes could not all be compiled (then
    only pySHACL can tell). `lines`, the graph's N-Triples lines, spares serialising it again."""
    if not compiled.complete:
        return None
    from pyoxigraph import NamedNode, RdfFormat, Store

    out: set[str] = set()
    for s, _, o in data:
        if isinstance(o, Literal) and getattr(o, "ill_typed", False):
            out.add(s)
    store = Store()
    text = "\n".join(lines) if lines is not None else data.serialize(format="nt", encoding="utf-8").decode("utf-8")
    if text.strip():
        store.load(text.encode("utf-8"), format=RdfFormat.N_TRIPLES)
    for q in compiled.queries:
        for row in store.query(q):
            out.add(_rdflib(row["focus"]))
    for q, path, allowed in compiled.datatypes:
        for row in store.query(q):
            holder = row["h"]
            if not isinstance(holder, NamedNode):
                out.add(_rdflib(row["focus"]))   # a blank node: pySHACL is to tell
                continue
            for o in data.objects(URIRef(holder.value), path):
                if not isinstance(o, Literal) or _datatype(o) not in allowed or getattr(o, "ill_typed", False):
                    out.add(_rdflib(row["focus"]))
    return out


def _datatype(lit: Literal):
    if lit.datatype is not None:
        return lit.datatype
    return RDF.langString if lit.language else XSD.string


def _rdflib(term):
    from pyoxigraph import NamedNode
    return URIRef(term.value) if isinstance(term, NamedNode) else BNode(term.value)


__all__ = ["Compiled", "compile_shapes", "flagged"]
