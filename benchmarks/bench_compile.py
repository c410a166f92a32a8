"""Benchmark: ``newsbilingual compile`` against ``msgfmt`` and ``newsbilingual stats`` against
``msgfmt --statistics``, whole processes, on short entries and on paragraphs.

Run it as a plain script (it is not a test)::

    python benchmarks/bench_compile.py                  # 20,000 entries of each shape, 5 rounds
    python benchmarks/bench_compile.py --entries 5000 --rounds 3

Shapes: ``short`` is 20,000 entries of about 70 characters (a headline or a name each, half
English, half Chinese, every one with a context and a translation); ``paragraphs`` is
``bench_update.py``'s catalog (paragraphs of 300-900 characters). Each round runs every pair
interleaved (ours, then GNU's), each as a fresh process: wall clock and peak resident memory
(GNU ``time``), the median of the rounds. Our .mo is checked to be msgfmt's byte for byte.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import polib
from bench_update import DOMAIN, LANGUAGE, TextMaker, build_inputs, run_timed

from newsbilingual.catalog.powrap import write_pofile
from newsbilingual.catalog.translations import catalog_path

NEWSBILINGUAL = str(Path(sys.executable).with_name("newsbilingual"))


def build_short(root: Path, entries: int) -> Path:
    """A catalog of ``entries`` headline-sized entries (about 70 characters); returns its path."""
    rng = random.Random(20171222)
    text = TextMaker(rng)
    po = polib.POFile(wrapwidth=79)
    po.metadata = {
        "Project-Id-Version": "bench",
        "Language": "zh_CN",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    for i in range(entries):
        english = i % 2 == 0
        msgid = text.english(55, 85) if english else text.chinese(20, 35)
        msgstr = text.chinese(20, 35) if english else text.english(55, 85)
        po.append(polib.POEntry(msgctxt=f"article/a{i // 20:05d}/headline{i % 20}", msgid=msgid, msgstr=msgstr))
    path = catalog_path(root / "locales", DOMAIN, LANGUAGE)
    write_pofile(po, path)
    return path


def measure(pairs: dict[str, tuple[list[str], list[str]]], rounds: int) -> dict[str, list[tuple[float, float]]]:
    """``{name: [(wall, peak MB) of ours, of GNU's]}``, medians of ``rounds`` interleaved runs."""
    runs: dict[str, list[list[tuple[float, float]]]] = {name: [[], []] for name in pairs}
    for _ in range(rounds):
        for name, commands in pairs.items():
            for side, command in enumerate(commands):
                run = run_timed(command)
                runs[name][side].append((run.wall, run.peak_mb))
    return {
        name: [(statistics.median(w for w, _ in side), statistics.median(m for _, m in side)) for side in sides]
        for name, sides in runs.items()
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--entries", type=int, default=20000, help="entries of each shape (20000)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds; medians are reported (5)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-compile-"))
    try:
        paths = {"short": build_short(work / "short", args.entries)}
        paths["paragraphs"] = build_inputs(work / "paragraphs", args.entries).po_path
        pairs: dict[str, tuple[list[str], list[str]]] = {}
        for shape, po in paths.items():
            locales = str(po.parents[2])
            gnu_mo = str(work / f"{shape}-gnu.mo")
            pairs[f"compile, {shape}"] = (
                [NEWSBILINGUAL, "compile", "--locales", locales, "--domain", DOMAIN],
                ["msgfmt", "-o", gnu_mo, str(po)],
            )
            pairs[f"stats, {shape}"] = (
                [NEWSBILINGUAL, "stats", "--locales", locales, "--domain", DOMAIN],
                ["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
            )
        results = measure(pairs, args.rounds)
        for shape, po in paths.items():
            same = po.with_suffix(".mo").read_bytes() == (work / f"{shape}-gnu.mo").read_bytes()
            print(f"{shape}: our .mo is msgfmt's byte for byte: {same}")
            if not same:
                return 1
        print(f"\n{args.entries} entries, median of {args.rounds} interleaved rounds, whole processes\n")
        print("| what | ours: wall s, peak MB | GNU: wall s, peak MB | ratio: time, memory |")
        print("| --- | --- | --- | --- |")
        for name, ((wall, peak), (gnu_wall, gnu_peak)) in results.items():
            print(
                f"| {name} | {wall:.3f}, {peak:.0f} | {gnu_wall:.3f}, {gnu_peak:.0f} | "
                f"{wall / gnu_wall:.2f}, {peak / gnu_peak:.2f} |"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
