"""Where kg's data lives: the ontology, its vocabularies and gazetteers, the shapes and
the saved queries, all under `ontology/` (data, not code)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
SCHEMA = ONTOLOGY_DIR / "kg.ttl"  # the classes and properties, for names and rdfs:subClassOf
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
QUERIES_DIR = ONTOLOGY_DIR / "queries"
GOLD_SCHEMA = ONTOLOGY_DIR / "gold.schema.json"  # what a gold file of `kg eval` holds (JSON Schema)
