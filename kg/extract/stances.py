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

from ..model import Mention, Stance
from ..model.iri import ISSUE, slug
from ..model.text import norm
from .base import Findings
from .persons import actor_names, demonym_map
from .syntax import agent_actors, in_hyphenated_word, is_subject, mention_root, modifies_another

SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent"}
# what may stand between two items of one list: a comma or "and", and a short item of no issue
LIST_GOES_ON = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:[\w'’-]+\s+){0,3}?(?:[\w'’-]+\s*,\s*(?:and\s+|or\s+)?)?")
MAX_GAP = 12   # words between a cue and the issue it bears on
# the examples of what a cue bears on, however far it is ("concerns about ... non-market policies
# and practices such as pervasive, opaque, and harmful industrial subsidies")
EXAMPLES = re.compile(r"\b(?:such as|including|in particular|notably)\s+(?:[\w'’-]+,?\s+){0,4}$", re.I)
# what may stand between two examples of one list ("such as pervasive, opaque, and harmful industrial
# subsidies, market distortive practices of state owned enterprises, and all forms of forced
# technology transfers"): a comma, and a longer item of no issue
EXAMPLES_GO_ON = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?(?:[\w'’-]+\s+){0,6}")
NOT_DOING = re.compile(r"\s*(?:of\s+)?not\s+\w+ing\b", re.I)   # a cue's object negated: "importance of not imposing"
FIRST_PERSON = re.compile(r"\b(I|my|we|our|us)\b")
NEGATION = re.compile(r"\b(not|never|no longer|n't|cannot)\s+(\w+\s+){0,2}$", re.I)


class Stances:
    name = "stances"

    def __init__(self, lexicon):
        self.verb_only = {_cue_words(c) for c in lexicon.cues("supports-verb")}
        self.cues = [(_cue_words(c), "supports") for c in sorted(lexicon.cues("supports") |
                                                                  lexicon.cues("supports-verb"))] + \
                    [(_cue_words(c), "opposes") for c in sorted(lexicon.cues("opposes"))]
        self.predicates = [(_cue_words(c), "supports") for c in sorted(lexicon.cues("supports-predicate"))] + \
                          [(_cue_words(c), "opposes") for c in sorted(lexicon.cues("opposes-predicate"))]
        # the cues by their first word, so that a token is tried against the few that can begin there
        self.cues_at = _by_first_word(self.cues)
        self.predicates_at = _by_first_word(self.predicates)
        self.exclusion = lexicon.cues_longest_first("stance-exclusion")
        self.harm = lexicon.cues("harm-verb")
        self.acts = lexicon.cues("support-act")
        self.removal = lexicon.cues("removal-verb")
        self.protection = lexicon.cues("protection-verb")
        self.shielded: set = set()
        self.joint = lexicon.cues_longest_first("joint-subject")
        self.collective = sorted(lexicon.cues("collective-voice") | lexicon.cues("treaty-parties") | {"our", "us"},
                                 key=lambda w: (-len(w), w))
        self.apposition = apposition_pattern(lexicon.cues("aim-noun"))
        self.demonyms = demonym_map(lexicon)
        self.generic = lexicon.cues("generic-object")
        self.anaphoric = lexicon.cues("anaphoric-noun")
        self.quantifiers = lexicon.cues("object-quantifier")
        self.of_events = lexicon.cues("event-cue")
        self.appeals = lexicon.cues("appeal")
        self.noting = lexicon.cues("non-commitment")
        self.wishes = lexicon.cues("wish-verb")
        self.actor_names = actor_names(lexicon)   # a group supported is no issue
        # the issues that are negotiations (a surface form ends with a noun of negotiation: "Kennedy
        # Round", "trade talks"), by IRI, with their labels
        self.negotiation_nouns = lexicon.cues("negotiation-noun")
        self.negotiation_issues = {e.iri: e.label for e in lexicon.of_type("issue")
                                   if any(f.split()[-1].casefold() in self.negotiation_nouns
                                          for f in e.surface_forms if f.split())}

    def __call__(self, doc, found: Findings) -> None:
        start = doc.doc.body_start
        negotiation = self._the_negotiation(found)
        self.prev_subjects: list[str] = []
        subjects_before: list[str] = []
        for s in doc.sentences:
            if s.span.begin < start:
                continue
            named = found.mentions_in(s.span.begin, s.span.end, "actor")
            subjects_here = list(dict.fromkeys(m.key for m in named if self._is_subject(s, m)
                                               and not modifies_another(s, m, named)))
            subjects_before, previous = (subjects_here or subjects_before), subjects_before
            subjects_before_this = previous
            text = s.span.text
            if re.match(r"\s*(if|whether|unless)\b", text, re.I):
                continue   # a condition states no position
            if self._noted_fact(text):
                continue   # a preambular paragraph: "NOTING that our reliance on X underscored the importance
                # of Y" tells what is noted as a fact
            names = [m for m in found.mentions_in(s.span.begin, s.span.end) if m.type in ("actor", "agreement")]
            issues = [m for m in found.mentions_in(s.span.begin, s.span.end, "issue")
                      if not any(n.span.begin <= m.span.begin and m.span.end <= n.span.end for n in names)]
            # (an issue inside a name, "Global Agriculture and Food Security Program", is the name's)
            issues = [m for m in issues if not _qualified_by_issue(s, m, issues)]
            if issues:
                self._aims_in_apposition(doc, found, s, issues)
            inside = [(m.span.begin - s.span.begin, m.span.end - s.span.begin) for m in issues]
            found_cues, of_subject = self._find_cues(s)
            cues = sorted({c for c in found_cues if not any(b <= c[0] < e for b, e in inside)})
            # an issue named with its cue of support ("our respect for human rights") bears it
            leading = {(b, e): c for c in found_cues for b, e in inside
                       if c[0] == b and c[1] < e and c[2] == "supports" and " " in text[c[0]:c[1]]}
            cues = sorted(set(cues) | set(leading.values()))
            if not cues:
                continue
            told = self._negotiations_told(doc, found, s, negotiation)
            for m in told:
                found.add(m)   # (so that no phrase is minted around it)
            if told:
                issues = sorted(issues + told, key=lambda m: (m.span.begin, m.span.end))
            minted = self._objects_named(doc, found, s, cues, of_subject)
            if minted:
                issues = sorted(issues + minted, key=lambda m: (m.span.begin, m.span.end))
            if not issues:
                continue
            speaker = found.speakers.get(s.line)
            self.prev_subjects = subjects_before_this
            seen = set()
            used = set()
            listed: tuple | None = None   # (end of the issue before, its cue): a list goes on with its cue
            for issue in issues:
                at = issue.span.begin - s.span.begin
                before = [c for c in cues if c[1] <= at and (len(text[c[1]:at].split()) <= MAX_GAP or (
                              len(text[c[1]:at].split()) <= 3 * MAX_GAP and EXAMPLES.search(text[c[1]:at])))
                          and c not in of_subject
                          and not _other_clause(s, c[3], issue)]
                after = [c for c in cues if c[0] >= at + len(issue.span.text)
                         and len(text[at + len(issue.span.text):c[0]].split()) <= 4
                         and not re.search(r"[;:]", text[at + len(issue.span.text):c[0]])
                         and not _in_subject_of(s, c[3], issue)]
                before = [c for c in before if c not in leading.values()]
                after = [c for c in after if c not in leading.values()]
                cue = before[-1] if before else (after[0] if after else None)
                own = leading.get((at, at + len(issue.span.text)))
                if cue is None and own is not None:
                    cue = own
                said_of = self._predicated(s, issue, of_subject, cues)
                if said_of is not None:
                    cue = said_of   # "The peaceful resolution of conflicts, ..., are vital"
                if cue is None and listed is not None and (LIST_GOES_ON.fullmatch(text[listed[0]:at]) or (
                        listed[2] and EXAMPLES_GO_ON.fullmatch(text[listed[0]:at]))) and \
                        not _other_clause(s, listed[1][3], issue):
                    cue = listed[1]   # "We support the rule of law, ..., democratic values, and territorial integrity"
                listed_before, listed = listed, None
                if cue is None:
                    continue
                cb, ce, pos, cue_tok = cue
                between = text[ce:at] if ce <= at else ""
                if cue in self.shielded:
                    if not _within_object(s, cue[3], issue):
                        continue   # "protect our communities from harms emerging from X": what is warded off
                elif any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", between, re.I) for w in self.exclusion):
                    continue   # "support the carve-out of humanitarian activities from sanctions"
                if pos == "supports" and NOT_DOING.match(between):
                    pos = "opposes"   # "the importance of not imposing export restrictions"
                last = between.split()[-1].casefold() if between.split() else ""
                if pos == "supports" and (_removes(s, cue_tok, issue.span.begin, self.removal) or
                                          last in self.removal):
                    pos = "opposes"   # "called on Beijing to end the subsidies": what is to be removed
                    # ("..., combat climate change", however the parser reads "combat")
                gerund = re.match(r"\s+(?:\w+ly\s+)?(\w+ing)\b", text[ce:ce + 40]) if ce <= at else None
                if pos == "opposes" and gerund and _lemma_at(s, s.span.begin + ce + gerund.start(1)) in self.harm:
                    pos = "supports"   # "avoid adversely impacting food security": food security is upheld
                own_negation = re.search(r"\b(not|no|never|cannot|n't)\b", text[cb:ce], re.I)   # "not agreed"
                if NEGATION.search(text[:cb]) or (not own_negation and _clause_negated(list(s.sent), cue_tok)):
                    if pos == "opposes":
                        continue   # "is not a company that complains about market access"
                    pos = "opposes"   # "has not agreed to increase quotas"
                elif pos == "supports" and any(c[2] == "opposes" and c[1] <= cb and
                                               _governs(list(s.sent), c[3], cue_tok) for c in cues):
                    pos = "opposes"   # "would find it difficult to accept your asking for X": the ask is rejected
                if pos == "supports" and REFRAIN.search(text[:cb]):
                    continue   # "commits to refrain from supporting X" states no support
                if pos == "supports" and " " not in text[cb:ce] and _committed_act(list(s.sent), cue_tok, self.acts):
                    continue   # "we will ... support global health security": an action pledged (a cue of
                    # its own words, "efforts to promote", still states a position)
                if pos == "supports" and self._listed_act(doc, found, s, cb, cue_tok):
                    continue   # "Hereby decide to: 2. Support the continued implementation of X": the act committed
                used.add(cue)
                if cb < at:
                    listed = (at + len(issue.span.text), cue, bool(EXAMPLES.search(text[ce:at])) or (
                        listed_before is not None and listed_before[2] and listed_before[1] == cue))
                for holder in self._holders(doc, found, s, s.span.begin + cb, speaker, cue_tok):
                    if (holder, issue.key) not in seen:
                        seen.add((holder, issue.key))
                        found.stances.append(Stance(doc.doc.name, s.span, holder, issue.key, pos))
            for m in minted:   # a phrase named as an issue only where a stance on it was found
                if any(k == m.key for _, k in seen):
                    found.add(m)
            for m in told:
                if not any(k == m.key for _, k in seen):
                    found.remove(m)
            # a cue with an agent of its own bears on the issue just before it: "pressure for X,
            # but its efforts have been blocked by the EU"
            mentions = found.mentions_in(s.span.begin, s.span.end, "actor")
            for cue in cues:
                if cue in used:
                    continue
                by = agent_actors(s, mentions, list(s.sent), cue[3])
                prior = [m for m in issues if m.span.end - s.span.begin <= cue[0]
                         and len(text[m.span.end - s.span.begin:cue[0]].split()) <= MAX_GAP]
                if by and prior:
                    for holder in by:
                        if (holder, prior[-1].key) not in seen:
                            seen.add((holder, prior[-1].key))
                            found.stances.append(Stance(doc.doc.name, s.span, holder, prior[-1].key, cue[2]))

    def _noted_fact(self, text: str) -> bool:
        """Whether a sentence is a preambular paragraph of what is noted to be so: an opening
        participle in capitals of a verb of noting, then "that" ("NOTING that ...", "RECALLING
        that ...")."""
        m = re.match(r"\s*(?:FURTHER\s+|ALSO\s+)?([A-Z]{2,})ING\s+that\b", text)
        if not m:
            return False
        stem = m.group(1).casefold()
        return any(w in self.noting for w in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem))

    def _listed_act(self, doc, found: Findings, s, cb: int, cue_tok: int) -> bool:
        """Whether a cue of support is the act of an item listed under a lead-in of commitment
        ("Hereby decide to: 1. Support ASEAN's vision ...", "... while supporting capacity building
        activities"): a one-word verb or noun of support-act in a list item that a pledge holds."""
        toks = list(s.sent)
        if not doc.lines[s.line].marker or not 0 <= cue_tok < len(toks) or not _under_lead_in(doc, s.line):
            return False
        tok = toks[cue_tok]
        if tok.pos_ == "ADP":
            tok = tok.head   # "support for X", "in support of X"
        if tok.lemma_.casefold() not in self.acts and tok.lower_ not in self.acts:
            return False
        at = s.span.begin + cb
        return any(p.span.begin <= at < p.span.end for p in found.pledges)

    def _the_negotiation(self, found: Findings) -> str | None:
        """The one negotiation the document names, which its bare "the negotiations" or "the
        talks" are: the one named round ("Kennedy Round") of those it names, or the only one."""
        keys = sorted({m.key for m in found.of_type("issue") if m.key in self.negotiation_issues})
        named = [k for k in keys if self.negotiation_issues[k][:1].isupper()]
        if len(named) == 1:
            return named[0]
        return keys[0] if len(keys) == 1 else None

    def _negotiations_told(self, doc, found: Findings, s, key: str | None) -> list[Mention]:
        """The bare nouns of negotiation ("all desire successful negotiations", "block EEC
        participation in the negotiations") of a sentence, as the document's one negotiation."""
        if key is None:
            return []
        taken = found.mentions_in(s.span.begin, s.span.end)
        out = []
        for t in s.sent:
            if t.lower_ not in self.negotiation_nouns or any(
                    c.dep_ in ("compound", "poss", "nmod") or (c.dep_ == "prep" and c.lower_ in TOPIC_PREPS)
                    for c in t.children):
                continue   # ("negotiations on a free trade agreement" say which they are)
            nxt = t.nbor(1) if t.i + 1 < t.doc.__len__() else None
            if nxt is not None and nxt.lower_ in TOPIC_PREPS:
                continue   # (however the parser attaches the phrase)
            b, e = s.tok_begin(t), s.tok_end(t)
            if any(m.span.begin < e and b < m.span.end for m in taken):
                continue
            out.append(Mention("issue", doc.span(b, e), key, self.negotiation_issues[key], None,
                               "stance-negotiation"))
        return out

    @staticmethod
    def _predicated(s, issue, of_subject, cues):
        """The predicate cue whose subject holds the issue ("the reopening of the refinery would be
        highly desirable"), however long the subject is; or None."""
        toks = list(s.sent)
        for cue in cues:
            if cue not in of_subject or not 0 <= cue[3] < len(toks):
                continue
            adj = toks[cue[3]]
            for subj in (c for c in adj.head.children if c.dep_ in ("nsubj", "nsubjpass")):
                sub = list(subj.subtree)
                if s.tok_begin(sub[0]) <= issue.span.begin and issue.span.end <= s.tok_end(sub[-1]):
                    return cue
            # what the predicate is needed for: "Strengthening the conditions ... is necessary to
            # increase access to global markets" (an infinitive of the adjective or of its copula)
            for inf in (c for c in [*adj.children, *adj.head.children] if c.dep_ == "xcomp"
                        and c.pos_ == "VERB" and c.i > adj.i and any(x.lower_ == "to" and x.dep_ == "aux"
                                                                     for x in c.lefts)):
                sub = list(inf.subtree)
                if s.tok_begin(sub[0]) <= issue.span.begin and issue.span.end <= s.tok_end(sub[-1]):
                    return cue
        return None

    def _objects_named(self, doc, found: Findings, s, cues, of_subject) -> list[Mention]:
        """Issues the vocabulary does not know, named by what a cue governs: "opposes further auto
        concessions", "call for transparent and results-oriented reform at the World Health
        Organization", "firmly opposes what he called interference in its internal affairs".

        The phrase is the cue's object (a verb's direct object, the object of its preposition, or
        of the preposition a noun cue governs), with its modifiers and prepositional phrases,
        without its determiner, quantifiers ("any", "further") and relative clauses; its
        infinitive ("attempts to change the status quo") is kept in the span and left out of the
        label. Not where the object is an actor, an instrument, a sector or a known issue, a
        word of no issue ("efforts", "progress"), or where the cue praises an event ("welcome")."""
        toks = list(s.sent)
        taken = found.mentions_in(s.span.begin, s.span.end)
        out: list[Mention] = []
        for cb, ce, pos, k in cues:
            if not 0 <= k < len(toks):
                continue
            first = s.span.text[cb:ce].split()[0].casefold()
            if first in self.of_events or toks[k].lemma_.casefold() in self.of_events:
                continue
            if (toks[k].lemma_.casefold(),) in self.verb_only:
                continue   # "we need a comprehensive, coordinated approach": what is needed is seldom an issue
            if (cb, ce, pos, k) in of_subject:
                continue   # the subject of a predicate: minting it named no issue of the gold sets
            verb = toks[k].head if toks[k].pos_ == "ADP" else toks[k]
            if verb.dep_ in ("acl", "amod", "relcl"):
                continue   # "forces opposed to democratic practices": a description, no one's stance
            known = [m.span.begin for m in found.mentions_in(s.span.begin, s.span.end, "issue")
                     if 0 <= m.span.begin - s.span.begin - ce and
                     len(s.span.text[ce:m.span.begin - s.span.begin].split()) <= MAX_GAP]
            asked = _act_asked(toks, k, self.appeals)
            if asked is None and (toks[k].lower_ in ("on", "upon") or
                                  any(c.dep_ == "xcomp" for c in toks[k].children)):
                continue   # "call on both governments", "urge the parties to": whom a cue addresses
            objects = _cue_objects(toks, asked.i - toks[0].i) if asked is not None else \
                _cue_objects(toks, k, self.wishes)
            if known:   # the cue bears on an issue the vocabulary knows; of a verb's coordinated objects,
                # one before it is its own ("support stronger governance and adherence to the rule of law")
                objects = [o for o in objects[:1] if len(objects) > 1 and o.dep_ == "dobj" and
                           s.tok_end(_own_phrase(o)[-1]) <= min(known)]
            for obj in objects:
                m = self._antecedent(doc, s, toks, obj, k, taken) if self._anaphoric(obj) else \
                    self._mint(doc, s, toks, obj, taken)
                if m is not None and not any(x.key == m.key and x.span.begin == m.span.begin for x in out):
                    out.append(m)
        return out

    def _anaphoric(self, obj) -> bool:
        """Whether an object only points back: "such behavior", "these practices"."""
        return obj.lemma_.casefold() in self.anaphoric and \
            any(c.lower_ in ("such", "this", "these", "that", "those") for c in obj.lefts)

    def _antecedent(self, doc, s, toks, obj, k: int, taken) -> Mention | None:
        """What an object that points back stands for, as an issue: the act named by the last
        gerund before the cue, with its object ("Drawing lessons from recent incidents of
        weaponizing energy and other economic dependencies, we stand firmly against such
        behavior"), where no issue the vocabulary knows is named before it."""
        base = toks[0].i
        before = [t for t in toks[1:k] if t.tag_ == "VBG" and t.i < obj.i]
        if not before or any(m.type == "issue" and m.span.end <= s.tok_begin(toks[k]) for m in taken):
            return None
        t = before[-1]
        if any(c.dep_ == "dobj" for c in t.children):
            last = t.right_edge
        elif t.dep_ in ("compound", "amod") and t.head.i > t.i:
            last = t.head.right_edge
        else:
            return None
        words = [x for x in toks[t.i - base:last.i - base + 1] if x.is_alpha]
        if not 2 <= len(words) <= 9 or last.i >= toks[k].i:
            return None
        b, e = s.tok_begin(t), s.tok_end(last)
        if any(m.span.begin < e and b < m.span.end and m.type != "sector" for m in taken):
            return None   # (an act on a sector is still an act: "weaponizing energy")
        label = doc.text[b:e]
        return Mention("issue", doc.span(b, e), str(ISSUE[slug(label)]), label, None, "stance-objects")

    def _mint(self, doc, s, toks, obj, taken) -> Mention | None:
        """The issue a noun phrase names, or None."""
        phrase = self._phrase(toks, obj)
        if phrase is None:
            return None
        (lb, le), (fb, fe) = phrase
        b, e = s.tok_begin(toks[lb]), s.tok_end(toks[le])
        fb_, fe_ = s.tok_begin(toks[fb]), s.tok_end(toks[fe])
        if any(m.span.begin < fe_ and fb_ < m.span.end and (m.type != "actor" or
               (m.span.begin <= s.tok_begin(obj) < m.span.end)) for m in taken):
            return None   # the phrase is, or holds, something the document names otherwise
        label = doc.text[b:e]
        if not re.search(r"[a-z]", label) or re.search(r"\d", label) or norm(label) in self.actor_names:
            return None
        if lb == 0 and toks[0].pos_ != "PROPN" and not toks[0].text.isupper():
            label = label[:1].lower() + label[1:]   # capitalised only as the sentence's first word
        return Mention("issue", doc.span(fb_, fe_), str(ISSUE[slug(label)]), label, None, "stance-objects")

    def _phrase(self, toks, obj):
        """The token ranges of the label and of the whole phrase an object heads, or None."""
        if obj.pos_ not in ("NOUN",) or obj.lemma_.casefold() in self.generic or obj.lower_ in self.generic or \
                obj.lemma_.casefold() in self.removal:
            return None   # ("demands its withdrawal": what is to be removed is the issue, not the removal)
        base = toks[0].i
        left = [c for c in obj.lefts if c.dep_ not in ("det", "predet", "punct", "cc", "advmod", "prep")
                and c.lower_ not in self.quantifiers and not (c.dep_ == "poss" and c.pos_ == "PRON")]
        if any(c.dep_ == "det" and c.lower_ in ("this", "these", "that", "those", "such") for c in obj.lefts):
            return None   # "such behavior", "these principles": what was named before
        start = min([x.i for c in left for x in c.subtree] + [obj.i])
        while start < obj.i and (toks[start - base].lower_ in self.quantifiers or
                                 toks[start - base].dep_ in ("det", "predet", "punct", "cc") or
                                 (toks[start - base].dep_ == "advmod" and toks[start - base].pos_ == "ADV")):
            start += 1   # (an adverb of degree leads no issue's name: "even closer cooperation")
        end = obj.i
        for c in obj.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "in", "on", "to", "for", "against", "at", "from", "with", "between"):
                sub = list(c.subtree)
                if any(x.text in (",", ";", "(", ":") or x.dep_ == "relcl" for x in sub) or len(sub) > 7:
                    break
                end = max(end, sub[-1].i)
                continue
            break
        full_end = end
        for c in obj.rights:
            if c.dep_ == "acl" and c.i > end and any(x.lower_ == "to" for x in c.lefts):
                cut = min([x.left_edge.i for x in c.children if x.dep_ in ("cc", "conj")] + [c.right_edge.i + 1])
                sub = [x for x in c.subtree if x.i < cut]
                if len(sub) <= 7 and not any(x.text in (",", ";") for x in sub):
                    full_end = sub[-1].i
                break
        words = [t for t in toks[start - base:end - base + 1] if t.is_alpha]
        if len(words) < 2 or len(words) > 9:   # a lone noun ("concessions", "the region") names no issue
            return None
        return (start - base, end - base), (start - base, full_end - base)

    def _aims_in_apposition(self, doc, found: Findings, s, issues) -> None:
        """ "numerical targets, an initial U.S. objective": the actor named in the apposition supports the issue."""
        actors = found.mentions_in(s.span.begin, s.span.end, "actor")
        for issue in issues:
            after = doc.text[issue.span.end:s.span.end]
            m = self.apposition.match(after)
            if not m:
                continue
            b, e = issue.span.end + m.start("mods"), issue.span.end + m.end("mods")
            holders = [a.key for a in actors if b <= a.span.begin and a.span.end <= e]
            holders += [self.demonyms[w] for w in m["mods"].split() if w in self.demonyms]
            for holder in dict.fromkeys(holders):
                found.stances.append(Stance(doc.doc.name, s.span, holder, issue.key, "supports"))

    def _find_cues(self, s) -> tuple[list[tuple[int, int, str, int]], set]:
        """Cues of the sentence as (begin, end, position, token), offsets into the sentence's text,
        and those of them that bear on their subject only.

        Cue words match a token's lemma or its lower-cased form, so "calling for" is "call
        for" and "objective" is not "object". A noun matches only where it governs what follows
        ("demands for", "support for"), not as a plain noun ("domestic demand"); a predicate
        adjective ("will be necessary") supports its subject."""
        toks = list(s.sent)
        out = []
        # the predicates bear on their subject ("opening markets is important"), not on what follows
        # them, unless "it" stands for what follows ("it is regrettable that ...")
        of_subject = set()
        for k, tok in enumerate(toks):
            if in_hyphenated_word(tok):
                continue   # "a profit-seeking endeavor": a word of a compound modifier states no position
            firsts = {tok.lower_, tok.lemma_.casefold()}
            for words, pos in _candidates(self.cues_at, firsts):
                if _matches(toks, k, words) and _cue_usage_ok(toks, k, len(words)) and \
                        (words not in self.verb_only or (tok.pos_ == "VERB" and
                                                         not any(c.dep_ == "xcomp" for c in tok.children))):
                    out.append((s.tok_begin(tok) - s.span.begin, s.tok_end(toks[k + len(words) - 1]) - s.span.begin,
                                pos, k + len(words) - 1))
            for words, pos in _candidates(self.predicates_at, firsts):
                if _matches(toks, k, words) and tok.dep_ == "acomp":
                    out.append((s.tok_begin(tok) - s.span.begin, s.tok_end(tok) - s.span.begin, pos, k))
                    if not any(c.lower_ == "it" and c.dep_ in ("nsubj", "expl") for c in tok.head.children):
                        of_subject.add(out[-1])
        # "protect X from Y": the "from" of a verb of protection opposes what it governs
        self.shielded = set()
        for k, tok in enumerate(toks):
            if tok.pos_ != "VERB" or tok.lemma_.casefold() not in self.protection:
                continue
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "from" and 0 <= c.i - toks[0].i < len(toks):
                    j = c.i - toks[0].i
                    out.append((s.tok_begin(c) - s.span.begin, s.tok_end(c) - s.span.begin, "opposes", j))
                    self.shielded.add(out[-1])
        return out, of_subject

    def _holders(self, doc, found: Findings, s, cue_at: int, speaker: str | None, cue_tok: int) -> list[str]:
        names = found.mentions_in(s.span.begin, s.span.end, "agreement")
        mentions = [m for m in found.mentions_in(s.span.begin, s.span.end, "actor")
                    if not any(n.span.begin <= m.span.begin and m.span.end <= n.span.end for n in names)]
        # (an actor inside an instrument's name, "the Charter of the United Nations", is the name's)
        by = agent_actors(s, mentions, list(s.sent), cue_tok)
        if by:
            return by   # "blocked by the EU", "objections from the League of Nations"
        sent = list(s.sent)
        if 0 <= cue_tok < len(sent) and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "that")
                                            for c in sent[cue_tok].children):
            return []   # "the Luzon Economic Corridor, which will support connectivity": a thing's effect
        actors = [m for m in mentions if m.span.end <= cue_at and not modifies_another(s, m, mentions)]
        subjects = [m.key for m in actors if self._is_subject(s, m)] or \
            self._listed_with_subject(doc, s, actors, sent, cue_tok)
        if subjects:
            if speaker and any(t.lower_ in ("i", "we") and is_subject(t) and s.tok_end(t) <= cue_at for t in s.sent):
                subjects.append(speaker)   # "Kantor and I agree that ..."
            return list(dict.fromkeys(subjects))
        head = doc.text[s.span.begin:cue_at]
        low = head.casefold()
        if found.issuers:
            for phrase in self.collective:
                hits = [h for h in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", low)
                        if not _qualified_part(head, h.start(), mentions, s.span.begin)]
                if hits:
                    return list(found.issuers)   # "We support ...", "the Parties recognise ...": the issuers
        for phrase in self.joint:
            if phrase in ("they", "we", "both", "the two", "together"):
                continue
            if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", low):
                return list(found.parties[:2]) if re.search(r"\b(both|two)\b", phrase) else list(found.parties)
        if speaker and (FIRST_PERSON.search(head) or not actors):
            return [speaker]
        toks = list(s.sent)
        owner = toks[cue_tok].head if 0 <= cue_tok < len(toks) and toks[cue_tok].pos_ == "ADP" else None
        if any(t.lower_ in ("they", "we") and is_subject(t) and s.tok_end(t) <= cue_at for t in toks) or \
                any(t.lower_ == "our" and t.dep_ == "poss" and owner is not None and t.head.i == owner.i
                    for t in toks):   # "Second is our respect for human rights": the speaker's side's
            # "They firmly reject ...": the actors named before, if several (they are plural), else the parties
            return list(self.prev_subjects if len(self.prev_subjects) > 1 else found.parties)
        if len(self.prev_subjects) == 1 and found.kind(self.prev_subjects[0]) == "Person" and not actors and \
                any(t.lower_ in ("he", "she") and t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and
                    s.tok_end(t) <= cue_at for t in toks):
            return list(self.prev_subjects)   # "The Prime Minister agreed ... He preferred that ...": the one named before
        committed = [p.by for p in found.pledges if p.span.begin <= cue_at < p.span.end]
        if committed and not actors and 0 <= cue_tok < len(toks) and toks[cue_tok].pos_ == "VERB":
            return list(committed[0])   # a bullet under "The two governments will:" ("insist on reciprocity")
        line = doc.lines[s.line]
        if found.issuers and not mentions and (not line.marker or line.marker_type == "number"):
            return list(found.issuers)   # a declaration's impersonal sentence: "The use of nuclear weapons is
            # inadmissible" (not a bullet of a plan: "Support for regional approaches to ..." is an action)
        return []

    @staticmethod
    def _listed_with_subject(doc, s, actors, sent, cue_tok: int) -> list[str]:
        """The actors listed right before the subject of the cue's verb, in one run of commas and
        "and" ("the UK, Italy, Germany, and the Benelux countries all desire ...", where the parser
        takes the names for an apposition): each of them holds the position."""
        if not 0 <= cue_tok < len(sent):
            return []
        verb = sent[cue_tok].head if sent[cue_tok].pos_ == "ADP" else sent[cue_tok]
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if subj is None:
            return []
        at = s.tok_begin(subj.left_edge)
        out = []
        for m in sorted(actors, key=lambda m: -m.span.begin):
            if m.span.end > at:
                continue
            if not LIST_SEPARATOR.fullmatch(doc.text[m.span.end:at]):
                break
            out.append(m.key)
            at = m.span.begin
        return list(reversed(out)) if out else []

    @staticmethod
    def _is_subject(s, m) -> bool:
        tok = mention_root(s, m.span.begin, m.span.end)
        return tok is not None and is_subject(tok, SUBJECT_DEPS)




