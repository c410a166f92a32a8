"""The publication ledger: an SQLite file that remembers every item edition the desk has sent.

Each row of ``sent`` is one item edition as sent: guid, version, a hash of its content, its
pubStatus and signals, firstCreated and versionCreated, and the files it went out in. A
``publication`` row groups the rows of one publish and says where its files were staged, so
that a publish killed after its ledger commit is finished by the next one (see
:mod:`newsbilingual.desk.publish`).

SQLite (Python's ``sqlite3``) because it is embedded, transactional and locks the file
between processes: ``BEGIN IMMEDIATE`` makes concurrent publishes take turns, so two of them
never decide the same version. The file is marked with an ``application_id`` so a foreign
or damaged file is refused before anything is written to it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import NewsbilingualError

APPLICATION_ID = 0x4E424C47  # "NBLG"
SCHEMA_VERSION = 1
# How long a publish waits for another one holding the ledger (seconds).
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


class LedgerError(NewsbilingualError):
    """The ledger file is damaged, foreign, or refuses what a publish asks of it."""


@dataclass(frozen=True)
class SentItem:
    """One item edition as sent: what the ledger holds per (guid, version)."""

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
        }


@dataclass(frozen=True)
class Staged:
    """A publication whose ledger rows are committed but whose files may not all be in place."""

    id: int
    output_dir: Path
    staging_dir: Path


_COLUMNS = (
    "guid, version, story_id, role, language, content_hash, pub_status, signals, first_created, version_created, files"
)


def _row_to_item(row: tuple) -> SentItem:
    guid, version, story_id, role, language, digest, status, signals, first, created, files, *rest = row
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
        published_at=datetime.fromisoformat(rest[0]) if rest else None,
    )


class Ledger:
    """An open ledger file. Use :func:`open_ledger`; read freely, write inside :meth:`transaction`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    def close(self) -> None:
        self._db.close()

    def _fail(self, error: sqlite3.Error) -> LedgerError:
        return LedgerError(f"ledger error: {error}", source=self.path)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, holding the ledger's lock against other processes until it ends."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise self._fail(error) from None
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            raise self._fail(error) from None

    def latest(self, guid: str) -> SentItem | None:
        """The last version of ``guid`` sent, or None if it never was."""
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM sent WHERE guid = ? ORDER BY version DESC LIMIT 1", (guid,)
        ).fetchone()
        return _row_to_item(row) if row else None

    def first_created(self, guid: str) -> datetime | None:
        row = self._db.execute("SELECT first_created FROM sent WHERE guid = ? ORDER BY version LIMIT 1", (guid,))
        found = row.fetchone()
        return datetime.fromisoformat(found[0]) if found else None

    def history(self, guid: str | None = None) -> list[SentItem]:
        """Every item edition sent (or those of ``guid``, or of guids it starts), oldest first."""
        query = (
            f"SELECT {', '.join('s.' + c.strip() for c in _COLUMNS.split(','))}, p.published_at "
            "FROM sent s JOIN publication p ON p.id = s.publication"
        )
        parameters: tuple[str, ...] = ()
        if guid:
            query += " WHERE s.guid = ? OR s.guid LIKE ? ESCAPE '\\'"
            escaped = guid.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            parameters = (guid, escaped + ":%")
        query += " ORDER BY p.id, s.guid"
        return [_row_to_item(row) for row in self._db.execute(query, parameters)]

    def add_publication(
        self, story_id: str, action: str, published_at: datetime, output_dir: Path, staging_dir: Path
    ) -> int:
        cursor = self._db.execute(
            "INSERT INTO publication (story_id, action, published_at, output_dir, staging_dir, state) "
            "VALUES (?, ?, ?, ?, ?, 'staged')",
            (story_id, action, published_at.isoformat(), str(output_dir), str(staging_dir)),
        )
        return int(cursor.lastrowid or 0)

    def add_sent(self, item: SentItem, publication: int) -> None:
        try:
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
        except sqlite3.IntegrityError:
            raise LedgerError(f"{item.guid} version {item.version} was already sent", source=self.path) from None

    def staged(self) -> list[Staged]:
        """Publications committed to the ledger whose files were not all moved into place."""
        rows = self._db.execute("SELECT id, output_dir, staging_dir FROM publication WHERE state = 'staged'")
        return [Staged(id, Path(output), Path(staging)) for id, output, staging in rows]

    def mark_done(self, publication: int) -> None:
        self._db.execute("UPDATE publication SET state = 'done' WHERE id = ?", (publication,))


def open_ledger(path: str | Path) -> Ledger:
    """Open (or create) the ledger at ``path``; a file that is not one raises :class:`LedgerError`.

    A foreign SQLite database, a damaged file or any other file is refused without writing to it.
    """
    path = Path(path)
    exists = path.exists() and path.stat().st_size > 0
    if path.is_dir():
        raise LedgerError("is a folder, not a ledger file", source=path)
    if not exists:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        connection = sqlite3.connect(path, timeout=LOCK_TIMEOUT, isolation_level=None)
    except sqlite3.Error as error:
        raise LedgerError(f"cannot open the ledger: {error}", source=path) from None
    try:
        _check_or_create(connection, path, exists)
    except BaseException:
        connection.close()
        raise
    return Ledger(path, connection)


def _check_or_create(connection: sqlite3.Connection, path: Path, exists: bool) -> None:
    try:
        if exists:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            if application_id != APPLICATION_ID:
                raise LedgerError(
                    f"is an SQLite database of another application (application_id {application_id:#x}), "
                    "not a newsbilingual ledger",
                    source=path,
                )
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                message = f"ledger format {version} is not {SCHEMA_VERSION} (written by a newer newsbilingual?)"
                raise LedgerError(message, source=path)
            check = connection.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise LedgerError(f"the ledger is damaged: {check}", source=path)
            return
        # Another process may be creating the same new ledger: the lock makes one of them do it.
        connection.execute("BEGIN IMMEDIATE")
        if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except sqlite3.DatabaseError as error:
        raise LedgerError(f"is damaged or not a newsbilingual ledger ({error})", source=path) from None
