"""Benchmark: render with a 20,000-entry termbase against render with none (issue 23, item 6).

Run it as a plain script (it is not a test)::

    python benchmarks/bench_termbase.py             # about a minute
    python benchmarks/bench_termbase.py --entries 200000 --rounds 3

What it measures: :func:`newsbilingual.render_story` of the bundled story with its catalogs and
the publish gate on (``warn``: every check runs, the termbase's terms included), once with a
copy of the bundled catalogs whose ``termbase.tbx`` holds the bundled terms plus ``--entries``
generated ones (a name in English, Simplified and Traditional Chinese, every fifth a person),
once with the same catalogs and no termbase. Warm: in one process, pairs interleaved, the
median of each side; the first render with the termbase (reading it and building its term
index, once per process) is printed apart. Cold: a fresh ``newsbilingual render`` command each
time, the same two ways, with a termbase cache of their own (``XDG_CACHE_HOME``): the first
command with the termbase, which reads the TBX and writes the cache, is printed apart. Goal: <= 1.5.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import newsbilingual as nb
from newsbilingual.catalog.compiling import compile_all
from newsbilingual.check.termbase import read_termbase

SENT = "2017-12-22T20:00:00+08:00"
HAN = "安北成德东方丰光广国海和华吉嘉江金京康兰乐立林龙茂美明南平强庆泉荣瑞山盛天通万文祥新信兴阳永云中"
SYLLABLES = "an bei cheng de dong fang feng guang hai he hua ji jia jiang jin jing kang lan le li lin long mao".split()  # noqa: SIM905


def generated_terms(count: int, seed: int = 7) -> list[nb.Term]:
    """``count`` made-up names, each in en, zh-Hans and zh-Hant-TW (the same characters, for speed)."""
    rng = random.Random(seed)
    terms = []
    for number in range(count):
        english = " ".join(rng.choice(SYLLABLES).title() + rng.choice(SYLLABLES) for _ in range(2)) + f" {number}"
        chinese = "".join(rng.choice(HAN) for _ in range(4)) + str(number)
        kind = "person" if number % 5 == 0 else "organisation"
        forms = (nb.TermForm("en", english), nb.TermForm("zh-Hans", chinese), nb.TermForm("zh-Hant-TW", chinese))
        terms.append(nb.Term(f"generated-{number}", kind, forms))
    return terms


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    story = nb.load_story(nb.SEED_STORY)
    with tempfile.TemporaryDirectory() as folder:
        big, none = Path(folder) / "with", Path(folder) / "without"
        cache = Path(folder) / "cache"  # the termbase cache of this run (the user's is left alone)
        os.environ["XDG_CACHE_HOME"] = str(cache)
        shutil.copytree(nb.locales_dir(), big)
        compile_all(big)
        bundled = read_termbase(big / "termbase.tbx")
        nb.write_termbase(nb.Termbase((*bundled.terms, *generated_terms(args.entries))), big / "termbase.tbx")
        shutil.copytree(big, none)
        (none / "termbase.tbx").unlink()
        size = (big / "termbase.tbx").stat().st_size
        print(f"termbase: {len(bundled.terms) + args.entries} entries, {size / 1e6:.1f} MB")

        warnings: list[str] = []

        def render(locales: Path) -> None:
            nb.render_story(story, locales=locales, warn=warnings.append)

        first = timed(lambda: render(big))
        with_termbase, without = [], []
        for _ in range(args.rounds):
            with_termbase.append(timed(lambda: render(big)))
            without.append(timed(lambda: render(none)))
        warm = statistics.median(with_termbase) / statistics.median(without)
        print(f"first render with the termbase (read + index, once per process): {first:.2f} s")
        print(
            f"warm render: with {statistics.median(with_termbase) * 1000:.0f} ms, without "
            f"{statistics.median(without) * 1000:.0f} ms: ratio {warm:.2f} (goal <= 1.5)"
        )

        command = [sys.executable, "-m", "newsbilingual", "render", "--sent", SENT]
        # The first command with the termbase reads the TBX and writes the cache; the later ones read it.
        shutil.rmtree(cache, ignore_errors=True)
        out = Path(folder) / "out"
        start = time.perf_counter()
        subprocess.run([*command, "--locales", str(big), "-o", str(out)], check=True, capture_output=True)
        first_cold = time.perf_counter() - start
        shutil.rmtree(out)
        cold_with, cold_without = [], []
        for _ in range(max(1, args.rounds // 2)):
            for locales, times in ((big, cold_with), (none, cold_without)):
                out = Path(folder) / "out"
                start = time.perf_counter()
                subprocess.run([*command, "--locales", str(locales), "-o", str(out)], check=True, capture_output=True)
                times.append(time.perf_counter() - start)
                shutil.rmtree(out)
        cold = statistics.median(cold_with) / statistics.median(cold_without)
        print(
            f"cold 'newsbilingual render': with {statistics.median(cold_with):.2f} s, without "
            f"{statistics.median(cold_without):.2f} s: ratio {cold:.2f}"
        )
        print(
            f"first cold command with the termbase (TBX read, cache written): {first_cold:.2f} s, ratio "
            f"{first_cold / statistics.median(cold_without):.2f}; the commands above read the cache"
        )


if __name__ == "__main__":
    main()
