"""A Traditional Chinese edition from the Simplified one (issue 14, item 2) and the newsroom's
translation memory (item 3)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import opencc  # the zh-hant extra, in the test extra: CI installs it
import polib
import pytest
from lxml import etree

import newsbilingual as nb
from newsbilingual.cli import main

ID = "mianyang-high-tech-service"
REPO = Path(__file__).resolve().parents[1]
CONVERTED = "Converted from zh-Hans by OpenCC"


def entries(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgctxt: e for e in polib.pofile(str(path)) if not e.obsolete and e.msgid}


@pytest.fixture
def workspace(tmp_path: Path, seed_story: nb.Story) -> tuple[Path, Path]:
    """The bundled story as a file and a copy of the bundled catalogs."""
    story_file = tmp_path / "story.toml"
    nb.dump_story(seed_story, story_file)
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales, ignore=shutil.ignore_patterns("zh_TW", "zh_HK"))
    return story_file, locales


@pytest.mark.parametrize(
    ("tag", "folder", "converted"), [("zh-Hant-TW", "zh_TW", "專案"), ("zh-Hant-HK", "zh_HK", "項目")]
)
def test_init_from_simplified_converts_every_translation_as_fuzzy(workspace, tag, folder, converted):
    _, locales = workspace
    assert main(["init", "--lang", tag, "--from", "zh-Hans", "--locales", str(locales), "--domain", ID]) == 0
    simplified = entries(locales / "zh" / "LC_MESSAGES" / f"{ID}.po")
    traditional = entries(locales / folder / "LC_MESSAGES" / f"{ID}.po")
    finished = [c for c, e in simplified.items() if e.msgstr and not e.fuzzy]
    assert finished and all(traditional[c].fuzzy and CONVERTED in traditional[c].tcomment for c in finished)
    # Not finished in zh-Hans: not converted.
    assert all(not traditional[c].msgstr for c, e in simplified.items() if e.fuzzy)
    assert converted in traditional["article/headline"].msgstr  # 项目: 專案 in Taiwan, 項目 in Hong Kong
    assert traditional["article/dateline/place"].msgstr == "綿陽"
    # Nothing converted is published before review: the edition falls back to the source text.
    story = nb.load_story(nb.SEED_STORY)
    edition = nb.story_editions(story, locales=locales, languages=[tag])[0]  # only the language asked for
    assert edition.story.article.headline == story.article.headline


def test_update_keeps_converting_new_simplified_work_and_spares_reviewed_entries(workspace):
    story_file, locales = workspace
    assert main(["init", "--lang", "zh-Hant-TW", "--from", "zh-Hans", "--locales", str(locales)]) == 0
    zh_tw = locales / "zh_TW" / "LC_MESSAGES" / f"{ID}.po"
    reviewed = polib.pofile(str(zh_tw))
    for entry in reviewed:
        if entry.msgctxt == "article/headline":
            entry.msgstr = "「高新服務」加速專案落地"
            entry.flags.remove("fuzzy")
    reviewed.save()
    # A new paragraph in the story, translated in zh-Hans after the zh-Hant catalog was made.
    story = nb.load_story(story_file)
    added = nb.Block(id="p10", text="The project will be completed next year.")
    nb.dump_story(replace(story, article=replace(story.article, body=(*story.article.body, added))), story_file)
    assert main(["extract", str(story_file), "--locales", str(locales)]) == 0
    assert main(["update", "--locales", str(locales)]) == 0
    assert not entries(zh_tw)["article/body/p10"].msgstr
    zh = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    simplified = polib.pofile(str(zh))
    for entry in simplified:
        if entry.msgctxt == "article/body/p10":
            entry.msgstr = "该项目将于明年建成。"
    simplified.save()
    assert main(["update", "--locales", str(locales)]) == 0
    new = entries(zh_tw)["article/body/p10"]
    assert (new.msgstr, new.fuzzy) == ("該專案將於明年建成。", True)
    assert CONVERTED in new.tcomment
    headline = entries(zh_tw)["article/headline"]
    assert (headline.msgstr, headline.fuzzy) == ("「高新服務」加速專案落地", False)
    assert headline.tcomment == "Converted from zh-Hans by OpenCC s2twp; reviewed."
    # A reviewed entry whose source is edited turns fuzzy for its reviewer, never re-converted.
    story = nb.load_story(story_file)
    article = replace(story.article, headline="The High-tech Service Speeds up the Landing of Projects")
    nb.dump_story(replace(story, article=article), story_file)
    assert main(["extract", str(story_file), "--locales", str(locales)]) == 0
    assert main(["update", "--locales", str(locales)]) == 0
    headline = entries(zh_tw)["article/headline"]
    assert (headline.msgstr, headline.fuzzy) == ("「高新服務」加速專案落地", True)
    simplified = polib.pofile(str(zh))
    for entry in simplified:
        if entry.msgctxt == "article/headline":
            entry.msgstr, entry.flags = "高新服务加速项目落地", []
    simplified.save()
    assert main(["update", "--locales", str(locales)]) == 0
    headline = entries(zh_tw)["article/headline"]
    assert (headline.msgstr, headline.fuzzy) == ("「高新服務」加速專案落地", True)


def test_an_unreviewed_conversion_follows_a_changed_simplified_translation(workspace):
    _, locales = workspace
    assert main(["init", "--lang", "zh-Hant-TW", "--from", "zh-Hans", "--locales", str(locales), "--domain", ID]) == 0
    zh = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    simplified = polib.pofile(str(zh))
    for entry in simplified:
        if entry.msgctxt == "photo/caption":
            entry.msgstr = "绵阳京东方项目工地"
    simplified.save()
    assert main(["update", "--locales", str(locales), "--domain", ID]) == 0
    caption = entries(locales / "zh_TW" / "LC_MESSAGES" / f"{ID}.po")["photo/caption"]
    assert (caption.msgstr, caption.fuzzy) == ("綿陽京東方專案工地", True)
    assert caption.tcomment.count(CONVERTED) == 1


def test_conversion_needs_a_simplified_source(workspace, capsys):
    _, locales = workspace
    assert main(["init", "--lang", "ja", "--from", "zh-Hans", "--locales", str(locales), "--domain", ID]) == 2
    assert "no conversion from zh-Hans to ja" in capsys.readouterr().err
    assert not (locales / "ja").exists()


def _new_story(seed_story: nb.Story, story_id: str, tmp_path: Path) -> Path:
    """A second story sharing the bundled one's boilerplate (rights notice, holder) but not its text."""
    header = replace(seed_story.article.header, guid=f"urn:newsml:mianyang-daily.example:20180108:{story_id}:article")
    article = replace(
        seed_story.article,
        header=header,
        headline="A new bridge opens in Mianyang",
        body=(nb.Block(id="p01", text="A new bridge opened on Monday."),),
    )
    story = replace(seed_story, id=story_id, article=article, commentary=None, photo=None)
    path = tmp_path / f"{story_id}.toml"
    nb.dump_story(story, path)
    return path


