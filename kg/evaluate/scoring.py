"""Scoring a graph against gold annotations: precision, recall and F1 per type and per attribute.

Users who annotate their own documents in the gold format (one JSON file per
document: actors, agreements, sectors, issues, pledges, stances; see
tests/data/gold/GUIDELINES.md) get the same table the project is judged by:

* entities (actors, agreements, sectors, issues) are matched per document to
  the gold entries by their normalised labels (case, dots, possessives,
  punctuation and a leading "the" ignored), one to one; entries marked
  optional neither count as misses nor make a match a false positive;
* pledges are matched by the words of their evidence: an extracted span
  matches a gold pledge when it holds at least 60% of the gold evidence's words
  and is not much longer (60 words, or four times the gold);
* stances are compared as (holder, issue, position) triples per document;
* attributes are averaged over matched items (actor kind, whom a person
  represents, agreement parties and date, who made a pledge, its sectors,
  issues and instrument);
* provenance is the share of text spans whose offsets reproduce their text.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..ask.output import table
from ..model.resources import GOLD_SCHEMA
from ..model.text import norm as label_key  # how labels compare: 'The U.S.' and 'US' are one

ENTITY_TYPES = {"actors": "Actor", "agreements": "Agreement", "sectors": "Sector", "issues": "Issue"}
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
MIN_COVERAGE = 0.6


class EvaluationError(ValueError):
    """Input that cannot be evaluated, with the reason in one line."""


# ------------------------------------------------------------------ text keys
def word_set(s: str) -> set[str]:
    return set(re.findall(r"\w+", s.casefold()))


def local_name(term) -> str:
    return re.split(r"[#/]", str(term))[-1]


# ------------------------------------------------------------------ results
@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "p": round(self.precision, 4),
                "r": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Scores:
    summary: dict[str, Counts] = field(default_factory=dict)
    attribute_values: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    provenance: dict | None = None
    per_document: dict[str, dict[str, Counts]] = field(default_factory=dict)
    missing_documents: list[str] = field(default_factory=list)
    # what went wrong, item by item: {document, type, error, item, sentence, detail}
    errors: list[dict] = field(default_factory=list)

    @property
    def attributes(self) -> dict[str, float]:
        return {k: round(sum(v) / len(v), 4) for k, v in sorted(self.attribute_values.items()) if v}

    @property
    def attribute_counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in sorted(self.attribute_values.items())}

    def f1(self, typ: str) -> float:
        return round(self.summary[typ].f1, 4)


# ------------------------------------------------------------------ the graph
class GraphIndex:
    """The terms of a graph by local name, whatever namespace the graph uses."""

    def __init__(self, graph):
        from rdflib import RDF, RDFS
        from rdflib.namespace import SKOS
        self.g = graph
        self.RDF, self.RDFS, self.SKOS = RDF, RDFS, SKOS
        self.props: dict[str, set] = defaultdict(set)
        for p in set(graph.predicates()):
            self.props[local_name(p)].add(p)
        self.classes: dict[str, set] = defaultdict(set)
        for c in set(graph.objects(None, RDF.type)) | set(graph.subjects(RDFS.subClassOf, None)) | \
                set(graph.objects(None, RDFS.subClassOf)):
            self.classes[local_name(c)].add(c)
        self.children: dict = defaultdict(set)
        for sub, sup in graph.subject_objects(RDFS.subClassOf):
            self.children[sup].add(sub)

    def instances(self, class_name: str) -> set:
        todo = list(self.classes.get(class_name, ()))
        seen = set(todo)
        while todo:
            for sub in self.children.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return {s for c in seen for s in self.g.subjects(self.RDF.type, c)}

    def values(self, s, prop: str) -> set:
        return {o for p in self.props.get(prop, ()) for o in self.g.objects(s, p)}

    def subjects_with(self, prop: str, o) -> set:
        return {s for p in self.props.get(prop, ()) for s in self.g.subjects(p, o)}

    def label_keys(self, s) -> set[str]:
        keys = {label_key(str(o)) for p in (self.RDFS.label, self.SKOS.prefLabel, self.SKOS.altLabel)
                for o in self.g.objects(s, p)}
        keys.discard("")
        return keys

    def canonical_keys(self, s) -> set[str]:
        return {label_key(str(o)) for p in (self.RDFS.label, self.SKOS.prefLabel) for o in self.g.objects(s, p)}

    def class_names(self, s) -> set[str]:
        names, todo, seen = set(), list(self.g.objects(s, self.RDF.type)), set()
        while todo:
            c = todo.pop()
            if c in seen:
                continue
            seen.add(c)
            names.add(local_name(c))
            todo.extend(self.g.objects(c, self.RDFS.subClassOf))
        return names

    def documents(self) -> dict[str, object]:
        from rdflib.namespace import DCTERMS
        out: dict[str, object] = {}
        for p in (DCTERMS.identifier, DCTERMS.source):
            for s, o in self.g.subject_objects(p):
                out.setdefault(Path(str(o)).name, s)
        return out

    def spans_in(self, node, doc) -> list[str]:
        """The anchor texts of the evidence spans of `node` that lie in document `doc`."""
        from rdflib import URIRef
        out = []
        for span in self.values(node, "wasDerivedFrom"):
            if doc in set(self.g.objects(span, URIRef(NIF + "referenceContext"))):
                anchor = self.g.value(span, URIRef(NIF + "anchorOf"))
                if anchor is not None:
                    out.append(str(anchor))
        return out


# ------------------------------------------------------------------ matching
def bipartite_matching(candidates: dict[int, list[int]]) -> dict[int, int]:
    """A maximum matching of left items to right items (augmenting paths); left -> right."""
    owner: dict[int, int] = {}

    def augment(u: int, visited: set[int]) -> bool:
        for v in candidates.get(u, ()):
            if v in visited:
                continue
            visited.add(v)
            if v not in owner or augment(owner[v], visited):
                owner[v] = u
                return True
        return False

    for u in candidates:
        augment(u, set())
    return {u: v for v, u in owner.items()}


def entry_keys(entry: dict) -> set[str]:
    keys = {label_key(entry["name"])} | {label_key(a) for a in entry.get("aliases", [])}
    keys.discard("")
    return keys


def set_agreement(pred: set, gold: set) -> float:
    if not pred and not gold:
        return 1.0
    return 2 * len(pred & gold) / (len(pred) + len(gold))


def members_of(names: set, gold: dict) -> set:
    """Each collective actor replaced by its members where the gold lists them ("members"):
    "the Parties" of a treaty may be named as the collective or as its states."""
    listed = {e["name"]: e.get("members") for e in gold.get("actors", [])}
    out: set = set()
    for n in names:
        out |= set(listed.get(n) or [n])
    return out


def collective_agreement(pred: set, want: set, gold: dict) -> float:
    """`set_agreement` taking a collective and the list of its members as the same."""
    return max(set_agreement(pred, want), set_agreement(members_of(pred, gold), members_of(want, gold)))


class DocumentScorer:
    """Scores one document's part of the graph against its gold file."""

    def __init__(self, index: GraphIndex, gold: dict, doc, scores: Scores):
        self.ix, self.gold, self.doc, self.scores = index, gold, doc, scores

    def error(self, typ: str, error: str, item: str, sentence: str = "", detail: str = "") -> None:
        self.scores.errors.append({"document": self.gold["document"], "type": typ, "error": error,
                                   "item": item, "sentence": " ".join(sentence.split()), "detail": detail})

    def _label(self, node) -> str:
        return next(iter(sorted(str(o) for o in self.ix.g.objects(node, self.ix.RDFS.label))), str(node))

    def gold_name(self, node, typ: str) -> str | None:
        """The gold entry a node stands for: its canonical label first, then any alias."""
        keys, canon = self.ix.label_keys(node), self.ix.canonical_keys(node)
        hits = [e for e in self.gold.get(typ, []) if keys & entry_keys(e)]
        for e in hits:
            if label_key(e["name"]) in canon:
                return e["name"]
        for e in hits:
            if canon & entry_keys(e):
                return e["name"]
        return hits[0]["name"] if hits else None

    def entities(self, typ: str) -> Counts:
        ix = self.ix
        mentioned = ix.subjects_with("mentionedIn", self.doc) if self.doc is not None else set()
        nodes = sorted(ix.instances(ENTITY_TYPES[typ]) & mentioned)
        entries = self.gold.get(typ, [])
        node_keys = [ix.label_keys(n) for n in nodes]
        keys = [entry_keys(e) for e in entries]
        required = [i for i, e in enumerate(entries) if not e.get("optional")]
        optional = [i for i, e in enumerate(entries) if e.get("optional")]
        main = bipartite_matching({n: [g for g in required if node_keys[n] & keys[g]] for n in range(len(nodes))
                                   if any(node_keys[n] & keys[g] for g in required)})
        rest = bipartite_matching({n: [g for g in optional if node_keys[n] & keys[g]] for n in range(len(nodes))
                                   if n not in main and any(node_keys[n] & keys[g] for g in optional)})
        counts = Counts(len(main), sum(1 for n in range(len(nodes)) if n not in main and n not in rest),
                        len(required) - len(main))
        for n, g in main.items():
            self._entity_attributes(typ, entries[g], nodes[n])
        for n in range(len(nodes)):
            if n not in main and n not in rest:
                self.error(typ, "false positive", self._label(nodes[n]))
        matched = set(main.values())
        for g in required:
            if g not in matched:
                self.error(typ, "false negative", entries[g]["name"])
        return counts

    def _entity_attributes(self, typ: str, entry: dict, node) -> None:
        ix, attrs = self.ix, self.scores.attribute_values
        if typ == "actors" and entry.get("kind"):
            right = entry["kind"] in ix.class_names(node)
            attrs["actor.kind"].append(float(right))
            if not right:
                self.error("actor.kind", "wrong attribute", entry["name"], detail=f"want {entry['kind']}, got "
                           f"{', '.join(sorted(ix.class_names(node) - {'Actor'})) or 'none'}")
        if typ == "actors" and entry.get("represents"):
            reps = {self.gold_name(o, "actors") for o in ix.values(node, "represents")}
            attrs["person.represents"].append(float(entry["represents"] in reps))
            if entry["represents"] not in reps:
                self.error("person.represents", "wrong attribute", entry["name"],
                           detail=f"want {entry['represents']}, got {_names(reps)}")
        if typ == "agreements" and entry.get("parties"):
            parties = {self.gold_name(o, "actors") for o in ix.values(node, "party")} - {None}
            value = collective_agreement(parties, set(entry["parties"]), self.gold)
            attrs["agreement.parties"].append(value)
            if value < 1:
                self.error("agreement.parties", "wrong attribute", entry["name"],
                           detail=f"want {_names(entry['parties'])}, got {_names(parties)}")
        if typ == "agreements" and entry.get("date"):
            years = {str(o)[:4] for o in ix.values(node, "date")}
            attrs["agreement.date"].append(float(str(entry["date"])[:4] in years))

    def pledges(self) -> Counts:
        golds = self.gold.get("pledges", [])
        if self.doc is None:
            return Counts(0, 0, sum(1 for g in golds if not g.get("optional")))
        extracted = []
        for p in self.ix.instances("Pledge"):
            texts = self.ix.spans_in(p, self.doc)
            if texts:
                extracted.append((p, texts[0]))
        gold_words = [word_set(" ".join(g["evidence"].split())) for g in golds]
        ext_words = [word_set(t) for _, t in extracted]
        pairs = []
        for x, ew in enumerate(ext_words):
            for gi, gw in enumerate(gold_words):
                if not gw:
                    continue
                coverage = len(gw & ew) / len(gw)
                if coverage >= MIN_COVERAGE and len(ew) <= max(60, 4 * len(gw)):
                    pairs.append((round(coverage, 6), 0 if golds[gi].get("optional") else 1, -x, -gi))
        pairs.sort(reverse=True)
        used_x, used_g, matched = set(), set(), {}
        for _, _, nx, ng in pairs:
            x, gi = -nx, -ng
            if x not in used_x and gi not in used_g:
                used_x.add(x)
                used_g.add(gi)
                matched[x] = gi
        tp = sum(1 for gi in matched.values() if not golds[gi].get("optional"))
        neutral = len(matched) - tp
        fn = sum(1 for gi, g in enumerate(golds) if not g.get("optional") and gi not in used_g)
        for x, gi in matched.items():
            self._pledge_attributes(golds[gi], extracted[x][0], extracted[x][1])
        for x, (node, text) in enumerate(extracted):
            if x not in matched:
                by = {self.gold_name(o, "actors") or self._label(o) for o in self.ix.values(node, "pledgedBy")}
                self.error("pledges", "false positive", f"by {_names(by)}", text)
        for gi, g in enumerate(golds):
            if not g.get("optional") and gi not in used_g:
                self.error("pledges", "false negative", f"by {_names(g.get('by', []))}", g["evidence"])
        return Counts(tp, len(extracted) - tp - neutral, fn)

    def _pledge_attributes(self, g: dict, node, text: str = "") -> None:
        ix, attrs = self.ix, self.scores.attribute_values
        by = {self.gold_name(o, "actors") for o in ix.values(node, "pledgedBy")} - {None}
        value = collective_agreement(by, set(g.get("by", [])), self.gold)
        attrs["pledge.by"].append(value)
        attrs["pledge.by_exact"].append(float(value == 1.0))
        if value < 1:
            self.error("pledge.by", "wrong attribute", f"by {_names(g.get('by', []))}", text,
                       detail=f"got {_names(by)}")
        for prop, typ, attr in (("concernsSector", "sectors", "pledge.sectors"),
                                ("concernsIssue", "issues", "pledge.issues")):
            values = ix.values(node, prop)
            if g.get(typ) or values:
                names = {self.gold_name(o, typ) for o in values} - {None}
                value = set_agreement(names, set(g.get(typ, [])))
                attrs[attr].append(value)
                if value < 1:
                    self.error(attr, "wrong attribute", f"{typ} {_names(g.get(typ, []))}", text,
                               detail=f"got {_names(names)}")
        if g.get("agreement"):
            names = {self.gold_name(o, "agreements") for o in ix.values(node, "underAgreement")}
            attrs["pledge.agreement"].append(float(g["agreement"] in names))
            if g["agreement"] not in names:
                self.error("pledge.agreement", "wrong attribute", g["agreement"], text,
                           detail=f"got {_names(names - {None}) if names - {None} else 'none'}")

    def stances(self) -> Counts:
        stances = self.gold.get("stances", [])
        want = {(s["actor"], s["issue"], s["stance"]) for s in stances if not s.get("optional")}
        soft = {(s["actor"], s["issue"], s["stance"]) for s in stances if s.get("optional")}
        got, sentences = set(), {}
        if self.doc is not None:
            for st in self.ix.instances("Stance"):
                spans = self.ix.spans_in(st, self.doc)
                if not spans:
                    continue
                position = next((local_name(o).casefold() for o in self.ix.values(st, "position")
                                 if local_name(o).casefold() in ("supports", "opposes")), None)
                for a in self.ix.values(st, "heldBy") or {None}:
                    for i in self.ix.values(st, "onIssue") or {None}:
                        t = (self.gold_name(a, "actors") if a is not None else None,
                             self.gold_name(i, "issues") if i is not None else None, position)
                        got.add(t)
                        sentences.setdefault(t, (spans[0], a, i))
        for t in sorted(got - want - soft, key=str):
            text, a, i = sentences[t]
            holder = t[0] or (self._label(a) if a is not None else "nobody")
            issue = t[1] or (self._label(i) if i is not None else "no issue")
            self.error("stances", "false positive", f"{holder} {t[2]} {issue}", text)
        evidence = {(s["actor"], s["issue"], s["stance"]): s.get("evidence", "") for s in stances}
        for t in sorted(want - got, key=str):
            self.error("stances", "false negative", f"{t[0]} {t[2]} {t[1]}", evidence.get(t, ""))
        return Counts(len(got & want), len(got - want - soft), len(want - got))


