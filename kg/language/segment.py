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
    """The non-empty lines of text[start:], with markers, levels and headings."""
    out: list[Line] = []
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
        e = b + len(content)
        heading = is_heading(content, marker)
        out.append(Line(Span(b, e, content), marker, 0 if heading else bullet_level(marker),
                        heading, content.endswith(":")))
    return out
