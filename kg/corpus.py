"""Reading documents: files in, `Document`s (text and header metadata) out.

Text is decoded as UTF-8 when it is UTF-8 (the offsets of every span then count
into the file as read with ``open(path, encoding="utf-8", newline="")``), else
as Windows-1252 or Latin-1, and the document records the encoding it used.
Nothing is normalised: offsets always index the text exactly as decoded.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .dates import parse_date
from .model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
MAX_BYTES = 50 * 1024 * 1024

_TAG = re.compile(r"^\[(?P<tag>Title|Date|Place|Source)\]\s*(?P<value>.*?)\s*$", re.M)
_HEADING = re.compile(r"^#\s+(?P<value>.+?)\s*$", re.M)
_SUBJECT = re.compile(r"^SUBJECT:\s*(?P<value>.+?)\s*$", re.M)
_HEADER_CHARS = 1500


class ReadError(Exception):
    """A document that cannot be read, with the reason in plain words."""


@dataclass
class Skipped:
    path: Path
    reason: str


def find_documents(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """The document files below `folder` (sorted), and the files passed over with why."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    for p in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in p.relative_to(folder).parts):
            continue
        try:
            if p.is_dir():
                continue
            if p.suffix.lower() in TEXT_SUFFIXES:
                found.append(p)
            elif p.is_file():
                skipped.append(Skipped(p, f"not a text document (suffix {p.suffix or 'none'}; "
                                          f"readable: {', '.join(sorted(TEXT_SUFFIXES))})"))
        except OSError as e:
            skipped.append(Skipped(p, f"cannot be read: {e.strerror or e}"))
    return found, skipped


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` and the encoding it was read with."""
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_document(path: Path) -> Document:
    """Read one file into a `Document`; raise ReadError with a reason if it cannot be."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(f"too large ({size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(f"cannot be read: {e.strerror or e}") from e
    text, encoding = decode(data)
    # Line ends are kept as they are: offsets count into the text as decoded
    # with newline="" (no translation), which bytes.decode already does.
    if not text.strip():
        raise ReadError("empty (no text)")
    doc = Document(name=path.name, text=text, encoding=encoding)
    read_header(doc)
    return doc


def read_header(doc: Document) -> None:
    """Fill in the title and date from a metadata block or the document's first lines."""
    head = doc.text[:_HEADER_CHARS]
    tags = {m["tag"].lower(): m for m in _TAG.finditer(doc.text[:6000])}
    if "title" in tags and tags["title"]["value"]:
        doc.title = tags["title"]["value"]
    else:
        for pat in (_HEADING, _SUBJECT):
            m = pat.search(head)
            if m:
                doc.title = m["value"]
                break
    if "date" in tags:
        doc.date = parse_date(tags["date"]["value"])
    if doc.date is None:
        doc.date = parse_date(head)
    if tags:
        doc.body_start = max(m.end() for m in tags.values())


def read_corpus(paths: list[Path]) -> Iterator[tuple[Path, Document | None, str | None]]:
    """Each path with its Document, or None and the reason it could not be read."""
    for p in paths:
        try:
            yield p, read_document(p), None
        except ReadError as e:
            yield p, None, str(e)
