"""Lines as a text means them: the physical lines of a hard-wrapped paragraph are one line."""
from __future__ import annotations

from pathlib import Path

from kg.language.segment import lines, wrapped_width

DOCS = Path(__file__).resolve().parent / "data" / "multilateral" / "docs"
FACT_SHEET = DOCS / "t01_ipef_san_francisco_fact_sheet.txt"   # a release wrapped at about 72 characters


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def test_a_wrapped_release_is_read_in_paragraphs_and_bullets():
    text = read(FACT_SHEET)
    assert wrapped_width([len(x) for x in text.splitlines()]) is not None
    ls = lines(text)
    first = next(ln for ln in ls if ln.text.startswith("Today, President Biden announced"))
    assert "\n" in first.text and first.text.rstrip().endswith(".")   # the whole paragraph
    assert text[first.span.begin:first.span.end] == first.text          # offsets still exact
    bullets = [ln for ln in ls if ln.marker]
    assert any(ln.text.startswith("The IPEF Supply Chain Agreement will help") and "\n" in ln.text for ln in bullets)
    assert all(not ln.text.startswith(("The Clean Economy", "The Fair Economy")) or ln.marker for ln in ls)


def test_text_whose_lines_are_paragraphs_is_left_as_it_is():
    text = read(DOCS / "f03_g20_bali_leaders_declaration_2022.txt")   # one paragraph a line
    assert wrapped_width([len(x) for x in text.splitlines()]) is None
    assert len(lines(text)) == len([x for x in text.splitlines() if x.strip()])


def test_short_lines_headings_and_lead_ins_end_where_they_end():
    text = ("Key Outcomes\n"
            "The partners agreed on the following measures to be taken over the\n"
            "coming year by each of the governments that signed the agreement:\n"
            "- Reduce tariffs on industrial goods by half within three years of\n"
            "  the entry into force of the agreement, and eliminate them later.\n"
            "- Open public procurement to the firms of every partner of the\n"
            "  framework on equal terms with national firms and publish tenders.\n"
            "Signed in Washington.\n")
    ls = lines(text)
    assert [ln.text.split()[0] for ln in ls] == ["Key", "The", "Reduce", "Open", "Signed"]
    assert ls[0].heading and ls[1].lead_in and ls[2].marker == "-"
