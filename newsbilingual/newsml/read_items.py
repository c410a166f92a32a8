"""Read NewsML-G2 elements into model objects: the mirror of :mod:`newsbilingual.newsml.render`.

:class:`Reader` takes from an item element what the model holds and gives the item an
:class:`~newsbilingual.newsml.origin.Origin` (the element itself, kept here; the item holds
its :class:`~newsbilingual.story.model.ReadFrom`), so that nothing of the element is lost: it
is written back as read while the item is unchanged. Values the model cannot hold (a
malformed QCode, a creator with no name) are simply not read; an optional value that is not
of its type is skipped with a warning naming the item and the field. Only an item without
``guid`` is not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TypeVar, overload

from lxml import etree

from ..errors import ModelError, XMLInputError
from ..story.model import (
    GENERIC_KINDS,
    ID_RE,
    LANGUAGE_RE,
    PUB_STATUSES,
    QCODE_RE,
    Byline,
    Catalogs,
    Dateline,
    GenericItem,
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
    ReadFrom,
    Rendition,
    Rights,
    Subject,
    TextItem,
)
from .body import read_blocks
from .extras import NAR, local_name, stray_text, tag_of
from .origin import XML_LANG, Origin
from .vocabulary import iptc_schemes, scheme_uri

T = TypeVar("T")
# The IPTC scheme of item classes ("ninat" in IPTC's catalogs; a provider may use its own alias).
NINATURE = "cv.iptc.org/newscodes/ninature/"
TEXT_CLASSES = ("text",)
PICTURE_CLASSES = ("picture", "graphic")
PARTY_KINDS = {"cpnat:person": "person", "cpnat:organisation": "organisation"}
ITEM_KINDS = frozenset({"packageItem", *GENERIC_KINDS})
SUPPORTED = "newsItem, packageItem, planningItem, conceptItem, knowledgeItem, catalogItem and newsMessage"
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
        self.errors: list[tuple[int | None, str]] = []
        self.guid = ""  # the item being read, named by every warning about its fields
        self.texts: dict[str, tuple[etree._Element, ...]] = {}  # of the item being read: see Origin.texts

    def error(self, element: etree._Element, message: str) -> XMLInputError:
        return XMLInputError(f"{local_name(element)}: {message}", source=self.source, line=element.sourceline)

    def warn(self, element: etree._Element, message: str) -> None:
        self.warnings.append((element.sourceline, message))

    def optional(self, name: str, read: Callable[[], T], default: T) -> T:
        """An optional value: one that cannot be read is skipped with a warning naming the item
        and the field (its XML is kept), and the item is read without it."""
        try:
            return read()
        except XMLInputError as error:
            owner = f"item {self.guid!r}" if self.guid else "message"
            self.warnings.append((error.line, f"{owner}: {name} skipped (kept in the XML): {error.message}"))
            return default

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

    def item(self, element: etree._Element, *, inherited: str | None = None) -> Item:
        """The item of an item element, which it keeps as its origin. ``inherited`` is the
        ``xml:lang`` of the enclosing message when the item states none."""
        origin: Origin[Item] = Origin(element, inherited if element.get(XML_LANG) is None else None)
        self.texts = origin.texts
        item = self._model(element, origin.read_from(self.source))
        origin.read_as(item)
        self._check_stray_text(element)
        return item

    def _check_stray_text(self, element: etree._Element) -> None:
        if text := stray_text(element):
            self.warn(element, f"text directly inside {local_name(element)} is invalid NewsML-G2: {text[:40]!r}")

    def _model(self, element: etree._Element, origin: ReadFrom) -> Item:
        name = local_name(element) if tag_of(element).startswith(NAR) else ""
        if name not in ITEM_KINDS:
            raise self.unsupported(element)
        header = self.header(element)
        if name == "packageItem":
            return self.package_item(element, header, origin)
        item_class = _child(_child(element, "itemMeta"), "itemClass")
        code = self.item_class_code(item_class, header.catalogs) if name == "newsItem" else ""
        if code in TEXT_CLASSES:
            return self.text_item(element, header, origin)
        if code in PICTURE_CLASSES:
            return self.picture_item(element, header, origin)
        return self.generic_item(element, name, header, item_class, origin)

    @staticmethod
    def item_class_code(item_class: etree._Element | None, catalogs: Catalogs | None) -> str:
        """The code of an item class in IPTC's ninature scheme (``text``), by QCode under any
        alias the item declares for the scheme (IPTC's ``ninat`` by default), or by URI."""
        if item_class is None:
            return ""
        qcode, uri = item_class.get("qcode", ""), item_class.get("uri", "")
        if QCODE_RE.match(qcode):
            alias, code = qcode.split(":", 1)
            uri = scheme_uri(alias, catalogs.refs, catalogs.schemes) if catalogs else iptc_schemes().get(alias, "")
            uri += code
        scheme, _, code = uri.partition("://")[2].rpartition("/")
        return code if f"{scheme}/".removeprefix("www.") == NINATURE else ""

    def unsupported(self, element: etree._Element) -> XMLInputError:
        name = local_name(element)
        if not tag_of(element).startswith(NAR):
            namespace = etree.QName(element).namespace or "no namespace"
            return self.error(element, f"root element {name} ({namespace}) is not NewsML-G2; expected {SUPPORTED}")
        return self.error(element, f"{name} elements are not items; newsbilingual reads {SUPPORTED}")

    def message(self, element: etree._Element) -> Message:
        """A newsMessage; an item that cannot be read (it has no guid) stays in its XML, with an
        error naming it; header values that cannot be read are skipped with a warning."""
        self.guid = ""
        header = _child(element, "header")
        if header is None:
            self.warn(element, "message: has no header: sent, sender, transmitId and priority not read")
            sent = None
        else:
            sent = self.optional("sent", lambda: self.datetime(self.required(header, "sent")), None)
        priority = self.optional("priority", lambda: self.whole(_child(header, "priority")), None)
        if priority is not None and not 1 <= priority <= 9:
            priority = None  # kept in the XML
        language = _inherited_language(element)
        items: list[Item] = []
        for child in _item_set(element):
            try:
                items.append(self.item(child, inherited=language))
            except XMLInputError as error:
                guid = child.get("guid", "").strip()
                what = f"item {guid!r}" if guid else f"an item ({local_name(child)})"
                self.errors.append((child.sourceline, f"{what} not read (kept in the XML): {error.message}"))
        origin: Origin[Message] = Origin(element)
        message = self.build(
            element if header is None else header,
            Message,
            items=tuple(items),
            sent=sent,
            sender=_first_text(header, "sender"),
            transmit_id=_first_text(header, "transmitId"),
            priority=priority,
            origin=origin.read_from(self.source),
        )
        origin.read_as(message)
        self._check_stray_text(element)
        return message

    # -- item parts ----------------------------------------------------------------------

    def header(self, root: etree._Element) -> ItemHeader:
        guid = root.get("guid", "")
        if not guid.strip():
            raise self.error(root, "has no guid")
        self.guid = guid
        meta = _child(root, "itemMeta")
        if meta is None:
            self.warn(root, f"item {guid!r}: has no itemMeta: class, provider and times not read")
        version_created = (
            self.optional("versionCreated", lambda: self.datetime(self.required(meta, "versionCreated")), None)
            if meta is not None
            else None
        )
        first_created = self.optional("firstCreated", lambda: self.datetime(_child(meta, "firstCreated")), None)
        if first_created and version_created and first_created > version_created:
            late = _child(meta, "firstCreated")
            assert late is not None  # first_created was read from it
            self.warn(late, f"item {guid!r}: firstCreated skipped: later than versionCreated")
            first_created = None
        status = _attribute(meta, "pubStatus", "qcode")
        content_created = _child(_child(root, "contentMeta"), "contentCreated")
        version = self.optional("version", lambda: self.whole(root, "version", default=1), 1)
        if version is not None and version < 1:
            self.warn(root, f"item {guid!r}: version {version} skipped (kept in the XML): not a whole number from 1 up")
            version = 1
        return self.build(
            root,
            ItemHeader,
            guid=guid,
            language=self.language(root),
            provider=self.provider(meta),
            version_created=version_created,
            first_created=first_created,
            content_created=self.optional(
                "contentCreated", lambda: self.datetime(content_created, truncated=True), None
            ),
            version=version,
            pub_status=status if status in PUB_STATUSES else "stat:usable",
            links=tuple(link for el in _children(meta, "link") if (link := self.link(el))),
            rights=self.rights(_child(root, "rightsInfo")),
            catalogs=self.catalogs(root),
            **self.lifecycle(root, meta),
        )

    def lifecycle(self, root: etree._Element, meta: etree._Element | None) -> dict[str, object]:
        """Embargo, notes to editors, signals and urgency: what a partner's updates and
        corrections say (a signal that is no QCode stays in the XML)."""
        return {
            "embargoed": self.optional("embargoed", lambda: self.datetime(_child(meta, "embargoed")), None),
            "ed_notes": tuple(text for el in _children(meta, "edNote") if (text := _element_text(el)).strip()),
            "signals": tuple(qcode for el in _children(meta, "signal") if (qcode := _qcode(el.get("qcode")))),
            "urgency": self.urgency(_child(_child(root, "contentMeta"), "urgency")),
        }

    def urgency(self, element: etree._Element | None) -> int | None:
        value = self.optional("urgency", lambda: self.whole(element), None)
        return value if value is not None and 1 <= value <= 9 else None

    def language(self, root: etree._Element) -> str:
        """The item's language: the ``xml:lang`` in force (its own, else the enclosing message's),
        else its first contentMeta/language."""
        stated = _inherited_language(root) or _attribute(_child(root, "contentMeta"), "language", "tag")
        tag = language_tag(stated)
        if stated and not tag:
            self.warn(root, f"language {stated!r} is not a tag the model holds (kept in the XML)")
        return tag

    def provider(self, meta: etree._Element | None) -> Provider:
        element = _child(meta, "provider")
        if element is None:
            if meta is not None:
                self.warn(meta, f"item {self.guid!r}: has no provider: read as none")
            return Provider(name="", uri="")
        return self.build(
            element,
            Provider,
            name=_first_text(element, "name"),
            uri=element.get("uri", ""),
            qcode=_qcode(element.get("qcode")),
            literal=element.get("literal", ""),
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
        version = self.optional("link version", lambda: self.whole(element, "version"), None)
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

    @overload
    def whole(self, element: etree._Element | None, attribute: str = "", *, default: int) -> int: ...
    @overload
    def whole(self, element: etree._Element | None, attribute: str = "", *, default: None = None) -> int | None: ...
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
        """The headline: the first in the item's language without a role, else (when every one
        has a role) the first in its language, else the first of all; and every other headline
        with its language and role."""
        found = [
            (text, element.get(XML_LANG, ""), element.get("role", ""), element)
            for element in _children(meta, "headline")
            if (text := _element_text(element)).strip()
        ]
        mine = [entry for entry in found if entry[1] in ("", language)]
        primary = next((entry for entry in mine if not entry[2]), None) or next(iter(mine or found), None)
        others = (
            self.maybe(Label, text=text, language=language_tag(lang), role=_qcode(role))
            for text, lang, role, _ in (entry for entry in found if entry is not primary)
        )
        if primary:
            # The renderer repeats the headline as itemMeta's title: a title that does is edited with it.
            title = _child(_child(meta.getparent(), "itemMeta"), "title") if meta is not None else None
            repeated = (title,) if title is not None and _element_text(title) == primary[0] else ()
            self.texts["headline"] = (primary[3], *repeated)
        return (primary[0] if primary else ""), tuple(label for label in others if label)

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
                Subject,
                qcode=_qcode(element.get("qcode")),
                names=names,
                type=_qcode(element.get("type")),
                literal=element.get("literal", ""),
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

    def description(self, meta: etree._Element | None, role: str, language: str, field: str) -> str:
        """The first description of ``role``, preferring one in the item's language (the model's
        ``field``)."""
        texts = [
            (el.get(XML_LANG, "") in ("", language), el)
            for el in _children(meta, "description")
            if el.get("role") == role and _element_text(el).strip()
        ]
        chosen = next((el for preferred, el in texts if preferred), texts[0][1] if texts else None)
        return self.text_field(field, chosen)

    def text_field(self, field: str, element: etree._Element | None) -> str:
        """The text of ``element`` (empty if it has none but whitespace), the model's ``field``,
        whose edits are written back into that element."""
        text = _element_text(element)
        if not text.strip():
            return ""
        self.texts[field] = (element,)  # type: ignore[assignment]  # it has text: not None
        return text

    def text_item(self, root: etree._Element, header: ItemHeader, origin: ReadFrom) -> TextItem:
        meta = _child(root, "contentMeta")
        headline, others = self.headlines(meta, header.language)
        subjects, parties = self.subjects(meta, parties=True)
        dateline = _first_text(meta, "dateline")
        content = _child(root, "contentSet")
        body = read_blocks(content)
        return self.build(
            root,
            TextItem,
            header=header,
            genre=_qcode(_attribute(meta, "genre", "qcode")),
            headline=headline,
            body=body,
            summary=self.description(meta, "drol:summary", header.language, "summary"),
            slugline=self.text_field("slugline", _child(meta, "slugline")),
            dateline=Dateline(text=dateline) if dateline else None,
            bylines=self.bylines(meta),
            located=self.located(meta),
            subjects=subjects,
            keywords=self.keywords(meta),
            parties=parties,
            other_headlines=others,
            origin=origin,
        )

    def picture_item(self, root: etree._Element, header: ItemHeader, origin: ReadFrom) -> PictureItem:
        meta = _child(root, "contentMeta")
        headline, others = self.headlines(meta, header.language)
        creators = self.bylines(meta)
        subjects, _ = self.subjects(meta, parties=False)
        return self.build(
            root,
            PictureItem,
            header=header,
            caption=self.description(meta, "drol:caption", header.language, "caption"),
            credit=_first_text(meta, "creditline"),
            headline=headline,
            creator=creators[0] if creators and _children(meta, "creator") else None,
            renditions=self.renditions(root),
            subjects=subjects,
            keywords=self.keywords(meta),
            other_headlines=others,
            origin=origin,
        )

    def generic_item(
        self, root: etree._Element, kind: str, header: ItemHeader, item_class: etree._Element | None, origin: ReadFrom
    ) -> GenericItem:
        meta = _child(root, "contentMeta")
        headline, others = self.headlines(meta, header.language)
        subjects, _ = self.subjects(meta, parties=False)
        description = next((text for el in _children(meta, "description") if (text := _element_text(el)).strip()), "")
        qcode = _qcode(item_class.get("qcode")) if item_class is not None else ""
        return self.build(
            root,
            GenericItem,
            kind=kind,
            header=header,
            item_class=qcode,
            item_class_uri=item_class.get("uri", "") if item_class is not None and not qcode else "",
            headline=headline,
            other_headlines=others,
            description=description,
            subjects=subjects,
            keywords=self.keywords(meta),
            renditions=self.renditions(root),
            origin=origin,
        )

    def renditions(self, root: etree._Element) -> tuple[Rendition, ...]:
        """The ``remoteContent`` files of an item's contentSet that have an ``href``."""
        remote = _children(_child(root, "contentSet"), "remoteContent")
        return tuple(rendition for element in remote if (rendition := self.rendition(element)))

    def rendition(self, element: etree._Element) -> Rendition | None:
        def number(name: str) -> int | None:
            return self.optional(f"remoteContent {name}", lambda: self.whole(element, name), None)

        return self.maybe(
            Rendition,
            href=element.get("href", ""),
            rendition=_qcode(element.get("rendition")),
            contenttype=element.get("contenttype", ""),
            width=number("width"),
            height=number("height"),
            size=number("size"),
            duration=element.get("duration", "").strip(XML_WHITESPACE),
        )

    def package_item(self, root: etree._Element, header: ItemHeader, origin: ReadFrom) -> PackageItem:
        headlines: dict[str, str] = {}
        for element in _children(_child(root, "contentMeta"), "headline"):
            lang, text = language_tag(element.get(XML_LANG)), _element_text(element)
            if text.strip():
                headlines.setdefault(lang, text)
        group_set = _child(root, "groupSet")
        groups = tuple(self.group(element) for element in _children(group_set, "group"))
        return self.build(
            root if group_set is None else group_set,
            PackageItem,
            header=header,
            headlines=headlines,
            groups=groups,
            root=group_set.get("root", "") if group_set is not None else "",
            origin=origin,
        )

    def group(self, element: etree._Element) -> Group:
        refs = []
        for ref in _children(element, "itemRef"):
            version = self.optional("itemRef version", partial(self.whole, ref, "version", default=1), 1)
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


def _item_set(message: etree._Element) -> list[etree._Element]:
    item_set = _child(message, "itemSet")
    return [] if item_set is None else [child for child in item_set if isinstance(child.tag, str)]


def node_kind(node: etree._Element) -> str:
    """How a warning names a comment or processing instruction."""
    return "a comment" if isinstance(node, etree._Comment) else "a processing instruction"
