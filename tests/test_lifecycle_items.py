"""Embargo, notes to editors, signals and urgency: story file -> catalogs -> NewsML-G2 -> parse."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date, format_time
from conftest import fixed_clock, shared_file
from lxml import etree

import newsbilingual as nb
from newsbilingual.cli import main

ID = "mianyang-high-tech-service"
NAR = "{http://iptc.org/std/nar/2006-10-01/}"
EMBARGO = "embargoed = 2017-12-23 07:00:00+08:00"
NOTE = "Figures are from the Mianyang High-tech Zone administration."


def lifecycle_story(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the bundled story and catalogs whose article is embargoed, urgent and has a note."""
    text = nb.SEED_STORY.read_text("utf-8")
    head, _, rest = text.partition("[article]\n")
    article = f'[article]\n{EMBARGO}\nurgency = 3\ned_notes = ["{NOTE}"]\nsignals = ["sig:update"]\n'
    story_file = tmp_path / f"{ID}.toml"
    story_file.write_text(head + article + rest, "utf-8")
    locales = tmp_path / "locales"
    shutil.copytree(nb.locales_dir(), locales)
    return story_file, locales


def test_story_file_fields_round_trip(tmp_path):
    story_file, _ = lifecycle_story(tmp_path)
    story = nb.load_story(story_file)
    header = story.article.header
    assert header.embargoed == datetime(2017, 12, 23, 7, tzinfo=timezone(timedelta(hours=8)))
    assert (header.urgency, header.ed_notes, header.signals) == (3, (NOTE,), ("sig:update",))
    assert nb.loads_story(nb.dumps_story(story)) == story


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("urgency = 12", "urgency: must be 1 (highest) to 9 (lowest)"),
        ("embargoed = 2017-12-23 07:00:00", "embargoed: datetime needs a timezone offset"),
        ('signals = ["update"]', "is not a QCode"),
        ('ed_notes = ["  "]', "ed_notes[0]: required value is missing or empty"),
    ],
)
def test_bad_lifecycle_values_name_the_line(tmp_path, line, message):
    text = nb.SEED_STORY.read_text("utf-8").replace("[article]\n", f"[article]\n{line}\n", 1)
    path = tmp_path / "bad.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(nb.StoryFileError) as caught:
        nb.load_story(path)
    assert message in str(caught.value)
    line_number = text.splitlines().index(line) + 1
    assert caught.value.line in (line_number, line_number - 1)


def test_ed_note_is_a_catalog_segment(tmp_path):
    story_file, _ = lifecycle_story(tmp_path)
    segments = {s.context: s for s in nb.story_segments(nb.load_story(story_file))}
    note = segments["article/ednote/figures-are-from-the-mianyang-high-tech-zone-administration"]
    assert note.text == NOTE and note.path == "article.ed_notes[0]"


def _item_meta(data: bytes) -> etree._Element:
    return etree.fromstring(data).find(f"{NAR}itemMeta")


def test_embargoed_item_renders_valid_with_notes_in_each_language(tmp_path, schema):
    story_file, locales = lifecycle_story(tmp_path)
    # The translator translates the note in the zh catalog, as in Poedit.
    assert main(["extract", str(story_file), "--locales", str(locales)]) == 0
    assert main(["update", "--locales", str(locales), "--domain", ID]) == 0
    po_path = locales / "zh" / "LC_MESSAGES" / f"{ID}.po"
    catalog = nb.read_po(po_path)
    catalog.find(NOTE, by="msgid").msgstr = "数据来自绵阳高新区管委会。"
    catalog.save(str(po_path))
    documents = nb.render_story(nb.load_story(story_file), locales=locales, clock=fixed_clock)
    en, zh = documents[f"{ID}.article.en.xml"], documents[f"{ID}.article.zh-Hans.xml"]
    for data in (en, zh):
        meta = _item_meta(data)
        names = [etree.QName(child).localname for child in meta]
        assert names.index("embargoed") < names.index("pubStatus") < names.index("edNote") < names.index("signal")
        assert meta.findtext(f"{NAR}embargoed") == "2017-12-23T07:00:00+08:00"
        assert etree.fromstring(data).findtext(f"{NAR}contentMeta/{NAR}urgency") == "3"
    en_notes = [el.text for el in _item_meta(en).iter(f"{NAR}edNote")]
    zh_notes = [el.text for el in _item_meta(zh).iter(f"{NAR}edNote")]
    assert en_notes[0] == NOTE and zh_notes[0] == "数据来自绵阳高新区管委会。"
    # The embargo's end in the story's zone, as CLDR prints it in each language.
    local = nb.load_story(story_file).article.header.embargoed.astimezone(ZoneInfo("Asia/Shanghai"))
    for notes, locale in ((en_notes, "en"), (zh_notes, "zh_Hans_CN")):
        for part in (format_date(local, "long", locale=locale), format_time(local, "short", locale=locale)):
            assert part in notes[1]
    assert notes[1].startswith("禁发至") and "中国标准时间" in notes[1]
    newsmlg2 = pytest.importorskip("NewsMLG2")
    for name, data in documents.items():
        assert nb.validate_document(data, schema=schema) == [], name
        assert newsmlg2.NewsMLG2Document(data).get_item() is not None, name


def test_parse_returns_lifecycle_fields_not_extras(tmp_path):
    story_file, locales = lifecycle_story(tmp_path)
    documents = nb.render_story(nb.load_story(story_file), locales=locales, clock=fixed_clock)
    parsed = nb.parse(documents[f"{ID}.article.zh-Hans.xml"])
    item = parsed.items[0]
    header = item.header
    assert header.embargoed == nb.load_story(story_file).article.header.embargoed
    assert header.signals == ("sig:update",) and header.urgency == 3
    assert len(header.ed_notes) == 2 and "中国标准时间" in header.ed_notes[1]
    assert item.extras == ()
    assert nb.to_bytes(parsed.element()) == documents[f"{ID}.article.zh-Hans.xml"]


def test_partner_correction_is_visible(tmp_path):
    sample = shared_file("newsml-g2/examples/iptc/LISTING_1_A_NewsML-G2_News_Item.xml")
    header = nb.parse(sample).items[0].header
    assert header.embargoed is not None and header.signals == ("sig:update",) and header.ed_notes


def test_parse_command_shows_signals_embargo_and_notes(tmp_path, capsys):
    story_file, locales = lifecycle_story(tmp_path)
    documents = nb.render_story(nb.load_story(story_file), locales=locales, clock=fixed_clock)
    path = tmp_path / "article.xml"
    path.write_bytes(documents[f"{ID}.article.en.xml"])
    assert main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "signals: sig:update; embargoed until 2017-12-23T07:00:00+08:00; urgency 3; note: Figures" in out
