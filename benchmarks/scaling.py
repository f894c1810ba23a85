"""Scaling of `kg build`: one worker, two local Dask workers and a Dask cluster, on generated corpora.

    python benchmarks/scaling.py                        # 200, 2,000 and 10,000 documents
    python benchmarks/scaling.py --docs 200 --docs 2000 # chosen sizes
    python benchmarks/scaling.py --skip-cluster         # no `dask scheduler` / `dask worker` run

Each build is its own process (`python -m kg.cli build CORPUS --out TMP -q --no-cache --format json`):
  1 worker     the plain serial build
  2 workers    `--workers 2`, a LocalCluster of two processes
  cluster      `--scheduler`, a `dask scheduler` and a `dask worker --nworkers 2` that this script
               starts on 127.0.0.1 (and stops)
For each: words per second, per worker, the peak memory of the client (the kg process, from
wait4) and of each worker process (sampled every 0.2 s), and where the time went: the map
(reading, analysing, extracting) and the reduce (resolving, making the graph, checking and
writing it). Then an incremental rebuild of the 1-worker build's OUT after adding 1% more
documents (with the cache). Last, a projection for a cluster of 32 workers from the measured
per-worker rate and the measured cost of the reduce. Prints figures; asserts nothing.

The corpora are those of benchmarks/memory.py: passages of the sample documents under headers of
their own.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import make_corpus  # noqa: E402

# Dask's own command, from the environment kg runs in
DASK = Path(sys.executable).with_name("dask") if Path(sys.executable).with_name("dask").exists() \
    else Path(shutil.which("dask") or "dask")


class Sampler(threading.Thread):
    """The peak resident memory of each process below some roots, sampled."""

    def __init__(self, roots: list[int]) -> None:
        super().__init__(daemon=True)
        self.roots, self.peaks, self.stop = roots, {}, threading.Event()

    def run(self) -> None:
        import psutil
        while not self.stop.is_set():
            for pid in self.roots:
                try:
                    procs = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
                except psutil.NoSuchProcess:
                    continue
                for p in procs:
                    try:
                        name = " ".join(p.cmdline()[1:4])
                        self.peaks[(p.pid, name)] = max(self.peaks.get((p.pid, name), 0), p.memory_info().rss)
                    except psutil.Error:
                        pass
            time.sleep(0.2)


def worker_peaks(peaks: dict, client_pid: int) -> list[float]:
    """Peaks (MB) of the processes that ran tasks: Dask worker processes, not nannies or schedulers."""
    return sorted((rss / 2**20 for (pid, name), rss in peaks.items()
                   if pid != client_pid and "spawn" in name and "resource_tracker" not in name), reverse=True)


def run_build(corpus: Path, out: Path, flags: list[str], watch: list[int] | None = None,
              cache: bool = False) -> dict:
    cmd = [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "-q", "--format", "json",
           *([] if cache else ["--no-cache"]), *flags]
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=stdout, stderr=stderr, text=True)
        sampler = Sampler([proc.pid, *(watch or [])])
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        sampler.stop.set()
        sampler.join()
        stdout.seek(0)
        stderr.seek(0)
        text = stdout.read()
        if os.waitstatus_to_exitcode(status) not in (0, 1) or not text.strip():
            raise SystemExit(f"{' '.join(cmd)} failed: {stderr.read()[-2000:]}")
    report = json.loads(text)
    report.update(process_seconds=seconds, client_mb=usage.ru_maxrss / 1024,
                  worker_mb=worker_peaks(sampler.peaks, proc.pid))
    return report


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A `dask scheduler` and a `dask worker --nworkers N` on 127.0.0.1."""

    def __init__(self, folder: Path, workers: int) -> None:
        from distributed import Client
        port = free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        common = ["--no-dashboard", "--dashboard-address", "127.0.0.1:0"]
        self.procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), *common],
                                       cwd=folder, start_new_session=True, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)]
        self.procs.append(subprocess.Popen([str(DASK), "worker", self.address, "--host", "127.0.0.1", "--nthreads", "1",
                                            "--nworkers", str(workers), "--local-directory", str(folder), *common],
                                           cwd=folder, start_new_session=True, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL))
        for _ in range(120):
            try:
                with Client(self.address, timeout="2s") as c:
                    c.wait_for_workers(workers, timeout=60)
                return
            except OSError:
                time.sleep(0.5)
        raise SystemExit("the Dask cluster did not start")

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs[1:]]

    def close(self) -> None:
        for p in self.procs:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in self.procs:
            p.wait(timeout=30)


