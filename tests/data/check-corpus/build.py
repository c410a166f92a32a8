"""Write the planted-error corpus: en-zh.po (English source, Chinese translation) and zh-en.po.

Each entry is one case: msgctxt ``<kind>/<n>``, a ``#.`` comment ``expect: <check>`` (``expect:
none`` for a correct translation, the false-alarm test). tests/test_check_corpus.py checks that
``newsbilingual check`` finds every planted error with the expected check and nothing in the
correct ones; benchmarks/bench_check.py runs pofilter on the same files.

Run from the repository root: ``python tests/data/check-corpus/build.py``.
"""

from __future__ import annotations

from pathlib import Path

import polib

from newsbilingual.catalog.powrap import format_pofile

HERE = Path(__file__).resolve().parent

# (kind, expected check, source, translation); a kind "ok-<kind>" is a correct translation of the
# same shape as the planted errors of <kind>: the false-alarm test for that kind.
EN_ZH = [
    # Correct translations, written the way a Chinese desk writes figures.
    (
        "ok-scale-slip",
        None,
        "Fixed-asset investment reached 12.11 billion yuan, up 18.3%.",
        "固定资产投资达121.1亿元，增长18.3%。",
    ),
    ("ok-wrong-digits", None, "Industrial investment was 7.268 billion yuan.", "工业投资72.68亿元。"),
    ("ok-point-to-percent", None, "It was 87.7 percentage points ahead of schedule.", "超时间进度87.7个百分点。"),
    ("ok-scale-slip", None, "The zone signed 12,000 contracts.", "园区签约1.2万份。"),
    (
        "ok-wrong-period",
        None,
        "From January to November this year, 75 projects were introduced.",
        "今年1—11月，引进项目75个。",
    ),
    ("ok-wrong-date", None, "Liu Chao came to the zone on Dec. 22.", "12月22日，刘超来到高新区。"),
    ("ok-counted-word", None, "We highlight four key points.", "我们突出四个重点。"),
    ("ok-counted-word", None, "The project created two records in the industry.", "该项目创造了行业内的两项纪录。"),
    ("ok-counted-word", None, "The zone entered the top three among five indicators.", "高新区在五项指标中进入前三。"),
    ("ok-scale-slip", None, "The total investment is expected to reach 1 billion yuan.", "预计总投资将达10亿元。"),
    ("ok-percent-words", None, "Sales rose 18.3 percent in 2017.", "2017年销售额增长百分之十八点三。"),
    ("ok-unit-swap", None, "It covers 500 mu and took half a year.", "项目占地500亩，用时半年。"),
    ("ok-fraction", None, "One third of the land is reserved.", "三分之一的土地已预留。"),
    ("ok-wrong-time", None, "The meeting began at 9:30 a.m.", "会议于上午9:30开始。"),
    ("ok-chinese-numeral", None, "On the one hand, the zone works on the front line.", "一方面，高新区在一线工作。"),
    ("ok-term-swap", None, "BOE and Air Liquide invested in Mianyang.", "京东方和液化空气在绵阳投资。"),
    ("ok-missing-term", None, "Liu Chao praised the high-tech zone.", "刘超对高新区给予了高度评价。"),
    ("ok-chinese-numeral", None, "121 enterprises settled in the park.", "一百二十一家企业落户园区。"),
    ("ok-ascii-question", None, 'What is "high-tech service"?', "何为“高新服务”？"),
    (
        "ok-ascii-parens",
        None,
        "The SEA (Strategic Environmental Assessment) was the shortest.",
        "规划环评（战略环境评价）用时最短。",
    ),
    ("ok-percent-to-point", None, "Investment rose 18.3%.", "投资增长18.3%。"),
    ("ok-dropped-number", None, "Investment rose 68.4% to 7.268 billion yuan.", "投资增长68.4%，达72.68亿元。"),
    ("ok-wrong-year", None, "Copyright 2017 Mianyang Daily.", "绵阳日报2017年版权所有。"),
    ("ok-ascii-comma", None, "Investment rose, output grew.", "投资增长，产出增加。"),
    ("ok-space-between-han", None, "The zone government met.", "高新区政府开会。"),
    ("ok-unbalanced-quotes", None, 'the "old friend" of the zone', "园区的“老朋友”"),
    ("ok-end-punctuation", None, "Why did the investment in the zone grow so fast?", "园区投资为何增长如此之快？"),
    ("ok-name-left-in-script", None, "Xi Jinping gave instructions.", "习近平作出指示。"),
    ("ok-placeholders", None, "{place} reported on {date}", "{place}于{date}报道"),
    (
        "ok-dropped-sentence",
        None,
        "On the other hand, the high-tech zone adheres to the combination of the advance and the breakthroughs, "
        "and accelerates the project by using point to point nanny service.",
        "另一方面，高新区坚持推进与突破相结合，用点对点“保姆式”服务加快项目推进。",
    ),
    # Figures.
    ("scale-slip", "figures", "Investment reached 12.11 billion yuan.", "投资达12.11亿元。"),
    ("scale-slip", "figures", "Industrial investment was 7.268 billion yuan.", "工业投资7268亿元。"),
    ("scale-slip", "figures", "The zone signed 12,000 contracts.", "园区签约12万份。"),
    ("wrong-digits", "figures", "Investment rose 18.3%.", "投资增长13.8%。"),
    ("wrong-digits", "figures", "Domestic money of 9.5 billion yuan arrived.", "国内资金到位59亿元。"),
    ("dropped-number", "figures", "75 projects were introduced.", "引进了一批项目。"),
    ("dropped-number", "figures", "Investment rose 68.4% to 7.268 billion yuan.", "投资增至72.68亿元。"),
    ("added-number", "figures", "Projects were introduced.", "引进项目75个。"),
    ("added-number", "figures", "Investment rose sharply.", "投资大幅增长51.4%。"),
    ("point-to-percent", "figures", "It was 87.7 percentage points ahead of schedule.", "超时间进度87.7%。"),
    ("point-to-percent", "figures", "The rate rose by 2.5 percentage points.", "比率上升了2.5%。"),
    ("percent-to-point", "figures", "Investment rose 18.3%.", "投资增长18.3个百分点。"),
    ("percent-to-point", "figures", "Output grew 6 percent.", "产出增长6个百分点。"),
    ("unit-swap", "figures", "The plant covers 500 mu.", "工厂占地500平方米。"),
    ("unit-swap", "figures", "The fund holds 3 billion yuan.", "基金持有30亿美元。"),
    ("wrong-date", "figures", "He came to the zone on Dec. 22.", "他12月21日来到高新区。"),
    ("wrong-date", "figures", "The line opened on March 3.", "生产线于5月3日投产。"),
    ("wrong-period", "figures", "From January to November, investment grew.", "1—10月，投资增长。"),
    ("wrong-period", "figures", "In October, output rose.", "11月，产出增长。"),
    ("wrong-year", "figures", "The plant opened in 2017.", "工厂于2016年投产。"),
    ("wrong-year", "figures", "Copyright 2017 Mianyang Daily.", "绵阳日报2018年版权所有。"),
    ("wrong-time", "figures", "The meeting began at 9:30 a.m.", "会议于上午10:30开始。"),
    ("wrong-time", "figures", "The line started at 3 p.m.", "生产线于上午3时半启动。"),
    ("counted-word", "figures", "We highlight four key points.", "我们突出三个重点。"),
    ("counted-word", "figures", "The project created two records.", "该项目创造了三项纪录。"),
    ("chinese-numeral", "figures", "21 outdoor enterprises signed.", "二十家外地企业签约。"),
    ("chinese-numeral", "figures", "121 enterprises settled in the park.", "一百一十二家企业落户园区。"),
    ("fraction", "figures", "One third of the land is reserved.", "四分之一的土地已预留。"),
    ("fraction", "figures", "It took half a year.", "用时两年。"),
    ("percent-words", "figures", "Sales rose 18.3 percent.", "销售额增长百分之十三点八。"),
    ("percent-words", "figures", "Half of the firms grew 40 percent.", "一半企业增长百分之五十。"),
    # Names and terms.
    ("term-swap", "terms", "The plant is in Mianyang.", "工厂位于德阳。"),
    ("term-swap", "terms", "BOE opened a line.", "华星光电开设了一条生产线。"),
    ("missing-term", "terms", "BOE and Air Liquide invested.", "京东方和一家法国公司投资。"),
    ("missing-term", "terms", "Liu Chao praised the zone.", "市长对园区给予了高度评价。"),
    ("name-conflict", "terms", "Liu Chao", "刘朝"),
    ("name-conflict", "terms", "Air Liquide", "法液空"),
    ("name-left-in-script", "latin-names", "Wang Jianguo said the zone grew.", "Wang Jianguo说，园区发展了。"),
    ("name-left-in-script", "latin-names", "said Zhang Wei, director of the zone.", "园区主任Zhang Wei说。"),
    # Chinese typography.
    ("ascii-comma", "typography", "Investment rose, output grew.", "投资增长,产出增加。"),
    ("ascii-comma", "typography", "In Mianyang, BOE invested.", "在绵阳,京东方投资。"),
    ("ascii-period", "typography", "The project landed.", "项目落地."),
    ("ascii-period", "typography", "The zone grew. BOE invested.", "园区发展了.京东方投资了。"),
    ("ascii-colon", "typography", 'He said: "Good."', "他说:“好。”"),
    ("ascii-colon", "typography", "Data: investment rose.", "数据:投资增长。"),
    ("ascii-semicolon", "typography", "Investment rose; output grew.", "投资增长;产出增加。"),
    ("ascii-semicolon", "typography", "BOE invested; Air Liquide built.", "京东方投资;液化空气建设。"),
    ("ascii-question", "typography", "What is high-tech service?", "何为高新服务?"),
    ("ascii-question", "typography", "Why did it grow?", "为何增长?"),
    ("ascii-exclamation", "typography", "An incredible speed!", "不可思议的速度!"),
    ("ascii-exclamation", "typography", "We did it!", "我们做到了!"),
    ("ascii-parens", "typography", "The SEA (assessment) was short.", "规划环评(战略环境评价)用时最短。"),
    ("ascii-parens", "typography", "BOE (a display maker) invested.", "京东方(显示器制造商)投资。"),
    ("ascii-quotes", "typography", 'the "high-tech service" brand', '"高新服务"品牌'),
    ("ascii-quotes", "typography", 'called "nanny" service', '称为"保姆式"服务'),
    ("space-between-han", "typography", "The zone government met.", "高新区 政府开会。"),
    ("space-between-han", "typography", "Investment rose.", "投资 增长。"),
    ("unbalanced-quotes", "typography", 'the "high-tech service" brand', "“高新服务品牌"),
    ("unbalanced-quotes", "typography", 'the "old friend" of the zone', "园区的老朋友”"),
    ("unbalanced-brackets", "typography", "Mianyang Daily reported.", "《绵阳日报报道。"),
    ("unbalanced-brackets", "typography", "The SEA (assessment) was short.", "规划环评（战略环境评价用时最短。"),
    (
        "end-punctuation",
        "typography",
        "The project landed in Mianyang in a record time.",
        "项目在绵阳以创纪录的速度落地",
    ),
    ("end-punctuation", "typography", "Why did the investment in the zone grow so fast?", "园区投资为何增长如此之快。"),
    ("full-width-digits", "typography", "Investment rose 18.3%.", "投资增长１８.３%。"),
    ("full-width-digits", "typography", "75 projects.", "项目７５个。"),
    # Completeness.
    ("untranslated", "untranslated", "The project landed.", ""),
    ("untranslated", "untranslated", "Investment rose.", ""),
    ("fuzzy", "fuzzy", "The project landed.", "项目落地。"),
    ("fuzzy", "fuzzy", "Investment rose.", "投资增长。"),
    ("copied", "copied", "The project landed.", "The project landed."),
    ("copied", "copied", "High-tech service", "High-tech service"),
    (
        "dropped-sentence",
        "length",
        "The data showed that investment in fixed assets grew quickly this year. Industrial investment rose "
        "sharply, and technical reform investment rose as well. The main economic indicators lead the city.",
        "数据显示投资增长。",
    ),
    (
        "dropped-sentence",
        "length",
        "On the other hand, the high-tech zone adheres to the combination of the advance and the breakthroughs, "
        "and accelerates the project by using point to point nanny service.",
        "另一方面，高新区坚持推进。",
    ),
    ("placeholders", "placeholders", "{place} reported on {date}", "{plac}于{date}报道"),
    ("placeholders", "placeholders", "{name} said", "他说"),
]

