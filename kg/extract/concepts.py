"""Sectors and issues: the concepts of a SKOS vocabulary that a document names.

One extractor serves both vocabularies: it matches every label and altLabel of
the scheme's concepts, in singular and plural, in any case, except inside the
name of an organisation ("Japan Fair Trade Commission" is no mention of fair
trade), after "non-" ("non-auto standards"), and where a phrase of the other
vocabulary opens with it ("chemical" in "chemical and biological weapons"). An
instrument's name names the issue it is about ("Chemical Weapons Convention"),
not a sector ("Missile Technology Control Regime").
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..language.lexicon import Lexicon
from ..language.matcher import PhraseMatcher
from ..model import Mention
from .base import Enclosing, Findings


def number_variants(phrase: str) -> set[str]:
    """The phrase with its last word in singular and plural: 'auto part' <-> 'auto parts'."""
    out = {phrase}
    head, _, last = phrase.rpartition(" ")
    pre = head + " " if head else ""
    if not last.isalpha() or len(last) < 3 or last.isupper():
        return out
    if last.endswith("ies"):
        out.add(pre + last[:-3] + "y")
    elif last.endswith(("sses", "shes", "ches", "xes")):
        out.add(pre + last[:-2])
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        out.add(pre + last[:-1])
    elif last.endswith("y") and last[-2] not in "aeiou":
        out.add(pre + last[:-1] + "ies")
    elif last.endswith(("s", "sh", "ch", "x")):
        out.add(pre + last + "es")
    else:
        out.add(pre + last + "s")
    return out


def hyphen_variants(phrase: str) -> set[str]:
    """A hyphenated phrase as texts also write it, spaced or closed up: 'state-owned
    enterprises' is 'state owned enterprises', 'co-operation' is 'cooperation'."""
    if not re.search(r"[A-Za-z]-[A-Za-z]", phrase):
        return set()
    return {re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", " ", phrase), re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", "", phrase)}


@lru_cache(maxsize=8)
def concept_matcher(lex: Lexicon, typ: str) -> PhraseMatcher[tuple[str, str]]:
    pm: PhraseMatcher[tuple[str, str]] = PhraseMatcher()
    for e in lex.of_type(typ):
        for form in e.surface_forms:
            # a one-word alias stands as written: "spirits" is a sector, "spirit" is not
            variants = number_variants(form) if (form == e.label or " " in form) else {form}
            variants |= {v for x in variants for v in hyphen_variants(x)}
            for v in sorted(variants):
                pm.add(v, (e.iri, e.label))
    return pm


class VocabularyConcepts:
    """Finds the concepts of one vocabulary (sector or issue) in a document."""

    def __init__(self, lexicon: Lexicon, typ: str):
        self.type = typ
        self.name = f"{typ}-vocabulary"
        self.matcher = concept_matcher(lexicon, typ)

    def __call__(self, doc, found: Findings) -> None:
        start = doc.doc.body_start
        names = Enclosing((x.span.begin, x.span.end) for x in found.mentions
                          if (x.type == "actor" and x.kind != "Country") or
                          (x.type == "agreement" and self.type == "sector"))
        others = [x for x in found.mentions if x.type in CONCEPT_TYPES and x.type != self.type]
        longest_other = _longest_at(others)
        added = []
        for m in self.matcher.find(doc.text, doc.tokens):
            if m.begin < start:
                continue
            if names.encloses(m.begin, m.end):
                continue   # "Fair Trade" inside "Japan Fair Trade Commission" names the body
            if NEGATED_PREFIX.search(doc.text[max(0, m.begin - 5):m.begin]):
                continue   # "non-auto standards" are about everything but autos
            if m.end < longest_other.get(m.begin, -1):
                continue   # "chemical" in the issue "chemical and biological weapons" is no sector
            iri, label = m.payloads[0]
            added.append(Mention(self.type, doc.span(m.begin, m.end), iri, label, None, self.name))
        # the longer phrase of the other vocabulary gives way the same way
        longest_added = _longest_at(added)
        other_ids = {id(x) for x in others}
        found.keep(lambda x: not (id(x) in other_ids and x.span.end < longest_added.get(x.span.begin, -1)))
        for mention in added:
            found.add(mention)


CONCEPT_TYPES = ("sector", "issue")
NEGATED_PREFIX = re.compile(r"\bnon-?$", re.I)


def _longest_at(mentions) -> dict[int, int]:
    """The end of the longest mention opening at each offset: a shorter phrase that opens a longer
    one is its modifier ("chemical" in "chemical weapons"); a phrase at its end is what the
    longer one is about, and stands."""
    out: dict[int, int] = {}
    for x in mentions:
        out[x.span.begin] = max(out.get(x.span.begin, -1), x.span.end)
    return out