def row(name: str, n: int, r: dict, workers: int) -> str:
    wps = r["words"] / r["process_seconds"]
    peaks = ", ".join(f"{m:.0f}" for m in r["worker_mb"]) or "-"
    return (f"{name:<11}{n:>7}{r['words']:>10}{r['process_seconds']:>9.1f}{wps:>9.0f}{wps / workers:>10.0f}"
            f"{r['map_seconds']:>8.1f}{r['reduce_seconds']:>9.1f}{r['client_mb']:>9.0f}  {peaks}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, action="append", help="corpus sizes (repeatable; default 200, 2000, 10000)")
    ap.add_argument("--skip-cluster", action="store_true", help="leave out the external Dask cluster")
    a = ap.parse_args()
    sizes = a.docs or [200, 2000, 10_000]
    tmp = Path(tempfile.mkdtemp(prefix="kg-scaling-"))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"{'build':<11}{'docs':>7}{'words':>10}{'seconds':>9}{'w/s':>9}{'w/s/wkr':>10}{'map s':>8}"
          f"{'reduce s':>9}{'client MB':>9}  worker peak MB")
    cluster = None
    try:
        if not a.skip_cluster:
            cluster = Cluster(tmp, 2)
        for n in sizes:
            corpus, _ = make_corpus(n, tmp / f"corpus-{n}")
            one = run_build(corpus, tmp / f"out-{n}-1", [], cache=True)
            print(row("1 worker", n, one, 1), flush=True)
            two = run_build(corpus, tmp / f"out-{n}-2", ["--workers", "2"])
            print(row("2 workers", n, two, 2), flush=True)
            if cluster:
                c = run_build(corpus, tmp / f"out-{n}-c", ["--scheduler", cluster.address], watch=cluster.pids)
                print(row("cluster", n, c, 2), flush=True)
            print(f"{'':<11}2 workers / 1 worker: {one['process_seconds'] / two['process_seconds']:.2f}x"
                  + (f"; cluster / 1 worker: {one['process_seconds'] / c['process_seconds']:.2f}x" if cluster else ""))
            # 1% more documents, then a rebuild of the 1-worker OUT with its cache
            more = max(1, n // 100)
            extra, _ = make_corpus(n + more, tmp / f"extra-{n}", seed=1)
            for p in sorted(extra.glob("*.txt"))[n:]:
                shutil.copy(p, corpus / f"added-{p.name}")
            inc = run_build(corpus, tmp / f"out-{n}-1", [], cache=True)
            print(f"{'':<11}rebuild after adding {more} documents (1%): {inc['process_seconds']:.1f} s, "
                  f"{inc['analysed']} analysed, {inc['from_cache']} from the cache "
                  f"({one['process_seconds'] / inc['process_seconds']:.1f}x faster than the clean build)", flush=True)
            per_worker = two["words"] / two["map_seconds"] / 2
            reduce_per_doc = two["reduce_seconds"] / n
            print(f"{'':<11}projection for 32 workers: map {one['words'] / (32 * per_worker):.1f} s at "
                  f"{per_worker:.0f} w/s per worker + reduce {two['reduce_seconds']:.1f} s "
                  f"({reduce_per_doc * 1000:.1f} ms per document) = "
                  f"{one['words'] / (32 * per_worker) + two['reduce_seconds']:.1f} s, "
                  f"{one['words'] / (one['words'] / (32 * per_worker) + two['reduce_seconds']):.0f} w/s", flush=True)
    finally:
        if cluster:
            cluster.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
