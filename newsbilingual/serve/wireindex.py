"""What the wire holds, in memory: one entry per complete item version, in ledger order.

The index is built from the ledger (:mod:`.ledgerview`) and the files ``publish`` wrote, and
extended as publications complete: rows below the ledger's low-water mark never change, so each
is read once. Each entry carries what the feed filters on (language, genres, embargo, status);
the documents themselves are read from the wire folder when asked for and kept in a bounded
cache (files are named by version, so a file's bytes never change once complete).

Paths come only from the ledger: a file name that is not a plain name in the wire folder is
refused, so nothing a request says, and nothing a damaged ledger says, reaches outside it.
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lxml import etree

from ..errors import NewsbilingualError
from ..newsml.extras import NAR
from ..newsml.safexml import parse_xml
from .ledgerview import LedgerRow, LedgerView

log = logging.getLogger("newsbilingual.serve")

# A feed position is publication id × SEQ_STRIDE + the row's place in its publication (1, 2, ...):
# one integer a partner can store, increasing in ledger order.
SEQ_STRIDE = 1_000_000
# Versions withdrawn or held back: their earlier versions are not served.
WITHDRAWN = ("stat:canceled", "stat:withheld")
# Documents kept in memory (bytes, gzipped bytes, ETag), most recently used first.
CACHE_SIZE = 4096
GZIP_MIN_BYTES = 1024


@dataclass(frozen=True)
class Entry:
    """One complete item version on the wire."""

    seq: int
    guid: str
    version: int
    role: str
    language: str
    pub_status: str
    published_at: datetime
    path: Path
    genres: tuple[str, ...]
    embargoed: datetime | None

    @property
    def is_package(self) -> bool:
        return self.role == "package"


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def micros(moment: datetime) -> int:
    """Microseconds since the epoch, exactly (no float rounding)."""
    return (moment - _EPOCH) // timedelta(microseconds=1)


def release_key(entry: Entry) -> tuple[int, int]:
    """The order embargo releases are delivered in: embargo time, then feed position."""
    return (micros(entry.embargoed) if entry.embargoed else 0, entry.seq)


@dataclass(frozen=True)
class Document:
    """The bytes served for an entry: identity and gzip encodings, and its ETag."""

    body: bytes
    gzipped: bytes | None
    etag: str
    start: int = 0  # where the root element begins (after the XML declaration)

    def element(self) -> memoryview:
        """The document without its XML declaration: what a newsMessage's itemSet takes."""
        return memoryview(self.body)[self.start :]


class WireIndex:
    """Every complete item version of one wire folder, refreshed from its ledger on demand."""

    def __init__(self, ledger: LedgerView, wire: Path) -> None:
        self.ledger = ledger
        self.wire = Path(wire).resolve()
        if not self.wire.is_dir():
            raise NewsbilingualError("no such wire folder", source=wire)
        self.entries: list[Entry] = []
        self.seqs: list[int] = []
        self.versions: dict[str, list[Entry]] = {}  # guid -> its entries, oldest first
        self.embargoed: list[Entry] = []  # entries with an embargo, sorted by (embargo, seq)
        self.low_water: int | None = None
        self.unreadable = 0
        self._after = 0
        self._seen_version: int | None = None
        self._folders: dict[str, bool] = {}
        self._lock = threading.Lock()
        self._documents: OrderedDict[Path, Document] = OrderedDict()

    def refresh(self) -> None:
        """Add the publications completed since the last refresh (cheap when the ledger is unchanged)."""
        with self._lock:
            version = self.ledger.data_version()
            if version == self._seen_version:
                return
            snapshot = self.ledger.snapshot(self._after)
            publication, place = 0, 0
            for row in snapshot.rows:
                place = place + 1 if row.publication == publication else 1
                publication = row.publication
                if self._ours(row.output_dir):
                    self._add(row, publication * SEQ_STRIDE + place)
            self.low_water = snapshot.low_water
            self._after = snapshot.last
            self._seen_version = version

    def _ours(self, output_dir: str) -> bool:
        """Whether a publication's output folder is this wire folder (a ledger may serve several)."""
        if output_dir not in self._folders:
            self._folders[output_dir] = Path(output_dir).resolve() == self.wire
        return self._folders[output_dir]

    def _add(self, row: LedgerRow, seq: int) -> None:
        try:
            path = self._path(row.file)
            genres, embargoed = _metadata(path)
        except (NewsbilingualError, OSError) as error:
            # Not served rather than stopping the whole wire; /health counts them.
            log.error("%s version %s is not served: %s", row.guid, row.version, error)
            self.unreadable += 1
            return
        entry = Entry(
            seq,
            row.guid,
            row.version,
            row.role,
            row.language,
            row.pub_status,
            row.published_at,
            path,
            genres,
            embargoed,
        )
        self.entries.append(entry)
        self.seqs.append(seq)
        self.versions.setdefault(entry.guid, []).append(entry)
        if embargoed is not None:
            bisect.insort(self.embargoed, entry, key=release_key)

    def _path(self, name: str) -> Path:
        """The file ``name`` (from the ledger) in the wire folder; anything but a plain name is refused."""
        if not name or name != Path(name).name or name in (".", "..") or "\\" in name or "\x00" in name:
            raise NewsbilingualError(f"the ledger names a file outside the wire folder: {name!r}", source=self.wire)
        return self.wire / name

    def after(self, seq: int) -> int:
        """The index of the first entry past position ``seq``."""
        return bisect.bisect_right(self.seqs, seq)

    def latest(self, guid: str) -> Entry | None:
        found = self.versions.get(guid)
        return found[-1] if found else None

    def version(self, guid: str, version: int) -> Entry | None:
        return next((e for e in self.versions.get(guid, ()) if e.version == version), None)

    def superseded_by_withdrawal(self, entry: Entry) -> Entry | None:
        """The withdrawal (or withholding) that replaces ``entry``, if its item's latest version is one."""
        latest = self.versions[entry.guid][-1]
        return latest if latest.pub_status in WITHDRAWN and latest.version != entry.version else None

    def document(self, entry: Entry) -> Document:
        """The bytes served for ``entry``: the file, less the text of a withdrawn version."""
        with self._lock:
            cached = self._documents.get(entry.path)
            if cached is not None:
                self._documents.move_to_end(entry.path)
                return cached
        body = entry.path.read_bytes()
        if entry.pub_status in WITHDRAWN:
            body = _without_content(body, entry.path)
        gzipped = gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= GZIP_MIN_BYTES else None
        start = body.index(b"<", body.index(b"?>")) if body.startswith(b"<?xml") else 0
        document = Document(body, gzipped, '"' + hashlib.sha256(body).hexdigest()[:32] + '"', start)
        with self._lock:
            self._documents[entry.path] = document
            if len(self._documents) > CACHE_SIZE:
                self._documents.popitem(last=False)
        return document


def _metadata(path: Path) -> tuple[tuple[str, ...], datetime | None]:
    """An item file's genres and embargo time (what entitlements are decided on)."""
    root = parse_xml(path.read_bytes(), source=str(path))
    genres = tuple(node.get("qcode", "") for node in root.iterfind(f"{NAR}contentMeta/{NAR}genre"))
    embargo = root.findtext(f"{NAR}itemMeta/{NAR}embargoed")
    return genres, datetime.fromisoformat(embargo) if embargo else None


def _without_content(body: bytes, path: Path) -> bytes:
    """A withdrawal as served: its metadata and notes, without the text it withdraws (contentSet)."""
    root = parse_xml(body, source=str(path))
    for node in root.findall(f"{NAR}contentSet"):
        root.remove(node)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
