"""Actors the gazetteer knows: countries, organizations, bodies, companies.

Besides each entry's names, a country is found where a document speaks of its
government or side: "the Government of Japan", "the Japanese side", "U.S.
officials". A capital stands for its country only where it acts, that is, as
the subject or possessor in the sentence ("Tokyo had vowed", "Tokyo's
failure"), not where it is only a place ("returned to Tokyo").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..language.lexicon import Entry, Lexicon
from ..language.matcher import PhraseMatcher
from ..model import Mention
from .base import Findings
from .syntax import mention_root

GOVERNMENT_NOUNS = ("Government", "government", "Governments", "side", "Side", "delegation",
                    "Delegation", "officials", "negotiators", "leaders", "administration",
                    "Administration", "authorities", "trade officials", "government officials",
                    "Foreign Ministry")
ACTING_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
# a place and its state after a preposition: "in Geneva, Switzerland"
ADDRESS = re.compile(r"\b(?P<prep>[a-z]+)\s+(?P<place>[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*){0,2}),\s*$")
NOMINAL_DEPS = ACTING_DEPS | {"pobj", "dobj", "dative", "appos", "attr", "ROOT"}


@dataclass(frozen=True)
class ActorHit:
    iri: str
    kind: str
    label: str
    metonym: bool = False
    region: bool = False           # a place that is not an actor: blocks the names inside it


@lru_cache(maxsize=4)
def actor_matcher(lex: Lexicon) -> PhraseMatcher[ActorHit]:
    pm: PhraseMatcher[ActorHit] = PhraseMatcher()
    for e in lex.of_type("actor"):
        hit = ActorHit(e.iri, e.kind or "Actor", e.label)
        for form in e.surface_forms:
            pm.add(form, hit)
        if e.kind == "Country":
            _add_government_forms(pm, e, hit)
        for m in e.metonyms:
            pm.add(m, ActorHit(e.iri, e.kind or "Actor", e.label, metonym=True))
    for e in lex.of_type("region"):
        for form in e.surface_forms:
            pm.add(form, ActorHit(e.iri, "Region", e.label, region=True))
    return pm


def _plural_demonym(d: str) -> str | None:
    """The nationals of a state in the plural ("the Germans", "the Indians", "the Israelis"); none
    for a demonym that is its own plural ("the French", "the Japanese", "the Swiss")."""
    return None if d.endswith(("sh", "ch", "ese", "s", "x", "z")) else d + "s"


def _nationals_pattern(lex: Lexicon) -> re.Pattern | None:
    """ "the British", "the Germans": "the" and a country's demonym written as a word (not
    "U.S."), or its plural."""
    singular = {d for e in lex.of_type("actor") if e.kind == "Country" for d in e.demonyms
                if d.isalpha() and d[:1].isupper()}
    forms = sorted(singular | {p for d in singular if (p := _plural_demonym(d))}, key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"\b[Tt]he\s+(?P<dem>" + "|".join(map(re.escape, forms)) + r")\b(?!['’-])")


def _add_government_forms(pm: PhraseMatcher[ActorHit], e: Entry, hit: ActorHit) -> None:
    for name in e.surface_forms:
        pm.add(f"Government of {name}", hit)
        pm.add(f"government of {name}", hit)
        pm.add(f"Government of the {name}", hit)
        for noun in GOVERNMENT_NOUNS:
            pm.add(f"{name} {noun}", hit)
    for dem in e.demonyms:
        for noun in GOVERNMENT_NOUNS:
            pm.add(f"{dem} {noun}", hit)


class GazetteerActors:
    """Finds the actors the gazetteer names, with the form each document uses."""
    name = "gazetteer-actors"

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.matcher = actor_matcher(lexicon)
        self.enabling = lexicon.cues("enabling-verb")
        self.place_prepositions = lexicon.cues("place-preposition")
        self.title_words = frozenset(w.casefold() for e in lexicon.of_type("role") for f in e.surface_forms
                                     for w in f.split()) | {t.casefold() for t in lexicon.cues("name-title")}
        self.nationals = _nationals_pattern(lexicon)
        owners: dict[str, set] = {}
        for e in lexicon.of_type("actor"):
            if e.kind == "Country":
                for d in e.demonyms:
                    owners.setdefault(d, set()).add((e.iri, e.kind, e.label))
        self.nationals_of = {d: next(iter(o)) for d, o in owners.items() if len(o) == 1}
        for d, o in list(self.nationals_of.items()):
            if (plural := _plural_demonym(d)) and d.isalpha():
                self.nationals_of.setdefault(plural, o)

    def __call__(self, doc, found: Findings) -> None:
        start = doc.doc.body_start
        for m in self.matcher.find(doc.text, doc.tokens):
            if m.begin < start:
                continue
            hits = m.payloads
            if any(h.region for h in hits):
                continue   # "Latin America": a place, and not America
            if re.search(r"\bNew\s+$", doc.text[max(0, m.begin - 4):m.begin]) and \
                    all(h.kind == "Country" for h in hits):
                continue   # "New Jersey", "New Mexico": another place than the country its name holds
            if all(h.kind == "Country" for h in hits) and self._in_address(doc.text, m.begin) and \
                    doc.text[m.end:m.end + 2] not in ("'s", "\u2019s"):   # not "Nakayama, Japan's chief delegate"
                continue   # "negotiations ... in Geneva, Switzerland": the state of a place, named as its address
            if all(h.kind == "Group" for h in hits) and not _group_acts(doc, m.begin, m.end, self.enabling):
                continue   # "the gap between industrialized and developing countries": no actor
            names = [h for h in hits if not h.metonym]
            if names:
                hit = names[0]
            elif _acts(doc, m.begin):
                hit = hits[0]
            else:
                continue
            found.add(Mention("actor", doc.span(m.begin, m.end), hit.iri, hit.label, hit.kind,
                              self.name))
        if self.nationals is not None:
            self._nationals(doc, found, start)

    def _in_address(self, text: str, b: int) -> bool:
        """Whether the state at offset b completes a place's address after a preposition of place
        ("in Geneva, Switzerland", "at Subic Bay, Philippines"; `kgc:place-preposition`)."""
        at = ADDRESS.search(text, max(0, b - 60), b)
        return bool(at) and at["prep"] in self.place_prepositions and \
            not any(True for _ in self.matcher.find(at["place"])) and \
            not any(w.casefold() in self.title_words for w in at["place"].split())   # "to Ambassador X, Japan and ..."

    def _nationals(self, doc, found: Findings, start: int) -> None:
        """ "in close touch with the British", "pointed out to the French": a nationality said as
        a noun, with "the", is its state (in "the French Embassy", "the Japanese side" it is a
        modifier, and the names above read it)."""
        for m in self.nationals.finditer(doc.text, start):
            b, e = m.start("dem"), m.end("dem")
            if found.mentions_in(b, e, "actor"):
                continue
            s = doc.sentence_at(b)
            tok = mention_root(s, b, e) if s is not None else None
            if tok is None or tok.i + 1 < len(tok.doc) and tok.nbor().pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
                continue
            head = tok
            while head.dep_ == "conj" and head.head is not head:
                head = head.head
            if head.dep_ not in NOMINAL_DEPS:
                continue   # "the French and British companies": modifiers of a noun further on
            if m["dem"] not in self.nationals_of:
                continue   # a demonym of two states
            iri, kind, label = self.nationals_of[m["dem"]]
            found.add(Mention("actor", doc.span(b, e), iri, label, kind, self.name))


def _group_acts(doc, begin: int, end: int, enabling) -> bool:
    """Whether a grouping the gazetteer knows acts where it is named: as a subject or agent (or
    one of several), or as the one asked to act ("We ask the Multilateral Development Banks to
    bring forward actions"), not as a beneficiary ("helping developing countries build ...") or
    a term of comparison ("the gap between industrialized and developing countries")."""
    s = doc.sentence_at(begin)
    root = mention_root(s, begin, end) if s is not None else None
    if root is None:
        return False
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ in ACTING_DEPS:
        verb = root.head
        return not (verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.casefold() in enabling)
    return root.dep_ == "dobj" and any(c.dep_ == "xcomp" for c in root.head.children)


def _acts(doc, offset: int) -> bool:
    """Whether the word at `offset` is a subject, agent or possessor in its sentence."""
    s = doc.sentence_at(offset)
    if s is None:
        return False
    for tok in s.sent:
        if s.tok_begin(tok) == offset:
            head = tok
            while head.dep_ == "compound" and head.head is not head:
                head = head.head
            return head.dep_ in ACTING_DEPS
    return False