def test_update_prefills_boilerplate_from_other_stories_as_fuzzy_naming_them(workspace, seed_story, tmp_path):
    _, locales = workspace
    path = _new_story(seed_story, "new-bridge", tmp_path)
    assert main(["extract", str(path), "--locales", str(locales)]) == 0
    assert main(["init", "--lang", "zh", "--locales", str(locales), "--domain", "new-bridge"]) == 0
    assert main(["update", "--locales", str(locales)]) == 0
    found = entries(locales / "zh" / "LC_MESSAGES" / "new-bridge.po")
    notice = found["article/rights/notice"]
    assert (notice.msgstr, notice.fuzzy) == ("绵阳日报2017年版权所有，保留一切权利。", True)
    assert ID in notice.tcomment
    assert not found["article/body/p01"].msgstr  # nothing like it was translated before
    # A fuzzy translation elsewhere is not a memory: he-maohua's name is fuzzy in the bundled catalog.
    assert not found.get("article/person/he-maohua/name") or not found["article/person/he-maohua/name"].msgstr


def test_the_same_storys_own_earlier_text_is_taken_as_it_is(workspace):
    story_file, locales = workspace
    story = nb.load_story(story_file)
    # A new keyword whose text the story already translated under another context.
    article = replace(story.article, keywords=(*story.article.keywords, "Huarun group"))
    nb.dump_story(replace(story, article=article), story_file)
    assert main(["extract", str(story_file), "--locales", str(locales)]) == 0
    assert main(["update", "--locales", str(locales), "--domain", ID]) == 0
    keyword = entries(locales / "zh" / "LC_MESSAGES" / f"{ID}.po")["article/keyword/huarun-group"]
    assert (keyword.msgstr, keyword.fuzzy) == ("华润集团", False)


