"""A build over HTTP: `kg serve` (a read-only SPARQL endpoint) and `kg push` (to any Graph Store).

`kg serve` runs Oxigraph's own server, `oxigraph serve-read-only` of the `oxigraph`
package, over the store beside the Turtle (the graph and the ontology's schema; kg's
own index is a file beside them, not a graph), on 127.0.0.1 unless told otherwise.
The SPARQL 1.1 Protocol endpoint is `/query`, as Oxigraph has it. Oxigraph stops a
query at `--timeout-s`; the memory ceiling is kept from outside: the server is
restarted when it goes over it.

`kg push` loads a build into a SPARQL 1.1 Graph Store Protocol server (Oxigraph's
`/store`, Fuseki's `/DATASET/data`, GraphDB's `/repositories/ID/rdf-graphs/service`)
as one named graph per corpus, by one `PUT` of the whole Turtle: the server replaces
the graph only once it holds the new one, so a push that fails leaves the old one.

Only the standard library speaks HTTP here.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

LOOPBACK = "127.0.0.1"
PORT = 7878
GRAPH_BASE = "https://w3id.org/kg/graph/"
TURTLE = "text/turtle"


class EndpointError(Exception):
    """An endpoint that is down, slow or refuses, or a server that cannot start: one line."""


def oxigraph_command() -> str:
    """The `oxigraph` program of the `oxigraph` package: beside this Python, or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise EndpointError("Oxigraph's server is not installed: pip install oxigraph")
    return found


