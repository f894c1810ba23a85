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

from .ask.output import fit_lines, json_text
from .model.resources import ONTOLOGY_DIR, ROOT

DEFAULT_SOURCE = ROOT / "seeds"
DEFAULT_OUT = ROOT / "exports"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """kg: a knowledge graph of actors, agreements, sectors, issues, pledges and
    stances read from diplomatic and trade documents."""


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
              help="Refuse documents longer than this many words (default 60,000: about a minute each).")
@click.option("--workers", type=int, default=None,
              help="Analyse documents in N processes of a local Dask cluster (default 1: no Dask).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Send the documents to the workers of a running Dask scheduler.")
@click.option("--no-cache", is_flag=True,
              help="Analyse every document again instead of reusing the findings kept in OUT/kg.cache/.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print the summary (json: counts and skipped files).")
def build(source: Path | None, out: Path | None, quiet: bool, verbose: bool, strict: bool, follow_links: bool,
          max_words: int | None, workers: int | None, scheduler: str | None, no_cache: bool, fmt: str) -> None:
    """Build the graph of a folder of documents (default: seeds/) into OUT/kg.ttl.

    Every file that cannot be read is named with the reason, and the rest is
    built. The graph is checked against the shapes of ontology/shapes.ttl
    before it replaces OUT/kg.ttl, so a failed build leaves the old one whole.
    What each document was found to say is kept in OUT/kg.cache/, so a rebuild
    analyses only new or changed documents. Exit status: 0 when every file was
    built, 1 when one was skipped or the build failed, 2 for options that do
    not go together or a Dask cluster that cannot be used.

    \b
    Example:
        kg build                          # seeds/ -> exports/kg.ttl
        kg build path/to/docs --out out/  # a folder of text, PDF, HTML, Word files
        kg build archive/ --out out/ --strict
        kg build archive/ --workers 2     # two processes
        kg build archive/ --scheduler tcp://127.0.0.1:8786
    """
    from .ask.output import BuildProgress
    from .build import ShapeViolations, write
    from .build import build as run_build
    from .read.corpus import shown
    from .run.cluster import ClusterError
    from .see.page import write_graph_page

    if workers is not None and workers < 1:
        raise BadBuildOptions(f"--workers must be 1 or more, not {workers}")
    if workers is not None and scheduler:
        raise BadBuildOptions("--workers and --scheduler do not go together: "
                              "a scheduler's cluster has the workers it has")
    source = source or DEFAULT_SOURCE
    out = out or DEFAULT_OUT
    shows = BuildProgress(quiet=quiet, lines=verbose)

    def on_done(p: Path, doc, found, cached: bool) -> None:
        words = len(doc.text.split())
        shows.done(words)
        if verbose:
            shows.note(f"    {shown(p, source)}: {words} words, {len(found.mentions)} mentions, "
                       f"{len(found.pledges)} pledges, {len(found.stances)} stances"
                       f"{' (from the cache)' if cached else ''}")

    def on_skip(p: Path, reason: str) -> None:
        shows.note(f"skipped {shown(p, source)}: {reason}")
        shows.done(0)

    def on_warn(p: Path, warning: str) -> None:
        shows.note(f"warning {shown(p, source)}: {warning}")

    try:
        with shows:
            result = run_build(source, progress=lambda p: shows.reading(shown(p, source)), on_skip=on_skip,
                               strict=strict, on_warn=on_warn, follow_links=follow_links, max_words=max_words,
                               workers=workers or 1, scheduler=scheduler,
                               cache=None if no_cache else out, on_total=shows.total, on_done=on_done)
    except ClusterError as e:
        raise BadBuildOptions(f"{e}: nothing written, {out} left as it was") from None
    except RuntimeError as e:
        raise click.ClickException(str(e)) from e
    if strict and result.skipped:
        raise click.ClickException(f"{_files(len(result.skipped))} skipped (--strict): nothing written, "
                                   f"{out} left as it was")
    if not result.documents:
        raise click.ClickException(f"no document could be read in {source} ({_files(len(result.skipped))} "
                                   f"skipped): nothing written, {out} left as it was")
    written = time.perf_counter()
    try:
        target = write(result, out)
    except ShapeViolations as e:
        for v in e.violations:
            click.echo(str(v), err=True)
        raise click.ClickException(f"{e}: nothing written, {out} left as it was") from e
    page = write_graph_page(out / "graph.html", result.graph)  # the interactive page beside the Turtle
    reduce_seconds = result.seconds - result.map_seconds + time.perf_counter() - written
    counts = result.counts()
    cache = result.cache
    if fmt == "json":
        click.echo(json_text({
            "documents": len(result.documents), "words": result.words, "analysed": result.analysed,
            "from_cache": len(result.documents) - result.analysed, "workers": result.workers,
            "counts": dict(sorted(counts.items())), "triples": len(result.graph),
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
        click.echo(f"pledges {pledges}, stances {counts.get('Stance', 0)}, triples {len(result.graph)}")
        click.echo("checked against the shapes of ontology/shapes.ttl: no violations")
        click.echo(f"wrote {target} in {result.seconds:.1f} s")
        click.echo(f"wrote {out / 'graph.html'} ({page.nodes} nodes, {page.edges} edges)")
    if result.skipped:
        sys.exit(1)


def _workers(n: int, scheduler: str | None) -> str:
    where = f" of {scheduler}" if scheduler else ""
    return f"{n} worker{'s' if n != 1 else ''}{where}" if scheduler or n > 1 else "this process"


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

    graph = graph or DEFAULT_OUT / "kg.ttl"
    if not graph.exists():
        raise click.ClickException(f"no graph at {graph}: run `kg build` first")
    # an ill-formed literal is reported below as a violation, in words, not as a logged traceback
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
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
            click.echo(str(v))
    else:
        click.echo(f"{graph}: conforms to the shapes ({len(g)} triples)")
    if violations:
        click.echo(f"{graph}: {len(violations)} violations", err=True)
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

    paths = list(graphs) or [DEFAULT_OUT / "kg.ttl", ONTOLOGY_DIR]
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
        click.echo(format_table(scores))
        if errors:
            click.echo("\n" + format_errors(scores, _split(error_types)), nl=False)


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
    from .see.analytics import format_table, stats_report
    from .see.view import GraphReadError, graph_view, read_graph
    from .graph.rdf import write_atomically

    graph = graph or DEFAULT_OUT / "kg.ttl"
    try:
        report = stats_report(graph_view(read_graph(graph)), top=top)
    except GraphReadError as e:
        raise click.ClickException(str(e)) from e
    text = json_text(report, indent=2)
    if out is not None:
        write_atomically(out, text.encode("utf-8"))
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
              help="Draw at most this many nodes (default 3000); the page says what it left out.")
@click.option("--title", default=None, help="The page's title.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=Path("graph.html"),
              show_default=True, help="The HTML file to write.")
def viz(graph: Path | None, focus: str | None, depth: int, types: tuple[str, ...], max_nodes: int | None,
        title: str | None, out: Path) -> None:
    """Write an interactive HTML page of a graph that opens offline, from a file.

    GRAPH is a Turtle file (default: exports/kg.ttl). The page draws every
    class but documents unless --types says otherwise; with --focus, only the
    nodes within --depth steps of the named node.

    \b
    Example:
        kg viz --out japan.html --focus Japan --depth 2
        kg viz out/kg.ttl --types Actor,Agreement --out actors.html
    """
    from .see.view import GraphReadError, read_graph
    from .see.page import MAX_NODES, VizError, write_graph_page

    graph = graph or DEFAULT_OUT / "kg.ttl"
    if title is None:
        title = f"kg graph: {focus}" if focus else "kg graph"
    try:
        page = write_graph_page(out, read_graph(graph), title=title, types=list(types) or None,
                                focus=focus, depth=depth, max_nodes=max_nodes or MAX_NODES)
    except (GraphReadError, VizError) as e:
        raise click.ClickException(str(e)) from e
    left_out = f" ({page.total - page.nodes} left out: over the cap)" if page.total > page.nodes else ""
    click.echo(f"wrote {out}: {page.nodes} nodes, {page.edges} edges{left_out}")


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@main.command()
@click.argument("query_arg", metavar="QUERY", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A value for the query's ?NAME, bound as a string (repeatable).")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The Turtle graph to query (default: exports/kg.ttl).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="How to print SELECT and ASK results (json: SPARQL 1.1 results).")
@click.option("--list", "list_queries", is_flag=True, help="List the saved queries of ontology/queries/.")
def query(query_arg: str | None, params: tuple[str, ...], data: Path | None, fmt: str, list_queries: bool) -> None:
    """Ask the graph in SPARQL: a saved query's name, a .rq file or SPARQL text.

    Saved queries live in ontology/queries/ (`kg query --list`). Prefixes such
    as kgo:, kga:, rdfs: and skos: need no declaration. CONSTRUCT and DESCRIBE
    print Turtle. Answers come from the store beside the graph (kg.store/),
    rebuilt when the graph is newer.

    \b
    Example:
        kg query pledges-by-actor --param actor=Japan
        kg query agreements-timeline --format csv
        kg query 'SELECT ?a WHERE { ?a a kgo:Country }' --data out/kg.ttl
    """
    from .ask.sparql import QueryError, answer, format_answer, list_saved, saved_queries
    from .graph.store import StoreError

    if list_queries:
        click.echo(list_saved(saved_queries()), nl=False)
        return
    if not query_arg:
        raise click.UsageError("give a QUERY (SPARQL text, a .rq file or a saved query's name), or --list")
    if query_arg == "-":
        query_arg = click.get_text_stream("stdin").read()
    try:
        result, prefixes = answer(query_arg, params, data or DEFAULT_OUT / "kg.ttl")
    except (QueryError, StoreError) as e:
        raise click.ClickException(str(e)) from e
    click.echo(format_answer(result, fmt, prefixes), nl=False)


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
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def neighbors(name: str, depth: int, relations: tuple[str, ...], types: tuple[str, ...], data: Path | None,
              fmt: str) -> None:
    """What one entity is linked to: each neighbour with the relation, direction, class and evidence.

    NAME is a label, an alias ("MITI", "U.S.") or an IRI (kga:japan), in any
    case. Actors sharing an agreement or a pledge with it are listed as
    co-party and co-pledger; pledges and stances show the sentence they were
    read from and its document.

    \b
    Example:
        kg neighbors Japan
        kg neighbors MITI --type Pledge --format csv
        kg neighbors "U.S." --relation party --depth 2
    """
    from .ask.neighbors import AmbiguousName, NameNotFound, report
    from .graph.store import StoreError

    try:
        text = report(data or DEFAULT_OUT / "kg.ttl", name, depth=depth, relations=_split(relations),
                      types=_split(types), fmt=fmt)
    except (NameNotFound, AmbiguousName, StoreError) as e:
        raise click.ClickException(str(e)) from e
    click.echo(text, nl=False)



if __name__ == "__main__":  # pragma: no cover
    main()
