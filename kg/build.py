"""The build, stage by stage: read, analyse, extract, resolve, write.

    files --read--> Document --analyse--> ParsedDocument --extract--> Findings
          --resolve--> entities, pledges, stances --graph--> RDF --write--> OUT/kg.ttl

Documents are read here, one at a time; analysing and extracting each (the map,
`kg.run.pipeline.find`) runs in this process, or with `workers` above one or a
`scheduler`, on Dask workers (`kg.run.cluster`). A document whose findings are in the
cache of OUT (`kg.run.cache`) under the same fingerprint is not analysed again. The
findings of all documents are then resolved into entities (the reduce) and turned into
RDF, which `write` checks against the shapes and writes. Drawing the page is a step of
its own (`kg.see.page`), which the command line calls after `write`.

The findings are put back in the order the documents were read, whatever order the
workers finish in, so a build gives the same bytes however many workers made it.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from .extract.base import Extractor, Findings
from .language.lexicon import Lexicon, load_lexicon
from .model import Document
from .read.corpus import DocumentReader, ReadError, find_documents
from .run.cache import FindingsCache
from .run.pipeline import default_extractors, document_key, extract_document, find, fingerprint

__all__ = ["BuildResult", "ShapeViolations", "build", "default_extractors", "extract_document", "read", "write"]


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)  # what the graph says of each: the text is not kept
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    findings: dict[str, Findings] = field(default_factory=dict)  # emptied once resolved
    # what the graph is made of, resolved across documents
    entities: dict = field(default_factory=dict, repr=False)
    pledges: list = field(default_factory=list, repr=False)
    stances: list = field(default_factory=list, repr=False)
    reference: object = field(default=None, repr=False)  # the reference data's graph
    triples: int | None = None   # how many triples `write` wrote
    seconds: float = 0.0
    map_seconds: float = 0.0   # reading, analysing and extracting every document
    words: int = 0
    analysed: int = 0          # documents analysed in this build; the others came from the cache
    workers: int = 1
    cache: FindingsCache | None = field(default=None, repr=False)
    _graph: object = field(default=None, repr=False)
    _counts: Counter | None = field(default=None, repr=False)

    @property
    def graph(self):
        """The whole graph as an rdflib Graph, made when first asked for: `write` does not
        need it, and writes the same triples a part at a time."""
        if self._graph is None:
            from .graph.rdf import build_graph
            self._graph = build_graph(self.documents, self.entities, self.pledges, self.stances, self.reference)
        return self._graph

    def counts(self) -> Counter:
        """How many nodes of each of the ontology's classes the graph has."""
        if self._counts is not None and self._graph is None:
            return self._counts  # as counted in writing the graph
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
         follow_links: bool = False, max_words: int | None = None,
         on_total: Callable[[int], None] = lambda n: None) -> Iterator[Document]:
    """Stage 1: the documents below `source` (a folder or one file). Each file is announced to
    `progress` before it is read; each that cannot be read goes to `on_skip` with the reason, and
    each doubt met in reading one (a guessed encoding, a suffix that lies) to `on_warn`, or, with
    `strict`, to `on_skip`. `on_total` hears how many files there are to read."""
    for _, doc in _read(source, on_skip, progress, on_warn, strict, follow_links, max_words, on_total):
        yield doc


def _read(source: Path, on_skip, progress, on_warn, strict, follow_links, max_words,
          on_total) -> Iterator[tuple[Path, Document]]:
    if source.is_file():
        paths = [source]
    else:
        paths, skipped = find_documents(source, follow_links=follow_links)
        for s in skipped:
            on_skip(s.path, s.reason)
    on_total(len(paths))
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
        yield p, doc


