"""Agreements: instruments the gazetteer knows, and names built on an instrument noun.

A name is a run of capitalised words, acronyms and years around a head noun
from the instrument vocabulary ("Treaty", "Declaration", "Arrangement", "Plan
of Action"...), with a complement ("on the U.S.-Japan Global Partnership",
"of Mutual Cooperation and Security"). A lower-case head counts where an
acronym qualifies it ("MOSS agreement", "NTT procurement agreement"). A year
in front is the agreement's date ("1960 Treaty of ..."); countries named in
the name ("U.S.-Japan ...", "between X and Y") are its parties.
"""
from __future__ import annotations

from functools import lru_cache

from ..model.iri import AGREEMENT, slug
from ..language.lexicon import Lexicon
from ..language.matcher import PhraseMatcher, norm_token
from ..model import Mention
from ..model.text import YEAR, is_acronym, is_capitalized, norm
from .base import Findings, sentence_span
from .concepts import number_variants

CONNECTORS = {"of", "and", "on", "for", "the", "between", "concerning", "regarding", "to", "in"}
RIGHT_OPENERS = {"of", "on", "for", "between", "concerning", "regarding"}
DROP_LEADING = {"the", "this", "these", "that", "a", "an", "new", "renewed", "existing", "its",
                "their", "our", "his", "her"}
MAX_MODIFIERS = 8


@lru_cache(maxsize=4)
def instrument_heads(lex: Lexicon) -> frozenset[str]:
    heads: set[str] = set()
    for e in lex.of_type("instrument"):
        for form in e.surface_forms:
            words = form.split()
            if len(words) == 1:
                heads |= {norm_token(v) for v in number_variants(words[0])}
            else:  # a multi-word kind ("plan of action", "joint statement"): its head word
                head = words[0] if words[1:2] == ["of"] else words[-1]
                heads |= {norm_token(v) for v in number_variants(head)}
    return frozenset(heads)


@lru_cache(maxsize=4)
def agreement_matcher(lex: Lexicon) -> PhraseMatcher[tuple[str, str]]:
    pm: PhraseMatcher[tuple[str, str]] = PhraseMatcher()
    for e in lex.of_type("agreement"):
        for form in e.surface_forms:
            pm.add(form, (e.iri, e.label))
    return pm


