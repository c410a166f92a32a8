"""Any language a newsroom adds (issue 14, item 1) and each locale's conventions (item 5)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from babel.messages.plurals import get_plural
from conftest import SENT
from lxml import etree

import newsbilingual as nb
from newsbilingual.catalog.localeformat import format_dateline, han_latin_spacer
from newsbilingual.cli import main

ID = "mianyang-high-tech-service"
REPO = Path(__file__).resolve().parents[1]
NS = {"n": "http://iptc.org/std/nar/2006-10-01/", "h": "http://www.w3.org/1999/xhtml"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SENT_OPTION = ["--sent", SENT.isoformat()]


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A copy of the bundled catalogs, to add languages to."""
    folder = tmp_path / "locales"
    shutil.copytree(REPO / "locales", folder)
    return folder


def translate(path: Path, fill) -> None:
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = fill(entry)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalog.save()


@pytest.mark.parametrize(
    ("name", "tag", "folder", "po_code"),
    [
        ("ja", "ja", "ja", "ja"),
        ("fr", "fr", "fr", "fr"),
        ("de", "de", "de", "de"),
        ("zh-Hant", "zh-Hant", "zh_Hant", "zh_Hant"),
        ("zh_Hant", "zh-Hant", "zh_Hant", "zh_Hant"),
        ("zh_TW", "zh-Hant-TW", "zh_TW", "zh_Hant_TW"),
        ("zh-Hant-TW", "zh-Hant-TW", "zh_TW", "zh_Hant_TW"),
        ("zh-hk", "zh-Hant-HK", "zh_HK", "zh_Hant_HK"),
        ("pt_BR", "pt-BR", "pt_BR", "pt_BR"),
        ("zh", "zh-Hans", "zh", "zh_Hans"),
        ("zh_CN", "zh-Hans", "zh", "zh_Hans"),
        ("en", "en", "en", "en"),
        ("zh_SG", "zh-Hans-SG", "zh_SG", "zh_Hans_SG"),
        ("sr-Cyrl-RS", "sr-Cyrl-RS", "sr_Cyrl_RS", "sr_Cyrl_RS"),
        ("es_419", "es-419", "es_419", "es_419"),
    ],
)
def test_every_name_of_a_language_maps_to_one_tag_folder_and_po_code(name, tag, folder, po_code):
    language = nb.get_language(name)
    assert (language.tag, language.catalog_dir, language.po_code) == (tag, folder, po_code)
    # Every name a language has leads back to it.
    assert {nb.get_language(other) for other in (language.tag, language.catalog_dir, language.po_code)} == {language}
    plural = get_plural(language.babel_locale)
    if language.tag.split("-")[0] not in ("fr", "pt", "es"):  # GNU gettext's forms there, see below
        assert language.plural_forms == f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


GNU_DIFFERS = ["fr", "fr-CA", "pt-BR", "pt", "es", "es-419", "it", "he", "lv"]


@pytest.mark.skipif(not shutil.which("msginit"), reason="GNU gettext not installed; CI installs it")
@pytest.mark.parametrize("name", [*GNU_DIFFERS, "ja", "vi", "de", "ru", "pl", "cs", "uk", "lt", "sl"])
def test_plural_forms_have_the_forms_gnu_msginit_writes(tmp_path, name):
    """Where CLDR counts other forms than GNU gettext (fr: 3 against 2), the header is msginit's,
    as Weblate and every catalog in the wild have it; elsewhere CLDR's (the same count)."""
    pot = tmp_path / "x.pot"
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    pot.write_text(header + '\nmsgid "a"\nmsgstr ""\n', "utf-8")
    language = nb.get_language(name)
    command = ["msginit", "--no-translator", "-l", language.po_code, "-i", str(pot), "-o", "-"]
    theirs = polib.pofile(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    gnu = theirs.metadata["Plural-Forms"]
    assert language.plural_forms.split(";")[0] == gnu.split(";")[0]
    if name in GNU_DIFFERS:
        assert language.plural_forms == gnu


def test_ca_has_the_two_forms_weblate_gives_it():  # msginit's table has no Catalan
    assert nb.get_language("ca").plural_forms == "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "22 декабря"), ("pl", "22 grudnia"), ("vi", "22 tháng 12"), ("uk", "22 грудня"), ("cs", "22. prosince")],
)
def test_datelines_use_the_genitive_month_where_the_language_declines_it(language, expected):
    dateline = nb.Dateline(place="X", date=dt.date(2017, 12, 22))
    assert format_dateline(dateline, language) == f"X, {expected}"


