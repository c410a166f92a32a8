"""Partners' NewsML-G2, every kind of item: read into objects, written back as the same document
(C14N 2.0 equal once layout whitespace outside ``inlineXML`` is normalised), still valid."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

import newsbilingual as nb
from newsbilingual.newsml.read import parse

PARTNER = Path(__file__).resolve().parent / "data" / "partner"
FILES = sorted(PARTNER.glob("*.xml"))
NAR = "{http://iptc.org/std/nar/2006-10-01/}"
INLINE_XML = f"{NAR}inlineXML"


def _drop_layout(element: etree._Element) -> None:
    """Whitespace-only text between elements goes, except inside inlineXML (content there)."""
    if element.tag == INLINE_XML:
        return
    if len(element) and not (element.text or "").strip():
        element.text = None
    for child in element:
        if not (child.tail or "").strip():
            child.tail = None
        if isinstance(child.tag, str):
            _drop_layout(child)


def canonical(data: bytes) -> str:
    """The document's C14N 2.0 form once layout whitespace outside inlineXML is normalised.

    ``valuedatatype`` holds a QName: its prefix must stay declared (C14N 2.0 ``qname_aware_attrs``).
    """
    root = etree.fromstring(data)
    _drop_layout(root)
    text = etree.tostring(root, encoding="unicode")
    return etree.canonicalize(text, with_comments=True, qname_aware_attrs=["valuedatatype"])


def inline_xml(data: bytes) -> list[bytes]:
    """The bytes inside each inlineXML element, as written."""
    return re.findall(rb"<inlineXML[^>]*>(.*?)</inlineXML>", data, flags=re.S)


def assert_same_document(original: bytes, written: bytes, schema: Path) -> None:
    assert canonical(written) == canonical(original)
    assert inline_xml(written) == inline_xml(original)
    problems = nb.validate_document(written, schema=schema)
    assert [p for p in problems if p.severity == "error"] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_partner_documents_come_back_as_the_same_document_and_valid(path, schema):
    original = path.read_bytes()
    assert [p for p in nb.validate_file(path, schema=schema) if p.severity == "error"] == []
    parsed = parse(path)
    assert parsed.warnings == ()
    written = parsed.to_bytes()
    assert_same_document(original, written, schema)
    # Nothing edited: the document as read, byte for byte.
    assert written == original
    # Each item on its own is that item again, and a second trip changes nothing.
    assert canonical(nb.to_bytes(nb.item_element(parsed.items[0]))) == canonical(original)
    assert parse(written).to_bytes() == written


def test_video_provider_by_literal_renditions_with_size_and_duration():
    (item,) = parse(PARTNER / "video-provider-literal.xml").items
    assert isinstance(item, nb.GenericItem)
    assert (item.kind, item.item_class, item.headline) == (
        "newsItem",
        "ninat:video",
        "Container ships queue outside Shanghai",
    )
    assert item.header.provider == nb.Provider(name="", uri="", literal="reuters.com")
    assert item.description == "Ships wait at anchor for a berth."
    assert [s.qcode for s in item.subjects] == ["medtop:04000000"] and item.keywords == ("harbour",)
    high, thumb = item.renditions
    assert (high.href, high.contenttype, high.size, high.width, high.height, high.duration) == (
        "https://partner.example/video/1.mp4",
        "video/mp4",
        73400320,
        1920,
        1080,
        "95",
    )
    assert (thumb.rendition, thumb.size, thumb.duration) == ("rnd:thumbnail", None, "")


def test_an_empty_provider_and_an_audio_item():
    (item,) = parse(PARTNER / "audio-empty-provider.xml").items
    assert item.header.provider == nb.Provider(name="", uri="")
    assert (item.item_class, item.language, item.renditions[0].duration) == ("ninat:audio", "zh-Hans", "PT1M35S")


def test_item_class_by_uri_and_by_the_providers_own_alias():
    graphic = parse(PARTNER / "graphic-class-by-uri.xml").items[0]
    assert isinstance(graphic, nb.PictureItem)
    assert (graphic.caption, graphic.credit) == ("Ships waiting, by day, in May.", "Partner News graphics")
    text = parse(PARTNER / "text-class-by-provider-alias.xml").items[0]
    assert isinstance(text, nb.TextItem)
    assert [block.text for block in text.body] == ["Ports are busy again.", "Queues are shorter than last year."]


@pytest.mark.parametrize(
    ("name", "kind", "item_class"),
    [
        ("composite-newsitem.xml", "newsItem", "ninat:composite"),
        ("unknown-class.xml", "newsItem", "pxc:interactive"),
        ("planning-item.xml", "planningItem", "plinat:newscoverage"),
        ("concept-item.xml", "conceptItem", "cinat:concept"),
        ("knowledge-item.xml", "knowledgeItem", "cinat:scheme"),
        ("catalog-item.xml", "catalogItem", "ninat:text"),
    ],
)
def test_other_items_are_read_generically(name, kind, item_class):
    parsed = parse(PARTNER / name)
    (item,) = parsed.items
    assert isinstance(item, nb.GenericItem)
    assert (parsed.root, item.kind, item.item_class) == (kind, kind, item_class)
    assert item.guid.startswith("tag:partner.example,2025:")
    assert item.header.provider.literal in ("partner.example", "")


def test_a_package_without_group_set():
    (package,) = parse(PARTNER / "package-without-groupset.xml").items
    assert isinstance(package, nb.PackageItem)
    assert (package.groups, package.root, package.header.pub_status) == ((), "", "stat:withheld")
    assert package.headlines == {"": "Harbour package, items to follow"}


def test_pre_in_inline_xml_keeps_its_text_through_the_round_trip():
    path = PARTNER / "text-pre-in-inlinexml.xml"
    parsed = parse(path)
    pre = parsed.items[0].body[-1].text
    assert pre.startswith("\nberth   ship          eta\n   1    Ever Given    06:00")
    again = parse(parsed.to_bytes()).items[0]
    assert again.body == parsed.items[0].body


def test_content_meta_order_and_namespace_declarations_are_kept():
    order = parse(PARTNER / "text-contentmeta-unusual-order.xml").to_bytes()
    tags = [el.tag[len(NAR) :] for el in etree.fromstring(order).find(f"{NAR}contentMeta")]
    assert tags[:6] == ["contentCreated", "creator", "language", "keyword", "subject", "genre"]
    namespaced = parse(PARTNER / "text-namespace-in-attribute.xml").to_bytes()
    assert b'xmlns:xs="http://www.w3.org/2001/XMLSchema"' in namespaced


def message_of(paths: list[Path]) -> bytes:
    """A newsMessage carrying the items of ``paths``."""
    items = "\n".join(path.read_text("utf-8").split("\n", 1)[1] for path in paths)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header>
    <sent>2025-06-01T08:05:00Z</sent>
    <sender>reuters.com</sender>
  </header>
  <itemSet>
{items}
  </itemSet>
</newsMessage>
""".encode()