def build(source: Path, lexicon: Lexicon | None = None,
          progress: Callable[[Path], None] | None = None,
          on_skip: Callable[[Path, str], None] | None = None,
          extractors: list[Extractor] | None = None, strict: bool = False,
          on_warn: Callable[[Path, str], None] | None = None, follow_links: bool = False,
          max_words: int | None = None,
          workers: int = 1, scheduler: str | None = None, cache: Path | None = None,
          on_total: Callable[[int], None] | None = None,
          on_done: Callable[[Path, Document, Findings, bool], None] | None = None,
          on_words: Callable[[Path, int, int], None] | None = None,
          keep_findings: bool = False) -> BuildResult:
    """Build the graph of every document below `source` (a folder or one file),
    with the default extractors or those given.

    `workers` above one analyses the documents in that many processes of a local Dask
    cluster; `scheduler` (tcp://HOST:PORT) sends them to an existing one. With `cache` (the
    OUT folder), documents whose findings OUT's cache holds under the same fingerprint are
    not analysed again (only with the default extractors and reference data). `on_total`
    hears how many files there are to read, `on_done` each document whose findings are in
    (with whether they came from the cache), `on_words` how far the analysis of a document in
    this process has come (its path, the words analysed, its words).

    With `strict`, a build that has skipped a file is going to fail, so the
    files after it are only read and checked (each reason is still reported),
    not analysed."""
    from .resolve.entities import resolve

    t0 = time.perf_counter()
    custom = lexicon is not None or extractors is not None
    if custom:
        lexicon = lexicon or load_lexicon()
        extractors = extractors if extractors is not None else default_extractors(lexicon)
    result = BuildResult()
    if cache is not None and not custom:
        result.cache = FindingsCache(cache, fingerprint())
    paths: dict[str, Path] = {}
    records: dict[str, Document] = {}  # what the graph says of each document read, in order
    found: dict[str, Findings] = {}

    def skip(p: Path, reason: str) -> None:
        result.skipped.append((p, reason))
        if on_skip:
            on_skip(p, reason)

    def done(key: str, doc: Document, f: Findings, cached: bool = False) -> None:
        found[doc.name] = f
        if not cached:
            result.analysed += 1
            if result.cache is not None:
                result.cache.put(key, doc.name, f)
        if on_done:
            on_done(paths[doc.name], doc, f, cached)

    def failed(key: str, doc: Document, reason: str) -> None:
        skip(paths[doc.name], reason)

    def to_analyse() -> Iterator[tuple[str, Document]]:
        """The documents read, in order, whose findings are not in the cache; the others are done."""
        for p, doc in _read(source, skip, progress or (lambda p: None), on_warn or (lambda p, w: None), strict,
                            follow_links, max_words, on_total or (lambda n: None)):
            if strict and result.skipped:
                continue
            paths[doc.name] = p
            result.words += len(doc.text.split())
            # keep what the graph says of the document, not its text or analysis:
            # memory stays bounded by the documents in flight
            records[doc.name] = replace(doc, text="")
            key = document_key(doc)
            cached = result.cache.get(key, doc.name) if result.cache is not None else None
            if cached is not None:
                done(key, doc, cached, cached=True)
            else:
                yield key, doc

    try:
        if workers == 1 and scheduler is None:
            for key, doc in to_analyse():
                told = None
                if on_words is not None:
                    told = partial(on_words, paths[doc.name], total=len(doc.text.split()))
                done(key, doc, find(doc, extractors, told))                        # stages 2 and 3
        else:
            from .run.cluster import check_workers, dask_client, map_findings
            with dask_client(workers, scheduler) as client:
                result.workers = check_workers(client)
                map_findings(client, to_analyse(), extractors, done, failed)       # stages 2 and 3
    except BaseException:
        if result.cache is not None:
            result.cache.discard()
        raise
    if strict and result.skipped and result.cache is not None:
        result.cache.discard()  # the build is going to fail: nothing of it is kept
    result.map_seconds = time.perf_counter() - t0
    # less any that killed workers; with what the extractors found of each document as a whole
    result.documents = [replace(d, genre=found[n].genre, issuers=list(found[n].issuers))
                        for n, d in records.items() if n in found]
    result.findings = {d.name: found[d.name] for d in result.documents}   # in the order read
    found.clear()
    result.entities, result.pledges, result.stances = resolve(result.findings)  # stage 4
    if not keep_findings:
        result.findings = {}  # what the graph needs of them is in the entities, pledges and stances now
    result.reference = (lexicon or load_lexicon()).graph   # stage 5: `graph`, or `write` a part at a time
    result.seconds = time.perf_counter() - t0
    return result


def write(result: BuildResult, out: Path,
          beside: dict[str, bytes] | Callable[[Path], dict[str, bytes]] | None = None) -> Path:
    """Check the graph against the shapes and write it as OUT/kg.ttl with the files `beside` it
    (name: bytes, such as the page; or a function of the graph's sorted N-Triples file that
    gives them), each written aside then renamed into place, the Turtle last, so that a build
    that fails leaves them as they were; then the query store beside them. Returns the
    Turtle's path. Raises ShapeViolations, writing nothing, when the graph breaks the shapes;
    OSError when a file cannot be written.

    The graph is made, checked and written a part at a time (`kg.graph.stream`), unless it is
    already whole in memory (`result.graph` was asked for), when it is checked and written
    from there: the same triples, the same bytes."""
    from .graph.files import commit, discard, make_folder, stage, stage_with
    from .graph.store import refresh
    from .graph.stream import write_ntriples, write_turtle

    make_folder(out)
    if result._graph is not None:
        written = _written_from_graph(result._graph, out)
    else:
        written = write_ntriples(result.documents, result.entities, result.pledges, result.stances,
                                 result.reference, out)
    target = out / "kg.ttl"
    staged: list = []
    try:
        if written.violations:
            raise ShapeViolations(written.violations)
        files = beside(written.ntriples) if callable(beside) else (beside or {})
        for name, data in sorted(files.items()):
            staged.append(stage(out / name, data))
        staged.append(stage_with(target, lambda f: write_turtle(written.ntriples, written.prefixes, f)))
    except BaseException:
        discard(staged)
        if result.cache is not None:
            result.cache.discard()
        raise
    finally:
        written.ntriples.unlink(missing_ok=True)
    commit(staged)
    result.triples = written.triples
    if result._graph is None:
        result._counts = written.counts
    refresh(target)  # the query store beside it, kg.store/
    if result.cache is not None and result.cache.folder.parent == out:
        result.cache.commit()  # the findings of this build's documents, for the next one
    return target


def _written_from_graph(graph, folder: Path):
    """A graph whole in memory, checked and written as `write_ntriples` writes a build's."""
    import tempfile

    from .graph.shapes import validate
    from .graph.rdf import lines_of, prefixes_of_graph
    from .graph.stream import Written
    written = Written(Path(tempfile.mkstemp(prefix=".kg-graph-", suffix=".nt", dir=folder)[1]))
    written.violations = validate(graph)
    lines = lines_of(graph)
    written.ntriples.write_text("".join(line + "\n" for line in lines), encoding="utf-8", newline="\n")
    written.triples = len(lines)
    written.prefixes = prefixes_of_graph(graph)
    return written
