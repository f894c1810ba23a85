"""Cutting a document's text into lines with their list structure.

A line is a heading, a lead-in ("Both nations pledge to:"), a bullet of some
depth ("-", "--", "1.", "a)", "(1)") or plain prose. Pledge and stance
extraction use this structure to hand a bullet the actor its lead-in or
heading names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span

_BULLET = re.compile(
    r"""^(?P<marker>
        (?:-\s?){1,3}(?!\d)            # -, --, - -, ---
      | [\u2022\u00b7*\u25aa\u25cf\u2013\u2014]   # bullets and dashes
      | \(?\d{1,2}[.)](?!\d)           # 1.  1)  (1)
      | \(?[a-z][.)](?=\s)             # a.  a)  (a)
      | (?:[IVX]{1,5})\s?\.(?!\w\.)    # I.  XII .
      | (?:[IVX]{1,5})(?=\s[A-Z])      # IX Government procurement
    )\s*""", re.X)
_ROMAN = re.compile(r"^[IVX]{1,5}\s?\.?$")
_END_PUNCT = ".!?;,\"'\u201d)"


@dataclass
class Line:
    span: Span                 # the content, marker excluded
    marker: str                # "" for prose
    level: int                 # 0 for prose and headings; 1, 2, 3 for bullets by depth
    heading: bool
    lead_in: bool              # ends with ':' (what follows depends on it)

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def marker_type(self) -> str:
        """dash, number, letter, roman, symbol, or '' for prose."""
        m = self.marker.replace(" ", "")
        if not m:
            return ""
        if m.startswith("-"):
            return "dash"
        if _ROMAN.match(m):
            return "roman"
        core = m.strip("()").rstrip(".)")
        if core.isdigit():
            return "number"
        if core.isalpha() and len(core) == 1:
            return "letter"
        return "symbol"


def bullet_level(marker: str) -> int:
    m = marker.replace(" ", "")
    if not m:
        return 0
    if m.startswith("-"):
        return min(len(m), 3)
    if m[0] in "\u2022\u00b7*\u25aa\u25cf\u2013\u2014":
        return 1
    if _ROMAN.match(m):
        return 0
    if m.strip("()").rstrip(".)").isdigit():
        return 1
    return 2  # lettered


def is_heading(text: str, marker: str) -> bool:
    """A short line without closing punctuation, mostly capitalised: a section title."""
    t = text.strip()
    if not t or len(t) > 90 or t[-1] in _END_PUNCT or t.endswith(":"):
        return False
    words = re.findall(r"[A-Za-z][\w'-]*", t)
    if not words or len(words) > 12:
        return False
    if marker and _ROMAN.match(marker.replace(" ", "")):
        return True
    caps = sum(1 for w in words if w[0].isupper())
    small = {"of", "and", "the", "to", "for", "on", "in", "a", "an", "by", "with", "at"}
    content = [w for w in words if w.lower() not in small]
    return bool(content) and caps >= max(1, len(content) * 0.6) and words[0][0].isupper()


def lines(text: str, start: int = 0) -> list[Line]:
    """The lines of text[start:], with markers, levels and headings.

    A line is what the text means as one: in hard-wrapped text (cables, fact sheets
    and releases broken at a fixed width, text taken from PDF) the physical lines of
    one paragraph or bullet are joined into one line, its span running over the
    line breaks (see `wrapped_width`)."""
    physical = []
    for m in re.finditer(r"[^\r\n]+", text[start:]):
        raw_b = m.start() + start
        raw = m.group()
        stripped = raw.lstrip()
        b = raw_b + (len(raw) - len(stripped))
        if not stripped.strip():
            continue
        bm = _BULLET.match(stripped)
        marker = ""
        if bm and len(stripped) > bm.end():
            marker = bm.group("marker").strip()
            b += bm.end()
        content = text[b:raw_b + len(raw)].rstrip()
        if not content:
            continue
        physical.append((raw_b, b, b + len(content), marker, len(raw.rstrip())))
    width = wrapped_width([n for *_, n in physical])
    groups: list[list[tuple]] = []
    for ln in physical:
        if groups and width and _continues(text, groups[-1][0], groups[-1][-1], ln, width):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    out: list[Line] = []
    for g in groups:
        b, e, marker = g[0][1], g[-1][2], g[0][3]
        content = text[b:e]
        heading = len(g) == 1 and is_heading(content, marker)
        out.append(Line(Span(b, e, content), marker, 0 if heading else bullet_level(marker),
                        heading, content.endswith(":")))
    return out


WRAP_MAX = 120      # text broken at a width up to this is hard-wrapped
WRAP_FULL = 0.7     # a line at least this share of the width was broken by the wrapping
WRAP_LINES = 4      # how many such lines make a text hard-wrapped


def wrapped_width(lengths: list[int]) -> int | None:
    """The width a text is hard-wrapped at, or None for text whose lines are its paragraphs.

    Wrapped text has many lines just short of one width (the 90th percentile of the
    lengths of its longer lines), and that width is that of a page or a screen."""
    long = sorted(n for n in lengths if n >= 30)
    if len(long) < WRAP_LINES:
        return None
    width = long[min(len(long) - 1, int(len(long) * 0.9))]
    if width > WRAP_MAX:
        return None
    full = sum(1 for n in long if n >= WRAP_FULL * width)
    return width if full >= WRAP_LINES else None


def _continues(text: str, first: tuple, prev: tuple, cur: tuple, width: int) -> bool:
    """Whether physical line `cur` goes on with `prev`, the last line of the paragraph or bullet
    that `first` opens (each (raw begin, begin, end, marker, length))."""
    if cur[3]:
        return False          # a bullet starts an item of its own
    if first[3] and cur[1] - cur[0] <= first[1] - first[0] - len(first[3]) - 1 and \
            not text[cur[1]:cur[1] + 1].islower():
        return False          # back at the bullet's margin, a capital: the list has ended
    between = text[prev[2]:cur[0]]
    if between.count("\n") > 1 or "\r\n\r\n" in between or between.count("\r") > 1:
        return False          # a blank line ends a paragraph
    last = text[prev[1]:prev[2]]
    if last.endswith(":") or prev[4] < WRAP_FULL * width:
        return False          # a short line ends where its writer ended it
    return True
