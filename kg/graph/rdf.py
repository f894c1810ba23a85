"""Writing the graph: entities, facts and their evidence as RDF under the ontology.

IRIs come from content (kg.iri), no blank nodes are used and nothing depends
on the clock, so the same input gives the same triples and byte-identical
Turtle.

The data stands on its own: it carries the ontology's class hierarchy
(`kgo:Country rdfs:subClassOf kgo:Actor`), sectors and issues their SKOS scheme and
broader concepts, countries their ISO 3166 and CAMEO codes, pledges and stances their
CAMEO and PLOVER event classes, and the build a `prov:Activity` with kg's version and
the digest of every document read, so that a query on any SPARQL endpoint needs
nothing but the export.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from functools import lru_cache

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DC, DCTERMS, SKOS

from ..model.iri import ACTOR, BASE, DOC, KGO, NIF, PLEDGE, PROV, ROLE, STANCE, STRENGTH, doc_iri, doc_key, slug, span_iri
from ..model import Document, Entity, Pledge, Span, Stance
from .files import write_atomically  # noqa: F401 - where the writers of every export find it

CLASS_OF_TYPE = {"agreement": KGO.Agreement, "sector": KGO.Sector, "issue": KGO.Issue}
SCHEME_OF_TYPE = {"sector": KGO.SectorScheme, "issue": KGO.IssueScheme}
# What the reference data says of an entity that the export carries: codes in other
# classifications and links to other datasets.
OUTSIDE_IDENTIFIERS = (KGO.isoAlpha2, KGO.isoAlpha3, KGO.cameoCode, SKOS.exactMatch)
EN = "en"  # every document kg reads is English text, and so is every name taken from one


def text(value: str) -> Literal:
    """A name or a title taken from English text."""
    return Literal(value, lang=EN)


@lru_cache(maxsize=1)
def class_hierarchy() -> tuple[tuple[URIRef, URIRef], ...]:
    """Every (class, superclass) the ontology states with rdfs:subClassOf, in sorted order."""
    from ..model.resources import SCHEMA
    ont = Graph().parse(SCHEMA, format="turtle")
    return tuple(sorted((s, o) for s, o in ont.subject_objects(RDFS.subClassOf)
                        if isinstance(s, URIRef) and isinstance(o, URIRef)))


def add_class_hierarchy(g: Graph) -> None:
    """The ontology's rdfs:subClassOf triples, so that `?c rdfs:subClassOf* kgo:Actor . ?x a ?c`
    (and SHACL's sh:class kgo:Actor) finds a country on an endpoint that holds the data alone."""
    for sub, sup in class_hierarchy():
        g.add((sub, RDFS.subClassOf, sup))


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in (("kgo", KGO), ("kga", ACTOR), ("doc", DOC), ("nif", NIF), ("prov", PROV),
                       ("skos", SKOS), ("dcterms", DCTERMS), ("dc", DC), ("pledge", PLEDGE), ("stance", STANCE),
                       ("role", ROLE)):
        g.bind(prefix, ns, override=True)
    g.bind("sector", "https://w3id.org/kg/id/sector/")
    g.bind("issue", "https://w3id.org/kg/id/issue/")
    g.bind("agreement", "https://w3id.org/kg/id/agreement/")
    g.bind("event", "https://w3id.org/kg/id/event/")
    return g


def date_literal(value: str) -> Literal:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value[:4], datatype=XSD.gYear)


def add_document(g: Graph, doc: Document, reference: Graph | None = None) -> URIRef:
    d = doc_iri(doc.name)
    g.add((d, RDF.type, KGO.Document))
    g.add((d, DCTERMS.identifier, Literal(doc.file_name)))
    g.add((d, KGO.path, Literal(doc.name)))
    if doc.sha256:
        g.add((d, KGO.sha256, Literal(doc.sha256)))
    if doc.title:
        g.add((d, DCTERMS.title, text(doc.title)))
    if doc.date:
        g.add((d, DCTERMS.date, date_literal(doc.date)))
    if doc.encoding:
        g.add((d, KGO.encoding, Literal(doc.encoding)))
    add_provenance(g, d, doc)
    if doc.genre:
        add_concept(g, URIRef(doc.genre), reference)
        g.add((d, KGO.genre, URIRef(doc.genre)))
    for key in doc.issuers:
        g.add((d, KGO.issuedBy, URIRef(key)))
    return d


