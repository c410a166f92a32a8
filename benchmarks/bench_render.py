"""Benchmark: render, load_story and start-up against their floors, ratios printed in one run.

Run it as a plain script (it is not a test)::

    python benchmarks/bench_render.py            # about a minute
    python benchmarks/bench_render.py --rounds 5

What it measures (each pair interleaved, ``--rounds`` rounds, the median of each side):

* **render**: :func:`newsbilingual.render_story` of the bundled story with its catalogs (8
  documents; the .mo files compiled first, so they are current) in a warm process, against the
  floor: a bare :class:`lxml.builder.ElementMaker` emitter that builds the very same elements
  (tags, attributes, text, taken from our output beforehand) and serialises them. The floor's
  bytes are checked to be ours. Goal: <= 1.5.
* **load_story** of the bundled story file against ``tomllib.loads`` of its text. Goal: <= 1.5.
* **feed** of N stories (the bundled story under N ids, each with its catalogs) by
  :func:`newsbilingual.render_feed`, against the same kind of floor for the feed's bytes.
  Goal: <= 2, the same ratio for every N (linear).
* **newsbilingual --help** (a fresh ``python -m newsbilingual --help``) against a fresh
  ``python -c "import lxml.etree, babel"``. Goal: <= 1.5.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from lxml import etree
from lxml.builder import ElementMaker

import newsbilingual as nb
from newsbilingual.catalog.compiling import compile_all

SENT = datetime(2017, 12, 22, 20, 0, tzinfo=timezone(timedelta(hours=8)))
Spec = tuple[ElementMaker, str, dict[str, str], str | None, str | None, list["Spec"]]


def _spec(element: etree._Element, makers: dict[tuple[tuple[str | None, str], ...], ElementMaker]) -> Spec:
    """What the floor emitter needs to rebuild ``element``: the ElementMaker of its namespace
    declarations, tag, attributes, text, tail, children."""
    scope = tuple(sorted(element.nsmap.items(), key=str))
    maker = makers.setdefault(scope, ElementMaker(nsmap=dict(scope)))
    children = [_spec(child, makers) for child in element if isinstance(child.tag, str)]
    return (maker, element.tag, dict(element.attrib), element.text, element.tail, children)


def _build(node: Spec) -> etree._Element:
    maker, tag, attrib, text, tail, children = node
    element = maker(tag, attrib, *map(_build, children))
    element.text, element.tail = text, tail
    return element


def floor_documents(specs: dict[str, Spec]) -> dict[str, bytes]:
    """The same documents built with ElementMaker and serialised: the least any renderer must do."""
    return {
        name: etree.tostring(_build(spec), xml_declaration=True, encoding="UTF-8", pretty_print=True)
        for name, spec in specs.items()
    }


def render_feed(stories: list[nb.Story], locales: Path) -> bytes:
    return nb.render_feed(stories, locales=locales, clock=lambda: SENT, sender=stories[0].article.header.provider.uri)


def _feed_spec(stories: list[nb.Story], locales: Path, makers: dict) -> Spec:
    return _spec(etree.fromstring(render_feed(stories, locales)), makers)


def timed(function: Callable[[], object], repeat: int) -> float:
    """Seconds per call of ``function`` (``repeat`` calls)."""
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - start) / repeat


def compare(
    label: str, ours: Callable[[], object], floor: Callable[[], object], rounds: int, repeat: int
) -> tuple[float, float]:
    """Interleaved rounds of both; prints and returns the medians (seconds per call), ours first."""
    mine, base = [], []
    for _ in range(rounds):
        mine.append(timed(ours, repeat))
        base.append(timed(floor, repeat))
    print(f"  {label:<58} ours {statistics.median(mine) * 1e3:8.2f} ms  floor {statistics.median(base) * 1e3:8.2f} ms")
    return statistics.median(mine), statistics.median(base)


def run(command: list[str]) -> Callable[[], object]:
    return lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


ROWS = ("render", "load", "feed", "help")


def measure(
    rounds: int, feed_sizes: list[int], rows: tuple[str, ...] = ROWS
) -> tuple[dict[str, tuple[float, float]], bool]:
    """The pairs of ``rows`` (:data:`ROWS`), each as the medians (ours, floor) under its label, and
    whether every floor built our very bytes."""
    with tempfile.TemporaryDirectory(prefix="bench_render.") as work:
        locales = Path(work) / "locales"
        shutil.copytree(nb.locales_dir(), locales)
        compile_all(locales)
        story = nb.load_story(nb.SEED_STORY)

        def render() -> dict[str, bytes]:
            return nb.render_story(story, locales=locales, clock=lambda: SENT)

        documents = render()
        makers: dict[tuple[tuple[str | None, str], ...], ElementMaker] = {}
        specs = {name: _spec(etree.fromstring(data), makers) for name, data in documents.items()}
        floor = floor_documents(specs)
        same = floor == documents
        elements = sum(len(list(etree.fromstring(d).iter())) for d in documents.values())
        print(f"== render: {len(documents)} documents, {elements} elements; floor builds the same trees: {same}")

        # A feed of N stories: the bundled story under N ids, each with a copy of its catalogs.
        feeds = {}
        for count in feed_sizes if "feed" in rows else []:
            stories = [replace(story, id=f"{story.id}-{n:03d}") for n in range(count)]
            for copy in stories:
                for catalog in locales.glob(f"*/LC_MESSAGES/{story.id}.*"):
                    shutil.copy2(catalog, catalog.with_name(copy.id + catalog.suffix))
            feeds[count] = (stories, _feed_spec(stories, locales, makers))
        if feeds:
            same = same and all(
                floor_documents({"feed": spec})["feed"] == render_feed(s, locales) for s, spec in feeds.values()
            )
            print(f"   feeds of {', '.join(map(str, feed_sizes))} stories; the floor's bytes are ours: {same}")

        text = Path(nb.SEED_STORY).read_text("utf-8")
        pairs = {}
        if "render" in rows:
            pairs["render / ElementMaker floor (goal <= 1.5)"] = compare(
                "render_story (warm process, catalogs cached)", render, lambda: floor_documents(specs), rounds, 20
            )
        if "load" in rows:
            pairs["load_story / tomllib.loads (goal <= 1.5)"] = compare(
                "load_story(bundled story)",
                lambda: nb.load_story(nb.SEED_STORY),
                lambda: tomllib.loads(text),
                rounds,
                50,
            )
        for count, (stories, spec) in feeds.items():
            pairs[f"feed of {count} stories / ElementMaker floor (goal <= 2)"] = compare(
                f"render_feed of {count} stories",
                lambda stories=stories: render_feed(stories, locales),
                lambda spec=spec: floor_documents({"feed": spec}),
                rounds,
                max(1, 20 // count),
            )
        if "help" in rows:
            pairs["--help / import lxml.etree, babel (goal <= 1.5)"] = compare(
                "python -m newsbilingual --help (fresh process)",
                run([sys.executable, "-m", "newsbilingual", "--help"]),
                run([sys.executable, "-c", "import lxml.etree, babel"]),
                rounds,
                3,
            )
    return pairs, same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds per comparison (7)")
    parser.add_argument("--feed", type=int, nargs="+", default=[10, 50], help="stories per feed (10 50)")
    args = parser.parse_args(argv)
    pairs, same = measure(args.rounds, args.feed)
    print("\n== ratios")
    for label, (ours, floor) in pairs.items():
        print(f"  {label:<52} {ours / floor:5.2f}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