class Agreements:
    name = "agreements"

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.heads = instrument_heads(lexicon)
        self.matcher = agreement_matcher(lexicon)
        self.sector_forms = _sector_forms(lexicon)
        self.deal_kinds = lexicon.cues("deal-kind")
        self.paper_kinds = lexicon.cues("paper-kind")
        # the capitalised head nouns that make an instrument's name the name of a body ("Trade
        # Framework Group", "Free Trade Agreement Commission")
        self.body_words = {w for w in lexicon.cues("body-head") if " " not in w} | {"group"}
        self.by_name = {}
        for e in lexicon.of_type("agreement"):
            for form in e.surface_forms:
                self.by_name.setdefault(norm(form), e)

    def __call__(self, doc, found: Findings) -> None:
        start = doc.doc.body_start
        taken: list[tuple[int, int]] = []
        known: list[tuple[str, str, str]] = []   # (normalised form, IRI, label) of known instruments named here
        for m in self.matcher.find(doc.text, doc.tokens):
            if m.begin < start:
                continue
            iri, label = m.payloads[0]
            self._add(doc, found, m.begin, m.end, iri, label, None)
            taken.append((m.begin, m.end))
            known.append((norm(m.text), iri, label))
        title = _title_span(doc)
        names = [(m.span.begin, m.span.end) for m in found.of_type("actor") if m.kind != "Country"]
        # a name may hold a body's or an instrument's name ("G20 Matera Declaration", "ASEAN Outlook
        # on the Indo-Pacific", "IPEF Supply Chain Agreement"), not overlap one ("North Atlantic Treaty
        # Organization" is a body)
        cands = [c for c in self._candidates(doc, found)
                 if not any(b < c[1] and c[0] < e and not _holds(c, b, e) for b, e in names)]
        cands = [c for c in cands
                 if (c[0] >= start or (title and title[0] <= c[0] and c[1] <= title[1]))
                 and not any(b < c[1] and c[0] < e and not _holds(c, b, e) and not self._about(doc, c, b)
                             for b, e in taken)]
        # a lower-case head qualified only by a body's name ("EEC framework", "UN framework") is
        # the body's way of working, not an instrument
        cands = [c for c in cands if c[2].split()[-1][:1].isupper() or not _only_bodies(c, doc.tokens, names)]
        cands = [c for c in cands if not self._names_a_body(doc, c[1])]
        inner = [(b, e) for b, e in taken if any(_holds(c, b, e) for c in cands)]
        if inner:   # the longer name is the instrument meant; the known one inside it is its qualifier
            found.keep(lambda x: not (x.type == "agreement" and (x.span.begin, x.span.end) in inner))
        # A short name that begins a longer one in the same document is that agreement; so is one
        # of two words or more that ends exactly one longer name ("the Clean Economy Agreement" of
        # a text that names the "IPEF Clean Economy Agreement").
        labels = {c[2] for c in cands}
        for b, e, label, year, owner_end in cands:
            key_label = label
            for other in labels:
                if other != label and norm(other).startswith(norm(label) + " "):
                    key_label = other if len(other) > len(key_label) else key_label
            ending = [o for o in labels if o != label and norm(o).endswith(" " + norm(label))]
            if key_label == label and len(ending) == 1 and len(norm(label).split()) >= 2:
                key_label = ending[0]
            entry = self.by_name.get(norm(key_label))
            longer = [k for k in known if k[0].startswith(norm(label) + " ")]
            if entry is None and longer:
                # "the Economic and Trade Agreement" after the gazetteer's "Economic and Trade
                # Agreement between the United States and China" is that instrument
                entry = self.lexicon.get(max(longer, key=lambda k: len(k[0]))[1])
            iri = entry.iri if entry else str(AGREEMENT[slug(key_label)])
            self._add(doc, found, b, e, iri, entry.label if entry else key_label, year)
            if owner_end is not None:
                for a in found.mentions:
                    if a.type == "actor" and a.span.end == owner_end:
                        found.note(iri, "party", a.key, sentence_span(doc, a.span.begin, e))

    def _second_instrument(self, toks, r: int) -> bool:
        """Whether the capitalised words from token r on ("the ASEAN Digital Masterplan") end in
        an instrument's head noun: the name of a second instrument, not part of the first's."""
        if r < len(toks) and toks[r][2] == "the":
            r += 1
        last = None
        while r < len(toks) and (is_capitalized(toks[r][2]) or toks[r][2].isupper() or toks[r][2] == "-"):
            last = toks[r][2]
            r += 1
        return last is not None and norm_token(last) in self.heads

    def _generic_plural(self, word: str) -> bool:
        """Whether a lower-case head is the plural of a kind other than a deal's ("programs",
        "frameworks"; not "agreements", "arrangements": "the semiconductor agreements" are some)."""
        low = norm_token(word)
        if not low.endswith("s") or low in self.deal_kinds:
            return False
        singular = low[:-1]
        return singular in self.heads and singular not in self.deal_kinds

    def _names_a_body(self, doc, end: int) -> bool:
        """Whether a capitalised head noun of a body follows an instrument's name right after
        `end`: "Trade Framework Group" is a body, not the instrument "Trade Framework"."""
        j = doc.token_at(end)
        if j >= len(doc.tokens) or doc.breaks(end, doc.tokens[j][0]) or doc.tokens[j][0] - end > 1:
            return False
        word = doc.tokens[j][2]
        return word[:1].isupper() and word.casefold() in self.body_words

    def _about(self, doc, cand, b: int) -> bool:
        """Whether a candidate is an instrument of its own about a known one in its complement:
        "the Agreement on the Indo-Pacific Economic Framework for Prosperity" (its head comes first,
        then "on", "of", ...), not "Conclusion of the Uruguay Round" (the Round)."""
        words = doc.text[cand[0]:b].split()
        return len(words) >= 2 and norm_token(words[0]) in self.heads and words[0][:1].isupper() and \
            words[1].casefold() in RIGHT_OPENERS

    def _add(self, doc, found: Findings, b: int, e: int, iri: str, label: str, year: str | None):
        found.add(Mention("agreement", doc.span(b, e), iri, label, None, self.name))
        if year:
            found.note(iri, "date", year)
        entry = self.lexicon.get(iri)
        if entry and entry.date:
            found.note(iri, "date", entry.date)
        for p in (entry.parties if entry else []):
            found.note(iri, "party", p)
        inside = found.mentions_in(b, e, "actor")
        head_at = b + len(doc.text[b:e].split(" of ")[0].rstrip().rsplit(None, 1)[0]) if " " in doc.text[b:e] else e
        # states named in the name, and the bodies that qualify it ("G20 Matera Declaration",
        # "USDOC-MITI Joint Trade Expansion Program"), not those of its complement
        named = [a.key for a in inside if a.kind == "Country" or
                 (a.kind in ("InternationalOrganization", "GovernmentBody") and a.span.end <= head_at)]
        for key in named:
            found.note(iri, "party", key, sentence_span(doc, b, e))
        if not named and entry is None and iri not in found.partyless:
            found.partyless.append(iri)   # its parties are the document's to say (kg.extract.voice)
        if doc.doc.title and doc.doc.date and norm(label) and norm(label) in norm(doc.doc.title):
            found.note(iri, "date", doc.doc.date)

    def _candidates(self, doc, found: Findings):
        toks = doc.tokens
        actor_ends = {m.span.end for m in found.of_type("actor")}
        verbs = _verb_offsets(doc)
        text = doc.text
        n = len(toks)
        out = []
        i = 0
        while i < n:
            word = toks[i][2]
            if norm_token(word) not in self.heads:
                i += 1
                continue
            head_cap = is_capitalized(word)
            # extend left
            j = i
            mods = 0
            owner_end = None
            while j > 0 and mods < MAX_MODIFIERS:
                prev = toks[j - 1][2]
                if doc.breaks(toks[j - 1][1], toks[j][0]):
                    break
                if prev == "s" and j >= 2 and toks[j - 2][2] in {"'", "\u2019"} and toks[j - 2][0] in actor_ends:
                    owner_end = toks[j - 2][0]   # "the Department's Export Program": the owner is a party
                    break
                if toks[j - 1][0] in verbs:
                    break   # a headline's verb: "Japan Sign Partial Trade Agreement"
                if head_cap and prev.isdigit() and j >= 3 and toks[j - 2][2] == "+" and \
                        toks[j - 2][1] == toks[j - 1][0] and toks[j - 3][1] == toks[j - 2][0]:
                    j -= 2   # "C5+1 Leaders' Joint Statement", "ASEAN+3": a forum's name
                    continue
                if head_cap and prev == ")" and j >= 4 and toks[j - 3][2] == "(" and is_capitalized(toks[j - 4][2]) and \
                        toks[j - 2][2][:1].isupper() and toks[j - 2][2].isalnum():
                    j -= 3   # "Expanded Economic Engagement (E3) Work Plan": the acronym of a part of the name
                    continue
                if head_cap and (is_capitalized(prev) or YEAR.match(prev) or prev in {"-", ".", "'", "\u2019"} or
                                 (prev == "s" and j >= 2 and toks[j - 2][2] in {"'", "\u2019"})):
                    j -= 1
                    mods += prev.isalnum()
                    continue
                if head_cap and prev in CONNECTORS and j >= 2 and is_capitalized(toks[j - 2][2]) and prev != "the":
                    j -= 1
                    continue
                if head_cap and prev == "the" and j >= 3 and toks[j - 2][2] in ("of", "for", "on") and \
                        is_capitalized(toks[j - 3][2]):
                    j -= 2   # "Enterprise for the Americas Initiative"
                    continue
                if not head_cap and mods < 2 and _sector_before(toks, j, self.sector_forms):
                    j -= _sector_before(toks, j, self.sector_forms)
                    mods += 2
                    continue
                if not head_cap and (is_acronym(prev) or YEAR.match(prev) or
                                     (prev.isalpha() and prev.islower() and prev not in DROP_LEADING | CONNECTORS
                                      and mods < 2 and j >= 2 and
                                      (is_acronym(toks[j - 2][2]) or YEAR.match(toks[j - 2][2])))):
                    j -= 1
                    mods += 1
                    continue
                break
            # drop leading connectors, punctuation and determiners
            while j < i and (toks[j][2].casefold() in DROP_LEADING | CONNECTORS or not toks[j][2].isalnum()):
                if toks[j][2] == "New" and j + 1 < i and is_capitalized(toks[j + 1][2]):
                    break   # "the New York Declaration", "the New Delhi Declaration": a place's name
                j += 1
            if not head_cap and not (any(is_acronym(toks[k][2]) for k in range(j, i)) or mods >= 2):
                i += 1
                continue
            if not head_cap and self._generic_plural(word):
                i += 1
                continue   # "computer programs", "AML frameworks": a class of things, not an instrument
            # extend right with a complement
            k = i + 1
            if head_cap and k < n and (toks[k][2] in RIGHT_OPENERS or
                                       (toks[k][2].isupper() and toks[k][2].casefold() in RIGHT_OPENERS)):
                # "on the U.S.-Japan Global Partnership"; in a title set in capitals, "OF THE ..."
                r = k + 1
                if r < n and toks[r][2] == "the":
                    r += 1
                last = None
                while r < n and (is_capitalized(toks[r][2]) or toks[r][2].isupper() or toks[r][2] in {"-", ".", "&"} or
                                 _hyphenated(toks, r) or
                                 (toks[r][2] in {"and", "of", "on", "for", "in", "the", "to"} and r + 1 < n and
                                  (is_capitalized(toks[r + 1][2]) or toks[r + 1][2] == "the"))):
                    if doc.breaks(toks[r - 1][1], toks[r][0]):
                        break
                    if toks[r][2] == "and" and self._second_instrument(toks, r + 1):
                        break   # "the ASEAN Agreement on E-commerce and the ASEAN Digital Masterplan": two
                    if toks[r][2] == "." and r + 1 < n and toks[r + 1][0] > toks[r][1] and \
                            is_capitalized(toks[r + 1][2]) and len(toks[r - 1][2]) > 2:
                        break   # "... on the Indo-Pacific. Full ...": a sentence ends
                    if is_capitalized(toks[r][2]) or toks[r][2].isupper() or _hyphenated(toks, r):
                        last = r   # ("the ASEAN Agreement on E-commerce": the word goes on after its hyphen)
                    r += 1
                if last is not None:
                    k = last + 1
            if head_cap and k == i + 1 and k < n and YEAR.match(toks[k][2]) and toks[k][0] == toks[i][1] + 1:
                # "the ASEAN Digital Masterplan 2025", "Work Plan 2021-2025": the years it runs to
                k += 1
                if k + 1 < n and toks[k][2] in ("-", "\u2013") and YEAR.match(toks[k + 1][2]) and \
                        toks[k][0] == toks[k - 1][1] and toks[k + 1][0] == toks[k][1]:
                    k += 2
            year = None
            span_start = j
            while j < i and YEAR.match(toks[j][2]):
                year = toks[j][2]
                j += 1
            words = [t[2] for t in toks[j:k] if t[2].isalnum()]
            if len(words) < 2 or not (head_cap or any(w.isupper() for w in words) or mods >= 2):
                i = k
                continue
            b, e = toks[span_start][0], toks[k - 1][1]
            label = " ".join(text[toks[j][0]:e].split())
            if any(label.casefold().endswith(kind) for kind in self.paper_kinds):
                i = k
                continue   # "the Secretary's Memoranda of Conversation": an archive's paper, no instrument
            if not head_cap and not any(w.isupper() for w in words):
                label = label[0].upper() + label[1:]
            out.append((b, e, label, year, owner_end))
            i = k
        return out


