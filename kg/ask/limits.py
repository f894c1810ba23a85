"""Limits on a query: a time limit, a memory ceiling, and Ctrl-C, enforced from outside the engine.

Oxigraph cannot stop a query it is evaluating (a sort or a join runs to its end inside
one call), so a query runs in a worker process: a fork of the command, which opens the
store, runs the query and writes its answer into a pipe. The command reads the pipe and
prints what comes as it comes; it kills the worker when the time limit passes, when the
worker's resident memory goes over the ceiling, or at Ctrl-C, and says so in one line.

The worker reports a failure as one line (an exit status and a message) on a second
pipe; it never prints a traceback.
"""
from __future__ import annotations

import os
import select
import signal
import time
from collections.abc import Callable
from typing import BinaryIO

TIMEOUT = 60.0  # seconds, by default
MEMORY_MB = 4096  # resident memory of the worker, by default
POLL = 0.05  # seconds between two looks at the worker's memory and the clock


class LimitError(Exception):
    """A query stopped or failed: one line for the user, and the exit status."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


def _rss(pid: int) -> int:
    import psutil
    try:
        return psutil.Process(pid).memory_info().rss
    except psutil.Error:
        return 0


def run_limited(job: Callable[[BinaryIO], None], sink: Callable[[bytes], None], timeout: float | None = TIMEOUT,
                memory_mb: int | None = MEMORY_MB, errors: tuple[type[BaseException], ...] = (),
                what: str = "the query") -> None:
    """Run `job(out)` in a worker process, passing what it writes to `out` to `sink` as it comes.

    Raises LimitError when the job fails with one of `errors` (its message), when it runs
    past `timeout` seconds or over `memory_mb` megabytes (0 or None: no limit), or at Ctrl-C."""
    r_out, w_out = os.pipe()
    r_err, w_err = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        os.close(r_out)
        os.close(r_err)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command stops the worker itself
        status, message = 0, ""
        try:
            with os.fdopen(w_out, "wb", buffering=1 << 16) as out:
                job(out)
        except BrokenPipeError:
            pass
        except errors as e:
            status, message = getattr(e, "status", 1), str(e)
        except BaseException as e:  # noqa: BLE001 - reported as one line, never as a traceback
            status, message = 1, f"{what} failed: {type(e).__name__}: {' '.join(str(e).split())}"
        try:
            os.write(w_err, f"{status}\t{message}".encode("utf-8", "replace"))
        finally:
            os._exit(status)
    os.close(w_out)
    os.close(w_err)
    deadline = time.monotonic() + timeout if timeout else None
    ceiling = memory_mb * 1024 * 1024 if memory_mb else None
    stopped: LimitError | None = None
    read_all = False
    try:
        while True:
            ready, _, _ = select.select([r_out], [], [], POLL)
            if ready:
                chunk = os.read(r_out, 1 << 16)
                if not chunk:
                    read_all = True
                    break
                sink(chunk)
            if deadline is not None and time.monotonic() > deadline:
                stopped = LimitError(f"{what} stopped after {timeout:g} s (--timeout)", 2)
                break
            if ceiling is not None and _rss(pid) > ceiling:
                stopped = LimitError(f"{what} stopped: it went over {memory_mb} MB of memory (--memory)", 2)
                break
    except KeyboardInterrupt:
        stopped = LimitError(f"{what} interrupted", 130)
    finally:
        # stopped, or the sink failed (a reader that closed the pipe, as `| head` does): the
        # worker, maybe blocked writing what nobody will read, is killed, never waited on
        if stopped is not None or not read_all:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _, wait_status = os.waitpid(pid, 0)
        os.close(r_out)
        report = b""
        while chunk := os.read(r_err, 1 << 16):
            report += chunk
        os.close(r_err)
    if stopped is not None:
        raise stopped
    code, _, message = report.decode("utf-8", "replace").partition("\t")
    if os.WIFSIGNALED(wait_status):
        raise LimitError(f"{what} failed: its worker ended on signal {os.WTERMSIG(wait_status)}"
                         f"{' (out of memory?)' if os.WTERMSIG(wait_status) in (signal.SIGABRT, signal.SIGKILL) else ''}", 2)
    if code and code != "0":
        raise LimitError(message, int(code) if code.isdigit() else 1)
