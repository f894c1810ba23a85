"""The query store: a persistent Oxigraph store of a graph, kept beside its Turtle.

`kg query` and `kg neighbors` answer from an on-disk pyoxigraph store rather
than re-parsing the Turtle on every call: opening the store costs milliseconds
where parsing a large Turtle file costs seconds. The store of `exports/kg.ttl`
is `exports/kg.store/`; it holds the graph and the ontology's schema
(`ontology/kg.ttl`, for class names and `rdfs:subClassOf`), and nothing else,
so that any SPARQL client of it (`kg serve`) sees only them. Beside them in the
folder, `kg-index.sqlite` (`kg.graph.index`) holds every label and alias in
lower case, so that names are found without a scan, and the classes above each
class.

`kg build` refreshes the store after writing the Turtle; otherwise the first
query after the Turtle (or the schema) changed rebuilds it. A store records
the size and modification time of what it was built from, so a Turtle file
replaced by an older one (a checkout, a copy) is noticed too.

Only pyoxigraph is imported here, never rdflib: reading a graph must stay fast.
"""
from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..model.resources import SCHEMA
from .files import errno_of
from .index import INDEX_FILE, build_indexes, open_index
from .lock import LockBusy, ReaderLock, WriterLock
from .prefixes import prefixes_of

MANIFEST = "kg-sources.json"
# What a store holds and where: a store of another format is rebuilt, not read.
STORE_FORMAT = 3
WRITER_WAIT = 300.0  # seconds a rebuild waits for another process's rebuild of the same store
SWAP_WAIT = 60.0     # seconds a rebuild waits for the readers of the old store to let it go

# what a folder says when it cannot take a store: then the graph is read into memory
CANNOT_TAKE_A_STORE = (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT)

log = logging.getLogger(__name__)


class StoreError(Exception):
    """A graph that cannot be opened: missing, unreadable or not valid Turtle."""


@dataclass
class GraphStore:
    """An open store and what it was built from."""
    store: object  # pyoxigraph.Store
    path: Path | None
    sources: list[Path]
    prefixes: dict[str, str] = field(default_factory=dict)
    index: object = None  # sqlite3.Connection: kg.graph.index


def store_path(turtle: Path) -> Path:
    """Where the store of a Turtle file lives: `exports/kg.ttl` -> `exports/kg.store/`."""
    return turtle.with_name(turtle.stem + ".store")


