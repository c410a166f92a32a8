"""Every story-file error names the file, the line and the field, and QCodes of the checked IPTC
vocabularies (genre, item and concept natures) are codes that exist, with a "did you mean"."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsbilingual as nb
from newsbilingual.cli import main

SOURCE = nb.SEED_STORY.read_text("utf-8")


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _error(text: str) -> nb.StoryFileError:
    with pytest.raises(nb.StoryFileError) as caught:
        nb.loads_story(text, source="story.toml")
    return caught.value


def test_a_bad_story_language_points_at_story_language_not_an_item():
    text = SOURCE.replace('language = "en"', 'language = "english"', 1)
    error = _error(text)
    assert error.line == _line_of(text, 'language = "english"')
    assert error.message.startswith("story.language: ")
    assert "english" in error.message


@pytest.mark.parametrize(
    ("table", "expected"), [("[artcle.dateline]", "artcle: unknown table; did you mean 'article'?"), ("[foo]", "foo")]
)
def test_an_unknown_table_has_its_line(table, expected):
    text = SOURCE + f"\n{table}\nplace = 'Mianyang'\n"
    error = _error(text)
    assert error.line == _line_of(text, table)
    assert error.message.startswith(expected)


def test_a_truncated_file_points_at_its_last_line():
    text = SOURCE[: SOURCE.index("[article.dateline]") + 40]
    error = _error(text)
    assert error.line == text.count("\n") + 1
    assert "TOML syntax error" in error.message


def test_binary_junk_has_a_line(tmp_path: Path):
    path = tmp_path / "photo.toml"
    path.write_bytes(b"[story]\nid = 'x'\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8")
    with pytest.raises(nb.StoryFileError) as caught:
        nb.load_story(path)
    assert caught.value.source == str(path)
    assert caught.value.line == 3


def test_a_control_character_in_a_subject_name_names_file_line_and_field():
    text = SOURCE.replace('en = "economic policy"', 'en = "economic\\u0001policy"', 1)
    error = _error(text)
    assert str(error).startswith(f"story.toml:{_line_of(text, 'economic' + chr(92) + 'u0001policy')}: ")
    assert error.message.startswith("article.subjects[2].names.en: contains U+0001")


@pytest.mark.parametrize(
    ("old", "new", "field", "suggestion"),
    [
        ('genre = "genre:Current"', 'genre = "genre:Curent"', "article.genre", "genre:Current"),
        ('genre = "genre:Opinion"', 'genre = "genre:opinion"', "commentary.genre", "genre:Opinion"),
        (
            'qcode = "medtop:20000345"',
            'qcode = "medtop:20000345"\ntype = "cpnat:abstrct"',
            "article.subjects[2].type",
            "cpnat:abstract",
        ),
    ],
)
def test_qcodes_of_checked_vocabularies_must_exist(old, new, field, suggestion):
    text = SOURCE.replace(old, new, 1)
    error = _error(text)
    assert error.message.startswith(f"{field}: ")
    assert f"did you mean '{suggestion}'?" in error.message
    assert error.line == _line_of(text, new.splitlines()[-1])


def test_validate_reports_an_unknown_genre_code(tmp_path: Path, schema: Path, capsys):
    assert main(["render", "-o", str(tmp_path), "--sent", "2017-12-22T20:00:00+08:00"]) == 0
    document = tmp_path / "mianyang-high-tech-service.article.en.xml"
    document.write_text(document.read_text("utf-8").replace("genre:Current", "genre:Curent"), "utf-8")
    capsys.readouterr()
    assert main(["validate", "--schema", str(schema), str(document)]) == 1
    err = capsys.readouterr().err
    assert f"{document}:" in err
    assert "'genre:Curent' is not an IPTC genre code; did you mean 'genre:Current'?" in err


def test_validate_file_returns_unreadable_and_malformed_files_as_problems(tmp_path: Path, schema: Path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<newsItem>\n<unclosed>\n", "utf-8")
    problems = nb.validate_file(broken, schema=schema) + nb.validate_file(tmp_path / "missing.xml", schema=schema)
    assert [problem.source for problem in problems] == [str(broken), str(tmp_path / "missing.xml")]
    assert problems[0].line >= 1


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('zh-Hans = "经济发展刺激"', "zh-Hans = 5", "article.subjects[0].names.zh-Hans: must be a string, not int"),
        ('    "BOE",', "    5,", "article.keywords[3]: must be a string, not int"),
    ],
)
def test_a_wrong_type_inside_a_list_or_table_names_the_element(old, new, field):
    error = _error(SOURCE.replace(old, new, 1))
    assert field in error.message and error.line
