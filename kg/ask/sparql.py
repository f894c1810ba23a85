"""SPARQL over the graph: saved queries, parameters bound as values, and result formats.

A query is SPARQL text, a `.rq` file or the name of a saved query in
`ontology/queries/`. A saved query opens with comment lines: the first says
what it answers, `# @param NAME description` declares each parameter and
`# @example ...` shows a call. A parameter declared with a class
(`# @param actor kgo:Actor ...`) is a name: it is resolved once, through the
store's name index (`kg.ask.names`, as `kg neighbors` finds names), to the IRI
of the one node of that class it names, and that IRI is bound; other
parameters are bound as string literals. Values are bound through the engine
(pyoxigraph's `substitutions=`, rdflib's `initBindings=`), never pasted into
the query text, so a name holding quotes or braces is only a name. The same
bindings written as a `VALUES` block (`with_values`) let any SPARQL endpoint
run a saved query's text.

Answers come from the pyoxigraph store (`kg.store`); `run_rdflib` answers the
same queries with rdflib, so that the two engines can be checked against each
other. Both give an `Answer` whose terms are SPARQL 1.1 JSON result terms.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path

from ..graph.prefixes import compact
from ..model.resources import QUERIES_DIR
from .output import SafeStream, csv_text, escape_data, json_text, pictured, table

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml")  # xml and json: SPARQL 1.1 results
GRAPH_FORMATS = ("turtle", "nt", "jsonld")
FORMATS = SELECT_FORMATS + GRAPH_FORMATS

_SAVED_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_PARAM_LINE = re.compile(r"#\s*@param\s+([A-Za-z_]\w*)(?:\s+([A-Za-z][\w.-]*:[A-Za-z_][\w.-]*|<[^>\s]+>)(?=\s))?\s*(.*)")
_EXAMPLE_LINE = re.compile(r"#\s*@example\s+(.*)")


class QueryError(Exception):
    """A query that cannot be run as asked: one line for the user."""


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    cls: str | None = None  # a class (`kgo:Actor`): the value is a name of a node of that class


class Iri(str):
    """A parameter value that is an IRI (a name resolved to its node), not a string."""


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    description: str
    params: tuple[Param, ...]
    examples: tuple[str, ...]
    text: str


@dataclass
class Answer:
    """The answer of one query: rows of a SELECT, a boolean of an ASK, or triples."""
    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # one JSON term (dict) or None per variable
    boolean: bool | None = None
    triples: list[str] = field(default_factory=list)  # N-Triples lines, sorted


# ------------------------------------------------------------------ saved queries

def parse_header(text: str) -> tuple[str, tuple[Param, ...], tuple[str, ...]]:
    """The description, parameters and examples of the comment lines a query opens with."""
    description: list[str] = []
    params: list[Param] = []
    examples: list[str] = []
    in_description = True
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        if not s.startswith("#"):
            break
        if m := _PARAM_LINE.fullmatch(s):
            params.append(Param(m.group(1), m.group(3).strip(), m.group(2)))
            in_description = False
        elif m := _EXAMPLE_LINE.fullmatch(s):
            examples.append(m.group(1).strip())
            in_description = False
        elif in_description:
            body = s.lstrip("#").strip()
            if body:
                description.append(body)
            elif description:
                in_description = False
    return " ".join(description), tuple(params), tuple(examples)


def load_saved(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    description, params, examples = parse_header(text)
    return SavedQuery(path.stem, path, description, params, examples, text)


def saved_queries(folder: Path = QUERIES_DIR) -> list[SavedQuery]:
    """Every saved query of the folder, by name."""
    return [load_saved(p) for p in sorted(folder.glob("*.rq"))]


def saved_query(name: str, folder: Path = QUERIES_DIR) -> SavedQuery:
    path = folder / f"{name}.rq"
    if path.is_file():
        return load_saved(path)
    names = [p.stem for p in sorted(folder.glob("*.rq"))]
    close = get_close_matches(name, names, n=3, cutoff=0.8)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise QueryError(f"no saved query named {name!r}{hint} (`kg query --list` shows them)")


def resolve_query(arg: str, folder: Path = QUERIES_DIR) -> tuple[str, SavedQuery | None, str]:
    """The SPARQL text QUERY stands for, the saved query it names (if any), and where it came from.

    QUERY is a saved query's name, a path to a `.rq` file, or SPARQL text.
    """
    if _SAVED_NAME.fullmatch(arg) and not Path(arg).is_file():
        q = saved_query(arg, folder)
        return q.text, q, str(q.path)
    if "\n" not in arg and (arg.endswith(".rq") or arg.endswith(".sparql")) or Path(arg).is_file():
        p = Path(arg)
        if not p.is_file():
            raise QueryError(f"no query file at {arg}")
        q = load_saved(p)
        return q.text, (q if q.params else None), str(p)
    return arg, None, "the query"


def parse_params(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`["actor=Japan", ...]` -> `{"actor": "Japan"}`; the value may hold any character, '=' too."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(f"--param takes NAME=VALUE, not {pair!r}")
        params[name] = value
    return params


def check_params(saved: SavedQuery | None, params: dict[str, str]) -> None:
    """A saved query needs exactly its declared parameters."""
    if saved is None:
        return
    declared = [p.name for p in saved.params]
    unknown = [n for n in params if n not in declared]
    if unknown:
        takes = ", ".join(declared) if declared else "no parameters"
        raise QueryError(f"{saved.name} has no parameter {unknown[0]!r} (it takes {takes})")
    for p in saved.params:
        if p.name not in params:
            example = f" (e.g. {saved.examples[0]})" if saved.examples else ""
            raise QueryError(f"{saved.name} needs --param {p.name}=VALUE: {p.description}{example}")


# ------------------------------------------------------------------ running

def _syntax_error(e: Exception, where: str, text: str, prefixes: dict[str, str]) -> QueryError:
    msg = str(e)
    m = re.match(r"error at (\d+):(\d+): (.*)", msg, re.DOTALL)
    if not m:
        return QueryError(f"syntax error in {where}: {msg.splitlines()[0] if msg else e!r}")
    line, col, reason = int(m.group(1)), int(m.group(2)), m.group(3)
    if "Prefix not found" in reason:
        lines = text.splitlines()
        known = set(prefixes) | set(re.findall(r"PREFIX\s+([A-Za-z][\w.-]*)?:", text, re.IGNORECASE))
        before = lines[line - 1][:col] if 0 < line <= len(lines) else ""
        unknown = [p for p in re.findall(r"(?<![\w<?$])([A-Za-z][\w.-]*):", before) if p not in known]
        reason = f"unknown prefix {unknown[-1] + ':'!r}" if unknown else "unknown prefix"
    else:
        reason = reason.splitlines()[0]
        if len(reason) > 120:
            reason = reason[:117] + "..."
    return QueryError(f"syntax error in {where} at line {line}, column {col}: {reason}")


def _ox_rows(solutions):
    """Each solution as a tuple of terms in the SPARQL 1.1 JSON results' form, in the order of
    the result's variables (None where one is unbound), converted as the engine yields them."""
    from pyoxigraph import BlankNode, Literal, NamedNode

    def term(t) -> dict | None:
        if t is None:
            return None
        if isinstance(t, NamedNode):
            return {"type": "uri", "value": t.value}
        if isinstance(t, BlankNode):
            return {"type": "bnode", "value": t.value}
        if isinstance(t, Literal):
            out = {"type": "literal", "value": t.value}
            if t.language:
                out["xml:lang"] = t.language
            elif t.datatype.value != XSD_STRING:
                out["datatype"] = t.datatype.value
            return out
        return {"type": "triple", "value": str(t)}

    for sol in solutions:
        yield tuple(map(term, sol))