ZH_EN = [
    (
        "ok-scale-slip",
        None,
        "固定资产投资达121.1亿元，增长18.3%。",
        "Fixed-asset investment reached 12.11 billion yuan, up 18.3%.",
    ),
    ("ok-point-to-percent", None, "超时间进度87.7个百分点。", "It was 87.7 percentage points ahead of schedule."),
    ("ok-scale-slip", None, "园区签约1.2万份。", "The zone signed 12,000 contracts."),
    (
        "ok-wrong-period",
        None,
        "今年1—11月，引进项目75个。",
        "From January to November this year, 75 projects were introduced.",
    ),
    ("ok-wrong-date", None, "12月22日，刘超来到高新区。", "Liu Chao came to the high-tech zone on Dec. 22."),
    ("ok-counted-word", None, "我们突出四个重点。", "We highlight four key points."),
    (
        "ok-counted-word",
        None,
        "高新区在五项指标中进入前三。",
        "The high-tech zone entered the top three among five indicators.",
    ),
    ("ok-scale-slip", None, "预计总投资将达10亿元。", "The total investment is expected to reach 1 billion yuan."),
    ("ok-unit-swap", None, "项目占地500亩，用时半年。", "It covers 500 mu and took half a year."),
    ("ok-term-swap", None, "京东方和液化空气在绵阳投资。", "BOE and Air Liquide invested in Mianyang."),
    ("ok-cjk-question", None, "何为“高新服务”？", 'What is "high-tech service"?'),
    ("ok-chinese-numeral", None, "一百二十一家企业落户园区。", "121 enterprises settled in the park."),
    ("ok-percent-to-point", None, "投资增长18.3%。", "Investment rose 18.3%."),
    ("ok-wrong-year", None, "工厂于2017年投产。", "The plant opened in 2017."),
    ("ok-cjk-comma", None, "投资增长，产出增加。", "Investment rose, output grew."),
    ("ok-end-punctuation", None, "园区投资为何增长如此之快？", "Why did the investment in the zone grow so fast?"),
    ("ok-placeholders", None, "{place}于{date}报道", "{place} reported on {date}"),
    ("ok-unit-swap", None, "基金持有30亿元。", "The fund holds 3 billion yuan."),
    ("ok-fraction", None, "三分之一的土地已预留。", "One third of the land is reserved."),
    ("ok-wrong-time", None, "会议于上午9:30开始。", "The meeting began at 9:30 a.m."),
    # Figures.
    ("scale-slip", "figures", "投资达121.1亿元。", "Investment reached 121.1 billion yuan."),
    ("scale-slip", "figures", "引资169亿元。", "It attracted 1.69 billion yuan."),
    ("scale-slip", "figures", "园区签约1.2万份。", "The zone signed 1,200 contracts."),
    ("wrong-digits", "figures", "增长51.4%。", "It rose 54.1%."),
    ("wrong-digits", "figures", "工业投资72.68亿元。", "Industrial investment was 7.286 billion yuan."),
    ("dropped-number", "figures", "引进项目75个。", "Projects were introduced."),
    ("dropped-number", "figures", "投资增长68.4%，达72.68亿元。", "Investment rose to 7.268 billion yuan."),
    ("added-number", "figures", "引进了一批项目。", "75 projects were introduced."),
    ("added-number", "figures", "投资大幅增长。", "Investment rose 51.4%."),
    ("point-to-percent", "figures", "超时间进度87.7个百分点。", "It was 87.7% ahead of schedule."),
    ("point-to-percent", "figures", "比率上升了2.5个百分点。", "The rate rose by 2.5%."),
    ("percent-to-point", "figures", "投资增长18.3%。", "Investment rose 18.3 percentage points."),
    ("percent-to-point", "figures", "产出增长百分之六。", "Output grew 6 percentage points."),
    ("unit-swap", "figures", "工厂占地500亩。", "The plant covers 500 square meters."),
    ("unit-swap", "figures", "基金持有30亿元。", "The fund holds 3 billion US dollars."),
    ("wrong-date", "figures", "他12月22日来到高新区。", "He came to the high-tech zone on Dec. 23."),
    ("wrong-date", "figures", "生产线于3月3日投产。", "The line opened on May 3."),
    ("wrong-period", "figures", "1—11月，投资增长。", "From January to October, investment grew."),
    ("wrong-period", "figures", "10月，产出增长。", "In November, output rose."),
    ("wrong-year", "figures", "工厂于2017年投产。", "The plant opened in 2016."),
    ("wrong-year", "figures", "绵阳日报2017年版权所有。", "Copyright 2018 Mianyang Daily."),
    ("wrong-time", "figures", "会议于上午9:30开始。", "The meeting began at 10:30 a.m."),
    ("wrong-time", "figures", "生产线于下午3时启动。", "The line started at 3 a.m."),
    ("counted-word", "figures", "我们突出四个重点。", "We highlight three key points."),
    ("counted-word", "figures", "该项目创造了两项纪录。", "The project created three records."),
    ("chinese-numeral", "figures", "二十一家外地企业签约。", "20 outdoor enterprises signed."),
    ("chinese-numeral", "figures", "一百二十一家企业落户园区。", "112 enterprises settled in the park."),
    ("fraction", "figures", "三分之一的土地已预留。", "A quarter of the land is reserved."),
    ("fraction", "figures", "用时半年。", "It took two years."),
    ("percent-words", "figures", "销售额增长百分之十八点三。", "Sales rose 13.8 percent."),
    ("percent-words", "figures", "增长百分之五十。", "It grew 40 percent."),
    # Names and terms.
    ("term-swap", "terms", "工厂位于绵阳。", "The plant is in Deyang."),
    ("term-swap", "terms", "京东方开设了一条生产线。", "CSOT opened a line."),
    ("missing-term", "terms", "京东方和液化空气投资。", "BOE and a French company invested."),
    ("missing-term", "terms", "刘超对园区给予了高度评价。", "The mayor praised the zone."),
    ("name-conflict", "terms", "刘超", "Liu Zhao"),
    ("name-conflict", "terms", "液化空气", "Air Liquid"),
    ("name-left-in-script", "typography", "王建国说，园区发展了。", "王建国 said the zone grew."),
    ("name-left-in-script", "typography", "园区主任张伟说。", "said 张伟, director of the zone."),
    # English typography.
    ("cjk-comma", "typography", "投资增长，产出增加。", "Investment rose，output grew."),
    ("cjk-comma", "typography", "在绵阳，京东方投资。", "In Mianyang，BOE invested."),
    ("cjk-period", "typography", "项目落地。", "The project landed。"),
    ("cjk-period", "typography", "园区发展了。", "The zone grew。"),
    ("cjk-colon", "typography", "数据：投资增长。", "Data：investment rose."),
    ("cjk-colon", "typography", "他说：“好。”", 'He said："Good."'),
    ("cjk-question", "typography", "为何增长？", "Why did it grow？"),
    ("cjk-question", "typography", "何为高新服务？", "What is high-tech service？"),
    ("cjk-parens", "typography", "规划环评（战略环境评价）用时最短。", "The SEA（assessment）was the shortest."),
    ("cjk-parens", "typography", "京东方（显示器制造商）投资。", "BOE（a display maker）invested."),
    ("cjk-enumeration-comma", "typography", "政策、资金、资质", "policies、funds and qualifications"),
    ("cjk-enumeration-comma", "typography", "省、市重点项目", "provincial、municipal key projects"),
    (
        "unbalanced-brackets",
        "typography",
        "规划环评（战略环境评价）用时最短。",
        "The SEA (assessment was the shortest.",
    ),
    ("unbalanced-brackets", "typography", "京东方（显示器制造商）投资。", "BOE a display maker) invested."),
    (
        "end-punctuation",
        "typography",
        "项目在绵阳以创纪录的速度落地了，这是一个好消息。",
        "The project landed in Mianyang in a record time",
    ),
    ("end-punctuation", "typography", "园区投资为何增长如此之快？", "Why the investment in the zone grew so fast."),
    ("full-width-digits", "typography", "投资增长18.3%。", "Investment rose １８.３%."),
    ("full-width-digits", "typography", "项目75个。", "７５ projects."),
    # Completeness.
    ("untranslated", "untranslated", "项目落地。", ""),
    ("untranslated", "untranslated", "投资增长。", ""),
    ("fuzzy", "fuzzy", "项目落地。", "The project landed."),
    ("fuzzy", "fuzzy", "投资增长。", "Investment rose."),
    ("copied", "copied", "项目落地。", "项目落地。"),
    ("copied", "copied", "高新服务", "高新服务"),
    (
        "dropped-sentence",
        "length",
        "数据显示，今年高新区固定资产投资快速增长。工业投资大幅增长，技改投资也有所增长。主要经济指标位居全市前列。",
        "Investment grew.",
    ),
    (
        "dropped-sentence",
        "length",
        "另一方面，高新区坚持推进与突破相结合，用点对点“保姆式”服务加快项目推进，弥补资金短缺。",
        "The zone advanced.",
    ),
    ("placeholders", "placeholders", "{place}于{date}报道", "{plac} reported on {date}"),
    ("placeholders", "placeholders", "{name}说", "he said"),
]

