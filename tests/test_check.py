"""newsbilingual check: figures by value, terms, typography, completeness, exceptions, the publish gate.

Everything runs on real catalogs: the bundled ones (which must give no error), copies with
planted errors, and the planted-error corpus under tests/data/check-corpus/.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import polib
import pytest
from babel.numbers import format_compact_decimal, format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

import newsbilingual as nb
from newsbilingual.cli import main
from tests.conftest import fixed_clock

ID = "mianyang-high-tech-service"
REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "check-corpus"
TERMBASE = REPO / "locales" / "termbase.tbx"


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A copy of the bundled catalogs (with the termbase) to plant errors in."""
    folder = tmp_path / "locales"
    shutil.copytree(REPO / "locales", folder)
    return folder


def zh_po(locales: Path) -> Path:
    return nb.catalog_path(locales, ID, "zh")


def plant(locales: Path, old: str, new: str, language: str = "zh") -> None:
    """Replace ``old`` by ``new`` in the catalog of ``language`` (exactly once)."""
    path = nb.catalog_path(locales, ID, language)
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def unfuzzy(locales: Path) -> None:
    """Accept the pinyin names (drop every fuzzy mark in every language), so that strict mode can publish."""
    for path in locales.glob(f"*/LC_MESSAGES/{zh_po(locales).name}"):
        path.write_text(path.read_text("utf-8").replace("#, fuzzy\n", ""), "utf-8")


# --- the bundled catalogs ------------------------------------------------------------------


def test_bundled_catalogs_give_no_error(seed_story):
    """Every bundled language of the story (zh-Hans, zh-Hant-TW, en) is checked, and gives warnings only."""
    findings = nb.check_story(seed_story, nb.locales_dir())
    assert [str(f) for f in findings if f.severity == nb.check.ERROR] == []
    # The names whose characters nobody knows are reported, as warnings, with the termbase's note,
    # in the Simplified and the Traditional edition alike.
    for language in ("zh-Hans", "zh-Hant-TW"):
        latin = {f.context for f in findings if f.check == "latin-names" and f.language == language}
        assert {"article/body/p01", "article/body/p03", "article/body/p06", "commentary/byline/fang-fayong"} <= latin
        notes = {f.message for f in findings if f.check == "latin-names" and f.language == language}
        assert all("unverified in the termbase: " in message for message in notes), notes
    assert all(f.severity == nb.check.WARNING for f in findings)
    assert main(["check", "--locales", str(nb.locales_dir())]) == 0


def test_both_languages_are_checked(seed_story, locales):
    path = nb.catalog_path(locales, ID, "en")
    text = path.read_text("utf-8")
    path.write_text(text.replace('msgstr "Mianyang"', 'msgstr "Mianyang。"', 1), "utf-8")
    findings = nb.check_story(seed_story, locales)
    assert any(f.language == "en" and f.check == "typography" and "'。'" in f.message for f in findings)
    assert not any(f.language == "en" for f in nb.check_story(seed_story, locales, languages=["zh"]))


def test_bundled_translation_read_backwards_is_clean_too(tmp_path):
    """Chinese as the source, the English as its translation: the checks work in both directions."""
    backwards = polib.POFile()
    backwards.metadata = {"Language": "en", "X-Source-Language": "zh-Hans", "Content-Type": "text/plain; charset=UTF-8"}
    for entry in nb.read_po(zh_po(REPO / "locales")):
        if entry.msgstr and not entry.fuzzy and not entry.obsolete:
            backwards.append(polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgstr, msgstr=entry.msgid))
    backwards.save(str(tmp_path / "en.po"))
    findings = nb.check_catalog(tmp_path / "en.po", termbase=TERMBASE)
    # Only the English text's own typo "high -tech zone" (commentary p01) is found.
    assert [(f.context, f.check) for f in findings] == [("commentary/body/p01", "terms")]


# --- the planted-error corpus --------------------------------------------------------------


def corpus_cases() -> list[tuple[str, str, str]]:
    cases = []
    for name in ("en-zh.po", "zh-en.po"):
        for entry in polib.pofile(str(CORPUS / name)):
            cases.append((name, entry.msgctxt, entry.comment.removeprefix("expect: ")))
    return cases


