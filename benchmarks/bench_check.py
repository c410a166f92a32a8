"""Benchmark (not a test): ``newsbilingual check`` against translate-toolkit's ``pofilter``.

Three comparisons, all against pofilter run in the same session:

0. **Real news** (``../shared/corpora/wmt18-zh-en.csv``, 3,960 professional zh↔en pairs, checked
   in both directions): pairs with an error-level finding per 1,000, for the development rows
   (odd-numbered data rows: the only ones the checks were tuned on) and the held-out rows
   (even-numbered: never looked at while tuning); the hand-classified findings
   (tests/data/wmt18-classified.csv, and the shared ../shared/corpora/wmt18-verdicts.csv): how
   many false alarms are gone, how many true findings stay; and recall per kind of error planted
   programmatically into real pairs (today's kinds and the meaning slips of issue 19).

1. **What each tool finds** on the planted-error corpus (tests/data/check-corpus/*.po, English →
   Chinese and Chinese → English): per kind of error, how many planted cases each tool flags,
   and on the correct translations how many false alarms each raises. A pofilter "hit" is any
   of its tests firing on the entry (generous to pofilter); a newsbilingual hit is the expected
   check firing.
2. **How fast**: both tools on a 20,000-entry catalog (the bundled story's Chinese entries
   repeated under new contexts), each in a fresh process; the ratio check / pofilter is the
   target (at most 1x).

    python benchmarks/bench_check.py [--entries 20000] [--repeat 3] [--skip-speed] [--skip-corpus] [--skip-real]
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import polib

from newsbilingual import check_catalog, locales_dir, read_figures, read_po
from newsbilingual.catalog.powrap import write_pofile
from newsbilingual.catalog.translations import catalog_path
from newsbilingual.check.meaning import _next_word

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpora"
REAL = SHARED / "wmt18-zh-en.csv"
CLASSIFIED = [REPO / "tests" / "data" / "wmt18-classified.csv", SHARED / "wmt18-verdicts.csv"]
# direction: (source language, target language, pofilter's language for the target)
DIRECTIONS = {"en2zh": ("en", "zh", "zh_CN"), "zh2en": ("zh-Hans", "en", "en")}
MEANING = {"figures", "meaning"}
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


def real_pairs() -> list[tuple[int, str, str]]:
    """(pair number, Chinese, English): the NNNN of w18-NNNN is the 1-based data row."""
    with REAL.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))[1:]
    return [(number, zh, en) for number, (zh, en) in enumerate(rows, 1)]


def pairs_catalog(path: Path, direction: str, units: list[tuple[str, str, str]]) -> None:
    """A .po of (msgctxt, source, translation) units in ``direction``."""
    source, target, _ = DIRECTIONS[direction]
    catalog = polib.POFile(wrapwidth=79)
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": target, "X-Source-Language": source}
    for context, msgid, msgstr in units:
        catalog.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr=msgstr))
    write_pofile(catalog, path)


def errors_by_context(path: Path, warnings: bool = False) -> dict[str, set[str]]:
    """The checks with an error-level finding (or a warning too), per msgctxt."""
    found: dict[str, set[str]] = defaultdict(set)
    for finding in check_catalog(path, termbase=TERMBASE):
        if finding.severity == "error" or warnings:
            found[finding.context].add(finding.check)
    return found


def oriented(direction: str, zh: str, en: str) -> tuple[str, str]:
    return (en, zh) if direction == "en2zh" else (zh, en)


Found = dict[str, dict[str, set[str]]]  # direction → msgctxt → checks with an error
Fired = dict[str, dict[str, list[str]]]  # direction → msgctxt → pofilter tests that fired


def real_news(workdir: Path) -> tuple[Found, Fired]:
    """Pairs with an error per 1,000, dev (odd rows) and held-out (even rows), ours and pofilter's."""
    pairs = real_pairs()
    found: Found = {}
    fired: Fired = {}
    print("Real news pairs (WMT18 zh-en, professional translations), pairs with an error-level finding per 1,000")
    print("(dev = odd data rows, the only ones looked at while tuning; held-out = even rows)")
    header = ["pairs", "all checks", "figures+meaning", "pofilter", "pofilter*"]
    print(f"{'direction':<20}" + "".join(f"{column:>18}" for column in header))
    for direction, (_, _, language) in DIRECTIONS.items():
        path = workdir / f"real-{direction}.po"
        units = [(f"w18-{number:04d}", *oriented(direction, zh, en)) for number, zh, en in pairs]
        pairs_catalog(path, direction, units)
        found[direction] = errors_by_context(path)
        theirs = fired[direction] = pofilter(path, language, workdir / f"pofilter-real-{direction}.po")
        for split, parity in (("dev", 1), ("held-out", 0)):
            contexts = [context for context, _, _ in units if int(context[4:]) % 2 == parity]
            per_mille = [
                sum(bool(found[direction].get(c)) for c in contexts),
                sum(bool(found[direction].get(c, set()) & MEANING) for c in contexts),
                sum(bool(theirs.get(c)) for c in contexts),
                sum(bool(set(theirs.get(c, [])) - CAPITALS) for c in contexts),
            ]
            cells = [len(contexts), *(f"{1000 * n / len(contexts):.0f}" for n in per_mille)]
            print(f"{direction + ' ' + split:<20}" + "".join(f"{cell:>18}" for cell in cells))
    return found, fired