MEDIA_TYPES = {"text": "text/plain", "pdf": "application/pdf", "html": "text/html",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def add_provenance(g: Graph, d: URIRef, doc: Document) -> None:
    """Where the document's text and metadata came from: the file and its format, the digest of the
    extracted text its offsets count into, and the source of its title, date and creator."""
    g.add((d, DCTERMS.source, Literal(doc.file_name)))  # the file; its format is the media type
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


def add_concept(g: Graph, c: URIRef, reference: Graph | None = None) -> None:
    """A concept of the vocabularies (a genre, a strength) with its label and, as the reference
    data gives them, its scheme, so that the export reads on its own."""
    g.add((c, RDF.type, SKOS.Concept))
    label = reference.value(c, RDFS.label) if reference is not None else None
    g.add((c, SKOS.prefLabel, text(str(label) if label is not None else c.split("/")[-1].replace("-", " "))))
    for scheme in (reference.objects(c, SKOS.inScheme) if reference is not None else ()):
        g.add((c, SKOS.inScheme, scheme))
        add_scheme(g, scheme, reference)


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


def add_entity(g: Graph, e: Entity, doc_names: dict[str, str], reference: Graph | None = None) -> None:
    """An entity with its names, documents and links; what the reference data (the lexicon's
    graph) says of it in other classifications, and for a concept its scheme and broader ones."""
    s = URIRef(e.key)
    cls = KGO[e.kind] if e.type == "actor" and e.kind else (CLASS_OF_TYPE.get(e.type) or KGO.Actor)
    g.add((s, RDF.type, cls))
    g.add((s, RDFS.label, text(e.label)))
    for a in sorted(e.aliases):
        g.add((s, SKOS.altLabel, text(a)))
    if reference is not None:
        for p in OUTSIDE_IDENTIFIERS:
            for o in reference.objects(s, p):
                g.add((s, p, o))
    if e.type in SCHEME_OF_TYPE:
        add_in_scheme(g, s, SCHEME_OF_TYPE[e.type], reference)
    for d in sorted(e.documents):
        g.add((s, KGO.mentionedIn, doc_iri(doc_names.get(d, d))))
    for r in sorted(e.represents):
        if r != e.key:
            g.add((s, KGO.represents, URIRef(r)))
            add_link_evidence(g, s, KGO.represents, URIRef(r), e.evidence.get(("represents", r)))
    for role in sorted(e.roles):
        ri = role_iri(role)
        g.add((s, KGO.role, ri))
        add_link_evidence(g, s, KGO.role, ri, e.evidence.get(("role", role)))
        g.add((ri, RDF.type, KGO.Role))
        g.add((ri, RDFS.label, text(role)))
        g.add((ri, SKOS.inScheme, KGO.RoleScheme))
        add_scheme(g, KGO.RoleScheme, reference)
    for p in sorted(e.parties):
        g.add((s, KGO.party, URIRef(p)))
        add_link_evidence(g, s, KGO.party, URIRef(p), e.evidence.get(("party", p)))
    for c in sorted(e.member_of):
        g.add((s, KGO.memberOf, URIRef(c)))
    if e.date:
        g.add((s, DCTERMS.date, date_literal(e.date)))


def statement_iri(s: URIRef, p: URIRef, o: URIRef) -> URIRef:
    """The IRI of the statement that `s p o`, from the three IRIs (the same in every build)."""
    digest = hashlib.sha256(f"{s} {p} {o}".encode("utf-8")).hexdigest()[:20]
    return URIRef(f"{BASE}id/statement/{digest}")


def add_link_evidence(g: Graph, s: URIRef, p: URIRef, o: URIRef, evidence: tuple[str, Span] | None) -> None:
    """The sentence a relation between two entities was read from, as an rdf:Statement of the
    triple that cites its span: `?st rdf:subject ?s ; rdf:predicate kgo:party ; rdf:object ?o ;
    prov:wasDerivedFrom ?span`. Relations the gazetteer gives have no sentence, and none."""
    if evidence is None:
        return
    doc, span = evidence
    st = statement_iri(s, p, o)
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, p))
    g.add((st, RDF.object, o))
    g.add((st, PROV.wasDerivedFrom, add_span(g, doc, span)))


