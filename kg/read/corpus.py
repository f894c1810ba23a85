"""Reading documents: files in, `Document`s (text and metadata) out.

Whatever a folder holds gets a clear answer: each file is either read into a
`Document` or passed over with the reason in plain words (empty, binary, too
large, too long, unreadable, a link that loops, leads nowhere or leads out of
the folder, a copy of a document already read).

Each file is read by the reader of what it is, told by its content (magic
bytes, markup), not only by its name: plain text (`text.py`), PDF (`pdf.py`),
HTML (`html.py`) and Word (`docx.py`), all behind one interface
(`base.Reader`). A file whose name says one format and whose content another
is read as its content says, with a warning. The offsets of every span count
into the text the reader extracted; for plain text that is the file exactly
as decoded, ``open(path, encoding=doc.encoding, newline="")`` (for UTF-8, a
byte-order mark is kept as the text's first character, as that call keeps
it); for the other formats it is the reader's text, whose SHA-256
(`Document.digest`) the graph records, and which `recover_text` gives back
from the file, checked against that digest.
"""
from __future__ import annotations

import codecs
import errno
import hashlib
import io
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .base import Extracted, Reader, ReadError, text_digest
from .dates import parse_date
from .docx import DocxReader
from .html import HtmlReader
from .pdf import PdfReader
from .text import TextReader, decode, not_text
from ..model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
# The format each readable suffix names; the content decides in the end.
SUFFIX_FORMATS = {**{s: "text" for s in TEXT_SUFFIXES}, ".pdf": "pdf", ".html": "html", ".htm": "html",
                  ".xhtml": "html", ".docx": "docx"}
READERS: dict[str, Reader] = {r.format: r for r in (TextReader(), PdfReader(), HtmlReader(), DocxReader())}
FORMAT_NAMES = {"text": "plain text", "pdf": "a PDF", "html": "HTML", "docx": "a Word document"}
MAX_BYTES = 50 * 1024 * 1024
# Words a document may have. Analysis time grows about as the words (one document of 51,200
# words built in 11 s, of 102,400 in 25 s, of 204,700 in about a minute: benchmarks/
# reading_formats.py --word-limit, docs/performance.md "Reading formats"): this many build in
# well under a minute, with room for a slower machine, and a longer document is refused with the
# reason, to be split, rather than left running for hours.
MAX_WORDS = 150_000
# Folders kg never walks into, even through a link: the whole system, or its virtual files.
_SYSTEM_FOLDERS = tuple(Path(p) for p in ("/proc", "/sys", "/dev"))
# Lines are analysed one at a time, and the analysis of one line takes memory in proportion to
# its length (about 300 MB for 100,000 characters): a longer line is refused, not analysed.
MAX_LINE_CHARS = 100_000
_LINE = re.compile(r"[^\r\n]+")

_TAG = re.compile(r"^\ufeff?\[(?P<tag>Title|Date|Place|Source)\]\s*(?P<value>.*?)\s*$", re.M)
_HEADING = re.compile(r"^\ufeff?#\s+(?P<value>.+?)\s*$", re.M)
_SUBJECT = re.compile(r"^\ufeff?SUBJECT:\s*(?P<value>.+?)\s*$", re.M)
_HEADER_CHARS = 1500

