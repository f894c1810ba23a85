"""Word (DOCX): paragraphs and tables in reading order through python-docx, with the core properties.

Before python-docx opens the file, its ZIP directory is checked: a file that
is not a ZIP archive, is truncated, holds no `word/document.xml`, or would
unpack to more than the limit (a ZIP bomb) is refused with the reason. Each
paragraph gives one line (a list item with a bullet "•" before it, since
Word keeps the mark out of the text); a table gives one line a row, its cells joined with
" | ". Title, author and date come from the core properties (`dc:title`,
`dc:creator`, `dcterms:created`), each recorded as such.
"""
from __future__ import annotations

import io
import zipfile

from .base import Extracted, ReadError

# What a DOCX may unpack to, and how much larger than the file it may be (a ZIP bomb is both).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200


def check_archive(data: bytes) -> None:
    """Raise ReadError unless `data` is a whole ZIP archive holding a Word document of sane size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            unpacked = sum(i.file_size for i in infos)
            if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(len(data), 1):
                raise ReadError(f"a ZIP bomb? it would unpack to {unpacked / (1024 * 1024):,.0f} MB from "
                                f"{len(data) / 1024:,.0f} KB (the limit is {MAX_UNPACKED_BYTES // (1024 * 1024)} MB "
                                f"and {MAX_RATIO} times the file)")
            if "word/document.xml" not in names:
                raise ReadError("a ZIP archive, not a Word document (no word/document.xml)")
            bad = z.testzip()
            if bad is not None:
                raise ReadError(f"a damaged Word document ({bad} fails its checksum)")
    except zipfile.BadZipFile as e:
        raise ReadError(f"a damaged or truncated Word document ({e})") from e
    except (EOFError, zipfile.LargeZipFile, NotImplementedError) as e:
        raise ReadError(f"a damaged or truncated Word document ({e})") from e


def _blocks(document):
    """The body's paragraphs and tables in the order they come."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document)
        elif tag == "tbl":
            yield Table(child, document)


def _listed(paragraph) -> bool:
    """Whether a paragraph is an item of a bulleted or numbered list (its mark is not in its text)."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    style = paragraph.style.name if paragraph.style is not None else ""
    return style.startswith(("List Bullet", "List Number"))


class DocxReader:
    format = "docx"

    def __call__(self, data: bytes) -> Extracted:
        check_archive(data)
        import docx
        from docx.table import Table

        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as e:  # python-docx raises whatever its XML and package layers meet
            raise ReadError(f"a damaged Word document ({type(e).__name__}: {e})") from e
        lines = []
        for block in _blocks(document):
            if isinstance(block, Table):
                for row in block.rows:
                    cells = []
                    for cell in row.cells:
                        t = " ".join(cell.text.split())
                        if t and (not cells or cells[-1] != t):  # a merged cell repeats its text
                            cells.append(t)
                    if cells:
                        lines.append(" | ".join(cells))
            else:
                t = " ".join(block.text.split())
                if t:
                    lines.append(f"\u2022 {t}" if _listed(block) else t)
        if not lines:
            raise ReadError("a Word document without text")
        props = document.core_properties
        metadata: dict[str, tuple[str, str]] = {}
        if props.title and props.title.strip():
            metadata["title"] = (" ".join(props.title.split()), "DOCX core properties dc:title")
        if props.author and props.author.strip():
            metadata["creator"] = (" ".join(props.author.split()), "DOCX core properties dc:creator")
        if props.created is not None:
            metadata["created"] = (props.created.date().isoformat(), "DOCX core properties dcterms:created")
        return Extracted(text="\n\n".join(lines) + "\n", format=self.format, metadata=metadata)
