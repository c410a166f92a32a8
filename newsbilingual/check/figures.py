"""Figures read by value from English and Chinese text, and compared between source and translation.

A copy editor does not compare digit strings: 12.11 billion, 121.1亿 and 12,110,000,000 are the
same figure, and 12.11亿 is ten times smaller. :func:`read_figures` finds every figure of a text
(Arabic and Chinese numerals, scale words, percentages, percentage points, units, dates, months,
times, fractions, counted words such as "four key points" / 四个重点 / 四個重點; Simplified and
Traditional Chinese alike) and gives its value as a
:class:`~decimal.Decimal`; :func:`compare_figures` pairs the figures of two texts by value.

Written here because no library reads Chinese numerals together with English scale words
(Babel formats numbers but does not parse 万/亿 or 百分之); the rules are small regular expressions.
Numbers written as words with the value 0 or 1 ("one", "a", 一, 零) are not figures: 一方面,
一线, 唯一 and "on the one hand" would otherwise turn every sentence into a false alarm.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

NUMBER = "number"
PERCENT = "percent"
POINTS = "points"
DATE = "date"
MONTH = "month"
TIME = "time"

# Full-width digits and signs are read as their ASCII twins (one character each, so spans stay valid).
_FULL_WIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
# Traditional Chinese is read through its Simplified twin, character for character (so spans stay
# valid): only the characters the rules below use, numerals, scale words, counters and units
# (121.1億元 reads as 121.1亿元, 87.7個百分點 as 87.7个百分点, 兩項 as 两项). A whole-text
# conversion (OpenCC) would also change lengths (公尺 → 米), so Taiwan's words that are not one
# character apart are in the unit table instead (平方公尺 = 平方米, square meters).
_TRADITIONAL = str.maketrans(
    {
        "億": "亿",
        "萬": "万",
        "兩": "两",
        "點": "点",
        "個": "个",
        "項": "项",
        "畝": "亩",
        "噸": "吨",
        "頃": "顷",  # 公頃, hectare
        "幣": "币",  # 人民幣
        "時": "时",
        "號": "号",
        "鐘": "钟",  # 分鐘
        "數": "数",  # 數十億: a round guess, not a figure
        "幾": "几",
        "條": "条",
        "種": "种",
        "戶": "户",
        "強": "强",  # 前三強, 500強
        "屆": "届",
        "輪": "轮",
        "場": "场",
        "臺": "台",
        "輛": "辆",
        "棟": "栋",
        "層": "层",
        "類": "类",
        "隻": "只",
        "張": "张",
        "塊": "块",
        "歲": "岁",
        "週": "周",
        "農": "农",  # 三農
        "導": "导",  # 半導體 is not "and a half"
        "島": "岛",
    }
)

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG_UNITS = {"万": 10**4, "亿": 10**8}
# 兆 is a trillion in Taiwan (and in CLDR's zh_Hant: Babel writes 1兆), read only as a scale word
# after a number (1.5兆元, never in a run of numerals); before 瓦, 赫, 帕, 字节, 欧, 焦 it is
# the SI prefix mega- and not read.
_CN_TRILLION = {"兆": 10**12}
_CN_NUMERAL = "〇零一二两三四五六七八九十百千万亿"
_CN_RUN = f"[{_CN_NUMERAL}]+(?:点[〇零一二三四五六七八九]+)?"

_EN_ONES = (  # noqa: SIM905 (a word list reads better as words)
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen"
).split()
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_SCALE_WORDS = _EN_SCALES | {"mn": 10**6, "bn": 10**9}
_EN_WORD_VALUES = {word: n for n, word in enumerate(_EN_ONES)} | _EN_TENS
_EN_WORD = "|".join(sorted([*_EN_WORD_VALUES, *_EN_SCALES], key=len, reverse=True))
_EN_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5}
_EN_FRACTIONS |= {"fifths": 5, "tenth": 10, "tenths": 10}

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_EN_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SMALL = rf"\d{{1,2}}|[{_CN_NUMERAL}]{{1,3}}"
_DASH = r"\s*(?:[—–~～至到-]|to|through)\s*"

# Figures whose shape says what they are, read before plain numbers.
_SHAPED = re.compile(
    # What such a figure can start with: lets the engine skip the other positions quickly.
    rf"(?=[\d百上下晚凌早中{_CN_NUMERAL}]|(?<![A-Za-z])[JFMASOND])"
    rf"(?:(?P<cn_percent>百分之(?P<pct>{_DIGITS}|{_CN_RUN}))"
    rf"|(?P<cn_date>(?P<dm>{_SMALL})月(?P<dd>{_SMALL})[日号])"
    rf"|(?P<cn_months>(?P<m1>\d{{1,2}}){_DASH}(?P<m2>\d{{1,2}})月)"
    rf"|(?P<cn_month>(?<![\d.])(?P<mo>\d{{1,2}}|十[一二]?|[一二三四五六七八九])月(?!份?\d))"
    rf"|(?P<cn_time>(?P<half>上午|下午|晚上|凌晨|早上|中午)(?P<h1>\d{{1,2}})(?::(?P<i1>\d{{2}})|[时点](?:(?P<i2>\d{{1,2}})分|(?P<hh>半))?)"
    rf"|(?P<h4>\d{{1,2}})[时点](?:(?P<i5>\d{{1,2}})分|(?P<hh2>半)))"
    rf"|(?P<en_time>\b(?P<h2>\d{{1,2}})(?::(?P<i3>\d{{2}}))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b))"
    rf"|(?P<en_time24>\b(?P<h3>\d{{1,2}}):(?P<i4>\d{{2}})\b)"
    rf"|(?P<en_date>\b(?P<mn>{_EN_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\.\d|,\d{{3}}))"
    rf"|(?P<en_date_b>\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn2>{_EN_MONTH})(?![a-z]))"
    rf"|(?P<en_month>\b(?P<mn3>{_EN_MONTH})(?![a-z]))"
    rf"|(?P<fraction>(?P<num>\d+)/(?P<den>\d+))"
    rf"|(?P<cn_fraction>(?P<fden>{_DIGITS}|{_CN_RUN})分之(?P<fnum>{_DIGITS}|{_CN_RUN})))",
)
# Plain numbers: digits, a run of Chinese numerals, English number words.
_NUMBER = re.compile(
    rf"(?=[\d半{_CN_NUMERAL}]|(?<![A-Za-z])[A-Za-z])"
    rf"(?:(?P<digits>{_DIGITS})(?P<ordinal>st|nd|rd|th)?"
    rf"|(?P<cn>{_CN_RUN})"
    rf"|(?P<en>\b(?:{_EN_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_EN_WORD}))*\b)"
    rf"|(?P<half_en>\bhalf\b)|(?P<half_cn>一半|半(?=年|个|天|小时|月|日|数)))",
    re.IGNORECASE,
)
_EN_SCALE_AFTER = re.compile(r"\s*(thousand|million|billion|trillion|bn|mn)\b", re.IGNORECASE)
_CN_SCALE_AFTER = re.compile(r"[十百千万亿]+(?![米克])|兆(?![瓦赫帕位字欧歐焦])")
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b|个?半(?![导岛])", re.IGNORECASE)
_EN_FRACTION_AFTER = re.compile(r"[\s-]+(" + "|".join(_EN_FRACTIONS) + r")\b", re.IGNORECASE)
_POINTS_AFTER = re.compile(r"\s*(?:percentage[\s-]+points?|个百分点|百分点)", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s*(?:%|per\s?cent\b|pct\b)", re.IGNORECASE)
# Units carried with a number: (pattern, unit name). "个" alone only marks a counted thing.
_UNITS = [
    (r"\s*(?:yuan|RMB|renminbi)\b|\s*元|人民币", "yuan"),
    (r"\s*(?:US\s)?dollars?\b|美元", "US dollar"),
    (r"\s*(?:square\s+met(?:er|re)s?|sq\.?\s?m)\b|平方米|平方公尺", "square meter"),
    (r"\s*(?:square\s+kilomet(?:er|re)s?|sq\.?\s?km)\b|平方公里", "square kilometer"),
    (r"\s*mu\b|亩", "mu"),
    (r"\s*hectares?\b|公顷", "hectare"),
    (r"\s*(?:kilomet(?:er|re)s?|km)\b|公里|千米", "kilometer"),
    (r"\s*(?:tons?|tonnes?)\b|吨", "ton"),
    (r"\s*years?\b|年", "year"),
    (r"\s*months?\b|个月", "month"),
    (r"\s*days?\b|天", "day"),
    (r"\s*hours?\b|(?:个)?小时", "hour"),
]
_UNIT_AFTER = re.compile("|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _) in enumerate(_UNITS)), re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:RMB|CNY|¥|￥|人民币)\s*$|(?:US\$|\$)\s*$")
# What may follow a Chinese numeral written in characters for it to be a counted figure.
_CN_COUNTED = re.compile(
    r"[个项次家名位年月日天条种件批所座户人倍成期届轮场份台辆架艘套栋层类支只本篇部张元块岁周强大亩吨%％]"
    r"|小时|分钟|秒|平方|公[里顷斤]|千克|百分点"
)
_CN_IDIOMS = ("十分", "万一", "一些", "一一", "三农", "千万", "万万")


@dataclass(frozen=True)
class Figure:
    """A figure found in a text: ``text[start:end]``, its kind, value and unit."""

    start: int
    end: int
    text: str
    kind: str
    value: Decimal | int | tuple[int, int]
    unit: str = ""

    def key(self) -> tuple[str, object]:
        return (self.kind, self.value)

    def describe(self) -> str:
        """The value as an editor reads it: ``12,110,000,000 yuan``, ``18.3%``, ``Dec 22``."""
        if self.kind == DATE:
            month, day = self.value
            return f"{_month_name(month)} {day}"
        if self.kind == MONTH:
            return _month_name(int(self.value))
        if self.kind == TIME:
            minutes = int(self.value)
            return f"{minutes // 60:02d}:{minutes % 60:02d}"
        shown = format_decimal(self.value)
        suffix = {PERCENT: "%", POINTS: " percentage points"}.get(self.kind, "")
        return f"{shown}{suffix}" + (f" {self.unit}" if self.unit else "")


_MONTH_NAMES = (  # noqa: SIM905 (a word list reads better as words); not calendar.month_name, which follows the locale
    " January February March April May June July August September October November December"
).split(" ")  # [1] is January


def _month_name(month: int) -> str:
    return _MONTH_NAMES[month]


def format_decimal(value: Decimal) -> str:
    """``12,110,000,000`` rather than ``1.211E+10``; decimals keep their significant digits."""
    grouping = "," if abs(value) >= 10000 else ""  # 12,110,000 but 2017, as newspapers write them
    return format(value.normalize(), grouping + "f")


def chinese_numeral(text: str) -> Decimal:
    """The value of Chinese numerals: 二十一 → 21, 一百二十一 → 121, 十八点三 → 18.3, 三千五百万 → 35000000."""
    whole, _, decimals = text.partition("点")
    if not any(char in _CN_SMALL_UNITS or char in _CN_BIG_UNITS for char in whole):
        # Digit by digit, as years are written: 二〇一七 → 2017.
        value = Decimal("".join(str(_CN_DIGITS[char]) for char in whole) or 0)
        return value + (Decimal("0." + "".join(str(_CN_DIGITS[c]) for c in decimals)) if decimals else 0)
    total = Decimal(0)  # finished 亿/万 sections
    section = Decimal(0)  # the part below the last 万/亿
    digit: Decimal | None = None
    for char in whole:
        if char in _CN_DIGITS:
            digit = Decimal(_CN_DIGITS[char])
        elif char in _CN_SMALL_UNITS:
            section += (digit if digit is not None else 1) * _CN_SMALL_UNITS[char]
            digit = None
        elif char == "亿":
            total = (total + section + (digit or 0)) * _CN_BIG_UNITS[char]
            section, digit = Decimal(0), None
        else:  # 万
            total += (section + (digit or 0)) * _CN_BIG_UNITS[char]
            section, digit = Decimal(0), None
    value = total + section + (digit or 0)
    if decimals:
        value += Decimal("0." + "".join(str(_CN_DIGITS[c]) for c in decimals))
    return value


def _number(text: str) -> Decimal:
    """Digits (with separators) or Chinese numerals."""
    text = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    return chinese_numeral(text)


def english_number(text: str) -> Decimal:
    """The value of English number words: "twenty-one" → 21, "two hundred and five" → 205."""
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text.lower()):
        if word == "and":
            continue
        if word in _EN_WORD_VALUES:
            current += _EN_WORD_VALUES[word]
        elif word == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _EN_SCALES[word]
            current = 0
    return Decimal(total + current)


def _month(text: str) -> int:
    return _MONTHS[text[:3].lower()]


def _small(text: str) -> int:
    return int(_number(text))


def _clock(hour: int, minute: int, half: str) -> int:
    if half in ("下午", "晚上", "pm", "p.m.") and hour < 12:
        hour += 12
    if half in ("凌晨", "am", "a.m.") and hour == 12:
        hour = 0
    return hour * 60 + minute


def read_figures(text: str) -> list[Figure]:
    """Every figure of ``text``, in order of appearance (Simplified or Traditional Chinese, or English)."""
    original = text
    text = text.translate(_FULL_WIDTH).translate(_TRADITIONAL)
    figures: list[Figure] = []
    taken = [False] * (len(text) + 1)
    for match in _SHAPED.finditer(text):
        figures += _shaped(match, text)
        for i in range(match.start(), match.end()):
            taken[i] = True
    position = 0
    for match in _NUMBER.finditer(text):
        if match.start() < position or taken[match.start()]:
            continue
        figure = _plain(match, text, taken)
        if figure is not None:
            figures.append(figure)
            position = figure.end
    figures.sort(key=lambda figure: figure.start)
    # Messages quote the text as written, not its folded form.
    return [replace(figure, text=original[figure.start : figure.end]) for figure in figures]


def _shaped(match: re.Match[str], text: str) -> Iterator[Figure]:
    kind, start, end, found = match.lastgroup, match.start(), match.end(), match.group()
    g = match.group
    if kind == "cn_percent":
        yield Figure(start, end, found, PERCENT, _number(g("pct")))
    elif kind == "cn_date":
        yield from _date(start, end, found, _small(g("dm")), _small(g("dd")))
    elif kind == "cn_months":
        yield from _date(start, match.end("m1"), g("m1"), _small(g("m1")))
        yield from _date(match.start("m2"), end, g("m2") + "月", _small(g("m2")))
    elif kind == "cn_month":
        yield from _date(start, end, found, _small(g("mo")))
    elif kind == "cn_time":
        minute = 30 if g("hh") or g("hh2") else int(g("i1") or g("i2") or g("i5") or 0)
        yield from _time(start, end, found, int(g("h1") or g("h4")), minute, g("half") or "")
    elif kind == "en_time":
        yield from _time(start, end, found, int(g("h2")), int(g("i3") or 0), g("ampm").lower())
    elif kind == "en_time24":
        yield from _time(start, end, found, int(g("h3")), int(g("i4")), "")
    elif kind in ("en_date", "en_date_b"):
        month, day = (g("mn"), g("day")) if kind == "en_date" else (g("mn2"), g("day2"))
        yield from _date(start, end, found, _month(month), int(day))
    elif kind == "en_month":
        if g("mn3") != "May":  # the verb "may" at a sentence start; May with a day is a date above
            yield Figure(start, end, found, MONTH, _month(g("mn3")))
    elif kind == "fraction" and int(g("den")):
        yield Figure(start, end, found, NUMBER, Decimal(g("num")) / Decimal(g("den")))
    elif kind == "cn_fraction" and _number(g("fden")):
        yield Figure(start, end, found, NUMBER, _number(g("fnum")) / _number(g("fden")))


def _date(start: int, end: int, text: str, month: int, day: int | None = None) -> Iterator[Figure]:
    """A date (month and day) or a month; nothing for an impossible one (13月, 45日: not a date)."""
    if 1 <= month <= 12 and (day is None or 1 <= day <= 31):
        yield Figure(start, end, text, MONTH, month) if day is None else Figure(start, end, text, DATE, (month, day))


def _time(start: int, end: int, text: str, hour: int, minute: int, half: str) -> Iterator[Figure]:
    """A time of day; nothing for an impossible one (25:99 is a score or a ratio, not a time)."""
    if hour <= 24 and minute < 60:
        yield Figure(start, end, text, TIME, _clock(hour, minute, half))


def _plain(match: re.Match[str], text: str, taken: list[bool]) -> Figure | None:
    """A number with what follows it: scale word, fraction, half, percent or points, unit."""
    start, end = match.start(), match.end()
    words = False
    if match.group("digits"):
        value = Decimal(match.group("digits").replace(",", ""))
    elif match.group("cn"):
        run = match.group("cn")
        if not _counted_chinese(run, text, start, end):
            return None
        value, words = chinese_numeral(run), not any(char in "万亿" for char in run[1:])
    elif match.group("en"):
        value, words = english_number(match.group("en")), True
    else:
        return Figure(start, end, match.group(), NUMBER, Decimal("0.5"))
    if scale := (_EN_SCALE_AFTER.match(text, end) or _CN_SCALE_AFTER.match(text, end)):
        value *= _scale(scale.group().strip())
        end, words = scale.end(), False
    if fraction := _EN_FRACTION_AFTER.match(text, end):
        value /= _EN_FRACTIONS[fraction.group(1).lower()]
        end = fraction.end()
    elif half := _AND_A_HALF.match(text, end):
        value += Decimal("0.5")
        end = half.end()
    kind, unit = NUMBER, ""
    if points := _POINTS_AFTER.match(text, end):
        kind, end = POINTS, points.end()
    elif percent := _PERCENT_AFTER.match(text, end):
        kind, end = PERCENT, percent.end()
    else:
        if unit_match := _UNIT_AFTER.match(text, end):
            unit, end = _UNITS[int(unit_match.lastgroup[1:])][1], unit_match.end()
        if before := _CURRENCY_BEFORE.search(text, max(0, start - 5), start):
            unit, start = ("US dollar" if "$" in before.group() else "yuan"), before.start()
        if text.startswith("半", end):  # 一年半: one and a half years
            value, end = value + Decimal("0.5"), end + 1
        if unit == "year" and value == value.to_integral_value() and 1000 <= value < 3000:
            unit = ""  # 2017年 is the year 2017, as the English writes it
    if words and value in (0, 1):
        return None
    if any(taken[match.end() : end]):  # a unit word that is part of a date or time after it
        end = next(i for i in range(match.end(), end) if taken[i])
    return Figure(start, end, text[start:end], kind, value, unit)


def _scale(word: str) -> Decimal:
    """The multiplier of a scale word: billion → 10⁹; Chinese ones multiply: 万亿 → 10¹², 千万 → 10⁷; 兆 → 10¹²."""
    if word.lower() in _EN_SCALE_WORDS:
        return Decimal(_EN_SCALE_WORDS[word.lower()])
    product = Decimal(1)
    for char in word:
        product *= (_CN_SMALL_UNITS | _CN_BIG_UNITS | _CN_TRILLION)[char]
    return product


def _counted_chinese(run: str, text: str, start: int, end: int) -> bool:
    """Whether Chinese numerals are a figure, not part of a word (一方面, 四川, 十分, 唯一)."""
    if not any(char in _CN_DIGITS or char == "十" for char in run):
        return False
    if any(text.startswith(idiom, start) for idiom in _CN_IDIOMS) and len(run) <= 2:
        return False
    if start > 0 and text[start - 1] in "第数几":
        return False  # ordinals (第三) and round guesses (数十亿, billions) are not compared
    if _CN_COUNTED.match(text, end) or _POINTS_AFTER.match(text, end):
        return True
    if start > 0 and text[start - 1] == "前":
        return True  # 前三: the top three
    return len(run) >= 2 and any(char in "十百千万亿" for char in run)


@dataclass(frozen=True)
class Mismatch:
    """A figure of one text with no equal figure in the other: ``source`` or ``target`` may be None.

    Both are set when the two texts each have an unmatched figure, paired in order: that is the
    usual shape of a wrong figure (12.11亿 written for 12.11 billion). ``unit_only`` marks a pair
    of equal value whose units differ (5 mu against 5平方米).
    """

    source: Figure | None
    target: Figure | None
    unit_only: bool = False

    def message(self) -> str:
        def side(figure: Figure | None) -> str:
            return f"{figure.text} = {figure.describe()}" if figure else "no equal figure"

        if self.source and self.target and self.unit_only:
            return f"unit differs: source: {side(self.source)}; translation: {side(self.target)}"
        if self.source and self.target and self.source.kind != self.target.kind:
            kinds = f"{_KIND_NAMES[self.source.kind]} became {_KIND_NAMES[self.target.kind]}"
            return f"{kinds}: source: {side(self.source)}; translation: {side(self.target)}"
        if self.source and not self.target:
            return f"figure dropped: source: {side(self.source)}; translation has no equal figure"
        if self.target and not self.source:
            return f"figure added: translation: {side(self.target)}; source has no equal figure"
        return f"source: {side(self.source)}; translation: {side(self.target)}"


_KIND_NAMES = {
    NUMBER: "a number",
    PERCENT: "a percentage",
    POINTS: "percentage points",
    DATE: "a date",
    MONTH: "a month",
    TIME: "a time",
}


def compare_figures(source: str, target: str) -> list[Mismatch]:
    """The figures of ``source`` and ``target`` that have no equal value on the other side.

    Matching is by (kind, value); a unit on one side only is accepted (a translation may leave
    "yuan" to the context), two different units are not.
    """
    return compare_read(read_figures(source), read_figures(target))


def compare_read(sources: list[Figure], targets: list[Figure]) -> list[Mismatch]:
    """:func:`compare_figures` on figures already read."""
    left = list(sources)
    right = list(targets)
    unit_clashes: list[Mismatch] = []
    for exact in (True, False):
        for figure in list(left):
            candidates = [t for t in right if t.key() == figure.key()]
            same_unit = [t for t in candidates if t.unit == figure.unit]
            loose = [t for t in candidates if not t.unit or not figure.unit]
            found = same_unit[:1] if exact else loose[:1]
            if found:
                left.remove(figure)
                right.remove(found[0])
    for figure in list(left):
        clash = next((t for t in right if t.key() == figure.key()), None)
        if clash is not None:
            left.remove(figure)
            right.remove(clash)
            unit_clashes.append(Mismatch(figure, clash, unit_only=True))
    pairs = [Mismatch(s, t) for s, t in zip(left, right, strict=False)]
    pairs += [Mismatch(s, None) for s in left[len(right) :]]
    pairs += [Mismatch(None, t) for t in right[len(left) :]]
    return unit_clashes + pairs