def free_port(host: str = LOOPBACK) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_for_port(host: str, port: int, process: subprocess.Popen, timeout: float = 30.0) -> None:
    """Return once the server accepts connections; EndpointError when it ends or takes too long."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
            raise EndpointError(f"the server did not start: {' '.join(err.split())[:300] or 'it ended'}")
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise EndpointError(f"the server did not answer on {host}:{port} within {timeout:g} s")


def start_server(location: Path, host: str = LOOPBACK, port: int = PORT, timeout: float | None = None,
                 read_only: bool = True) -> subprocess.Popen:
    """Start Oxigraph's server on the store at `location`; returns once it answers."""
    cmd = [oxigraph_command(), "serve-read-only" if read_only else "serve", "--location", str(location),
           "--bind", f"{host}:{port}"]
    if timeout:
        cmd += ["--timeout-s", str(max(1, round(timeout)))]
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_for_port(host, port, process)
    except BaseException:
        stop_server(process)
        raise
    return process


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def query_url(base: str, text: str) -> str:
    """The GET URL of a query on a SPARQL 1.1 Protocol endpoint, its comment lines left out."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#") and line.strip()]
    return base + "?" + urllib.parse.urlencode({"query": "\n".join(lines)})


def serve(location: Path, say: Callable[[str], None], host: str = LOOPBACK, port: int = PORT,
          timeout: float | None = None, memory_mb: int | None = None, queries: list[tuple[str, str]] = ()) -> None:
    """Serve the store at `location` read-only until Ctrl-C; `queries` are (name, text) whose
    URLs are printed.

    Oxigraph's own time limit (`--timeout-s`) is checked only at some steps of a query (a
    sort runs past it), so the limits are also kept from outside: a server that has been
    answering a connection and working without a pause for longer than `timeout` (and two
    seconds more) is running a query past it, and one over `memory_mb` of resident memory is
    over the ceiling; either is restarted, which stops that query, and says so."""
    import psutil
    process = start_server(location, host, port, timeout)
    base = f"http://{host if ':' not in host else '[' + host + ']'}:{port}/query"
    say(f"serving {location} read-only at {base} (SPARQL 1.1 Protocol); Ctrl-C stops it")
    for name, text in queries:
        say(f"  {name}: {query_url(base, text)}")
    tick, busy = 0.25, 0.0
    try:
        watched = psutil.Process(process.pid)
        last = sum(watched.cpu_times()[:2])
        while True:
            time.sleep(tick)
            if process.poll() is not None:
                raise EndpointError(f"the server ended (exit status {process.returncode})")
            try:
                cpu = sum(watched.cpu_times()[:2])
                rss = watched.memory_info().rss
                answering = any(c.status == psutil.CONN_ESTABLISHED for c in watched.net_connections("tcp"))
            except psutil.Error:
                cpu, rss, answering = last, 0, False
            # answering a client and working (on a shared machine a core is not all its own)
            busy = busy + tick if answering and cpu - last > 0.02 * tick else 0.0
            last = cpu
            why = None
            if memory_mb and rss > memory_mb * 1024 * 1024:
                why = f"the server went over {memory_mb} MB of memory (--memory)"
            elif timeout and busy > timeout + 2:
                why = f"a query ran past {timeout:g} s (--timeout)"
            if why:
                process.kill()
                process.wait()
                process = start_server(location, host, port, timeout)
                watched, busy = psutil.Process(process.pid), 0.0
                last = sum(watched.cpu_times()[:2])
                say(f"{why}: restarted, the query it was answering stopped")
    except KeyboardInterrupt:
        say("stopped")
    finally:
        stop_server(process)


def _request(req: urllib.request.Request, timeout: float | None, what: str) -> bytes:
    try:
        with urllib.request.urlopen(req, timeout=timeout or None) as r:
            return r.read()
    except urllib.error.HTTPError as e:
        body = " ".join(e.read().decode("utf-8", "replace").split())[:200]
        raise EndpointError(f"{what}: the endpoint refused it ({e.code} {e.reason}){': ' + body if body else ''}") from e
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise EndpointError(f"{what}: no answer within {timeout:g} s (--timeout)") from e
        raise EndpointError(f"{what}: cannot reach {req.full_url.split('?')[0]} ({reason})") from e
    except (TimeoutError, socket.timeout) as e:
        raise EndpointError(f"{what}: no answer within {timeout:g} s (--timeout)") from e
    except (OSError, ValueError) as e:
        raise EndpointError(f"{what}: {e}") from e


def graph_name(turtle: Path) -> str:
    """The named graph of a corpus: from the name of the folder its build is in (`out/kg.ttl` -> .../out)."""
    folder = Path(turtle).resolve().parent.name or "kg"
    return GRAPH_BASE + (re.sub(r"[^A-Za-z0-9._-]+", "-", folder).strip("-") or "kg")


def push(turtle: Path, endpoint: str, graph: str | None = None, timeout: float | None = 60.0) -> tuple[str, int]:
    """PUT the Turtle of a build as the named graph `graph` of a Graph Store Protocol endpoint;
    returns the graph's IRI and the bytes sent."""
    if not re.match(r"https?://", endpoint):
        raise EndpointError(f"--endpoint takes an http:// or https:// URL, not {endpoint!r}")
    turtle = Path(turtle)
    try:
        data = turtle.read_bytes()
    except OSError as e:
        raise EndpointError(f"cannot read {turtle}: {e.strerror or e}") from e
    graph = graph or graph_name(turtle)
    sep = "&" if "?" in endpoint else "?"
    url = endpoint + sep + urllib.parse.urlencode({"graph": graph})
    req = urllib.request.Request(url, data=data, method="PUT", headers={"Content-Type": TURTLE})
    _request(req, timeout, f"push to {endpoint}")
    return graph, len(data)


def http_query(endpoint: str, text: str, accept: str = "application/sparql-results+json",
               default_graph: str | None = None, timeout: float | None = 60.0) -> bytes:
    """POST a query to a SPARQL 1.1 Protocol endpoint; the answer's bytes."""
    form = {"query": text}
    if default_graph:
        form["default-graph-uri"] = default_graph
    req = urllib.request.Request(endpoint, data=urllib.parse.urlencode(form).encode("ascii"), method="POST",
                                 headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
    return _request(req, timeout, f"query on {endpoint}")


def _interrupt_as_keyboard(signum, frame):  # pragma: no cover - a signal handler
    raise KeyboardInterrupt


def stop_on_terminate() -> None:
    """Let SIGTERM stop `kg serve` as Ctrl-C does (its server stopped with it)."""
    signal.signal(signal.SIGTERM, _interrupt_as_keyboard)
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
