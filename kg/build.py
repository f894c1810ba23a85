"""The build, stage by stage: read, analyse, extract, resolve, write.

    files --read--> Document --analyse--> ParsedDocument --extract--> Findings
          --resolve--> entities, pledges, stances --graph--> RDF --write--> OUT/kg.ttl

Each document is read, analysed and passed through the extractors in order,
one document at a time (memory holds one document's analysis); the findings
of all documents are then resolved into entities and turned into RDF, which
`write` checks against the shapes and writes. Drawing the page is a step of
its own (`kg.see.page`), which the command line calls after `write`.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .extract.base import Extractor, Findings
from .language.lexicon import Lexicon, load_lexicon
from .model import Document
from .read.corpus import DocumentReader, ReadError, find_documents


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
    from .extract.pledges import Pledges
    from .extract.speakers import Speakers
    from .extract.stances import Stances
    from .extract.voice import Voice
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


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)  # what the graph says of each: the text is not kept
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    findings: dict[str, Findings] = field(default_factory=dict)
    graph: object = None
    seconds: float = 0.0
    words: int = 0

    def counts(self) -> Counter:
        """How many nodes of each of the ontology's classes the graph has."""
        from rdflib import RDF

        from .model.iri import KGO
        kgo = str(KGO)
        types: dict = {}
        for s, o in self.graph.subject_objects(RDF.type):
            if str(o).startswith(kgo):
                types.setdefault(s, set()).add(str(o)[len(kgo):])
        # each node once, by its own class (the most specific, should a graph state several)
        return Counter(min(t - {"Actor"} or t) for t in types.values())


class ShapeViolations(Exception):
    """A graph that breaks the shapes: it is not written."""

    def __init__(self, violations: list) -> None:
        self.violations = violations
        super().__init__(f"the graph breaks the shapes of ontology/shapes.ttl in {len(violations)} places")


# ------------------------------------------------------------------ the stages

def read(source: Path, on_skip: Callable[[Path, str], None],
         progress: Callable[[Path], None] = lambda p: None,
         on_warn: Callable[[Path, str], None] = lambda p, w: None, strict: bool = False,
         follow_links: bool = False, max_words: int | None = None) -> Iterator[Document]:
    """Stage 1: the documents below `source` (a folder or one file). Each file is announced to
    `progress` before it is read; each that cannot be read goes to `on_skip` with the reason, and
    each doubt met in reading one (a guessed encoding, a suffix that lies) to `on_warn`, or, with
    `strict`, to `on_skip`."""
    if source.is_file():
        paths = [source]
    else:
        paths, skipped = find_documents(source, follow_links=follow_links)
        for s in skipped:
            on_skip(s.path, s.reason)
    reader = DocumentReader(source if source.is_dir() else source.parent, max_words=max_words)
    for p in paths:
        progress(p)
        try:
            doc = reader.read(p)
        except ReadError as e:
            on_skip(p, str(e))
            continue
        if strict and doc.warnings:
            on_skip(p, f"{'; '.join(doc.warnings)} (a failure under --strict)")
            continue
        for w in doc.warnings:
            on_warn(p, w)
        yield doc


def build(source: Path, lexicon: Lexicon | None = None,
          progress: Callable[[Path], None] | None = None,
          on_skip: Callable[[Path, str], None] | None = None,
          extractors: list[Extractor] | None = None, strict: bool = False,
          on_warn: Callable[[Path, str], None] | None = None, follow_links: bool = False,
          max_words: int | None = None) -> BuildResult:
    """Build the graph of every document below `source` (a folder or one file),
    with the default extractors or those given.

    With `strict`, a build that has skipped a file is going to fail, so the
    files after it are only read and checked (each reason is still reported),
    not analysed."""
    from .graph.rdf import build_graph
    from .language.nlp import analyze, load_model
    from .resolve.entities import resolve

    t0 = time.perf_counter()
    lexicon = lexicon or load_lexicon()
    extractors = extractors if extractors is not None else default_extractors(lexicon)
    nlp = load_model()
    result = BuildResult()

    def skip(p: Path, reason: str) -> None:
        result.skipped.append((p, reason))
        if on_skip:
            on_skip(p, reason)

    def announce(p: Path) -> None:
        if progress:
            progress(p)

    for doc in read(source, skip, announce, on_warn or (lambda p, w: None), strict, follow_links, max_words):
        if strict and result.skipped:
            continue
        parsed = analyze(doc, nlp)                                              # stage 2
        found = result.findings[doc.name] = extract_document(parsed, extractors)   # stage 3
        result.words += len(doc.text.split())
        # keep what the graph says of the document, not its text or analysis:
        # memory stays bounded by one document's parse
        result.documents.append(replace(doc, text="", genre=found.genre, issuers=list(found.issuers)))
    entities, pledges, stances = resolve(result.findings)                       # stage 4
    result.graph = build_graph(result.documents, entities, pledges, stances, lexicon.graph)  # stage 5
    result.seconds = time.perf_counter() - t0
    return result


def write(result: BuildResult, out: Path) -> Path:
    """Check the graph against the shapes and write it as OUT/kg.ttl in one step (a temporary
    file, then a rename), with the query store beside it; returns the Turtle's path.
    Raises ShapeViolations, writing nothing, when the graph breaks the shapes."""
    from .graph.rdf import serialize, write_atomically
    from .graph.shapes import validate
    from .graph.store import refresh

    violations = validate(result.graph)
    if violations:
        raise ShapeViolations(violations)
    target = out / "kg.ttl"
    write_atomically(target, serialize(result.graph))
    refresh(target)  # the query store beside it, kg.store/
    return target
