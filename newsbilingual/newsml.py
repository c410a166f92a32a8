"""Render items to NewsML-G2 2.35 XML (``conformance="power"``) with lxml's ElementMaker.

One function per NewsML-G2 root: :func:`news_item`, :func:`picture_item`,
:func:`package_item` and :func:`news_message`; :func:`to_bytes` serialises any of them.
Rendering reads nothing but the object it is given, so the same item always gives the same
bytes, and an item parsed back from XML renders again to what it was read from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from lxml import etree
from lxml.builder import ElementMaker

from .errors import ModelError
from .localeformat import format_dateline
from .model import (
    Byline,
    Item,
    ItemHeader,
    PackageItem,
    Party,
    PictureItem,
    Place,
    TextItem,
)
from .vocabulary import IPTC_CATALOG_URL, LIBRARY_SCHEMES, alias_of, iptc_schemes

NAR_NS = "http://iptc.org/std/nar/2006-10-01/"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STANDARD_VERSION = "2.35"
NEWSITEM_TYPE = "application/vnd.iptc.g2.newsitem+xml"
PACKAGEITEM_TYPE = "application/vnd.iptc.g2.packageitem+xml"
# Attributes whose values are QCodes, whose aliases must be declared in a catalog.
QCODE_ATTRIBUTES = ("qcode", "rel", "role", "type", "rendition", "mode")

N = ElementMaker(namespace=NAR_NS, nsmap={None: NAR_NS})
H = ElementMaker(namespace=XHTML_NS, nsmap={None: XHTML_NS})


def _datetime(value: datetime) -> str:
    return value.isoformat()


def _lang(language: str) -> dict[str, str]:
    return {XML_LANG: language}


def _root_attributes(header: ItemHeader) -> dict[str, str]:
    return {
        "guid": header.guid,
        "version": str(header.version),
        "standard": "NewsML-G2",
        "standardversion": STANDARD_VERSION,
        "conformance": "power",
        XML_LANG: header.language,
    }


def _rights(header: ItemHeader) -> list[etree._Element]:
    rights = header.rights
    if rights is None:
        return []
    holder_attrs = {"uri": rights.holder_uri} if rights.holder_uri else {}
    children = [N.copyrightHolder(holder_attrs, N.name(rights.holder))]
    if rights.notice:
        children.append(N.copyrightNotice(rights.notice))
    if rights.usage_terms:
        children.append(N.usageTerms(rights.usage_terms))
    return [N.rightsInfo(*children)]


def _item_meta(header: ItemHeader, item_class: str, title: str) -> etree._Element:
    children = [
        N.itemClass(qcode=item_class),
        N.provider({"uri": header.provider.uri}, N.name(header.provider.name)),
        N.versionCreated(_datetime(header.version_created)),
    ]
    if header.first_created:
        children.append(N.firstCreated(_datetime(header.first_created)))
    children.append(N.pubStatus(qcode=header.pub_status))
    if title:
        children.append(N.title(title))
    for link in header.links:
        attrs = {"rel": link.rel, "residref": link.residref, "contenttype": link.contenttype}
        if link.version is not None:
            attrs["version"] = str(link.version)
        children.append(N.link(attrs))
    return N.itemMeta(*children)


def _located(place: Place) -> etree._Element:
    attrs = {"type": "cpnat:geoArea"}
    if place.qcode:
        attrs["qcode"] = place.qcode
    children = [N.name(place.name)]
    if place.broader:
        children.append(N.broader({"type": "cpnat:geoArea"}, N.name(place.broader)))
    return N.located(attrs, *children)


def _creator(byline: Byline) -> etree._Element:
    return N.creator({"role": byline.role, "literal": byline.id}, N.name(byline.name))


def _party_subject(party: Party) -> etree._Element:
    children = [N.name(party.name)]
    if party.title:
        children.append(N.definition(party.title))
    return N.subject({"type": f"cpnat:{party.kind}", "literal": party.id}, *children)


def _header_times(header: ItemHeader) -> list[etree._Element]:
    return [N.contentCreated(_datetime(header.content_created))] if header.content_created else []


def _with_catalog(root: etree._Element, schemes: Mapping[str, str]) -> etree._Element:
    """Add catalogRef (IPTC v41) and an inline catalog for every other alias the item uses."""
    iptc = iptc_schemes()
    used = sorted(
        {alias_of(value) for el in root.iter() for name, value in el.attrib.items() if name in QCODE_ATTRIBUTES}
        - set(iptc)
    )
    unknown = [alias for alias in used if alias not in schemes]
    if unknown:
        raise ModelError(
            f"QCode alias {unknown[0]!r} is neither in the IPTC catalog v41 nor a declared scheme",
            field=root.get("guid", ""),
        )
    catalog = [N.catalogRef(href=IPTC_CATALOG_URL)]
    if used:
        catalog.append(N.catalog(*(N.scheme(alias=alias, uri=schemes[alias]) for alias in used)))
    for position, element in enumerate(catalog):
        root.insert(position, element)
    return root


def _xhtml(item: TextItem) -> etree._Element:
    blocks = [H.p({"id": block.id}, block.text) for block in item.body]
    return H.html({"lang": item.language}, H.head(H.title(item.headline)), H.body(*blocks))


def news_item(item: TextItem, *, schemes: Mapping[str, str] = LIBRARY_SCHEMES) -> etree._Element:
    """A text ``newsItem``: metadata in contentMeta, the body as XHTML in ``inlineXML``."""
    header = item.header
    meta: list[etree._Element] = _header_times(header)
    if item.located:
        meta.append(_located(item.located))
    meta += [_creator(byline) for byline in item.bylines]
    meta += [N.language({"tag": item.language}), N.genre(qcode=item.genre)]
    for subject in item.subjects:
        names = [N.name(_lang(lang), name) for lang, name in subject.names.items()]
        meta.append(N.subject({"type": subject.type, "qcode": subject.qcode}, *names))
    meta += [_party_subject(party) for party in item.parties]
    meta += [N.keyword(keyword) for keyword in item.keywords]
    if item.slugline:
        meta.append(N.slugline(item.slugline))
    meta.append(N.headline(item.headline))
    if item.dateline:
        meta.append(N.dateline(format_dateline(item.dateline, item.language)))
    meta += [N.by(byline.text or byline.name) for byline in item.bylines]
    if item.summary:
        meta.append(N.description({"role": "drol:summary"}, item.summary))
    content = N.inlineXML({"contenttype": "application/xhtml+xml", XML_LANG: item.language}, _xhtml(item))
    root = N.newsItem(
        _root_attributes(header),
        *_rights(header),
        _item_meta(header, "ninat:text", item.headline),
        N.contentMeta(*meta),
        N.contentSet(content),
    )
    return _with_catalog(root, schemes)


def picture_item(item: PictureItem, *, schemes: Mapping[str, str] = LIBRARY_SCHEMES) -> etree._Element:
    """A picture ``newsItem``: caption (``drol:caption``), credit line, creator, renditions."""
    header = item.header
    meta: list[etree._Element] = _header_times(header)
    if item.creator:
        meta.append(_creator(item.creator))
    meta.append(N.language({"tag": item.language}))
    if item.credit:
        meta.append(N.creditline(item.credit))
    if item.headline:
        meta.append(N.headline(item.headline))
    meta.append(N.description({"role": "drol:caption"}, item.caption))
    children = [
        *_rights(header),
        _item_meta(header, "ninat:picture", item.headline or item.caption),
        N.contentMeta(*meta),
    ]
    if item.renditions:
        remote = []
        for rendition in item.renditions:
            attrs = {"rendition": rendition.rendition, "href": rendition.href, "contenttype": rendition.contenttype}
            if rendition.width is not None:
                attrs["width"] = str(rendition.width)
            if rendition.height is not None:
                attrs["height"] = str(rendition.height)
            remote.append(N.remoteContent(attrs))
        children.append(N.contentSet(*remote))
    return _with_catalog(N.newsItem(_root_attributes(header), *children), schemes)


def package_item(package: PackageItem, *, schemes: Mapping[str, str] = LIBRARY_SCHEMES) -> etree._Element:
    """A ``packageItem``: a groupSet whose groups reference items (``pgrmod:alt`` for editions)."""
    header = package.header
    headlines = [N.headline(_lang(lang), text) for lang, text in package.headlines.items()]
    groups = []
    for group in package.groups:
        attrs = {"id": group.id, "role": group.role}
        if group.mode:
            attrs["mode"] = group.mode
        children = [N.groupRef(idref=idref) for idref in group.group_refs]
        for ref in group.refs:
            ref_attrs = {"residref": ref.residref, "version": str(ref.version), "contenttype": NEWSITEM_TYPE}
            if ref.language:
                ref_attrs[XML_LANG] = ref.language
            children.append(N.itemRef(ref_attrs, N.itemClass(qcode=ref.item_class), N.title(ref.title)))
        groups.append(N.group(attrs, *children))
    title = next(iter(package.headlines.values()), "")
    root = N.packageItem(
        _root_attributes(header),
        *_rights(header),
        _item_meta(header, "ninat:composite", title),
        N.contentMeta(*_header_times(header), *headlines),
        N.groupSet({"root": package.root}, *groups),
    )
    return _with_catalog(root, schemes)


def item_element(item: Item, *, schemes: Mapping[str, str] = LIBRARY_SCHEMES) -> etree._Element:
    """The NewsML-G2 element of any item the library models."""
    if isinstance(item, TextItem):
        return news_item(item, schemes=schemes)
    if isinstance(item, PictureItem):
        return picture_item(item, schemes=schemes)
    return package_item(item, schemes=schemes)


def news_message(
    items: Iterable[Item],
    *,
    sent: datetime,
    sender: str,
    transmit_id: str,
    priority: int = 4,
    schemes: Mapping[str, str] = LIBRARY_SCHEMES,
) -> etree._Element:
    """A ``newsMessage`` carrying ``items`` in its itemSet: the unit of a wire feed."""
    if sent.tzinfo is None:
        raise ModelError("needs a timezone offset", field="sent")
    if not 1 <= priority <= 9:
        raise ModelError("must be 1 (highest) to 9 (lowest)", field="priority")
    elements: Sequence[etree._Element] = [item_element(item, schemes=schemes) for item in items]
    if not elements:
        raise ModelError("a newsMessage needs at least one item", field="items")
    header = N.header(
        N.sent(_datetime(sent)),
        N.sender(sender),
        N.transmitId(transmit_id),
        N.priority(str(priority)),
    )
    return N.newsMessage(header, N.itemSet(*elements))


def to_bytes(element: etree._Element) -> bytes:
    """UTF-8 XML with declaration, indented; Chinese text stays as characters, never escaped."""
    etree.indent(element, space="  ")
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)
