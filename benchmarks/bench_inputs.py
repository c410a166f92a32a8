"""Benchmark (not a test): large and hostile inputs, each against a plain baseline of the same run.

The tests check that these inputs give the right result or the right error; how fast is
measured here, because machines are shared and timed tests would be noise:

- decoding 50 MB of UTF-8, GBK and cp1252 text (``decode_text``) against ``bytes.decode``;
- repairing 6 MB of damaged text and a 1 MB damaged line (``repair_gbk_mojibake``) against
  one ``str.replace`` pass over the same text;
- refusing entity bombs and a DOCTYPE behind 100 kB of prolog (``parse``) against lxml
  parsing a harmless document of the same size;
- refusing a 50 MB plain-text file (``ingest_file``) against reading its first 2 MiB.

    python benchmarks/bench_inputs.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from newsbilingual import IngestError, XMLInputError, decode_text, ingest_file, parse, repair_gbk_mojibake

ZH = "高新区1—11月完成固定资产投资121.1亿元，同比增长18.3%。"
BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY a "lol">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + ']><newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">&j;</newsItem>'
)


def best(func: Callable[[], object], repeat: int) -> float:
    """The best wall time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def expect_error(func: Callable[[], object], error: type[Exception]) -> Callable[[], None]:
    """``func`` wrapped so that the expected refusal counts as the result."""

    def run() -> None:
        try:
            func()
        except error:
            return
        raise AssertionError(f"{func} was not refused")

    return run


def row(name: str, ours: float, baseline: float, baseline_name: str) -> None:
    print(f"{name:<48} {ours * 1000:10.1f} ms  {baseline * 1000:9.1f} ms  {ours / baseline:7.1f}x  ({baseline_name})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    print(f"{'case':<48} {'ours':>13}  {'baseline':>12}  {'ratio':>8}")

    for label, data, codec in (
        ("decode 50 MB UTF-8", ("The zone grew, café 中文.\n" * 2_000_000).encode(), "utf-8"),
        ("decode 50 MB GBK", ((ZH + "\n") * 600_000).encode("gbk"), "gbk"),
        ("decode 50 MB cp1252", ("Le café de Müller, naïve résumé.\n" * 1_500_000).encode("cp1252"), "cp1252"),
    ):
        row(
            label,
            best(lambda d=data: decode_text(d), repeat),
            best(lambda d=data, c=codec: d.decode(c), repeat),
            f"bytes.decode('{codec}')",
        )

    damaged = ("¡°x¡± café Müller, 25°C£¬ naïve ¨C ok¡£ 中文。 " + "The quick brown fox. " * 40 + "\n") * 6_000
    line = "¡°x¡± «a» £» ¡¾b¡¿ " * 60_000
    for label, text in (("repair 6 MB of damaged copy", damaged), ("repair one damaged line of 1 MB", line)):
        row(
            label,
            best(lambda t=text: repair_gbk_mojibake(t), repeat),
            best(lambda t=text: t.replace("¡°", "“"), repeat),
            "one str.replace pass",
        )

    harmless = b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">' + b"x" * len(BOMB) + b"</newsItem>"
    row(
        "refuse billion laughs",
        best(expect_error(lambda: parse(BOMB.encode()), XMLInputError), repeat),
        best(lambda: etree.fromstring(harmless), repeat),
        "lxml parse, same size",
    )
    prolog = (
        "<!--"
        + "c" * 100_000
        + "-->\n"
        + '<!DOCTYPE q [<!ENTITY a "'
        + "x" * 100_000
        + '">]>'
        + '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">'
        + "&a;" * 20_000
        + "</newsItem>"
    ).encode()
    plain = b"<!--" + b"c" * (len(prolog) - 40) + b"--><x/>"
    row(
        "refuse a DOCTYPE behind 100 kB of prolog",
        best(expect_error(lambda: parse(prolog), XMLInputError), repeat),
        best(lambda: etree.fromstring(plain), repeat),
        "lxml parse, same size",
    )

    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.txt"
        big.write_bytes(b"The zone grew.\n" * (50 * 1024 * 1024 // 15))
        refuse = expect_error(lambda: ingest_file(big, year=2017, provider="https://x.example/"), IngestError)
        row(
            "refuse a 50 MB plain-text file",
            best(refuse, repeat),
            best(lambda: big.open("rb").read(2 * 1024 * 1024), repeat),
            "read 2 MiB of it",
        )


if __name__ == "__main__":
    main()