def add_scheme(g: Graph, scheme: URIRef, reference: Graph | None) -> None:
    """A SKOS concept scheme with its name, as the reference data gives it."""
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    for label in (reference.objects(scheme, RDFS.label) if reference is not None else ()):
        g.add((scheme, RDFS.label, text(str(label))))


def add_in_scheme(g: Graph, s: URIRef, scheme: URIRef, reference: Graph | None) -> None:
    """A concept in its scheme, with the chain of its broader concepts (each named, in the
    scheme), so that the hierarchy of the vocabulary is in the export."""
    g.add((s, SKOS.inScheme, scheme))
    add_scheme(g, scheme, reference)
    if reference is None:
        return
    todo, seen = [s], {s}
    while todo:
        c = todo.pop()
        for b in sorted(reference.objects(c, SKOS.broader)):
            g.add((c, SKOS.broader, b))
            if b not in seen:
                seen.add(b)
                todo.append(b)
                g.add((b, RDF.type, SKOS.Concept))
                g.add((b, SKOS.inScheme, scheme))
                for label in reference.objects(b, SKOS.prefLabel):
                    g.add((b, SKOS.prefLabel, text(str(label))))


def add_event_classes(g: Graph, s: URIRef, kind: URIRef, reference: Graph | None) -> None:
    """The CAMEO and PLOVER event classes the reference data gives to facts of this kind
    (kgo:Pledge, kgo:supports, kgo:opposes), each with its code, name and scheme."""
    if reference is None:
        return
    for c in sorted(reference.subjects(KGO.eventClassOf, kind)):
        g.add((s, KGO.eventClass, c))
        g.add((c, RDF.type, SKOS.Concept))
        for p in (RDFS.label, SKOS.notation, SKOS.prefLabel, SKOS.inScheme):
            for o in reference.objects(c, p):
                g.add((c, p, o))
        for scheme in reference.objects(c, SKOS.inScheme):
            add_scheme(g, scheme, reference)


def pledge_iri(p: Pledge) -> URIRef:
    return PLEDGE[f"{doc_key(p.doc)}-{p.span.begin}-{p.span.end}"]


def add_pledge(g: Graph, p: Pledge, reference: Graph | None = None) -> None:
    s = pledge_iri(p)
    g.add((s, RDF.type, KGO.Pledge))
    g.add((s, RDFS.label, text(_short(p.span.text))))
    add_event_classes(g, s, KGO.Pledge, reference)
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
        g.add((a, RDFS.label, text(amount.span.text)))
        g.add((a, PROV.wasDerivedFrom, add_span(g, p.doc, amount.span)))
    for y in p.target_years:
        g.add((s, KGO.targetYear, Literal(y, datatype=XSD.gYear)))
    strength = STRENGTH[p.strength]
    add_concept(g, strength, reference)
    g.add((s, KGO.strength, strength))
    if p.voice:
        g.add((s, KGO.collectivePhrase, Literal(p.voice)))
    g.add((s, PROV.wasDerivedFrom, add_span(g, p.doc, p.span)))


