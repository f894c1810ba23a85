"""Prefixes: those every query may use without declaring them, those a graph declares,
and IRIs written short with them (`kga:japan`).

No rdflib here: reading a graph must stay fast.
"""
from __future__ import annotations

import re
from pathlib import Path

# Prefixes every query may use without declaring them; a graph's own @prefix
# lines are added to these.
STANDARD_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "kgo": "https://w3id.org/kg/ontology#",
}
_PREFIX_LINE = re.compile(r"\s*(?:@prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>\s*\.|PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>)"
                          r"\s*(?:#.*)?", re.IGNORECASE)
_HEAD_LINE = re.compile(r"\s*(?:#.*)?|\s*(?:@base\s+<[^>]*>\s*\.|BASE\s+<[^>]*>)\s*(?:#.*)?", re.IGNORECASE)


def prefixes_of(files: list[Path]) -> dict[str, str]:
    """The standard prefixes and those each file declares at its top, later files winning.

    Only the head of a file counts: its lines up to the first that is neither a prefix or base
    declaration, a comment nor blank, so that text in a literal further down ("...\\n@prefix kga:
    <urn:x> .") is never read as a declaration."""
    found = dict(STANDARD_PREFIXES)
    for f in files:
        with open(f, encoding="utf-8", errors="replace", newline="") as fh:
            for line in fh:
                line = line.rstrip("\r\n")
                m = _PREFIX_LINE.fullmatch(line)
                if m is None:
                    if _HEAD_LINE.fullmatch(line):
                        continue
                    break
                name = m.group(1) if m.group(2) is not None else m.group(3)
                iri = m.group(2) if m.group(2) is not None else m.group(4)
                if name:
                    found[name] = iri
    return dict(sorted(found.items()))


_LOCAL_NAME = re.compile(r"(?:[\w-](?:[\w.-]*[\w-])?)?")
_NAMESPACES: dict[int, tuple[dict, dict[str, str], bool]] = {}


def compact(iri: str, prefixes: dict[str, str]) -> str:
    """An IRI as a prefixed name where a prefix fits (the longest), else in angle brackets."""
    entry = _NAMESPACES.get(id(prefixes))
    if entry is None or entry[0] is not prefixes:
        reverse = {}
        for name, ns in sorted(prefixes.items()):
            reverse.setdefault(ns, name)
        regular = all(ns.endswith(("#", "/")) for ns in prefixes.values())
        entry = _NAMESPACES[id(prefixes)] = (prefixes, reverse, regular)
    _, reverse, regular = entry
    if regular:  # every namespace ends at a '#' or a '/': the longest that fits ends at the last one
        for sep in ("#", "/"):
            head, found, local = iri.rpartition(sep)
            if found and (head + sep) in reverse and _LOCAL_NAME.fullmatch(local):
                return f"{reverse[head + sep]}:{local}"
            if found and sep == "#":
                break
    best = None
    for name, ns in prefixes.items():
        if ns and iri.startswith(ns) and (best is None or len(ns) > len(prefixes[best])):
            if _LOCAL_NAME.fullmatch(iri[len(ns):]):
                best = name
    return f"{best}:{iri[len(prefixes[best]):]}" if best is not None else f"<{iri}>"
