"""Pledges: statements in which actors commit to a future action or outcome.

A unit (a sentence, a clause of a list after "pledge to:", a bullet) is a
pledge when it carries commitment language: a modal of commitment ("will",
"shall"), "is to", a commitment verb ("pledge", "undertake", "resolve to",
"intend to", "agree to", "decided to"), or, in a list, an action verb opening
the bullet ("Promote ...", "Strengthen ...") or a bullet under a committing
lead-in ("will further strengthen such efforts as:").

Who pledges: the actors that are the subject of the unit; "the two
governments", "both nations", "they" stand for the document's parties (or the
subject of the sentence before); a bullet without a subject inherits the
actors of its lead-in ("The Japanese government:"), else of its heading
("Action by the Japanese Side"), else the document's parties.

The instrument: the agreement the document is (its title), until a sentence
refers to another as "this <agreement>"; the pledge's sectors and issues are
those named in it, else those of its heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Amount, Pledge, Span
from .agreements import instrument_heads
from .base import Findings
from .syntax import clause_verb, governing, in_hyphenated_word, is_subject, mention_root

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
PAST_TAGS = {"VBD", "VBN"}
FINITE_TAGS = {"VBZ", "VBP", "VBD", "MD"}
AMOUNT = re.compile(
    r"(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>million|billion|trillion)?\s*"
    r"(?P<unit>dollars|yen|euros?|SDRs|percent|per cent|%)", re.I)
MONEY = re.compile(r"(?P<cur>\$|US\$|\u00a5|\u20ac)\s?(?P<num>\d[\d,]*(?:\.\d+)?)(?:[\s-]*(?P<scale>million|billion|trillion))?", re.I)
TARGET_YEAR = re.compile(r"\b(?:FY\s?|by (?:the end of )?(?:(?:fiscal|calendar) )?(?:year )?|in |until |through )"
                         r"(?:[A-Z][a-z]+,? )?(?P<year>(?:19|20)\d\d)\b")
UNITS = {"dollars": "USD", "$": "USD", "us$": "USD", "yen": "JPY", "\u00a5": "JPY", "euro": "EUR",
         "euros": "EUR", "\u20ac": "EUR", "sdrs": "SDR", "percent": "percent", "per cent": "percent",
         "%": "percent"}
SCALE = {None: 1, "million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12}


@dataclass
class Context:
    """What a line hands on to the lines under it."""
    level: int
    actors: list[str]
    committed: bool
    sectors: list[str] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    strength: str | None = None   # of the lead-in's own commitment ("The Committee shall:")


class Pledges:
    name = "pledges"

    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.commitment = lexicon.cues("commitment")
        self.modal = lexicon.cues("modal")
        self.action = lexicon.cues("action")
        self.non_commitment = lexicon.cues("non-commitment")
        self.non_commitment_object = lexicon.cues("non-commitment-object")
        self.performative = lexicon.cues("commitment-performative")
        self.reaffirmation = lexicon.cues("reaffirmation")
        self.non_committing = lexicon.cues("non-committing-modal")
        self.appeal = lexicon.cues("appeal")
        self.intention = lexicon.cues("intention")
        self.subordinating = lexicon.cues("subordinating")
        self.participles = lexicon.cues("commitment-participle")
        self.objects_lead = re.compile(r"\b(?:%s)\s*:\s*$" % "|".join(
            re.escape(w) for w in sorted(lexicon.cues("objects-lead"), key=lambda w: (-len(w), w))), re.I)
        self.infinitive_only = lexicon.cues("aspiration-with-act")
        # their inflected forms too: the lemmatizer reads "hoped" as a form of "hop"
        self.form_base = {f: w for w in sorted(self.infinitive_only) for f in _inflections(w)}
        self.infinitive_forms = frozenset(self.form_base)
        self.joint = lexicon.cues_longest_first("joint-subject")
        self.collective = lexicon.cues_longest_first("collective-voice", "treaty-parties")
        self.agents = lexicon.cues("agent-noun")
        self.strengths = {w: e.label for e in lexicon.of_type("strength") for w in e.aliases}
        self.instrument_heads = instrument_heads(lexicon)
        self.agency = lexicon.cues("agency")
        self.adoption = lexicon.cues("adoption")
        self.reported_modal = lexicon.cues("reported-modal")
        self.passive_only = lexicon.cues("commitment-passive")
        self.demand = lexicon.cues("demand")
        self.enabling = lexicon.cues("enabling-verb")
        self.boilerplate = lexicon.cues("boilerplate")
        self.permission = lexicon.cues("permission-modal")
        self.now = lexicon.cues("present-act-time")
        self.effort_nouns = lexicon.cues("effort-noun")
        self.content_verbs = lexicon.cues("content-verb")
        self.prohibiting = lexicon.cues("prohibiting-determiner")

    # ------------------------------------------------------------------ driver
    def __call__(self, doc, found: Findings) -> None:
        self.parties = list(found.parties)
        self.voice = list(found.voice)
        self.archive = found.archive
        self.orator = self._orator(found)
        agreement = found.instrument
        heading: Context | None = None
        leads: list[tuple[object, Context]] = []   # (line, context) of open lead-ins
        by_line: dict[int, list] = {}
        for s in doc.sentences:
            by_line.setdefault(s.line, []).append(s)
        prev_subject: list[str] = []
        for li, line in enumerate(doc.lines):
            if line.span.end <= doc.doc.body_start:
                continue
            if line.heading:
                heading = Context(0, self._heading_actors(doc, found, line.span), False,
                                  self._keys(found, line.span, "sector"), self._keys(found, line.span, "issue"))
                leads = []
                continue
            leads = [(ln, c) for ln, c in leads if _under(line, ln)]
            lead = leads[-1][1] if leads else None
            line_actors: list[str] = []
            last_actors: list[str] = []   # the subject of the line's last sentence: the one a colon ends
            line_committed = False
            for s in by_line.get(li, []):
                last_actors = []
                agreement = self._refers_to_agreement(doc, found, s.span) or agreement
                within = self._under_agreement(doc, found, s.span) or agreement   # this sentence's only
                first_by: list[str] = []
                first_committed = False
                speaker = found.speakers.get(li)
                title = found.heading
                if title is not None and title.begin <= s.span.begin and s.span.end <= title.end and \
                        not title.text.rstrip().endswith((".", "!", "?")):
                    continue   # the document's own title ("Address by President Carter Before ..."), not
                    # a first line that is a sentence ("Japan will open its market to rice by 1995.")
                for n, (unit, toks) in enumerate(self._units(doc, s)):
                    self.phrase, self.elsewhere = None, False
                    own = self._subject_actors(doc, found, unit, toks, prev_subject)
                    if not own and (speaker or self.orator) and \
                            any(t.lower_ in ("i", "my") and t.dep_ in SUBJECT_DEPS | {"poss"} for t in toks):
                        own = [speaker or self.orator]   # "I am aiming ..." in a transcript: the speaker
                        # commits; in a speech, whom its title names ("I will work to ensure ...")
                    committed = self._commits(toks, line, lead, first=(unit.begin == line.span.begin))
                    if n == 0:
                        first_committed, first_by = committed, own
                    elif not own and first_committed and not self._opens_new_clause(toks) and \
                            not self._appeals(toks) and not self._holds_view(toks) and self._acts(toks) and \
                            not any(t.tag_ == "MD" and t.lower_ in self.non_committing for t in toks):
                        committed, own = True, first_by   # (not "..., and may vary from one nation to the next")
                    if n == 0 and s is by_line[li][0] and not own and lead and lead.actors:
                        line_actors = lead.actors   # the line goes on with its lead-in's subject
                    if own:
                        prev_subject = own
                        line_actors = line_actors or own
                        last_actors = last_actors or own
                    line_committed = line_committed or committed
                    if not committed or unit.text.rstrip().endswith("?"):
                        continue
                    if self.elsewhere:
                        continue   # its subject stands for something the pronoun's antecedent names
                    if not own and self._predicts(doc, found, unit, toks):
                        if n == 0:
                            first_committed = False   # nor do the clauses that go on with it
                        continue   # "our collaboration will create a level playing field": a forecast
                    if line.lead_in and unit.end >= line.span.end - 1 and len(toks) >= 2 and \
                            ((toks[-1].lower_ == "to" and toks[-2].lemma_.lower() in self.commitment) or
                             (toks[-1].tag_ == "MD" and toks[-1].lower_ in self.modal)):
                        continue   # "Both nations pledge to:", "The two sides will:" introduce the pledges that follow
                    by = own or (lead.actors if lead and lead.actors else []) or \
                        (heading.actors if heading and heading.actors else []) or self.voice or self.parties
                    if not by:
                        continue  # a commitment nobody can be named for is not attributed
                    sectors = self._keys(found, unit, "sector") or \
                        (lead.sectors if lead else []) or (heading.sectors if heading else [])
                    issues = self._keys(found, unit, "issue") or \
                        (lead.issues if lead else []) or (heading.issues if heading else [])
                    found.pledges.append(Pledge(
                        doc=doc.doc.name, span=unit, by=list(dict.fromkeys(by)), sectors=sectors,
                        issues=issues, agreement=within, amounts=amounts(doc, unit),
                        target_years=target_years(unit.text),
                        strength=self._strength(toks) or (lead.strength if lead else None) or "commitment",
                        voice=self.phrase if own and own == self.voice else None))
            if line.text.rstrip().endswith(":"):
                if by_line.get(li) and self._may_only(by_line[li][-1]):
                    line_committed = False   # "These joint activities may include:" lists what may be done
                actors = last_actors or line_actors or (lead.actors if lead else []) or []
                # what the list is about is said where the lead-in starts, not in its asides
                topic = by_line[li][0].span if by_line.get(li) else line.span
                leads.append((line, Context(line.level, actors, line_committed or self._announces(by_line.get(li, [])),
                                            self._keys(found, topic, "sector"),
                                            self._keys(found, topic, "issue"),
                                            self._strength([t for s in by_line.get(li, []) for t in s.sent]))))

    def _modal_commits(self, toks, k: int, t) -> bool:
        """'will' or 'shall' with an action: not a prediction ('will be necessary') nor a subordinate clause."""
        verb = t.head
        if not _clause_ok(verb, toks):
            return False
        if verb.lemma_.lower() in self.non_commitment:
            return False   # "the Embassy will recall that ...": a thought, not an act
        if verb.lemma_.lower() in self.appeal or (verb.lemma_.lower() in self.demand and
                                                  any(c.lower_ == "for" for c in verb.children)):
            return False   # "will press for their removal", "will call on X to": a demand of others (a stance)
        if verb.lemma_ == "be":
            nxt = [x for x in toks[k + 1:k + 4] if x.is_alpha and x.lower_ not in ("not", "also", "be")]
            return bool(nxt) and nxt[0].tag_ == "VBN"     # "will be expanded", not "will be necessary"
        if _undergoes(verb):
            return False
        if verb.i < t.i:
            return False
        return True

    def _governed_by_commitment(self, t) -> bool:
        """Whether the verb a gerund depends on commits ("we are committed to ensuring", "will
        continue ensuring", "agreed on expanding"), rather than tells ("the steps include ensuring")."""
        seen = 0
        while t.dep_ in ("conj", "dobj", "pcomp", "pobj", "prep", "xcomp", "advcl", "acl", "appos") and seen < 8:
            t, seen = t.head, seen + 1
            if t.pos_ in ("VERB", "AUX", "ADJ") and t.tag_ != "VBG":
                break
        lemma = t.lemma_.lower()
        if lemma in self.commitment or t.lower_ in self.commitment or \
                any(c.tag_ == "MD" and c.lower_ in self.modal for c in t.children):
            return True
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        # "The EU and Japan signed a Green Alliance, committing ...": an actor's act goes on with the
        # gerund; "These basic steps include ... ensuring ...": a thing's content does not
        return not subj or subj[0].pos_ != "NOUN" or subj[0].lemma_.lower() in self.agency

    def _preamble(self, words) -> bool:
        """Whether a clause opens as a preambular paragraph of a view: a participle in capitals of a
        verb of no commitment ("RECOGNISING", "FURTHER RECALLING", "NOTING"); not "REAFFIRMING
        commitment to support ...", which `_commits` reads as any reaffirmation."""
        for w in words[:2]:
            text = w.text
            if not (text.isupper() and len(text) > 4):
                return False
            if text.endswith("ING"):
                base = text[:-3].lower()
                return bool({base, base + "e"} & self.non_commitment)
        return False

    def _acts_now(self, t, toks) -> bool:
        """An act of the speakers' own said as done now: "we" as the subject of a verb of action in
        the present, progressive ("we are launching", "we are taking steps") or said with a word of
        now ("Today, we launch discussions")."""
        if t.pos_ != "VERB" or t.lemma_.lower() not in self.action or t.tag_ not in ("VBP", "VBG"):
            return False
        if not any(c.dep_ == "nsubj" and c.lower_ == "we" for c in t.children):
            return False
        if any(c.dep_ == "neg" for c in t.children):
            return False
        if t.tag_ == "VBG":
            return any(c.dep_ == "aux" and c.lemma_ == "be" for c in t.children)
        text = " ".join(x.lower_ for x in toks)
        return any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text) for w in self.now)

    def _prohibits(self, t) -> bool:
        """Whether a modal of permission is denied to its subject: "Neither Party may", "No Party
        may", "A Party may not"."""
        if t.tag_ != "MD" or t.lower_ not in self.permission:
            return False
        verb = t.head
        if verb.pos_ != "VERB" or verb.lemma_ == "be" or verb.lemma_.lower() in self.non_commitment:
            return False   # "priorities ... may not always be clear": a state of affairs, no act denied
        if any(c.dep_ == "neg" for c in verb.children):
            return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        return bool(subj) and (subj[0].lower_ in self.prohibiting or
                               any(c.dep_ == "det" and c.lower_ in self.prohibiting for c in subj[0].children))

    def _acts(self, toks) -> bool:
        """A piece of a committed sentence that is an act of its own: it has a verb, or opens with
        a word of action; a piece with none is more of the sentence's object ("; ports
        modernization; agribusiness")."""
        return any(t.pos_ == "VERB" for t in toks) or any(t.lemma_.lower() in self.action for t in toks[:3])

    def _appeals(self, toks) -> bool:
        """A clause that goes on by asking others ("... and call for an accelerated transformation"):
        a position the sentence adds to its commitment, not a commitment of its own."""
        verb = next((t for t in toks if t.is_alpha), None)
        return verb is not None and verb.tag_ in ("VB", "VBP") and verb.lemma_.lower() in self.appeal

    def _may_only(self, sentence) -> bool:
        """Whether a sentence's main verb is said with a modal of no commitment ("These activities
        may include:", "Cooperation could cover:")."""
        root = next((t for t in sentence.sent if t.dep_ == "ROOT"), None)
        return root is not None and any(c.dep_ == "aux" and c.lower_ in self.non_committing for c in root.children)

    def _holds_view(self, toks) -> bool:
        """A clause that goes on by stating a view ("... and also confirm the necessity of immediate
        resolution of the issue", "and recognize that ..."): a position or a thought the sentence
        adds to its commitment, not a commitment of its own."""
        verb = next((t for t in toks if t.is_alpha and t.pos_ != "ADV"), None)
        if verb is None or verb.tag_ not in ("VB", "VBP"):
            return False
        lemma = verb.lemma_.lower()
        return lemma in self.non_commitment or (lemma in self.reaffirmation and any(
            c.dep_ == "dobj" and c.lemma_.lower() in self.non_commitment_object for c in verb.children))

    def _opens_new_clause(self, toks) -> bool:
        """A piece with its own subject and finite verb is not a continuation of the first."""
        # (a relative clause's subject and verb are not the piece's: "exchange views on technical
        # standards that protect personal data")
        return any(t.dep_ in SUBJECT_DEPS and t.head.dep_ != "relcl" for t in toks) and \
            any(t.tag_ in ("VBZ", "VBP", "VBD", "MD") and t.dep_ != "relcl" and t.head.dep_ != "relcl" for t in toks)

    def _announces(self, sentences) -> bool:
        """A lead-in whose last verb commits: "The Japanese government announced:"."""
        for s in sentences:
            verbs = [t for t in s.sent if t.pos_ in ("VERB", "AUX")]
            if verbs and verbs[-1].lemma_.lower() in self.commitment:
                return True
        return False

    # ------------------------------------------------------------------ units
    def _units(self, doc, s):
        """The clauses of a sentence that can each carry one commitment.

        A sentence is cut at semicolons and before each coordinated verb phrase
        ("will cooperate to strengthen X, reinvigorate Y, and protect Z"); a
        piece too short to stand alone stays with the next.
        """
        toks = list(s.sent)
        cuts = {0}
        for k, tok in enumerate(toks):
            if tok.text == ";" and k + 1 < len(toks):
                rest = toks[k + 1:]
                piece = rest[:next((j for j, t in enumerate(rest) if t.text == ";"), len(rest))]
                if any(t.pos_ in ("VERB", "AUX") for t in piece):
                    cuts.add(k + 1)   # (a piece without a verb, "including rail; ports modernization;
                    # agribusiness", lists more of the object: it stays with its clause)
            elif tok.dep_ == "mark" and tok.lower_ in CONTRAST and tok.head.dep_ == "advcl" and k > 0 and \
                    any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.head.children):
                cuts.add(k)   # "The EU is expected to share ..., while Tokyo aims to present ...": two
            elif self._cuts_before(toks, k, tok) or self._second_predicate(toks, tok):
                c = tok.left_edge.i - toks[0].i
                while c > 0 and toks[c - 1].text not in (",", "and", "or", ";"):
                    c -= 1
                if 0 < c < k + 1:
                    cuts.add(c)
        # "Indonesia will address non-tariff barriers, including by: (1) exempting ...; (2) accepting ...":
        # an enumeration that opens after a colon, in the line, holds one act per item, the first too
        for k in range(len(toks) - 3):
            if toks[k].text == ":" and toks[k + 1].text == "(" and toks[k + 3].text == ")" and \
                    (toks[k + 2].text.isdigit() or (len(toks[k + 2].text) == 1 and toks[k + 2].text.isalpha())):
                cuts.add(k + 1)
        # ", as well as exchange views on ...": an act of its own, though the parser may read its verb
        # as a noun (not ", as well as support for ...", a thing)
        for k in range(1, len(toks) - 4):
            if toks[k - 1].text == "," and [t.lower_ for t in toks[k:k + 3]] == ["as", "well", "as"]:
                verb, after = toks[k + 3], toks[k + 4]
                if (verb.tag_ == "VB" or verb.lower_ in self.action) and \
                        after.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "PRON") and after.dep_ != "pobj":
                    cuts.add(k)
        # a second modal after "and" starts a second commitment, however the parser attached it
        modals = [k for k, t in enumerate(toks) if t.tag_ == "MD" and t.lower_ in self.modal]
        for prev_k, k in zip(modals, modals[1:]):
            for j in range(k - 1, max(prev_k + 3, k - 14), -1):
                if toks[j].text in ("and", ";") and not any(t.pos_ == "VERB" for t in toks[j + 1:k]):
                    cuts.add(j + 1)
                    break
        pieces = []
        bounds = sorted(cuts) + [len(toks)]
        for a, b in zip(bounds, bounds[1:]):
            part = toks[a:b]
            while part and part[0].text in (",", ";", "and", "or", ":"):
                part = part[1:]
            while part and part[-1].text in (",", ";", ":", "and", "or"):
                part = part[:-1]
            if part:
                pieces.append(part)
        merged: list[list] = []
        for part in pieces:
            if merged and len([t for t in merged[-1] if t.is_alpha]) < 3:
                merged[-1] = merged[-1] + part
            else:
                merged.append(part)
        if len(merged) > 1 and len([t for t in merged[-1] if t.is_alpha]) < 3:
            last = merged.pop()
            merged[-1] = merged[-1] + last
        out = []
        for part in merged:
            if len([t for t in part if t.is_alpha]) < 2:
                continue
            out.append((doc.span(s.tok_begin(part[0]), s.tok_end(part[-1])), part))
        return out

    def _second_predicate(self, toks, tok) -> bool:
        """Whether a finite verb coordinated with the sentence's main verb states a commitment of
        its own: it has a subject of its own ("..., and the Administration is committed to the
        deficit reductions") or says its own commitment ("It will continue to resist protectionist
        measures and remains committed to open markets", "is expected to extend ... and intends
        to publish the new measures")."""
        if tok.dep_ != "conj" or tok.tag_ not in ("VBZ", "VBD", "VBP", "VBN") or tok.head.i >= tok.i:
            return False
        if tok.head.dep_ != "ROOT" or tok.i - tok.head.i < 5:
            return False
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(x.lower_ in ("which", "whom", "whose", "who") for c in subjects for x in c.subtree):
            return False   # "..., more than 80 percent of which have already been untied": a relative clause
        if any(c.i > tok.i for c in subjects) or tok.lower_ in SPOKE:
            return False   # "Japan will reduce tariffs, said the minister, Herr Müller": who reports it
        if subjects:
            return True
        if tok.tag_ in ("VBD", "VBN"):
            return False   # a past form without a subject may be a participle: "the Plan, agreed to by ..."
        said = [tok] + [c for c in tok.children if c.dep_ in ("acomp", "xcomp")]
        return any(t.lemma_.casefold() in self.commitment or t.lower_ in self.commitment for t in said)

    @staticmethod
    def _cuts_before(toks, k: int, tok) -> bool:
        """Whether a coordinated verb starts a commitment of its own.

        "will cooperate to strengthen X, reinvigorate Y, and protect Z" is three;
        "pledge to maintain and enhance X" is one (the verbs share an object), and
        so is "resolved to enhance openness and oppose protectionism" (short
        phrases joined by a bare "and").
        """
        if tok.dep_ not in ("conj", "advcl") or tok.tag_ not in ("VB", "VBP") or not tok.head.tag_.startswith("VB"):
            return False
        head = tok.head
        if tok.dep_ == "advcl" and not _bare_verb_after_comma(toks, k, tok):
            return False   # (a clause of purpose, time or condition is part of the act)
        if head.i >= tok.i or head.dep_ not in ("ROOT", "xcomp", "conj", "ccomp", "advcl"):
            return False
        if head.dep_ == "advcl" and not _bare_verb_after_comma(toks, head.i - toks[0].i, head):
            return False
        first = tok
        while first.dep_ == "conj" and first.head.tag_ == "VB" and first.head.i < first.i:
            first = first.head   # the first of a run of bare verbs joined to one another
        top = first.head
        if first.tag_ == "VB" and top.tag_ in ("VBN", "VBD", "VBZ") and not any(c.tag_ == "MD" for c in top.children):
            # a bare verb cannot go on "have made progress and are committed to ...": it goes on the
            # infinitive before it ("negotiations to facilitate trade, ..., strengthen ..."), and
            # is an act only if that one is
            inf = [x for x in toks if top.i < x.i < first.i and x.tag_ == "VB" and
                   any(c.lower_ == "to" and c.dep_ == "aux" for c in x.children)]
            if inf and inf[-1].dep_ not in ("xcomp", "ROOT", "conj", "ccomp"):
                return False
        if head.dep_ == "xcomp" and head.head.dep_ not in ("ROOT", "conj"):
            return False
        between = [t for t in toks if head.i < t.i < tok.i and t.text not in (",", "and", "or", ";")]
        comma = any(t.text in (",", ";") for t in toks if head.i < t.i < tok.i and t.i >= tok.i - 2)
        return len(between) >= (2 if comma else 5)

    # ------------------------------------------------------------------ commitment
    def _commits(self, toks, line, lead: Context | None, first: bool) -> bool:
        words = [t for t in toks if t.is_alpha]
        if not words:
            return False
        if words[0].lower_ in ("if", "whether"):
            return False   # a condition, not a commitment
        if self._preamble(words):
            return False   # "RECOGNISING the important role that ...": a declaration's preamble states a view
        if any(" ".join(t.lower_ for t in words[:3]).startswith(b) for b in self.boilerplate):
            return False   # "End summary." closes a section of a cable
        ids = {t.i for t in toks}
        root = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), None)
        if root is not None and root.pos_ in ("VERB", "AUX") and \
                any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in self.non_committing and not self._prohibits(c)
                    for c in root.children):
            return False   # "diplomatic efforts can promote ... and encourage states to take steps to address":
            # a clause said with "can", "may" or "should" permits, advises or foresees; it commits no one
        for k, t in enumerate(toks):
            low, lemma = t.lower_, t.lemma_.lower()
            if low == "if":
                return False   # what follows is conditional ("examine whether" is not); "unless the
                # Parties agree otherwise, the Committee shall" is an obligation with its exception
            if low in self.modal and t.tag_ == "MD":
                if self._modal_commits(toks, k, t):
                    return True
                continue
            if self._prohibits(t) and _clause_ok(t.head, toks):
                return True   # "Neither Party may impose customs duties ...": an obligation not to
            if self._acts_now(t, toks) and _clause_ok(t, toks):
                return True   # "Today, we launch discussions to ...", "we are taking concrete steps to ..."
            said = _first_of_run(t.head)
            if low in self.reported_modal and t.tag_ == "MD" and said.dep_ == "ccomp" and \
                    said.head.lemma_.lower() in SPEECH and not any(c.dep_ == "neg" for c in t.head.children) and \
                    not _undergoes(t.head):
                subj = [c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:   # the subject nearest the modal: "I said that our aid representative
                    # returning ... and that we would pursue these questions" is "we"
                    subj = [max(subj, key=lambda c: (c.i < t.i, c.i if c.i < t.i else -c.i))]
                if subj and (subj[0].pos_ in ("PRON", "PROPN") or subj[0].lower_ in self.agency) and \
                        subj[0].lower_ not in DEMONSTRATIVES:
                    return True   # "Suga said Japan would cut its emissions"; not "said the agreements would
                    # help", nor "indicated this would confound some persons"
            act = next((x for x in toks[k + 2:k + 4] if x.tag_ not in ("``", "''") and x.text not in QUOTES), None)
            if lemma == "be" and act is not None and toks[k + 1].lower_ == "to" and act.tag_ == "VB":
                subj = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
                if subj and subj[0].lemma_.lower() not in PURPOSE_NOUNS | PRONOUN_SUBJECTS:
                    return True   # "is to assist", not "one purpose of these programs is to ensure"
            if (lemma in self.commitment and t.pos_ in ("VERB", "AUX", "ADJ")) or \
                    (low in self.commitment and t.tag_ in ("VBN", "JJ")):
                if in_hyphenated_word(t):
                    continue   # "a profit-seeking endeavor", "forward-looking": a word of a compound
                if any(c.dep_ == "neg" for c in t.children) or _negated(toks, k):
                    continue   # "has not agreed to", "I do not intend to"
                if t.tag_ == "VBG" and t.i == words[0].i and line.level == 0 and lead is None:
                    continue   # "Undertaking this ambitious agenda marks the next chapter": a gerund as subject
                if t.tag_ == "VBG" and line.level == 0 and lead is None and t.i != words[0].i and \
                        not self._governed_by_commitment(t):
                    continue   # "These basic steps include maintaining backups, ensuring patches are up
                    # to date": what something includes, not an act anyone commits to
                if any(c.dep_ == "aux" and c.lower_ in self.non_committing for c in t.children):
                    continue   # "the Committee may seek advice", "we should seek to improve": no commitment
                if lemma in self.passive_only and not any(c.dep_ == "auxpass" for c in t.children):
                    continue   # "is expected to double" commits; "expects no effect" only predicts
                if lemma in self.performative and not any(c.lower_ == "hereby" for c in t.children):
                    continue   # "the Parties hereby establish"; not "the Treaty established"
                if lemma in self.reaffirmation and \
                        any(c.dep_ == "dobj" and c.lemma_.lower() in self.non_commitment_object for c in t.children):
                    continue   # "reaffirm the need to", "reaffirm our strong support for": a position
                if any(c.lower_ == "had" and c.dep_ == "aux" for c in t.children):
                    continue   # "Seoul had sought": an earlier event, told
                if t.dep_ == "xcomp" and t.head.lemma_.lower() in self.demand:
                    continue   # "urged Tokyo to commit": a demand of another, not a commitment
                if t.dep_ in ("xcomp", "ccomp") and t.head.lemma_.lower() in self.enabling and \
                        any(c.dep_ in ("dobj", "nsubj") and c.i < t.i for c in t.head.children):
                    continue   # "IPEF enables the United States and our partners to decide on rules": what
                    # a thing makes possible for others, no commitment
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                if nxt is not None and nxt.dep_ in ("nsubj", "nsubjpass") and nxt.head.dep_ == "ccomp" and \
                        nxt.head.head.i == t.i and nxt.head.lemma_ == "be" and lemma not in THAT_COMMITS:
                    continue   # "He agreed this was important factor": a view agreed with, no act
                if self.strengths.get(lemma) in ("intention", "aspiration") and low not in self.strengths and \
                        (t.tag_ == "VBD" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in t.children)) and \
                        not (nxt is not None and nxt.lower_ == "to"):
                    continue   # "the Government deliberately sought contracts", "have sought every
                    # opportunity": what was sought, told; not an aim still held (a cable's "Frondizi
                    # determined balance budget" is the adjective, an aim held)
                later = toks[k + 2:k + 6]
                if any(a.lower_ == "to" and b.tag_ == "VB" for a, b in zip(later, later[1:])) and \
                        nxt is not None and nxt.pos_ in ("ADP", "ADV", "PUNCT", "SCONJ") and \
                        _clause_ok(t, toks, self.participles):
                    return True   # "agreed in 2006 to relocate", "resolved, therefore, to join", "pledge
                    # as governments to prioritize"
                if nxt is not None and (nxt.lower_ in ("to", "themselves", "itself") or
                                        (nxt.lower_ == "that" and lemma in THAT_COMMITS) or
                                        nxt.pos_ in ("NOUN", "DET", "ADJ", "PROPN", "PRON") or
                                        nxt.lower_ in ("on", "upon") or
                                        nxt.tag_ in ("VBG", "VB")):   # "intends take": a cable drops its "to"
                    if nxt.lower_ == "that" or _clause_ok(t, toks, self.participles):
                        return True
            reported_aim = t.tag_ == "VBD" and t.dep_ == "ccomp" and t.head.lemma_.lower() in SPEECH
            if (lemma in self.infinitive_only or low in self.infinitive_forms) and t.pos_ == "VERB" and \
                    (t.tag_ in ("VBP", "VBZ", "VBG", "VB") or reported_aim) and \
                    not any(c.dep_ == "neg" for c in t.children) and _clause_ok(t, toks) and \
                    any(c.dep_ == "xcomp" and c.tag_ == "VB" and any(x.lower_ == "to" for x in c.lefts)
                        for c in t.children) and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                return True   # "We hope by the end of May to reach an agreement", "It is attempting,
                # therefore, to arrange tanker imports": an aim of one's own, said with its act; in a
                # paper that reports what was said, "said that he hoped to be in a position to talk"
            if low in self.intention and k + 2 < len(toks) and toks[k + 1].lower_ == "to" and \
                    (t.pos_ != "ADJ" or t.dep_ == "acomp") and not _fronted(t) and \
                    (toks[k + 2].tag_ in ("VB", "VBG", "RB") or line.level > 0 or lead is not None):
                return True   # "their willingness to help", "its intention to allocate"; in prose not
                # "share a firm commitment to a free and open Indo-Pacific" (a position: a stance)
        lead_word = words[0]
        first_lemma = lead_word.lemma_.lower() if lead_word.tag_.startswith("VB") else lead_word.lower_
        in_list = line.level > 0 or lead is not None
        if first_lemma in self.non_commitment:
            return False
        if in_list and (lead_word.lower_ in self.action or first_lemma in self.action) and \
                lead_word.tag_ not in PAST_TAGS | {"VBZ", "VBG"} and \
                not (lead_word.dep_ == "amod" and _in_subject(lead_word)):
            return True   # (not "2. Further documentation on ... is included in ...": the subject's adjective)
        if lead is not None and lead.committed and lead.level < line.level and \
                _has_amount(toks[0].doc[toks[0].i:toks[-1].i + 1].text):
            return True   # "- agricultural products: at least $32 billion" under "China shall purchase ...:"
        if lead is not None and lead.committed and lead_word.tag_ in ("VBG", "NN", "NNS", "VB") and \
                not (lead_word.tag_ in ("NN", "NNS") and self.objects_lead.search(line.text)):
            return True   # (not "(c) information designed for SMEs that contains:", a thing that
            # leads in the things it holds)
        return False

    # ------------------------------------------------------------------ who
    def _subject_actors(self, doc, found: Findings, unit: Span, toks, prev: list[str]) -> list[str]:
        comma = next((k for k, t in enumerate(toks) if t.text == ","), None) if toks and toks[0].lower_ == "unless" else None
        at = doc.sentence_at(unit.begin)
        if comma is not None and comma + 1 < len(toks) and at is not None:
            # "Unless the Parties agree otherwise, the Committee shall": who acts follows the exception
            toks = toks[comma + 1:]
            unit = doc.span(at.tok_begin(toks[0]), unit.end)
        cue_at = next((k for k, t in enumerate(toks) if t.tag_ == "MD" or t.lemma_.lower() in self.commitment), None)
        # who acts is named before the cue, or without one before the first verb ("identify ways
        # to assist SMEs of the Parties": the Parties are no subject)
        verb_at = next((k for k, t in enumerate(toks) if t.pos_ in ("VERB", "AUX")), None)
        intro = _introduction(toks, cue_at)
        if intro and verb_at is not None and verb_at < intro:
            # "Working with our stakeholders, we intend to ...", "To bolster our competitiveness, we
            # seek to ...": the verb of an opening phrase is not the clause's; its subject follows
            verb_at = next((k for k, t in enumerate(toks) if k > intro and t.pos_ in ("VERB", "AUX")), None)
        ends = [k for k in (cue_at, verb_at) if k is not None]
        head_text = " ".join(t.text for t in toks[:min(ends)]) if ends else unit.text
        mentions = [m for m in found.mentions_in(unit.begin, unit.end, "actor")]
        subjects = []
        clause_subjects = []   # subjects of the committing verb itself
        sentence = doc.sentence_at(unit.begin)
        cue_verb = None
        if cue_at is not None:
            cue_verb = toks[cue_at].head if toks[cue_at].tag_ == "MD" else toks[cue_at]
            reported = [c for c in cue_verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("we", "they")]
            said = _first_of_run(cue_verb)
            if reported and said.dep_ == "ccomp" and said.head.lemma_.lower() in SPEECH:
                head_text = reported[0].text   # "I said we would ...", "I now authorized to state we will
                # furnish ...": who is reported to commit is the reported clause's subject
        for m in mentions:
            tok = mention_root(sentence, m.span.begin, m.span.end) if sentence else None
            if tok is None or tok not in toks:
                continue
            if is_subject(tok, SUBJECT_DEPS) and not _subordinate(clause_verb(tok), toks, self.subordinating):
                if cue_at is None or tok.i <= toks[cue_at].i:
                    subjects.append(m.key)
                    if cue_verb is not None and clause_verb(tok).i == cue_verb.i:
                        clause_subjects.append(m.key)
        if clause_subjects:
            subjects = clause_subjects   # "Suga said Japan would cut": Japan commits, Suga reports
        elif sentence is not None:
            owners = self._owners_of_intention(sentence, toks, mentions)
            if owners:
                return owners   # "Central Asian leaders welcome the United States' commitment to ..."
        if not subjects and not any(t.tag_ in FINITE_TAGS for t in toks):
            # a line without a verb that names actors ("The Japanese government:") names who acts
            subjects = [m.key for m in mentions if (r := mention_root(sentence, m.span.begin, m.span.end))
                        is not None and r in toks and governing(r).dep_ == "ROOT"]
        if subjects:
            return list(dict.fromkeys(subjects))
        if len(prev) == 1 and found.kind(prev[0]) in BODY_KINDS and \
                any(t.lower_ == "it" and t.dep_ == "nsubj" for t in toks[:4]) and not any(t.tag_ == "MD" for t in toks):
            # ("It will help ..." is more often a thing's effect: left to the test of forecasts)
            return prev   # "The Provisional Government of Israel ... It is attempting, therefore, to arrange ..."
        if self.voice:
            for phrase in self.collective:
                if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", head_text.casefold()):
                    self.phrase = phrase
                    return list(self.voice)   # "we", "the Leaders", "each Party": the document's issuers
        pair = re.search(r"\b(both|two)\b", head_text, re.I)
        for phrase in self.joint:
            if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", head_text.casefold()):
                if phrase in ("they", "we") and pair:
                    continue   # "they both": the pair decides
                if phrase == "we" and self.archive:
                    return [self.archive]   # the "we" of a government's own papers is that government
                if phrase == "they" and len(prev) == 1 and found.kind(prev[0]) in SINGLE_KINDS:
                    self.elsewhere = True   # "They will make it difficult ...": no one state or person
                    return []
                if phrase in ("they", "we") and prev and not (phrase == "we" and all(
                        found.kind(k) == "Group" and self.lexicon.get(k) is not None for k in prev)):
                    return prev   # (a grouping the gazetteer knows, "the developing countries must
                    # acquire ...", is spoken of, not the speaker's "we")
                if phrase in ("both", "the two") and len(prev) == 2:
                    return prev   # "both" of the two just named; "they both" without them: the two parties
                if re.search(r"\b(both|two)\b", phrase):
                    return list(self.parties[:2])   # "both", "the two": the two principal parties
                return list(self.parties)   # "the ministers", "the parties": all of them
        for phrase in self.collective:
            count = _COUNTS.get(phrase.split()[1]) if len(phrase.split()) == 3 else None
            if count and count == len(self.parties) and \
                    re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", head_text.casefold()):
                return list(self.parties)   # "the three countries" of a text whose parties are three
        return []

    @staticmethod
    def _orator(found: Findings) -> str | None:
        """Who gives a speech: the person its title names ("Address by President Carter Before the
        United Nations General Assembly"), or None (and for any other genre)."""
        if not found.genre or not found.genre.endswith("/speech") or found.heading is None:
            return None
        return next((m.key for m in found.mentions_in(found.heading.begin, found.heading.end, "actor")
                     if m.kind == "Person"), None)

    def _owners_of_intention(self, sentence, toks, mentions) -> list[str]:
        """The actors whose intention a noun of intention names: the possessor of "commitment",
        "intention", "readiness" followed by "to" ("the United States' commitment to
        prioritizing", "Japan's readiness to help"), who commits whoever reports it."""
        for k, t in enumerate(toks[:-1]):
            if t.lower_ not in self.intention or t.pos_ != "NOUN" or toks[k + 1].lower_ != "to":
                continue
            owners = [m.key for m in mentions
                      if (r := mention_root(sentence, m.span.begin, m.span.end)) is not None
                      and r.head.i == t.i and (r.dep_ == "poss" or (r.dep_ == "nmod" and r.i + 1 < len(r.doc)
                                                                    and r.nbor().text in POSSESSIVE))]
            if not owners and k >= 1 and toks[k - 1].text in POSSESSIVE:
                mark = sentence.tok_begin(toks[k - 1])   # "welcome the Philippines’ plan to pilot", however parsed
                owners = [m.key for m in mentions if m.span.end == mark]
            if owners:
                return list(dict.fromkeys(owners))
        return []

    def _heading_actors(self, doc, found: Findings, span: Span) -> list[str]:
        """Who acts under a heading: the actors it names where it says they act ("Action by the
        Japanese Side"), or where it is only the names of parties of the document ("Japan", "The U.S.
        and Japanese Governments"); a heading naming a place or a topic names no one."""
        mentions = found.mentions_in(span.begin, span.end, "actor")
        keys = list(dict.fromkeys(m.key for m in mentions))
        if keys:
            rest = span.text
            for m in reversed(mentions):
                rest = rest[:m.span.begin - span.begin] + " " + rest[m.span.end - span.begin:]
            words = re.findall(r"[\w’']+", rest.casefold())
            if any(w in self.agency for w in words) or re.search(r"['’]s\b", span.text):
                return keys
            if all(w in ("and", "the", "of") for w in words) and all(k in self.parties for k in keys):
                return keys
            return []
        if re.search(r"\b(joint|both|two)\b", span.text, re.I):
            # "Joint Statement", "Joint Declaration on ...": all who issue it, who are the two
            # principal parties of a bilateral text and the issuers of a collective one
            return list(self.voice or self.parties)
        return []

    @staticmethod
    def _keys(found: Findings, span: Span, typ: str) -> list[str]:
        return list(dict.fromkeys(m.key for m in found.mentions_in(span.begin, span.end, typ)))

    # ------------------------------------------------------------------ instrument
    # ------------------------------------------------------------------ kind of commitment
    def _strength(self, toks) -> str | None:
        """The strength of a clause's commitment: that of the innermost cue of its verb chain
        ("shall endeavour to": aspiration; "will seek to": intention; "will": commitment); None
        where the clause names none (a bullet under a committing lead-in)."""
        cues = [t for t in toks if (t.tag_ == "MD" and t.lower_ in self.modal) or
                t.lemma_.lower() in self.commitment or t.lower_ in self.intention or
                (t.pos_ == "VERB" and (t.lemma_.lower() in self.infinitive_only or t.lower_ in self.infinitive_forms))]
        # the cue of the clause itself, not of a clause inside it ("When mutually agreed, two or
        # more Parties shall endeavour"; "policies intended to derive")
        cue = next((t for t in cues if _clause_ok(t.head if t.tag_ == "MD" else t, toks)), cues[0] if cues else None)
        if cue is None:
            return "obligation" if any(self._prohibits(t) for t in toks) else None
        chain, t = [cue], cue.head if cue.tag_ == "MD" else cue
        while t is not None and t not in chain and len(chain) < 6:
            chain.append(t)
            t = next((c for c in t.children if c.dep_ in ("xcomp", "acomp")), None)
        found = [self.strengths[w] for w in (x.lemma_.lower() for x in chain) if w in self.strengths]
        found += [self.strengths[x.lower_] for x in chain if x.lower_ in self.strengths and
                  x.lemma_.lower() not in self.strengths]
        found += [self.strengths[self.form_base[x.lower_]] for x in chain if x.lower_ in self.form_base and
                  x.lemma_.lower() not in self.strengths and self.form_base[x.lower_] in self.strengths]
        if cue.lower_ in ("shall", "must") and not any(s in ("aspiration", "intention") for s in found):
            return "obligation"
        return found[-1] if found else "commitment"

    def _predicts(self, doc, found: Findings, unit: Span, toks) -> bool:
        """A clause whose committing "will" has a thing, not an actor, as its subject forecasts
        ("our collaboration will create", "the agreement will help"): no one commits in it."""
        for t in toks:
            if t.tag_ == "MD" and t.lower_ in self.modal:
                verb = t.head
                subj = [c for c in verb.children if c.dep_ == "nsubj"]
                if not subj or any(c.dep_ == "auxpass" for c in verb.children):
                    return False
                if verb.dep_ == "ccomp" and verb.head in toks and \
                        (verb.head.lemma_.lower() in self.commitment or verb.head.lemma_.lower() in self.action):
                    return False   # "Ensure that the Agreement will enhance ...": the commitment is "ensure"
                head = subj[0]
                at = doc.sentence_at(unit.begin)
                if at is None:
                    return False
                b, e = at.tok_begin(head), at.tok_end(head)
                if any(m.span.begin <= b and e <= m.span.end for m in found.mentions_in(unit.begin, unit.end)
                       if m.type != "actor") or head.lower_ in self.instrument_heads:
                    return True   # "the IPEF Supply Chain Agreement will help ...": an instrument's effect
                if head.lemma_.lower() in self.effort_nouns and verb.lemma_.lower() in self.content_verbs:
                    return False   # "Efforts will include improving network resilience ...", "This work will
                    # include efforts to ...": what the speakers' own work is to be, not a thing's effect
                if head.lower_ in ("this", "that", "these", "those", "which"):
                    return True    # "This will give potential migrants the information ...": an effect
                if head.pos_ in ("PRON", "PROPN") or head.lemma_.lower() in self.agents or \
                        head.lower_ in self.agents:
                    return False
                if any(at.tok_begin(x) >= m.span.begin and at.tok_end(x) <= m.span.end and _of_whom(x, head)
                       for x in head.subtree for m in found.mentions_in(unit.begin, unit.end, "actor")):
                    return False   # "officials of the Ministry will": people of an actor act
                return head.pos_ == "NOUN"
        return False

    def _under_agreement(self, doc, found: Findings, span: Span) -> str | None:
        """The instrument a sentence says it acts under: "Under the joint statement, the two sides
        undertake ..." (for that sentence, not those after it)."""
        for m in found.mentions_in(span.begin, span.end, "agreement"):
            if re.search(r"\bunder\s+the\s+$", doc.text[max(0, m.span.begin - 12):m.span.begin].casefold()):
                return m.key
        return None

    def _refers_to_agreement(self, doc, found: Findings, span: Span) -> str | None:
        for m in found.mentions_in(span.begin, span.end, "agreement"):
            before = doc.text[max(0, m.span.begin - 16):m.span.begin].casefold()
            if re.search(r"\b(this|these|the present|the following)\s+$", before):
                return m.key
        return None


