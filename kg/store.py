"""The query store: a persistent Oxigraph store of a graph, kept beside its Turtle.

`kg query` and `kg neighbors` answer from an on-disk pyoxigraph store rather
than re-parsing the Turtle on every call: opening the store costs milliseconds
where parsing a large Turtle file costs seconds. The store of `exports/kg.ttl`
is `exports/kg.store/`; it holds the graph and the ontology's schema
(`ontology/kg.ttl`, for class names and `rdfs:subClassOf`), plus, in a named
graph of its own that queries do not see, an index of every label and alias
in lower case so that names are found without a scan.

`kg build` refreshes the store after writing the Turtle; otherwise the first
query after the Turtle (or the schema) changed rebuilds it. A store records
the size and modification time of what it was built from, so a Turtle file
replaced by an older one (a checkout, a copy) is noticed too.

Only pyoxigraph is imported here, never rdflib: reading a graph must stay fast.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "ontology" / "kg.ttl"
MANIFEST = "kg-sources.json"

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
NAMES_GRAPH = "urn:x-kg:store:names"
LABEL_KEY = "urn:x-kg:store:labelKey"
ALIAS_KEY = "urn:x-kg:store:aliasKey"
INDEX_GRAPH = "urn:x-kg:store:index"
NEIGHBOURHOOD = "urn:x-kg:store:neighbourhood"

KGO = "https://w3id.org/kg/ontology#"
# Nodes with at least this many links have their neighbourhood written into the store when it is
# built, so that listing them reads one value instead of thousands of scattered triples.
HUB_DEGREE = 400

# Prefixes every query may use without declaring them; a graph's own @prefix
# lines are added to these.
STANDARD_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "kgo": "https://w3id.org/kg/ontology#",
}
_PREFIX_LINE = re.compile(r"^\s*(?:@prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>\s*\.|PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>)",
                          re.IGNORECASE | re.MULTILINE)


class StoreError(Exception):
    """A graph that cannot be opened: missing, unreadable or not valid Turtle."""


@dataclass
class GraphStore:
    """An open store and what it was built from."""
    store: object  # pyoxigraph.Store
    path: Path | None
    sources: list[Path]
    prefixes: dict[str, str] = field(default_factory=dict)


def store_path(turtle: Path) -> Path:
    """Where the store of a Turtle file lives: `exports/kg.ttl` -> `exports/kg.store/`."""
    return turtle.with_name(turtle.stem + ".store")


def key(name: str) -> str:
    """The form names are matched in: lower case, runs of white space as one space."""
    return " ".join(name.split()).lower()


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
    try:
        return manifest.get("sources") == [_stat(s) for s in sources]
    except OSError:
        return False


def prefixes_of(files: list[Path]) -> dict[str, str]:
    """The standard prefixes and those each file declares at its top, later files winning."""
    found = dict(STANDARD_PREFIXES)
    for f in files:
        with open(f, encoding="utf-8", errors="replace") as fh:
            head = fh.read(65536)
        for m in _PREFIX_LINE.finditer(head):
            name = m.group(1) if m.group(2) is not None else m.group(3)
            iri = m.group(2) if m.group(2) is not None else m.group(4)
            if name:
                found[name] = iri
    return dict(sorted(found.items()))


def _load(store, sources: list[Path]) -> None:
    from pyoxigraph import RdfFormat
    for src in sources:
        try:
            store.bulk_load(path=str(src), format=RdfFormat.TURTLE)
        except SyntaxError as e:
            raise StoreError(f"{src} is not valid Turtle: {e}") from e
        except OSError as e:
            raise StoreError(f"cannot read {src}: {e}") from e


def _index(store, sources: list[Path], hub_degree: int) -> None:
    """Add the store's own indexes, in a named graph that queries of the default graph do not see:
    every label and alias in lower case (to find a node by name without a scan), and the
    neighbourhood of each hub, a node with at least `hub_degree` links in (see kg.neighbors).

    Names and links are counted in one pass over the parsed files, which is much cheaper
    than reading the triples back out of the store."""
    from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

    from .neighbors import NOT_LINKS, index_hubs

    names = NamedNode(NAMES_GRAPH)
    keys = {RDFS_LABEL: NamedNode(LABEL_KEY), SKOS_ALT_LABEL: NamedNode(ALIAS_KEY)}
    quads = []
    links_in: dict[str, int] = {}
    for src in sources:
        for q in parse(path=str(src), format=RdfFormat.TURTLE):
            o = q.object
            if type(o) is Literal:
                index = keys.get(q.predicate.value)
                if index is not None and type(q.subject) is NamedNode:
                    quads.append(Quad(q.subject, index, Literal(key(o.value)), names))
            elif type(o) is NamedNode and q.predicate.value not in NOT_LINKS:
                links_in[o.value] = links_in.get(o.value, 0) + 1
    store.bulk_extend(quads)
    index_hubs(store, sorted(n for n, c in links_in.items() if c >= hub_degree))


def sources_for(turtle: Path) -> list[Path]:
    """What a store of `turtle` is built from: the graph and the ontology's schema."""
    sources = [turtle]
    if SCHEMA.exists() and SCHEMA.resolve() != turtle.resolve():
        sources.append(SCHEMA)
    return sources


def refresh(turtle: Path, hub_degree: int = HUB_DEGREE) -> Path:
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
        _index(store, sources, hub_degree)
        store.flush()
        del store
        manifest = {"sources": [_stat(s) for s in sources], "prefixes": prefixes_of(sources)}
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


def open_graph(turtle: Path) -> GraphStore:
    """Open the store of `turtle` for reading, rebuilding it first when it is missing or stale.

    Where the folder of the Turtle cannot be written, the graph is loaded into
    memory instead (slower, but the answers are the same).
    """
    from pyoxigraph import Store

    turtle = Path(turtle)
    if not turtle.exists():
        raise StoreError(f"no graph at {turtle}: run `kg build` first")
    sources = sources_for(turtle)
    path = store_path(turtle)
    if not is_current(path, sources):
        try:
            refresh(turtle)
        except PermissionError:
            return _in_memory(sources)
    try:
        store = Store.read_only(str(path))
    except OSError as e:
        raise StoreError(f"cannot open the store {path}: {e}") from e
    manifest = _read_manifest(path) or {}
    return GraphStore(store, path, sources, manifest.get("prefixes") or prefixes_of(sources))


def _in_memory(sources: list[Path]) -> GraphStore:
    from pyoxigraph import Store
    store = Store()
    _load(store, sources)
    _index(store, sources, HUB_DEGREE)
    return GraphStore(store, None, sources, prefixes_of(sources))
