"""The `kg` command line: thin, delegating to the library.

Heavy libraries (spaCy, rdflib) are imported inside the commands that need
them, so that `kg --help` answers at once.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from .ask.output import clean, fit_lines, json_text
from .model.resources import ONTOLOGY_DIR, ROOT

DEFAULT_SOURCE = ROOT / "seeds"
DEFAULT_OUT = ROOT / "exports"


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


@main.command()
@click.argument("source", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write kg.ttl into (default: exports/ beside seeds/).")
@click.option("--quiet", "-q", is_flag=True, help="No progress, only errors and the summary.")
@click.option("--strict", is_flag=True,
              help="Fail if any file is skipped or read with a doubt (a guessed encoding, a suffix that "
                   "lies): nothing is written and OUT is left as it was.")
@click.option("--follow-links", is_flag=True,
              help="Follow symbolic links that lead out of the folder (never to /, /proc, /sys, /dev).")
@click.option("--max-words", type=click.IntRange(min=1), default=None,
              help="Refuse documents longer than this many words (default 60,000: about a minute each).")
def build(source: Path | None, out: Path | None, quiet: bool, strict: bool, follow_links: bool,
          max_words: int | None) -> None:
    """Build the graph of a folder of documents (default: seeds/) into OUT/kg.ttl.

    Every file that cannot be read is named with the reason, and the rest is
    built. The graph is checked against the shapes of ontology/shapes.ttl
    before it replaces OUT/kg.ttl, so a failed build leaves the old one whole.
    Exit status: 0 when every file was built, 1 when one was skipped or the
    build failed, 2 when OUT cannot be written (read-only, full, not a folder,
    not allowed, or another build is writing into it): that is checked before
    any document is read.

    \b
    Example:
        kg build                          # seeds/ -> exports/kg.ttl
        kg build path/to/docs --out out/  # a folder of text, PDF, HTML, Word files
        kg build archive/ --out out/ --strict
    """
    from .graph.files import prepare_out
    from .graph.lock import LockBusy

    source = source or DEFAULT_SOURCE
    out = out or DEFAULT_OUT
    try:  # before any analysis: OUT writable, with room, its files regular, and no other build in it
        lock = prepare_out(out, ["kg.ttl", "graph.html"])
    except LockBusy as e:
        who = f"process {e.holder}" if e.holder else "another process"
        raise FileSystemError(f"another kg build ({who}) is writing into {out}: "
                              "try again when it has ended") from e
    except OSError as e:
        raise _cannot_write(e, out, "; nothing built") from e
    with lock:
        _build_into(source, out, quiet, strict, follow_links, max_words)


def _build_into(source: Path, out: Path, quiet: bool, strict: bool, follow_links: bool,
                max_words: int | None) -> None:
    from .build import ShapeViolations, write
    from .build import build as run_build
    from .graph.store import StoreError
    from .read.corpus import shown
    from .see.page import graph_page

    err = lambda msg: click.echo(msg, err=True)  # noqa: E731
    seen = [0]

    def progress(p: Path) -> None:
        seen[0] += 1
        if not quiet:
            err(f"[{seen[0]}] {clean(shown(p, source))}")

    def on_skip(p: Path, reason: str) -> None:
        err(f"skipped {clean(shown(p, source))}: {clean(reason, spaces=True)}")

    def on_warn(p: Path, warning: str) -> None:
        err(f"warning {clean(shown(p, source))}: {clean(warning, spaces=True)}")

    try:
        result = run_build(source, progress=progress, on_skip=on_skip, strict=strict, on_warn=on_warn,
                           follow_links=follow_links, max_words=max_words)
    except RuntimeError as e:
        raise click.ClickException(str(e)) from e
    if strict and result.skipped:
        raise click.ClickException(f"{_files(len(result.skipped))} skipped (--strict): nothing written, "
                                   f"{out} left as it was")
    if not result.documents:
        raise click.ClickException(f"no document could be read in {source} ({_files(len(result.skipped))} "
                                   f"skipped): nothing written, {out} left as it was")
    page = graph_page(result.graph)  # the interactive page, written beside the Turtle
    before = _identity(out / "kg.ttl")
    try:
        target = write(result, out, beside={"graph.html": page.html.encode("utf-8")})
    except ShapeViolations as e:
        for v in e.violations:
            err(clean(str(v), spaces=True))
        raise click.ClickException(f"{e}: nothing written, {out} left as it was") from e
    except (OSError, StoreError) as e:
        cause = e if isinstance(e, OSError) else e.__cause__  # a store that could not be written
        if not isinstance(cause, OSError):
            raise click.ClickException(str(e)) from e
        if _identity(out / "kg.ttl") == before:
            raise _cannot_write(cause, out, f"; nothing written, {out} left as it was") from e
        raise _cannot_write(cause, out, " (the new kg.ttl and graph.html are written; the store is rebuilt "
                                        "by the next query)") from e
    counts = result.counts()
    pledges = counts.get("Pledge", 0)
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k not in ("Pledge", "Stance", "Document"))
    click.echo(f"read {len(result.documents)} documents ({result.words} words), skipped {len(result.skipped)}")
    click.echo(f"entities: {kinds}")
    click.echo(f"pledges {pledges}, stances {counts.get('Stance', 0)}, triples {len(result.graph)}")
    click.echo("checked against the shapes of ontology/shapes.ttl: no violations")
    click.echo(f"wrote {clean(str(target))} in {result.seconds:.1f} s")
    click.echo(f"wrote {clean(str(out / 'graph.html'))} ({page.nodes} nodes, {page.edges} edges)")
    if result.skipped:
        sys.exit(1)


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

    graph = graph or DEFAULT_OUT / "kg.ttl"
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
    from .see.analytics import format_table, stats_report
    from .see.view import GraphReadError, graph_view, read_graph
    from .graph.files import write_atomically

    graph = graph or DEFAULT_OUT / "kg.ttl"
    try:
        report = stats_report(graph_view(read_graph(graph)), top=top)
    except GraphReadError as e:
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
    except OSError as e:
        raise _cannot_write(e, out) from e
    left_out = f" ({page.total - page.nodes} left out: over the cap)" if page.total > page.nodes else ""
    click.echo(f"wrote {clean(str(out))}: {page.nodes} nodes, {page.edges} edges{left_out}")


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
