"""How every command prints rows: aligned tables fitted to the terminal, CSV and JSON.

A table is cut to the terminal's width (`COLUMNS` when set, else the width of
the terminal standard output is, else no limit: piped output stays whole), the
widest columns first, each cut cell ending in an ellipsis. CSV and JSON are
never cut: they are for programs.

Whatever a document, a file name or a graph holds, what reaches the terminal
is text: control characters (terminal escapes among them) are shown as the
Unicode control pictures (ESC as U+241B) in tables and reports, and escaped
in JSON; the characters that reorder a line (bidirectional overrides) are
shown as U+FFFD. CSV cells that a spreadsheet would read as a formula
(starting with =, +, -, @, a tab or a carriage return) are written behind a
quote, as the OWASP advice for CSV files has it; numbers stay numbers.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sys
from collections.abc import Sequence

ELLIPSIS = "\u2026"
GAP = 2  # spaces between the columns of a table
MIN_CUT = 5  # a column is never cut narrower than this

# C0 controls, DEL and C1 controls; the bidirectional embeddings, overrides and isolates
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_REORDER = re.compile("[\u202a-\u202e\u2066-\u2069]")
_WHITESPACE = re.compile("[\t\n\r\x0b\x0c]+")
_UNSAFE_IN_DATA = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CSV_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FORMULA = re.compile("[-=+@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _picture(m: re.Match) -> str:
    c = ord(m.group())
    return chr(0x2400 + c) if c < 0x20 else "\u2421" if c == 0x7f else "\ufffd"


def clean(text: str, spaces: bool = False, lines: bool = False) -> str:
    """Text safe to print: each control character as its picture (ESC as U+241B, a line break
    as U+240A), reordering characters as U+FFFD. With `spaces`, runs of tabs and line breaks
    read as one space (prose in a cell); with `lines`, line breaks stay (a report)."""
    if text.isprintable():  # no control, format or separator character: nothing to picture
        return text
    if spaces:
        text = _WHITESPACE.sub(" ", text)
    text = _REORDER.sub("\ufffd", text)
    if lines:
        return "\n".join(_CONTROL.sub(_picture, line) for line in text.split("\n"))
    return _CONTROL.sub(_picture, text)


def escape_data(text: str) -> str:
    """Text of a syntax with \\u escapes in its strings (JSON, Turtle, N-Triples, SPARQL TSV)
    with every character a terminal acts on escaped (controls but tab and line ends, line and
    paragraph separators, reordering characters): the same data, safe to print."""
    return _UNSAFE_IN_DATA.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def pictured(text: str) -> str:
    """Text with the control characters a terminal acts on (but line breaks and tabs) shown as
    pictures, and reordering characters replaced: CSV and XML, which have no escapes for them."""
    return _REORDER.sub("\ufffd", _CSV_CONTROL.sub(_picture, text))


class SafeStream:
    """A binary stream that passes on what is written to it with `transform` applied to the text
    (decoded as UTF-8 across writes): results streamed by the engine made safe to print."""

    def __init__(self, out, transform) -> None:
        import codecs
        self.out, self.transform = out, transform
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def write(self, data: bytes) -> int:
        text = self._decoder.decode(bytes(data))
        if text:
            self.out.write(self.transform(text).encode("utf-8"))
        return len(data)

    def flush(self) -> None:
        rest = self._decoder.decode(b"", final=True)
        if rest:
            self.out.write(self.transform(rest).encode("utf-8"))
        if hasattr(self.out, "flush"):
            self.out.flush()


def spreadsheet_cell(value: object) -> object:
    """A CSV cell that a spreadsheet would take as a formula, behind a quote; numbers as they are."""
    if isinstance(value, str) and value and _FORMULA.match(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def terminal_width() -> int | None:
    """The width tables are fitted to: COLUMNS when set, else the terminal's, else None (no limit)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if sys.stdout.isatty():
            return shutil.get_terminal_size().columns
    except (AttributeError, ValueError, OSError):
        pass
    return None


def cut(text: str, width: int) -> str:
    """The text in at most `width` characters, ending in an ellipsis where it was cut."""
    if len(text) <= width:
        return text
    return text[: max(width - 1, 0)] + ELLIPSIS if width > 0 else ""