def _names(names) -> str:
    shown = sorted(n for n in names if n)
    return ", ".join(shown) if shown else "nobody"


# ------------------------------------------------------------------ provenance
def span_provenance(index: GraphIndex, docs_dir: Path) -> dict:
    from rdflib import URIRef
    g = index.g
    names = {node: name for name, node in index.documents().items()}
    texts: dict[str, str] = {}
    exact = wrong = unresolved = 0
    anchor, begin, end, context = (URIRef(NIF + x) for x in ("anchorOf", "beginIndex", "endIndex", "referenceContext"))
    for span, text in g.subject_objects(anchor):
        b, e, c = g.value(span, begin), g.value(span, end), g.value(span, context)
        name = names.get(c)
        if b is None or e is None or name is None or not (docs_dir / name).exists():
            unresolved += 1
            continue
        if name not in texts:
            with open(docs_dir / name, encoding="utf-8", errors="replace", newline="") as f:
                texts[name] = f.read()
        if texts[name][int(b):int(e)] == str(text):
            exact += 1
        else:
            wrong += 1
    n = exact + wrong
    return {"spans": n + unresolved, "exact": exact, "wrong": wrong, "unresolved": unresolved,
            "exact_share": round(exact / n, 4) if n else None}


# ------------------------------------------------------------------ entry points
def load_graphs(paths: list[Path]):
    from rdflib import Graph
    from rdflib.util import guess_format
    g = Graph()
    for p in paths:
        if not p.exists():
            raise EvaluationError(f"no such graph file or folder: {p}")
        for f in (sorted(p.rglob("*.ttl")) if p.is_dir() else [p]):
            try:
                g.parse(f, format=guess_format(str(f)) or "turtle")
            except Exception as e:  # noqa: BLE001 - any parser error is the file's
                raise EvaluationError(f"cannot parse {f}: {str(e).splitlines()[0] if str(e) else e}") from e
    return g


