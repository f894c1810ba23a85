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
HYPHENS = ("-", "\u2010", "\u2011")


def in_hyphenated_word(tok) -> bool:
    """Whether a token is a later part of a hyphenated word ("profit-seeking", "rights-backed"):
    a word of a compound, not a word of the clause (no cue of commitment or position)."""
    if tok.i < 2:
        return False
    hyphen, before = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
    return hyphen.text in HYPHENS and not hyphen.whitespace_ and not before.whitespace_


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


def clause_verb(tok):
    """The verb whose subject a (subject) token is: through its modifiers and coordination."""
    t = governing(tok)
    while t.dep_ in ("conj", "appos") and t.head.i != t.i:
        t = governing(t.head)
    return t.head


def is_subject(tok, deps=SUBJECT_DEPS) -> bool:
    """Whether a token (after climbing its modifiers) is a subject, a conjunct of one, or in apposition to one."""
    head = governing(tok)
    if head is not tok and head.dep_ == "appos":
        return False   # "Keidanren, Japan's largest business lobby": a description of the subject
    while head.dep_ in ("conj", "appos") and head.head is not head:
        head = governing(head.head)   # "the United States, Canada, and Mexico": each conjunct
    return head.dep_ in deps


def modifies_another(sentence, mention, mentions) -> bool:
    """Whether a mention only modifies another mention: "United States" in "United States Trade
    Representative Kantor" is part of who Kantor is, not an actor of the clause."""
    tok = mention_root(sentence, mention.span.begin, mention.span.end)
    if tok is None or tok.dep_ not in MODIFIER_DEPS:
        return False
    head = governing(tok)
    at = sentence.tok_begin(head)
    return any(o.key != mention.key and o.span.begin <= at < o.span.end for o in mentions)


AGENT_PREPS = frozenset({"by", "from"})


def agent_actors(sentence, mentions, toks, k: int) -> list[str]:
    """The actors a cue names as its agent: the object of "by" after a passive verb ("blocked by
    the EU") or of "by"/"from" after a noun ("objections from the League of Nations, Britain and
    the United States"), with their conjuncts; keys in order."""
    if not 0 <= k < len(toks):
        return []
    cue = toks[k]
    preps = [c for c in cue.children if c.dep_ in ("agent", "prep") and c.lower_ in AGENT_PREPS and c.i > cue.i]
    if cue.pos_ == "VERB":
        preps = [c for c in preps if c.dep_ == "agent" or any(x.dep_ == "auxpass" for x in cue.children)]
    elif cue.pos_ not in ("NOUN", "PROPN"):
        return []
    heads = [t for p in preps for t in p.children if t.dep_ == "pobj"]
    ids: set[int] = set()
    while heads:
        t = heads.pop()
        if t.i not in ids:
            ids.add(t.i)
            heads.extend(c for c in t.children if c.dep_ == "conj")
    out = []
    for m in mentions:
        root = mention_root(sentence, m.span.begin, m.span.end)
        if root is not None and governing(root).i in ids and not modifies_another(sentence, m, mentions):
            out.append(m.key)
    return list(dict.fromkeys(out))