_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
               (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


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


def _outside(p: Path, folder: Path, follow_links: bool) -> str | None:
    """Why the symbolic link `p` is not followed, or None when it may be."""
    target = Path(os.path.realpath(p))
    if target == Path("/") or any(target == s or target.is_relative_to(s) for s in _SYSTEM_FOLDERS):
        return f"a symbolic link to {target}: kg never reads /, /proc, /sys or /dev"
    if follow_links or target.is_relative_to(Path(os.path.realpath(folder))):
        return None
    return f"a symbolic link to {os.readlink(p)}, outside the folder; not followed (--follow-links follows it)"


def system_folder(folder: Path) -> str | None:
    """Why `folder` is not read at all (it is / or a system folder), or None."""
    real = Path(os.path.realpath(folder))
    if real == Path("/") or any(real == s or real.is_relative_to(s) for s in _SYSTEM_FOLDERS):
        return f"{folder} is {real}: kg never reads /, /proc, /sys or /dev"
    return None


def sniff(data: bytes) -> str | None:
    """The format `data` is by its content: pdf, docx, html or text; None for another binary file."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # UTF-16 and UTF-32 marks
        return "text"
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return "docx" if "word/document.xml" in z.namelist() else None
        except (zipfile.BadZipFile, EOFError, ValueError):
            return "docx"  # a damaged archive: the Word reader says what is wrong with it
    if _HTML_START.match(data[:4096]):
        return "html"
    return "text" if not_text(data) is None else None


_HTML_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         rb"<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def _sniffed_format(p: Path) -> str | None:
    """For a file whose suffix is none kg reads: pdf or html when its first bytes say so."""
    try:
        with open(p, "rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    fmt = sniff(head)
    return fmt if fmt in ("pdf", "html") else None


def find_documents(folder: Path, follow_links: bool = False) -> tuple[list[Path], list[Skipped]]:
    """The document files below `folder` (sorted), and the files passed over with why.

    Hidden files and folders (a name starting with '.') are left out. Symbolic
    links inside the folder are followed, but a link back into a folder being
    read is reported as a loop and not followed, and a folder reached a second
    way is read once. A link that leads out of the folder is not followed unless
    `follow_links`; one that leads to / or into /proc, /sys or /dev never is.
    A file of another suffix is read when its content is a PDF or HTML.
    """
    found: list[Path] = []
    skipped: list[Skipped] = []
    why = system_folder(folder)
    if why:
        return [], [Skipped(folder, why)]
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
            if entry.is_symlink():
                why = _outside(p, folder, follow_links)
                if why:
                    skipped.append(Skipped(p, why))
                    continue
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
            elif p.suffix.lower() in SUFFIX_FORMATS or _sniffed_format(p):
                found.append(p)
            else:
                skipped.append(Skipped(p, f"not a document kg reads (suffix {p.suffix or 'none'}; "
                                          f"readable: {', '.join(sorted(SUFFIX_FORMATS))})"))
        stack.extend(reversed(subfolders))
    return sorted(found), sorted(skipped, key=lambda s: s.path)


def _read_bytes(path: Path) -> bytes:
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
    return data


def extract(path: Path, data: bytes | None = None) -> Extracted:
    """The text and metadata of the file at `path`, by the reader of what its content is."""
    data = _read_bytes(path) if data is None else data
    named = SUFFIX_FORMATS.get(path.suffix.lower())
    fmt = sniff(data)
    if fmt is None:
        # not a format kg reads: the plain-text reader says what it is
        TextReader()(data)
        raise ReadError("binary file, not a document kg reads")
    extracted = READERS[fmt](data)
    if named is not None and named != fmt:
        extracted.warnings.insert(0, f"named {path.suffix} but is {FORMAT_NAMES[fmt]}: "
                                     f"read as {FORMAT_NAMES[fmt]}")
    elif named is None:
        extracted.warnings.insert(0, f"named {path.suffix or 'without a suffix'} but is "
                                     f"{FORMAT_NAMES[fmt]}: read as {FORMAT_NAMES[fmt]}")
    return extracted


def read_document(path: Path, max_words: int | None = None) -> Document:
    """Read one file into a `Document`; raise ReadError with a reason if it cannot be."""
    extracted = extract(path)
    text = extracted.text
    # Line ends are kept as they are: offsets count into the text as decoded
    # with newline="" (no translation), which bytes.decode already does.
    if not text.lstrip("\ufeff").strip():
        raise ReadError("empty (only white space)")
    longest = max((m.end() - m.start() for m in _LINE.finditer(text)), default=0)
    if longest > MAX_LINE_CHARS:
        raise ReadError(f"a line of {longest:,} characters (text without line breaks?); "
                        f"the limit is {MAX_LINE_CHARS:,} characters a line")
    limit = MAX_WORDS if max_words is None else max_words
    words = len(text.split())
    if words > limit:
        raise ReadError(f"too long to analyse in one piece: {words:,} words, the limit is {limit:,} "
                        f"words a document (under a minute of analysis; --max-words changes it): split it")
    doc = Document(name=path.name, text=text, encoding=extracted.encoding, format=extracted.format,
                   pages=extracted.pages, digest=text_digest(text), warnings=list(extracted.warnings))
    read_header(doc, extracted.metadata)
    return doc


def recover_text(path: Path, digest: str) -> str:
    """The text a build's offsets count into, extracted again from the file at `path` and checked
    against the `digest` the graph records for it (kgo:textDigest); ReadError if it differs."""
    text = extract(path).text
    if text_digest(text) != digest:
        raise ReadError(f"{path.name} does not give the text the graph was built from (its digest differs: "
                        f"the file changed, or was read by another version of its reader)")
    return text


def read_header(doc: Document, metadata: dict[str, tuple[str, str]] | None = None) -> None:
    """Fill in title, date and creator: from the file's metadata where it has them, else from a
    metadata block or the document's first lines; each with where it came from (`doc.sources`)."""
    metadata = metadata or {}
    head = doc.text[:_HEADER_CHARS]
    tags = {m["tag"].lower(): m for m in _TAG.finditer(doc.text[:6000])}
    if "title" in metadata:
        doc.title, doc.sources["title"] = metadata["title"]
    elif "title" in tags and tags["title"]["value"]:
        doc.title, doc.sources["title"] = tags["title"]["value"], "text header [Title]"
    else:
        for pat, where in ((_HEADING, "text heading"), (_SUBJECT, "text SUBJECT: line")):
            m = pat.search(head)
            if m:
                doc.title, doc.sources["title"] = m["value"], where
                break
    if "date" in metadata:
        doc.date, doc.sources["date"] = metadata["date"]
    if doc.date is None and "date" in tags:
        doc.date = parse_date(tags["date"]["value"])
        if doc.date:
            doc.sources["date"] = "text header [Date]"
    if doc.date is None:
        doc.date = parse_date(head)
        if doc.date:
            doc.sources["date"] = "text: the first date near the top"
    if doc.date is None and "created" in metadata:  # the file's creation, not the document's own date
        doc.date, doc.sources["date"] = metadata["created"]
    if "creator" in metadata:
        doc.creator, doc.sources["creator"] = metadata["creator"]
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

    def __init__(self, root: Path | None = None, max_words: int | None = None) -> None:
        self.root = root
        self.max_words = max_words
        self._by_digest: dict[str, Path] = {}
        self._by_identifier: dict[str, Path] = {}

    def read(self, path: Path) -> Document:
        from ..model.iri import doc_iri

        doc = read_document(path, self.max_words)
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
