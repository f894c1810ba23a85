"""Namespaces and stable IRIs.

Every IRI the project mints is derived from content (a canonical label, a
document's file name, a span's offsets), never from a counter or the clock, so
the same entity gets the same IRI in every build.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace

BASE = "https://w3id.org/kg/"
KGO = Namespace(BASE + "ontology#")
ACTOR = Namespace(BASE + "id/actor/")
AGREEMENT = Namespace(BASE + "id/agreement/")
SECTOR = Namespace(BASE + "id/sector/")
ISSUE = Namespace(BASE + "id/issue/")
ROLE = Namespace(BASE + "id/role/")
PLEDGE = Namespace(BASE + "id/pledge/")
STANCE = Namespace(BASE + "id/stance/")
STRENGTH = Namespace(BASE + "id/strength/")
GENRE = Namespace(BASE + "id/genre/")
DOC = Namespace(BASE + "doc/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")


def slug(label: str) -> str:
    """A lower-case, hyphenated ASCII slug of a label: 'U.S.-Japan Trade Agreement' -> 'us-japan-trade-agreement'."""
    s = unicodedata.normalize("NFKD", label)
    s = s.encode("ascii", "ignore").decode("ascii").casefold()
    s = s.replace("&", " and ").replace(".", "").replace("'", "").replace("\u2019", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if not s:
        s = "x" + hashlib.sha1(label.encode("utf-8")).hexdigest()[:10]
    return s[:80].rstrip("-")


def doc_iri(file_name: str):
    """The IRI of a document, from its file name without the extension."""
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    return DOC[slug(stem) if not re.fullmatch(r"[A-Za-z0-9_-]+", stem) else stem]


def span_iri(file_name: str, begin: int, end: int):
    """The IRI of a text span in a document (NIF offset-based URI scheme)."""
    return type(DOC)(str(doc_iri(file_name)) + "#")[f"offset_{begin}_{end}"]
