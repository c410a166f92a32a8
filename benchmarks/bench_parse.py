"""Benchmark (not a test): reading NewsML-G2 items, against lxml and IPTC's newsmlg2.

First the partners' real documents (``../shared/partners-dev/``, 121 documents from three
providers: dpa, STT, Infomaker; read from there, never copied), then N distinct
third-party-style text items (~1.7 kB each: a zh item with an en headline, genre, subject,
creator, by line, rights, a link, a two-paragraph NITF body and a catalogRef). Each set is
timed, in the same run, as:

- the floor: lxml ``fromstring`` + ``tostring`` (parse and serialise, no objects);
- newsbilingual: ``parse`` (bytes to typed objects), and ``parse`` followed by writing back
  to bytes (the full round trip);
- IPTC's ``newsmlg2`` (``pip install newsmlg2==1.1``, in the ``bench`` extra):
  ``NewsMLG2Document(bytes).to_xml_string()``, on a subset of the generated items, since it
  re-reads the referenced IPTC catalog for every item (~20 ms an item).

Superdesk's NewsML-G2 parser (superdesk-core 2.5.x, Python <= 3.8) runs in a venv of its own
when ``--superdesk PYTHON`` names that venv's interpreter: it parses the same real documents
there and its time per document is printed beside ours.

Each figure is the best of ``--repeat`` runs, per document, in CPU time of this process (so
other load on the machine counts less), the runs of a table taken in turns, with its ratio to
the lxml floor. The target is ``parse`` at most 3x the floor.

Then very many siblings, the cost that must stay linear: one item with 30,000 ``edNote``
elements the model does not hold (~5 MB), and one with 1,000,000 ``keyword`` elements
(~20 MB), each parsed and written back once, against the lxml floor of the same bytes::

    python benchmarks/bench_parse.py [--items 1000] [--peer-items 100] [--repeat 3] [--no-large]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from lxml import etree

from newsbilingual.newsml.read import parse

PARTNERS = Path(__file__).resolve().parents[2] / "shared" / "partners-dev"
ITEM = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:partner.example:2025:{n}" version="{version}"
    standard="NewsML-G2" standardversion="2.35" conformance="power" xml:lang="zh-Hans">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"/>
  <rightsInfo>
    <copyrightHolder uri="https://partner.example/"><name>Partner News</name></copyrightHolder>
    <copyrightNotice>© 2025 Partner News</copyrightNotice>
  </rightsInfo>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider uri="https://partner.example/"/>
    <versionCreated>2025-06-01T08:{minute:02d}:00+08:00</versionCreated>
    <pubStatus qcode="stat:usable"/>
    <link rel="irel:seeAlso" residref="urn:newsml:partner.example:2025:{previous}"/>
  </itemMeta>
  <contentMeta>
    <creator role="cpprole:author"><name>记者{n}</name></creator>
    <language tag="zh-Hans"/>
    <genre qcode="genre:Current"/>
    <subject type="cpnat:abstract" qcode="medtop:04000000">
      <name xml:lang="en">economy, business and finance</name>
    </subject>
    <headline>第{n}条：外资投资继续增长</headline>
    <headline xml:lang="en">Item {n}: foreign investment keeps growing</headline>
    <by>本报记者 {n}</by>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/nitf+xml">
      <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">
        <body><body.content>
          <p>第{n}段：今年前五个月，外商直接投资同比增长<em>{n}%</em>，高于预期。</p>
          <p>分析人士认为，营商环境持续改善是主要原因，
             外资企业对中国市场保持信心。</p>
        </body.content></body>
      </nitf>
    </inlineXML>
  </contentSet>
</newsItem>
"""


def items(count: int) -> list[bytes]:
    """``count`` distinct items."""
    return [
        ITEM.format(n=n, version=n % 7 + 1, minute=n % 60, previous=max(n - 1, 0)).encode("utf-8") for n in range(count)
    ]


def best_per_item(run: Callable[[bytes], object], documents: Sequence[bytes], repeat: int) -> float:
    """Best-of-``repeat`` CPU seconds per document for ``run`` over all ``documents``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for data in documents:
            run(data)
        best = min(best, (time.process_time() - start) / len(documents))
    return best


def best_interleaved(runs: Sequence[Callable[[bytes], object]], documents: Sequence[bytes], repeat: int) -> list[float]:
    """Best-of-``repeat`` CPU seconds per document for each of ``runs``, taken in turns (each
    round times every run once), so that a change of load on a shared machine falls on all
    of them alike rather than on whichever ran during it."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for index, run in enumerate(runs):
            best[index] = min(best[index], best_per_item(run, documents, 1))
    return best


def many_siblings(name: str, count: int) -> bytes:
    """One item with ``count`` ``name`` elements (edNote: not in the model; keyword: in it)."""
    item = ITEM.format(n=0, version=1, minute=0, previous=0)
    if name == "edNote":
        element = '<edNote role="x:{n}">Note {n} on the pictures from the harbour{pad}</edNote>'
        siblings = "".join(element.format(n=n, pad="." * 120) for n in range(count))
        return item.replace("</itemMeta>", siblings + "</itemMeta>").encode()
    siblings = "".join(f"<keyword>k{n}</keyword>" for n in range(count))
    return item.replace("<headline>", siblings + "<headline>", 1).encode()


