"""Objects check their values on construction and say which field is wrong."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

import newsbilingual as nb


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
