"""Files: the note files a path names, and writing a file so a crash never leaves half of it.

A leaf module (the standard library only), shared by loading, the CLI, the renderers and
the batch renderer, so "the note files in a folder" and "write atomically" each have one
definition.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

#: The suffixes of note files, compared case-insensitively.
NOTE_SUFFIXES = (".json", ".toml")

#: The largest note file read (JSON or TOML): a note at every field's limit is far smaller
#: than a real one needs, and a link to ``/dev/zero`` cannot fill memory.
MAX_NOTE_BYTES = 16 * 1024 * 1024
#: The largest font file read (``--fallback-font``; a CJK collection is about 20 MB).
MAX_FONT_BYTES = 64 * 1024 * 1024
#: The largest logo file read (``RenderOptions(logo=)``).
MAX_LOGO_BYTES = 8 * 1024 * 1024


class FileRefused(OSError):
    """A file that is not read: not a regular file, or larger than the limit for its kind.

    An :class:`OSError`, so callers that report unreadable files report it as one.
    """


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB"


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file ``path``, refusing anything else or anything larger.

    A FIFO, a device (``/dev/zero``), a socket or a folder is refused without reading or
    waiting (the file is opened non-blocking, then checked); a file larger than ``limit``
    bytes is refused, also when it grows while being read.

    Raises:
        FileRefused: not a regular file, or more than ``limit`` bytes.
        OSError: the file cannot be opened or read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb", buffering=0) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(0, "not a regular file", os.fspath(path))
        if info.st_size > limit:
            raise FileRefused(0, f"larger than the {_mib(limit)} limit", os.fspath(path))
        chunks: list[bytes] = []
        total = 0
        while chunk := handle.read(min(1024 * 1024, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileRefused(0, f"larger than the {_mib(limit)} limit", os.fspath(path))
    return b"".join(chunks)


def note_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The note files named by ``paths``, in order: each file as given, each folder's notes.

    A folder contributes every ``.json`` and ``.toml`` file beneath it, subfolders included,
    sorted by path; hidden files and folders (a leading dot, such as the temporaries of an
    interrupted write) are skipped. A path that is not a folder is yielded as given, whatever
    its suffix, so that a wrong suffix or a missing file is reported rather than skipped.
    """
    for item in paths:
        path = Path(item)
        if not path.is_dir():
            yield path
            continue
        for found in sorted(path.rglob("*")):
            hidden = any(part.startswith(".") for part in found.relative_to(path).parts)
            if not hidden and found.suffix.lower() in NOTE_SUFFIXES and found.is_file():
                yield found


def write_temp_beside(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new hidden temporary file beside ``path``, synced; return its path.

    The caller renames it onto ``path`` (``os.replace``) when it is ready. It already has the
    permission bits ``path`` has, or, for a new file, the usual ones (0666 less the umask),
    as if it had been opened for writing.
    """
    # The writer's process id in the name lets a later run tell a dead writer's leftovers.
    tmp = path.parent / f".{path.name}.{os.getpid()}-{os.urandom(8).hex()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(fd if os.chmod in os.supports_fd else tmp, stat.S_IMODE(path.stat().st_mode))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


_TEMP_NAME = re.compile(r"^\..+\.(?P<pid>[0-9]+)-[0-9a-f]{16}\.tmp$")


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # Windows' os.kill would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # someone else's process, or cannot tell: leave its file alone
    return True


def remove_stale_temporaries(folder: str | os.PathLike[str]) -> int:
    """Remove the temporary files :func:`write_temp_beside` left in ``folder`` when its
    writer died (``kill -9`` mid-batch); return how many. Files of writers still running,
    and every other file, are left alone."""
    removed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = _TEMP_NAME.match(entry.name)
            if match and entry.is_file(follow_symlinks=False) and not _alive(int(match["pid"])):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    A crash never leaves half a file; see :func:`write_temp_beside` for the permissions.
    """
    tmp = write_temp_beside(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def file_state(path: str | os.PathLike[str]) -> tuple[int, int, int, int]:
    """What changes when anyone rewrites or replaces a file: (device, inode, size, mtime)."""
    info = os.stat(path)
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


@contextlib.contextmanager
def locked_for_update(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Hold an exclusive lock on the file ``path`` names for a read-modify-write.

    Yields the real file (a symbolic link's target, so the caller writes through the link
    and the link stays a link). Every writer that takes this lock waits for the one before
    it. On POSIX the lock is ``fcntl.flock`` on the file itself: a writer that replaced the
    file (``os.replace``) leaves a new file at the path, so a lock taken on the old one is
    dropped and taken again on the new one. Where ``fcntl`` does not exist (Windows) no lock
    is taken; callers still compare :func:`file_state` before they write.

    Raises:
        OSError: the file cannot be opened.
    """
    real = Path(os.path.realpath(path))
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield real
        return
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    while True:
        fd = os.open(real, flags)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            current = os.stat(real)
        except FileNotFoundError:  # removed while waiting: open again (and report it)
            os.close(fd)
            continue
        except BaseException:
            os.close(fd)
            raise
        if os.path.samestat(os.fstat(fd), current):
            break
        os.close(fd)  # replaced while waiting: lock the file the path names now
    try:
        yield real
    finally:
        os.close(fd)  # closing the descriptor drops the lock
