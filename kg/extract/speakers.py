"""Speakers of transcripts and cables: "(Prime Minister) First, ..." and "(Clinton) I have ...".

A line that opens with a tag in parentheses gives the floor to the person the
tag names: a person of the document by name or surname, or the holder of the
office it names. The speaker keeps the floor until the next tag. Pledges and
stances in the first person ("I", "my administration", or no named holder at
all) are the speaker's.
"""
from __future__ import annotations

import re

from ..model import Mention
from ..model.text import norm
from .base import Findings

TAG = re.compile(r"^\((?P<tag>[A-Z][^()\n]{1,50})\)\s+\S")


class Speakers:
    name = "speakers"

    def __call__(self, doc, found: Findings) -> None:
        persons = [m for m in found.of_type("actor") if m.kind == "Person"]
        current = None
        for k, ln in enumerate(doc.lines):
            m = TAG.match(doc.text[ln.span.begin - len(ln.marker):ln.span.end] if ln.marker else ln.text)
            if m:
                tag = m["tag"].strip()
                who = self._resolve(found, persons, tag)
                current = who
                if who is not None:
                    b = doc.text.index(tag, ln.span.begin - len(ln.marker))
                    found.add(Mention("actor", doc.span(b, b + len(tag)), who, found.label(who), "Person", self.name))
            if current is not None:
                found.speakers[k] = current

    @staticmethod
    def _resolve(found: Findings, persons, tag: str) -> str | None:
        key = norm(tag)
        # by name, full or surname
        for p in persons:
            if norm(p.label) == key or norm(p.label).split()[-1] == key.split()[-1] and len(p.label.split()) > 1:
                return p.key
        # by office: the person holding it in this document
        holders = {p.key for p in persons if any(norm(r) == key for r in found.attrs.get(p.key, {}).get("role", ()))}
        named = {h for h in holders if "office" not in found.attrs.get(h, {})}
        if len(named) == 1:
            return next(iter(named))
        if len(holders) == 1:
            return next(iter(holders))
        return None
