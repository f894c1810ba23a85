"""Reading PDF, HTML and Word files: time and text quality of each library, reading beside building.

    python benchmarks/reading_formats.py               # libraries, then reading / build time per document
    python benchmarks/reading_formats.py --word-limit  # also: build time of one long document, by words

Prints figures and ratios; asserts nothing. The documents are those of
tests/data/formats/ (public domain): a 15-page, three-column Federal Register
notice as published, the Tokyo Declaration as a two-column PDF, a White House
statement as HTML and as Word. The baseline beside each format is the same
document as plain text.

Text quality, for the PDF libraries, is measured on the Tokyo Declaration,
whose text is known (its .txt): the share of the text's words that the
library's output gives in the same order (difflib's matching blocks over the
word sequences), and the number of words hyphenated at a line end left cut
("effec- tive") and of running heads and page numbers left in.
pdfminer.six and pypdf are the `benchmarks` extra of pyproject.toml.
"""
from __future__ import annotations

import argparse
import math
import difflib
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FORMATS = ROOT / "tests" / "data" / "formats"
FR = FORMATS / "federal-register-2020-17221.pdf"
TOKYO = FORMATS / "tokyo-declaration-1992.pdf"
ECUADOR = FORMATS / "ecuador-joint-statement-2025"


def best_of(fn, runs: int = 3) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def pdf_libraries(path: Path) -> dict:
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    def pdfium_raw():
        import pypdfium2 as pdfium
        pdf = pdfium.PdfDocument(str(path))
        text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        pdf.close()
        return text

    def kg_reader():
        from kg.read.corpus import extract
        return extract(path).text

    def pdfminer():
        from pdfminer.high_level import extract_text
        return extract_text(str(path))

    def pypdf():
        import pypdf as lib
        return "\n".join(p.extract_text() for p in lib.PdfReader(str(path)).pages)

    out = {}
    for name, fn in (("pypdfium2 (raw text)", pdfium_raw), ("pypdfium2 + kg layout", kg_reader),
                     ("pdfminer.six", pdfminer), ("pypdf", pypdf)):
        try:
            out[name] = best_of(fn)
        except ImportError as e:
            out[name] = (None, f"not installed ({e.name}; pip install -e '.[benchmarks]')")
    return out


def quality(text: str, reference: str, heads: list[str]) -> tuple[float, int, int]:
    """Share of the reference's words given in order, words left cut at a hyphen, running heads left in."""
    got, want = text.split(), reference.split()
    matcher = difflib.SequenceMatcher(None, got, want, autojunk=False)
    same = sum(b.size for b in matcher.get_matching_blocks())
    cut = len(re.findall(r"[a-z][-\u00ad]\s+[a-z]|\ufffe", text))  # "effec- tive", or PDFium's mark of a cut
    left = sum(text.count(h) for h in heads)
    return same / len(want), cut, left


def build_seconds(path: Path) -> float:
    from kg.build import build
    t0 = time.perf_counter()
    build(path)
    return time.perf_counter() - t0


def read_seconds(path: Path) -> float:
    from kg.read.corpus import read_document
    return best_of(lambda: read_document(path))[0]


def word_limit() -> None:
    """Build time of one document by its length: the words a minute builds, for MAX_WORDS."""
    from kg.build import build
    from kg.language.nlp import load_model
    load_model()
    base = (ROOT / "seeds" / "000_2a56f6dbc4fee8d4.txt").read_text(encoding="utf-8")
    print("\none long document (the first sample document repeated, each copy numbered)")
    print(f"{'words':>9} {'seconds':>9} {'words/s':>9}")
    rates = []
    with tempfile.TemporaryDirectory() as tmp:
        points = []
        for copies in (2, 4, 8, 16, 32):
            p = Path(tmp) / f"long-{copies}.txt"
            p.write_text("".join(f"{base}\n\nCopy {k}.\n\n" for k in range(copies)), encoding="utf-8")
            words = len(p.read_text(encoding="utf-8").split())
            t0 = time.perf_counter()
            build(p, max_words=10 * words)
            s = time.perf_counter() - t0
            rates.append(words / s)
            points.append((words, s))
            print(f"{words:>9,} {s:>9.1f} {words / s:>9.0f}")
    (w0, s0), (w1, s1) = points[-3], points[-1]   # the longest, past the start-up a short one is mostly
    print(f"from {w0:,} to {w1:,} words time grows as words to the power "
          f"{math.log(s1 / s0) / math.log(w1 / w0):.2f}; "
          f"a minute builds about {60 * min(rates):,.0f} words at the slowest rate measured "
          f"(kg.read.corpus.MAX_WORDS is the limit in use)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--word-limit", action="store_true", help="also time one long document by its words")
    args = ap.parse_args()
    from kg.read.corpus import read_document

    reference = read_document(TOKYO.with_suffix(".txt"))
    ref_text = reference.text[reference.body_start:]
    heads = ["The Tokyo Declaration on the U.S.-Japan Global Partnership \u2014", "Page 1", "Page 2"]
    for path, ref, hd in ((TOKYO, ref_text, heads), (FR, None, ["Federal Register / Vol. 85", "VerDate"])):
        print(f"\n{path.name}")
        print(f"{'library':<24} {'seconds':>8} {'x fastest':>9} {'words in order':>15} {'cut words':>9} "
              f"{'heads left':>10}")
        results = pdf_libraries(path)
        fastest = min(s for s, _ in results.values() if s is not None)
        for name, (s, text) in results.items():
            if s is None:
                print(f"{name:<24} {text}")
                continue
            if ref is not None:
                share, cut, left = quality(text, ref, hd)
                q = f"{share:>15.1%} {cut:>9} {left:>10}"
            else:
                _, cut, left = quality(text, text, hd)
                q = f"{'':>15} {cut:>9} {left:>10}"
            print(f"{name:<24} {s:>8.3f} {s / fastest:>9.1f} {q}")

    print("\nreading beside building, one document at a time (the model loaded once before)")
    from kg.language.nlp import load_model
    load_model()
    build_seconds(TOKYO.with_suffix(".txt"))  # warm up
    print(f"{'document':<36} {'words':>6} {'read s':>8} {'build s':>8} {'read/build':>10} {'txt read s':>10}")
    for path in (FR, TOKYO, ECUADOR.with_suffix(".html"), ECUADOR.with_suffix(".docx")):
        doc = read_document(path)
        r, b = read_seconds(path), build_seconds(path)
        base = read_seconds(path.with_suffix(".txt"))
        print(f"{path.name:<36} {len(doc.text.split()):>6} {r:>8.3f} {b:>8.2f} {r / b:>10.1%} {base:>10.4f}")
    if args.word_limit:
        word_limit()


if __name__ == "__main__":
    main()
