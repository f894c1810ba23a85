"""The document as a whole: its heading, its genre, who speaks in it, and the instrument it is.

**Heading.** The title of the document's metadata, else its first line that is not a
masthead, web page debris or a classification marking (`kgc:masthead`), a date or
place line, a file number, or a header field other than SUBJECT (whose value is the
title); two short capitalised lines ("CHAPTER 22" / "COMPETITIVENESS AND ...") are one.

**Genre** (`ontology/vocab/genres.ttl`): the genre word that comes first in the heading
("FACT SHEET: ... Joint Statement" is a fact sheet), else the genre the opening sentences
name ("We, the Leaders of ...", "The following is the text of a Joint Statement"), else
how the lines begin (three "Article ..." lines, three cable header fields), else a news
dateline ("WASHINGTON —").

**Issuers**, for a genre that speaks for its issuers as one (declarations, joint
statements, treaties, deals): the actors the heading names as its authors (those before
the genre word or after "of/by/from", not those after "on/about", which are its topic:
"G20 Bali Leaders' Declaration", "Joint Statement by Japan and India"), else those of
the opening's "We, the Leaders of A, B and C" or "The Ministers of A, B and C met", else
the document's principal parties. A person stands for the state they represent. The
collective phrases of the text ("we", "the Leaders", "both sides": `kgc:collective-voice`)
then stand for the issuers: a forum for itself, several states for themselves; three or
more states that no forum name gathers are also one collective actor (kind Group, named
by the text's own list, its members noted). A treaty's parties ("the Parties shall",
"each Party": `kgc:treaty-parties`) are the collective "Parties to <the Agreement>".

**The instrument** the document is: an agreement its heading names, else the one its
opening sentences say was signed or adopted, else, for a declaration or joint statement,
the heading itself as the instrument's name; a treaty text that names itself only "this
Agreement" is an agreement of its own. Its parties are the issuers; an agreement named
in an item under a lead-in that says who made it ("the United States and our IPEF
partners have negotiated ... agreements ...:") is theirs; one the document names without
saying its parties is between the two principal parties of a bilateral text, and of
nobody otherwise.
"""
from __future__ import annotations

import re

from ..model import Mention
from ..model.iri import ACTOR, AGREEMENT, slug
from ..read.dates import parse_date
from ..language.matcher import norm_token
from .agreements import instrument_heads
from .base import Findings, sentence_span
from .syntax import governing, mention_root

HEADING_LINES = 12         # the heading is among the first lines
HEADING_WORDS = 40         # a longer line is prose, not a title
OPENING_SENTENCES = 3      # where a document says who speaks and which instrument it is
LINE_CUES_NEEDED = 3       # lines of a genre's form that decide it
ISSUER_KINDS = {"Country", "InternationalOrganization", "GovernmentBody", "Group"}
GROUP_FROM = 3             # states gathered under one collective name from this many on
OPENING_WE = 6                           # "This week, we – the presidents of ...": "we" among the first words
APPOSITION_MARKS = (",", "\u2013", "\u2014", "-", "--")
def _self_named_pattern(issuers: list[str], statements: list[str]) -> re.Pattern | None:
    """ "<name> Leaders' Joint Statement": a name, a noun of who issues (`kgc:issuer-noun`) and a
    noun of what is issued (`kgc:statement-noun`)."""
    if not issuers or not statements:
        return None
    alt = lambda words: "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)   # noqa: E731
    return re.compile(r"^(?P<name>[^:,;]+?)\s+(?:" + alt(issuers) + r")[’']?\s+(?:joint\s+)?(?:" + alt(statements) + r")\b",
                      re.I)


