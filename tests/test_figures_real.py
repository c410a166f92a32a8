"""The figures and meaning checks on real news copy, in every language a desk publishes.

- what :func:`read_figures` reads (text, kind, value, unit) from 220 real phrases of the WMT18
  corpus's development rows, checked by hand (tests/data/figure-readings.tsv);
- the figure findings classified by hand on the development rows (tests/data/wmt18-classified.csv):
  the false alarms are gone and the true findings stay;
- each class of issue 19 ("what breaks it"), and each meaning slip a copy editor catches;
- correct French, German, Russian, Arabic, Japanese, Korean, Cantonese and Hong Kong Chinese
  translations of the bundled story's figures give no figure error; a slip in them is caught.

The corpus is read from ../shared (never copied here); its tests are skipped where it is absent.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from conftest import shared_file

import newsbilingual as nb
from newsbilingual.check.figures import match_read
from newsbilingual.check.meaning import meaning_problems

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"


def shown(figure: nb.Figure) -> str:
    """A reading as the fixture writes it: text|kind|value|unit[|soft][|~]."""
    value = figure.value
    if isinstance(value, tuple):
        written = f"{value[0]}-{value[1]}"
    elif isinstance(value, Decimal):
        value = value.normalize()
        exact = value == value.to_integral_value() or abs(value.as_tuple().exponent) < 8
        written = format(value, "f") if exact else str(round(value, 6))
    else:
        written = str(value)
    marks = ("|soft" if figure.soft else "") + ("|~" if figure.about or figure.high is not None else "")
    return f"{figure.text}|{figure.kind}|{written}|{figure.unit}{marks}"


def readings() -> list[tuple[str, str, str]]:
    lines = (DATA / "figure-readings.tsv").read_text("utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def test_the_readings_table_covers_both_languages():
    rows = readings()
    assert len(rows) >= 200
    assert {language for language, _, _ in rows} == {"zh", "en"}


@pytest.mark.parametrize(("language", "phrase", "expected"), readings())
def test_figures_read_from_real_phrases(language, phrase, expected):
    figures = nb.read_figures(phrase, language)
    assert " ; ".join(shown(figure) for figure in figures) == expected
    for figure in figures:  # every span is the figure as written in the phrase
        assert phrase[figure.start : figure.end] == figure.text


def corpus_pair(pair: str) -> tuple[str, str]:
    """(Chinese, English) of ``w18-NNNN``, the NNNN-th data row."""
    with shared_file("corpora/wmt18-zh-en.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))[1:]
    return tuple(rows[int(pair[4:]) - 1])  # type: ignore[return-value]


# Classified findings that the checks still get wrong, each for a reason said here (the bench prints them too).
STILL_FALSE = {
    "w18-0761": "60多元 followed by a note that the yuan are US dollars",
    "w18-1219": '5"2 (five feet two) is read as the numbers 5 and 2',
    "w18-1329": "四个层级 against four levels the English names one by one",
    "w18-1399": "a festival named 11.11 in English, 双十一 in Chinese",
    "w18-1415": "Qatar 2022 (the organising committee) against 该组委会",
    "w18-2201": "a bare 'At 10' against 十时: the English hour is not read as a time",
    "w18-2391": "一分…九分 (an idiom of tenths) against 10% and 90%",
    "w18-3153": "weapon designations (鹰击83 against YJ-83)",
    "w18-3329": "另外四位 against four names the English lists",
    "w18-3687": "比2016年 against year-on-year",
}
NOW_MISSED = {  # pairs cut short in one language: the completeness check's matter; ordinals are soft
    "w18-0491": "the Chinese lacks 'the 19th CPC National Congress'",
    "w18-0923": "the English lacks 十九大",
    "w18-1465": "the Chinese lacks 'the 19th NPC National Congress'",
}


def test_classified_false_alarms_are_gone_and_true_findings_stay():
    with (DATA / "wmt18-classified.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) >= 130 and all(int(row["pair"][4:]) % 2 == 1 for row in rows)  # development rows only
    still_false, missed = set(), set()
    for row in rows:
        if row["check"] != "figures":
            continue
        chinese, english = corpus_pair(row["pair"])
        source, target = (english, chinese) if row["direction"] == "en2zh" else (chinese, english)
        found = bool(nb.compare_figures(source, target, *row["direction"].split("2")))
        if row["verdict"] == "FALSE" and found:
            still_false.add(row["pair"])
        if row["verdict"] == "TRUE" and not found:
            missed.add(row["pair"])
    assert still_false == set(STILL_FALSE)
    assert missed == set(NOW_MISSED)
    false = sum(row["verdict"] == "FALSE" and row["check"] == "figures" for row in rows)
    assert 1 - len(still_false) / false >= 0.9  # issue 19: at least 90% of the false alarms gone


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # a space inside a Chinese figure; a Han character before a time
        ("$118.7 billion", "1,187 亿美元"),
        ("on Aug. 11", "8 月 11 日"),
        ("at 10:30 on Friday", "周五10:30"),
        # counters and idioms are no figures; names with numerals neither
        ("the two prime ministers", "两国总理"),
        ("two incidents", "两起事件"),
        ("He is a different man", "判若两人"),
        ("ternary lithium batteries", "三元锂电池"),
        ("the 13th Five-Year Plan", "十三五规划"),
        ("CO2 emissions of the G20", "G20的CO2排放"),
        ("Singles' Day", "双11"),
        # ordinals on one side, decades, centuries, approximations
        ("the 4th World Internet Conference", "第四届世界互联网大会"),
        ("the 72nd session", "第七十二届"),
        ("the 1970s and 1980s", "七八十年代"),
        ("the 1990s", "九十年代"),
        ("the 1700s", "18 世纪"),
        ("more than a century", "一百多年"),
        ("more than half a million", "50多万"),
        ("10,000 students", "上万师生"),
        ("52 million", "五千二百多万"),
        ("about 1,000 men", "大约一千名男子"),
        # halves and fractions, 八成, "one"
        ("more than half of the attacks", "超过一半的袭击"),
        ("one in six", "六分之一"),
        ("the first three quarters", "前三季度"),
        ("80% of them", "八成"),
        ("one person", "1人"),
        # months, days, day ranges
        ("in May", "五月份"),
        ("Theresa May said", "特蕾莎·梅说"),
        ("March for Life", "为生命游行"),
        ("on the 4th", "四号"),
        ("from July 10 to 12", "7月10日至12日"),
        ("from December 3 to December 5", "十二月三日至五日"),
        # times: full-width colon, 9.30am, race times, durations
        ("at 07:30", "07：30"),
        ("at 9.30am", "上午9时30分"),
        ("in 1:57.79", "以1分57秒79"),
        ("2:13:38", "2小时13分38秒"),
        # sports
        ("in the first half", "上半场"),
        ("four points ahead", "领先四分"),
        ("won 3-1", "以三比一获胜"),
        # how zh and en write the same quantity differently (phrases written here, not from the corpus)
        ("up 1.5% and 0.3% respectively", "分别增长1.5%和0.3%"),
        ("up 1.5 and 0.3 percentage points", "分别上升1.5个和0.3个百分点"),
        ("those born in the 1980s and 1990s", "80、90后"),
        ("the 14th day of the ninth month of the lunar calendar", "农历九月十四"),
        ("Workshop 701", "七O一车间"),
        ("a few million yuan", "几百万元"),
        ("the trio", "三人组"),
        ("the Two Centenary Goals", "两个一百年"),
        ("at 3 o'clock in the afternoon", "下午三点"),
        ("at 10 o'clock", "十时许"),
        ("a 300hp engine", "300马力的发动机"),
        ("a J-20 and a Z-10", "一架歼-20和一架直-10"),
        ("within a quarter", "一个季度内"),
        ("in the first six months", "1至6月"),
        ("in the first six months", "前6个月"),
        ("the 14th Five-Year Plan", "十四五规划"),
        ("a three-day visit", "为期三天的访问"),
        ("2. Why now?", "二、为什么是现在？"),
        ("at 7pm", "晚7点"),
        ("at 7pm", "19时"),
        ("more than 10,000 visitors", "逾万名游客"),
        ("may exceed RMB1 trillion", "或突破万亿元"),
        ("the G20 summit", "二十国集团峰会"),
        ("Phase II of the project", "二期工程"),
        ("down 0.3 points", "下降0.3个百分点"),
        ("the PMI stood at 51.6", "PMI为51.6%"),
        ("women in their early 30s", "30岁出头的女性"),
        ("the 9/11 attacks", "9·11事件"),
        ("the May 12 Wenchuan earthquake", "5·12汶川地震"),
        ("between 2 and 3 p.m.", "下午2点到3点"),
        ("an average score of 4.5 points", "平均评分4.5分"),
        ("up nearly 8 percent points", "增长近8个百分点"),
        ("in six minutes and five seconds", "6分05秒"),
        ("after Double 11 began", "双11开局后"),
        ("on Singles' Day", "双11当天"),
        ("staff meet on Wednesdays", "员工在周三集会"),
        ("in the late 1950s", "20世纪50年代末"),
        ("in the 2017/18 season", "2017-18赛季"),
        ("the 4x100m relay", "4×100米接力"),
        ("available 24/7", "全天候开放"),
        ("nine out of ten", "十分之九"),
    ],
)
def test_what_broke_on_real_copy_reads_equal(source, target):
    assert nb.compare_figures(source, target, "en", "zh") == []
    assert nb.compare_figures(target, source, "zh", "en") == []


@pytest.mark.parametrize(
    ("source", "target", "shown_source", "shown_target"),
    [
        ("the 4th conference", "第五届大会", "4th", "第五"),
        ("in the first half of 2017", "2017年下半年", "first half", "下半年"),
        ("in the first quarter", "第三季度", "first quarter", "第三季度"),
        ("in the 1990s", "八十年代", "1990s", "八十年代"),
        ("more than half a million", "60多万", "half a million", "60多万"),
        ("at 9.30am", "下午9时30分", "9.30am", "下午9时30分"),
        ("won 3-1", "以三比二获胜", "1", "二"),
        ("£5m", "500万美元", "£5m", "500万美元"),
        ("200 kilometers", "200英里", "200 kilometers", "200英里"),
        ("3 tons", "3公斤", "3 tons", "3公斤"),
        ("at 3pm", "上午三点", "3pm", "上午三点"),
        ("up 1.5 and 0.3 percentage points", "分别上升1.5个和0.4个百分点", "0.3 percentage points", "0.4个百分点"),
        ("the 14th Five-Year Plan", "十三五规划", "14th", "十三五"),
        ("the 19th Congress ... the 19th Congress", "十九大……十八大", "19th", "十八大"),
        ("the 60th anniversary", "七十周年", "60th", "七十"),
        ("a three-day visit", "为期四天的访问", "three-day", "四天"),
        ("in the first four quarters", "前三季度", "first four quarters", "前三季度"),
        ("in the first six months", "前7个月", "the first six months", "7个月"),
        ("at 7pm", "早7点", "7pm", "早7点"),
        ("Phase II of the project", "三期工程", "II", "三"),
        ("the May 12 earthquake", "5·13地震", "May 12", "5·13"),
        ("between 2 and 3 p.m.", "上午2点到3点", "2", "上午2点"),
        ("in six minutes and five seconds", "6分15秒", "six minutes and five seconds", "6分15秒"),
        ("three people were killed", "四人死亡", "three", "四"),
        ("two-thirds of the loans", "三分之一的贷款", "two-thirds", "三分之一"),
        ("a decade ago", "九年前", "a decade", "九年"),
        ("in the 2017/18 season", "2016-17赛季", "18", "2016"),
        ("sales on Double 11", "双12的销售额", "11", "12"),
        ("in the late 1950s", "30世纪50年代末", "1950s", "30世纪"),
    ],
)
def test_a_changed_figure_ordinal_period_or_unit_is_an_error(source, target, shown_source, shown_target):
    [mismatch] = nb.compare_figures(source, target, "en", "zh")
    assert (mismatch.source.text, mismatch.target.text) == (shown_source, shown_target)
    assert mismatch.message()


@pytest.mark.parametrize(
    ("source", "target", "check"),
    [
        ("Sales rose 5% to 2 billion yuan.", "销售额下降5%，至20亿元。", "direction"),
        ("销售额同比增长10.7%。", "Sales fell 10.7% year on year.", "direction"),
        ("More than 500 people came.", "不到500人前来。", "comparison"),
        ("不足300家企业", "more than 300 firms", "comparison"),
        ("Wang Xinglian, 73, and Wang Shuyu, 71, are natives.", "汪兴莲今年71岁，汪淑玉73岁。", "swapped"),
    ],
)
def test_meaning_slips_are_found(source, target, check):
    languages = ("zh", "en") if "\u4e00" <= source[0] <= "\u9fff" else ("en", "zh")
    pairs, _ = match_read(nb.read_figures(source, languages[0]), nb.read_figures(target, languages[1]))
    assert [problem.check for problem in meaning_problems(source, target, pairs)] == [check]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Sales rose 5% to 2 billion yuan.", "销售额增长5%，至20亿元。"),
        ("More than 500 people came.", "500多人前来。"),
        ("Wang Xinglian, 73, and Wang Shuyu, 71, are natives.", "汪兴莲今年73岁，汪淑玉71岁。"),
        ("16 delegates from 11 countries", "来自11个国家的16名代表"),
    ],
)
def test_correct_translations_have_no_meaning_problem(source, target):
    pairs, _ = match_read(nb.read_figures(source, "en"), nb.read_figures(target, "zh"))
    assert meaning_problems(source, target, pairs) == []


# The bundled story's figures (p05: "12.11 billion yuan, up 18.3%" and "Dec. 22"), translated by
# hand the way each language's press writes them; the slip is ten times too small.
OTHER_LANGUAGES = [
    ("fr", "12,11 milliards de yuans, en hausse de 18,3 %, le 22 décembre, deux projets", "1,211 milliard de yuans"),
    ("de", "12,11 Milliarden Yuan, ein Plus von 18,3 %, am 22. Dezember, zwei Projekte", "1,211 Milliarden Yuan"),
    ("ru", "12,11 млрд юаней, рост на 18,3 %, 22 декабря, два проекта", "1,211 млрд юаней"),
    ("ar", "١٢٫١١ مليار يوان، بزيادة ١٨٫٣٪، في ٢٢ ديسمبر، مشروعان", "١٫٢١١ مليار يوان"),
    ("ja", "121.1億元、18.3%増、12月22日、二つの事業", "12.11億元"),
    ("ko", "121.1억 위안, 18.3% 증가, 12월 22일, 두 가지 사업", "12.11억 위안"),
    ("yue", "121.1億元，增長18.3%，12月22日，兩個項目", "12.11億元"),
    ("zh-Hant-HK", "121.1億元，增長18.3%，12月22日，兩個項目", "12.11億元"),
]
SOURCE = "12.11 billion yuan, up 18.3%, on Dec. 22, two projects"


@pytest.mark.parametrize(("language", "correct", "slip"), OTHER_LANGUAGES)
def test_other_languages_are_read_with_their_own_number_signs(language, correct, slip):
    assert nb.compare_figures(SOURCE, correct, "en", language) == []
    slipped = nb.compare_figures(SOURCE, correct.replace(correct.split("，")[0].split(",")[0], slip, 1), "en", language)
    assert any(m.source and m.source.text == "12.11 billion yuan" for m in slipped), slipped


def test_a_french_catalog_is_checked_as_french(tmp_path):
    """Through check_catalog: the Language header picks Babel's signs; "deux" is no dropped figure."""
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr", "X-Source-Language": "en"}
    catalog.append(polib.POEntry(msgctxt="p05", msgid=SOURCE, msgstr=OTHER_LANGUAGES[0][1]))
    catalog.append(polib.POEntry(msgctxt="p06", msgid="It grew 18.3%.", msgstr="Il a augmenté de 13,8 %."))
    path = tmp_path / "fr.po"
    catalog.save(str(path))
    findings = [f for f in nb.check_catalog(path) if f.check in ("figures", "meaning")]
    assert [(f.context, f.severity) for f in findings] == [("p06", "error")]
    assert "13,8 %" in findings[0].message
