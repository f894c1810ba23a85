"""Writing the graph: entities, facts and their evidence as RDF under the ontology.

IRIs come from content (kg.iri), no blank nodes are used and nothing depends
on the clock, so the same input gives the same triples and byte-identical
Turtle.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DC, DCTERMS, SKOS

from ..model.iri import ACTOR, DOC, KGO, NIF, PLEDGE, PROV, ROLE, STANCE, STRENGTH, doc_iri, slug, span_iri
from ..model import Document, Entity, Pledge, Span, Stance
from .files import write_atomically  # noqa: F401 - where the writers of every export find it

CLASS_OF_TYPE = {"agreement": KGO.Agreement, "sector": KGO.Sector, "issue": KGO.Issue}


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in (("kgo", KGO), ("kga", ACTOR), ("doc", DOC), ("nif", NIF), ("prov", PROV),
                       ("skos", SKOS), ("dcterms", DCTERMS), ("dc", DC), ("pledge", PLEDGE), ("stance", STANCE),
                       ("role", ROLE)):
        g.bind(prefix, ns, override=True)
    g.bind("sector", "https://w3id.org/kg/id/sector/")
    g.bind("issue", "https://w3id.org/kg/id/issue/")
    g.bind("agreement", "https://w3id.org/kg/id/agreement/")
    return g


def date_literal(value: str) -> Literal:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value[:4], datatype=XSD.gYear)


def add_document(g: Graph, doc: Document) -> URIRef:
    d = doc_iri(doc.name)
    g.add((d, RDF.type, KGO.Document))
    g.add((d, DCTERMS.identifier, Literal(doc.name)))
    if doc.title:
        g.add((d, DCTERMS.title, Literal(doc.title)))
    if doc.date:
        g.add((d, DCTERMS.date, date_literal(doc.date)))
    if doc.encoding:
        g.add((d, KGO.encoding, Literal(doc.encoding)))
    add_provenance(g, d, doc)
    if doc.genre:
        add_concept(g, URIRef(doc.genre))
        g.add((d, KGO.genre, URIRef(doc.genre)))
    for key in doc.issuers:
        g.add((d, KGO.issuedBy, URIRef(key)))
    return d


MEDIA_TYPES = {"text": "text/plain", "pdf": "application/pdf", "html": "text/html",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def add_provenance(g: Graph, d: URIRef, doc: Document) -> None:
    """Where the document's text and metadata came from: the file and its format, the digest of the
    extracted text its offsets count into, and the source of its title, date and creator."""
    g.add((d, DCTERMS.source, Literal(doc.name)))  # the file; its format is the media type
    g.add((d, KGO.mediaType, Literal(MEDIA_TYPES.get(doc.format, doc.format))))
    if doc.digest:
        g.add((d, KGO.textDigest, Literal(doc.digest)))
    if doc.creator:
        g.add((d, DC.creator, Literal(doc.creator)))  # a name as given: dcterms:creator wants an agent
    for fieldname, prop in (("title", KGO.titleSource), ("date", KGO.dateSource), ("creator", KGO.creatorSource)):
        if fieldname in doc.sources:
            g.add((d, prop, Literal(doc.sources[fieldname])))


def add_pages(g: Graph, docs: list[Document]) -> None:
    """`kgo:page` on every span of a paginated document: the page its first character is on."""
    by_iri = {doc_iri(d.name): d for d in docs if d.pages}
    if not by_iri:
        return
    for s, d in list(g.subject_objects(NIF.referenceContext)):
        doc = by_iri.get(d)
        if doc is not None:
            page = doc.page_at(int(g.value(s, NIF.beginIndex)))
            g.add((s, KGO.page, Literal(page, datatype=XSD.positiveInteger)))


def add_concept(g: Graph, c: URIRef) -> None:
    """A concept of the vocabularies (a genre, a strength) with its label, so that the export
    reads on its own."""
    g.add((c, RDF.type, SKOS.Concept))
    g.add((c, SKOS.prefLabel, Literal(c.split("/")[-1].replace("-", " "))))


def add_span(g: Graph, doc_name: str, span: Span) -> URIRef:
    s = span_iri(doc_name, span.begin, span.end)
    g.add((s, RDF.type, NIF.String))
    g.add((s, RDF.type, NIF.OffsetBasedString))
    g.add((s, NIF.referenceContext, doc_iri(doc_name)))
    g.add((s, NIF.beginIndex, Literal(span.begin, datatype=XSD.nonNegativeInteger)))
    g.add((s, NIF.endIndex, Literal(span.end, datatype=XSD.nonNegativeInteger)))
    g.add((s, NIF.anchorOf, Literal(span.text)))
    return s


def role_iri(role: str) -> URIRef:
    return ROLE[slug(role)]


def add_entity(g: Graph, e: Entity, doc_names: dict[str, str]) -> None:
    s = URIRef(e.key)
    cls = KGO[e.kind] if e.type == "actor" and e.kind else (CLASS_OF_TYPE.get(e.type) or KGO.Actor)
    g.add((s, RDF.type, cls))
    g.add((s, RDFS.label, Literal(e.label)))
    for a in sorted(e.aliases):
        g.add((s, SKOS.altLabel, Literal(a)))
    for d in sorted(e.documents):
        g.add((s, KGO.mentionedIn, doc_iri(doc_names.get(d, d))))
    for r in sorted(e.represents):
        if r != e.key:
            g.add((s, KGO.represents, URIRef(r)))
    for role in sorted(e.roles):
        ri = role_iri(role)
        g.add((s, KGO.role, ri))
        g.add((ri, RDF.type, KGO.Role))
        g.add((ri, RDFS.label, Literal(role)))
    for p in sorted(e.parties):
        g.add((s, KGO.party, URIRef(p)))
    for c in sorted(e.member_of):
        g.add((s, KGO.memberOf, URIRef(c)))
    if e.date:
        g.add((s, DCTERMS.date, date_literal(e.date)))


def pledge_iri(p: Pledge) -> URIRef:
    return PLEDGE[f"{doc_iri(p.doc).split('/')[-1]}-{p.span.begin}-{p.span.end}"]


def add_pledge(g: Graph, p: Pledge) -> None:
    s = pledge_iri(p)
    g.add((s, RDF.type, KGO.Pledge))
    g.add((s, RDFS.label, Literal(_short(p.span.text))))
    for a in p.by:
        g.add((s, KGO.pledgedBy, URIRef(a)))
    for x in p.sectors:
        g.add((s, KGO.concernsSector, URIRef(x)))
    for x in p.issues:
        g.add((s, KGO.concernsIssue, URIRef(x)))
    if p.agreement:
        g.add((s, KGO.underAgreement, URIRef(p.agreement)))
    for i, amount in enumerate(p.amounts):
        a = URIRef(f"{s}-amount-{i + 1}")
        g.add((s, KGO.amount, a))
        g.add((a, RDF.type, KGO.Amount))
        g.add((a, KGO.value, Literal(amount.value, datatype=XSD.decimal)))
        g.add((a, KGO.unit, Literal(amount.unit)))
        g.add((a, RDFS.label, Literal(amount.span.text)))
        g.add((a, PROV.wasDerivedFrom, add_span(g, p.doc, amount.span)))
    for y in p.target_years:
        g.add((s, KGO.targetYear, Literal(y, datatype=XSD.gYear)))
    strength = STRENGTH[p.strength]
    add_concept(g, strength)
    g.add((s, KGO.strength, strength))
    if p.voice:
        g.add((s, KGO.collectivePhrase, Literal(p.voice)))
    g.add((s, PROV.wasDerivedFrom, add_span(g, p.doc, p.span)))


def add_stance(g: Graph, st: Stance) -> None:
    s = STANCE[f"{doc_iri(st.doc).split('/')[-1]}-{st.span.begin}-{st.span.end}-"
               f"{URIRef(st.actor).split('/')[-1]}-{URIRef(st.issue).split('/')[-1]}"]
    pos = KGO.supports if st.position == "supports" else KGO.opposes
    g.add((s, RDF.type, KGO.Stance))
    g.add((s, KGO.heldBy, URIRef(st.actor)))
    g.add((s, KGO.onIssue, URIRef(st.issue)))
    g.add((s, KGO.position, pos))
    g.add((s, PROV.wasDerivedFrom, add_span(g, st.doc, st.span)))
    g.add((URIRef(st.actor), pos, URIRef(st.issue)))


def _short(text: str, n: int = 90) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[: n - 1].rsplit(" ", 1)[0] + "\u2026"


def build_graph(docs: list[Document], entities: dict[str, Entity], pledges: list[Pledge],
                stances: list[Stance]) -> Graph:
    g = new_graph()
    names = {d.name: d.name for d in docs}
    for d in docs:
        add_document(g, replace(d, issuers=[k for k in d.issuers if k in entities]))
    for key in sorted(entities):
        add_entity(g, entities[key], names)
    for p in pledges:
        add_pledge(g, p)
    for st in stances:
        add_stance(g, st)
    add_pages(g, docs)
    return g


def serialize(g: Graph) -> bytes:
    return g.serialize(format="turtle", encoding="utf-8")
