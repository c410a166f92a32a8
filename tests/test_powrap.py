"""newsbilingual.catalog.powrap writes PO files byte for byte as GNU gettext does.

The reference is the real ``msgcat`` (GNU gettext 0.21 linked with libunistring 1.0, as on
Debian 12): running it over a file we wrote must change nothing. Other gettext builds break
lines differently around some characters (libunistring 1.2 changed the rules for quotation
marks), so the comparisons are skipped, with the reason, on any other build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import os
import random
import shutil
import stat
import subprocess
from functools import cache
from pathlib import Path

import polib
import pytest

from newsbilingual.catalog import linebreak
from newsbilingual.catalog.powrap import format_pofile, wrap_po_string, write_pofile

# --------------------------------------------------------------------------------------------
# The GNU reference
# --------------------------------------------------------------------------------------------

MSGCAT = shutil.which("msgcat") or "/usr/bin/msgcat"
MSGFMT = shutil.which("msgfmt") or "/usr/bin/msgfmt"


@cache
def _libunistring() -> ctypes.CDLL | None:
    """The system's libunistring, if it is version 1.0 (the one the embedded tables come from)."""
    name = ctypes.util.find_library("unistring")
    if name is None:
        return None
    try:
        lib = ctypes.CDLL(name)
        version = ctypes.c_int.in_dll(lib, "_libunistring_version").value
    except (OSError, ValueError):
        return None
    if version != 0x010000:
        return None
    lib.u32_possible_linebreaks_v2.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p]
    lib.u8_width_linebreaks_v2.argtypes = [
        ctypes.c_char_p,
        ctypes.c_size_t,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_char_p,
        ctypes.c_char_p,
    ]
    lib.u8_width_linebreaks_v2.restype = ctypes.c_int
    lib.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    lib.uc_width.restype = ctypes.c_int
    return lib


@cache
def _gnu_skip_reason() -> str | None:
    """Why the msgcat comparisons cannot run here, or None."""
    if not Path(MSGCAT).exists():
        return f"GNU gettext's msgcat is not installed ({MSGCAT}); apt-get install gettext"
    try:
        first_line = subprocess.run([MSGCAT, "--version"], capture_output=True, text=True, check=True).stdout
        first_line = (first_line.splitlines() or [""])[0]
    except (OSError, subprocess.CalledProcessError) as error:
        return f"{MSGCAT} --version failed: {error}"
    if not first_line.endswith(" 0.21"):
        return f"byte-for-byte equality is pinned to gettext 0.21, found: {first_line!r}"
    if _libunistring() is None:
        return "byte-for-byte equality is pinned to libunistring 1.0 (Debian 12), not found here"
    return None


needs_msgcat = pytest.mark.skipif(_gnu_skip_reason() is not None, reason=str(_gnu_skip_reason()))
needs_msgfmt = pytest.mark.skipif(not Path(MSGFMT).exists(), reason="GNU gettext's msgfmt is not installed")
needs_libunistring = pytest.mark.skipif(
    _libunistring() is None, reason="libunistring 1.0 (the source of the embedded tables) is not installed"
)


def msgcat(path: Path, *args: str) -> bytes:
    result = subprocess.run([MSGCAT, *args, str(path)], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def assert_msgcat_noop(po: polib.POFile, tmp_path: Path, width: int = 79) -> None:
    """Write ``po`` and check that msgcat (default and explicit width) reproduces it exactly."""
    path = tmp_path / "catalog.po"
    if width == 79:
        write_pofile(po, path)
    else:
        path.write_text(format_pofile(po, width=width), encoding="utf-8")
    ours = path.read_bytes()
    runs = [msgcat(path, f"--width={width}")] + ([msgcat(path)] if width == 79 else [])
    for gnu in runs:
        if gnu != ours:
            ours_lines, gnu_lines = ours.decode().split("\n"), gnu.decode().split("\n")
            first = next(
                i for i, (a, b) in enumerate(itertools.zip_longest(ours_lines, gnu_lines, fillvalue=None)) if a != b
            )
            pytest.fail(
                f"msgcat changed line {first + 1}:\n"
                + "\n".join(f"  ours {line!r}" for line in ours_lines[max(first - 2, 0) : first + 3])
                + "\n"
                + "\n".join(f"  gnu  {line!r}" for line in gnu_lines[max(first - 2, 0) : first + 3])
            )


# --------------------------------------------------------------------------------------------
# The fixed corpus
# --------------------------------------------------------------------------------------------

HEADER = {
    "Project-Id-Version": "newsbilingual 0.1.0",
    "Report-Msgid-Bugs-To": "",
    "POT-Creation-Date": "2026-12-22 09:30+0800",
    "PO-Revision-Date": "2026-12-22 10:00+0800",
    "Last-Translator": "Li Hua <lihua@example.com>",
    "Language-Team": "Chinese (Simplified) <https://weblate.example.com/projects/news/zh_Hans/>",
    "Language": "zh_Hans",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
    "X-Generator": "Poedit 3.4.2",
}

EN_LONG = (
    "The company said on Tuesday that revenue rose 12.3 percent in the third quarter to 12.11 billion "
    "yuan, beating analysts' expectations, while its shares, which had fallen for four straight "
    "sessions, closed up 4.5% in Shanghai."
)
ZH_LONG = (
    "该公司周二表示，第三季度营收增长12.3%，至121.1亿元，超出分析师预期；此前已连跌四个交易日的股价"
    "在上海收涨4.5%。公司首席执行官说：“我们将继续扩张，并在明年推出新产品。”分析人士认为，"
    "这一表现“好于预期”，但仍需关注（经审计的）现金流。"
)
URL = (
    "https://www.example.com/news/2026/12/22/company-results-third-quarter-revenue-beats-expectations?ref=wire&lang=zh"
)


def entry(msgid: str, msgstr: str = "", **kwargs: object) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, **kwargs)


