"""What a newsroom meets on its first days: settings told once, nothing lost by accident,
Chinese-only editions, new stories' catalogs, readable slugs for Chinese headlines."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from lxml import etree

import newsbilingual as nb
from newsbilingual.cli import main

ID = "mianyang-high-tech-service"
EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
URI = "https://www.mianyang-daily.example/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch) -> Path:
    """A folder like a source checkout: the bundled catalogs under ./locales, the copy to ingest."""
    shutil.copytree(nb.locales_dir(), tmp_path / "locales", ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(EXAMPLES / "copy.txt", tmp_path / "copy.txt")
    shutil.copy(EXAMPLES / "zh.txt", tmp_path / "zh.txt")
    monkeypatch.chdir(tmp_path)  # the NEWSBILINGUAL_* environment is cleared for every test (conftest.py)
    return tmp_path


def test_the_library_example_given_a_path_instead_of_a_story_says_so():
    with pytest.raises(TypeError, match=r"expected a Story, not \w*Path: read a story file with load_story"):
        nb.render_story(nb.SEED_STORY, locales=nb.locales_dir())


def test_ingest_never_overwrites_another_storys_template(checkout: Path, capsys):
    pot = checkout / "locales" / f"{ID}.pot"
    shipped = pot.read_bytes()
    args = ["ingest", "copy.txt", "-o", "story.toml", "--year", "2017", "--provider-uri", URI, "--story-id", ID]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{pot.relative_to(checkout)}: is the template of another story file" in err and "--force" in err
    assert pot.read_bytes() == shipped
    assert not (checkout / "story.toml").exists()
    assert main([*args, "--force"]) == 0
    assert pot.read_bytes() != shipped
    assert main(args) == 0  # the same story file again: its own template


def test_update_refuses_to_bury_most_translations_and_names_the_template(checkout: Path, capsys):
    zh = checkout / "locales" / "zh" / "LC_MESSAGES" / f"{ID}.po"
    before = zh.read_bytes()
    other = nb.ingest_file("zh.txt", year=2017, provider=nb.Provider("绵阳日报", URI), place="绵阳").story
    nb.write_story_files(other, checkout / "other.toml", locales=checkout / "locales")
    (checkout / "locales" / f"{other.id}.pot").replace(checkout / "locales" / f"{ID}.pot")
    assert main(["update"]) == 2
    err = capsys.readouterr().err
    assert f"/LC_MESSAGES/{ID}.po: merging the template" in err
    assert f"the template {Path('locales') / (ID + '.pot')} would turn" in err and "--force" in err
    assert zh.read_bytes() == before
    assert main(["update", "--force"]) == 0
    assert sum(1 for entry in polib.pofile(str(zh)) if entry.obsolete) > 0


def test_update_starts_a_new_storys_catalogs_in_every_language_and_stats_lists_them(checkout: Path, capsys):
    story = nb.ingest_file("zh.txt", year=2017, provider=nb.Provider("绵阳日报", URI), place="绵阳").story
    nb.write_story_files(story, checkout / "zh-story.toml", locales=checkout / "locales")
    assert main(["update"]) == 0
    for folder in ("en", "zh"):
        assert (checkout / "locales" / folder / "LC_MESSAGES" / f"{story.id}.po").is_file()
    capsys.readouterr()
    assert main(["stats", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(row["domain"], row["language"]) for row in rows} >= {(story.id, "en"), (story.id, "zh-Hans")}


def test_a_chinese_headline_gives_a_pinyin_slug(checkout: Path):
    result = nb.ingest_file("zh.txt", year=2017, provider=nb.Provider("绵阳日报", URI), place="绵阳")
    assert result.story.id == "gao-xin-fu-wu-pao-chu-xiang-mu-luo-di-jia-su-du"
    assert ":gao-xin-fu-wu-pao-chu-xiang-mu-luo-di-jia-su-du:article" in result.story.article.guid


@pytest.mark.parametrize("option", ["--lang", "--languages"])
def test_a_chinese_only_render(checkout: Path, option: str, schema: Path):
    assert main(["render", "-o", "wire", option, "zh", "--sent", "2017-12-22T20:00:00+08:00"]) == 0
    names = sorted(path.name for path in (checkout / "wire").glob("*.xml"))
    assert names == sorted(
        [f"{ID}.{role}.zh-Hans.xml" for role in ("article", "commentary", "photo")]
        + [f"{ID}.package.xml", f"{ID}.newsmessage.xml"]
    )
    message = etree.parse(str(checkout / "wire" / f"{ID}.newsmessage.xml")).getroot()
    items = message.xpath("//n:itemSet/*", namespaces={"n": "http://iptc.org/std/nar/2006-10-01/"})
    assert {item.get(XML_LANG) for item in items} == {"zh-Hans"}
    for path in (checkout / "wire").glob("*.xml"):
        assert nb.validate_file(path, schema=schema) == [], path


SETTINGS = """\
[tool.newsbilingual]
provider_uri = "https://www.mianyang-daily.example/"
provider_name = { en = "Mianyang Daily", zh-Hans = "绵阳日报" }
place = { en = "Mianyang", zh-Hans = "绵阳" }
languages = ["zh"]
"""


def test_settings_spare_the_ingest_options(checkout: Path, capsys):
    (checkout / "pyproject.toml").write_text(SETTINGS, "utf-8")
    (checkout / "desk").mkdir()
    shutil.move(checkout / "zh.txt", checkout / "desk" / "zh.txt")
    os.chdir(checkout / "desk")  # the settings are found from the current folder upward
    assert main(["ingest", "zh.txt", "-o", "zh.toml", "--year", "2017", "--locales", "../locales"]) == 0
    story = nb.load_story("zh.toml")
    assert story.article.header.provider == nb.Provider("绵阳日报", "https://www.mianyang-daily.example/")
    assert story.article.dateline.place == "绵阳"


def test_precedence_is_command_line_environment_file_default(checkout: Path, monkeypatch, capsys):
    (checkout / "newsbilingual.toml").write_text('timezone = "Asia/Hong_Kong"\nplace = "Mianyang"\n', "utf-8")
    monkeypatch.setenv("NEWSBILINGUAL_PLACE", "Chengdu")
    settings = nb.load_settings({"languages": ["en"]})
    assert settings["languages"].value == ["en"] and settings["languages"].origin == "command line"
    assert settings["place"].value == "Chengdu" and settings["place"].origin == "environment NEWSBILINGUAL_PLACE"
    assert settings["timezone"].value == "Asia/Hong_Kong"
    assert settings["timezone"].origin == f"{checkout / 'newsbilingual.toml'}:1"
    assert settings["provider_uri"].origin == "default"
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert "environment NEWSBILINGUAL_PLACE" in out and f"{checkout / 'newsbilingual.toml'}:1" in out


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('place = "Mianyang"\n\nprovider_url = "x"\n', 3, "unknown setting 'provider_url'"),
        ('languages = "zh"\n', 1, "languages: must be a list of strings"),
        ('place = "Mianyang\n', 1, "TOML syntax error"),
        ('place = "Mianyang"\nlanguages = ["en", "xx-nonsense"]\n', 2, "languages: unsupported language 'xx-nonsense'"),
        ('\ntimezone = "Mars/Base"\n', 2, "timezone: unknown IANA time zone 'Mars/Base'"),
        ('provider_uri = "mianyang-daily"\n', 1, "provider_uri: 'mianyang-daily' is not an absolute URI"),
        ('place = "x"\n\n[provider_name]\nen = "Mianyang Daily"\nxx-nonsense = "?"\n', 5, "provider_name.xx-nonsense"),
        ('place = "x"\n\n[provider_name]\nen = 5\n', 4, "provider_name.en: must be a string"),
        ('place = "x"\nprovider_name.en = 5\n', 2, "provider_name.en: must be a string"),
        ('place = "x"\n"timezone" = "Mars/Base"\n', 2, "timezone: unknown IANA time zone"),
    ],
)
def test_a_bad_settings_file_names_file_and_line(checkout: Path, capsys, text: str, line: int, message: str):
    (checkout / "newsbilingual.toml").write_text(text, "utf-8")
    assert main(["config"]) == 2
    assert f"{checkout / 'newsbilingual.toml'}:{line}: {message}" in capsys.readouterr().err


def test_the_languages_setting_picks_the_editions_and_the_option_overrides_it(checkout: Path):
    (checkout / "newsbilingual.toml").write_text('languages = ["zh"]\n', "utf-8")
    assert main(["render", "-o", "zh-only", "--sent", "2017-12-22T20:00:00+08:00"]) == 0
    assert {path.name.split(".")[-2] for path in (checkout / "zh-only").glob("*.*.*.xml")} == {"zh-Hans"}
    assert main(["render", "-o", "en-only", "--lang", "en", "--sent", "2017-12-22T20:00:00+08:00"]) == 0
    assert {path.name.split(".")[-2] for path in (checkout / "en-only").glob("*.*.*.xml")} == {"en"}


def test_any_babel_language_is_a_valid_setting(checkout: Path, capsys):
    (checkout / "newsbilingual.toml").write_text('languages = ["fr", "zh-Hant-TW"]\n', "utf-8")
    assert main(["config"]) == 0
    assert '["fr", "zh-Hant-TW"]' in capsys.readouterr().out


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("NEWSBILINGUAL_LANGUAGES", "en,xx-nonsense", "unsupported language 'xx-nonsense'"),
        ("NEWSBILINGUAL_TIMEZONE", "Mars/Base", "unknown IANA time zone 'Mars/Base'"),
        ("NEWSBILINGUAL_PROVIDER_URI", "not a uri", "is not an absolute URI"),
    ],
)
def test_a_bad_environment_setting_names_the_variable(checkout: Path, monkeypatch, capsys, variable, value, message):
    monkeypatch.setenv(variable, value)
    assert main(["config"]) == 2
    assert f"{variable}: " in (err := capsys.readouterr().err) and message in err


def test_a_bad_language_setting_stops_render_all_once_not_per_story(checkout: Path, capsys):
    (checkout / "newsbilingual.toml").write_text('languages = ["xx-nonsense"]\n', "utf-8")
    shutil.copy(nb.SEED_STORY, checkout / "one.toml")
    assert main(["render-all", "one.toml", "-o", "wire", "--sent", "2017-12-22T20:00:00+08:00"]) == 2
    err = capsys.readouterr().err
    assert err.count("xx-nonsense") == 1 and f"{checkout / 'newsbilingual.toml'}:1: languages:" in err
    assert not (checkout / "wire").exists()


def test_a_settings_file_that_is_not_utf8_names_file_and_line(checkout: Path, capsys):
    (checkout / "newsbilingual.toml").write_bytes('place = "Mianyang"\nprovider_name = "绵阳日报"\n'.encode("gb18030"))
    assert main(["config"]) == 2
    assert f"{checkout / 'newsbilingual.toml'}:2: not UTF-8" in capsys.readouterr().err


def test_a_foreign_pyproject_that_is_not_utf8_is_ignored(checkout: Path, capsys):
    (checkout / "pyproject.toml").write_bytes('[project]\nname = "x"\ndescription = "绵阳日报"\n'.encode("gb18030"))
    assert main(["config"]) == 0
    assert "settings file: none" in capsys.readouterr().out


def test_config_names_the_line_of_a_sub_table_setting(checkout: Path, capsys):
    text = (
        '[tool.other]\nplace = "x"\n\n[tool.newsbilingual]\nplace = "Mianyang"\n\n'
        '[tool.newsbilingual.provider_name]\nen = "Mianyang Daily"\n'
    )
    (checkout / "pyproject.toml").write_text(text, "utf-8")
    settings = nb.load_settings()
    assert settings["place"].origin == f"{checkout / 'pyproject.toml'}:5"
    assert settings["provider_name"].origin == f"{checkout / 'pyproject.toml'}:7"


def test_a_language_without_a_provider_name_keeps_the_provider_uri(checkout: Path, capsys):
    names = {"zh-Hans": "绵阳日报"}  # no English name: English copy takes its byline's outlet
    settings = f'provider_uri = "{URI}"\nprovider_name = {{ zh-Hans = "{names["zh-Hans"]}" }}\n'
    (checkout / "newsbilingual.toml").write_text(settings, "utf-8")
    assert main(["ingest", "copy.txt", "-o", "en.toml", "--year", "2017", "--story-id", "en-copy"]) == 0
    assert nb.load_story("en.toml").article.header.provider == nb.Provider("Mianyang Daily", URI)
    assert main(["ingest", "zh.txt", "-o", "zh.toml", "--year", "2017", "--place", "绵阳"]) == 0
    assert nb.load_story("zh.toml").article.header.provider == nb.Provider(names["zh-Hans"], URI)
    # Chinese copy with a name for English only has the URI; its byline names no outlet, so the name is asked for.
    (checkout / "newsbilingual.toml").write_text(settings.replace("zh-Hans =", "en ="), "utf-8")
    capsys.readouterr()
    assert main(["ingest", "zh.txt", "-o", "zh2.toml", "--year", "2017", "--place", "绵阳"]) == 2
    err = capsys.readouterr().err
    assert "give the provider's name" in err and "no provider" not in err


DIRTY_ENVIRONMENT = {
    "NEWSBILINGUAL_LANGUAGES": "en",
    "NEWSBILINGUAL_TIMEZONE": "Europe/Paris",
    "NEWSBILINGUAL_PLACE": "Paris",
    "NEWSBILINGUAL_LOCALES": "/nonexistent",
}


def test_a_developers_own_settings_never_change_test_results(tmp_path: Path):
    """The tests themselves, run by someone whose shell sets NEWSBILINGUAL_*, pass the same."""
    root = Path(__file__).resolve().parents[1]
    tests = [
        "tests/test_newsroom.py::test_precedence_is_command_line_environment_file_default",
        "tests/test_newsroom.py::test_the_languages_setting_picks_the_editions_and_the_option_overrides_it",
        "tests/test_examples.py::test_examples_run[settings.md]",
    ]
    env = {**os.environ, **DIRTY_ENVIRONMENT, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
