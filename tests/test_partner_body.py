"""Partners' bodies in depth: headings, lists, tables, line breaks, inline markup and what the
library cannot edit, read into blocks; an edit writes back only the block edited."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import shared_file
from lxml import etree
from test_partner import canonical

import newsbilingual as nb
from newsbilingual.newsml.read import parse

PARTNER = Path(__file__).resolve().parent / "data" / "partner"
PREFIXED = PARTNER / "body-xhtml-prefixed.xml"
NS = {"n": "http://iptc.org/std/nar/2006-10-01/"}


def blocks(item: nb.TextItem) -> dict[str, nb.Block]:
    return {block.id: block for block in item.body}


def edit(item: nb.TextItem, ident: str, text: str) -> nb.TextItem:
    return replace(item, body=tuple(b.with_text(text) if b.id == ident else b for b in item.body))


def written(item: nb.TextItem) -> bytes:
    return nb.to_bytes(nb.item_element(item))


def test_every_kind_of_block_is_read_with_its_kind_cell_and_marks():
    item = parse(PREFIXED).items[0]
    kinds = [(block.kind, block.text) for block in item.body]
    assert kinds[:3] == [("li", "Hafen"), ("li", "Schifffahrt"), ("h1", "Hafen wieder voll")]
    assert ("h2", "Wartezeiten") in kinds and ("verbatim", "Karte: Hafenkarte") in kinds
    cells = [(b.cell.row, b.cell.column, b.kind, b.text) for b in item.body if b.cell]
    assert cells[0] == (1, 1, "th", "Liegeplatz") and cells[-1] == (3, 3, "td", "07:30") and len(cells) == 9
    lead = blocks(item)["lead"]
    assert [(lead.text[m.start : m.end], m.tag, m.attributes) for m in lead.marks] == [
        ("wieder", "em", (("class", "stress"),)),
        ("Hafenbehörde", "a", (("href", "https://port.example/"), ("title", "Hafenbehörde"))),
    ]


def test_a_line_break_is_a_line_feed_never_a_fusion():
    item = parse(PREFIXED).items[0]
    assert blocks(item)["p5"].text == "Reuters/oraise\nStand: Montag"
    out = written(edit(item, "p5", "Reuters/oraise\nStand: Dienstag\nAktualisiert"))
    assert b"<h:p>Reuters/oraise<h:br/>Stand: Dienstag<h:br/>Aktualisiert</h:p>" in out


@pytest.mark.parametrize(
    ("ident", "old", "new"),
    [
        ("p3", "voll", "leer"),
        ("lead", "Montag", "Dienstag"),
        ("p11", "Ever Given", "Ever Ace"),
        ("p16", "Kräne", "Kaie"),
    ],
)
def test_a_one_word_edit_changes_that_word_and_nothing_else(ident, old, new):
    original = PREFIXED.read_bytes()
    item = parse(PREFIXED).items[0]
    out = written(edit(item, ident, blocks(item)[ident].text.replace(old, new)))
    assert b"<html" not in out and b'xmlns="http://www.w3.org/1999/xhtml"' not in out  # prefixes as declared
    assert canonical(out.replace(new.encode(), old.encode())) == canonical(original)
    again = parse(out).items[0]
    assert [(b.id, b.kind, b.cell) for b in again.body] == [(b.id, b.kind, b.cell) for b in item.body]


def test_a_body_edit_is_written_in_one_pass_into_the_element_read():
    """Only the body changed: the item is the element read, its metadata untouched (the
    renderer's layout and order never enter), with the edit written into its text node."""
    item = parse(PREFIXED).items[0]
    read = etree.parse(str(PREFIXED)).getroot()
    element = nb.item_element(edit(item, "p3", blocks(item)["p3"].text.replace("voll", "leer")))
    content_set = f"{{{NS['n']}}}contentSet"
    assert [child.tag for child in element] == [child.tag for child in read]
    for kept, original in zip(element, read, strict=True):
        if original.tag != content_set:
            assert etree.tostring(kept) == etree.tostring(original)
    assert "leer" in "".join(element.find(content_set).itertext())


def test_text_field_edits_are_written_into_the_elements_they_were_read_from(rendered, schema):
    """A headline, slugline or summary edit goes into its element (the headline into itemMeta's
    title too, where the title repeats it), all else as read; a field read empty, or one with
    no element of its own, is rendered from the model and diffed."""
    name = "mianyang-high-tech-service.article.en.xml"
    item = parse(rendered[name]).items[0]
    edited = replace(item, headline="A new headline", slugline="new-slug")
    element = nb.item_element(edited)
    read = etree.fromstring(rendered[name])
    changed = {"headline", "slugline", "title"}
    for kept, original in zip(element.iter(), read.iter(), strict=True):
        assert kept.tag == original.tag
        if etree.QName(original).localname not in changed:
            assert (kept.text, kept.attrib) == (original.text, original.attrib)
    again = parse(nb.to_bytes(element)).items[0]
    assert (again.headline, again.slugline) == ("A new headline", "new-slug")
    assert element.findtext("n:itemMeta/n:title", namespaces=NS) == "A new headline"
    assert replace(again, headline=item.headline, slugline=item.slugline) == item
    assert [p for p in nb.validate_document(nb.to_bytes(element), schema=schema) if p.severity == "error"] == []
    photo = parse(rendered["mianyang-high-tech-service.photo.en.xml"]).items[0]
    element = nb.item_element(replace(photo, caption="A new caption."))
    assert element.findtext("n:contentMeta/n:description", namespaces=NS) == "A new caption."
    assert parse(nb.to_bytes(element)).items[0] == replace(photo, caption="A new caption.")
    # A summary read empty, keywords (no element of their own): rendered, and nothing lost.
    assert item.summary == ""
    for change in ({"summary": "A new summary."}, {"keywords": ("new",)}):
        again = parse(nb.to_bytes(nb.item_element(replace(item, **change)))).items[0]
        assert again == replace(item, **change)


def test_an_edit_across_inline_markup_raises_naming_the_block():
    item = parse(PREFIXED).items[0]
    lead = blocks(item)["lead"]
    with pytest.raises(nb.ModelError, match=r"body\[3\] \(lead\).*spans inline markup"):
        written(edit(item, "lead", lead.text.replace("warten wieder vor", "liegen vor")))


def test_a_verbatim_block_raises_naming_the_block_and_its_line():
    item = parse(PREFIXED).items[0]
    with pytest.raises(nb.ModelError, match=r"block 'p18'.*<div> at line 37"):
        written(edit(item, "p18", "Karte: Stadtplan"))


def test_blocks_are_added_and_removed_in_place_never_reordered():
    item = parse(PREFIXED).items[0]
    body = [b for b in item.body if b.id != "p19"]
    body.insert(body.index(blocks(item)["p6"]), nb.Block("new", "Ein neuer Absatz."))
    out = written(replace(item, body=tuple(body)))
    assert b'Montag</h:p>\n            <h:p id="new">Ein neuer Absatz.</h:p>\n            <h:h2>' in out
    assert b"bis Juli" not in out and b"Hafenkarte" in out
    reordered = (item.body[1], item.body[0], *item.body[2:])
    with pytest.raises(nb.ModelError, match="cannot be reordered"):
        written(replace(item, body=reordered))


def test_with_text_moves_the_marks_with_the_text():
    lead = blocks(parse(PREFIXED).items[0])["lead"]
    shorter = lead.with_text(lead.text.replace("Die Schiffe", "Schiffe"))
    assert [shorter.text[m.start : m.end] for m in shorter.marks] == ["wieder", "Hafenbehörde"]
    with pytest.raises(nb.ModelError, match="marks"):
        replace(lead, text="kurz")


def _dev_text_items(provider: str) -> list[tuple[Path, nb.TextItem]]:
    dev = shared_file("partners-dev")
    found = []
    for path in sorted((dev / provider).glob("*.xml")):
        found += [(path, item) for item in parse(path).items if isinstance(item, nb.TextItem)]
    return found


@pytest.mark.parametrize("provider", ["dpa", "STT", "Infomaker"])
def test_partners_text_items_keep_every_other_word_of_the_body_after_a_one_word_edit(provider):
    items = _dev_text_items(provider)
    assert items
    for path, item in items:
        assert item.body, path
        stated = etree.parse(str(path)).xpath(
            "//n:newsItem[@guid=$guid]/n:contentMeta/n:headline[normalize-space()]", namespaces=NS, guid=item.guid
        )
        assert bool(item.headline) == bool(stated), path  # five of STT's test items have none
        ident, block = next((b.id, b) for b in item.body if b.kind != "verbatim" and re.search(r"\w{4,}", b.text))
        word = re.search(r"\w{4,}", block.text)
        out = written(edit(item, ident, block.text[: word.start()] + "Zzyzx" + block.text[word.end() :]))
        again = parse(out).items[0]
        expected = [b.text if b.id != ident else b.text.replace(word.group(), "Zzyzx", 1) for b in item.body]
        assert [b.text for b in again.body] == expected, path
        assert (b"<html:" not in out and b"<h:html" not in out) or b"<h:html" in path.read_bytes(), path


def test_a_text_item_under_catalog_3_is_a_text_item():
    """catalog 3 aliases the item class scheme icls; catalog 41 has no icls (it says ninat)."""
    (item,) = parse(PARTNER / "versions" / "text-icls-catalog-3.xml").items
    assert isinstance(item, nb.TextItem)
    assert (item.headline, [b.text for b in item.body]) == (
        "Harbour reopens after storm",
        ["The harbour reopened on Tuesday.", "Ferries run to the usual timetable."],
    )
    under_41 = PARTNER.joinpath("versions", "text-icls-catalog-3.xml").read_text().replace("_3.xml", "_41.xml")
    assert isinstance(parse(under_41).items[0], nb.GenericItem)


def test_validate_reads_aliases_with_the_catalog_version_the_item_names(schema):
    """icls: is declared by catalog 3, not by catalog 41: validate checks each item with its own."""
    path = PARTNER / "versions" / "text-icls-catalog-3.xml"
    assert nb.validate_file(path, schema=schema) == []
    under_41 = path.read_bytes().replace(b"_3.xml", b"_41.xml")
    problems = nb.validate_document(under_41, source="under-41.xml", schema=schema)
    assert [(p.line, p.message, p.severity) for p in problems] == [
        (6, "QCode 'icls:text': alias 'icls' is not declared in a catalog", "error")
    ]


def test_the_first_headline_when_every_one_has_a_role_and_literal_subjects():
    (item,) = parse(PARTNER / "text-headline-roles-literal-subjects.xml").items
    assert item.headline == "Riksdagen klubbar budgeten"
    assert item.other_headlines == (nb.Label("Budgeten klar", "", "tthl:short"),)
    assert [(s.literal, s.names, s.qcode) for s in item.subjects] == [
        ("TT:11000000:POL", {}, ""),
        ("TT:04000000:EKO", {"": "Ekonomi"}, ""),
    ]
    edited = replace(item, subjects=item.subjects[:1], headline="Riksdagen klubbade budgeten")
    again = parse(written(edited)).items[0]
    assert [s.literal for s in again.subjects] == ["TT:11000000:POL"]
    assert (again.headline, again.other_headlines) == ("Riksdagen klubbade budgeten", item.other_headlines)


def test_a_package_group_without_id():
    (package,) = parse(PARTNER / "package-group-without-id.xml").items
    assert [(g.id, g.role, [r.residref for r in g.refs]) for g in package.groups] == [
        ("G1", "group:main", []),
        ("", "group:side", ["tag:partner.example,2025:text-alias"]),
        ("G2", "group:main", []),
    ]


def test_every_partner_document_is_read_whole_and_written_back_byte_for_byte():
    """No item dropped (every item element with a guid is an item), every ...:text item is a
    TextItem with a body, and an unedited document comes back as the bytes read."""
    dev = shared_file("partners-dev")
    paths = sorted(dev.glob("*/*.xml"))
    assert len(paths) == 121
    for path in paths:
        parsed = parse(path)
        root = etree.parse(str(path)).getroot()
        elements = [root] if not root.tag.endswith("newsMessage") else list(root.iterfind("n:itemSet/*", NS))
        assert [item.guid for item in parsed.items] == [el.get("guid") for el in elements], path
        assert not [w for w in parsed.warnings if w.severity == "error"], path
        for element, item in zip(elements, parsed.items, strict=True):
            if any(code.endswith(":text") for code in element.xpath("n:itemMeta/n:itemClass/@qcode", namespaces=NS)):
                assert isinstance(item, nb.TextItem) and item.body, (path, item.guid)
            # Literal subjects (STT's "TT:11000000:POL") are read: as subjects, or as parties.
            literals = element.xpath("n:contentMeta/n:subject[@literal and not(@qcode)]/@literal", namespaces=NS)
            held = {s.literal for s in item.subjects} | {p.id for p in getattr(item, "parties", ())}
            assert set(literals) <= held, (path, item.guid)
        assert parsed.to_bytes() == path.read_bytes(), path
        assert nb.to_bytes(parsed.element()) == parsed.to_bytes(), path


def test_parsed_to_bytes_is_to_bytes_of_its_element_edited_or_not(schema):
    """One way through: Parsed.to_bytes() is to_bytes(Parsed.element()); the document element
    as read is the bytes read, until the element or the objects change."""
    original = PREFIXED.read_bytes()
    parsed = parse(PREFIXED)
    element = parsed.element()
    assert nb.to_bytes(element) == parsed.to_bytes() == original
    element.set("version", "9")  # the copy changed: written from the tree, as any element
    changed = nb.to_bytes(element)
    assert changed != original and b'version="9"' in changed
    (item,) = parsed.items
    edited = nb.Parsed(parsed.source, parsed.root, (replace(item, headline="Neu"),))
    assert edited.to_bytes() == nb.to_bytes(edited.element())
    assert [p for p in nb.validate_document(edited.to_bytes(), schema=schema) if p.severity == "error"] == []


def test_the_model_holds_no_xml_and_the_reader_lets_documents_go():
    """An item read from XML holds a ReadFrom (document and line), not the element: the
    element lives in newsml/origin's mapping while some object holds the ReadFrom."""
    import gc
    import weakref

    from newsbilingual.newsml.origin import origin_of

    item = parse(PREFIXED).items[0]
    assert isinstance(item.origin, nb.ReadFrom) and str(item.origin) == f"{PREFIXED}:2"
    edited = replace(item, headline="Neu")
    assert edited.origin is item.origin and origin_of(edited) is origin_of(item)
    read_from = weakref.ref(item.origin)  # the key of the mapping, which holds it weakly
    del item, edited
    gc.collect()
    assert read_from() is None


def test_cli_parse_names_an_item_it_cannot_read_and_prints_json(tmp_path):
    """`parse --json` prints the objects (an origin as file:line); an item without guid in a
    message is an error naming it: exit 1, the other items printed."""
    from test_partner import run_cli

    shown = run_cli("parse", "--json", str(PREFIXED))
    assert shown.returncode == 0 and json.loads(shown.stdout)["items"][0]["origin"] == f"{PREFIXED}:2"
    item = PREFIXED.read_text("utf-8").split("\n", 1)[1]
    message = tmp_path / "message.xml"
    message.write_text(
        '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sent>2025-06-01T08:00:00Z</sent></header>'
        f"<itemSet>{item}{item.replace('guid=', 'id=', 1)}</itemSet></newsMessage>",
        "utf-8",
    )
    result = run_cli("parse", str(message))
    assert result.returncode == 1
    assert f"{message}:44: error: an item (newsItem) not read (kept in the XML): newsItem: has no guid" in result.stderr
    assert "TextItem tag:partner.example,2025:body-xhtml" in result.stdout
