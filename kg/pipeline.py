"""The build: documents in, a knowledge graph out.

Each document is read, analysed and passed through the extractors in order,
one document at a time; the findings of all documents are then resolved into
entities and written as RDF.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .corpus import DocumentReader, ReadError, find_documents
from .extract.base import Extractor, Findings
from .lexicon import Lexicon, load_lexicon
from .model import Document


def default_extractors(lexicon: Lexicon) -> list[Extractor]:
    """The extractors of a build, in the order they run."""
    from .extract.actors import GazetteerActors
    from .extract.agreements import Agreements
    from .extract.concepts import VocabularyConcepts
    from .extract.groups import Groups
    from .extract.organizations import Acronyms, Organizations
    from .extract.parties import PrincipalParties
    from .extract.persons import Persons
    from .extract.places import PlaceOnlyCountries
    from .extract.speakers import Speakers
    from .extract.pledges import Pledges
    from .extract.stances import Stances
    return [
        GazetteerActors(lexicon),
        PrincipalParties(lexicon),
        Organizations(lexicon),
        Persons(lexicon),
        Groups(lexicon),
        Speakers(),
        Agreements(lexicon),
        Acronyms(lexicon),
        VocabularyConcepts(lexicon, "sector"),
        VocabularyConcepts(lexicon, "issue"),
        PlaceOnlyCountries(),
        Pledges(lexicon),
        Stances(lexicon),
    ]


def extract_document(parsed, extractors: list[Extractor]) -> Findings:
    found = Findings()
    for ex in extractors:
        ex(parsed, found)
    return found


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)  # what the graph says of each: the text is not kept
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    findings: dict[str, Findings] = field(default_factory=dict)
    graph: object = None
    seconds: float = 0.0
    words: int = 0

    def counts(self) -> Counter:
        from rdflib import RDF
        from .iri import KGO
        c: Counter = Counter()
        for _, o in self.graph.subject_objects(RDF.type):
            if str(o).startswith(str(KGO)):
                c[str(o)[len(str(KGO)):]] += 1
        return c


def build(source: Path, lexicon: Lexicon | None = None,
          progress: Callable[[Path], None] | None = None,
          on_skip: Callable[[Path, str], None] | None = None,
          extractors: list[Extractor] | None = None, strict: bool = False) -> BuildResult:
    """Build the graph of every document below `source` (a folder or one file),
    with the default extractors or those given.

    With `strict`, a build that has skipped a file is going to fail, so the
    files after it are only read and checked (each reason is still reported),
    not analysed."""
    from .nlp import analyze, load_model
    from .rdf import build_graph
    from .resolve import resolve

    t0 = time.perf_counter()
    lexicon = lexicon or load_lexicon()
    extractors = extractors if extractors is not None else default_extractors(lexicon)
    nlp = load_model()
    result = BuildResult()
    if source.is_file():
        paths, skipped = [source], []
    else:
        paths, skipped_files = find_documents(source)
        skipped = [(s.path, s.reason) for s in skipped_files]
    for p, reason in skipped:
        result.skipped.append((p, reason))
        if on_skip:
            on_skip(p, reason)
    reader = DocumentReader(source if source.is_dir() else source.parent)
    for p in paths:
        if progress:
            progress(p)
        try:
            doc = reader.read(p)
        except ReadError as e:
            result.skipped.append((p, str(e)))
            if on_skip:
                on_skip(p, str(e))
            continue
        if strict and result.skipped:
            continue
        parsed = analyze(doc, nlp)
        result.findings[doc.name] = extract_document(parsed, extractors)
        result.words += len(doc.text.split())
        # keep what the graph says of the document, not its text or analysis:
        # memory stays bounded by one document's parse
        result.documents.append(replace(doc, text=""))
    entities, pledges, stances = resolve(result.findings)
    result.graph = build_graph(result.documents, entities, pledges, stances)
    result.seconds = time.perf_counter() - t0
    return result
