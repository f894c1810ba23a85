"""The document's principal parties: the states it is mainly between.

A declaration "between the two governments" or a plan of action "both nations"
adopt binds these; so do agreements that name no parties of their own.
Measured by how often each country is named: the most named, and any other
named at least a third as often (at most two in all... or more when they are
equally present).
"""
from __future__ import annotations

from collections import Counter

from .base import Findings


class PrincipalParties:
    name = "principal-parties"

    def __init__(self, share: float = 0.3, most: int = 3):
        self.share = share
        self.most = most

    def __call__(self, doc, found: Findings) -> None:
        counts = Counter(m.key for m in found.of_type("actor") if m.kind == "Country")
        if not counts:
            return
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        top = ranked[0][1]
        found.parties = [k for k, n in ranked[: self.most] if n >= top * self.share]