@pytest.fixture(scope="module")
def corpus_findings() -> dict[tuple[str, str], list[nb.Finding]]:
    found: dict[tuple[str, str], list[nb.Finding]] = {}
    for name in ("en-zh.po", "zh-en.po"):
        for finding in nb.check_catalog(CORPUS / name, termbase=TERMBASE):
            found.setdefault((name, finding.context), []).append(finding)
    return found


def test_corpus_is_large_and_covers_both_directions():
    cases = corpus_cases()
    planted = [case for case in cases if case[2] != "none"]
    assert len(planted) >= 100
    en_zh = {context.split("/")[0] for n, context, _ in planted if n == "en-zh.po"}
    zh_en = {context.split("/")[0] for n, context, _ in planted if n == "zh-en.po"}
    both = en_zh & zh_en
    assert {"scale-slip", "point-to-percent", "percent-to-point", "dropped-number", "added-number"} <= both
    assert {"term-swap", "missing-term", "name-conflict", "unbalanced-brackets", "end-punctuation"} <= both


def test_corpus_files_are_what_build_py_writes(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_corpus", CORPUS / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    build.main(tmp_path)
    for name in ("en-zh.po", "zh-en.po"):
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes()


@pytest.mark.parametrize(("name", "context", "expect"), corpus_cases())
def test_corpus_case(corpus_findings, name, context, expect):
    found = corpus_findings.get((name, context), [])
    if expect == "none":
        assert [f"{f.check}: {f.message}" for f in found] == []
    else:
        assert expect in {finding.check for finding in found}, [f"{f.check}: {f.message}" for f in found]


def test_corpus_converted_to_traditional_is_checked_the_same(tmp_path, corpus_findings):
    """The en-zh corpus converted by OpenCC s2twp (characters and Taiwan's words: 億, 個百分點, 平方公尺)
    as a zh-Hant-TW catalog: every planted error is found again, and nothing else."""
    import opencc

    convert = opencc.OpenCC("s2twp").convert
    catalog = polib.pofile(str(CORPUS / "en-zh.po"))
    catalog.metadata["Language"] = "zh_Hant_TW"
    for entry in catalog:
        entry.msgstr = convert(entry.msgstr)
    catalog.save(str(tmp_path / "en-zh_TW.po"))
    traditional: dict[str, set[str]] = {}
    for finding in nb.check_catalog(tmp_path / "en-zh_TW.po", termbase=TERMBASE):
        assert finding.language == "zh-Hant-TW"
        traditional.setdefault(finding.context, set()).add(finding.check)
    simplified: dict[str, set[str]] = {}
    for (name, context), findings in corpus_findings.items():
        if name == "en-zh.po":
            simplified[context] = {finding.check for finding in findings}
    planted = {context for name, context, expect in corpus_cases() if name == "en-zh.po" and expect != "none"}
    assert planted <= set(traditional)
    assert traditional == simplified


# --- figures -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("12.11 billion yuan", "121.1亿元"),
        ("12,110,000,000 yuan", "121.1亿元"),
        ("12.11 billion", "12,110,000,000"),
        ("12,000 visitors", "1.2万人次"),
        ("35 million", "三千五百万"),
        ("1 trillion", "1万亿"),
        ("twenty-one firms", "二十一家企业"),
        ("121 firms", "一百二十一家企业"),
        ("18.3 percent", "百分之十八点三"),
        ("18.3%", "18.3％"),
        ("87.7 percentage points", "87.7个百分点"),
        ("from January to November", "1—11月"),
        ("on Dec. 22, 2017", "2017年12月22日"),
        ("at 3:30 p.m.", "下午3时30分"),
        ("two thirds", "三分之二"),
        ("one and a half years", "一年半"),
        ("On the one hand, the front line", "一方面，一线"),
        ("billions of yuan, more than 100 firms", "数十亿元，100多家企业"),
        # Traditional Chinese, as written in Taiwan
        ("12.11 billion yuan", "人民幣121.1億元"),
        ("12,000 visitors", "1.2萬人次"),
        ("35 million", "三千五百萬"),
        ("87.7 percentage points", "87.7個百分點"),
        ("from January to November", "1至11月"),
        ("two records", "兩項紀錄"),
        ("four key points", "四個重點"),
        ("three roads, four kinds, two households", "三條路、四種、兩戶"),
        ("5,000 square meters", "5000平方公尺"),
        ("12 hectares, 3 kilometers", "12公頃、3公里"),
        ("3 tons, 5 mu", "3噸、5畝"),
        ("at 3:30 p.m.", "下午3時30分"),
        ("billions of yuan", "數十億元"),
        ("1.5 trillion yuan", "1.5兆元"),  # Taiwan's 兆 (CLDR zh_Hant too) ...
        ("a 100-megawatt plant", "100兆瓦電廠"),  # ... but the SI prefix mega- before a unit
    ],
)
def test_equal_values_written_differently_are_never_flagged(source, target):
    assert nb.compare_figures(source, target) == []
    assert nb.compare_figures(target, source) == []