def _stat(p: Path) -> dict:
    st = p.stat()
    return {"path": str(p.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _read_manifest(path: Path) -> dict | None:
    try:
        return json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_current(path: Path, sources: list[Path]) -> bool:
    """True when the store at `path` was built from exactly these files as they are now."""
    manifest = _read_manifest(path)
    if manifest is None:
        return False
    if manifest.get("format") != STORE_FORMAT or not (path / INDEX_FILE).is_file():
        return False
    try:
        return manifest.get("sources") == [_stat(s) for s in sources]
    except OSError:
        return False


LOAD_BATCH = 25_000  # triples handed to the store's bulk loader at a time


def load_in_batches(store, path: Path, format) -> None:  # noqa: A002 - pyoxigraph's name
    """Load an RDF file into `store` with the bulk loader, `LOAD_BATCH` triples at a time.

    The bulk loader keeps what it is given in memory until it writes it out: the whole file
    at once would take about 300 MB at 400,000 triples, batches of 25,000 about 40 MB, for
    the same time within a second. The triples are parsed once, so a blank node is the same
    node in every batch (loading the file's text in pieces would rename it in each)."""
    from itertools import islice

    from pyoxigraph import parse
    triples = parse(path=str(path), format=format)
    while batch := list(islice(triples, LOAD_BATCH)):
        store.bulk_extend(batch)


def _load(store, sources: list[Path]) -> None:
    from pyoxigraph import RdfFormat
    for src in sources:
        try:
            load_in_batches(store, src, RdfFormat.TURTLE)
        except SyntaxError as e:
            raise StoreError(f"{src} is not valid Turtle: {e}") from e
        except OSError as e:
            raise StoreError(f"cannot read {src}: {e}") from e


def sources_for(turtle: Path) -> list[Path]:
    """What a store of `turtle` is built from: the graph and the ontology's schema."""
    sources = [turtle]
    if SCHEMA.exists() and SCHEMA.resolve() != turtle.resolve():
        sources.append(SCHEMA)
    return sources


def refresh(turtle: Path, only_if_stale: bool = False) -> Path:
    """(Re)build the store beside `turtle` and return its path.

    One process rebuilds a store at a time (the writer lock, `.kg.store.lock`
    beside it); with `only_if_stale`, a process that waited for another's rebuild
    takes that one. The new store is built in a temporary folder beside the old one
    and swapped in while no reader is opening it (the reader lock), so a reader never
    sees a half-built store. Temporary folders left by a process that was killed are
    removed first. When readers hold on to the old store past `SWAP_WAIT` seconds,
    the new one is dropped: the store stays stale and the next reader rebuilds it.
    """
    from pyoxigraph import Store

    turtle = Path(turtle)
    if not turtle.exists():
        raise StoreError(f"no graph at {turtle}: run `kg build` first")
    sources = sources_for(turtle)
    target = store_path(turtle)
    try:
        writer = WriterLock(_lock_file(target)).acquire(wait=WRITER_WAIT)
    except LockBusy as e:
        raise StoreError(f"the store {target} is being rebuilt by {_holder(e)}: try again when it ends") from e
    with writer:
        if only_if_stale and is_current(target, sources):
            return target
        _remove_leftovers(target)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-" + target.name + "-", dir=target.parent))
        try:
            store = Store(str(tmp))
            _load(store, sources)
            build_indexes(store, tmp / INDEX_FILE)
            store.flush()
            del store
            manifest = {"format": STORE_FORMAT, "sources": [_stat(s) for s in sources],
                        "prefixes": prefixes_of(sources)}
            (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
            if target.exists() and not target.is_symlink() and _read_manifest(target) is None:
                log.warning("%s held no store of %s: rebuilt from it", target, turtle.name)
            try:
                with ReaderLock(_readers_file(target)).exclusive(wait=SWAP_WAIT):
                    old = _replace_dir(tmp, target)
            except LockBusy:
                log.warning("the store %s is in use by a query: left as it was, rebuilt by the next query", target)
                old = tmp
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return target


def _replace_dir(new: Path, target: Path) -> Path | None:
    """Put `new` in the place of `target`; returns the folder holding the old one, to remove."""
    if target.exists() or target.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=".tmp-" + target.name + "-old-", dir=target.parent))
        os.replace(target, old / "store")
        os.replace(new, target)
        return old
    os.replace(new, target)
    return None


def _lock_file(target: Path) -> Path:
    return target.with_name("." + target.name + ".lock")


def _readers_file(target: Path) -> Path:
    return target.with_name("." + target.name + ".readers")


def _holder(e: LockBusy) -> str:
    return f"process {e.holder}" if e.holder else "another process"


def _remove_leftovers(target: Path) -> None:
    """Remove the temporary folders of rebuilds that never ended (the writer lock is held)."""
    for p in target.parent.glob(".tmp-" + target.name + "-*"):
        shutil.rmtree(p, ignore_errors=True)


def _clean_up(target: Path) -> None:
    """Remove what a rebuild killed after its swap left behind, unless a rebuild is under way."""
    if not any(target.parent.glob(".tmp-" + target.name + "-*")):
        return
    try:
        with WriterLock(_lock_file(target)).acquire(wait=0):
            _remove_leftovers(target)
    except (LockBusy, OSError):
        pass


def of_another_version(path: Path) -> bool:
    """True when the folder holds a store that kg built in another format than this one's."""
    manifest = _read_manifest(path)
    return manifest is not None and manifest.get("format") != STORE_FORMAT


def ensure_current(turtle: Path, note=None) -> bool:
    """Rebuild the store of `turtle` when it is missing or stale; False when its folder cannot
    take a store (the graph is then read into memory by `open_graph`). `note(line)` is told
    when a store of another version of kg is rebuilt."""
    turtle = Path(turtle)
    if not turtle.exists():
        raise StoreError(f"no graph at {turtle}: run `kg build` first")
    if not turtle.is_file():  # a device or a pipe: no store is built beside it
        raise StoreError(f"{turtle} is not a file: give a Turtle file such as exports/kg.ttl")
    path = store_path(turtle)
    sources = sources_for(turtle)
    stale = not is_current(path, sources)
    damage = None if stale else _damage_of(path, sources)
    damaged = damage is not None
    if damaged:
        log.warning("the store %s was damaged (%s): rebuilt from %s", path, damage, turtle.name)
    if stale or damaged:
        older = of_another_version(path)
        try:
            # a stale store may have been rebuilt by another process meanwhile; a damaged one is rebuilt
            refresh(turtle, only_if_stale=not damaged)
        except (OSError, StoreError) as e:
            cause = e if isinstance(e, OSError) else e.__cause__
            if isinstance(cause, OSError) and errno_of(cause) in CANNOT_TAKE_A_STORE:
                return False
            if isinstance(e, StoreError):
                raise
            raise StoreError(f"cannot rebuild the store {path}: {e.strerror or e}") from e
        if older and note is not None:
            note(f"{path} was built by another version of kg: rebuilt")
    return True


def _damage_of(path: Path, sources: list[Path]) -> StoreError | None:
    """What is wrong with a current store, opened as a query opens it (the engine's files, then
    its index), or None. A query's worker does not rebuild: the command heals the store first."""
    readers = ReaderLock(_readers_file(path))
    try:
        readers.share(wait=SWAP_WAIT)
    except LockBusy:
        return None  # being swapped: the new store is another's to check
    try:
        graph = _open_read_only(path, sources)
        graph.index.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except StoreError as e:
        return e
    except sqlite3.Error as e:
        return StoreError(f"its index cannot be read ({e})")
    finally:
        readers.unshare()
    graph.index.close()  # the engine lets the store go with its last reference
    return None


def open_graph(turtle: Path, rebuild: bool = True) -> GraphStore:
    """Open the store of `turtle` for reading, rebuilding it first when it is missing, stale or
    damaged (saying so in one line). With `rebuild` False (a process forked from one that ran
    the engine, whose threads a fork does not carry: a rebuild there would wait on them
    forever), such a store is not touched and the graph is read into memory instead.

    Where the folder of the Turtle cannot be written (read-only, not allowed, full),
    the graph is loaded into memory instead (slower, but the answers are the same).
    """
    turtle = Path(turtle)
    if not turtle.exists():
        raise StoreError(f"no graph at {turtle}: run `kg build` first")
    if not turtle.is_file():
        raise StoreError(f"{turtle} is not a file: give a Turtle file such as exports/kg.ttl")
    sources = sources_for(turtle)
    path = store_path(turtle)
    readers = ReaderLock(_readers_file(path))
    damaged = None
    for attempt in range(2):
        if (damaged or not is_current(path, sources)) and not rebuild:
            # the folder cannot take a store, or another query held the old one when it was
            # rebuilt: the graph in memory answers the same
            return _in_memory(sources)
        if damaged or not is_current(path, sources):
            try:
                refresh(turtle, only_if_stale=damaged is None)
            except (OSError, StoreError) as e:
                cause = e if isinstance(e, OSError) else e.__cause__
                if isinstance(cause, OSError) and errno_of(cause) in CANNOT_TAKE_A_STORE:
                    return _in_memory(sources)  # a folder that cannot take a store: the graph in memory
                if isinstance(e, StoreError):
                    raise
                raise StoreError(f"cannot rebuild the store {path}: {e.strerror or e}") from e
        try:
            readers.share(wait=SWAP_WAIT)
        except LockBusy as e:
            raise StoreError(f"the store {path} is being swapped and did not come free in {SWAP_WAIT:.0f} s") from e
        try:
            graph = _open_read_only(path, sources)
        except StoreError as e:
            readers.unshare()
            if damaged:
                raise
            damaged = e
            log.warning("the store %s was damaged (%s): rebuilt from %s", path, e, turtle.name)
            continue
        readers.share(owner=graph)  # held while the store is open
        readers.unshare()
        _clean_up(path)
        return graph
    raise AssertionError("unreachable")


def _open_read_only(path: Path, sources: list[Path]) -> GraphStore:
    from pyoxigraph import Store
    try:
        store = Store.read_only(str(path))
        store.query("ASK { ?s ?p ?o }")
    except (OSError, RuntimeError) as e:
        reason = " ".join(str(e).split())
        raise StoreError(reason.split(" The file ")[0][:200]) from e
    manifest = _read_manifest(path) or {}
    try:
        index = open_index(path / INDEX_FILE)
    except sqlite3.Error as e:
        raise StoreError(f"its index cannot be read ({e})") from e
    return GraphStore(store, path, sources, manifest.get("prefixes") or prefixes_of(sources), index)


def _in_memory(sources: list[Path]) -> GraphStore:
    from pyoxigraph import Store
    store = Store()
    _load(store, sources)
    index = sqlite3.connect(":memory:", check_same_thread=False)
    build_indexes(store, index)
    return GraphStore(store, None, sources, prefixes_of(sources), index)
