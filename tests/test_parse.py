"""Reading NewsML-G2 back into objects: our own output byte for byte, other providers' items
field by field (checked against an independent XPath reading) and without loss."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import shared_file, shared_files
from lxml import etree

import newsbilingual as nb
from newsbilingual.newsml.read import Parsed, parse
from newsbilingual.story.model import Label, Message

NS = {"n": "http://iptc.org/std/nar/2006-10-01/", "x": "http://www.w3.org/XML/1998/namespace"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ID = "mianyang-high-tech-service"
OWN_FILES = [f"{ID}.{role}.{lang}.xml" for role in ("article", "commentary", "photo") for lang in ("en", "zh-Hans")]
OWN_FILES += [f"{ID}.package.xml", f"{ID}.newsmessage.xml"]
EXAMPLE_FILES = shared_files("newsml-g2/examples/*/*.xml")
FRAGMENTS = {"LISTING_28_Illustrating_Located_Subject_and_Dateline.xml": "contentMeta"}
DOCUMENT_FILES = [path for path in EXAMPLE_FILES if not isinstance(path, Path) or path.name not in FRAGMENTS]


def item_xml(body: str, *, item_class: str = "ninat:text", lang: str = "en", extra_meta: str = "") -> str:
    """A small third-party newsItem around ``body`` (contentMeta extras and contentSet)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:example:1" version="3" standard="NewsML-G2" \
standardversion="2.35" conformance="power" xml:lang="{lang}">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"/>
  <itemMeta>
    <itemClass qcode="{item_class}"/>
    <provider qcode="nprov:EXAMPLE"/>
    <versionCreated>2025-06-01T08:00:00Z</versionCreated>
  </itemMeta>
  <contentMeta>{extra_meta}</contentMeta>
  {body}
</newsItem>"""


def fidelity(element: etree._Element) -> tuple:
    """A document's content with sibling order and whitespace-only text left out, comments kept."""
    if not isinstance(element.tag, str):
        return (str(element.tag), element.text)
    text = element.text if element.text and element.text.strip() else ""
    tails = tuple(child.tail for child in element if child.tail and child.tail.strip())
    children = sorted((fidelity(child) for child in element), key=repr)
    return element.tag, tuple(sorted(element.attrib.items())), text, tails, tuple(children)


# -- our own output -----------------------------------------------------------------------


@pytest.mark.parametrize("name", OWN_FILES)
def test_own_output_round_trips_byte_for_byte(rendered, name):
    parsed = parse(rendered[name])
    assert parsed.to_bytes() == rendered[name]
    assert parsed.warnings == ()
    assert all(item.extras == () and item.header.catalogs is not None for item in parsed.items)


def test_own_article_reads_back_every_field(rendered, seed_story):
    parsed = parse(rendered[f"{ID}.article.en.xml"])
    (item,) = parsed.items
    edition = next(e for e in nb.story_editions(seed_story, locales=nb.locales_dir()) if e.language == "en")
    source = edition.story.article
    assert isinstance(item, nb.TextItem)
    assert item.guid == source.guid
    assert item.header.links == source.header.links
    assert (item.headline, item.genre, item.keywords, item.slugline) == (
        source.headline,
        source.genre,
        source.keywords,
        source.slugline,
    )
    assert [(b.id, b.text) for b in item.body] == [(b.id, b.text) for b in source.body]
    assert item.subjects == source.subjects
    assert item.parties == source.parties
    assert [(b.id, b.name, b.role) for b in item.bylines] == [(b.id, b.name, b.role) for b in source.bylines]
    assert item.located == source.located
    assert item.header.rights == source.header.rights
    assert item.header.content_created == source.header.content_created


def test_news_message_reads_into_a_message(rendered):
    parsed = parse(rendered[f"{ID}.newsmessage.xml"])
    assert parsed.root == "newsMessage"
    assert isinstance(parsed.message, Message)
    assert parsed.message.items == parsed.items
    assert [type(item).__name__ for item in parsed.items].count("PackageItem") == 1
    assert parsed.message.sender == "https://www.mianyang-daily.example/"
    assert parsed.message.priority == 4


