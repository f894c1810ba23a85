"""Incremental rebuilds: the findings of each document kept in OUT/kg.cache/, reused only when
nothing that shapes them changed, and never trusted when an entry is corrupt, cut short or
foreign. A rebuild gives the bytes of a clean build."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

from .conftest import ONTOLOGY, SEEDS


def kg_build(source: Path, out: Path, *flags: str) -> dict:
    r = CliRunner().invoke(main, ["build", str(source), "--out", str(out), "-q", "--format", "json", *flags])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


# four of the sample documents (the longest left out, to keep the builds short)
SAMPLE = sorted(SEEDS.glob("*.txt"))[1:]


@pytest.fixture
def corpus(tmp_path) -> Path:
    src = tmp_path / "docs"
    src.mkdir()
    for p in SAMPLE:
        shutil.copy(p, src)
    return src


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> bytes:
    """kg.ttl of a clean build of the four documents."""
    src = tmp_path_factory.mktemp("clean") / "docs"
    src.mkdir()
    for p in SAMPLE:
        shutil.copy(p, src)
    kg_build(src, src.parent / "out", "--no-cache")
    return (src.parent / "out" / "kg.ttl").read_bytes()


def entries(out: Path) -> list[Path]:
    return sorted((out / "kg.cache").glob("*.json"))


def test_a_rebuild_analyses_only_new_or_changed_documents_and_equals_a_clean_build(corpus, tmp_path, clean):
    out = tmp_path / "out"
    first = kg_build(corpus, out)
    assert first["analysed"] == 4 and first["from_cache"] == 0 and len(entries(out)) == 4
    assert (out / "kg.ttl").read_bytes() == clean
    again = kg_build(corpus, out)
    assert again["analysed"] == 0 and again["from_cache"] == 4
    assert (out / "kg.ttl").read_bytes() == clean

    docs = sorted(corpus.glob("*.txt"))
    docs[0].unlink()                                                   # removed
    docs[1].write_text(docs[1].read_text(encoding="utf-8") + "\nJapan pledged to open its market.\n",
                       encoding="utf-8")                               # changed
    (corpus / "new.txt").write_text("[Title] A new note\n\nThe United States and Korea signed an agreement "
                                    "on steel.\n", encoding="utf-8")  # new
    rebuilt = kg_build(corpus, out)
    assert rebuilt["analysed"] == 2 and rebuilt["from_cache"] == 2
    assert len(entries(out)) == 4  # the removed document's entry went with it
    fresh = tmp_path / "fresh"
    kg_build(corpus, fresh, "--no-cache")
    assert not (fresh / "kg.cache").exists()
    assert (out / "kg.ttl").read_bytes() == (fresh / "kg.ttl").read_bytes()
    assert docs[0].name.encode() not in (out / "kg.ttl").read_bytes()


def test_no_cache_analyses_everything(corpus, tmp_path, clean):
    out = tmp_path / "out"
    kg_build(corpus, out)
    forced = kg_build(corpus, out, "--no-cache")
    assert forced["analysed"] == 4 and forced["from_cache"] == 0
    assert (out / "kg.ttl").read_bytes() == clean


def test_corrupt_truncated_and_foreign_entries_are_rebuilt_not_trusted(corpus, tmp_path, clean):
    out = tmp_path / "out"
    kg_build(corpus, out)
    a, b, c, d = entries(out)
    original = a.read_bytes()
    a.write_bytes(original[: len(original) // 2])                      # cut short
    b.write_bytes(b"\x00\xff not json at all")                         # corrupt
    entry = json.loads(c.read_text(encoding="utf-8"))
    entry["findings"]["pledges"] = []                                  # edited: the checksum no longer holds
    c.write_text(json.dumps(entry), encoding="utf-8")
    d.write_bytes(original)                                            # another document's entry
    r = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "-q", "-v"])
    assert r.exit_code == 0, r.output
    assert "analysed 4 on this process, 0 from the cache (4 cache entries not trusted, rebuilt)" in r.stdout
    assert (out / "kg.ttl").read_bytes() == clean
    assert kg_build(corpus, out)["from_cache"] == 4  # rewritten whole


def test_a_cache_entry_is_plain_data_and_a_pickle_in_its_place_is_never_loaded(corpus, tmp_path):
    import pickle
    out = tmp_path / "out"
    kg_build(corpus, out)
    first = entries(out)[0]
    assert json.loads(first.read_text(encoding="utf-8"))["format"] == "kg-findings/2"
    first.write_bytes(pickle.dumps({"format": "kg-findings/2"}))
    assert kg_build(corpus, out)["analysed"] == 1


def test_the_fingerprint_changes_with_the_reference_data(tmp_path):
    from kg.run.pipeline import fingerprint
    ontology = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, ontology)
    before = fingerprint(ontology)
    assert before == fingerprint(ONTOLOGY)
    gazetteer = ontology / "gazetteer" / "country-aliases.ttl"
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    fingerprint.cache_clear()
    assert fingerprint(ontology) != before


def test_entries_of_another_fingerprint_are_not_used(corpus, tmp_path):
    from kg.build import build
    from kg.run.cache import FindingsCache
    from kg.run.pipeline import document_key, find
    from kg.read.corpus import DocumentReader
    doc = DocumentReader(corpus).read(sorted(corpus.glob("*.txt"))[2])
    key = document_key(doc)
    old = FindingsCache(tmp_path / "out", "a" * 64)
    old.put(key, doc.name, find(doc))
    old.commit()
    assert FindingsCache(tmp_path / "out", "a" * 64).get(key, doc.name) is not None
    other = FindingsCache(tmp_path / "out", "b" * 64)
    assert other.get(key, doc.name) is None and other.rejected == 1
    assert build(corpus, cache=tmp_path / "out").analysed == 4


def test_a_failed_build_leaves_the_cache_as_it_was(corpus, tmp_path):
    out = tmp_path / "out"
    kg_build(corpus, out)
    before = {p.name: p.read_bytes() for p in entries(out)}
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "another.txt").write_text("The United States pledged to cut tariffs on steel.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "-q", "--strict"])
    assert r.exit_code == 1
    assert {p.name: p.read_bytes() for p in entries(out)} == before
