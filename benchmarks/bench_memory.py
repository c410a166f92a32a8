"""Benchmark: the translation memory's pre-fill over a newsroom's worth of catalogs.

Run it as a plain script (it is not a test)::

    python benchmarks/bench_memory.py                  # 500 stories x 60 entries
    python benchmarks/bench_memory.py --stories 2000

What it does:

1. Writes ``--stories`` zh catalogs of ``--entries`` entries each (fixed random seed) into a
   temporary ``locales/``: a fifth of each story's entries are boilerplate shared between
   stories (rights notices, bylines, recurring titles), the rest text of its own.
2. Starts a new story whose template has a third boilerplate and a zh catalog with nothing in it,
   then times what ``update`` does for it: build the memory from every catalog
   (:class:`TranslationMemory`) and pre-fill the new catalog (:func:`prefill`): exact matches
   and near matches (the trigram index is built on the first near look-up).
3. The 50-story test: a newsroom's stories (rights notices of two holders, reporters' bylines,
   datelines, people, two pairs of whom share a name, body text) translated one after the other,
   each pre-filled from the memory of those before it with the ``memory_accept`` setting the
   docs recommend (rights, bylines, dateline places) and with people's names added: prints how
   many pre-fills were taken unreviewed and how many of those are wrong (the target is 0).
4. Prints medians of ``--repeat`` runs, measured in the same run: the time to only read every catalog (the floor any
   compendium pays), the same pre-fill over half the stories (linear means a ratio near 2), and
   GNU ``msgmerge -N --compendium`` on the same files when GNU gettext is installed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import polib

from newsbilingual.catalog.memory import TranslationMemory, prefill
from newsbilingual.catalog.powrap import write_pofile
from newsbilingual.catalog.translations import read_po

SEED = 20171222
HEADER = {
    "Project-Id-Version": "bench",
    "Language": "zh_Hans",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}
WORDS = ("the", "of", "and", "city", "government", "project", "investment", "zone", "said", "new", "will", "plan")


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40))).capitalize() + f" {rng.random():.6f}."


def boilerplate(count: int) -> list[tuple[str, str, str]]:
    """(context, source, translation) that recur across stories."""
    return [(f"article/rights/b{i:03d}", f"Boilerplate notice number {i}.", f"第{i}号固定声明。") for i in range(count)]


def catalog(entries: list[tuple[str, str, str]]) -> polib.POFile:
    po = polib.POFile(wrapwidth=79)
    po.metadata = dict(HEADER)
    for context, source, translation in entries:
        po.append(polib.POEntry(msgctxt=context, msgid=source, msgstr=translation))
    return po


def build(root: Path, stories: int, entries: int) -> tuple[list[Path], Path, Path, int]:
    rng = random.Random(SEED)
    shared = boilerplate(40)
    folder = root / "locales" / "zh" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    paths = []
    for number in range(stories):
        own = [(f"article/body/p{i:02d}", sentence(rng), "译文" * 20) for i in range(entries - entries // 5)]
        path = folder / f"story-{number:04d}.po"
        write_pofile(catalog(own + rng.sample(shared, entries // 5)), path)
        paths.append(path)
    recurring = rng.sample(shared, entries // 3)
    new = [(c, s, "") for c, s, _ in recurring] + [
        (f"article/body/p{i:02d}", sentence(rng), "") for i in range(entries - len(recurring))
    ]
    template, new_po = root / "new-story.pot", folder / "new-story.po"
    write_pofile(catalog(new), template)
    write_pofile(catalog(new), new_po)
    return paths, template, new_po, len(recurring)


def timed(action, repeat: int) -> tuple[float, object]:
    """The median time of ``repeat`` runs of ``action`` (the machine is shared: one run is noise)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def memory_prefill(paths: list[Path], new_po: Path) -> int:
    memory = TranslationMemory.from_catalogs((read_po(path), path.stem) for path in paths)
    return prefill(read_po(new_po), "new-story", memory)


RECOMMENDED = ("*/rights/*", "*/byline/*", "*/dateline/place")
PEOPLE = [  # (English name, the person's Chinese name): two pairs share an English name
    ("Li Wei", "李伟"),
    ("Li Wei", "李薇"),
    ("Zhang Min", "张敏"),
    ("Zhang Min", "章敏"),
    ("Wang Fang", "王芳"),
    ("Chen Jie", "陈杰"),
    ("Liu Yang", "刘洋"),
    ("Zhao Lei", "赵磊"),
]
REPORTERS = [("Deng Xuelin", "邓雪琳"), ("Fang Fayong", "方发勇"), ("Hu Jun", "胡骏")]
PLACES = [("Mianyang", "绵阳"), ("Chengdu", "成都"), ("Deyang", "德阳")]
HOLDERS = [("Mianyang Daily", "绵阳日报"), ("Sichuan Daily", "四川日报")]


