"""Cold-start time of `kg neighbors` and of every saved query, as whole processes.

On the sample graph (exports/kg.ttl, copied under /tmp so that exports/ is left
alone) and on a synthetic graph of about a million triples shaped like ours
(benchmarks/synthetic_graph.py, written under /tmp). Each command runs as a
new process, the way a user runs it; the figures are the median wall time and
the median CPU time (user + system) of the process, over several runs. The
first query of a graph builds its store; that is timed on its own.

    python benchmarks/query_cold_start.py [--runs 5] [--query-runs 3] [--triples 1000000] [--rdflib]

A command still running after two minutes is stopped and reported as such.

--rdflib also times re-parsing each graph with rdflib, the cost the store saves
(about a minute on the million triples).
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
from kg.ask.sparql import saved_queries  # noqa: E402

EXAMPLE_PARAMS = {"agreement": "MOSS", "actor": "Japan", "issue": "protectionism", "actor1": "Japan",
                  "actor2": "MITI"}
TARGETS = {"sample": 0.3, "million": 0.5}  # seconds, for `kg neighbors Japan`


def kg_command() -> list[str]:
    script = Path(sys.executable).parent / "kg"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg.cli"]


TIMEOUT = 120.0  # seconds: a process still running then is stopped and reported as over it


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one process running `cmd` (its output discarded); inf past TIMEOUT."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    try:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
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


def figures(label: str, wall: float, cpu: float, note: str = "") -> None:
    if wall == float("inf"):
        print(f"{label:44} over {TIMEOUT:.0f} s (stopped)")
    else:
        print(f"{label:44} {wall:7.3f} s wall {cpu:7.3f} s cpu{note}")


def bench_graph(name: str, ttl: Path, runs: int, query_runs: int, with_rdflib: bool) -> None:
    kg = kg_command()
    data = ["--data", str(ttl)]
    shutil.rmtree(ttl.with_name(ttl.stem + ".store"), ignore_errors=True)
    wall, cpu = timed(kg + ["query", "actors-by-pledges"] + data)
    count = subprocess.run(kg + ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv"] + data,
                           capture_output=True, text=True, check=True).stdout.split()[1]
    print(f"\n== {name}: {ttl} ({ttl.stat().st_size / 1e6:.1f} MB; {count} triples with the schema)")
    figures("first query, building the store", wall, cpu)
    figures("kg --help", *median_of(kg + ["--help"], runs))
    wall, cpu = median_of(kg + ["neighbors", "Japan"] + data, runs)
    target = TARGETS[name]
    figures("kg neighbors Japan", wall, cpu,
            f"   (target {target} s: {'met' if wall < target else 'missed'}, {wall / target:.2f} of it)")
    out = subprocess.run(kg + ["neighbors", "Japan", "--format", "csv"] + data, capture_output=True, text=True)
    print(f"{'  neighbours listed':44} {out.stdout.count(chr(10)) - 1:7d}")
    figures("kg neighbors MITI --type Agreement", *median_of(kg + ["neighbors", "MITI", "--type", "Agreement"] + data,
                                                              runs))
    for q in saved_queries():
        params = [a for p in q.params for a in ("--param", f"{p.name}={EXAMPLE_PARAMS[p.name]}")]
        figures("kg query " + q.name + "".join(f" {a}" for a in params[1::2]),
                *median_of(kg + ["query", q.name] + params + data, query_runs))
    if with_rdflib:
        code = f"import rdflib; rdflib.Graph().parse({str(ttl)!r}, format='turtle')"
        figures("rdflib: parse the Turtle (each query would)", *timed([sys.executable, "-c", code]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="Runs of each kg neighbors and kg --help; the median is shown.")
    ap.add_argument("--query-runs", type=int, default=3, help="Runs of each saved query.")
    ap.add_argument("--triples", type=int, default=1_000_000, help="Size of the synthetic graph.")
    ap.add_argument("--rdflib", action="store_true", help="Also time re-parsing each graph with rdflib.")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    sample = Path("/tmp/kg-bench/sample/kg.ttl")
    sample.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "exports" / "kg.ttl", sample)
    bench_graph("sample", sample, args.runs, args.query_runs, args.rdflib)
    million = Path(f"/tmp/kg-bench/million-{args.triples}/kg.ttl")
    if not million.exists():
        n = generate(million, args.triples)
        print(f"\nwrote {million}: {n} triples")
    bench_graph("million", million, args.runs, args.query_runs, args.rdflib)


if __name__ == "__main__":
    main()
