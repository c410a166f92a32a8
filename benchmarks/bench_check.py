"""Benchmark (not a test): ``newsbilingual check`` against translate-toolkit's ``pofilter``.

Two comparisons, both against pofilter run in the same session:

1. **What each tool finds** on the planted-error corpus (tests/data/check-corpus/*.po, English →
   Chinese and Chinese → English): per kind of error, how many planted cases each tool flags,
   and on the correct translations how many false alarms each raises. A pofilter "hit" is any
   of its tests firing on the entry (generous to pofilter); a newsbilingual hit is the expected
   check firing.
2. **How fast**: both tools on a 20,000-entry catalog (the bundled story's Chinese entries
   repeated under new contexts), each in a fresh process; the ratio check / pofilter is the
   target (at most 2x).

    python benchmarks/bench_check.py [--entries 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import polib

from newsbilingual import check_catalog, locales_dir, read_po
from newsbilingual.catalog.powrap import write_pofile
from newsbilingual.catalog.translations import catalog_path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "check-corpus"
TERMBASE = REPO / "locales" / "termbase.tbx"
# Capitalisation tests compare an English target's capitals with a Chinese source, which has
# none: they fire on every zh → en entry, so a second column leaves them out.
CAPITALS = {"simplecaps", "startcaps"}
# pofilter's language rules for the translation of each corpus file.
POFILTER_LANGUAGE = {"en-zh.po": "zh_CN", "zh-en.po": "en"}


def pofilter(path: Path, language: str, output: Path) -> dict[str, list[str]]:
    """Run pofilter; the tests that fired per msgctxt (its output keeps the failing units)."""
    subprocess.run(
        ["pofilter", "--progress=none", f"--language={language}", "-i", str(path), "-o", str(output)],
        check=True,
        capture_output=True,
    )
    fired: dict[str, list[str]] = {}
    if output.exists():
        for entry in polib.pofile(str(output)):
            tests = [line.split(":")[0].removeprefix("(pofilter) ") for line in entry.tcomment.splitlines()]
            fired[entry.msgctxt or ""] = [test for test in tests if test]
    return fired


def compare_on_corpus(workdir: Path) -> None:
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    pofilter_tests: Counter[str] = Counter()
    for name, language in POFILTER_LANGUAGE.items():
        path = CORPUS / name
        ours: dict[str, set[str]] = defaultdict(set)
        for finding in check_catalog(path, termbase=TERMBASE):
            ours[finding.context].add(finding.check)
        theirs = pofilter(path, language, workdir / f"pofilter-{name}")
        for entry in polib.pofile(str(path)):
            kind = entry.msgctxt.split("/")[0]
            expect = entry.comment.removeprefix("expect: ")
            row = rows[f"{name[:5]} {kind.removeprefix('ok-')}"]
            fired = set(theirs.get(entry.msgctxt, []))
            if expect == "none":  # a correct translation: anything found is a false alarm
                row["correct"] += 1
                row["check false"] += bool(ours[entry.msgctxt])
                row["pofilter false"] += bool(fired)
                row["pofilter* false"] += bool(fired - CAPITALS)
                pofilter_tests.update(fired)
            else:
                row["planted"] += 1
                row["check hit"] += expect in ours[entry.msgctxt]
                row["pofilter hit"] += bool(fired)
                row["pofilter* hit"] += bool(fired - CAPITALS)
    print("Planted-error corpus: planted errors found (hits) and correct translations flagged (false alarms)")
    print("(pofilter*: without its capitalisation tests, which fire on every Chinese-to-English entry)")
    columns = ["planted", "check hit", "pofilter hit", "pofilter* hit"]
    columns += ["correct", "check false", "pofilter false", "pofilter* false"]
    print(f"{'direction kind':<30}" + "".join(f"{column:>16}" for column in columns))
    total: Counter[str] = Counter()
    for label in sorted(rows):
        row = rows[label]
        total.update(row)
        # A count is shown where the row has cases to count on: planted errors, correct translations.
        cells = [row[c] if row["planted" if c in columns[:4] else "correct"] else "-" for c in columns]
        print(f"{label:<30}" + "".join(f"{cell:>16}" for cell in cells))
    print(f"{'total':<30}" + "".join(f"{total[column]:>16}" for column in columns))
    print("pofilter tests firing on correct translations:", dict(pofilter_tests.most_common()))


def big_catalog(path: Path, entries: int) -> None:
    """``entries`` entries: the bundled story's Chinese entries repeated under fresh contexts."""
    source = read_po(catalog_path(locales_dir(), "mianyang-high-tech-service", "zh"))
    live = [entry for entry in source if not entry.obsolete and entry.msgstr]
    catalog = polib.POFile(wrapwidth=79)
    catalog.metadata = dict(source.metadata)
    for number in range(entries):
        model = live[number % len(live)]
        catalog.append(
            polib.POEntry(
                msgctxt=f"story{number // len(live):04d}/{model.msgctxt}",
                msgid=model.msgid,
                msgstr=model.msgstr,
                comment=model.comment,
                occurrences=model.occurrences,
                flags=list(model.flags),
            )
        )
    write_pofile(catalog, path)


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def compare_speed(workdir: Path, entries: int, repeat: int) -> None:
    path = workdir / "big.po"
    big_catalog(path, entries)
    ours_command = [
        sys.executable,
        "-c",
        "import sys; from pathlib import Path; from newsbilingual import check_catalog; "
        f"print(len(check_catalog(Path(sys.argv[1]), termbase=Path({str(TERMBASE)!r}))))",
        str(path),
    ]
    theirs_command = ["pofilter", "--progress=none", "--language=zh_CN", "-i", str(path), "-o", str(workdir / "out.po")]
    ours = statistics.median(timed(ours_command) for _ in range(repeat))
    theirs = statistics.median(timed(theirs_command) for _ in range(repeat))
    print(f"\n{entries:,}-entry catalog, median of {repeat}, each in a fresh process")
    print(f"  newsbilingual check_catalog  {ours:8.2f} s")
    print(f"  pofilter (all tests, zh_CN)  {theirs:8.2f} s")
    print(f"  ratio check / pofilter       {ours / theirs:8.2f}x  (target: at most 2x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        compare_on_corpus(Path(folder))
        compare_speed(Path(folder), args.entries, args.repeat)


if __name__ == "__main__":
    main()
