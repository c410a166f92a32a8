"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from .errors import NewsbilingualError

#: What the temporary name adds to a file's name: ``.<name>.<12 hex digits>.tmp``.
TEMP_NAME_EXTRA = len("..") + 12 + len(".tmp")
#: The file-name limit assumed where the file system does not say (ext4, APFS, NTFS: 255).
DEFAULT_NAME_MAX = 255


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over ``path``.

    An existing file keeps its permission bits; a new one gets the umask's default (as a plain
    ``open`` would; ``mkstemp`` would make it private). The directory is fsynced so that the
    rename survives a crash.
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
            handle.write(data)
            handle.flush()
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_directory(directory)


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
