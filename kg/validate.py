"""Checking a graph against the SHACL shapes of ontology/shapes.ttl."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .lexicon import ONTOLOGY_DIR


@dataclass
class Violation:
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


def validate(data_graph, ontology_dir: Path = ONTOLOGY_DIR) -> list[Violation]:
    """The violations of the shapes by `data_graph` (an rdflib Graph); empty when it conforms."""
    from pyshacl import validate as shacl_validate
    from rdflib import Graph
    from rdflib.namespace import SH, RDF

    shapes = Graph().parse(ontology_dir / "shapes.ttl", format="turtle")
    ont = Graph().parse(ontology_dir / "kg.ttl", format="turtle")
    conforms, report, _ = shacl_validate(data_graph, shacl_graph=shapes, ont_graph=ont,
                                         inference="none", advanced=True, allow_warnings=True)
    if conforms:
        return []
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        out.append(Violation(str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath) or ""),
                             str(report.value(r, SH.resultMessage) or "violation")))
    return sorted(out, key=lambda v: (v.focus, v.path, v.message))
