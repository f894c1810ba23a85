"""Faults injected for real: builds killed with kill -9, builds and queries at once, damaged
stores, read-only, full and unwritable disks, hostile names and documents.

docs/reliability.md says what kg promises under each and points here. To add a case: a
test that starts kg as a user would (`kg(...)`, a process of its own where a process is
what fails) and checks what is left on disk and what was said. Builds here read one short
document and every loop is bounded, so that the whole file runs in about two minutes.

Disks: where the tests run as root, a full disk is a 1 MB tmpfs and a read-only one a
read-only tmpfs, mounted here and unmounted after; a folder nobody may write in is tried
as the user `nobody`. Where that cannot be done, the same code path is driven by the
error the system would give (OSError with its errno), raised where the system raises it.
"""
from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.ask.output import clean, csv_text, json_text, spreadsheet_cell, table
from kg.cli import main
from kg.graph.lock import LockBusy, WriterLock, holder_of
from kg.graph.prefixes import prefixes_of
from kg.graph.store import is_current, open_graph, refresh, sources_for, store_path

from .conftest import EXPORTS, GOLD, ROOT, SEEDS

KGA = "https://w3id.org/kg/id/actor/"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
TIMEOUT = 120  # seconds any one kg process may take here before the test fails


# ------------------------------------------------------------------ helpers

def kg(*args: str, timeout: float = TIMEOUT, **kwargs) -> subprocess.CompletedProcess:
    """`kg ARGS` in a process of its own, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, **kwargs)


def start_kg(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)


def one_document(folder: Path, seed: int = 0, chars: int = 1500) -> Path:
    """A folder holding the opening of one of the sample documents: a real text that builds in seconds."""
    folder.mkdir(parents=True, exist_ok=True)
    src = sorted(SEEDS.glob("*.txt"))[seed]
    text = src.read_text(encoding="utf-8")[:chars]
    (folder / src.name).write_text(text[: text.rfind("\n") + 1], encoding="utf-8")
    return folder


def in_process_build(source: Path, out: Path) -> tuple[bytes, bytes]:
    r = CliRunner().invoke(main, ["build", str(source), "--out", str(out), "-q"])
    assert r.exit_code == 0, r.output
    return (out / "kg.ttl").read_bytes(), (out / "graph.html").read_bytes()


def one_line_error(r, exit_code: int = 2) -> str:
    """The error a failed command gave: one line, no traceback."""
    assert r.returncode == exit_code, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), r.stderr
    return lines[0]


def count(ttl: Path) -> int:
    r = kg("query", COUNT, "--data", ttl, "--format", "json")
    assert r.returncode == 0, r.stderr
    return int(json.loads(r.stdout)["results"]["bindings"][0]["n"]["value"])


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".tmp-"))


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict:
    """Two one-document corpora and their exports (kg.ttl, graph.html), built once."""
    root = tmp_path_factory.mktemp("builds")
    a, b = one_document(root / "a", 0), one_document(root / "b", 1)
    return {"a": a, "b": b, "A": in_process_build(a, root / "outA"), "B": in_process_build(b, root / "outB")}


def mount_tmpfs(where: Path, size: str = "4m") -> bool:
    """A small tmpfs at `where` (root only); False where the machine does not allow it."""
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    return r.returncode == 0


def unmount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB disk of its own (tmpfs: room for one small export), or None where none can be mounted."""
    where = tmp_path / "disk"
    if not mount_tmpfs(where):
        yield None
        return
    try:
        yield where
    finally:
        unmount(where)