# -- sources ------------------------------------------------------------------------------


def test_every_kind_of_source_gives_the_same_objects(rendered, tmp_path):
    data = rendered[f"{ID}.photo.zh-Hans.xml"]
    path = tmp_path / "photo.xml"
    path.write_bytes(data)
    expected = parse(data).items
    assert parse(path).items == expected
    assert parse(str(path)).items == expected
    assert parse(data.decode("utf-8")).items == expected
    assert parse(io.BytesIO(data)).items == expected
    with path.open(encoding="utf-8") as text_file:
        assert parse(text_file).items == expected
    assert parse(path).source == str(path)


def test_a_string_of_xml_is_never_taken_for_a_file_name():
    latin = (
        "<?xml version='1.0' encoding='ISO-8859-1'?>\n"
        + item_xml("", extra_meta="<headline>Café</headline>").split("\n", 1)[1]
    )
    parsed = parse(latin)
    assert parsed.source == "<string>"
    assert parsed.items[0].headline == "Café"


def test_a_missing_file_is_an_error_naming_it(tmp_path):
    with pytest.raises(nb.XMLInputError, match="No such file") as error:
        parse(str(tmp_path / "missing.xml"))
    assert error.value.source == str(tmp_path / "missing.xml")


# -- other providers: IPTC's examples -------------------------------------------------------


def _texts(element: etree._Element, path: str) -> list[str]:
    return [el.xpath("string(.)") for el in element.xpath(path, namespaces=NS)]


def _first(element: etree._Element, path: str, default: str = "") -> str:
    values = element.xpath(path, namespaces=NS)
    return values[0] if values else default


def expected_fields(item: etree._Element) -> dict[str, object]:
    """What an independent XPath reading of an item element says, field by field."""
    meta = "n:contentMeta"
    headlines = [
        (h.xpath("string(.)"), _first(h, "ancestor-or-self::*[@xml:lang][1]/@xml:lang"))
        for h in item.xpath(f"{meta}/n:headline[normalize-space()]", namespaces=NS)
    ]
    fields: dict[str, object] = {
        "guid": item.get("guid"),
        "version": int(item.get("version", "1")),
        "language": _first(item, "ancestor-or-self::*[@xml:lang][1]/@xml:lang")
        or _first(item, f"{meta}/n:language/@tag"),
        "pub_status": _first(item, "n:itemMeta/n:pubStatus/@qcode", "stat:usable"),
        "headlines": sorted(headlines),
        "links": [
            (link.get("rel"), link.get("residref") or link.get("href"))
            for link in item.xpath("n:itemMeta/n:link", namespaces=NS)
        ],
        "copyright": _texts(item, "n:rightsInfo[1]/n:copyrightHolder/n:name"),
        "usage_terms": _texts(item, "n:rightsInfo[1]/n:usageTerms")[:1],
    }
    if item.tag.endswith("packageItem"):
        groups = item.xpath("n:groupSet/n:group", namespaces=NS)
        fields["groups"] = [(g.get("id"), g.xpath("n:itemRef/@residref", namespaces=NS)) for g in groups]
        return fields
    creators = [
        (c.xpath("string(n:name)", namespaces=NS), (c.get("role") or "").split(" ")[0])
        for c in item.xpath(f"{meta}/n:creator[normalize-space(n:name)]", namespaces=NS)
    ]
    fields["bylines"] = creators or [(by, "") for by in _texts(item, f"{meta}/n:by[normalize-space()]")]
    fields["subjects"] = sorted(item.xpath(f"{meta}/n:subject/@qcode", namespaces=NS))
    fields["subject_names"] = sorted(_texts(item, f"{meta}/n:subject/n:name[1]"))
    fields["keywords"] = _texts(item, f"{meta}/n:keyword")
    if not item.xpath("n:itemMeta/n:itemClass", namespaces=NS):  # no class: an item of no known kind
        del fields["bylines"]
        return fields
    if _first(item, "n:itemMeta/n:itemClass/@qcode") == "ninat:picture":
        fields["bylines"] = fields["bylines"][:1]
        fields["caption"] = _texts(item, f"{meta}/n:description[@role='drol:caption']")[:1]
        remote = item.xpath("n:contentSet/n:remoteContent", namespaces=NS)
        fields["renditions"] = [(r.get("href"), r.get("rendition"), r.get("width")) for r in remote]
        return fields
    fields["genre"] = _first(item, f"{meta}/n:genre/@qcode")
    fields["dateline"] = _texts(item, f"{meta}/n:dateline")[:1]
    located = item.xpath(f"{meta}/n:located", namespaces=NS)[:1]
    fields["located"] = [(loc.xpath("string(n:name)", namespaces=NS), loc.get("qcode", "")) for loc in located]
    fields["body"] = _texts(item, "n:contentSet/n:inlineXML[1]//*[local-name()='p'][normalize-space()]")
    return fields