NAME_KINDS = ("name-conflict",)


def catalog(cases: list[tuple[str, str | None, str, str]], language: str, source_language: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=79)
    po.header = "Planted-error corpus for newsbilingual check (tests/data/check-corpus/build.py)."
    po.metadata = {
        "Project-Id-Version": "check-corpus",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Language": language,
        "X-Source-Language": source_language,
    }
    numbers: dict[str, int] = {}
    for kind, check, source, target in cases:
        numbers[kind] = numbers.get(kind, 0) + 1
        # A name entry is checked against the termbase: its context says it is a person's name.
        context = f"{kind}/person/case-{numbers[kind]}/name" if kind in NAME_KINDS else f"{kind}/{numbers[kind]}"
        flags = ["python-brace-format"] if "{" in source else []
        if kind == "fuzzy":  # a translation marked for review
            flags.append("fuzzy")
        po.append(
            polib.POEntry(
                msgctxt=context, msgid=source, msgstr=target, comment=f"expect: {check or 'none'}", flags=flags
            )
        )
    return po


def main(folder: Path = HERE) -> None:
    (folder / "en-zh.po").write_text(format_pofile(catalog(EN_ZH, "zh_Hans", "en")), "utf-8")
    (folder / "zh-en.po").write_text(format_pofile(catalog(ZH_EN, "en", "zh-Hans")), "utf-8")


if __name__ == "__main__":
    main()
