"""Streaming feeds: a folder of story files to one or several newsMessages, failures reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

import newsbilingual as nb
from newsbilingual.cli import main

NAR = "{http://iptc.org/std/nar/2006-10-01/}"
SEED_ID = "mianyang-high-tech-service"
ITEMS_PER_STORY = 7  # article, commentary, photo in en and zh-Hans, and the package


def story_folder(folder: Path, count: int) -> Path:
    """``count`` copies of the bundled story, each with its own id and guids, and a zh catalog
    (a copy of the bundled one) for each in ``locales/`` beside the folder."""
    folder.mkdir()
    text = nb.SEED_STORY.read_text("utf-8")
    catalogs = folder.parent / "locales" / "zh" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    for number in range(count):
        shutil.copy(nb.locales_dir() / "zh" / "LC_MESSAGES" / f"{SEED_ID}.po", catalogs / f"story-{number:03d}.po")
        copy = text.replace(f'id = "{SEED_ID}"', f'id = "story-{number:03d}"').replace(
            "high-tech-service:", f"high-tech-service-{number:03d}:"
        )
        (folder / f"story-{number:03d}.toml").write_text(copy, "utf-8")
    return folder


def check(path: Path, schema: Path) -> etree._Element:
    newsmlg2 = pytest.importorskip("NewsMLG2")
    data = path.read_bytes()
    assert nb.validate_document(data, source=str(path), schema=schema) == []
    assert type(newsmlg2.NewsMLG2Document(data).get_item()).__name__ == "NewsMessage"
    return etree.fromstring(data)


def test_feed_of_a_folder_is_one_valid_message(tmp_path, schema):
    folder = story_folder(tmp_path / "stories", 3)
    output = tmp_path / "feed.xml"
    locales = str(tmp_path / "locales")
    assert main(["feed", str(folder), "-o", str(output), "--lang", "en", "--lang", "zh", "--locales", locales]) == 0
    root = check(output, schema)
    items = root.find(f"{NAR}itemSet")
    assert len(items) == 3 * ITEMS_PER_STORY
    guids = [item.get("guid") for item in items]
    assert len(set(guids)) == len(guids)


def test_a_failing_story_is_reported_and_the_rest_is_written(tmp_path, schema, capsys):
    folder = story_folder(tmp_path / "stories", 3)
    broken = folder / "story-001.toml"
    lines = broken.read_text("utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.startswith("language ="))
    lines[line - 1] = 'language = "xx-nope"'
    broken.write_text("\n".join(lines), "utf-8")
    output = tmp_path / "feed.xml"
    assert main(["feed", str(folder), "-o", str(output), "--lang", "en"]) == 2
    assert f"{broken}:" in capsys.readouterr().err
    items = check(output, schema).find(f"{NAR}itemSet")
    assert {item.get("guid").split(":")[4] for item in items} == {"high-tech-service-000", "high-tech-service-002"}
    # --strict: the failure stops the feed and nothing is written.
    strict_output = tmp_path / "strict.xml"
    assert main(["feed", str(folder), "-o", str(strict_output), "--lang", "en", "--strict"]) == 2
    assert not strict_output.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_max_items_splits_into_numbered_messages(tmp_path, schema):
    folder = story_folder(tmp_path / "stories", 3)
    output = tmp_path / "feed.xml"
    code = main(
        [
            "feed",
            str(folder),
            "-o",
            str(output),
            "--max-items",
            "10",
            "--locales",
            str(tmp_path / "locales"),
            "--lang",
            "en",
            "--lang",
            "zh",
            "--sent",
            "2017-12-22T20:00:00+08:00",
        ]
    )
    assert code == 0
    parts = sorted(tmp_path.glob("feed-*.xml"))
    assert [p.name for p in parts] == ["feed-0001.xml", "feed-0002.xml", "feed-0003.xml"]
    transmit_ids = set()
    for sequence, part in enumerate(parts, start=1):
        root = check(part, schema)
        header = root.find(f"{NAR}header")
        assert header.find(f"{NAR}headerExtProperty").get("literal") == str(sequence)
        transmit_ids.add(header.findtext(f"{NAR}transmitId"))
        # A story's items stay together: 7 fit in 10, a second story would not.
        assert len(root.find(f"{NAR}itemSet")) == ITEMS_PER_STORY
    assert len(transmit_ids) == 3


def test_feed_of_story_objects_from_the_library(tmp_path, seed_story):
    result = nb.write_feed(iter([seed_story]), tmp_path / "f.xml", locales=nb.locales_dir())
    editions = nb.story_editions(seed_story, locales=nb.locales_dir())  # every bundled language
    assert (result.stories, result.items, result.failures) == (1, 3 * len(editions) + 1, ())
    assert nb.parse(tmp_path / "f.xml").items[0].guid == seed_story.article.guid + ":en"


def test_progress_bar_only_on_a_terminal(tmp_path, capsys):
    shutil.copy(nb.SEED_STORY, tmp_path / "a.toml")
    assert main(["feed", str(tmp_path / "a.toml"), "-o", str(tmp_path / "f.xml")]) == 0
    assert "[" not in capsys.readouterr().err  # captured stderr is no terminal: no bar
