"""The held-out gold files themselves are well formed, per tests/data/gold/GUIDELINES.md.

These tests check the annotations, not the extractors: every file names a document
of the set, every evidence is a substring of its document (a line break written as
one space), every name a pledge, agreement, person or stance refers to is an entry
of the same file, and kinds and positions are among those allowed.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"
DOCS = HELDOUT / "docs"
GOLD = HELDOUT / "gold"
KINDS = {"Country", "Person", "GovernmentBody", "InternationalOrganization", "Company", "Association", "Group"}
POSITIONS = {"supports", "opposes"}
ENTITY_TYPES = ("actors", "agreements", "sectors", "issues")
GOLD_FILES = sorted(GOLD.glob("*.json"))


def read_document(name: str) -> str:
    with open(DOCS / name, encoding="utf-8", newline="") as f:
        return f.read()


def one_line(text: str) -> str:
    """The text with each line break (and the spaces around it) as one space."""
    return re.sub(r"[ \t]*\r?\n[ \t]*", " ", text)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def names(gold: dict, kind: str) -> set[str]:
    return {e["name"] for e in gold.get(kind, [])}


def test_every_document_has_its_gold_file():
    docs = {p.name for p in DOCS.glob("*.txt")}
    annotated = {load(p)["document"] for p in GOLD_FILES}
    assert docs, "no held-out documents"
    assert docs == annotated
    for p in GOLD_FILES:
        assert load(p)["document"] == p.with_suffix(".txt").name


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_documents_are_utf8_with_lf_line_ends(path):
    raw = (DOCS / load(path)["document"]).read_bytes()
    raw.decode("utf-8")
    assert b"\r" not in raw


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_evidence_is_in_the_document(path):
    gold = load(path)
    text = one_line(read_document(gold["document"]))
    missing = [x["evidence"] for x in gold.get("pledges", []) + gold.get("stances", [])
               if one_line(x["evidence"]) not in text]
    assert not missing


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_aliases_are_written_as_in_the_document(path):
    gold = load(path)
    text = one_line(read_document(gold["document"])).casefold()
    absent = [(t, e["name"], a) for t in ENTITY_TYPES for e in gold.get(t, [])
              for a in e.get("aliases", []) if a.casefold() not in text]
    assert not absent


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_references_name_entries_of_the_same_file(path):
    gold = load(path)
    actors, agreements = names(gold, "actors"), names(gold, "agreements")
    sectors, issues = names(gold, "sectors"), names(gold, "issues")
    unknown = []
    for a in gold.get("actors", []):
        if a.get("represents") and a["represents"] not in actors:
            unknown.append(("represents", a["represents"]))
    for ag in gold.get("agreements", []):
        unknown += [("parties", p) for p in ag.get("parties", []) if p not in actors]
    for p in gold.get("pledges", []):
        unknown += [("by", b) for b in p.get("by", []) if b not in actors]
        unknown += [("sectors", s) for s in p.get("sectors", []) if s not in sectors]
        unknown += [("issues", i) for i in p.get("issues", []) if i not in issues]
        if p.get("agreement") and p["agreement"] not in agreements:
            unknown.append(("agreement", p["agreement"]))
    for s in gold.get("stances", []):
        if s["actor"] not in actors:
            unknown.append(("actor", s["actor"]))
        if s["issue"] not in issues:
            unknown.append(("issue", s["issue"]))
    assert not unknown


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_kinds_positions_and_shapes(path):
    gold = load(path)
    assert {e["kind"] for e in gold["actors"]} <= KINDS
    assert {s["stance"] for s in gold.get("stances", [])} <= POSITIONS
    for t in ENTITY_TYPES:
        listed = [e["name"] for e in gold.get(t, [])]
        assert len(listed) == len(set(listed)), f"{t} listed twice"
    for p in gold.get("pledges", []):
        assert p["by"], p["evidence"]
        assert 3 <= len(p["evidence"].split()) <= 60, p["evidence"]
    for ag in gold.get("agreements", []):
        if ag.get("date"):
            assert re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", str(ag["date"]))
    if gold.get("date"):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold["date"])


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_one_pledge_per_statement(path):
    evidences = [p["evidence"] for p in load(path).get("pledges", [])]
    assert len(evidences) == len(set(evidences))
