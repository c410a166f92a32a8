"""The meaning slips copy editors catch (issue 19), on sentences of real WMT18 news pairs (dev rows):
a figure said to rise on one side and fall on the other, "more than" against "less than" or
"about", two like figures exchanged; and the correct translations they come from, which must
stay clean. Through ``check_catalog``, swaps and "about" against "more than" are warnings."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

import newsbilingual as nb
from newsbilingual.check.figures import match_read
from newsbilingual.check.meaning import meaning_problems


def problems(source: str, target: str) -> list[str]:
    languages = ("zh", "en") if "\u4e00" <= source[0] <= "\u9fff" else ("en", "zh")
    pairs, _ = match_read(nb.read_figures(source, languages[0]), nb.read_figures(target, languages[1]))
    return [problem.check for problem in meaning_problems(source, target, pairs)]


SLIPS = [
    # A rise of one figure written as a fall, while the sentence still speaks of a rise elsewhere (w18-2569).
    (
        "Crude oil futures ended the day up US$2.04 or 4.56% at US$46.80 pbl.",
        "原油期货价格下跌2.04美元，收于每桶46.80美元，涨幅为4.56%。",
        "direction",
    ),
    ("It posted a 5% drop in sales.", "其销售额增长5%。", "direction"),
    (
        "The Bank's downgraded growth forecasts compare with 1.9%.",
        "该行的增长预测呈增长趋势，此前为1.9%。",
        "direction",
    ),
    (
        "数据显示，2017年全球平均地表温度比工业化前时代高出了约1.1摄氏度。",
        "In 2017 it was about 1.1℃ lower than before.",
        "direction",
    ),
    # More than, less than, about.
    ("killing more than a thousand people.", "曾造成近一千人死亡", "comparison"),
    ("sales amounted to approximately RMB5.08 trillion", "零售额超过5.08万亿元", "comparison"),
    (
        "442 instances suggest the person is 18 years or older.",
        "有 442 例表明此受试者已年满 18 岁或以下。",
        "comparison",
    ),
    ("今年的产量是70辆以上。", "This year's output is less than 70 units.", "comparison"),
    ("该项检测服务已突破二百四十万例。", "The test has been provided to less than 2.4 million people.", "comparison"),
    ("at least 25 journalists have died", "已经最多有 25 名记者死亡", "comparison"),
    # Two like figures exchanged: ages, with names between; scores with a figure between; counts.
    (
        "Warrants were issued for Wyndham Lathem, 42, and Andrew Warren, 56.",
        "法院对56 岁的温德姆·莱塞姆和 42 岁的安德鲁·沃伦发出拘捕令。",
        "swapped",
    ),
    (
        "The average score is 4.5 points, appraisers number more than 16 million, 11 million give 5 points.",
        "平均评分高达5分，评价人数1600多万，4.5分好评人数多达1100万。",
        "swapped",
    ),
    (
        "there were 2,776 cases of organ donations, and 10,057 organ transplant surgeries performed",
        "捐献器官10057例，完成2776例器官移植手术",
        "swapped",
    ),
    (
        "limit its squads to 21 players for the 2014-15 season instead of the normal 25.",
        "在2014-15 赛季该球队减少球员到 25 名，而不是正常的 21 名球员。",
        "swapped",
    ),
]


@pytest.mark.parametrize(("source", "target", "check"), SLIPS)
def test_a_slip_is_found(source, target, check):
    assert problems(source, target) == [check]


CORRECT = [
    (
        "Crude oil futures ended the day up US$2.04 or 4.56% at US$46.80 pbl.",
        "原油期货价格上涨2.04美元，收于每桶46.80美元，涨幅为4.56%。",
    ),
    ("The Bank cut its forecasts for growth to 1.7% in 2017.", "英格兰银行将2017年的增长预测下调至1.7%。"),
    (
        "sales amounted to approximately RMB5.08 trillion, services nearly RMB1.49 trillion",
        "约5.08万亿元，服务近1.49万亿元",
    ),
    ("approximately RMB5.08 trillion", "近5.08万亿元"),  # about and nearly: how translators render each other
    ("killing more than a thousand people.", "曾造成一千多人死亡"),
    ("442 instances suggest the person is 18 years or older.", "有 442 例表明此受试者已年满 18 岁或以上。"),
    (
        "Warrants were issued for Wyndham Lathem, 42, and Andrew Warren, 56.",
        "法院对42 岁的温德姆·莱塞姆和 56 岁的安德鲁·沃伦发出拘捕令。",
    ),
    # A part and its whole: Chinese names the whole first.
    ("Only three of the nine NGOs have agreed.", "在九个非政府组织中，只有三个已同意。"),
    ("Two of the movement's three founders identify as queer.", "该运动三位创始人中的两位被认定为酷儿。"),
    ("all tendons and two nerves of her five fingers were repaired", "医生修复了她5根手指的所有肌腱和2根神经"),
    # A clause fronted, years reordered: no swap one can point at.
    ("16 delegates from 11 countries", "来自11个国家的16名代表"),
    ("the 1.7% in 2017 and 1.6% in 2018 forecast", "2017 年和 2018 年的预测分别为 1.7% 和 1.6%"),
]


@pytest.mark.parametrize(("source", "target"), CORRECT)
def test_a_correct_translation_has_no_meaning_problem(source, target):
    assert problems(source, target) == []


def test_a_swap_is_a_warning_in_a_catalog(tmp_path: Path):
    """A warning: held-out real pairs showed the rule flagging pairs nobody has read yet (meaning.Problem)."""
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "zh_Hans", "X-Source-Language": "en"}
    source = "Both of Wang Xinglian, 73, and Wang Shuyu, 71, are natives of Hutou Village."
    catalog.append(polib.POEntry(msgctxt="ok", msgid=source, msgstr="汪兴莲今年73岁，汪淑玉71岁，都是虎头村本地人。"))
    catalog.append(polib.POEntry(msgctxt="slip", msgid=source, msgstr="汪兴莲今年71岁，汪淑玉73岁，都是虎头村本地人。"))
    catalog.save(str(tmp_path / "zh.po"))
    found = [(f.context, f.check, f.severity) for f in nb.check_catalog(tmp_path / "zh.po")]
    assert found == [("slip", "meaning", nb.check.WARNING)]
    [finding] = [f for f in nb.check_catalog(tmp_path / "zh.po")]
    assert finding.message == "figures swapped: the source gives 73 before 71, the translation 71 first"


def test_swapped_years_are_found():
    """WMT18 pair 2407, with its two years exchanged."""
    source = "China's investment in Macedonia began in 2006, in Serbia in 2008. And in 2009, COSCO bought Piraeus."
    assert problems(source, "中国在马其顿的投资始于2009年，在塞尔维亚则是2008年，2006年，中远买下了比雷埃夫斯港。") == [
        "swapped"
    ]
    assert (
        problems(source, "中国在马其顿的投资始于2006年，在塞尔维亚则是2008年，2009年，中远买下了比雷埃夫斯港。") == []
    )


def test_about_against_more_than_is_a_warning(tmp_path: Path):
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "zh_Hans", "X-Source-Language": "en"}
    catalog.append(
        polib.POEntry(msgid="Sales amounted to approximately RMB5.08 trillion.", msgstr="零售额超过5.08万亿元。")
    )
    catalog.save(str(tmp_path / "zh.po"))
    found = [(f.check, f.severity, f.message) for f in nb.check_catalog(tmp_path / "zh.po")]
    message = "the source says about RMB5.08 trillion, the translation more than 5.08万亿元"
    assert found == [("meaning", nb.check.WARNING, message)]
