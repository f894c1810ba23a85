"""Centralities of the actor network of a million triples: NetworkX beside igraph and rustworkx.

The actor network is the one `kg stats` ranks (actors linked by the agreements they share and
the pledges they make together, `kg.see.overview.actor_network`), read from the compact view of
a store (the synthetic graph of benchmarks/synthetic_graph.py, written and loaded under /tmp
when no store is given). Each figure is its own process, so that its memory peak (wait4's
ru_maxrss) is its own: building the library's graph from the arrays, then one algorithm.

- PageRank (weighted);
- betweenness, 1/weight as the length of a link, from k sources drawn with a fixed seed
  (NetworkX's `k=`, igraph's `sources=`), and exact: NetworkX's exact figure is extrapolated
  from its time per source (it is hours), igraph's measured;
- rustworkx's betweenness is unweighted only (its exact figure, on every thread);
- Louvain (NetworkX's, igraph's multilevel).

    python benchmarks/centrality_scale.py [--store /tmp/kg-synthetic/kg.store] [--k 8 20 64]

Prints figures and ratios; asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def network(store: Path):
    from kg.graph.store import _open_read_only, sources_for
    from kg.see.overview import Overview, actor_network
    turtle = store.with_suffix(".ttl")
    return actor_network(Overview.of_store(_open_read_only(store, sources_for(turtle))))


def one(method: str, store: Path, k: int) -> dict:
    """Run one measurement in this process; the seconds of the algorithm alone."""
    net = network(store)
    n, w = net.number_of_nodes(), net.weight.astype(float)
    a, b = net.source.tolist(), net.target.tolist()
    t0 = time.perf_counter()
    if method.startswith("networkx"):
        import networkx as nx
        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_edges_from((x, y, {"weight": ww, "distance": 1.0 / ww}) for x, y, ww in zip(a, b, w.tolist()))
        t1 = time.perf_counter()
        if method == "networkx-pagerank":
            nx.pagerank(g, weight="weight")
        elif method == "networkx-betweenness":
            nx.betweenness_centrality(g, k=k, seed=0, weight="distance")
        elif method == "networkx-louvain":
            nx.community.louvain_communities(g, weight="weight", seed=0)
    elif method.startswith("igraph"):
        g = net.graph()
        t1 = time.perf_counter()
        if method == "igraph-pagerank":
            g.pagerank(weights=w.tolist(), directed=False)
        elif method == "igraph-betweenness":
            g.betweenness(weights=(1.0 / w).tolist(), directed=False,
                          sources=random.Random(0).sample(range(n), k) if k else None)
        elif method == "igraph-louvain":
            g.community_multilevel(weights=w.tolist())
    elif method.startswith("rustworkx"):
        import rustworkx as rx
        g = rx.PyGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from(list(zip(a, b, w.tolist())))
        t1 = time.perf_counter()
        if method == "rustworkx-betweenness":
            rx.betweenness_centrality(g)
    else:
        raise SystemExit(f"no method {method}")
    return {"build": t1 - t0, "algorithm": time.perf_counter() - t1, "nodes": n, "links": len(a)}


def run_measured(cmd: list[str], timeout: float, **popen) -> dict:
    """Run `cmd` as its own process: its output, wall and CPU seconds, memory peak (wait4's
    ru_maxrss, the process alone) and exit status; None for the figures past `timeout`."""
    import tempfile
    import threading
    with tempfile.TemporaryFile(mode="w+") as out, tempfile.TemporaryFile(mode="w+") as err:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, text=True, **popen)
        timer = threading.Timer(timeout, p.kill)
        timer.start()
        _, status, usage = os.wait4(p.pid, 0)
        timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t
        out.seek(0)
        err.seek(0)
        text, error = out.read(), err.read()
    if wall >= timeout:
        return {"timeout": timeout, "output": text, "code": p.returncode}
    return {"output": text, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "mb": usage.ru_maxrss / 1024,
            "code": p.returncode, "error": error}


def measure(method: str, store: Path, k: int, timeout: float) -> dict:
    """One measurement as its own process: its figures, CPU time and memory peak."""
    r = run_measured([sys.executable, __file__, "--one", method, "--store", str(store), "--k", str(k)], timeout)
    if "timeout" in r:
        return r
    if r["code"]:
        raise SystemExit(f"{method} failed: {r['error'][-500:]}")
    return {**json.loads(r["output"].strip().splitlines()[-1]), **r}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, default=Path("/tmp/kg-synthetic/kg.store"))
    ap.add_argument("--k", type=int, nargs="+", default=[8, 20, 64], help="betweenness sources to time")
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument("--one", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.store, args.k[0])))
        return
    if not args.store.exists():
        ttl = args.store.with_suffix(".ttl")
        ttl.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synthetic_graph.py"), str(ttl)], check=True)
        from kg.graph.store import refresh
        refresh(ttl)
    print(f"load average {os.getloadavg()[0]:.1f}")
    runs = [("networkx-pagerank", 0), ("igraph-pagerank", 0), ("networkx-louvain", 0), ("igraph-louvain", 0)]
    runs += [(m, k) for k in args.k for m in ("networkx-betweenness", "igraph-betweenness")]
    runs += [("igraph-betweenness", 0), ("rustworkx-betweenness", 0)]
    print(f"{'measure':<24} {'k':>5} {'graph s':>8} {'algorithm s':>12} {'wall s':>7} {'cpu s':>7} {'MB':>6}")
    per_source = {}
    nodes = 0
    for method, k in runs:
        r = measure(method, args.store, k, args.timeout)
        if "timeout" in r:
            print(f"{method:<24} {k or 'all':>5}  over {args.timeout:.0f} s")
            continue
        nodes = r["nodes"]
        if k:
            per_source.setdefault(method, []).append(r["algorithm"] / k)
        print(f"{method:<24} {k or 'all':>5} {r['build']:>8.2f} {r['algorithm']:>12.2f} {r['wall']:>7.2f} "
              f"{r['cpu']:>7.2f} {r['mb']:>6.0f}", flush=True)
    for method, s in per_source.items():
        each = sorted(s)[len(s) // 2]
        print(f"{method}: {each:.3f} s per source (median), so {each * nodes:.0f} s for all {nodes} (exact)")
    if len(per_source) == 2:
        nx_s, ig_s = (sorted(per_source[m])[len(per_source[m]) // 2] for m in ("networkx-betweenness",
                                                                               "igraph-betweenness"))
        print(f"networkx / igraph per source: {nx_s / ig_s:.0f}x")


if __name__ == "__main__":
    main()