@settings(max_examples=300, deadline=None)
@given(mantissa=st.integers(1, 9999), exponent=st.integers(4, 9))
def test_figures_babel_formats_the_same_in_both_languages_are_equal(mantissa, exponent):
    """Whatever value Babel (CLDR) writes as "12.34 million" / "1234万" / "12,340,000", it is one figure."""
    value = mantissa * 10**exponent
    english = format_compact_decimal(value, format_type="long", locale="en", fraction_digits=4)
    chinese = format_compact_decimal(value, locale="zh_Hans_CN", fraction_digits=4)
    plain = format_decimal(value, locale="en")
    assert nb.compare_figures(f"It reached {english} yuan.", f"达{chinese}元。") == []
    assert nb.compare_figures(f"达{chinese}元。", f"It reached {plain} yuan.") == []
    traditional = format_compact_decimal(value, locale="zh_Hant_TW", fraction_digits=4)  # 萬, 億
    assert nb.compare_figures(f"It reached {english} yuan.", f"達人民幣{traditional}元。") == []
    # ten times too small is always caught
    slipped = format_compact_decimal(
        value // 10 if value % 10 == 0 else value * 10, locale="zh_Hans_CN", fraction_digits=4
    )
    assert len(nb.compare_figures(f"It reached {english} yuan.", f"达{slipped}元。")) == 1


