"""Feed pages: which item versions a partner gets after its cursor, and the cursor after them.

A cursor is ``SEQ`` (a feed position, :data:`~.wireindex.SEQ_STRIDE`) or, for a partner not
entitled to embargoed copy, ``SEQ.T`` or ``SEQ.T.R``: besides the position, how far the embargo
*releases* have been delivered. An entry under embargo when the position passes it is held
back; once its time (``T`` in microseconds since the epoch) has passed it is delivered, at the
start of a later page, in the order (embargo time, position). ``SEQ.T`` means every release up
to time T was delivered; ``SEQ.T.R``, those up to (T, position R), when a page filled up in the
middle of them. Every entry is thus delivered exactly once per cursor chain: once when the
position passes it while it may be seen, or once as a release when its time has come.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .partners import Partner
from .wireindex import Entry, WireIndex, micros, release_key

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
_CURSOR = re.compile(r"\A(0|[1-9][0-9]{0,18})(?:\.(-?[0-9]{1,20})(?:\.([0-9]{1,19}))?)?\Z")
_END = 2**63 - 1


@dataclass(frozen=True)
class Cursor:
    """A feed position and, for partners without embargoed copy, how far releases were delivered."""

    seq: int
    released: tuple[int, int] | None = None  # (embargo µs, seq): releases up to here are delivered

    def __str__(self) -> str:
        if self.released is None:
            return str(self.seq)
        time, seq = self.released
        return f"{self.seq}.{time}" if seq == _END else f"{self.seq}.{time}.{seq}"


def parse_cursor(text: str) -> Cursor:
    """A cursor from its text; ValueError if it is not one."""
    match = _CURSOR.match(text)
    if not match:
        raise ValueError(f"not a cursor: {text[:40]!r}")
    seq, time, release_seq = match.groups()
    if time is None:
        return Cursor(int(seq))
    return Cursor(int(seq), (int(time), int(release_seq) if release_seq else _END))


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    next: Cursor


def visible(entry: Entry, partner: Partner, index: WireIndex) -> bool:
    """Whether ``entry`` belongs in ``partner``'s feed at all (its embargo aside)."""
    if not entry.is_package and not partner.allows_language(entry.language):
        return False
    if not partner.allows_genres(entry.genres):
        return False
    # An earlier version of a withdrawn item is not sent again; the withdrawal is.
    return index.superseded_by_withdrawal(entry) is None


def feed_page(
    index: WireIndex,
    partner: Partner,
    cursor: Cursor,
    *,
    limit: int,
    now: datetime,
    wanted: Callable[[Entry], bool] = lambda entry: True,
) -> Page:
    """Up to ``limit`` entries after ``cursor`` that ``partner`` may see now (and ``wanted`` lets through)."""
    page: list[Entry] = []
    released = None
    if not partner.embargoed:
        now_us = micros(now)
        # A bare SEQ from a partner without embargoed copy: what was due by now up to SEQ counts as had.
        released = cursor.released or (now_us, _END)
        # Never back in time: a cursor from a server whose clock runs ahead would otherwise see
        # releases again (servers behind one load balancer should keep their clocks in step).
        now_us = max(now_us, released[0])
        start = bisect.bisect_right(index.embargoed, released, key=release_key)
        for entry in index.embargoed[start:]:
            key = release_key(entry)
            if key[0] > now_us:
                break
            if entry.seq > cursor.seq or not (visible(entry, partner, index) and wanted(entry)):
                continue
            if len(page) == limit:
                return Page(page, Cursor(cursor.seq, release_key(page[-1])))
            page.append(entry)
        released = (now_us, _END)
    seq = cursor.seq
    for position in range(index.after(cursor.seq), len(index.entries)):
        if len(page) == limit:
            break
        entry = index.entries[position]
        seq = entry.seq
        if not (visible(entry, partner, index) and wanted(entry)):
            continue
        if released is not None and entry.embargoed is not None and micros(entry.embargoed) > released[0]:
            continue  # held back: delivered as a release once its time has passed
        page.append(entry)
    return Page(page, Cursor(seq, released))