def check_gold(f: Path, data: dict) -> None:
    """EvaluationError naming the file and the field when a gold file breaks ontology/gold.schema.json."""
    from jsonschema import Draft202012Validator
    validator = Draft202012Validator(json.loads(GOLD_SCHEMA.read_text(encoding="utf-8")))
    error = next(iter(sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))), None)
    if error is not None:
        field = error.json_path.removeprefix("$.") if error.absolute_path else "the top level"
        raise EvaluationError(f"{f.name}: {field}: {' '.join(error.message.split())[:160]}")


def load_gold(gold_dir: Path) -> list[dict]:
    if not gold_dir.is_dir():
        raise EvaluationError(f"no such gold folder: {gold_dir}")
    out = []
    for f in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise EvaluationError(f"{f.name} is not valid JSON: {e}") from e
        if not isinstance(data, dict) or "document" not in data:
            raise EvaluationError(f"{f.name} has no \"document\" field naming the document it annotates")
        check_gold(f, data)
        out.append(data)
    if not out:
        raise EvaluationError(f"no gold files (*.json) in {gold_dir}")
    return out


def with_ontology(graph):
    """A copy of an rdflib graph with the ontology's files (ontology/**/*.ttl) beside it, as the
    reference scorer reads a build."""
    from rdflib import Graph

    from ..model.resources import ONTOLOGY_DIR
    g = Graph()
    for t in graph:
        g.add(t)
    for f in sorted(ONTOLOGY_DIR.rglob("*.ttl")):
        g.parse(f, format="turtle")
    return g