NS = {"n": "http://iptc.org/std/nar/2006-10-01/", "h": "http://www.w3.org/1999/xhtml"}


def reviewed_edition(rendered: dict[str, bytes], folder: str, tag: str, config: str) -> tuple[etree._Element, str]:
    """A bundled Traditional edition's article and body text, after checking that its catalog is
    converted with ``config`` and reviewed: fuzzy only where zh-Hans is (names whose characters
    are to be checked with the reporter), 「」 quotes."""
    catalog = nb.read_po(REPO / "locales" / folder / "LC_MESSAGES" / f"{ID}.po")
    assert catalog.metadata["X-Converted-From"] == f"zh-Hans (OpenCC {config})"
    simplified = entries(REPO / "locales" / "zh" / "LC_MESSAGES" / f"{ID}.po")
    assert [e.msgctxt for e in catalog if e.fuzzy] == [c for c, e in simplified.items() if e.fuzzy]
    article = etree.fromstring(rendered[f"{ID}.article.{tag}.xml"])
    body = "".join(article.xpath("//h:body//text()", namespaces=NS))
    assert "“" not in body and "「" in body
    return article, body


def test_the_bundled_taiwan_edition_is_reviewed_and_uses_the_traditional_conventions(rendered):
    article, body = reviewed_edition(rendered, "zh_TW", "zh-Hant-TW", "s2twp")
    # Taiwan usage checked by a reviewer: 人民幣 named, 成長, 投資案 (see the entries' comments).
    assert "人民幣121.1億元" in body and "成長18.3%" in body
    # An editor's list (issue 22): none of the mainland terms OpenCC carries over is left.
    for mainland in (
        "最佳化服務",
        "審批",
        "資質",
        "落戶",
        "反哺",
        "咱們",
        "招商引資",
        "平臺",
        "全媒體記者",
        "資料顯示",
    ):
        assert mainland not in body
    # Nothing Simplified is left: converting the text again changes nothing, but for 台, which
    # OpenCC always makes 臺 while Taiwan writes 平台 (both are Traditional).
    assert opencc.OpenCC("s2t").convert(body).replace("臺", "台") == body.replace("臺", "台")
    # The library's own words come from the zh-Hant catalog (zh-Hant-TW falls back to it).
    assert article.xpath("//n:dateline/text()", namespaces=NS) == ["本報綿陽12月22日訊"]
    commentary = etree.fromstring(rendered[f"{ID}.commentary.zh-Hant-TW.xml"])
    assert commentary.xpath("//n:contentMeta/n:by/text()", namespaces=NS) == ["□Fang Fayong"]


def test_a_broken_catalog_of_another_story_is_reported_and_stops_no_update(workspace, seed_story, tmp_path, capsys):
    _, locales = workspace
    path = _new_story(seed_story, "new-bridge", tmp_path)
    assert main(["extract", str(path), "--locales", str(locales)]) == 0
    assert main(["init", "--lang", "zh", "--locales", str(locales), "--domain", "new-bridge"]) == 0
    broken = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    broken.write_text(broken.read_text("utf-8") + '\nmsgid "unterminated\n', "utf-8")
    capsys.readouterr()
    assert main(["update", "--locales", str(locales), "--domain", "new-bridge"]) == 2
    captured = capsys.readouterr()
    assert f"{broken}:" in captured.err
    updated = locales / "zh" / "LC_MESSAGES" / "new-bridge.po"
    assert str(updated) in captured.out  # the story being updated was written all the same
    assert entries(updated)["article/rights/notice"].msgstr == ""  # the broken catalog was no memory


