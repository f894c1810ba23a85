"""The gold files of the development sets are well formed, per tests/data/gold/GUIDELINES.md
(and docs/annotation.md for the multilateral set).

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

DATA = Path(__file__).resolve().parent / "data"
SETS = {"heldout": DATA / "heldout", "multilateral": DATA / "multilateral", "confirm": DATA / "confirm"}
KINDS = {"Country", "Person", "GovernmentBody", "InternationalOrganization", "Company", "Association", "Group"}
POSITIONS = {"supports", "opposes"}
ENTITY_TYPES = ("actors", "agreements", "sectors", "issues")
STRENGTHS = {"obligation", "commitment", "intention", "aspiration"}
GOLD_FILES = [p for folder in SETS.values() for p in sorted((folder / "gold").glob("*.json"))]


def docs_of(path: Path) -> Path:
    return path.parent.parent / "docs"


def read_document(path: Path, name: str) -> str:
    with open(docs_of(path) / name, encoding="utf-8", newline="") as f:
        return f.read()


def one_line(text: str) -> str:
    """The text with each line break (and the spaces around it) as one space."""
    return re.sub(r"[ \t]*\r?\n[ \t]*", " ", text)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def names(gold: dict, kind: str) -> set[str]:
    return {e["name"] for e in gold.get(kind, [])}


@pytest.mark.parametrize("folder", SETS.values(), ids=SETS.keys())
def test_every_document_has_its_gold_file(folder):
    docs = {p.name for p in (folder / "docs").glob("*.txt")}
    gold = sorted((folder / "gold").glob("*.json"))
    annotated = {load(p)["document"] for p in gold}
    assert docs, "no documents"
    assert docs == annotated
    for p in gold:
        assert load(p)["document"] == p.with_suffix(".txt").name


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_documents_are_utf8_with_lf_line_ends(path):
    raw = (docs_of(path) / load(path)["document"]).read_bytes()
    raw.decode("utf-8")
    assert b"\r" not in raw


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_evidence_is_in_the_document(path):
    gold = load(path)
    text = one_line(read_document(path, gold["document"]))
    missing = [x["evidence"] for x in gold.get("pledges", []) + gold.get("stances", [])
               if one_line(x["evidence"]) not in text]
    assert not missing


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_aliases_are_written_as_in_the_document(path):
    gold = load(path)
    text = one_line(read_document(path, gold["document"])).casefold()
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
        unknown += [("members", m) for m in a.get("members", []) if m not in actors]
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


@pytest.mark.parametrize("path", sorted([*(SETS["multilateral"] / "gold").glob("*.json"),
                                         *(SETS["confirm"] / "gold").glob("*.json")]), ids=lambda p: p.name)
def test_multilateral_pledges_say_their_strength(path):
    pledges = load(path).get("pledges", [])
    assert pledges
    assert {p.get("strength") for p in pledges} <= STRENGTHS


def test_the_multilateral_set_is_large_and_of_many_genres():
    folder = SETS["multilateral"]
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in (folder / "docs").glob("*.txt"))
    prefixes = {p.name[0] for p in (folder / "docs").glob("*.txt")}
    assert words >= 15000 and len(list((folder / "docs").glob("*.txt"))) >= 15
    assert prefixes == {"c", "f", "t"}  # cables and speeches, fora and joint statements, treaties and fact sheets
    listed = (folder / "SOURCES.md").read_text(encoding="utf-8")
    assert all(p.name in listed for p in (folder / "docs").glob("*.txt"))


def test_the_confirm_set_is_real_blind_and_of_many_genres():
    """Ten real public texts annotated without looking at kg's output (tests/data/confirm/README.md)."""
    folder = SETS["confirm"]
    texts = sorted((folder / "docs").glob("*.txt"))
    assert len(texts) >= 10 and sum(len(p.read_text(encoding="utf-8").split()) for p in texts) >= 10000
    assert {p.name[0] for p in texts} == {"a", "b"}   # archival papers and a speech; fora, treaties, deals
    assert [p.stem for p in sorted((folder / "gold").glob("*.json"))] == [p.stem for p in texts]
    listed = (folder / "SOURCES.md").read_text(encoding="utf-8")
    assert all(p.name in listed for p in texts)