@pytest.mark.parametrize(("language", "expected"), [("en", "Dec 22"), ("fr", "22 déc."), ("zh-Hans", "12月22日")])
def test_datelines_keep_the_short_month_where_it_is_not_declined(language, expected):
    assert expected in format_dateline(nb.Dateline(place="X", date=dt.date(2017, 12, 22)), language)


def test_update_restores_the_header_fields_another_tool_blanked(locales):
    zh = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    pristine = zh.read_bytes()
    text = zh.read_text("utf-8").replace('"Language: zh_Hans\\n"\n', '"Language: \\n"\n')
    text = text.replace('"Plural-Forms: nplurals=1; plural=0;\\n"\n', "")
    assert text != pristine.decode()
    zh.write_text(text, "utf-8")
    assert main(["update", "--locales", str(locales), "--domain", ID]) == 0
    assert zh.read_bytes() == pristine


@pytest.mark.parametrize("name", ["xx", "qq-ZZ", "zh-Hant-TW-x", "../zh", "", "LC_MESSAGES", "english"])
def test_unknown_or_malformed_tags_are_refused(name):
    with pytest.raises(nb.NewsbilingualError, match="unsupported language"):
        nb.get_language(name)


def test_library_messages_fall_back_from_region_to_script_never_to_simplified():
    # Then Taiwan's forms (CLDR's likeliest region for zh-Hant) before the source's.
    assert nb.get_language("zh-Hant-HK").fallbacks == ("zh-Hant-HK", "zh-Hant", "zh-Hant-TW")
    assert nb.get_language("zh-Hant-TW").fallbacks == ("zh-Hant-TW", "zh-Hant")
    assert nb.get_language("fr-CA").fallbacks == ("fr-CA", "fr")
    dateline = nb.Dateline(place="綿陽", date=dt.date(2017, 12, 22), label="本報")
    # zh-Hant-HK has no catalog of the library's domain: zh-Hant's Traditional form is used, not zh's 讯.
    assert format_dateline(dateline, "zh-Hant-HK") == "本報綿陽12月22日訊"
    assert format_dateline(dateline, "zh-Hant-TW") == "本報綿陽12月22日訊"
    # A language with no catalog of the domain at all gets the English pattern and its own CLDR date.
    assert format_dateline(nb.Dateline(place="Paris", date=dt.date(2017, 12, 22), label="AFP"), "fr") == (
        "Paris, 22 déc. (AFP)"
    )


@pytest.mark.parametrize(("name", "folder", "language_header"), [("ja", "ja", "ja"), ("zh_TW", "zh_TW", "zh_Hant_TW")])
def test_init_starts_any_language_with_cldr_headers(locales, name, folder, language_header):
    assert main(["init", "--lang", name, "--locales", str(locales), "--domain", ID]) == 0
    catalog = polib.pofile(str(locales / folder / "LC_MESSAGES" / f"{ID}.po"))
    language = nb.get_language(name)
    assert catalog.metadata["Language"] == language_header
    assert catalog.metadata["Plural-Forms"] == language.plural_forms
    assert catalog.metadata["Language-Team"] == language.english_name


@pytest.mark.skipif(not shutil.which("msginit"), reason="GNU gettext (msginit) not installed; CI installs it")
def test_a_catalog_made_with_msginit_is_updated_compiled_counted_and_rendered(locales, tmp_path, capsys):
    ja = locales / "ja" / "LC_MESSAGES" / f"{ID}.po"
    ja.parent.mkdir(parents=True)
    subprocess.run(
        ["msginit", "--no-translator", "-l", "ja", "-i", str(locales / f"{ID}.pot"), "-o", str(ja)],
        check=True,
        capture_output=True,
    )
    translate(ja, lambda entry: "訳：" + entry.msgctxt if entry.msgctxt == "article/headline" else "")
    assert main(["update", "--locales", str(locales)]) == 0
    assert str(ja) in capsys.readouterr().out
    assert main(["compile", "--locales", str(locales)]) == 0
    assert ja.with_suffix(".mo").is_file()
    capsys.readouterr()
    assert (locales / "zh" / "LC_MESSAGES" / f"{ID}.mo").is_file()
    assert main(["stats", "--json", "--locales", str(locales)]) == 0
    rows = {(row["domain"], row["language"]): row for row in json.loads(capsys.readouterr().out)}
    assert rows[(ID, "ja")]["translated"] == 1
    assert (ID, "zh-Hans") in rows
    out = tmp_path / "out"
    assert main(["render", "--locales", str(locales), "-o", str(out), *SENT_OPTION]) == 0
    article = etree.parse(str(out / f"{ID}.article.ja.xml")).getroot()
    assert article.get(XML_LANG) == "ja"
    assert "".join(article.xpath("//n:contentMeta/n:headline//text()", namespaces=NS)) == "訳：article/headline"


