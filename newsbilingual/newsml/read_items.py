"""Read NewsML-G2 elements into model objects: the mirror of :mod:`newsbilingual.newsml.render`.

:class:`Reader` takes from an item element what the model holds, then renders that model and
records how the element differs from the rendering as the item's extras
(:func:`newsbilingual.newsml.extras.compute_extras`), so that nothing of the element is lost.
Values the model cannot hold (a malformed QCode, a creator with no name) are simply not
read: the element stays in the extras. Missing values NewsML-G2 requires (``guid``,
``versionCreated``) are errors that name the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from lxml import etree

from ..errors import ModelError, XMLInputError
from ..story.model import (
    ID_RE,
    LANGUAGE_RE,
    PUB_STATUSES,
    QCODE_RE,
    Byline,
    Catalogs,
    Dateline,
    Extra,
    Group,
    Item,
    ItemHeader,
    ItemRef,
    Label,
    Link,
    Message,
    PackageItem,
    Party,
    PictureItem,
    Place,
    Provider,
    Rendition,
    Rights,
    Subject,
    TextItem,
)
from .body import read_blocks
from .extras import NAR, apply_extras, compute_extras, fragment, local_name, same, serialise, stray_text
from .render import XML_LANG, item_element, message_element

T = TypeVar("T")
TEXT_CLASSES = ("ninat:text",)
PICTURE_CLASSES = ("ninat:picture", "ninat:graphic")
PARTY_KINDS = {"cpnat:person": "person", "cpnat:organisation": "organisation"}
UNMODELLED_ITEMS = {
    "conceptItem": "concept items",
    "knowledgeItem": "knowledge items",
    "planningItem": "planning items",
    "catalogItem": "catalog items",
}
SUPPORTED = "newsItem (text, picture), packageItem and newsMessage"
XML_WHITESPACE = " \t\r\n"
# xs:integer as NewsML-G2's whole numbers write it: ASCII digits only (str.isdigit() would
# take "²" and int() "٣"), an optional "+", surrounding whitespace (collapsed by XSD).
WHOLE_NUMBER_RE = re.compile(r"\+?[0-9]+")
# xs:dateTime: the extended format only, seconds 00-59 (24:00:00 is the end of the day), an
# optional timezone of -14:00 to +14:00. Python's fromisoformat also takes dates, the basic
# format (20250101T000000Z) and more, so the form is checked first.
_ZONE = r"Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00)"
DATETIME_RE = re.compile(
    rf"(?P<date>[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})T(?P<time>[0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}(?:\.[0-9]+)?)(?P<zone>{_ZONE})?"
)
END_OF_DAY_RE = re.compile(r"24:00:00(?:\.0+)?")
# xs:date, xs:gYearMonth, xs:gYear: the truncated forms contentCreated also allows.
TRUNCATED_DATE_RE = re.compile(rf"-?[0-9]{{4,}}(?:-[0-9]{{2}}(?:-[0-9]{{2}})?)?(?:{_ZONE})?")


def whole_number(value: str) -> int | None:
    """The value of a whole number as NewsML-G2 writes it, or None if it is not one."""
    text = value.strip(XML_WHITESPACE)
    return int(text) if WHOLE_NUMBER_RE.fullmatch(text) else None


def _inherited_language(element: etree._Element) -> str | None:
    """The ``xml:lang`` in force at ``element``: its own, else its nearest ancestor's (as
    ``ancestor-or-self::*[@xml:lang][1]/@xml:lang``); None if no element states one."""
    for holder in (element, *element.iterancestors()):
        value = holder.get(XML_LANG)
        if value is not None:
            return value
    return None


def _children(parent: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if parent is None else list(parent.iterchildren(NAR + name))


def _child(parent: etree._Element | None, name: str) -> etree._Element | None:
    return None if parent is None else next(parent.iterchildren(NAR + name), None)


def _element_text(element: etree._Element | None) -> str:
    """An element's text exactly as written, inline markup's text included."""
    if element is None:
        return ""
    return element.text or "" if not len(element) else "".join(element.itertext())


def _attribute(parent: etree._Element | None, name: str, attribute: str) -> str:
    """An attribute of the first child ``name`` of ``parent`` (empty if either is missing)."""
    child = _child(parent, name)
    return "" if child is None else child.get(attribute, "")


def _first_text(parent: etree._Element | None, name: str) -> str:
    text = _element_text(_child(parent, name))
    return text if text.strip() else ""


def _qcode(value: str | None) -> str:
    """The value if it is a QCode, else empty (the attribute then stays in the extras)."""
    return value if value and QCODE_RE.match(value) else ""


def _role(value: str | None) -> str:
    """A role attribute may list several QCodes: the first is the role the model holds."""
    return _qcode(value.split()[0]) if value and value.split() else ""


def language_tag(value: str | None) -> str:
    """A BCP 47 tag in the model's form (``en-gb`` becomes ``en-GB``), or empty if it has none."""
    if not value:
        return ""
    if LANGUAGE_RE.match(value):
        return value
    parts = value.replace("_", "-").split("-")
    cased = [parts[0].lower()] + [p.title() if len(p) == 4 else p.upper() for p in parts[1:]]
    tag = "-".join(cased)
    return tag if LANGUAGE_RE.match(tag) else ""