def actual_fields(item: nb.Item) -> dict[str, object]:
    """The same fields, from the objects the parser made."""
    header = item.header
    if isinstance(item, nb.PackageItem):
        headlines = [(text, lang) for lang, text in item.headlines.items()]
    else:
        headlines = [(item.headline, header.language)] if item.headline else []
        headlines += [(label.text, label.language or header.language) for label in item.other_headlines]
    rights = header.rights or nb.Rights(holder="-")
    fields: dict[str, object] = {
        "guid": header.guid,
        "version": header.version,
        "language": header.language,
        "pub_status": header.pub_status,
        "headlines": sorted(headlines),
        "links": [(link.rel, link.residref or link.href) for link in header.links],
        "copyright": [rights.holder] if header.rights and rights.holder else [],
        "usage_terms": [rights.usage_terms] if rights.usage_terms else [],
    }
    if isinstance(item, nb.PackageItem):
        fields["groups"] = [(g.id, [ref.residref for ref in g.refs]) for g in item.groups]
        return fields
    names = [next(iter(s.names.values())) for s in item.subjects if s.names]
    fields["subjects"] = sorted(s.qcode for s in item.subjects if s.qcode)
    fields["keywords"] = list(item.keywords)
    if isinstance(item, nb.GenericItem):
        fields["subject_names"] = sorted(names)
        return fields
    if isinstance(item, nb.PictureItem):
        fields["bylines"] = [(item.creator.name, item.creator.role)] if item.creator else []
        fields["subject_names"] = sorted(names)
        fields["caption"] = [item.caption] if item.caption else []
        fields["renditions"] = [
            (r.href, r.rendition or None, str(r.width) if r.width is not None else None) for r in item.renditions
        ]
        return fields
    fields["bylines"] = [(b.name, b.role) for b in item.bylines]
    fields["subject_names"] = sorted(names + [party.name for party in item.parties])
    fields["genre"] = item.genre
    fields["dateline"] = [item.dateline.text] if item.dateline else []
    fields["located"] = [(item.located.name, item.located.qcode)] if item.located else []
    fields["body"] = [block.text for block in item.body]
    return fields


def _item_elements(root: etree._Element) -> list[etree._Element]:
    if root.tag.endswith("newsMessage"):
        return [el for el in root.xpath("n:itemSet/*", namespaces=NS)]
    return [root]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_items_match_an_independent_xpath_reading(path):
    if path.name in FRAGMENTS:
        with pytest.raises(nb.XMLInputError, match=f"root element {FRAGMENTS[path.name]}") as error:
            parse(path)
        assert error.value.line == 1
        return
    parsed = parse(path)
    root = etree.parse(str(path)).getroot()
    read = {item.guid: item for item in parsed.items}
    elements = [el for el in _item_elements(root) if el.get("guid") in read]
    assert len(elements) == len(parsed.items)
    for element in elements:
        assert actual_fields(read[element.get("guid")]) == expected_fields(element), element.get("guid")


