"""Plain-text ingest: the seed gives the bundled story, Chinese copy, unsure layouts, hostile input."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import shared_file

import newsbilingual as nb
from newsbilingual.catalog.extract import write_template
from newsbilingual.cli import main
from newsbilingual.ingest.build import (
    MAX_BYTES,
    SLUG_MAX,
    IngestError,
    IngestResult,
    IngestWarning,
    ingest_file,
    ingest_text,
    newsml_guid,
    write_story_files,
)
from newsbilingual.ingest.mojibake import Repair, repair_gbk_mojibake

DATA = Path(__file__).resolve().parent / "data"
PROVIDER_URI = "https://www.mianyang-daily.example/"
ZH_PROVIDER = nb.Provider("绵阳日报", PROVIDER_URI)
SEED_OPTIONS = {
    "year": 2017,
    "provider": PROVIDER_URI,
    "slug": "high-tech-service",
    "story_id": "mianyang-high-tech-service",
}
SEED_REPAIRS = [
    Repair(7, 133, "¨C", "–"),
    Repair(9, 178, "¡°", "“"),
    Repair(15, 427, "¡±", "”"),
    Repair(21, 150, "¨C", "–"),
    Repair(26, 1, "¡õ", "□"),
    Repair(28, 272, "¡¯", "’"),
    Repair(30, 230, "¨C", "–"),
]
NOON = dt.datetime(2017, 12, 22, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture(scope="module")
def seed_file() -> Path:
    return shared_file("seeds/000_046605fd08b83dcb.txt")


@pytest.fixture(scope="module")
def seed_result(seed_file: Path) -> IngestResult:
    return ingest_file(seed_file, **SEED_OPTIONS)


def _story_file(tmp_path: Path, text: str, name: str = "copy.txt", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _text_parts(story: nb.Story) -> nb.Story:
    """The story without what a human adds and plain text cannot carry (see docs/plain-text-layout.md)."""

    def item(value, **extra):
        header = replace(value.header, version_created=NOON, first_created=NOON, content_created=NOON, rights=None)
        return replace(value, header=header, **extra)

    def text_item(value: nb.TextItem) -> nb.TextItem:
        bylines = tuple(replace(b, title="") if b.title == "commentator" else b for b in value.bylines)
        return item(value, slugline="", located=None, subjects=(), keywords=(), parties=(), bylines=bylines)

    return replace(
        story,
        article=text_item(story.article),
        commentary=text_item(story.commentary) if story.commentary else None,
        photo=item(story.photo, creator=None) if story.photo else None,
    )


def _messages(result) -> str:
    return "\n".join(f"{w.line}: {w.message}" for w in result.warnings)


# The seed: the bundled story, part by part


def test_seed_gives_the_bundled_story_except_human_metadata(seed_result, seed_story):
    assert _text_parts(seed_result.story) == _text_parts(seed_story)
    # The parts compared above, spelled out: the text, the structure and the guids.
    story = seed_result.story
    assert (
        story.article.guid
        == seed_story.article.guid
        == ("urn:newsml:mianyang-daily.example:20171222:high-tech-service:article")
    )
    assert [b.id for b in story.article.body] == [f"p{i:02d}" for i in range(1, 10)]
    assert story.article.body == seed_story.article.body
    assert story.article.dateline == seed_story.article.dateline
    assert story.article.bylines == seed_story.article.bylines
    assert story.commentary.body == seed_story.commentary.body
    assert (story.photo.caption, story.photo.credit) == (seed_story.photo.caption, seed_story.photo.credit)
    assert story.article.header.provider == seed_story.article.header.provider


def test_seed_human_metadata_is_left_out_not_invented(seed_result):
    story = seed_result.story
    assert story.article.subjects == story.article.parties == story.article.keywords == ()
    assert story.article.header.rights is None and story.photo.creator is None
    assert story.commentary.bylines[0].title == ""
    for _, item in story.roles():
        assert item.header.version_created == item.header.first_created == item.header.content_created == NOON


def test_seed_reports_exactly_the_repairs_it_needs(seed_file, seed_result):
    assert seed_result.repairs == SEED_REPAIRS
    lines = seed_file.read_text("utf-8").split("\n")
    for repair in seed_result.repairs:
        assert lines[repair.line - 1][repair.column - 1 : repair.column + 1] == repair.before
    text = nb.dumps_story(seed_result.story)
    assert not any(damage in text for damage in ("¡", "¨C"))
    assert seed_result.encoding == "utf-8"


@pytest.mark.parametrize(
    ("encode", "encoding", "repairs"),
    [
        (lambda text: text.encode("utf-16"), "utf-16", len(SEED_REPAIRS)),
        # English copy saved as GBK and never misread: nothing to repair.
        (lambda text: repair_gbk_mojibake(text)[0].encode("gbk"), "gb18030", 0),
    ],
    ids=["utf-16", "gbk"],
)
def test_seed_in_other_encodings_gives_the_same_story(seed_file, seed_result, encode, encoding, repairs):
    data = encode(seed_file.read_text("utf-8"))
    result = ingest_text(data, source="copy.txt", **SEED_OPTIONS)
    assert (result.story, result.encoding, len(result.repairs)) == (seed_result.story, encoding, repairs)


def test_seed_warns_where_the_year_and_the_times_come_from(seed_result):
    times, year = seed_result.warnings  # whole-text warnings first, then by line
    assert year.line == 5 and "'Dec. 22'" in year.message and "--year" in year.message
    assert times.line is None and "12:00 Asia/Shanghai" in times.message


def test_seed_without_year_and_provider_is_refused_naming_both(seed_file):
    with pytest.raises(IngestError) as caught:
        ingest_file(seed_file)
    assert caught.value.source == str(seed_file)
    assert caught.value.line == 5 and "'Dec. 22' but no year" in caught.value.message
    assert "--provider-uri" in caught.value.message


def test_no_repair_keeps_the_damage_and_the_structure(seed_file):
    result = ingest_file(seed_file, **SEED_OPTIONS, repair=False)
    assert result.repairs == []
    assert "industry ¨C the shortest" in result.story.article.body[1].text
    assert result.story.commentary.bylines[0].name == "Fang Fayong"
    assert IngestWarning(
        7, "repair is off: 7 damaged characters left as they are (first at column 133: '¨C' for '–')"
    ) in (result.warnings)


def test_date_option_overrides_the_text_with_a_warning(seed_file):
    result = ingest_file(seed_file, **SEED_OPTIONS, date=dt.date(2017, 12, 23))
    assert result.story.article.dateline.date == dt.date(2017, 12, 23)
    assert result.story.article.guid.split(":")[3] == "20171223"
    assert any(w.line == 5 and "differs from 'Dec. 22'" in w.message for w in result.warnings)


def test_timezone_sets_the_offset_of_the_times(seed_file):
    result = ingest_file(seed_file, **SEED_OPTIONS, timezone="Europe/London")
    assert result.story.timezone == "Europe/London"
    assert result.story.article.header.version_created.isoformat() == "2017-12-22T12:00:00+00:00"
    with pytest.raises(IngestError, match="unknown timezone 'Mars/Olympus'"):
        ingest_file(seed_file, **SEED_OPTIONS, timezone="Mars/Olympus")


# Chinese copy as a local paper lays it out


def test_chinese_local_paper_story():
    result = ingest_file(DATA / "zh-local-news.txt", year=2017, provider=ZH_PROVIDER, slug="gaoxin-fuwu")
    story = result.story
    assert story.language == "zh-Hans" and result.repairs == []
    assert story.article.headline == "“高新服务”跑出项目落地加速度"
    assert (story.photo.caption, story.photo.credit) == ("西科光电项目建设现场一角。", "高新区管委会供图")
    assert [(b.name, b.title, b.text) for b in story.article.bylines] == [
        ("张三", "记者", "记者 张三"),
        ("王五", "通讯员", "通讯员 王五"),
    ]
    body = [b.text for b in story.article.body]
    assert len(body) == 3 and body[0].startswith("12月22日一早，西科光电项目")
    assert not any(text.startswith(("　", "本报讯")) for text in body)
    assert story.article.dateline == nb.Dateline(date=dt.date(2017, 12, 22), label="本报讯", text="本报讯")
    assert any(w.line == 5 and "names no place" in w.message for w in result.warnings)
    assert story.commentary.headline == "项目建设呼唤更多“高新服务”"
    assert [(b.name, b.text) for b in story.commentary.bylines] == [("李四", "李四")]
    assert [b.id for b in story.commentary.body] == ["p01", "p02", "p03"]
    assert story.commentary.guid == "urn:newsml:mianyang-daily.example:20171222:gaoxin-fuwu:commentary"


def test_chinese_place_option_completes_the_dateline():
    result = ingest_file(DATA / "zh-local-news.txt", year=2017, provider=ZH_PROVIDER, place="绵阳")
    assert result.story.article.dateline == nb.Dateline(place="绵阳", date=dt.date(2017, 12, 22), label="本报讯")
    assert not any("names no place" in w.message for w in result.warnings)


def test_chinese_gbk_crlf_copy_gives_the_same_story():
    options = {"year": 2017, "provider": ZH_PROVIDER}
    gbk = ingest_file(DATA / "zh-local-news.gbk.txt", **options)
    utf8 = ingest_file(DATA / "zh-local-news.txt", **options)
    assert gbk.encoding == "gb18030" and utf8.encoding == "utf-8"
    assert gbk.story == utf8.story
    decoded_as = IngestWarning(
        None, "decoded as gb18030 (GBK): if this is Big5 (traditional Chinese) copy, re-save it as UTF-8"
    )
    assert [w for w in gbk.warnings if w != decoded_as] == utf8.warnings
    assert decoded_as in gbk.warnings and decoded_as not in utf8.warnings


@pytest.mark.parametrize(
    ("opening", "label", "place", "bylines"),
    [
        ("本报绵阳12月22日讯（记者张三）", "本报讯", "绵阳", [("张三", "记者")]),
        ("新华社北京12月22日电（记者 张三 李四）", "新华社电", "北京", [("张三", "记者"), ("李四", "记者")]),
        ("本报讯 （融媒体记者 张三 实习生 赵六）", "本报讯", "", [("张三", "融媒体记者"), ("赵六", "实习生")]),
    ],
)
def test_chinese_openers(tmp_path, opening, label, place, bylines):
    text = f"标题\n\n　　{opening}今年以来，全市新开工项目超过百个。\n　　项目建设持续提速。（完）\n"
    result = ingest_file(_story_file(tmp_path, text), year=2017, provider=ZH_PROVIDER, date=dt.date(2017, 12, 22))
    article = result.story.article
    assert (article.dateline.label, article.dateline.place) == (label, place)
    assert [(b.name, b.title) for b in article.bylines] == bylines
    assert [b.text for b in article.body] == ["今年以来，全市新开工项目超过百个。", "项目建设持续提速。"]
    assert not any("differs" in w.message for w in result.warnings)


def test_chinese_closing_byline_and_signed_feature(tmp_path):
    text = (
        "走进西科光电\n\n□ 本报记者 张三\n\n"
        "　　12月22日，记者走进西科光电项目工地。\n　　工人们正在紧张施工。（记者 张三）\n"
    )
    result = ingest_file(_story_file(tmp_path, text), year=2017, provider=ZH_PROVIDER)
    story = result.story
    assert story.commentary is None and story.photo is None
    assert [(b.name, b.title) for b in story.article.bylines] == [("张三", "本报记者")]
    assert story.article.body[-1].text == "工人们正在紧张施工。"
    assert any("named twice" in w.message for w in result.warnings)


# A story with no commentary


def test_english_story_without_commentary_or_photo():
    result = ingest_file(DATA / "en-no-commentary.txt", provider=PROVIDER_URI)
    story = result.story
    assert story.commentary is None and story.photo is None and story.language == "en"
    assert story.article.dateline == nb.Dateline(place="Mianyang", date=dt.date(2018, 1, 8), label="Mianyang News")
    assert story.article.header.provider == nb.Provider("Mianyang Daily", PROVIDER_URI)
    assert story.article.bylines == (
        nb.Byline("li-ming", "Li Ming", "Li Ming, reporter from Mianyang Daily", "reporter", "Mianyang Daily"),
    )
    assert story.article.body[-1].text.endswith("said the library's director.")
    assert story.id == "night-reading-room-opens"
    assert {w.line for w in result.warnings} == {None, 1, 3}  # times; slug from the headline; date with its year


def test_written_story_file_loads_back_with_its_template(tmp_path):
    story = ingest_file(DATA / "zh-local-news.txt", year=2017, provider=ZH_PROVIDER, slug="gaoxin-fuwu").story
    written = write_story_files(story, tmp_path / "story.toml", locales=tmp_path / "locales")
    assert written[0] == tmp_path / "story.toml"
    assert nb.load_story(written[0]) == story
    assert written[1] == tmp_path / "locales" / "gaoxin-fuwu.pot"
    template = written[1].read_text("utf-8")
    assert 'msgctxt "commentary/body/p03"' in template and "窥一斑而知全豹" in template


def test_without_locales_only_the_story_file_is_written(tmp_path):
    story = ingest_file(DATA / "en-no-commentary.txt", provider=PROVIDER_URI).story
    assert write_story_files(story, tmp_path / "s.toml") == [tmp_path / "s.toml"]
    assert [p.name for p in tmp_path.iterdir()] == ["s.toml"]


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("zh-local-news.txt", {"year": 2017, "provider": ZH_PROVIDER}),
        ("en-no-commentary.txt", {"provider": PROVIDER_URI}),
    ],
)
def test_ingested_stories_render_to_valid_newsml(tmp_path, schema, name, options):
    story = ingest_file(DATA / name, **options).story
    documents = nb.render_story(story, locales=tmp_path, clock=lambda: NOON)
    assert any(".article." in document for document in documents)
    for document, data in documents.items():
        assert nb.validate_document(data, source=document, schema=schema) == [], document


def test_guid_rule():
    provider = nb.Provider("Mianyang Daily", PROVIDER_URI)
    assert (
        newsml_guid(provider, dt.date(2017, 12, 22), "x", "photo")
        == "urn:newsml:mianyang-daily.example:20171222:x:photo"
    )
    with pytest.raises(IngestError, match="no host name"):
        newsml_guid(nb.Provider("X", "urn:x:y"), dt.date(2017, 12, 22), "x", "photo")


# What the parser is unsure of is a warning with its line


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "Headline\n\nA short line (of something)\n\nThe body on Dec. 22, 2017.\n",
            3,
            "may be a photo caption or a paragraph: taken as the caption",
        ),
        (
            "Headline\n\nA caption without a credit\n\n(Mianyang News) The body on Dec. 22, 2017.\n",
            3,
            "taken as the photo caption, but it has no credit",
        ),
        (
            "Headline\n\nCaption (photo by X)\n\nAnother line\n\n(Mianyang News) The body on Dec. 22, 2017.\n",
            5,
            "more than one line between the headline and the first paragraph: kept as a paragraph",
        ),
        ("Headline\n\nThe body on Dec. 22, 2017.\n", 3, "no dateline at the start of the first paragraph"),
        (
            "Headline\n\n(Mianyang News) The body on Dec. 22, 2017. (Mianyang Daily)\n",
            3,
            "'(Mianyang Daily)' at the end of the article taken as the reporter's byline",
        ),
        ("H" * 300 + "\n\n(Mianyang News) The body on Dec. 22, 2017.\n", 1, "but it is 300 characters long"),
    ],
)
def test_unsure_layout_is_reported_with_its_line(tmp_path, text, line, message):
    result = ingest_file(_story_file(tmp_path, text), provider=ZH_PROVIDER)
    assert any(w.line == line and message in w.message for w in result.warnings), _messages(result)


def test_unsure_caption_is_kept_as_the_caption_and_the_rest_as_paragraphs(tmp_path):
    text = "Headline\n\nCaption (photo by X)\n\nAnother line\n\n(Mianyang News) The body on Dec. 22, 2017.\n"
    story = ingest_file(_story_file(tmp_path, text), provider=ZH_PROVIDER).story
    assert (story.photo.caption, story.photo.credit) == ("Caption", "photo by X")
    assert [b.text for b in story.article.body] == ["Another line", "The body on Dec. 22, 2017."]


def test_language_option_and_mixed_text(tmp_path):
    text = "标题 Headline\n\n本报讯 The body of the story on Dec. 22, 2017, 项目建设持续提速。\n"
    mixed = ingest_file(_story_file(tmp_path, text), provider=ZH_PROVIDER)
    assert any(w.line is None and "mixed Chinese and Latin text" in w.message for w in mixed.warnings)
    assert ingest_file(_story_file(tmp_path, text), provider=ZH_PROVIDER, language="zh").story.language == "zh-Hans"


# Hostile input: clear errors or correct results, never a traceback


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (b"", None, "empty file"),
        (b"  \n\n\t\n\xe3\x80\x80\n", 1, "no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "NUL byte"),
        (b"Headline only\n", 1, "no body paragraphs"),
        (b"Headline\n\nbody\n\nCommentary\n\n\xe2\x96\xa1Name\n", 7, "commentary has no paragraphs"),
    ],
)
def test_hostile_input_is_a_clear_error(tmp_path, data, line, message):
    path = tmp_path / "copy.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError, match=message) as caught:
        ingest_file(path, date=dt.date(2017, 12, 22), provider=ZH_PROVIDER)
    assert (caught.value.source, caught.value.line) == (str(path), line)


def test_a_file_over_the_size_limit_is_refused(tmp_path, seed_file):
    seed = seed_file.read_bytes()
    path = tmp_path / "big.txt"
    path.write_bytes(seed + b"\n" * (MAX_BYTES + 1 - len(seed)))
    with pytest.raises(IngestError, match="too large for a plain-text story") as caught:
        ingest_file(path, **SEED_OPTIONS)
    assert caught.value.source == str(path)
    # One byte less is at the limit, not over it: the same story.
    path.write_bytes(seed + b"\n" * (MAX_BYTES - len(seed)))
    assert ingest_file(path, **SEED_OPTIONS).story == ingest_file(seed_file, **SEED_OPTIONS).story


def test_a_line_of_one_megabyte_is_a_paragraph(tmp_path):
    long_paragraph = "The zone grew. " * (1024 * 1024 // 15)
    text = f"Headline\n\n(Mianyang News) The body on Dec. 22, 2017.\n\n{long_paragraph}\n"
    story = ingest_file(_story_file(tmp_path, text), provider=ZH_PROVIDER).story
    assert story.article.body[1].text == long_paragraph.strip()


@pytest.mark.parametrize(
    "line",
    ["(" * 2**20, "¡°" * 2**18, "Dec. " * 2**18, "12月" * 2**18, "□" * 2**18],
    ids=["parentheses", "damage", "dates", "chinese-dates", "author-marks"],
)
def test_a_hostile_line_of_one_megabyte_is_a_result_not_a_hang(tmp_path, line):
    text = f"Headline\n\n(Mianyang News) The body on Dec. 22, 2017.\n\n{line}\n"
    story = ingest_file(_story_file(tmp_path, text), provider=ZH_PROVIDER).story
    assert len(story.article.body) == 2 and len(story.article.body[1].text) >= len(line) // 2


def test_a_missing_file_or_a_folder_is_a_clear_error(tmp_path):
    for path in (tmp_path / "missing.txt", tmp_path):
        with pytest.raises(IngestError) as caught:
            ingest_file(path, provider=ZH_PROVIDER)
        assert caught.value.source == str(path)


def test_bad_options_are_clear_errors(seed_file):
    with pytest.raises(IngestError, match="slug 'High Tech'"):
        ingest_file(seed_file, **{**SEED_OPTIONS, "slug": "High Tech"})
    with pytest.raises(IngestError, match="not a valid id"):
        ingest_file(seed_file, **{**SEED_OPTIONS, "story_id": "no spaces please"})
    # Any language Babel knows is a language now (issue 14); a tag it does not know is refused.
    with pytest.raises(IngestError, match="unsupported language 'xx'"):
        ingest_file(seed_file, **SEED_OPTIONS, language="xx")
    with pytest.raises(IngestError, match="does not exist in 2017"):
        ingest_text(b"Headline\n\n(Mianyang News) On Feb. 29 it rained.\n", source="x", year=2017, provider=ZH_PROVIDER)


# Damaged GBK and characters XML cannot carry: errors with their line, nothing written


def _gbk_local_paper() -> bytes:
    return (DATA / "zh-local-news.txt").read_text("utf-8").encode("gbk")


@pytest.mark.parametrize(
    "damage",
    [lambda data: data[:200] + b"\xff" + data[200:], lambda data: data[:200]],
    ids=["bad-byte", "cut-mid-character"],
)
def test_damaged_gbk_copy_is_an_error_at_its_line_not_cp1252(tmp_path, damage):
    path = tmp_path / "zh.txt"
    path.write_bytes(damage(_gbk_local_paper()))
    with pytest.raises(IngestError, match=r"byte offset 199: .* looks like GBK/GB18030 Chinese") as caught:
        ingest_file(path, provider=ZH_PROVIDER, date=dt.date(2017, 12, 22))
    assert (caught.value.source, caught.value.line) == (str(path), 5)


def test_damaged_gbk_copy_through_the_cli_exits_2_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "zh.txt"
    data = _gbk_local_paper()
    path.write_bytes(data[:200] + b"\xff" + data[200:])
    out = tmp_path / "out"
    argv = ["ingest", str(path), "-o", str(out / "s.toml"), "--locales", str(out / "locales")]
    assert main([*argv, "--provider-uri", PROVIDER_URI, "--provider-name", "X", "--date", "2017-12-22"]) == 2
    assert f"{path}:5: byte offset 199: " in capsys.readouterr().err
    assert not out.exists()


NOT_XML_CASES = [
    ("Café\x0c\n\n(Mianyang News) The body on Dec. 22, 2017.\n", 1, "U+000C (form feed)"),
    ("Café\n\n(Mianyang News) The body\x0b on Dec. 22, 2017.\n", 3, "U+000B (vertical tab)"),
    ("Café\r\n\r\n(Mianyang News) body\x01 on 2017-12-22. (Li Ming, reporter from Mianyang Daily)\r\n", 3, "U+0001"),
    ("Café\n\n(Mianyang News) The body on Dec. 22, 2017.\n\x1a", 4, "U+001A (end-of-file mark)"),
    ("Café\n\n(Mianyang News) The body on Dec. 22, 2017.\ufffe\n", 3, "U+FFFE"),
]


@pytest.mark.parametrize(
    ("text", "line", "name", "encoding"),
    [
        (*case, encoding)
        for case in NOT_XML_CASES
        for encoding in ("utf-8", "utf-16", "cp1252")
        if "\ufffe" not in case[0] or encoding != "cp1252"  # cp1252 has no U+FFFE
    ],
)
def test_characters_xml_cannot_carry_are_refused_with_their_line(tmp_path, text, line, name, encoding):
    path = _story_file(tmp_path, text, encoding=encoding)
    with pytest.raises(IngestError, match="a character XML cannot carry") as caught:
        ingest_file(path, provider=ZH_PROVIDER)
    assert (caught.value.source, caught.value.line) == (str(path), line)
    assert name in caught.value.message


def test_a_form_feed_through_the_cli_exits_2_and_writes_no_story(tmp_path, capsys):
    path = _story_file(tmp_path, "Head\x0cline\n\n(Mianyang News) The body on Dec. 22, 2017.\n")
    story = tmp_path / "s.toml"
    argv = ["ingest", str(path), "-o", str(story), "--locales", str(tmp_path / "locales")]
    assert main([*argv, "--provider-uri", PROVIDER_URI, "--provider-name", "X"]) == 2
    assert f"{path}:1: byte offset 4: U+000C (form feed)" in capsys.readouterr().err
    assert not story.exists()


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("cp1252", "decoded as cp1252: if this is Polish/Czech (cp1250) or Russian (cp1251) copy, re-save it as UTF-8"),
        ("utf-8", None),
    ],
)
def test_a_warning_says_when_the_text_was_decoded_as_cp1252(tmp_path, encoding, message):
    text = "Café opens\n\n(Mianyang News) The café opened on Dec. 22, 2017. (Li Ming, reporter from Mianyang Daily)\n"
    result = ingest_file(_story_file(tmp_path, text, encoding=encoding), provider=PROVIDER_URI)
    assert result.encoding == encoding
    assert result.story.article.headline == "Café opens"
    warned = [w for w in result.warnings if w.message.startswith("decoded as")]
    assert warned == ([IngestWarning(None, message)] if message else [])


def test_the_cli_prints_the_cp1252_warning(tmp_path, capsys):
    text = (
        "Polish copy\n\n(Mianyang News) Zażółć gęślą jaźń on Dec. 22, 2017. (Li Ming, reporter from Mianyang Daily)\n"
    )
    path = _story_file(tmp_path, text, encoding="cp1250")
    argv = ["ingest", str(path), "-o", str(tmp_path / "s.toml"), "--locales", str(tmp_path / "locales")]
    assert main([*argv, "--provider-uri", PROVIDER_URI]) == 0
    assert f"{path}: warning: decoded as cp1252: if this is Polish/Czech (cp1250)" in capsys.readouterr().err


# Signed features without a dateline: the author lines belong to the article


@pytest.mark.parametrize(
    ("front", "authors"),
    [
        ("Site of the works (photo by X)\n\n□Alice\n\n", ["Alice"]),
        ("□Alice\n\nSite of the works (photo by X)\n\n", ["Alice"]),
        ("□Alice\n\n□Bob\n\n", ["Alice", "Bob"]),
        ("Site of the works (photo by X)\n\n□Alice\n\n□Bob\n\n", ["Alice", "Bob"]),
    ],
    ids=["caption-author", "author-caption", "two-authors", "caption-two-authors"],
)
def test_signed_feature_without_dateline_keeps_its_authors(tmp_path, front, authors):
    text = f"Headline\n\n{front}The body on Dec. 22, 2017.\n\nBody two.\n"
    result = ingest_file(_story_file(tmp_path, text), provider=ZH_PROVIDER)
    story = result.story
    assert [b.name for b in story.article.bylines] == authors
    assert story.article.headline == "Headline"
    assert [b.text for b in story.article.body] == ["The body on Dec. 22, 2017.", "Body two."]
    assert story.commentary is None
    if "photo" in front:
        assert (story.photo.caption, story.photo.credit) == ("Site of the works", "photo by X")
    else:
        assert story.photo is None
    first = text.split("\n").index("The body on Dec. 22, 2017.") + 1
    assert any(w.line == first and "no dateline" in w.message for w in result.warnings), _messages(result)


def test_signed_feature_without_dateline_and_a_commentary(tmp_path):
    text = (
        "Headline\n\nSite (photo by X)\n\n□Alice\n\n□Bob\n\nThe body on Dec. 22, 2017.\n\nBody two.\n\n"
        "Comment headline\n\n□Carol\n\nComment body.\n"
    )
    story = ingest_file(_story_file(tmp_path, text), provider=ZH_PROVIDER).story
    assert [b.name for b in story.article.bylines] == ["Alice", "Bob"]
    assert [b.text for b in story.article.body] == ["The body on Dec. 22, 2017.", "Body two."]
    assert story.commentary.headline == "Comment headline"
    assert [b.name for b in story.commentary.bylines] == ["Carol"]


def test_chinese_signed_feature_with_a_photo_and_two_authors(tmp_path):
    text = (
        "走进西科光电\n\n图为现场。（张三 摄）\n\n□ 李四\n\n□ 王五\n\n"
        "　　12月22日，项目开工。\n　　工人们正在紧张施工。\n"
    )
    story = ingest_file(_story_file(tmp_path, text), year=2017, provider=ZH_PROVIDER).story
    assert [b.name for b in story.article.bylines] == ["李四", "王五"]
    assert (story.photo.caption, story.photo.credit) == ("图为现场。", "张三 摄")
    assert [b.text for b in story.article.body] == ["12月22日，项目开工。", "工人们正在紧张施工。"]
    assert story.commentary is None


# Chinese bylines as papers print them


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("记者 张三 报道", [("张三", "记者", "记者 张三")]),
        ("记者张三报道", [("张三", "记者", "记者 张三")]),
        ("记者 张三 摄", [("张三", "记者", "记者 张三")]),
        ("新华社记者 张三", [("张三", "新华社记者", "新华社记者 张三")]),
        (
            "中新社记者 王五 李四",
            [("王五", "中新社记者", "中新社记者 王五"), ("李四", "中新社记者", "中新社记者 李四")],
        ),
        ("记者：张三", [("张三", "记者", "记者 张三")]),
        ("文/图 张三", [("张三", "", "张三")]),
        ("记者 张三 通讯员 王五 责任编辑：李四", [("张三", "记者", "记者 张三"), ("王五", "通讯员", "通讯员 王五")]),
    ],
)
def test_chinese_closing_bylines(tmp_path, byline, expected):
    text = f"标题\n\n　　本报讯 12月22日，项目开工。\n　　工人们正在紧张施工。（{byline}）\n"
    result = ingest_file(_story_file(tmp_path, text), year=2017, provider=ZH_PROVIDER)
    bylines = result.story.article.bylines
    assert [(b.name, b.title, b.text) for b in bylines] == expected
    assert not {b.name for b in bylines} & {"报道", "摄", "新华社", "中新社", "责任", "文", "图", "文/图"}
    assert result.story.article.body[-1].text == "工人们正在紧张施工。"
    editor = [w for w in result.warnings if "editor" in w.message]
    assert [(w.line, w.message) for w in editor] == (
        [(4, "责任编辑 李四 is an editor, not an author: left out of the bylines")] if "编辑" in byline else []
    )


@pytest.mark.parametrize("editor", ["（责任编辑：李四）", "责任编辑：李四", "编辑：李四"])
def test_an_editor_line_at_the_end_is_no_author_and_no_paragraph(tmp_path, editor):
    text = f"标题\n\n　　本报讯 12月22日，项目开工。\n　　工人们正在紧张施工。（记者 张三）\n{editor}\n"
    result = ingest_file(_story_file(tmp_path, text), year=2017, provider=ZH_PROVIDER)
    article = result.story.article
    assert [(b.name, b.title) for b in article.bylines] == [("张三", "记者")]
    assert [b.text for b in article.body] == ["12月22日，项目开工。", "工人们正在紧张施工。"]
    assert IngestWarning(5, f"{editor!r} credits an editor, not an author: left out") in result.warnings


def test_a_place_opener_of_a_local_paper(tmp_path):
    # The form the seed's own Chinese original uses.
    text = (
        "标题\n\n　　绵阳讯（记者 邓雪林）12月22日一大早，项目总指挥来到高新区。\n　　今年以来，高新区项目加速落地。\n"
    )
    result = ingest_file(_story_file(tmp_path, text), year=2017, provider=ZH_PROVIDER)
    article = result.story.article
    assert article.dateline == nb.Dateline(place="绵阳", date=dt.date(2017, 12, 22), label="绵阳讯")
    assert [(b.name, b.title) for b in article.bylines] == [("邓雪林", "记者")]
    assert article.body[0].text == "12月22日一大早，项目总指挥来到高新区。"
    assert not any("no dateline" in w.message for w in result.warnings)


def test_a_paragraph_starting_with_a_place_and_parentheses_is_no_opener(tmp_path):
    text = "标题\n\n　　成都讯（图片）12月22日，项目开工。\n"
    result = ingest_file(_story_file(tmp_path, text), year=2017, provider=ZH_PROVIDER)
    assert result.story.article.dateline is None
    assert result.story.article.body[0].text == "成都讯（图片）12月22日，项目开工。"


# Bylines that name nobody are warnings with their line, never errors without one


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "Headline\n\n(Mianyang News) The body on Dec. 22, 2017. (, reporter)\n",
            3,
            "the byline ', reporter' names nobody: left out",
        ),
        (
            "Headline\n\n□ ,\n\n(Mianyang News) The body on Dec. 22, 2017.\n",
            3,
            "author line of the article names nobody",
        ),
        (
            "Headline\n\n(Mianyang News) Body on Dec. 22, 2017.\n\nOpinion\n\n□ ，\n\nIts text.\n",
            7,
            "author line of the commentary names nobody",
        ),
        ("标题\n\n　　本报讯（记者）12月22日，项目开工。\n", 3, "'记者' in the byline '记者' names nobody"),
    ],
)
def test_a_byline_naming_nobody_is_a_warning(tmp_path, text, line, message):
    result = ingest_file(_story_file(tmp_path, text), year=2017, provider=ZH_PROVIDER)
    assert IngestWarning(line, message) in result.warnings, _messages(result)
    for _, item in result.story.roles():
        assert all(b.name.strip(" ,，") for b in getattr(item, "bylines", ()))
    assert "reporter)" not in result.story.article.body[-1].text


def test_a_model_error_while_building_is_an_ingest_error_with_file_and_line(tmp_path):
    # A blank --place would give a dateline with no place: the model refuses it.
    text = "标题\n\n　　本报讯（记者 张三）12月22日，项目开工。\n"
    path = _story_file(tmp_path, text)
    with pytest.raises(IngestError, match="dateline: place: a dateline needs a place") as caught:
        ingest_file(path, year=2017, provider=ZH_PROVIDER, place="   ")
    assert (caught.value.source, caught.value.line) == (str(path), 3)


def test_a_line_of_no_break_spaces_is_blank(tmp_path):
    text = "\u00a0\u2003\n\nHeadline\n\n(Mianyang News) The body on Dec. 22, 2017.\n\n\u00a0\n"
    story = ingest_file(_story_file(tmp_path, text), provider=ZH_PROVIDER).story
    assert story.article.headline == "Headline"
    assert [b.text for b in story.article.body] == ["The body on Dec. 22, 2017."]


# The slug made from a headline, and writing the files


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        ("H" * 300, "h" * SLUG_MAX),
        (
            "Supercalifragilisticexpialidocious Antidisestablishmentarianism "
            "Pneumonoultramicroscopic Floccinaucinihilipilification",
            "supercalifragilisticexpialidocious",  # with the next word it would be 63 characters
        ),
    ],
)
def test_a_slug_made_from_a_long_headline_is_capped_at_a_word(tmp_path, headline, slug):
    text = f"{headline}\n\n(Mianyang News) The body on Dec. 22, 2017.\n"
    story = ingest_file(_story_file(tmp_path, text), provider=ZH_PROVIDER).story
    assert story.id == slug and len(slug) <= SLUG_MAX
    assert story.article.guid.split(":")[4] == slug
    written = write_story_files(story, tmp_path / "out" / "s.toml", locales=tmp_path / "out" / "locales")
    assert [p.name for p in written] == ["s.toml", f"{slug}.pot"]


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    # A file where the locales folder should be: the template cannot be written, so the story
    # file written just before it is removed again.
    text = "Headline\n\n(Mianyang News) The body on Dec. 22, 2017.\n"
    story = ingest_file(_story_file(tmp_path, text), provider=ZH_PROVIDER).story
    out = tmp_path / "out"
    out.mkdir()
    (out / "locales").write_text("not a folder", "utf-8")
    with pytest.raises(OSError):
        write_story_files(story, out / "s.toml", locales=out / "locales")
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == ["locales"]


def test_a_failed_write_puts_the_old_story_file_back(tmp_path):
    text = "Headline\n\n(Mianyang News) The body on Dec. 22, 2017.\n"
    story = ingest_file(_story_file(tmp_path, text), provider=ZH_PROVIDER).story
    old = tmp_path / "s.toml"
    old.write_text("# the story as it was\n", "utf-8")
    (tmp_path / "locales").write_text("not a folder", "utf-8")
    with pytest.raises(OSError):
        write_story_files(story, old, locales=tmp_path / "locales")
    assert old.read_text("utf-8") == "# the story as it was\n"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["copy.txt", "locales", "s.toml"]


def test_written_files_are_what_dump_and_extract_write(tmp_path):
    story = ingest_file(DATA / "zh-local-news.txt", year=2017, provider=ZH_PROVIDER, slug="gaoxin-fuwu").story
    written = write_story_files(story, tmp_path / "story.toml", locales=tmp_path / "locales")
    nb.dump_story(story, tmp_path / "again.toml")
    assert written[0].read_bytes() == (tmp_path / "again.toml").read_bytes()
    expected = write_template(story, tmp_path / "expected", story_file=tmp_path / "story.toml", root=tmp_path)
    assert written[1].read_bytes() == expected.read_bytes()