class Reader:
    """Reads the items of one document; collects warnings as (line, message)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.warnings: list[tuple[int | None, str]] = []

    def error(self, element: etree._Element, message: str) -> XMLInputError:
        return XMLInputError(f"{local_name(element)}: {message}", source=self.source, line=element.sourceline)

    def warn(self, element: etree._Element, message: str) -> None:
        self.warnings.append((element.sourceline, message))

    def build(self, element: etree._Element, factory: Callable[..., T], **values: object) -> T:
        """A model object; a value it refuses is an error at ``element``'s line."""
        try:
            return factory(**values)
        except ModelError as error:
            raise self.error(element, str(error)) from None

    @staticmethod
    def maybe(factory: Callable[..., T], **values: object) -> T | None:
        """A model object, or None when the model cannot hold these values (the XML is kept)."""
        try:
            return factory(**values)
        except ModelError:
            return None

    # -- whole items ---------------------------------------------------------------------

    def item(self, element: etree._Element) -> tuple[Item, etree._Element]:
        """The item of a newsItem or packageItem element, and its rendering (extras applied)."""
        item = self._model(element)
        rendered = item_element(item)
        known = {}
        if isinstance(item, TextItem):
            item, known = self._content(item, element, rendered)
        extras = compute_extras(element, rendered, known)
        if element.get(XML_LANG) is None and _inherited_language(element):
            # The language is the enclosing message's: the item states it when written on its
            # own, and the message's extras take it off again inside the message.
            extras = tuple(e for e in extras if (e.kind, e.path, e.name) != ("attribute", "", XML_LANG))
        self._check_stray_text(element)
        return replace(item, extras=extras), apply_extras(rendered, extras)

    def _check_stray_text(self, element: etree._Element) -> None:
        if text := stray_text(element):
            self.warn(element, f"text directly inside {local_name(element)} is not kept: {text[:40]!r}")

    @staticmethod
    def _content(
        item: TextItem, element: etree._Element, rendered: etree._Element
    ) -> tuple[TextItem, dict[etree._Element, etree._Element]]:
        """Keep the contentSet as ``content_xml`` unless it is what the body renders to anyway.

        ``rendered`` gets the kept contentSet too, and the pair is returned as known-equal.
        """
        original, ours = _child(element, "contentSet"), _child(rendered, "contentSet")
        if original is None or (ours is not None and same(original, ours)):
            return item, ({original: ours} if original is not None else {})
        content_xml = serialise(original)
        kept = fragment(content_xml)
        if ours is None:
            rendered.append(kept)
        else:
            rendered.replace(ours, kept)
        return replace(item, content_xml=content_xml), {original: kept}

    def _model(self, element: etree._Element) -> Item:
        name = local_name(element) if element.tag.startswith(NAR) else ""
        if name == "packageItem":
            return self.package_item(element)
        if name != "newsItem":
            raise self.unsupported(element)
        item_class = _attribute(_child(element, "itemMeta"), "itemClass", "qcode")
        if item_class in TEXT_CLASSES:
            return self.text_item(element)
        if item_class in PICTURE_CLASSES:
            return self.picture_item(element)
        kind = f"of class {item_class}" if item_class else "without itemMeta/itemClass"
        raise self.error(element, f"a newsItem {kind} is not modelled; newsbilingual reads text and picture items")

    def unsupported(self, element: etree._Element) -> XMLInputError:
        name = local_name(element)
        if not element.tag.startswith(NAR):
            namespace = etree.QName(element).namespace or "no namespace"
            return self.error(element, f"root element {name} ({namespace}) is not NewsML-G2; expected {SUPPORTED}")
        kind = UNMODELLED_ITEMS.get(name, f"{name} elements")
        return self.error(element, f"{kind} are not modelled by newsbilingual; it reads {SUPPORTED}")

    def message(self, element: etree._Element) -> tuple[Message, etree._Element]:
        """A newsMessage; items the library cannot read are kept as XML, with a warning."""
        header = self.required(element, "header")
        sent = self.datetime(self.required(header, "sent"))
        priority = self.whole(_child(header, "priority"))
        if priority is not None and not 1 <= priority <= 9:
            priority = None  # kept as XML, by the extras
        items: list[Item] = []
        known: dict[etree._Element, etree._Element] = {}
        for child in _item_set(element):
            try:
                item, known[child] = self.item(child)
            except XMLInputError as error:
                self.warn(child, f"{error.message}; kept as XML, not read")
                continue
            items.append(item)
        message = self.build(
            header,
            Message,
            items=tuple(items),
            sent=sent,
            sender=_first_text(header, "sender"),
            transmit_id=_first_text(header, "transmitId"),
            priority=priority,
        )
        rendered = message_element(message, elements=list(known.values()))
        extras = compute_extras(element, rendered, known) + _inherited_languages(known)
        self._check_stray_text(element)
        return replace(message, extras=extras), apply_extras(rendered, extras)

    # -- item parts ----------------------------------------------------------------------

    def header(self, root: etree._Element) -> ItemHeader:
        guid = root.get("guid", "")
        if not guid.strip():
            raise self.error(root, "has no guid")
        meta = self.required(root, "itemMeta")
        version_created = self.datetime(self.required(meta, "versionCreated"))
        first_created = self.datetime(_child(meta, "firstCreated"))
        if first_created and first_created > version_created:
            self.warn(_child(meta, "firstCreated"), "firstCreated is later than versionCreated: not read")
            first_created = None
        status = _attribute(meta, "pubStatus", "qcode")
        return self.build(
            root,
            ItemHeader,
            guid=guid,
            language=self.language(root),
            provider=self.provider(meta),
            version_created=version_created,
            first_created=first_created,
            content_created=self.datetime(_child(_child(root, "contentMeta"), "contentCreated"), truncated=True),
            version=self.whole(root, "version", default=1),
            pub_status=status if status in PUB_STATUSES else "stat:usable",
            links=tuple(link for el in _children(meta, "link") if (link := self.link(el))),
            rights=self.rights(_child(root, "rightsInfo")),
            catalogs=self.catalogs(root),
        )

    def language(self, root: etree._Element) -> str:
        """The item's language: the ``xml:lang`` in force (its own, else the enclosing message's),
        else its first contentMeta/language."""
        stated = _inherited_language(root) or _attribute(_child(root, "contentMeta"), "language", "tag")
        tag = language_tag(stated)
        if stated and not tag:
            self.warn(root, f"language {stated!r} is not a tag the model holds (kept in the XML)")
        return tag

    def provider(self, meta: etree._Element) -> Provider:
        element = self.required(meta, "provider")
        return self.build(
            element,
            Provider,
            name=_first_text(element, "name"),
            uri=element.get("uri", ""),
            qcode=_qcode(element.get("qcode")),
        )

    def catalogs(self, root: etree._Element) -> Catalogs:
        refs = tuple(href for el in _children(root, "catalogRef") if (href := el.get("href", "").strip()))
        schemes: dict[str, str] = {}
        for catalog in _children(root, "catalog"):
            for scheme in _children(catalog, "scheme"):
                alias, uri = scheme.get("alias", "").strip(), scheme.get("uri", "").strip()
                if alias and uri:
                    schemes.setdefault(alias, uri)
        return self.build(root, Catalogs, refs=refs, schemes=schemes)

    def rights(self, element: etree._Element | None) -> Rights | None:
        if element is None:
            return None
        holder = _child(element, "copyrightHolder")
        return self.maybe(
            Rights,
            holder=_first_text(holder, "name"),
            holder_uri=holder.get("uri", "") if holder is not None else "",
            notice=_first_text(element, "copyrightNotice"),
            usage_terms=_first_text(element, "usageTerms"),
        )

    def link(self, element: etree._Element) -> Link | None:
        version = self.whole(element, "version")
        return self.maybe(
            Link,
            rel=_qcode(element.get("rel")),
            residref=element.get("residref", ""),
            href=element.get("href", ""),
            version=version,
            contenttype=element.get("contenttype", ""),
        )

    def required(self, parent: etree._Element, name: str) -> etree._Element:
        """The child ``name`` NewsML-G2 requires of ``parent``; an error naming the line if missing."""
        child = _child(parent, name)
        if child is None:
            raise self.error(parent, f"has no {name}")
        return child

    def datetime(self, element: etree._Element | None, *, truncated: bool = False) -> datetime | None:
        """An xs:dateTime; without an offset it is read as UTC (with a warning), as it must be aware.

        With ``truncated`` (contentCreated), a date, year-month or year is valid too: the model
        holds none of them, so the element stays as XML and None is returned.
        """
        if element is None:
            return None
        text = _element_text(element).strip(XML_WHITESPACE)
        match = DATETIME_RE.fullmatch(text)
        if match is None:
            if truncated and TRUNCATED_DATE_RE.fullmatch(text):
                return None
            kind = "a date or date-time" if truncated else "an xs:dateTime"
            raise self.error(element, f"{text!r} is not {kind} (such as 2025-06-01T08:00:00Z)")
        end_of_day = END_OF_DAY_RE.fullmatch(match["time"])
        iso = f"{match['date']}T{'00:00:00' if end_of_day else match['time']}{match['zone'] or ''}"
        try:
            value = datetime.fromisoformat(iso)
        except ValueError as error:
            raise self.error(element, f"{text!r} is not a valid date-time: {error}") from None
        if end_of_day:
            value += timedelta(days=1)
        if value.tzinfo is None:
            self.warn(element, f"{text} has no timezone offset: read as UTC")
            value = value.replace(tzinfo=UTC)
        return value

    def whole(self, element: etree._Element | None, attribute: str = "", *, default: int | None = None) -> int | None:
        """A whole number: ``element``'s attribute ``attribute``, or its text when no attribute is
        named; ``default`` when there is none, an error naming the line when it is not one."""
        if element is None:
            return default
        value = element.get(attribute) if attribute else _element_text(element)
        if value is None:
            return default
        number = whole_number(value)
        if number is None:
            what = f"{attribute}={value!r}" if attribute else repr(value)
            raise self.error(element, f"{what} is not a whole number")
        return number

    def headlines(self, meta: etree._Element | None, language: str) -> tuple[str, tuple[Label, ...]]:
        """The headline in the item's language, and every other headline with its language and role."""
        primary = ""
        others = []
        for element in _children(meta, "headline"):
            text = _element_text(element)
            lang = element.get(XML_LANG, "")
            role = element.get("role", "")
            if not text.strip():
                continue
            if not primary and not role and lang in ("", language):
                primary = text
            elif label := self.maybe(Label, text=text, language=language_tag(lang), role=_qcode(role)):
                others.append(label)
        return primary, tuple(others)

    def bylines(self, meta: etree._Element | None) -> tuple[Byline, ...]:
        """Creators, each with its printed ``by`` line when there is one per creator; or the
        ``by`` lines alone when the item names no creator."""
        bys = [_element_text(el) for el in _children(meta, "by")]
        creators = [el for el in _children(meta, "creator") if _first_text(el, "name")]
        if not creators:
            # A by line the model cannot hold as a name (a tab, a line break) stays XML.
            only_bys = (self.maybe(Byline, id="", name=by, role="") for by in bys if by.strip())
            return tuple(byline for byline in only_bys if byline)
        paired = len(bys) == len(creators)
        bylines, ids = [], set()
        for index, element in enumerate(creators):
            name = _first_text(element, "name")
            literal = element.get("literal", "")
            ident = literal if ID_RE.match(literal) and literal not in ids else ""
            ids.add(ident)
            text = bys[index] if paired and bys[index] != name and bys[index].strip() else ""
            if byline := self.maybe(Byline, id=ident, name=name, text=text, role=_role(element.get("role"))):
                bylines.append(byline)
        return tuple(bylines)

    def subjects(self, meta: etree._Element | None, *, parties: bool) -> tuple[tuple[Subject, ...], tuple[Party, ...]]:
        """Subjects, and (for text items) people and organisations named by a ``literal`` id."""
        subjects: list[Subject] = []
        found: list[Party] = []
        party_ids: set[str] = set()
        for element in _children(meta, "subject"):
            names: dict[str, str] = {}
            for name in _children(element, "name"):
                lang, text = name.get(XML_LANG, ""), _element_text(name)
                if text.strip() and (not lang or LANGUAGE_RE.match(lang)):
                    names.setdefault(lang, text)
            kind = PARTY_KINDS.get(element.get("type", ""))
            literal = element.get("literal", "")
            if parties and kind and ID_RE.match(literal) and "" in names:
                if literal in party_ids:
                    # Another party with this id: kept as XML, after the first. Read as a subject,
                    # it would be written before it, and the two would swap on every round trip.
                    continue
                party_ids.add(literal)
                title = _first_text(element, "definition")
                if party := self.maybe(Party, id=literal, kind=kind, name=names[""], title=title):
                    found.append(party)
            elif subject := self.maybe(
                Subject, qcode=_qcode(element.get("qcode")), names=names, type=_qcode(element.get("type"))
            ):
                subjects.append(subject)
        return tuple(subjects), tuple(found)

    def keywords(self, meta: etree._Element | None) -> tuple[str, ...]:
        return tuple(text for el in _children(meta, "keyword") if (text := _element_text(el)).strip())

    def located(self, meta: etree._Element | None) -> Place | None:
        element = _child(meta, "located")
        if element is None:
            return None
        return self.maybe(
            Place,
            name=_first_text(element, "name"),
            qcode=_qcode(element.get("qcode")),
            broader=_first_text(_child(element, "broader"), "name"),
            type=_qcode(element.get("type")),
        )

    def description(self, meta: etree._Element | None, role: str, language: str) -> str:
        """The first description of ``role``, preferring one in the item's language."""
        texts = [
            (el.get(XML_LANG, "") in ("", language), _element_text(el))
            for el in _children(meta, "description")
            if el.get("role") == role and _element_text(el).strip()
        ]
        return next((text for preferred, text in texts if preferred), texts[0][1] if texts else "")

    def text_item(self, root: etree._Element) -> TextItem:
        header = self.header(root)
        meta = _child(root, "contentMeta")
        headline, others = self.headlines(meta, header.language)
        subjects, parties = self.subjects(meta, parties=True)
        dateline = _first_text(meta, "dateline")
        return self.build(
            root,
            TextItem,
            header=header,
            genre=_qcode(_attribute(meta, "genre", "qcode")),
            headline=headline,
            body=read_blocks(_child(root, "contentSet")),
            summary=self.description(meta, "drol:summary", header.language),
            slugline=_first_text(meta, "slugline"),
            dateline=Dateline(text=dateline) if dateline else None,
            bylines=self.bylines(meta),
            located=self.located(meta),
            subjects=subjects,
            keywords=self.keywords(meta),
            parties=parties,
            other_headlines=others,
        )

    def picture_item(self, root: etree._Element) -> PictureItem:
        header = self.header(root)
        meta = _child(root, "contentMeta")
        headline, others = self.headlines(meta, header.language)
        creators = self.bylines(meta)
        subjects, _ = self.subjects(meta, parties=False)
        return self.build(
            root,
            PictureItem,
            header=header,
            caption=self.description(meta, "drol:caption", header.language),
            credit=_first_text(meta, "creditline"),
            headline=headline,
            creator=creators[0] if creators and _children(meta, "creator") else None,
            renditions=tuple(
                r for el in _children(_child(root, "contentSet"), "remoteContent") if (r := self.rendition(el))
            ),
            subjects=subjects,
            keywords=self.keywords(meta),
            other_headlines=others,
        )

    def rendition(self, element: etree._Element) -> Rendition | None:
        return self.maybe(
            Rendition,
            href=element.get("href", ""),
            rendition=_qcode(element.get("rendition")),
            contenttype=element.get("contenttype", ""),
            width=self.whole(element, "width"),
            height=self.whole(element, "height"),
        )

    def package_item(self, root: etree._Element) -> PackageItem:
        header = self.header(root)
        headlines: dict[str, str] = {}
        for element in _children(_child(root, "contentMeta"), "headline"):
            lang, text = language_tag(element.get(XML_LANG)), _element_text(element)
            if text.strip():
                headlines.setdefault(lang, text)
        group_set = self.required(root, "groupSet")
        groups = tuple(self.group(element) for element in _children(group_set, "group"))
        return self.build(
            group_set, PackageItem, header=header, headlines=headlines, groups=groups, root=group_set.get("root", "")
        )

    def group(self, element: etree._Element) -> Group:
        refs = []
        for ref in _children(element, "itemRef"):
            version = self.whole(ref, "version", default=1)
            item_ref = self.maybe(
                ItemRef,
                residref=ref.get("residref", ""),
                item_class=_qcode(_attribute(ref, "itemClass", "qcode")),
                title=_first_text(ref, "title"),
                language=language_tag(ref.get(XML_LANG)),
                version=version or 1,
            )
            if item_ref:
                refs.append(item_ref)
        return self.build(
            element,
            Group,
            id=element.get("id", ""),
            role=_qcode(element.get("role")),
            refs=tuple(refs),
            group_refs=tuple(idref for el in _children(element, "groupRef") if (idref := el.get("idref", ""))),
            mode=_qcode(element.get("mode")),
        )


def _inherited_languages(known: dict[etree._Element, etree._Element]) -> tuple[Extra, ...]:
    """Extras taking ``xml:lang`` off the items of a message that inherit it from the message
    (each item states it when written on its own; see :meth:`Reader.item`)."""
    extras = []
    counts: dict[str, int] = {}
    for original, rendered in known.items():
        counts[rendered.tag] = counts.get(rendered.tag, 0) + 1
        if original.get(XML_LANG) is None and rendered.get(XML_LANG) is not None:
            path = f"itemSet[1]/{local_name(rendered)}[{counts[rendered.tag]}]"
            extras.append(Extra("attribute", path, name=XML_LANG, value=None))
    return tuple(extras)


def _item_set(message: etree._Element) -> list[etree._Element]:
    item_set = _child(message, "itemSet")
    return [] if item_set is None else [child for child in item_set if isinstance(child.tag, str)]


def node_kind(node: etree._Element) -> str:
    """How a warning names a comment or processing instruction."""
    return "a comment" if node.tag is etree.Comment else "a processing instruction"
