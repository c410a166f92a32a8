"""The publication ledger: an SQLite file that remembers every item edition the desk has sent.

SQLite (Python's ``sqlite3``) because it is embedded, transactional and locks the file
between processes: ``BEGIN IMMEDIATE`` makes concurrent publishes take turns, so two of them
never decide the same version. The file is marked with an ``application_id`` so a foreign
or damaged file is refused before anything is written to it.

Schema (``PRAGMA user_version`` 2; version 1 files are upgraded when opened for writing):

- ``ledger``: one row, ``id``: a random id of this ledger, also written into the marker file of
  every wire folder it publishes into (see :mod:`newsbilingual.desk.wirefolder`).
- ``publication``: one row per publish or withdrawal: ``id`` (increasing in commit order),
  ``story_id``, ``action`` (publish, correct, withdraw, withhold), ``published_at`` (ISO 8601),
  ``output_dir`` and ``staging_dir`` (absolute), ``state`` (``staged``: committed, files not yet
  all in ``output_dir``; ``done``: every file is there) and ``problem`` (why a staged publication
  could not be finished yet, else NULL).
- ``sent``: one row per item edition sent, keyed by (``guid``, ``version``): ``story_id``,
  ``role`` (article, commentary, photo, package), ``language`` ("" for the package),
  ``content_hash``, ``pub_status``, ``signals`` (JSON list), ``first_created``,
  ``version_created`` (ISO 8601), ``files`` (JSON list: the item's file, then its newsMessage's),
  ``publication`` (the publication row).

Guarantees for readers (a read-only connection, ``mode=ro``, never blocks a publish): a row is
visible only once its publish committed; versions of one guid increase by publication id; the
files of a ``done`` publication are in its ``output_dir`` and never change afterwards.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import NewsbilingualError

APPLICATION_ID = 0x4E424C47  # "NBLG"
SCHEMA_VERSION = 2
# How long a command waits for another one holding the ledger (seconds).
LOCK_TIMEOUT = 120.0

_SCHEMA = """
CREATE TABLE publication (
    id INTEGER PRIMARY KEY,
    story_id TEXT NOT NULL,
    action TEXT NOT NULL,
    published_at TEXT NOT NULL,
    output_dir TEXT NOT NULL,
    staging_dir TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('staged', 'done'))
);
CREATE TABLE sent (
    guid TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    story_id TEXT NOT NULL,
    role TEXT NOT NULL,
    language TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    pub_status TEXT NOT NULL,
    signals TEXT NOT NULL,
    first_created TEXT NOT NULL,
    version_created TEXT NOT NULL,
    files TEXT NOT NULL,
    publication INTEGER NOT NULL REFERENCES publication (id),
    PRIMARY KEY (guid, version)
);
"""
# Version 1 to 2: the ledger's own id (for the wire folders' markers) and a staged publication's problem.
_UPGRADE = """
CREATE TABLE ledger (id TEXT NOT NULL);
ALTER TABLE publication ADD COLUMN problem TEXT;
"""

# SQLite's primary result codes that get their own message.
_SQLITE_BUSY, _SQLITE_READONLY, _SQLITE_FULL = 5, 8, 13


class LedgerError(NewsbilingualError):
    """The ledger file is damaged, foreign, locked, or refuses what a publish asks of it."""


@dataclass(frozen=True)
class SentItem:
    """One item edition as sent: what the ledger holds per (guid, version).

    ``pending`` is None once the item's files are in the wire folder; while its publication
    waits to be finished (see :class:`Staged`) it says why.
    """

    guid: str
    version: int
    story_id: str
    role: str
    language: str
    content_hash: str
    pub_status: str
    signals: tuple[str, ...]
    first_created: datetime
    version_created: datetime
    files: tuple[str, ...]
    published_at: datetime | None = None
    pending: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "guid": self.guid,
            "version": self.version,
            "story_id": self.story_id,
            "role": self.role,
            "language": self.language,
            "content_hash": self.content_hash,
            "pub_status": self.pub_status,
            "signals": list(self.signals),
            "first_created": self.first_created.isoformat(),
            "version_created": self.version_created.isoformat(),
            "files": list(self.files),
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "pending": self.pending,
        }


#: What ``pending`` says of a staged publication no command has tried to finish yet.
NOT_YET_MOVED = "committed, files not yet moved into the wire folder"


@dataclass(frozen=True)
class Staged:
    """A publication whose ledger rows are committed but whose files may not all be in place."""

    id: int
    story_id: str
    output_dir: Path
    staging_dir: Path
    problem: str | None = None


_COLUMNS = (
    "guid, version, story_id, role, language, content_hash, pub_status, signals, first_created, version_created, files"
)


def _row_to_item(row: tuple[Any, ...]) -> SentItem:  # an SQLite row (typeshed types its values Any)
    guid, version, story_id, role, language, digest, status, signals, first, created, files, *rest = row
    published, state, problem = rest if rest else (None, "done", None)
    return SentItem(
        guid=guid,
        version=version,
        story_id=story_id,
        role=role,
        language=language,
        content_hash=digest,
        pub_status=status,
        signals=tuple(json.loads(signals)),
        first_created=datetime.fromisoformat(first),
        version_created=datetime.fromisoformat(created),
        files=tuple(json.loads(files)),
        published_at=datetime.fromisoformat(published) if published else None,
        pending=None if state == "done" else problem or NOT_YET_MOVED,
    )


def describe_sqlite_error(error: sqlite3.Error, timeout: float = LOCK_TIMEOUT) -> str:
    """What an SQLite error means to a desk: locked, read-only and full disks said plainly."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code == _SQLITE_BUSY:
        return f"locked by another process (waited {timeout:g} s); try again when it has finished"
    if code == _SQLITE_READONLY:
        return f"the ledger cannot be written (read-only file or folder): {error}"
    if code == _SQLITE_FULL:
        return f"no space left for the ledger (disk full): {error}"
    return f"ledger error: {error}"


