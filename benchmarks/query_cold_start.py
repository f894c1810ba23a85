"""Cold-start time of the store's build, `kg neighbors` and every saved query, as whole processes,
each beside Oxigraph's own CLI (`oxigraph load`, `oxigraph query`) doing the same work.

On the sample graph (exports/kg.ttl, copied under /tmp so that exports/ is left alone) and on
a synthetic graph of about a million triples shaped like ours (benchmarks/synthetic_graph.py,
written under /tmp). Each command runs as a new process, the way a user runs it; the figures
are the median wall time and CPU time (user + system) over several runs, and the ratio of
kg's wall time to Oxigraph's CLI on the same query with the names' IRIs bound (the text
`kg serve` prints, run on a store `oxigraph load` built from the same files). Names are
those of the sample's examples, and on the synthetic graph its biggest hubs: the issue with
the most stances, the agreement with the most parties.

    python benchmarks/query_cold_start.py [--runs 5] [--query-runs 3] [--triples 1000000] [--only million]

A command still running after two minutes is stopped and reported as such. Targets (whole
process, million triples): store built in 15 s, `kg neighbors` 0.3 s, each saved query 1 s.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic_graph import generate  # noqa: E402
from kg.ask.sparql import example_params, portable, saved_queries  # noqa: E402
from kg.graph.store import open_graph, sources_for, store_path  # noqa: E402

TARGETS = {"build": 15.0, "neighbors": 0.3, "query": 1.0}  # seconds, on the million triples
TIMEOUT = 120.0  # seconds: a process still running then is stopped and reported as over it


def bin_of(name: str) -> str:
    script = Path(sys.executable).parent / name
    return str(script) if script.exists() else name


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one process running `cmd` (its output discarded); inf past TIMEOUT."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    try:
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return float("inf"), float("inf")
    if done.returncode != 0:
        print(f"  failed: {' '.join(cmd[:3])} ...: {done.stderr.decode(errors='replace').strip()[:200]}")
        return float("inf"), float("inf")
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_of(cmd: list[str], runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = timed(cmd)
        walls.append(wall)
        cpus.append(cpu)
        if wall == float("inf"):
            break
    return statistics.median(walls), statistics.median(cpus)


def figures(label: str, kg: tuple[float, float], oxigraph: tuple[float, float] | None = None,
            target: float | None = None) -> None:
    wall, cpu = kg
    if wall == float("inf"):
        print(f"{label:58} failed or over {TIMEOUT:.0f} s (stopped)")
        return
    line = f"{label:58} {wall:7.3f} s wall {cpu:7.3f} s cpu"
    if oxigraph is not None:
        line += f"   oxigraph {oxigraph[0]:7.3f} s wall {oxigraph[1]:7.3f} s cpu   ratio {wall / oxigraph[0]:5.2f}"
    if target is not None:
        line += f"   (target {target:g} s: {'met' if wall <= target else 'missed'})"
    print(line)


def hub_params(kg: list[str], data: list[str]) -> dict[str, str]:
    """The names of the synthetic graph's biggest hubs, for the saved queries' parameters."""
    def top(q: str) -> str:
        out = subprocess.run(kg + ["query", q, "--format", "csv"] + data, capture_output=True, text=True, check=True)
        return out.stdout.splitlines()[1]
    issue = top("SELECT ?l WHERE { { SELECT ?i (COUNT(*) AS ?n) WHERE { ?s kgo:onIssue ?i } GROUP BY ?i "
                "ORDER BY DESC(?n) ?i LIMIT 1 } ?i rdfs:label ?l }")
    agreement = top("SELECT ?l WHERE { { SELECT ?a (COUNT(*) AS ?n) WHERE { ?a kgo:party ?p } GROUP BY ?a "
                    "ORDER BY DESC(?n) ?a LIMIT 1 } ?a rdfs:label ?l }")
    return {"agreement": agreement, "actor": "MITI", "issue": issue, "actor1": "Japan", "actor2": "United States"}


def bench_graph(name: str, ttl: Path, runs: int, query_runs: int) -> None:
    kg = [bin_of("kg")]
    oxigraph = bin_of("oxigraph")
    data = ["--data", str(ttl)]
    work = ttl.parent / "bench"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    shutil.rmtree(store_path(ttl), ignore_errors=True)
    build = timed(kg + ["query", "ASK {}"] + data)
    load = [oxigraph, "load", "--location", str(work / "oxigraph")] + \
        [a for src in sources_for(ttl) for a in ("--file", str(src))]
    oxi_build = timed(load)
    count = subprocess.run(kg + ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv"] + data,
                           capture_output=True, text=True, check=True).stdout.split()[1]
    big = name == "million"
    print(f"\n== {name}: {ttl} ({ttl.stat().st_size / 1e6:.1f} MB; {count} triples with the schema)")
    figures("store built by the first command (oxigraph: load)", build, oxi_build, TARGETS["build"] if big else None)
    figures("kg --help", median_of(kg + ["--help"], runs))
    for who in ("Japan", "MITI", "United States"):
        figures(f"kg neighbors {who}", median_of(kg + ["neighbors", who] + data, runs), None,
                TARGETS["neighbors"] if big else None)
    figures("kg neighbors MITI --type Agreement",
            median_of(kg + ["neighbors", "MITI", "--type", "Agreement"] + data, runs))
    graph = open_graph(ttl)
    hubs = hub_params(kg, data) if big else {}
    for q in saved_queries():
        params = {k: hubs.get(k, v) for k, v in example_params(q).items()}
        bound = work / f"{q.name}.rq"
        bound.write_text(portable(graph, q, params), encoding="utf-8")
        args = [a for k, v in params.items() for a in ("--param", f"{k}={v}")]
        ours = median_of(kg + ["query", q.name] + args + data + ["--format", "csv"], query_runs)
        theirs = median_of([oxigraph, "query", "--location", str(work / "oxigraph"), "--query-file", str(bound),
                            "--results-format", "csv"], query_runs)
        label = "kg query " + q.name + "".join(f" {k}={v[:18]}" for k, v in params.items())
        figures(label, ours, theirs, TARGETS["query"] if big else None)
    del graph


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="Runs of each kg neighbors and kg --help; the median is shown.")
    ap.add_argument("--query-runs", type=int, default=3, help="Runs of each saved query.")
    ap.add_argument("--triples", type=int, default=1_000_000, help="Size of the synthetic graph.")
    ap.add_argument("--only", choices=("sample", "million"), default=None, help="Time one graph only.")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.only != "million":
        sample = Path("/tmp/kg-bench/sample/kg.ttl")
        sample.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "exports" / "kg.ttl", sample)
        bench_graph("sample", sample, args.runs, args.query_runs)
    if args.only != "sample":
        million = Path(f"/tmp/kg-bench/million-{args.triples}/kg.ttl")
        if not million.exists():
            n = generate(million, args.triples)
            print(f"\nwrote {million}: {n} triples")
        bench_graph("million", million, args.runs, args.query_runs)
    print(f"\nload average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
