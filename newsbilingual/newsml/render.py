"""Render items to NewsML-G2 2.35 XML (``conformance="power"``) with lxml's ElementMaker.

One function per NewsML-G2 root: :func:`news_item`, :func:`picture_item`,
:func:`package_item`, :func:`news_message` (and :func:`message_element` for a
:class:`~newsbilingual.story.model.Message`); :func:`to_bytes` serialises any of them. Rendering
reads nothing but the object it is given, so the same item always gives the same bytes, and
an item parsed back from XML renders again to what it was read from: its ``extras`` (what
the model has no field for) are written back by :func:`newsbilingual.newsml.extras.apply_extras`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from lxml import etree
from lxml.builder import ElementMaker

from ..catalog.localeformat import format_dateline
from ..errors import ModelError
from ..story.model import (
    Byline,
    Item,
    ItemHeader,
    Label,
    Message,
    PackageItem,
    Party,
    PictureItem,
    Place,
    Subject,
    TextItem,
)
from .body import read_blocks
from .extras import NAR_NS, apply_extras, fragment, is_layout
from .vocabulary import IPTC_CATALOG_URL, LIBRARY_SCHEMES, alias_of, iptc_schemes

XHTML_NS = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
STANDARD_VERSION = "2.35"
NEWSITEM_TYPE = "application/vnd.iptc.g2.newsitem+xml"
# Attributes whose values are QCodes, whose aliases must be declared in a catalog.
QCODE_ATTRIBUTES = ("qcode", "rel", "role", "type", "rendition", "mode")

N = ElementMaker(namespace=NAR_NS, nsmap={None: NAR_NS})
H = ElementMaker(namespace=XHTML_NS, nsmap={None: XHTML_NS})


def _datetime(value: datetime) -> str:
    return value.isoformat()


def _lang(language: str) -> dict[str, str]:
    """``xml:lang``, when there is a language (empty: inherited from the enclosing element)."""
    return {XML_LANG: language} if language else {}


def _label(tag: str, label: Label) -> etree._Element:
    attrs = _lang(label.language)
    if label.role:
        attrs["role"] = label.role
    return N(tag, attrs, label.text)


def _root_attributes(header: ItemHeader) -> dict[str, str]:
    return {
        "guid": header.guid,
        "version": str(header.version),
        "standard": "NewsML-G2",
        "standardversion": STANDARD_VERSION,
        "conformance": "power",
        **_lang(header.language),
    }


def _rights(header: ItemHeader) -> list[etree._Element]:
    rights = header.rights
    if rights is None:
        return []
    children = []
    if rights.holder or rights.holder_uri:
        holder_attrs = {"uri": rights.holder_uri} if rights.holder_uri else {}
        children.append(N.copyrightHolder(holder_attrs, *([N.name(rights.holder)] if rights.holder else [])))
    if rights.notice:
        children.append(N.copyrightNotice(rights.notice))
    if rights.usage_terms:
        children.append(N.usageTerms(rights.usage_terms))
    return [N.rightsInfo(*children)]


def _item_meta(header: ItemHeader, item_class: str, title: str) -> etree._Element:
    provider = header.provider
    provider_attrs = {name: value for name, value in (("uri", provider.uri), ("qcode", provider.qcode)) if value}
    children = [
        N.itemClass(qcode=item_class),
        N.provider(provider_attrs, *([N.name(provider.name)] if provider.name else [])),
        N.versionCreated(_datetime(header.version_created)),
    ]
    if header.first_created:
        children.append(N.firstCreated(_datetime(header.first_created)))
    children.append(N.pubStatus(qcode=header.pub_status))
    if title:
        children.append(N.title(title))
    for link in header.links:
        attrs = {"rel": link.rel}
        for name in ("residref", "href", "contenttype"):
            if getattr(link, name):
                attrs[name] = getattr(link, name)
        if link.version is not None:
            attrs["version"] = str(link.version)
        children.append(N.link(attrs))
    return N.itemMeta(*children)


def _located(place: Place) -> etree._Element:
    attrs = {name: value for name, value in (("type", place.type), ("qcode", place.qcode)) if value}
    children = [N.name(place.name)] if place.name else []
    if place.broader:
        children.append(N.broader({"type": "cpnat:geoArea"}, N.name(place.broader)))
    return N.located(attrs, *children)


def _creator(byline: Byline) -> etree._Element:
    attrs = {name: value for name, value in (("role", byline.role), ("literal", byline.id)) if value}
    return N.creator(attrs, N.name(byline.name))


def _subject(subject: Subject) -> etree._Element:
    attrs = {name: value for name, value in (("type", subject.type), ("qcode", subject.qcode)) if value}
    return N.subject(attrs, *(N.name(_lang(lang), name) for lang, name in subject.names.items()))


def _party_subject(party: Party) -> etree._Element:
    children = [N.name(party.name)]
    if party.title:
        children.append(N.definition(party.title))
    return N.subject({"type": f"cpnat:{party.kind}", "literal": party.id}, *children)


def _header_times(header: ItemHeader) -> list[etree._Element]:
    return [N.contentCreated(_datetime(header.content_created))] if header.content_created else []


def _with_catalog(root: etree._Element, header: ItemHeader, schemes: Mapping[str, str]) -> etree._Element:
    """Add catalogRef (IPTC v41) and an inline catalog for every other alias the item uses.

    An item read from XML declares its own catalogs (``header.catalogs``): those are written
    as they were, unchecked, since the provider's catalogs may declare any alias.
    """
    if header.catalogs is not None:
        declared = [N.catalogRef(href=href) for href in header.catalogs.refs]
        if header.catalogs.schemes:
            schemes_declared = header.catalogs.schemes.items()
            declared.append(N.catalog(*(N.scheme(alias=alias, uri=uri) for alias, uri in schemes_declared)))
        for position, element in enumerate(declared):
            root.insert(position, element)
        return root
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


def content_set(item: TextItem) -> etree._Element | None:
    """The contentSet of a text item: its ``content_xml`` while ``body`` is still what that
    holds, else the body as XHTML in ``inlineXML`` (none for an item without body)."""
    if item.content_xml:
        kept = fragment(item.content_xml)
        if read_blocks(kept) == item.body:
            return kept
    if not item.body:
        return None
    attrs = {"contenttype": "application/xhtml+xml", **_lang(item.language)}
    return N.contentSet(N.inlineXML(attrs, _xhtml(item)))


def news_item(item: TextItem, *, schemes: Mapping[str, str] = LIBRARY_SCHEMES) -> etree._Element:
    """A text ``newsItem``: metadata in contentMeta, the body as XHTML in ``inlineXML``."""
    header = item.header
    meta: list[etree._Element] = _header_times(header)
    if item.located:
        meta.append(_located(item.located))
    meta += [_creator(byline) for byline in item.bylines]
    meta += _language(item.language)
    if item.genre:
        meta.append(N.genre(qcode=item.genre))
    meta += [_subject(subject) for subject in item.subjects]
    meta += [_party_subject(party) for party in item.parties]
    meta += [N.keyword(keyword) for keyword in item.keywords]
    if item.slugline:
        meta.append(N.slugline(item.slugline))
    meta += _headlines(item.headline, item.other_headlines)
    if item.dateline:
        meta.append(N.dateline(format_dateline(item.dateline, item.language)))
    meta += [N.by(byline.text or byline.name) for byline in item.bylines]
    if item.summary:
        meta.append(N.description({"role": "drol:summary"}, item.summary))
    content = content_set(item)
    root = N.newsItem(
        _root_attributes(header),
        *_rights(header),
        _item_meta(header, "ninat:text", item.headline),
        N.contentMeta(*meta),
        *([content] if content is not None else []),
    )
    return apply_extras(_with_catalog(root, header, schemes), item.extras)


def _language(language: str) -> list[etree._Element]:
    return [N.language({"tag": language})] if language else []


def _headlines(headline: str, others: tuple[Label, ...]) -> list[etree._Element]:
    return ([N.headline(headline)] if headline else []) + [_label("headline", label) for label in others]


def picture_item(item: PictureItem, *, schemes: Mapping[str, str] = LIBRARY_SCHEMES) -> etree._Element:
    """A picture ``newsItem``: caption (``drol:caption``), credit line, creator, renditions."""
    header = item.header
    meta: list[etree._Element] = _header_times(header)
    if item.creator:
        meta.append(_creator(item.creator))
    meta += _language(item.language)
    meta += [_subject(subject) for subject in item.subjects]
    meta += [N.keyword(keyword) for keyword in item.keywords]
    if item.credit:
        meta.append(N.creditline(item.credit))
    meta += _headlines(item.headline, item.other_headlines)
    if item.caption:
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
    root = _with_catalog(N.newsItem(_root_attributes(header), *children), header, schemes)
    return apply_extras(root, item.extras)


def package_item(package: PackageItem, *, schemes: Mapping[str, str] = LIBRARY_SCHEMES) -> etree._Element:
    """A ``packageItem``: a groupSet whose groups reference items (``pgrmod:alt`` for editions)."""
    header = package.header
    headlines = [N.headline(_lang(lang), text) for lang, text in package.headlines.items()]
    groups = []
    for group in package.groups:
        attrs = {"id": group.id, **({"role": group.role} if group.role else {})}
        if group.mode:
            attrs["mode"] = group.mode
        children = [N.groupRef(idref=idref) for idref in group.group_refs]
        for ref in group.refs:
            ref_attrs = {"residref": ref.residref, "version": str(ref.version), "contenttype": NEWSITEM_TYPE}
            ref_attrs |= _lang(ref.language)
            ref_children = [N.itemClass(qcode=ref.item_class)] if ref.item_class else []
            if ref.title:
                ref_children.append(N.title(ref.title))
            children.append(N.itemRef(ref_attrs, *ref_children))
        groups.append(N.group(attrs, *children))
    title = next(iter(package.headlines.values()), "")
    root = N.packageItem(
        _root_attributes(header),
        *_rights(header),
        _item_meta(header, "ninat:composite", title),
        N.contentMeta(*_header_times(header), *headlines),
        N.groupSet({"root": package.root}, *groups),
    )
    return apply_extras(_with_catalog(root, header, schemes), package.extras)


def item_element(item: Item, *, schemes: Mapping[str, str] = LIBRARY_SCHEMES) -> etree._Element:
    """The NewsML-G2 element of any item the library models."""
    render = (
        news_item if isinstance(item, TextItem) else picture_item if isinstance(item, PictureItem) else package_item
    )
    try:
        return render(item, schemes=schemes)  # type: ignore[arg-type]
    except ValueError as error:
        if isinstance(error, ModelError):
            raise
        # lxml refuses control characters and other text XML cannot carry.
        raise ModelError(f"cannot be written as XML: {error}", field=item.header.guid) from None


def news_message(
    items: Iterable[Item],
    *,
    sent: datetime,
    sender: str,
    transmit_id: str,
    priority: int | None = 4,
    schemes: Mapping[str, str] = LIBRARY_SCHEMES,
    elements: Sequence[etree._Element] | None = None,
) -> etree._Element:
    """A ``newsMessage`` carrying ``items`` in its itemSet: the unit of a wire feed.

    An empty ``sender`` or ``transmit_id`` and a ``priority`` of None are left out.
    ``elements`` are the items already rendered, one per item (so none is rendered twice).
    """
    if sent.tzinfo is None:
        raise ModelError("needs a timezone offset", field="sent")
    if priority is not None and not 1 <= priority <= 9:
        raise ModelError("must be 1 (highest) to 9 (lowest)", field="priority")
    if elements is None:
        elements = [item_element(item, schemes=schemes) for item in items]
    if not elements:
        raise ModelError("a newsMessage needs at least one item", field="items")
    return _news_message(sent, sender, transmit_id, priority, elements)


def _news_message(
    sent: datetime, sender: str, transmit_id: str, priority: int | None, elements: Sequence[etree._Element]
) -> etree._Element:
    header = [N.sent(_datetime(sent))]
    if sender:
        header.append(N.sender(sender))
    if transmit_id:
        header.append(N.transmitId(transmit_id))
    if priority is not None:
        header.append(N.priority(str(priority)))
    return N.newsMessage(N.header(*header), N.itemSet(*elements))


def message_element(
    message: Message,
    *,
    schemes: Mapping[str, str] = LIBRARY_SCHEMES,
    elements: Sequence[etree._Element] | None = None,
) -> etree._Element:
    """The ``newsMessage`` of a :class:`Message` (as :func:`newsbilingual.parse` returns it).

    ``elements`` are the items already rendered, one per item (the parser passes its own).
    """
    if elements is None:
        elements = [item_element(item, schemes=schemes) for item in message.items]
    root = _news_message(message.sent, message.sender, message.transmit_id, message.priority, elements)
    return apply_extras(root, message.extras)


def _hold_verbatim(element: etree._Element) -> list[tuple[etree._Element, etree._Element]]:
    """Swap every subtree whose whitespace is content for a placeholder (see :func:`to_bytes`)."""
    held = []
    stack = list(element)
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or not len(node):
            continue
        if _whitespace_matters(node):
            placeholder = etree.Element("placeholder")
            node.getparent().replace(node, placeholder)
            placeholder.tail, node.tail = node.tail, None
            held.append((placeholder, node))
        else:
            stack.extend(node)
    return held


def _whitespace_matters(node: etree._Element) -> bool:
    """Mixed content, spacing between inline elements, or ``xml:space="preserve"``."""
    if node.get(XML_SPACE) == "preserve" or not is_layout(node.text):
        return True
    return any(not is_layout(child.tail) for child in node)


def to_bytes(element: etree._Element) -> bytes:
    """UTF-8 XML with declaration, indented; Chinese text stays as characters, never escaped.

    Indentation only replaces whitespace that lays out elements: an element with mixed content
    (a paragraph with inline markup), with spacing between its children, or marked
    ``xml:space="preserve"`` is written exactly as it is.
    """
    held = _hold_verbatim(element)
    etree.indent(element, space="  ")
    for placeholder, node in held:
        node.tail = placeholder.tail
        placeholder.getparent().replace(placeholder, node)
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)
