"""The data flowing through kg: documents, spans, mentions, entities and facts.

corpus (files -> Document) -> mentions (Span) -> entities (resolved, with
aliases) -> facts (agreements, pledges, stances, with spans) -> RDF graph.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

# Entity types and the classes an actor may have.
ACTOR_KINDS = ("Country", "Person", "GovernmentBody", "InternationalOrganization",
               "Company", "Association", "Group")


@dataclass(frozen=True, order=True)
class Span:
    """Characters [begin, end) of a document's text; text == doc.text[begin:end]."""
    begin: int
    end: int
    text: str


@dataclass
class Document:
    """One source document as read: its text and what its header says of it."""
    name: str                      # the file's name, its identifier
    text: str
    encoding: str | None = "utf-8"  # None for formats without one (PDF, DOCX)
    title: str | None = None
    date: str | None = None        # ISO date or year
    body_start: int = 0            # offset where the text proper begins (after any header)
    format: str = "text"           # what the file was: text, pdf, html or docx
    # for paginated formats, (offset, page number) where each run of a page's text begins; a note
    # given after the body is a run of the page it was printed on
    pages: tuple[tuple[int, int], ...] = ()
    # where each of title, date and creator came from ("PDF XMP dc:title", "text header [Title]", ...)
    sources: dict[str, str] = field(default_factory=dict)
    creator: str | None = None     # author or issuer, where the file's metadata names one
    digest: str = ""               # SHA-256 of `text`: the extraction a build's offsets count into
    warnings: list[str] = field(default_factory=list)  # doubts met in reading (a guessed encoding, ...)
    genre: str | None = None       # the IRI of its genre (ontology/vocab/genres.ttl), once read
    issuers: list[str] = field(default_factory=list)   # who speaks in it as one, by entity key

    def page_at(self, offset: int) -> int | None:
        """The page (from 1) that the character at `offset` is on, for paginated formats."""
        if not self.pages:
            return None
        i = bisect_right(self.pages, (offset, float("inf"))) - 1
        return self.pages[max(i, 0)][1]


@dataclass
class Mention:
    """One occurrence of an entity in a document.

    `key` identifies the entity across documents: a gazetteer IRI where the
    entity is known, else a key the resolver derives from the canonical name.
    """
    type: str                      # actor | agreement | sector | issue
    span: Span
    key: str
    label: str                     # canonical label of the entity
    kind: str | None = None        # actor class (Country, Person, ...)
    source: str = ""               # the extractor that found it


@dataclass
class Entity:
    """One real-world entity, resolved across documents."""
    key: str
    type: str
    label: str
    kind: str | None = None
    aliases: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    # relations to other entities, by key
    represents: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)
    member_of: set[str] = field(default_factory=set)
    date: str | None = None
    iri: str | None = None         # gazetteer IRI, when known


@dataclass
class Amount:
    """A quantity a pledge names."""
    span: Span
    value: str                     # decimal as text
    unit: str


@dataclass
class Pledge:
    """One commitment by one or more actors, with its evidence span."""
    doc: str
    span: Span
    by: list[str]                  # actor keys
    sectors: list[str] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    agreement: str | None = None
    amounts: list[Amount] = field(default_factory=list)
    target_years: list[str] = field(default_factory=list)
    strength: str = "commitment"   # obligation | commitment | intention | aspiration
    voice: str | None = None       # the collective phrase its makers were read from ("we", "each Party")


@dataclass
class Stance:
    """One actor's stated position on one issue, with its evidence span."""
    doc: str
    span: Span
    actor: str                     # actor key
    issue: str                     # issue key
    position: str                  # supports | opposes