def apposition_pattern(aim_nouns) -> re.Pattern:
    """What follows an issue to call it someone's aim: '," an initial U.S. objective', 'on Japanese
    cars, which was a Japanese priority'."""
    nouns = "|".join(re.escape(n) for n in sorted(aim_nouns, key=len, reverse=True))
    return re.compile(
        r"""^(?:\s+(?:on|of|for|in|to|from)\s+[^,;]{1,60}?)?["”'’»\s]*,\s*["“'‘«]?\s*"""
        r"(?:which\s+(?:was|is|has\s+been|had\s+been|remains|became)\s+)?"
        r"(?:an?|the|its|their|one)\s+(?P<mods>(?:[\w.’'-]+\s+){0,4}?)(?P<noun>" + nouns + r")\b", re.I)
NOUN_CUE_FOLLOWERS = {"for", "of", "to", "from", "against", "with", "over", "about", "on", "toward", "towards"}
OBJECT_PREPS = {"for", "against", "to", "on", "upon", "about", "over", "of"}
LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+|or\s+)?(?:the\s+)?|\s+(?:and|or)\s+(?:the\s+)?", re.I)
TOPIC_PREPS = {"on", "upon", "about", "over", "of", "for", "concerning", "regarding", "toward", "towards"}


def _act_asked(toks, k: int, appeals):
    """The act a cue asks of whom it addresses: "call on UN Member States ... to provide in-kind
    donations" (provide), "urged Tokyo to commit to a coal phase-out" (commit), or None."""
    t = toks[k]
    verb = t.head if t.pos_ == "ADP" and t.lower_ in ("on", "upon") else t
    if verb.pos_ != "VERB" or verb.lemma_.casefold() not in appeals or \
            (verb is t and not any(c.dep_ == "dobj" for c in t.children)):
        return None   # (a verb of appeal only: "supports coordinated intervention to correct X" asks no one)
    addressed = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                 for p in c.children if p.dep_ == "pobj"] + [c for c in verb.children if c.dep_ == "dobj"]
    acts = [c for c in verb.children if c.pos_ == "VERB" and (c.dep_ == "xcomp" or (
        c.dep_ == "advcl" and any(x.lower_ == "to" and x.dep_ == "aux" for x in c.lefts)))] + \
        [c for a in addressed for c in a.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and
         any(x.lower_ == "to" for x in c.lefts)]
    return acts[0] if acts else None