def _shown_rows(solutions, prefixes: dict[str, str]):
    """Each solution's terms as `display` shows them, read straight from the engine's terms."""
    from pyoxigraph import BlankNode, Literal, NamedNode

    def shown(t) -> str:
        if t is None:
            return ""
        if isinstance(t, Literal):
            return " ".join(t.value.split())
        if isinstance(t, NamedNode):
            return compact(t.value, prefixes)
        if isinstance(t, BlankNode):
            return "_:" + t.value
        return " ".join(str(t).split())  # a quoted triple

    for sol in solutions:
        yield tuple(map(shown, sol))


# The first keyword of a SPARQL Update request, after its prologue: kg query answers questions only.
_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*", re.IGNORECASE)
# What may hide the word SERVICE without being the keyword: strings, IRIs, comments, names.
_NOT_KEYWORDS = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"'
                           r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*|[?$]\w+|[\w.-]*:[\w.-]*")
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def keywords(text: str) -> str:
    """The query text with its strings, IRIs, comments, variables and prefixed names blanked out."""
    return _NOT_KEYWORDS.sub(" ", text)


def _comments_out(text: str) -> str:
    """The text with its comments blanked out, every other character where it was."""
    return _NOT_KEYWORDS.sub(lambda m: " " * len(m.group(0)) if m.group(0).startswith("#") else m.group(0), text)


