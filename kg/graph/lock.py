"""Locks between processes: one writer at a time for a build's OUT and for the query store.

A lock is a file that holds the process id of its holder, locked by the kernel
(`fcntl`). The kernel drops the lock when its holder ends, however it ends: a
lock left behind by a process killed with kill -9 is simply taken by the next
one, and the process id in the file is only there to name the holder in the
message of a process that finds it busy.

Two kinds:

- `WriterLock` (`flock`): one writer at a time (a build into OUT, a rebuild of
  a store). `acquire(wait=0)` refuses at once; with `wait` it retries until then.
- `ReaderLock` (POSIX record locks): many readers share it while a writer that
  swaps what they read takes it alone for the moment of the swap. Record locks
  belong to the process, so a process never waits for itself: a program that
  holds a store open and rebuilds it swaps it in.
"""
from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
import weakref
from pathlib import Path

POLL = 0.05  # seconds between two tries of a busy lock


class LockBusy(Exception):
    """A lock held by another process."""

    def __init__(self, path: Path, holder: int | None) -> None:
        self.path, self.holder = path, holder
        super().__init__(f"{path} is held by process {holder}" if holder else f"{path} is held by another process")


def holder_of(path: Path) -> int | None:
    """The process id written in a lock file, if any."""
    try:
        text = Path(path).read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _open(path: Path, writable: bool = True) -> int:
    flags = (os.O_RDWR | os.O_CREAT) if writable else os.O_RDONLY
    return os.open(path, flags | os.O_CLOEXEC | os.O_NOFOLLOW, 0o666)


class WriterLock:
    """One holder at a time; the holder's process id is written in the file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.fd: int | None = None

    def acquire(self, wait: float = 0.0) -> "WriterLock":
        """Take the lock, waiting up to `wait` seconds for its holder to let it go; LockBusy if it
        does not. OSError when the lock file cannot be made (a folder read-only, full, not a folder)."""
        fd = _open(self.path)
        deadline = time.monotonic() + wait
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockBusy(self.path, holder_of(self.path)) from None
                    time.sleep(POLL)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            try:
                os.ftruncate(self.fd, 0)
            except OSError:
                pass
            os.close(self.fd)  # closing the file lets the lock go
            self.fd = None

    def __enter__(self) -> "WriterLock":
        return self if self.fd is not None else self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


class _Shared:
    """The one descriptor a process keeps on a reader lock file, and how many readers use it."""

    def __init__(self, fd: int | None) -> None:
        self.fd, self.readers, self.exclusive = fd, 0, False


_SHARED: dict[str, _Shared] = {}
_GUARD = threading.Lock()


def _shared_entry(path: Path) -> _Shared:
    key = os.path.abspath(path)
    entry = _SHARED.get(key)
    if entry is None or entry.fd is None:
        try:
            fd = _open(path)
        except OSError as e:
            if e.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise
            try:  # a folder nobody may write in: nobody swaps anything there either
                fd = _open(path, writable=False)
            except OSError:
                fd = None
        entry = _SHARED[key] = _Shared(fd)
    return entry


def _lockf(fd: int, mode: int, wait: float | None) -> bool:
    deadline = None if wait is None else time.monotonic() + wait
    while True:
        try:
            fcntl.lockf(fd, mode | fcntl.LOCK_NB)
            return True
        except OSError as e:
            if e.errno == errno.EBADF:  # a read-only descriptor cannot hold an exclusive lock
                return mode == fcntl.LOCK_SH
            if e.errno not in (errno.EACCES, errno.EAGAIN):
                raise
        if deadline is not None and time.monotonic() >= deadline:
            return False
        time.sleep(POLL)


class ReaderLock:
    """Shared by readers; taken alone by a writer for the moment it replaces what they read."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def share(self, owner: object | None = None, wait: float = 60.0) -> None:
        """Read under the lock (waiting up to `wait` s while a swap is under way, else LockBusy)
        until `owner` is collected, or until `unshare`."""
        with _GUARD:
            entry = _shared_entry(self.path)
            if entry.fd is not None and entry.readers == 0 and not entry.exclusive:
                if not _lockf(entry.fd, fcntl.LOCK_SH, wait):
                    raise LockBusy(self.path, None)
            entry.readers += 1
        if owner is not None:
            weakref.finalize(owner, self.unshare)

    def unshare(self) -> None:
        with _GUARD:
            entry = _shared_entry(self.path)
            entry.readers = max(entry.readers - 1, 0)
            if entry.fd is not None and entry.readers == 0 and not entry.exclusive:
                fcntl.lockf(entry.fd, fcntl.LOCK_UN)

    def exclusive(self, wait: float) -> "_Exclusive":
        """A context in which no other process reads; LockBusy when readers hold on past `wait` s."""
        return _Exclusive(self, wait)


class _Exclusive:
    def __init__(self, lock: ReaderLock, wait: float) -> None:
        self.lock, self.wait = lock, wait

    def __enter__(self) -> None:
        with _GUARD:
            entry = _shared_entry(self.lock.path)
            if entry.fd is None:
                return
            if not _lockf(entry.fd, fcntl.LOCK_EX, self.wait):
                raise LockBusy(self.lock.path, None)
            entry.exclusive = True

    def __exit__(self, *exc) -> None:
        with _GUARD:
            entry = _shared_entry(self.lock.path)
            if entry.fd is None or not entry.exclusive:
                return
            entry.exclusive = False
            fcntl.lockf(entry.fd, fcntl.LOCK_SH if entry.readers else fcntl.LOCK_UN)
