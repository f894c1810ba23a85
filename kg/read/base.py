"""What every reader shares: the record a reader gives, the error it raises, and the interface.

A reader takes the bytes of one file (already read, within the size limit) and
gives an `Extracted`: the text kg analyses, and what the file's own metadata
says of it, each value with where it came from. The text is built the same way
from the same bytes every time, so its digest identifies it: a build's offsets
count into exactly that text, and re-reading the file gives it back.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Protocol


class ReadError(Exception):
    """A document that cannot be read, with the reason in plain words."""


@dataclass
class Extracted:
    """The text of one file and its metadata, as a reader found them."""
    text: str
    format: str                                   # text, pdf, html, docx
    encoding: str | None = None                   # the character encoding, where the format has one
    pages: tuple[tuple[int, int], ...] = ()       # (offset, page number) runs, for paginated formats
    # field (title, date, creator) -> (value, where it came from)
    metadata: dict[str, tuple[str, str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class Reader(Protocol):
    """One file format: bytes in, `Extracted` out, or ReadError with the reason."""
    format: str

    def __call__(self, data: bytes) -> Extracted: ...


def text_digest(text: str) -> str:
    """SHA-256 of the text as extracted (UTF-8): what a build's offsets count into."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
