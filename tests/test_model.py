"""Objects check their values on construction and say which field is wrong."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

import newsbilingual as nb
from newsbilingual.story.model import revised


def test_block_ids_must_be_unique(seed_story):
    body = (*seed_story.article.body, nb.Block("p01", "Again."))
    with pytest.raises(nb.ModelError, match=r"body\[9\]\.id: duplicate id 'p01'"):
        replace(seed_story.article, body=body)


def test_inserting_a_paragraph_keeps_every_other_id(seed_story):
    body = list(seed_story.article.body)
    body.insert(2, nb.Block("p02a", "An inserted paragraph."))
    article = replace(seed_story.article, body=tuple(body))
    assert [b.id for b in article.body][:4] == ["p01", "p02", "p02a", "p03"]


def test_headline_is_required(seed_story):
    with pytest.raises(nb.ModelError, match="headline"):
        replace(seed_story.article, headline="  ")


def test_times_need_a_timezone(seed_story):
    with pytest.raises(nb.ModelError, match="version_created"):
        replace(seed_story.article.header, version_created=datetime(2017, 12, 22, 19))


def test_language_must_be_bcp47(seed_story):
    with pytest.raises(nb.ModelError, match="BCP 47"):
        replace(seed_story.article.header, language="zh_CN")


def test_story_holds_one_source_language(seed_story):
    zh_header = replace(seed_story.commentary.header, language="zh-Hans")
    with pytest.raises(nb.ModelError, match="one source language"):
        replace(seed_story, commentary=replace(seed_story.commentary, header=zh_header))


def test_dateline_needs_place_and_date_or_text():
    assert nb.Dateline(text="BEIJING, Dec 22").text
    assert nb.Dateline(place="Mianyang", date=date(2017, 12, 22)).place == "Mianyang"
    with pytest.raises(nb.ModelError):
        nb.Dateline(place="Mianyang")


def test_party_kind_is_checked():
    with pytest.raises(nb.ModelError, match="kind"):
        nb.Party("x", "company", "X")


# --------------------------------------------------------------------------------------------
# Validate once (issue 24 item 1): a copy checks what changed, and refuses what replace refuses
# --------------------------------------------------------------------------------------------

REFUSED_CHANGES = [
    ("article", {"headline": "   "}, "headline"),
    ("article", {"headline": "bad \x01 char"}, "headline"),
    ("article", {"keywords": ("one\nline",)}, "keywords[0]"),
    ("article", {"keywords": "football"}, "keywords"),
    ("article.header", {"language": "english"}, "language"),
    ("article.header", {"ed_notes": ("",)}, "ed_notes[0]"),
    ("article.body[0]", {"text": " "}, "text"),
    ("article.parties[0]", {"name": ""}, "name"),
    ("article.dateline", {"text": "", "place": " "}, "place"),
    ("photo", {"caption": "\ufffe"}, "caption"),
]


def _at(story, path):
    obj = story
    for step in path.split("."):
        name, _, index = step.partition("[")
        obj = getattr(obj, name)
        if index:
            obj = obj[int(index[:-1])]
    return obj


@pytest.mark.parametrize(("path", "changes", "field"), REFUSED_CHANGES)
def test_a_revised_copy_refuses_what_replace_refuses(seed_story, path, changes, field):
    obj = _at(seed_story, path)
    with pytest.raises(nb.ModelError) as by_replace:
        replace(obj, **changes)
    with pytest.raises(nb.ModelError) as by_revised:
        revised(obj, **changes)
    assert by_revised.value.field == by_replace.value.field == field
    assert str(by_revised.value) == str(by_replace.value)


def test_a_story_refuses_translated_keywords_that_share_a_slug(seed_story):
    article = revised(seed_story.article, keywords=("a b", "a-b"))  # the item alone allows it
    with pytest.raises(nb.ModelError, match="slug"):
        revised(seed_story, article=article)


def test_a_revised_copy_equals_the_replaced_one_and_shares_unchanged_values(seed_story):
    article = seed_story.article
    changes = {"headline": "另一个标题", "summary": article.summary}
    copy = revised(article, **changes)
    assert copy == replace(article, **changes)
    assert copy.body is article.body and article.headline != copy.headline
    assert revised(article, headline=article.headline) is article  # nothing changed: the object itself
    with pytest.raises(TypeError, match="no field 'headlines'"):
        revised(article, headlines="x")


def test_a_translation_that_xml_cannot_carry_is_refused_naming_its_field(seed_story):
    headline = ("article/headline", seed_story.article.headline)
    catalog = nb.Translations("zh-Hans", "zh.po", messages={headline: "坏\x0b"})
    with pytest.raises(nb.ModelError) as error:
        nb.localize(seed_story, catalog)
    assert error.value.field == "headline" and "U+000B" in str(error.value)
