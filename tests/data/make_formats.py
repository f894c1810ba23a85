"""Make the PDF, Word and HTML files of tests/data/formats/ from their .txt versions.

The texts are U.S. federal works (public domain): the Tokyo Declaration on the
U.S.-Japan Global Partnership (January 9, 1992) and the White House's Joint
Statement on Framework for United States-Ecuador Agreement on Reciprocal Trade
(November 13, 2025). federal-register-2020-17221.pdf is not made here: it is
the Federal Register document as the Government Publishing Office published it.

Each file carries the text of its .txt (the header lines [Title], [Date] ...
become the format's own metadata) laid out as documents of that kind are:

- tokyo-declaration-1992.pdf: two columns, hyphenated at line ends, a running
  header and a page number on each page, title and author in the PDF's
  information dictionary (reportlab), title, author and date in an XMP packet
  (added with pypdf, uncompressed as PDF/A has it);
- ecuador-joint-statement-2025.docx: headings, paragraphs, a bulleted list
  and a table, title, author and date in the core properties (python-docx);
- ecuador-joint-statement-2025.html: the statement inside the page furniture
  of a government site (menus, a cookie banner, scripts, styles, a footer),
  with <title>, <meta> and JSON-LD.

It also makes the broken PDF and Word files of tests/data/broken/ from them:
an encrypted PDF (the declaration under a password), a scan (its first page as
an image, no text layer), a PDF and a Word file cut off in the middle, and a
ZIP bomb named .docx (100 MB of zeros packed to 100 KB).

    pip install -e ".[corpus]"
    python tests/data/make_formats.py
"""
from __future__ import annotations

import datetime
import html
import json
import re
from pathlib import Path

FORMATS = Path(__file__).resolve().parent / "formats"
_TAG = re.compile(r"^\[(Title|Date|Place|Source)\]\s*(.*)$")


def parse(name: str) -> tuple[dict[str, str], list[str]]:
    """The header tags and the paragraphs of a .txt of the corpus."""
    tags, paras = {}, []
    for line in (FORMATS / name).read_text(encoding="utf-8").splitlines():
        m = _TAG.match(line)
        if m:
            tags[m.group(1).lower()] = m.group(2)
        elif line.strip():
            paras.append(line.strip())
    return tags, paras


def is_heading(p: str) -> bool:
    return len(p) < 70 and not p.endswith((".", ":", ";"))


def make_pdf() -> None:
    from reportlab import rl_config
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    rl_config.invariant = 1  # no clock in the file: the same bytes each time
    tags, paras = parse("tokyo-declaration-1992.txt")
    out = FORMATS / "tokyo-declaration-1992.pdf"
    width, height = letter
    gap, margin = 0.3 * inch, 0.8 * inch
    col = (width - 2 * margin - gap) / 2
    frames = [Frame(margin, margin, col, height - 2 * margin, id="left"),
              Frame(margin + col + gap, margin, col, height - 2 * margin, id="right")]

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont("Times-Italic", 8)
        canvas.drawString(margin, height - 0.5 * inch, f"{tags['title']} \u2014 {tags['place']}, {tags['date']}")
        canvas.setFont("Times-Roman", 9)
        canvas.drawCentredString(width / 2, 0.45 * inch, f"Page {doc.page}")
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=letter, title=tags["title"], author="The White House",
                          subject="Joint declaration", creator="tests/data/make_formats.py", invariant=1)
    doc.addPageTemplates([PageTemplate(id="two-columns", frames=frames, onPage=furniture)])
    body = ParagraphStyle("body", fontName="Times-Roman", fontSize=10, leading=12.5, alignment=TA_JUSTIFY,
                          spaceAfter=6, hyphenationLang="en_US", embeddedHyphenation=1, uriWasteReduce=0.3)
    head = ParagraphStyle("head", parent=body, fontName="Times-Bold", fontSize=11, spaceBefore=6,
                          alignment=0, hyphenationLang="")
    story = [Paragraph(html.escape(tags["title"]), ParagraphStyle("title", parent=head, fontSize=14, leading=17)),
             Paragraph(html.escape(f"{tags['place']}, {tags['date']}"), head)]
    story += [Paragraph(html.escape(p), head if is_heading(p) else body) for p in paras]
    doc.build(story)
    add_xmp(out, tags["title"], "The White House", "1992-01-09")


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>
   <dc:date><rdf:Seq><rdf:li>{date}</rdf:li></rdf:Seq></dc:date>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""


