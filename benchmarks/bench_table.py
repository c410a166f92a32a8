"""Benchmark: every row of issue 24's table in one run, printed as one table.

Runs the project's own scripts (their functions where this repository owns them, else the
script as a subprocess whose printed figures are read back) and prints, per row: what,
ours, the baseline measured in the same run, the ratio, the goal, and whether it is met::

    python benchmarks/bench_table.py                         # every row: 20-30 minutes
    python benchmarks/bench_table.py --rows render feed load help archive
    python benchmarks/bench_table.py --rows archive --archive-stories 10000

Rows (``--rows``): ``render``, ``feed`` (10 and 50 stories, and whether time grows linearly),
``load``, ``help``, ``checks`` (the model's share of a render, from cProfile), ``archive``
(serial; with the estimate per 1,000,000 stories), ``parse``
(``bench_parse.py``), ``compile`` (``bench_compile.py``, short entries), ``update``
(``bench_update.py``: update against msgmerge and compile of paragraphs against msgfmt, time
and peak memory). On a shared machine the ratios are rough: run it when the machine is quiet.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_batch  # noqa: E402 (the benchmarks folder is no package)
import bench_render  # noqa: E402

ROWS = ("render", "feed", "load", "help", "checks", "archive", "parse", "compile", "update")
ARCHIVE_GOAL_MS = 10.0
STORIES = 1_000_000


@dataclass
class Row:
    """One line of the table: ``ours`` and ``baseline`` as printed (units in them), ``ratio`` the
    figure the goal is about (ours / baseline, or milliseconds for the archive)."""

    what: str
    ours: str
    baseline: str
    ratio: float
    goal: float
    unit: str = "x"

    def line(self) -> str:
        met = "yes" if self.ratio <= self.goal else "NO"
        ratio, goal = f"{self.ratio:.2f}{self.unit}", f"<= {self.goal:g}{self.unit}"
        return f"| {self.what} | {self.ours} | {self.baseline} | {ratio} | {goal} | {met} |"


def _pair(what: str, pair: tuple[float, float], goal: float) -> Row:
    ours, base = pair
    return Row(what, f"{ours * 1e3:.2f} ms", f"{base * 1e3:.2f} ms", ours / base, goal)


def render_rows(args: argparse.Namespace, rows: set[str]) -> list[Row]:
    """render, feed, load and help, through :func:`bench_render.measure` (one warm process)."""
    chosen = tuple(row for row in bench_render.ROWS if row in rows)
    pairs, same = bench_render.measure(args.rounds, [10, 50], chosen)
    if not same:
        raise SystemExit("the floor's bytes differ from ours: the render rows compare different work")
    by_prefix = {label.split(" /")[0]: pair for label, pair in pairs.items()}
    found = []
    if "render" in rows:
        found.append(_pair("`render_story` of the bundled story / ElementMaker floor", by_prefix["render"], 1.5))
    if "feed" in rows:
        small, large = by_prefix["feed of 10 stories"], by_prefix["feed of 50 stories"]
        found.append(_pair("`render_feed` of 10 stories / floor", small, 2.0))
        found.append(_pair("`render_feed` of 50 stories / floor", large, 2.0))
        # Linear: a story costs the same in a feed of 50 as in one of 10 (within 20%).
        per_small, per_large = small[0] / 10, large[0] / 50
        found.append(
            Row(
                "`render_feed` per story, 50 / 10 (linear)",
                f"{per_large * 1e3:.2f} ms",
                f"{per_small * 1e3:.2f} ms",
                per_large / per_small,
                1.2,
            )
        )
    if "load" in rows:
        found.append(_pair("`load_story` / `tomllib.loads`", by_prefix["load_story"], 1.3))
    if "help" in rows:
        found.append(_pair("`newsbilingual --help` / `python -c 'import lxml.etree, babel'`", by_prefix["--help"], 1.3))
    return found


# Functions of story/model.py that read a model object rather than check one.
MODEL_ACCESSORS = {"roles", "guid", "language", "embargoed", "people", "organisations", "with_text", "from_checked"}


def model_share_row(args: argparse.Namespace) -> list[Row]:
    """The share of a render of the bundled story that goes to making and checking model objects:
    the time cProfile gives the functions of ``story/model.py`` (all but its accessors) and
    ``dataclasses.replace``, over the render's total (the generated ``__init__`` of dataclasses is
    left out: cProfile lumps those of every class together). The profiler slows Python calls
    more than C, so this overstates the share somewhat."""
    import cProfile
    import dataclasses
    import pstats

    import newsbilingual as nb

    story = nb.load_story(nb.SEED_STORY)
    with tempfile.TemporaryDirectory(prefix="bench-table-") as work:
        locales = Path(work) / "locales"
        shutil.copytree(nb.locales_dir(), locales)
        bench_render.compile_all(locales)
        nb.render_story(story, locales=locales, clock=lambda: bench_render.SENT)  # warm: catalogs read
        profile = cProfile.Profile(time.process_time)  # CPU time: steadier on a shared machine
        profile.runcall(lambda: [nb.render_story(story, locales=locales, clock=lambda: bench_render.SENT)
                                 for _ in range(args.rounds * 5)])  # fmt: skip
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    model = str(Path(nb.Story.__module__.replace(".", "/")).with_suffix(".py"))
    checks = sum(
        tottime for (file, _, name), (_, _, tottime, _, _) in stats.items()
        if (file.endswith(model) and name not in MODEL_ACCESSORS)
        or (file, name) == (dataclasses.__file__, "replace")
    )  # fmt: skip
    total = sum(tottime for (_, _, tottime, _, _) in stats.values())
    share = 100 * checks / total
    return [
        Row(
            "model objects made and checked, share of a render (cProfile)",
            f"{checks:.2f} s",
            f"{total:.2f} s",
            share,
            20,
            "%",
        )
    ]


def archive_row(args: argparse.Namespace) -> list[Row]:
    """One story of the archive, serial (:func:`bench_batch.serial_archive`), and the estimate."""
    root = Path(tempfile.mkdtemp(prefix="bench-table-"))
    try:
        per_story, documents = bench_batch.serial_archive(root, args.archive_stories)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    hours = per_story * STORIES / 3600
    what = f"archive: one story of {documents} documents, serial ({args.archive_stories:,} measured)"
    ours = f"{per_story * 1e3:.1f} ms a story, {hours:.1f} h per {STORIES:,}"
    return [Row(what, ours, "-", per_story * 1e3, ARCHIVE_GOAL_MS, " ms")]


def _script(name: str, *arguments: str) -> str:
    """The output of ``benchmarks/<name>``, run with this interpreter (echoed, for the record)."""
    command = [sys.executable, str(HERE / name), *arguments]
    print(f"$ {' '.join(command[1:])}", flush=True)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    print(done.stdout, done.stderr, sep="", flush=True)
    if done.returncode:
        raise SystemExit(f"{name} failed (exit {done.returncode})")
    return done.stdout


def _number(pattern: str, text: str, what: str) -> tuple[float, ...]:
    found = re.search(pattern, text, re.MULTILINE)
    if found is None:
        raise SystemExit(f"{what}: not found in the script's output (its format changed?)")
    return tuple(float(value) for value in found.groups())


def parse_row(args: argparse.Namespace) -> list[Row]:
    out = _script("bench_parse.py", "--no-large", "--items", "1000").split("generated items:", 1)[-1]
    (floor,) = _number(r"lxml fromstring \+ tostring \(floor\)\s+([\d.]+) µs", out, "parse floor")
    (ours,) = _number(r"newsbilingual parse -> objects\s+([\d.]+) µs", out, "parse")
    return [
        Row(
            "`parse` of 1,000 items / lxml `fromstring`+`tostring`",
            f"{ours:.1f} µs",
            f"{floor:.1f} µs",
            ours / floor,
            3.0,
        )
    ]


def compile_row(args: argparse.Namespace) -> list[Row]:
    out = _script("bench_compile.py", "--entries", "20000", "--rounds", str(args.rounds))
    ours, _, gnu, _, ratio, _ = _number(
        r"^\| compile, short \| ([\d.]+), ([\d.]+) \| ([\d.]+), ([\d.]+) \| ([\d.]+), ([\d.]+) \|$", out, "compile"
    )
    return [
        Row("`compile` / `msgfmt`, 20,000 short entries, whole process", f"{ours:.3f} s", f"{gnu:.3f} s", ratio, 1.0)
    ]


def update_rows(args: argparse.Namespace) -> list[Row]:
    out = _script("bench_update.py", "--entries", "20000", "--skip-fuzzy", "--repeat", str(min(args.rounds, 3)))
    numbers = r"([\d.]+), ([\d.]+), ([\d.]+)"
    update_wall, _, update_peak, compile_wall, _, compile_peak = _number(
        rf"20000 entries: update / msgmerge -N --previous {numbers}; compile / msgfmt {numbers}", out, "update"
    )
    return [
        Row("`update` / `msgmerge -N --previous`, 20k entries: time", "-", "-", update_wall, 0.8),
        Row("`update` / `msgmerge -N --previous`, 20k entries: peak memory", "-", "-", update_peak, 1.0),
        Row("`compile` / `msgfmt`, 20k paragraph entries: time", "-", "-", compile_wall, 1.0),
        Row("`compile` / `msgfmt`, 20k paragraph entries: peak memory", "-", "-", compile_peak, 1.0),
    ]


MEASURE: dict[str, Callable[[argparse.Namespace], list[Row]]] = {
    "checks": model_share_row,
    "archive": archive_row,
    "parse": parse_row,
    "compile": compile_row,
    "update": update_rows,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", nargs="+", choices=ROWS, default=list(ROWS), help="rows to run (all)")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds per comparison (7)")
    parser.add_argument("--archive-stories", type=int, default=10_000, help="stories of the archive row (10000)")
    args = parser.parse_args(argv)
    rows = set(args.rows)
    table: list[Row] = []
    if rows & set(bench_render.ROWS):
        table += render_rows(args, rows)
    for name, measure in MEASURE.items():
        if name in rows:
            table += measure(args)
    print("\n| what | ours | baseline | ratio | goal | met? |\n| --- | --- | --- | --- | --- | --- |")
    for row in table:
        print(row.line())
    return 0 if all(row.ratio <= row.goal for row in table) else 1


if __name__ == "__main__":
    sys.exit(main())
