"""Exports of the graph as networks, read from the NetworkX view (`kg.see.view`): GraphML
and GEXF for Gephi, Cytoscape and yEd; nodes.csv and edges.csv for pandas and
spreadsheets; CSV files for `neo4j-admin database import`. With the RDF exporters of
`kg.graph.export`, every format of `kg export` behind one interface (`Exporter`).

Nodes are the view's: every entity, pledge and stance, with its class, label, aliases
and documents. Edges are its relations. A pledge's or a stance's evidence (the sentence,
its document and its character offsets) is on the fact's node and on every edge from it,
and a party, represents or role link read from a sentence carries that sentence, so that
a table of edges gives the text each link was read from.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
from rdflib import RDF, Graph
from rdflib.namespace import DCTERMS

from ..graph.export import RDF_EXPORTERS, Exporter
from ..graph.rdf import write_atomically
from ..model.iri import NIF, PROV
from .view import graph_view

SEP = "; "  # between the values of a many-valued attribute, in every format here
NODE_COLUMNS = ("id", "class", "label", "aliases", "documents", "date", "position", "amounts",
                "evidence", "document", "begin", "end")
EDGE_COLUMNS = ("source", "target", "relation", "source_label", "target_label",
                "evidence", "document", "begin", "end")


class ExportError(ValueError):
    """An export that cannot be made, with the reason in one line."""


def spans(g: Graph) -> dict[str, dict]:
    """For every node citing a text span: the evidence, its document's identifier and offsets
    (the first span by IRI, where a node cites several)."""
    docs = {s: str(o) for s, o in g.subject_objects(DCTERMS.identifier)}
    out: dict[str, dict] = {}
    for node, span in sorted(g.subject_objects(PROV.wasDerivedFrom)):
        if str(node) in out:
            continue
        anchor, begin, end = (g.value(span, p) for p in (NIF.anchorOf, NIF.beginIndex, NIF.endIndex))
        if anchor is None:
            continue
        out[str(node)] = {"evidence": str(anchor), "document": docs.get(g.value(span, NIF.referenceContext), ""),
                          "begin": int(begin) if begin is not None else "", "end": int(end) if end is not None else ""}
    return out


def link_spans(g: Graph) -> dict[tuple[str, str, str], dict]:
    """The evidence of relations between entities (rdf:Statement with a span), by
    (subject, relation's local name, object)."""
    by_node = spans(g)
    out = {}
    for st in g.subjects(RDF.type, RDF.Statement):
        s, p, o = (g.value(st, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        if None not in (s, p, o) and str(st) in by_node:
            out[(str(s), str(p).rsplit("#", 1)[-1], str(o))] = by_node[str(st)]
    return out


def _text(value) -> str:
    if isinstance(value, (tuple, list)):
        return SEP.join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def node_rows(view: nx.MultiDiGraph, evidence: dict[str, dict]) -> list[dict]:
    rows = []
    for n, data in sorted(view.nodes(data=True)):
        row = {"id": n, "class": data["cls"], **{k: _text(data.get(k)) for k in NODE_COLUMNS[2:8]}}
        span = evidence.get(n, {})
        row.update({k: span.get(k, "") for k in ("evidence", "document", "begin", "end")})
        rows.append(row)
    return rows


def edge_rows(view: nx.MultiDiGraph, evidence: dict[str, dict], links: dict | None = None) -> list[dict]:
    """One row per edge, with the evidence of the fact it starts from (a pledge's or a stance's
    sentence) or of the relation itself (the sentence naming a party, an office)."""
    rows = []
    for s, o, rel in sorted(view.edges(keys=True)):
        span = evidence.get(s) or (links or {}).get((s, rel, o)) or {}
        rows.append({"source": s, "target": o, "relation": rel, "source_label": view.nodes[s]["label"],
                     "target_label": view.nodes[o]["label"],
                     **{k: span.get(k, "") for k in ("evidence", "document", "begin", "end")}})
    return rows


def string_view(view: nx.MultiDiGraph, evidence: dict[str, dict]) -> nx.MultiDiGraph:
    """The view with every attribute a string (GraphML and GEXF take no tuples), empty ones
    left out, and the evidence offsets on the facts."""
    out = nx.MultiDiGraph()
    for n, data in sorted(view.nodes(data=True)):
        attrs = {k: _text(v) for k, v in sorted(data.items()) if _text(v) != ""}
        attrs.update({k: str(v) for k, v in evidence.get(n, {}).items() if k != "evidence" and v != ""})
        out.add_node(n, **attrs)
    for s, o, rel in sorted(view.edges(keys=True)):
        out.add_edge(s, o, key=rel, relation=rel)
    return out


def csv_bytes(rows: list[dict], columns: tuple[str, ...], header: tuple[str, ...] | None = None) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header or columns)
    for r in rows:
        w.writerow([r.get(c, "") for c in columns])
    return buf.getvalue().encode("utf-8")


def _folder(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file: this format writes a folder of CSV files, give a folder")
    return out


def write_graphml(g: Graph, out: Path) -> list[Path]:
    view = string_view(graph_view(g), spans(g))
    buf = io.BytesIO()
    nx.write_graphml(view, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    write_atomically(out, buf.getvalue())
    return [out]


def write_gexf(g: Graph, out: Path) -> list[Path]:
    view = string_view(graph_view(g), spans(g))
    buf = io.BytesIO()
    nx.write_gexf(view, buf, encoding="utf-8", prettyprint=True, version="1.2draft")
    write_atomically(out, buf.getvalue())
    return [out]


def write_csv(g: Graph, out: Path) -> list[Path]:
    view, evidence = graph_view(g), spans(g)
    folder = _folder(out)
    nodes, edges = folder / "nodes.csv", folder / "edges.csv"
    write_atomically(nodes, csv_bytes(node_rows(view, evidence), NODE_COLUMNS))
    write_atomically(edges, csv_bytes(edge_rows(view, evidence, link_spans(g)), EDGE_COLUMNS))
    return [nodes, edges]


# neo4j-admin import: typed headers, ';' between array items and between labels
NEO4J_NODE_HEADER = ("id:ID", ":LABEL", "label", "aliases:string[]", "documents:string[]", "date", "position",
                     "amounts:string[]", "evidence", "document", "begin:int", "end:int")
NEO4J_EDGE_HEADER = (":START_ID", ":END_ID", ":TYPE", "evidence", "document", "begin:int", "end:int")


def write_neo4j(g: Graph, out: Path) -> list[Path]:
    view, evidence = graph_view(g), spans(g)
    folder = _folder(out)
    rows = []
    for r in node_rows(view, evidence):
        labels = [r["class"]] + (["Actor"] if view.nodes[r["id"]].get("actor") and r["class"] != "Actor" else [])
        rows.append({**r, ":LABEL": ";".join(labels),
                     **{k: r[k].replace(SEP, ";") for k in ("aliases", "documents", "amounts")}})
    nodes, rels = folder / "nodes.csv", folder / "relationships.csv"
    write_atomically(nodes, csv_bytes(rows, ("id", ":LABEL") + NODE_COLUMNS[2:], NEO4J_NODE_HEADER))
    write_atomically(rels, csv_bytes(edge_rows(view, evidence, link_spans(g)), ("source", "target", "relation", "evidence",
                                                                 "document", "begin", "end"), NEO4J_EDGE_HEADER))
    return [nodes, rels]


NETWORK_EXPORTERS = {
    "graphml": Exporter("graphml", "kg.graphml", "GraphML (Gephi, Cytoscape, yEd), string attributes", write_graphml),
    "gexf": Exporter("gexf", "kg.gexf", "GEXF 1.2 (Gephi), string attributes", write_gexf),
    "csv": Exporter("csv", "csv", "a folder of nodes.csv and edges.csv, with the evidence of every fact", write_csv),
    "neo4j": Exporter("neo4j", "neo4j", "a folder of CSV files for neo4j-admin database import", write_neo4j),
}
EXPORTERS: dict[str, Exporter] = {**RDF_EXPORTERS, **NETWORK_EXPORTERS}


def export(g: Graph, out: Path, fmt: str) -> list[Path]:
    """Write graph `g` at `out` in format `fmt` (a name of EXPORTERS); the files written."""
    if fmt not in EXPORTERS:
        raise ExportError(f"no export format {fmt!r}: one of {', '.join(EXPORTERS)}")
    return EXPORTERS[fmt].write(g, Path(out))
