"""Reading documents, dates, lines and phrase matching, on real text and on text that breaks things."""
from __future__ import annotations

import pytest

from kg.read.corpus import ReadError, read_document
from kg.read.dates import parse_date
from kg.language.matcher import PhraseMatcher
from kg.language.segment import lines

from .conftest import SEEDS


def test_metadata_block_gives_title_and_date():
    doc = read_document(SEEDS / "000_2a56f6dbc4fee8d4.txt")
    assert doc.title == "The Tokyo Declaration on the U.S.-Japan Global Partnership"
    assert doc.date == "1992-01-09"
    assert doc.text.startswith('"The World and Japan"')
    assert doc.body_start > 0 and "[Source]" not in doc.text[doc.body_start:doc.body_start + 200]


def test_date_near_the_top_is_the_documents_date():
    assert read_document(SEEDS / "003_0866a07d48dc6288.txt").date == "1993-02-10"


@pytest.mark.parametrize("text,iso", [
    ("[Date] January 9, 1992", "1992-01-09"),
    ("11. September 2019", "2019-09-11"),
    ("signed 1992-01-09 in Tokyo", "1992-01-09"),
    ("the MOCP Work Plan of September 1991", "1991-09"),
    ("no date here", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_offsets_count_into_text_read_without_newline_translation(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes("\ufeffTitle line\r\n\r\nJapan will open its market.\r\n".encode("utf-8"))
    doc = read_document(p)
    with open(p, encoding="utf-8", newline="") as f:
        assert doc.text == f.read()


def test_windows_1252_is_decoded_and_recorded(tmp_path):
    p = tmp_path / "old.txt"
    p.write_bytes("Caf\xe9 talks \x96 Japan will open its market.".encode("latin-1"))
    doc = read_document(p)
    assert doc.encoding == "windows-1252"
    assert "Café talks – Japan" in doc.text


@pytest.mark.parametrize("data,reason", [(b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01abc", "binary")])
def test_unreadable_documents_raise_with_a_reason(tmp_path, data, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(ReadError, match=reason):
        read_document(p)


def test_lines_know_bullets_headings_and_lead_ins():
    doc = read_document(SEEDS / "000_2a56f6dbc4fee8d4.txt")
    ls = lines(doc.text)
    by_text = {ln.text: ln for ln in ls}
    assert by_text["Political and Security Relations"].heading
    assert by_text["Strengthen the Missile Technology Control Regime."].level == 2
    assert by_text["The Japanese government:"].lead_in
    for ln in ls:
        assert doc.text[ln.span.begin:ln.span.end] == ln.text


def test_phrase_matcher_respects_case_of_acronyms_and_spacing():
    pm = PhraseMatcher()
    pm.add("U.S.", "us")
    pm.add("US", "us")
    pm.add("flat glass", "glass")
    text = "Let us see: the U. S. and the US will sell Flat Glass."
    found = [(m.text, m.payloads[0]) for m in pm.find(text)]
    assert found == [("U. S.", "us"), ("US", "us"), ("Flat Glass", "glass")]


def test_phrase_matcher_prefers_the_longest_phrase():
    pm = PhraseMatcher()
    pm.add("Japan", "japan")
    pm.add("Japan Fair Trade Commission", "jftc")
    found = [m.payloads[0] for m in pm.find("the Japan Fair Trade Commission and Japan")]
    assert found == ["jftc", "japan"]
