"""HTML: the page's main text through trafilatura, its metadata from the page's own head.

trafilatura keeps the article and drops menus, footers and cookie banners;
scripts, styles, `<noscript>` and `<template>` are taken out of the page
before it sees it, so none of their text can reach the document; its text gives one paragraph, heading or list item a
line. Title, date and author are looked up in the page in this order, each
recorded with where it was found: JSON-LD (`headline`, `datePublished`,
`author`), then `<meta>` (Open Graph, Dublin Core, `article:published_time`,
`author`), then `<title>`. The bytes are decoded as the page declares
(byte-order mark, `<meta charset>`), else as plain text is.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from .base import Extracted, ReadError
from .dates import parse_date
from .text import decode_with_warnings

# A page larger than this is refused: no release or statement is, and parsing it would be slow.
MAX_HTML_BYTES = 5 * 1024 * 1024

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_TITLE_META = ("og:title", "dc.title", "dcterms.title", "twitter:title", "title")
_DATE_META = ("article:published_time", "dc.date", "dcterms.date", "dc.date.issued", "date", "pubdate",
              "publish-date", "og:article:published_time")
_AUTHOR_META = ("author", "article:author", "dc.creator", "dcterms.creator", "og:site_name")
_HTML_ENTITIES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _config():
    from trafilatura.settings import use_config

    config = use_config()
    # no alarm signal (builds may read in worker threads) and no minimum: a short release is a release
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    config.set("DEFAULT", "MIN_EXTRACTED_COMM_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_COMM_SIZE", "1")
    return config


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """The page's text, the encoding it was read in, and any doubt about it."""
    m = _CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = m.group(1).decode("ascii").lower()
        try:
            return data.decode(name), name, []
        except LookupError:
            pass
        except UnicodeDecodeError:
            text = data.decode(name, errors="replace")
            return text, name, [f"declares {name} but is not all {name}: the bytes that are not were replaced"]
    return decode_with_warnings(data)


def _date(value: str) -> str | None:
    """A date as pages write it in metadata: ISO 8601 with a time ("2025-11-13T16:09:45-05:00") or words."""
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
    return parse_date(m.group(1) if m else value)


def _clean(value) -> str:
    return _HTML_ENTITIES.sub(" ", str(value)).strip()


def _json_ld(tree) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    items: list = []
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:  # the objects of the block, @graph and lists included
            d = stack.pop(0)
            if isinstance(d, list):
                stack.extend(d)
            elif isinstance(d, dict):
                items.append(d)
                stack.extend(v for k, v in d.items() if k == "@graph")
    for d in items:
        for key in ("headline", "name"):
            if "title" not in found and isinstance(d.get(key), str) and d.get("@type") not in ("Organization",
                                                                                               "Person", "WebSite"):
                found["title"] = (_clean(d[key]), f"HTML JSON-LD {key}")
        for key in ("datePublished", "dateCreated"):
            if "date" not in found and isinstance(d.get(key), str) and _date(d[key]):
                found["date"] = (_date(d[key]), f"HTML JSON-LD {key}")
        for key in ("author", "publisher"):
            v = d.get(key)
            v = v[0] if isinstance(v, list) and v else v
            name = v.get("name") if isinstance(v, dict) else v
            if "creator" not in found and isinstance(name, str) and name.strip():
                found["creator"] = (_clean(name), f"HTML JSON-LD {key}")
    return found


def page_metadata(tree) -> dict[str, tuple[str, str]]:
    """Title, date and creator of the page, each with where it was found."""
    found = _json_ld(tree)
    metas: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key and meta.get("content") and key not in metas:
            metas[key] = _clean(meta.get("content"))
    for fieldname, keys in (("title", _TITLE_META), ("date", _DATE_META), ("creator", _AUTHOR_META)):
        for key in keys:
            value = metas.get(key)
            if fieldname == "date" and value:
                value = _date(value)
            if fieldname not in found and value:
                found[fieldname] = (value, f'HTML <meta {"property" if ":" in key else "name"}="{key}">')
    title = tree.findtext(".//title")
    if "title" not in found and title and title.strip():
        found["title"] = (_clean(title), "HTML <title>")
    return found


class HtmlReader:
    format = "html"

    def __call__(self, data: bytes) -> Extracted:
        if len(data) > MAX_HTML_BYTES:
            raise ReadError(f"an HTML page of {len(data) / (1024 * 1024):.0f} MB; the limit is "
                            f"{MAX_HTML_BYTES // (1024 * 1024)} MB a page")
        import lxml.html
        import trafilatura

        page, encoding, warnings = decode_html(data)
        try:
            tree = lxml.html.document_fromstring(page.lstrip("\ufeff"))
        except (ValueError, lxml.etree.ParserError) as e:
            raise ReadError(f"not readable as HTML ({e})") from e
        metadata = page_metadata(tree)
        # what a browser runs or hides never reaches the text, whatever trafilatura would keep
        for el in list(tree.iter("script", "style", "noscript", "template")):
            el.drop_tree()
        text = trafilatura.extract(tree, include_comments=False,
                                   include_tables=True, include_links=False, include_images=False,
                                   with_metadata=False, deduplicate=False, config=_config())
        if not text or not text.strip():
            raise ReadError("an HTML page without text (only markup, scripts or styles)")
        paragraphs = [" ".join(line.split()) for line in text.splitlines()]
        text = "\n\n".join(p for p in paragraphs if p) + "\n"
        return Extracted(text=text, format=self.format, encoding=encoding, metadata=metadata, warnings=warnings)
