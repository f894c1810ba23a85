"""Whole sentences from paginated text: the lines of each page made into paragraphs.

A page comes as lines in reading order (the order of the file's content
stream, which is column by column for typeset documents) with their boxes.
From them:

- running headers and footers are removed: a line at the top or bottom of the
  page that recurs, digits aside, on other pages ("Federal Register / Vol. 85,
  No. 152 / ... 47699"), and a line there that is only a page number
  ("12", "Page 3 of 9", "- 4 -");
- footnotes are kept apart: a block of lines set smaller than the body and
  opening with a note mark ("1", "*") is moved out of the running text and
  given, note by note, after the body, so that no sentence of the body runs
  into a note and no note into the body;
- lines are joined into paragraphs, one paragraph a line of the text, with
  a blank line between paragraphs: a word hyphenated at a line end is joined
  ("trans-" + "portation") where the break is a syllable break of the whole
  word in Pyphen's English patterns, and kept hyphenated where it is not
  ("two-" + "way", "Asia-" + "Pacific"), a dash after a digit keeps its place
  ("2018–" + "23–51"), other lines are joined with a space. A paragraph ends
  at a line that ends a sentence well short of the column's edge, before a
  list mark, at a vertical gap of half a line or more, before a line set in
  from the one above it (a paragraph's first line), and where the type
  changes size (a heading). A paragraph that runs on to the next page
  is joined across the page break.

The text and the page each part came from are returned; the same lines
always give the same text.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

# Lines in this share of the page's height at its top or bottom may be running heads or feet.
MARGIN = 0.1
# A line recurring (digits aside) in the margins of at least this share of the pages is a running head.
RECURRING_SHARE = 0.5
# A line set at most this share of the body's height is small print (a footnote, if it opens with a mark).
SMALL = 0.9

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,5}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,5})?$", re.I)
_NOTE_MARK = re.compile(r"^(?:\d{1,3}|[*†‡§¶])\s?[A-Z(“\"‘']")
_LIST_MARK = re.compile(r"^(?:[•▪●◦·]|\(\d{1,2}\)|\([a-z]\)|\([ivx]{1,4}\)|\d{1,2}\.\s|[a-z]\)\s)")
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_HYPHENS = "-\u00ad\u2010\x02\ufffe"
_DASHES = "–—-"


@dataclass
class TextLine:
    """One line of a page as the file lays it out (PDF coordinates: y grows upwards)."""
    text: str
    x0: float
    x1: float
    bottom: float
    top: float

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass
class Page:
    lines: list[TextLine]
    height: float


def _key(text: str) -> str:
    """A line as it recurs from page to page: digits aside, and the page number on either side."""
    key = re.sub(r"\d+", "#", " ".join(text.split())).casefold()
    return re.sub(r"^(?:# )+|(?: #)+$", "", key)


def _in_margin(line: TextLine, page: Page) -> bool:
    return line.top >= page.height * (1 - MARGIN) or line.bottom <= page.height * MARGIN


def running_lines(pages: list[Page]) -> set[tuple[int, int]]:
    """(page index, line index) of each running header, footer and page number."""
    where: dict[str, set[int]] = {}
    for p, page in enumerate(pages):
        for line in page.lines:
            if _in_margin(line, page):
                where.setdefault(_key(line.text), set()).add(p)
    recurring = {k for k, ps in where.items()
                 if len(ps) >= 2 and len(ps) >= RECURRING_SHARE * len(pages)}
    found = set()
    for p, page in enumerate(pages):
        for i, line in enumerate(page.lines):
            if _in_margin(line, page) and (_key(line.text) in recurring or _PAGE_NUMBER.match(line.text.strip())):
                found.add((p, i))
    return found


def body_height(pages: list[Page]) -> float:
    """The height the most characters are set at: the body text's."""
    sizes: Counter = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.height * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def footnote_lines(pages: list[Page], skip: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """(page index, line index) of each line of a footnote: a run of small print in which a line
    opens with a note mark (the lines before the first mark go on with the note before)."""
    body = body_height(pages)
    found: set[tuple[int, int]] = set()
    if body <= 0:
        return found
    for p, page in enumerate(pages):
        run: list[int] = []
        for i, line in enumerate(page.lines + [None]):
            if line is not None and (p, i) in skip:
                continue
            if line is not None and line.height <= SMALL * body:
                run.append(i)
                continue
            if any(_NOTE_MARK.match(page.lines[j].text.strip()) for j in run):
                found.update((p, j) for j in run)
            run = []
    return found


def _right_edges(page: Page, keep: list[bool]) -> list[float]:
    """For each line, the right edge of the column it is set in: where most lines that start where
    it starts end (running heads and notes aside, and a wide line or two not counted)."""
    edges, by_start = [], {}
    for line in page.lines:
        start = round(line.x0)  # a page has few distinct starts (columns, indents): each counted once
        if start not in by_start:
            same = sorted(o.x1 for o, k in zip(page.lines, keep) if k and abs(o.x0 - start) < 24)
            by_start[start] = same[int(0.8 * (len(same) - 1))] if same else None
        edges.append(by_start[start] if by_start[start] is not None else line.x1)
    return edges


_WORD_END = re.compile(r"([A-Za-z]+)$")
_WORD_START = re.compile(r"^([a-z]+)")


def _syllable_break(a: str, b: str) -> bool:
    """Whether a word cut as `a`- | `b` was cut at a syllable by a typesetter (join it whole), not
    written with a hyphen (keep it): the break must be a hyphenation point of the whole word in
    the English patterns of Pyphen ("trans-portation" is one, "two-way" is not)."""
    left, right = _WORD_END.search(a[:-1]), _WORD_START.match(b)
    if not left or not right:
        return False
    return len(left.group(1)) in _hyphenator().positions(left.group(1) + right.group(1))


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def _joined(a: str, b: str) -> str:
    """Line `a` followed by line `b` in one paragraph: a hyphenated word whole, else a space between."""
    if len(a) >= 2 and a[-1] in _HYPHENS and a[-2].isalpha():
        if b[:1].islower() and _syllable_break(a, b):
            return a[:-1]                  # trans- portation: one word
        return a[:-1] + "-"                # two- way, Asia- Pacific: a hyphenated word
    if a and a[-1] in _HYPHENS:
        return a[:-1] + "-"
    if a[-1:] in _DASHES and (a[-2:-1].isdigit() or a[-2:-1].isupper() or a[-2:-1] == "."):
        return a                            # 2018– 23–51, U.S.- Japan: joined as printed
    return a + " "


def paragraphs(pages: list[Page]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text of `pages`, one paragraph a line, and (offset, page number) where each page's part begins."""
    drop = running_lines(pages)
    notes = footnote_lines(pages, drop)
    out: list[str] = []            # pieces of the text
    runs: list[tuple[int, int]] = []
    length = 0
    footnotes: list[tuple[int, list[str]]] = []   # (page number, lines of one note)

    def emit(piece: str, page_no: int | None = None) -> None:
        nonlocal length
        if page_no is not None and (not runs or runs[-1][1] != page_no):
            runs.append((length, page_no))
        out.append(piece)
        length += len(piece)

    current = ""                   # the paragraph being built, not yet emitted
    current_page = None
    prev: TextLine | None = None
    prev_edge = 0.0

    def end_paragraph() -> None:
        nonlocal current
        if current.strip():
            emit("\n\n" if length else "")
        current = ""

    for p, page in enumerate(pages):
        edges = _right_edges(page, [(p, i) not in drop and (p, i) not in notes for i in range(len(page.lines))])
        for i, line in enumerate(page.lines):
            text = " ".join(line.text.split())
            if (p, i) in drop or not text:
                continue
            if (p, i) in notes:
                if _NOTE_MARK.match(text) or not footnotes:
                    footnotes.append((p + 1, [text]))
                else:
                    footnotes[-1][1].append(text)
                continue
            new_paragraph = prev is None or _LIST_MARK.match(text) is not None
            if prev is not None and not new_paragraph:
                same_column = abs(line.x0 - prev.x0) < 24 and line.top < prev.top
                gap = prev.bottom - line.top if same_column else 0.0
                short = prev.x1 < prev_edge - 0.1 * max(prev_edge - prev.x0, 1.0)
                ends = _SENTENCE_END.search(prev_text) is not None
                resized = abs(line.height - prev.height) > 0.08 * max(prev.height, 1.0)
                indented = same_column and line.x0 - prev.x0 > 0.4 * max(line.height, 1.0)  # a first line
                new_paragraph = (ends and short) or gap > 0.5 * max(prev.height, 1.0) or resized or indented
            if new_paragraph:
                if current:
                    emit(current, current_page)
                end_paragraph()
                current, current_page = text, p + 1
            else:
                joined = _joined(current, text)
                if current_page != p + 1:   # the paragraph runs on to this page
                    emit(joined, current_page)
                    current, current_page = text, p + 1
                else:
                    current = joined + text
            prev, prev_edge, prev_text = line, edges[i], text
    if current:
        emit(current, current_page)
    for page_no, note in footnotes:
        emit("\n\n" if length else "")
        piece = note[0]
        for line in note[1:]:
            piece = _joined(piece, line) + line
        emit(piece, page_no)
    if out and not out[-1].endswith("\n"):
        emit("\n")
    return "".join(out), tuple(runs)