def evaluate(graph_paths: list[Path], gold_dir: Path, docs_dir: Path | None = None) -> Scores:
    """Score the graph in `graph_paths` (files, or folders of .ttl) against the gold files of `gold_dir`."""
    golds = load_gold(gold_dir)
    return evaluate_graph(load_graphs(graph_paths), golds, docs_dir)


def evaluate_graph(graph, golds: list[dict], docs_dir: Path | None = None) -> Scores:
    index = GraphIndex(graph)
    docs = index.documents()
    scores = Scores(summary={t: Counts() for t in (*ENTITY_TYPES, "pledges", "stances")})
    for gold in golds:
        name = gold["document"]
        doc = docs.get(name)
        if doc is None:
            scores.missing_documents.append(name)
        scorer = DocumentScorer(index, gold, doc, scores)
        row = {t: scorer.entities(t) for t in ENTITY_TYPES}
        row["pledges"] = scorer.pledges()
        row["stances"] = scorer.stances()
        for t, c in row.items():
            scores.summary[t].add(c)
        scores.per_document[name] = row
    if docs_dir is not None:
        scores.provenance = span_provenance(index, docs_dir)
    return scores


def to_json(scores: Scores) -> dict:
    return {
        "summary": {t: c.as_dict() for t, c in scores.summary.items()},
        "attributes": scores.attributes,
        "attribute_counts": scores.attribute_counts,
        "provenance": scores.provenance,
        "documents": {d: {t: c.as_dict() for t, c in row.items()} for d, row in scores.per_document.items()},
        "missing_documents": scores.missing_documents,
    }


