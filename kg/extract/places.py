"""Places that are only places: a country a document names only as a location.

The guidelines count a state as an actor where it acts; a country named only
after "in", "to", "from" ("bases in Guam", "a conference in Washington") is a
place. A country every mention of which is such a place, or opens the name of
an issue ("Uruguay Round", "Singapore issues"; not "denuclearization of North
Korea", an issue about a state), is dropped from the document's actors.
"""
from __future__ import annotations

from .base import Findings


class PlaceOnlyCountries:
    name = "place-only-countries"

    def __init__(self, lexicon):
        self.locative = lexicon.cues("place-preposition")

    def __call__(self, doc, found: Findings) -> None:
        issues = [(m.span.begin, m.span.end) for m in found.of_type("issue")]
        by_key: dict[str, list] = {}
        for m in found.of_type("actor"):
            if m.kind == "Country":
                by_key.setdefault(m.key, []).append(m)
        dropped = set()
        for key, ms in by_key.items():
            if key in found.parties:
                continue
            if all(self._place(doc.text, m.span.begin) or
                   any(b == m.span.begin and m.span.end <= e for b, e in issues) for m in ms):
                dropped.add(key)
        if dropped:
            found.keep(lambda m: not (m.type == "actor" and m.key in dropped))

    def _place(self, text: str, begin: int) -> bool:
        words = text[max(0, begin - 20):begin].split()
        if words and words[-1].casefold() == "the":
            words = words[:-1]
        return bool(words) and words[-1].casefold() in self.locative