@pytest.mark.parametrize("path", DOCUMENT_FILES, ids=lambda p: p.name)
def test_example_documents_come_back_whole(path):
    """Rendering what was read gives every element, attribute, text and comment back."""
    parsed = parse(path)
    again = etree.fromstring(parsed.to_bytes())
    assert fidelity(again) == fidelity(etree.parse(str(path)).getroot())
    # A second round trip changes nothing at all: the first one only re-indented.
    assert parse(parsed.to_bytes()).to_bytes() == parsed.to_bytes()


@pytest.mark.parametrize("path", DOCUMENT_FILES, ids=lambda p: p.name)
def test_valid_examples_stay_valid(path, schema):
    before = nb.validate_file(path, schema=schema)
    after = nb.validate_document(parse(path).to_bytes(), source=path.name, schema=schema)
    xsd_before = {p.message for p in before if "QCode" not in p.message}
    xsd_after = {p.message for p in after if "QCode" not in p.message}
    assert xsd_after == xsd_before  # the same findings, wherever their lines moved


def test_messages_keep_items_they_cannot_read_with_an_error_naming_them():
    """IPTC's listing elides the items' metadata: they are read without it; only the package,
    which has no guid, cannot be an item."""
    path = shared_file("newsml-g2/examples/iptc/LISTING_24_News_Message_conveying_a_complete_News_Package.xml")
    parsed = parse(path)
    assert [item.guid for item in parsed.items] == ["N1", "N2", "N3", "N4"]
    errors = [str(w) for w in parsed.warnings if w.severity == "error"]
    assert errors == [f"{path}:21: error: an item (packageItem) not read (kept in the XML): packageItem: has no guid"]
    assert f"{path}:27: warning: item 'N1': has no itemMeta" in str(parsed.warnings[0])
    assert parsed.to_bytes().count(b'<newsItem guid="N') == 4


# -- other providers: what the model holds --------------------------------------------------

NITF_BODY = """<contentSet>
    <inlineXML contenttype="application/nitf+xml">
      <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">
        <body>
          <body.head><hedline><hl1>Rates held</hl1></hedline></body.head>
          <body.content>
            <p id="a1">The bank held rates at <em>3.5</em> per cent,
               its  governor said.</p>
            <p>Markets <b>rose</b> <i>sharply</i>.</p>
            <p>   </p>
          </body.content>
        </body>
      </nitf>
    </inlineXML>
  </contentSet>"""


def test_nitf_paragraphs_keep_inline_text_and_whitespace():
    item = parse(item_xml(NITF_BODY)).items[0]
    assert [(b.id, b.text) for b in item.body] == [
        ("a1", "The bank held rates at 3.5 per cent,\n               its  governor said."),
        ("p2", "Markets rose sharply."),
    ]
    out = parse(item_xml(NITF_BODY)).to_bytes().decode()
    assert "<p>Markets <b>rose</b> <i>sharply</i>.</p>" in out
    assert "<hl1>Rates held</hl1>" in out


def test_plain_text_body_splits_at_blank_lines_and_keeps_the_rest():
    text = "First paragraph,\n  second line.\n\n\nSecond  paragraph.\n"
    body = f'<contentSet><inlineData contenttype="text/plain">{text}</inlineData></contentSet>'
    parsed = parse(item_xml(body))
    assert [b.text for b in parsed.items[0].body] == ["First paragraph,\n  second line.", "Second  paragraph."]
    assert f'<inlineData contenttype="text/plain">{text}</inlineData>' in parsed.to_bytes().decode()


