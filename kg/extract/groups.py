"""Collective actors: a nationality or state with a collective noun that acts.

"Japanese automobile manufacturers", "U.S. automakers", "U.S. unions": a
country or its adjective, at most two modifiers, and a collective noun from
the cue vocabulary (kgc:collective). Such a phrase is an actor (kind Group)
only where it acts: as the subject of its clause, or as the lead-in of a list.
"""
from __future__ import annotations

import re

from ..iri import ACTOR, slug
from ..model import Mention
from .base import Findings

ACTING = {"nsubj", "nsubjpass", "conj", "ROOT"}


class Groups:
    name = "groups"

    def __init__(self, lexicon):
        self.collective = lexicon.cues("collective")
        self.demonyms = {}
        for e in lexicon.of_type("actor"):
            if e.kind == "Country":
                for d in e.demonyms:
                    self.demonyms[d] = e.iri

    def __call__(self, doc, found: Findings) -> None:
        text = doc.text
        countries = [m for m in found.of_type("actor") if m.kind == "Country"]
        starts = {m.span.end: m for m in countries}
        pat = re.compile(r"\b(?P<dem>" + "|".join(sorted(map(re.escape, self.demonyms), key=len, reverse=True))
                         + r")\b") if self.demonyms else None
        anchors = [(m.span.begin, m.span.end) for m in countries]
        if pat:
            anchors += [(m.start(), m.end()) for m in pat.finditer(text, doc.doc.body_start)]
        for b, e in sorted(set(anchors)):
            rest = text[e:e + 80]
            m = re.match(r"(?P<mods>(?:\s+[a-z][a-z-]+){0,2}?)\s+(?P<noun>[a-z]+)\b", rest)
            if not m or m["noun"] not in self.collective:
                continue
            end = e + m.end()
            if not self._acts(doc, end, text):
                continue
            label = " ".join(text[b:end].split())
            key = str(ACTOR[slug(label)])
            found.add(Mention("actor", doc.span(b, end), key, label, "Group", self.name))

    def _acts(self, doc, end: int, text: str) -> bool:
        after = text[end:end + 3]
        if after.lstrip(" ").startswith(":"):
            return True
        s = doc.sentence_at(end - 1)
        if s is None:
            return False
        for tok in s.sent:
            if s.tok_end(tok) == end:
                return tok.dep_ in ACTING and tok.pos_ in ("NOUN", "PROPN")
        return False
