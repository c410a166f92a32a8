"""Figures read by value from news text in any language, and compared between source and translation.

A copy editor does not compare digit strings: 12.11 billion, 121.1亿, 121.1 亿元 and
12,110,000,000 are the same figure, and 12.11亿 is ten times smaller. :func:`read_figures` finds
every figure of a text and gives its value: numbers (Arabic and Chinese numerals, scale words,
percentages, percentage points, 八成 = 80%, fractions, one in six, halves), units and currencies,
dates (Dec. 22, 12月22日, day ranges), months, times (9.30am, 07：30), race times and durations,
ordinals (第四届 / 4th), decades (九十年代 / 1990s), centuries, half-years and quarters (上半年 /
first half), approximations (50多万, 上万, "about"), spaces and full-width characters as real agency
copy writes them. :func:`compare_figures` pairs the figures of two texts by value.

Written here because no library reads Chinese numerals together with English scale words
(Babel formats numbers but does not parse them): the rules are small regular expressions, and
Babel's CLDR data gives each other language its decimal and group signs, its scale words
(milliards, Milliarden, млрд, 억) and its month names (janvier, ноябрь, نوفمبر), and a small table
here its words for percentage points, so correct French, German, Russian, Arabic, Japanese or
Korean text reads the same figures. The Chinese rules serve every Chinese variant (zh-Hant, yue) and Japanese.

What is *soft*: a figure a correct translation often writes as a word or leaves out ("the two
countries" / 两国, "on the 2nd" / 二号, "first half" / 上半场, 1人 / "one person"). A soft figure
is matched like any other, but one left over on its own is no finding: it is reported only against
a left-over figure of the same kind on the other side (第二 against "third", 上半年 against "second
half"). Numbers written as words with the value 0 or 1 ("one", "a", 一) are not read at all: 一方面,
一线, 唯一 and "on the one hand" would otherwise turn every sentence into a false alarm.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from .numberwords import number_words

NUMBER = "number"
PERCENT = "percent"
POINTS = "points"
DATE = "date"
MONTH = "month"
TIME = "time"
ORDINAL = "ordinal"
DECADE = "decade"
CENTURY = "century"
HALF = "half-year"
QUARTER = "quarter"
DURATION = "duration"

# Full-width digits and signs, and Arabic-Indic digits, are read as their ASCII twins (one
# character each, so spans stay valid).
_FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９％．：－／٠١٢٣٤٥٦٧٨٩٫٬٪۰۱۲۳۴۵۶۷۸۹",
    "0123456789%.:-/0123456789.,%0123456789",
)
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
        "紀": "纪",  # 世紀
        "餘": "余",  # 50餘萬
        "歐": "欧",  # 歐元
        "韓": "韩",
        "後": "后",
        "鎊": "镑",
        "裡": "里",
    }
)
# Korean writes dates, times and scale words in Hangul, one syllable for each character the
# Chinese rules read (12월 22일, 오후 3시, 1조 2천억 원, 72억6천8백만): read through them, one character each.
_KOREAN = str.maketrans(
    {"월": "月", "일": "日", "시": "时", "분": "分", "백": "百", "천": "千", "만": "万", "억": "亿", "조": "兆"}
)
_KOREAN_WORDS = {"오전": "上午", "오후": "下午"}  # a.m., p.m.: two syllables for two characters

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
_HAN = "\u3400-\u9fff"

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
_EN_WORD_VALUES = {word: n for n, word in enumerate(_EN_ONES)} | _EN_TENS | {"dozen": 12}
_EN_WORD = "|".join(sorted([*_EN_WORD_VALUES, *_EN_SCALES], key=len, reverse=True))
_EN_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5}
_EN_FRACTIONS |= {"fifths": 5, "tenth": 10, "tenths": 10}
_EN_ORDINALS = (  # noqa: SIM905 ("first" is left out, as "one" is: "for the first time" / 首次)
    " second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth"
    " sixteenth seventeenth eighteenth nineteenth twentieth"
).split(" ")
_EN_ORDINAL_VALUES = {word: n + 1 for n, word in enumerate(_EN_ORDINALS) if word} | {
    word.replace("y", "ieth"): n for word, n in _EN_TENS.items()
}
_EN_ORDINAL = "|".join(sorted(_EN_ORDINAL_VALUES, key=len, reverse=True))
_FIRST_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

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
# "May" and "March" alone are months after these words or before a year (never "Theresa May",
# "May I", "March for Life", "the Long March"); the other names alone are always months.
_MAY_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|of|early|late|mid|last|next|this|through|to|before|after|during|between|"
    r"and|or|each|every)[\s-]+)$",
    re.IGNORECASE,
)
_YEAR_AFTER = re.compile(r",?\s+\d{4}\b")
_OF_AFTER = re.compile(r"\s+of\b|[.,;]|$")  # "a third of", "cut by a third."
_ANNIVERSARY = re.compile(r"[\s-]+anniversary\b", re.IGNORECASE)  # always written on both sides
_FRACTION_BEFORE = re.compile(r"\b(?:a|one|two|three|four|five)[\s-]+$", re.IGNORECASE)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SMALL = rf"\d{{1,2}}|[{_CN_NUMERAL}]{{1,3}}"
_DASH = r"\s*(?:[—–~～至到-]|to|through)\s*"
# Digits glued to Latin letters are names, not figures: CO2, G20, MH370, 5G, A380, Z-9 and 直-9
# (but RMB2, US$5).
_NOT_AFTER_LATIN = r"(?<![A-Za-z\u3400-\u9fff]-)(?:(?<![A-Za-z\d.,])|(?<=RMB|JPY|USD|EUR|GBP|CNY|HKD)|(?<=US|HK))"
_CN_ORDINAL_DAY = rf"(?P<cday>\d{{1,2}}|[{_CN_NUMERAL}]{{1,3}})[日号](?![本报线楼院馆车机文元])"

# Words that say which half of the day a Chinese time is in (下午3点, 晚7点).
_HALF_WORDS = "上午|下午|晚上|凌晨|早上|中午|午前|午后|傍晚|晚间|晚|早"
# "in their 30s", "her early 20s": an age between 30 and 40 (30多岁, 三十出头).
_AGES_AFTER = "(?:" + "|".join(f"(?<={word} )" for word in ("their", "his", "her", "early", "late")) + "|(?<=mid-))"
# Words after which a Roman numeral is a number: Phase II / 二期, World War II.
_ROMAN_WORDS = ("Phase", "Stage", "Class", "Level", "Grade", "Part", "War")
_ROMAN_AFTER = "(?:" + "|".join(f"(?<={word} )" for word in _ROMAN_WORDS) + ")"

# Figures whose shape says what they are, read before plain numbers.
_SHAPED = re.compile(
    # What such a figure can start with: lets the engine skip the other positions quickly.
    rf"(?=[\d'’百上下晚凌早中午傍第前农{_CN_NUMERAL}]|(?<![A-Za-z])[JFMASONDjfmasondtTeEnNoOqQIVX])"
    rf"(?:(?P<cn_percent>百分之(?P<pct>{_DIGITS}|{_CN_RUN}))"
    rf"|(?P<cn_tenths>(?<![\d.])(?P<cheng>[二两三四五六七八九]|\d)成(?![为立功本员果绩交长都]))"
    rf"|(?P<cn_decades>(?P<dc1>[一二三四五六七八九]|\d)[、]?(?P<dc2>[一二三四五六七八九]十|\d0)年代)"
    rf"|(?P<cn_decade>(?P<dec>\d{{4}}|\d0|[一二三四五六七八九]十)年代)"
    rf"|(?P<cn_century>(?P<cen>\d{{1,2}}|{_CN_RUN})世纪)"
    rf"|(?P<cn_half>(?P<hx>[上下])半(?:年|场|时|赛季|程|叶))"
    rf"|(?P<cn_quarter>(?P<qa>[第前])?(?P<q>[一二三四1-4])季度)"
    rf"|(?P<cn_duration>(?P<dh>\d+)(?:个)?小时(?P<dm2>\d+)分(?:钟)?(?:(?P<ds>\d+)秒)?"
    rf"|(?P<dm3>\d+)分(?:钟)?(?P<ds2>\d+)秒(?P<dcs>\d+)?)"
    rf"|(?P<cn_date_range>(?P<rm>{_SMALL})月(?P<rd1>{_SMALL})[日号]?(?:{_DASH}|、)(?P<rd2>{_SMALL})[日号])"
    rf"|(?P<cn_date>(?P<dm>{_SMALL})月(?P<dd>{_SMALL})[日号])"
    rf"|(?P<cn_months>(?P<m1>\d{{1,2}}|十[一二]?|[一二三四五六七八九])(?:{_DASH}|、)(?P<m2>\d{{1,2}}|十[一二]?|[一二三四五六七八九])月)"
    rf"|(?P<cn_month>(?<![\d.])(?P<mo>\d{{1,2}}|十[一二]?|[一二三四五六七八九])月(?!份?\d))"
    rf"|(?P<cn_time_range>(?P<rhalf>{_HALF_WORDS})(?P<rh1>{_SMALL})[时点](?:(?P<ri1>{_SMALL})分)?{_DASH}(?P<rh2>{_SMALL})[时点](?:(?P<ri2>{_SMALL})分)?)"
    rf"|(?P<cn_dot_date>(?<![\d.])(?P<dm5>\d{{1,2}})[·•・](?P<dd5>\d{{1,2}})(?![\d.]))"
    rf"|(?P<cn_time>(?P<half>{_HALF_WORDS})(?P<h1>{_SMALL})(?::(?P<i1>\d{{2}})|[时点](?:(?P<i2>{_SMALL})分|(?P<hh>半))?)"
    rf"|(?P<h4>{_SMALL})[时点](?:(?P<i5>{_SMALL})分|(?P<hh2>半)|(?=[许整])|(?<=时)(?=左右))|(?P<h7>\d{{1,2}})时(?![间代期候速装事尚光刻段区差髦效]))"
    rf"|(?P<cn_ordinal>第(?P<ord>{_DIGITS}|{_CN_RUN}))"
    rf"|(?P<double>(?:(?<=双)|(?<=Double ))(?P<dbl>\d{{1,2}}|十[一二]|Eleven|Twelve)(?![\d.]))"
    rf"|(?P<cn_plan>十(?P<plan>[一二三四五])五(?![年个分]))"
    rf"|(?P<cn_item>(?<![^\s。；：:;])(?P<item>[一二三四五六七八九十]{{1,2}})(?:是|、))"
    rf"|(?P<cn_generation>(?<![\d.])(?P<gen1>\d0)(?:[、/和与](?P<gen2>\d0))?后(?![来面方期续果者]))"
    rf"|(?P<cn_session>(?P<ses>\d{{1,3}}|{_CN_RUN})届|(?P<ses2>十[一二三四五六七八九]|(?<=共)[一二三四五六七八九])大)"
    rf"|(?P<cn_day>(?<![\d{_CN_NUMERAL}]){_CN_ORDINAL_DAY})"
    rf"|(?P<cn_score>(?P<sa>\d{{1,3}}|[{_CN_NUMERAL}]{{1,3}})比(?P<sb>\d{{1,3}}|[{_CN_NUMERAL}]{{1,3}})(?![{_HAN}]?[增减上下多少高低]))"
    rf"|(?P<en_spelled_duration>\b(?=[\w-]+\s+(?:hours?|minutes?)\b)(?:(?P<wh>\d{{1,2}}|{_EN_WORD})\s+hours?(?:,\s*|\s+and\s+))?(?P<wm>\d{{1,2}}|{_EN_WORD})\s+minutes?\s+and\s+(?P<ws>\d{{1,2}}|{_EN_WORD})\s+seconds?\b)"
    rf"|(?P<en_duration>{_NOT_AFTER_LATIN}(?:(?P<eh>\d{{1,2}}):(?P<em>\d{{2}}):(?P<es>\d{{2}})|(?P<em2>\d{{1,2}}):(?P<es2>\d{{2}})\.(?P<ecs>\d{{1,2}}))(?![\d:]))"
    rf"|(?P<en_time_range>{_NOT_AFTER_LATIN}(?P<th1>\d{{1,2}})(?::(?P<ti1>\d{{2}}))?\s*(?:-|–|to|and)\s*(?P<th2>\d{{1,2}})(?::(?P<ti2>\d{{2}}))?\s*(?P<rampm>[ap]\.m\.|[ap]m\b))"
    rf"|(?P<en_ages>{_AGES_AFTER}(?P<ad>[1-9]0)s\b)"
    rf"|(?P<en_time>{_NOT_AFTER_LATIN}(?P<h2>\d{{1,2}})(?:[:.](?P<i3>\d{{2}}))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b))"
    rf"|(?P<en_oclock>\b(?=\w+\s+o['’]clock)(?P<oc>\d{{1,2}}|{_EN_WORD})\s+o['’]clock\b)"
    rf"|(?P<en_roman>{_ROMAN_AFTER}(?P<roman>[IVX]{{1,4}})\b)"
    rf"|(?P<en_item>^\s*(?P<eitem>\d{{1,2}})[.)](?=\s))"
    rf"|(?P<en_time24>(?<![\d.:])(?P<h3>\d{{1,2}}):(?P<i4>\d{{2}})(?![\d:]))"
    rf"|(?P<en_century_s>\b(?P<cs>1\d|2[1-9])00s\b)"
    rf"|(?P<en_decade>(?:\b(?P<ec>1\d|20)(?P<ed>\d)0|['’](?P<ed2>\d)0)s\b)"
    rf"|(?P<en_century>\b(?:(?P<cnum>\d{{1,2}})(?:st|nd|rd|th)|(?P<cword>{_EN_ORDINAL}))[\s-]+century\b)"
    rf"|(?P<en_first_months>\b(?i:the\s+first\s+)(?P<fm>\d{{1,2}}|{_EN_WORD})\s+months\b)"
    rf"|(?P<en_half>\b(?P<hf>first|second)[\s-]half\b)"
    rf"|(?P<en_quarter>\b(?:(?P<qf>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter|first\s+(?P<qn>two|three|four)\s+quarters)\b"
    rf"|\b[Qq](?P<qq>[1-4])\b)"
    rf"|(?P<en_date_range>\b(?P<rmn>{_EN_MONTH})\s+(?P<rday1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|through|and)\s*"
    rf"(?P<rday2>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,]\d|\s+{_EN_MONTH}))"
    rf"|(?P<en_date>\b(?P<mn>{_EN_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\.\d|,\d{{3}}))"
    rf"|(?P<en_date_b>\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mn2>{_EN_MONTH})(?![a-z]))"
    rf"|(?P<en_month>\b(?P<mn3>{_EN_MONTH})(?![a-z]))"
    rf"|(?P<en_ordinal>{_NOT_AFTER_LATIN}(?P<eo>\d+)(?:st|nd|rd|th)\b|\b(?P<eow>(?i:(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?:{_EN_ORDINAL})))\b"
    rf"|(?P<next_day>\b(?i:the\s+(?:next|following)\s+(?:day|morning)|the\s+day\s+after))\b)"
    rf"|(?P<en_one_in>\b(?=\w+\s+(?:in|out\s+of)\s)(?P<fa>{_EN_WORD}|\d{{1,3}})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<fc>{_EN_WORD}|\d{{1,3}})\b)"
    rf"|(?P<season>(?<![\d/])(?P<sy1>(?:19|20)\d\d)[/-](?P<sy2>\d\d)(?![\d/]|[-.:]\d))"
    rf"|(?P<fraction>{_NOT_AFTER_LATIN}(?P<num>\d+)/(?P<den>\d+)(?![\d/]))"
    rf"|(?P<cn_fraction>(?P<fden>{_DIGITS}|{_CN_RUN})分之(?P<fnum>{_DIGITS}|{_CN_RUN})))",
)
# Plain numbers: digits, a run of Chinese numerals, English number words.
_NUMBER = re.compile(
    # What a figure can start with (the first letters of the words below): lets the engine skip the rest.
    rf"(?=[\d半上逾过破万{_CN_NUMERAL}]|(?<![A-Za-z])[ZOTFSENHMBDPCAzotfsenhmbdpca])"
    # Digits and scale characters in turn, one figure: 121亿1千万, 12亿3000万, 1万2千 (Korean 72억6천8백만,
    # 1조2천억); 兆 before a digit is a trillion, not the SI prefix of 兆瓦.
    rf"(?:{_NOT_AFTER_LATIN}(?P<mixed>\d+(?:[十百千万亿兆]+\d+)+(?:千(?![米克瓦焦])|[十百万亿])+)"
    rf"|{_NOT_AFTER_LATIN}(?<!双)(?P<digits>{_DIGITS})(?!\d)(?:(?![A-Za-z])|(?=(?-i:km|kg|kW|kWh|ft|bn|mn|m|k|st|nd|rd|th|hp|mm|cm|mg|ml|mph|g|t|MW|GW|GB|TB)\b))"
    rf"|(?P<half_cn>一半|半(?=年|个|天|小时|月|日|数))"
    rf"|(?P<bare>[上逾过破](?:万亿|[万千百亿])|(?<![{_CN_NUMERAL}\d])万亿|(?<![{_CN_NUMERAL}\d.])万(?=[名人家户辆个台件])|(?<![{_CN_NUMERAL}\d.])亿(?=[人元]))"
    rf"|(?P<cn>{_CN_RUN})"
    rf"|(?P<en>\b(?:{_EN_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_EN_WORD}))*\b)"
    rf"|(?P<both>\b(?:both|twice|pair|couple|duo|trio|quartet|quintet)\b)"
    rf"|(?P<centenary>\b(?:centenary|centennial|bicentenary|bicentennial)\b)"
    rf"|(?P<a_fraction>(?<!within\s)(?<!\bonce\s)(?<!\bin\s)(?<!\bfor\s)\ba\s+(?:third|quarter|fifth|tenth)\b(?=\s+of\b|[.,;]|$))"
    rf"|(?P<half_en>\b(?:a|an)\s+(?:year|month|day|hour)\s+and\s+a\s+half\b|\bhalf\s+(?:a|an)\s+(?:year|month|day|hour|million|billion)\b|\bhalf\b)"
    rf"|(?P<decade_en>\b(?:a|the\s+past|the\s+last|the\s+next)\s+(?:decade|century)\b))",
    re.IGNORECASE,
)
_ONE_BEFORE = re.compile(r"\b(?:a|one)\s+$", re.IGNORECASE)  # "a million": one million
# Two figures that share what follows the second: 1.1个和0.2个百分点, "up 3 and 5 percent".
_SHARED_TAIL = re.compile(
    r"个?[和与及、]\d+(?:\.\d+)?个?(?=%|个?百分点)|\s+(?:and|or)\s+\d+(?:\.\d+)?(?=\s+(?:per\s?cent|percentage\s+points?)\b)",
    re.IGNORECASE,
)
_COLLECTIVE = {"trio": 3, "quartet": 4, "quintet": 5}
_EN_SCALE_AFTER = re.compile(r"\s*(thousand|million|billion|trillion|bn|mn)\b", re.IGNORECASE)
# A scale character before 米, 克, 瓦 (千米, 千克, 千瓦) is the unit's metric prefix, not a scale.
_CN_SCALE_AFTER = re.compile(r"(?:千(?![米克瓦焦])|[十百万亿])+|兆(?![瓦赫帕位字欧焦])")
_CURRENCY_SCALE = re.compile(r"(m|bn|k)\b")  # £5m, $2bn, after a currency sign only (5m is five metres)
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b|个?半(?![导岛])", re.IGNORECASE)
_EN_FRACTION_AFTER = re.compile(r"[\s-]+(" + "|".join(_EN_FRACTIONS) + r")\b", re.IGNORECASE)
_POINTS_AFTER = re.compile(r"\s*(?:(?:percentage|per\s?cent)[\s-]+points?|个百分点|百分点)", re.IGNORECASE)
# "Percentage points" in other languages, after the number. CLDR has no such data (it has units
# like "percent" and "permille", not the difference of two rates), so the words are listed here.
# Japanese and Korean write a bare ポイント / 포인트 after a rate for percentage points.
_LOCAL_POINTS = {
    "ar": r"(?:نقطة|نقطتين|نقاط)\s+مئوية",
    "de": r"Prozentpunkt(?:e|en|es)?\b|%-Punkte?n?\b",
    "es": r"puntos?\s+porcentuales?\b",
    "fr": r"points?\s+de\s+pourcentage\b",
    "it": r"punt[oi]\s+percentual[ei]\b",
    "ja": r"(?:%|パーセント)?ポイント",
    "ko": r"(?:%|퍼센트)?\s*포인트",
    "pt": r"pontos?\s+percentua(?:l|is)\b",
    "ru": r"процентн\w*\s+пункт\w*|п\.\s?п\.",
}


@lru_cache(maxsize=64)
def _points_after(language: str) -> re.Pattern[str]:
    """What makes a number percentage points in ``language``: the English and Chinese words, and its own."""
    local = _LOCAL_POINTS.get(language.replace("_", "-").split("-")[0].lower())
    if local is None:
        return _POINTS_AFTER
    return re.compile(rf"{_POINTS_AFTER.pattern}|\s*(?:{local})", re.IGNORECASE)


_POINTS_WORD = re.compile(r"\s+points?\b", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s*(?:%|per\s?cent\b|pct\b)", re.IGNORECASE)
# "More than" a figure in Chinese: 50多万 (500,000 to 600,000), 一百多年, 7000余万, 十几年.
_CN_MORE = re.compile(r"[多余几]")
# The far end of a range whose scale word or percent sign both ends share: 1.5-2 million, 14-30%.
_RANGE_PARTNER = re.compile(
    r"\s*(?:[-–~～]|to)\s*(?:\d+(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion|bn)\b|\s*(%|per\s?cent\b))?",
    re.IGNORECASE,
)
_CN_TWO_GUESSES = re.compile(r"([一两二三四五六七八])([两二三四五六七八九])([十百千万亿]*)$")
# What a counted English number word precedes: a plural noun, perhaps after a word or two
# ("four special committees", "six former campaign officials"); "the two countries" stays soft.
# Capitals and accents count too: "nine NGOs", "three Sino-US Joint Communiqués".
_EN_COUNTED = re.compile(
    r"(?:[\s-]+[^\W\d_]+){0,2}?[\s-]+(?:[^\W\d_]{2,}(?<![suSU][sS])(?<![oO][uU][sS])[sS]"
    r"|(?i:people|(?:wo)?men|children|police|personnel|staff|feet|teeth|sheep|fish|deer|aircraft|species|series))\b"
)
# A number word joined to a noun by a hyphen counts it: "a three-day visit" / 三天的访问, "a four-story building".
_EN_COMPOUND = re.compile(r"-(?=[^\W\d_]{3,})")
# Words that make a figure approximate: it then matches within 5%.
_ABOUT = re.compile(
    r"(?:\b(?:about|around|approximately|nearly|almost|roughly|some|close\s+to|an\s+estimated)\s+[$£€¥]?|[约近逾]|大约|将近|接近)$",
    re.IGNORECASE,
)
_ABOUT_AFTER = re.compile(r"左右|上下(?![午班])")
# Units carried with a number: (pattern, unit name). "个" alone only marks a counted thing.
_UNITS = [
    (r"\s*(?:yuan|RMB|renminbi)\b|\s*元|人民币", "yuan"),
    (r"\s*(?:Hong\s+Kong\s+dollars?|HK\s?dollars?)\b|港元|港币", "Hong Kong dollar"),
    (r"\s*(?:US\s)?dollars?\b|美元", "US dollar"),
    (r"\s*(?:pounds?(?:\s+sterling)?|sterling)\b|英镑|磅", "pound"),
    (r"\s*euros?\b|欧元", "euro"),
    (r"\s*yen\b|日元|日圆", "yen"),
    (r"\s*won\b|韩元|원", "won"),
    (r"\s*r(?:o)?ubles?\b|卢布", "ruble"),
    (r"\s*(?:square\s+met(?:er|re)s?|sq\.?\s?m)\b|平方米|平方公尺", "square meter"),
    (r"\s*(?:square\s+kilomet(?:er|re)s?|sq\.?\s?km)\b|平方公里", "square kilometer"),
    (r"\s*(?:cubic\s+met(?:er|re)s?)\b|立方米|方(?![面式向案法针位])", "cubic meter"),
    (r"\s*mu\b|亩", "mu"),
    (r"\s*hectares?\b|公顷", "hectare"),
    (r"\s*(?:kilomet(?:er|re)s?|km)\b|公里|千米", "kilometer"),
    (r"\s*miles?\b|英里", "mile"),
    (r"\s*(?:met(?:er|re)s?)\b|(?<=\d)m\b|米(?![饭粉酒])", "meter"),
    (r"\s*(?:feet|foot|ft)\b|英尺", "foot"),
    (r"\s*inch(?:es)?\b|英寸", "inch"),
    (r"\s*(?:tons?|tonnes?)\b|吨", "ton"),
    (r"\s*(?:kilo(?:gram(?:me)?)?s?|kg)\b|公斤|千克", "kilogram"),
    (r"\s*(?:kilowatts?|kW)\b|千瓦", "kilowatt"),
    (r"\s*(?:degrees?\s+(?:Celsius|centigrade)|°C)|摄氏度|℃", "degree Celsius"),
    (r"\s*(?:degrees?\s+Fahrenheit|°F)|华氏度|℉", "degree Fahrenheit"),
    (r"\s*years?\b|年", "year"),
    (r"\s*months?\b|个月", "month"),
    (r"\s*weeks?\b|个?星期|周(?![年边末刊])", "week"),
    (r"\s*days?\b|天", "day"),
    (r"\s*hours?\b|(?:个)?小时", "hour"),
    (r"\s*minutes?\b|分钟", "minute"),
    (r"\s*seconds?\b|秒(?:钟)?", "second"),
]
_DECADES = re.compile(r"\s*decades?\b", re.IGNORECASE)
_UNIT_AFTER = re.compile("|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _) in enumerate(_UNITS)), re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(
    r"(?:RMB|CNY|¥|￥|人民币|(?P<hk>HK\$|HKD)|(?P<usd>US\$|\$|USD)|(?P<gbp>£|GBP)|(?P<eur>€|EUR)|(?P<jpy>JPY))\s*$"
)
_CURRENCY_NAMES = {"hk": "Hong Kong dollar", "usd": "US dollar", "gbp": "pound", "eur": "euro", "jpy": "yen"}
# What may follow a Chinese numeral written in characters for it to be a counted figure.
_CN_COUNTED = re.compile(
    r"[个项次家名位年月日天条种件批所座户人倍期届轮场份台辆架艘套栋层类支只本篇部张元块岁周强大亩吨%％分线枚颗代集杆枪局球票圈节段]"
    r"|小时|分钟|秒|平方|公[里顷斤]|千克|百分点"
)
# Words with numerals that are no figure: plans (十三五), idioms, 三元 lithium batteries (not "3 yuan").
_CN_IDIOMS: tuple[str, ...]  # (grown by the line after it)
_CN_IDIOMS = ("十三五", "十四五", "十二五", "十分", "万一", "一些", "一一", "三农", "千万", "万万", "三星")
_CN_IDIOMS += ("三元锂", "三元材料", "三元正极", "四分五裂", "五位一体", "九三学社")
# A single numeral before a noun, not counted (两国, 三方): soft, unless it starts a name (四川, 三星).
_CN_UNCOUNTED = re.compile(r"[两二三四五六七八九](?=[\u4e00-\u9fff])(?![川峡寨粮亚明江堰台盘口门环线中角])")
_CN_NOT_BEFORE = "第数几若不惊双一二三四五六七八九十百千万亿初周星礼月"
# Counted words that are names or idioms: 新三条石桥 (a bridge), 判若两人, 三分区 (a division).
_CN_NOT_COUNTED = re.compile(r"条石|分区|人选|家人|大学|大陆|国集团")  # 二十国集团 is the G20


@dataclass(frozen=True)
class Figure:
    """A figure found in a text: ``text[start:end]``, its kind, value and unit.

    ``high`` is the upper end of an approximate figure (50多万: 500,000 to 600,000), ``about``
    marks one given within 5% ("about", 约, 左右); ``soft`` one a translation may leave out (see
    the module's docstring).
    """

    start: int
    end: int
    text: str
    kind: str
    value: Decimal | int | tuple[int, int]
    unit: str = ""
    soft: bool = False
    high: Decimal | None = None
    about: bool = False

    def key(self) -> tuple[str, object]:
        return (self.kind, self.value)

    def describe(self) -> str:
        """The value as an editor reads it: ``12,110,000,000 yuan``, ``18.3%``, ``Dec 22``."""
        value = self.value
        if isinstance(value, tuple):  # a date (month, day), halves or quarters (first, last)
            if self.kind == DATE:
                return f"{_month_name(value[0])} {value[1]}"
            first, last = value
            name = "half" if self.kind == HALF else "quarter"
            return f"{name} {first}" if first == last else f"{name}s {first}-{last}"
        if self.kind == MONTH:
            return _month_name(int(value))
        if self.kind == TIME:
            minutes = int(value)
            return f"{minutes // 60:02d}:{minutes % 60:02d}"
        if self.kind == ORDINAL:
            return f"no. {value}"
        if self.kind == DECADE:
            return f"the '{int(value):02d}s"
        if self.kind == CENTURY:
            return f"century no. {value}"
        if self.kind == DURATION:
            return f"{format_decimal(Decimal(value))} s"
        shown = format_decimal(Decimal(value))
        if self.high is not None:
            shown = f"{shown} to {format_decimal(self.high)}"
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
    """The value of Chinese numerals: 二十一 → 21, 一百二十一 → 121, 十八点三 → 18.3, 三千五百万 → 35000000.

    A last digit right after 百, 千 or 万 counts in the unit below, as spoken: 一百二 → 120, 两万三 → 23000.
    Digits may stand for the numerals between the units: 121亿1千万 → 12110000000.
    """
    whole, _, decimals = text.partition("点")
    if not any(char in _CN_SMALL_UNITS or char in _CN_BIG_UNITS for char in whole):
        # Digit by digit, as years are written: 二〇一七 → 2017.
        value = Decimal("".join(str(_CN_DIGITS[char]) for char in whole) or 0)
        return value + (Decimal("0." + "".join(str(_CN_DIGITS[c]) for c in decimals)) if decimals else 0)
    trillions = Decimal(0)  # what came before 兆 (only in figures that mix digits in: 1兆2千亿)
    total = Decimal(0)  # finished 亿/万 sections
    section = Decimal(0)  # the part below the last 万/亿
    digit: Decimal | None = None
    last_unit = 0
    for char in re.findall(r"\d+|.", whole):
        if char.isdecimal():
            digit = Decimal(char)
        elif char in _CN_DIGITS:
            digit = Decimal(_CN_DIGITS[char])
            if char in "〇零":
                last_unit = 0
        elif char in _CN_SMALL_UNITS:
            section += (digit if digit is not None else 1) * _CN_SMALL_UNITS[char]
            digit, last_unit = None, _CN_SMALL_UNITS[char]
        elif char == "亿":
            total = (total + section + (digit or 0)) * _CN_BIG_UNITS[char]
            section, digit, last_unit = Decimal(0), None, 10**8
        elif char == "兆":
            trillions += (total + section + (digit or 0)) * _CN_TRILLION[char]
            total, section, digit, last_unit = Decimal(0), Decimal(0), None, 10**12
        else:  # 万
            total += (section + (digit or 0)) * _CN_BIG_UNITS[char]
            section, digit, last_unit = Decimal(0), None, 10**4
    if digit is not None and last_unit >= 100 and whole[-1] not in "〇零":
        digit *= last_unit // 10  # 一百二: the 二 is twenty
    value = trillions + total + section + (digit or 0)
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


def _roman(text: str) -> int:
    """The value of a Roman numeral up to 39: II → 2, IV → 4, XIV → 14."""
    values = [{"I": 1, "V": 5, "X": 10}[char] for char in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _month(text: str) -> int:
    return _MONTHS[text[:3].lower()]


def _small(text: str) -> int:
    return int(_number(text))


def _word_or_digits(text: str) -> Decimal:
    return Decimal(text.replace(",", "")) if text[0].isdigit() else english_number(text)


def _clock(hour: int, minute: int, half: str) -> int:
    if half in ("下午", "晚上", "午后", "傍晚", "晚间", "晚", "pm", "p.m.") and hour < 12:
        hour += 12
    if half in ("凌晨", "午前", "am", "a.m.") and hour == 12:
        hour = 0
    return hour * 60 + minute


@dataclass(frozen=True)
class _Locale:
    """What Babel's CLDR data says about writing numbers in one language."""

    decimal: str
    group: str
    scales: re.Pattern[str] | None  # scale words after a number (milliards, Milliarden, млрд)
    scale_values: dict[str, int]
    dates: re.Pattern[str] | None  # a day and a month name (22 décembre, 22. Dezember, 22 декабря)
    months: dict[str, int]
    month_alone: re.Pattern[str] | None  # a month name on its own (janvier, Januar, ноябрь, نوفمبر)


@lru_cache(maxsize=64)
def _locale(language: str) -> _Locale | None:
    """The number signs and scale words of ``language`` from Babel, None for English and Chinese (built in)."""
    base = language.replace("_", "-").split("-")[0].lower()
    if base in ("", "en", "zh", "yue", "ja"):
        return None
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None
    scales: dict[str, int] = {}
    for width in ("long", "short"):
        for forms in locale.compact_decimal_formats.get(width, {}).values():
            for magnitude, pattern in forms.items():
                text = pattern if isinstance(pattern, str) else pattern.pattern
                zeros = text.count("0")
                word = re.sub(r"[0#]+", "", text).replace("'", "").strip().strip("\u00a0")
                if zeros and word and int(magnitude) >= 1000:
                    scales.setdefault(word.lower(), int(magnitude) // 10 ** (zeros - 1))
    words = sorted(scales, key=len, reverse=True)
    pattern = re.compile(r"[\s\u00a0\u202f]*(" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)
    months = {
        name.lower().rstrip("."): number
        for width in ("wide", "abbreviated")
        for context in ("format", "stand-alone")
        for number, name in locale.months.get(context, {}).get(width, {}).items()
    }
    names = "|".join(map(re.escape, sorted(months, key=len, reverse=True)))
    dates = re.compile(rf"(?<!\d)(\d{{1,2}})\.?\s*({names})\.?(?!\w)|({names})\.?\s+(\d{{1,2}})(?!\d)", re.IGNORECASE)
    # Alone, a month is its full name in any case CLDR gives (января and январь), or an abbreviation
    # written with its dot (janv., Okt.): without the dot "Jan" or "mar" is as often a word or a name.
    alone: dict[int, set[str]] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months.get(context, {}).get(width, {}).items():
                if width == "wide" or name.endswith("."):
                    alone.setdefault(number, set()).add(re.escape(name.lower()))
    # Where CLDR's two wide forms differ, the language declines its month names: their common stem
    # takes the other case endings too (ru января/январь → в январе, pl listopada/listopad → w listopadzie).
    stand_alone = locale.months.get("stand-alone", {}).get("wide", {})
    for number, name in locale.months.get("format", {}).get("wide", {}).items():
        forms = [name.lower(), stand_alone.get(number, name).lower()]
        stem = os.path.commonprefix(forms)  # noqa: RUF071 (letter by letter is meant: a word's stem)
        if len(stem) >= 4 and stem != name.lower():
            alone[number].add(re.escape(stem) + r"\w{0,3}")
    month_alone = None
    if alone:
        groups = "|".join(f"(?P<m{n}>{'|'.join(sorted(names, key=len, reverse=True))})" for n, names in alone.items())
        month_alone = re.compile(rf"(?<!\w)(?:{groups})(?!\w)", re.IGNORECASE)
    decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    return _Locale(decimal, group, pattern if words else None, scales, dates if months else None, months, month_alone)


_SPACES = " \u00a0\u202f\u2009"
# Latin O or ○ written for 〇 between Chinese numerals (六O二厂, 二O一七年): read as 〇, one character for one.
_CN_ZERO = re.compile(
    "(?<=[〇一二三四五六七八九])[O○](?=[〇一二三四五六七八九O○])|(?<=[〇一二三四五六七八九O○])[O○](?=[〇一二三四五六七八九])"
)


def _fold(text: str, language: str) -> tuple[str, list[int] | None]:
    """``text`` as the rules read it, and where each of its characters was in ``text`` (None: same place).

    Full-width and Arabic-Indic digits become ASCII, Traditional characters their Simplified
    twins, Korean date words their Chinese ones; spaces between a figure and a Chinese character
    go (121.1 亿元, 12 月 22 日, 下午 5 点); the language's group sign goes and its decimal sign
    becomes a point (fr 1 234,5 → 1234.5), as Babel's CLDR data gives them.
    """
    text = text.translate(_FULL_WIDTH).translate(_TRADITIONAL)
    if "O" in text or "○" in text:
        text = _CN_ZERO.sub("〇", text)
    if language.lower().startswith("ko"):
        for word, chinese in _KOREAN_WORDS.items():
            text = text.replace(word, chinese)
        text = text.translate(_KOREAN)
    locale = _locale(language)
    gone = [match.span() for match in _SPACE_IN_FIGURE.finditer(text)]
    if locale is None and not gone:
        return text, None  # the common case: nothing moves
    kept = [True] * len(text)
    for start, end in gone:
        kept[start:end] = [False] * (end - start)
    chars = list(text)
    if locale is not None:
        for match in re.finditer(r"(?<=\d)\D(?=\d)", text):
            i, char = match.start(), match.group()
            if char == locale.group or (locale.group in _SPACES and char in _SPACES):
                kept[i] = not re.match(r"\d{3}(?!\d)", text[i + 1 : i + 5])
            elif char == locale.decimal:
                chars[i] = "."
    where = [i for i in range(len(text)) if kept[i]]
    return "".join(chars[i] for i in where), [*where, len(text)]


# Spaces that join a figure and a Chinese character (121.1 亿元, 在 2015 年, 14 ％).
_SPACE_IN_FIGURE = re.compile(f"(?<=\\d)[{_SPACES}]+(?=[{_HAN}%])|(?<=[{_HAN}])[{_SPACES}]+(?=\\d)")


def read_figures(text: str, language: str = "") -> list[Figure]:
    """Every figure of ``text``, in order of appearance.

    English and Chinese (Simplified or Traditional, Cantonese, Japanese) are read by the rules here;
    ``language`` (a BCP 47 tag) adds that language's number signs and scale words from Babel.
    """
    folded, where = _fold(text, language)
    locale, points = _locale(language), _points_after(language)
    figures: list[Figure] = []
    taken = [False] * (len(folded) + 1)
    if locale is not None and locale.dates is not None:
        for match in locale.dates.finditer(folded):
            day, name = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
            figures += _date(match.start(), match.end(), match.group(), locale.months[name.lower()], int(day))
            taken[match.start() : match.end()] = [True] * (match.end() - match.start())
    if locale is not None and locale.month_alone is not None:
        for match in locale.month_alone.finditer(folded):
            if taken[match.start()]:
                continue
            # Soft: in some language a month's name is also a word (fr mars, tr Aralık "gap"), and
            # only English has rules here to tell them apart ("Theresa May"); a month of the other
            # side left over still pairs with it, so a wrong month is still found.
            month = _alternative(match)
            figures.append(Figure(match.start(), match.end(), match.group(), MONTH, month, soft=True))
            taken[match.start() : match.end()] = [True] * (match.end() - match.start())
    for match in _SHAPED.finditer(folded):
        if taken[match.start()]:
            continue
        shaped = list(_shaped(match, folded))
        if folded.endswith("农历", 0, match.start()):  # 农历十月十四: a lunar date, often left out or explained
            shaped = [replace(figure, soft=True) for figure in shaped]
        if not shaped and match.lastgroup in ("en_ordinal", "cn_day", "en_one_in", "en_date", "en_date_b"):
            continue  # not what it looked like: leave the digits to the plain reader
        figures += shaped
        taken[match.start() : match.end()] = [True] * (match.end() - match.start())
    position = 0
    for match in _NUMBER.finditer(folded):
        if match.start() < position or taken[match.start()]:
            continue
        figure = _plain(match, folded, taken, locale, points)
        if figure is not None:
            figures.append(figure)
            position = figure.end
    for start, end, value in number_words(folded, language):  # quatre, vier, 네 가지, 四つ: numberwords.py
        if not any(taken[start:end]) and all(f.end <= start or end <= f.start for f in figures):
            figures.append(Figure(start, end, folded[start:end], NUMBER, Decimal(value), soft=True))
    figures.sort(key=lambda figure: figure.start)
    if where is None and folded == text:  # nothing was folded: the spans are those of the text as written
        return [f if f.text == text[f.start : f.end] else replace(f, text=text[f.start : f.end]) for f in figures]
    # Spans and messages are those of the text as written, not its folded form.
    result = []
    for figure in figures:
        start, end = (where[figure.start], where[figure.end - 1] + 1) if where else (figure.start, figure.end)
        result.append(replace(figure, start=start, end=end, text=text[start:end]))
    return result


def _shaped(match: re.Match[str], text: str) -> Iterator[Figure]:
    kind, start, end, found = match.lastgroup, match.start(), match.end(), match.group()
    g = match.group
    if kind == "cn_percent":
        yield Figure(start, end, found, PERCENT, _number(g("pct")))
    elif kind == "cn_tenths":
        yield Figure(start, end, found, PERCENT, _number(g("cheng")) * 10)
    elif kind == "cn_decades":
        yield Figure(start, match.end("dc1"), g("dc1"), DECADE, int(_number(g("dc1"))) * 10 % 100)
        yield Figure(match.start("dc2"), end, found, DECADE, int(_number(g("dc2"))) % 100)
    elif kind == "cn_decade":
        yield Figure(start, end, found, DECADE, int(_number(g("dec"))) % 100)
    elif kind == "cn_century":
        yield Figure(start, end, found, CENTURY, int(_number(g("cen"))), soft=True)
    elif kind == "cn_half":
        half = 1 if g("hx") == "上" else 2
        yield Figure(start, end, found, HALF, (half, half), soft=True)
    elif kind == "cn_quarter":
        last = _small(g("q"))
        yield Figure(start, end, found, QUARTER, (1 if g("qa") == "前" else last, last), soft=True)
    elif kind == "cn_duration":
        hours, minutes = int(g("dh") or 0), int(g("dm2") or g("dm3"))
        seconds = Decimal(g("ds") or g("ds2") or 0) + (Decimal("0." + g("dcs")) if g("dcs") else 0)
        yield Figure(start, end, found, DURATION, hours * 3600 + minutes * 60 + seconds)
    elif kind == "cn_date_range":
        month = _small(g("rm"))
        yield from _date(start, match.end("rd1"), found, month, _small(g("rd1")))
        yield from _date(match.start("rd2"), end, g("rd2"), month, _small(g("rd2")))
    elif kind == "cn_date":
        yield from _date(start, end, found, _small(g("dm")), _small(g("dd")))
    elif kind == "cn_months":
        yield from _date(start, match.end("m1"), g("m1"), _small(g("m1")))
        yield from _date(match.start("m2"), end, g("m2") + "月", _small(g("m2")))
    elif kind == "cn_month":
        yield from _date(start, end, found, _small(g("mo")))
    elif kind == "cn_time_range":  # 下午2点到3点: both in the afternoon
        yield from _time(start, match.end("rh1") + 1, found, _small(g("rh1")), _small(g("ri1") or "0"), g("rhalf"))
        yield from _time(match.start("rh2"), end, g("rh2"), _small(g("rh2")), _small(g("ri2") or "0"), g("rhalf"))
    elif kind == "cn_dot_date":  # 5·12, 9·11: the day an event is named after, often written out or left out
        yield from (replace(f, soft=True) for f in _date(start, end, found, int(g("dm5")), int(g("dd5"))))
    elif kind == "cn_time":
        minute = 30 if g("hh") or g("hh2") else _small(g("i1") or g("i2") or g("i5") or "0")
        yield from _time(start, end, found, _small(g("h1") or g("h4") or g("h7")), minute, g("half") or "")
    elif kind == "cn_ordinal":
        yield from _ordinal(start, end, found, _number(g("ord")), g("ord"))
    elif kind == "double":  # 双11, "Double 11": the shopping day's name, often "Singles' Day"
        named_day = {"eleven": 11, "twelve": 12}.get(g("dbl").lower()) or _small(g("dbl"))
        yield Figure(start, end, found, NUMBER, Decimal(named_day), soft=True)
    elif kind == "cn_plan":  # 十三五: the 13th Five-Year Plan
        yield Figure(start, end, found, ORDINAL, 10 + _small(g("plan")), soft=True)
    elif kind == "cn_item":  # 一是 … 二是, 其二, 二、: the second point of a list
        yield from _ordinal(start, match.end("item"), g("item"), _number(g("item")), g("item"))
    elif kind == "cn_generation":  # 80后, 80、90后: those born in the 1980s (and 1990s)
        for name in ("gen1", "gen2"):
            if g(name):
                yield Figure(match.start(name), match.end(name), g(name), DECADE, int(g(name)) % 100, soft=True)
    elif kind == "cn_session":
        written = g("ses") or ("1" if g("ses2") == "一" else g("ses2"))  # 中共一大: the 1st Congress
        yield from _ordinal(start, end, found, _number(g("ses") or g("ses2")), written)
    elif kind == "cn_day":
        yield from _ordinal(start, end, found, _number(g("cday")), "1")  # 一号 is the 1st, as "1st" is
    elif kind == "cn_score":
        yield Figure(start, match.end("sa"), g("sa"), NUMBER, _number(g("sa")), soft=_number(g("sa")) <= 1)
        yield Figure(match.start("sb"), end, g("sb"), NUMBER, _number(g("sb")), soft=_number(g("sb")) <= 1)
    elif kind == "en_duration":
        hours, minutes = int(g("eh") or 0), int(g("em") or g("em2"))
        seconds = Decimal(g("es") or g("es2")) + (Decimal("0." + g("ecs")) if g("ecs") else 0)
        yield Figure(start, end, found, DURATION, hours * 3600 + minutes * 60 + seconds)
    elif kind == "en_spelled_duration":  # "six minutes and five seconds" / 6分05秒
        spelled = _word_or_digits(g("wh")) * 3600 if g("wh") else Decimal(0)
        spelled += _word_or_digits(g("wm")) * 60 + _word_or_digits(g("ws"))
        yield Figure(start, end, found, DURATION, spelled)
    elif kind == "en_time_range":  # "2 to 3 p.m.": both in the afternoon
        ampm = g("rampm").lower()
        yield from _time(start, match.end("th1"), g("th1"), int(g("th1")), int(g("ti1") or 0), ampm)
        yield from _time(match.start("th2"), end, found, int(g("th2")), int(g("ti2") or 0), ampm)
    elif kind == "en_ages":
        yield Figure(start, end, found, NUMBER, Decimal(g("ad")), soft=True, high=Decimal(g("ad")) + 10)
    elif kind == "en_time":
        yield from _time(start, end, found, int(g("h2")), int(g("i3") or 0), g("ampm").lower())
    elif kind == "en_oclock":  # "3 o'clock" says no half of the day: 3:00 or 15:00
        yield from _time(start, end, found, int(_word_or_digits(g("oc"))), 0, "")
    elif kind == "en_roman":  # "Phase II" / 二期; a translation may write it as an ordinal (第二阶段)
        yield Figure(start, end, found, NUMBER, Decimal(_roman(g("roman"))), soft=True)
    elif kind == "en_item":  # "2. Why ...": the second point of a list, as 二、
        yield from _ordinal(match.start("eitem"), match.end("eitem"), g("eitem"), Decimal(g("eitem")), g("eitem"))
    elif kind == "en_time24":
        yield from _time(start, end, found, int(g("h3")), int(g("i4")), "")
    elif kind == "en_century_s":
        yield Figure(start, end, found, CENTURY, int(g("cs")) + 1, soft=True)
    elif kind == "en_decade":
        yield Figure(start, end, found, DECADE, int(g("ed") or g("ed2")) * 10)
        if g("ec"):  # the 1950s are in the 20th century (20世纪50年代), said or not
            yield Figure(start, end, found, CENTURY, int(g("ec")) + 1, soft=True)
    elif kind == "en_century":
        number = int(g("cnum")) if g("cnum") else _EN_ORDINAL_VALUES[g("cword").lower()]
        yield Figure(start, end, found, CENTURY, number, soft=True)
    elif kind == "en_first_months":  # "the first six months": 前6个月 or 1至6月 (January to June)
        months = int(_word_or_digits(g("fm")))
        yield Figure(start, end, found, NUMBER, Decimal(months), "month", soft=True)
        if 2 <= months <= 12:
            yield from (replace(f, soft=True) for f in _date(start, end, found, 1))
            yield from (replace(f, soft=True) for f in _date(start, end, found, months))
    elif kind == "en_half":
        half = _FIRST_WORDS[g("hf").lower()]
        yield Figure(start, end, found, HALF, (half, half), soft=True)
    elif kind == "en_quarter":
        if g("qn"):
            value = (1, int(english_number(g("qn"))))
        else:
            value = (_FIRST_WORDS[g("qf").lower()],) * 2 if g("qf") else (int(g("qq")),) * 2
        yield Figure(start, end, found, QUARTER, value, soft=True)
    elif kind == "en_date_range":
        month = _month(g("rmn"))
        yield from _date(start, match.end("rday1"), found, month, int(g("rday1")))
        yield from _date(match.start("rday2"), end, g("rday2"), month, int(g("rday2")))
    elif kind in ("en_date", "en_date_b"):
        month_name, day = (g("mn"), g("day")) if kind == "en_date" else (g("mn2"), g("day2"))
        yield from _date(start, end, found, _month(month_name), int(day))
    elif kind == "en_month":
        yield from _en_month(match, text)
    elif kind == "en_ordinal":
        if g("eo"):
            yield from _ordinal(start, end, found, Decimal(g("eo")), g("eo"), bool(_ANNIVERSARY.match(text, end)))
        elif g("next_day"):
            yield Figure(start, end, found, ORDINAL, 2, soft=True)  # 第二天
        elif not (_FRACTION_BEFORE.search(text, max(0, start - 8), start) and _OF_AFTER.match(text, end)):
            words = g("eow").lower().split("-")
            number = sum(_EN_TENS.get(word, 0) or _EN_ORDINAL_VALUES.get(word, 0) for word in words)
            yield Figure(start, end, found, ORDINAL, number, soft=not _ANNIVERSARY.match(text, end))
    elif kind == "en_one_in":
        denominator = _word_or_digits(g("fc"))
        if denominator > _word_or_digits(g("fa")):
            yield Figure(start, end, found, NUMBER, _word_or_digits(g("fa")) / denominator)
    elif kind == "season":  # 2017/18 = 2017-18赛季 = 2017-2018: two years
        yield Figure(start, match.end("sy1"), g("sy1"), NUMBER, Decimal(g("sy1")))
        yield Figure(match.start("sy2"), end, g("sy2"), NUMBER, Decimal(g("sy1")[:2] + g("sy2")))
    elif kind == "fraction" and int(g("num")) >= int(g("den")):
        pass  # 24/7 (round the clock), 365/24: no fraction of news prose
    elif kind == "fraction" and int(g("den")) > 10:  # 9/11, 7/21: a day (9·11), not a fraction of news prose
        yield from (replace(f, soft=True) for f in _date(start, end, found, int(g("num")), int(g("den"))))
    elif kind == "fraction" and int(g("den")):
        yield Figure(start, end, found, NUMBER, Decimal(g("num")) / Decimal(g("den")))
    elif kind == "cn_fraction" and _number(g("fden")):
        yield Figure(start, end, found, NUMBER, _number(g("fnum")) / _number(g("fden")))


def _en_month(match: re.Match[str], text: str) -> Iterator[Figure]:
    """An English month name on its own, unless it is "Theresa May", "may" or "March for Life"."""
    name = match.group("mn3")
    year_after = _YEAR_AFTER.match(text, match.end())
    if name in ("May", "March") and not (
        _MAY_BEFORE.search(text, max(0, match.start() - 12), match.start()) or year_after
    ):
        return
    if not name.endswith(".") and len(name) <= 4 and name not in ("May", "June", "July") and not year_after:
        return  # an abbreviation without its dot or year is a word (Jan the name, "Dec" in a table)
    yield Figure(match.start(), match.end(), match.group(), MONTH, _month(name))


def _ordinal(start: int, end: int, text: str, value: Decimal, written: str, hard: bool = False) -> Iterator[Figure]:
    """An ordinal (第四届, 4th, 二号 "the 2nd"), soft; none for 第一 and "first" in words."""
    if value == 1 and not written.isdigit():
        return
    if value == value.to_integral_value():
        yield Figure(start, end, text, ORDINAL, int(value), soft=not hard)  # "the 60th anniversary" is hard


def _date(start: int, end: int, text: str, month: int, day: int | None = None) -> Iterator[Figure]:
    """A date (month and day) or a month; nothing for an impossible one (13月, 45日: not a date)."""
    if 1 <= month <= 12 and (day is None or 1 <= day <= 31):
        yield Figure(start, end, text, MONTH, month) if day is None else Figure(start, end, text, DATE, (month, day))


def _time(start: int, end: int, text: str, hour: int, minute: int, half: str) -> Iterator[Figure]:
    """A time of day; nothing for an impossible one (25:99 is a score or a ratio, not a time)."""
    if hour <= 24 and minute < 60:
        yield Figure(start, end, text, TIME, _clock(hour, minute, half))


def _plain(
    match: re.Match[str], text: str, taken: list[bool], locale: _Locale | None, points_after: re.Pattern[str]
) -> Figure | None:
    """A number with what follows it: scale word, fraction, half, percent or points, unit."""
    start, end = match.start(), match.end()
    words, soft, high = False, False, None
    if match.group("digits"):
        value = Decimal(match.group("digits").replace(",", ""))
    elif match.group("mixed"):
        value = chinese_numeral(match.group("mixed"))
    elif match.group("cn"):
        run = match.group("cn")
        if not _counted_chinese(run, text, start, end):
            named = any(text.startswith(word, start) for word in _CN_IDIOMS)
            named = named or (start > 0 and text[start - 1] in _CN_NOT_BEFORE)
            if _CN_UNCOUNTED.match(text, start) and not named:
                return Figure(start, end, run, NUMBER, chinese_numeral(run), soft=True)  # 两国 / "two countries"
            return None
        value, words = chinese_numeral(run), not any(char in "万亿" for char in run[1:])
        if pair := _CN_TWO_GUESSES.match(run):  # 一两年, 三四十: one or two, thirty or forty
            low, high_digit = _CN_DIGITS[pair.group(1)], _CN_DIGITS[pair.group(2)]
            place = Decimal(_scale(pair.group(3)) if pair.group(3) else 1)
            value, high = low * place, high_digit * place
    elif match.group("en"):
        value, words = english_number(match.group("en")), True
        if match.group("en").lower() in _EN_SCALES and not _ONE_BEFORE.search(text, max(0, start - 4), start):
            soft = True  # "a few million", "several million" / 几百万: a round guess, not a figure
    elif match.group("bare"):
        found = match.group("bare")
        value = Decimal(_scale(found.lstrip("上逾过破")))
        # 上万 "tens of thousands", 逾万 "more than 10,000": from the round figure up to ten times it
        return Figure(start, end, found, NUMBER, value, soft=True, high=value * 10 if found[0] in "上逾过破" else None)
    elif match.group("both"):  # "the trio" / 三人组: a count a translation may say as a word
        value = Decimal(_COLLECTIVE.get(match.group().lower(), 2))
        return Figure(start, end, match.group(), NUMBER, value, soft=True)
    elif match.group("centenary"):  # 两个一百年 / "the Two Centenary Goals"
        years = 200 if match.group().lower().startswith("bi") else 100
        return Figure(start, end, match.group(), NUMBER, Decimal(years), "year", soft=True)
    elif match.group("decade_en"):
        decade = match.group().lower().endswith("decade")  # "a decade" is 十年 as surely as "ten years" is
        return Figure(start, end, match.group(), NUMBER, Decimal(10 if decade else 100), "year", soft=not decade)
    elif match.group("a_fraction"):
        return Figure(start, end, match.group(), NUMBER, 1 / Decimal(_EN_FRACTIONS[match.group().split()[-1].lower()]))
    elif match.group("half_en") and match.group().lower() != "half":
        found = match.group().lower()
        if scale := _EN_SCALE_AFTER.search(found):
            return Figure(start, end, match.group(), NUMBER, _scale(scale.group(1)) / 2)
        unit = next(unit for unit in ("year", "month", "day", "hour") if unit in found)
        value = Decimal("1.5") if found.startswith("a") else Decimal("0.5")
        return Figure(start, end, match.group(), NUMBER, value, unit)
    else:  # 一半, 半年, "half"
        soft = not text.startswith(("年", "个", "天", "小时"), end)
        unit_match = _UNIT_AFTER.match(text, end)
        unit = _UNITS[_alternative(unit_match)][1] if unit_match and not soft else ""
        end = unit_match.end() if unit_match and unit else end
        return Figure(start, end, text[start:end], NUMBER, Decimal("0.5"), unit, soft=soft)
    if more := _CN_MORE.match(text, end):
        high, end = value + _last_place(value), more.end()
    scale = _EN_SCALE_AFTER.match(text, end) or _CN_SCALE_AFTER.match(text, end)
    if scale is None and locale is not None and locale.scales is not None:
        scale = locale.scales.match(text, end)
    if scale:
        multiplier = _scale(scale.group().strip(), locale)
        value *= multiplier
        high = high * multiplier if high is not None else None
        end, words = scale.end(), False
    if fraction := _EN_FRACTION_AFTER.match(text, end):
        value /= _EN_FRACTIONS[fraction.group(1).lower()]
        end, words = fraction.end(), False  # "two-thirds" is 三分之二, a figure, not a count word
    elif half := _AND_A_HALF.match(text, end):
        value += Decimal("0.5")
        end = half.end()
    if (partner := _RANGE_PARTNER.match(text, end)) and not scale and (partner.group(1) or partner.group(2)):
        value *= _scale(partner.group(1), locale) if partner.group(1) else 1  # 1.5-2 million: both in millions
        if partner.group(2):  # 14-30%: both percentages
            return Figure(start, end, text[start:end], PERCENT, value, soft=soft, high=high)
    kind, unit = NUMBER, ""
    shared = _SHARED_TAIL.match(text, end)
    if shared and (points_after.match(text, shared.end()) or _PERCENT_AFTER.match(text, shared.end())):
        kind = POINTS if points_after.match(text, shared.end()) else PERCENT
    elif points := points_after.match(text, end):
        kind, end = POINTS, points.end()
    elif percent := _PERCENT_AFTER.match(text, end):
        kind, end = PERCENT, percent.end()
    elif "." in (match.group("digits") or "") and (points := _POINTS_WORD.match(text, end)):
        kind, end = POINTS, points.end()  # "down 0.3 points" / 下降0.3个百分点: a rate's points
    else:
        before = _CURRENCY_BEFORE.search(text, max(0, start - 5), start)
        if before and (short := _CURRENCY_SCALE.match(text, end)):
            factor = {"m": 10**6, "bn": 10**9, "k": 10**3}[short.group(1)]
            value, end = value * factor, short.end()
        unit_match = _UNIT_AFTER.match(text, end)
        titled = any(char.isupper() for char in match.group())  # "the Five-Year Plan" is a name
        if unit_match is None and _EN_COMPOUND.match(text, end) and not titled:  # "three-day", "10-minute"
            unit_match = _UNIT_AFTER.match(text, end + 1)
            unit_match = unit_match if unit_match and unit_match.group()[:1].isalpha() else None
        if unit_match:
            unit, end = _UNITS[_alternative(unit_match)][1], unit_match.end()
        elif decades := _DECADES.match(text, end):  # three decades: 30 years (30多年)
            value, unit, end = value * 10, "year", decades.end()
        if before:
            currency = next((name for group, name in _CURRENCY_NAMES.items() if before.group(group)), "yuan")
            unit, start = currency, before.start()
        if text.startswith("半", end):  # 一年半: one and a half years
            value, end = value + Decimal("0.5"), end + 1
        if unit == "year" and value == value.to_integral_value() and 1000 <= value < 3000:
            unit = ""  # 2017年 is the year 2017, as the English writes it
    if words and value in (0, 1):
        return None
    if text[end : end + 1] in ("×", "*") or text[max(0, start - 1) : start] in ("×", "*"):
        soft = True  # 4×100米接力 (the 4x100m relay), 7*24 (round the clock): a name or a formula
    if any(taken[match.end() : end]):  # a unit word that is part of a date or time after it
        end = next(i for i in range(match.end(), end) if taken[i])
    if match.group("en") and words and kind == NUMBER and not unit and value < 20 and not scale:
        # "the two countries", 三点: a translation may say it without the figure
        compound = _EN_COMPOUND.match(text, end) and match.group().islower()  # not "the Five-Year Plan"
        soft = value < 3 or not (_EN_COUNTED.match(text, end) or compound)
    if (value == 1 and kind == NUMBER) or (match.group("cn") == "两" and kind == NUMBER and not unit):
        soft = True  # 1人 / "one person", "Tier 1" / 一线; 两位 / "the pair", 两个举动 / "both"
    about = bool(_ABOUT.search(text, max(0, start - 16), start) or _ABOUT_AFTER.match(text, end))
    return Figure(start, end, text[start:end], kind, value, unit, soft=soft, high=high, about=about)


def _alternative(match: re.Match[str]) -> int:
    """Which alternative of a pattern of numbered groups (``u0|u1|...``, ``m1|...|m12``) matched."""
    assert match.lastgroup is not None  # every alternative is a named group
    return int(match.lastgroup[1:])


def _last_place(value: Decimal) -> Decimal:
    """What 多 adds to a number: 50多 is 50 to 60, 一百多 100 to 200, 5200多 5,200 to 5,300, 3.5多 3.5 to 3.6."""
    if value != value.to_integral_value():
        exponent = value.normalize().as_tuple().exponent
        assert isinstance(exponent, int)  # a finite number's (NaN and infinities have letters)
        return Decimal(1).scaleb(exponent)
    digits = str(int(value))
    zeros = len(digits) - len(digits.rstrip("0"))
    return Decimal(10) ** zeros


def _scale(word: str, locale: _Locale | None = None) -> Decimal:
    """The multiplier of a scale word: billion → 10⁹; Chinese ones multiply: 万亿 → 10¹², 千万 → 10⁷; 兆 → 10¹²."""
    if word.lower() in _EN_SCALE_WORDS:
        return Decimal(_EN_SCALE_WORDS[word.lower()])
    if locale is not None and word.lower() in locale.scale_values:
        return Decimal(locale.scale_values[word.lower()])
    product = Decimal(1)
    for char in word:
        product *= (_CN_SMALL_UNITS | _CN_BIG_UNITS | _CN_TRILLION)[char]
    return product


def _counted_chinese(run: str, text: str, start: int, end: int) -> bool:
    """Whether Chinese numerals are a figure, not part of a word (一方面, 四川, 十分, 唯一, 判若两人)."""
    if not any(char in _CN_DIGITS or char == "十" for char in run):
        return False
    idiom = any(text.startswith(word, start) and len(run) <= len(word) for word in _CN_IDIOMS)
    if idiom and not text.startswith("十分钟", start):  # 十分 is "very", 十分钟 ten minutes
        return False
    if (start > 0 and text[start - 1] in "第数几若不惊双") or text.endswith(("周", "星期", "礼拜"), 0, start):
        # ordinals (第三, read above), round guesses (数十亿), 判若两人, 不二人选, 技惊四座, weekdays (周三, 星期三)
        return False
    if _CN_NOT_COUNTED.match(text, end):
        return False
    if _CN_COUNTED.match(text, end) or _POINTS_AFTER.match(text, end) or _CN_MORE.match(text, end):
        return True
    if "点" in run or text.startswith(("万", "亿"), end):
        return True  # 五点二亿吨: a decimal or a scale word makes it a figure
    if len(run) >= 3 and "〇" in run and all(char in _CN_DIGITS for char in run):
        return True  # 六〇二, 二〇一七: digit by digit, a number or a year
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
    ORDINAL: "an ordinal",
    DECADE: "a decade",
    CENTURY: "a century",
    HALF: "a half-year",
    QUARTER: "a quarter",
    DURATION: "a duration",
}


def compare_figures(source: str, target: str, source_language: str = "", target_language: str = "") -> list[Mismatch]:
    """The figures of ``source`` and ``target`` that have no equal value on the other side.

    Matching is by kind and value (an approximate figure within its range); a unit on one side only
    is accepted (a translation may leave "yuan" to the context), two different units are not.
    """
    return compare_read(read_figures(source, source_language), read_figures(target, target_language))


def _bounds(figure: Figure) -> tuple[Decimal, Decimal | None]:
    """The value, and the end of its range (50多万: 500,000 up to, not including, 600,000)."""
    return Decimal(figure.value), figure.high  # type: ignore[arg-type]


_RANGED = (NUMBER, PERCENT, POINTS, DURATION)
_ABOUT_TOLERANCE = Decimal("0.05")


def _equal(a: Figure, b: Figure, loose: bool) -> bool:
    """Whether two figures say the same; ``loose`` also pairs a day alone (18日) with a date (Dec. 18)."""
    if a.kind != b.kind:
        if not loose:
            return False
        pair = {a.kind: a, b.kind: b}
        if set(pair) == {DATE, ORDINAL}:
            return pair[DATE].value[1] == pair[ORDINAL].value  # type: ignore[index]
        if set(pair) in ({NUMBER, PERCENT}, {NUMBER, POINTS}):  # "the PMI stood at 51.6" / PMI为51.6%; 4.5分
            return a.value == b.value
        return set(pair) == {NUMBER, ORDINAL} and a.value == b.value  # 十九大 / "19th", 第三 / "three"
    if a.value == b.value:
        return a.high == b.high or a.high is None or b.high is None
    if a.kind == TIME and (a.value - b.value) % 720 == 0:  # type: ignore[operator]
        return _half_day_unsaid(a) or _half_day_unsaid(b)  # 下午三点 is "3 o'clock"; 3pm is not 上午3点
    if a.kind not in _RANGED:
        return False
    (low_a, high_a), (low_b, high_b) = _bounds(a), _bounds(b)
    if high_a is not None and high_b is not None:  # two ranges that overlap
        return low_a < high_b and low_b < high_a
    if high_a is not None or high_b is not None:  # a figure inside a range: 500 is in 500余, 600 is not
        ranged, point = (a, b) if high_a is not None else (b, a)
        return Decimal(ranged.value) <= Decimal(point.value) < ranged.high  # type: ignore[arg-type,operator]
    if a.about != b.about:  # "about 1,000" against 1,020; two approximate figures are compared as written
        return abs(low_a - low_b) <= _ABOUT_TOLERANCE * max(abs(low_a), abs(low_b))
    return False


# What says which half of the day a time is in (a 24-hour time after 12:00 says it by itself).
_HALF_DAY = re.compile(r"[ap]\.?m\b|[ap]m|午|晚|早|凌晨|夜", re.IGNORECASE)


def _half_day_unsaid(figure: Figure) -> bool:
    """Whether a time leaves a.m. or p.m. to the context: "at 3 o'clock", 十时, 10:30 (not 3pm, 15:00)."""
    return int(figure.value) <= 12 * 60 + 59 and not _HALF_DAY.search(figure.text)  # type: ignore[arg-type]


def compare_read(sources: list[Figure], targets: list[Figure]) -> list[Mismatch]:
    """:func:`compare_figures` on figures already read."""
    return match_read(sources, targets)[1]


def match_read(sources: list[Figure], targets: list[Figure]) -> tuple[list[tuple[Figure, Figure]], list[Mismatch]]:
    """The figures of the two sides paired as equal (in source order), and the mismatches."""
    left = list(sources)
    right = list(targets)
    unit_clashes: list[Mismatch] = []
    matched: list[Figure] = []
    pairs: list[tuple[Figure, Figure]] = []
    for stage in ("unit", "loose unit", "loose kind"):
        for figure in list(left):
            candidates = [t for t in right if _equal(figure, t, stage == "loose kind")]
            candidates.sort(key=lambda t: t.soft)  # a figure that must be there first (三个, not 长三角's 三)
            if stage == "unit":
                candidates = [t for t in candidates if t.unit == figure.unit]
            else:
                candidates = [t for t in candidates if not t.unit or not figure.unit]
            if candidates:
                left.remove(figure)
                right.remove(candidates[0])
                matched += [figure, candidates[0]]
                pairs.append((figure, candidates[0]))
    # A figure said again ("from November 1 ... as of November 1" / 从十一月一号起) is no new figure,
    # unless the other side has a figure of its kind left over: "the 19th Congress ... the 20th
    # Congress" against 十九大 … 十九大 is a changed figure, not a repeated one.
    left_kinds = {_KINDLIKE.get(f.kind, f.kind) for f in left}
    right_kinds = {_KINDLIKE.get(t.kind, t.kind) for t in right}
    left = [f for f in left if not _repeated(f, matched, right_kinds)]
    right = [t for t in right if not _repeated(t, matched, left_kinds)]
    for figure in list(left):
        clash = next((t for t in right if _equal(figure, t, False)), None)
        if clash is not None:
            left.remove(figure)
            right.remove(clash)
            unit_clashes.append(Mismatch(figure, clash, unit_only=True))
    pairs.sort(key=lambda pair: pair[0].start)
    return pairs, unit_clashes + _pair_leftovers(left, right)


_KINDLIKE = {ORDINAL: NUMBER, DATE: NUMBER}  # kinds a loose match pairs: 六十周年 / "60th anniversary"


def _repeated(figure: Figure, matched: list[Figure], other_kinds: set[str]) -> bool:
    """A left-over figure equal to one already matched, with no figure of its kind left on the other side."""
    return _KINDLIKE.get(figure.kind, figure.kind) not in other_kinds and any(figure.key() == m.key() for m in matched)


def _counted(figure: Figure) -> bool:
    """A soft figure that still counts something when the other side has one too: not 1, a half or 上万."""
    return figure.kind != NUMBER or (figure.value >= 2 and figure.high is None)  # type: ignore[operator]


def _pair_leftovers(left: list[Figure], right: list[Figure]) -> list[Mismatch]:
    """Figures left on each side, paired in order: a hard one always, a soft one only against its own kind."""
    pairs: list[Mismatch] = []
    hard_left = [f for f in left if not f.soft]
    hard_right = [f for f in right if not f.soft]
    for figure in hard_left:  # a wrong figure: a hard one against the first left-over of its kind
        partner = next((t for t in right if t.kind == figure.kind), None)
        if partner is None:
            partner = next((t for t in hard_right if t in right), None)
        if partner is not None:
            right.remove(partner)
            hard_right = [t for t in hard_right if t is not partner]
        pairs.append(Mismatch(figure, partner))
        left.remove(figure)
    for figure in hard_right:
        partner = next((s for s in left if s.kind == figure.kind), None)
        if partner is not None:
            left.remove(partner)
        pairs.append(Mismatch(partner, figure))
        right.remove(figure)
    for figure in left:  # soft on both sides: 第二 against "third", 上半年 against "second half"
        partner = next((t for t in right if t.kind == figure.kind and _counted(figure) and _counted(t)), None)
        if partner is not None:
            right.remove(partner)
            pairs.append(Mismatch(figure, partner))
    return pairs
