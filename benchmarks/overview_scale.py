"""`kg stats`, `kg viz` and the store's build on a million triples, beside another checkout's code.

The synthetic graph of benchmarks/synthetic_graph.py (written under /tmp) is copied into one
folder per checkout, so that each builds its own store; then, as new processes, each checkout:

- builds the store (`kg.graph.store.refresh`, what `kg build` and the first query run): with
  this code it also counts the compact view (`kg.graph.overview`) into the store's index;
- runs `kg stats GRAPH --format json` and `kg viz GRAPH` on the built store.

Runs are paired and interleaved (this code, then the baseline's, for each round), medians
reported, with CPU time (wait4) beside wall time and the memory peak of the process.
The baseline is a checkout of another branch (default /work/main), run with its own
`kg` package first on the path.

    python benchmarks/overview_scale.py [--baseline /work/main] [--runs 3] [--baseline-runs 1]

Prints figures and ratios; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.centrality_scale import run_measured  # noqa: E402

BUILD = "from pathlib import Path; import sys; from kg.graph.store import refresh; refresh(Path(sys.argv[1]))"


def command(code: Path, what: str, graph: Path) -> list[str]:
    if what == "store":
        return [sys.executable, "-c", BUILD, str(graph)]
    if what == "stats":
        return [sys.executable, "-m", "kg.cli", "stats", str(graph), "--format", "json"]
    return [sys.executable, "-m", "kg.cli", "viz", str(graph), "--out", str(graph.with_name("graph.html"))]


def run(code: Path, what: str, graph: Path, timeout: float) -> dict:
    if what == "store":
        shutil.rmtree(graph.with_suffix(".store"), ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(code)}
    r = run_measured(command(code, what, graph), timeout, cwd=str(code), env=env)
    if "timeout" not in r and r["code"]:
        raise SystemExit(f"{what} with {code} failed: {r['error'][-800:]}")
    return r


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, default=Path("/work/main"))
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--baseline-runs", type=int, default=1, help="runs of the baseline's stats and viz (minutes each)")
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument("--only", nargs="+", default=["store", "stats", "viz"])
    args = ap.parse_args()
    where = Path(f"/tmp/kg-overview-bench/{args.triples}")
    source = where / "kg.ttl"
    if not source.exists():
        where.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synthetic_graph.py"), str(source),
                        "--triples", str(args.triples)], check=True)
    codes = {"this": ROOT, "baseline": args.baseline.resolve()}
    graphs = {}
    for name in codes:
        (where / name).mkdir(exist_ok=True)
        graphs[name] = where / name / "kg.ttl"
        if not graphs[name].exists():
            shutil.copy(source, graphs[name])
    loads = [os.getloadavg()[0]]
    results: dict[tuple[str, str], list[dict]] = {}
    for what in args.only:
        for i in range(args.runs):
            for name in codes:
                if name == "baseline" and what != "store" and i >= args.baseline_runs:
                    continue
                if what != "store" and not graphs[name].with_suffix(".store").exists():
                    run(codes[name], "store", graphs[name], args.timeout)
                results.setdefault((what, name), []).append(run(codes[name], what, graphs[name], args.timeout))
                loads.append(os.getloadavg()[0])
                r = results[(what, name)][-1]
                print(f"  {what:<6} {name:<9} " + (f"{r['wall']:.1f} s wall, {r['cpu']:.1f} s cpu, {r['mb']:.0f} MB"
                                                    if "wall" in r else "over the time limit"), flush=True)
    print(f"{source}: load average {min(loads):.1f} to {max(loads):.1f} over the runs")
    print(f"{'command':<10} {'code':<9} {'runs':>4} {'wall s':>8} {'cpu s':>8} {'MB':>7} {'baseline/this wall':>19} "
          f"{'cpu':>6}")
    for what in args.only:
        medians = {}
        for name in codes:
            rs = [r for r in results.get((what, name), []) if "wall" in r]
            if not rs:
                continue
            medians[name] = {k: statistics.median(r[k] for r in rs) for k in ("wall", "cpu", "mb")}
        for name, m in medians.items():
            ratio = ""
            if name == "this" and "baseline" in medians:
                b = medians["baseline"]
                ratio = f"{b['wall'] / m['wall']:>19.2f} {b['cpu'] / m['cpu']:>6.2f}"
            print(f"{what:<10} {name:<9} {len(results[(what, name)]):>4} {m['wall']:>8.2f} {m['cpu']:>8.2f} "
                  f"{m['mb']:>7.0f} {ratio}")
    page = graphs["this"].with_name("graph.html")
    index = graphs["this"].with_suffix(".store") / "kg-index.sqlite"
    if page.exists():
        print(f"this code's page: {page.stat().st_size / 1e6:.1f} MB; its store's index {index.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
