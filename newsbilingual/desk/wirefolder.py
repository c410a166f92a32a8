"""The wire folder a ledger publishes into: checked before a commit, owned by one ledger, write-once.

Everything a publish keeps in the folder is hidden:

- ``.newsbilingual-ledger``: which ledger owns the folder (its ``application_id`` and random
  id, and where it was). Another ledger (a second one, a lost one recreated empty, a truncated
  file taken as new) is refused: two ledgers would each decide "version 1" and send two
  different v1s under one guid.
- ``.newsbilingual-staging/<story>.<random>/``: a publication's files, written before its ledger
  commit. Inside the folder, so on its file system (a rename or link out of it cannot fail with
  "Invalid cross-device link"); each holds a ``.newsbilingual-staged`` marker with the ledger's
  id, and nothing without that marker is ever removed.
- ``.newsbilingual-ledger.sqlite``: the ledger itself, when the command line chooses it.

Links are never followed out: the staging folders are opened with ``O_NOFOLLOW`` and handled
through directory descriptors, so a link planted where a folder is expected is refused, not
entered. Files go in by ``link()``, which never replaces a file: a name already taken by other
bytes is an error naming both (an archived send is never changed).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from ..atomic import write_bytes_atomic
from ..errors import WireFolderError
from .ledger import APPLICATION_ID, Ledger

T = TypeVar("T")

OWNER = ".newsbilingual-ledger"
STAGING = ".newsbilingual-staging"
STAGED_MARK = ".newsbilingual-staged"
DEFAULT_LEDGER = ".newsbilingual-ledger.sqlite"

_NOFOLLOW_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW


def prepare(output: Path, ledger: Ledger) -> Path:
    """Check ``output`` before a commit (a folder, or creatable as one; writable; owned by
    ``ledger`` or by nobody yet, then claimed) and return its staging folder (created)."""
    output = Path(output).absolute()
    try:
        output.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WireFolderError("is a file, not a folder: cannot publish into it", source=output) from None
    except OSError as error:
        raise WireFolderError(
            f"cannot create the wire folder: {error.strerror}", source=error.filename or output
        ) from None
    if not os.access(output, os.W_OK | os.X_OK):  # also true of a read-only mount, even for root
        raise WireFolderError("the wire folder is not writable (read-only file system or permissions)", source=output)
    _claim(output, ledger)
    root = output / STAGING
    with contextlib.suppress(FileExistsError):
        _os(os.mkdir, root)
    with _open_folder(root) as fd:
        if os.fstat(fd).st_dev != os.stat(output).st_dev:
            raise WireFolderError(
                "is on another file system than its wire folder (a mount point?): files could not be moved",
                source=root,
            )
    return root


def _claim(output: Path, ledger: Ledger) -> None:
    """Make ``ledger`` the folder's owner if it has none; refuse any other ledger."""
    marker = output / OWNER
    mine = {
        "application_id": f"{APPLICATION_ID:#x}",
        "ledger_id": ledger.ledger_id,
        "ledger": str(ledger.path.absolute()),
    }
    while True:
        recorded = _read_owner(marker)
        if recorded is not None:
            break
        # A new marker appears whole or not at all, and only if none is there (link() fails then).
        temporary = output / f"{OWNER}.{os.getpid()}.tmp"
        write_bytes_atomic(temporary, json.dumps(mine, indent=1).encode("utf-8"))
        try:
            _os(os.link, temporary, marker)
            return
        except FileExistsError:
            continue  # another process claimed it first: read whose it is
        finally:
            temporary.unlink(missing_ok=True)
    if recorded.get("ledger_id") == mine["ledger_id"]:
        return
    new = " (a new, empty ledger: was the folder's ledger deleted, moved or truncated?)" if ledger.is_empty() else ""
    raise WireFolderError(
        f"this wire folder belongs to another ledger (id {recorded.get('ledger_id')}, last at "
        f"{recorded.get('ledger')}), not to {ledger.path} (id {mine['ledger_id']}){new}. Publish with "
        f"--ledger naming that ledger, or restore it from a backup; to adopt the folder for this ledger, "
        f"delete {marker} (files already sent are never overwritten)",
        source=output,
    )


def _read_owner(marker: Path) -> dict[str, object] | None:
    data = _read_nofollow(marker)
    if data is None:
        return None
    try:
        recorded = json.loads(data)
    except ValueError:
        recorded = None
    if not isinstance(recorded, dict) or recorded.get("application_id") != f"{APPLICATION_ID:#x}":
        raise WireFolderError("is not a newsbilingual wire folder marker (damaged?)", source=marker)
    return recorded


