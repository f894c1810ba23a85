"""`kg build` as a user runs it: progress, summary, files it cannot read, exit status."""
from __future__ import annotations

import shutil

import rdflib
from click.testing import CliRunner

from kg.cli import main

from .conftest import SEEDS


def test_build_writes_turtle_and_summary(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(SEEDS / "002_4a306536104352d6.txt", src)
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["build", str(src), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "read 1 documents" in r.output
    assert "pledges" in r.output and "triples" in r.output
    g = rdflib.Graph().parse(out / "kg.ttl")
    assert len(g) > 50


def test_unreadable_files_are_named_and_the_rest_is_built(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(SEEDS / "002_4a306536104352d6.txt", src)
    (src / "empty.txt").write_text("")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    (src / "picture.png").write_bytes(b"\x89PNG\r\n")
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["build", str(src), "--out", str(out)])
    assert r.exit_code == 1
    assert "empty.txt: empty" in r.output
    assert "binary.txt: binary file" in r.output
    assert "picture.png: not a document kg reads" in r.output
    assert "read 1 documents" in r.output
    assert (out / "kg.ttl").exists()


def test_help_is_fast_to_reach_and_names_the_example():
    r = CliRunner().invoke(main, ["build", "--help"])
    assert r.exit_code == 0
    assert "kg build path/to/docs --out out/" in r.output


def test_validate_reports_violations_in_plain_words(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("""
@prefix kgo: <https://w3id.org/kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/p1> a kgo:Pledge ; rdfs:label "a pledge without actor or evidence" .
""")
    r = CliRunner().invoke(main, ["validate", str(bad)])
    assert r.exit_code == 1
    assert "A pledge is made by at least one actor." in r.output
    assert "A pledge cites exactly one text span." in r.output


def test_validate_names_a_missing_graph(tmp_path):
    r = CliRunner().invoke(main, ["validate", str(tmp_path / "nothing.ttl")])
    assert r.exit_code == 1
    assert "run `kg build` first" in r.output


def test_build_reads_a_users_own_reference_data(tmp_path):
    from .conftest import cli_build
    doc = tmp_path / "statement.txt"
    doc.write_text("Joint Statement\n\nThe Zephyr Shipping Council and the Government of Japan met in Tokyo "
                   "on 3 March 2020. ZSC welcomed the talks. Japan will reduce tariffs on steel by 2022.\n")
    mine = tmp_path / "mine.ttl"
    mine.write_text("@prefix kgo: <https://w3id.org/kg/ontology#> .\n"
                    "@prefix kga: <https://w3id.org/kg/id/actor/> .\n"
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                    'kga:zephyr-shipping-council a kgo:Association ; rdfs:label "Zephyr Shipping Council" ;\n'
                    '    skos:altLabel "ZSC" .\n')
    import rdflib
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, SKOS
    from kg.model.iri import KGO
    zsc = URIRef("https://w3id.org/kg/id/actor/zephyr-shipping-council")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    plain, _ = cli_build(tmp_path / "a", doc)
    g = rdflib.Graph().parse(plain / "kg.ttl")
    assert (zsc, RDF.type, KGO.Association) not in g  # kg alone takes the council for a government body
    own, _ = cli_build(tmp_path / "b", doc, "--ontology", str(mine))
    g = rdflib.Graph().parse(own / "kg.ttl")
    assert (zsc, RDF.type, KGO.Association) in g and (zsc, SKOS.altLabel, Literal("ZSC", lang="en")) in g
    mine.write_text("this is not turtle")
    (tmp_path / "c").mkdir()
    r = CliRunner().invoke(main, ["build", str(doc), "--out", str(tmp_path / "c" / "out"), "--ontology", str(mine)])
    assert r.exit_code == 1 and "is not valid Turtle" in r.output and "Traceback" not in r.output


def test_build_format_json_gives_counts_and_skipped_files(tmp_path):
    import json
    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[2], src)
    (src / "empty.txt").write_bytes(b"")
    r = CliRunner().invoke(main, ["build", str(src), "--out", str(tmp_path / "out"), "--format", "json"])
    assert r.exit_code == 1  # a file was skipped
    report = json.loads(r.stdout)
    assert report["documents"] == 1 and report["analysed"] == 1 and report["workers"] == 1
    assert report["skipped"] == [{"path": "empty.txt", "reason": "empty (no text)"}]
    assert report["counts"]["Document"] == 1 and report["counts"]["Country"] > 0
    assert report["triples"] > 100
    assert "[1]" in r.stderr  # progress stays on standard error


def test_build_verbose_says_what_each_document_gave(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    doc = sorted(SEEDS.glob("*.txt"))[2]
    shutil.copy(doc, src)
    r = CliRunner().invoke(main, ["build", str(src), "--out", str(tmp_path / "out"), "-v"])
    assert r.exit_code == 0, r.output
    assert f"{doc.name}: {len(doc.read_text(encoding='utf-8').split())} words, " in r.stderr
    assert "analysed 1 on this process, 0 from the cache" in r.stdout


def test_build_on_a_terminal_shows_a_live_bar_with_rate_and_time_left(tmp_path):
    """stderr a pseudo-terminal: the rich bar, not one line per document."""
    import os
    import pty
    import subprocess
    import sys
    src = tmp_path / "docs"
    src.mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[2:4]:
        shutil.copy(p, src)
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(src), "--out", str(tmp_path / "out")],
                            stdout=subprocess.PIPE, stderr=follower, text=True,
                            env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    out, _ = proc.communicate(timeout=120)
    os.close(leader)
    assert proc.returncode == 0
    text = shown.decode("utf-8", "replace")
    assert "documents" in text and "words/s" in text and "left" in text
    assert "2/2" in text
    assert "[1] " not in text
    assert "read 2 documents" in out


def test_a_long_document_shows_how_far_its_analysis_has_come(tmp_path):
    """A document of 24,000 words (the sample's documents one after the other, twice) says
    every 10,000 words how far it is; with -q it says nothing."""
    from kg.language.nlp import PROGRESS_WORDS
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    src = tmp_path / "docs"
    src.mkdir()
    (src / "long.txt").write_text(f"{text}\n\nPart 2\n\n{text}", encoding="utf-8")
    words = len((src / "long.txt").read_text(encoding="utf-8").split())
    r = CliRunner().invoke(main, ["build", str(src), "--out", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    said = [ln for ln in r.stderr.splitlines() if ln.endswith(f"of {words:,} words analysed")]
    assert len(said) == words // PROGRESS_WORDS
    assert said[0].strip().startswith("long.txt: 1")
    quiet = CliRunner().invoke(main, ["build", str(src), "--out", str(tmp_path / "out2"), "-q"])
    assert quiet.exit_code == 0 and "words analysed" not in quiet.stderr