def large(name: str, count: int) -> None:
    """Parse and write back one item of very many siblings, once; print seconds and ratios."""
    data = many_siblings(name, count)
    start = time.process_time()
    lxml_floor(data)
    floor = time.process_time() - start
    start = time.process_time()
    parsed = parse(data, max_bytes=len(data))
    parse_seconds = time.process_time() - start
    start = time.process_time()
    parsed.to_bytes()
    write_seconds = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{count:,} {name} ({len(data) / 1e6:.1f} MB): lxml {floor:.2f} s, parse {parse_seconds:.2f} s "
        f"({parse_seconds / floor:.1f}x), write back {write_seconds:.2f} s; peak memory so far {peak:.0f} MB"
    )


def lxml_floor(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data))


def newsbilingual_parse(data: bytes) -> object:
    return parse(data).items


def newsbilingual_round_trip(data: bytes) -> bytes:
    return parse(data).to_bytes()


def real_documents() -> list[bytes]:
    """The partners' documents, in file order (empty when the folder is not there)."""
    return [path.read_bytes() for path in sorted(PARTNERS.glob("*/*.xml"))]


# Run by the Superdesk venv's interpreter: its NewsML-G2 parser, in a bare Flask application
# context (which its error reporting needs), over the files given; the documents it parses
# without raising (it raises on 11 of the 121: no pubStatus, a remoteContent without
# rendition, ...) are timed, best of 3. Prints their paths and the seconds per document.
SUPERDESK = """
import json, sys, time
from flask import Flask
from lxml import etree
from superdesk.io.feed_parsers.newsml_2_0 import NewsMLTwoFeedParser
with Flask("bench").app_context():
    parser = NewsMLTwoFeedParser()
    documents = {}
    for path in sys.argv[1:]:
        data = open(path, "rb").read()
        try:
            parser.parse(etree.fromstring(data))
        except Exception:
            continue
        documents[path] = data
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for data in documents.values():
            parser.parse(etree.fromstring(data))
        best = min(best, (time.process_time() - start) / len(documents))
print(json.dumps({"parsed": list(documents), "seconds": best}))
"""


def superdesk(python: str) -> tuple[list[bytes], float]:
    """The documents Superdesk's parser reads, and its CPU seconds per document."""
    paths = [str(path) for path in sorted(PARTNERS.glob("*/*.xml"))]
    done = subprocess.run([python, "-c", SUPERDESK, *paths], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return [Path(path).read_bytes() for path in result["parsed"]], result["seconds"]


def table(title: str, documents: list[bytes], rows: list[tuple[str, Callable[[bytes], object]]], repeat: int) -> float:
    """Time every row over ``documents`` and print them with their ratios; return the floor."""
    size = sum(map(len, documents)) / len(documents)
    print(f"{title}: {len(documents)} documents, {size:.0f} bytes each on average; best of {repeat} runs, per document")
    floor, *seconds = best_interleaved([lxml_floor, *(run for _, run in rows)], documents, repeat)
    print(f"  {'lxml fromstring + tostring (floor)':<60} {floor * 1e6:10.1f} µs  {1:8.1f}x lxml")
    for (label, _), time_per_document in zip(rows, seconds, strict=True):
        print(f"  {label:<60} {time_per_document * 1e6:10.1f} µs  {time_per_document / floor:8.1f}x lxml")
    return floor


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1000, help="items to parse (default 1000)")
    parser.add_argument("--peer-items", type=int, default=100, help="items for newsmlg2, ~20 ms each (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, best kept (default 3)")
    parser.add_argument("--no-large", action="store_true", help="skip the items of very many siblings")
    parser.add_argument("--superdesk", metavar="PYTHON", help="the interpreter of a venv with superdesk-core 2.5")
    args = parser.parse_args(argv)
    ours = [
        ("newsbilingual parse -> objects", newsbilingual_parse),
        ("newsbilingual parse + write back", newsbilingual_round_trip),
    ]
    real = real_documents()
    if real:
        table(f"partners' documents ({PARTNERS})", real, ours, args.repeat)
        if args.superdesk:
            subset, seconds = superdesk(args.superdesk)
            floor = table("the same, those Superdesk's parser reads", subset, ours[:1], args.repeat)
            mine = best_per_item(newsbilingual_parse, subset, args.repeat)
            label = "Superdesk NewsMLTwoFeedParser (its own venv, best of 3)"
            print(f"  {label:<60} {seconds * 1e6:10.1f} µs  {seconds / floor:8.1f}x lxml")
            print(f"  newsbilingual parse / Superdesk: {mine / seconds:.2f}x")
    else:
        print(f"no partners' documents at {PARTNERS}: skipped")
    documents = items(args.items)
    rows = list(ours)
    try:
        from NewsMLG2 import NewsMLG2Document
    except ImportError:
        print("newsmlg2 is not installed (pip install 'newsbilingual[bench]'): peer skipped")
    else:
        peer = documents[: args.peer_items]
        seconds = best_per_item(lambda data: NewsMLG2Document(data).to_xml_string(), peer, 1)
        print(
            f"newsmlg2 1.1 parse + to_xml_string: {seconds * 1e6:.1f} µs per item ({len(peer)} generated items, 1 run)"
        )
    table("generated items", documents, rows, args.repeat)
    if not args.no_large:
        large("edNote", 30_000)
        large("keyword", 1_000_000)


if __name__ == "__main__":
    main()