def _cue_objects(toks, k: int, wishes=None) -> list:
    """The phrases a cue ending at token k governs: the object of its preposition ("call for X",
    "concerns about X"), a verb's direct object ("opposes X"; "what he called X": X), or the
    object of the preposition right after it ("insist on X", "object to X"); and what is
    coordinated with each ("X and Y")."""
    t = toks[k]
    heads = []
    if t.pos_ == "ADP":
        heads = [c for c in t.children if c.dep_ == "pobj"]
    elif t.pos_ == "VERB":
        heads = [c for c in t.children if c.dep_ == "dobj" and c.i > t.i]
        for v in t.children:   # "opposes what he called X", "opposes what its ministry calls X"
            if not heads and v.dep_ == "ccomp" and v.lemma_.casefold() == "call" and \
                    any(c.lower_ == "what" for c in v.children):
                heads = [c for c in v.children if c.dep_ in ("oprd", "dobj") and c.lower_ != "what"]
        if not heads:
            heads = [p for c in t.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS and c.i <= t.i + 2
                     for p in c.children if p.dep_ == "pobj"]
        if not heads and wishes is not None and t.lemma_.casefold() in wishes:
            # "He preferred that the current discussions in Geneva continue there": what is wished to be so
            heads = [n for c in t.children if c.dep_ == "ccomp" and c.i > t.i and
                     any(x.dep_ == "mark" and x.lower_ == "that" for x in c.children) and
                     not any(x.dep_ == "neg" for x in c.children)   # ("insisted that the amended agreement
                     # must not touch Korean agriculture": the agreement is not what is wanted)
                     for n in c.children if n.dep_ in ("nsubj", "nsubjpass") and n.pos_ == "NOUN"]
    elif t.pos_ == "NOUN":
        heads = [p for c in t.children if c.dep_ == "prep" and c.i == t.i + 1 and c.lower_ in OBJECT_PREPS
                 for p in c.children if p.dep_ == "pobj"]
    out = []
    for h in heads:
        out.append(h)
        out += [c for c in h.conjuncts if c.i > h.i and c.pos_ == "NOUN"]
    return out