class Ledger:
    """An open ledger file. Use :func:`open_ledger`; read freely, write inside :meth:`transaction`."""

    def __init__(self, path: Path, connection: sqlite3.Connection, timeout: float = LOCK_TIMEOUT) -> None:
        self.path = path
        self._db = connection
        self._timeout = timeout

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _guard(self, what: str = "") -> Iterator[None]:
        """Every SQLite error, and a row no newsbilingual wrote (edited by hand), as a LedgerError."""
        try:
            yield
        except sqlite3.Error as error:
            raise LedgerError(describe_sqlite_error(error, self._timeout), source=self.path) from None
        except (ValueError, TypeError) as error:  # json / fromisoformat on a hand-edited row
            raise LedgerError(f"a row of the ledger is damaged{what}: {error}", source=self.path) from None

    @property
    def ledger_id(self) -> str:
        """This ledger's random id (see the ``ledger`` table)."""
        with self._guard():
            row = self._db.execute("SELECT id FROM ledger").fetchone()
        if row is None or not isinstance(row[0], str):
            raise LedgerError("the ledger has no id (its ledger table was edited)", source=self.path)
        return row[0]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, holding the ledger's lock against other processes until it ends."""
        with self._guard():
            self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            # SQLite may have rolled back already (a full disk does): then there is nothing to end.
            with suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            raise
        try:
            with self._guard():
                self._db.execute("COMMIT")
        except LedgerError:
            with suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            raise

    def latest(self, guid: str) -> SentItem | None:
        """The last version of ``guid`` sent, or None if it never was."""
        with self._guard(f" ({guid})"):
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM sent WHERE guid = ? ORDER BY version DESC LIMIT 1", (guid,)
            ).fetchone()
            return _row_to_item(row) if row else None

    def first_created(self, guid: str) -> datetime | None:
        with self._guard(f" ({guid})"):
            found = self._db.execute(
                "SELECT first_created FROM sent WHERE guid = ? ORDER BY version LIMIT 1", (guid,)
            ).fetchone()
            return datetime.fromisoformat(found[0]) if found else None

    def history(self, guid: str | None = None) -> list[SentItem]:
        """Every item edition sent (or those of ``guid``, or of guids it starts), oldest first."""
        problem = "p.problem" if self._version() >= 2 else "NULL"
        query = (
            f"SELECT {', '.join('s.' + c.strip() for c in _COLUMNS.split(','))}, p.published_at, p.state, {problem} "
            "FROM sent s JOIN publication p ON p.id = s.publication"
        )
        parameters: tuple[str, ...] = ()
        if guid:
            query += " WHERE s.guid = ? OR s.guid LIKE ? ESCAPE '\\'"
            escaped = guid.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            parameters = (guid, escaped + ":%")
        query += " ORDER BY p.id, s.guid"
        with self._guard():
            return [_row_to_item(row) for row in self._db.execute(query, parameters)]

    def add_publication(
        self, story_id: str, action: str, published_at: datetime, output_dir: Path, staging_dir: Path
    ) -> int:
        with self._guard():
            cursor = self._db.execute(
                "INSERT INTO publication (story_id, action, published_at, output_dir, staging_dir, state) "
                "VALUES (?, ?, ?, ?, ?, 'staged')",
                (story_id, action, published_at.isoformat(), str(output_dir), str(staging_dir)),
            )
        return int(cursor.lastrowid or 0)

    def add_sent(self, item: SentItem, publication: int) -> None:
        try:
            with self._guard():
                self._db.execute(
                    f"INSERT INTO sent ({_COLUMNS}, publication) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        item.guid,
                        item.version,
                        item.story_id,
                        item.role,
                        item.language,
                        item.content_hash,
                        item.pub_status,
                        json.dumps(list(item.signals)),
                        item.first_created.isoformat(),
                        item.version_created.isoformat(),
                        json.dumps(list(item.files), ensure_ascii=False),
                        publication,
                    ),
                )
        except LedgerError:
            with self._guard():
                taken = self._db.execute(
                    "SELECT 1 FROM sent WHERE guid = ? AND version = ?", (item.guid, item.version)
                ).fetchone()
            if taken:
                raise LedgerError(f"{item.guid} version {item.version} was already sent", source=self.path) from None
            raise

    def publication_files(self, publication: int) -> list[str]:
        """The file names a publication sent (each item's, and its newsMessage)."""
        with self._guard():
            rows = self._db.execute("SELECT files FROM sent WHERE publication = ?", (publication,)).fetchall()
            return sorted({name for (files,) in rows for name in json.loads(files)})

    def staged(self) -> list[Staged]:
        """Publications committed to the ledger whose files were not all moved into place, oldest first."""
        problem = "problem" if self._version() >= 2 else "NULL"
        with self._guard():
            rows = self._db.execute(
                f"SELECT id, story_id, output_dir, staging_dir, {problem} FROM publication "
                "WHERE state = 'staged' ORDER BY id"
            ).fetchall()
            return [
                Staged(int(id), str(story), Path(output), Path(staging), problem)
                for id, story, output, staging, problem in rows
            ]

    def set_problem(self, publication: int, problem: str | None) -> None:
        """Record why a staged publication could not be finished (None: no problem now)."""
        with self._guard():
            self._db.execute("UPDATE publication SET problem = ? WHERE id = ?", (problem, publication))

    def mark_done(self, publication: int) -> None:
        with self._guard():
            self._db.execute("UPDATE publication SET state = 'done', problem = NULL WHERE id = ?", (publication,))

    def forget(self, publication: int) -> None:
        """Remove a staged publication and its rows (a roll-back: it was never sent)."""
        with self._guard():
            self._db.execute("DELETE FROM sent WHERE publication = ?", (publication,))
            self._db.execute("DELETE FROM publication WHERE id = ? AND state = 'staged'", (publication,))

    def is_empty(self) -> bool:
        """True when nothing was ever sent with this ledger."""
        with self._guard():
            return self._db.execute("SELECT 1 FROM publication LIMIT 1").fetchone() is None

    def _version(self) -> int:
        with self._guard():
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])