PURPOSE_NOUNS = {"purpose", "objective", "aim", "goal", "idea", "point", "question", "task", "intention",
                 "problem", "issue", "result", "effect", "reference"}   # (an archive's note: "Reference is to
# telegram 100", the editor's pointer to another paper)
THAT_COMMITS = {"ensure", "guarantee", "decide", "undertake", "pledge", "promise"}
CONTRAST = {"while", "whereas", "whilst"}   # the marks of a clause that contrasts, not conditions
POSSESSIVE = {"'", "’", "'s", "’s"}   # "the United States’ commitment", parsed as a modifier
QUOTES = {'"', "“", "”", "'", "‘", "’"}
BODY_KINDS = {"Country", "GovernmentBody", "InternationalOrganization", "Company", "Association"}
SINGLE_KINDS = {"Country", "Person", "GovernmentBody", "Company"}
PRONOUN_SUBJECTS = {"that", "this", "it", "which", "what"}
DEMONSTRATIVES = {"that", "this", "these", "those", "which", "what"}   # ("it" may be a government)
SPEECH = {"say", "announce", "state", "confirm", "agree", "decide", "pledge", "promise", "declare", "reaffirm",
          "affirm", "commit", "make", "tell", "add", "stress", "emphasize", "indicate", "report", "explain"}
