"""Where kg's data lives: the ontology, its vocabularies and gazetteers, the shapes, the
JSON-LD context and the saved queries (data, not code).

They are package data of `kg` (`kg/ontology/`, which in a source checkout is the
repository's `ontology/` folder), found through `importlib.resources`, so that an
installed wheel finds them wherever it runs. This module is the one place that says
where they are.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def _ontology_dir() -> Path:
    folder = resources.files("kg") / "ontology"
    # kg is installed as files (a wheel or a checkout), never zipped: a real folder
    return Path(str(folder)).resolve()


ONTOLOGY_DIR = _ontology_dir()
SCHEMA = ONTOLOGY_DIR / "kg.ttl"  # the classes and properties, for names and rdfs:subClassOf
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
QUERIES_DIR = ONTOLOGY_DIR / "queries"
CONTEXT = ONTOLOGY_DIR / "context.jsonld"  # the JSON-LD context of `kg export --format jsonld`
GOLD_SCHEMA = ONTOLOGY_DIR / "gold.schema.json"  # what a gold file of `kg eval` holds (JSON Schema)
