"""Benchmark (not a test): streaming feeds of 1,000, 10,000 and 100,000 items.

For each size, in a fresh Python process, it times ``write_feed`` over an iterator of stories
(copies of the bundled story, each with its own id, guids and zh catalog: 7 items a story) and reads the
process's peak RSS. The baseline of the same run is a bare ``etree.xmlfile`` loop writing the
same elements (rendered once, written over and over), which is what the feed costs without
loading, localising and rendering stories. The target: peak RSS under 200 MB at 100,000 items
and time linear in the number of items (the µs/item column stays flat).

    python benchmarks/bench_feed.py                      # 1,000, 10,000 and 100,000 items
    python benchmarks/bench_feed.py --largest 10000      # stop at 10,000 (CI never runs this script)
    python benchmarks/bench_feed.py --files              # stories read from a folder of story files
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SIZES = (1_000, 10_000, 100_000)
ITEMS_PER_STORY = 7
RSS_TARGET_MB = 200

# Runs in a child process so that each measurement has its own peak RSS.
CHILD = r"""
import json, resource, sys, time
from dataclasses import replace
from pathlib import Path
from lxml import etree
import newsbilingual as nb
from newsbilingual.desk.feed import story_files, write_feed
from newsbilingual.desk.wire import story_editions
from newsbilingual.newsml.render import indent, item_element

mode, items, output, folder = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
seed = nb.load_story(nb.SEED_STORY)
stories = -(-items // 7)
# Every story has its zh catalog (a language without one is an error): links to the bundled one.
locales = output.parent / f"locales-{items}"
catalogs = locales / "zh" / "LC_MESSAGES"
catalogs.mkdir(parents=True, exist_ok=True)
for number in range(stories):
    link = catalogs / f"story-{number}.mo"
    if not link.exists():
        link.symlink_to(nb.locales_dir() / "zh" / "LC_MESSAGES" / f"{seed.id}.mo")


def copies():
    for number in range(stories):
        def own(item):
            guid = item.header.guid.replace("high-tech-service", f"high-tech-service-{number}")
            return replace(item, header=replace(item.header, guid=guid))
        yield replace(seed, id=f"story-{number}", article=own(seed.article), commentary=own(seed.commentary),
                      photo=own(seed.photo))


start = time.perf_counter()
if mode == "bare":
    editions = story_editions(seed, locales=nb.locales_dir(), languages=["en", "zh"])
    elements = [item_element(item) for edition in editions for item in edition.items()]
    elements.append(item_element(nb.build_package(seed, [edition.story for edition in editions])))
    for element in elements:
        indent(element, level=2)
    start = time.perf_counter()
    with open(output, "wb") as handle, etree.xmlfile(handle, encoding="UTF-8") as xml:
        xml.write_declaration()
        with xml.element("{http://iptc.org/std/nar/2006-10-01/}newsMessage"):
            with xml.element("{http://iptc.org/std/nar/2006-10-01/}itemSet"):
                for _ in range(stories):
                    for element in elements:
                        xml.write(element)
    written = stories * len(elements)
else:
    sources = story_files([folder]) if mode == "files" else copies()
    result = write_feed(sources, output, locales=locales, languages=["en", "zh"])
    written = result.items
seconds = time.perf_counter() - start
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rss_mb": rss_mb, "items": written, "bytes": output.stat().st_size}))
"""


def measure(mode: str, items: int, workdir: Path, folder: Path) -> dict[str, float]:
    output = workdir / f"{mode}-{items}.xml"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(items), str(output), str(folder)],
        check=True,
        capture_output=True,
        text=True,
    )
    output.unlink()
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_story_files(folder: Path, items: int) -> None:
    """Story files for ``--files``: copies of the bundled story, each with its own id and guids."""
    import newsbilingual as nb

    folder.mkdir(exist_ok=True)
    text = nb.SEED_STORY.read_text("utf-8")
    for number in range(-(-items // ITEMS_PER_STORY)):
        copy = text.replace('id = "mianyang-high-tech-service"', f'id = "story-{number}"')
        copy = copy.replace("high-tech-service:", f"high-tech-service-{number}:")
        (folder / f"story-{number:06d}.toml").write_text(copy, "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--largest", type=int, default=SIZES[-1], help="the largest size to run (default 100000)")
    parser.add_argument("--files", action="store_true", help="read the stories from a folder of story files")
    args = parser.parse_args()
    sizes = [size for size in SIZES if size <= args.largest]
    columns = ("items", 8), ("ours s", 8), ("µs/item", 8), ("RSS MB", 7), ("bare s", 7), ("bare MB", 8), ("ratio", 6)
    print(" ".join(f"{name:>{width}}" for name, width in columns), f"{'MB out':>7}")
    status = 0
    with tempfile.TemporaryDirectory(prefix="bench-feed-") as tmp:
        workdir = Path(tmp)
        for size in sizes:
            folder = workdir / f"stories-{size}"
            if args.files:
                write_story_files(folder, size)
            ours = measure("files" if args.files else "objects", size, workdir, folder)
            bare = measure("bare", size, workdir, folder)
            ratio = ours["seconds"] / bare["seconds"]
            per_item = ours["seconds"] / ours["items"] * 1e6
            print(
                f"{ours['items']:>8} {ours['seconds']:>8.2f} {per_item:>8.0f} {ours['rss_mb']:>7.0f} "
                f"{bare['seconds']:>7.2f} {bare['rss_mb']:>8.0f} {ratio:>6.1f} {ours['bytes'] / 1e6:>7.1f}",
                flush=True,
            )
            if ours["rss_mb"] > RSS_TARGET_MB:
                print(f"  peak RSS {ours['rss_mb']:.0f} MB is over the {RSS_TARGET_MB} MB target")
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
