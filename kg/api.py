"""kg from Python, for notebooks: `kg.build(...)` and the `Build` it returns.

    >>> import kg
    >>> b = kg.build("Japan will open its market to rice by 1995.")
    >>> [r["label"] for r in b.neighbors("Japan")]          # doctest: +SKIP
    >>> b.query("SELECT ?c WHERE { ?c a kgo:Country }").to_dataframe()  # doctest: +SKIP

The build is the same as `kg build`'s (the same stages, reference data and shapes); the
answers to `neighbors` and `query` come from the same Oxigraph store as the commands',
built in a folder of the `Build`'s own on first use. See docs/api.md.
"""
from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path


class Rows(list):
    """The rows of a SELECT: a list of dicts, variable -> value (an IRI or text as `str`,
    numbers as `int` or `float`, an unbound variable as None), in the query's order."""

    def __init__(self, variables: list[str], rows: Iterable[dict]):
        super().__init__(rows)
        self.variables = variables

    def to_dataframe(self):
        """The rows as a pandas DataFrame, one column per variable (needs pandas)."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - pandas is a test dependency
            raise ImportError("Rows.to_dataframe needs pandas: pip install pandas") from e
        return pd.DataFrame(list(self), columns=self.variables)


_NUMBERS = {"http://www.w3.org/2001/XMLSchema#" + t: int for t in
            ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
_NUMBERS.update({"http://www.w3.org/2001/XMLSchema#" + t: float for t in ("decimal", "double", "float")})


def _value(term):
    """A pyoxigraph term as a plain Python value."""
    if term is None:
        return None
    datatype = getattr(term, "datatype", None)
    if datatype is not None and datatype.value in _NUMBERS:
        try:
            return _NUMBERS[datatype.value](term.value)
        except ValueError:
            return term.value
    return term.value


class Build:
    """One build: its RDF graph, the documents read and those skipped, and ways to ask it."""

    def __init__(self, result) -> None:
        self._result = result
        self._folder: tempfile.TemporaryDirectory | None = None
        self._store = None

    @property
    def graph(self):
        """The graph as an rdflib Graph."""
        return self._result.graph

    @property
    def documents(self) -> list[str]:
        """The documents built, by their path (relative to the folder built)."""
        return [d.name for d in self._result.documents]

    @property
    def skipped(self) -> list[tuple[str, str]]:
        """(file, reason) for every file that could not be read."""
        return [(str(p), reason) for p, reason in self._result.skipped]

    def counts(self) -> dict[str, int]:
        """How many nodes of each class of the ontology the graph has."""
        return dict(sorted(self._result.counts().items()))

    def __repr__(self) -> str:
        return f"<kg.Build of {len(self.documents)} documents, {len(self.graph)} triples>"

    def to_networkx(self):
        """The NetworkX view of `kg stats` and `kg viz`: entities, pledges and stances as nodes
        (class, label, aliases, documents, evidence), their relations as edges keyed by name."""
        from .see.view import graph_view
        return graph_view(self.graph)

    def write(self, out: str | Path) -> Path:
        """Check the graph against the shapes and write OUT/kg.ttl and its query store, as
        `kg build --out OUT` does; the Turtle's path."""
        from .build import write
        return write(self._result, Path(out))

    def export(self, path: str | Path, format: str) -> list[Path]:  # noqa: A002 - the option's name
        """Write the graph in one of `kg export`'s formats (jsonld, nt, trig, graphml, gexf, csv,
        neo4j); the files written."""
        from .see.export import export
        return export(self.graph, Path(path), format)

    # ---- asking: the same store as the commands'

    def _graph_store(self):
        if self._store is None:
            from .graph.rdf import serialize, write_atomically
            from .graph.store import open_graph
            self._folder = tempfile.TemporaryDirectory(prefix="kg-build-")
            turtle = Path(self._folder.name) / "kg.ttl"
            write_atomically(turtle, serialize(self.graph))
            self._store = open_graph(turtle)
        return self._store

    def neighbors(self, name: str, depth: int = 1, relations: list[str] | None = None,
                  types: list[str] | None = None) -> list[dict]:
        """What NAME (a label, an alias or an IRI, in any case) is linked to, as `kg neighbors`
        lists it: one dict per neighbour with its relation, direction, label, class, IRI and,
        for a pledge or a stance, the evidence sentence and its document."""
        from .ask.neighbors import find, neighbours
        from .graph.index import SHARED, StoreView
        from .graph.prefixes import compact
        view = StoreView(self._graph_store())
        rows = neighbours(view, find(view, name), depth=depth, relations=relations, types=types)
        return [{"depth": r.depth,
                 "relation": r.relation if r.relation in SHARED.values() else compact(r.relation, view.prefixes),
                 "direction": r.direction, "label": r.node.label, "class": r.node.cls, "iri": r.node.iri,
                 "via": [v.label for v in r.via], "evidence": r.evidence, "document": r.document}
                for r in rows]

    def query(self, sparql: str, **params: str):
        """Answer SPARQL text, or a saved query by its name (`kg query --list`), with `params`
        bound to the query's variables as strings. SELECT gives `Rows` (`.to_dataframe()` for
        pandas), ASK a bool, CONSTRUCT and DESCRIBE an rdflib Graph. The prefixes kgo:, kga:,
        rdfs:, skos: … need no declaration."""
        from pyoxigraph import Literal, QueryBoolean, QuerySolutions, Variable
        from .ask.sparql import bind_params, bound_query, load_saved
        from .model.resources import QUERIES_DIR
        path = QUERIES_DIR / f"{sparql}.rq"
        saved = load_saved(path) if "\n" not in sparql and path.is_file() else None
        text = saved.text if saved else sparql
        gs = self._graph_store()
        # names of a saved query's actors, issues ... resolved to their IRIs, as kg query does
        text, params = bound_query(text, bind_params(gs, saved, params))
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(gs.prefixes.items()))
        result = gs.store.query(prologue + text, substitutions={Variable(k): Literal(v) for k, v in params.items()})
        if isinstance(result, QueryBoolean):
            return bool(result)
        if isinstance(result, QuerySolutions):
            variables = [v.value for v in result.variables]
            return Rows(variables, ({v: _value(s[v]) for v in variables} for s in result))
        import rdflib
        g = rdflib.Graph()
        for t in result:
            g.add(tuple(_rdflib_term(x) for x in (t.subject, t.predicate, t.object)))
        return g


