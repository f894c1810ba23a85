"""Hostile and broken input: every file gets a clear answer, good ones are built, nothing already built is lost.

The broken corpus is tests/data/broken/ (small real files: empty, blank,
binary, a PDF named .txt, an HTML page, Windows-1252, Latin-1, UTF-16, UTF-8
with a byte-order mark and CRLF, a name with spaces and non-ASCII letters, the
same text twice; Shift-JIS, EUC-KR, GB18030 and Big5; UTF-8 with a few bad
bytes, a NUL byte after the first 8 KB; an encrypted PDF, a scanned PDF with
no text layer, a truncated PDF and a truncated Word file, a ZIP bomb named
.docx, an HTML page of nothing but scripts and styles, files whose suffix
lies) plus the files that cannot live in git, made here: a file over 50 MB,
a text of 168,000 characters without a line break, a text over the word limit,
a PDF of thousands of pages, an HTML page over its size limit, symbolic links
that loop, lead nowhere, lead out of the folder or to /, a named pipe, and a
file and a folder its reader has no permission to read.
tests/data/broken-report.txt is what `kg build` must say of it: each file
skipped with its reason, and each file read with a doubt ("warning ...").
"""
from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import RDF, URIRef

from kg.cli import main
from kg.read.corpus import (MAX_BYTES, MAX_WORDS, DocumentReader, ReadError, decode, find_documents,
                            read_document, recover_text)
from kg.read.html import MAX_HTML_BYTES
from kg.read.pdf import MAX_PAGES
from kg.model.iri import KGO, NIF
from kg.graph.rdf import write_atomically

from .conftest import ROOT, SEEDS, cli_build

BROKEN = Path(__file__).resolve().parent / "data" / "broken"
EXPECTED_REPORT = Path(__file__).resolve().parent / "data" / "broken-report.txt"
DCT = rdflib.Namespace("http://purl.org/dc/terms/")

# The documents of the broken corpus that are built, with the encoding each is read in.
GOOD = {
    "Nota de prensa — México 1993.txt": "utf-8",
    "memo.txt": "utf-8",
    "bom-crlf.txt": "utf-8",
    "communique.txt": "utf-8",
    "latin-1.txt": "latin-1",
    "utf-16.txt": "utf-16",
    "windows-1252.txt": "windows-1252",
    "shift_jis.txt": "shift-jis",
    "euc-kr.txt": "euc-kr",
    "gb18030.txt": "gb18030",
    "big5.txt": "big5",
    "bad-bytes.txt": "utf-8",
    "page.html": "utf-8",
    "statement.pdf": "utf-8",   # HTML named .pdf
    "notes.docx": "utf-8",      # plain text named .docx
}


def _report_lines() -> list[str]:
    lines = EXPECTED_REPORT.read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln and not ln.startswith("#")]


def expected_report() -> list[str]:
    """The files skipped, each with its reason."""
    return sorted(ln for ln in _report_lines() if not ln.startswith("warning "))


def expected_warnings() -> list[str]:
    """The files read with a doubt, each with the warning."""
    return sorted(ln[len("warning "):] for ln in _report_lines() if ln.startswith("warning "))


