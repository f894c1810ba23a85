"""Persons: names with an office ("Prime Minister Tomiichi Murayama", "U.S. Trade
Representative Mickey Kantor"), names spaCy recognises, and office holders
named by office alone ("the Secretary of State").

Who a person represents comes from the words around the office: a country or
its adjective before it ("U.S. Trade Representative", "Japanese Prime
Minister"), "of <country>" after it, or else the nearest country named in the
same sentence or, failing that, the country the role belongs to in the role
vocabulary, or else the document's first principal party.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model.iri import ACTOR, slug
from ..language.lexicon import Lexicon
from ..language.matcher import PhraseMatcher
from ..model import Mention, Span
from ..model.text import is_acronym, is_capitalized, norm
from .base import Findings, sentence_span
from .syntax import mention_root

NAME_STOP = {"of", "and", "the", "for", "to", "in", "on", "at", "with", "said", "says", "who", "has",
             "had", "is", "was", "will", "would", "also", "that", "as", "by"}
OFFICE_LEAD = {"the", "a", "an", "former", "then", "new"}
# "the Assistant Chief of the Petroleum Division (Moline)": an office, and its holder's name in parentheses
OFFICE_NAMED = re.compile(
    r"\b[Tt]he\s+(?P<office>[A-Z][\w.\u2019'-]*(?:[ \t]+(?:(?:of|for|in|on|and|the|to)[ \t]+)*[A-Z][\w.\u2019'-]*)*)"
    r"[ \t]+\((?P<name>[A-Z][a-z\u00e0-\u00ff\u2019'-]+(?:[ \t]+(?:[A-Z]\.|[A-Z][a-z\u00e0-\u00ff\u2019'-]+)){0,2})\)")
NOTES = re.compile(r"\s*(?:(?:Notes|Footnotes)\s*$|Source:)", re.I)   # where a paper's notes begin
# a name alone on a line: "Timberlake", "George W. Ball", "KNAPPER"
SIGNED = re.compile(r"(?:[A-Z][a-z\u00e0-\u00ff\u2019'-]+|[A-Z]\.)(?: (?:[A-Z][a-z\u00e0-\u00ff\u2019'-]+|[A-Z]\.)){0,3}"
                    r"|[A-Z]{3,}")
HEAD_LINES = 12   # the lines a paper's series, title and routing are read from
EMBASSY_IN = re.compile(r"\bfrom:?\s+(?:the\s+)?(?:american\s+)?(?:embassy\s+(?:in\s+)?|amembassy\s+|legation\s+in\s+|"
                        r"consulate(?:\s+general)?\s+(?:in|at)\s+)", re.I)
OFFICE_OF = re.compile(r"\b([A-Z][a-z]+)\s+of\s+(?:the\s+)?$")   # "Office of the " before a title


@lru_cache(maxsize=4)
def role_matcher(lex: Lexicon) -> PhraseMatcher[tuple[str, str, bool]]:
    """Offices as they title names: capitalised ("Prime Minister"), or in lower case
    after a nationality ("North Korean leader"), which the extractor checks; and capitalised in
    the plural, titling the names of a pair ("Executive Vice Presidents Margrethe Vestager and
    Valdis Dombrovskis"). The payload's flag says plural."""
    pm: PhraseMatcher[tuple[str, str, bool]] = PhraseMatcher()
    for e in lex.of_type("role"):
        for form in e.surface_forms:
            pm.add(form[:1].upper() + form[1:], (e.iri, e.label, False))
            pm.add(form.lower(), (e.iri, e.label, False))
            plural = _plural(form)
            if plural != form:
                pm.add(plural[:1].upper() + plural[1:], (e.iri, e.label, True))
    return pm


def _plural(title: str) -> str:
    """'Prime Ministers', 'Secretaries of State', 'Chairmen': the title's head word in the plural."""
    words = title.split()
    k = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    w = words[k]
    if not w.isalpha() or w.endswith("s"):
        return title
    if w.endswith("man"):
        w = w[:-3] + "men"
    elif w.endswith("y") and w[-2:-1] not in "aeiou":
        w = w[:-1] + "ies"
    else:
        w = w + "s"
    return " ".join([*words[:k], w, *words[k + 1:]])


@lru_cache(maxsize=4)
def demonym_map(lex: Lexicon) -> dict[str, str]:
    """Nationality adjectives and country names, to the country's IRI."""
    out = {}
    for e in lex.of_type("actor"):
        if e.kind == "Country":
            for form in [*e.demonyms, *e.surface_forms]:
                out.setdefault(form, e.iri)
    return out


@lru_cache(maxsize=4)
def actor_names(lex: Lexicon) -> frozenset[str]:
    """Every name of the gazetteers' actors, normalised (`norm`)."""
    return frozenset(norm(f) for e in lex.of_type("actor") for f in e.surface_forms)


@lru_cache(maxsize=4)
def common_words(lex: Lexicon) -> frozenset[str]:
    """Words of the vocabularies (sectors, issues, instruments, organisation heads): not parts of names."""
    out: set[str] = set()
    for typ in ("sector", "issue", "instrument", "orghead"):
        for e in lex.of_type(typ):
            for form in e.surface_forms:
                for w in re.findall(r"[A-Za-z]+", form):
                    if len(w) > 3:
                        out.add(w.casefold())
                        out.add(w.casefold() + "s")
    return frozenset(out)


@lru_cache(maxsize=4)
def place_names(lex: Lexicon) -> frozenset[str]:
    """The names the gazetteer gives states, their capitals and other places standing for them
    ("Buenos Aires", "Tokyo"): a run of capitalised words equal to one is no person's name."""
    out: set[str] = set()
    for e in lex.of_type("actor"):
        if e.kind == "Country" or e.metonyms:
            out.update(f.casefold() for f in (*e.surface_forms, *e.metonyms))
    for e in lex.of_type("region"):
        out.update(f.casefold() for f in e.surface_forms)
    return frozenset(out)


class Persons:
    name = "persons"

    def __init__(self, lexicon: Lexicon, model_names: bool = True):
        self.lexicon = lexicon
        self.model_names = model_names   # take the statistical model's PERSON names too
        self.roles = role_matcher(lexicon)
        self.nationality = demonym_map(lexicon)
        self.common_words = common_words(lexicon)
        self.places = place_names(lexicon)
        self.titles = lexicon.cues("name-title")
        self.heads = frozenset(f.casefold() for e in lexicon.of_type("orghead") for f in e.surface_forms)
        # words no name after a title is made of ("Secretary General", "Mr. Chairman")
        self.role_words = frozenset(
            w.casefold() for e in lexicon.of_type("role") for f in e.surface_forms for w in re.findall(r"[A-Za-z]+", f))
        self.not_names = self.common_words | self.role_words
        self.speech = lexicon.cues("speech-verb")
        self.series = lexicon.cues_longest_first("archive-series")
        self.known_names = actor_names(lexicon)   # a state or a body that "said" is no person
        self.not_whom_for = lexicon.cues("place-preposition") | lexicon.cues("not-whom-for")
        self.agent_nouns = frozenset(w.casefold() for w in lexicon.cues("agent-noun"))

    def __call__(self, doc, found: Findings) -> None:
        self._evidence: dict[str, list[tuple[str, int, Span | None]]] = {}
        self._placed: dict[str, tuple[str, str]] = {}   # person: (preposition, state) of "Ambassador to X Name"
        text = doc.text
        start = doc.doc.body_start
        toks = doc.tokens
        index = {b: i for i, (b, _, _) in enumerate(toks)}
        covered = [(m.span.begin, m.span.end) for m in found.of_type("actor")]
        named: list[tuple[Mention, str]] = []
        titled: list[tuple[str, int, int, str, int | None, Span]] = []
        offices: list[tuple[int, int, str, str]] = []
        for m in self.roles.find(text, toks):
            if m.begin < start or any(b <= m.begin and m.end <= e for b, e in covered):
                continue  # an office inside an organisation's name, or the organisation itself
            role_iri, role_label, plural = m.payloads[0]
            before = OFFICE_OF.search(text, max(0, m.begin - 40), m.begin)
            if before and before.group(1).casefold() in self.heads:
                continue   # "Office of the Press Secretary", "Office of the United States Trade
                # Representative": the name of a body, no person
            if m.text[:1].islower() and not self._nationality_before(text, m.begin, doc) and \
                    not _country_right_before(found, m.begin):
                continue   # "leader" alone is a word; "North Korean leader", "Chinese Foreign Ministry spokesman" are offices
            i = index.get(m.begin)
            j = doc.token_at(m.end)
            name_toks = _name_after(toks, j, doc, self.lexicon)
            if name_toks and doc.breaks(m.end, toks[name_toks[0]][0]):
                name_toks = []   # a title ending a line does not title the next line
            if name_toks and any(x.kind != "Person" and x.span.begin < toks[name_toks[-1]][1]
                                 and toks[name_toks[0]][0] < x.span.end for x in found.of_type("actor")):
                name_toks = []   # "Co-Chairs European Commission Executive ...": a body follows, no name
            placed = None
            if not name_toks:
                # "Prime Minister of Japan Fumio Kishida", "North Vietnamese Ambassador to
                # Indonesia Pham Binh": the state of the title, then the name
                name_toks, placed = self._name_after_state(doc, found, m.end)
            if plural and name_toks and any(toks[k][2].casefold() in self.common_words for k in name_toks):
                name_toks = []   # "the Young Southeast Asian Leaders Initiative": a thing, not a name
                # (in the singular a name may be a word of the vocabularies: "President Kennedy")
            if plural and not name_toks:
                continue   # a title in the plural alone ("the Foreign Ministers") is no one
            inner = [x for x in found.mentions if x.type == "actor" and x.kind != "Country"
                     and m.begin < x.span.begin and x.span.end <= m.end]
            for x in inner:   # "the Treasury" inside "the Secretary of the Treasury" names the office
                found.remove(x)   # (a body the title opens with, "European Council President", is named)
            title_begin, had_name = m.begin, bool(name_toks)
            while name_toks:
                b, e = toks[name_toks[0]][0], toks[name_toks[-1]][1]
                name = " ".join(text[b:e].split())
                key = str(ACTOR[slug(name)])
                full = doc.span(b if placed else title_begin, e)   # (the state named between is an actor of its own)
                mention = Mention("actor", full, key, name, "Person", self.name)
                found.add(mention)
                said = sentence_span(doc, m.begin, e)
                found.note(key, "role", role_label, said)
                titled.append((key, m.begin, e, role_iri, i, said))   # (whom the title says, for each of a pair)
                if placed:
                    self._placed[key] = placed
                named.append((mention, role_label))
                covered.append((title_begin, e))
                after = name_toks[-1] + 1
                name_toks = []
                if plural and after + 1 < len(toks) and toks[after][2] == "and":
                    # "... Margrethe Vestager and Valdis Dombrovskis": the plural titles the second too
                    name_toks = _name_after(toks, after + 1, doc, self.lexicon)
                    title_begin = toks[after + 1][0] if name_toks else title_begin
                    plural = False
            if not had_name and i is not None and _office_context(toks, i, doc):
                offices.append((m.begin, m.end, role_iri, role_label))
        self._archive, self._host = self._archive_and_host(doc, found)
        found.archive = self._archive
        self._titled_names(doc, found, covered, start, titled)
        self._names_after_offices(doc, found, covered, start, titled)
        if self.model_names:
            self._spacy_persons(doc, found, covered, start)
        self._speaking_surnames(doc, found, covered, start)
        self._signature(doc, found, covered, start)
        self._affiliations(doc, found)
        # whom each titled person represents, once every person is known: "President Trump and
        # Vice Premier Liu He of the People's Republic of China": China is the one named after
        self._roles = {key: role_iri for key, _, _, role_iri, _, _ in titled if role_iri}
        for key, b, e, role_iri, i, said in titled:
            prep, state = self._placed.get(key, (None, None))
            if prep == "of":
                self._weigh(key, (state, SAID), said)   # "Prime Minister of Japan Fumio Kishida"
            else:
                self._weigh(key, self._represents(doc, found, b, e, role_iri, i, not_of=state), said)
        self._offices(doc, found, offices, named)
        self._one_name_for_the_full(found)
        self._note_represents(doc, found)
        self._administrations(doc, found)
        self._citations(doc, found)

    def _affiliations(self, doc, found: Findings) -> None:
        """A name followed, after a comma or in brackets, by what the person is of: "Mr. K.B. Lall,
        a very senior official in the Indian Ministry of Commerce", "Edgar Kaiser, President of
        Kaiser Industries Corporation", "Mr. Kendall (President of Pepsi Cola)". The noun is an
        office's word or a noun of people (`kgc:agent-noun`); the body, company or state named
        right after its "of" ("in", "at" for a body) is whom the person represents."""
        text = doc.text
        actors = [x for x in found.of_type("actor") if x.kind != "Person"]
        for m in [x for x in found.of_type("actor") if x.kind == "Person"]:
            if "office" in found.attrs.get(m.key, {}):
                continue
            at = AFFILIATION.match(text, m.span.end, min(len(text), m.span.end + 100))
            if at is None or doc.breaks(m.span.end, at.end()) or \
                    at["noun"].casefold() not in self.role_words | self.agent_nouns:
                continue
            body = next((x for x in actors if x.span.begin == at.end()), None)
            if body is None or (body.kind == "Country" and at["prep"] != "of"):
                continue
            self._weigh(m.key, (body.key, SAID), sentence_span(doc, m.span.begin, body.span.end))

    def _citations(self, doc, found: Findings) -> None:
        """A paper's source note cites and routes; it names no actor of the paper: in the
        paragraph "Source: ..." of its notes, the citation itself ("Source: Library of Congress,
        Manuscript Division, Kissinger Papers, Box TS 63") and the sentences without a subject
        ("Repeated to London, Kuwait, Jidda, and Dhahran.", "Top Secret; Sensitive.") hold no
        actor; nor does a bracketed reference of another note ("(UN doc. S/RES/242 (1967),
        printed in American Foreign Policy: Current Documents, 1967, pp. 616–617)")."""
        lines = [ln for ln in doc.lines if ln.span.begin >= doc.doc.body_start]
        notes = next((k for k, ln in enumerate(lines) if NOTES.match(ln.text)), None)
        if notes is None:
            return
        for ln in lines[notes:]:
            source = ln.text.lstrip().startswith("Source:")
            for sent in doc.sentences:
                if not (ln.span.begin <= sent.span.begin < ln.span.end):
                    continue
                said = sent.span.text.lstrip()
                if not (source or said.startswith("(")):
                    continue   # a note's bracketed reference cites as the source note does
                if said.startswith("Source:") or \
                        not any(t.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for t in sent.sent):
                    b, e = sent.span.begin, sent.span.end
                    found.keep(lambda x: not (x.type == "actor" and b <= x.span.begin and x.span.end <= e))

    def _administrations(self, doc, found: Findings) -> None:
        """"the Clinton Administration" is the government of the state its leader represents."""
        persons = {m.label.split()[-1]: m.key for m in found.of_type("actor") if m.kind == "Person"}
        for m in list(found.mentions):
            words = m.label.split()
            if m.type != "actor" or len(words) != 2 or words[1].casefold() != "administration":
                continue
            person = persons.get(words[0])
            rep = sorted(found.attrs.get(person, {}).get("represents", ())) if person else []
            country = rep[0] if rep else (found.parties[0] if found.parties and person else None)
            if country is None:
                continue
            found.remove(m)
            found.add(Mention("actor", m.span, country, found.label(country), "Country", self.name))

    def _nationality_before(self, text: str, b: int, doc=None) -> str | None:
        at = self._nationality_span(text, b, doc)
        return at[0] if at else None

    def _nationality_span(self, text: str, b: int, doc=None) -> tuple[str, int, int] | None:
        """The state whose nationality (or name) stands right before offset b, with the offsets of
        its words: "Korean Trade Minister", "North Vietnamese Ambassador". Only on the title's own
        line: a memorandum's participants list ends a line with "Ambassador of India" and begins the
        next with "Mr. Frederic P. Bartlett" or "The President"."""
        start = max(0, b - 60)
        found = [(w.group(), w.start() + start, w.end() + start) for w in re.finditer(r"\S+", text[start:b])]
        if doc is not None:
            found = [w for w in found if not doc.breaks(w[2], b)]
        for skip in range(3):   # "Korean Trade Minister": the nationality before the office's own words
            if skip and not (len(found) > skip and found[-skip][0][:1].isupper() and found[-skip][0].isalpha()
                             and found[-skip][0].casefold() not in OFFICE_LEAD):
                break   # (not "The": "... of Japan / The President")
            head = found[:len(found) - skip]
            for n in (3, 2, 1):
                if len(head) >= n:
                    iri = self.nationality.get(" ".join(w for w, _, _ in head[-n:]))
                    if iri:
                        return iri, head[-n][1], head[-1][2]
        return None

    def _weigh(self, person: str, evidence: tuple[str, int] | None, said: Span | None = None) -> None:
        """Keep what one mention says of whom `person` represents, with how strongly, and the
        text it says it in."""
        if evidence is not None:
            self._evidence.setdefault(person, []).append((*evidence, said))

    def _note_represents(self, doc, found: Findings) -> None:
        """Whom each person represents: what the strongest evidence of any of their mentions says
        (a state named with the office, "Prime Minister of Japan", outweighs the state a
        sentence happens to name beside a list of persons)."""
        if self._host:
            # a cable from an embassy tells of the host state's people: a person whom nothing
            # places more firmly than the states a sentence names is the host's
            for m in found.of_type("actor"):
                if m.kind == "Person" and m.key not in self._evidence:
                    self._weigh(m.key, (self._host, NEAR), sentence_span(doc, m.span.begin, m.span.end))
        elif self._archive:
            # a government's own paper: a person it names without anything placing him is
            # guessed to be of that government ("Nixon received talking points from Kissinger")
            for m in found.of_type("actor"):
                if m.kind == "Person" and m.key not in self._evidence:
                    self._weigh(m.key, (self._archive, GUESS), sentence_span(doc, m.span.begin, m.span.end))
        for person, evidence in self._evidence.items():
            best = max(strength for _, strength, _ in evidence)
            strongest = [(k, said) for k, strength, said in evidence if strength == best]
            if self._host and best <= NEAR:
                strongest = [(self._host, said) for _, said in strongest]
            elif best == GUESS:
                side = self._archive_side(person) or \
                    self._other_side(doc, found, person, strongest) or self._one_side(found, person)
                if side is not None:
                    strongest = [(side, said) for _, said in strongest]
            for key in dict.fromkeys(k for k, _ in strongest):
                said = next(said for k, said in strongest if k == key)
                found.note(person, "represents", key, said)
                body = self.lexicon.get(key)
                if body is not None and body.kind == "InternationalOrganization" and body.parent and \
                        (union := self.lexicon.get(body.parent)) is not None and \
                        union.kind == "InternationalOrganization":
                    found.note(person, "represents", union.iri, said)   # the Commission's president, and the EU's

    def _one_name_for_the_full(self, found: Findings) -> None:
        """"Minister Kim" of a text that names "Kim Hyun-chong", "Secretary Kantor" of one that
        names "Mickey Kantor": one name that begins or ends the full name of exactly one person
        of the document is that person, and what is said of either is said of the one."""
        persons = [m for m in found.of_type("actor") if m.kind == "Person"]
        full: dict[str, set[str]] = {}
        for m in persons:
            words = m.label.split()
            if len(words) >= 2 and "office" not in found.attrs.get(m.key, {}):
                for w in {words[0], words[-1]}:
                    full.setdefault(w.casefold(), set()).add(m.key)
        for m in persons:
            words = m.label.split()
            whose = full.get(words[0].casefold(), set()) if len(words) == 1 else set()
            if len(whose) != 1 or m.key in whose:
                continue
            target = next(iter(whose))
            found.remove(m)
            found.add(Mention("actor", m.span, target, found.label(target), "Person", m.source))
            moved = self._evidence.pop(m.key, [])
            if moved:
                self._evidence.setdefault(target, []).extend(moved)
            for attr, values in found.attrs.pop(m.key, {}).items():
                for v in values:
                    found.note(target, attr, v, found.evidence.get((m.key, attr, v)))

    def _archive_side(self, person: str) -> str | None:
        """In a paper of a government's archive ("Foreign Relations of the United States"), a
        person nothing in it places ("Acting Secretary Herter", "Dr. Kissinger", "Ambassador
        Meyer") is of that government, whose papers name its own people by title and surname,
        unless the person's office is absent in that state (a prime minister, an emperor)."""
        if not self._archive:
            return None
        role = self.lexicon.get(self._roles.get(person, ""))
        if role is not None and self._archive in set(role.notes.get("absentIn", [])):
            return None
        return self._archive

    def _one_side(self, found: Findings, person: str) -> str | None:
        """The one state that every other person the text places serves, by office or by what it
        says ("Memorandum From the Under Secretary of State (Ball) to President Kennedy": the
        memo's Mr. Blumenthal, placed by nothing, is of the same side rather than of the state
        the memo names most)."""
        states = {k for other, evidence in self._evidence.items() if other != person
                  for k, strength, _ in evidence if strength >= OFFICE and found.kind(k) == "Country"}
        role = self.lexicon.get(self._roles.get(person, ""))
        if len(states) != 1 or (role is not None and states & set(role.notes.get("absentIn", []))):
            return None   # (a prime minister is not of the United States)
        return next(iter(states))

    def _other_side(self, doc, found: Findings, person: str, guessed) -> str | None:
        """In a text between two states, a person of no stated state named in the paragraph of
        another who is said to speak for one of them ("The Federal Minister ..., Peter Altmaier,
        and the French Minister ..., Bruno Le Maire, present ...") speaks for the other."""
        states = [p for p in found.parties if found.kind(p) == "Country"]
        if len(states) != 2:
            return None
        lines = {doc.line_index(said.begin) for _, said in guessed if said is not None}
        taken = {k for other, evidence in self._evidence.items() if other != person
                 for k, strength, said in evidence
                 if strength == SAID and said is not None and doc.line_index(said.begin) in lines}
        free = [p for p in states if p not in taken]
        if len(free) == 1 and any(k in taken for k, _ in guessed):
            return free[0]
        return None

    def _name_after_state(self, doc, found: Findings, end: int) -> tuple[list[int], tuple[str, str] | None]:
        """The name after a title's state ("... of Japan Fumio Kishida", "... to Indonesia Pham
        Binh"), with the preposition and the state; or no name."""
        at = STATE_OF_TITLE.match(doc.text, end)
        if at is None:
            return [], None
        state = next((x for x in found.of_type("actor") if x.kind == "Country" and x.span.begin in (at.start(2), at.end())), None)
        if state is None or doc.breaks(end, state.span.end):
            return [], None
        j = doc.token_at(state.span.end)
        name_toks = _name_after(doc.tokens, j, doc, self.lexicon) if j is not None else []
        if not name_toks or doc.breaks(state.span.end, doc.tokens[name_toks[0]][0]) or \
                doc.text[state.span.end:doc.tokens[name_toks[0]][0]] != " ":
            return [], None
        return name_toks, (at.group(1).casefold(), state.key)

    def _represents(self, doc, found: Findings, b: int, e: int, role_iri: str,
                    i: int | None, not_of: str | None = None) -> tuple[str, int] | None:
        sent = doc.sentence_at(b)
        countries = [m for m in found.of_type("actor") if m.kind == "Country"]
        # a country or its adjective right before the office
        # (right before: "Japanese Prime Minister", not "... of India, Prime Minister": that is the last one's)
        before = [m for m in countries if 0 <= b - m.span.end <= 2 and not doc.text[m.span.end:b].strip()
                  and not doc.breaks(m.span.end, b)]
        if before:
            return before[-1].key, SAID
        bodies = [m for m in found.of_type("actor") if m.kind in BODY_KINDS and 0 <= b - m.span.end <= 24
                  and TITLE_WORDS.fullmatch(doc.text[m.span.end:b]) and not doc.breaks(m.span.end, b)]
        if bodies:
            return bodies[-1].key, SAID   # "European Commission President", "Bundesbank President",
            # "European Commission Executive Vice Presidents"
        nationality = self._nationality_span(doc.text, b, doc)
        if nationality:
            key, nb, ne = nationality
            if not any(m.key == key for m in countries) and (entry := self.lexicon.get(key)) is not None:
                # the state the title names by its nationality alone ("North Vietnamese Ambassador")
                found.add(Mention("actor", doc.span(nb, ne), key, entry.label, "Country", self.name))
            return key, SAID
        # "Prime Minister of Japan"
        after = [m for m in countries if 0 <= m.span.begin - e <= 8 and doc.text[e:m.span.begin].strip() in ("of", "of the")]
        if after:
            return after[0].key, SAID
        entry = self.lexicon.get(role_iri)
        if entry and entry.parent:
            return entry.parent, OFFICE
        absent = set(entry.notes.get("absentIn", [])) if entry else set()
        if not_of:
            absent.add(not_of)   # an ambassador to a state is not of it
        parties = [p for p in found.parties if p not in absent]
        others = [m for m in found.of_type("actor") if m.kind == "Person" and not (m.span.begin <= b < m.span.end)]
        if sent is not None:
            near = [m for m in countries if sent.span.begin <= m.span.begin < sent.span.end
                    and m.key not in absent and not _locative(doc.text, m.span.begin, self.not_whom_for)
                    and not _of_another(doc.text, m, others)
                    and not _reported(sent, m.span.begin, m.span.end, b, e)]
            # the document's own parties first: its persons mostly speak for them
            near = [m for m in near if m.key in parties] or ([] if parties else near)
            if near:
                return min(near, key=lambda m: abs(m.span.begin - b)).key, NEAR
        line = next((ln for ln in doc.lines if ln.span.begin <= b < ln.span.end), None)
        if line is not None:
            # "(b) Japan. The Ministry of Economy ... Minister Nishimura has stated": the state the paragraph is about
            earlier = [m for m in countries if line.span.begin <= m.span.begin < b and m.key not in absent
                       and not _locative(doc.text, m.span.begin, self.not_whom_for)]
            if earlier:
                return earlier[-1].key, NEAR
        return (parties[0], GUESS) if parties else None

    def _titled_names(self, doc, found: Findings, covered: list[tuple[int, int]], start: int, titled) -> None:
        """A name after a title that is no office of its own ("Mr. Blumenthal", "Secretary Rusk"):
        a person, whom the words around say they represent."""
        toks, text = doc.tokens, doc.text
        for i, (tb, te, word) in enumerate(toks):
            if not word[:1].isupper() or word.casefold() not in self.titles or tb < start:
                continue
            if any(cb <= tb < ce for cb, ce in covered):
                continue
            j = i + 1
            if word[-1:] != "." and j < len(toks) and toks[j][2] == "." and toks[j][0] == te:
                j += 1   # "Mr" "." as two tokens
            name_toks = _name_after(toks, j, doc, self.lexicon)
            if not name_toks or doc.breaks(toks[j - 1][1], toks[name_toks[0]][0]):
                continue
            b, e = toks[name_toks[0]][0], toks[name_toks[-1]][1]
            name = " ".join(text[b:e].split())
            if any(w.casefold() in self.not_names for w in name.split()) or name.casefold() in self.places:
                continue   # "Secretary General", "Mr. Chairman": no name
            if any(x.span.begin < e and b < x.span.end for x in found.of_type("actor")):
                continue   # "Secretary Kerry's" already a person, "the Secretary Council": a body
            key = str(ACTOR[slug(name)])
            found.add(Mention("actor", doc.span(tb, e), key, name, "Person", self.name))
            covered.append((tb, e))
            titled.append((key, tb, e, "", i, sentence_span(doc, tb, e)))

    def _archive_and_host(self, doc, found: Findings) -> tuple[str | None, str | None]:
        """Whose papers a document is, by the series its first line names ("Foreign Relations of
        the United States, 1948, Volume V", `kgc:archive-series`), and the state a cable is sent
        from the capital of ("Telegram From the Embassy in Argentina", "FROM: AMEMBASSY SEOUL")."""
        archive = host = None
        lines = [ln for ln in doc.lines[:HEAD_LINES] if ln.text.strip()]
        if lines and any(lines[0].text.strip().casefold().startswith(c) for c in self.series):
            first = lines[0]
            states = [m.key for m in found.mentions_in(first.span.begin, first.span.end, "actor")
                      if m.kind == "Country"]
            states += [self.nationality[w] for w in re.findall(r"[A-Z][a-z]+", first.text) if w in self.nationality]
            archive = states[0] if states else None
            # the series' title names its volume's subject ("Volume XXVI, Indonesia; Malaysia-Singapore;
            # Philippines"), not who acts in the paper
            found.keep(lambda x: not (x.type == "actor" and first.span.begin <= x.span.begin < first.span.end))
        for ln in lines:
            at = EMBASSY_IN.search(ln.text)
            if at is None:
                continue
            b = ln.span.begin + at.end()
            host = next((m.key for m in found.mentions_in(b, ln.span.end, "actor")
                         if m.kind == "Country" and m.span.begin == b), None)
            if host:
                break
        return archive, host

    def _signature(self, doc, found: Findings, covered: list[tuple[int, int]], start: int) -> None:
        """The name a cable, letter or paper is signed with: the last line of its text (before
        its notes) when that line is a name alone ("Timberlake", "KNAPPER", "George W. Ball"),
        of the sending government: whose papers these are, or the state of the embassy's cable
        ("AMEMBASSY SEOUL"), or of the body it is sent to ("From the Embassy in Argentina to the
        Department of State")."""
        lines = [ln for ln in doc.lines if ln.text.strip() and ln.span.begin >= start]
        last = next((k for k, ln in enumerate(lines) if NOTES.match(ln.text)), len(lines)) - 1
        if last < 1:
            return
        line = lines[last]
        name = " ".join(line.text.split())
        if not SIGNED.fullmatch(name) or not lines[last - 1].text.rstrip().endswith((".", "”", '"', ")")):
            return
        words = [w for w in name.split() if len(w.rstrip(".")) > 1]
        if any(w.casefold() in self.not_names for w in words) or name.casefold() in self.places or \
                norm(name) in self.known_names:
            return
        b, e = line.span.begin + line.text.index(name.split()[0]), line.span.begin + len(line.text.rstrip())
        if any(cb < e and b < ce for cb, ce in covered) or found.mentions_in(b, e, "actor"):
            return
        key = str(ACTOR[slug(name)])
        found.add(Mention("actor", doc.span(b, e), key, name, "Person", self.name))
        covered.append((b, e))
        sender = self._archive or self._sender(doc, found)
        if sender:
            self._weigh(key, (sender, OFFICE), doc.span(b, e))

    def _sender(self, doc, found: Findings) -> str | None:
        """The state a cable's routing lines send it for: an American embassy's, or that of the
        body an embassy reports to."""
        for ln in doc.lines[:HEAD_LINES]:
            if re.search(r"\bAMEMBASSY\b", ln.text):
                return self.nationality.get("American")
            at = EMBASSY_IN.search(ln.text)
            to = re.search(r"\s+to\s+(?:the\s+)?", ln.text[at.end():]) if at else None
            if to is None:
                continue
            b = ln.span.begin + at.end() + to.end()
            for m in found.mentions_in(b, ln.span.end, "actor"):
                entry = self.lexicon.get(m.key)
                if m.kind == "Country":
                    return m.key
                if entry is not None and entry.parent and found.kind(entry.parent) in (None, "Country") and \
                        (parent := self.lexicon.get(entry.parent)) is not None and parent.kind == "Country":
                    return parent.iri
        return None

    def _names_after_offices(self, doc, found: Findings, covered: list[tuple[int, int]], start: int,
                             titled) -> None:
        """A name in parentheses after an office the roles vocabulary does not hold, as archives
        title their papers ("Memorandum by the Assistant Chief of the Petroleum Division
        (Moline)", "the Ambassador in Argentina (Beaulac)"): a person, of that office. The office
        is a run of capitalised words after "the" with a word of the roles vocabulary in it (an
        office of the vocabulary itself, "the Under Secretary of State (Ball)", is read with its
        holder by `_offices`); the name is one to three capitalised words, no acronym ("(NADD)"),
        place or word of the vocabularies ("Committee on Development (Committee)")."""
        text = doc.text
        for m in OFFICE_NAMED.finditer(text):
            if m.start() < start:
                continue
            office, name = m["office"], " ".join(m["name"].split())
            if not any(w.casefold() in self.role_words for w in re.findall(r"[A-Za-z]+", office)):
                continue
            words = name.split()
            if any(w.casefold() in self.not_names or is_acronym(w) for w in words) or \
                    name.casefold() in self.places or norm(name) in self.known_names:
                continue
            if any(r.end == len(office) for r in self.roles.find(office)):
                continue   # an office of the roles vocabulary: its holder in brackets is found with it
            b, e = m.start("name"), m.end("name")
            if any(cb < e and b < ce for cb, ce in covered) or found.mentions_in(b, e, "actor"):
                continue
            key = str(ACTOR[slug(name)])
            said = sentence_span(doc, m.start("office"), m.end())
            found.add(Mention("actor", doc.span(b, e), key, name, "Person", self.name))
            found.note(key, "role", " ".join(office.split()), said)
            covered.append((b, e))
            titled.append((key, m.start("office"), m.end("office"), "", doc.token_at(m.start("office")), said))
            if self._archive and doc.line_index(m.start()) < HEAD_LINES:
                # the author a paper's title names serves the government whose papers these are
                self._weigh(key, (self._archive, OFFICE), said)

    def _speaking_surnames(self, doc, found: Findings, covered: list[tuple[int, int]], start: int) -> None:
        """A lone capitalised name that speaks more than once ("Frigerio said ...", "Frigerio
        requested memo ...", `kgc:speech-verb`) is a person, though the model did not read it as
        one: a cable names its interlocutor by surname. Not a name the gazetteers know ("Tokyo
        said"), a place, an acronym or a word of the vocabularies."""
        uses: dict[str, list[tuple[int, int]]] = {}
        addressed: set[str] = set()   # names that speak to a person of the text
        surnames = {w for m in found.of_type("actor") if m.kind == "Person"
                    and "office" not in found.attrs.get(m.key, {}) for w in m.label.split()[-1:]}
        for sent in doc.sentences:
            for t in sent.sent:
                if t.dep_ != "nsubj" or t.pos_ != "PROPN" or t.head.i < t.i or \
                        t.head.lemma_.casefold() not in self.speech:
                    continue
                if _addressee(t.head) in surnames - {t.text}:
                    addressed.add(t.text)   # "Rountree told Mehta ...", "Enders reported to Rostow"
                if any(c.dep_ in ("compound", "det", "poss", "amod") for c in t.children):
                    continue   # one word, alone: "the Frigerio plan" and "Mr. X" are found otherwise
                if not (t.is_alpha and is_capitalized(t.text)) or is_acronym(t.text):
                    continue
                b, e = sent.tok_begin(t), sent.tok_end(t)
                if b >= start:
                    uses.setdefault(t.text, []).append((b, e))
        for name, spans in sorted(uses.items()):
            if (len(spans) < 2 and name not in addressed) or name.casefold() in self.not_names or \
                    name.casefold() in self.places or \
                    norm(name) in self.known_names:
                continue
            key = str(ACTOR[slug(name)])
            for b, e in spans:
                if any(cb < e and b < ce for cb, ce in covered) or found.mentions_in(b, e, "actor"):
                    continue
                found.add(Mention("actor", doc.span(b, e), key, name, "Person", self.name))
                covered.append((b, e))

    def _spacy_persons(self, doc, found: Findings, covered: list[tuple[int, int]], start: int) -> None:
        headings = [ln.span for ln in doc.lines if ln.heading]
        person_counts: dict[str, int] = {}
        for sent in doc.sentences:
            for ent in sent.sent.ents:
                if ent.label_ == "PERSON":
                    person_counts[ent.text] = person_counts.get(ent.text, 0) + 1
        known_surnames = {m.label.split()[-1]: m for m in found.of_type("actor")
                          if m.kind == "Person" and len(m.label.split()) >= 2}
        for sent in doc.sentences:
            for ent in sent.sent.ents:
                if ent.label_ != "PERSON":
                    continue
                b, e = sent.tok_begin(ent[0]), sent.tok_end(ent[-1])
                if b < start or any(cb < e and b < ce for cb, ce in covered):
                    continue
                words = ent.text.split()
                if not all(is_capitalized(w) for w in words) or any(is_acronym(w) for w in words):
                    continue
                if any(t.tag_.startswith(("VB", "RB", "JJ")) for t in ent):
                    continue   # a headline's or a slogan's words ("Partners Announce Key Outcomes",
                    # "Recover Together, Recover Stronger"): a name has no verb, adverb or adjective
                if any(w.casefold() in NAME_STOP for w in words) or not ent.text[0].isalpha():
                    continue
                if any(h.begin <= b < h.end for h in headings):
                    continue   # a section title, not a name
                if any(re.sub(r"['\u2019]s$", "", w).casefold() in self.common_words for w in words):
                    continue   # "Vaccine Initiative", "Humanitarian Issues": things, not people
                name = re.sub(r"['\u2019]s$", "", " ".join(words))
                if name.casefold() in self.places:
                    continue   # "Buenos Aires, December 22, 1958": a place, named as the model misread it
                if len(words) == 1 and name not in known_surnames and person_counts.get(name, 0) < 2:
                    # a lone surname is a person where the document names that person in full,
                    # or names the person more than once
                    continue
                key = str(ACTOR[slug(name)])
                found.add(Mention("actor", doc.span(b, e), key, name, "Person", self.name))
                covered.append((b, e))

    def _offices(self, doc, found: Findings, offices, named) -> None:
        """An office named without a name: its holder named in the document, or the office as a person."""
        persons = [m for m in found.of_type("actor") if m.kind == "Person"]
        for b, e, role_iri, role_label in offices:
            holders = [m for m, r in named if r == role_label]
            above = _previous_line_person(doc, b, persons)
            if above is not None:   # a signature: the name, then the title on the next line
                if above not in persons:
                    found.add(above)
                found.add(Mention("actor", doc.span(b, e), above.key, above.label, "Person", self.name))
                said = doc.span(above.span.begin, e)  # the name, then the title below it
                found.note(above.key, "role", role_label, said)
                self._weigh(above.key, self._represents(doc, found, b, e, role_iri, None), said)
                continue
            holder, said = self._holder_beside(doc, found, persons, e)
            if holder is not None:
                found.add(Mention("actor", doc.span(b, e), holder.key, holder.label, "Person", self.name))
                found.note(holder.key, "role", role_label, doc.span(b, said))
                self._weigh(holder.key, self._represents(doc, found, b, e, role_iri, None), doc.span(b, said))
                continue
            if holders:
                h = holders[0]
                found.add(Mention("actor", doc.span(b, e), h.key, h.label, "Person", self.name))
                continue
            key = str(ACTOR[slug(role_label)])
            nat = self._nationality_span(doc.text, b, doc)
            named_from = nat[1] if nat and not doc.text[nat[2]:b].strip() else b
            # "the Indian Finance Minister": the office with the nationality that names its state
            found.add(Mention("actor", doc.span(named_from, e), key, role_label, "Person", self.name))
            said = sentence_span(doc, b, e)
            found.note(key, "role", role_label, said)
            found.note(key, "office", "yes")
            self._weigh(key, self._represents(doc, found, b, e, role_iri, None), said)

    def _holder_beside(self, doc, found: Findings, persons, e: int):
        """The holder an office names right after it, and where that naming ends: "the Under
        Secretary of State (Ball)", "the French Minister of the Economy and Finance, Bruno Le Maire,"."""
        bracket = re.match(r"\s?\(([A-Z][\w'\u2019-]+)\)", doc.text[e:e + 40])
        if bracket:
            surname = bracket.group(1)
            holder = next((m for m in persons if m.label.split()[-1] == surname), None)
            if holder is None:
                holder = Mention("actor", doc.span(e + bracket.start(1), e + bracket.end(1)),
                                 str(ACTOR[slug(surname)]), surname, "Person", self.name)
                found.add(holder)
                persons.append(holder)
            return holder, e + bracket.end()
        comma = re.match(r"(?:\s(?:and|of|for|the|[A-Z][\w-]*)){0,6},\s+", doc.text[e:e + 64])
        if comma:
            holder = next((m for m in persons if m.span.begin == e + comma.end() and len(m.label.split()) >= 2), None)
            if holder is not None:
                return holder, holder.span.end
        return None, e


BODY_KINDS = frozenset({"InternationalOrganization", "GovernmentBody"})
# after a name: ", a very senior official in the ", " (President of "
AFFILIATION = re.compile(r"[ \t]*(?:,|\()[ \t]*(?:(?:a|an|the)[ \t]+)?(?:[A-Za-z-]+[ \t]+){0,3}?(?P<noun>[A-Za-z-]+)"
                         r"[ \t]+(?P<prep>of|in|at)[ \t]+(?:the[ \t]+)?")
# between a body and the title of its officer: nothing, or words of rank ("Executive", "First")
# what joins a title to the state it is of, or accredited to, before the holder's name
STATE_OF_TITLE = re.compile(r"\s+(of|to)\s+((?:the\s+)?)")
TITLE_WORDS = re.compile(r"\s*(?:[A-Z][a-z]+\s+){0,2}")

# How strongly a mention says whom a person represents
SAID, OFFICE, NEAR, GUESS = 3, 2, 1, 0



def _country_right_before(found: Findings, b: int) -> bool:
    """Whether a state (or its government, ministry, side) is named right before offset b."""
    return any(m.kind == "Country" and 0 <= b - m.span.end <= 2 for m in found.of_type("actor"))


def _of_another(text: str, country, persons) -> bool:
    """Whether a country is another person's ("Vice Premier Liu He of the People's Republic of China")."""
    gap_start = max(0, country.span.begin - 12)
    return any(0 <= country.span.begin - p.span.end <= 12 and
               re.fullmatch(r",?\s*of(\s+the)?\s*", text[p.span.end:country.span.begin]) for p in persons
               if p.span.end <= country.span.begin and p.span.end >= gap_start)


def _reported(sent, begin: int, end: int, pb: int, pe: int) -> bool:
    """Whether the country at [begin, end) is named inside a clause that is the complement of a
    verb (what is said, understood or asked: "Mr. Dillon understood that the Government of India
    had a group of experts", "Mehta told Acting Secretary Herter ... that India was at a
    crossroad") which does not hold the person at [pb, pe): the clause's topic, not whom he
    speaks for."""
    tok = mention_root(sent, begin, end)
    while tok is not None and tok.head.i != tok.i:
        if tok.dep_ == "ccomp":
            lo, hi = sent.tok_begin(tok.left_edge), sent.tok_end(tok.right_edge)
            return not (lo <= pb and pe <= hi)
        tok = tok.head
    return False


def _addressee(verb) -> str | None:
    """The one a verb of speech addresses: its object or dative ("told Mehta"), or the object of
    its "to" ("reported to Rostow")."""
    for c in verb.children:
        if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN":
            return c.text
        if c.dep_ == "prep" and c.lower_ == "to":
            objs = [g for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
            if objs:
                return objs[0].text
    return None


def _locative(text: str, begin: int, words_before: frozenset[str]) -> bool:
    """Whether the word before `begin` makes the name a place or a topic ('in Japan', 'to Tokyo',
    'documentation on Palestine')."""
    words = text[max(0, begin - 20):begin].split()
    return bool(words) and words[-1].casefold() in words_before


def _previous_line_person(doc, offset: int, persons):
    """The person whose name alone makes up the line before the one at `offset` (a signature)."""
    for k, ln in enumerate(doc.lines):
        if ln.span.begin <= offset < ln.span.end + 1:
            if k == 0 or ln.span.begin != offset:
                return None
            prev = doc.lines[k - 1].span
            for p in persons:
                if p.span.begin == prev.begin and p.span.end == prev.end:
                    return p
            words = prev.text.split()
            if 2 <= len(words) <= 4 and all(re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?|[A-Z]\.", w) for w in words):
                name = " ".join(words)   # a name alone on the line above a title
                return Mention("actor", prev, str(ACTOR[slug(name)]), name, "Person", "persons")
            return None
    return None




def _name_after(toks, j: int, doc, lexicon=None) -> list[int]:
    """Token indices of a personal name starting at token j: capitalised words and initials, the
    lower-case particles inside a name ("von der Leyen") and a suffix ending it ("Jr.", "III");
    a capitalised headline verb after the name ("... Trump Signs") is not part of it."""
    particles = lexicon.cues("name-particle") if lexicon else frozenset()
    suffixes = {x.casefold() for x in lexicon.cues("name-suffix")} if lexicon else set()
    verbs = lexicon.cues("headline-verb") if lexicon else frozenset()
    out: list[int] = []
    k = j
    while k < len(toks) and len(out) < 7:
        tok = toks[k][2]
        if k > j and doc.breaks(toks[k - 1][1], toks[k][0]):
            break
        if out and tok.casefold() in verbs and tok[:1].isupper():
            break   # "Donald J. Trump Signs": a headline's verb
        if out and tok in particles:
            n = k
            while n < len(toks) and toks[n][2] in particles:
                n += 1
            if n < len(toks) and n - k <= 2 and toks[n][2][:1].isupper() and toks[n][2].isalpha():
                out.extend(range(k, n))   # "Ursula von der Leyen", "Hassan bin Talal"
                k = n
                continue
        if out and (tok.casefold() in suffixes or tok.casefold().rstrip(".") in suffixes) and \
                toks[k][0] <= toks[k - 1][1] + 1:
            out.append(k)   # "James A. Baker III", "Martin Luther King Jr."
            if k + 1 < len(toks) and toks[k + 1][2] == "." and toks[k + 1][0] == toks[k][1]:
                out.append(k + 1)
            break
        if tok.isalpha() and tok[0].isupper() and not tok.isupper() and tok.casefold() not in NAME_STOP:
            out.append(k)
            k += 1
            if k + 1 < len(toks) and toks[k][2] == "-" and toks[k + 1][2].isalpha() and toks[k][0] == toks[k - 1][1]:
                out.append(k + 1)   # Jong-un
                k += 2
            continue
        if len(tok) == 1 and tok.isupper() and k + 1 < len(toks) and toks[k + 1][2] == ".":
            out.append(k)
            out.append(k + 1)
            k += 2
            continue
        break
    while out and not toks[out[-1]][2].isalpha():
        out.pop()
    words = [toks[i][2] for i in out if toks[i][2].isalpha() and len(toks[i][2]) > 1]
    return out if words else []


def _office_context(toks, i: int, doc) -> bool:
    """'the Secretary of State', a memo's 'THE SECRETARY OF STATE', or an office at the start of a line."""
    if i == 0:
        return True
    prev = toks[i - 1][2]
    if prev.casefold() in OFFICE_LEAD:
        return True
    if i >= 2 and prev[:1].isupper() and prev.isalpha() and not prev.isupper() and \
            toks[i - 2][2].casefold() in OFFICE_LEAD:
        return True   # "the French Minister ...", "the Federal Minister ..."
    return doc.breaks(toks[i - 1][1], toks[i][0])
