"""The document's principal parties: the states it is mainly between.

A declaration "between the two governments" or a plan of action "both nations"
adopt binds these; so do agreements that name no parties of their own.
Measured by how often each state or union of states (the EU) is named: the
most named, and up to two others named at least 30% as often.
"""
from __future__ import annotations

from collections import Counter

from .base import Findings


class PrincipalParties:
    name = "principal-parties"

    def __init__(self, lexicon, share: float = 0.3, most: int = 3):
        self.share = share
        self.most = most
        # organisations that act as one party, as states do: those with a demonym ("European")
        self.unions = {e.iri for e in lexicon.of_type("actor") if e.kind != "Country" and e.demonyms}

    def __call__(self, doc, found: Findings) -> None:
        counts = Counter(m.key for m in found.of_type("actor")
                         if m.kind == "Country" or m.key in self.unions)
        if not counts:
            return
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        top = ranked[0][1]
        found.parties = [k for k, n in ranked[: self.most] if n >= top * self.share]
