"""The interface every extractor implements, and what they share."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..model import Mention, Pledge, Stance


@dataclass
class Findings:
    """What the extractors found in one document so far."""
    mentions: list[Mention] = field(default_factory=list)
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

    def mentions_in(self, begin: int, end: int, typ: str | None = None) -> list[Mention]:
        return sorted((m for m in self.mentions if begin <= m.span.begin and m.span.end <= end
                       and (typ is None or m.type == typ)), key=lambda m: m.span.begin)


class Extractor(Protocol):
    """Reads a parsed document and adds findings; `name` says which extractor found what."""
    name: str

    def __call__(self, doc, found: Findings) -> None: ...  # pragma: no cover
