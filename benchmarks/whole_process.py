"""`kg build` as a user runs it, whole process, beside spaCy's own pipeline alone over the same text.

    python benchmarks/whole_process.py            # seeds/, median of three paired runs
    python benchmarks/whole_process.py --runs 5 --corpus path/to/docs

Paired runs, one after the other, each its own process:
  spaCy alone    import spaCy, load the model kg uses, `nlp.pipe` over every line kg analyses
  kg clean       `kg build CORPUS -q --no-cache --out TMP`: everything, from the files to kg.ttl,
                 the store and graph.html
  kg rebuild     the same again with the findings cache of the clean run (nothing changed)
Prints the median seconds and the ratios spaCy / kg (above 1: kg is faster); asserts nothing.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SPACY_ALONE = """
import sys
from pathlib import Path
import spacy
from kg.language.nlp import MODEL
from kg.language.segment import lines
nlp = spacy.load(MODEL)
texts = [ln.text for p in sorted(Path(sys.argv[1]).rglob("*")) if p.is_file() and p.suffix in (".txt", ".md")
         for ln in lines(p.read_text(encoding="utf-8", errors="replace"))]
for _ in nlp.pipe(texts, batch_size=64):
    pass
"""


def seconds(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    a = ap.parse_args()
    spacy_s, clean_s, rebuild_s = [], [], []
    for _ in range(a.runs):
        out = Path(tempfile.mkdtemp(prefix="kg-whole-"))
        try:
            spacy_s.append(seconds([sys.executable, "-c", SPACY_ALONE, str(a.corpus)]))
            kg = [sys.executable, "-m", "kg.cli", "build", str(a.corpus), "-q", "--out", str(out)]
            clean_s.append(seconds([*kg, "--no-cache"]))
            seconds(kg)  # a build that writes the cache
            rebuild_s.append(seconds(kg))  # and one that reads it
        finally:
            shutil.rmtree(out, ignore_errors=True)
    s, c, r = (statistics.median(x) for x in (spacy_s, clean_s, rebuild_s))
    print(f"{'run':<14}{'median s':>9}{'spaCy / this':>14}   (median of {a.runs} paired runs on {a.corpus.name}/)")
    print(f"{'spaCy alone':<14}{s:>9.2f}{1.0:>14.2f}")
    print(f"{'kg clean':<14}{c:>9.2f}{s / c:>14.2f}")
    print(f"{'kg rebuild':<14}{r:>9.2f}{s / r:>14.2f}")


if __name__ == "__main__":
    main()
