"""Read NewsML-G2 elements into model objects: the mirror of :mod:`newsbilingual.newsml`.

:class:`Reader` takes from an item element what the model holds, then renders that model and
records how the element differs from the rendering as the item's extras
(:func:`newsbilingual.extras.compute_extras`), so that nothing of the element is lost.
Values the model cannot hold (a malformed QCode, a creator with no name) are simply not
read: the element stays in the extras. Missing values NewsML-G2 requires (``guid``,
``versionCreated``) are errors that name the line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TypeVar

from lxml import etree

from .body import read_blocks
from .errors import ModelError, XMLInputError
from .extras import apply_extras, compute_extras, fragment, same, stray_text
from .model import (
    ID_RE,
    LANGUAGE_RE,
    PUB_STATUSES,
    QCODE_RE,
    Byline,
    Catalogs,
    Dateline,
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
from .newsml import NAR_NS, XML_LANG, item_element, message_element

T = TypeVar("T")
NAR = f"{{{NAR_NS}}}"
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


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


def _children(parent: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if parent is None else list(parent.iterchildren(NAR + name))


def _child(parent: etree._Element | None, name: str) -> etree._Element | None:
    return None if parent is None else next(parent.iterchildren(NAR + name), None)


def _text(element: etree._Element | None) -> str:
    """An element's text exactly as written, inline markup's text included."""
    if element is None:
        return ""
    return element.text or "" if not len(element) else "".join(element.itertext())


def _attribute(parent: etree._Element | None, name: str, attribute: str) -> str:
    """An attribute of the first child ``name`` of ``parent`` (empty if either is missing)."""
    child = _child(parent, name)
    return "" if child is None else child.get(attribute, "")


def _first_text(parent: etree._Element | None, name: str) -> str:
    text = _text(_child(parent, name))
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
        content_xml = etree.tostring(original, encoding="unicode", with_tail=False)
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
        priority_text = _first_text(header, "priority").strip()
        priority = int(priority_text) if priority_text.isdigit() and 1 <= int(priority_text) <= 9 else None
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
        extras = compute_extras(element, rendered, known)
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
            content_created=self.datetime(_child(_child(root, "contentMeta"), "contentCreated")),
            version=self.integer(root, "version", default=1),
            pub_status=status if status in PUB_STATUSES else "stat:usable",
            links=tuple(link for el in _children(meta, "link") if (link := self.link(el))),
            rights=self.rights(_child(root, "rightsInfo")),
            catalogs=self.catalogs(root),
        )

    def language(self, root: etree._Element) -> str:
        """The item's language: its ``xml:lang``, else its first contentMeta/language."""
        stated = root.get(XML_LANG) or _attribute(_child(root, "contentMeta"), "language", "tag")
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
        return Catalogs(refs=refs, schemes=schemes)

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
        version = element.get("version", "")
        return self.maybe(
            Link,
            rel=_qcode(element.get("rel")),
            residref=element.get("residref", ""),
            href=element.get("href", ""),
            version=int(version) if version.isdigit() else None,
            contenttype=element.get("contenttype", ""),
        )

    def required(self, parent: etree._Element, name: str) -> etree._Element:
        """The child ``name`` NewsML-G2 requires of ``parent``; an error naming the line if missing."""
        child = _child(parent, name)
        if child is None:
            raise self.error(parent, f"has no {name}")
        return child

    def datetime(self, element: etree._Element | None) -> datetime | None:
        """An xs:dateTime; without an offset it is read as UTC (with a warning), as it must be aware."""
        if element is None:
            return None
        text = _text(element).strip()
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise self.error(element, f"{text!r} is not an ISO 8601 date-time") from None
        if value.tzinfo is None:
            self.warn(element, f"{text} has no timezone offset: read as UTC")
            value = value.replace(tzinfo=UTC)
        return value

    def integer(self, element: etree._Element, name: str, *, default: int) -> int:
        value = element.get(name)
        if value is None:
            return default
        if not value.strip().isdigit():
            raise self.error(element, f"{name}={value!r} is not a whole number")
        return int(value)

    def headlines(self, meta: etree._Element | None, language: str) -> tuple[str, tuple[Label, ...]]:
        """The headline in the item's language, and every other headline with its language and role."""
        primary = ""
        others = []
        for element in _children(meta, "headline"):
            text = _text(element)
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
        bys = [_text(el) for el in _children(meta, "by")]
        creators = [el for el in _children(meta, "creator") if _first_text(el, "name")]
        if not creators:
            return tuple(Byline(id="", name=by, role="") for by in bys if by.strip())
        paired = len(bys) == len(creators)
        bylines, ids = [], set()
        for index, element in enumerate(creators):
            name = _first_text(element, "name")
            literal = element.get("literal", "")
            ident = literal if ID_RE.match(literal) and literal not in ids else ""
            ids.add(ident)
            text = bys[index] if paired and bys[index] != name and bys[index].strip() else ""
            bylines.append(Byline(id=ident, name=name, text=text, role=_role(element.get("role"))))
        return tuple(bylines)

    def subjects(self, meta: etree._Element | None, *, parties: bool) -> tuple[tuple[Subject, ...], tuple[Party, ...]]:
        """Subjects, and (for text items) people and organisations named by a ``literal`` id."""
        subjects: list[Subject] = []
        found: list[Party] = []
        for element in _children(meta, "subject"):
            names: dict[str, str] = {}
            for name in _children(element, "name"):
                lang, text = name.get(XML_LANG, ""), _text(name)
                if text.strip() and (not lang or LANGUAGE_RE.match(lang)):
                    names.setdefault(lang, text)
            kind = PARTY_KINDS.get(element.get("type", ""))
            literal = element.get("literal", "")
            if parties and kind and ID_RE.match(literal) and "" in names and literal not in {p.id for p in found}:
                title = _first_text(element, "definition")
                found.append(Party(id=literal, kind=kind, name=names[""], title=title))
            elif subject := self.maybe(
                Subject, qcode=_qcode(element.get("qcode")), names=names, type=_qcode(element.get("type"))
            ):
                subjects.append(subject)
        return tuple(subjects), tuple(found)

    def keywords(self, meta: etree._Element | None) -> tuple[str, ...]:
        return tuple(text for el in _children(meta, "keyword") if (text := _text(el)).strip())

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
            (el.get(XML_LANG, "") in ("", language), _text(el))
            for el in _children(meta, "description")
            if el.get("role") == role and _text(el).strip()
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
        def pixels(name: str) -> int | None:
            value = element.get(name, "")
            return int(value) if value.isdigit() else None

        return self.maybe(
            Rendition,
            href=element.get("href", ""),
            rendition=_qcode(element.get("rendition")),
            contenttype=element.get("contenttype", ""),
            width=pixels("width"),
            height=pixels("height"),
        )

    def package_item(self, root: etree._Element) -> PackageItem:
        header = self.header(root)
        headlines: dict[str, str] = {}
        for element in _children(_child(root, "contentMeta"), "headline"):
            lang, text = language_tag(element.get(XML_LANG)), _text(element)
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
            version = ref.get("version", "")
            item_ref = self.maybe(
                ItemRef,
                residref=ref.get("residref", ""),
                item_class=_qcode(_attribute(ref, "itemClass", "qcode")),
                title=_first_text(ref, "title"),
                language=language_tag(ref.get(XML_LANG)),
                version=int(version) if version.isdigit() and int(version) > 0 else 1,
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
    return "a comment" if node.tag is etree.Comment else "a processing instruction"
