"""Entity resolution across documents: one node per real-world entity.

Mentions carry a key: a gazetteer IRI, or one minted from the canonical name.
Resolution merges what the keys alone do not: a person named by surname only
("Kantor") is the person of that surname named in full elsewhere ("Mickey
Kantor") when exactly one such person exists, in the same document first,
then in the corpus. Every surface form is kept as an alias, and every document
that names the entity is recorded.
"""
from __future__ import annotations

import re
from collections import defaultdict

from ..extract.base import Findings
from ..model import Entity, Pledge, Stance
from ..model.text import norm


def _surface(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def person_aliases(findings: dict[str, Findings]) -> dict[str, str]:
    """Map the key of each surname-only person to the key of the full name it stands for."""
    full_by_doc: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    full_all: dict[str, set[str]] = defaultdict(set)
    short: dict[str, set[str]] = defaultdict(set)  # key -> docs
    labels: dict[str, str] = {}
    for doc, f in findings.items():
        for m in f.of_type("actor"):
            if m.kind != "Person":
                continue
            labels[m.key] = m.label
            words = m.label.split()
            if len(words) >= 2 and not _is_office(f, m.key):
                full_by_doc[doc][norm(words[-1])].add(m.key)
                full_all[norm(words[-1])].add(m.key)
            elif len(words) == 1:
                short[m.key].add(doc)
    out: dict[str, str] = {}
    for key, docs in short.items():
        surname = norm(labels[key])
        target = None
        for doc in sorted(docs):
            cands = full_by_doc[doc].get(surname, set())
            if len(cands) == 1:
                target = next(iter(cands))
                break
        if target is None and len(full_all.get(surname, ())) == 1:
            target = next(iter(full_all[surname]))
        if target and target != key:
            out[key] = target
    return out


def _is_office(f: Findings, key: str) -> bool:
    return "office" in f.attrs.get(key, {})


def resolve(findings: dict[str, Findings]) -> tuple[dict[str, Entity], list[Pledge], list[Stance]]:
    """Entities by key, and the pledges and stances with their keys resolved."""
    alias_of = person_aliases(findings)
    r = lambda k: alias_of.get(k, k)  # noqa: E731
    entities: dict[str, Entity] = {}
    for doc in sorted(findings):
        f = findings[doc]
        for m in f.mentions:
            key = r(m.key)
            ent = entities.get(key)
            if ent is None:
                t, label, kind = f.labels.get(key, (m.type, m.label, m.kind))
                if key != m.key:  # a surname standing for a full name: take the full name's label
                    label, kind = _label_elsewhere(findings, key, m)
                ent = entities[key] = Entity(key=key, type=m.type, label=label, kind=kind)
            ent.documents.add(doc)
            surface = _surface(m.span.text)
            if surface and surface != ent.label:
                ent.aliases.add(surface)
        for key, attrs in f.attrs.items():
            ent = entities.get(r(key))
            if ent is None:
                continue
            ent.represents |= {r(v) for v in attrs.get("represents", ())}
            ent.roles |= set(attrs.get("role", ()))
            ent.parties |= {r(v) for v in attrs.get("party", ())}
            ent.member_of |= {r(v) for v in attrs.get("member", ())}
            for d in sorted(attrs.get("date", ())):
                if ent.date is None or (len(d) > len(ent.date) and d.startswith(ent.date)):
                    ent.date = d
    # relations only to entities of the graph (a gazetteer's party never named stays out)
    for ent in entities.values():
        ent.parties = {k for k in ent.parties if k in entities}
        ent.represents = {k for k in ent.represents if k in entities}
        ent.member_of = {k for k in ent.member_of if k in entities and k != ent.key}
    # labels stand as aliases of persons named by surname elsewhere
    for short, full in alias_of.items():
        ent = entities.get(full)
        if ent is not None:
            for doc, f in findings.items():
                if short in f.labels:
                    ent.aliases.add(f.labels[short][1])
    pledges = []
    for doc in sorted(findings):
        for p in findings[doc].pledges:
            p.by = sorted({r(k) for k in p.by if r(k) in entities})
            p.sectors = sorted({k for k in p.sectors if k in entities})
            p.issues = sorted({k for k in p.issues if k in entities})
            if p.agreement and p.agreement not in entities:
                p.agreement = None
            pledges.append(p)
    stances = []
    for doc in sorted(findings):
        for s in findings[doc].stances:
            s.actor = r(s.actor)
            if s.actor in entities and s.issue in entities:
                stances.append(s)
    return entities, pledges, stances


def _label_elsewhere(findings: dict[str, Findings], key: str, m) -> tuple[str, str | None]:
    for f in findings.values():
        if key in f.labels:
            _, label, kind = f.labels[key]
            return label, kind
    return m.label, m.kind