def fit(widths: list[int], headers: Sequence[str], limit: int) -> list[int]:
    """Column widths whose table fits in `limit` characters: the widest column is narrowed
    first, none below MIN_CUT; the result may still exceed the limit when even that is too wide."""
    widths = list(widths)
    floor = [min(w, MIN_CUT) for w in widths]
    while sum(widths) + GAP * (len(widths) - 1) > limit:
        excess = sum(widths) + GAP * (len(widths) - 1) - limit
        candidates = [i for i, w in enumerate(widths) if w > floor[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: (widths[i], -i))
        others = sorted((widths[i] for i in candidates if i != widest), reverse=True)
        target = max(floor[widest], widths[widest] - excess, others[0] if others else 0)
        widths[widest] = target if target < widths[widest] else widths[widest] - 1
    return widths


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: Sequence[str] | None = None,
          width: int | None = -1) -> str:
    """An aligned text table: a header, a rule, one line per row; no trailing spaces.

    `align` gives "<" (left, the default) or ">" (right) per column; `width` is the
    width to fit (the default: `terminal_width()`; None: no limit)."""
    if width == -1:
        width = terminal_width()
    headers = [clean(h, spaces=True) for h in headers]
    rows = [[clean(c, spaces=True) for c in r] for r in rows]
    widths = [max([len(h)] + [len(c) for c in column]) for h, column in zip(headers, zip(*rows))] if rows \
        else [len(h) for h in headers]
    whole = widths
    if width is not None:
        widths = fit(widths, headers, width)
    align = list(align or []) + ["<"] * (len(headers) - len(align or []))
    spec = (" " * GAP).join(f"{{:{a}{w}}}" for a, w in zip(align, widths))

    fits = widths == whole  # every cell fits its column: none is cut

    def line(cells: Sequence[str]) -> str:
        if fits:
            return spec.format(*cells).rstrip()
        return spec.format(*(cut(c, w) for c, w in zip(cells, widths))).rstrip()

    out = [line(headers), spec.format(*("-" * w for w in widths)).rstrip()]
    out.extend(line(r) for r in rows)
    return "\n".join(out) + "\n"


def fit_lines(text: str, width: int | None = -1) -> str:
    """Each line of a report, cleaned (`clean`), cut to `width` (the default: `terminal_width()`;
    None: whole)."""
    text = clean(text, lines=True)
    if width == -1:
        width = terminal_width()
    if width is None:
        return text
    return "\n".join(cut(line, width) for line in text.split("\n"))


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Rows as CSV (RFC 4180 line ends), every cell whole; a cell a spreadsheet would run as a
    formula behind a quote (`spreadsheet_cell`), control characters but line breaks and tabs
    shown as pictures."""
    def cell(value: object) -> object:
        value = spreadsheet_cell(value)
        return _REORDER.sub("\ufffd", _CSV_CONTROL.sub(_picture, value)) if isinstance(value, str) else value

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([cell(h) for h in headers])
    w.writerows([cell(c) for c in r] for r in rows)
    return buf.getvalue()


def json_text(data: object, indent: int = 1) -> str:
    """Data as JSON text, non-ASCII characters as they are, ending in a line break."""
    return escape_data(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n"


class BuildProgress:
    """How `kg build` shows its work on standard error.

    On a terminal: a live bar (rich) with the documents done of those found, words per
    second and the time left. Elsewhere, or with `lines`, one line per document as it is
    read (`[n] name`). With `quiet`, nothing but what `note` is given (skipped files)."""

    def __init__(self, quiet: bool = False, lines: bool | None = None) -> None:
        self.quiet = quiet
        self.live = not quiet and not lines and sys.stderr.isatty()
        self.seen = 0
        self.words = 0
        self._bar = None
        self._task = None

    def __enter__(self) -> "BuildProgress":
        if self.live:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn)
            self._bar = Progress(TextColumn("documents"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[rate]} words/s"), TextColumn("left"),
                                 TimeRemainingColumn(), TextColumn("{task.fields[within]}"),
                                 console=Console(stderr=True), transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task("build", total=None, rate="-", within="")
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
            self._bar = None

    def total(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(self._task, total=n)

    def reading(self, shown_name: str) -> None:
        self.seen += 1
        if not self.quiet and not self.live:
            print(f"[{self.seen}] {shown_name}", file=sys.stderr, flush=True)

    def done(self, words: int) -> None:
        """A document's findings are in (`skipped` files count as done too, with no words)."""
        self.words += words
        if self._bar is not None:
            elapsed = self._bar.tasks[0].elapsed or 0
            rate = f"{self.words / elapsed:,.0f}" if elapsed > 0 else "-"
            self._bar.update(self._task, advance=1, rate=rate, within="")

    def analysing(self, shown_name: str, words: int, total: int) -> None:
        """How far the analysis of a long document has come: on the bar, or a line of its own."""
        if self.quiet:
            return
        if self._bar is not None:
            elapsed = self._bar.tasks[0].elapsed or 0
            rate = f"{(self.words + words) / elapsed:,.0f}" if elapsed > 0 else "-"
            self._bar.update(self._task, rate=rate, within=f"{shown_name}: {words:,} of {total:,} words")
        else:
            print(f"    {shown_name}: {words:,} of {total:,} words analysed", file=sys.stderr, flush=True)

    def note(self, line: str) -> None:
        """A line that must be seen whatever the mode: above the bar on a terminal."""
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=sys.stderr, flush=True)