def test_a_folder_that_names_no_language_is_an_error_naming_it_and_stops_no_other(locales, tmp_path, capsys):
    bad = locales / "klingon" / "LC_MESSAGES" / f"{ID}.po"
    bad.parent.mkdir(parents=True)
    shutil.copy(locales / "zh" / "LC_MESSAGES" / f"{ID}.po", bad)
    zh_mo = locales / "zh" / "LC_MESSAGES" / f"{ID}.mo"
    zh_mo.unlink()
    for command in (["compile"], ["stats"], ["update"]):
        assert main([*command, "--locales", str(locales)]) == 2, command
        captured = capsys.readouterr()
        assert f"{bad}: unsupported language 'klingon'" in captured.err
        assert "zh-Hans" in captured.out or str(locales / "zh") in captured.out
    assert zh_mo.is_file()
    assert not bad.with_suffix(".mo").exists()
    out = tmp_path / "out"
    assert main(["render", "--locales", str(locales), "-o", str(out), *SENT_OPTION]) == 0
    assert f"{bad}: unsupported language 'klingon'" in capsys.readouterr().err
    assert {path.name.split(".")[2] for path in out.glob(f"{ID}.article.*.xml")} == {
        "en",
        "zh-Hans",
        "zh-Hant-HK",
        "zh-Hant-TW",
    }


@pytest.mark.parametrize("name", ["ja", "fr", "de", "zh-Hant", "zh_TW"])
def test_render_publishes_any_language_babel_knows(tmp_path, locales, name):
    # A language is rendered once it has a catalog (untranslated: a preview in the source text).
    assert main(["init", "--lang", name, "--locales", str(locales), "--domain", ID]) == 0
    out = str(tmp_path / "out")
    assert main(["render", "-o", out, "--lang", name, "--locales", str(locales), *SENT_OPTION]) == 0
    tag = nb.get_language(name).tag
    article = etree.parse(str(tmp_path / "out" / f"{ID}.article.{tag}.xml")).getroot()
    assert article.get(XML_LANG) == tag


def test_four_language_editions_are_valid_and_linked(locales, seed_story, schema):
    shutil.rmtree(locales / "zh_HK")  # the bundled Hong Kong catalog: four languages here
    for name in ("ja", "zh-Hant-TW"):
        assert main(["init", "--lang", name, "--locales", str(locales), "--domain", ID]) == 0
    translate(locales / "ja" / "LC_MESSAGES" / f"{ID}.po", lambda entry: f"日本語：{entry.msgid}")
    translate(locales / "zh_TW" / "LC_MESSAGES" / f"{ID}.po", lambda entry: f"繁體：{entry.msgid}")
    rendered = nb.render_story(seed_story, locales=locales, clock=lambda: SENT)
    tags = ("en", "ja", "zh-Hans", "zh-Hant-TW")
    assert {name.split(".")[2] for name in rendered if name.count(".") == 3} == set(tags)
    for name, data in rendered.items():
        assert nb.validate_document(data, source=name, schema=schema) == [], name
    for role in ("article", "commentary", "photo"):
        items = {tag: etree.fromstring(rendered[f"{ID}.{role}.{tag}.xml"]) for tag in tags}
        source = items["en"]
        assert source.xpath("//n:link[@rel='nbrel:hasTranslation']/@residref", namespaces=NS) == [
            items[tag].get("guid") for tag in tags[1:]
        ]
        for tag in tags[1:]:
            item = items[tag]
            assert item.get(XML_LANG) == tag
            assert item.xpath("//n:contentMeta/n:language/@tag", namespaces=NS) == [tag]
            assert item.xpath("//n:link[@rel='nbrel:translationOf']/@residref", namespaces=NS) == [source.get("guid")]
    package = etree.fromstring(rendered[f"{ID}.package.xml"])
    refs = package.xpath("//n:groupSet/n:group[@role='nbgrp:article']/n:itemRef", namespaces=NS)
    assert [ref.get("residref").rsplit(":", 1)[1] for ref in refs] == list(tags)


# Item 5: each locale's own conventions, as the bundled catalogs of the library's domain give them.


def test_chinese_dateline_is_the_papers_own_report_form(rendered):
    zh = etree.fromstring(rendered[f"{ID}.article.zh-Hans.xml"])
    assert zh.xpath("//n:dateline/text()", namespaces=NS) == ["本报绵阳12月22日讯"]
    en = etree.fromstring(rendered[f"{ID}.article.en.xml"])
    assert en.xpath("//n:dateline/text()", namespaces=NS) == ["Mianyang, Dec 22 (Mianyang News)"]
    # A label written whole, as Chinese copy has it, is not doubled; without a label, place and date.
    whole = nb.Dateline(place="绵阳", date=dt.date(2017, 12, 22), label="本报讯")
    assert format_dateline(whole, "zh-Hans") == "本报绵阳12月22日讯"
    assert format_dateline(nb.Dateline(place="绵阳", date=dt.date(2017, 12, 22)), "zh-Hans") == "绵阳12月22日"


