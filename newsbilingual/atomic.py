"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half of one.

A write goes through a hidden temporary file beside its target (``.<name>.<12 hex>.tmp``),
renamed over the target when complete. A process killed mid-write leaves that temporary
behind: no command reads such names (they are hidden and end in ``.tmp``), so a stale one is
harmless and may be deleted by hand.

Read-modify-write of a file someone else edits (a translator saving a .po file in Poedit while
``update`` merges it) uses :func:`replace_if_unchanged`: the replace happens only if the file is
still what was read (:class:`FileState`: size, mtime, inode and SHA-256), else
:class:`FileChangedError`, and the caller reads and merges again. (Editors that save by
renaming a new file into place are covered; one writing into the file in place while we
replace it cannot be, without a lock it would take.)
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import itertools
import os
import secrets
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from .errors import NewsbilingualError

#: The kill tests set this to a point's name to have the process SIGKILL itself there, at a
#: known moment rather than after a guessed delay: ``write:N`` (the Nth atomic write of the
#: process, before its rename), and publish's ``staged``, ``committed`` and ``moved-one``.
CRASH_ENV = "NEWSBILINGUAL_CRASH_AT"
_WRITES = itertools.count(1)

#: What the temporary name adds to a file's name: ``.<name>.<12 hex digits>.tmp``.
TEMP_NAME_EXTRA = len("..") + 12 + len(".tmp")
#: The file-name limit assumed where the file system does not say (ext4, APFS, NTFS: 255).
DEFAULT_NAME_MAX = 255

Install = Callable[[Path, Path], None]


def write_bytes_atomic(path: Path, data: bytes, *, install: Install | None = None) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over ``path``
    (see :func:`open_atomic`)."""
    with open_atomic(path, install=install) as handle:
        handle.write(data)


@contextmanager
def open_atomic(path: Path, *, install: Install | None = None) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through, streamed: it appears (renamed over ``path``) only
    when the ``with`` block ends without an error; an error or a crash leaves the old file.

    An existing file keeps its permission bits; a new one gets the umask's default (as a plain
    ``open`` would; ``mkstemp`` would make it private). The directory is fsynced so that the
    rename survives a crash. ``install(temporary, path)``, if given, does the rename instead of
    :func:`os.replace` (:func:`replace_if_unchanged` makes it conditional); what it raises cancels
    the write.
    """
    path = Path(path)
    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    while True:
        tmp = temporary_path(path, secrets.token_hex(6))
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        crash_point(f"write:{next(_WRITES)}")
        try:
            (install or os.replace)(tmp, path)
        except OSError as error:
            if error.filename in (tmp, str(tmp)):  # name the file the user asked for, not our temporary one
                raise OSError(error.errno, error.strerror, str(path)) from None
            raise
    except BaseException as error:
        tmp.unlink(missing_ok=True)
        if isinstance(error, OSError) and error.errno and not error.filename:  # a full disk: name the file
            raise OSError(error.errno, error.strerror, str(path)) from None
        raise
    _fsync_directory(directory)


