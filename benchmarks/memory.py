"""Peak memory of `kg build`, on the sample corpus and on a corpus of 10,000 documents.

    python benchmarks/memory.py                    # seeds/, one document of 1 MB, 10,000 documents
    python benchmarks/memory.py --docs 1000        # a smaller generated corpus
    python benchmarks/memory.py --keep /tmp/big    # keep the generated corpus there
    python benchmarks/memory.py --large-mb 5       # and one document of 5 MB (default 1; 0: none)

Each build runs as its own process (`python -m kg.cli build ... --out TMP`),
and its peak resident memory is what the operating system reports for that
process. Prints figures and ratios; asserts nothing.

The generated documents are passages of the sample documents: each takes a
run of consecutive paragraphs from one of them, at an offset and of a length
that vary, under a header of its own (title, date, a reference line), so that
no two are the same text and each reads like a short cable or press item.
Documents are analysed one at a time, so the peak grows with the graph and
with the largest document, not with the number of documents: the row of one
large document (the sample documents repeated) shows the second.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_MB = 2048
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def paragraphs() -> list[list[str]]:
    """The non-empty lines of each sample document, after its header."""
    out = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        lines = [ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
        out.append([ln for ln in lines if not ln.startswith("[")])
    return out


def make_corpus(n: int, folder: Path, seed: int = 0) -> tuple[Path, int]:
    """`n` documents in `folder`; returns the folder and the number of words written."""
    rng = random.Random(seed)
    sources = paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for k in range(n):
        lines = sources[k % len(sources)]
        length = rng.randint(1, 3)
        start = rng.randrange(0, max(1, len(lines) - length))
        body = "\n\n".join(lines[start:start + length])
        year, month, day = 1985 + k % 15, MONTHS[k % 12], 1 + k % 28
        text = (f"[Title] Trade cable {k:05d}\n[Date] {month} {day}, {year}\n\n"
                f"Reference: cable {k:05d} of {month} {day}, {year}.\n\n{body}\n")
        (folder / f"cable-{k:05d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return folder, words


def make_large_document(mb: float, folder: Path) -> Path:
    """One document of about `mb` megabytes: the sample documents, repeated in numbered parts."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    copies = max(1, round(mb * 1_000_000 / len(text)))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "large.txt").write_text("\n\n".join(f"Part {k + 1}.\n\n{text}" for k in range(copies)),
                                      encoding="utf-8")
    return folder


def peak_of_build(corpus: Path, out: Path) -> tuple[float, float, str]:
    """Peak resident memory (MB) and seconds of one `kg build` process, and its summary line."""
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "-q",
                                 "--max-words", str(10**9)],  # the large document is past the default limit
                                cwd=ROOT, stdout=stdout, stderr=stderr, text=True)
        _, status, usage = os.wait4(proc.pid, 0)  # the rusage of this process alone
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - t0
        stdout.seek(0)
        stderr.seek(0)
        summary = next((ln for ln in stdout.read().splitlines() if ln.startswith("read ")), "")
        if proc.returncode != 0 and not (proc.returncode == 1 and summary):  # 1 with a summary: files skipped
            summary = f"FAILED (exit {proc.returncode}): {(stderr.read().strip().splitlines() or [''])[-1]}; {summary}"
    return usage.ru_maxrss / 1024, seconds, summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000, help="documents in the generated corpus")
    ap.add_argument("--keep", type=Path, default=None, help="write the generated corpus here and keep it")
    ap.add_argument("--large-mb", type=float, default=1.0, help="size of the one large document (0: none)")
    a = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="kg-memory-"))
    try:
        big = a.keep or tmp / "corpus"
        _, words = make_corpus(a.docs, big)
        print(f"generated {a.docs} documents ({words} words) in {big}")
        print(f"{'corpus':<26}{'documents':>10}{'peak MB':>9}{'seconds':>9}{'MB / 1000 docs':>16}{'of 2 GB':>9}")
        corpora = [("seeds/", ROOT / "seeds", len(list((ROOT / "seeds").glob("*.txt"))))]
        if a.large_mb > 0:
            corpora.append((f"one document of {a.large_mb:g} MB", make_large_document(a.large_mb, tmp / "large"), 1))
        corpora.append((f"generated x{a.docs}", big, a.docs))
        for name, folder, n in corpora:
            peak, seconds, summary = peak_of_build(folder, tmp / "out" / folder.name)
            print(f"{name:<26}{n:>10}{peak:>9.0f}{seconds:>9.1f}{peak / n * 1000:>16.1f}{peak / LIMIT_MB:>9.2f}")
            print(f"    {summary}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
