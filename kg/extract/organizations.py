"""Organisations the gazetteer does not know, and acronyms a document defines.

An organisation's name is a run of capitalised words around a head noun from
the organisation-head vocabulary ("Japan Import Board", "Ministry of
Construction", "Office of the Trade and Investment Ombudsman"); the head says
its kind, and a name joining two states ("Japan-U.S. ...") is a joint body.
"Long Name (ABBR)" and "ABBR (Long Name)" make the abbreviation an alias of the
entity, found wherever the document uses it afterwards.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model.iri import ACTOR, slug
from ..language.lexicon import Lexicon
from ..language.matcher import PhraseMatcher
from ..model import Mention
from ..model.text import is_acronym, is_capitalized, norm
from .base import Enclosing, Findings
from .syntax import mention_root

CONNECT = {"of", "and", "for", "on", "the", "&"}
LEFT_STOP = {"The", "A", "An", "This", "These", "Its", "Their", "Our", "In", "By", "As", "Under",
             "With", "From", "To", "At", "On", "For", "And", "Both", "Each", "Other", "Several"}
ROMAN = re.compile(r"^[IVX]{1,5}$")
ACRONYM_DEF = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z]*[A-Z][A-Z0-9&/.\-]*)\s*\)")


@lru_cache(maxsize=4)
def head_matcher(lex: Lexicon) -> PhraseMatcher[str]:
    pm: PhraseMatcher[str] = PhraseMatcher()
    for e in lex.of_type("orghead"):
        for form in e.surface_forms:
            pm.add(form, e.kind)
    return pm


class Organizations:
    name = "organizations"

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.heads = head_matcher(lexicon)
        self.legal_forms = lexicon.cues("legal-form")
        self.common = frozenset(w.casefold() for typ in ("sector", "issue", "instrument", "orghead")
                                for e in lexicon.of_type(typ) for f in e.surface_forms
                                for w in re.findall(r"[A-Za-z]+", f) if len(w) > 3)
        self.places = frozenset(f.casefold() for e in lexicon.of_type("actor")
                                if e.kind == "Country" or e.metonyms for f in (*e.surface_forms, *e.metonyms)) | \
            frozenset(f.casefold() for e in lexicon.of_type("region") for f in e.surface_forms)
        self.by_name = {}
        for e in lexicon.of_type("actor"):
            for form in e.surface_forms:
                self.by_name.setdefault(norm(form), e)

    def __call__(self, doc, found: Findings) -> None:
        self._named(doc, found)
        self._listed_companies(doc, found)

    def _listed_companies(self, doc, found: Findings) -> None:
        """A name listed among companies is a company: in "top executives of Esso, Mobil,
        Standard Oil of California, Texaco, Gulf and Iricon", two or more conjuncts the gazetteer
        knows as companies, and none that is another kind of actor, make the rest companies too
        (a proper noun alone or with its compounds, no place and no word of the vocabularies)."""
        companies = [x for x in found.of_type("actor") if x.kind == "Company"]
        done: set[int] = set()
        for c in companies:
            s = doc.sentence_at(c.span.begin)
            root = mention_root(s, c.span.begin, c.span.end) if s is not None else None
            if root is None or root.i in done:
                continue
            head = root
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            members = [head] + [t for t in head.subtree if t.dep_ == "conj" and t.head.i in
                                {head.i} | {u.i for u in head.subtree if u.dep_ == "conj"}]
            done |= {t.i for t in members}
            if len(members) < 3:
                continue
            kinds, unknown = [], []
            for t in members:
                b, e = s.tok_begin(t), s.tok_end(t)
                known = [x for x in found.mentions_in(b, e, "actor")] or \
                    [x for x in found.of_type("actor") if x.span.begin <= b and e <= x.span.end]
                if known:
                    kinds.append(known[0].kind)
                    continue
                words = [u for u in t.children if u.dep_ == "compound" and u.i < t.i] + [t]
                if t.pos_ != "PROPN" or any(u.dep_ not in ("compound", "conj", "cc", "punct", "appos")
                                            for u in t.children) or \
                        not all(is_capitalized(u.text) and u.is_alpha for u in words):
                    kinds.append(None)
                    continue
                unknown.append((s.tok_begin(words[0]), e))
            if kinds.count("Company") < 2 or any(k != "Company" for k in kinds) or not unknown:
                continue
            for b, e in unknown:
                label = " ".join(doc.text[b:e].split())
                if label.casefold() in self.places or any(w.casefold() in self.common for w in label.split()):
                    continue
                found.add(Mention("actor", doc.span(b, e), str(ACTOR[slug(label)]), label, "Company", self.name))

    # ------------------------------------------------------------ names with a head noun
    def _named(self, doc, found: Findings) -> None:
        text, toks = doc.text, doc.tokens
        start = doc.doc.body_start
        index = {b: i for i, (b, _, _) in enumerate(toks)}
        headings = [ln.span for ln in doc.lines if ln.heading]
        ends = {x.span.end for x in found.of_type("actor")}
        begins = {x.span.begin for x in found.of_type("actor")}
        bodies = {x.span.begin for x in found.of_type("actor") if x.kind == "InternationalOrganization"}
        for m in self.heads.find(text, toks):
            if m.begin < start or any(h.begin <= m.begin < h.end for h in headings):
                continue   # a section title ("Legal Services") is not an organisation
            if text[m.end:m.end + 1] in ("-", "\u2010", "\u2011"):
                continue   # "Co-Creation", "Co-Chairs": the head word begins a longer word
            i = index[m.begin]
            j = doc.token_at(m.end)  # first token after the head
            kind = m.payloads[0]
            left = i
            while left > 0:
                prev = toks[left - 1][2]
                if doc.breaks(toks[left - 1][1], toks[left][0]):
                    break
                if prev in LEFT_STOP:
                    break
                if prev == "," and left == i and text[m.begin:m.end].casefold() in self.legal_forms and \
                        left >= 2 and is_capitalized(toks[left - 2][2]):
                    left -= 1   # "Consolidated Refineries, Ltd.": the legal form after a comma
                    continue
                if prev == "s" and left >= 2 and toks[left - 2][2] in {"'", "\u2019"}:
                    break   # "China's Ministry of Commerce": the owner is not part of the name
                if is_capitalized(prev) or prev in {"-", ".", "'", "\u2019", "/"} or (
                        prev == "s" and left >= 2 and toks[left - 2][2] in {"'", "\u2019"}):
                    left -= 1
                    continue
                if prev in {"and", "&"} and kind != "Company" and left >= 2 and is_capitalized(toks[left - 2][2]) \
                        and toks[left - 2][1] not in ends:
                    left -= 1   # "Securities and Exchange Commission"; not "Charles Michel and European Commission"
                    continue
                break
            while left < i and (not toks[left][2].isalnum() or ROMAN.match(toks[left][2])):
                left += 1
            right = j
            if j < len(toks) and toks[j][2] in ("of", "for", "on"):
                r = j + 1
                last = None
                while r < len(toks) and (is_capitalized(toks[r][2]) or toks[r][2] in CONNECT | {"-", ".", "in"}):
                    if doc.breaks(toks[r - 1][1], toks[r][0]):
                        break
                    if toks[r][2] in {"and", "&"} and (toks[r - 1][1] in ends or _starts_actor(toks, r + 1, begins)):
                        break   # "the Council of the European Union and the European Parliament" are two
                    if toks[r][2] == "." and len(toks[r - 1][2]) > 2 and toks[r - 1][2].isalpha() and \
                            r + 1 < len(toks) and toks[r + 1][0] > toks[r][1]:
                        break   # "... Economic Cooperation. The United Nations ...": a sentence ends
                    if is_capitalized(toks[r][2]):
                        last = r
                    elif toks[r][2] == "in" and last is not None and r + 1 < len(toks) and \
                            is_capitalized(toks[r + 1][2]) and toks[r + 1][0] not in begins and \
                            toks[r + 1][2].casefold() not in self.places and \
                            _entity_at(doc, toks[r + 1][0]) not in ("GPE", "LOC", "FAC", None):
                        pass   # "Committee on Trade in Goods"; not "... in Geneva", "... in Japan"
                    elif toks[r][2] not in CONNECT and not (toks[r][2] in {"-", "."} and r + 1 < len(toks)
                                                             and is_capitalized(toks[r + 1][2])):
                        break
                    r += 1
                if last is not None:
                    right = last + 1
                if toks[j][2] == "of" and right > j and _starts_actor(toks, j + 1, bodies) and \
                        len([t for t in toks[left:j] if t[2].isalnum()]) >= 2 and \
                        norm(text[toks[left][0]:toks[right - 1][1]]) not in self.by_name:
                    right = j   # "International Development Association of the World Bank": two bodies
            words = [t[2] for t in toks[left:right] if t[2].isalnum()]
            if len(words) < 2:
                continue
            b, e = toks[left][0], toks[right - 1][1]
            label = " ".join(text[b:e].split())
            owner = _owner(found, toks, left)
            if owner is not None and self.by_name.get(norm(f"{label} of {owner.label}")):
                label = f"{label} of {owner.label}"   # the gazetteer's name for that state's body
            inner = found.mentions_in(b, e, "actor")
            if any(x.span.begin == b and x.span.end == e for x in inner):
                continue
            if any(x.span.begin < e and b < x.span.end and not (b <= x.span.begin and x.span.end <= e)
                   for x in found.of_type("actor")):
                continue
            entry = self.by_name.get(norm(label))
            if entry is None and any(x.source == "gazetteer-actors" and x.kind != "Country" and b < x.span.begin
                                     and x.span.begin <= m.begin < x.span.end for x in inner):
                continue   # "EU Co-Chairs European Commission": the known body, after words of no name
            if entry:
                key, label, kind = entry.iri, entry.label, entry.kind
            else:
                countries = {x.key for x in inner if x.kind == "Country"}
                unions = [x for x in inner if x.kind == "InternationalOrganization" and x.source == "gazetteer-actors"
                          and x.span.end <= m.begin]   # before the head: not "Office of United Nations Affairs"
                if (len(countries) >= 2 or unions) and kind == "GovernmentBody":
                    kind = "InternationalOrganization"   # (and "EEC Council of Ministers": a union's body)
                elif len(countries) == 1 and kind == "InternationalOrganization":
                    kind = "GovernmentBody"   # "Export-Import Bank of the United States": one state's body
                key = str(ACTOR[slug(label)])
            # the new, longer name replaces organisations found inside it
            found.keep(lambda x: not (x.type == "actor" and b <= x.span.begin and x.span.end <= e))
            # (a state inside the name, "the ASEAN-Japan Cybersecurity Capacity Building Centre", is
            # the body's, not an actor of the sentence)
            found.add(Mention("actor", doc.span(b, e), key, label, kind, self.name))



class Acronyms:
    """Abbreviations a document defines, found wherever it uses them afterwards; and the short
    names it gives a body once named in full: "the Committee on Development ... the Committee
    shall meet" (the head noun alone, capitalised, stands for the last body of that head)."""
    name = "acronyms"

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.heads = lexicon.cues_longest_first("body-head")

    def __call__(self, doc, found: Findings) -> None:
        self._acronyms(doc, found)
        self._short_names(doc, found)

    def _short_names(self, doc, found: Findings) -> None:
        bodies: dict[str, list[Mention]] = {}
        for m in found.of_type("actor"):
            if m.kind not in ("GovernmentBody", "InternationalOrganization", "Association", "Company"):
                continue
            first = norm(m.label).split(" ")
            for head in self.heads:
                words = head.split()
                if first[:len(words)] == words and len(first) > len(words) + 1:
                    bodies.setdefault(head, []).append(m)
                    break
        if not bodies:
            return
        taken = [(x.span.begin, x.span.end) for x in found.mentions if x.type == "actor"]
        for head, owners in bodies.items():
            if len({o.key for o in owners}) != 1 and not all(o.span.begin < owners[-1].span.begin for o in owners[:-1]):
                continue
            name = " ".join(w.capitalize() for w in head.split())
            pat = re.compile(r"(?<![\w-])(?:[Tt]he\s+)?(" + re.escape(name) + r")(?:['’]s)?(?![\w-])(?!\s+(?:of|on|for)\s+[A-Z])")
            for m in pat.finditer(doc.text, doc.doc.body_start):
                b, e = m.start(1), m.end(1)
                if any(tb <= b < te for tb, te in taken):
                    continue
                before = [o for o in owners if o.span.end <= b]
                keys = {o.key for o in before}
                if len(keys) != 1 and not (not before and len({o.key for o in owners}) == 1):
                    if not before:
                        continue
                owner = before[-1] if before else owners[0]
                found.add(Mention("actor", doc.span(b, e), owner.key, owner.label, owner.kind, self.name))
                taken.append((b, e))

    def _acronyms(self, doc, found: Findings) -> None:
        text = doc.text
        spread: set[tuple[str, str]] = set()   # each acronym is spread over the text once per owner
        for m in ACRONYM_DEF.finditer(text, doc.doc.body_start):
            acr = m["acr"]
            if not is_acronym(acr.replace("/", "").replace("-", "")):
                continue
            owner = None
            for x in found.mentions:
                if x.type in ("actor", "agreement") and 0 <= m.start() - x.span.end <= 2:
                    owner = x
            if owner is None or (acr, owner.key) in spread:
                continue
            spread.add((acr, owner.key))
            self._alias_everywhere(doc, found, acr, owner)

    def _alias_everywhere(self, doc, found: Findings, acr: str, owner: Mention) -> None:
        pat = re.compile(r"(?<![\w-])" + re.escape(acr) + r"(?![\w-])")
        taken = Enclosing((x.span.begin, x.span.end) for x in found.mentions if x.type == owner.type)
        for m in pat.finditer(doc.text, doc.doc.body_start):
            if taken.encloses(m.start(), m.start() + 1):
                continue
            found.add(Mention(owner.type, doc.span(m.start(), m.end()), owner.key, owner.label,
                              owner.kind, self.name))


def _entity_at(doc, offset: int) -> str | None:
    """The model's entity type of the word at `offset` ("GPE" for "Kyoto"; "" for "Goods")."""
    s = doc.sentence_at(offset)
    if s is None:
        return None
    return next((t.ent_type_ for t in s.sent if s.tok_begin(t) == offset), None)


def _starts_actor(toks, r: int, begins: set[int]) -> bool:
    """Whether an actor already found starts at token r, or after a "the" there."""
    if r < len(toks) and toks[r][2] in ("the", "The"):
        r += 1
    return r < len(toks) and toks[r][0] in begins


def _owner(found: Findings, toks, left: int):
    """The country named in a possessive right before token `left` ("China's")."""
    if left >= 2 and toks[left - 1][2] == "s" and toks[left - 2][2] in {"'", "\u2019"}:
        end = toks[left - 2][0]
        for x in found.of_type("actor"):
            if x.kind == "Country" and x.span.end == end:
                return x
    return None