FIGURE_CHARACTERS = (
    "0123456789.,/%:-— 〇零一二两三四五六七八九十百千万亿点分之第数个年月日号时半上午下元亩（“《"
    "兩萬億點個數號時至「兆瓦"  # Traditional
)
FIGURE_TEXT = st.text(
    st.sampled_from(FIGURE_CHARACTERS),
    max_size=30,
) | st.lists(
    st.sampled_from(["1", "0", "/", " ", "percent", "billion", "half", "and a half", "Dec.", "May", "twenty", "a.m."]),
    max_size=12,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(source=FIGURE_TEXT, target=FIGURE_TEXT)
def test_no_text_makes_a_check_fail(source, target):
    """The gate runs at every render: no text (1/0, 13月45日, 25:99) may make a check raise."""
    for mismatch in nb.compare_figures(source, target):
        assert mismatch.message()
    for figure in nb.read_figures(source):
        assert figure.describe()


def test_a_wrong_figure_names_both_sides_with_values(locales, seed_story):
    plant(locales, "完成固定资产投资121.1亿元", "完成固定资产投资12.11亿元")
    [finding] = [f for f in nb.check_story(seed_story, locales) if f.check == "figures"]
    assert finding.severity == "error" and finding.context == "article/body/p05"
    assert "source: 12.11 billion yuan = 12,110,000,000 yuan" in finding.message
    assert "translation: 12.11亿元 = 1,211,000,000 yuan" in finding.message
    # The spans are the figures themselves, in the texts the proof page shows.
    catalog = polib.pofile(str(zh_po(locales)))
    entry = next(e for e in catalog if e.msgctxt == "article/body/p05")
    texts = {"source": entry.msgid, "target": entry.msgstr}
    shown = {span.side: texts[span.side][span.start : span.end] for span in finding.spans}
    assert shown == {"source": "12.11 billion yuan", "target": "12.11亿元"}
    assert finding.line == entry.linenum and finding.file == str(zh_po(locales))


def test_traditional_chinese_errors_are_found_where_they_are(locales, seed_story):
    """Planted in zh-Hant-TW: a 億/萬 scale slip, a dropped percentage (errors), an unclosed 「 (a warning)."""
    plant(locales, "投資人民幣121.1億元", "投資人民幣121.1萬元", "zh-Hant-TW")
    plant(locales, "技改投資人民幣71.73億元，成長64.9%。", "技改投資人民幣71.73億元。", "zh-Hant-TW")
    plant(locales, 'msgstr "「高新服務」加速投資案落地"', 'msgstr "「高新服務加速投資案落地"', "zh-Hant-TW")
    every = nb.check_story(seed_story, locales)
    findings = [f for f in every if f.severity == nb.check.ERROR]
    assert {f.language for f in findings} == {"zh-Hant-TW"}
    catalog = {entry.msgctxt: entry for entry in polib.pofile(str(nb.catalog_path(locales, ID, "zh-Hant-TW")))}

    def shown(finding: nb.Finding) -> dict[str, str]:
        entry = catalog[finding.context]
        texts = {"source": entry.msgid, "target": entry.msgstr}
        return {span.side: texts[span.side][span.start : span.end] for span in finding.spans}

    slip, dropped = [f for f in findings if f.check == "figures"]
    assert slip.context == dropped.context == "article/body/p05"
    assert "translation: 人民幣121.1萬元 = 1,211,000 yuan" in slip.message
    assert shown(slip) == {"source": "12.11 billion yuan", "target": "人民幣121.1萬元"}
    assert dropped.message == "figure dropped: source: 64.9% = 64.9%; translation has no equal figure"
    assert shown(dropped) == {"source": "64.9%"}
    # Typography is style, not meaning: a warning.
    [quote] = [f for f in every if f.check == "typography" and f.context == "article/headline"]
    assert quote.severity == nb.check.WARNING and "'「' is never closed" in quote.message
    assert shown(quote) == {"target": "「"}
    assert len(findings) == 2


def test_a_traditional_translation_missing_most_of_its_text_is_too_short(locales, seed_story):
    path = nb.catalog_path(locales, ID, "zh-Hant-TW")
    catalog = polib.pofile(str(path))
    entry = catalog.find("commentary/body/p04", by="msgctxt")
    entry.msgstr = entry.msgstr.split("。")[0] + "。"  # 窺一斑而知全豹。 and nothing after it
    catalog.save(str(path))
    [short] = [f for f in nb.check_story(seed_story, locales) if f.check == "length"]
    assert (short.language, short.context, short.severity) == ("zh-Hant-TW", "commentary/body/p04", nb.check.WARNING)
    assert "dropped text?" in short.message


def test_figures_read_by_value():
    figures = nb.read_figures("投资121.1亿元，增长18.3%，超进度87.7个百分点")
    assert [(f.text, f.kind, str(f.value.normalize())) for f in figures] == [
        ("121.1亿元", "number", "1.211E+10"),
        ("18.3%", "percent", "18.3"),
        ("87.7个百分点", "points", "87.7"),
    ]
    assert figures[0].unit == "yuan"


# --- terms and the termbase -----------------------------------------------------------------


def test_termbase_round_trips_and_translate_toolkit_reads_it(tmp_path):
    termbase = nb.read_termbase(TERMBASE)
    ids = [term.id for term in termbase.terms]
    assert {"mianyang", "boe", "liu-chao", "chang-cheng"} <= set(ids)
    chang = termbase.get("chang-cheng")
    [zh] = chang.forms_in("zh")
    assert zh.text == "Chang Cheng" and not zh.verified and "reporter" in zh.note  # never invented
    copy = nb.write_termbase(termbase, tmp_path / "copy.tbx")
    assert copy.read_bytes() == TERMBASE.read_bytes()
    from translate.storage import tbx  # what Weblate imports a glossary with

    store = tbx.tbxfile.parsefile(str(TERMBASE))
    assert ("Mianyang", "绵阳") in [(unit.source, unit.target) for unit in store.units]


def test_verified_latin_name_is_not_reported(tmp_path, seed_story, locales):
    termbase = nb.read_termbase(TERMBASE)
    chang = termbase.get("chang-cheng")
    verified = dataclasses.replace(
        chang,
        forms=tuple(
            dataclasses.replace(form, verified_by="Deng Xuelin (reporter)", verified_on="2017-12-23")
            if form.language == "zh-Hans"
            else form
            for form in chang.forms
        ),
    )
    path = nb.write_termbase(termbase.with_term(verified), locales / "termbase.tbx")
    assert '<transacNote type="responsibility">Deng Xuelin (reporter)</transacNote>' in path.read_text("utf-8")
    findings = [f for f in nb.check_story(seed_story, locales) if f.check == "latin-names"]
    simplified = [f.message for f in findings if f.language == "zh-Hans"]
    assert not any("Chang Cheng" in message for message in simplified)
    assert any("He Maohua" in message for message in simplified)
    # The Traditional edition has a form of its own: verifying the Simplified one does not verify it.
    assert any("Chang Cheng" in f.message for f in findings if f.language == "zh-Hant-TW")


def test_malformed_termbase_is_an_error_with_its_line(tmp_path, locales, capsys):
    (locales / "termbase.tbx").write_text('<martif type="TBX">\n<text><body>\n<termEntry>\n</body></text></martif>\n')
    assert main(["check", "--locales", str(locales)]) == 2
    assert f"{locales / 'termbase.tbx'}:4: malformed TBX" in capsys.readouterr().err
    (locales / "termbase.tbx").write_text(
        '<martif type="TBX"><text><body>\n<termEntry id="x">\n'
        '<langSet xml:lang="tlh"><tig><term>Qapla</term></tig></langSet>\n'
        "</termEntry></body></text></martif>\n"
    )
    # A language Babel does not know is skipped with a warning naming the entry (issue 22): not exit 2.
    assert main(["check", "--locales", str(locales)]) == 1  # the names the termbase no longer keeps
    skipped = f"{locales / 'termbase.tbx'}:3: warning: termbase: x: unknown language 'tlh' skipped"
    assert skipped in capsys.readouterr().out
    (locales / "termbase.tbx").write_text('<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic"/>\n')
    assert main(["check", "--locales", str(locales)]) == 2
    assert "not a TBX 2008 <martif> file (root element <tbx>)" in capsys.readouterr().err


def test_a_name_translated_against_the_termbase_is_an_error(seed_story, locales):
    plant(locales, 'msgid "Liu Chao"\nmsgstr "刘超"', 'msgid "Liu Chao"\nmsgstr "刘朝"')
    findings = [f for f in nb.check_story(seed_story, locales) if f.severity == "error"]
    assert any(f.check == "terms" and "'刘朝'" in f.message and "termbase" in f.message for f in findings)
    # The paragraphs keep the termbase's 刘超: the termbase wins over the story's own entry.
    assert not any(f.context == "article/body/p04" for f in findings)


def test_a_traditional_catalog_takes_zh_hant_forms_and_never_simplified_ones(seed_story, locales):
    termbase = nb.read_termbase(TERMBASE)

    def retag(term: nb.Term, old: str, new: str | None) -> nb.Term:
        forms = [dataclasses.replace(f, language=new) if f.language == old else f for f in term.forms]
        return dataclasses.replace(term, forms=tuple(f for f in forms if f.language))

    plant(locales, 'msgid "Liu Chao"\nmsgstr "劉超"', 'msgid "Liu Chao"\nmsgstr "劉朝"', "zh-Hant-TW")
    # The termbase's Traditional forms as zh-Hant (no region): the zh-Hant-TW catalog falls back to them.
    as_zh_hant = nb.Termbase(tuple(retag(term, "zh-Hant-TW", "zh-Hant") for term in termbase.terms))
    nb.write_termbase(as_zh_hant, locales / "termbase.tbx")
    errors = [f for f in nb.check_story(seed_story, locales) if f.severity == nb.check.ERROR]
    where = {(f.language, f.context, f.check) for f in errors}
    assert where == {("zh-Hant-TW", "article/person/liu-chao/name", "terms")}
    assert {f.message for f in errors} == {
        "'Liu Chao' is '劉朝' here but '劉超' in the termbase",
        "source names 'Liu Chao'; the translation lacks its zh-Hant-TW form '劉超'",
    }
    # Without Traditional forms the Simplified ones are never required of a Traditional catalog.
    simplified_only = nb.Termbase(tuple(retag(term, "zh-Hant-TW", None) for term in termbase.terms))
    nb.write_termbase(simplified_only, locales / "termbase.tbx")
    findings = [f for f in nb.check_story(seed_story, locales) if f.language == "zh-Hant-TW"]
    assert not any(f.check == "terms" and "termbase" in f.message for f in findings)
    assert not any("刘" in f.message or "绵阳" in f.message for f in findings)


def test_one_name_two_ways_across_stories_is_an_error(tmp_path, seed_story, locales):
    (locales / "termbase.tbx").unlink()
    other = dataclasses.replace(seed_story, id="other-story")
    text = zh_po(locales).read_text("utf-8").replace('msgstr "刘超"', 'msgstr "刘朝"')
    nb.catalog_path(locales, "other-story", "zh").write_text(text, "utf-8")
    findings = nb.check_stories([seed_story, other], locales, languages=["zh"])
    conflict = [f for f in findings if f.check == "terms" and "'刘朝'" in f.message and "刘超" in f.message]
    assert conflict and conflict[0].file.endswith("other-story.po")


def test_terms_command_lists_and_adds_names(tmp_path, locales, capsys):
    assert main(["terms", "--locales", str(locales)]) == 0
    listing = capsys.readouterr().out
    assert "liu-chao" in listing and "刘超" in listing and "(?)" in listing
    new = tmp_path / "new.tbx"
    assert main(["terms", "--add", "--locales", str(locales), "--termbase", str(new)]) == 0
    assert "added he-maohua" in capsys.readouterr().out
    added = nb.read_termbase(new)
    assert added.get("liu-chao").forms_in("zh")[0].text == "刘超"
    he = added.get("he-maohua").forms_in("zh")[0]
    assert he.text == "He Maohua" and not he.verified and "not yet translated" in he.note  # fuzzy: never guessed
    assert main(["terms", "--add", "--locales", str(locales), "--termbase", str(new)]) == 0
    assert "added" not in capsys.readouterr().out  # nothing is added twice


# --- typography and completeness ------------------------------------------------------------


def test_typography_and_completeness_on_a_real_catalog(seed_story, locales):
    plant(locales, "“高新服务”加速项目落地", '\\"高新服务\\"加速项目 落地')
    plant(
        locales,
        'msgstr "仅供订阅本稿的新闻机构编辑使用。"\n\n#. Headline of the commentary.',
        'msgstr ""\n\n#. Headline of the commentary.',
    )
    findings = nb.check_story(seed_story, locales)
    headline = [f.message for f in findings if f.context == "article/headline" and f.check == "typography"]
    assert any("ASCII '\"'" in message for message in headline)
    assert any("space between two Chinese characters" in message for message in headline)
    assert any(f.context == "article/rights/usage_terms" and f.check == "untranslated" for f in findings)
    # A story edited after the last update: the segment's entry is for the old text.
    edited = dataclasses.replace(seed_story, article=dataclasses.replace(seed_story.article, headline="A new headline"))
    [stale] = [f for f in nb.check_story(edited, locales, languages=["zh"]) if f.context == "article/headline"]
    assert stale.check == "untranslated" and "run 'update'" in stale.message and stale.line > 1


def test_placeholders_reuse_the_compile_check(tmp_path):
    path = tmp_path / "zh.po"
    catalog = polib.POFile()
    catalog.metadata = {"Language": "zh_Hans", "Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="{place}, {date}", msgstr="{plac}，{date}", flags=["python-brace-format"]))
    catalog.save(str(path))
    [finding] = [f for f in nb.check_catalog(path) if f.check == "placeholders"]
    assert "must use the placeholders date, place" in finding.message


# --- exceptions ---------------------------------------------------------------------------------


def test_an_ignore_flag_waives_a_check_is_shown_by_json_and_kept_by_update(seed_story, locales, capsys):
    plant(locales, "完成固定资产投资121.1亿元", "完成固定资产投资12.11亿元")
    plant(locales, 'msgctxt "article/body/p05"', '#, ignore-figures\nmsgctxt "article/body/p05"')
    assert not [f for f in nb.check_story(seed_story, locales) if f.check == "figures"]
    [waived] = [f for f in nb.check_story(seed_story, locales, ignored=True) if f.check == "figures"]
    assert waived.severity == "ignored" and waived.flags == ("ignore-figures",)
    assert main(["check", "--locales", str(locales), "--json"]) == 0
    shown = [item for item in json.loads(capsys.readouterr().out) if item["check"] == "figures"]
    assert shown[0]["severity"] == "ignored" and shown[0]["flags"] == ["ignore-figures"]
    # update (msgmerge's job) keeps the translator's exception
    assert main(["update", "--locales", str(locales)]) == 0
    entry = next(e for e in polib.pofile(str(zh_po(locales))) if e.msgctxt == "article/body/p05")
    assert "ignore-figures" in entry.flags


# --- the command ------------------------------------------------------------------------------


def test_check_command_output_and_exit_status(locales, capsys):
    plant(locales, "增长18.3%。其中", "增长18.3个百分点。其中")
    assert main(["check", "--locales", str(locales), "--lang", "zh"]) == 1
    out, err = capsys.readouterr()
    assert err.startswith("1 error(s), ")
    lines = [line for line in out.splitlines() if ": error: " in line]
    [line] = lines
    where, context, severity, check, message = line.split(": ", 4)
    path, line_number = where.rsplit(":", 1)
    assert path == str(zh_po(locales)) and int(line_number) > 0
    assert (context, severity, check) == ("article/body/p05", "error", "figures")
    assert "a percentage became percentage points" in message
    assert main(["check", "--locales", str(locales), "--json"]) == 1
    items = json.loads(capsys.readouterr().out)
    assert {"file", "line", "context", "check", "severity", "message"} <= set(items[0])


def test_check_command_bad_input_exits_2(tmp_path, locales, capsys):
    assert main(["check", str(tmp_path / "missing.toml"), "--locales", str(locales)]) == 2
    plant(locales, 'msgctxt "article/body/p05"', 'msgctxt "article/body/p05"\nmsgid broken')
    assert main(["check", "--locales", str(locales)]) == 2
    err = capsys.readouterr().err
    assert f"{zh_po(locales)}:" in err
    assert main(["check", "--locales", str(locales), "--lang", "en", "--lang", "zh"]) == 2


# --- the publish gate -------------------------------------------------------------------------


def test_render_strict_refuses_an_edition_with_an_error_and_writes_nothing(tmp_path, locales, capsys):
    unfuzzy(locales)
    out = tmp_path / "wire"
    assert (
        main(["render", "--locales", str(locales), "--strict", "-o", str(out), "--sent", "2017-12-22T20:00:00+08:00"])
        == 0
    )
    assert len(list(out.glob("*.xml"))) > 0
    plant(locales, "完成固定资产投资121.1亿元", "完成固定资产投资12.11亿元")
    refused = tmp_path / "refused"
    assert main(["render", "--locales", str(locales), "--strict", "-o", str(refused)]) == 2
    err = capsys.readouterr().err
    assert "article/body/p05: error: figures" in err
    assert not refused.exists() or not any(refused.iterdir())
    feed = tmp_path / "feed.xml"
    assert main(["feed", "--locales", str(locales), "--strict", "-o", str(feed)]) == 2
    assert not feed.exists()


def test_without_strict_findings_are_warnings_and_the_edition_is_written(tmp_path, locales, capsys):
    plant(locales, "完成固定资产投资121.1亿元", "完成固定资产投资12.11亿元")
    out = tmp_path / "wire"
    assert main(["render", "--locales", str(locales), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "warning: " in err and "article/body/p05: error: figures" in err
    assert (out / f"{ID}.article.zh-Hans.xml").is_file()


def test_library_strict_mode_raises_and_ignores_segments_not_printed(seed_story, locales):
    unfuzzy(locales)
    plant(locales, 'msgid "Liu Chao"\nmsgstr "刘超"', 'msgid "Liu Chao"\nmsgstr "刘朝"')
    with pytest.raises(nb.CheckError, match="terms"):
        nb.render_story(seed_story, locales=locales, strict=True, clock=fixed_clock)
    # An error in a segment the edition does not print (fuzzy: the source text is printed) is not the gate's.
    path = zh_po(locales)
    path.write_text(
        path.read_text("utf-8").replace('msgid "Liu Chao"\nmsgstr "刘朝"', 'msgid "Liu Chao"\nmsgstr "刘超"'), "utf-8"
    )
    plant(locales, 'msgctxt "article/rights/notice"', '#, fuzzy\nmsgctxt "article/rights/notice"')
    usage = '"\n\n#. Usage terms for receivers.\n#: newsbilingual/stories/mianyang-high-tech-service.toml:33'
    plant(locales, "绵阳日报2017年版权所有，保留一切权利。" + usage, "绵阳日报2016年版权所有，保留一切权利。" + usage)
    warnings: list[str] = []
    nb.render_story(seed_story, locales=locales, clock=fixed_clock, warn=warnings.append)
    assert not any("article/rights/notice: error" in warning for warning in warnings)