ONE_OF_EACH = [
    "text-class-by-provider-alias.xml",
    "graphic-class-by-uri.xml",
    "video-provider-literal.xml",
    "package-without-groupset.xml",
    "planning-item.xml",
    "concept-item.xml",
    "knowledge-item.xml",
    "catalog-item.xml",
]


def test_a_news_message_carrying_one_item_of_each_kind_loses_none(schema):
    data = message_of([PARTNER / name for name in ONE_OF_EACH])
    assert [p for p in nb.validate_document(data, schema=schema) if p.severity == "error"] == []
    parsed = parse(data)
    assert parsed.warnings == ()
    kinds = [(type(item).__name__, getattr(item, "kind", "")) for item in parsed.items]
    assert kinds == [
        ("TextItem", ""),
        ("PictureItem", ""),
        ("GenericItem", "newsItem"),
        ("PackageItem", ""),
        ("GenericItem", "planningItem"),
        ("GenericItem", "conceptItem"),
        ("GenericItem", "knowledgeItem"),
        ("GenericItem", "catalogItem"),
    ]
    assert_same_document(data, parsed.to_bytes(), schema)


def test_an_edited_item_is_written_from_the_model_and_keeps_what_the_model_does_not_hold(schema):
    parsed = parse(PARTNER / "video-provider-literal.xml")
    edited = replace(parsed.items[0], headline="Ships queue outside Shanghai, again")
    written = nb.to_bytes(nb.item_element(edited))
    root = etree.fromstring(written)
    assert root.findtext(f"{NAR}contentMeta/{NAR}headline") == "Ships queue outside Shanghai, again"
    assert root.findtext(f"{NAR}itemMeta/{NAR}edNote") == "Pictures from the harbour, no sound."
    remote = root.find(f"{NAR}contentSet/{NAR}remoteContent")
    assert (remote.get("size"), remote.get("durationunit")) == ("73400320", "timeunit:seconds")
    assert root.find(f"{NAR}itemMeta/{NAR}provider").get("literal") == "reuters.com"
    assert [p for p in nb.validate_document(written, schema=schema) if p.severity == "error"] == []


def test_an_edited_item_keeps_the_namespaces_its_kept_xml_needs(schema):
    parsed = parse(PARTNER / "text-namespace-in-attribute.xml")
    edited = replace(parsed.items[0], headline="Freight rates up 13 per cent")
    written = nb.to_bytes(nb.item_element(edited))
    assert b'valuedatatype="xs:decimal"' in written and b"Freight rates up 13 per cent" in written
    assert [p for p in nb.validate_document(written, schema=schema) if p.severity == "error"] == []