def fill(disk: Path, leave: int = 0) -> None:
    """Fill `disk` but for about `leave` bytes."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with open(disk / "filler", "wb") as f:
        try:
            f.write(b"\0" * max(free - leave, 0))
        except OSError as e:
            assert e.errno == errno.ENOSPC


# ------------------------------------------------------------------ locks

HOLD = ("import sys, time\nfrom kg.graph.lock import WriterLock\n"
        "WriterLock(sys.argv[1]).acquire()\nprint('held', flush=True)\ntime.sleep(60)\n")


def hold_lock(path: Path) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert p.stdout.readline().strip() == "held"
    return p


def test_a_lock_names_its_holder_and_is_taken_over_when_the_holder_is_killed(tmp_path):
    path = tmp_path / ".kg-build.lock"
    holder = hold_lock(path)
    try:
        with pytest.raises(LockBusy) as busy:
            WriterLock(path).acquire(wait=0.2)
        assert busy.value.holder == holder.pid
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert holder_of(path) == holder.pid  # the dead holder's id is still written: the lock is stale
    with WriterLock(path).acquire():
        assert holder_of(path) == os.getpid()


def test_a_second_build_into_the_same_out_is_refused_at_once(tmp_path, builds):
    out = tmp_path / "out"
    out.mkdir()
    holder = hold_lock(out / ".kg-build.lock")  # a build under way, as far as OUT can tell
    try:
        r = kg("build", builds["a"], "--out", out)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    line = one_line_error(r)
    assert f"another kg build (process {holder.pid}) is writing into {out}" in line
    assert "[1]" not in r.stderr  # refused before reading anything
    assert not (out / "kg.ttl").exists()
    assert kg("build", builds["a"], "--out", out, "-q").returncode == 0  # the killed holder's lock is taken over


def test_two_builds_at_once_never_leave_a_mix(tmp_path, builds):
    out = tmp_path / "out"
    exports = {builds["A"], builds["B"]}
    for _ in range(3):
        procs = [start_kg("build", builds[x], "--out", out, "-q") for x in ("a", "b")]
        results = [(p.communicate(timeout=TIMEOUT)[1], p.returncode)[::-1] for p in procs]
        assert any(code == 0 for code, _ in results), results
        for code, err in results:
            assert code == 0 or (code == 2 and "another kg build" in err and "Traceback" not in err), err
        assert ((out / "kg.ttl").read_bytes(), (out / "graph.html").read_bytes()) in exports
        assert leftovers(out) == []


# ------------------------------------------------------------------ builds killed with kill -9

def test_a_build_killed_at_any_point_leaves_the_previous_export_whole(tmp_path, builds):
    out = tmp_path / "out"
    t0 = time.monotonic()
    assert kg("build", builds["a"], "--out", out, "-q").returncode == 0
    took = time.monotonic() - t0
    exports = {builds["A"], builds["B"]}
    rng = random.Random(17)
    for _ in range(4):  # killed while loading, reading, writing or rebuilding the store
        p = start_kg("build", builds["b"], "--out", out, "-q")
        time.sleep(rng.uniform(0.3, 1.05) * took)
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=TIMEOUT)
        pair = ((out / "kg.ttl").read_bytes(), (out / "graph.html").read_bytes())
        assert pair in exports  # the one export or the other, whole and never mixed
        assert count(out / "kg.ttl") > 0  # and its store answers, rebuilt where the kill left it behind
    r = kg("build", builds["b"], "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    assert ((out / "kg.ttl").read_bytes(), (out / "graph.html").read_bytes()) == builds["B"]
    assert leftovers(out) == []


def test_what_a_build_killed_while_writing_leaves_goes_with_the_next_build(tmp_path, builds):
    """A build killed while it wrote the graph's sorted parts or the page's overview store leaves
    them in OUT (a kill cannot be caught); the next build into OUT removes them."""
    out = tmp_path / "out"
    out.mkdir()
    left = [out / ".kg-part-x1.nt", out / ".kg-graph-x2.nt"]
    for f in left:
        f.write_text("<a> <b> <c> .\n")
    store = out / ".tmp-overview-x3"
    store.mkdir()
    (store / "000012.sst").write_bytes(b"\0" * 64)
    mine = out / "my-notes.nt"   # a file of the user's is not the build's to remove
    mine.write_text("kept\n")
    r = kg("build", builds["a"], "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    assert not any(f.exists() for f in left) and not store.exists()
    assert mine.read_text() == "kept\n" and leftovers(out) == []


def test_a_store_rebuild_killed_halfway_leaves_nothing_behind_after_the_next_query(tmp_path, sample):
    ttl = tmp_path / "kg.ttl"
    ttl.write_bytes(sample.read_bytes())
    expected = count(ttl)
    killed = 0
    for _ in range(3):
        os.utime(ttl)  # the graph changed: the next reader rebuilds the store
        p = subprocess.Popen([sys.executable, "-c", "import sys; from kg.graph.store import refresh; "
                              "refresh(sys.argv[1])", str(ttl)], cwd=ROOT)
        deadline = time.monotonic() + 30
        while not leftovers(tmp_path) and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        p.send_signal(signal.SIGKILL)
        p.wait()
        killed += bool(leftovers(tmp_path))
        assert count(ttl) == expected
        assert leftovers(tmp_path) == []
    assert killed, "no rebuild was caught halfway"


# ------------------------------------------------------------------ the store: concurrent, damaged

def test_what_a_rebuild_killed_after_its_swap_leaves_goes_at_the_next_query(tmp_path, sample):
    ttl = tmp_path / "kg.ttl"
    ttl.write_bytes(sample.read_bytes())
    expected = count(ttl)
    old = tmp_path / ".tmp-kg.store-old-x1y2z3"  # the old store, moved aside, not yet removed
    old.mkdir()
    (old / "store").mkdir()
    (old / "store" / "000001.sst").write_bytes(b"\0" * 4096)
    assert count(ttl) == expected
    assert leftovers(tmp_path) == []


def test_a_process_that_holds_a_store_open_can_rebuild_it(tmp_path, sample):
    ttl = tmp_path / "kg.ttl"
    ttl.write_bytes(sample.read_bytes())
    first = open_graph(ttl)
    os.utime(ttl, ns=(10**18, 10**18))
    second = open_graph(ttl)  # rebuilt and swapped in: a process never waits for its own reader
    assert is_current(store_path(ttl), sources_for(ttl))
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert list(second.store.query(query))[0][0].value == list(open_graph(ttl).store.query(query))[0][0].value
    del first


def test_queries_and_rebuilds_at_once_always_answer(tmp_path, sample):
    ttl = tmp_path / "kg.ttl"
    ttl.write_bytes(sample.read_bytes())
    expected = count(ttl)
    for _ in range(20):
        os.utime(ttl)  # the graph changed: every one of them wants to rebuild the store
        procs = [start_kg("query", COUNT, "--data", ttl, "--format", "csv") for _ in range(3)]
        procs.append(subprocess.Popen([sys.executable, "-c", "import sys; from kg.graph.store import refresh; "
                                       "refresh(sys.argv[1])", str(ttl)], stderr=subprocess.PIPE, text=True,
                                      cwd=ROOT))
        for p in procs:
            out, err = p.communicate(timeout=TIMEOUT)
            assert p.returncode == 0, err
            assert "Traceback" not in err and "Corruption" not in err, err
            if out:
                assert out.split() == ["n", str(expected)]
    assert leftovers(tmp_path) == []


def test_a_reader_is_never_pulled_from_under_by_a_rebuild(tmp_path, sample):
    ttl = tmp_path / "kg.ttl"
    ttl.write_bytes(sample.read_bytes())
    expected = count(ttl)
    reader = subprocess.Popen([sys.executable, "-c",
                               "import sys, time\nfrom kg.graph.store import open_graph\n"
                               f"g = open_graph(sys.argv[1])\nprint('open', flush=True)\ntime.sleep(1.5)\n"
                               f"print(list(g.store.query({COUNT!r}))[0][0].value)\n", str(ttl)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert reader.stdout.readline().strip() == "open"
    refresh(ttl)  # waits for the reader to let the old store go, then swaps the new one in
    out, err = reader.communicate(timeout=TIMEOUT)
    assert reader.returncode == 0, err
    assert out.split() == [str(expected)]


def _truncate(store: Path) -> None:
    for f in store.glob("*.sst"):
        os.truncate(f, f.stat().st_size // 2)


def _scramble(store: Path) -> None:
    for f in store.glob("*.sst"):
        data = bytearray(f.read_bytes())
        for i in range(64, len(data) - 64, 61):
            data[i] ^= 0xFF
        f.write_bytes(bytes(data))


def _no_current(store: Path) -> None:
    (store / "CURRENT").unlink()


def _foreign(store: Path) -> None:
    import shutil
    shutil.rmtree(store)
    store.mkdir()
    (store / "notes.txt").write_text("not a store\n")


def _a_file(store: Path) -> None:
    import shutil
    shutil.rmtree(store)
    store.write_text("not a store\n")


@pytest.mark.parametrize("damage,said", [(_truncate, "was damaged"), (_scramble, "was damaged"),
                                         (_no_current, "was damaged"), (_foreign, "held no store"),
                                         (_a_file, "held no store")])
def test_a_damaged_or_foreign_store_is_rebuilt_with_one_line(tmp_path, sample, damage, said):
    ttl = tmp_path / "kg.ttl"
    ttl.write_bytes(sample.read_bytes())
    expected = count(ttl)
    damage(store_path(ttl))
    r = kg("query", COUNT, "--data", ttl, "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["n", str(expected)]
    assert len(r.stderr.strip().splitlines()) == 1 and said in r.stderr and "rebuilt" in r.stderr, r.stderr
    again = kg("query", COUNT, "--data", ttl, "--format", "csv")
    assert again.stderr == "" and again.stdout == r.stdout  # healed: said once


# ------------------------------------------------------------------ disks: full, read-only, unwritable

def test_a_full_disk_is_one_line_before_any_analysis(small_disk, builds, tmp_path, monkeypatch):
    if small_disk is not None:
        out = small_disk / "out"
        out.mkdir()
        fill(small_disk)
        r = kg("build", builds["a"], "--out", out)
        line, said = one_line_error(r), r.stderr
    else:  # the same path, driven by what the disk says of itself when it is full
        out = tmp_path / "out"
        real = os.statvfs
        monkeypatch.setattr("kg.graph.files.os.statvfs",
                            lambda p: os.statvfs_result((*real(p)[:4], 0, *real(p)[5:])))
        r = CliRunner().invoke(main, ["build", str(builds["a"]), "--out", str(out)])
        assert r.exit_code == 2
        line = said = r.output.strip()
    assert line == f"Error: cannot write {out}: no space left on the disk; nothing built"
    assert "[1]" not in said


def test_a_disk_that_fills_during_the_write_leaves_the_previous_export(small_disk, builds, tmp_path, monkeypatch):
    if small_disk is not None:
        out = small_disk / "out"
        in_process_build(builds["a"], out)
        fill(small_disk, leave=8192)  # room for the lock, not for the export
        r = kg("build", builds["b"], "--out", out, "-q")
        assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
        assert "no space left on the disk" in r.stderr
    else:  # writing the export fails as a full disk makes it fail: when its blocks are flushed
        out = tmp_path / "out"
        in_process_build(builds["a"], out)

        def full(fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        monkeypatch.setattr("kg.graph.files.os.fsync", full)
        r = CliRunner().invoke(main, ["build", str(builds["b"]), "--out", str(out), "-q"])
        assert r.exit_code == 2 and "no space left on the disk" in r.output, r.output
    assert ((out / "kg.ttl").read_bytes(), (out / "graph.html").read_bytes()) == builds["A"]
    assert leftovers(out) == []


def test_a_disk_with_room_for_the_export_but_not_its_store(small_disk, builds):
    if small_disk is None:
        pytest.skip("no tmpfs can be mounted here")
    ttl, html = builds["B"]
    fill(small_disk, leave=len(ttl) + len(html) + 96 * 1024)  # the store takes some 300 KB more
    out = small_disk / "out"
    r = kg("build", builds["b"], "--out", out, "-q")
    line = one_line_error(r)
    assert line == (f"Error: cannot write {out}: no space left on the disk (the new kg.ttl and graph.html are "
                    "written; the store is rebuilt by the next query)")
    assert ((out / "kg.ttl").read_bytes(), (out / "graph.html").read_bytes()) == builds["B"]
    assert count(out / "kg.ttl") > 0  # no room for a store: the graph is read into memory
    assert leftovers(out) == []


@pytest.fixture
def read_only_disk(tmp_path, builds):
    """A read-only disk holding a built export (its store stale), or None where none can be mounted."""
    import shutil
    src = tmp_path / "src"
    in_process_build(builds["a"], src)
    where = tmp_path / "ro"
    if not mount_tmpfs(where):
        yield None
        return
    try:
        for name in ("kg.ttl", "graph.html"):
            shutil.copy(src / name, where / name)
        os.utime(where / "kg.ttl", ns=(1, 1))
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True, capture_output=True)
        yield where
    finally:
        unmount(where)


def test_a_read_only_disk_is_one_line_and_is_still_read(read_only_disk, builds):
    if read_only_disk is None:
        pytest.skip("no tmpfs can be mounted here")
    line = one_line_error(kg("build", builds["a"], "--out", read_only_disk))
    assert line == f"Error: cannot write {read_only_disk}: the disk is read-only; nothing built"
    line = one_line_error(kg("stats", read_only_disk / "kg.ttl", "--out", read_only_disk / "stats.json"))
    assert line == f"Error: cannot write {read_only_disk / 'stats.json'}: the disk is read-only"
    line = one_line_error(kg("viz", read_only_disk / "kg.ttl", "--out", read_only_disk / "page.html"))
    assert line == f"Error: cannot write {read_only_disk / 'page.html'}: the disk is read-only"
    assert count(read_only_disk / "kg.ttl") > 0  # no store can be built there: the graph is read into memory


def test_a_folder_kg_may_not_write_in_is_one_line(tmp_path, builds, monkeypatch):
    out = tmp_path / "locked"
    out.mkdir()
    out.chmod(0o555)
    r = None
    if os.geteuid() != 0:
        r = kg("build", builds["a"], "--out", out)
    else:  # root writes anywhere: ask as the user nobody, where nobody can run this Python
        def nobody():
            os.setgid(65534)
            os.setuid(65534)
        try:
            r = kg("build", builds["a"], "--out", out, preexec_fn=nobody, env={**os.environ, "HOME": str(tmp_path)})
        except (PermissionError, subprocess.SubprocessError):
            r = None
    if r is not None and "permission denied" in r.stderr:
        assert one_line_error(r) == f"Error: cannot write {out}: permission denied; nothing built"
    else:  # the same path, given what the system says to a user who may not write there
        real = os.open

        def refuse(path, *args, **kwargs):
            if Path(path).parent == out:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real(path, *args, **kwargs)
        monkeypatch.setattr("kg.graph.lock.os.open", refuse)
        r = CliRunner().invoke(main, ["build", str(builds["a"]), "--out", str(out)])
        assert r.exit_code == 2 and r.output.strip() == f"Error: cannot write {out}: permission denied; nothing built"
    out.chmod(0o755)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("command", ["build", "stats", "viz"])
def test_out_under_a_file_is_one_line(tmp_path, builds, command):
    (tmp_path / "file").write_text("a file\n")
    out = tmp_path / "file" / ("out" if command == "build" else "x.json")
    args = {"build": ["build", builds["a"], "--out", out], "stats": ["stats", EXPORTS / "kg.ttl", "--out", out],
            "viz": ["viz", EXPORTS / "kg.ttl", "--out", out]}[command]
    line = one_line_error(kg(*args))
    assert f"{tmp_path / 'file'} is a file, not a folder" in line


@pytest.mark.parametrize("what", ["symlink", "device"])
def test_out_never_replaces_a_symlink_or_a_device(tmp_path, builds, what):
    out = tmp_path / "out"
    out.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n")
    if what == "symlink":
        (out / "kg.ttl").symlink_to(precious)
    else:
        try:
            os.mknod(out / "graph.html", 0o666 | 0o020000, os.makedev(1, 3))  # a character device: /dev/null's
        except PermissionError:
            pytest.skip("devices can be made only by root")
    line = one_line_error(kg("build", builds["a"], "--out", out))
    name = "kg.ttl" if what == "symlink" else "graph.html"
    kind = "a symbolic link" if what == "symlink" else "a device"
    assert line == f"Error: cannot write {out}: {out / name} is {kind} (kg replaces only regular files); nothing built"
    assert precious.read_text() == "keep me\n"
    (out / "page.html").symlink_to(precious)
    line = one_line_error(kg("viz", EXPORTS / "kg.ttl", "--out", out / "page.html"))
    assert "is a symbolic link (kg replaces only regular files)" in line
    assert precious.read_text() == "keep me\n" and (out / "page.html").is_symlink()


# ------------------------------------------------------------------ hostile names and documents

HOSTILE_NAME = "x\n@prefix kga: <urn:evil#> .\n\x1b]0;pwned\x07\x1b[2J\r[2] forged.txt"


def test_a_hostile_file_name_rebinds_nothing_and_reaches_no_terminal_raw(tmp_path, builds):
    src = tmp_path / "docs"
    src.mkdir()
    (src / HOSTILE_NAME).write_bytes(next(builds["a"].iterdir()).read_bytes())
    out = tmp_path / "out"
    r = kg("build", src, "--out", out)
    assert r.returncode == 0, r.stderr
    for text in (r.stdout, r.stderr):
        assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    progress = [ln for ln in r.stderr.splitlines() if ln.startswith("[")]
    assert progress == ["[1] x\u240a@prefix kga: <urn:evil#> .\u240a\u241b]0;pwned\u2407\u241b[2J\u240d[2] forged.txt"]
    assert prefixes_of([out / "kg.ttl"])["kga"] == KGA
    r = kg("query", "SELECT ?l WHERE { kga:japan rdfs:label ?l }", "--data", out / "kg.ttl", "--format", "csv")
    assert r.stdout.split() == ["l", "Japan"], r.stderr
    r = kg("query", "SELECT ?n WHERE { ?d dcterms:identifier ?n }", "--data", out / "kg.ttl")
    assert "\x1b" not in r.stdout and len(r.stdout.splitlines()) == 3
    for fmt in ("json", "csv", "tsv"):
        r = kg("query", "SELECT ?n WHERE { ?d dcterms:identifier ?n }", "--data", out / "kg.ttl", "--format", fmt)
        assert r.returncode == 0 and "\x1b" not in r.stdout and "\x07" not in r.stdout, (fmt, r.stdout)
    r = kg("neighbors", "Japan", "--data", out / "kg.ttl")
    assert r.returncode == 0 and "kga:" not in r.stderr, r.stderr


def test_prefixes_are_read_from_the_head_of_a_graph_only(tmp_path):
    ttl = tmp_path / "g.ttl"
    ttl.write_text('# a graph\n@prefix kga: <https://w3id.org/kg/id/actor/> .\n'
                   '@prefix ex: <urn:ex#> .   # ours\n\n'
                   'kga:japan ex:name """Japan\n@prefix kga: <urn:evil#> .\nPREFIX ex: <urn:evil2#>\n""" .\n'
                   '@prefix late: <urn:late#> .\n', encoding="utf-8")
    found = prefixes_of([ttl])
    assert found["kga"] == KGA and found["ex"] == "urn:ex#" and "late" not in found