def _rdflib_term(term):
    import rdflib
    from pyoxigraph import BlankNode, NamedNode
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    return rdflib.Literal(term.value, lang=term.language,
                          datatype=None if term.language else rdflib.URIRef(term.datatype.value))


def _is_path(source) -> bool:
    if isinstance(source, Path):
        return True
    if Path(source).exists():
        return True
    if not any(c.isspace() for c in source):
        raise FileNotFoundError(f"no file or folder named {source!r} (a text to build from is a sentence or more)")
    return False


def build(sources, ontology: Iterable[str | Path] = (), strict: bool = False) -> Build:
    """Build the graph of `sources`: a file or folder of documents, a text, or a list of them.

    A `Path`, or a string naming a file or folder that exists, is read as `kg build` reads
    it; any other string is taken as the text of a document (one with no white space is an
    error: a path that does not exist). `ontology` adds Turtle files or folders of your own
    actors, aliases and agreements, as `kg build --ontology` does.
    """
    from .build import build as run_build
    from .language.lexicon import load_lexicon

    items = [sources] if isinstance(sources, (str, Path)) else list(sources)
    if not items:
        raise ValueError("nothing to build: give a file, a folder or a text")
    lexicon = load_lexicon(extra=tuple(Path(p) for p in ontology))
    paths = [Path(s) for s in items if _is_path(s)]
    if len(paths) == len(items) == 1:
        return Build(run_build(paths[0], lexicon=lexicon, strict=strict))
    # several sources, or texts: one folder of them (texts as files, paths linked), built once
    with tempfile.TemporaryDirectory(prefix="kg-sources-") as tmp:
        folder = Path(tmp)
        used: set[str] = set()
        texts = 0
        for s in items:
            if isinstance(s, Path) or _is_path(s):
                p = Path(s).resolve()
                name = p.name
                n = 2
                while name in used:
                    name, n = f"{p.stem}-{n}{p.suffix}", n + 1
                used.add(name)
                (folder / name).symlink_to(p, target_is_directory=p.is_dir())
            else:
                texts += 1
                (folder / f"text-{texts}.txt").write_text(s, encoding="utf-8")
        return Build(run_build(folder, lexicon=lexicon, strict=strict))
