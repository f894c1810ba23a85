"""The files kg writes: checked before any work starts, replaced in one step, and every
failure said in one line.

`prepare_out` is what `kg build` does before it reads a document: OUT is made
(or found) as a folder, its files are checked to be regular files (a symbolic
link or a device is never replaced), the disk is checked to have room, leftovers
of a build that was killed are removed and the build lock is taken, which proves
the folder writable. `stage` and `commit` write files aside and rename them into
place, so a reader sees the old file or the new one, never a part.
"""
from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

from .lock import WriterLock

BUILD_LOCK = ".kg-build.lock"


class UnsafeTarget(OSError):
    """A path kg will not write over: a symbolic link, a device, a pipe or a folder."""


def kind_of(mode: int) -> str:
    return ("a symbolic link" if stat.S_ISLNK(mode) else "a folder" if stat.S_ISDIR(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a named pipe" if stat.S_ISFIFO(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")


def check_target(path: Path) -> None:
    """UnsafeTarget when `path` exists and is anything but a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except NotADirectoryError as e:
        raise _not_a_folder(Path(path).parent, e) from e
    if not stat.S_ISREG(mode):
        raise UnsafeTarget(errno.EEXIST, f"{path} is {kind_of(mode)} (kg replaces only regular files)", str(path))


def _not_a_folder(folder: Path, e: OSError | None = None) -> OSError:
    part = next((p for p in [folder, *folder.parents] if p.exists() and not p.is_dir()), folder)
    return OSError(errno.ENOTDIR, f"{part} is a file, not a folder", str(folder))


def make_folder(folder: Path) -> None:
    """Make `folder` and its parents; OSError (one line: `describe`) where it cannot be one."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as e:
        raise _not_a_folder(folder, e) from e
    if not folder.is_dir():
        raise _not_a_folder(folder)


SCRATCH_FILES = (".kg-part-*.nt", ".kg-graph-*.nt")   # kg.graph.stream's, in OUT
SCRATCH_FOLDERS = ".tmp-overview-*"                    # kg.see.overview's store of the page, in OUT


def prepare_out(out: Path, targets: list[str]) -> WriterLock:
    """Make OUT ready to be written before any work: a folder, its `targets` regular files or
    absent, room on its disk, no leftovers of a killed build; returns the build lock, held.
    OSError or LockBusy (another build holds OUT) otherwise."""
    out = Path(out)
    make_folder(out)
    for name in targets:
        check_target(out / name)
    lock = WriterLock(out / BUILD_LOCK).acquire()  # writing its process id proves OUT writable
    try:
        fs = os.statvfs(out)
        if fs.f_bavail == 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(out))
        for name in targets:
            for left in out.glob(".tmp-" + name + "*"):
                if left.is_file() and not left.is_symlink():
                    left.unlink(missing_ok=True)
        # what a build killed while it wrote leaves of its own: the graph's sorted parts and the
        # page's overview store (only a build, under the lock now held, makes them)
        for pattern in SCRATCH_FILES:
            for left in out.glob(pattern):
                if left.is_file() and not left.is_symlink():
                    left.unlink(missing_ok=True)
        for left in out.glob(SCRATCH_FOLDERS):
            if left.is_dir() and not left.is_symlink():
                shutil.rmtree(left, ignore_errors=True)
    except BaseException:
        lock.release()
        raise
    return lock


_KNOWN = (errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.ENOTDIR, errno.EISDIR)


def errno_of(e: OSError) -> int | None:
    """The errno of an OSError, or the one its message names: the store's engine raises
    OSError with only the system's words in it ("... No space left on device")."""
    if e.errno is not None:
        return e.errno
    text = str(e)
    return next((code for code in _KNOWN if os.strerror(code) in text), None)


def describe(e: OSError) -> str:
    """What is wrong, in words and one line, for an OSError met writing a file (the caller names
    the file: the error's own may be a temporary one)."""
    if isinstance(e, UnsafeTarget) or e.errno == errno.ENOTDIR and e.strerror and "not a folder" in e.strerror:
        return e.strerror
    return {errno.EROFS: "the disk is read-only", errno.ENOSPC: "no space left on the disk",
            errno.EDQUOT: "the disk quota is used up", errno.EACCES: "permission denied",
            errno.EPERM: "permission denied", errno.ENOTDIR: "a part of the path is a file, not a folder",
            errno.EISDIR: "it is a folder", errno.ENAMETOOLONG: "the name is too long"}.get(
        errno_of(e), " ".join((e.strerror or str(e)).split()))


def stage(path: Path, data: bytes) -> tuple[Path, Path]:
    """Write `data` beside `path`, not yet in its place; returns (temporary file, path)."""
    return stage_with(path, lambda f: f.write(data))


def stage_with(path: Path, write) -> tuple[Path, Path]:
    """Have `write` fill a file (open for writing bytes) beside `path`, not yet in its place;
    returns (temporary file, path). For a file too large to hold in memory first."""
    path = Path(path)
    make_folder(path.parent)
    check_target(path)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-" + path.name, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private; give it the mode the file had, or a new file's usual mode
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp), path


def commit(staged: list[tuple[Path, Path]]) -> None:
    """Move each staged file into its place, in order (a rename each)."""
    try:
        for tmp, path in staged:
            check_target(path)
            os.replace(tmp, path)
    finally:
        discard(staged)


def discard(staged: list[tuple[Path, Path]]) -> None:
    for tmp, _ in staged:
        tmp.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part.
    A symbolic link, a device or a folder at `path` is never replaced (UnsafeTarget)."""
    staged = [stage(path, data)]
    commit(staged)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