def test_remote_content_text_item_has_no_paragraphs_but_keeps_its_reference():
    body = '<contentSet><remoteContent href="https://example.com/a.txt" contenttype="text/plain"/></contentSet>'
    parsed = parse(item_xml(body))
    assert parsed.items[0].body == ()
    assert b'href="https://example.com/a.txt"' in parsed.to_bytes()


def test_several_headlines_in_several_languages():
    meta = """
    <headline>Rates held</headline>
    <headline xml:lang="zh-Hans">利率不变</headline>
    <headline role="hltype:short">Rates</headline>
    <headline xml:lang="de">Zinsen unverändert</headline>"""
    item = parse(item_xml("", extra_meta=meta)).items[0]
    assert item.headline == "Rates held"
    assert item.other_headlines == (
        Label("利率不变", "zh-Hans"),
        Label("Rates", "", "hltype:short"),
        Label("Zinsen unverändert", "de"),
    )


def test_headline_markup_is_kept_until_the_headline_is_edited():
    meta = "<headline>Big <span>news</span> today</headline>"
    parsed = parse(item_xml("", extra_meta=meta))
    item = parsed.items[0]
    assert item.headline == "Big news today"
    assert "<headline>Big <span>news</span> today</headline>" in parsed.to_bytes().decode()
    edited = nb.to_bytes(nb.item_element(replace(item, headline="Small news"))).decode()
    assert "<headline>Small news</headline>" in edited and "<span>" not in edited


def test_an_edited_body_is_written_into_the_markup_it_was_read_from():
    item = parse(item_xml(NITF_BODY)).items[0]
    first = item.body[0].with_text(item.body[0].text.replace("governor", "chair"))
    edited = replace(item, body=(first, item.body[1], nb.Block("p3", "A new paragraph.")))
    out = nb.to_bytes(nb.item_element(edited)).decode()
    assert '<p>Markets <b>rose</b> <i>sharply</i>.</p>\n            <p id="p3">A new paragraph.</p>' in out
    assert "at <em>3.5</em> per cent,\n               its  chair said.</p>" in out
    assert '<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">' in out and "<hl1>Rates held</hl1>" in out
    assert [b.text for b in parse(out).items[0].body] == [b.text for b in edited.body]


def test_naive_times_are_read_as_utc_with_a_warning():
    xml = item_xml("").replace("2025-06-01T08:00:00Z", "2025-06-01T08:00:00")
    parsed = parse(xml)
    assert parsed.items[0].header.version_created.tzinfo == UTC
    assert "no timezone offset" in str(parsed.warnings[0])
    assert b"<versionCreated>2025-06-01T08:00:00</versionCreated>" in parsed.to_bytes()