def check_query(text: str, allow_service: bool = False, where: str = "the query") -> None:
    """Refuse what kg query does not run: updates (it is read-only) and, unless allowed, SERVICE
    (a query that would reach another server)."""
    body = _comments_out(text)
    rest = body[_PROLOGUE.match(body).end():]
    if _UPDATE.match(rest):
        raise QueryError(f"kg query is read-only: {where} is an update ({_UPDATE.match(rest).group(1).upper()}); "
                         "it runs SELECT, ASK, CONSTRUCT and DESCRIBE")
    if not allow_service and _SERVICE.search(keywords(text)):
        raise QueryError(f"{where} calls another endpoint with SERVICE, which is off: --allow-service turns it on")


def _term(value: str):
    from pyoxigraph import Literal, NamedNode
    return NamedNode(value) if isinstance(value, Iri) else Literal(value)


def with_values(text: str, params: dict[str, str]) -> str:
    """The query with its parameters bound by a VALUES block at the start of its WHERE clause:
    the form any SPARQL endpoint runs (the values written by pyoxigraph, so escaped)."""
    if not params:
        return text
    block = " ".join(f"VALUES ?{k} {{ {_term(v)} }}" for k, v in sorted(params.items()))
    masked = _comments_out(text)
    m = re.search(r"\bWHERE\s*\{", masked, re.IGNORECASE) or \
        re.search(r"\b(?:SELECT|ASK|CONSTRUCT|DESCRIBE)\b[^{]*\{", masked, re.IGNORECASE)
    if m is None:
        raise QueryError("the query has no WHERE clause to bind its parameters in")
    return text[:m.end()] + f"\n  {block}\n" + text[m.end():]


def execute(graph, text: str, params: dict[str, str] | None = None, where: str = "the query"):
    """Start SPARQL on an open store (`kg.graph.store.GraphStore`): the engine's own result,
    read lazily. Parameters are bound as literals, or as IRIs for `Iri` values."""
    from pyoxigraph import Variable

    substitutions = {Variable(k): _term(v) for k, v in (params or {}).items()}
    try:
        return graph.store.query(text, prefixes=graph.prefixes, substitutions=substitutions or None)
    except SyntaxError as e:
        raise _syntax_error(e, where, text, graph.prefixes) from e
    except (RuntimeError, ValueError) as e:
        msg = " ".join(str(e).split())
        m = re.search(r"variable \?(\w+) in its SELECT projection", msg)
        if m:
            raise QueryError(f"parameter {m.group(1)!r} is not a variable the query selects "
                             f"(a parameter ?{m.group(1)} must be among the SELECT variables)") from e
        raise QueryError(f"{where} failed: {msg}") from e
    except OSError as e:
        raise QueryError(f"{where} failed: {' '.join(str(e).split())}") from e


