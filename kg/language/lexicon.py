"""The reference data kg reads with: gazetteers and vocabularies from ontology/.

Every entry is an RDF resource in ontology/ (gazetteer/*.ttl, vocab/*.ttl):
its class says what it is, rdfs:label its canonical name, skos:altLabel the
other ways documents write it. Adding a country body, a company or a sector is
a few lines of Turtle, not a change of code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..model.iri import KGO, ORG

from ..model.resources import ONTOLOGY_DIR

ACTOR_CLASSES = ("Country", "GovernmentBody", "InternationalOrganization", "Company",
                 "Association", "Group", "Person")


@dataclass
class Entry:
    """One gazetteer or vocabulary entry."""
    iri: str
    type: str                      # actor | agreement | sector | issue | role | instrument | region
    label: str
    kind: str | None = None        # the actor class, for actors
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    parent: str | None = None      # the country or body an actor belongs to
    parties: list[str] = field(default_factory=list)
    date: str | None = None
    broader: list[str] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def surface_forms(self) -> list[str]:
        return [self.label, *self.aliases]


def _local(term) -> str:
    s = str(term)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class Lexicon:
    """All entries of the reference data, by IRI and by type."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.entries: dict[str, Entry] = {}
        g = graph
        type_of = {KGO[c]: ("actor", c) for c in ACTOR_CLASSES}
        type_of.update({KGO.Agreement: ("agreement", None), KGO.Sector: ("sector", None),
                        KGO.Issue: ("issue", None), KGO.Role: ("role", None),
                        KGO.Region: ("region", None)})
        for cls, (typ, kind) in type_of.items():
            for s in g.subjects(RDF.type, cls):
                if not isinstance(s, URIRef):
                    continue
                label = g.value(s, RDFS.label) or g.value(s, SKOS.prefLabel)
                if label is None:
                    continue
                self.entries[str(s)] = self._entry(s, typ, kind, str(label))
        for s in g.subjects(SKOS.inScheme, KGO.InstrumentKindScheme):
            label = g.value(s, RDFS.label) or g.value(s, SKOS.prefLabel)
            if label is not None and str(s) not in self.entries:
                self.entries[str(s)] = self._entry(s, "instrument", None, str(label))
        for s in g.subjects(SKOS.inScheme, KGO.OrganizationHeadScheme):
            label = g.value(s, RDFS.label)
            kind = g.value(s, KGO.suggestsKind)
            if label is not None and kind is not None:
                self.entries[str(s)] = self._entry(s, "orghead", _local(kind), str(label))
        for s in g.subjects(SKOS.inScheme, KGO.GenreScheme):
            label = g.value(s, RDFS.label)
            if label is not None:
                e = self.entries[str(s)] = self._entry(s, "genre", None, str(label))
                e.notes = {"opening": sorted(str(o).casefold() for o in g.objects(s, KGO.openingCue)),
                           "line": sorted(str(o).casefold() for o in g.objects(s, KGO.lineCue)),
                           "collective": ["true"] if str(g.value(s, KGO.collectiveVoice)).lower() == "true" else []}
        for s in g.subjects(SKOS.inScheme, KGO.StrengthScheme):
            label = g.value(s, RDFS.label)
            if label is not None:
                self.entries[str(s)] = self._entry(s, "strength", None, str(label))
        for s in g.subjects(SKOS.inScheme, KGO.CueScheme):
            label = g.value(s, RDFS.label)
            if label is not None:
                self.entries[str(s)] = self._entry(s, "cue", None, str(label))
        self.members_index: dict[str, list[str]] = {}
        for member, org in g.subject_objects(KGO.memberOf):
            self.members_index.setdefault(str(org), []).append(str(member))
        for org in self.members_index:
            self.members_index[org].sort()
        self.by_type: dict[str, list[Entry]] = {}
        for e in sorted(self.entries.values(), key=lambda e: e.iri):
            self.by_type.setdefault(e.type, []).append(e)

    def _entry(self, s, typ: str, kind: str | None, label: str) -> Entry:
        g = self.graph
        strs = lambda p: sorted({str(o) for o in g.objects(s, p)})  # noqa: E731
        iris = lambda p: sorted({str(o) for o in g.objects(s, p) if isinstance(o, URIRef)})  # noqa: E731
        aliases = [a for a in strs(SKOS.altLabel) + strs(SKOS.prefLabel) if a != label]
        parent = (iris(ORG.subOrganizationOf) or iris(KGO.basedIn) or [None])[0]
        date = g.value(s, DCTERMS.date)
        return Entry(iri=str(s), type=typ, label=label, kind=kind,
                     aliases=sorted(set(aliases)), demonyms=strs(KGO.demonym),
                     metonyms=strs(KGO.metonym), parent=parent, parties=iris(KGO.party),
                     date=str(date) if date is not None else None, broader=iris(SKOS.broader),
                     notes={"absentIn": iris(KGO.absentIn)} if (s, KGO.absentIn, None) in g else {})

    def of_type(self, typ: str) -> list[Entry]:
        return self.by_type.get(typ, [])

    def cues(self, label: str) -> frozenset[str]:
        """The words of one cue set of ontology/vocab/cues.ttl ('commitment', 'modal', ...)."""
        for e in self.of_type("cue"):
            if e.label == label:
                return frozenset(a.casefold() for a in e.aliases)
        return frozenset()

    def cues_longest_first(self, *labels: str) -> list[str]:
        """The words of cue sets, longest first and then in alphabetical order: the order phrases
        are tried in, the same in every process (a set's own order is not)."""
        words = frozenset().union(*(self.cues(label) for label in labels))
        return sorted(words, key=lambda w: (-len(w), w))

    def members(self, org: str) -> list[str]:
        """The members of a forum or organisation the gazetteer knows (ontology/gazetteer/memberships.ttl)."""
        return self.members_index.get(org, [])

    def get(self, iri: str) -> Entry | None:
        return self.entries.get(iri)


