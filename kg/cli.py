"""The `kg` command line: thin, delegating to the library.

Heavy libraries (spaCy, rdflib) are imported inside the commands that need
them, so that `kg --help` answers at once.
"""
from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import click

from .ask.output import clean, fit_lines, json_text
from .model.resources import ONTOLOGY_DIR

# Defaults are relative to the current directory, never to where kg is installed.
DEFAULT_SOURCE = Path("seeds")
DEFAULT_OUT = Path("exports")
DEFAULT_GRAPH = DEFAULT_OUT / "kg.ttl"


def default_graph(graph: Path | None, option: str = "GRAPH") -> Path:
    """`graph`, or exports/kg.ttl of the current directory; a clear error when that is missing."""
    if graph is not None:
        return graph
    if not DEFAULT_GRAPH.exists():
        raise click.ClickException(f"no {DEFAULT_GRAPH} in the current directory ({Path.cwd()}): run `kg build` "
                                   f"here, or name a graph ({option})")
    return DEFAULT_GRAPH


class FileSystemError(click.ClickException):
    """A file or folder that cannot be written: one line, exit status 2."""
    exit_code = 2


class _Commands(click.Group):
    """kg's commands: every error line cleaned of control characters before it is printed."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.ClickException as e:
            e.message = clean(e.message, spaces=True)
            raise


class _Say(logging.Handler):
    """What kg's library logs (a store rebuilt, a warning), one clean line each on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(clean(record.getMessage(), spaces=True), err=True)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """kg: a knowledge graph of actors, agreements, sectors, issues, pledges and
    stances read from diplomatic and trade documents."""
    library = logging.getLogger("kg")
    if not any(isinstance(h, _Say) for h in library.handlers):
        library.addHandler(_Say())
        library.propagate = False
    # an ill-typed literal ("abc"^^xsd:integer) is data as it stands, not a logged traceback;
    # `kg validate` reports it as a violation
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)


def _cannot_write(e: OSError, what: str | Path, left: str = "") -> FileSystemError:
    from .graph.files import describe
    return FileSystemError(f"cannot write {what}: {describe(e)}{left}")


class BadBuildOptions(click.ClickException):
    """Options of `kg build` that cannot go together: one line, exit status 2."""
    exit_code = 2


@main.command()
@click.argument("source", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write kg.ttl into (default: exports/ beside seeds/).")
@click.option("--quiet", "-q", is_flag=True, help="No progress, only errors and the summary.")
@click.option("--verbose", "-v", is_flag=True,
              help="Detail: what was found in each document, the cache and the workers.")
@click.option("--strict", is_flag=True,
              help="Fail if any file is skipped or read with a doubt (a guessed encoding, a suffix that "
                   "lies): nothing is written and OUT is left as it was.")
@click.option("--follow-links", is_flag=True,
              help="Follow symbolic links that lead out of the folder (never to /, /proc, /sys, /dev).")
@click.option("--max-words", type=click.IntRange(min=1), default=None,
              help="Refuse documents longer than this many words (default 150,000: under a minute each).")
@click.option("--ontology", "extra", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="A Turtle file, or a folder of them, of your own actors, aliases, agreements, sectors or "
                   "issues, read beside kg's gazetteers and vocabularies (repeatable).")
@click.option("--workers", type=int, default=None,
              help="Analyse documents in N processes of a local Dask cluster (default 1: no Dask).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Send the documents to the workers of a running Dask scheduler.")
@click.option("--no-cache", is_flag=True,
              help="Analyse every document again instead of reusing the findings kept in OUT/kg.cache/.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print the summary (json: counts and skipped files).")
def build(source: Path | None, out: Path | None, quiet: bool, verbose: bool, strict: bool, follow_links: bool,
          max_words: int | None, extra: tuple[Path, ...], workers: int | None, scheduler: str | None,
          no_cache: bool, fmt: str) -> None:
    """Build the graph of a folder of documents (default: seeds/) into OUT/kg.ttl.

    Every file that cannot be read is named with the reason, and the rest is
    built. The graph is checked against the shapes of ontology/shapes.ttl
    before it replaces OUT/kg.ttl, so a failed build leaves the old one whole.
    What each document was found to say is kept in OUT/kg.cache/, so a rebuild
    analyses only new or changed documents. Exit status: 0 when every file was
    built, 1 when one was skipped or the build failed, 2 for options that do
    not go together, a Dask cluster that cannot be used, or an OUT that cannot
    be written (read-only, full, not a folder, not allowed, or another build
    writing into it), which is checked before any document is read.

    \b
    Example:
        kg build                          # seeds/ -> exports/kg.ttl
        kg build path/to/docs --out out/  # a folder of text, PDF, HTML, Word files
        kg build archive/ --out out/ --strict
        kg build docs/ --ontology my-actors.ttl
        kg build archive/ --workers 2     # two processes
        kg build archive/ --scheduler tcp://127.0.0.1:8786
    """
    from .graph.files import prepare_out
    from .graph.lock import LockBusy

    if workers is not None and workers < 1:
        raise BadBuildOptions(f"--workers must be 1 or more, not {workers}")
    if workers is not None and scheduler:
        raise BadBuildOptions("--workers and --scheduler do not go together: "
                              "a scheduler's cluster has the workers it has")
    if source is None:
        if not DEFAULT_SOURCE.is_dir():
            raise click.ClickException(f"no {DEFAULT_SOURCE}/ folder in the current directory ({Path.cwd()}): "
                                       f"name a folder of documents (kg build DIR)")
        source = DEFAULT_SOURCE
    out = out or DEFAULT_OUT
    before = set(out.iterdir()) if out.is_dir() else None   # what OUT holds now
    try:  # before any analysis: OUT writable, with room, its files regular, and no other build in it
        lock = prepare_out(out, ["kg.ttl", "graph.html"])
    except LockBusy as e:
        who = f"process {e.holder}" if e.holder else "another process"
        raise FileSystemError(f"another kg build ({who}) is writing into {out}: "
                              "try again when it has ended") from e
    except OSError as e:
        raise _cannot_write(e, out, "; nothing built") from e
    try:
        with lock:
            _build_into(source, out, quiet, verbose, strict, follow_links, max_words, extra, workers, scheduler,
                        no_cache, fmt)
    except (click.ClickException, KeyboardInterrupt):
        _leave_as_it_was(out, before)
        raise


def _leave_as_it_was(out: Path, before: set[Path] | None) -> None:
    """After a build that wrote nothing: OUT as it was, without the lock file the build left (and
    without OUT itself where the build made it)."""
    import shutil
    try:
        if before is None:
            if out.is_dir() and all(p.name.startswith(".") for p in out.iterdir()):
                shutil.rmtree(out)
            return
        for p in out.iterdir():
            if p not in before and p.name.startswith(".kg-build"):
                p.unlink()
    except OSError:
        pass


def _build_into(source: Path, out: Path, quiet: bool, verbose: bool, strict: bool, follow_links: bool,
                max_words: int | None, extra: tuple[Path, ...], workers: int | None, scheduler: str | None,
                no_cache: bool, fmt: str) -> None:
    from .ask.output import BuildProgress
    from .build import ShapeViolations, write
    from .build import build as run_build
    from .graph.store import StoreError
    from .language.lexicon import LexiconError, load_lexicon
    from .read.corpus import shown
    from .run.cluster import ClusterError
    from .see.overview import overview_of_ntriples
    from .see.page import overview_page

    shows = BuildProgress(quiet=quiet, lines=verbose)

    def on_done(p: Path, doc, found, cached: bool) -> None:
        words = len(doc.text.split())
        shows.done(words)
        if verbose:
            shows.note(f"    {clean(shown(p, source))}: {words} words, {len(found.mentions)} mentions, "
                       f"{len(found.pledges)} pledges, {len(found.stances)} stances"
                       f"{' (from the cache)' if cached else ''}")

    def on_skip(p: Path, reason: str) -> None:
        shows.note(f"skipped {clean(shown(p, source))}: {clean(reason, spaces=True)}")
        shows.done(0)

    def on_warn(p: Path, warning: str) -> None:
        shows.note(f"warning {clean(shown(p, source))}: {clean(warning, spaces=True)}")

    try:
        lexicon = load_lexicon(extra=tuple(extra)) if extra else None
        with shows:
            result = run_build(source, lexicon=lexicon, progress=lambda p: shows.reading(clean(shown(p, source))),
                               on_skip=on_skip, strict=strict, on_warn=on_warn, follow_links=follow_links,
                               max_words=max_words, workers=workers or 1, scheduler=scheduler,
                               cache=None if no_cache else out, on_total=shows.total, on_done=on_done,
                               on_words=lambda p, n, total: shows.analysing(clean(shown(p, source)), n, total))
    except ClusterError as e:
        raise BadBuildOptions(f"{e}: nothing written, {out} left as it was") from None
    except (RuntimeError, LexiconError) as e:
        raise click.ClickException(str(e)) from e
    if strict and result.skipped:
        raise click.ClickException(f"{_files(len(result.skipped))} skipped (--strict): nothing written, "
                                   f"{out} left as it was")
    if not result.documents:
        raise click.ClickException(f"no document could be read in {source} ({_files(len(result.skipped))} "
                                   f"skipped): nothing written, {out} left as it was")
    written = time.perf_counter()
    drawn: list = []

    def the_page(ntriples: Path) -> dict[str, bytes]:
        """The interactive page, written beside the Turtle."""
        with overview_of_ntriples(ntriples) as overview:
            drawn.append(overview_page(overview))
        return {"graph.html": drawn[0].html.encode("utf-8")}

    before = _identity(out / "kg.ttl")
    try:
        target = write(result, out, beside=the_page)
        page = drawn[0]
    except ShapeViolations as e:
        for v in e.violations:
            click.echo(clean(str(v), spaces=True), err=True)
        raise click.ClickException(f"{e}: nothing written, {out} left as it was") from e
    except (OSError, StoreError) as e:
        cause = e if isinstance(e, OSError) else e.__cause__  # a store that could not be written
        if not isinstance(cause, OSError):
            raise click.ClickException(str(e)) from e
        if _identity(out / "kg.ttl") == before:
            raise _cannot_write(cause, out, f"; nothing written, {out} left as it was") from e
        raise _cannot_write(cause, out, " (the new kg.ttl and graph.html are written; the store is rebuilt "
                                        "by the next query)") from e
    reduce_seconds = result.seconds - result.map_seconds + time.perf_counter() - written
    counts = result.counts()
    cache = result.cache
    if fmt == "json":
        click.echo(json_text({
            "documents": len(result.documents), "words": result.words, "analysed": result.analysed,
            "from_cache": len(result.documents) - result.analysed, "workers": result.workers,
            "counts": dict(sorted(counts.items())), "triples": result.triples,
            "skipped": [{"path": shown(p, source), "reason": r} for p, r in result.skipped],
            "violations": 0, "turtle": str(target), "page": str(out / "graph.html"),
            "seconds": round(result.map_seconds + reduce_seconds, 3), "map_seconds": round(result.map_seconds, 3),
            "reduce_seconds": round(reduce_seconds, 3)}, indent=2), nl=False)
    else:
        pledges = counts.get("Pledge", 0)
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())
                          if k not in ("Pledge", "Stance", "Document"))
        click.echo(f"read {len(result.documents)} documents ({result.words} words), skipped {len(result.skipped)}")
        if verbose:
            click.echo(f"analysed {result.analysed} on {_workers(result.workers, scheduler)}, "
                       f"{len(result.documents) - result.analysed} from the cache"
                       + (f" ({cache.rejected} cache entries not trusted, rebuilt)" if cache and cache.rejected
                          else "") + (" (--no-cache)" if no_cache else ""))
        click.echo(f"entities: {kinds}")
        click.echo(f"pledges {pledges}, stances {counts.get('Stance', 0)}, triples {result.triples}")
        click.echo("checked against the shapes of ontology/shapes.ttl: no violations")
        click.echo(f"wrote {clean(str(target))} in {result.seconds:.1f} s")
        click.echo(f"wrote {clean(str(out / 'graph.html'))} ({page.nodes} nodes, {page.edges} edges)")
    if result.skipped:
        sys.exit(1)


def _workers(n: int, scheduler: str | None) -> str:
    where = f" of {scheduler}" if scheduler else ""
    return f"{n} worker{'s' if n != 1 else ''}{where}" if scheduler or n > 1 else "this process"


def _identity(p: Path) -> tuple[int, int] | None:
    try:
        st = p.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _files(n: int) -> str:
    return f"{n} file" if n == 1 else f"{n} files"


@main.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def validate(graph: Path | None, fmt: str) -> None:
    """Check a graph (default: exports/kg.ttl) against the SHACL shapes of ontology/shapes.ttl.

    Each violation is one line: the node, the property, and what is wrong in
    words. The exit status is 1 when there is any.

    \b
    Example:
        kg validate
        kg validate out/kg.ttl --format json
    """
    import rdflib

    from .graph.shapes import validate as run_validate

    graph = default_graph(graph)
    if not graph.exists():
        raise click.ClickException(f"no graph at {graph}: run `kg build` first")
    try:
        g = rdflib.Graph().parse(graph, format="turtle")
    except Exception as e:  # noqa: BLE001 - any parse failure is the user's file
        raise click.ClickException(f"{graph} is not valid Turtle: {' '.join(str(e).split())}") from e
    violations = run_validate(g)
    if fmt == "json":
        click.echo(json_text({"graph": str(graph), "triples": len(g), "conforms": not violations,
                              "violations": [vars(v) for v in violations]}, indent=2), nl=False)
    elif violations:
        for v in violations:
            click.echo(clean(str(v), spaces=True))
    else:
        click.echo(f"{clean(str(graph))}: conforms to the shapes ({len(g)} triples)")
    if violations:
        click.echo(f"{clean(str(graph))}: {len(violations)} violations", err=True)
        sys.exit(1)


@main.command("eval")
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.option("--graph", "graphs", multiple=True, type=click.Path(path_type=Path),
              help="A graph file or folder of .ttl (repeatable; default: exports/kg.ttl and ontology/).")
@click.option("--docs", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of the source documents, to check that every span reproduces its text.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", "errors", is_flag=True,
              help="After the table, every false positive, false negative and wrong attribute with its sentence.")
@click.option("--type", "error_types", multiple=True,
              help="With --errors: only these types (pledges, stances, actors, pledge.by; comma-separated or repeated).")
def eval_command(gold_dir: Path, graphs: tuple[Path, ...], docs: Path | None, fmt: str, errors: bool,
                 error_types: tuple[str, ...]) -> None:
    """Score a graph against gold annotations: precision, recall and F1 per type and attribute.

    GOLD_DIR holds one JSON file per document, in the format of
    tests/data/gold/GUIDELINES.md.

    \b
    Example:
        kg eval tests/data/gold --docs seeds
        kg eval my-gold/ --graph out/kg.ttl --graph ontology/ --format json
        kg eval tests/data/gold --docs seeds --errors --type pledges,stances
    """
    from .evaluate.scoring import EvaluationError, evaluate, format_errors, format_table, to_json

    paths = list(graphs) or [default_graph(None, "--graph FILE"), ONTOLOGY_DIR]
    try:
        scores = evaluate(paths, gold_dir, docs)
    except EvaluationError as e:
        raise click.ClickException(str(e)) from e
    if fmt == "json":
        data = to_json(scores)
        if errors:
            data["errors"] = [e for e in scores.errors
                              if not error_types or e["type"] in _split(error_types)]
        click.echo(json_text(data, indent=2), nl=False)
    else:
        click.echo(clean(format_table(scores), lines=True))
        if errors:
            click.echo("\n" + clean(format_errors(scores, _split(error_types)), lines=True), nl=False)


@main.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many central actors to list.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the full report as JSON to this file (e.g. exports/stats.json).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats(graph: Path | None, top: int, out: Path | None, fmt: str) -> None:
    """Network figures of a graph: counts, central actors, communities, sectors, timeline.

    GRAPH is a Turtle file (default: exports/kg.ttl). Central actors are
    ranked by PageRank on the actor network (actors linked by the agreements
    they share and the pledges they make together), with degree and
    betweenness beside it.

    \b
    Example:
        kg stats
        kg stats out/kg.ttl --top 20 --format json
        kg stats --out exports/stats.json
    """
    from .graph.files import write_atomically
    from .graph.store import StoreError, open_graph
    from .see.analytics import format_table, stats_report
    from .see.overview import Overview

    graph = default_graph(graph)
    try:
        report = stats_report(Overview.of_store(open_graph(graph)), top=top)
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    text = json_text(report, indent=2)
    if out is not None:
        try:
            write_atomically(out, text.encode("utf-8"))
        except OSError as e:
            raise _cannot_write(e, out) from e
    click.echo(text if fmt == "json" else fit_lines(format_table(report, str(graph))) + "\n", nl=False)


@main.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.option("--focus", default=None, help="Draw the part around the node of this name or alias.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="With --focus: how many steps from it.")
@click.option("--types", "types", multiple=True,
              help="Classes to draw, comma-separated or repeated (Country,Agreement; Actor; all). "
                   "Default: every class but Document.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None,
              help="Draw at most this many nodes: the most central first (default 150), or of a part drawn "
                   "with --focus or --types (default 3000); the page says what it left out.")
@click.option("--title", default=None, help="The page's title.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=Path("graph.html"),
              show_default=True, help="The HTML file to write.")
def viz(graph: Path | None, focus: str | None, depth: int, types: tuple[str, ...], max_nodes: int | None,
        title: str | None, out: Path) -> None:
    """Write an interactive HTML page of a graph that opens offline, from a file.

    GRAPH is a Turtle file (default: exports/kg.ttl). The page starts from an
    overview: the most central actors, agreements and issues, with pledges,
    stances, parties and memberships drawn as weighted links between them and
    the count of what is hidden; a click on a node adds its pledges and stances
    with their sentences. With --types, every node of those classes is drawn;
    with --focus, only the nodes within --depth steps of the named node.

    \b
    Example:
        kg viz --out japan.html --focus Japan --depth 2
        kg viz out/kg.ttl --types Actor,Agreement --out actors.html
    """
    from .graph.files import write_atomically
    from .graph.store import StoreError, open_graph
    from .see.overview import Overview
    from .see.page import MAX_NODES, OVERVIEW_NODES, VizError, make_page, overview_page
    from .see.view import GraphReadError, graph_view, read_graph

    graph = default_graph(graph)
    if title is None:
        title = f"kg graph: {focus}" if focus else "kg graph"
    try:
        if focus is None and not types:   # the overview, from the compact view in the store's index
            page = overview_page(Overview.of_store(open_graph(graph)), title=title,
                                 max_nodes=max_nodes or OVERVIEW_NODES)
        else:
            page = make_page(graph_view(read_graph(graph)), title=title, types=list(types) or None,
                             focus=focus, depth=depth, max_nodes=max_nodes or MAX_NODES)
        write_atomically(out, page.html.encode("utf-8"))
    except (GraphReadError, VizError, StoreError) as e:
        raise click.ClickException(str(e)) from e
    except OSError as e:
        raise _cannot_write(e, out) from e
    if page.total > page.nodes:
        what = " hidden: a click on a node adds its pledges and stances" if focus is None and not types else \
            " left out: over the cap"
        left_out = f" ({page.total - page.nodes}{what})"
    else:
        left_out = ""
    click.echo(f"wrote {clean(str(out))}: {page.nodes} nodes, {page.edges} edges{left_out}")


EXPORT_FORMATS = ("jsonld", "nt", "trig", "graphml", "gexf", "csv", "neo4j")  # kg.see.export.EXPORTERS


@main.command("export")
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="jsonld, nt (sorted), trig: RDF; graphml, gexf: networks for Gephi and Cytoscape; "
                   "csv: nodes.csv and edges.csv; neo4j: CSV for neo4j-admin import.")
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="The file (a folder for csv and neo4j) to write; default: beside GRAPH, "
                   "kg.jsonld, kg.nt, kg.trig, kg.graphml, kg.gexf, csv/ or neo4j/.")
def export_command(graph: Path | None, fmt: str, out: Path | None) -> None:
    """Write a graph (default: exports/kg.ttl) in another format, for other tools.

    \b
    Example:
        kg export --format jsonld                   # exports/kg.jsonld
        kg export --format csv --out tables/        # tables/nodes.csv, tables/edges.csv
        kg export out/kg.ttl --format graphml --out kg.graphml
        kg export --format neo4j                    # exports/neo4j/, for neo4j-admin database import
    """
    from .see.export import EXPORTERS, ExportError, export
    from .see.view import GraphReadError, read_graph

    graph = default_graph(graph)
    try:
        g = read_graph(graph)
        written = export(g, out or graph.parent / EXPORTERS[fmt].default, fmt)
    except (GraphReadError, ExportError, OSError) as e:
        raise click.ClickException(str(e)) from e
    for path in written:
        click.echo(f"wrote {path}")


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _limit_options(command):
    """--timeout and --memory: the limits every query runs under (kg.ask.limits)."""
    from .ask.limits import MEMORY_MB, TIMEOUT
    command = click.option("--memory", "memory_mb", type=click.IntRange(min=0), default=MEMORY_MB, show_default=True,
                           help="Stop a query whose worker goes over this many MB of memory (0: no ceiling).")(command)
    return click.option("--timeout", type=click.FloatRange(min=0), default=TIMEOUT, show_default=True,
                        help="Stop a query still running after this many seconds (0: no limit).")(command)


@main.command()
@click.argument("query_arg", metavar="QUERY", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A value for the query's ?NAME (repeatable); a saved query's names are resolved to IRIs.")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The Turtle graph to query (default: exports/kg.ttl).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld"]),
              default="table", show_default=True,
              help="SELECT and ASK: table, csv, tsv, json or xml (SPARQL 1.1 results); "
                   "CONSTRUCT and DESCRIBE: turtle (also for table), nt or jsonld.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="Print at most N rows.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip the first N rows.")
@click.option("--allow-service", is_flag=True, help="Let SERVICE call other endpoints (off by default).")
@_limit_options
@click.option("--list", "list_queries", is_flag=True, help="List the saved queries of ontology/queries/.")
def query(query_arg: str | None, params: tuple[str, ...], data: Path | None, fmt: str, limit: int | None,
          offset: int, allow_service: bool, timeout: float, memory_mb: int, list_queries: bool) -> None:
    """Ask the graph in SPARQL: a saved query's name, a .rq file or SPARQL text.

    Saved queries live in ontology/queries/ (`kg query --list`); the names
    they take (an actor, an agreement, an issue) are found as `kg neighbors`
    finds them and bound as IRIs. Prefixes such as kgo:, kga:, rdfs: and
    skos: need no declaration. Rows are printed as they come (a table once
    read). Answers come from the store beside the graph (kg.store/), rebuilt
    when the graph is newer. kg query is read-only; every query runs under
    --timeout and --memory, and Ctrl-C stops it.

    \b
    Example:
        kg query pledges-by-actor --param actor=Japan
        kg query agreements-timeline --format csv --limit 10 --offset 20
        kg query 'SELECT ?a WHERE { ?a a kgo:Country }' --data out/kg.ttl
    """
    from .ask.limits import LimitError, run_limited
    from .ask.names import UnresolvedName
    from .ask.sparql import QueryError, answer_to, list_saved, request, saved_queries
    from .graph.store import StoreError

    if list_queries:
        click.echo(list_saved(saved_queries()), nl=False)
        return
    if not query_arg:
        raise click.UsageError("give a QUERY (SPARQL text, a .rq file or a saved query's name), or --list")
    if query_arg == "-":
        query_arg = click.get_text_stream("stdin").read()
    from .graph.store import ensure_current

    try:
        graph = default_graph(data, "--data FILE")
        req = request(query_arg, params, allow_service)
        # the store is (re)built here, before the worker starts: a build is not a query, and a
        # process forked from one holding the engine's threads must not build one
        ensure_current(graph, note=lambda line: click.echo(line, err=True))
        run_limited(lambda out: answer_to(out, req, graph, fmt, limit, offset),
                    lambda chunk: click.echo(chunk, nl=False), timeout=timeout, memory_mb=memory_mb,
                    errors=(QueryError, StoreError, UnresolvedName), what=req.where)
    except (QueryError, StoreError) as e:
        raise click.ClickException(str(e)) from e
    except LimitError as e:
        err = click.ClickException(str(e))
        err.exit_code = e.status
        raise err from e


@main.command()
@click.argument("name")
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many steps to walk from the node.")
@click.option("--relation", "relations", multiple=True,
              help="Walk only these relations (party, kgo:pledgedBy, co-party; comma-separated or repeated).")
@click.option("--type", "types", multiple=True,
              help="List only neighbours of these classes (Agreement, Actor, Pledge; comma-separated or repeated).")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The Turtle graph to read (default: exports/kg.ttl).")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="List the first N neighbours of each relation by name, with how many there are (0: all).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def neighbors(name: str, depth: int, relations: tuple[str, ...], types: tuple[str, ...], data: Path | None,
              limit: int, fmt: str) -> None:
    """What one entity is linked to: each neighbour with the relation, direction, class and evidence.

    NAME is a label, an alias ("MITI", "U.S.") or an IRI (kga:japan), in any
    case. Actors sharing an agreement or a pledge with it are listed as
    co-party and co-pledger; pledges and stances show the sentence they were
    read from and its document. Each relation shows how many neighbours it
    has and lists the first --limit by name.

    \b
    Example:
        kg neighbors Japan
        kg neighbors MITI --type Pledge --format csv
        kg neighbors "U.S." --relation party --depth 2
    """
    from .ask.neighbors import UnresolvedName, report
    from .graph.store import StoreError, ensure_current

    try:
        graph = default_graph(data, "--data FILE")
        ensure_current(graph, note=lambda line: click.echo(line, err=True))
        text = report(graph, name, depth=depth, relations=_split(relations),
                      types=_split(types), fmt=fmt, limit=limit)
    except (UnresolvedName, StoreError) as e:
        raise click.ClickException(str(e)) from e
    click.echo(text, nl=False)



@main.command()
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The Turtle graph to serve (default: exports/kg.ttl).")
@click.option("--port", type=click.IntRange(min=1, max=65535), default=7878, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; another than loopback only when asked for.")
@_limit_options
def serve(data: Path | None, port: int, host: str, timeout: float, memory_mb: int) -> None:
    """Serve a build read-only as a SPARQL 1.1 endpoint, by Oxigraph's own server.

    The endpoint is http://127.0.0.1:7878/query (SPARQL 1.1 Protocol); kg
    prints it with the URL of each saved query, its example's names bound.
    Queries stop at --timeout; the server is restarted when it goes over
    --memory. Ctrl-C stops it.

    \b
    Example:
        kg serve
        kg serve --data out/kg.ttl --port 8000
    """
    from .ask.endpoint import EndpointError, stop_on_terminate
    from .ask.endpoint import serve as run_server
    from .ask.names import UnresolvedName
    from .ask.sparql import QueryError, portable, saved_queries
    from .graph.store import StoreError, ensure_current, open_graph, store_path

    data = default_graph(data, "--data FILE")
    try:
        if not ensure_current(data, note=lambda line: click.echo(line, err=True)):
            raise click.ClickException(f"cannot build the store beside {data}: its folder is read-only")
        graph = open_graph(data)
        queries = []
        for q in saved_queries():
            try:
                queries.append((q.name, portable(graph, q)))
            except (UnresolvedName, QueryError):
                continue  # its example names nothing in this graph
        del graph  # the server opens the store itself
        stop_on_terminate()
        run_server(store_path(data), lambda line: click.echo(line), host=host, port=port, timeout=timeout,
                   memory_mb=memory_mb, queries=queries)
    except (EndpointError, StoreError) as e:
        raise click.ClickException(str(e)) from e


@main.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="A SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph: http://HOST:PORT/store).")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The Turtle graph to push (default: exports/kg.ttl).")
@click.option("--graph", "graph_iri", default=None, metavar="IRI",
              help="The named graph to replace (default: https://w3id.org/kg/graph/ and the build folder's name).")
@click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Give up on an endpoint that has not answered after this many seconds.")
def push(endpoint: str, data: Path | None, graph_iri: str | None, timeout: float) -> None:
    """Load a build into a SPARQL Graph Store as one named graph per corpus.

    The whole Turtle goes in one PUT: the server replaces the named graph
    only once it holds the new one, so a failed push leaves the old one. An
    endpoint that is down, slow or refuses is one line and exit status 2.

    \b
    Example:
        kg push --endpoint http://127.0.0.1:7878/store
        kg push --endpoint http://localhost:3030/kg/data --data out/kg.ttl --graph https://example.org/archive
    """
    from .ask.endpoint import EndpointError
    from .ask.endpoint import push as run_push

    data = default_graph(data, "--data FILE")
    if not data.exists():
        raise click.ClickException(f"no graph at {data}: run `kg build` first")
    try:
        graph, size = run_push(data, endpoint, graph_iri, timeout)
    except EndpointError as e:
        err = click.ClickException(str(e))
        err.exit_code = 2
        raise err from e
    click.echo(f"pushed {data} ({size} bytes) to {endpoint} as the graph <{graph}>")


if __name__ == "__main__":  # pragma: no cover
    main()
