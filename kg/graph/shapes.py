"""Checking a graph against the SHACL shapes of ontology/shapes.ttl."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.resources import ONTOLOGY_DIR


@dataclass
class Violation:
    """One breach of a shape, in plain words: which node, which property, what is wrong."""
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


def _names():
    """A namespace manager that writes the project's IRIs as short prefixed names."""
    from .rdf import new_graph
    return new_graph().namespace_manager


def _name(term, names) -> str:
    from rdflib import Literal, URIRef
    if isinstance(term, Literal):
        return f'"{term}"'
    if isinstance(term, URIRef):
        try:
            return names.normalizeUri(term).strip("<>")
        except Exception:  # noqa: BLE001 - an IRI no prefix fits is written in full
            return str(term)
    return str(term)


def _plain(report, shapes, result, names) -> str:
    """What a validation result says, in words: the shape's own message where it has one,
    with the offending value; else a sentence made from the constraint that failed."""
    from rdflib.namespace import SH

    shape = report.value(result, SH.sourceShape)
    component = str(report.value(result, SH.sourceConstraintComponent) or "").rsplit("#", 1)[-1]
    value = report.value(result, SH.value)
    path = report.value(result, SH.resultPath)
    prop = _name(path, names) if path is not None else "it"
    v = _name(value, names) if value is not None else ""

    def param(p):
        return shapes.value(shape, p) if shape is not None else None

    def allowed() -> str:
        from rdflib.collection import Collection
        return ", ".join(_name(t, names) for t in Collection(shapes, param(SH["in"])))

    detail = {
        "MinCountConstraintComponent": f"it has no {prop}" if str(param(SH.minCount)) == "1"
        else f"it has fewer than {param(SH.minCount)} values of {prop}",
        "MaxCountConstraintComponent": f"it has more than {param(SH.maxCount)} values of {prop}",
        "DatatypeConstraintComponent": f"its {prop} {v} is not a valid {_name(param(SH.datatype), names)}",
        "ClassConstraintComponent": f"its {prop} {v} is not a {_name(param(SH['class']), names)}",
        "MinLengthConstraintComponent": f"its {prop} is empty" if str(param(SH.minLength)) == "1"
        else f"its {prop} {v} is shorter than {param(SH.minLength)} characters",
        "InConstraintComponent": f"its {prop} {v} is not one of {allowed()}",
        "OrConstraintComponent": f"its {prop} {v} has none of the forms allowed",
        "NodeConstraintComponent": f"its {prop} {v} is not well formed",
    }.get(component)
    own = param(SH.message)
    if own is not None:
        return f"{own} ({detail})" if detail and value is not None else str(own)
    if detail:
        return detail[0].upper() + detail[1:] + "."
    return str(report.value(result, SH.resultMessage) or "breaks a shape")


def _sparql_constraints(shapes) -> list[tuple[object, object, str]]:
    """(shape, constraint, SELECT text with its prefixes) of every SPARQL-based constraint."""
    from rdflib.namespace import SH
    out = []
    for shape, c in sorted(shapes.subject_objects(SH.sparql)):
        select = shapes.value(c, SH.select)
        if select is None:
            continue
        prefixes = "".join(f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
                           for p in shapes.objects(c, SH.prefixes) for d in shapes.objects(p, SH.declare))
        out.append((shape, c, prefixes + str(select)))
    return out


def _may_violate(data_graph, select: str) -> bool:
    """Whether a SPARQL constraint has any result over the whole graph, `$this` left free.

    A constraint's SELECT bound to one focus node gives the rows of the free query whose
    ?this is that node; so when the free query gives none, no focus node can break it."""
    from rdflib.plugins.sparql import prepareQuery
    query = prepareQuery(select.replace("$this", "?this"))
    return any(True for _ in data_graph.query(query))


def validate(data_graph, ontology_dir: Path = ONTOLOGY_DIR, owned=None, lines: list[str] | None = None,
             precheck: bool = True) -> list[Violation]:
    """The violations of the shapes by `data_graph` (an rdflib Graph); empty when it conforms.
    With `owned` (a test of a node), only those whose focus node passes it: the graph of a part
    of a build holds a few triples of other parts, whose nodes those parts check.

    First the shapes are asked as SPARQL over the graph (`kg.graph.precheck`, with `lines`,
    the graph's N-Triples lines, where the caller has them): when no focus node (of interest)
    can break a shape, the graph conforms and pySHACL is not run. Otherwise pySHACL checks
    every constraint; a SPARQL-based constraint, which it would parse anew for every focus
    node, is first run once over the whole graph, and left out of pySHACL's work when that
    finds nothing (so it has nothing to report); when it finds something, pySHACL checks it
    as written, to report each violation at its focus node. `precheck=False` asks pySHACL
    alone (the tests compare the two)."""
    from rdflib import BNode, Graph
    from rdflib.namespace import SH, RDF

    # the data alone: it carries the ontology's rdfs:subClassOf triples, which SHACL follows
    # for sh:class and sh:targetClass, so the shapes need no ontology beside it on any engine
    shapes = Graph().parse(ontology_dir / "shapes.ttl", format="turtle")
    if precheck:
        from .precheck import compile_shapes, flagged
        hits = flagged(data_graph, compile_shapes(shapes), lines)
        if hits is not None:
            if owned is not None:
                hits = {h for h in hits if isinstance(h, BNode) or owned(h)}
            if not hits:
                return []
    from pyshacl import validate as shacl_validate
    for shape, c, select in _sparql_constraints(shapes):
        if not _may_violate(data_graph, select):
            shapes.remove((shape, SH.sparql, c))
    conforms, report, _ = shacl_validate(data_graph, shacl_graph=shapes,
                                         inference="none", advanced=True, allow_warnings=True,
                                         inplace=True)  # no rules: nothing is added to the data
    if conforms:
        return []
    names = _names()
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        if owned is not None and not owned(report.value(r, SH.focusNode)):
            continue
        path = report.value(r, SH.resultPath)
        out.append(Violation(_name(report.value(r, SH.focusNode), names),
                             _name(path, names) if path is not None else "",
                             _plain(report, shapes, r, names)))
    return sorted(out, key=lambda v: (v.focus, v.path, v.message))
