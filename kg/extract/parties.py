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
        listed = self._opening_list(doc, found)
        if len(listed) > len(found.parties):
            found.parties = listed

    def _opening_list(self, doc, found: Findings) -> list[str]:
        """The states a multilateral text opens by naming: "The Ministers of Finance of France, the
        Federal Republic of Germany, Japan, the United Kingdom and the United States met ..." (three
        or more states listed in its first sentence, all named again later)."""
        first = next((s for s in doc.sentences if s.span.begin >= doc.doc.body_start
                      and len(s.span.text.split()) > 6), None)
        if first is None:
            return []
        keys = [m.key for m in found.mentions_in(first.span.begin, first.span.end, "actor")
                if m.kind == "Country" or m.key in self.unions]
        keys = list(dict.fromkeys(keys))
        if len(keys) < 3:
            return []
        later = Counter(m.key for m in found.of_type("actor") if m.span.begin >= first.span.end)
        return keys if all(later[k] for k in keys) else []