SPOKE = {"said", "stated", "added", "indicated", "confirmed", "announced", "told", "explained"}


def _bare_verb_after_comma(toks, k: int, tok) -> bool:
    """Whether a verb the parser made a clause of the one before ("we will use early warning ...,
    regularly consult each other") is a bare verb after a comma, with no subject, marker or "to"
    of its own: one more act of a list."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux", "auxpass") for c in tok.children):
        return False
    j = k - 1
    while j >= 0 and toks[j].dep_ == "advmod" and toks[j].head.i == tok.i:
        j -= 1   # "..., regularly consult"
    return j >= 0 and toks[j].text == ","


def _inflections(verb: str) -> set[str]:
    """The forms of a regular English verb: "hope", "hopes", "hoped", "hoping"; "try", "tries",
    "tried", "trying"."""
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    if verb.endswith("e"):
        return {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    return {verb, verb + "s", verb + "ed", verb + "ing"}


def _undergoes(verb) -> bool:
    """A passive whose subject is an actor: "both Japan and the United States would be greatly
    helped" is what they would undergo, no act of theirs ("tariffs will be reduced" commits, and so
    does "Japan will be required to ...", whose act follows)."""
    return any(c.dep_ == "auxpass" for c in verb.children) and \
        not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children) and \
        any(c.dep_ == "nsubjpass" and c.pos_ in ("PROPN", "PRON") and c.lower_ not in PRONOUN_SUBJECTS
            for c in verb.children)


def _introduction(toks, cue_at: int | None) -> int | None:
    """The comma that closes a phrase opening the clause before its subject ("Working with our
    stakeholders,", "To bolster our resilience,", "In line with our efforts to ...,"): its index,
    or None where the clause opens with its subject or has no cue."""
    if cue_at is None:
        return None
    for k in range(1, cue_at):
        if toks[k].text == ",":
            if any(t.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for t in toks[:k]) or k + 1 >= len(toks):
                return None
            after = toks[k + 1]
            subject = after if after.dep_ in ("nsubj", "nsubjpass") else after.head
            # the clause goes on with its subject right after the comma
            return k if subject.dep_ in ("nsubj", "nsubjpass") and subject.i > toks[k].i else None
    return None


def _first_of_run(verb):
    """The first verb of the run of joined verbs `verb` is in ("I was authorized to tell him that
    Indonesia had high priority and that ... we would let him know": "let" goes on "had", the
    clause "tell" governs; "Just as the United States shared ..., and Mexico and Canada have since
    donated ...")."""
    while verb.dep_ == "conj" and verb.head.i < verb.i:
        verb = verb.head
    return verb


def _in_subject(tok) -> bool:
    """Whether a token lies in the subject of a plainly finite verb ("Further documentation ... is
    included"; not a list item that a parser hangs on a participle far down the line)."""
    head = tok
    while head.dep_ not in ("nsubj", "nsubjpass") and head.head.i != head.i:
        head = head.head
    verb = head.head
    return head.dep_ in ("nsubj", "nsubjpass") and (
        verb.tag_ in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children))


def _fronted(noun) -> bool:
    """Whether a noun is the object of a phrase put before its clause's subject ("With steadfast
    commitment to the health and safety of our own people, we also recognize ..."): the clause's
    own verb says what is done."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i > prep.i for c in prep.head.children)


def _subordinate(verb, unit, subordinating: frozenset[str]) -> bool:
    """Whether a verb heads a clause subordinate to another verb of the same piece: "engage in
    other activities as the Parties may decide" (the Parties decide what the Committee does),
    "... which the two sides agreed"."""
    verb = _first_of_run(verb)
    if verb.dep_ == "ccomp" and verb.head in unit and any(c.dep_ == "mark" and c.lower_ == "whether"
                                                          for c in verb.children):
        return True   # "examine whether the European Council should be given a right to ...": a question
    if verb.dep_ not in ("advcl", "relcl") or verb.head not in unit:
        return False
    return verb.dep_ == "relcl" or any(c.dep_ == "mark" and c.lower_ in subordinating for c in verb.children)


def _of_whom(tok, head) -> bool:
    """Whether `tok`, in the subtree of `head`, belongs to who `head` is ("officials of the
    Ministry", "representatives from the EU", "Japan's negotiators"), not to where or in what
    ("Action in the EEC Council")."""
    while tok.i != head.i and tok.head.i != tok.i:
        if tok.dep_ == "pobj" and tok.head.lower_ not in ("of", "from"):
            return False
        tok = tok.head
    return True


def _clause_ok(verb, unit, participles: frozenset[str] = frozenset()) -> bool:
    """A verb whose clause stands as a statement of the subject's own: not a relative or adverbial clause,
    and not the content of a fear or a hope ('are concerned that X will')."""
    if verb.head not in unit:
        return True   # the unit is a clause of its own (cut at a semicolon)
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONTRAST for c in verb.children):
        return True   # "..., while Tokyo aims to present its revised target": a statement of its own
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.lemma_ == "be" and verb.head.i < verb.i and \
            any(c.dep_ == "nsubj" for c in verb.head.children) and \
            all(t.pos_ in ("PUNCT", "ADV") for t in verb.doc[verb.head.i + 1:verb.i]):
        return True   # "We are, therefore, planning to ...": the progressive, parted by an adverb
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.lemma_.lower() in participles and \
            not any(c.dep_ == "mark" for c in verb.children) and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
        return True   # "... launched a Green Alliance, committing the world's third- and fourth-largest
        # economies to become carbon neutral by 2050": a participle of commitment after a comma
    if verb.dep_ in ("relcl", "acl", "advcl", "csubj", "pcomp"):
        return False
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() not in SPEECH and verb.head.lower_ not in SPOKE:
        return False   # (a cable's "Said Government intends ...": "Said" read as a name keeps its form)
    return True


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _negated(toks, k: int) -> bool:
    before = [t.lower_ for t in toks[max(0, k - 3):k]]
    return any(w in ("not", "n't", "never", "cannot") for w in before)


def _under(line, lead_line) -> bool:
    """Whether `line` belongs to the list a lead-in line opens."""
    if line.level == 0 and not line.marker:
        return lead_line.level == 0 and False
    if not lead_line.marker:
        return True
    if line.marker_type != lead_line.marker_type:
        return True
    return line.level > lead_line.level


def _has_amount(text: str) -> bool:
    """Whether a text states an amount of money or of a unit ("at least $32 billion")."""
    return bool(AMOUNT.search(text) or MONEY.search(text))


def amounts(doc, span: Span) -> list[Amount]:
    out = []
    for m in AMOUNT.finditer(span.text):
        b = span.begin + m.start()
        e = span.begin + m.end()
        out.append(Amount(Span(b, e, doc.text[b:e]), _value(m["num"], m["scale"]),
                          UNITS.get(m["unit"].casefold(), m["unit"].casefold())))
    for m in MONEY.finditer(span.text):
        b = span.begin + m.start()
        e = span.begin + m.end()
        if any(a.span.begin <= b < a.span.end for a in out):
            continue
        out.append(Amount(Span(b, e, doc.text[b:e]), _value(m["num"], m["scale"]),
                          UNITS.get(m["cur"].casefold(), "USD")))
    return out


def _value(num: str, scale: str | None) -> str:
    from decimal import Decimal
    v = Decimal(num.replace(",", "")) * SCALE[(scale or "").casefold() or None]
    text = format(v.normalize(), "f")
    return text if "." in text else text + ".0"   # the canonical form Turtle writes back


def target_years(text: str) -> list[str]:
    return sorted({m["year"] for m in TARGET_YEAR.finditer(text)})
