"""What each step of the reduce holds in memory: a rebuild from the findings cache, step by step.

    python benchmarks/reduce_memory.py --docs 2000               # generates the corpus, builds it once
    python benchmarks/reduce_memory.py --corpus DOCS --out OUT   # OUT holds a build of DOCS (its cache)

The first build of a generated corpus analyses every document and fills OUT/kg.cache/; the
measured run then takes the findings from that cache, so spaCy is not loaded and what is
measured is the reduce alone. For each step it prints what Python holds after it and the
peak during it (tracemalloc, reset between steps): the findings, their resolution, the rdflib
graph, the page's view, the shapes check and the Turtle. tracemalloc slows the run down:
the seconds are not those of a build. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000, help="documents in the generated corpus")
    ap.add_argument("--corpus", type=Path, default=None, help="a corpus already built into --out")
    ap.add_argument("--out", type=Path, default=None, help="the OUT folder of a build of --corpus")
    a = ap.parse_args()
    if (a.corpus is None) != (a.out is None):
        ap.error("--corpus and --out go together")
    if a.corpus is None:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from memory import make_corpus
        tmp = Path(tempfile.mkdtemp(prefix="kg-reduce-"))
        a.corpus, a.out = make_corpus(a.docs, tmp / "corpus")[0], tmp / "out"
        print(f"building {a.docs} generated documents into {a.out} (fills the cache) ...", flush=True)
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(a.corpus), "--out", str(a.out), "-q"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    measure(a.corpus, a.out)


def measure(corpus: Path, out: Path) -> None:
    from kg.build import build
    from kg.graph.rdf import build_graph, serialize
    from kg.graph.shapes import validate
    from kg.language.lexicon import load_lexicon
    from kg.resolve.entities import resolve
    from kg.see.page import graph_page

    reference = load_lexicon().graph
    tracemalloc.start()
    t0 = time.perf_counter()
    print(f"{'step':<34}{'held MB':>9}{'peak MB':>9}{'seconds':>9}")

    def step(name: str) -> None:
        gc.collect()
        now, peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        print(f"{name:<34}{now / 2**20:>9.1f}{peak / 2**20:>9.1f}{time.perf_counter() - t0:>9.1f}", flush=True)

    result = build(corpus, cache=out, keep_findings=True)
    findings, documents = result.findings, result.documents
    result.graph = result.findings = None
    step(f"findings of {len(findings)} documents")
    entities, pledges, stances = resolve(findings)
    step(f"resolved: {len(entities)} entities")
    findings = None
    step("findings let go")
    g = build_graph(documents, entities, pledges, stances, reference)
    step(f"rdflib graph of {len(g)} triples")
    graph_page(g)
    step("page made (its view let go)")
    validate(g)
    step("shapes checked")
    turtle = serialize(g)
    step(f"Turtle of {len(turtle) / 2**20:.1f} MB")


if __name__ == "__main__":
    main()