def open_ledger(path: str | Path, *, read_only: bool = False, lock_timeout: float = LOCK_TIMEOUT) -> Ledger:
    """Open (or create) the ledger at ``path``; a file that is not one raises :class:`LedgerError`.

    A foreign SQLite database, a damaged file or any other file is refused without writing to it.
    ``read_only`` opens an existing ledger without ever taking its write lock (for ``history``
    and other readers); ``lock_timeout`` is how long to wait for another process holding it.
    """
    path = Path(path)
    try:
        exists = path.stat().st_size > 0
    except FileNotFoundError:
        exists = False
    except OSError as error:
        raise LedgerError(f"cannot open the ledger: {error.strerror}", source=path) from None
    if path.is_dir():
        raise LedgerError("is a folder, not a ledger file", source=path)
    if read_only and not exists:
        raise LedgerError("no such ledger file" if not path.exists() else "an empty file, not a ledger", source=path)
    try:
        if not exists:
            path.parent.mkdir(parents=True, exist_ok=True)
        if read_only:
            target = f"file:{quote(str(path.absolute()))}?mode=ro"
            connection = sqlite3.connect(target, timeout=lock_timeout, isolation_level=None, uri=True)
        else:
            connection = sqlite3.connect(path, timeout=lock_timeout, isolation_level=None)
    except sqlite3.Error as error:
        raise LedgerError(f"cannot open the ledger: {error}", source=path) from None
    except OSError as error:
        raise LedgerError(f"cannot open the ledger: {error.strerror}", source=error.filename or path) from None
    try:
        _check_or_create(connection, path, exists, read_only, lock_timeout)
    except BaseException:
        connection.close()
        raise
    return Ledger(path, connection, lock_timeout)