def classified_sample(found: Found) -> None:
    """Of the hand-classified findings: false alarms gone, true findings kept, per check and split."""
    rows: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for path in CLASSIFIED:
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                split = "dev" if int(row["pair"][4:]) % 2 else "held-out"
                still = row["check"] in found[row["direction"]].get(row["pair"], set())
                verdict = {"TRUE-TYPO": "TRUE"}.get(row["verdict"], row["verdict"])
                label = (f"{path.name} {split}", row["check"])
                rows[label][verdict] += 1
                rows[label][f"{verdict} still"] += still
    print("\nHand-classified findings (verdict TRUE = a real error or typo, FALSE = a correct translation flagged)")
    columns = ["FALSE", "FALSE still", "TRUE", "TRUE still", "false share now"]
    print(f"{'sample':<40}{'check':<12}" + "".join(f"{column:>16}" for column in columns))
    for (sample, check), row in sorted(rows.items()):
        raised = row["FALSE still"] + row["TRUE still"]
        share = f"{100 * row['FALSE still'] / raised:.0f}%" if raised else "-"
        cells = [row["FALSE"], row["FALSE still"], row["TRUE"], row["TRUE still"], share]
        print(f"{sample:<40}{check:<12}" + "".join(f"{cell:>16}" for cell in cells))


