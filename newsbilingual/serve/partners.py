"""Partners and their API keys: who may pull from the wire, in which languages and genres.

Partners live in their own SQLite file (``newsbilingual-partners.sqlite`` by default), apart from
the ledger, which only ``publish`` writes. A key is shown once, when the partner is added; the file
keeps its SHA-256 only. Keys are random 256-bit secrets, so a fast hash is enough (a slow
password hash guards guessable secrets, which these are not). A key reads
``nbk_<id>_<secret>``: the id finds the partner, the secret's hash is compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import NewsbilingualError

PARTNERS_APPLICATION_ID = 0x4E425054  # "NBPT"
KEY_PREFIX = "nbk"
_MAX_KEY_LENGTH = 200

_SCHEMA = """
CREATE TABLE partner (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    key_id TEXT NOT NULL UNIQUE,
    key_hash TEXT NOT NULL,
    languages TEXT NOT NULL,
    genres TEXT NOT NULL,
    embargoed INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE UNIQUE INDEX active_name ON partner (name) WHERE revoked_at IS NULL;
"""
_COLUMNS = "name, languages, genres, embargoed, created_at, revoked_at"


class PartnerError(NewsbilingualError):
    """A partners file that is not one, or a partner that cannot be added or revoked."""


@dataclass(frozen=True)
class Partner:
    """A partner's entitlements: languages (BCP 47 ranges), genres (QCodes; empty: all), embargoed copy."""

    name: str
    languages: tuple[str, ...]
    genres: tuple[str, ...]
    embargoed: bool
    created_at: datetime
    revoked_at: datetime | None = None

    def allows_language(self, tag: str) -> bool:
        return language_matches(self.languages, tag)

    def allows_genres(self, genres: tuple[str, ...]) -> bool:
        """An item without a genre (a photo, a package) is allowed; else one of its genres must be."""
        return not self.genres or not genres or any(genre in self.genres for genre in genres)

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "languages": list(self.languages),
            "genres": list(self.genres),
            "embargoed": self.embargoed,
            "created_at": self.created_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


def language_matches(ranges: tuple[str, ...] | list[str], tag: str) -> bool:
    """RFC 4647 basic filtering: ``zh`` covers ``zh-Hans`` and ``zh-Hant-TW``; ``*`` covers all."""
    tag = tag.casefold()
    return any(r == "*" or tag == r or tag.startswith(r + "-") for r in (x.casefold() for x in ranges))


def _partner(row: tuple[Any, ...]) -> Partner:  # an SQLite row (typeshed types its values Any)
    name, languages, genres, embargoed, created, revoked = row
    return Partner(
        name,
        tuple(json.loads(languages)),
        tuple(json.loads(genres)),
        bool(embargoed),
        datetime.fromisoformat(created),
        datetime.fromisoformat(revoked) if revoked else None,
    )


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _open(path: Path, mode: str) -> sqlite3.Connection:
    """A connection to the partners file, checked to be one. ``mode``: ``read`` (read-only),
    ``write``, or ``create`` (write, making the file if there is none)."""
    create = mode == "create"
    if path.is_dir():
        raise PartnerError("is a folder, not a partners file", source=path)
    exists = path.is_file() and path.stat().st_size > 0
    if not exists and not create:
        raise PartnerError("no partners file (add a partner with: newsbilingual partner add)", source=path)
    try:
        if exists:
            uri = path.absolute().as_uri() + ("?mode=ro" if mode == "read" else "")
            db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=30)
            if db.execute("PRAGMA application_id").fetchone()[0] != PARTNERS_APPLICATION_ID:
                db.close()
                raise PartnerError("is not a newsbilingual partners file", source=path)
            return db
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None, timeout=30)
        db.execute("BEGIN IMMEDIATE")
        if db.execute("PRAGMA application_id").fetchone()[0] != PARTNERS_APPLICATION_ID:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA application_id = {PARTNERS_APPLICATION_ID}")
        db.execute("COMMIT")
        return db
    except sqlite3.DatabaseError as error:
        raise PartnerError(f"is damaged or not a partners file ({error})", source=path) from None


