"""A progress bar for long feeds and publishes, drawn only on a terminal.

Written here rather than taken from tqdm: one line redrawn with ``\\r`` is all a desk needs,
and the core stays free of dependencies. On a pipe or a file (a cron job, CI) nothing is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")
WIDTH = 30


def progress(items: Iterable[T], *, total: int | None, label: str, stream: TextIO) -> Iterator[T]:
    """Yield ``items``, drawing ``label [#####.....] n/total`` on ``stream`` if it is a terminal."""
    if not stream.isatty():
        yield from items
        return
    count = 0
    for count, item in enumerate(items, start=1):
        yield item
        if total:
            filled = WIDTH * count // total
            stream.write(f"\r{label} [{'#' * filled}{'.' * (WIDTH - filled)}] {count}/{total}")
        else:
            stream.write(f"\r{label} {count}")
        stream.flush()
    stream.write("\n" if count else "")
    stream.flush()
