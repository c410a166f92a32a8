"""Every language checked as itself: correct ja, ko, fr, de, ar, ru, yue and zh-Hant-HK translations of
the bundled story (tests/data/languages/, written by build.py there) give no error-level finding.

The figures check (check/figures.py) reads each language's own figures: its decimal signs, scale
words and month names from CLDR, its words for percentage points, Korean numbers like 121억1천만,
its small numbers written as words (check/numberwords.py: quatre, vier, 네 가지, 四つ).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

import newsbilingual as nb

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = REPO / "tests" / "data" / "languages"
ID = "mianyang-high-tech-service"


def checked(tmp_path: Path, seed_story: nb.Story, folder: str) -> list[nb.Finding]:
    """check_story on a copy of the bundled catalogs with the fixture catalog of ``folder`` added."""
    locales = tmp_path / "locales"
    shutil.copytree(REPO / "locales", locales)
    fixture = LANGUAGES / folder / f"{ID}.po"
    language = polib.pofile(str(fixture)).metadata["Language"]
    target = nb.catalog_path(locales, ID, language)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(fixture, target)
    return nb.check_story(seed_story, locales, languages=[language])


FOLDERS = sorted(path.name for path in LANGUAGES.iterdir() if path.is_dir())


def test_every_language_has_its_fixture():
    assert FOLDERS == ["ar", "de", "fr", "ja", "ko", "ru", "yue", "zh_HK"]


# The story's pinyin names whose characters nobody has confirmed: Chinese text keeps them in Latin
# letters (as the bundled zh catalogs do), and the check rightly says so, as a warning.
UNVERIFIED = {"Chang Cheng", "He Maohua", "Dong Hong", "Lu Lida", "Anhe", "Century Garden"}
TRANSLATED = [
    "article/headline",
    *(f"article/body/p{n:02d}" for n in range(1, 10)),
    "commentary/headline",
    *(f"commentary/body/p{n:02d}" for n in range(1, 6)),
    "photo/headline",
    "photo/caption",
]


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_paragraph_headline_and_caption_is_translated(folder):
    catalog = polib.pofile(str(LANGUAGES / folder / f"{ID}.po"))
    assert [context for context in TRANSLATED if not catalog.find(context, by="msgctxt").msgstr] == []


@pytest.mark.parametrize("folder", FOLDERS)
def test_correct_translations_give_no_error_but_figures(tmp_path, seed_story, folder):
    findings = checked(tmp_path, seed_story, folder)
    assert [str(f) for f in findings if f.severity == nb.check.ERROR and f.check != "figures"] == []
    # Only what is left untranslated is reported: no script, punctuation, length or figure finding;
    # in Chinese text, the names kept in Latin letters until the reporter confirms their characters.
    warnings = [f for f in findings if f.severity != nb.check.ERROR and f.check != "untranslated"]
    chinese = folder in ("yue", "zh_HK")
    assert [str(f) for f in warnings if not (chinese and f.check == "latin-names")] == []
    assert {f.message.split("'")[1] for f in warnings} <= (UNVERIFIED if chinese else set())


@pytest.mark.parametrize("folder", FOLDERS)
def test_correct_translations_give_no_figure_error(tmp_path, seed_story, folder):
    findings = checked(tmp_path, seed_story, folder)
    assert [str(f) for f in findings if f.severity == nb.check.ERROR] == []


FOUR = "We highlight four key points."  # a figure a translation must keep, in its own words


@pytest.mark.parametrize(
    ("language", "correct", "wrong"),
    [
        ("fr", "Nous mettons l’accent sur quatre priorités.", "Nous mettons l’accent sur trois priorités."),
        ("de", "Wir setzen vier Schwerpunkte.", "Wir setzen fünf Schwerpunkte."),
        ("ru", "Мы выделили четыре ключевых направления.", "Мы выделили три ключевых направления."),
        ("ar", "ركزنا على أربع أولويات.", "ركزنا على ثلاث أولويات."),
        ("ko", "네 가지 중점을 부각했다.", "세 가지 중점을 부각했다."),
        ("ja", "四つの重点を打ち出した。", "五つの重点を打ち出した。"),
    ],
)
def test_number_words_are_read_in_each_language(language, correct, wrong):
    assert nb.compare_figures(FOUR, correct, "en", language) == []
    assert nb.compare_figures(FOUR, wrong, "en", language) != []


def test_a_korean_yes_is_no_four():
    assert nb.read_figures("네, 알겠습니다.", "ko") == []


def catalog(tmp_path: Path, target: str, language: str) -> Path:
    po = polib.POFile()
    po.metadata = {"Language": language, "X-Source-Language": "en"}
    po.append(polib.POEntry(msgctxt="article/headline", msgid="The project starts", msgstr=target))
    path = tmp_path / f"{language}.po"
    po.save(str(path))
    return path


@pytest.mark.parametrize(
    ("language", "target"),
    [
        ("ja", "プロジェクトが始動"),
        ("ko", "사업 始動"),  # Hanja in Korean text
        ("yue", "個項目開始咗"),
        ("zh-Hant-HK", "項目啟動"),
        ("ru", "Проект BOE запущен"),  # a Latin brand in Cyrillic text
    ],
)
def test_text_in_its_own_script_is_not_flagged(tmp_path, language, target):
    assert nb.check_catalog(catalog(tmp_path, target, language)) == []


@pytest.mark.parametrize(
    ("language", "target", "message"),
    [
        ("en", "The project 始動", "Chinese characters '始動' left in English text"),
        ("fr", "Le projet 始動", "Chinese characters '始動' left in French text"),
        ("de", "Das Projekt läuft。", "Chinese punctuation '。' in German text"),
        ("ru", "Проект 시작", "Korean characters '시작' left in Russian text"),
        ("yue", "個項目,開始咗", "ASCII ',' next to a Chinese character: use full-width punctuation"),
    ],
)
def test_letters_and_marks_of_another_script_are_flagged(tmp_path, language, target, message):
    found = nb.check_catalog(catalog(tmp_path, target, language))
    assert [(f.check, f.severity, f.message) for f in found] == [("typography", nb.check.WARNING, message)]