def _check_or_create(connection: sqlite3.Connection, path: Path, exists: bool, read_only: bool, timeout: float) -> None:
    try:
        if exists:
            _check(connection, path)
            if not read_only and connection.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                _upgrade(connection)
            return
        # Another process may be creating the same new ledger: the lock makes one of them do it.
        connection.execute("BEGIN IMMEDIATE")
        if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            for statement in (_SCHEMA + _UPGRADE).split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute("INSERT INTO ledger (id) VALUES (?)", (secrets.token_hex(16),))
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except sqlite3.DatabaseError as error:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        if code in (_SQLITE_BUSY, _SQLITE_READONLY, _SQLITE_FULL):
            raise LedgerError(describe_sqlite_error(error, timeout), source=path) from None
        raise LedgerError(f"is damaged or not a newsbilingual ledger ({error})", source=path) from None


def _check(connection: sqlite3.Connection, path: Path) -> None:
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    if application_id != APPLICATION_ID:
        raise LedgerError(
            f"is an SQLite database of another application (application_id {application_id:#x}), "
            "not a newsbilingual ledger",
            source=path,
        )
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if not 1 <= version <= SCHEMA_VERSION:
        message = f"ledger format {version} is not {SCHEMA_VERSION} (written by a newer newsbilingual?)"
        raise LedgerError(message, source=path)
    check = connection.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise LedgerError(f"the ledger is damaged: {check}", source=path)
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = {"publication", "sent", *(("ledger",) if version >= 2 else ())} - tables
    if missing:
        raise LedgerError(f"the ledger is damaged: table {', '.join(sorted(missing))} is missing", source=path)


def _upgrade(connection: sqlite3.Connection) -> None:
    """Format 1 to 2, in one transaction (another process may be upgrading it too)."""
    connection.execute("BEGIN IMMEDIATE")
    if connection.execute("PRAGMA user_version").fetchone()[0] == 1:
        for statement in _UPGRADE.split(";"):
            if statement.strip():
                connection.execute(statement)
        connection.execute("INSERT INTO ledger (id) VALUES (?)", (secrets.token_hex(16),))
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    connection.execute("COMMIT")