def _check_language(tag: str, path: Path) -> str:
    from babel import Locale, UnknownLocaleError

    if tag == "*":
        return tag
    try:
        Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        raise PartnerError(f"{tag!r} is not a language tag (zh-Hans, en, zh, ...)", source=path) from None
    return tag


def add_partner(
    path: str | Path, name: str, *, languages: list[str], genres: Sequence[str] = (), embargoed: bool = False
) -> tuple[Partner, str]:
    """Add a partner; returns it and its API key, which is stored nowhere (only its hash is)."""
    path = Path(path)
    name = name.strip()
    if not name or any(ord(c) < 32 for c in name):
        raise PartnerError(f"{name!r} is not a partner name", source=path)
    if not languages:
        raise PartnerError("a partner needs at least one language (--languages zh-Hans,en)", source=path)
    languages = [_check_language(tag.strip(), path) for tag in languages]
    for genre in genres:
        if ":" not in genre:
            raise PartnerError(f"{genre!r} is not a genre QCode (genre:Current, genre:Opinion)", source=path)
    key_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    now = datetime.now(UTC).replace(microsecond=0)
    db = _open(path, "create")
    try:
        db.execute(
            "INSERT INTO partner (name, key_id, key_hash, languages, genres, embargoed, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                name,
                key_id,
                _hash(secret),
                json.dumps(languages),
                json.dumps(list(genres)),
                int(embargoed),
                now.isoformat(),
            ),
        )
    except sqlite3.IntegrityError:
        raise PartnerError(f"a partner named {name!r} exists (revoke it first)", source=path) from None
    finally:
        db.close()
    return Partner(name, tuple(languages), tuple(genres), embargoed, now), f"{KEY_PREFIX}_{key_id}_{secret}"


def list_partners(path: str | Path) -> list[Partner]:
    """Every partner ever added, revoked ones too, oldest first."""
    db = _open(Path(path), "read")
    try:
        return [_partner(row) for row in db.execute(f"SELECT {_COLUMNS} FROM partner ORDER BY id")]
    finally:
        db.close()


def revoke_partner(path: str | Path, name: str) -> Partner:
    """Revoke the partner's key: from the next request on, it is refused (401)."""
    path = Path(path)
    db = _open(path, "write")
    try:
        now = datetime.now(UTC).replace(microsecond=0).isoformat()
        cursor = db.execute("UPDATE partner SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", (now, name))
        if cursor.rowcount == 0:
            raise PartnerError(f"no partner named {name!r} (or it is revoked already)", source=path)
        row = db.execute(f"SELECT {_COLUMNS} FROM partner WHERE name = ? ORDER BY id DESC LIMIT 1", (name,)).fetchone()
        return _partner(row)
    finally:
        db.close()


class PartnerBook:
    """The server's read-only view of the partners file; a revocation counts from the next request."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db = _open(self.path, "read")
        self._lock = threading.Lock()
        # Compared against when the key id is unknown, so that both paths cost the same.
        self._dummy = _hash(secrets.token_urlsafe(32))

    def close(self) -> None:
        self._db.close()

    def authenticate(self, key: str) -> Partner | None:
        """The active partner whose key this is, else None."""
        if len(key) > _MAX_KEY_LENGTH:
            return None
        prefix, _, rest = key.partition("_")
        key_id, _, secret = rest.partition("_")
        with self._lock:
            row = self._db.execute(
                f"SELECT key_hash, {_COLUMNS} FROM partner WHERE key_id = ? AND revoked_at IS NULL", (key_id,)
            ).fetchone()
        stored = row[0] if row else self._dummy
        matches = hmac.compare_digest(stored, _hash(secret))
        return _partner(row[1:]) if row and matches and prefix == KEY_PREFIX else None