class LexiconError(Exception):
    """A file of reference data that cannot be read, with the reason."""


def turtle_files(path: Path) -> list[Path]:
    """The Turtle files of `path`: the file itself, or every .ttl below a folder."""
    return sorted(path.rglob("*.ttl")) if path.is_dir() else [path]


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def parse_turtle(path: Path, graph: Graph) -> None:
    """Add the triples of a Turtle file to `graph`. pyoxigraph parses (about twice as fast as
    rdflib's own parser, which was most of the time a build took to load the reference data);
    each term becomes the rdflib term rdflib's parser would have made: a literal keeps its
    lexical form, a plain string has no datatype, a blank node is one node within the file."""
    from pyoxigraph import BlankNode, NamedNode, RdfFormat, parse
    from rdflib import BNode, Literal

    blank: dict[str, BNode] = {}

    def term(t):
        if isinstance(t, NamedNode):
            return URIRef(t.value)
        if isinstance(t, BlankNode):
            return blank.setdefault(t.value, BNode())
        if t.language:
            return Literal(t.value, lang=t.language)
        datatype = t.datatype.value
        return Literal(t.value) if datatype == XSD_STRING else Literal(t.value, datatype=URIRef(datatype))

    add = graph.add
    quads = parse(path=str(path), format=RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    for q in quads:
        add((term(q.subject), term(q.predicate), term(q.object)))
    for prefix, namespace in quads.prefixes.items():   # as rdflib's parser binds them
        graph.bind(prefix, namespace)


def load_graph(folder: Path = ONTOLOGY_DIR, extra: tuple[Path, ...] = ()) -> Graph:
    """The reference data of `folder`, with a user's own files or folders of Turtle (`extra`) beside it."""
    g = Graph()
    for f in turtle_files(folder):
        parse_turtle(f, g)
    for path in extra:
        for f in turtle_files(path):
            try:
                parse_turtle(f, g)
            except (SyntaxError, OSError, ValueError) as e:  # a parse failure is the user's file
                raise LexiconError(f"{f} is not valid Turtle: {' '.join(str(e).split())}") from e
    return g


def load_lexicon(folder: Path = ONTOLOGY_DIR, extra: tuple[Path, ...] = ()) -> Lexicon:
    """The reference data under `folder` (ontology/ by default), parsed once per process, and
    the user's own Turtle files or folders `extra` (actors, aliases, agreements, sectors,
    issues), read afresh each time (they may have changed)."""
    if not extra:
        return _cached_lexicon(folder)
    return Lexicon(load_graph(folder, tuple(Path(p) for p in extra)))


@lru_cache(maxsize=4)
def _cached_lexicon(folder: Path) -> Lexicon:
    return Lexicon(load_graph(folder))