def test_comments_are_kept_inside_the_item_and_listed_outside_it():
    xml = item_xml("", extra_meta="<!-- desk note --><headline>H</headline>") + "\n<!-- trailer -->"
    parsed = parse(xml)
    assert b"<!-- desk note -->" in parsed.to_bytes() and parsed.to_bytes().endswith(b"<!-- trailer -->")
    message = "a comment outside the document element is not kept once the document is edited"
    assert [w.message for w in parsed.warnings] == [message]
    edited = replace(parsed, items=(replace(parsed.items[0], headline="Edited"),))
    assert b"<!-- desk note -->" in edited.to_bytes() and b"trailer" not in edited.to_bytes()


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ('<planningItem xmlns="http://iptc.org/std/nar/2006-10-01/"/>', "planningItem: has no guid"),
        ('<header xmlns="http://iptc.org/std/nar/2006-10-01/"/>', "header elements are not items"),
        ('<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"/>', "root element nitf .* is not NewsML-G2"),
    ],
)
def test_documents_that_are_no_items_or_lack_required_values_are_refused_by_name(xml, message):
    with pytest.raises(nb.XMLInputError, match=message) as error:
        parse(xml.encode())
    assert error.value.line == 1


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        (('guid="urn:example:1"', 'guid=""'), "newsItem: has no guid", 2),
        (('guid="urn:example:1"', 'guid="  "'), "newsItem: has no guid", 2),
    ],
)
def test_an_item_without_guid_is_refused_naming_the_line(change, message, line):
    with pytest.raises(nb.XMLInputError, match=message) as error:
        parse(item_xml("").replace(*change).encode(), max_bytes=10_000)
    assert (error.value.source, error.value.line) == ("<bytes>", line)


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        (("<versionCreated>2025-06-01T08:00:00Z", "<versionCreated>yesterday"), "'yesterday' is not an xs:dateTime", 7),
        (('version="3"', 'version="three"'), "version='three' is not a whole number", 2),
        (('version="3"', 'version="²"'), "version='²' is not a whole number", 2),
        (('version="3"', 'version="٣"'), "version='٣' is not a whole number", 2),
        (('version="3"', 'version="0"'), "version 0 skipped", 2),
    ],
)
def test_optional_values_that_cannot_be_read_are_skipped_naming_item_field_and_line(change, message, line):
    parsed = parse(item_xml("").replace(*change).encode(), max_bytes=10_000)
    (warning,) = parsed.warnings
    assert (warning.line, warning.severity) == (line, "warning")
    assert re.search(message, warning.message) and "item 'urn:example:1'" in warning.message
    assert len(parsed.items) == 1 and parsed.to_bytes() == parse(item_xml("").replace(*change)).to_bytes()


def test_parsed_result_renders_the_document_element():
    parsed = parse(item_xml(""))
    assert isinstance(parsed, Parsed)
    assert parsed.element().get("guid") == "urn:example:1"
    assert parsed.items[0].header.provider == nb.Provider(name="", uri="", qcode="nprov:EXAMPLE")


# -- whole numbers and date-times -------------------------------------------------------------


def _line_of(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


def _with_number(where: str, value: str, rendered: dict[str, bytes]) -> tuple[str, str]:
    """A document with ``value`` as one of its whole numbers, and the marker of that line."""
    if where == "priority":
        return rendered[f"{ID}.newsmessage.xml"].decode().replace("<priority>4<", f"<priority>{value}<"), "<priority>"
    if where == "link version":
        link = f'<link rel="irel:seeAlso" residref="urn:example:0" version="{value}"/>'
        return item_xml("").replace("</itemMeta>", f"  {link}\n  </itemMeta>"), "<link "
    if where in ("width", "height"):
        sizes = {"width": "640", "height": "480", where: value}
        remote = '<remoteContent href="https://example.com/a.jpg" rendition="rnd:web" contenttype="image/jpeg"'
        remote += f' width="{sizes["width"]}" height="{sizes["height"]}"/>'
        return item_xml(f"<contentSet>\n  {remote}\n  </contentSet>", item_class="ninat:picture"), "<remoteContent"
    assert where == "itemRef version"
    package = rendered[f"{ID}.package.xml"].decode()
    return package.replace('version="1" contenttype', f'version="{value}" contenttype', 1), "<itemRef"


@pytest.mark.parametrize("value", ["²", "٣", "3.0", "-1", ""])
@pytest.mark.parametrize("where", ["priority", "link version", "width", "height", "itemRef version"])
def test_a_whole_number_that_is_not_one_is_skipped_with_a_warning_naming_the_line(rendered, where, value):
    """``str.isdigit()`` takes "²" (int() then fails) and int() reads "٣" as 3: only ASCII digits."""
    xml, marker = _with_number(where, value, rendered)
    parsed = parse(xml.encode())
    (warning,) = [w for w in parsed.warnings if "is not a whole number" in w.message]
    assert warning.line == _line_of(xml, marker)
    assert repr(value) in warning.message and f"{where} skipped" in warning.message
    assert parsed.items


@pytest.mark.parametrize("where", ["priority", "link version", "width", "height", "itemRef version"])
def test_whole_numbers_in_ascii_digits_are_read(rendered, where):
    xml, _ = _with_number(where, " 3 ", rendered)
    parsed = parse(xml.encode())
    assert parse(parsed.to_bytes()).to_bytes() == parsed.to_bytes()
    item = parsed.items[0]
    value = {
        "priority": lambda: parsed.message.priority,
        "link version": lambda: item.header.links[0].version,
        "width": lambda: item.renditions[0].width,
        "height": lambda: item.renditions[0].height,
        "itemRef version": lambda: next(ref.version for group in item.groups for ref in group.refs),
    }[where]()
    assert value == 3


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-06-01", "'2025-06-01' is not an xs:dateTime"),  # a date: fromisoformat would take it
        ("20250601T080000Z", "'20250601T080000Z' is not an xs:dateTime"),  # ISO 8601 basic format
        ("2025-06-01T08:00Z", "is not an xs:dateTime"),  # seconds are required
        ("2025-06-01 08:00:00Z", "is not an xs:dateTime"),
        ("2025-06-01T08:00:00+15:00", "is not an xs:dateTime"),  # offsets go to ±14:00
        ("２０２５-06-01T08:00:00Z", "is not an xs:dateTime"),  # full-width digits
        ("2025-06-01T23:59:60Z", "is not a valid date-time"),  # no leap seconds in xs:dateTime
        ("2025-06-01T24:00:01Z", "is not a valid date-time"),
        ("2025-02-30T08:00:00Z", "is not a valid date-time"),
    ],
)
def test_a_date_time_that_is_not_an_xs_datetime_is_skipped_with_a_warning(value, message):
    xml = item_xml("").replace("2025-06-01T08:00:00Z", value)
    parsed = parse(xml)
    (warning,) = parsed.warnings
    assert warning.line == 7 and "versionCreated skipped" in warning.message and message in warning.message
    assert parsed.items[0].header.version_created is None


