"""Plain text: bytes decoded, the encoding named.

Text is decoded as UTF-8 when it is UTF-8, as UTF-16 or UTF-32 when it starts
with their byte-order mark. UTF-8 with a few bytes that are not (a damaged
file, a paste from elsewhere) is read as UTF-8 with those bytes replaced, and
a warning gives their count. Anything else is given to charset-normalizer:
a text it finds in a non-Latin script (Shift-JIS, EUC-KR, GB18030, Big5,
Cyrillic or Greek code pages, ...) is read in the encoding it names; a
Western text as Windows-1252 when it uses the bytes 0x80-0x9F (where
Windows-1252 has quotes, dashes and the euro sign), else as Latin-1, which
reads any byte. A guess below the detector's confidence is a warning.
Nothing is normalised: offsets count into the text exactly as decoded, which
is the file as read with ``open(path, encoding=doc.encoding, newline="")``.
"""
from __future__ import annotations

import codecs
import re

from .base import Extracted, ReadError

# Files that are not plain text whatever their name says, by their first bytes.
SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word, OpenDocument or EPUB file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
# Byte-order marks of the encodings that are recognised only by theirs (UTF-32 before UTF-16:
# the UTF-32 little-endian mark begins with the UTF-16 one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 8192
# Control bytes no text file holds (tab, line ends, form feed and escape excepted).
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b") + b"\x7f"
_MAX_CONTROL_SHARE = 0.05
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
# A valid UTF-8 sequence of two to four bytes.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# UTF-8 with at most this many bad bytes (and at least three valid sequences for each) is UTF-8.
MAX_BAD_UTF8 = 16
# charset-normalizer's mess ratio (0 = clean) above which its guess is only a guess.
MAX_CHAOS = 0.1
# Standard names for the code pages charset-normalizer reports, where the text decodes the same.
_STANDARD = {"cp932": "shift_jis", "cp949": "euc-kr", "latin_1": "latin-1", "cp1252": "windows-1252"}


def not_text(data: bytes) -> str | None:
    """Why `data` is not text, or None when it may be."""
    for magic, what in SIGNATURES:
        if data.startswith(magic):
            return f"binary file ({what}), not plain text: convert it to text first"
    if b"\x00" in data:
        return "binary file (contains NUL bytes), not text"
    sample = data[:_SNIFF_BYTES]
    controls = sum(sample.count(b) for b in _CONTROL)
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        return f"binary file ({controls} control bytes in the first {len(sample)}), not text"
    return None


def _bad_utf8(data: bytes) -> int | None:
    """How many bytes of `data` are not UTF-8, when it is UTF-8 but for a few; else None."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    good = len(_UTF8_MULTIBYTE.findall(data))
    if 0 < bad <= MAX_BAD_UTF8 and good >= 3 * bad:
        return bad
    return None


def _non_latin(text: str) -> bool:
    """Whether `text` has letters beyond the Latin script (CJK, Hangul, Cyrillic, Greek, ...)."""
    return any(ord(c) > 0x24F and c.isalpha() for c in text)


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` and the encoding it was read with; ReadError if it is not text."""
    text, encoding, _ = decode_with_warnings(data)
    return text, encoding


def decode_with_warnings(data: bytes) -> tuple[str, str, list[str]]:
    """The text of `data`, the encoding it was read with and any doubt about it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, []
            except UnicodeDecodeError as e:
                raise ReadError(f"starts with the byte-order mark of {encoding.upper()} "
                                f"but is not {encoding.upper()} (at byte {e.start})") from e
    reason = not_text(data)
    if reason:
        raise ReadError(reason)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    bad = _bad_utf8(data)
    if bad is not None:
        return (data.decode("utf-8", errors="replace"), "utf-8",
                [f"UTF-8 but for {bad} byte{'s' if bad > 1 else ''} that are not: "
                 f"read as UTF-8 with {'them' if bad > 1 else 'it'} replaced by \ufffd"])
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    unclean = best is None
    # UTF-16 and UTF-32 are recognised by their byte-order mark only: without one, a guess of
    # them turns a few Western bytes into one CJK character
    if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
        best = None
    if best is not None and _non_latin(str(best)):
        encoding = _STANDARD.get(best.encoding, best.encoding)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            encoding = best.encoding
            text = data.decode(encoding)
        encoding = encoding.replace("_", "-")
        warnings = []
        if best.chaos > MAX_CHAOS:
            warnings.append(f"encoding guessed as {encoding} with low confidence "
                            f"({best.chaos:.0%} of it looks garbled)")
        return text, encoding, warnings
    warnings = [] if not unclean else [
        "no encoding reads it cleanly: read as Latin-1 (Windows-1252), which may garble it"]
    # Latin-1 and Windows-1252 agree on every byte but 0x80-0x9F, which Latin-1 gives
    # to control characters and Windows-1252 to quotes, dashes and the euro sign.
    if _C1_BYTES.search(data):
        try:
            return data.decode("cp1252"), "windows-1252", warnings
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "latin-1", warnings


class TextReader:
    """Plain text and Markdown."""
    format = "text"

    def __call__(self, data: bytes) -> Extracted:
        text, encoding, warnings = decode_with_warnings(data)
        return Extracted(text=text, format=self.format, encoding=encoding, warnings=warnings)
