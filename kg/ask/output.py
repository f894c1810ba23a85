"""How every command prints rows: aligned tables fitted to the terminal, CSV and JSON.

A table is cut to the terminal's width (`COLUMNS` when set, else the width of
the terminal standard output is, else no limit: piped output stays whole), the
widest columns first, each cut cell ending in an ellipsis. CSV and JSON are
never cut: they are for programs.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from collections.abc import Sequence

ELLIPSIS = "\u2026"
GAP = 2  # spaces between the columns of a table
MIN_CUT = 5  # a column is never cut narrower than this


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
    widths = [max([len(h)] + [len(c) for c in column]) for h, column in zip(headers, zip(*rows))] if rows \
        else [len(h) for h in headers]
    if width is not None:
        widths = fit(widths, headers, width)
    align = list(align or []) + ["<"] * (len(headers) - len(align or []))
    spec = (" " * GAP).join(f"{{:{a}{w}}}" for a, w in zip(align, widths))

    def line(cells: Sequence[str]) -> str:
        return spec.format(*(cut(c, w) for c, w in zip(cells, widths))).rstrip()

    out = [line(headers), spec.format(*("-" * w for w in widths)).rstrip()]
    out.extend(line(r) for r in rows)
    return "\n".join(out) + "\n"


def fit_lines(text: str, width: int | None = -1) -> str:
    """Each line of a report cut to `width` (the default: `terminal_width()`; None: whole)."""
    if width == -1:
        width = terminal_width()
    if width is None:
        return text
    return "\n".join(cut(line, width) for line in text.split("\n"))


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Rows as CSV (RFC 4180 line ends), every cell whole."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(headers)
    w.writerows(rows)
    return buf.getvalue()


def json_text(data: object, indent: int = 1) -> str:
    """Data as JSON text, non-ASCII characters as they are, ending in a line break."""
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


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
                                 TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task("build", total=None, rate="-")
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
            self._bar.update(self._task, advance=1, rate=rate)

    def note(self, line: str) -> None:
        """A line that must be seen whatever the mode: above the bar on a terminal."""
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=sys.stderr, flush=True)