def test_end_of_day_is_midnight_of_the_next_day_and_written_back_as_it_came():
    xml = item_xml("").replace("2025-06-01T08:00:00Z", "2025-06-01T24:00:00Z")
    parsed = parse(xml)
    assert parsed.items[0].header.version_created == datetime(2025, 6, 2, tzinfo=UTC)
    assert b"<versionCreated>2025-06-01T24:00:00Z</versionCreated>" in parsed.to_bytes()


@pytest.mark.parametrize("value", ["2025-06-01", "2025-06", "2025", "2025-06-01+08:00"])
def test_a_truncated_content_created_is_kept_as_xml(value):
    """contentCreated may be a date, year-month or year: valid, but no datetime the model holds."""
    parsed = parse(item_xml("", extra_meta=f"<contentCreated>{value}</contentCreated>"))
    assert parsed.items[0].header.content_created is None
    assert f"<contentCreated>{value}</contentCreated>".encode() in parsed.to_bytes()
    parsed = parse(item_xml("", extra_meta="<contentCreated>June 2025</contentCreated>"))
    assert "contentCreated skipped (kept in the XML): contentCreated: 'June 2025' is not a date or date-time" in str(
        parsed.warnings[0]
    )


# -- languages, parties, many elements --------------------------------------------------------


def message_xml(items: list[str], *, lang: str) -> str:
    """A newsMessage stating ``xml:lang``, around items given without their XML declaration."""
    body = "\n".join(item.split("\n", 1)[1] for item in items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/" xml:lang="{lang}">
  <header>
    <sent>2025-06-01T08:05:00Z</sent>
  </header>
  <itemSet>
{body}
  </itemSet>
</newsMessage>
"""


def test_items_in_a_message_inherit_its_language():
    without = item_xml("", extra_meta="<headline>利率不变</headline>").replace(' xml:lang="en"', "")
    own = item_xml("", extra_meta="<headline>Rates held</headline>").replace("urn:example:1", "urn:example:2")
    xml = message_xml([without, own], lang="zh-Hans")
    parsed = parse(xml)
    first, second = parsed.items
    assert (first.language, first.headline, second.language, second.headline) == (
        "zh-Hans",
        "利率不变",
        "en",
        "Rates held",
    )
    assert nb.item_element(first).get(XML_LANG) == "zh-Hans"  # on its own, the item states it
    written = parsed.to_bytes()
    assert fidelity(etree.fromstring(written)) == fidelity(etree.fromstring(xml.encode()))
    assert parse(written).to_bytes() == written
    root = etree.fromstring(xml.encode())
    assert [actual_fields(item) for item in parsed.items] == [expected_fields(el) for el in _item_elements(root)]


def test_two_parties_with_one_id_stay_in_their_order():
    """The second person of a literal is kept as XML after the first: nothing swaps on a round trip."""
    people = """
    <subject type="cpnat:person" literal="li-ming"><name>Li Ming</name><definition>A</definition>\
<definition>B</definition></subject>
    <subject type="cpnat:person" literal="li-ming"><name>Li Ming</name><definition>C</definition></subject>"""
    xml = item_xml("", extra_meta=people)
    parsed = parse(xml)
    assert [(party.id, party.title) for party in parsed.items[0].parties] == [("li-ming", "A")]
    written = parsed.to_bytes()
    assert fidelity(etree.fromstring(written)) == fidelity(etree.fromstring(xml.encode()))
    assert written.index(b"<definition>A") < written.index(b"<definition>C")
    assert parse(written).to_bytes() == written


def test_ten_thousand_keywords_and_a_thousand_subjects_with_extras_come_back():
    """Aligning the document with its rendering is linear (timed in benchmarks, not here)."""
    keywords = "".join(f"\n    <keyword>k{n}</keyword>" for n in range(10_000))
    subjects = "".join(
        f'\n    <subject qcode="medtop:{n:08d}" why="why:direct"><name>S{n}</name><broader qcode="medtop:1"/></subject>'
        for n in range(1_000)
    )
    xml = item_xml("", extra_meta=keywords + subjects)
    parsed = parse(xml, max_bytes=10_000_000)
    item = parsed.items[0]
    assert item.keywords == tuple(f"k{n}" for n in range(10_000))
    assert [s.qcode for s in item.subjects] == [f"medtop:{n:08d}" for n in range(1_000)]
    written = parsed.to_bytes()
    assert fidelity(etree.fromstring(written)) == fidelity(etree.fromstring(xml.encode()))
    assert parse(written, max_bytes=10_000_000).to_bytes() == written


def test_the_body_is_the_first_inline_xml_holding_an_element():
    body = """<contentSet>
    <inlineXML contenttype="application/xhtml+xml">only text</inlineXML>
    <inlineData contenttype="text/plain">Para one.\n\nPara two.</inlineData>
  </contentSet>"""
    parsed = parse(item_xml(body))
    assert [b.text for b in parsed.items[0].body] == ["Para one.", "Para two."]
    assert b"only text" in parsed.to_bytes()


def test_a_root_attribute_in_another_namespace_does_not_change_the_kept_xml_on_a_second_trip():
    xml = item_xml(NITF_BODY).replace(
        ' xml:lang="en"', ' xml:lang="en" xmlns:foo="https://example.com/foo" foo:flag="1"'
    )
    xml = xml.replace("</itemMeta>", "  <edNote>check</edNote>\n  </itemMeta>")
    written = parse(xml).to_bytes()
    assert fidelity(etree.fromstring(written)) == fidelity(etree.fromstring(xml.encode()))
    assert parse(written).to_bytes() == written


def test_an_item_without_item_meta_is_read_with_a_warning():
    parsed = parse(b'<conceptItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="c"/>')
    assert [(item.guid, item.header.version_created) for item in parsed.items] == [("c", None)]
    assert [str(w) for w in parsed.warnings] == [
        "<bytes>:1: warning: item 'c': has no itemMeta: class, provider and times not read"
    ]