def make_broken_corpus(folder: Path) -> Path:
    """tests/data/broken/ copied into `folder`, with the files git cannot hold added."""
    corpus = folder / "corpus"
    shutil.copytree(BROKEN, corpus, symlinks=True)
    with open(corpus / "huge.txt", "wb") as f:  # its size is real; its blocks need not be
        f.truncate(MAX_BYTES + 1024 * 1024)
    (corpus / "one-line.txt").write_text("Japan will open its market. " * 6000, encoding="utf-8")
    (corpus / "loop.txt").symlink_to("loop.txt")
    (corpus / "archive" / "again").symlink_to("..")
    (corpus / "dangling.txt").symlink_to("gone.txt")
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "long.txt").write_text("Japan will open its market to foreign rice.\n" * (MAX_WORDS // 8 + 1000),
                                     encoding="utf-8")
    make_pdf_of_pages(corpus / "thousands-of-pages.pdf", MAX_PAGES + 1000)
    with open(corpus / "huge.html", "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><html><body>")
        f.write("<p>Japan will open its market to foreign rice.</p>\n" * (MAX_HTML_BYTES // 25))
        f.write("</body></html>")
    outside = folder / "outside.txt"
    outside.write_text("Korea will open its market to foreign rice.\n", encoding="utf-8")
    (corpus / "outside.txt").symlink_to(Path("..") / outside.name)
    (corpus / "root").symlink_to("/")
    unreadable = corpus / "unreadable.txt"
    unreadable.write_text("Japan will open its market to foreign rice.\n", encoding="utf-8")
    unreadable.chmod(0)
    sealed = corpus / "sealed"
    sealed.mkdir()
    (sealed / "minutes.txt").write_text("Korea will open its market to foreign rice.\n", encoding="utf-8")
    sealed.chmod(0)
    return corpus


def make_pdf_of_pages(path: Path, pages: int) -> None:
    """A real PDF of `pages` empty letter-size pages, written by PDFium."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(612, 792).close()
    pdf.save(path)
    pdf.close()


def without_override_of_file_permissions() -> None:
    """Run in the child before it starts: take away the capabilities that let root read any file
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so that file permissions bind the build as they
    bind every other user."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop the capability")


PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def run_kg(args: list[str]):
    """`kg` run as a user runs it, in its own process; as root, without root's power to read any file."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8")
    as_root = os.geteuid() == 0
    try:
        return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, encoding="utf-8",
                              preexec_fn=without_override_of_file_permissions if as_root else None)
    except subprocess.SubprocessError as e:  # a container that does not let root give up capabilities
        pytest.skip(f"running as root, which reads any file, and cannot give that up here ({e})")


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    """`kg build` of the broken corpus, run as a user would run it: (process, corpus, out)."""
    tmp = tmp_path_factory.mktemp("broken")
    corpus = make_broken_corpus(tmp)
    out = tmp / "out"
    r = run_kg(["build", str(corpus), "--out", str(out)])
    yield r, corpus, out


def skipped_lines(stderr: str, what: str = "skipped") -> list[str]:
    return sorted(ln[len(what) + 1:] for ln in stderr.splitlines() if ln.startswith(what + " "))


def test_every_bad_file_is_named_with_its_reason(broken_build):
    r, _, _ = broken_build
    assert "Traceback" not in r.stderr, r.stderr
    assert skipped_lines(r.stderr) == expected_report()


def test_every_file_read_with_a_doubt_is_named_with_it(broken_build):
    r, _, _ = broken_build
    assert skipped_lines(r.stderr, "warning") == expected_warnings()


def test_skips_give_exit_status_1_and_the_rest_is_written(broken_build):
    r, _, out = broken_build
    assert r.returncode == 1, r.stderr
    assert f"read {len(GOOD)} documents" in r.stdout
    assert f"skipped {len(expected_report())}" in r.stdout
    assert "no violations" in r.stdout
    assert (out / "kg.ttl").exists()


def test_every_good_document_is_built_once_with_its_encoding(broken_build):
    _, _, out = broken_build
    g = rdflib.Graph().parse(out / "kg.ttl")
    built = {str(g.value(d, DCT.identifier)): str(g.value(d, KGO.encoding))
             for d in g.subjects(RDF.type, KGO.Document)}
    assert built == GOOD
    for name in ("statement.pdf", "page.html"):  # read as what they are
        (d,) = g.subjects(DCT.identifier, rdflib.Literal(name))
        assert str(g.value(d, KGO.mediaType)) == "text/html"


def test_spans_count_into_the_text_as_decoded_with_the_recorded_encoding(broken_build):
    _, corpus, out = broken_build
    g = rdflib.Graph().parse(out / "kg.ttl")
    paths = {p.name: p for p in corpus.rglob("*") if p.name in GOOD}
    texts = {}
    for d in g.subjects(RDF.type, KGO.Document):
        name, encoding = str(g.value(d, DCT.identifier)), str(g.value(d, KGO.encoding))
        if str(g.value(d, KGO.mediaType)) == "text/plain" and "bad-bytes" not in name:
            with open(paths[name], encoding=encoding, newline="") as f:
                texts[d] = f.read()
        else:  # the reader's text, given back from the file and checked against its digest
            texts[d] = recover_text(paths[name], str(g.value(d, KGO.textDigest)))
    spans = list(g.subjects(NIF.anchorOf, None))
    docs_with_spans = {g.value(s, NIF.referenceContext) for s in spans}
    # the documents in Latin-1, Windows-1252 and UTF-16 each yield evidence, not only the UTF-8 ones
    assert {str(g.value(d, DCT.identifier)) for d in docs_with_spans} >= {"latin-1.txt", "windows-1252.txt",
                                                                         "utf-16.txt", "bom-crlf.txt"}
    for s in spans:
        text = texts[g.value(s, NIF.referenceContext)]
        b, e = int(g.value(s, NIF.beginIndex)), int(g.value(s, NIF.endIndex))
        assert text[b:e] == str(g.value(s, NIF.anchorOf))
    anchors = " ".join(str(g.value(s, NIF.anchorOf)) for s in spans)
    assert "Herr Müller" in anchors  # Latin-1 decoded, not mojibake


def test_header_after_a_byte_order_mark_is_read(broken_build):
    _, _, out = broken_build
    g = rdflib.Graph().parse(out / "kg.ttl")
    (doc,) = g.subjects(DCT.identifier, rdflib.Literal("bom-crlf.txt"))
    assert str(g.value(doc, DCT.title)) == "Statement by the Canadian Trade Minister"
    assert str(g.value(doc, DCT.date)) == "1996-05-12"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its content."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_strict_fails_and_leaves_the_previous_export_whole(tmp_path):
    out, _ = cli_build(tmp_path, BROKEN / "communique.txt", "--strict")
    before = (out / "kg.ttl").read_bytes()
    exports_before = snapshot(out)

    corpus = make_broken_corpus(tmp_path)
    r = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--strict", "-q"])
    assert r.exit_code == 1
    assert "skipped empty.txt: empty (no text)" in r.output
    assert "(--strict): nothing written" in r.output
    assert "Traceback" not in r.output
    assert (out / "kg.ttl").read_bytes() == before
    assert snapshot(out) == exports_before


@pytest.mark.parametrize("files", [{}, {"empty.txt": b"", "binary.txt": b"\x00\x01"}])
def test_a_folder_without_one_readable_document_does_not_replace_the_export(tmp_path, files):
    src = tmp_path / "docs"
    src.mkdir()
    for name, data in files.items():
        (src / name).write_bytes(data)
    out = tmp_path / "out"
    out.mkdir()
    (out / "kg.ttl").write_text("# the previous build\n")
    r = CliRunner().invoke(main, ["build", str(src), "--out", str(out), "-q"])
    assert r.exit_code == 1
    assert f"no document could be read in {src} ({len(files)} files skipped): nothing written" in r.output
    assert (out / "kg.ttl").read_text() == "# the previous build\n"


def test_a_graph_that_breaks_the_shapes_is_reported_in_words_and_not_written(tmp_path, monkeypatch):
    """A fault put into a real build: a pledge without actor or evidence."""
    import kg.graph.stream

    real_parts = kg.graph.stream.parts

    def parts_with_a_fault(*args, **kwargs):  # the graph is made and checked a part at a time
        for i, (g, held) in enumerate(real_parts(*args, **kwargs)):
            if i == 0:
                g.add((URIRef("https://w3id.org/kg/id/pledge/broken"), RDF.type, KGO.Pledge))
            yield g, held

    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(BROKEN / "communique.txt", src)
    out = tmp_path / "out"
    out.mkdir()
    (out / "kg.ttl").write_text("# the previous build\n")
    monkeypatch.setattr(kg.graph.stream, "parts", parts_with_a_fault)
    r = CliRunner().invoke(main, ["build", str(src), "--out", str(out), "-q"])
    assert r.exit_code == 1
    assert "pledge:broken (kgo:pledgedBy): A pledge is made by at least one actor." in r.output
    assert "pledge:broken (prov:wasDerivedFrom): A pledge cites exactly one text span." in r.output
    assert "nothing written" in r.output
    assert (out / "kg.ttl").read_text() == "# the previous build\n"
    assert not [p.name for p in out.iterdir() if p.name.startswith((".kg-graph", ".kg-part", ".tmp-"))]


def test_a_span_that_ends_before_it_begins_is_caught_by_the_sparql_constraint(seeds_build):
    """The SPARQL constraint is run once over the graph before pySHACL: a graph that breaks it is
    still reported, at the span and at the pledge that cites it."""
    from rdflib import XSD, Literal
    from kg.graph.shapes import validate
    g = rdflib.Graph()
    for t in seeds_build.graph:
        g.add(t)
    pledge = next(iter(sorted(g.subjects(RDF.type, KGO.Pledge))))
    span = g.value(pledge, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    g.set((span, NIF.endIndex, Literal(int(g.value(span, NIF.beginIndex)), datatype=XSD.nonNegativeInteger)))
    said = [str(v) for v in validate(g)]
    assert f"{span}: A span ends after it begins." in said
    assert any(v.startswith(f"pledge:{pledge.split('/')[-1]} (prov:wasDerivedFrom): A pledge cites exactly one "
                            f"text span.") and "is not well formed" in v for v in said)
    assert len(said) == 2


@pytest.mark.parametrize("failure", [KeyboardInterrupt(), OSError(errno.ENOSPC, "No space left on device")])
def test_an_interrupted_write_leaves_the_old_file_and_no_debris(tmp_path, monkeypatch, failure):
    target = tmp_path / "kg.ttl"
    target.write_bytes(b"old graph\n")

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(type(failure)):
        write_atomically(target, b"new graph\n" * 1000)
    assert target.read_bytes() == b"old graph\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]


def test_an_atomic_write_keeps_the_files_mode(tmp_path):
    target = tmp_path / "kg.ttl"
    write_atomically(target, b"first\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    target.chmod(0o640)
    write_atomically(target, b"second\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_bytes() == b"second\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("data,encoding,text", [
    ("Café – “quoted”".encode("cp1252"), "windows-1252", "Café – “quoted”"),
    ("Zölle in Österreich".encode("latin-1"), "latin-1", "Zölle in Österreich"),
    ("日本と米国".encode("utf-16"), "utf-16", "日本と米国"),
    ("日本と米国".encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16", "日本と米国"),
    ("Japan".encode("utf-32"), "utf-32", "Japan"),
    (b"\xef\xbb\xbfBOM kept\r\n", "utf-8", "\ufeffBOM kept\r\n"),
])
def test_encodings_are_decoded_and_named(data, encoding, text):
    assert decode(data) == (text, encoding)
    assert data.decode(encoding) == text


@pytest.mark.parametrize("data,reason", [
    (b"%PDF-1.7\nstuff", "a PDF document"),
    (b"PK\x03\x04\x14\x00", "a ZIP archive"),
    (b"{\\rtf1\\ansi Japan will", "an RTF document"),
    (b"\x1f\x8b\x08\x00", "a gzip archive"),
    (bytes([1, 2, 3, 4, 5, 6]) * 20 + b"some text", "control bytes"),
    (b"\xff\xfeJ\x00a\x00p", "is not UTF-16"),
])
def test_files_that_are_not_text_say_what_they_are(data, reason):
    with pytest.raises(ReadError, match=reason):
        decode(data)


def test_the_same_text_in_two_encodings_is_one_document(tmp_path):
    text = "Japan will open its market for “flat glass” – by 1995.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    reader = DocumentReader(tmp_path)
    assert reader.read(tmp_path / "a.txt").encoding == "utf-8"
    with pytest.raises(ReadError, match=r"the same text as a\.txt \(a duplicate"):
        reader.read(tmp_path / "b.txt")


def test_names_that_give_one_identifier_are_not_merged(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "trade talks.txt").write_text("Japan will open its market.\n")
    (tmp_path / "trade-talks.txt").write_text("Korea will open its market.\n")
    (tmp_path / "sub" / "trade talks.txt").write_text("Canada will open its market.\n")
    paths, skipped = find_documents(tmp_path)
    assert skipped == []
    reader = DocumentReader(tmp_path)
    by_name = {p.relative_to(tmp_path).as_posix(): p for p in paths}
    assert reader.read(by_name["trade talks.txt"]).name == "trade talks.txt"
    with pytest.raises(ReadError, match=r"same identifier as .*rename one of the two"):
        reader.read(by_name["trade-talks.txt"])
    # the same name in another folder is another document: its path is part of its identifier
    assert reader.read(by_name["sub/trade talks.txt"]).name == "sub/trade talks.txt"


def test_a_folder_reached_twice_is_read_once(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Japan will open its market.\n")
    (tmp_path / "link").symlink_to("docs")
    paths, skipped = find_documents(tmp_path)
    assert paths == [tmp_path / "docs" / "a.txt"]
    assert [(s.path.name, s.reason) for s in skipped] == [("link", "a second way into docs, which is read once")]


def test_folders_nested_deeper_than_recursion_goes_are_read(tmp_path):
    import sys
    d = tmp_path
    for _ in range(sys.getrecursionlimit() + 50):
        d = d / "d"
        d.mkdir()
    (d / "deep.txt").write_text("Japan will open its market.\n")
    try:
        paths, skipped = find_documents(tmp_path)
        assert paths == [d / "deep.txt"] and skipped == []
    finally:  # from the bottom up: shutil.rmtree, as pytest cleans up, recurses and would fail
        (d / "deep.txt").unlink()
        while d != tmp_path:
            d.rmdir()
            d = d.parent


def test_a_file_that_grows_past_the_limit_is_refused_without_reading_it_all(tmp_path, monkeypatch):
    import kg.read.corpus
    p = tmp_path / "growing.txt"
    p.write_text("Japan will open its market.\n" * 10)
    monkeypatch.setattr(kg.read.corpus, "MAX_BYTES", 100)
    with pytest.raises(ReadError, match="too large"):
        read_document(p)


def test_the_sample_corpus_is_read_in_utf8_without_skips():
    paths, skipped = find_documents(SEEDS)
    assert skipped == []
    reader = DocumentReader(SEEDS)
    assert {reader.read(p).encoding for p in paths} == {"utf-8"}


def test_validate_prints_plain_words_not_tracebacks(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("""
@prefix kgo: <https://w3id.org/kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/kg/doc/d> a kgo:Document ; dcterms:identifier "d.txt" ; dcterms:date "1992-02-30"^^xsd:date .
<https://w3id.org/kg/id/stance/s> a kgo:Stance ; kgo:position kgo:maybe .
<https://w3id.org/kg/id/pledge/p> a kgo:Pledge ; kgo:targetYear "20x" .
""")
    r = CliRunner().invoke(main, ["validate", str(bad)])
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    assert 'stance:s (kgo:position): Its kgo:position kgo:maybe is not one of kgo:supports, kgo:opposes.' in r.output
    assert "stance:s (kgo:heldBy): It has no kgo:heldBy." in r.output
    assert 'pledge:p (kgo:targetYear): Its kgo:targetYear "20x" is not a valid xsd:gYear.' in r.output
    assert '"1992-02-30" has none of the forms allowed' in r.output


def test_validate_speaks_json_too(tmp_path):
    import json
    bad = tmp_path / "bad.ttl"
    bad.write_text("""
@prefix kgo: <https://w3id.org/kg/ontology#> .
<https://w3id.org/kg/id/stance/s> a kgo:Stance ; kgo:position kgo:maybe .
""")
    r = CliRunner().invoke(main, ["validate", str(bad), "--format", "json"])
    assert r.exit_code == 1
    report = json.loads(r.stdout)
    assert report["conforms"] is False and report["triples"] == 2
    assert {"focus": "stance:s", "path": "kgo:heldBy", "message": "It has no kgo:heldBy."} in report["violations"]


def test_validate_names_a_file_that_is_not_turtle_in_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> {{ not turtle\n\n")
    r = CliRunner().invoke(main, ["validate", str(bad)])
    assert r.exit_code == 1
    assert r.output.startswith(f"Error: {bad} is not valid Turtle:")
    assert r.output.count("\n") == 1