def crash_point(name: str) -> None:
    """SIGKILL this process if :data:`CRASH_ENV` names this point (the kill tests' hook)."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable (POSIX); skipped where directories cannot be opened."""
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def write_text_atomic(path: Path, text: str) -> None:
    """UTF-8 text, written atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))


def move_atomic(source: Path, target: Path) -> None:
    """Rename ``source`` over ``target`` (same file system) and make the rename durable."""
    os.replace(source, target)
    _fsync_directory(Path(target).parent)


def temporary_path(path: Path, token: str) -> Path:
    """The hidden temporary file a write of ``path`` goes through (``.<name>.<token>.tmp``)."""
    return path.parent / f".{path.name}.{token}.tmp"


def check_file_names(paths: list[Path]) -> None:
    """Refuse, before anything is written, a name the folder's file system cannot hold.

    The limit counts the temporary name too, which is longer than the file's own: without
    this, a batch of writes fails half-way, with some files written and others not.
    """
    for path in paths:
        limit = _name_max(path.parent)
        size = len(os.fsencode(path.name))
        if size + TEMP_NAME_EXTRA > limit:
            raise NewsbilingualError(
                f"file name is {size} bytes: with its temporary name ({TEMP_NAME_EXTRA} more) it passes "
                f"the file system's limit of {limit}; nothing was written",
                source=path,
            )


def _name_max(directory: Path) -> int:
    """The longest file name the file system of ``directory`` (or its nearest existing parent) takes."""
    for folder in (directory, *directory.parents):
        if folder.is_dir():
            try:
                return os.pathconf(folder, "PC_NAME_MAX")
            except (OSError, ValueError, AttributeError):
                break
    return DEFAULT_NAME_MAX


@dataclass(frozen=True)
class FileState:
    """What a file was at one moment: enough to tell that anyone has saved it since."""

    size: int
    mtime_ns: int
    inode: int
    sha256: str


def file_state(path: Path) -> FileState | None:
    """The state of ``path`` now; None when there is no such file.

    The hash is taken too: a save within the file system's timestamp resolution that keeps
    the size would otherwise go unnoticed.
    """
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        return None
    return FileState(info.st_size, info.st_mtime_ns, info.st_ino, digest)


class FileChangedError(NewsbilingualError):
    """A file was saved by someone else between our reading it and replacing it."""

    def __init__(self, path: Path) -> None:
        super().__init__("changed on disk since it was read (saved by someone else?): not overwritten", source=path)


Redo = Callable[[], tuple[bytes, FileState | None]]


def replace_if_unchanged(
    path: Path, data: bytes, state: FileState | None, *, redo: Redo | None = None, tries: int = 5
) -> None:
    """Atomically replace ``path`` by ``data`` if it is still in ``state`` (what ``data`` was made
    from; None: there was no file).

    If someone saved the file in between, ``redo()`` reads it again and makes new data from it
    (a merge of their save), written on the same condition; without ``redo``, or after
    ``tries`` rounds, :class:`FileChangedError`. Their save is never overwritten.
    """
    for _ in range(tries):
        try:
            write_bytes_atomic(path, data, install=partial(_install_if_unchanged, state=state))
            return
        except FileChangedError:
            if redo is None:
                raise
            data, state = redo()
    raise FileChangedError(path)


def _install_if_unchanged(tmp: Path, path: Path, *, state: FileState | None) -> None:
    """Rename ``tmp`` over ``path`` only if ``path`` is in ``state``, leaving no moment in which a
    save made by someone else could be replaced unseen.

    A check followed by a rename leaves such a moment, so the rename comes first and the check
    after, on what it displaced: Linux exchanges the two files atomically (``renameat2``), and a
    displaced file that is not the one we read is exchanged back. A file that must not exist is
    created by ``link``, which fails if it does. Elsewhere, the check runs right before the rename.
    """
    if state is None:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise FileChangedError(path) from None
        except OSError:  # a file system without hard links
            if path.exists():
                raise FileChangedError(path) from None
            os.replace(tmp, path)
        else:
            tmp.unlink()
        return
    if file_state(path) != state:  # saved since it was read: seen before anything is moved
        raise FileChangedError(path)
    ours = os.stat(tmp).st_ino
    try:
        exchanged = _exchange(tmp, path)
    except FileNotFoundError:
        raise FileChangedError(path) from None  # deleted since it was read
    if not exchanged:
        os.replace(tmp, path)  # no atomic exchange here: the check above is the last one
        return
    # ``tmp`` now holds what ``path`` held. A save in the instant between the check and the
    # exchange shows at once in its inode (editors save by renaming a new file into place), so
    # their file goes back before the slower comparison of size, time and hash.
    if os.stat(tmp).st_ino == state.inode and file_state(tmp) == state:
        tmp.unlink()
        return
    # Give them their file back, unless they have saved again since (then ``path`` is no longer
    # ours, and their newest save stays).
    if os.stat(path).st_ino == ours:
        _exchange(tmp, path)
    tmp.unlink()
    raise FileChangedError(path)


def _load_renameat2() -> Callable[..., int] | None:
    try:
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):  # not Linux/glibc: no atomic exchange
        return None


_RENAMEAT2 = _load_renameat2()
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two files atomically; False where the system or the file system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(second))
