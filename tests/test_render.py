"""Rendering the bundled story to NewsML-G2: validity, content in the right elements, links."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

import pytest
from conftest import SENT, fixed_clock
from lxml import etree

import newsbilingual as nb

NS = {"n": "http://iptc.org/std/nar/2006-10-01/", "h": "http://www.w3.org/1999/xhtml"}
ID = "mianyang-high-tech-service"
# The languages of the bundled catalogs (zh-Hant-TW added in issue 14, zh-Hant-HK in issue 22).
BUNDLED = ("en", "zh-Hans", "zh-Hant-HK", "zh-Hant-TW")


def xml(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def text_of(root: etree._Element, path: str) -> list[str]:
    return ["".join(el.itertext()) for el in root.xpath(path, namespaces=NS)]


def test_render_writes_every_edition_package_and_message(rendered):
    expected = {f"{ID}.{role}.{lang}.xml" for role in ("article", "commentary", "photo") for lang in BUNDLED}
    assert set(rendered) == expected | {f"{ID}.package.xml", f"{ID}.newsmessage.xml"}


def test_every_rendered_document_validates(rendered, schema):
    for name, data in rendered.items():
        assert nb.validate_document(data, source=name, schema=schema) == [], name


def test_same_story_and_clock_give_same_bytes(seed_story, rendered):
    again = nb.render_story(seed_story, locales=nb.locales_dir(), clock=fixed_clock)
    assert again == rendered


def test_chinese_is_written_as_characters_not_escaped(rendered):
    data = rendered[f"{ID}.article.zh-Hans.xml"]
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert "高新".encode() in data
    assert b"&#" not in data


def _seed_parts(seed_text: str) -> tuple[str, list[str]]:
    """The seed with its three parenthesised labels taken out, and those labels."""
    labels = [
        "(Mianyang News) ",
        " (Deng Xuelin, all media reporter from Mianyang Daily)",
        " (provided by high-tech zone)",
    ]
    body = seed_text
    for label in labels:
        assert body.count(label) == 1
        body = body.replace(label, "")
    return body, labels


def test_every_seed_sentence_appears_once_in_order(rendered, seed_text):
    """Headlines, caption, author line and every body sentence, in the seed's order."""
    article = xml(rendered[f"{ID}.article.en.xml"])
    commentary = xml(rendered[f"{ID}.commentary.en.xml"])
    photo = xml(rendered[f"{ID}.photo.en.xml"])
    stream = "\n".join(
        text_of(article, "//n:contentMeta/n:headline")
        + text_of(photo, "//n:description[@role='drol:caption']")
        + text_of(article, "//h:body/h:p")
        + text_of(commentary, "//n:contentMeta/n:headline")
        + ["□" + name for name in text_of(commentary, "//n:contentMeta/n:by")]
        + text_of(commentary, "//h:body/h:p")
    )
    body, _ = _seed_parts(seed_text)
    # The one copy edit, made in the English catalog and listed in docs/seed-story.md.
    body = body.replace("four key pints", "four key points")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", body) if s.strip()]
    assert len(sentences) == 55
    position = 0
    for sentence in sentences:
        assert stream.count(sentence) == 1, sentence
        found = stream.find(sentence, position)
        assert found >= position, f"out of order: {sentence}"
        position = found + len(sentence)


def test_headline_dateline_byline_caption_credit_in_their_elements(rendered, seed_text):
    article = xml(rendered[f"{ID}.article.en.xml"])
    assert text_of(article, "//n:contentMeta/n:headline") == [seed_text.splitlines()[0]]
    assert text_of(article, "//n:dateline") == ["Mianyang, Dec 22 (Mianyang News)"]
    assert text_of(article, "//n:contentMeta/n:by") == ["Deng Xuelin, all media reporter from Mianyang Daily"]
    assert text_of(article, "//n:creator/n:name") == ["Deng Xuelin"]
    assert article.xpath("//n:creator/@role", namespaces=NS) == ["cpprole:author"]
    assert article.xpath("//n:contentCreated/text()", namespaces=NS) == ["2017-12-22T19:00:00+08:00"]
    photo = xml(rendered[f"{ID}.photo.en.xml"])
    assert text_of(photo, "//n:description[@role='drol:caption']") == ["Construction site of Mianyang BOE project"]
    assert text_of(photo, "//n:creditline") == ["Photo: provided by high-tech zone"]
    assert photo.xpath("//n:itemClass/@qcode", namespaces=NS) == ["ninat:picture"]
    commentary = xml(rendered[f"{ID}.commentary.en.xml"])
    assert text_of(commentary, "//n:contentMeta/n:by") == ["Fang Fayong"]