REFRAIN = re.compile(r"\b(refrain|abstain|desist|cease|stop)\w*\s+(from\s+)?(\w+\s+){0,3}$", re.I)


def _own_phrase(t) -> list:
    """The tokens of the phrase t heads, without what is coordinated with it."""
    out = [t]
    for c in t.children:
        if c.dep_ not in ("conj", "cc"):
            out += list(c.subtree)
    return sorted(out, key=lambda x: x.i)


def _under_lead_in(doc, i: int) -> bool:
    """Whether list item line i is one of a list a lead-in opens ("Hereby decide to:"), not a
    numbered paragraph: the first line before its list that is no item ends with a colon."""
    for j in range(i - 1, -1, -1):
        line = doc.lines[j]
        if line.marker or not line.text.strip():
            continue
        return line.lead_in
    return False


def _lemma_at(s, offset: int) -> str:
    """The lemma of the token of sentence `s` that starts at a document offset."""
    return next((t.lemma_.lower() for t in s.sent if s.tok_begin(t) == offset), "")


def _clause_negated(toks, k: int) -> bool:
    """Whether the clause of the cue token k is negated: a "not" on the cue or on the verb whose
    relative or complement clause it is ("is not a company that complains about X")."""
    if not 0 <= k < len(toks):
        return False
    t = toks[k]
    for _ in range(3):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if t.dep_ not in ("relcl", "acl", "xcomp", "attr", "acomp") or t.head is t:
            return False
        t = t.head
    return False


