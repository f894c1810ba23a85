"""Where a mention stands in its sentence's parse: its head token and its role.

A mention of several tokens ("the Government of Japan") is represented by the
token whose syntactic head lies outside the mention ("Government"), not by its
last token ("Japan", the object of "of"). Modifiers (compounds, possessives,
adjectives) take the role of the word they modify, so "Japan" in "Japan's
government will" is the subject too.
"""
from __future__ import annotations

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl", "agent"})
MODIFIER_DEPS = frozenset({"compound", "flat", "amod", "nmod", "poss", "case"})


def mention_root(sentence, begin: int, end: int):
    """The token of `sentence` (a kg.nlp.Sentence) that heads the characters [begin, end), or None."""
    inside = [t for t in sentence.sent if begin <= sentence.tok_begin(t) and sentence.tok_end(t) <= end]
    if not inside:
        inside = [t for t in sentence.sent if sentence.tok_begin(t) < end and sentence.tok_end(t) > begin]
    if not inside:
        return None
    ids = {t.i for t in inside}
    for t in inside:
        if t.head.i not in ids or t.head is t:
            return t
    return inside[-1]


def governing(tok):
    """The token whose role a token plays: itself, or the word it modifies."""
    while tok.dep_ in MODIFIER_DEPS and tok.head is not tok:
        tok = tok.head
    return tok


def is_subject(tok, deps=SUBJECT_DEPS) -> bool:
    """Whether a token (after climbing its modifiers) is a subject, a conjunct of one, or in apposition to one."""
    head = governing(tok)
    if head.dep_ in deps:
        return True
    return head.dep_ in ("conj", "appos") and governing(head.head).dep_ in deps