def test_people_and_organisations_are_typed_subjects(rendered):
    article = xml(rendered[f"{ID}.article.en.xml"])
    he = article.xpath("//n:subject[@type='cpnat:person'][n:name='He Maohua']", namespaces=NS)
    assert len(he) == 1
    assert "chairman" in text_of(he[0], "n:definition")[0]
    orgs = text_of(article, "//n:subject[@type='cpnat:organisation']/n:name")
    assert "BOE" in orgs and "Air Liquide" in orgs
    assert article.xpath("//n:subject[starts-with(@qcode,'medtop:')]", namespaces=NS)


def test_commentary_is_opinion_and_links_to_the_article(rendered):
    guids = {name: xml(data).get("guid") for name, data in rendered.items() if name.count(".") == 3}
    for lang in ("en", "zh-Hans"):
        commentary = xml(rendered[f"{ID}.commentary.{lang}.xml"])
        assert commentary.xpath("//n:genre/@qcode", namespaces=NS) == ["genre:Opinion"]
        target = commentary.xpath("//n:itemMeta/n:link[@rel='nbrel:commentaryOn']/@residref", namespaces=NS)
        assert target == [guids[f"{ID}.article.{lang}.xml"]]
    article = xml(rendered[f"{ID}.article.en.xml"])
    assert article.xpath("//n:genre/@qcode", namespaces=NS) == ["genre:Current"]


def test_translations_link_to_their_source_and_back(rendered):
    for role in ("article", "commentary", "photo"):
        en = xml(rendered[f"{ID}.{role}.en.xml"])
        zh = xml(rendered[f"{ID}.{role}.zh-Hans.xml"])
        assert zh.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hans"
        assert zh.xpath("//n:language/@tag", namespaces=NS) == ["zh-Hans"]
        assert zh.xpath("//n:link[@rel='nbrel:translationOf']/@residref", namespaces=NS) == [en.get("guid")]
        assert zh.get("guid") in en.xpath("//n:link[@rel='nbrel:hasTranslation']/@residref", namespaces=NS)
        # Our own aliases are declared inline, next to the IPTC catalog reference.
        assert zh.xpath("//n:catalog/n:scheme[@alias='nbrel']", namespaces=NS)


def test_package_groups_editions_as_alternatives(rendered):
    package = xml(rendered[f"{ID}.package.xml"])
    item_guids = {xml(data).get("guid") for name, data in rendered.items() if name.count(".") == 3}
    refs = set(package.xpath("//n:itemRef/@residref", namespaces=NS))
    assert refs == item_guids
    alt_groups = package.xpath("//n:group[@mode='pgrmod:alt']", namespaces=NS)
    assert len(alt_groups) == 3
    for group in alt_groups:
        langs = group.xpath("n:itemRef/@xml:lang", namespaces=NS)
        assert sorted(langs) == list(BUNDLED)


def test_news_message_header_and_items(rendered):
    message = xml(rendered[f"{ID}.newsmessage.xml"])
    assert message.xpath("n:header/n:sent/text()", namespaces=NS) == [SENT.isoformat()]
    assert message.xpath("n:header/n:transmitId/text()", namespaces=NS)
    assert len(message.xpath("n:itemSet/n:newsItem", namespaces=NS)) == 3 * len(BUNDLED)
    assert len(message.xpath("n:itemSet/n:packageItem", namespaces=NS)) == 1


def test_feed_of_several_stories_validates(seed_story, schema):
    second = replace(
        seed_story,
        id="second-story",
        article=replace(
            seed_story.article, header=replace(seed_story.article.header, guid="urn:newsml:example.com:2:article")
        ),
        commentary=None,
        photo=None,
    )
    data = nb.render_feed([seed_story, second], locales=nb.locales_dir(), clock=fixed_clock, sender="example.com")
    assert nb.validate_document(data, schema=schema) == []
    message = xml(data)
    assert len(message.xpath("n:itemSet/n:packageItem", namespaces=NS)) == 2
    # The second story has no catalogs: only its source-language edition is published.
    assert len(message.xpath("n:itemSet/n:newsItem", namespaces=NS)) == 3 * len(BUNDLED) + 1