def _reading(results, where: str):
    """The items of a lazy result; an error of the engine while reading them (a SERVICE that
    fails, a store that cannot be read) as one line."""
    try:
        yield from results
    except (OSError, RuntimeError, ValueError, SyntaxError) as e:
        raise QueryError(f"{where} failed while its results were read: {' '.join(str(e).split())}") from e


def run(graph, text: str, params: dict[str, str] | None = None, where: str = "the query") -> Answer:
    """Run SPARQL on an open store and collect the whole answer."""
    from pyoxigraph import QueryBoolean, QuerySolutions

    result = execute(graph, text, params, where)
    if isinstance(result, QueryBoolean):
        return Answer("ask", boolean=bool(result))
    if isinstance(result, QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = list(_ox_rows(_reading(result, where)))
        return Answer("select", variables=variables, rows=rows)
    return Answer("graph", triples=sorted({f"{t} ." for t in _reading(result, where)}))


def _rdflib_term(t) -> dict | None:
    from rdflib import BNode, Literal, URIRef
    if t is None:
        return None
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    if isinstance(t, Literal):
        out = {"type": "literal", "value": str(t)}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype is not None and str(t.datatype) not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = str(t.datatype)
        return out
    return {"type": "literal", "value": str(t)}


def run_rdflib(g, text: str, params: dict[str, str] | None = None, prefixes: dict[str, str] | None = None) -> Answer:
    """Run SPARQL on an rdflib Graph, parameters bound through `initBindings=` (IRIs for `Iri` values)."""
    from rdflib import Literal, Namespace, URIRef, Variable

    bindings = {Variable(k): URIRef(v) if isinstance(v, Iri) else Literal(v) for k, v in (params or {}).items()}
    ns = {k: Namespace(v) for k, v in (prefixes or {}).items()}
    result = g.query(text, initNs=ns, initBindings=bindings)
    if result.type == "ASK":
        return Answer("ask", boolean=bool(result.askAnswer))
    if result.type == "SELECT":
        variables = [str(v) for v in result.vars]
        rows = [tuple(_rdflib_term(row[i]) for i in range(len(variables))) for row in result]
        return Answer("select", variables=variables, rows=rows)
    return Answer("graph", triples=sorted({f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in result.graph}))


# ------------------------------------------------------------------ formatting

def display(term: dict | None, prefixes: dict[str, str]) -> str:
    """A term as a person reads it: prefixed IRIs, literals without quotes, one line."""
    if term is None:
        return ""
    if term["type"] == "uri":
        return compact(term["value"], prefixes)
    if term["type"] == "bnode":
        return "_:" + term["value"]
    return " ".join(term["value"].split())


def _nt_string(value: str) -> str:
    out = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return escape_data(f'"{out}"')


def nt_term(term: dict | None) -> str:
    """A term in N-Triples / SPARQL TSV syntax."""
    if term is None:
        return ""
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return "_:" + term["value"]
    if term["type"] == "triple":
        return f"<< {term['value']} >>"
    s = _nt_string(term["value"])
    if "xml:lang" in term:
        return f"{s}@{term['xml:lang']}"
    if "datatype" in term:
        return f"{s}^^<{term['datatype']}>"
    return s


def format_answer(answer: Answer, fmt: str, prefixes: dict[str, str]) -> str:
    """The answer as text: `table`, `csv`, `tsv` or `json` (SPARQL 1.1 results); graphs as Turtle."""
    if answer.kind == "graph":
        return turtle(answer.triples, prefixes)
    if answer.kind == "ask":
        if fmt == "json":
            return json_text({"head": {}, "boolean": answer.boolean}, indent=None)
        return ("true" if answer.boolean else "false") + "\n"
    if fmt == "json":
        bindings = [{v: t for v, t in zip(answer.variables, row) if t is not None} for row in answer.rows]
        return json_text({"head": {"vars": answer.variables}, "results": {"bindings": bindings}})
    if fmt == "csv":
        return csv_text(answer.variables, [["" if t is None else t["value"] for t in row] for row in answer.rows])
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in answer.variables)]
        lines.extend("\t".join(nt_term(t) for t in row) for row in answer.rows)
        return "\n".join(lines) + "\n"
    return table(answer.variables, [[display(t, prefixes) for t in row] for row in answer.rows])


