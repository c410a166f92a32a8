"""Plain-text ingest: the seed gives the bundled story, Chinese copy, unsure layouts, hostile input."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

import newsbilingual as nb
from newsbilingual.ingest import (
    IngestError,
    IngestResult,
    IngestWarning,
    ingest_file,
    ingest_text,
    newsml_guid,
    write_story_files,
)
from newsbilingual.mojibake import Repair, repair_gbk_mojibake

DATA = Path(__file__).resolve().parent / "data"
SEED_FILE = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_046605fd08b83dcb.txt"
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
    if not SEED_FILE.is_file():
        pytest.skip(f"seed file not found at {SEED_FILE}")
    return SEED_FILE


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
    assert "'Dec. 22' (line 5) but no year" in caught.value.message
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
    assert gbk.warnings == utf8.warnings


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


def test_fifty_megabytes_is_refused_quickly(tmp_path, seed_file):
    path = tmp_path / "big.txt"
    chunk = seed_file.read_bytes()
    with path.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            handle.write(chunk)
    with pytest.raises(IngestError, match="too large for a plain-text story"):
        ingest_file(path, **SEED_OPTIONS)


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
    with pytest.raises(IngestError, match="unsupported language 'fr'"):
        ingest_file(seed_file, **SEED_OPTIONS, language="fr")
    with pytest.raises(IngestError, match="does not exist in 2017"):
        ingest_text(b"Headline\n\n(Mianyang News) On Feb. 29 it rained.\n", source="x", year=2017, provider=ZH_PROVIDER)
