"""Benchmark (not a test): reading NewsML-G2 items, against lxml and IPTC's newsmlg2.

Parses N distinct third-party-style text items (~1.7 kB each: a zh item with an en headline,
genre, subject, creator, by line, rights, a link, a two-paragraph NITF body and a catalogRef,
as a partner would send them) and times, in the same run:

- the floor: lxml ``fromstring`` + ``tostring`` (parse and serialise, no objects);
- newsbilingual: ``parse`` (bytes to typed objects, extras computed), and ``parse`` followed
  by rendering back to bytes (the full round trip);
- IPTC's ``newsmlg2`` (``pip install newsmlg2==1.1``, in the ``bench`` extra):
  ``NewsMLG2Document(bytes).to_xml_string()``, on a subset, since it re-reads the referenced
  IPTC catalog for every item (~20 ms an item).

Each figure is the best of ``--repeat`` runs, per item, in CPU time of this process (so other
load on the machine counts less), with its ratio to the lxml floor. The target is ``parse``
at most 5x the floor.

Then very many siblings, the cost that must stay linear: one item with 30,000 ``edNote``
elements the model does not hold (~5 MB), and one with 1,000,000 ``keyword`` elements
(~20 MB), each parsed and written back once, against the lxml floor of the same bytes::

    python benchmarks/bench_parse.py [--items 1000] [--peer-items 100] [--repeat 3] [--no-large]
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable, Sequence

from lxml import etree

from newsbilingual.newsml.read import parse

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


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1000, help="items to parse (default 1000)")
    parser.add_argument("--peer-items", type=int, default=100, help="items for newsmlg2, ~20 ms each (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, best kept (default 3)")
    parser.add_argument("--no-large", action="store_true", help="skip the items of very many siblings")
    args = parser.parse_args(argv)
    documents = items(args.items)
    size = sum(map(len, documents)) / len(documents)
    print(f"{len(documents)} items, {size:.0f} bytes each on average; best of {args.repeat} runs, per item")
    floor = best_per_item(lxml_floor, documents, args.repeat)
    rows = [
        ("lxml fromstring + tostring (floor)", floor),
        ("newsbilingual parse -> objects", best_per_item(newsbilingual_parse, documents, args.repeat)),
        ("newsbilingual parse + render", best_per_item(newsbilingual_round_trip, documents, args.repeat)),
    ]
    try:
        from NewsMLG2 import NewsMLG2Document
    except ImportError:
        print("newsmlg2 is not installed (pip install 'newsbilingual[bench]'): peer skipped")
    else:
        subset = documents[: args.peer_items]
        peer = best_per_item(lambda data: NewsMLG2Document(data).to_xml_string(), subset, 1)
        rows.append((f"newsmlg2 1.1 parse + to_xml_string ({len(subset)} items, 1 run)", peer))
    for label, seconds in rows:
        print(f"{label:<62} {seconds * 1e6:10.1f} µs/item  {seconds / floor:8.1f}x lxml")
    if not args.no_large:
        large("edNote", 30_000)
        large("keyword", 1_000_000)


if __name__ == "__main__":
    main()
