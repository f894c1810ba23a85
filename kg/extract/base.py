"""The interface every extractor implements, and what they share."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Protocol

from ..model import Mention, Pledge, Stance


class MentionList(list):
    """A list of mentions that counts its changes, so that an index over it knows when it is stale."""
    version = 0

    def _changed(self):
        self.version += 1


def _counting(name):
    def method(self, *args, **kwargs):
        self._changed()
        return getattr(list, name)(self, *args, **kwargs)
    method.__name__ = name
    return method


for _name in ("append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse",
              "__setitem__", "__delitem__", "__iadd__", "__imul__"):
    setattr(MentionList, _name, _counting(_name))


@dataclass
class Findings:
    """What the extractors found in one document so far."""
    mentions: list[Mention] = field(default_factory=MentionList)
    pledges: list[Pledge] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    # facts about entities found in this document, by entity key
    attrs: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    labels: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)  # key -> (type, label, kind)
    parties: list[str] = field(default_factory=list)  # the document's principal parties
    speakers: dict[int, str] = field(default_factory=dict)  # line index -> the person who has the floor

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self.labels.setdefault(m.key, (m.type, m.label, m.kind))

    def note(self, key: str, attr: str, value: str) -> None:
        """Record a fact about an entity: represents, role, party, date."""
        self.attrs.setdefault(key, {}).setdefault(attr, set()).add(value)

    def of_type(self, typ: str) -> list[Mention]:
        return [m for m in self.mentions if m.type == typ]

    def keys(self, typ: str) -> set[str]:
        return {m.key for m in self.mentions if m.type == typ}

    def kind(self, key: str) -> str | None:
        return self.labels.get(key, (None, None, None))[2]

    def label(self, key: str) -> str:
        return self.labels.get(key, (None, key, None))[1]

    def __setattr__(self, name, value):
        if name == "mentions" and not isinstance(value, MentionList):
            value = MentionList(value)
        object.__setattr__(self, name, value)

    def mentions_in(self, begin: int, end: int, typ: str | None = None) -> list[Mention]:
        """The mentions lying within [begin, end), in order of their start (ties in the order found).

        An index sorted by start is kept and rebuilt only when the mentions change, so that a
        long document is not re-sorted for every sentence."""
        ms = self.mentions
        index = self.__dict__.get("_index")
        if index is None or index[0] is not ms or index[1] != ms.version:
            ordered = sorted(ms, key=lambda m: m.span.begin)
            index = (ms, ms.version, ordered, [m.span.begin for m in ordered])
            self.__dict__["_index"] = index
        ordered, starts = index[2], index[3]
        out = []
        for i in range(bisect_left(starts, begin), len(ordered)):
            m = ordered[i]
            if m.span.begin > end:
                break
            if m.span.end <= end and (typ is None or m.type == typ):
                out.append(m)
        return out


class Extractor(Protocol):
    """Reads a parsed document and adds findings; `name` says which extractor found what."""
    name: str

    def __call__(self, doc, found: Findings) -> None: ...  # pragma: no cover
