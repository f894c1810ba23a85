"""Stances: an actor's stated position for or against an issue.

A sentence states a stance when it carries a cue of support ("supports",
"calls for", "insists on", "endorse") or of opposition ("opposes", "firmly
rejects", "regrettable", "harms"), from the cue vocabulary. Each issue the
sentence names takes the position of the nearest cue before it (or, failing
that, after it); a negated cue of support ("has not agreed to") opposes. The
holder is the actor that is the subject of the sentence; "the two
governments" and the like are the document's parties; "I" and "my
administration", or no named holder at all, in a transcript are the speaker.
"""
from __future__ import annotations

import re

from ..model import Stance
from .base import Findings

SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent"}
MAX_GAP = 12   # words between a cue and the issue it bears on
FIRST_PERSON = re.compile(r"\b(I|my|we|our|us)\b")
NEGATION = re.compile(r"\b(not|never|no longer|n't|cannot)\s+(\w+\s+){0,2}$", re.I)


class Stances:
    name = "stances"

    def __init__(self, lexicon):
        cues = [(c, "supports") for c in lexicon.cues("supports")] + \
               [(c, "opposes") for c in lexicon.cues("opposes")]
        self.patterns = [(re.compile(r"(?<![\w-])" + re.escape(c) + r"\w*", re.I), pos) for c, pos in cues]
        self.joint = sorted(lexicon.cues("joint-subject"), key=len, reverse=True)

    def __call__(self, doc, found: Findings) -> None:
        start = doc.doc.body_start
        for s in doc.sentences:
            if s.span.begin < start:
                continue
            text = s.span.text
            if re.match(r"\s*(if|whether|unless)\b", text, re.I):
                continue   # a condition states no position
            issues = found.mentions_in(s.span.begin, s.span.end, "issue")
            if not issues:
                continue
            inside = [(m.span.begin - s.span.begin, m.span.end - s.span.begin) for m in issues]
            cues = sorted({(m.start(), m.end(), pos) for pat, pos in self.patterns for m in pat.finditer(text)
                           if not any(b <= m.start() < e for b, e in inside)})
            if not cues:
                continue
            speaker = found.speakers.get(s.line)
            seen = set()
            for issue in issues:
                at = issue.span.begin - s.span.begin
                before = [c for c in cues if c[1] <= at and len(text[c[1]:at].split()) <= MAX_GAP]
                after = [c for c in cues if c[0] >= at + len(issue.span.text)
                         and len(text[at + len(issue.span.text):c[0]].split()) <= 4]
                cue = before[-1] if before else (after[0] if after else None)
                if cue is None:
                    continue
                cb, _, pos = cue
                if pos == "supports" and NEGATION.search(text[:cb]):
                    pos = "opposes"
                for holder in self._holders(doc, found, s, s.span.begin + cb, speaker):
                    if (holder, issue.key) not in seen:
                        seen.add((holder, issue.key))
                        found.stances.append(Stance(doc.doc.name, s.span, holder, issue.key, pos))

    def _holders(self, doc, found: Findings, s, cue_at: int, speaker: str | None) -> list[str]:
        actors = [m for m in found.mentions_in(s.span.begin, s.span.end, "actor") if m.span.end <= cue_at]
        subjects = [m.key for m in actors if self._is_subject(s, m)]
        if subjects:
            return list(dict.fromkeys(subjects))
        head = doc.text[s.span.begin:cue_at]
        low = head.casefold()
        for phrase in self.joint:
            if phrase in ("they", "we", "both", "the two", "together"):
                continue
            if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", low):
                return list(found.parties[:2])
        if speaker and (FIRST_PERSON.search(head) or not actors):
            return [speaker]
        return []

    @staticmethod
    def _is_subject(s, m) -> bool:
        for tok in s.sent:
            if s.tok_begin(tok) <= m.span.end - 1 < s.tok_end(tok):
                head = tok
                while head.dep_ in ("compound", "flat", "amod") and head.head is not head:
                    head = head.head
                return head.dep_ in SUBJECT_DEPS or (head.dep_ == "conj" and head.head.dep_ in SUBJECT_DEPS)
        return False
