"""Benchmark (not a test): rendering an archive of stories, serial, on a process pool, on Dask.

Makes N story files from the bundled seed (each with its own id, guids and zh/en catalogs) and
times, in the same run, ``render_all`` with one process (the baseline), a process pool of
``--workers``, and a local Dask ``distributed`` cluster of ``--workers`` processes (when the
``dask`` extra is installed). Every run's output is compared byte for byte with the serial one.
From the measured rate it estimates how long a 1,000,000-story archive would take::

    python benchmarks/bench_batch.py [--stories 2000] [--workers 2]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import newsbilingual as nb

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from storyarchive import make_archive

SENT = datetime(2026, 1, 1, tzinfo=UTC)
ARCHIVE = 1_000_000


def timed(label: str, run) -> tuple[float, nb.BatchResult]:
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    if result.failures:
        raise SystemExit(f"{label}: {len(result.failures)} failures, first: {result.failures[0].error}")
    return seconds, result


def same_bytes(left: Path, right: Path) -> bool:
    names = sorted(path.name for path in left.glob("*.xml"))
    return names == sorted(path.name for path in right.glob("*.xml")) and all(
        (left / name).read_bytes() == (right / name).read_bytes() for name in names
    )


def serial_archive(root: Path, count: int) -> tuple[float, int]:
    """Render an archive of ``count`` stories serially under ``root``: seconds per story and
    documents per story (the archive row of issue 24's table)."""
    stories, locales = make_archive(root, count, "archive-{:07d}")
    seconds, result = timed(
        "serial", lambda: nb.render_all(stories, root / "serial", workers=1, locales=locales, sent=SENT)
    )
    return seconds / count, len(result.done[0].outputs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        stories, locales = make_archive(root, args.stories, "archive-{:07d}")
        options = {"locales": locales, "sent": SENT}
        rows = []
        serial, _ = timed("serial", lambda: nb.render_all(stories, root / "serial", workers=1, **options))
        rows.append(("serial (1 process, baseline)", serial, True))
        pooled, _ = timed("pool", lambda: nb.render_all(stories, root / "pool", workers=args.workers, **options))
        rows.append((f"process pool, {args.workers} workers", pooled, same_bytes(root / "serial", root / "pool")))
        rerun, result = timed("rerun", lambda: nb.render_all(stories, root / "pool", workers=args.workers, **options))
        assert len(result.skipped) == args.stories
        rows.append(("rerun, all current (skipped)", rerun, True))
        try:
            from distributed import LocalCluster
        except ImportError:
            print("dask extra not installed: no cluster row")
        else:
            with LocalCluster(
                n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster:
                on_dask, _ = timed(
                    "dask",
                    lambda: nb.render_all(stories, root / "dask", scheduler=cluster.scheduler_address, **options),
                )
            rows.append(
                (f"Dask LocalCluster, {args.workers} workers", on_dask, same_bytes(root / "serial", root / "dask"))
            )
        per_story = len(nb.render_all(stories, root / "serial", workers=1, **options).skipped[0].outputs)
        print(f"{args.stories} stories, {per_story} documents each\n")
        print(f"| run | seconds | ms/story | vs serial | same bytes | est. {ARCHIVE:,} stories |")
        print("| --- | --- | --- | --- | --- | --- |")
        for label, seconds, same in rows:
            per_story = seconds / args.stories
            hours = per_story * ARCHIVE / 3600
            print(
                f"| {label} | {seconds:.1f} | {per_story * 1000:.2f} | {serial / seconds:.2f}x faster |"
                f" {'yes' if same else 'NO'} | {hours:.1f} h |"
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
