"""PDF, HTML and Word documents: read by their content, whole sentences from paginated text,
exact provenance with page numbers, metadata with where it came from, the same graph as their text.

tests/data/formats/ holds U.S. federal documents (public domain): a Federal Register
notice as the Government Publishing Office published it (15 pages, three columns,
running heads, footnotes), the Tokyo Declaration of 1992 and a White House joint
statement of 2025, each with its text as .txt (tests/data/make_formats.py made the
PDF, Word and HTML files of the last two from their .txt).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import RDF, RDFS

from kg.build import build
from kg.cli import main
from kg.model.iri import KGO, NIF, PROV
from kg.read.corpus import (DocumentReader, ReadError, extract, find_documents, read_document, recover_text,
                            sniff)
from kg.read.text import decode_with_warnings

FORMATS = Path(__file__).resolve().parent / "data" / "formats"
BROKEN = Path(__file__).resolve().parent / "data" / "broken"
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
FR = FORMATS / "federal-register-2020-17221.pdf"
TOKYO = FORMATS / "tokyo-declaration-1992.pdf"
ECUADOR = FORMATS / "ecuador-joint-statement-2025"

PAIRS = [FR, TOKYO, ECUADOR.with_suffix(".html"), ECUADOR.with_suffix(".docx")]


@pytest.fixture(scope="module")
def built():
    """Each document of the corpus built on its own, once: path -> BuildResult."""
    cache: dict[Path, object] = {}

    def get(path: Path):
        if path not in cache:
            cache[path] = build(path)
        return cache[path]
    return get


def _words(text: str) -> list[str]:
    return text.split()


def pledges_and_actors(g: rdflib.Graph) -> tuple[set, set]:
    """What a graph says, offsets aside: each pledge (who, evidence words) and each entity (class, label)."""
    pledges = set()
    for p in g.subjects(RDF.type, KGO.Pledge):
        span = g.value(p, PROV.wasDerivedFrom)
        by = tuple(sorted(str(g.value(a, RDFS.label)) for a in g.objects(p, KGO.pledgedBy)))
        sectors = tuple(sorted(str(g.value(s, RDFS.label)) for s in g.objects(p, KGO.concernsSector)))
        pledges.add((by, sectors, " ".join(str(g.value(span, NIF.anchorOf)).split())))
    entities = {(str(c).split("#")[-1], str(g.value(a, RDFS.label)))
                for a, c in g.subject_objects(RDF.type) if (a, KGO.mentionedIn, None) in g}
    return pledges, entities


@pytest.mark.parametrize("path", PAIRS, ids=lambda p: p.name)
def test_the_graph_of_each_format_is_the_graph_of_its_text(built, path):
    pledges, entities = pledges_and_actors(built(path).graph)
    text_pledges, text_entities = pledges_and_actors(built(path.with_suffix(".txt")).graph)
    assert pledges and entities
    assert pledges == text_pledges
    assert entities == text_entities


@pytest.mark.parametrize("path,fmt", [(FR, "pdf"), (TOKYO, "pdf"), (ECUADOR.with_suffix(".html"), "html"),
                                      (ECUADOR.with_suffix(".docx"), "docx"), (ECUADOR.with_suffix(".txt"), "text")])
def test_the_format_is_told_by_the_content_whatever_the_name(tmp_path, path, fmt):
    assert sniff(path.read_bytes()) == fmt
    liar = tmp_path / "renamed.txt" if fmt != "text" else tmp_path / "renamed.pdf"
    shutil.copy(path, liar)
    doc = read_document(liar)
    assert doc.format == fmt
    assert doc.text == read_document(path).text
    assert doc.warnings and doc.warnings[0].startswith(f"named {liar.suffix} but is ")


def test_a_pdf_in_a_folder_of_any_name_is_read(tmp_path):
    shutil.copy(TOKYO, tmp_path / "declaration")  # no suffix at all
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    paths, skipped = find_documents(tmp_path)
    assert paths == [tmp_path / "declaration"]
    assert [s.path.name for s in skipped] == ["picture.png"]


def test_the_register_reads_as_its_reviewed_text():
    """federal-register-2020-17221.txt is the reading reviewed against the pages: a change to the
    layout step shows here as a difference to review, and the .txt is updated if it is right."""
    assert read_document(FR).text == FR.with_suffix(".txt").read_text(encoding="utf-8")


def test_running_heads_page_numbers_and_print_slugs_are_not_in_the_text():
    text = read_document(FR).text
    for head in ("Federal Register / Vol. 85", "VerDate", "jbell on DSK", "\ufffe"):
        assert head not in text
    assert not re.search(r"^\s*477\d\d\s*$", text, re.M)  # the page numbers of the Register
    tokyo = read_document(TOKYO).text
    assert "Page 1" not in tokyo and "Page 2" not in tokyo
    assert tokyo.count("The Tokyo Declaration on the U.S.-Japan Global Partnership") == 1  # the title, not the heads


def test_sentences_run_on_across_columns_pages_and_hyphens():
    text = read_document(FR).text
    # hyphenated at the foot of page 1's third column, continued at the top of page 2's third column,
    # with the notes of page 2 between them in the file
    assert ("was involved in an accident after takeoff from Soekarno-Hatta International Airport in Jakarta, "
            "Indonesia, resulting in 189 fatalities.") in text
    assert "Soekarno- " not in text


def test_words_hyphenated_at_line_ends_are_whole_and_hyphenated_words_keep_their_hyphen():
    pdf_words = _words(read_document(TOKYO).text)
    text = read_document(TOKYO.with_suffix(".txt"))
    body_words = _words(text.text[text.body_start:])
    # the PDF sets the title and "Tokyo, January 9, 1992" where the text has its header lines
    assert pdf_words[:12] == _words("The Tokyo Declaration on the U.S.-Japan Global Partnership Tokyo, January 9, 1992")
    assert pdf_words[12:] == body_words
    assert "two-way" in pdf_words[12:] or any("two-way" in w for w in pdf_words)


def test_footnotes_are_kept_apart_from_the_body():
    text = read_document(FR).text
    paragraphs = text.split("\n\n")
    notes = [i for i, p in enumerate(paragraphs) if re.match(r"\d{1,2}[A-Z]", p)]
    body = [i for i, p in enumerate(paragraphs) if p.startswith("On October 29, 2018, a Boeing Model")]
    assert [paragraphs[i][:12] for i in notes[:3]] == ["1Preliminary", "2The flight ", "3An airplane"]
    assert body and body[0] < notes[0]  # the notes follow the body
    assert notes == list(range(notes[0], notes[0] + len(notes)))  # and nothing of the body follows them
    # a note that runs on to the next column is one paragraph
    assert any(p.startswith("7Ethiopian") and p.endswith("dated March 2020, can be found in the AD docket.")
               for p in paragraphs)


def _page_texts(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    pages = [re.sub(r"\s+|\ufffe|-", "", pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    pdf.close()
    return pages


@pytest.mark.parametrize("path", [FR, TOKYO], ids=lambda p: p.name)
def test_each_paragraph_is_given_the_page_it_begins_on(path):
    doc = read_document(path)
    pages = _page_texts(path)
    starts = [b for b, _ in doc.pages] + [len(doc.text)]
    offset = 0
    for paragraph in doc.text.split("\n\n"):
        on_this_page = paragraph[:min(s for s in starts if s > offset) - offset]
        start = re.sub(r"\s+|-", "", on_this_page)[:25]
        page = doc.page_at(offset)
        assert start in pages[page - 1], (page, paragraph[:60])
        offset += len(paragraph) + 2


@pytest.mark.parametrize("path", PAIRS, ids=lambda p: p.name)
def test_every_span_is_the_text_at_its_offsets_in_the_text_recovered_from_the_file(built, path):
    g = built(path).graph
    (d,) = g.subjects(RDF.type, KGO.Document)
    text = recover_text(path, str(g.value(d, KGO.textDigest)))
    spans = list(g.subjects(NIF.anchorOf, None))
    assert spans
    for s in spans:
        b, e = int(g.value(s, NIF.beginIndex)), int(g.value(s, NIF.endIndex))
        assert text[b:e] == str(g.value(s, NIF.anchorOf))
        page = g.value(s, KGO.page)
        assert (page is not None) == path.suffix.endswith("pdf")


def test_a_changed_file_is_not_taken_for_the_text_a_build_counted_in(tmp_path):
    digest = read_document(TOKYO).digest
    other = tmp_path / "tokyo.pdf"
    shutil.copy(FR, other)
    with pytest.raises(ReadError, match="digest differs"):
        recover_text(other, digest)


def test_reading_is_deterministic():
    for path in PAIRS:
        assert extract(path) == extract(path)


@pytest.mark.parametrize("path,title,title_from,date,date_from,creator_from", [
    (TOKYO, "The Tokyo Declaration on the U.S.-Japan Global Partnership", "PDF XMP dc:title",
     "1992-01-09", "PDF XMP dc:date", "PDF XMP dc:creator"),
    (FR, None, None, "2020-08-06", "text: the first date near the top", None),
    (ECUADOR.with_suffix(".html"), "Joint Statement on Framework for United States-Ecuador Agreement on "
     "Reciprocal Trade", "HTML JSON-LD headline", "2025-11-13", "HTML JSON-LD datePublished",
     "HTML JSON-LD author"),
    (ECUADOR.with_suffix(".docx"), "Joint Statement on Framework for United States-Ecuador Agreement on "
     "Reciprocal Trade", "DOCX core properties dc:title", "2025-11-13", "text: the first date near the top",
     "DOCX core properties dc:creator"),
    (ECUADOR.with_suffix(".txt"), "Joint Statement on Framework for United States-Ecuador Agreement on "
     "Reciprocal Trade", "text header [Title]", "2025-11-13", "text header [Date]", None),
])
def test_metadata_says_where_it_came_from(path, title, title_from, date, date_from, creator_from):
    doc = read_document(path)
    assert (doc.title, doc.sources.get("title")) == (title, title_from)
    assert (doc.date, doc.sources.get("date")) == (date, date_from)
    assert doc.sources.get("creator") == creator_from


def test_without_xmp_the_information_dictionary_gives_the_title(tmp_path):
    from kg.read.pdf import PdfReader

    data = TOKYO.read_bytes()
    start, end = data.index(b"<x:xmpmeta"), data.index(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")
    no_xmp = data[:start] + b" " * (end - start) + data[end:]  # the packet blanked, every offset kept
    extracted = PdfReader()(no_xmp)
    assert extracted.metadata["title"] == ("The Tokyo Declaration on the U.S.-Japan Global Partnership",
                                           "PDF information dictionary /Title")
    assert extracted.metadata["creator"] == ("The White House", "PDF information dictionary /Author")
    assert "date" not in extracted.metadata  # reportlab's creation date is the file's, kept apart
    assert extracted.metadata["created"][1] == "PDF information dictionary /CreationDate"


def test_the_graph_records_the_source_format_digest_and_metadata_sources(built):
    g = built(TOKYO).graph
    (d,) = g.subjects(RDF.type, KGO.Document)
    assert str(g.value(d, DCT.source)) == "tokyo-declaration-1992.pdf"
    assert str(g.value(d, KGO.mediaType)) == "application/pdf"
    assert str(g.value(d, KGO.titleSource)) == "PDF XMP dc:title"
    assert str(g.value(d, KGO.dateSource)) == "PDF XMP dc:date"
    assert str(g.value(d, rdflib.URIRef("http://purl.org/dc/elements/1.1/creator"))) == "The White House"
    assert g.value(d, KGO.encoding) is None  # a PDF has no character encoding of its own
    assert re.fullmatch(r"[0-9a-f]{64}", str(g.value(d, KGO.textDigest)))


def test_an_html_page_gives_its_article_not_its_menus_banners_scripts_or_styles():
    text = read_document(ECUADOR.with_suffix(".html")).text
    assert "Ecuador has committed to reduce or eliminate tariffs" in text
    for furniture in ("sanctions on Korea", "cookies", "Privacy Policy", "Administration", "dataLayer",
                      "font-family", "1600 Pennsylvania"):
        assert furniture not in text


def test_an_html_page_is_decoded_as_it_declares(tmp_path):
    page = ("<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><title>Déclaration</title></head>"
            "<body><p>La République française s’engage à ouvrir son marché – dès 1995.</p></body></html>")
    p = tmp_path / "page.html"
    p.write_bytes(page.encode("cp1252"))
    doc = read_document(p)
    assert doc.encoding == "windows-1252" and doc.title == "Déclaration"
    assert doc.text == "La République française s’engage à ouvrir son marché – dès 1995.\n"


def test_an_html_page_of_only_scripts_and_styles_is_not_a_document():
    with pytest.raises(ReadError, match="without text"):
        read_document(BROKEN / "scripts-only.html")


def test_a_word_document_gives_paragraphs_list_items_and_tables_in_order():
    text = read_document(ECUADOR.with_suffix(".docx")).text
    lines = text.splitlines()
    assert lines[0] == "Joint Statement on Framework for United States-Ecuador Agreement on Reciprocal Trade"
    assert any(ln.startswith("\u2022 Tariffs: Ecuador has committed") for ln in lines)
    assert lines[-1] == "Date | November 13, 2025"
    assert lines.index("Document | Joint statement") > lines.index(next(ln for ln in lines if "Trade and Investment Council." in ln))


@pytest.mark.parametrize("name,encoding,first_line", [
    ("shift_jis.txt", "shift-jis", "日米共同声明"),
    ("euc-kr.txt", "euc-kr", "한미 공동성명"),
    ("gb18030.txt", "gb18030", "中美联合声明"),
    ("big5.txt", "big5", "臺美聯合聲明"),
])
def test_east_asian_encodings_are_read_right(name, encoding, first_line):
    doc = read_document(BROKEN / name)
    assert (doc.encoding, doc.warnings) == (encoding, [])
    assert doc.text.splitlines()[0] == first_line
    with open(BROKEN / name, encoding=encoding, newline="") as f:
        assert f.read() == doc.text


def test_utf8_with_a_few_bad_bytes_is_utf8_with_them_replaced_and_counted():
    doc = read_document(BROKEN / "bad-bytes.txt")
    assert doc.encoding == "utf-8"
    assert doc.warnings == ["UTF-8 but for 3 bytes that are not: read as UTF-8 with them replaced by \ufffd"]
    assert "Déclaration de Genève" in doc.text and doc.text.count("\ufffd") == 3


def test_a_nul_byte_anywhere_makes_a_file_binary():
    data = b"Japan will open its market.\n" * 1000 + b"\x00"
    with pytest.raises(ReadError, match="NUL"):
        decode_with_warnings(data)


def test_a_guess_below_the_detectors_confidence_is_a_warning_and_a_failure_under_strict(tmp_path):
    import kg.read.text

    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(BROKEN / "shift_jis.txt", src)
    shutil.copy(BROKEN / "communique.txt", src)
    threshold = kg.read.text.MAX_CHAOS
    try:
        kg.read.text.MAX_CHAOS = -1.0  # every guess is now below the threshold
        doc = read_document(src / "shift_jis.txt")
        assert doc.warnings and doc.warnings[0].startswith("encoding guessed as shift-jis with low confidence")
        out = tmp_path / "out"
        r = CliRunner().invoke(main, ["build", str(src), "--out", str(out), "-q"])
        assert r.exit_code == 0, r.output
        assert "warning shift_jis.txt: encoding guessed as shift-jis with low confidence" in r.output
        r = CliRunner().invoke(main, ["build", str(src), "--out", str(tmp_path / "strict"), "-q", "--strict"])
        assert r.exit_code == 1
        assert "skipped shift_jis.txt: encoding guessed as shift-jis" in r.output
        assert "(--strict): nothing written" in r.output
    finally:
        kg.read.text.MAX_CHAOS = threshold


def test_links_out_of_the_folder_are_followed_only_when_asked_and_never_to_system_folders(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "memo.txt").write_text("Korea will open its market.\n")
    src = tmp_path / "docs"
    src.mkdir()
    (src / "memo.txt").symlink_to(outside / "memo.txt")
    (src / "proc").symlink_to("/proc")
    (src / "everything").symlink_to("/")
    paths, skipped = find_documents(src)
    assert paths == []
    reasons = {s.path.name: s.reason for s in skipped}
    assert reasons["memo.txt"].startswith(f"a symbolic link to {outside / 'memo.txt'}, outside the folder")
    paths, skipped = find_documents(src, follow_links=True)
    assert paths == [src / "memo.txt"]
    assert {s.path.name: s.reason for s in skipped} == {
        "proc": "a symbolic link to /proc: kg never reads /, /proc, /sys or /dev",
        "everything": "a symbolic link to /: kg never reads /, /proc, /sys or /dev"}
    assert find_documents(Path("/proc/self"))[1][0].reason.endswith("kg never reads /, /proc, /sys or /dev")


def test_follow_links_on_the_command_line(tmp_path):
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("Japan will open its market to foreign rice.\n")
    src = tmp_path / "docs"
    src.mkdir()
    (src / "memo.txt").symlink_to(outside)
    r = CliRunner().invoke(main, ["build", str(src), "--out", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 1 and "outside the folder; not followed (--follow-links follows it)" in r.output
    r = CliRunner().invoke(main, ["build", str(src), "--out", str(tmp_path / "out"), "-q", "--follow-links"])
    assert r.exit_code == 0, r.output
    assert "read 1 documents" in r.output


def test_a_document_over_the_word_limit_is_refused_with_the_limit(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text("Japan will open its market.\n" * 50)
    reader = DocumentReader(tmp_path, max_words=100)
    with pytest.raises(ReadError, match=r"250 words, the limit is 100 words a document.*split it"):
        reader.read(p)
    r = CliRunner().invoke(main, ["build", str(tmp_path), "--out", str(tmp_path / "out"), "-q", "--max-words", "100"])
    assert r.exit_code == 1 and "skipped long.txt: too long to analyse in one piece" in r.output


@pytest.fixture(scope="module")
def tokyo_out(tmp_path_factory):
    """`kg build` of a folder holding the Tokyo Declaration as a PDF: its output folder."""
    from .conftest import cli_build

    out, _ = cli_build(tmp_path_factory.mktemp("tokyo"), TOKYO)
    return out


def test_kg_neighbors_gives_the_page_of_each_evidence(tokyo_out):
    import csv
    import io

    r = CliRunner().invoke(main, ["neighbors", "Japan", "--data", str(tokyo_out / "kg.ttl"), "--format", "csv",
                                  "--type", "Pledge"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert rows and all(row["document"] == "tokyo-declaration-1992.pdf" for row in rows)
    pages = read_document(TOKYO)
    text = pages.text
    for row in rows:  # the page is the one the sentence begins on in the PDF
        assert int(row["page"]) == pages.page_at(text.index(row["evidence"]))
    assert {row["page"] for row in rows} == {"1", "2"}
    table = CliRunner().invoke(main, ["neighbors", "Japan", "--data", str(tokyo_out / "kg.ttl")]).output
    assert "page" in table.splitlines()[1].split()


def test_saved_queries_give_the_page_with_the_evidence(tokyo_out):
    import json

    r = CliRunner().invoke(main, ["query", "pledges-by-actor", "--param", "actor=Japan", "--data",
                                  str(tokyo_out / "kg.ttl"), "--format", "json"])
    assert r.exit_code == 0, r.output
    answer = json.loads(r.output)
    assert "page" in answer["head"]["vars"]
    assert answer["results"]["bindings"] and all(b["page"]["value"] in ("1", "2")
                                                 for b in answer["results"]["bindings"])


def test_the_page_shows_where_in_the_pdf_each_evidence_is(tokyo_out):
    from .test_viz import page_data

    data = page_data((tokyo_out / "graph.html").read_text(encoding="utf-8"))
    pledges = [n for n in data["facts"] if n["cls"] == "Pledge"]   # what a click on a node adds
    assert pledges and all(n["pages"][0] in ("tokyo-declaration-1992.pdf, p. 1", "tokyo-declaration-1992.pdf, p. 2")
                           for n in pledges)


def test_a_folder_of_mixed_formats_builds_in_one_command(tmp_path):
    src = tmp_path / "archive"
    src.mkdir()
    for path, name in ((FR, FR.name), (FR.with_suffix(".txt"), FR.with_suffix(".txt").name), (TOKYO, TOKYO.name),
                       (ECUADOR.with_suffix(".html"), "statement.html"), (ECUADOR.with_suffix(".docx"), "draft.docx"),
                       (ECUADOR.with_suffix(".txt"), "notes.txt")):
        shutil.copy(path, src / name)
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["build", str(src), "--out", str(out), "-q"])
    assert r.exit_code == 1, r.output
    # the Register's text is its PDF's text: one document, whatever the format
    assert ("skipped federal-register-2020-17221.txt: the same text as federal-register-2020-17221.pdf "
            "(a duplicate: built once, as federal-register-2020-17221.pdf)") in r.output
    assert "read 5 documents" in r.output and "skipped 1" in r.output
    g = rdflib.Graph().parse(out / "kg.ttl")
    media = sorted(str(g.value(d, KGO.mediaType)) for d in g.subjects(RDF.type, KGO.Document))
    assert media == ["application/pdf", "application/pdf",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/html",
                     "text/plain"]