def _sector_forms(lex: Lexicon) -> frozenset[tuple[str, ...]]:
    out = set()
    for e in lex.of_type("sector"):
        for form in e.surface_forms:
            for v in number_variants(form):
                toks = tuple(norm_token(w) for w in v.split())
                if len(toks) <= 2:
                    out.add(toks)
    return frozenset(out)


def _sector_before(toks, j: int, forms) -> int:
    """How many lower-case words before token j name a sector ("semiconductor agreements"), or 0."""
    for n in (2, 1):
        if j - n >= 0:
            words = [toks[k][2] for k in range(j - n, j)]
            if all(w.isalpha() and w.islower() for w in words) and tuple(norm_token(w) for w in words) in forms:
                return n
    return 0


def _hyphenated(toks, r: int) -> bool:
    """Whether token r is the lower-case end of a hyphenated word ("E-commerce")."""
    return r >= 2 and toks[r][2].isalpha() and toks[r - 1][2] == "-" and \
        toks[r - 2][1] == toks[r - 1][0] and toks[r - 1][1] == toks[r][0]


def _verb_offsets(doc) -> set[int]:
    out = set()
    for s in doc.sentences:
        for t in s.sent:
            if t.pos_ == "VERB" and t.tag_ != "VBN":
                out.add(s.tok_begin(t))
    return out


def _title_span(doc) -> tuple[int, int] | None:
    """Where the document's own title stands in its text: a title that names an instrument is the document's."""
    t = doc.doc.title
    if not t:
        return None
    i = doc.text.find(t)
    return (i, i + len(t)) if i >= 0 else None


def _holds(cand, b: int, e: int) -> bool:
    """Whether a candidate name holds [b, e) as a qualifier: inside it, before its head ("G20
    Matera Declaration"), not as its end ("Conclusion of the Uruguay Round" is the Round)."""
    return cand[0] <= b and e < cand[1]


def _only_bodies(cand, toks, names) -> bool:
    """Whether every capitalised word of a candidate lies in a body's name ("EEC framework")."""
    caps = [(b, e) for b, e, w in toks if cand[0] <= b and e <= cand[1] and w[:1].isupper()]
    return bool(caps) and all(any(nb <= b and e <= ne for nb, ne in names) for b, e in caps)