@pytest.mark.parametrize("cell,written", [("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
                                          ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
                                          ("\tx", "'\tx"), ("\rx", "'\rx"), ("-3.5", "-3.5"), ("+1e5", "+1e5"),
                                          ("Japan", "Japan"), ("", "")])
def test_csv_cells_a_spreadsheet_would_run_are_quoted(cell, written):
    assert spreadsheet_cell(cell) == written
    import csv
    import io
    assert next(csv.reader(io.StringIO(csv_text(["h"], [[cell]])[len("h\r\n"):]))) == [written] if cell else True


def test_terminal_escapes_never_reach_a_table_a_report_or_json():
    evil = "a\x1b]0;pwned\x07b\x1b[2Jc\x9b31m\u202eevil"
    text = table(["name"], [[evil]])
    assert not any(ord(c) < 32 and c != "\n" or 0x7f <= ord(c) <= 0x9f for c in text)
    assert "a\u241b]0;pwned\u2407b\u241b[2Jc\ufffd31m\ufffdevil" in text
    assert clean("a\nb", spaces=True) == "a b" and clean("a\nb") == "a\u240ab" and clean("a\nb", lines=True) == "a\nb"
    data = json_text({"name": evil})
    assert json.loads(data) == {"name": evil}
    assert not any(ord(c) < 32 and c not in "\n " or 0x7f <= ord(c) <= 0x9f or c == "\u202e" for c in data)


def test_a_hostile_path_in_an_error_is_printed_clean(tmp_path):
    r = kg("stats", tmp_path / "no\x1b[31mgraph.ttl")
    line = one_line_error(r, exit_code=1)
    assert "\x1b" not in line and "no\u241b[31mgraph.ttl" in line


# ------------------------------------------------------------------ tracebacks that were

@pytest.mark.parametrize("fields,field", [
    ('"pledges": [{"by": 5, "evidence": "x"}]', "pledges[0].by"),
    ('"pledges": [{"by": ["Japan"]}]', "pledges[0]"),
    ('"actors": "Japan"', "actors"),
    ('"actors": [{"name": ["Japan"]}]', "actors[0].name"),
    ('"agreements": [{"name": "MOSS", "parties": "Japan"}]', "agreements[0].parties"),
    ('"stances": [{"actor": "Japan", "issue": 3, "stance": "supports"}]', "stances[0].issue"),
    ('"issues": [{"name": "x", "aliases": [1]}]', "issues[0].aliases[0]"),
    ('"document": 7', "document"),
])
def test_gold_fields_of_the_wrong_type_are_one_line_naming_the_file_and_the_field(tmp_path, fields, field):
    gold = tmp_path / "gold"
    gold.mkdir()
    body = fields if fields.startswith('"document"') else f'"document": "a.txt", {fields}'
    (gold / "a.json").write_text("{" + body + "}", encoding="utf-8")
    line = one_line_error(kg("eval", gold, "--graph", EXPORTS / "kg.ttl"), exit_code=1)
    assert line.startswith(f"Error: a.json: {field}: "), line


def test_the_gold_of_the_project_fits_its_schema():
    r = kg("eval", GOLD, "--graph", EXPORTS / "kg.ttl", "--graph", ROOT / "ontology", "--format", "json")
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("command", ["stats", "viz"])
def test_an_ill_typed_literal_is_data_not_a_traceback(tmp_path, command):
    ttl = tmp_path / "kg.ttl"
    ttl.write_bytes((EXPORTS / "kg.ttl").read_bytes() + b'<urn:x> <http://www.w3.org/2000/01/rdf-schema#label> '
                    b'"abc"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
    args = ["stats", ttl] if command == "stats" else ["viz", ttl, "--out", tmp_path / "page.html"]
    r = kg(*args)
    assert r.returncode == 0 and r.stderr == "", r.stderr