def turtle(nt_lines: list[str], prefixes: dict[str, str]) -> str:
    """N-Triples lines as Turtle with the graph's prefixes (only those used)."""
    from pyoxigraph import RdfFormat, parse, serialize
    data = "\n".join(nt_lines) + "\n"
    triples = list(parse(data.encode("utf-8"), format=RdfFormat.N_TRIPLES))
    used = {k: v for k, v in prefixes.items() if any(v in line for line in nt_lines)}
    return escape_data(serialize(triples, format=RdfFormat.TURTLE, prefixes=used).decode("utf-8"))


# ------------------------------------------------------------------ writing results as they come

def _results_format(fmt: str):
    from pyoxigraph import QueryResultsFormat
    return {"csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV, "json": QueryResultsFormat.JSON,
            "xml": QueryResultsFormat.XML}[fmt]


def write_result(result, out, fmt: str, prefixes: dict[str, str], limit: int | None = None, offset: int = 0,
                 where: str = "the query") -> None:
    """Write the engine's result to the binary stream `out` in `fmt`, the rows as they come:
    SELECT and ASK as a table, CSV, TSV, JSON or XML (SPARQL 1.1 results, written by
    pyoxigraph), CONSTRUCT and DESCRIBE as Turtle, N-Triples or JSON-LD. `limit` and `offset`
    page the rows (a table is laid out once its page is read)."""
    from itertools import islice

    from pyoxigraph import QueryBoolean, QuerySolutions, RdfFormat, parse_query_results, serialize

    paged = limit is not None or offset
    stop = None if limit is None else offset + limit
    if isinstance(result, QueryBoolean):
        if fmt in GRAPH_FORMATS:
            raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; an ASK answers in table, json or xml")
        if fmt in ("table", "csv", "tsv"):
            out.write(b"true\n" if bool(result) else b"false\n")
        else:
            result.serialize(out, _results_format(fmt))
            out.write(b"\n")
        return
    if isinstance(result, QuerySolutions):
        if fmt in GRAPH_FORMATS:
            raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; a SELECT answers in "
                             f"{', '.join(SELECT_FORMATS)}")
        variables = [v.value for v in result.variables]
        rows = _reading(islice(result, offset, stop) if paged else result, where)
        if fmt == "table":
            out.write(table(variables, list(_shown_rows(rows, prefixes))).encode("utf-8"))
            return
        if paged:  # a page of rows, written by pyoxigraph like a whole result
            lines = ["\t".join("?" + v for v in variables)]
            lines += ["\t".join("" if sol[v] is None else str(sol[v]) for v in variables) for sol in rows]
            result = parse_query_results("\n".join(lines) + "\n", _results_format("tsv"))
        safe = SafeStream(out, pictured if fmt in ("csv", "xml") else escape_data)
        try:
            result.serialize(safe, _results_format(fmt))
            safe.flush()
            if fmt in ("json", "xml"):
                out.write(b"\n")
        except (OSError, RuntimeError, ValueError, SyntaxError) as e:
            raise QueryError(f"{where} failed while its results were read: {' '.join(str(e).split())}") from e
        return
    if fmt in SELECT_FORMATS and fmt != "table":
        raise QueryError(f"--format {fmt} is for SELECT and ASK; a CONSTRUCT or DESCRIBE answers in "
                         f"{', '.join(GRAPH_FORMATS)}")
    triples = _reading(islice(result, offset, stop) if paged else result, where)
    if fmt == "nt":
        for t in triples:
            out.write(f"{t} .\n".encode("utf-8"))
    elif fmt == "jsonld":
        serialize(list(triples), out, RdfFormat.JSON_LD)
        out.write(b"\n")
    else:
        out.write(turtle(sorted({f"{t} ." for t in triples}), prefixes).encode("utf-8"))


# ------------------------------------------------------------------ the command