def format_errors(scores: Scores, types: list[str] | None = None) -> str:
    """The errors, per type: each false positive and false negative (and wrong attribute)
    with its document and sentence."""
    wanted = set(types or [])
    lines: list[str] = []
    by_type: dict[str, list[dict]] = defaultdict(list)
    for e in scores.errors:
        if not wanted or e["type"] in wanted or e["type"].split(".")[0] + "s" in wanted:
            by_type[e["type"]].append(e)
    for typ in sorted(by_type):
        errors = by_type[typ]
        lines.append(f"## {typ}: {len(errors)}")
        for e in errors:
            detail = f" ({e['detail']})" if e["detail"] else ""
            lines.append(f"- {e['error']}: {e['item']}{detail} [{e['document']}]")
            if e["sentence"]:
                lines.append(f"    \"{e['sentence']}\"")
        lines.append("")
    return "\n".join(lines)


def format_table(scores: Scores) -> str:
    rows = [[t, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.tp), str(c.fp), str(c.fn)]
            for t, c in scores.summary.items()]
    lines = table(["type", "P", "R", "F1", "tp", "fp", "fn"], rows, align="<>>>>>>").splitlines()
    del lines[1]  # no rule under the header: the figures line up under it
    if scores.attributes:
        lines.append("attributes (mean over matched items):")
        counts = scores.attribute_counts
        for k, v in scores.attributes.items():
            lines.append(f"  {k:<20}{v:>7.3f}  (n={counts[k]})")
    p = scores.provenance
    if p:
        lines.append(f"provenance: {p['exact']} of {p['exact'] + p['wrong']} spans reproduce their text "
                     f"({p['unresolved']} unresolved)")
    if scores.missing_documents:
        lines.append("documents absent from the graph: " + ", ".join(scores.missing_documents))
    return "\n".join(lines)