def add_stance(g: Graph, st: Stance, reference: Graph | None = None) -> None:
    s = STANCE[f"{doc_key(st.doc)}-{st.span.begin}-{st.span.end}-"
               f"{URIRef(st.actor).split('/')[-1]}-{URIRef(st.issue).split('/')[-1]}"]
    pos = KGO.supports if st.position == "supports" else KGO.opposes
    g.add((s, RDF.type, KGO.Stance))
    add_event_classes(g, s, pos, reference)
    g.add((s, KGO.heldBy, URIRef(st.actor)))
    g.add((s, KGO.onIssue, URIRef(st.issue)))
    g.add((s, KGO.position, pos))
    g.add((s, PROV.wasDerivedFrom, add_span(g, st.doc, st.span)))
    g.add((URIRef(st.actor), pos, URIRef(st.issue)))


def _short(text: str, n: int = 90) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[: n - 1].rsplit(" ", 1)[0] + "\u2026"


def add_build(g: Graph, docs: list[Document]) -> URIRef:
    """The build as a prov:Activity: the software and its version, and every document it used.
    Its IRI is the digest of what it read and of the version, with no time in it, so that the
    same input gives the same graph."""
    from importlib.metadata import version
    __version__ = version("kg")
    digests = sorted(f"{doc_key(d.name)} {d.sha256 or ''}" for d in docs)
    run = URIRef(BASE + "build/" + hashlib.sha256("\n".join([__version__, *digests]).encode()).hexdigest()[:20])
    agent = URIRef(BASE + "software/kg/" + __version__)
    g.add((run, RDF.type, PROV.Activity))
    g.add((run, RDFS.label, text(f"kg {__version__} build of {len(docs)} documents")))
    g.add((run, PROV.wasAssociatedWith, agent))
    for d in docs:
        g.add((run, PROV.used, doc_iri(d.name)))
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, RDFS.label, Literal(f"kg {__version__}")))
    g.add((agent, KGO.softwareVersion, Literal(__version__)))
    return run


def build_graph(docs: list[Document], entities: dict[str, Entity], pledges: list[Pledge],
                stances: list[Stance], reference: Graph | None = None) -> Graph:
    """The graph of a build. `reference` is the graph of the reference data (the lexicon's),
    for the outside identifiers, vocabulary hierarchy and event classes the export carries;
    by default kg's own."""
    if reference is None:
        from ..language.lexicon import load_lexicon
        reference = load_lexicon().graph
    g = new_graph()
    names = {d.name: d.name for d in docs}
    add_class_hierarchy(g)
    add_build(g, docs)
    for d in docs:
        add_document(g, replace(d, issuers=[k for k in d.issuers if k in entities]), reference)
    for key in sorted(entities):
        add_entity(g, entities[key], names, reference)
    for p in pledges:
        add_pledge(g, p, reference)
    for st in stances:
        add_stance(g, st, reference)
    add_pages(g, docs)
    return g


def lines_of(g: Graph) -> list[str]:
    """The graph's N-Triples lines, sorted, each once. (Split at newlines only: a literal may
    hold other line breaks, such as U+0085, which N-Triples leaves unescaped.)"""
    return sorted(set(g.serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")) - {""})


def prefixes_of_graph(g: Graph) -> dict[str, str]:
    """The prefixes of kg's bindings that the graph's IRIs use, by name."""
    return dict(sorted(_prefixes_used(g, [(p, str(ns)) for p, ns in new_graph().namespaces()])))


def _prefixes_used(g: Graph, namespaces: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (prefix, namespace) pairs of the graph's bindings that its IRIs fall in."""
    iris = {str(t) for triple in g for t in triple if isinstance(t, URIRef)}
    iris |= {str(o.datatype) for o in g.objects() if getattr(o, "datatype", None) is not None}
    return {(p, ns) for p, ns in namespaces if any(i.startswith(ns) for i in iris)}


def serialize(g: Graph) -> bytes:
    """The Turtle of a graph, as `kg build` writes kg.ttl (`kg.graph.stream.write_turtle`): subjects
    in the order of their N-Triples, each subject's triples together."""
    from pyoxigraph import RdfFormat, parse
    from pyoxigraph import serialize as write
    data = "".join(line + "\n" for line in lines_of(g)).encode("utf-8")
    return write(parse(data, format=RdfFormat.N_TRIPLES), format=RdfFormat.TURTLE, prefixes=prefixes_of_graph(g))