@dataclass
class Request:
    """A query as asked: its text, the saved query it is (if any), where it came from, its parameters."""
    text: str
    saved: SavedQuery | None
    where: str
    params: dict[str, str]


def request(query: str, pairs: tuple[str, ...] | list[str], allow_service: bool = False) -> Request:
    """What QUERY (a saved query's name, a .rq file or SPARQL text) asks, checked before any store is opened."""
    text, saved, where = resolve_query(query)
    params = parse_params(pairs)
    check_params(saved, params)
    check_query(text, allow_service, where)
    return Request(text, saved, where, params)


def bind_params(graph, saved: SavedQuery | None, params: dict[str, str]) -> dict[str, str]:
    """The values to bind: each name of a class parameter resolved to its node's IRI (raising
    NameNotFound or AmbiguousName), the other parameters as they are."""
    from ..graph.index import StoreView
    from .names import find, resolve_class
    declared = {p.name: p for p in saved.params} if saved else {}
    view = None
    bound: dict[str, str] = {}
    for name, value in params.items():
        cls = declared[name].cls if name in declared else None
        if cls:
            view = view or StoreView(graph)
            bound[name] = Iri(find(view, value, resolve_class(cls, graph.prefixes)).iri)
        else:
            bound[name] = value
    return bound


def bound_query(text: str, params: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The text to run and the values left to bind through the engine: resolved names (IRIs) go
    into a VALUES block, the form an endpoint runs too, and the one Oxigraph plans best (it
    starts from the bound nodes); string values stay bound by the engine, never written."""
    iris = {k: v for k, v in params.items() if isinstance(v, Iri)}
    if not iris:
        return text, params
    return with_values(text, iris), {k: v for k, v in params.items() if k not in iris}


def answer_to(out, req: Request, data: Path, fmt: str = "table", limit: int | None = None, offset: int = 0) -> None:
    """Answer the request on the store of `data`, written to the binary stream `out` as it comes.
    The store is not rebuilt here: this runs in the query's worker process (`ensure_current`
    is the command's, before the worker starts)."""
    from ..graph.store import open_graph
    graph = open_graph(data, rebuild=False)
    text, params = bound_query(req.text, bind_params(graph, req.saved, req.params))
    write_result(execute(graph, text, params, req.where), out, fmt, graph.prefixes, limit, offset, req.where)


def answer(query: str, pairs: tuple[str, ...] | list[str], data: Path) -> tuple[Answer, dict[str, str]]:
    """Run QUERY (a saved query's name, a .rq file or SPARQL text) on the store of `data`, whole."""
    from ..graph.store import open_graph
    req = request(query, pairs)
    graph = open_graph(data)
    text, params = bound_query(req.text, bind_params(graph, req.saved, req.params))
    return run(graph, text, params, req.where), graph.prefixes


def example_params(saved: SavedQuery) -> dict[str, str]:
    """The parameters of a saved query's first example (`--param actor=Japan`)."""
    import shlex
    if not saved.examples:
        return {}
    words = shlex.split(saved.examples[0])
    pairs = [words[i + 1] for i, w in enumerate(words[:-1]) if w in ("--param", "-p")]
    return parse_params(pairs)


def portable(graph, saved: SavedQuery, params: dict[str, str] | None = None) -> str:
    """A saved query's text as any endpoint runs it: its parameters (those given, else its
    example's) resolved and written in a VALUES block."""
    bound = bind_params(graph, saved, example_params(saved) if params is None else params)
    text, rest = bound_query(saved.text, bound)
    return with_values(text, rest)


def list_saved(queries: list[SavedQuery]) -> str:
    """The saved queries, each with what it answers, its parameters and an example."""
    out = []
    for q in queries:
        out.append(q.name)
        out.append(f"    {q.description}")
        for p in q.params:
            of = f" (a name of a {p.cls}, bound as its IRI)" if p.cls else ""
            out.append(f"    --param {p.name}=...  {p.description}{of}")
        for e in q.examples:
            out.append(f"    e.g. {e}")
    return "\n".join(out) + "\n"
