"""Builds on Dask: the same bytes serially, with two local workers and on a real cluster of a
`dask scheduler` and a `dask worker` started here on 127.0.0.1; and what goes wrong with
clusters: bad options, an unreachable scheduler, workers without kg or with another kg, a
worker that dies, a document that kills workers every time, Ctrl-C."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

from .conftest import EXPORTS, ROOT, SEEDS, free_port, generated_corpus

# Dask's own command, from the environment kg runs in
DASK = Path(sys.executable).with_name("dask") if Path(sys.executable).with_name("dask").exists() \
    else Path(shutil.which("dask") or "dask")


@contextmanager
def dask_cluster(tmp: Path, preload: str | None = None, workers: int = 1):
    """A real `dask scheduler` and `dask worker` on 127.0.0.1, stopped and reaped on leaving."""
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    tmp.mkdir(parents=True, exist_ok=True)
    procs = []
    try:
        procs.append(subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                       "--no-dashboard", "--dashboard-address", "127.0.0.1:0"], cwd=tmp, start_new_session=True,
                                      stdout=subprocess.DEVNULL, stderr=open(tmp / "scheduler.log", "w")))
        args = [str(DASK), "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--nworkers",
                str(workers), "--no-dashboard", "--dashboard-address", "127.0.0.1:0", "--local-directory", str(tmp)]
        if preload:
            script = tmp / "preload.py"
            script.write_text(preload)
            args += ["--preload", str(script)]
        procs.append(subprocess.Popen(args, cwd=tmp, start_new_session=True, stdout=subprocess.DEVNULL,
                                      stderr=open(tmp / "worker.log", "w")))
        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(address, timeout="2s") as c:
                    c.wait_for_workers(workers, timeout=60)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address
    finally:
        for p in reversed(procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with dask_cluster(tmp_path_factory.mktemp("dask")) as address:
        yield address


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return generated_corpus(tmp_path_factory.mktemp("generated") / "docs", 60)


def kg_build(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, ["build", *args])
    return r.exit_code, r.stdout, r.stderr


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
def test_serial_two_workers_and_a_cluster_give_the_same_bytes(corpus, tmp_path, cluster, generated):
    source = SEEDS if corpus == "seeds" else generated
    ttl = {}
    for how, flags in (("serial", []), ("workers", ["--workers", "2"]), ("cluster", ["--scheduler", cluster])):
        code, out, err = kg_build(str(source), "--out", str(tmp_path / how), "-q", "--no-cache", "-v", *flags)
        assert code == 0, err
        assert "analysed" in out
        ttl[how] = (tmp_path / how / "kg.ttl").read_bytes()
    assert ttl["serial"] == ttl["workers"] == ttl["cluster"]
    if corpus == "seeds":
        assert ttl["serial"] == (EXPORTS / "kg.ttl").read_bytes()
    else:
        assert ttl["serial"].count(b"a kgo:Document") == 60


@pytest.mark.parametrize("flags, message", [
    (["--workers", "0"], "--workers must be 1 or more, not 0"),
    (["--workers", "-3"], "--workers must be 1 or more, not -3"),
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "--workers and --scheduler do not go together"),
])
def test_bad_worker_options_are_one_line_and_exit_2(flags, message, tmp_path):
    code, out, err = kg_build(str(SEEDS), "--out", str(tmp_path / "out"), *flags)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {message}")
    assert not (tmp_path / "out").exists()


def test_a_scheduler_that_cannot_be_reached_is_one_line_within_10_s_and_out_is_untouched(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "kg.ttl").write_text("# the previous build\n")
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEEDS), "--out", str(out), "-q",
                        "--scheduler", f"tcp://127.0.0.1:{free_port()}"], cwd=ROOT, capture_output=True, text=True)
    assert time.monotonic() - t0 < 10  # the whole process
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["kg.ttl"]
    assert (out / "kg.ttl").read_text() == "# the previous build\n"


@pytest.mark.parametrize("address", ["127.0.0.1:8786", "tcp://127.0.0.1:port", "http://127.0.0.1:8786"])
def test_an_address_that_is_not_a_schedulers_is_one_line_and_exit_2(address, tmp_path):
    code, _, err = kg_build(str(SEEDS), "--out", str(tmp_path / "out"), "-q", "--scheduler", address)
    assert code == 2
    assert err.strip().splitlines() == [err.strip()]
    assert f"Error: {address!r} is not the address of a Dask scheduler (tcp://HOST:PORT)" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("preload, said", [
    ("import sys\nsys.modules['kg'] = None  # this worker's Python has no kg\n", "cannot import kg"),
    ("import kg.model.version\nkg.model.version.VERSION = '0.0.1'  # an older kg\n", "runs kg 0.0.1, this is kg"),
    ("import kg.run.pipeline as p\np.fingerprint.cache_clear()\np.FINDING_STAGES = ('model',)\n",
     "with other code, reference data or spaCy model"),
])
def test_workers_without_kg_or_with_another_kg_are_named_before_any_work(preload, said, tmp_path):
    out = tmp_path / "out"
    with dask_cluster(tmp_path / "dask", preload=preload) as address:
        code, _, err = kg_build(str(SEEDS), "--out", str(out), "-q", "--scheduler", address)
        logs = (tmp_path / "dask" / "worker.log").read_text()
    assert code == 2, err
    assert said in err and "the Dask worker at tcp://127.0.0.1:" in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()
    assert "kg-find-" not in logs  # no task was sent


class KillWorker:
    """A fault: the process analysing a document holding `word` dies (every time, or once)."""
    name = "kill-worker"

    def __init__(self, word: str, once: Path | None = None) -> None:
        self.word, self.once = word, once

    def __call__(self, doc, found) -> None:
        if self.word in doc.text and (self.once is None or not self.once.exists()):
            if self.once is not None:
                self.once.touch()
            os._exit(1)


def with_fault(fault) -> list:
    import cloudpickle
    from kg.build import default_extractors
    from kg.language.lexicon import load_lexicon
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    return [*default_extractors(load_lexicon()), fault]


def victim() -> tuple[str, str]:
    """A sample document and a word only it has."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    for name, text in texts.items():
        for word in text.split():
            if len(word) > 8 and word.isalpha() and not any(word in t for n, t in texts.items() if n != name):
                return name, word
    raise AssertionError("no word of one document only")


