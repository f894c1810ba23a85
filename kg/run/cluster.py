"""Builds on Dask: the map of a build (analyse and extract each document) sent to workers.

`--workers N` starts a `distributed.LocalCluster` of N single-threaded worker processes on
127.0.0.1; `--scheduler tcp://HOST:PORT` sends the same tasks to an existing cluster. The
client reads the documents and sends each with its task, so workers need kg and its model,
not the files. Before any task is sent, every worker is asked which kg it runs
(`probe.kg_identity`): a worker without kg, or with another version or other code or
reference data, is named and the build stops.

Short documents go in batches of about `BATCH_CHARS` characters, one task each, so that the
cost of a task (scheduling, sending, receiving) is paid once for many. Results come back in any
order; `map_findings` hands each to the caller as it arrives and keeps at most a window of tasks
in flight, so memory holds a bounded number of documents.
A worker that dies has its tasks retried on the others (the scheduler's
`allowed-failures`); a document that kills workers every time is handed back as failed
with the reason, and the build goes on. Since a worker's death counts against every task it
holds, a document lost that way is tried once more alone, with nothing beside it, before it is
called the one that kills workers. Should every worker be gone and none come back, a local
cluster is scaled back up after `WORKERS_BACK_AFTER` seconds, and a build on another cluster
stops with the reason after `NO_WORKERS_TIMEOUT` seconds, rather than wait for ever.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from ..model import Document

CONNECT_TIMEOUT = 3          # seconds to reach a scheduler
WORKERS_TIMEOUT = 10         # seconds for a scheduler's first worker to be there
ALLOWED_FAILURES = 2         # times a document may take a worker down with it before it is skipped
BATCH_CHARS = 20_000        # text sent to a worker in one task (short documents go together)
NO_WORKERS_TIMEOUT = 60     # seconds a build waits with no worker left before it stops
WORKERS_BACK_AFTER = 5      # seconds without a worker before a local cluster is scaled back up


class ClusterError(Exception):
    """A cluster that cannot be used: unreachable, without workers, or with workers of another kg."""


def check_address(address: str) -> None:
    """Raise ClusterError unless `address` is a scheduler's address Dask can connect to."""
    from distributed.comm import parse_address
    from distributed.comm.addressing import parse_host_port
    from distributed.comm.registry import backends
    try:
        scheme, location = parse_address(address, strict=True)
        parse_host_port(location)
        if scheme not in backends:
            raise ValueError(f"unknown scheme {scheme!r}, not one of {', '.join(sorted(backends))}")
    except ValueError as e:
        raise ClusterError(f"{address!r} is not the address of a Dask scheduler (tcp://HOST:PORT): {e}") from None


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator:
    """A Dask client on a new local cluster of `workers` processes, or on the scheduler at
    `scheduler`. Whatever happens inside, the local cluster is shut down on leaving."""
    import dask
    from distributed import Client, LocalCluster

    cluster = None
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                          "distributed.worker.daemon": False,
                          "distributed.admin.system-monitor.gil.enabled": False}):
        try:
            if scheduler:
                check_address(scheduler)
                try:
                    client = Client(scheduler, timeout=f"{CONNECT_TIMEOUT}s", set_as_default=False)
                except (OSError, TimeoutError, ValueError) as e:
                    raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: "
                                       f"{' '.join(str(e).split()) or type(e).__name__}") from None
            else:
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None,
                                       # the scheduler's HTTP routes on a free port of loopback
                                       scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
                                       silence_logs=logging.CRITICAL)
                client = Client(cluster, set_as_default=False)
            try:
                if scheduler:
                    try:
                        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
                    except (TimeoutError, OSError):
                        raise ClusterError(f"no Dask worker joined the scheduler at {scheduler} "
                                           f"within {WORKERS_TIMEOUT} s") from None
                yield client
            finally:
                client.close()
        finally:
            if cluster is not None:
                cluster.close()


def check_workers(client) -> int:
    """Ask every worker which kg it runs; raise ClusterError naming any that cannot build
    what this process would. Returns the number of workers."""
    import cloudpickle

    from . import probe
    from ..model.version import VERSION as __version__
    from .pipeline import fingerprint

    cloudpickle.register_pickle_by_value(probe)
    try:
        answers = client.run(probe.kg_identity, on_error="return")
    finally:
        cloudpickle.unregister_pickle_by_value(probe)
    mine = fingerprint()
    for address, a in sorted(answers.items()):
        if isinstance(a, BaseException):
            raise ClusterError(f"the Dask worker at {address} cannot run kg: {type(a).__name__}: {a}")
        if "error" in a:
            raise ClusterError(f"the Dask worker at {address} cannot import kg ({a['error']}): "
                               f"install kg {__version__} on it")
        if a["version"] != __version__:
            raise ClusterError(f"the Dask worker at {address} runs kg {a['version']}, this is kg {__version__}: "
                               f"install the same version on every worker")
        if a["fingerprint"] != mine:
            raise ClusterError(f"the Dask worker at {address} runs kg {a['version']} with other code, "
                               f"reference data or spaCy model (fingerprint {a['fingerprint'][:12]}, "
                               f"here {mine[:12]}): install the same kg on every worker")
    if not answers:
        raise ClusterError("the Dask cluster has no worker")
    return len(answers)


