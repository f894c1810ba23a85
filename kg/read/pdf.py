"""PDF: the text layer of each page through PDFium (pypdfium2), made into paragraphs.

pypdfium2 was chosen over pdfminer.six and pypdf by measurement on real
documents (docs/formats.md): the same text, in reading order, ten times
faster than pdfminer.six. Each page gives its lines with their boxes to
`layout.paragraphs`, which removes running heads, feet and page numbers,
keeps footnotes apart and joins hyphenated words.

A PDF that needs a password, has no text layer (a scan), is damaged beyond
what PDFium repairs, or has more pages than the limit is refused with the
reason. Title, date and author come from the XMP packet where it has them,
else from the information dictionary; the information dictionary's
creation date is the file's, not the document's, so it is used only when
the text itself names no date (`corpus.read_header`).
"""
from __future__ import annotations

import re

from .base import Extracted, ReadError
from .dates import parse_date
from .layout import Page, TextLine, paragraphs

# A PDF of more pages than this is refused: it would be a whole archive in one file, better split.
MAX_PAGES = 1000
# Fewer characters than this a page, over the whole file: a scan with no text layer.
MIN_CHARS_PER_PAGE = 1

_XMP = re.compile(rb"<x:xmpmeta\b.*?</x:xmpmeta>", re.S)
_NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/",
       "xmp": "http://ns.adobe.com/xap/1.0/"}


def _pdf_date(value: str) -> str | None:
    """An information-dictionary date (D:YYYYMMDDHHmmSS...) or an XMP date as ISO."""
    m = re.match(r"(?:D:)?(\d{4})-?(\d{2})?-?(\d{2})?", value.strip())
    if not m:
        return None
    y, mo, d = m.groups()
    iso = "-".join(x for x in (y, mo, d) if x)
    return parse_date(iso) or (y if len(iso) == 4 else None)


def xmp_metadata(data: bytes) -> dict[str, tuple[str, str]]:
    """Title, creator and date from the file's XMP packet (dc:title, dc:creator, dc:date, xmp:CreateDate)."""
    m = _XMP.search(data)
    if not m:
        return {}
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(m.group(0), parser)
    except etree.XMLSyntaxError:
        return {}
    if root is None:
        return {}
    found: dict[str, tuple[str, str]] = {}

    def first(path: str) -> str | None:
        for el in root.iterfind(path, _NS):
            text = " ".join("".join(el.itertext()).split())
            if text:
                return text
        return None

    title = first(".//dc:title//rdf:li") or first(".//dc:title")
    if title:
        found["title"] = (title, "PDF XMP dc:title")
    creator = first(".//dc:creator//rdf:li") or first(".//dc:creator")
    if creator:
        found["creator"] = (creator, "PDF XMP dc:creator")
    for path, where in ((".//dc:date//rdf:li", "PDF XMP dc:date"), (".//dc:date", "PDF XMP dc:date")):
        value = first(path)
        if value and _pdf_date(value):
            found["date"] = (_pdf_date(value), where)
            break
    return found


def _lines(textpage) -> list[TextLine]:
    """The lines of one page in the order PDFium reads them, each with its box."""
    text = textpage.get_text_range()
    if len(text) != textpage.count_chars():  # characters outside the BMP: no boxes to match them
        return [TextLine(t, 0.0, 0.0, 0.0, 0.0) for t in text.splitlines()]
    lines: list[TextLine] = []
    start = 0
    # PDFium marks a word hyphenated at a line end with U+FFFE, and starts the next line without a break
    for m in re.finditer(r"\r\n|\r|\n|(?<=\ufffe)|$", text):
        _add_line(textpage, text, start, m.start(), lines)
        start = m.end()
        if m.end() == len(text):
            break
    return lines


def _add_line(textpage, text: str, start: int, end: int, lines: list[TextLine]) -> None:
    """The characters [start, end) of the page as one line, or as several where PDFium ran two
    lines of different heights on the page into one (its box is then much taller than a letter)."""
    chunk = text[start:end]
    if not chunk.strip():
        return
    first = start + (len(chunk) - len(chunk.lstrip()))
    last = start + len(chunk.rstrip()) - 1
    x0, b0, _, t0 = textpage.get_charbox(first, loose=True)
    _, b1, x1, t1 = textpage.get_charbox(last, loose=True)
    letter = max(min(t0 - b0, t1 - b1), 0.1)
    tall = max(t0, t1) - min(b0, b1)
    if tall <= 1.5 * letter or abs(x1 - x0) < tall:  # one line, or text set vertically in a margin
        lines.append(TextLine(chunk.strip(), x0, x1, min(b0, b1), max(t0, t1)))
        return
    # split where the baseline moves by about a line (a superscript moves it by far less)
    cut, base = first, b0
    for i in range(first, last + 1):
        if text[i].isspace():
            continue
        _, b, _, _ = textpage.get_charbox(i, loose=True)
        if abs(b - base) > 0.9 * letter:
            _add_line(textpage, text, cut, i, lines)
            cut = i
        base = b
    piece = text[cut:last + 1]
    if cut == first:  # one line after all, only a tall letter in it
        lines.append(TextLine(piece.strip(), x0, x1, min(b0, b1), max(t0, t1)))
    else:
        _add_line(textpage, text, cut, last + 1, lines)


class PdfReader:
    format = "pdf"

    def __call__(self, data: bytes) -> Extracted:
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            if getattr(e, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
                raise ReadError("encrypted PDF: needs a password") from e
            raise ReadError("a damaged or truncated PDF (PDFium cannot open it)") from e
        try:
            n = len(pdf)
            if n > MAX_PAGES:
                raise ReadError(f"a PDF of {n:,} pages; the limit is {MAX_PAGES:,} pages a document: split it")
            if n == 0:
                raise ReadError("a PDF without pages")
            pages = []
            for i in range(n):
                page = pdf[i]
                textpage = page.get_textpage()
                pages.append(Page(_lines(textpage), page.get_height()))
                textpage.close()
                page.close()
            info = pdf.get_metadata_dict(skip_empty=True)
        except pdfium.PdfiumError as e:
            raise ReadError(f"a damaged PDF ({e})") from e
        finally:
            pdf.close()
        chars = sum(len(line.text.strip()) for page in pages for line in page.lines)
        if chars < MIN_CHARS_PER_PAGE * n:
            raise ReadError(f"no text layer: needs OCR (a PDF of {n} page{'s' if n > 1 else ''} "
                            f"with no text, a scan?)")
        text, runs = paragraphs(pages)
        metadata = xmp_metadata(data)
        if "title" not in metadata and info.get("Title", "").strip():
            metadata["title"] = (" ".join(info["Title"].split()), "PDF information dictionary /Title")
        if "creator" not in metadata and info.get("Author", "").strip():
            metadata["creator"] = (" ".join(info["Author"].split()), "PDF information dictionary /Author")
        created = _pdf_date(info.get("CreationDate", ""))
        if created:
            metadata["created"] = (created, "PDF information dictionary /CreationDate")
        return Extracted(text=text, format=self.format, pages=runs, metadata=metadata)
