"""Render items to NewsML-G2 2.35 XML (``conformance="power"``) with lxml's ElementMaker.

One function per NewsML-G2 root: :func:`news_item`, :func:`picture_item`,
:func:`package_item`, :func:`generic_item`, :func:`news_message` (and :func:`message_element` for a
:class:`~newsbilingual.story.model.Message`); :func:`to_bytes` serialises any of them. Rendering
reads nothing but the object it is given, so the same item always gives the same bytes. An
item parsed from XML and not edited since is written as the element it was read from
(:mod:`newsbilingual.newsml.origin`); an edited one is rendered from its fields, with what the
model has no field for written back by :func:`newsbilingual.newsml.extras.apply_extras`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from functools import partial

from lxml import etree
from lxml.builder import ElementMaker

from ..catalog.localeformat import format_dateline, genre_names
from ..errors import ModelError
from ..story.languages import text_direction
from ..story.model import (
    QCODE_RE,
    Block,
    Byline,
    Extra,
    GenericItem,
    Item,
    ItemHeader,
    Label,
    Message,
    PackageItem,
    Party,
    PictureItem,
    Place,
    Rendition,
    Subject,
    TextItem,
)
from .body import read_blocks, write_blocks
from .extras import NAR, NAR_NS, apply_extras, fragment, is_layout, local_name, serialise
from .marks import mark_languages
from .origin import Origin, bytes_read, inherited_languages, origin_of
from .vocabulary import (
    IPTC_CATALOG_URL,
    LIBRARY_SCHEMES,
    MESSAGE_SCHEME,
    MESSAGE_SEQUENCE,
    alias_of,
    iptc_schemes,
    provider_schemes,
)

XHTML_NS = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
INLINE_XML = f"{NAR}inlineXML"
XHTML_HTML = f"{{{XHTML_NS}}}html"
XHTML_HEAD = f"{{{XHTML_NS}}}head"
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


def item_class_attributes(item_class: str) -> dict[str, str]:
    """An item class is a QCode (``ninat:text``) or, read from XML, may be a URI."""
    return {"qcode": item_class} if QCODE_RE.match(item_class) else {"uri": item_class}


def _item_meta(header: ItemHeader, item_class: str, title: str) -> etree._Element:
    provider = header.provider
    provider_attrs = {
        name: value
        for name, value in (("uri", provider.uri), ("qcode", provider.qcode), ("literal", provider.literal))
        if value
    }
    children = [
        N.itemClass(item_class_attributes(item_class)),
        N.provider(provider_attrs, *([N.name(provider.name)] if provider.name else [])),
    ]
    if header.version_created:  # None only for an item read without a readable one
        children.append(N.versionCreated(_datetime(header.version_created)))
    if header.first_created:
        children.append(N.firstCreated(_datetime(header.first_created)))
    if header.embargoed:
        children.append(N.embargoed(_datetime(header.embargoed)))
    children.append(N.pubStatus(qcode=header.pub_status))
    if title:
        children.append(N.title(title))
    children += [N.edNote(note) for note in header.ed_notes]
    children += [N.signal(qcode=signal) for signal in header.signals]
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
    pairs = (("type", subject.type), ("qcode", subject.qcode), ("literal", subject.literal))
    attrs = {name: value for name, value in pairs if value}
    return N.subject(attrs, *(N.name(_lang(lang), name) for lang, name in subject.names.items()))


def _party_subject(party: Party) -> etree._Element:
    children = [N.name(party.name)]
    if party.title:
        children.append(N.definition(party.title))
    return N.subject({"type": f"cpnat:{party.kind}", "literal": party.id}, *children)


def _header_times(header: ItemHeader) -> list[etree._Element]:
    """urgency and contentCreated, which open contentMeta in this order."""
    times = [N.urgency(str(header.urgency))] if header.urgency is not None else []
    return times + ([N.contentCreated(_datetime(header.content_created))] if header.content_created else [])


def _with_catalog(root: etree._Element, header: ItemHeader, schemes: Mapping[str, str]) -> etree._Element:
    """Add catalogRef (IPTC v41) and an inline catalog for every other alias the item uses.

    An item read from XML declares its own catalogs (``header.catalogs``): those are written
    as they were, unchecked, since the provider's catalogs may declare any alias.
    """
    if schemes is LIBRARY_SCHEMES:  # not chosen by the caller: under the provider's own domain
        schemes = provider_schemes(header.provider.uri)
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
        return _undeclared_alias(root, unknown[0])
    catalog = [N.catalogRef(href=IPTC_CATALOG_URL)]
    if used:
        catalog.append(N.catalog(*(N.scheme(alias=alias, uri=schemes[alias]) for alias in used)))
    for position, element in enumerate(catalog):
        root.insert(position, element)
    return root


def xhtml_content_set(body: Sequence[Block], language: str, headline: str) -> etree._Element | None:
    """The contentSet the library writes for a body: XHTML in ``inlineXML`` (none without body)."""
    if not body:
        return None
    blocks = [H.p({"id": block.id}, block.text) for block in body]
    html = H.html({"lang": language}, H.head(H.title(headline)), H.body(*blocks))
    return N.contentSet(N.inlineXML({"contenttype": "application/xhtml+xml", **_lang(language)}, html))


def _undeclared_alias(root: etree._Element, alias: str) -> etree._Element:
    """Refuse a QCode whose alias no catalog declares, naming the element and attribute that hold it."""
    for element in root.iter():
        for name, value in element.attrib.items():
            if name in QCODE_ATTRIBUTES and alias_of(value) == alias:
                raise ModelError(
                    f"QCode {value!r} in item {root.get('guid', '')!r}: alias {alias!r} is neither in the "
                    "IPTC catalog v41 nor a declared scheme",
                    field=f"{_element_path(element)}@{name}",
                )
    raise AssertionError(f"alias {alias!r} not found")  # the caller found it in these attributes


def _element_path(element: etree._Element) -> str:
    """Where an element is in its item, as :class:`~newsbilingual.story.model.Extra` paths say it:
    ``contentMeta[1]/subject[3]/`` (local names, 1-based among same-named siblings)."""
    steps = []
    while (parent := element.getparent()) is not None:
        index = [child for child in parent if child.tag == element.tag].index(element) + 1
        steps.append(f"{local_name(element)}[{index}]/")
        element = parent
    return "".join(reversed(steps))


def content_set(item: TextItem) -> etree._Element | None:
    """The contentSet of a text item: for one read from XML, the contentSet read with the body's
    edits written into it (:func:`~newsbilingual.newsml.body.write_blocks`); else the body as
    XHTML in ``inlineXML`` (none for an item without body)."""
    origin = origin_of(item)
    read = origin.element.find(f"{NAR}contentSet") if origin is not None else None
    if read is None:
        return xhtml_content_set(item.body, item.language, item.headline)
    kept = fragment(serialise(read))
    return kept if read_blocks(kept) == item.body else write_blocks(kept, item.body, item.guid, read.sourceline or 1)


def news_item(item: TextItem, *, schemes: Mapping[str, str] = LIBRARY_SCHEMES) -> etree._Element:
    """A text ``newsItem``: metadata in contentMeta, the body as XHTML in ``inlineXML``."""
    header = item.header
    meta: list[etree._Element] = _header_times(header)
    if item.located:
        meta.append(_located(item.located))
    meta += [_creator(byline) for byline in item.bylines]
    meta += _language(item.language)
    if item.genre:
        names = genre_names(item.genre, item.language).items()
        meta.append(N.genre({"qcode": item.genre}, *(N.name({XML_LANG: lang}, name) for lang, name in names)))
    meta += [_subject(subject) for subject in item.subjects]
    meta += [_party_subject(party) for party in item.parties]
    meta += [N.keyword(keyword) for keyword in item.keywords]
    if item.slugline:
        meta.append(N.slugline(item.slugline))
    meta += _headlines(item.headline, item.other_headlines)
    if item.dateline:  # an edition's is printed already (desk.editions, with the newsroom's catalogs)
        meta.append(N.dateline(item.dateline.text or format_dateline(item.dateline, item.language)))
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
    return apply_extras(mark_languages(_with_catalog(root, header, schemes), item), item.extras)


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
        children.append(N.contentSet(*map(_remote_content, item.renditions)))
    root = _with_catalog(N.newsItem(_root_attributes(header), *children), header, schemes)
    return apply_extras(mark_languages(root, item), item.extras)


def _remote_content(rendition: Rendition) -> etree._Element:
    attrs = {"rendition": rendition.rendition, "href": rendition.href, "contenttype": rendition.contenttype}
    attrs = {name: value for name, value in attrs.items() if value}
    for name in ("width", "height", "size"):
        if (value := getattr(rendition, name)) is not None:
            attrs[name] = str(value)
    if rendition.duration:
        attrs["duration"] = rendition.duration
    return N.remoteContent(attrs)


def generic_item(item: GenericItem, *, schemes: Mapping[str, str] = LIBRARY_SCHEMES) -> etree._Element:
    """Any other item read from XML, as far as the model holds it (its origin holds the rest)."""
    header = item.header
    meta: list[etree._Element] = _header_times(header)
    meta += _language(item.language)
    meta += [_subject(subject) for subject in item.subjects]
    meta += [N.keyword(keyword) for keyword in item.keywords]
    meta += _headlines(item.headline, item.other_headlines)
    if item.description:
        meta.append(N.description(item.description))
    children = [
        *_rights(header),
        # No itemMeta/title: the model holds none for these items (one read stays in the XML).
        _item_meta(header, item.item_class or item.item_class_uri, ""),
        N.contentMeta(*meta),
    ]
    if item.renditions:
        children.append(N.contentSet(*map(_remote_content, item.renditions)))
    root = _with_catalog(N(item.kind, _root_attributes(header), *children), header, schemes)
    return apply_extras(root, item.extras)


def package_item(package: PackageItem, *, schemes: Mapping[str, str] = LIBRARY_SCHEMES) -> etree._Element:
    """A ``packageItem``: a groupSet whose groups reference items (``pgrmod:alt`` for editions)."""
    header = package.header
    headlines = [N.headline(_lang(lang), text) for lang, text in package.headlines.items()]
    for headline, lang in zip(headlines, package.headlines, strict=True):
        if lang and text_direction(lang) == "rtl":
            headline.set("dir", "rtl")
    groups = []
    for group in package.groups:
        attrs = {name: value for name, value in (("id", group.id), ("role", group.role)) if value}
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
    group_set = [N.groupSet({"root": package.root}, *groups)] if package.groups else []
    root = N.packageItem(
        _root_attributes(header),
        *_rights(header),
        _item_meta(header, "ninat:composite", title),
        N.contentMeta(*_header_times(header), *headlines),
        *group_set,
    )
    return apply_extras(_with_catalog(root, header, schemes), package.extras)


RENDERERS: dict[type, Callable[..., etree._Element]] = {
    TextItem: news_item,
    PictureItem: picture_item,
    PackageItem: package_item,
    GenericItem: generic_item,
}


# A withdrawn or withheld item of ours carries its metadata and notes but not the text or the
# picture it withdraws: a partner's system that ingests the new version must not get the words back.
WITHOUT_CONTENT = frozenset({"stat:canceled", "stat:withheld"})


def item_element(item: Item, *, schemes: Mapping[str, str] = LIBRARY_SCHEMES) -> etree._Element:
    """The NewsML-G2 element of any item: for an item read from XML, the element it was read
    from, with the edits written into it where they have an element to go into (see
    :meth:`newsbilingual.newsml.origin.Origin.edited`); else rendered from the model. An item of
    ours that is withdrawn or withheld (``WITHOUT_CONTENT``) is written without its contentSet."""
    render = partial(RENDERERS[type(item)], schemes=schemes)
    origin = origin_of(item)
    if origin is not None and (edited := origin.edited(item)) is not None:
        return edited
    try:
        element = render(item)
        if origin is not None:
            return origin.declared(apply_extras(element, origin.extras(render)))
        if item.header.pub_status in WITHOUT_CONTENT:
            for content in element.findall(f"{NAR}contentSet"):
                element.remove(content)
        return element
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
    sent: datetime | None, sender: str, transmit_id: str, priority: int | None, elements: Sequence[etree._Element]
) -> etree._Element:
    return N.newsMessage(message_header(sent, sender, transmit_id, priority), N.itemSet(*elements))


def transmit_id(sender: str, sent: datetime, sequence: int | None = None) -> str:
    """A message's ``transmitId``, unique per send: the sender, the send time (and the number of
    the message in a feed split into several)."""
    stamp = f"{sender.rstrip('/')}/transmit/{sent.strftime('%Y%m%dT%H%M%S%f%z')}"
    return stamp if sequence is None else f"{stamp}/{sequence:04d}"


def message_header(
    sent: datetime | None, sender: str, transmit_id: str, priority: int | None, sequence: int | None = None
) -> etree._Element:
    """A newsMessage ``header``. ``sequence`` numbers the messages of one feed split into several
    (``headerExtProperty`` of the library's scheme ``nbmsg``, declared in the header's catalog)."""
    header = [N.sent(_datetime(sent))] if sent else []  # no sent: a message read without one
    if sequence is not None:
        header.append(N.catalog(N.scheme(alias=MESSAGE_SCHEME[0], uri=MESSAGE_SCHEME[1])))
    if sender:
        header.append(N.sender(sender))
    if transmit_id:
        header.append(N.transmitId(transmit_id))
    if priority is not None:
        header.append(N.priority(str(priority)))
    if sequence is not None:
        header.append(N.headerExtProperty(rel=MESSAGE_SEQUENCE, literal=str(sequence)))
    return N.header(*header)


def message_element(
    message: Message,
    *,
    schemes: Mapping[str, str] = LIBRARY_SCHEMES,
    elements: Sequence[etree._Element] | None = None,
) -> etree._Element:
    """The ``newsMessage`` of a :class:`Message` (as :func:`newsbilingual.parse` returns it).

    ``elements`` are the items already rendered, one per item (the parser passes its own).
    """
    origin = origin_of(message)
    if origin is not None and origin.unchanged(message) and elements is None:
        return origin.copy()
    if elements is None:
        elements = [item_element(item, schemes=schemes) for item in message.items]
    root = _news_message(message.sent, message.sender, message.transmit_id, message.priority, elements)
    root = apply_extras(root, message.extras)
    return root if origin is None else origin.declared(apply_extras(root, _message_extras(origin, schemes)))


def _message_extras(origin: Origin[Message], schemes: Mapping[str, str]) -> tuple[Extra, ...]:
    """What an edited message keeps of its document: its items are compared on their own."""
    read = list(origin.element.iterfind(f"{NAR}itemSet/*"))
    # (The items of a message as read were all read, so all have an origin.)
    origins = [(found, item) for item in origin.model.items if (found := origin_of(item)) is not None]
    items = {found.element: item_element(item, schemes=schemes) for found, item in origins}
    known = {element: items[element] for element in read if element in items}

    def render(message: Message) -> etree._Element:  # the message as read, which has no origin
        return message_element(message, schemes=schemes, elements=list(known.values()))

    return origin.extras(render, known) + inherited_languages(known)


# The elements below an element that may hold whitespace that is content (text of their own or
# between their children, xml:space, an inlineXML), and every comment and processing
# instruction: a superset, found in C, of what :func:`_whitespace_matters` keeps.
_MAYBE_VERBATIM = etree.XPath(
    "descendant::text()/parent::*[*|comment()|processing-instruction()] | descendant::*[@xml:space]"
    " | descendant::n:inlineXML | descendant::comment() | descendant::processing-instruction()",
    namespaces={"n": NAR_NS},
)


def _verbatim_whitespace(
    element: etree._Element, candidates: list[etree._Element]
) -> list[tuple[etree._Element, str | None, str | None, bool]]:
    """The text (and tail, but for the subtree's own, which lays it out) of every node inside
    subtrees whose whitespace is content (see :func:`to_bytes`), to be put back after
    indenting. Nothing is moved: lxml re-prefixes an element moved under an ancestor that
    declares its namespace with another prefix. (A node inside a kept subtree may be listed
    twice, with the same values.)"""
    kept: list[tuple[etree._Element, str | None, str | None, bool]] = []
    for node in candidates:
        if node is not element and isinstance(node.tag, str) and len(node) and _whitespace_matters(node):
            kept.append((node, node.text, None, False))
            kept += [(inner, inner.text, inner.tail, True) for inner in node.iterdescendants()]
    return kept


def _laid_out_by_libxml2(element: etree._Element, candidates: list[etree._Element]) -> bool:
    """Whether ``element`` holds no text but in elements without children, and no comment: what
    the renderer builds. libxml2's own pretty printing then writes it as :func:`indent` would,
    without a copy of the tree to indent."""
    return all(node.tag == INLINE_XML and _fresh_xhtml(node) for node in candidates)


def _whitespace_matters(node: etree._Element) -> bool:
    """Mixed content, spacing between inline elements, ``xml:space="preserve"``, or an
    ``inlineXML`` other than the library's own XHTML (see :func:`_fresh_xhtml`)."""
    if node.get(XML_SPACE) == "preserve" or not is_layout(node.text):
        return True
    if node.tag == INLINE_XML and not _fresh_xhtml(node):
        return True
    return any(not is_layout(child.tail) for child in node)


def _fresh_xhtml(inline_xml: etree._Element) -> bool:
    """What :func:`xhtml_content_set` renders, before indentation: an XHTML ``html`` with a
    ``lang``, a ``head`` first, and no text between any of its elements. Every other
    ``inlineXML`` content is written exactly as it is."""
    roots = [child for child in inline_xml if isinstance(child.tag, str)]
    if len(roots) != 1 or roots[0].tag != XHTML_HTML or inline_xml.text is not None:
        return False
    if roots[0].get("lang") is None or not len(roots[0]) or roots[0][0].tag != XHTML_HEAD:
        return False
    return roots[0].tail is None and not any(
        inner.tail is not None or (len(inner) and inner.text is not None) for inner in roots[0].iter()
    )


def to_bytes(element: etree._Element, *, in_place: bool = False) -> bytes:
    """UTF-8 XML with declaration, indented; Chinese text stays as characters, never escaped.

    Indentation only replaces whitespace that lays out elements: an element with mixed content
    (a paragraph with inline markup), with spacing between its children, or marked
    ``xml:space="preserve"`` is written exactly as it is. ``element`` is not changed, unless
    ``in_place``: then it is indented itself (for one built only to be written, saving a copy).
    A document element as parsed and not changed since is the document's bytes as read.
    """
    if (read := bytes_read(element)) is not None:
        return read
    candidates = _MAYBE_VERBATIM(element)
    if not _laid_out_by_libxml2(element, candidates):
        if not in_place:
            element = copy.deepcopy(element)
            candidates = _MAYBE_VERBATIM(element)
        _indent(element, 0, candidates)
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def indent(element: etree._Element, level: int = 0) -> None:
    """Indent ``element`` in place by two spaces a level, as :func:`to_bytes` writes it (``level``:
    how deep it sits in the document), leaving whitespace that is content as it is."""
    _indent(element, level, _MAYBE_VERBATIM(element))


def _indent(element: etree._Element, level: int, candidates: list[etree._Element]) -> None:
    kept = _verbatim_whitespace(element, candidates)
    etree.indent(element, space="  ", level=level)
    for node, text, tail, inside in kept:
        node.text = text
        if inside:
            node.tail = tail
