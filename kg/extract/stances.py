"""Stances: an actor's stated position for or against an issue.

A sentence states a stance when it carries a cue of support ("supports",
"calls for", "insists on", "endorse") or opposition ("opposes", "firmly
rejects", "regrettable", "against"), from the cue vocabulary; the holder is
the actor that is its subject (or, failing that, the nearest actor before the
cue), the issues those named after the cue (or, failing that, in the
sentence). A negated cue turns the position ("has not agreed to" opposes).
"""
from __future__ import annotations

import re

from ..model import Stance
from .base import Findings

SUBJECT_DEPS = {"nsubj", "nsubjpass"}


class Stances:
    name = "stances"

    def __init__(self, lexicon):
        cues = [(c, "supports") for c in lexicon.cues("supports")] + \
               [(c, "opposes") for c in lexicon.cues("opposes")]
        self.patterns = [(re.compile(r"(?<![\w-])" + re.escape(c) + r"\w*", re.I), pos) for c, pos in cues]

    def __call__(self, doc, found: Findings) -> None:
        start = doc.doc.body_start
        for s in doc.sentences:
            if s.span.begin < start:
                continue
            text = s.span.text
            hits = sorted((m.start(), m.end(), pos) for pat, pos in self.patterns for m in pat.finditer(text))
            if not hits:
                continue
            cb, ce, pos = hits[0]
            cue_at = s.span.begin + cb
            if re.search(r"\b(not|never|no longer)\s+(\w+\s+)?$", text[:cb], re.I) and pos == "supports":
                pos = "opposes"
            actors = found.mentions_in(s.span.begin, s.span.end, "actor")
            issues = found.mentions_in(s.span.begin, s.span.end, "issue")
            if not actors or not issues:
                continue
            holders = [m for m in actors if m.span.end <= cue_at and self._is_subject(s, m)]
            if not holders:
                before = [m for m in actors if m.span.end <= cue_at]
                holders = before[-1:] if before else []
            if not holders:
                continue
            targets = [m for m in issues if m.span.begin >= s.span.begin + ce] or issues
            seen = set()
            for h in holders:
                for i in targets:
                    if (h.key, i.key) in seen:
                        continue
                    seen.add((h.key, i.key))
                    found.stances.append(Stance(doc.doc.name, s.span, h.key, i.key, pos))

    @staticmethod
    def _is_subject(s, m) -> bool:
        for tok in s.sent:
            if s.tok_begin(tok) <= m.span.end - 1 < s.tok_end(tok):
                head = tok
                while head.dep_ in ("compound", "flat", "amod") and head.head is not head:
                    head = head.head
                return head.dep_ in SUBJECT_DEPS or (head.dep_ == "conj" and head.head.dep_ in SUBJECT_DEPS)
        return False