def new_staging_folder(root: Path, name: str, ledger: Ledger) -> Path:
    """A fresh staging folder under ``root``, marked as this ledger's."""
    folder = root / name
    _os(os.mkdir, folder)  # fails if it exists: never reuse what is there
    write_bytes_atomic(folder / STAGED_MARK, ledger.ledger_id.encode("ascii"))
    return folder


def check_names_free(output: Path, documents: dict[str, bytes]) -> None:
    """Before a commit: no document may land on a file of its name with other bytes."""
    for name, data in documents.items():
        existing = _read_nofollow(Path(output) / name)
        if existing is not None and existing != data:
            raise WireFolderError(
                f"already holds another {name} than the one this publish would send (an archived "
                "file is never replaced): was it sent with another ledger?",
                source=Path(output) / name,
            )


def install(
    staging: Path, output: Path, ledger_id: str, names: Iterable[str], after_each: Callable[[], None] | None = None
) -> None:
    """Put the staged files ``names`` into ``output``, then remove ``staging``. A file that is
    already there with the same bytes (another process finished this publication) is fine.
    ``after_each`` runs after each file (the kill tests stop the process there)."""
    for name in sorted(names):
        _install_one(staging / name, Path(output) / name)
        if after_each:
            after_each()
    _fsync_folder(Path(output))
    remove_staging(staging, ledger_id)


def _install_one(source: Path, target: Path) -> None:
    try:
        _os(os.link, source, target, follow_symlinks=False)
        return
    except FileExistsError:
        pass
    except FileNotFoundError:
        if not target.exists():
            raise WireFolderError(f"the staged file {source} is gone and was not moved in", source=target) from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK):
            raise
        # A file system without hard links: rename, after the same check.
        if not os.path.lexists(target):
            os.rename(source, target)
            return
    ours = _read_nofollow(source)
    if ours is not None and _read_nofollow(target) != ours:
        raise WireFolderError(
            f"already holds other content than the staged {source}: an archived file is never replaced",
            source=target,
        )


def staged_names(staging: Path) -> list[str]:
    """The files a staging folder holds for the wire folder (not its marker, not temporaries);
    a link in the staging folder's place is refused, not listed."""
    with _open_folder(staging) as fd:
        return sorted(
            entry.name
            for entry in os.scandir(fd)
            if entry.is_file(follow_symlinks=False) and entry.name != STAGED_MARK and not entry.name.endswith(".tmp")
        )


def remove_staging(staging: Path, ledger_id: str) -> bool:
    """Remove a staging folder if it carries this ledger's marker (else leave it: False)."""
    try:
        with _open_folder(staging.parent) as root, _open_folder(staging.name, dir_fd=root) as fd:
            try:
                mark = _os(os.open, STAGED_MARK, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=fd)
            except (FileNotFoundError, WireFolderError):  # no marker, or a link in its place
                return False
            with os.fdopen(mark, "rb") as handle:
                if handle.read(200).decode("ascii", "replace") != ledger_id:
                    return False
            for entry in os.scandir(fd):
                if not entry.is_dir(follow_symlinks=False):
                    os.unlink(entry.name, dir_fd=fd)
            os.rmdir(staging.name, dir_fd=root)
    except FileNotFoundError:
        return True  # already removed (by another process finishing it)
    return True


def remove_leftovers(root: Path, ledger_id: str, keep: set[Path]) -> None:
    """Remove the staging folders of this ledger's publishes killed before their commit
    (those not in ``keep``, the committed ones). Links and unmarked folders are left alone."""
    with _open_folder(root) as fd:
        names = [entry.name for entry in os.scandir(fd) if entry.is_dir(follow_symlinks=False)]
    for name in names:
        if root / name not in keep:
            remove_staging(root / name, ledger_id)


def _read_nofollow(path: Path) -> bytes | None:
    """The bytes of a regular file (None: no such file); a link or a folder is an error."""
    try:
        fd = _os(os.open, path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise WireFolderError("is not a regular file", source=path)
        return handle.read()


@contextlib.contextmanager
def _open_folder(path: str | Path, *, dir_fd: int | None = None) -> Iterator[int]:
    """A descriptor of a real folder (a link where a folder is expected is refused)."""
    fd = _os(os.open, path, _NOFOLLOW_DIR, dir_fd=dir_fd)
    try:
        yield fd
    finally:
        os.close(fd)


def _os(call: Callable[..., T], *args: object, **kwargs: object) -> T:
    """Run an OS call; a link met where none may be (ELOOP, ENOTDIR) becomes a clear error."""
    try:
        return call(*args, **kwargs)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOTDIR):
            where = error.filename or str(args[0])
            raise WireFolderError(
                "is a link or a file where a folder or file of newsbilingual's was expected: refused, not followed",
                source=where,
            ) from None
        raise


def _fsync_folder(folder: Path) -> None:
    with _open_folder(folder) as fd, contextlib.suppress(OSError):
        os.fsync(fd)
