"""Write correct translations of the bundled story into ja, ko, fr, de, ar, ru, yue, zh-Hant-HK.

Each catalog is started the way a desk starts one (``init_catalogs`` from the bundled template)
and given the hand-written translations of translations.toml beside this file: the headline, the
dateline's place, every body paragraph of the article and the commentary, both headlines and the
photo caption, written as each language's press writes them (decimal commas, 억 and 億, «», „“,
「」, number words: quatre, vier, 네 가지, 四つ); the other entries (names, keywords, rights) stay
untranslated. tests/test_languages_checked.py checks that none of them gives an error-level finding.

Run from the repository root: ``python tests/data/languages/build.py``.
"""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import polib

import newsbilingual as nb
from newsbilingual.catalog.powrap import format_pofile

HERE = Path(__file__).resolve().parent
ID = "mianyang-high-tech-service"
TRANSLATIONS: dict[str, dict[str, str]] = tomllib.loads((HERE / "translations.toml").read_text("utf-8"))


def build() -> None:
    now = datetime(2017, 12, 22, 19, tzinfo=timezone(timedelta(hours=8)))
    with tempfile.TemporaryDirectory() as folder:
        locales = Path(folder)
        shutil.copy(nb.locales_dir() / f"{ID}.pot", locales)
        for language, texts in TRANSLATIONS.items():
            [path] = nb.init_catalogs(locales, language, now=now, translator="newsbilingual tests")
            catalog = polib.pofile(str(path), wrapwidth=0)
            for entry in catalog:
                entry.msgstr = texts.get(entry.msgctxt, entry.msgstr)
            target = HERE / get_folder(language) / f"{ID}.po"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(format_pofile(catalog), "utf-8")


def get_folder(language: str) -> str:
    return nb.get_language(language).catalog_dir


if __name__ == "__main__":
    build()