def _text_of_width(columns: int, unit: str, filler: str = "x") -> str:
    """``unit`` repeated, topped up with ``filler``, to exactly ``columns`` display columns."""
    unit_width = sum(2 if ch >= "\u1100" else 1 for ch in unit)
    return unit * (columns // unit_width) + filler * (columns % unit_width)


def _boundary_entries() -> list[polib.POEntry]:
    """Lines of exactly 76..82 columns: first lines, continuation lines, ``#|`` and ``#~`` lines."""
    entries = []
    for columns in range(76, 83):
        # msgid "..." on the keyword line: 8 columns for 'msgid ""'
        entries.append(entry(_text_of_width(columns - 8, "a"), "", msgctxt=f"en-msgid-{columns}"))
        entries.append(entry(f"boundary {columns}", _text_of_width(columns - 9, "中"), msgctxt=f"zh-{columns}"))
        # continuation lines of exactly `columns` columns, after a first portion ending in \n
        entries.append(entry("lead\n" + _text_of_width(columns - 2, "中", "z"), "", msgctxt=f"cont-zh-{columns}"))
        words = _text_of_width(columns - 2, "word ", "y")
        entries.append(entry("lead\n" + words + " tail", "", msgctxt=f"cont-en-{columns}"))
        entries.append(entry("lead\n" + words.rstrip() + "-tail", "", msgctxt=f"cont-hy-{columns}"))
        prev = _text_of_width(columns - 11, "测")
        entries.append(
            entry(f"changed {columns}", "已更改", msgctxt=f"prev-{columns}", flags=["fuzzy"], previous_msgid=prev)
        )
        obsolete_text = _text_of_width(columns - 12, "旧", "j")
        entries.append(entry(f"gone {columns}", obsolete_text, msgctxt=f"obsolete-{columns}", obsolete=True))
    return entries


def _sweep_entries() -> list[polib.POEntry]:
    """Break rules around the characters news text is made of, at every offset near the edge."""
    pieces = [
        "“引号”",
        "（经审计）",
        "，",
        "。",
        "、",
        "121.1亿元",
        "12.11 billion",
        "4.5%",
        "$12",
        "US$1.2bn",
        "co-operate",
        "and/or",
        "e.g.",
        "don't",
        '"quoted"',
        "(audited)",
        "back\\slash",
        "tab\there",
        "a—b",
        "2026-12-22",
        "09:30",
        "《新闻》",
        "Xi'an",
        "café",
        "naïve",
        "…",
        "——",
        "【快讯】",
    ]
    entries = []
    for k, piece in enumerate(pieces):
        for offset in range(60, 80, 3):
            text = "x" * offset + " " + piece + " end"
            entries.append(entry(text, "", msgctxt=f"sweep-{k}-{offset}"))
            zh = "中" * (offset // 2) + piece + "文字" * 10
            entries.append(entry(f"zh {k} {offset}", zh, msgctxt=f"zh-sweep-{k}-{offset}"))
    return entries


def corpus_cases() -> dict[str, list[polib.POEntry]]:
    return {
        "english": [
            entry("Markets", "市场", msgctxt="section/name"),
            entry(EN_LONG, "", msgctxt="article/body/p01"),
            entry(EN_LONG + " " + EN_LONG, "", msgctxt="article/body/p02"),
        ],
        "chinese": [
            entry(EN_LONG, ZH_LONG, msgctxt="article/body/p03"),
            entry(ZH_LONG, EN_LONG, msgctxt="article/body/p04"),
            entry("Revenue: 12.11 billion yuan", "营收：121.1亿元（人民币）", msgctxt="article/body/p05"),
            entry(
                "numbers", "营收121.1亿元，同比增长12.3%；净利润7.268亿元，合72.68亿元的十分之一。" * 3, msgctxt="p06"
            ),
            entry("quotes", "“我们将扩张。”他说。「引号」『书名』《新闻联播》【快讯】……——" * 3, msgctxt="p07"),
        ],
        "newlines": [
            entry("Line one\nLine two\n", "第一行\n第二行\n", msgctxt="nl/1"),
            entry("ends with newline\n", "以换行结尾\n", msgctxt="nl/2"),
            entry("\n", "\n", msgctxt="nl/3"),
            entry("a\n\nb", "甲\n\n乙", msgctxt="nl/4"),
            entry(EN_LONG + "\n" + EN_LONG + "\n", ZH_LONG + "\n" + ZH_LONG, msgctxt="nl/5"),
        ],
        "escapes": [
            entry('He said "yes" and \\left\\', "他说“是”，\\右\\", msgctxt="esc/1"),
            entry("tab\tseparated\tvalues " * 5, "", msgctxt="esc/2"),
            entry('"' * 100, "\\" * 100, msgctxt="esc/3"),
            entry("carriage\rreturn and bell\a", "", msgctxt="esc/4"),
        ],
        "no_break": [
            entry(URL, URL, msgctxt="url/1"),
            entry("See " + URL + " for details.", "详见" + URL + "。", msgctxt="url/2"),
            entry("x" * 200, "中" * 100, msgctxt="long/word"),
        ],
        "msgctxt": [
            entry("Headline", "标题", msgctxt="article/body/p04"),
            entry("Headline", "大标题", msgctxt="article:a-2026-1222|headline"),
            entry("Body", "正文", msgctxt="article:a-2026-1222|body|s7" + "|segment" * 12),
        ],
        "comments": [
            entry(
                "Shares rose.",
                "股价上涨。",
                msgctxt="c/1",
                comment="Translators: keep the figure exact.\nA second note, which is long enough to pass the "
                "79-column edge of the line, and is not rewrapped by GNU.",
                tcomment="Reviewed by 王芳 on 2026-12-22.\n\nSecond paragraph.",
                occurrences=[("stories/seed.toml", "12"), ("stories/seed.toml", "40"), ("./stories/other.toml", "")],
            ),
            entry(
                "Many references",
                "许多引用",
                msgctxt="c/2",
                occurrences=[(f"stories/story-{i:03d}.toml", str(i * 7)) for i in range(30)],
            ),
            entry("Trailing backslash", "反斜杠", msgctxt="c/3", comment="ends with \\", tcomment="also \\"),
            entry(
                "Odd references",
                "奇怪的引用",
                msgctxt="c/4",
                occurrences=[
                    ("./a.py", "1"),
                    ("a.py", "1"),  # the same reference once "./" is dropped: GNU keeps one
                    ("a.py", "0012"),
                    ("x", ""),
                    (":12", ""),  # "x :12" reads back as x:12
                    ("file name.py", "3"),  # a space splits it into two references
                    ("a:", "5"),
                    ("stories/seed.toml", "12"),
                    ("stories/seed.toml", "12"),
                ],
            ),
        ],
        "fuzzy_previous": [
            entry(
                EN_LONG,
                ZH_LONG,
                msgctxt="article/body/p08",
                flags=["fuzzy"],
                previous_msgctxt="article/body/p07",
                previous_msgid=EN_LONG.replace("Tuesday", "Monday"),
            ),
            entry("Short", "短", msgctxt="f/2", flags=["fuzzy"], previous_msgid="Shorter"),
            entry("Untranslated fuzzy", "", msgctxt="f/3", flags=["fuzzy"]),
        ],
        "flags": [
            entry(
                "%(count)s shares rose %(pct)s%%", "%(count)s股上涨%(pct)s%%", msgctxt="fl/1", flags=["python-format"]
            ),
            entry("{name} said {quote.text}", "{name}说{quote.text}", msgctxt="fl/2", flags=["python-brace-format"]),
            entry("No wrap " + EN_LONG, "不换行" + ZH_LONG, msgctxt="fl/3", flags=["no-wrap"]),
            entry("Custom", "自定义", msgctxt="fl/4", flags=["max-length:80", "fuzzy", "c-format", "range: 0..10"]),
            entry(
                "x" * 60 + " value is % d and %-s and %(a b)s here",
                "",
                msgctxt="fl/5",
                flags=["c-format"],
            ),
            entry("x" * 62 + " value %(foo bar)s and more words here", "", msgctxt="fl/6", flags=["python-format"]),
            *(
                entry(
                    "y" * k + "x" * 60 + " value is " + d + " and more", "", msgctxt=f"fl/c/{k}/{d}", flags=["c-format"]
                )
                for k in range(8)
                for d in ("% d", "%-s", "%1$-d", "%-<PRId64>")
            ),
            entry(
                "x" * 62 + " value {obj.attr} and {0[1]:>10} words", "", msgctxt="fl/7", flags=["python-brace-format"]
            ),
        ],
        # gettext 0.21 marks a python-brace directive of L bytes at bytes 1..L-1 of the *string*
        "brace_quirk": [
            entry("ab " + "x" * 76 + " " + d, "", msgctxt=f"bq/{i}", flags=["python-brace-format"])
            for i, d in enumerate(["{a}", "{ab}", "{obj.attr}", "{0: d}", "{a} {b}", "{a.b.c}", "{中}", "{a:中^5}"])
        ]
        + [
            entry("中文" * 4 + " " + "x" * 72 + " " + d, "", msgctxt=f"bq/cjk/{i}", flags=["python-brace-format"])
            for i, d in enumerate(["{abcdefghij}", "{abcdefghijklmnopqrstu}", "{a:{b}}", "{a"])
        ],
        "plural": [
            entry(
                "%d share rose",
                "",
                msgctxt="pl/1",
                msgid_plural="%d shares rose, " + EN_LONG,
                msgstr_plural={0: "%d只股票上涨，" + ZH_LONG},
                flags=["c-format"],
            ),
        ],
        "obsolete": [
            entry("Still here", "还在", msgctxt="o/0"),
            entry("Old headline " + EN_LONG, "旧标题" + ZH_LONG, msgctxt="o/1", obsolete=True),
            entry("Old fuzzy", "旧的", msgctxt="o/2", obsolete=True, flags=["fuzzy"], previous_msgid="Older"),
            entry("Dropped by GNU: empty msgstr", "", msgctxt="o/3", obsolete=True),
        ],
        "boundaries": _boundary_entries(),
        "sweep": _sweep_entries(),
    }


def make_po(
    entries: list[polib.POEntry], header: str = "News catalog.\nCopyright (C) 2026.\n\nLi Hua, 2026."
) -> polib.POFile:
    po = polib.POFile()
    po.metadata = dict(HEADER)
    po.header = header
    for item in entries:
        po.append(item)
    return po


@needs_msgcat
@pytest.mark.parametrize("case", sorted(corpus_cases()))
def test_corpus_matches_msgcat(case: str, tmp_path: Path) -> None:
    assert_msgcat_noop(make_po(corpus_cases()[case]), tmp_path)


@needs_msgcat
def test_whole_corpus_matches_msgcat(tmp_path: Path) -> None:
    po = make_po([item for entries in corpus_cases().values() for item in entries])
    po.metadata_is_fuzzy = True
    assert_msgcat_noop(po, tmp_path)


@needs_msgcat
@pytest.mark.parametrize("width", [20, 40, 60, 100])
def test_other_widths_match_msgcat(width: int, tmp_path: Path) -> None:
    entries = corpus_cases()
    assert_msgcat_noop(make_po(entries["chinese"] + entries["english"] + entries["flags"]), tmp_path, width)


# --------------------------------------------------------------------------------------------
# Randomised differential test (fixed seed)
# --------------------------------------------------------------------------------------------

ALPHABETS = {
    "ascii": "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789",
    "punct": " -/.,;:!?()[]{}'\"\\%$#@&*+=<>_~`^|",
    "cjk": "中文测试新闻发布会亿元万人民币股价上涨下跌公司年月日",
    "cjk_punct": "“”‘’，。、：；！？（）《》【】…—·「」『』〈〉～％",
    "misc": "\n\t\u00a0\u200b\u0301\u00e9\u2014\u2013\u2019\u00ab\u00bb\u20ac\u00a3\uff01\u3000\u30a2\u3042\uac00"
    "\u0e01\u0e34\U0001f600\u2028\u00ad\u2010\u2026\u00b7\u05d0\u0627\u2060\ufeff\u200d\u0085\u3001\u30fc",
    "format": "%%%%{{}}()[].:!-_ sdfx0123$*<>#+'hlcr",
}
FLAG_POOL = [
    "fuzzy",
    "c-format",
    "python-format",
    "python-brace-format",
    "no-c-format",
    "possible-python-format",
    "no-wrap",
    "wrap",
    "range: 1..5",
    "max-length:80",
    "java-format",
    "objc-format",
]


def random_text(rng: random.Random) -> str:
    length = rng.choice([rng.randint(0, 30), rng.randint(30, 120), rng.randint(60, 300)])
    names = list(ALPHABETS)
    weights = rng.choice([[5, 2, 0, 0, 0, 1], [1, 1, 5, 3, 0, 0], [3, 2, 3, 2, 1, 1], [1, 1, 1, 1, 0, 5]])
    return "".join(rng.choice(ALPHABETS[rng.choices(names, weights)[0]]) for _ in range(length))


def random_catalog(rng: random.Random) -> polib.POFile:
    po = make_po([], header=rng.choice(["", "Title", "标题\n\n第三行"]))
    po.metadata_is_fuzzy = rng.random() < 0.2
    seen = set()
    for i in range(rng.randint(1, 25)):
        item = polib.POEntry(msgctxt=rng.choice([None, f"article/body/p{i:02d}", random_text(rng)]))
        item.msgid = random_text(rng) or f"id{i}"
        if rng.random() < 0.15:
            item.msgid_plural = random_text(rng) or "plural"
            item.msgstr_plural = {0: random_text(rng)} if rng.random() < 0.8 else {}
        else:
            item.msgstr = random_text(rng) if rng.random() < 0.8 else ""
        if rng.random() < 0.3:
            item.tcomment = "\n".join(random_text(rng).replace("\n", " ") for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.3:
            item.comment = "\n".join(random_text(rng).replace("\n", " ") for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.5:
            item.occurrences = [
                (
                    rng.choice(["stories/seed.toml", "./a/b.py", "x" * rng.randint(1, 40)]),
                    rng.choice(["", "12", "9999"]),
                )
                for _ in range(rng.randint(1, 12))
            ]
        if rng.random() < 0.6:
            item.flags = rng.sample(FLAG_POOL, rng.randint(1, 4))
        if rng.random() < 0.2:
            item.previous_msgid = random_text(rng)
            if rng.random() < 0.5:
                item.previous_msgctxt = random_text(rng)
        item.obsolete = rng.random() < 0.1
        if (item.msgctxt, item.msgid) not in seen:
            seen.add((item.msgctxt, item.msgid))
            po.append(item)
    return po


@needs_msgcat
@pytest.mark.parametrize("seed", range(8))
def test_random_catalogs_match_msgcat(seed: int, tmp_path: Path) -> None:
    rng = random.Random(20261222 + seed)
    for _ in range(5):
        assert_msgcat_noop(random_catalog(rng), tmp_path, width=rng.choice([79, 79, 79, 30, 50]))


# --------------------------------------------------------------------------------------------
# Other tools read what we write
# --------------------------------------------------------------------------------------------


@needs_msgfmt
def test_msgfmt_check_accepts_output(tmp_path: Path) -> None:
    entries = [e for e in corpus_cases()["chinese"] + corpus_cases()["comments"] + corpus_cases()["obsolete"]]
    entries += [
        entry(
            "%d share", "", msgctxt="pl", msgid_plural="%d shares", msgstr_plural={0: "%d只股票"}, flags=["c-format"]
        ),
        entry("%(n)s rose", "%(n)s上涨", msgctxt="py", flags=["python-format"]),
    ]
    path = tmp_path / "zh_Hans.po"
    write_pofile(make_po(entries), path)
    result = subprocess.run(
        [MSGFMT, "--check", "--check-header", "-o", str(tmp_path / "out.mo"), str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def polib_safe(po: polib.POFile) -> polib.POFile:
    """Drop what polib cannot read back: ``#~|`` lines, bare ``#``/``#.`` lines, ``\\a``, trailing blanks."""
    for item in po:
        if item.obsolete:
            item.previous_msgctxt = item.previous_msgid = None
        for field in ("tcomment", "comment"):
            lines = [line.rstrip() for line in getattr(item, field).split("\n")]
            setattr(item, field, "\n".join(line or "-" for line in lines) if any(lines) else "")
        for field in ("msgctxt", "msgid", "msgstr", "msgid_plural", "previous_msgid", "previous_msgctxt"):
            if getattr(item, field):
                setattr(item, field, getattr(item, field).replace("\a", ""))
        item.msgstr_plural = {k: v.replace("\a", "") for k, v in item.msgstr_plural.items()}
    return po


def _comparable(item: polib.POEntry) -> tuple[object, ...]:
    return (
        item.msgctxt,
        item.msgid,
        item.msgid_plural,
        item.msgstr,
        dict(item.msgstr_plural),
        item.tcomment,
        item.comment,
        [(path.removeprefix("./"), line) for path, line in item.occurrences],
        item.flags,
        item.previous_msgctxt,
        item.previous_msgid,
        bool(item.obsolete),
    )


def test_polib_reads_back_identical_entries(tmp_path: Path) -> None:
    cases = corpus_cases()
    entries = [item for name, items in cases.items() if name not in ("obsolete", "flags") for item in items]
    entries = [item for item in entries if item.msgctxt != "c/4"]  # references GNU normalises
    entries += [item for item in cases["obsolete"] if item.msgstr]
    entries += [entry("Formatted %(n)s", "格式%(n)s", msgctxt="fmt", flags=["fuzzy", "python-format"])]
    for item in entries:  # GNU (and so the writer) drops "fuzzy" when the msgstr is empty
        if not item.msgstr and not item.msgid_plural and "fuzzy" in item.flags:
            item.flags.remove("fuzzy")
    po = polib_safe(make_po(entries))
    path = tmp_path / "catalog.po"
    write_pofile(po, path)
    back = polib.pofile(str(path))
    assert back.metadata == po.metadata
    assert list(back.metadata) == list(po.metadata)  # header order kept
    assert back.header == po.header
    expected = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]  # GNU puts obsolete last
    assert [_comparable(e) for e in back] == [_comparable(e) for e in expected]


def test_idempotent_through_polib(tmp_path: Path) -> None:
    """format(read(format(po))) == format(po): reading our file with polib loses nothing we write."""
    rng = random.Random(7)
    path = tmp_path / "catalog.po"
    for _ in range(40):
        write_pofile(polib_safe(random_catalog(rng)), path)
        text = path.read_text(encoding="utf-8")
        assert format_pofile(polib.pofile(str(path))) == text


# --------------------------------------------------------------------------------------------
# wrap_po_string
# --------------------------------------------------------------------------------------------


def test_short_string_stays_on_the_keyword_line() -> None:
    assert wrap_po_string("msgid", "Shares rose.") == ['msgid "Shares rose."']
    assert wrap_po_string("msgstr", "") == ['msgstr ""']
    assert wrap_po_string("msgid", "ok\n") == ['msgid "ok\\n"']


def test_cjk_counts_two_columns_and_breaks_between_characters() -> None:
    lines = wrap_po_string("msgstr", "中" * 100)
    assert lines[0] == 'msgstr ""'
    assert lines[1:] == ['"' + "中" * 38 + '"', '"' + "中" * 38 + '"', '"' + "中" * 24 + '"']
    # 38 CJK characters + 2 quotes = 78 columns; a 39th would make 80.
    assert all(2 * (len(line) - 2) + 2 <= 79 for line in lines[1:])


def test_no_break_before_closing_or_after_opening_cjk_punctuation() -> None:
    text = "中" * 37 + "，“新闻”（经审计）。" + "文" * 40
    for line in wrap_po_string("msgstr", text)[1:]:
        assert not line[1:].startswith(("，", "”", "）", "。"))
        assert not line[:-1].endswith(("“", "（"))


def test_english_breaks_after_the_space() -> None:
    lines = wrap_po_string("msgid", EN_LONG)
    assert lines[0] == 'msgid ""'
    assert all(line.endswith(' "') for line in lines[1:-1])
    assert "".join(line[1:-1] for line in lines[1:]) == EN_LONG


def test_newlines_split_portions() -> None:
    assert wrap_po_string("msgid", "a\nb") == ['msgid ""', '"a\\n"', '"b"']
    assert wrap_po_string("msgid", "a\nb", prefix="#~ ") == ['#~ msgid ""', '#~ "a\\n"', '#~ "b"']
    assert wrap_po_string("msgid", "x" * 100, no_wrap=True) == ['msgid "' + "x" * 100 + '"']


def test_prefix_on_every_line() -> None:
    lines = wrap_po_string("msgid", EN_LONG, prefix="#| ")
    assert lines[0] == '#| msgid ""'
    assert all(line.startswith('#| "') for line in lines[1:])
    assert max(len(line) for line in lines) <= 79


def test_unbreakable_word_overflows_like_gnu() -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitaen" * 3
    assert wrap_po_string("msgid", word) == [f'msgid "{word}"']
    assert wrap_po_string("msgid", "see " + word) == ['msgid ""', '"see "', f'"{word}"']
    # a URL still breaks after a hyphen or a slash before a letter, as GNU does
    assert wrap_po_string("msgid", URL)[1].endswith('-quarter-"')


def test_nul_is_rejected() -> None:
    with pytest.raises(ValueError, match="NUL"):
        wrap_po_string("msgid", "a\0b")


# --------------------------------------------------------------------------------------------
# write_pofile
# --------------------------------------------------------------------------------------------


def test_write_pofile_writes_format_pofile_output(tmp_path: Path) -> None:
    po = make_po(corpus_cases()["chinese"])
    path = tmp_path / "locales" / "zh_Hans" / "LC_MESSAGES" / "story.po"
    write_pofile(po, path)
    assert path.read_bytes() == format_pofile(po).encode("utf-8")
    assert path.read_bytes().endswith(b'"\n') and not path.read_bytes().endswith(b"\n\n")
    assert sorted(p.name for p in path.parent.iterdir()) == ["story.po"]


def test_write_pofile_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "story.po"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_pofile(make_po(corpus_cases()["english"]), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_write_pofile_failure_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "story.po"
    path.write_text("old catalog", encoding="utf-8")

    def crash(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        write_pofile(make_po(corpus_cases()["english"]), path)
    assert path.read_text(encoding="utf-8") == "old catalog"
    assert [p.name for p in tmp_path.iterdir()] == ["story.po"]


# --------------------------------------------------------------------------------------------
# The embedded Unicode tables against libunistring itself
# --------------------------------------------------------------------------------------------


def _breaks32(lib: ctypes.CDLL, data: bytes) -> bytes:
    out = ctypes.create_string_buffer(len(data) // 4)
    lib.u32_possible_linebreaks_v2(data, len(data) // 4, b"UTF-8", out)
    return out.raw


@needs_libunistring
def test_embedded_widths_match_libunistring() -> None:
    lib = _libunistring()
    assert lib is not None
    widths = linebreak._get_tables()[1]
    wrong = [cp for cp in range(0x110000) if max(lib.uc_width(cp, b"UTF-8"), 0) != widths[cp]]
    assert wrong == []


@needs_libunistring
def test_embedded_linebreak_classes_match_libunistring() -> None:
    """Every code point behaves in libunistring exactly like the others of its embedded class.

    Each code point c is probed in the contexts ``X c`` and ``c X`` (X = one character of every
    class) and ``X space c``, ``c space X`` (X of the common classes), each after a line feed
    that resets the state. The results must be the same for all code points of a class, and
    differ between classes.
    """
    lib = _libunistring()
    assert lib is not None
    classes = linebreak._get_tables()[0]
    skip = {0x0A, 0x0D}  # LF and CR: mandatory breaks like BK, but CR LF is special in libunistring
    representative: dict[int, int] = {}
    for cp in range(0x110000):
        if cp not in skip and not 0xD800 <= cp < 0xE000:
            representative.setdefault(classes[cp], cp)
    lf, sp = 0x0A, 0x20

    def u32(*cps: int) -> bytes:
        return b"".join(cp.to_bytes(4, "little") for cp in cps)

    probes = []  # (before c, after c)
    for r in representative.values():
        probes += [(u32(lf, r), b""), (u32(lf), u32(r))]
    for name in ("AL", "ID", "NU", "OP", "CL", "QU", "CM", "HY"):
        r = representative[linebreak._LB_NAMES.index(name)]
        probes += [(u32(lf, r, sp), b""), (u32(lf), u32(sp, r))]
    # before_0 c after_0 before_1 c ... after_n == c.join([before_0, after_0 + before_1, ..., after_n])
    glue = [probes[0][0], *(after + before for (_, after), (before, _) in itertools.pairwise(probes)), probes[-1][1]]
    block = (sum(map(len, glue)) + 4 * len(probes)) // 4

    def signatures(cps: range) -> list[bytes]:
        raw = _breaks32(lib, b"".join(cp.to_bytes(4, "little").join(glue) for cp in cps))
        return [raw[i * block : (i + 1) * block] for i in range(len(cps))]

    expected = {cls: signatures(range(cp, cp + 1))[0] for cls, cp in representative.items()}
    assert len(set(expected.values())) == len(expected), "two embedded classes behave the same"
    wrong = []
    for start in range(0, 0x110000, 0x4000):
        cps = range(start, min(start + 0x4000, 0x110000))
        for cp, sig in zip(cps, signatures(cps), strict=True):
            if cp not in skip and not 0xD800 <= cp < 0xE000 and sig != expected[classes[cp]]:
                wrong.append(hex(cp))
    assert wrong == []


def _libunistring_breaks(lib: ctypes.CDLL, text: str, width: int, start: int, prohibited: set[int]) -> list[int]:
    """Where libunistring's ``u8_width_linebreaks_v2`` breaks ``text``, as character indexes."""
    data = text.encode("utf-8")
    overrides = bytearray(len(data))
    offsets = []
    offset = 0
    for i, ch in enumerate(text):
        offsets.append(offset)
        if i in prohibited:
            overrides[offset] = 1
        offset += len(ch.encode("utf-8"))
    out = ctypes.create_string_buffer(len(data))
    lib.u8_width_linebreaks_v2(data, len(data), width, start, 0, bytes(overrides), b"UTF-8", out)
    return [i for i, off in enumerate(offsets) if out.raw[off] == 2]


@needs_libunistring
def test_line_breaks_match_libunistring_random() -> None:
    """The fused UAX #14 + width fitting loop against ``u8_width_linebreaks_v2``, random strings."""
    lib = _libunistring()
    assert lib is not None
    classes = linebreak._get_tables()[0]
    pools: dict[int, list[str]] = {}
    rng = random.Random(14)
    for cp in rng.sample(range(0x110000), 60000) + list(range(0x20, 0x7F)) + list(range(0x3000, 0x3040)):
        if not (0xD800 <= cp < 0xE000 or cp in (0x0A, 0x0D)):
            pools.setdefault(classes[cp], []).append(chr(cp))
    keys = sorted(pools)
    for _ in range(20000):
        text = "".join(rng.choice(pools[rng.choice(keys)]) for _ in range(rng.randint(1, 40)))
        width, start = rng.randint(0, 30), rng.randint(0, 10)
        prohibited = {i for i in range(len(text)) if rng.random() < 0.1}
        expected = _libunistring_breaks(lib, text, width, start, prohibited)
        assert linebreak.line_breaks(text, width, start, prohibited) == expected, (text, width, start, prohibited)


@needs_libunistring
def test_line_breaks_match_libunistring_long_runs() -> None:
    """Long English and Chinese texts: the fast path (runs of simple classes fitted one line at
    a time, see ``linebreak._SIMPLE_CLASSES``) against ``u8_width_linebreaks_v2``."""
    lib = _libunistring()
    assert lib is not None
    rng = random.Random(2014)
    words = "the of said e-mail state-owned don't 2024 3.5% $100 U.S. a/b (Reuters) [x] {y} ok! why? x:y Ａ".split()  # noqa: SIM905
    hanzi = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    punctuation = [*"，。、“”：；！？（）《》—…", " ", "  ", "\u00a0", "\u0301", "\u200b", "\uac00"]
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 80)):
            r = rng.random()
            if r < 0.5:
                parts.append(rng.choice(words) + " " * rng.randint(0, 2))
            elif r < 0.85:
                parts.append("".join(rng.choice(hanzi) for _ in range(rng.randint(1, 20))))
            else:
                parts.append(rng.choice(punctuation))
        text = "".join(parts)
        width, start = rng.randint(0, 100), rng.randint(0, 20)
        prohibited = {i for i in range(len(text)) if rng.random() < 0.02}
        expected = _libunistring_breaks(lib, text, width, start, prohibited)
        assert linebreak.line_breaks(text, width, start, prohibited) == expected, (text, width, start, prohibited)
        first = linebreak.line_breaks(text, width, start, prohibited, first_only=True)
        assert first == expected[:1], (text, width, start, prohibited)


def test_fast_line_breaks_equal_the_reference_state_machine() -> None:
    """The fast path (runs of simple classes fitted a line at a time) against the reference path
    (the UAX #14 state machine one character at a time), on generated news text: English, CJK,
    escapes, URLs, directives, marks and spaces. Runs without libunistring."""
    rng = random.Random(25)
    pieces = [
        *"the of said e-mail state-owned don't 2024 3.5% $100 U.S. (Reuters) [x] {y} ok! why? x:y".split(),  # noqa: SIM905
        "https://www.example.com/news/2017/12/22/high-tech-service?id=42&lang=zh",
        *"高新区 服务 加速 项目 落地 绵阳 亿元 百分点".split(),  # noqa: SIM905
        *"，。、“”：；！？（）《》—…",
        "%(name)s",
        "%5.2f",
        "{place}",
        "\\n",
        '\\"',
        "\\t",
        " ",
        "  ",
        "\u00a0",
        "\u0301",
        "\u200b",
        "\uac00",
        "👍🏽",
    ]
    checked = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) + " " * rng.randint(0, 1) for _ in range(rng.randint(1, 60)))
        width, start = rng.randint(1, 100), rng.randint(0, 20)
        prohibited = frozenset(i for i in range(len(text)) if rng.random() < 0.03)
        for first_only in (False, True):
            fast = linebreak.line_breaks(text, width, start, prohibited, first_only)
            reference = linebreak.line_breaks(text, width, start, prohibited, first_only, fast=False)
            assert fast == reference, (text, width, start, sorted(prohibited), first_only)
            checked += len(reference)
    assert checked > 10000  # the texts do break