def _removes(s, k: int, issue_at: int, removal) -> bool:
    """Whether, between cue token k and the issue that starts at a document offset, the issue is
    governed by a verb or noun of removal ("call on X to end the subsidies", "urge the lifting of
    sanctions"): walking up from the issue's token, a removal word is met before the cue."""
    toks = list(s.sent)
    t = next((x for x in toks if s.tok_begin(x) <= issue_at < s.tok_end(x)), None)
    if t is None or not 0 <= k < len(toks):
        return False
    for _ in range(6):
        if t.head is t or t.i == toks[k].i:
            return False
        t = t.head
        if toks[k].i < t.i and (t.lemma_.casefold() in removal or t.lower_ in removal):
            return True
    return False


COMMITTING_AUX = {"will", "shall", "'ll", "to"}


def _committed_act(toks, k: int, acts) -> bool:
    """Whether cue token k is a verb of support that is the action of a commitment or a purpose:
    it, or the verb it is coordinated with or the complement of, is said with "will", "shall" or
    "to", or sought ("will look at ways to ..., support X", "seek to deepen ... and support Y"); an
    infinitive that completes "is" ("our aim is to support X") is what is held, not done."""
    if not 0 <= k < len(toks):
        return False
    t = toks[k]
    if t.pos_ != "VERB" or t.lemma_.casefold() not in acts:
        return False
    def seeks_act(v) -> bool:   # "seek to strengthen their competitiveness": what is sought is an act
        return v.lemma_.casefold() in acts and any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in v.children)
    for _ in range(4):
        if seeks_act(t):
            return True   # and "we seek to deepen our ties, support the development of SMEs"
        aux = {c.lower_ for c in t.children if c.dep_ == "aux"} & COMMITTING_AUX
        if aux == {"to"} and t.dep_ == "xcomp" and t.head.lemma_ == "be":
            return False   # "our vision is to support X", "it is essential to uphold X": a position
        if aux:
            return True
        if t.dep_ not in ("conj", "xcomp", "advcl") or t.head is t:
            return False
        t = t.head
    return False