def newsroom(stories: int) -> list[list[tuple[str, str, str]]]:
    """``stories`` stories as (context, source, the right translation), fixed seed."""
    rng = random.Random(SEED)
    result = []
    for _ in range(stories):
        holder, holder_zh = rng.choice(HOLDERS)
        reporter, reporter_zh = rng.choice(REPORTERS)
        place, place_zh = rng.choice(PLACES)
        story = [
            ("article/rights/holder", holder, holder_zh),
            (
                "article/rights/notice",
                f"Copyright {holder}. All rights reserved.",
                f"{holder_zh}版权所有，保留一切权利。",
            ),
            (f"article/byline/{reporter.lower().replace(' ', '-')}/name", reporter, reporter_zh),
            ("article/dateline/place", place, place_zh),
        ]
        for name, name_zh in rng.sample(PEOPLE, 2):
            story.append((f"article/person/{name.lower().replace(' ', '-')}/name", name, name_zh))
        story += [(f"article/body/p{i:02d}", sentence(rng), "译文" + sentence(rng)) for i in range(5)]
        result.append(story)
    return result


def exact_prefill_accuracy(stories: int, accept: tuple[str, ...]) -> tuple[int, int, int]:
    """(pre-fills taken unreviewed, of which wrong, fuzzy suggestions) over the newsroom's stories."""
    done: list[tuple[polib.POFile, str]] = []
    accepted = wrong = fuzzy = 0
    for number, story in enumerate(newsroom(stories)):
        po = catalog([(context, source, "") for context, source, _ in story])
        prefill(po, f"story-{number:02d}", TranslationMemory.from_catalogs(done), accept)
        truth = {context: right for context, _, right in story}
        for entry in po:
            if entry.msgstr and entry.fuzzy:
                fuzzy += 1
            elif entry.msgstr:
                accepted += 1
                wrong += entry.msgstr != truth[entry.msgctxt]
        done.append((catalog(story), f"story-{number:02d}"))  # the translator finishes the story
    return accepted, wrong, fuzzy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=500)
    parser.add_argument("--entries", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is printed")
    args = parser.parse_args()
    for label, accept in (("recommended", RECOMMENDED), ("+ people's names", (*RECOMMENDED, "*/person/*/name"))):
        accepted, wrong, fuzzy = exact_prefill_accuracy(50, accept)
        print(f"50 stories, memory_accept {label}: {accepted} taken unreviewed, {wrong} wrong; {fuzzy} fuzzy")
    root = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    try:
        paths, template, new_po, recurring = build(root, args.stories, args.entries)
        print(f"{args.stories} stories x {args.entries} entries; new story: {args.entries}, {recurring} recurring")
        read_only, _ = timed(lambda: [read_po(path) for path in paths], args.repeat)
        half, filled_half = timed(lambda: memory_prefill(paths[: len(paths) // 2], new_po), args.repeat)
        full, filled = timed(lambda: memory_prefill(paths, new_po), args.repeat)
        assert filled >= recurring, (filled, recurring)
        print(f"read every catalog (floor):        {read_only:7.2f} s")
        print(f"memory + pre-fill, {len(paths) // 2:5d} stories:   {half:7.2f} s  ({filled_half} filled)")
        print(f"memory + pre-fill, {len(paths):5d} stories:   {full:7.2f} s  ({filled} filled)")
        print(f"ratio full / floor:                {full / read_only:7.2f}  (the index adds little to reading)")
        print(f"ratio full / half:                 {full / half:7.2f}  (2.0 = linear in the number of stories)")
        if shutil.which("msgmerge"):
            command = ["msgmerge", "-N", "-q", "-o", str(root / "gnu.po")]
            command += [f"--compendium={path}" for path in paths] + [str(new_po), str(template)]
            gnu, _ = timed(lambda: subprocess.run(command, check=True), args.repeat)
            print(f"GNU msgmerge -N --compendium:      {gnu:7.2f} s  (ratio ours / GNU {full / gnu:.2f})")
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
