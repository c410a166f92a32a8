"""Every language checked as itself: correct ja, ko, fr, de, ar, ru, yue and zh-Hant-HK translations of
the bundled story (tests/data/languages/, written by build.py there) give no error-level finding.

The figures check (check/figures.py) reads each language's own figures: its decimal signs, scale
words and month names from CLDR, its words for percentage points, Korean numbers like 121억1천만.
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


@pytest.mark.parametrize("folder", FOLDERS)
def test_correct_translations_give_no_error_but_figures(tmp_path, seed_story, folder):
    findings = checked(tmp_path, seed_story, folder)
    assert [str(f) for f in findings if f.severity == nb.check.ERROR and f.check != "figures"] == []
    # Only what is left untranslated is reported: no script, punctuation, length or name finding.
    assert {f.check for f in findings if f.severity != nb.check.ERROR} == {"untranslated"}


@pytest.mark.parametrize("folder", FOLDERS)
def test_correct_translations_give_no_figure_error(tmp_path, seed_story, folder):
    findings = checked(tmp_path, seed_story, folder)
    assert [str(f) for f in findings if f.severity == nb.check.ERROR] == []


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
