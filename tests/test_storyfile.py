"""Story files: lossless round trip, and errors that name the file, line and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import newsbilingual as nb


def test_bundled_story_round_trips_losslessly(seed_story, tmp_path):
    path = tmp_path / "story.toml"
    nb.dump_story(seed_story, path)
    assert nb.load_story(path) == seed_story
    assert nb.dumps_story(nb.load_story(path)) == path.read_text("utf-8")


def test_bundled_story_parts(seed_story):
    assert seed_story.id == "mianyang-high-tech-service"
    assert seed_story.timezone == "Asia/Shanghai"
    assert seed_story.article.headline == 'The "High-tech Service" Speeds up the Landing of Projects'
    assert seed_story.article.dateline.label == "Mianyang News"
    assert str(seed_story.article.dateline.date) == "2017-12-22"
    assert [b.id for b in seed_story.article.body] == [f"p{i:02d}" for i in range(1, 10)]
    assert seed_story.commentary.genre == "genre:Opinion"
    assert seed_story.commentary.bylines[0].name == "Fang Fayong"
    assert seed_story.photo.credit == "provided by high-tech zone"
    assert seed_story.article.header.version_created.utcoffset().total_seconds() == 8 * 3600
    assert {p.name for p in seed_story.article.people()} >= {"He Maohua", "Chang Cheng", "Dong Hong", "Liu Chao"}


def _broken(tmp_path: Path, seed_story, old: str, new: str) -> Path:
    text = nb.dumps_story(seed_story)
    assert old in text
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line)


def test_missing_headline_names_file_line_and_field(tmp_path, seed_story):
    path = _broken(tmp_path, seed_story, 'headline = "The \\"High-tech', 'title = "The \\"High-tech')
    with pytest.raises(nb.StoryFileError) as error:
        nb.load_story(path)
    assert error.value.source == str(path)
    assert error.value.line == _line_of(path, 'title = "The')
    assert "article.title" in str(error.value) and "unknown field" in str(error.value)


def test_duplicate_block_id_points_at_its_line(tmp_path, seed_story):
    path = _broken(tmp_path, seed_story, 'id = "p02"', 'id = "p01"')
    with pytest.raises(nb.StoryFileError, match="duplicate id 'p01'") as error:
        nb.load_story(path)
    lines = [i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if line == 'id = "p01"']
    assert error.value.line == lines[1]
    assert f"{path}:{lines[1]}: article.body[1].id" in str(error.value)


def test_unknown_genre_alias_is_an_error_with_line(tmp_path, seed_story):
    path = _broken(tmp_path, seed_story, 'genre = "genre:Opinion"', 'genre = "Opinion"')
    with pytest.raises(nb.StoryFileError, match="not a QCode") as error:
        nb.load_story(path)
    assert error.value.line == _line_of(path, 'genre = "Opinion"')


def test_missing_required_field_is_reported(tmp_path, seed_story):
    text = nb.dumps_story(seed_story)
    path = tmp_path / "s.toml"
    path.write_text(text.replace('headline = "Project construction', 'x_headline = "Project construction'), "utf-8")
    with pytest.raises(nb.StoryFileError, match="commentary"):
        nb.load_story(path)


def test_toml_syntax_error_has_line_and_column(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[story]\nid = "x"\nlanguage = "en\n', "utf-8")
    with pytest.raises(nb.StoryFileError) as error:
        nb.load_story(path)
    assert error.value.line == 3
    assert str(error.value).startswith(f"{path}:3:")


def test_naive_datetime_is_refused(tmp_path, seed_story):
    path = _broken(
        tmp_path, seed_story, "version_created = 2017-12-22 19:00:00+08:00", "version_created = 2017-12-22 19:00:00"
    )
    with pytest.raises(nb.StoryFileError, match="timezone"):
        nb.load_story(path)


def test_not_utf8_is_refused_with_line(tmp_path):
    path = tmp_path / "gbk.toml"
    path.write_bytes('[story]\nid = "x"\n# 中文\n'.encode("gbk"))
    with pytest.raises(nb.StoryFileError, match="not UTF-8") as error:
        nb.load_story(path)
    assert error.value.line == 3


def test_missing_file_is_a_story_file_error(tmp_path):
    with pytest.raises(nb.StoryFileError, match="No such file"):
        nb.load_story(tmp_path / "nope.toml")


def test_empty_headline_points_at_its_line(tmp_path, seed_story):
    path = _broken(
        tmp_path, seed_story, 'headline = "Project construction calls', 'headline = "" # "Project construction calls'
    )
    with pytest.raises(nb.StoryFileError, match=r"commentary\.headline: required value is missing") as error:
        nb.load_story(path)
    assert error.value.line == _line_of(path, 'headline = "" #')


@pytest.mark.parametrize(
    ("old", "new", "message", "line_with"),
    [
        ('headline = "The \\"High', 'headline = 7 # "', "article.headline: must be a string, not int", "headline = 7"),
        ('uri = "https://www.mianyang-daily.example/"', "uri = 5", "provider.uri: must be a string", "uri = 5"),
        ('    "BOE",\n', "    1,\n", "article.keywords[3]: must be a string, not int", "keywords = ["),
        ("date = 2017-12-22", "date = 2017-12-22T10:00:00", "article.dateline.date: must be a date", "date = 2017"),
        ('timezone = "Asia/Shanghai"', 'timezone = "Mars/Base"', "story.timezone: 'Mars/Base' is not", "timezone ="),
    ],
)
def test_wrong_types_are_errors_with_lines(tmp_path, seed_story, old, new, message, line_with):
    path = _broken(tmp_path, seed_story, old, new)
    with pytest.raises(nb.StoryFileError, match=re.escape(message)) as error:
        nb.load_story(path)
    assert error.value.line == _line_of(path, line_with)


def test_a_string_is_not_a_list_of_keywords(tmp_path, seed_story):
    text = nb.dumps_story(seed_story)
    start = text.index("keywords = [")
    path = tmp_path / "k.toml"
    path.write_text(text[:start] + 'keywords = "abc"\n' + text[text.index("]\n", start) + 2 :], "utf-8")
    with pytest.raises(nb.StoryFileError, match=re.escape("article.keywords: must be a list of strings, not str")):
        nb.load_story(path)
