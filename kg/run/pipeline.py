"""The work done for each document: analyse it and run the extractors over it, in order.

This is the map of a build: it needs one document and nothing of the others, so it runs
in this process or on any Dask worker. A process loads the model and the extractors once
(`process_extractors`) and keeps them for every document it is given.

`fingerprint` names everything that shapes findings (kg's version and the source of the
stages that make them, the reference data, spaCy and its model): a cached finding made
under another fingerprint is not used.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..extract.base import Extractor, Findings
from ..language.lexicon import Lexicon, load_lexicon
from ..model import Document
from ..model.resources import ONTOLOGY_DIR

PACKAGE = Path(__file__).resolve().parent.parent
# the stages whose code decides what a document's findings are
FINDING_STAGES = ("model", "read", "language", "extract", "run")


def default_extractors(lexicon: Lexicon) -> list[Extractor]:
    """The extractors of a build, in the order they run."""
    from ..extract.actors import GazetteerActors
    from ..extract.agreements import Agreements
    from ..extract.concepts import VocabularyConcepts
    from ..extract.groups import Groups
    from ..extract.organizations import Acronyms, Organizations
    from ..extract.parties import PrincipalParties
    from ..extract.persons import Persons
    from ..extract.places import PlaceOnlyCountries
    from ..extract.pledges import Pledges
    from ..extract.speakers import Speakers
    from ..extract.stances import Stances
    from ..extract.voice import Voice
    return [
        GazetteerActors(lexicon),
        PrincipalParties(lexicon),
        Organizations(lexicon),
        Persons(lexicon),
        Speakers(),
        Agreements(lexicon),
        Acronyms(lexicon),
        Groups(lexicon),   # after the instruments and bodies whose members it may name ("IPEF partners")
        VocabularyConcepts(lexicon, "sector"),
        VocabularyConcepts(lexicon, "issue"),
        PlaceOnlyCountries(lexicon),
        Voice(lexicon),
        Pledges(lexicon),
        Stances(lexicon),
    ]


def extract_document(parsed, extractors: list[Extractor]) -> Findings:
    """Run the extractors in order over one parsed document."""
    found = Findings()
    for ex in extractors:
        ex(parsed, found)
    return found


@lru_cache(maxsize=1)
def process_extractors() -> list[Extractor]:
    """The default extractors over the default reference data, made once per process."""
    return default_extractors(load_lexicon())


def find(doc: Document, extractors: list[Extractor] | None = None,
         on_words: Callable[[int], None] | None = None) -> Findings:
    """Analyse one document and extract its findings (the map of a build).

    With no extractors given, the process's own defaults are used, so a Dask task
    carries only the document. `on_words` hears how many of its words are analysed, now and
    then (kg.language.nlp.PROGRESS_WORDS)."""
    from ..language.nlp import analyze, load_model
    return extract_document(analyze(doc, load_model(), on_words), extractors or process_extractors()).settle()


def document_key(doc: Document) -> str:
    """A digest of everything of a document that its findings may depend on: its name, text and
    every field read from the file (header, format, pages, metadata)."""
    data = json.dumps(asdict(doc), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "none"


@lru_cache(maxsize=4)
def fingerprint(ontology_dir: Path = ONTOLOGY_DIR) -> str:
    """A digest of what shapes findings: kg's version and code, the reference data, spaCy and its model."""
    from ..model.version import VERSION as __version__
    from ..language.nlp import MODEL
    h = hashlib.sha256()
    h.update(f"kg {__version__}\0spacy {_version('spacy')}\0{MODEL} {_version(MODEL.replace('_', '-'))}\0"
             .encode())
    files = [p for stage in FINDING_STAGES for p in sorted((PACKAGE / stage).rglob("*.py"))]
    files += sorted(ontology_dir.rglob("*.ttl"))
    for p in files:
        h.update(p.name.encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()