def _given(value):
    return value


def find_batch(docs: list[Document], extractors: list | None = None) -> list:
    """The findings of several documents, in their order: one task for many short documents,
    so that the scheduler's and the workers' cost per task is paid once for them all."""
    from .pipeline import find
    return [find(doc, extractors) for doc in docs]


def batches(docs: Iterable[tuple[str, Document]], chars: int = BATCH_CHARS) -> Iterator[list[tuple[str, Document]]]:
    """The (key, document) pairs in runs of about `chars` characters of text; a longer document
    is a run of its own."""
    run: list[tuple[str, Document]] = []
    size = 0
    for key, doc in docs:
        if run and size + len(doc.text) > chars:
            yield run
            run, size = [], 0
        run.append((key, doc))
        size += len(doc.text)
    if run:
        yield run


def map_findings(client, docs: Iterable[tuple[str, Document]], extractors: list | None,
                 on_found: Callable[[str, Document, object], None],
                 on_failed: Callable[[str, Document, str], None], window: int | None = None) -> None:
    """Send the (key, document) pairs to the workers, in batches, and hand back each
    document's findings as its batch arrives.

    At most `window` batches are in flight (default: three per worker). A batch whose task
    killed workers more than the allowed times is sent again one document per task, so that
    only a document whose own task kills workers goes to `on_failed`, with the reason; any other
    error of a task is raised here, as it would be in a serial build."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    window = window or max(4, 3 * len(client.scheduler_info(n_workers=-1)["workers"]))
    # extractors given are sent once, as a task's result rather than scattered data, so that the
    # scheduler can make them again on a new worker when the workers holding them die
    shipped = client.submit(_given, extractors, pure=False) if extractors is not None else None
    waiting: dict = {}
    done = as_completed(loop=client.loop)
    # documents whose task was lost with workers while other tasks ran beside it: a worker's
    # death counts against every task it holds, so the one that killed it is told from the
    # others only when each is tried again alone, once nothing else is in flight
    suspects: list[tuple[str, Document]] = []

    def submit(run: list[tuple[str, Document]], alone: bool = False):
        key = f"kg-find-{run[0][0]}" + (f"-and-{len(run) - 1}" if len(run) > 1 else "") + ("-alone" if alone else "")
        fut = client.submit(find_batch, [doc for _, doc in run], shipped, key=key, pure=False)
        waiting[fut] = (run, alone)
        if not alone:
            done.add(fut)
        return fut

    wanted = len(client.scheduler_info(n_workers=-1)["workers"])
    lost_since: list[float] = []   # when the cluster was last seen without any worker

    def watch() -> None:
        """With no worker left (each killed, none brought back), scale a local cluster back up,
        or stop a build on another cluster after NO_WORKERS_TIMEOUT s, rather than wait forever."""
        import time
        if client.scheduler_info(n_workers=-1)["workers"]:
            lost_since.clear()
            return
        now = time.monotonic()
        if not lost_since:
            lost_since.append(now)
        cluster = getattr(client, "cluster", None)
        if cluster is not None and now - lost_since[0] >= WORKERS_BACK_AFTER:
            cluster.scale(wanted)
            lost_since[0] = now
        elif cluster is None and now - lost_since[0] >= NO_WORKERS_TIMEOUT:
            raise ClusterError(f"the Dask cluster has had no worker for {NO_WORKERS_TIMEOUT} s")

    def ready(fut=None):
        """The next future of `done` to complete (or `fut`, once it has), watching the workers."""
        import time
        tick = 0
        while not (fut.done() if fut is not None else done.has_ready()):
            time.sleep(0.05)
            tick += 1
            if tick % 40 == 0:
                watch()
        return fut if fut is not None else next(done)

    def collect(fut) -> None:
        run, alone = waiting.pop(fut)
        try:
            found = fut.result()
        except KilledWorker:
            if len(run) > 1:
                for one in run:
                    submit([one])
            elif not alone:
                suspects.append(run[0])
            else:
                on_failed(*run[0], f"it stopped the Dask worker analysing it {ALLOWED_FAILURES + 1} times")
        else:
            for (key, doc), f in zip(run, found):
                on_found(key, doc, f)
        fut.release()

    try:
        for run in batches(docs):
            submit(run)
            while len(waiting) >= window:
                collect(ready())
        while not done.is_empty():
            collect(ready())
        for one in suspects:   # each awaited on its own: nothing else is in flight beside it
            collect(ready(submit([one], alone=True)))
    except BaseException:
        # interrupted (Ctrl-C) or failed: the futures are let go while the client is open, so
        # that none is released later, at exit, on a client already closed (a traceback there)
        done.clear()
        for fut in [*waiting, *([shipped] if shipped is not None else [])]:
            fut.cancel()
            fut.release()
        waiting.clear()
        raise