_NUMBERED = re.compile(r"^\d{1,4}\.\s+")
_FIELD = re.compile(r"^(?P<key>[A-Z][A-Z /.-]{1,24}):\s*(?P<value>.*)$")
_DATELINE = re.compile(r"^[A-Z][A-Z.'/ -]{2,40}(?:,\s*[A-Z][A-Za-z. ]{1,30})?\s*(?:\([A-Za-z ]+\))?\s*[\u2014\u2013-]{1,2}\s")
_THIS_INSTRUMENT = re.compile(r"\b[Tt]his\s+(Agreement|Treaty|Convention|Protocol|Arrangement|Accord|Charter|Pact)\b")
# "Under the joint statement, ...", "under the deal": an instrument named by its kind alone
UNDER_KIND = re.compile(r"\b[Uu]nder\s+(?:the|this)\s+(?P<kind>joint\s+statement|joint\s+declaration|agreement|accord|"
                        r"deal|declaration|arrangement|memorandum\s+of\s+understanding)\b")
_LEADING = re.compile(r"^(?:fact\s*sheet|readout|statement|text)\s*:\s*", re.I)


class Voice:
    name = "voice"

    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.genres = lexicon.of_type("genre")
        self.masthead = lexicon.cues_longest_first("masthead")
        self.collective = lexicon.cues_longest_first("collective-voice")
        self.self_named = _self_named_pattern(lexicon.cues_longest_first("issuer-noun"),
                                              lexicon.cues_longest_first("statement-noun"))
        self.treaty_parties = lexicon.cues_longest_first("treaty-parties")
        self.topic = lexicon.cues("topic-preposition")
        self.adoption = lexicon.cues("adoption")
        self.deal_kinds = lexicon.cues("deal-kind")
        self.issuer_nouns = lexicon.cues_longest_first("issuer-noun")
        self.body_heads = {w for w in lexicon.cues("body-head") if " " not in w}
        self.instrument_heads = instrument_heads(lexicon)   # "agreement(s)", "treaty", "accord" ...
        # the words of an instrument's kind ("joint statement", "declaration"): a name made only
        # of them is no name, but a description, of the document that uses it of itself
        self.kind_words = {w for e in lexicon.of_type("instrument") for f in e.surface_forms
                           for w in f.casefold().split()} | {"joint"}
        # "present the following action plan": an instrument the text announces by its kind
        forms = sorted({f.casefold() for e in lexicon.of_type("instrument") for f in e.surface_forms},
                       key=lambda f: (-len(f), f))
        self.following = re.compile(r"\bthe\s+following\s+(?P<kind>" +
                                    "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms) + r")\b", re.I)

    def __call__(self, doc, found: Findings) -> None:
        heading = self.heading(doc)
        found.heading = heading
        genre = self.genre(doc, heading)
        found.genre = genre.iri if genre else None
        collective = bool(genre and genre.notes.get("collective"))
        treaty = genre is not None and genre.label == "treaty text"
        if collective and not treaty:
            issuers = self.issuers(doc, found, heading)
            if issuers:
                found.voice = issuers   # who pledges when the text says "we"
                found.issuers = self._collective(doc, found, issuers, heading)
                self._forum_members(doc, found, heading)
        if genre is not None and genre.label == "cable" and heading is not None:
            self._host_government(doc, found, heading)
        instrument = self.instrument(doc, found, heading, genre)
        found.instrument = instrument
        if instrument and genre is not None and genre.label in ("declaration", "joint statement"):
            self._self_references(doc, found, instrument)
        self._instruments_referred_to(doc, found, instrument)
        self._instruments_announced(doc, found, instrument)
        if treaty:
            self._joint_bodies(found)
        if treaty and instrument:
            group = self._treaty_parties(doc, found, instrument)
            if group:
                found.voice = [group]
                found.issuers = [group]
        if instrument:
            for key in found.issuers:
                found.note(instrument, "party", key)
            if doc.doc.date:
                found.note(instrument, "date", doc.doc.date)
        self._parties_of_the_lead_in(doc, found)
        self._unnamed_parties(found, instrument)

    # ------------------------------------------------------------------ heading
    def heading(self, doc):
        """The span of the document's title, or None."""
        text = doc.text
        if doc.doc.title:
            i = text.find(doc.doc.title)
            return doc.span(i, i + len(doc.doc.title)) if i >= 0 else None
        lines = doc.lines[:HEADING_LINES]
        for k, ln in enumerate(lines):
            t = ln.text.strip()
            low = t.casefold()
            if any(low.startswith(m) for m in self.masthead) or len(t.split()) > HEADING_WORDS:
                continue
            if not re.search(r"[A-Za-z]{3,}", t) or (parse_date(t) and len(t.split()) <= 8):
                continue   # a file number, a date or a place and date
            field = _FIELD.match(t)
            if field and not any(field["key"].casefold().startswith(c) for g in self.genres for c in g.surface_forms):
                if field["key"].strip() in ("SUBJECT", "SUBJ", "RE") and field["value"].strip():
                    b = ln.span.begin + field.start("value")
                    return doc.span(b, ln.span.end)
                continue
            if t.endswith(".") and len(t.split()) > 12 and not ln.heading:
                return None   # prose: the document has no title of its own
            b = ln.span.begin + (_NUMBERED.match(t).end() if _NUMBERED.match(t) else 0)
            e = ln.span.end
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            if nxt is not None and t.isupper() and len(t.split()) <= 4 and nxt.text.isupper() and \
                    len(nxt.text.split()) <= 12 and text[ln.span.end:nxt.span.begin].count("\n") <= 1:
                e = nxt.span.end   # "CHAPTER 22" over "COMPETITIVENESS AND BUSINESS FACILITATION"
            return doc.span(b, e)
        return None

    # ------------------------------------------------------------------ genre
    def genre(self, doc, heading):
        if heading is not None:
            title = " " + " ".join(heading.text.casefold().split()) + " "
            best = None
            for g in self.genres:
                for cue in g.surface_forms:
                    i = title.find(" " + cue.casefold() + " ") if cue[-1].isalnum() else title.find(" " + cue)
                    if i < 0:
                        i = title.find(" " + cue.casefold() + ":")
                    if i >= 0 and (best is None or (i, -len(cue)) < (best[0], -best[1])):
                        best = (i, len(cue), g)
            if best:
                return best[2]
        opening = " ".join(" ".join(s.span.text.casefold().split()) for s in self._opening(doc, heading))
        named = [(opening.find(cue), -len(cue), g.iri) for g in self.genres for cue in g.notes.get("opening", [])
                 if cue in opening]
        if named:
            return self.lexicon.get(min(named)[2])   # the cue the opening says first
        counts = {}
        for ln in doc.lines:
            low = ln.text.casefold()
            for g in self.genres:
                if any(low.startswith(c) for c in g.notes.get("line", [])):
                    counts[g.iri] = counts.get(g.iri, 0) + 1
        if counts:
            iri, n = max(sorted(counts.items()), key=lambda kv: kv[1])
            if n >= LINE_CUES_NEEDED:
                return self.lexicon.get(iri)
        first = self._opening(doc, heading)[:1]
        if first and _DATELINE.match(first[0].span.text):
            return next((g for g in self.genres if g.label == "news"), None)
        return None

    def _opening(self, doc, heading) -> list:
        after = heading.end if heading is not None else doc.doc.body_start
        return [s for s in doc.sentences if s.span.begin >= after and len(s.span.text.split()) > 6][:OPENING_SENTENCES]

    # ------------------------------------------------------------------ issuers
    def issuers(self, doc, found: Findings, heading) -> list[str]:
        if heading is not None:
            named = self._authors_in(doc, found, heading.begin, heading.end, heading=True)
            if named:
                return named
        for s in self._opening(doc, heading):
            span = self._opening_subject(s)
            if span is not None:
                named = self._authors_in(doc, found, *span)
                if named:
                    return named
        return list(found.parties)

    def _authors_in(self, doc, found: Findings, begin: int, end: int, heading: bool = False) -> list[str]:
        """The actors named in [begin, end) as authors: not after a topic preposition."""
        out = []
        text = doc.text
        for m in found.mentions_in(begin, end, "actor"):
            before = text[begin:m.span.begin].casefold()
            words = re.findall(r"[\w’']+", before)
            if heading and any(w in self.topic for w in words):
                cut = max(i for i, w in enumerate(words) if w in self.topic)
                if not any(w in ("of", "by", "from") for w in words[cut + 1:]):
                    continue   # "Statement on Ukraine": the topic
            keys = [m.key]
            if m.kind == "Person":
                keys = sorted(found.attrs.get(m.key, {}).get("represents", ()))
            elif m.kind not in ISSUER_KINDS:
                continue
            out.extend(k for k in keys if found.kind(k) in ISSUER_KINDS or found.kind(k) is None)
        out = list(dict.fromkeys(out))
        sovereign = [k for k in out if found.kind(k) in ("Country", "InternationalOrganization")]
        return sovereign or out   # "the Ministers of Finance of France, ...": the states, not their offices

    @staticmethod
    def _opening_subject(s) -> tuple[int, int] | None:
        """Where an opening names who speaks: the apposition of "We, the Leaders of A, B and C," or
        the subject of "The Ministers of A, B and C met"."""
        toks = list(s.sent)
        # "we" among the first words, or after an opening phrase as the subject of the sentence
        # with an apposition ("Having gathered virtually ..., we the Ministers of A, B and C recognize")
        late = [t for t in toks[OPENING_WE:] if t.lower_ == "we" and t.dep_ == "nsubj" and t.head.dep_ == "ROOT"
                and any(c.dep_ == "appos" for c in t.children)]
        for t in toks[:OPENING_WE] + late[:1]:
            if t.lower_ == "we":
                apps = [c for c in t.children if c.dep_ == "appos"]
                if apps:
                    sub = list(apps[0].subtree)
                    return s.tok_begin(sub[0]), s.tok_end(sub[-1])
                if t.i + 1 < len(t.doc) and t.nbor().text in APPOSITION_MARKS:
                    # "We, the leaders of X, Y and Z, met"; "This week, we – the presidents of X, Y and Z – met"
                    verb = next((x for x in toks if x.i > t.i and x.pos_ in ("VERB", "AUX") and x.dep_ == "ROOT"), None)
                    if verb is not None:
                        return s.tok_begin(t.nbor()), s.tok_begin(verb)
        root = next((t for t in toks if t.dep_ == "ROOT"), None)
        if root is not None and root.lemma_ in ("meet", "gather", "convene", "assemble", "hold", "issue", "adopt"):
            subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].lemma_.casefold() in ("leader", "minister", "head", "governor", "president",
                                                       "representative", "government", "delegation"):
                sub = list(subj[0].subtree)
                return s.tok_begin(sub[0]), s.tok_end(sub[-1])
        return None

    def _forum_members(self, doc, found: Findings, heading) -> None:
        """The members of a forum that issues the document: those the gazetteer knows
        (ontology/gazetteer/memberships.ttl), else the states its opening lists ("quadrilateral
        cooperation between Australia, India, Japan, and the United States")."""
        for forum in found.issuers:
            if found.kind(forum) != "InternationalOrganization":
                continue
            members = self.lexicon.members(forum)
            if not members:
                for s in self._opening(doc, heading)[:1]:
                    listed = list(dict.fromkeys(m.key for m in found.mentions_in(s.span.begin, s.span.end, "actor")
                                                if m.kind == "Country"))
                    members = listed if len(listed) >= 2 else []
            for m in members:
                found.note(m, "member", forum)

    def _collective(self, doc, found: Findings, issuers: list[str], heading) -> list[str]:
        """Three or more states with no forum among them: one collective actor named by the
        text's own list, with them as members; or by the body the heading says the speakers are
        of ("Joint Statement of the Ministers and Representatives from the Counter Ransomware
        Initiative Meeting"), a forum of its own whose members they are."""
        forum = self._forum_of_heading(doc, found, heading) if len(issuers) >= GROUP_FROM else None
        if forum is not None:
            b, e = forum
            label = " ".join(doc.text[b:e].split())
            key = str(ACTOR[slug(label)])
            for m in found.mentions_in(b, e, "agreement"):
                found.remove(m)   # an initiative that speaks is a body, not an instrument
            found.add(Mention("actor", doc.span(b, e), key, label, "InternationalOrganization", self.name))
            for k in issuers:
                found.note(k, "member", key)
            return [key]
        states = [k for k in issuers if found.kind(k) == "Country"]
        if len(states) < GROUP_FROM or len(states) != len(issuers):
            return issuers
        where = self._list_span(doc, found, states, heading)
        if where is None:
            return issuers
        label = " ".join(doc.text[where[0]:where[1]].split())
        named = self._self_named(doc, found, heading)
        if named is not None:
            where, label = named, " ".join(doc.text[named[0]:named[1]].split())   # "C5+1 Leaders' Joint Statement"
        key = str(ACTOR[slug(label)])
        found.add(Mention("actor", doc.span(*where), key, label, "Group", self.name))
        for k in states:
            found.note(k, "member", key)
        return [key]

    def _forum_of_heading(self, doc, found: Findings, heading) -> tuple[int, int] | None:
        """Where a statement's heading names the body its speakers come from: "... of the Ministers
        and Representatives from the Counter Ransomware Initiative Meeting" (officials, then "from"
        or "of the", then a capitalised name ending in a body's head noun, `kgc:body-head`, that
        names no actor the text has)."""
        if heading is None:
            return None
        text = doc.text[heading.begin:heading.end]
        officials = "|".join(r"\s+".join(map(re.escape, w.split())) for w in self.issuer_nouns)
        m = re.search(r"\b(?i:" + officials + r")(?:\s+and\s+\w+)?\s+(?:from|of)\s+the\s+"
                      r"(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,5})", text)
        if m is None:
            return None
        words = m["name"].split()
        ends = [i for i, w in enumerate(words) if w.casefold() in self.body_heads]
        if not ends:
            return None
        b = heading.begin + m.start("name")
        e = b + len(" ".join(words[:ends[-1] + 1]))
        if found.mentions_in(b, e, "actor"):
            return None
        return b, e

    def _self_named(self, doc, found: Findings, heading) -> tuple[int, int] | None:
        """Where a title names its issuers as a body the gazetteer does not know: "C5+1 Leaders'
        Joint Statement", "Mekong-U.S. Partnership Ministers' Statement" (a name of one to four
        words before "Leaders'", "Ministers'" ... that names no actor the text has)."""
        if heading is None:
            return None
        m = self.self_named.match(doc.text[heading.begin:heading.end]) if self.self_named else None
        if m is None or len(m["name"].split()) > 4 or not re.search(r"[A-Z]", m["name"]):
            return None
        b, e = heading.begin + m.start("name"), heading.begin + m.end("name")
        if found.mentions_in(b, e, "actor"):
            return None
        return b, e

    @staticmethod
    def _list_span(doc, found: Findings, states: list[str], heading) -> tuple[int, int] | None:
        """The first stretch of text that lists exactly these states ("Japan, the Philippines,
        and the United States"), from the heading on."""
        ms = [m for m in found.of_type("actor") if m.key in states]
        ms.sort(key=lambda m: m.span.begin)
        for i in range(len(ms)):
            seen, j = set(), i
            while j < len(ms) and (j == i or re.fullmatch(r"[\s,]*(?:and|&)?[\s]*(?:the\s+)?",
                                                          doc.text[ms[j - 1].span.end:ms[j].span.begin])):
                seen.add(ms[j].key)
                j += 1
            if seen == set(states):
                b = ms[i].span.begin
                if doc.text[max(0, b - 4):b].casefold() == "the ":
                    b -= 4
                return b, ms[j - 1].span.end
        return None

    # ------------------------------------------------------------------ the instrument
    def instrument(self, doc, found: Findings, heading, genre) -> str | None:
        if heading is not None:
            best = None
            for m in found.mentions_in(heading.begin, heading.end, "agreement"):
                if best is None or len(m.label) > len(best.label):
                    best = m
            if best and genre is not None and genre.label in ("declaration", "joint statement"):
                best = self._whole_heading(doc, found, heading, best)
            if best:
                return best.key
        for s in self._opening(doc, heading):
            for m in found.mentions_in(s.span.begin, s.span.end, "agreement"):
                root = mention_root(s, m.span.begin, m.span.end)
                verb = governing(root).head if root is not None else None
                if verb is not None and governing(root).dep_ in ("dobj", "nsubjpass") and \
                        verb.lemma_.lower() in self.adoption:
                    return m.key
        if genre is None:
            return None
        if genre.label in ("declaration", "joint statement") and heading is not None:
            label = " ".join(_LEADING.sub("", heading.text).split())
            if not label:
                return None
            key = str(AGREEMENT[slug(label)])
            lead = _LEADING.match(heading.text)
            found.add(Mention("agreement", doc.span(heading.begin + (lead.end() if lead else 0), heading.end),
                              key, label, None, self.name))
            for sent in self._opening(doc, heading):   # "The following is the text of a Joint Statement by ..."
                for m in found.mentions_in(sent.span.begin, sent.span.end, "agreement"):
                    if m.key != key and set(m.label.casefold().split()) <= self.kind_words:
                        found.remove(m)
                        found.add(Mention("agreement", m.span, key, label, None, self.name))
            return key
        if genre.label == "treaty text":
            this = list(_THIS_INSTRUMENT.finditer(doc.text, doc.doc.body_start))
            if not this:
                return None
            named = [m for m in found.of_type("agreement")
                     if any(m.span.begin <= t.start(1) < m.span.end for t in this)]
            if named:
                return named[0].key
            kind = this[0].group(1)
            where = " ".join(heading.text.split()) if heading is not None else doc.doc.name
            label = f"the {kind} ({where})"
            key = str(AGREEMENT[slug(f"{doc.doc.name.rsplit('.', 1)[0]} {kind}")])
            for t in this:
                found.add(Mention("agreement", doc.span(t.start(), t.end()), key, label, None, self.name))
            return key
        return None

    def _whole_heading(self, doc, found: Findings, heading, best):
        """A statement's name that its heading goes on with who issued it: "Joint Statement of the
        Ministers and Representatives from the Counter Ransomware Initiative Meeting October 2021"
        is the name of the document's instrument whole, not up to "Representatives"."""
        lead = _LEADING.match(heading.text)
        start = heading.begin + (lead.end() if lead else 0)
        rest = doc.text[best.span.end:heading.end]
        if best.span.begin != start or not re.match(r"\s+(?:from|by|at)\s+\S", rest):
            return best
        label = " ".join(doc.text[start:heading.end].split())
        key = str(AGREEMENT[slug(label)])
        found.remove(best)
        m = Mention("agreement", doc.span(start, heading.end), key, label, None, self.name)
        found.add(m)
        return m

    def _self_references(self, doc, found: Findings, instrument: str) -> None:
        """ "The implementation of this Joint Statement": a name made only of the words of an
        instrument's kind, after "this", is the document's own instrument, where the document's
        is of that kind (its head noun is in the instrument's name)."""
        label = found.label(instrument)
        own = set(re.findall(r"\w+", label.casefold()))
        for m in list(found.of_type("agreement")):
            words = m.label.casefold().split()
            if m.key == instrument or not set(words) <= self.kind_words:
                continue
            head = words[0] if words[1:2] == ["of"] else words[-1]
            if head not in own:
                continue   # "this Plan of Action" of a declaration: another instrument, of another kind
            if re.search(r"\b(?:this|the\s+present)\s+$", doc.text[max(0, m.span.begin - 12):m.span.begin], re.I):
                found.remove(m)
                found.add(Mention("agreement", m.span, instrument, label, None, self.name))

    def _instruments_referred_to(self, doc, found: Findings, instrument: str | None) -> None:
        """"Under the joint statement, the two sides undertake ...": an instrument the text refers
        to by its kind alone is the one of that kind it last named (or the document's own), else
        one of its own, named by its kind, that only this document speaks of."""
        for m in UNDER_KIND.finditer(doc.text, doc.doc.body_start):
            b, e = m.start("kind"), m.end("kind")
            if found.mentions_in(b, e, "agreement"):
                continue
            kind = " ".join(m["kind"].casefold().split())
            kinds = self.deal_kinds if kind in self.deal_kinds else {kind}   # a deal is named as an agreement
            of_kind = [a for a in found.of_type("agreement") if a.source != self.name and
                       any(k in a.label.casefold() for k in kinds)]
            named = [a for a in of_kind if a.span.end <= b]
            later = list(dict.fromkeys(a.key for a in of_kind if a.span.begin >= e))
            if named:
                key, label = named[-1].key, named[-1].label
            elif len(later) == 1 and not (instrument and kind in found.label(instrument).casefold()):
                # "Under this deal, ..." before "the key terms of the U.S.-Indonesia Agreement on
                # Reciprocal Trade": the one instrument of the kind the text goes on to name
                key = later[0]
                label = next(a.label for a in of_kind if a.key == key)
            else:
                key, label = self._of_its_kind(doc, found, instrument, kind)
            found.add(Mention("agreement", doc.span(b, e), key, label, None, self.name))

    def _instruments_announced(self, doc, found: Findings, instrument: str | None) -> None:
        """"The Ministers present the following action plan, which both governments have adopted":
        an instrument announced by its kind, as what a verb of adoption adopts, is the one the
        text goes on to set out (the document's own where it is of that kind). Its parties are
        the document's, its date the document's; the pledges after it are made in it."""
        for m in self.following.finditer(doc.text, doc.doc.body_start):
            b, e = m.start("kind"), m.end("kind")
            if found.mentions_in(b, e, "agreement"):
                continue
            s = doc.sentence_at(b)
            root = mention_root(s, b, e) if s is not None else None
            head = governing(root) if root is not None else None
            if head is None or head.dep_ not in ("dobj", "nsubjpass", "pobj") or \
                    head.head.lemma_.lower() not in self.adoption:
                continue
            kind = " ".join(m["kind"].casefold().split())
            key, label = self._of_its_kind(doc, found, instrument, kind)
            if key != instrument:
                for party in found.issuers:
                    found.note(key, "party", party)
            found.add(Mention("agreement", doc.span(b, e), key, label, None, self.name))

    @staticmethod
    def _of_its_kind(doc, found: Findings, instrument: str | None, kind: str) -> tuple[str, str]:
        """(key, label) of the instrument a text names by its `kind` alone: the document's own
        where it is of that kind, else one of this document's, of its day, whose parties are the
        document's (`_unnamed_parties`)."""
        if instrument and kind in found.label(instrument).casefold():
            return instrument, found.label(instrument)
        key = str(AGREEMENT[slug(f"{doc.doc.name.rsplit('.', 1)[0]} {kind}")])
        if key not in found.partyless:
            found.partyless.append(key)
        if doc.doc.date:
            found.note(key, "date", doc.doc.date)   # known from this document only: of its day
        return key, kind[:1].upper() + kind[1:]

    @staticmethod
    def _host_government(doc, found: Findings, heading) -> None:
        """In a telegram "From the Embassy in Argentina", "the Government" is the host state's:
        each bare "Government" (not "the Government of X", not one a state's name qualifies) is a
        mention of that state."""
        at = re.search(r"\bEmbassy\s+in\s+", heading.text)
        if at is None:
            return
        host = next((m for m in found.mentions_in(heading.begin + at.end(), heading.end, "actor")
                     if m.kind == "Country" and m.span.begin == heading.begin + at.end()), None)
        if host is None:
            return
        qualified = {m.span.end for m in found.of_type("actor")}
        for g in re.finditer(r"(?<![\w-])Government(?!\s+of\b)(?![\w-])", doc.text):
            if g.start() < doc.doc.body_start or found.mentions_in(g.start(), g.end(), "actor"):
                continue
            before = doc.text[max(0, g.start() - 12):g.start()]
            if g.start() - 1 in qualified or re.search(r"\b(?:US|U\.S\.|our|this|my|his|their)\s+$", before, re.I):
                continue   # "US Government", "this Government": another's, or the writer's own
            found.add(Mention("actor", doc.span(g.start(), g.end()), host.key, host.label, "Country", "voice"))

    @staticmethod
    def _joint_bodies(found: Findings) -> None:
        """A body a treaty text names without naming a state in its name ("the Committee on
        Development") is one its parties hold together: an international organisation, not a
        government's body."""
        countries = [m for m in found.of_type("actor") if m.kind == "Country"]
        for m in found.of_type("actor"):
            if m.kind != "GovernmentBody" or m.source == "gazetteer-actors":
                continue
            if any(c.span.begin >= m.span.begin and c.span.end <= m.span.end for c in countries):
                continue
            m.kind = "InternationalOrganization"
            t, label, _ = found.labels.get(m.key, ("actor", m.label, None))
            found.labels[m.key] = (t, label, "InternationalOrganization")

    def _treaty_parties(self, doc, found: Findings, instrument: str) -> str | None:
        """The collective a treaty binds, "Parties to <the Agreement>", at each phrase naming them."""
        label = "Parties to " + re.sub(r"^the ", "the ", found.label(instrument))
        key = str(ACTOR[slug("parties to " + instrument.rsplit("/", 1)[-1])])
        pat = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in self.treaty_parties) + r")(?![\w-])", re.I)
        added = 0
        for m in pat.finditer(doc.text, doc.doc.body_start):
            if re.search(r"[A-Z]\w* of\s+$", doc.text[max(0, m.start() - 30):m.start()]):
                continue   # "Conference of the Parties": a name of its own
            found.add(Mention("actor", doc.span(m.start(), m.end()), key, label, "Group", self.name))
            added += 1
        if not added:
            return None
        for p in found.attrs.get(instrument, {}).get("party", ()):
            if found.kind(p) == "Country":
                found.note(p, "member", key)
        return key

    def _parties_of_the_lead_in(self, doc, found: Findings) -> None:
        """An agreement named in an item under a lead-in that says who made it ("In record time,
        the United States and our IPEF partners have negotiated first-of-their-kind agreements to
        help achieve these goals:", then "- The IPEF Supply Chain Agreement will help ...") is
        between the subjects of that lead-in's verb of making (`kgc:adoption`, "negotiate")."""
        lead_parties: list[str] = []
        lead_level = -1
        for line in doc.lines:
            if line.span.end <= doc.doc.body_start:
                continue
            if line.level <= lead_level or line.heading:
                lead_parties, lead_level = [], -1
            if line.lead_in:
                makers = self._makers(doc, found, line)
                if makers:
                    lead_parties, lead_level = makers, line.level
                continue
            if not lead_parties or line.level <= lead_level:
                continue
            for m in found.mentions_in(line.span.begin, line.span.end, "agreement"):
                if m.key in found.partyless and not found.attrs.get(m.key, {}).get("party"):
                    for party in lead_parties:
                        found.note(m.key, "party", party, sentence_span(doc, line.span.begin, line.span.end))

    def _makers(self, doc, found: Findings, line) -> list[str]:
        """The actors that are the subject of a verb of making agreements in a lead-in line."""
        s = doc.sentence_at(max(line.span.begin, line.span.end - 2))
        if s is None:
            return []
        out = []
        for m in found.mentions_in(s.span.begin, s.span.end, "actor"):
            root = mention_root(s, m.span.begin, m.span.end)
            if root is None:
                continue
            head = root
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head   # "the United States and our IPEF partners"
            verb = head.head
            if head.dep_ == "nsubj" and verb.lemma_.lower() in self.adoption and \
                    any(c.dep_ == "dobj" and norm_token(c.text) in self.instrument_heads for c in verb.children):
                out.append(m.key)
        return list(dict.fromkeys(out))

    @staticmethod
    def _unnamed_parties(found: Findings, instrument: str | None) -> None:
        """An agreement the document names without its parties is, failing better evidence,
        between the states the document is between; not in a text whose issuers are others
        (a forum's declaration that names a treaty does not make the states it mentions its
        parties)."""
        if found.voice and found.voice != found.parties:
            return
        for key in found.partyless:
            if key != instrument and not found.attrs.get(key, {}).get("party"):
                for party in found.parties:
                    found.note(key, "party", party)