# Planted slips: (kind, target language, pattern, replacement). The replacement is applied once, at
# the first match, to the translation of a real pair that had no figures/meaning error before.
MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_CN_NEXT = {"二": "三", "两": "三", "三": "四", "四": "五", "五": "六", "六": "七", "七": "八", "八": "九", "九": "十"}
PLANTS: list[tuple[str, str, str, object]] = [
    ("digits", "any", r"(?<![\d.])(\d)(\d*\.?\d+)(?!\d)", lambda m: str((int(m[1]) % 9) + 1) + m[2]),
    ("scale", "zh", r"(?<=\d)亿", "万"),
    ("scale", "zh", r"(?<=\d)万", "亿"),
    ("scale", "en", r"\bmillion\b", "billion"),
    ("scale", "en", r"\bbillion\b", "million"),
    ("percent-points", "zh", r"(?<=\d)%", "个百分点"),
    ("percent-points", "en", r"(?<=\d)(?:%| percent\b)", " percentage points"),
    ("date", "zh", r"(\d{1,2}月)(\d{1,2})日", lambda m: f"{m[1]}{int(m[2]) % 28 + 1}日"),
    ("date", "en", rf"\b((?:{MONTH_NAMES})\s+)(\d{{1,2}})\b", lambda m: f"{m[1]}{int(m[2]) % 28 + 1}"),
    ("year", "any", r"(?<!\d)((?:19|20)\d\d)(?!\d)", lambda m: str(int(m[1]) + 1)),
    ("count-word", "zh", r"([两三四五六七八九])(?=[个项家名位种次条])", lambda m: _CN_NEXT[m[1]]),
    (
        "count-word",
        "en",
        r"\b(two|three|four|five|six)\b(?=\s+[a-z]+s\b)",
        lambda m: {"two": "three", "three": "four", "four": "five", "five": "six", "six": "seven"}[m[1]],
    ),
    ("direction", "zh", r"增长|增加|上升|上涨|提高", "下降"),
    ("direction", "zh", r"下降|减少|下跌|降低|下滑", "增长"),
    ("direction", "en", r"\b(?:rose|grew|increased|climbed)\b", "fell"),
    ("direction", "en", r"\b(?:fell|dropped|declined|decreased)\b", "rose"),
    (
        "direction",
        "zh",
        r"扩大|提升|增幅|涨幅",
        lambda m: {"扩大": "缩小", "提升": "降低", "增幅": "降幅", "涨幅": "跌幅"}[m[0]],
    ),
    ("direction", "en", r"\b(?:rising|increasing|growing)\b", "falling"),
    ("direction", "en", r"\b(up|down)(?=\s+(?:by\s+)?(?:US)?[$£€]?\d)", lambda m: "down" if m[1] == "up" else "up"),
    (
        "direction",
        "en",
        r"\b(increase|decrease|higher(?= than)|lower(?= than))\b",
        lambda m: {"increase": "decrease", "decrease": "increase", "higher": "lower", "lower": "higher"}[m[1]],
    ),
    ("comparison", "zh", r"(?:超过|逾)(?=[\d一二两三四五六七八九十])", "不到"),
    ("comparison", "zh", r"(?:不到|不足|(?<![最附将接])近)(?=\d)", "超过"),
    ("comparison", "en", r"\b(?:more than|over)(?=\s+[$£€]?\d)", "less than"),
    ("comparison", "en", r"\b(?:less than|fewer than|nearly|almost)(?=\s+[$£€]?\d)", "more than"),
    (
        "comparison",
        "zh",
        r"(?<=[\d十百千万亿])以上|(?<=[\d十百千万亿][个名人家岁年天次元件辆项])以上|将近|接近|突破(?=[\d一二两三四五六七八九十])",
        lambda m: {"以上": "以下", "将近": "超过", "接近": "超过", "突破": "不到"}[m[0]],
    ),
    (
        "comparison",
        "zh",
        r"([\d一二两三四五六七八九十百千]+)多(?=[万亿千百]?[个名人家位元辆年])",
        lambda m: "近" + m[1],
    ),
    (
        "comparison",
        "en",
        r"\b(above|under|at least|up to|close to)(?=\s+[$£€]?\d)",
        lambda m: {
            "above": "below",
            "under": "over",
            "at least": "at most",
            "up to": "more than",
            "close to": "more than",
        }[m[1]],
    ),
    ("currency", "zh", r"(?<=[\d万亿])美元", "欧元"),
    ("currency", "zh", r"(?<=[\d万亿])(?:英镑|欧元)", "美元"),
    ("currency", "en", r"\$(?=\d)", "€"),
    ("currency", "en", r"£(?=\d)", "$"),
    ("currency", "en", r"(?<=\d) (?:yuan|dollars)\b", " euros"),
    ("unit", "zh", r"(?<=[\d万亿])公里", "英里"),
    ("unit", "zh", r"(?<=[\d万亿])吨", "公斤"),
    ("unit", "en", r"\b(?:kilometers|kilometres|km)\b", "miles"),
    ("unit", "en", r"\b(?:tons|tonnes)\b", "kilograms"),
    ("ordinal", "zh", r"第([二三四五六七八九])", lambda m: "第" + _CN_NEXT[m[1]]),
    ("ordinal", "any", r"(?<![\d.])(\d+)(?:st|nd|rd|th)\b", lambda m: f"{int(m[1]) + 1}th"),
    (
        "ordinal",
        "en",
        r"\b(second|third|fourth|fifth)\b(?!\s+half|\s+quarter)",
        lambda m: {"second": "third", "third": "fourth", "fourth": "fifth", "fifth": "sixth"}[m[1]],
    ),
    ("half-year", "zh", r"([上下])半(?=[年场])", lambda m: "下半" if m[1] == "上" else "上半"),
    ("half-year", "en", r"\b(first|second) half\b", lambda m: "second half" if m[1] == "first" else "first half"),
    ("quarter", "zh", r"([一二三四])季度", lambda m: {"一": "三", "二": "四", "三": "一", "四": "二"}[m[1]] + "季度"),
    (
        "quarter",
        "en",
        r"\b(first|second|third|fourth) quarter\b",
        lambda m: {"first": "third", "second": "fourth", "third": "first", "fourth": "second"}[m[1]] + " quarter",
    ),
]


def dropped(text: str, language: str) -> str | None:
    """``text`` without its first figure that must not go missing (a hard one)."""
    figure = next((f for f in read_figures(text, language) if not f.soft), None)
    return None if figure is None else text[: figure.start] + text[figure.end :]


