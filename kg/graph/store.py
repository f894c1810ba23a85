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

import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..model.resources import SCHEMA
from .index import INDEX_FILE, build_indexes, open_index
from .prefixes import prefixes_of

MANIFEST = "kg-sources.json"
# What a store holds and where: a store of another format is rebuilt, not read.
STORE_FORMAT = 2


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


def _load(store, sources: list[Path]) -> None:
    from pyoxigraph import RdfFormat
    for src in sources:
        try:
            store.bulk_load(path=str(src), format=RdfFormat.TURTLE)
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


def refresh(turtle: Path) -> Path:
    """(Re)build the store beside `turtle` and return its path.

    The new store is built in a temporary folder beside the old one and moved
    into place, so a reader never opens a half-built store.
    """
    from pyoxigraph import Store

    turtle = Path(turtle)
    if not turtle.exists():
        raise StoreError(f"no graph at {turtle}: run `kg build` first")
    sources = sources_for(turtle)
    target = store_path(turtle)
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
        _replace_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _replace_dir(new: Path, target: Path) -> None:
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=".tmp-" + target.name + "-old-", dir=target.parent))
        os.replace(target, old / "store")
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, target)


def of_another_version(path: Path) -> bool:
    """True when the folder holds a store that kg built in another format than this one's."""
    manifest = _read_manifest(path)
    return manifest is not None and manifest.get("format") != STORE_FORMAT


def ensure_current(turtle: Path, note=None) -> bool:
    """Rebuild the store of `turtle` when it is missing or stale; False when its folder cannot be
    written (the graph is then read into memory by `open_graph`). `note(line)` is told when a
    store of another version of kg is rebuilt."""
    turtle = Path(turtle)
    if not turtle.exists():
        raise StoreError(f"no graph at {turtle}: run `kg build` first")
    if not turtle.is_file():  # a device or a pipe: no store is built beside it
        raise StoreError(f"{turtle} is not a file: give a Turtle file such as exports/kg.ttl")
    path = store_path(turtle)
    if not is_current(path, sources_for(turtle)):
        older = of_another_version(path)
        try:
            refresh(turtle)
        except PermissionError:
            return False
        if older and note is not None:
            note(f"{path} was built by another version of kg: rebuilt")
    return True


def open_graph(turtle: Path) -> GraphStore:
    """Open the store of `turtle` for reading, rebuilding it first when it is missing or stale.

    Where the folder of the Turtle cannot be written, the graph is loaded into
    memory instead (slower, but the answers are the same).
    """
    from pyoxigraph import Store

    turtle = Path(turtle)
    sources = sources_for(turtle) if turtle.exists() else []
    if not ensure_current(turtle):
        return _in_memory(sources)
    path = store_path(turtle)
    try:
        store = Store.read_only(str(path))
    except OSError as e:
        raise StoreError(f"cannot open the store {path}: {e}") from e
    manifest = _read_manifest(path) or {}
    try:
        index = open_index(path / INDEX_FILE)
    except sqlite3.Error as e:
        raise StoreError(f"the index of the store {path} cannot be read ({e}): remove {path} and it is "
                         "built again") from e
    return GraphStore(store, path, sources, manifest.get("prefixes") or prefixes_of(sources), index)


def _in_memory(sources: list[Path]) -> GraphStore:
    import sqlite3

    from pyoxigraph import Store
    store = Store()
    _load(store, sources)
    index = sqlite3.connect(":memory:", check_same_thread=False)
    build_indexes(store, index)
    return GraphStore(store, None, sources, prefixes_of(sources), index)
