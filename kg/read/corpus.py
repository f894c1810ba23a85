"""Reading documents: files in, `Document`s (text and header metadata) out.

Whatever a folder holds gets a clear answer: each file is either read into a
`Document` or passed over with the reason in plain words (empty, binary, too
large, unreadable, a link that loops or leads nowhere, a copy of a document
already read).

Text is decoded as UTF-8 when it is UTF-8, as UTF-16 or UTF-32 when it starts
with their byte-order mark, else as Latin-1 (as Windows-1252 when it uses
the bytes 0x80-0x9F, where Windows-1252 has quotes, dashes and the euro sign),
and the document records the encoding it used. Nothing is normalised: the offsets of every span
count into the text exactly as decoded, which is the file as read with
``open(path, encoding=doc.encoding, newline="")`` (for UTF-8, a byte-order mark
is kept as the text's first character, as that call keeps it).
"""
from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .dates import parse_date
from ..model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
MAX_BYTES = 50 * 1024 * 1024
# Lines are analysed one at a time, and the analysis of one line takes memory in proportion to
# its length (about 300 MB for 100,000 characters): a longer line is refused, not analysed.
MAX_LINE_CHARS = 100_000
_LINE = re.compile(r"[^\r\n]+")

# Files that are not plain text whatever their name says, by their first bytes.
_SIGNATURES = (
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

_TAG = re.compile(r"^\ufeff?\[(?P<tag>Title|Date|Place|Source)\]\s*(?P<value>.*?)\s*$", re.M)
_HEADING = re.compile(r"^\ufeff?#\s+(?P<value>.+?)\s*$", re.M)
_SUBJECT = re.compile(r"^\ufeff?SUBJECT:\s*(?P<value>.+?)\s*$", re.M)
_HEADER_CHARS = 1500

_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
               (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


class ReadError(Exception):
    """A document that cannot be read, with the reason in plain words."""


@dataclass
class Skipped:
    path: Path
    reason: str


def _os_reason(e: OSError, path: Path) -> str:
    """An operating-system error in plain words."""
    if e.errno == errno.ELOOP:
        return "a symbolic link that loops (it leads back to itself)"
    if e.errno == errno.ENOENT and path.is_symlink():
        return f"a symbolic link to nothing ({os.readlink(path)} does not exist)"
    if e.errno == errno.EACCES:
        return "cannot be read: permission denied"
    return f"cannot be read: {(e.strerror or str(e)).lower()}"


def _kind_of(mode: int) -> str | None:
    """What a file that is neither a regular file nor a folder is, in words."""
    for test, what in _FILE_KINDS:
        if test(mode):
            return what
    return None


def find_documents(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """The document files below `folder` (sorted), and the files passed over with why.

    Hidden files and folders (a name starting with '.') are left out. Symbolic
    links are followed, but a link back into a folder being read is reported
    as a loop and not followed, and a folder reached a second way is read once.
    """
    found: list[Path] = []
    skipped: list[Skipped] = []
    root = folder.stat()
    seen_dirs: dict[tuple[int, int], Path] = {(root.st_dev, root.st_ino): folder}
    # depth first, with a stack rather than recursion: no nesting is too deep
    stack: list[tuple[Path, frozenset[tuple[int, int]]]] = [(folder, frozenset(seen_dirs))]
    while stack:
        d, ancestors = stack.pop()
        try:
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            skipped.append(Skipped(d, f"folder {_os_reason(e, d)}"))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            p = Path(entry.path)
            try:
                st = p.stat()  # follows links
            except OSError as e:
                skipped.append(Skipped(p, _os_reason(e, p)))
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in ancestors:
                    skipped.append(Skipped(p, "a symbolic link back to a folder that contains it "
                                              "(a loop); not followed"))
                elif key in seen_dirs:
                    skipped.append(Skipped(p, f"a second way into {shown(seen_dirs[key], folder)}, "
                                              f"which is read once"))
                else:
                    seen_dirs[key] = p
                    subfolders.append((p, ancestors | {key}))
            elif not stat.S_ISREG(st.st_mode):
                skipped.append(Skipped(p, f"not a regular file ({_kind_of(st.st_mode) or 'a special file'})"))
            elif p.suffix.lower() in TEXT_SUFFIXES:
                found.append(p)
            else:
                skipped.append(Skipped(p, f"not a text document (suffix {p.suffix or 'none'}; "
                                          f"readable: {', '.join(sorted(TEXT_SUFFIXES))})"))
        stack.extend(reversed(subfolders))
    return sorted(found), sorted(skipped, key=lambda s: s.path)


def _not_text(data: bytes) -> str | None:
    """Why `data` is not text, or None when it may be."""
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return f"binary file ({what}), not plain text: convert it to text first"
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        return "binary file (contains NUL bytes), not text"
    controls = sum(sample.count(b) for b in _CONTROL)
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        return f"binary file ({controls} control bytes in the first {len(sample)}), not text"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` and the encoding it was read with; ReadError if it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as e:
                raise ReadError(f"starts with the byte-order mark of {encoding.upper()} "
                                f"but is not {encoding.upper()} (at byte {e.start})") from e
    reason = _not_text(data)
    if reason:
        raise ReadError(reason)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Latin-1 and Windows-1252 agree on every byte but 0x80-0x9F, which Latin-1 gives
    # to control characters and Windows-1252 to quotes, dashes and the euro sign.
    if _C1_BYTES.search(data):
        try:
            return data.decode("cp1252"), "windows-1252"
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "latin-1"


def read_document(path: Path) -> Document:
    """Read one file into a `Document`; raise ReadError with a reason if it cannot be."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(f"not a regular file ({_kind_of(st.st_mode) or 'a folder'})")
        if st.st_size > MAX_BYTES:
            raise ReadError(f"too large ({st.st_size / (1024 * 1024):.0f} MB; "
                            f"the limit is {MAX_BYTES // (1024 * 1024)} MB)")
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise ReadError(_os_reason(e, path)) from e
    if len(data) > MAX_BYTES:  # grew since it was measured
        raise ReadError(f"too large (the limit is {MAX_BYTES // (1024 * 1024)} MB)")
    if not data:
        raise ReadError("empty (no text)")
    text, encoding = decode(data)
    # Line ends are kept as they are: offsets count into the text as decoded
    # with newline="" (no translation), which bytes.decode already does.
    if not text.lstrip("\ufeff").strip():
        raise ReadError("empty (only white space)")
    longest = max((m.end() - m.start() for m in _LINE.finditer(text)), default=0)
    if longest > MAX_LINE_CHARS:
        raise ReadError(f"a line of {longest:,} characters (text without line breaks?); "
                        f"the limit is {MAX_LINE_CHARS:,} characters a line")
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


def shown(path: Path, root: Path | None) -> str:
    """`path` as a user names it: relative to the folder being read, where it is inside it."""
    if root is not None and path != root and path.is_relative_to(root):
        return str(path.relative_to(root))
    return str(path)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, as `sha256sum` prints it."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def content_digest(text: str) -> str:
    """What two copies of one document share whatever their encoding, byte-order mark or line ends."""
    canonical = unicodedata.normalize("NFC", text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class DocumentReader:
    """Reads documents one at a time and recognises repeats.

    A document whose content was already read under another name is reported
    as a duplicate (it is built once, under the first name); a different
    document whose name gives the same identifier as one already read is
    reported too, since two documents cannot share one node of the graph.
    Only a digest and the identifier of each document are remembered.
    """

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self._by_digest: dict[str, Path] = {}
        self._by_identifier: dict[str, Path] = {}

    def read(self, path: Path) -> Document:
        from ..model.iri import doc_iri

        doc = read_document(path)
        # named by its path below the folder read, so that files of one name in two folders are two documents
        if self.root is not None and path.is_relative_to(self.root) and path != self.root:
            doc.name = path.relative_to(self.root).as_posix()
        doc.sha256 = file_sha256(path)
        digest = content_digest(doc.text)
        first = self._by_digest.get(digest)
        if first is not None:
            raise ReadError(f"the same text as {shown(first, self.root)} (a duplicate: built once, as {first.name})")
        identifier = str(doc_iri(doc.name))
        other = self._by_identifier.get(identifier)
        if other is not None:
            raise ReadError(f"its name gives the same identifier as {shown(other, self.root)} ({identifier}); "
                            f"rename one of the two")
        self._by_digest[digest] = path
        self._by_identifier[identifier] = path
        return doc


def read_corpus(paths: list[Path], root: Path | None = None) -> Iterator[tuple[Path, Document | None, str | None]]:
    """Each path with its Document, or None and the reason it could not be read."""
    reader = DocumentReader(root)
    for p in paths:
        try:
            yield p, reader.read(p), None
        except ReadError as e:
            yield p, None, str(e)
