"""The interface every extractor implements, and what they share."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Protocol

from ..model import Mention, Pledge, Span, Stance


class Findings:
    """What the extractors found in one document so far.

    Mentions are added, removed and filtered only through the methods below, so that the
    index of them by position (`mentions_in`) knows when it must be rebuilt; `mentions` is
    a read-only view in the order found."""

    def __init__(self) -> None:
        self._mentions: list[Mention] = []
        self._version = 0  # counts changes to the mentions
        self._view: tuple[int, tuple[Mention, ...]] | None = None
        self._index: tuple[int, list[Mention], list[int]] | None = None
        self.pledges: list[Pledge] = []
        self.stances: list[Stance] = []
        # facts about entities found in this document, by entity key
        self.attrs: dict[str, dict[str, set[str]]] = {}
        # the text a fact about an entity was read from, by (key, attr, value): the first found
        self.evidence: dict[tuple[str, str, str], Span] = {}
        self.labels: dict[str, tuple[str, str, str | None]] = {}  # key -> (type, label, kind)
        self.parties: list[str] = []  # the document's principal parties
        self.speakers: dict[int, str] = {}  # line index -> the person who has the floor
        # the document as a whole (kg.extract.voice)
        self.heading = None                 # the Span of its title
        self.genre: str | None = None       # a concept of ontology/vocab/genres.ttl
        self.issuers: list[str] = []        # who speaks in it as one
        self.voice: list[str] = []          # who its "we", "the Parties" are as pledgers
        self.instrument: str | None = None  # the agreement the document is
        self.partyless: list[str] = []      # agreements it names without saying their parties
        self.archive: str | None = None     # the state whose papers it is ("Foreign Relations of the United States")

    def settle(self) -> "Findings":
        """Drop the views and indexes kept for the extractors, once they are done: what is
        left is the findings alone, smaller to hold and to send between processes."""
        self._view = self._index = None
        return self

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_view": None, "_index": None}

    # ---- mentions

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """Every mention, in the order found."""
        if self._view is None or self._view[0] != self._version:
            self._view = (self._version, tuple(self._mentions))
        return self._view[1]

    def add(self, m: Mention) -> None:
        self._mentions.append(m)
        self._version += 1
        self.labels.setdefault(m.key, (m.type, m.label, m.kind))

    def remove(self, m: Mention) -> None:
        """Drop a mention (the first equal to `m`)."""
        self._mentions.remove(m)
        self._version += 1

    def keep(self, wanted: Callable[[Mention], bool]) -> None:
        """Keep only the mentions for which `wanted` holds, in their order."""
        kept = [m for m in self._mentions if wanted(m)]
        if len(kept) != len(self._mentions):
            self._mentions = kept
            self._version += 1

    def of_type(self, typ: str) -> list[Mention]:
        return [m for m in self._mentions if m.type == typ]

    def keys(self, typ: str) -> set[str]:
        return {m.key for m in self._mentions if m.type == typ}

    def mentions_in(self, begin: int, end: int, typ: str | None = None) -> list[Mention]:
        """The mentions lying within [begin, end), in order of their start (ties in the order found).

        An index sorted by start is kept and rebuilt only when the mentions change, so that a
        long document is not re-sorted for every sentence."""
        if self._index is None or self._index[0] != self._version:
            ordered = sorted(self._mentions, key=lambda m: m.span.begin)
            self._index = (self._version, ordered, [m.span.begin for m in ordered])
        ordered, starts = self._index[1], self._index[2]
        out = []
        for i in range(bisect_left(starts, begin), len(ordered)):
            m = ordered[i]
            if m.span.begin > end:
                break
            if m.span.end <= end and (typ is None or m.type == typ):
                out.append(m)
        return out

    # ---- facts about entities

    def note(self, key: str, attr: str, value: str, evidence: Span | None = None) -> None:
        """Record a fact about an entity: represents, role, party, date; with `evidence`, the
        span of the text it was read from (a fact from the gazetteer has none)."""
        self.attrs.setdefault(key, {}).setdefault(attr, set()).add(value)
        if evidence is not None:
            self.evidence.setdefault((key, attr, value), evidence)

    def kind(self, key: str) -> str | None:
        return self.labels.get(key, (None, None, None))[2]

    def label(self, key: str) -> str:
        return self.labels.get(key, (None, key, None))[1]


def sentence_span(doc, begin: int, end: int) -> Span:
    """The sentence of a parsed document holding [begin, end), or that span where no one
    sentence holds it: the evidence of a fact read there."""
    s = doc.sentence_at(begin)
    if s is not None and s.span.end >= end:
        return s.span
    return doc.span(begin, end)


class Extractor(Protocol):
    """Reads a parsed document and adds findings; `name` says which extractor found what."""
    name: str

    def __call__(self, doc, found: Findings) -> None: ...  # pragma: no cover


class Enclosing:
    """Spans, asked whether one of them holds [begin, end) whole: sorted by beginning, with the
    furthest end reached so far, so that each question is a bisection."""

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self.begins = [b for b, _ in ordered]
        self.reach: list[int] = []
        furthest = -1
        for _, e in ordered:
            furthest = max(furthest, e)
            self.reach.append(furthest)

    def encloses(self, begin: int, end: int) -> bool:
        i = bisect_right(self.begins, begin)
        return i > 0 and self.reach[i - 1] >= end
