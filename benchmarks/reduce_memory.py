"""What the reduce holds in memory, step by step: the graph written a part at a time beside the
graph made whole in rdflib (the way `kg build` wrote it before), each a rebuild from the findings
cache in a process of its own.

    python benchmarks/reduce_memory.py --docs 2000               # generates the corpus, builds it once
    python benchmarks/reduce_memory.py --corpus DOCS --out OUT   # OUT holds a build of DOCS (its cache)

The first build of a generated corpus analyses every document and fills OUT/kg.cache/; the
measured runs then take the findings from that cache, so spaCy is not loaded and what is
measured is the reduce. Each step prints the peak resident memory of the process during it
(sampled every 20 ms from /proc, so that what pyoxigraph and pySHACL allocate outside Python
counts too) and the seconds at its end:

- findings: the findings read from the cache and resolved into entities (`kg.build.build`);
- whole graph: (the baseline only) `BuildResult.graph`, the rdflib graph of the build;
- checked, N-Triples: the shapes check and the sorted N-Triples file (`kg.graph.stream`, or from
  the whole graph);
- page: the interactive page, from the N-Triples;
- Turtle and store: kg.ttl written by pyoxigraph and the query store loaded from it.

Prints figures and the ratio of the peaks; asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000, help="documents in the generated corpus")
    ap.add_argument("--corpus", type=Path, default=None, help="a corpus already built into --out")
    ap.add_argument("--out", type=Path, default=None, help="the OUT folder of a build of --corpus")
    ap.add_argument("--run", choices=["streamed", "whole"], default=None, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if (a.corpus is None) != (a.out is None):
        ap.error("--corpus and --out go together")
    if a.run:
        print(json.dumps(measure(a.corpus, a.out, a.run == "whole")))
        return
    if a.corpus is None:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from memory import make_corpus
        tmp = Path(tempfile.mkdtemp(prefix="kg-reduce-"))
        a.corpus, a.out = make_corpus(a.docs, tmp / "corpus")[0], tmp / "out"
        print(f"building {a.docs} generated documents into {a.out} (fills the cache) ...", flush=True)
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(a.corpus), "--out", str(a.out), "-q"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    runs = {}
    for mode in ("whole", "streamed"):
        done = subprocess.run([sys.executable, __file__, "--corpus", str(a.corpus), "--out", str(a.out),
                               "--run", mode], cwd=ROOT, check=True, capture_output=True, text=True)
        runs[mode] = json.loads(done.stdout.strip().splitlines()[-1])
    steps = list(dict.fromkeys([*runs["whole"]["steps"], *runs["streamed"]["steps"]]))
    print(f"{runs['streamed']['documents']} documents, {runs['streamed']['triples']} triples")
    print(f"{'step':<22}{'whole MB':>11}{'at s':>7}{'streamed MB':>13}{'at s':>7}")
    for s in steps:
        w, p = runs["whole"]["steps"].get(s), runs["streamed"]["steps"].get(s)
        print(f"{s:<22}" + (f"{w[0]:>11.0f}{w[1]:>7.1f}" if w else f"{'-':>11}{'':>7}")
              + (f"{p[0]:>13.0f}{p[1]:>7.1f}" if p else f"{'-':>13}{'':>7}"))
    pw, ps = runs["whole"]["peak"], runs["streamed"]["peak"]
    print(f"{'peak of the process':<22}{pw:>11.0f}{'':>7}{ps:>13.0f}{'':>7}   streamed / whole: {ps / pw:.2f}")


def measure(corpus: Path, out: Path, whole: bool) -> dict:
    """The peak resident MB during each step of a rebuild of `corpus` from the cache of `out`."""
    step = ["findings"]
    peaks: dict[str, list[float]] = {}
    t0 = time.perf_counter()

    def rss() -> float:
        with open("/proc/self/status") as f:
            return next(int(ln.split()[1]) for ln in f if ln.startswith("VmRSS")) / 1024

    def sample() -> None:
        while True:
            now = peaks.setdefault(step[0], [0.0, 0.0])
            now[0] = max(now[0], rss())
            time.sleep(0.02)

    def enter(name: str) -> None:
        peaks.setdefault(step[0], [0.0, 0.0])
        peaks[step[0]] = [max(peaks[step[0]][0], rss()), time.perf_counter() - t0]
        step[0] = name

    threading.Thread(target=sample, daemon=True).start()
    from kg.build import build, write
    from kg.see.overview import overview_of_ntriples
    from kg.see.page import overview_page

    result = build(corpus, cache=out)
    if whole:
        enter("whole graph")
        result.graph  # noqa: B018 - made here, as the build made it before
    enter("checked, N-Triples")

    def page(ntriples: Path) -> dict[str, bytes]:
        enter("page")
        with overview_of_ntriples(ntriples) as overview:
            html = overview_page(overview).html.encode("utf-8")
        enter("Turtle and store")
        return {"graph.html": html}

    with tempfile.TemporaryDirectory(prefix="kg-reduce-out-") as target:
        write(result, Path(target), beside=page)
        enter("end")
    steps = {k: v for k, v in list(peaks.items()) if k != "end"}
    return {"documents": len(result.documents), "triples": result.triples,
            "steps": steps, "peak": max(v[0] for v in steps.values())}


if __name__ == "__main__":
    main()