def test_undeclared_qcode_alias_is_refused(seed_story):
    bad = replace(seed_story.article, genre="mygenre:Feature")
    with pytest.raises(nb.ModelError, match="mygenre"):
        nb.item_element(bad)


def test_news_message_needs_an_aware_send_time(seed_story):
    with pytest.raises(nb.ModelError, match="timezone"):
        nb.news_message([seed_story.article], sent=datetime(2017, 12, 22), sender="x", transmit_id="t")


def test_package_version_goes_up_with_any_item(seed_story):
    def package_version(story: nb.Story) -> int:
        editions = nb.story_editions(story, locales=nb.locales_dir())
        return nb.build_package(story, [e.story for e in editions]).header.version

    assert package_version(seed_story) == 1
    commentary = replace(seed_story.commentary, header=replace(seed_story.commentary.header, version=2))
    assert package_version(replace(seed_story, commentary=commentary)) == 2


def test_a_story_twice_in_one_feed_is_refused(seed_story):
    with pytest.raises(nb.ModelError, match="in the feed twice"):
        nb.render_feed([seed_story, seed_story], clock=fixed_clock, sender="example.com")


def test_editions_are_the_languages_that_have_catalogs(seed_story, tmp_path):
    assert [e.language for e in nb.story_editions(seed_story, locales=tmp_path)] == ["en"]
    assert [e.language for e in nb.story_editions(seed_story, locales=nb.locales_dir())] == list(BUNDLED)
    asked = nb.story_editions(seed_story, locales=nb.locales_dir(), languages=["zh"])
    assert [e.language for e in asked] == ["zh-Hans"]  # the languages asked for, no more
    # A language asked for without a catalog is an error naming it, never the source text.
    with pytest.raises(nb.CatalogError, match=r"zh/LC_MESSAGES/mianyang-high-tech-service\.po: no zh-Hans catalog"):
        nb.story_editions(seed_story, locales=tmp_path, languages=["zh"])


def test_the_package_does_not_depend_on_the_order_languages_are_asked_in(seed_story):
    def package(languages):
        documents = nb.render_story(seed_story, locales=nb.locales_dir(), languages=languages, clock=fixed_clock)
        return documents[f"{seed_story.id}.package.xml"]

    assert package(["zh", "en"]) == package(["en", "zh"])
    assert b'xml:lang="en"' in package(["zh", "en"]).split(b">", 2)[1]


def test_a_render_and_its_publish_gate_parse_each_po_once(tmp_path, seed_story, monkeypatch):
    """One way through (issue 25 item 1): the editions and the gate share the parsed catalogs."""
    import shutil

    from newsbilingual.catalog import poread, translations

    locales = tmp_path / "locales"
    shutil.copytree(nb.locales_dir(), locales)
    for mo in locales.glob(f"*/LC_MESSAGES/{ID}.mo"):
        mo.unlink()  # the editions read the .po files too
    parsed: list[str] = []
    real_parse = poread.parse_po

    def counting(text, path):
        parsed.append(str(path))
        return real_parse(text, path)

    monkeypatch.setattr(poread, "parse_po", counting)
    monkeypatch.setattr(translations, "parse_po", counting)
    warnings: list[str] = []
    documents = nb.render_story(seed_story, locales=locales, clock=fixed_clock, warn=warnings.append)
    catalogs = sorted(str(path) for path in locales.glob(f"*/LC_MESSAGES/{ID}.po"))
    assert len(catalogs) == 4 and sorted(parsed) == catalogs  # every edition's .po, each once
    assert any("latin-names" in warning for warning in warnings)  # the gate did check them
    assert documents == nb.render_story(seed_story, locales=nb.locales_dir(), clock=fixed_clock)


def test_libxml2s_layout_of_a_fresh_item_is_the_indented_one(seed_story):
    """to_bytes writes an item the renderer built with libxml2's pretty printing, uncopied and
    unindented: the bytes are those of the indented copy it wrote before."""
    import copy

    from newsbilingual.newsml.render import indent, item_element, to_bytes

    editions = nb.story_editions(seed_story, locales=nb.locales_dir())
    items = [item for edition in editions for item in edition.items()]
    items.append(nb.build_package(seed_story, [edition.story for edition in editions]))
    for item in items:
        element = item_element(item)
        before = etree.tostring(element)
        indented = copy.deepcopy(element)
        indent(indented)
        assert to_bytes(element) == etree.tostring(indented, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        assert etree.tostring(element) == before  # not changed
