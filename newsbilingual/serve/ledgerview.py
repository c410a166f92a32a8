"""The publication ledger as ``serve`` reads it: every SQL statement it runs against the ledger.

``serve`` never writes the ledger. It opens it with SQLite's read-only URI (``mode=ro``) and reads,
in one read transaction, the rows of every publication below the *low-water mark*: the first
publication that is committed but not complete (``state != 'done'``: its files may still be moving
into the wire folder). A publish holds the ledger's write lock from choosing its publication id to
its commit, so publications commit in id order, and everything below the mark is committed and
complete; everything committed later gets a higher id. A cursor on (publication id, place in the
publication) therefore never skips a publication that completes after a later one, and never
shows a version whose files are not all in place.

All SQL is in this module so that it is easy to adapt when the ledger's tables change.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..desk.ledger import APPLICATION_ID, SCHEMA_VERSION, LedgerError

# How long a read waits for a publish committing (seconds); a publish holds the lock briefly.
READ_TIMEOUT = 5.0

_SNAPSHOT_MARK = "SELECT min(id) FROM publication WHERE state != 'done'"
_SNAPSHOT_LAST = "SELECT max(id) FROM publication"
_SNAPSHOT_ROWS = """
SELECT p.id, p.published_at, p.output_dir, s.guid, s.version, s.role, s.language, s.pub_status, s.files
FROM sent s JOIN publication p ON p.id = s.publication
WHERE p.id > ? AND p.id < ?
ORDER BY p.id, s.guid
"""


@dataclass(frozen=True)
class LedgerRow:
    """One item version as the ledger records it, with the publication that sent it."""

    publication: int
    published_at: datetime
    output_dir: str
    guid: str
    version: int
    role: str
    language: str
    pub_status: str
    file: str


@dataclass(frozen=True)
class Snapshot:
    """What one read of the ledger found: the complete rows after a publication id, and where it stalls.

    ``low_water`` is the id of the first publication not complete (None when all are);
    ``last`` is the highest publication id read, from which the next read goes on.
    """

    rows: list[LedgerRow]
    low_water: int | None
    last: int


class LedgerView:
    """A read-only connection to a ledger file (checked to be one)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise LedgerError("no such ledger file", source=self.path)
        uri = self.path.absolute().as_uri() + "?mode=ro"
        try:
            self._db = sqlite3.connect(
                uri, uri=True, timeout=READ_TIMEOUT, isolation_level=None, check_same_thread=False
            )
            application_id = self._db.execute("PRAGMA application_id").fetchone()[0]
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as error:
            raise LedgerError(f"cannot read the ledger: {error}", source=self.path) from None
        if application_id != APPLICATION_ID or version != SCHEMA_VERSION:
            self._db.close()
            raise LedgerError(
                f"not a newsbilingual ledger of format {SCHEMA_VERSION} "
                f"(application_id {application_id:#x}, format {version})",
                source=self.path,
            )

    def close(self) -> None:
        self._db.close()

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the ledger."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def snapshot(self, after: int) -> Snapshot:
        """The rows of complete publications with an id above ``after``, in ledger order."""
        try:
            self._db.execute("BEGIN")
            try:
                low_water = self._db.execute(_SNAPSHOT_MARK).fetchone()[0]
                last = self._db.execute(_SNAPSHOT_LAST).fetchone()[0] or 0
                upper = low_water if low_water is not None else last + 1
                found = self._db.execute(_SNAPSHOT_ROWS, (after, upper)).fetchall()
            finally:
                self._db.execute("COMMIT")
        except sqlite3.Error as error:
            raise LedgerError(f"cannot read the ledger: {error}", source=self.path) from None
        rows = [
            LedgerRow(
                pub, datetime.fromisoformat(at), output, guid, version, role, language, status, json.loads(files)[0]
            )
            for pub, at, output, guid, version, role, language, status, files in found
        ]
        return Snapshot(rows, low_water, max(after, (low_water - 1) if low_water is not None else last))
