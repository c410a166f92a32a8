"""Terms that know language: derived forms, desk-specific terms, names in compounds, on real catalogs.

Each case writes a real .po file (polib) and runs the public :func:`newsbilingual.check_catalog`
or :func:`newsbilingual.check_story` with the bundled termbase or a TBX file written here.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import polib
import pytest

import newsbilingual as nb

REPO = Path(__file__).resolve().parents[1]
TERMBASE = REPO / "locales" / "termbase.tbx"
ID = "mianyang-high-tech-service"


def catalog(tmp_path: Path, pairs: list[tuple[str, str]], language: str, source: str) -> Path:
    """A .po file of ``pairs`` (source, translation), one paragraph entry each."""
    po = polib.POFile()
    po.metadata = {"Language": language, "X-Source-Language": source, "Content-Type": "text/plain; charset=UTF-8"}
    for number, (msgid, msgstr) in enumerate(pairs, 1):
        po.append(polib.POEntry(msgctxt=f"article/body/p{number:02d}", msgid=msgid, msgstr=msgstr))
    path = tmp_path / f"{source}-{language}.po"
    po.save(str(path))
    return path


def term_messages(path: Path, termbase: Path = TERMBASE, **options: object) -> list[str]:
    return [f.message for f in nb.check_catalog(path, termbase=termbase, **options) if f.check == "terms"]


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("China welcomes Pakistan as a full member.", "中方欢迎巴基斯坦作为正式成员。"),
        ("China's satellite research is led from Shanghai.", "我国卫星技术研究的先锋队位于上海。"),
        ("The relations between China and Russia will deepen.", "中俄关系将继续深化。"),
        ("Next year marks 60 years of China-Cambodia ties.", "明年是中柬建交六十周年。"),
        ("The People's Republic of China was founded in 1949.", "中华人民共和国成立于1949年。"),
        ("The China Securities Regulatory Commission said so.", "证监会日前表示。"),
        ("Heavy fog hit parts of South China.", "南方部分地区出现大雾。"),
        ("She is prima ballerina of the National Ballet of China.", "她是中央芭蕾舞团的首席演员。"),
        ("President Xi met the visitors.", "习主席会见了来访者。"),
        ("Investors from China bought the port.", "中资企业收购了这座港口。"),
        ("Flights between Taiwan and China resumed.", "台湾与大陆之间的航班恢复。"),
    ],
)
def test_derived_forms_and_longer_names_pass_english_to_chinese(tmp_path, english, chinese):
    assert term_messages(catalog(tmp_path, [(english, chinese)], "zh_Hans", "en")) == []


@pytest.mark.parametrize(
    ("chinese", "english"),
    [
        ("62.2%的中国游客回答“购物”。", "62.2% of Chinese tourists answered 'shopping'."),
        ("习近平主席会见了来访者。", "President Xi met the visitors."),
        ("刚刚闭幕的中国共产党第十九次全国代表大会", "The 19th CPC National Congress just concluded"),
        ("发展中国家都认为这点至关重要。", "Developing countries think this is crucial."),
        ("中国石油紧随其后。", "PetroChina followed closely."),
        ("中美关系", "Sino-US relations"),
        ("中国对此表示强烈不满。", "Beijing expressed strong dissatisfaction."),
    ],
)
def test_derived_forms_pass_chinese_to_english(tmp_path, chinese, english):
    assert term_messages(catalog(tmp_path, [(chinese, english)], "en", "zh_Hans")) == []


def test_a_dropped_name_is_still_an_error(tmp_path):
    """Derived forms widen what a translation may say; a translation naming nothing still fails."""
    path = catalog(
        tmp_path,
        [("China will work with all parties.", "将继续同各方一道。"), ("Xi Jinping said so.", "他这样说。")],
        "zh_Hans",
        "en",
    )
    findings = [f for f in nb.check_catalog(path, termbase=TERMBASE) if f.check == "terms"]
    assert [(f.context, f.severity) for f in findings] == [
        ("article/body/p01", nb.check.ERROR),
        ("article/body/p02", nb.check.ERROR),
    ]
    assert "source names 'China'; the translation lacks its zh-Hans form '中国'" in findings[0].message
    # A derived form in the source asks nothing: "Chinese" may be 中文, 华人, 汉语.
    path = catalog(tmp_path, [("Chinese is spoken here.", "这里说汉语。")], "zh_Hans", "en")
    assert term_messages(path) == []
    path = catalog(tmp_path, [("中国将同各方一道努力。", "All parties will work together.")], "en", "zh_Hans")
    assert term_messages(path) == [
        "source names '中国'; the translation lacks its en form 'China' or \"People's Republic of China\""
    ]


def test_a_name_inside_a_hyphenated_compound_is_found(tmp_path):
    obama = nb.Term("barack-obama", "person", (nb.TermForm("en", "Obama"), nb.TermForm("zh-Hans", "奥巴马")))
    termbase = nb.write_termbase(nb.Termbase((obama,)), tmp_path / "termbase.tbx")
    slip = catalog(tmp_path, [("The Obama-era rules were dropped.", "前届政府时代的规定被取消。")], "zh_Hans", "en")
    assert term_messages(slip, termbase) == ["source names 'Obama'; the translation lacks its zh-Hans form '奥巴马'"]
    right = catalog(tmp_path, [("The Obama-era rules were dropped.", "奥巴马时代的规定被取消。")], "zh_Hans", "en")
    assert term_messages(right, termbase) == []


def test_latin_target_forms_match_whole_words(tmp_path):
    """The short form "Xi" is not found inside "Xinhua"."""
    path = catalog(tmp_path, [("习近平会见了代表。", "Xinhua reported the meeting.")], "en", "zh_Hans")
    assert term_messages(path) == ["source names '习近平'; the translation lacks its en form 'Xi Jinping'"]


def test_a_desk_specific_term_applies_to_its_own_desk_only(tmp_path, seed_story):
    """本报讯 → Mianyang News is Mianyang Daily's own label: required in its stories, nobody else's."""
    termbase = nb.read_termbase(TERMBASE)
    assert termbase.get("mianyang-news").desk == "https://www.mianyang-daily.example/"
    pairs = [("本报讯 绵阳举行了会议。", "A meeting was held in Mianyang.")]
    path = catalog(tmp_path, pairs, "en", "zh_Hans")
    assert term_messages(path) == []  # whose copy it is is not known: the desk's term is not applied
    other = ("Another Paper", "https://another-paper.example/")
    assert term_messages(path, provider=other) == []
    own = ("Mianyang Daily", "https://www.mianyang-daily.example/")
    assert term_messages(path, provider=own) == [
        "source names '本报讯'; the translation lacks its en form 'Mianyang News'"
    ]


def test_a_desk_specific_term_in_check_story(tmp_path, seed_story):
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    path = nb.catalog_path(locales, ID, "zh")
    text = path.read_text("utf-8")
    path.write_text(text.replace('msgid "Mianyang News"\nmsgstr "本报讯"', 'msgid "Mianyang News"\nmsgstr "绵阳新闻"'))
    own = [f for f in nb.check_story(seed_story, locales, languages=["zh"]) if f.check == "terms"]
    assert [(f.context, f.severity) for f in own] == [("article/dateline/label", nb.check.ERROR)]
    header = dataclasses.replace(
        seed_story.article.header, provider=nb.Provider(name="Another Paper", uri="https://another-paper.example/")
    )
    other_story = dataclasses.replace(seed_story, article=dataclasses.replace(seed_story.article, header=header))
    assert [f for f in nb.check_story(other_story, locales, languages=["zh"]) if f.check == "terms"] == []


def test_derived_forms_and_desks_round_trip_through_tbx(tmp_path):
    termbase = nb.read_termbase(TERMBASE)
    copy = nb.read_termbase(nb.write_termbase(termbase, tmp_path / "copy.tbx"))
    assert copy.terms == termbase.terms  # the same bytes: the same lines too
    china = copy.get("china")
    derived = {form.text for form in china.forms_in("zh-Hans") if form.derived}
    assert {"中方", "我国", "中美"} <= derived and "中国" not in derived
    assert (tmp_path / "copy.tbx").read_bytes() == TERMBASE.read_bytes()