def test_a_worker_that_dies_has_its_document_retried(tmp_path):
    from kg.build import build
    from kg.graph.rdf import serialize
    _, word = victim()
    marker = tmp_path / "died-once"
    result = build(SEEDS, workers=2, extractors=with_fault(KillWorker(word, once=marker)))
    assert marker.exists()  # a worker did die
    assert result.skipped == []
    assert serialize(result.graph) == (EXPORTS / "kg.ttl").read_bytes()


def test_a_document_that_kills_workers_every_time_is_skipped_and_the_build_finishes(tmp_path):
    from kg.build import build
    name, word = victim()
    result = build(SEEDS, workers=2, extractors=with_fault(KillWorker(word)))
    assert [(p.name, r) for p, r in result.skipped] == [
        (name, "it stopped the Dask worker analysing it 3 times")]
    assert sorted(d.name for d in result.documents) == sorted(p.name for p in SEEDS.glob("*.txt") if p.name != name)
    assert len(result.graph) > 1000


def test_among_short_documents_sent_together_only_the_one_that_kills_workers_is_skipped(tmp_path, generated):
    """Short documents go to the workers in batches: a batch that kills its workers is sent again
    one document per task, so the others of its batch are still built."""
    from kg.build import build
    from kg.run.cluster import BATCH_CHARS
    docs = tmp_path / "docs"
    shutil.copytree(generated, docs)
    texts = sorted(docs.rglob("*.txt"))
    assert sum(len(t.read_text(encoding="utf-8")) for t in texts) > 2 * BATCH_CHARS  # several batches
    victim = texts[len(texts) // 2]
    assert len(victim.read_text(encoding="utf-8")) < BATCH_CHARS / 4  # one of a batch
    victim.write_text(victim.read_text(encoding="utf-8") + "\nThe Quuxfrobnicate Accord was noted.\n",
                      encoding="utf-8")
    result = build(docs, workers=2, extractors=with_fault(KillWorker("Quuxfrobnicate")))
    assert [(p.name, r) for p, r in result.skipped] == [
        (victim.name, "it stopped the Dask worker analysing it 3 times")]
    assert len(result.documents) == len(texts) - 1


def test_ctrl_c_during_a_distributed_build_stops_the_cluster_and_leaves_out_as_it_was(tmp_path, generated):
    import psutil
    out = tmp_path / "out"
    out.mkdir()
    (out / "kg.ttl").write_text("# the previous build\n")
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(generated), "--out", str(out),
                             "--workers", "2"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    me = psutil.Process(proc.pid)
    deadline = time.monotonic() + 90
    line = ""
    while "[20]" not in line:  # the workers are analysing
        line = proc.stderr.readline()
        assert line and time.monotonic() < deadline, "the build did not get going"
    children = me.children(recursive=True)
    assert len(children) >= 2
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "Traceback" not in err
    gone, alive = psutil.wait_procs(children, timeout=30)
    assert not alive, [p.cmdline() for p in alive]
    assert sorted(p.name for p in out.iterdir()) == ["kg.ttl"]
    assert (out / "kg.ttl").read_text() == "# the previous build\n"