def _governs(toks, k: int, j: int) -> bool:
    """Whether token k is an ancestor of token j other than through coordination ("opposes X and
    calls for Y" is two positions; "cannot accept your asking for Y" is one)."""
    if not (0 <= k < len(toks) and 0 <= j < len(toks)):
        return False
    t = toks[j]
    while t.head.i != t.i:
        if t.dep_ == "conj":
            return False
        t = t.head
        if t.i == toks[k].i:
            return True
    return False


def _cue_words(cue: str) -> tuple[str, ...]:
    """A cue as the words spaCy's tokens carry: "cannot" is "can not"."""
    return tuple(cue.casefold().replace("cannot", "can not").replace("n't", " n't").split())


def _by_first_word(cues: list[tuple[tuple[str, ...], str]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, (words, _) in enumerate(cues):
        out.setdefault(words[0], []).append(i)
    return {w: [cues[i] for i in ids] for w, ids in out.items()}


def _candidates(index: dict, firsts: set[str]) -> list:
    """The cues that may begin at a token with these forms (its lower-cased form, its lemma)."""
    return [c for w in sorted(firsts) for c in index.get(w, ())]


def _matches(toks, k: int, words: tuple[str, ...]) -> bool:
    if k + len(words) > len(toks):
        return False
    return all(toks[k + j].lower_ == w or toks[k + j].lemma_.casefold() == w for j, w in enumerate(words))


def _cue_usage_ok(toks, k: int, n: int) -> bool:
    """A one-word cue that is a noun states a position only when it governs a phrase
    ("demands for", "objections from"); as a modifier ("support staff") it states none."""
    tok = toks[k]
    if tok.dep_ == "compound":
        return False
    if n == 1 and tok.pos_ in ("NOUN", "PROPN"):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        return nxt is not None and nxt.lower_ in NOUN_CUE_FOLLOWERS
    if toks[k + n - 1].lower_ == "to" and k + n < len(toks) and toks[k + n].tag_ == "VB":
        return False   # "a commitment to a free and open Indo-Pacific", not "commitments to address": an act
    return True


def _qualified_part(head: str, at: int, mentions, offset: int) -> bool:
    """Whether a collective phrase at `at` of the text before a cue is qualified by a capitalised
    word that is no actor's name ("Central Asian leaders welcome ...": some of the leaders, not
    the text's voice; "the G20 Leaders" are the forum's)."""
    if not head[at:at + 1].islower():
        return False
    before = re.search(r"([A-Z][\w’'-]*)\s+$", head[:at])
    if before is None or before.start() == len(head[:at]) - len(head[:at].lstrip()):
        return False   # (a sentence's first word)
    b = offset + before.start(1)
    return not any(m.span.begin <= b < m.span.end for m in mentions)


def _qualified_by_issue(s, m, issues) -> bool:
    """Whether issue m is the head noun of a phrase that another issue right before it qualifies
    ("the global illegal drug environment": the setting of the drug trade, not the environment)."""
    root = mention_root(s, m.span.begin, m.span.end)
    if root is None:
        return False
    for o in issues:
        if o.span.end <= m.span.begin and not s.span.text[o.span.end - s.span.begin:m.span.begin - s.span.begin].strip():
            last = [t for t in s.sent if o.span.begin <= s.tok_begin(t) and s.tok_end(t) <= o.span.end]
            if last and last[-1].dep_ in ("compound", "nmod") and last[-1].head.i == root.i:
                return True
    return False


def _within_object(s, k: int, issue) -> bool:
    """Whether the issue lies in what the preposition token k governs."""
    toks = list(s.sent)
    if not 0 <= k < len(toks):
        return False
    for obj in (c for c in toks[k].children if c.dep_ == "pobj"):
        sub = list(obj.subtree)
        if s.tok_begin(sub[0]) <= issue.span.begin and issue.span.end <= s.tok_end(sub[-1]):
            return True
    return False


def _in_subject_of(s, cue_tok: int, issue) -> bool:
    """Whether the issue lies in the subject of the cue's verb ("U.S. automakers dependent on
    global auto supply chains have also opposed": who opposes, described, not what is opposed)."""
    toks = list(s.sent)
    if not 0 <= cue_tok < len(toks) or toks[cue_tok].pos_ not in ("VERB", "AUX"):
        return False
    for subj in (c for c in toks[cue_tok].children if c.dep_ == "nsubj"):   # (a passive's subject is
        # what is opposed: "the tariffs are opposed by automakers")
        sub = list(subj.subtree)
        if s.tok_begin(sub[0]) <= issue.span.begin and issue.span.end <= s.tok_end(sub[-1]):
            return True
    return False


def _other_clause(s, cue_tok: int, issue) -> bool:
    """Whether the issue lies in a clause coordinated after the cue's ("resist protectionist
    measures and remains committed to open markets": open markets are not resisted)."""
    toks = list(s.sent)
    if not 0 <= cue_tok < len(toks):
        return False
    root = mention_root(s, issue.span.begin, issue.span.end)
    cue = toks[cue_tok]
    above = {a.i for a in cue.ancestors}
    t = root
    while t is not None and t.head.i != t.i:   # (spaCy makes a new token object at each access: compare indices)
        if t.i == cue.i or t.i in above:
            return False
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and t.head.i <= cue.i:
            return True   # a verb coordinated after the cue's own clause holds the issue
        if t.dep_ == "acl" and t.head.pos_ == "NOUN" and t.i > cue.i and \
                any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
            return True   # "rejects the idea that its exports threaten U.S. national security": the
            # position is on the claim, not on what the claim names
        t = t.head
    return False
