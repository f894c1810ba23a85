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
        c: Counter = Counter()
        for _, o in self.graph.subject_objects(RDF.type):
            if str(o).startswith(str(KGO)):
                c[str(o)[len(str(KGO)):]] += 1
        return c


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
    result.graph = build_graph(result.documents, entities, pledges, stances)    # stage 5
    result.seconds = time.perf_counter() - t0
    return result


def write(result: BuildResult, out: Path, beside: dict[str, bytes] | None = None) -> Path:
    """Check the graph against the shapes and write it as OUT/kg.ttl with the files `beside` it
    (name: bytes, such as the page), each written aside then renamed into place, the Turtle
    last, so that a build that fails leaves them as they were; then the query store beside
    them. Returns the Turtle's path. Raises ShapeViolations, writing nothing, when the graph
    breaks the shapes; OSError when a file cannot be written."""
    from .graph.files import commit, discard, stage
    from .graph.rdf import serialize
    from .graph.shapes import validate
    from .graph.store import refresh

    violations = validate(result.graph)
    if violations:
        raise ShapeViolations(violations)
    target = out / "kg.ttl"
    staged: list = []
    try:
        for name, data in sorted((beside or {}).items()):
            staged.append(stage(out / name, data))
        staged.append(stage(target, serialize(result.graph)))
    except BaseException:
        discard(staged)
        raise
    commit(staged)
    refresh(target)  # the query store beside it, kg.store/
    return target