def test_a_story_with_no_simplified_catalog_yet_is_converted_once_it_has_one(workspace, seed_story, tmp_path):
    _, locales = workspace
    path = _new_story(seed_story, "new-bridge", tmp_path)
    assert main(["extract", str(path), "--locales", str(locales)]) == 0
    assert main(["init", "--lang", "zh-Hant-TW", "--from", "zh-Hans", "--locales", str(locales)]) == 0
    zh_tw = locales / "zh_TW" / "LC_MESSAGES" / "new-bridge.po"
    assert polib.pofile(str(zh_tw)).metadata["X-Converted-From"] == "zh-Hans (OpenCC s2twp)"
    assert not entries(zh_tw)["article/body/p01"].msgstr
    assert main(["init", "--lang", "zh", "--locales", str(locales), "--domain", "new-bridge"]) == 0
    zh = locales / "zh" / "LC_MESSAGES" / "new-bridge.po"
    simplified = polib.pofile(str(zh))
    for entry in simplified:
        if entry.msgctxt == "article/body/p01":
            entry.msgstr = "一座新桥周一通车。"
    simplified.save()
    assert main(["update", "--locales", str(locales), "--domain", "new-bridge"]) == 0
    converted = entries(zh_tw)["article/body/p01"]
    assert (converted.msgstr, converted.fuzzy) == ("一座新橋週一通車。", True)


def test_update_of_the_bundled_catalogs_changes_nothing(tmp_path):
    """Memory and conversion included: the shipped catalogs are what update makes of them."""
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    assert main(["update", "--locales", str(locales)]) == 0
    for path in sorted((REPO / "locales").glob("*/LC_MESSAGES/*.po")):
        assert (locales / path.relative_to(REPO / "locales")).read_bytes() == path.read_bytes(), path


def test_the_bundled_hong_kong_edition_is_reviewed_and_uses_hong_kong_usage(rendered):
    article, body = reviewed_edition(rendered, "zh_HK", "zh-Hant-HK", "s2hk")
    assert "人民幣121.1億元" in body and "增長18.3%" in body and "1至11月" in body
    assert "流動互聯網" in body and "咱們" not in body and "項目" in body  # 項目, not Taiwan's 專案
    assert article.xpath("//n:dateline/text()", namespaces=NS) == ["本報綿陽12月22日訊"]


def test_the_hong_kong_catalog_checks_clean_with_taiwan_forms_as_its_fallback(capsys):
    # 本報訊 and 綿陽 are in the termbase for zh-Hant-TW only: zh-Hant-HK falls back to them.
    assert main(["check", "--lang", "zh-Hant-HK"]) == 0
    assert "0 error(s)" in capsys.readouterr().err


def test_the_glossary_after_opencc_makes_the_reviewers_choices():
    """What Taiwan's reviewer changed by hand, the next conversion does: most reviewed entries
    of the bundled zh_TW catalog are now exactly the conversion of their zh-Hans text."""
    from newsbilingual.catalog.convert import _converter

    simplified = entries(REPO / "locales" / "zh" / "LC_MESSAGES" / f"{ID}.po")
    taiwan = entries(REPO / "locales" / "zh_TW" / "LC_MESSAGES" / f"{ID}.po")
    finished = [c for c, e in simplified.items() if e.msgstr and not e.fuzzy]
    opencc_alone, converted = opencc.OpenCC("s2twp").convert, _converter("s2twp")
    assert sum(opencc_alone(simplified[c].msgstr) != taiwan[c].msgstr for c in finished) == 23
    # Left to the reviewer: 专案/项目 as an investment (投資案), a plan (計畫) or a works, and
    # rewordings (行業內 → 業界), which depend on the sense, not on the words.
    assert [c for c in finished if converted(simplified[c].msgstr) != taiwan[c].msgstr] == [
        "article/headline",
        "article/body/p02",
        "article/body/p05",
        "article/body/p09",
    ]
