"""Generated schema-valid partner items, optional parts present or absent: each is read, written
back C14N-equal (layout whitespace outside inlineXML aside), and stays valid."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_partner import assert_same_document

import newsbilingual as nb
from newsbilingual.newsml.read import parse

PROVIDERS = [
    '<provider literal="reuters.com"/>',
    "<provider/>",
    '<provider qcode="nprov:REUTERS"/>',
    '<provider uri="https://partner.example/"><name>Partner</name></provider>',
]
CLASSES = [
    'qcode="ninat:text"',
    'qcode="ninat:picture"',
    'qcode="ninat:video"',
    'qcode="ninat:audio"',
    'qcode="ninat:composite"',
    'uri="http://cv.iptc.org/newscodes/ninature/text"',
    'qcode="nature:text"',
]
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    str.strip
)
layout = st.sampled_from(["", "\n", "\n  ", " ", "\n\t\t"])


@st.composite
def item_meta(draw: st.DrawFn) -> str:
    parts = [f"<itemClass {draw(st.sampled_from(CLASSES))}/>", draw(st.sampled_from(PROVIDERS))]
    parts.append("<versionCreated>2025-06-01T08:00:00Z</versionCreated>")
    if draw(st.booleans()):
        parts.append("<firstCreated>2025-06-01T07:00:00+08:00</firstCreated>")
    if draw(st.booleans()):
        parts.append(f'<pubStatus qcode="{draw(st.sampled_from(["stat:usable", "stat:withheld"]))}"/>')
    if draw(st.booleans()):
        parts.append(f"<title>{escape(draw(texts))}</title>")
    if draw(st.booleans()):
        parts.append(f"<edNote>{escape(draw(texts))}</edNote>")
    if draw(st.booleans()):
        parts.append('<link rel="irel:seeAlso" residref="tag:partner.example,2025:0" version="2"/>')
    return draw(layout).join(parts)


@st.composite
def content_meta(draw: st.DrawFn) -> str:
    administrative = []
    if draw(st.booleans()):
        administrative.append("<contentCreated>2025-06-01</contentCreated>")
    for _ in range(draw(st.integers(0, 2))):
        administrative.append(f"<creator><name>{escape(draw(texts))}</name></creator>")
    if draw(st.booleans()):
        administrative.append('<language tag="zh-Hans"/>')
    descriptive = [f"<keyword>{escape(draw(texts))}</keyword>" for _ in range(draw(st.integers(0, 3)))]
    if draw(st.booleans()):
        descriptive.append('<genre qcode="genre:Current"/>')
    if draw(st.booleans()):
        descriptive.append(
            '<subject type="cpnat:abstract" qcode="medtop:04000000">'
            f"<name>{escape(draw(texts))}</name>"
            '<related rel="skos:related" qcode="medtop:20000350" value="1.5" valuedatatype="xs:decimal"/></subject>'
        )
    for language in draw(st.lists(st.sampled_from(["", "en", "zh-Hans"]), max_size=3)):
        lang = f" xml:lang={quoteattr(language)}" if language else ""
        descriptive.append(f"<headline{lang}>{escape(draw(texts))}</headline>")
    if draw(st.booleans()):
        descriptive.append(f"<description role='drol:summary'>{escape(draw(texts))}</description>")
    # Descriptive metadata may come in any order: the round trip must keep the one it has.
    return draw(layout).join(administrative + draw(st.permutations(descriptive)))


@st.composite
def content_set(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["none", "xhtml", "text", "remote"]))
    if kind == "none":
        return ""
    if kind == "xhtml":
        space = draw(layout)
        pre = escape(draw(texts)).replace(" ", "   ")
        body = f"<p>{escape(draw(texts))}</p>{space}<pre>\n{pre}\n  <b>{escape(draw(texts))}</b>\n</pre>"
        html = f'<html xmlns="http://www.w3.org/1999/xhtml">{space}<body>{body}</body>{space}</html>'
        return (
            f'<contentSet><inlineXML contenttype="application/xhtml+xml">{draw(layout)}{html}</inlineXML></contentSet>'
        )
    if kind == "text":
        return f'<contentSet><inlineData contenttype="text/plain">{escape(draw(texts))}</inlineData></contentSet>'
    attributes = ['href="https://partner.example/file.bin"']
    for name, value in [("contenttype", "video/mp4"), ("size", "1000"), ("width", "640"), ("duration", "95")]:
        if draw(st.booleans()):
            attributes.append(f'{name}="{value}"')
    return f"<contentSet><remoteContent {' '.join(attributes)}/></contentSet>"


@st.composite
def partner_items(draw: st.DrawFn) -> bytes:
    space = draw(layout)
    catalog = (
        '<catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_'
        f'{draw(st.sampled_from(["35", "41"]))}.xml"/>'
        '<catalog><scheme alias="nature" uri="http://cv.iptc.org/newscodes/ninature/"/></catalog>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" xmlns:xs="http://www.w3.org/2001/XMLSchema"'
        ' guid="tag:partner.example,2025:generated" version="1" standard="NewsML-G2" standardversion="2.35"'
        f' conformance="power" xml:lang="en">{space}{catalog}{space}'
        f"<itemMeta>{draw(item_meta())}</itemMeta>{space}"
        f"<contentMeta>{draw(content_meta())}</contentMeta>{space}{draw(content_set())}\n</newsItem>\n"
    ).encode()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=partner_items())
def test_generated_partner_items_round_trip_and_stay_valid(data, schema):
    assert [p for p in nb.validate_document(data, schema=schema) if p.severity == "error"] == []
    parsed = parse(data)
    written = parsed.to_bytes()
    assert_same_document(data, written, schema)
    assert parse(written).to_bytes() == written