def test_commentary_author_line_has_the_square_mark_in_chinese_only(rendered):
    zh = etree.fromstring(rendered[f"{ID}.commentary.zh-Hans.xml"])
    en = etree.fromstring(rendered[f"{ID}.commentary.en.xml"])
    assert zh.xpath("//n:contentMeta/n:by/text()", namespaces=NS) == ["□Fang Fayong"]
    assert en.xpath("//n:contentMeta/n:by/text()", namespaces=NS) == ["Fang Fayong"]
    article = etree.fromstring(rendered[f"{ID}.article.zh-Hans.xml"])
    assert article.xpath("//n:contentMeta/n:by/text()", namespaces=NS) == ["绵阳日报全媒体记者 Deng Xuelin"]


def test_chinese_and_latin_text_are_spaced_one_way(rendered):
    zh = etree.fromstring(rendered[f"{ID}.article.zh-Hans.xml"])
    body = "".join(zh.xpath("//h:body//text()", namespaces=NS))
    assert "执行总指挥 Chang Cheng" in body
    assert "Lu Lida 的数控机床" in body
    # Figures are not spaced: 12月22日, 121.1亿元.
    assert "121.1亿元" in body
    han, latin = "[\u4e00-\u9fff]", "[A-Za-z]"
    assert not re.search(f"{han}{latin}|{latin}{han}", body)
    assert han_latin_spacer("en")("执行总指挥Chang Cheng于12月22日") == "执行总指挥Chang Cheng于12月22日"
    assert han_latin_spacer("zh-Hans")("执行总指挥Chang Cheng于12月22日") == "执行总指挥 Chang Cheng 于12月22日"


def test_a_newsroom_changes_the_library_formats_in_its_own_catalog(locales, seed_story):
    library = locales / "zh" / "LC_MESSAGES" / "newsbilingual.po"
    catalog = polib.pofile(str(library))
    for entry in catalog:
        if entry.msgid == "{place}, {date} ({label})":
            entry.msgstr = "{label} {place}{date}"  # the form this library printed before
        if entry.msgid == "{han}{latin}":
            entry.msgstr = "{han}{latin}"
    catalog.save()
    assert main(["compile", "--locales", str(locales), "--domain", "newsbilingual"]) == 0
    rendered = nb.render_story(seed_story, locales=locales, clock=lambda: SENT)
    article = etree.fromstring(rendered[f"{ID}.article.zh-Hans.xml"])
    assert article.xpath("//n:dateline/text()", namespaces=NS) == ["本报讯 绵阳12月22日"]
    assert "执行总指挥Chang Cheng" in "".join(article.xpath("//h:body//text()", namespaces=NS))
    # The bundled catalogs, and so every other newsroom, are unchanged.
    bundled = nb.render_story(seed_story, locales=nb.locales_dir(), clock=lambda: SENT)
    assert b"\xe8\xae\xaf</dateline>" in bundled[f"{ID}.article.zh-Hans.xml"]  # 讯


def test_a_folder_named_the_way_another_tool_names_it_is_used_in_place(locales, tmp_path, capsys):
    # Weblate and msginit -l zh_Hant_TW name the folder after the PO code, not zh_TW.
    folder = locales / "zh_Hant_TW" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(locales / "zh_TW" / "LC_MESSAGES" / f"{ID}.po", folder / f"{ID}.po")
    shutil.rmtree(locales / "zh_TW")
    assert main(["init", "--lang", "zh-Hant-TW", "--locales", str(locales), "--domain", ID]) == 0
    assert not (locales / "zh_TW").exists()  # the catalog is there already, under its other name
    assert main(["update", "--locales", str(locales)]) == 0
    assert str(folder / f"{ID}.po") in capsys.readouterr().out
    out = tmp_path / "out"
    assert main(["render", "--locales", str(locales), "-o", str(out), "--lang", "zh_TW", *SENT_OPTION]) == 0
    article = etree.parse(str(out / f"{ID}.article.zh-Hant-TW.xml")).getroot()
    assert "投資案" in "".join(article.xpath("//n:contentMeta/n:headline//text()", namespaces=NS))
    # Two folders of one language: the second is an error naming it, the first is still used.
    shutil.copytree(locales / "zh_Hant_TW", locales / "zh-Hant-TW")
    assert main(["compile", "--locales", str(locales)]) == 2
    assert "a second zh-Hant-TW catalog" in capsys.readouterr().err
    assert (folder / f"{ID}.mo").is_file()