def test_an_edited_message_keeps_its_other_items_as_read(schema):
    data = message_of([PARTNER / name for name in ONE_OF_EACH])
    parsed = parse(data)
    items = list(parsed.items)
    items[0] = replace(items[0], headline="Ports very busy again")
    written = nb.to_bytes(nb.message_element(replace(parsed.message, items=tuple(items))))
    again = parse(written)
    assert again.items[0].headline == "Ports very busy again"
    assert again.items[1:] == parsed.items[1:]
    assert [p for p in nb.validate_document(written, schema=schema) if p.severity == "error"] == []


# -- validate: catalogs, limits ---------------------------------------------------------------


def test_any_iptc_catalog_version_declares_the_iptc_aliases(schema):
    problems = nb.validate_file(PARTNER / "video-provider-literal.xml", schema=schema)
    assert problems == []


def test_a_remote_catalog_the_library_cannot_know_is_a_warning_naming_it(schema):
    data = (PARTNER / "composite-newsitem.xml").read_bytes()
    data = data.replace(b"catalog.IPTC-G2-Standards_41.xml", b"", 1).replace(
        b"http://www.iptc.org/std/catalog/", b"https://partner.example/cv/catalog-3.xml"
    )
    (problem,) = nb.validate_document(data, source="partner.xml", schema=schema)
    assert problem.severity == "warning"
    assert str(problem).startswith("partner.xml:3: warning: catalog 'https://partner.example/cv/catalog-3.xml'")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsbilingual", *args], capture_output=True, text=True, timeout=120)


def test_cli_validate_schema_only_and_warnings_do_not_fail(tmp_path, schema):
    bad_alias = tmp_path / "alias.xml"
    bad_alias.write_bytes((PARTNER / "composite-newsitem.xml").read_bytes().replace(b"nprov:EXAMPLE", b"zzz:EXAMPLE"))
    full = run_cli("validate", "--schema", str(schema), str(bad_alias))
    assert full.returncode == 1 and "alias 'zzz' is not declared" in full.stderr
    only = run_cli("validate", "--schema", str(schema), "--schema-only", str(bad_alias))
    assert (only.returncode, only.stderr, only.stdout) == (0, "", f"{bad_alias}: valid\n")


def test_validate_and_parse_read_no_further_than_their_limits(schema):
    result = run_cli("validate", "--schema", str(schema), "--max-bytes", "4096", "/dev/zero")
    assert result.returncode == 1
    assert "/dev/zero: document is over the limit of 4096 bytes" in result.stderr
    # The library reports an unreadable or oversized file as a problem, as the CLI prints it.
    (problem,) = nb.validate_file("/dev/zero", schema=schema, max_bytes=4096)
    assert "over the limit of 4096 bytes" in problem.message and problem.source == "/dev/zero"


def test_documents_with_more_elements_than_the_limit_are_refused(schema):
    keywords = "".join(f"<keyword>k{n}</keyword>" for n in range(200))
    data = (PARTNER / "composite-newsitem.xml").read_text("utf-8").replace("<headline>", keywords + "<headline>")
    assert len(parse(data, max_elements=300).items[0].keywords) == 200
    with pytest.raises(nb.XMLInputError, match="over 100 elements") as error:
        parse(data, max_elements=100)
    assert error.value.line == 1
    with pytest.raises(nb.XMLInputError, match="over 100 elements"):
        nb.validate_document(data.encode(), schema=schema, max_elements=100)
    result = run_cli("parse", "--max-elements", "100", str(PARTNER / "composite-newsitem.xml"))
    assert result.returncode == 0
    result = run_cli("parse", "--max-elements", "5", str(PARTNER / "composite-newsitem.xml"))
    assert result.returncode == 2 and "over 5 elements" in result.stderr


def test_codes_are_checked_only_where_the_alias_means_the_iptc_scheme(seed_story, schema):
    documents = nb.render_story(seed_story, locales=nb.locales_dir())  # linked editions: an inline catalog
    article = documents[f"{seed_story.id}.article.en.xml"].replace(b"genre:Current", b"genre:Weird")
    assert b"<catalog>" in article
    problems = nb.validate_document(article, schema=schema)
    assert [p.message for p in problems] == ["'genre:Weird' is not an IPTC genre code"]
    # A provider that declares 'genre' for a vocabulary of its own: its codes are not IPTC's to check.
    own = article.replace(
        b"<catalog>", b'<catalog>\n    <scheme alias="genre" uri="https://partner.example/cv/genre/"/>'
    )
    assert nb.validate_document(own, schema=schema) == []
