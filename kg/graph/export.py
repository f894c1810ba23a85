"""Exports of the graph as RDF: JSON-LD (under the context of ontology/context.jsonld),
N-Triples (sorted, so that two exports compare with `diff`) and TriG (the graph named
after the build that made it).

Every exporter, here and in `kg.see.export` (the network formats), has the same shape:
an `Exporter` with a `name`, a `default` file or folder name, and `write(graph, out)`
that writes what it makes under `out` and returns the paths it wrote. Each output is
written in one step (a temporary file, then a rename) and depends only on the graph, so
the same graph gives the same bytes.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from rdflib import RDF, Graph, URIRef

from ..model.iri import PROV
from ..model.resources import CONTEXT
from .rdf import write_atomically


@dataclass(frozen=True)
class Exporter:
    """One export format: `write(graph, out)` writes it at `out` (a file, or a folder for the
    formats of several files) and returns the files written."""
    name: str
    default: str          # the file or folder name under exports/ when no --out is given
    description: str
    write: Callable[[Graph, Path], list[Path]]


def context() -> dict:
    """The JSON-LD context of kg's terms and prefixes (ontology/context.jsonld)."""
    return json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]


def _sorted_json(value):
    """A JSON-LD document in one order: nodes by @id, values of a property by their text.
    (JSON-LD values are unordered sets, so sorting loses nothing.)"""
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def jsonld_bytes(g: Graph) -> bytes:
    ctx = context()
    doc = json.loads(g.serialize(format="json-ld", context=ctx, auto_compact=True))
    doc.pop("@context", None)
    nodes = doc.pop("@graph", None)
    if nodes is None:  # a graph of one node is compacted without @graph
        nodes = [doc] if doc else []
    # the context inline, so that the file reads offline; it is ontology/context.jsonld
    out = {"@context": ctx, "@graph": _sorted_json(nodes)}
    return (json.dumps(out, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def ntriples_bytes(g: Graph) -> bytes:
    lines = {line for line in g.serialize(format="nt", encoding="utf-8").splitlines() if line.strip()}
    return b"".join(line + b"\n" for line in sorted(lines))


def graph_name(g: Graph) -> URIRef:
    """The name of the graph in a TriG export: the build (prov:Activity) that made it."""
    runs = sorted(g.subjects(RDF.type, PROV.Activity))
    return runs[0] if runs else URIRef("https://w3id.org/kg/graph")


def trig_bytes(g: Graph) -> bytes:
    """The triples in the graph named after their build, in sorted order, written by Oxigraph."""
    from pyoxigraph import NamedNode, Quad, RdfFormat, parse, serialize
    name = NamedNode(str(graph_name(g)))
    quads = [Quad(t.subject, t.predicate, t.object, name)
             for t in parse(ntriples_bytes(g), format=RdfFormat.N_TRIPLES)]
    prefixes = {p: ns for p, ns in context().items() if isinstance(ns, str) and ns.endswith(("#", "/"))}
    return serialize(quads, format=RdfFormat.TRIG, prefixes=prefixes)


def _file_writer(make: Callable[[Graph], bytes]) -> Callable[[Graph, Path], list[Path]]:
    def write(g: Graph, out: Path) -> list[Path]:
        write_atomically(out, make(g))
        return [out]
    return write


RDF_EXPORTERS = {
    "jsonld": Exporter("jsonld", "kg.jsonld", "JSON-LD under kg's context (ontology/context.jsonld)",
                       _file_writer(jsonld_bytes)),
    "nt": Exporter("nt", "kg.nt", "N-Triples, one triple a line, sorted", _file_writer(ntriples_bytes)),
    "trig": Exporter("trig", "kg.trig", "TriG: the graph named after the build that made it",
                     _file_writer(trig_bytes)),
}
