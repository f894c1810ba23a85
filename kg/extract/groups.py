"""Collective actors: a nationality or state with a collective noun that acts.

"Japanese automobile manufacturers", "U.S. automakers", "U.S. unions": a
country or its adjective, at most two modifiers, and a collective noun from
the cue vocabulary (kgc:collective); "IPEF partners", "APEC member economies":
a forum, a body or a framework and a noun of membership (kgc:member-noun).
Such a phrase is an actor (kind Group) only where it acts: as the subject of
its clause, or as the lead-in of a list. A part of a collective named by a
quantifier and a noun of membership ("Most members strongly condemned ...",
kgc:partial-quantifier) is a group of its own where it is a subject.
"""
from __future__ import annotations

import re

from ..model.iri import ACTOR, slug
from ..model import Mention
from .base import Findings

ACTING = {"nsubj", "nsubjpass", "conj", "ROOT"}


class Groups:
    name = "groups"

    def __init__(self, lexicon):
        self.collective = lexicon.cues("collective")
        members = sorted(lexicon.cues("member-noun"), key=lambda w: (-len(w), w))
        self.member_after = re.compile(r"\s+(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in members)
                                       + r")\b") if members else re.compile(r"(?!)")
        quantifiers = sorted(lexicon.cues("partial-quantifier"), key=lambda w: (-len(w), w))
        self.partial = re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in quantifiers)
                                  + r")\s+(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in members)
                                  + r")\b", re.I) if quantifiers and members else re.compile(r"(?!)")
        self.demonyms = {}
        for e in lexicon.of_type("actor"):
            if e.kind == "Country":
                for d in e.demonyms:
                    self.demonyms[d] = e.iri

    def __call__(self, doc, found: Findings) -> None:
        text = doc.text
        countries = [m for m in found.of_type("actor") if m.kind == "Country"]
        pat = re.compile(r"\b(?P<dem>" + "|".join(sorted(map(re.escape, self.demonyms), key=len, reverse=True))
                         + r")\b") if self.demonyms else None
        anchors = [(m.span.begin, m.span.end) for m in countries]
        if pat:
            anchors += [(m.start(), m.end()) for m in pat.finditer(text, doc.doc.body_start)]
        bodies = {(m.span.begin, m.span.end) for m in found.mentions if m.span.begin >= doc.doc.body_start and
                  (m.type == "agreement" or m.kind in ("InternationalOrganization", "Forum"))}
        for b, e in sorted(set(anchors) | bodies):
            m = re.match(r"(?:(?:[ \t]+|[ \t]*\n[ \t]*)[a-z][a-z-]*){1,3}\b", text[e:e + 80])   # (a line may wrap)
            if not m:
                continue
            words = list(re.finditer(r"[a-z][a-z-]*", m.group()))
            if (b, e) in bodies:   # the noun of membership right after the name: "IPEF partners"
                member = self.member_after.match(m.group())
                if not member:
                    continue
                end = e + member.end()
            else:
                heads = [w for w in words if w.group() in self.collective]
                if not heads:
                    continue
                end = e + heads[0].end()
            if any(x.span.begin < end and b < x.span.end and x.kind != "Country" for x in found.of_type("actor")):
                continue   # part of a named organisation ("Japanese automobile dealers' associations")
            if not self._acts(doc, end, text, b):
                continue
            label = " ".join(text[b:end].split())
            key = str(ACTOR[slug(label)])
            found.add(Mention("actor", doc.span(b, end), key, label, "Group", self.name))
        self._partial(doc, found)

    def _partial(self, doc, found: Findings) -> None:
        """A part of a collective named by a quantifier ("Most members strongly condemned ..."):
        a group of its own, where it acts."""
        text = doc.text
        for m in self.partial.finditer(text, doc.doc.body_start):
            b, end = m.start(), m.end()
            if any(x.span.begin < end and b < x.span.end for x in found.of_type("actor")) or \
                    re.match(r"\s+of\b", text[end:end + 5]):
                continue   # ("Several members of Congress": the members of a body the text names)
            s = doc.sentence_at(end - 1)
            if s is None or not any(s.tok_end(t) == end and t.dep_ in ("nsubj", "nsubjpass") for t in s.sent):
                continue   # ("in consultation with other members": not who acts)
            label = " ".join(m.group().split())
            label = label[:1].upper() + label[1:]
            found.add(Mention("actor", doc.span(b, end), str(ACTOR[slug(label)]), label, "Group", self.name))

    def _acts(self, doc, end: int, text: str, begin: int | None = None) -> bool:
        after = text[end:end + 3]
        if after.lstrip(" ").startswith(":"):
            return True
        if begin is not None and any(ln.span.begin == begin for ln in doc.lines):
            return True   # a line that opens with the group introduces what it does
        s = doc.sentence_at(end - 1)
        if s is None:
            return False
        for tok in s.sent:
            if s.tok_end(tok) == end:
                return tok.dep_ in ACTING and tok.pos_ in ("NOUN", "PROPN")
        return False