def add_xmp(path: Path, title: str, creator: str, date: str) -> None:
    """Give the PDF at `path` an XMP packet, as an uncompressed /Metadata stream of its catalog."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter(clone_from=PdfReader(path))
    stream = StreamObject()
    stream.set_data(XMP.format(title=html.escape(title), creator=html.escape(creator), date=date).encode("utf-8"))
    stream.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    with open(path, "wb") as f:
        writer.write(f)


def make_docx() -> None:
    import docx

    tags, paras = parse("ecuador-joint-statement-2025.txt")
    d = docx.Document()
    d.core_properties.title = tags["title"]
    d.core_properties.author = "The White House"
    d.core_properties.created = datetime.datetime(2025, 11, 13, 16, 9, 45)
    d.core_properties.modified = datetime.datetime(2025, 11, 13, 16, 9, 45)
    d.add_heading(tags["title"], level=1)
    d.add_paragraph(tags["date"])
    for p in paras:
        if p.startswith("- "):
            d.add_paragraph(p[2:], style="List Bullet")
        else:
            d.add_paragraph(p)
    table = d.add_table(rows=2, cols=2)
    for r, (k, v) in enumerate((("Document", "Joint statement"), ("Date", tags["date"]))):
        table.cell(r, 0).text, table.cell(r, 1).text = k, v
    d.save(FORMATS / "ecuador-joint-statement-2025.docx")


PAGE = """<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} &#8211; The White House</title>
<meta property="og:site_name" content="The White House">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2025-11-13T16:09:45-05:00">
<meta name="author" content="The White House">
<script type="application/ld+json">{jsonld}</script>
<style>
body {{ font-family: serif; }} .site-header::after {{ content: "Japan will impose sanctions on Korea."; }}
</style>
<script>
window.dataLayer = window.dataLayer || [];
document.write("<p>Japan will impose sanctions on Korea.</p>");
</script>
</head>
<body class="post-template-default single single-post">
<div id="cookie-banner" class="cookie-banner"><p>This site uses cookies to improve your experience.
<button>Accept</button> <button>Decline</button></p></div>
<header class="site-header">
<nav class="main-nav"><ul>
<li><a href="/administration/">Administration</a></li><li><a href="/news/">News</a></li>
<li><a href="/issues/">Issues</a></li><li><a href="/contact/">Contact</a></li>
<li><a href="/briefings-statements/">Briefings &amp; Statements</a></li></ul></nav>
</header>
<main id="main">
<article class="post">
<header class="entry-header">
<p class="category"><a href="/briefings-statements/">Briefings &amp; Statements</a></p>
<h1 class="entry-title">{title}</h1>
<time datetime="2025-11-13">November 13, 2025</time>
</header>
<div class="entry-content">
{body}
</div>
</article>
</main>
<footer class="site-footer">
<nav><ul><li><a href="/copyright/">Copyright</a></li><li><a href="/privacy/">Privacy Policy</a></li></ul></nav>
<p>The White House, 1600 Pennsylvania Ave NW, Washington, DC 20500</p>
<noscript><p>Japan will impose sanctions on Korea.</p></noscript>
</footer>
<script src="/wp-includes/js/app.js"></script>
<script>analytics.track("Japan will impose sanctions on Korea.");</script>
</body>
</html>
"""


def make_html() -> None:
    tags, paras = parse("ecuador-joint-statement-2025.txt")
    blocks, items = [], []
    for p in paras + [""]:
        if p.startswith("- "):
            items.append(f"<li>{html.escape(p[2:])}</li>")
            continue
        if items:
            blocks.append("<ul>\n" + "\n".join(items) + "\n</ul>")
            items = []
        if p:
            blocks.append(f"<p>{html.escape(p)}</p>")
    jsonld = json.dumps({"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "The White House", "url": "https://www.whitehouse.gov/"},
        {"@type": "Article", "headline": tags["title"], "datePublished": "2025-11-13T16:09:45-05:00",
         "author": {"@type": "Organization", "name": "The White House"},
         "mainEntityOfPage": "https://www.whitehouse.gov/briefings-statements/2025/11/"
                             "joint-statement-on-framework-for-united-states-ecuador-agreement-on-reciprocal-trade/"}]})
    page = PAGE.format(title=html.escape(tags["title"]), jsonld=jsonld, body="\n".join(blocks))
    (FORMATS / "ecuador-joint-statement-2025.html").write_text(page, encoding="utf-8")


def make_broken() -> None:
    import io
    import zipfile

    import pypdfium2 as pdfium
    from pypdf import PdfReader, PdfWriter
    from reportlab import rl_config
    from reportlab.pdfgen import canvas

    broken = FORMATS.parent / "broken"
    tokyo = FORMATS / "tokyo-declaration-1992.pdf"
    w = PdfWriter(clone_from=PdfReader(tokyo))
    w.encrypt(user_password="tokyo-1992", owner_password="tokyo-1992-owner", algorithm="RC4-128")
    with open(broken / "encrypted.pdf", "wb") as f:
        w.write(f)
    pdf = pdfium.PdfDocument(str(tokyo))
    image = broken / "scan.png"
    pdf[0].render(scale=0.6, grayscale=True).to_pil().save(image)
    pdf.close()
    rl_config.invariant = 1
    c = canvas.Canvas(str(broken / "scanned.pdf"), pagesize=(612, 792), invariant=1)
    c.drawImage(str(image), 0, 0, 612, 792)
    c.showPage()
    c.save()
    image.unlink()
    data = tokyo.read_bytes()
    (broken / "truncated.pdf").write_bytes(data[: len(data) // 3])
    data = (FORMATS / "ecuador-joint-statement-2025.docx").read_bytes()
    (broken / "truncated.docx").write_bytes(data[: len(data) // 2])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with z.open("word/document.xml", "w") as f:
            for _ in range(100):
                f.write(b"\0" * (1 << 20))
    (broken / "bomb.docx").write_bytes(buf.getvalue())


if __name__ == "__main__":
    make_pdf()
    make_docx()
    make_html()
    make_broken()