def swapped(text: str, language: str) -> str | None:
    """``text`` with two like figures exchanged, as ages, scores or shares get swapped: exact numbers (or
    percentages) of one unit and different value that count the same thing (the same word follows
    them: 73岁 … 71岁)."""
    figures = [
        f for f in read_figures(text, language) if not (f.soft or f.about or f.high) and f.kind in ("number", "percent")
    ]
    for i, first in enumerate(figures):
        for second in figures[i + 1 :]:
            same_word = _next_word(text, first) == _next_word(text, second)
            like = first.kind == second.kind and first.unit == second.unit
            if first.value != second.value and like and same_word:
                head, middle, tail = text[: first.start], text[first.end : second.start], text[second.end :]
                return head + second.text + middle + first.text + tail
    return None


def planted_units(clean: dict[str, list[tuple[int, str, str]]]) -> dict[str, list[tuple[str, str, str, str]]]:
    """Per direction: (msgctxt, kind, source, planted translation) for every pair a plant applies to."""
    units: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for direction, pairs in clean.items():
        language = DIRECTIONS[direction][1]
        for number, source, target in pairs:
            for index, (kind, applies, pattern, replacement) in enumerate(PLANTS):
                if applies not in ("any", language) or not re.search(pattern, target):
                    continue
                planted = re.sub(pattern, replacement, target, count=1)  # type: ignore[call-overload]
                if planted != target:
                    units[direction].append((f"{kind}/{index}/w18-{number:04d}", kind, source, planted))
            for kind, plant in (("dropped", dropped), ("swapped", swapped)):
                if (planted := plant(target, language)) is not None and planted != target:
                    units[direction].append((f"{kind}/w18-{number:04d}", kind, source, planted))
    return units


def planted_recall(workdir: Path, found: Found, fired: Fired) -> None:
    """Recall per planted kind, ours (a figures or meaning error) and pofilter's (a test that newly fires)."""
    pairs = real_pairs()
    clean = {
        direction: [
            (number, *oriented(direction, zh, en))
            for number, zh, en in pairs
            if not found[direction].get(f"w18-{number:04d}", set()) & MEANING
        ]
        for direction in DIRECTIONS
    }
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    for direction, units in planted_units(clean).items():
        language = DIRECTIONS[direction][2]
        path = workdir / f"planted-{direction}.po"
        pairs_catalog(path, direction, [(context, source, target) for context, _, source, target in units])
        ours = errors_by_context(path)
        hints = errors_by_context(path, warnings=True)
        theirs = pofilter(path, language, workdir / f"pofilter-planted-{direction}.po")
        before = fired[direction]
        for context, kind, _, _ in units:
            split = "dev" if int(context[-4:]) % 2 else "held-out"
            row = rows[f"{kind} {split}"]
            row["planted"] += 1
            row["check"] += bool(ours.get(context, set()) & MEANING)
            row["warning"] += bool(hints.get(context, set()) & MEANING)
            row["pofilter"] += bool(set(theirs.get(context, [])) - set(before.get(context[-8:], [])))
    print("\nErrors planted into real pairs (both directions): found by the figures/meaning checks, by pofilter")
    print("(check: an error of the figures or meaning check; +warnings: or a warning of theirs (swaps are")
    print("warnings); pofilter: a test that fires on the planted translation and did not on the original)")
    print(f"{'kind':<28}{'planted':>10}{'check':>10}{'recall':>10}{'+warnings':>10}{'pofilter':>10}{'recall':>10}")
    for label in sorted(rows):
        row = rows[label]
        cells = [row["planted"], row["check"], f"{100 * row['check'] / row['planted']:.1f}%"]
        cells += [f"{100 * row['warning'] / row['planted']:.1f}%"]
        cells += [row["pofilter"], f"{100 * row['pofilter'] / row['planted']:.1f}%"]
        print(f"{label:<28}" + "".join(f"{cell:>10}" for cell in cells))


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
    print(f"  ratio check / pofilter       {ours / theirs:8.2f}x  (target: at most 1x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-corpus", action="store_true", help="skip the planted-error corpus")
    parser.add_argument("--skip-real", action="store_true", help="skip the real news pairs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.skip_real:
            pass
        elif REAL.is_file():
            found, fired = real_news(Path(folder))
            classified_sample(found)
            planted_recall(Path(folder), found, fired)
        else:
            print(f"{REAL} not found: the real-news part is skipped")
        if not args.skip_corpus:
            compare_on_corpus(Path(folder))
        if not args.skip_speed:
            compare_speed(Path(folder), args.entries, args.repeat)


if __name__ == "__main__":
    main()
