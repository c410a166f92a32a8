"""Issue 15: every value the schema cannot carry is refused at its field, and nothing invalid is written.

Each test here failed on the code before the issue was fixed (see the issue's numbered items).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from conftest import fixed_clock

import newsbilingual as nb
from newsbilingual.cli import main

SENT = ["--sent", "2017-12-22T20:00:00+08:00"]
LMT = timezone(timedelta(hours=8, minutes=5, seconds=43))  # Asia/Shanghai's local mean time (before 1901)

# Every document render writes for the bundled story (items x bundled languages, package, message).
BUNDLED_DOCUMENTS = len(nb.render_story(nb.load_story(nb.SEED_STORY), locales=nb.locales_dir()))


def _edits(story: nb.Story) -> dict[str, tuple]:
    """Item 1: values the XSD refuses in the place they are written, with the field that must be named."""
    article, photo = story.article, story.photo
    party, byline, subject = article.parties[0], article.bylines[0], article.subjects[0]
    provider, rights = article.header.provider, article.header.rights
    return {
        "tab in a person's name": (lambda: replace(party, name="He\tMaohua"), "name"),
        "LF in a byline name": (lambda: replace(byline, name="Deng\nXuelin"), "name"),
        "CR in a keyword": (lambda: replace(article, keywords=("high\rtech",)), "keywords[0]"),
        "tab in the slugline": (lambda: replace(article, slugline="CN\tSICHUAN"), "slugline"),
        "CR in a credit": (lambda: replace(photo, credit="Photo\r by"), "credit"),
        "tab in a subject name": (lambda: replace(subject, names={"en": "economy\tbusiness"}), "names.en"),
        "LF in a place": (lambda: replace(article.located, name="Mian\nyang"), "name"),
        "tab in the provider": (lambda: replace(provider, name="Mianyang\tDaily"), "name"),
        "LF in the copyright holder": (lambda: replace(rights, holder="Mianyang\nDaily"), "holder"),
        "a control character in a summary": (lambda: replace(article, summary="high\x01tech"), "summary"),
        "a lone surrogate in a headline": (lambda: replace(article, headline="high\ud800tech"), "headline"),
        "U+FFFE in a paragraph": (lambda: replace(article.body[0], text="text\ufffe"), "text"),
        "a group id that is no xs:ID": (lambda: nb.Group(id="1st", role="nbgrp:main"), "id"),
        "a stray % in a rendition href": (lambda: nb.Rendition(href="https://x.example/50%.jpg"), "href"),
        "a bracket in a provider URI": (lambda: replace(provider, uri="https://x.example/[1]"), "uri"),
        "two fragments in a link": (lambda: nb.Link("nbrel:translationOf", "", href="https://x.example/#a#b"), "href"),
        "an empty port in a rights URI": (lambda: replace(rights, holder_uri="https://x.example:/"), "holder_uri"),
    }


EDIT_NAMES = list(_edits(nb.load_story(nb.SEED_STORY)))


@pytest.mark.parametrize("name", EDIT_NAMES)
def test_the_model_refuses_what_the_schema_cannot_carry_naming_the_field(seed_story, name):
    build, field = _edits(seed_story)[name]
    with pytest.raises(nb.ModelError) as refused:
        build()
    assert refused.value.field == field


def test_a_story_file_with_a_tab_in_a_keyword_is_refused_at_its_line_and_nothing_is_rendered(tmp_path, capsys):
    text = nb.SEED_STORY.read_text("utf-8")
    lines = text.splitlines()
    keyword_line = next(number for number, line in enumerate(lines, start=1) if line.startswith("keywords"))
    story_file = tmp_path / "story.toml"
    story_file.write_text(text.replace("keywords = [", 'keywords = [\n    "tab\\there",', 1), "utf-8")
    out = tmp_path / "wire"
    assert main(["render", str(story_file), "-o", str(out), *SENT]) == 2
    error = capsys.readouterr().err
    assert f"{story_file}:{keyword_line}:" in error and "keywords[0]" in error and "tab" in error
    assert not out.exists()


def test_text_the_schema_allows_still_renders_valid(seed_story, schema):
    # Tabs and line breaks are fine in headlines, paragraphs and summaries (not one-line types),
    # and URIs may hold spaces, non-ASCII, escapes, an IPv6 host and brackets in the fragment.
    article = replace(seed_story.article, headline="High\ttech", summary="one\ntwo", slugline="CN SICHUAN")
    rendition = nb.Rendition(href="https://[::1]:8080/绵阳 photo%20.jpg#[1]")
    photo = replace(seed_story.photo, renditions=(rendition,))
    seed_story = replace(seed_story, photo=photo)
    documents = nb.render_story(replace(seed_story, article=article), locales=nb.locales_dir(), clock=fixed_clock)
    assert nb.document_problems(documents, schema=schema) == []


# -- item 8: UTC offsets with seconds -------------------------------------------------------------


def test_an_offset_with_seconds_is_refused_at_its_field(seed_story):
    header = seed_story.article.header
    with pytest.raises(nb.ModelError) as refused:
        replace(header, version_created=datetime(1890, 12, 22, 12, tzinfo=LMT), first_created=None)
    assert refused.value.field == "version_created" and "+08:05:43" in str(refused.value)


def test_an_offset_beyond_fourteen_hours_is_refused(seed_story):
    with pytest.raises(nb.ModelError, match="14:00"):
        replace(seed_story.article.header, content_created=datetime(2017, 12, 22, tzinfo=timezone(timedelta(hours=15))))


def test_ingest_of_an_1890_story_rounds_local_mean_time_and_renders_valid(tmp_path, schema, capsys):
    copy = tmp_path / "copy.txt"
    copy.write_text("Old news from Mianyang\n\n(Mianyang News) The county opened a school on Dec. 22.\n", "utf-8")
    story_file = tmp_path / "old.toml"
    options = ["--year", "1890", "--provider-uri", "https://www.mianyang-daily.example/", "--provider-name", "MD"]
    assert main(["ingest", str(copy), "-o", str(story_file), "--locales", str(tmp_path / "locales"), *options]) == 0
    assert "local mean time (+08:05:43)" in capsys.readouterr().err
    assert nb.load_story(story_file).article.header.version_created.utcoffset() == timedelta(hours=8, minutes=6)
    out = tmp_path / "wire"
    assert main(["render", str(story_file), "-o", str(out), "--validate", "--schema", str(schema), *SENT]) == 0
    assert sorted(path.name for path in out.glob("*.xml")) == [
        f"old-news-mianyang.{part}.xml" for part in ("article.en", "newsmessage", "package")
    ]


# -- item 9: ids ----------------------------------------------------------------------------------


def test_two_keywords_with_one_slug_are_refused_naming_the_second(seed_story):
    article = replace(seed_story.article, keywords=("high tech", "high-tech"))  # a partner's item may repeat
    with pytest.raises(nb.ModelError) as refused:
        replace(seed_story, article=article)  # a story's may not: the two would share a catalog context
    assert refused.value.field == "article.keywords[1]" and "high-tech" in str(refused.value)


def test_a_story_file_with_colliding_keywords_is_refused_at_its_line_by_extract(tmp_path, capsys):
    story_file = tmp_path / "story.toml"
    text = nb.SEED_STORY.read_text("utf-8").replace("keywords = [", 'keywords = [\n    "a b",\n    "a-b",', 1)
    story_file.write_text(text, "utf-8")
    assert main(["extract", str(story_file), "--locales", str(tmp_path / "locales")]) == 2
    error = capsys.readouterr().err
    assert f"{story_file}:" in error and "keywords[1]" in error
    assert not (tmp_path / "locales").exists()


@pytest.mark.parametrize("length", [201, 215, 240])
def test_a_story_id_too_long_for_its_file_names_is_refused(seed_story, length):
    with pytest.raises(nb.ModelError) as refused:
        replace(seed_story, id="x" * length)
    assert refused.value.field == "id"


def test_the_longest_story_id_renders_and_writes_every_file(seed_story, tmp_path):
    story = replace(seed_story, id="x" * nb.STORY_ID_MAX)
    catalogs = tmp_path / "locales" / "zh" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    (catalogs / f"{story.id}.po").write_bytes(
        (nb.locales_dir() / "zh" / "LC_MESSAGES" / f"{seed_story.id}.po").read_bytes()
    )
    documents = nb.render_story(story, locales=tmp_path / "locales", languages=["en", "zh-Hans"], clock=fixed_clock)
    assert f"{story.id}.commentary.zh-Hans.xml" in documents
    assert len(nb.write_documents(documents, tmp_path / "out")) == len(documents) == 8


def test_write_documents_checks_every_name_before_writing_any(tmp_path):
    documents = {"short.xml": b"<a/>", "y" * 240 + ".xml": b"<b/>"}
    with pytest.raises(nb.NewsbilingualError, match="limit"):
        nb.write_documents(documents, tmp_path)
    assert list(tmp_path.iterdir()) == []


# -- item 10: library-side render errors name the field ------------------------------------------


def test_an_undeclared_qcode_alias_is_refused_naming_the_element_and_attribute(seed_story):
    subjects = (*seed_story.article.subjects, nb.Subject("zzz:1", {"en": "unknown"}))
    with pytest.raises(nb.ModelError) as refused:
        nb.item_element(replace(seed_story.article, subjects=subjects))
    assert refused.value.field == f"contentMeta[1]/subject[{len(subjects)}]/@qcode"
    assert seed_story.article.guid in str(refused.value)


# -- render --validate ----------------------------------------------------------------------------


def test_render_validate_writes_when_every_document_is_valid(tmp_path, schema):
    out = tmp_path / "wire"
    assert main(["render", "-o", str(out), "--validate", "--schema", str(schema), *SENT]) == 0
    assert len(list(out.glob("*.xml"))) == BUNDLED_DOCUMENTS


def test_render_validate_writes_nothing_when_a_document_is_invalid(tmp_path, capsys):
    # A schema that knows no NewsML-G2 element: every document fails it, so none may be written.
    other = tmp_path / "other.xsd"
    other.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="other"/></xs:schema>', "utf-8"
    )
    out = tmp_path / "wire"
    assert main(["render", "-o", str(out), "--validate", "--schema", str(other), *SENT]) == 2
    error = capsys.readouterr().err
    invalid = f"{BUNDLED_DOCUMENTS} of {BUNDLED_DOCUMENTS} document(s) invalid"
    assert "mianyang-high-tech-service.package.xml:" in error and invalid in error
    assert not out.exists()


def test_render_validate_without_a_schema_is_an_error(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("NEWSBILINGUAL_SCHEMA", raising=False)
    assert main(["render", "-o", str(tmp_path / "wire"), "--validate", *SENT]) == 2
    assert "NEWSBILINGUAL_SCHEMA" in capsys.readouterr().err
    assert not (tmp_path / "wire").exists()


def test_document_problems_names_each_document(rendered, schema):
    broken = {name: data.replace(b"stat:usable", b"stat usable") for name, data in rendered.items()}
    problems = nb.document_problems(broken, schema=schema)
    assert {problem.source for problem in problems} == {name for name in rendered if b"stat:usable" in rendered[name]}


# -- item 10: ingest refusals name a line ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "options", "line", "reason"),
    [
        ("Headline\n\n(Mianyang News) Opened on Dec. 22.\n", {"provider": "https://md.example/"}, 3, "no year"),
        ("Headline\n\nFirst paragraph, no date.\n", {"provider": "https://md.example/"}, 3, "names no date"),
        ("Headline\n\n(Mianyang News) Opened on Dec. 22, 2017.\n", {"provider": "https://md.example/"}, 3, "outlet"),
        ("Headline\n\nA paragraph.\n\nOn Dec. 22 it opened.\n", {}, 5, "no year"),
    ],
)
def test_an_ingest_refusal_names_the_line_it_concerns(tmp_path, capsys, text, options, line, reason):
    copy = tmp_path / "copy.txt"
    copy.write_text(text, "utf-8")
    with pytest.raises(nb.IngestError) as refused:
        nb.ingest_file(copy, **options)
    assert refused.value.line == line and reason in refused.value.message
    argv = ["ingest", str(copy)] + (["--provider-uri", options["provider"]] if options else [])
    assert main(argv) == 2
    assert f"{copy}:{line}: " in capsys.readouterr().err


def test_a_valid_document_whose_by_line_breaks_still_parses_and_renders_back(rendered, schema):
    # <by> may hold a line break; the model's byline name may not: the line stays XML.
    data = rendered["mianyang-high-tech-service.article.en.xml"]
    data = re.sub(rb"\s*<creator[^>]*>.*?</creator>", b"", data, flags=re.S)
    data = re.sub(rb"<by>([^<]*?) ", rb"<by>\1\n\t", data, count=1)
    assert b"\n\t" in data and nb.validate_document(data, schema=schema) == []
    parsed = nb.parse(data)
    assert nb.to_bytes(parsed.element()) == data


def test_a_party_title_with_a_line_break_still_makes_a_template_that_reads_back(seed_story, tmp_path):
    # Found by the fuzz campaign: the title went into the translator's note, and a line break
    # in a "#." comment made the template unreadable.
    person = next(party for party in seed_story.article.parties if party.kind == "person")
    titled = replace(person, title="director\rof the zone")
    parties = tuple(titled if party is person else party for party in seed_story.article.parties)
    story = replace(seed_story, article=replace(seed_story.article, parties=parties))
    template = nb.write_template(story, tmp_path / "locales")
    read_back = {entry.msgctxt: entry.msgid for entry in nb.read_po(template)}
    assert read_back == {segment.context: segment.text for segment in nb.story_segments(story)}
