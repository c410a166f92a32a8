"""The story model: typed, immutable objects for what a news desk publishes.

A :class:`Story` is what a desk publishes together: the news :class:`TextItem` (the article),
an optional commentary (another :class:`TextItem`, genre Opinion) and an optional
:class:`PictureItem`. Each item holds one language edition; :mod:`newsbilingual.editions`
derives the other language editions from gettext catalogs. The same objects come back from
:func:`newsbilingual.parse`, so rendering never needs anything outside an item.

Every object checks its values on construction and raises :class:`ModelError` naming the
field, so a broken story fails where it is built, not deep inside the XML renderer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from .errors import ModelError

QCODE_RE = re.compile(r"^[^\s:]+:[^\s]+$")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# BCP 47 as NewsML-G2 uses it: language, optional script, optional region (zh-Hans, en-GB).
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
PUB_STATUSES = ("stat:usable", "stat:withheld", "stat:canceled")


def _require(value: object, field_name: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ModelError("required value is missing or empty", field=field_name)


def _check_qcode(value: str, field_name: str) -> None:
    if not QCODE_RE.match(value):
        raise ModelError(f"{value!r} is not a QCode (alias:code, e.g. genre:Opinion)", field=field_name)


def _check_id(value: str, field_name: str) -> None:
    if not ID_RE.match(value):
        raise ModelError(f"{value!r} is not a valid id (ASCII letters, digits, '.', '_', '-')", field=field_name)


def _check_language(value: str, field_name: str) -> None:
    if not LANGUAGE_RE.match(value):
        raise ModelError(f"{value!r} is not a BCP 47 language tag such as en or zh-Hans", field=field_name)


def _check_aware(value: datetime | None, field_name: str) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ModelError("datetime needs a timezone offset (e.g. +08:00)", field=field_name)


def _check_unique_ids(objects: Iterable[object], field_name: str) -> None:
    seen: set[str] = set()
    for index, obj in enumerate(objects):
        ident = obj.id  # type: ignore[attr-defined]
        if ident in seen:
            raise ModelError(f"duplicate id {ident!r}", field=f"{field_name}[{index}].id")
        seen.add(ident)


@dataclass(frozen=True)
class Block:
    """One paragraph of a body. ``id`` is assigned once and never renumbered."""

    id: str
    text: str

    def __post_init__(self) -> None:
        _check_id(self.id, "id")
        _require(self.text, "text")


@dataclass(frozen=True)
class Party:
    """A person or an organisation named in an item, with the title the item gives it.

    ``id`` is a stable slug (``he-maohua``) used in catalog contexts; ``kind`` is
    ``person`` or ``organisation`` (NewsML-G2 ``cpnat:person`` / ``cpnat:organisation``).
    """

    id: str
    kind: str
    name: str
    title: str = ""

    def __post_init__(self) -> None:
        _check_id(self.id, "id")
        if self.kind not in ("person", "organisation"):
            raise ModelError(f"{self.kind!r} is not 'person' or 'organisation'", field="kind")
        _require(self.name, "name")


@dataclass(frozen=True)
class Byline:
    """Who wrote or shot an item.

    ``text`` is the byline as printed ("Deng Xuelin, all media reporter from Mianyang Daily");
    ``role`` is a ``cpprole:`` QCode (author for writers and photographers alike, as IPTC does).
    """

    id: str
    name: str
    text: str = ""
    title: str = ""
    outlet: str = ""
    role: str = "cpprole:author"

    def __post_init__(self) -> None:
        _check_id(self.id, "id")
        _require(self.name, "name")
        _check_qcode(self.role, "role")


@dataclass(frozen=True)
class Dateline:
    """Where and when the story was filed.

    ``label`` is the opener as printed ("Mianyang News"). ``text`` is the dateline as a reader
    sees it; when empty it is formatted per language from place, date and label (CLDR dates).
    Items read from other providers' XML may carry only ``text``.
    """

    place: str = ""
    date: date | None = None
    label: str = ""
    text: str = ""

    def __post_init__(self) -> None:
        if self.date is not None and (not isinstance(self.date, date) or isinstance(self.date, datetime)):
            raise ModelError("must be a calendar date (YYYY-MM-DD)", field="date")
        if not self.text and not (self.place.strip() and self.date):
            raise ModelError("a dateline needs a place and a date (or its printed text)", field="place")


@dataclass(frozen=True)
class Place:
    """A place the content comes from; ``qcode`` is optional (a geoArea code where known)."""

    name: str
    qcode: str = ""
    broader: str = ""

    def __post_init__(self) -> None:
        _require(self.name, "name")
        if self.qcode:
            _check_qcode(self.qcode, "qcode")


@dataclass(frozen=True)
class Subject:
    """A controlled-vocabulary subject, e.g. an IPTC Media Topic (``medtop:20000344``).

    ``names`` maps a BCP 47 language tag to the concept's label in that language.
    """

    qcode: str
    names: dict[str, str] = field(default_factory=dict)
    type: str = "cpnat:abstract"

    def __post_init__(self) -> None:
        _check_qcode(self.qcode, "qcode")
        _check_qcode(self.type, "type")
        for lang in self.names:
            _check_language(lang, f"names.{lang}")


@dataclass(frozen=True)
class Rights:
    """Copyright holder, notice and usage terms of an item."""

    holder: str
    holder_uri: str = ""
    notice: str = ""
    usage_terms: str = ""

    def __post_init__(self) -> None:
        _require(self.holder, "holder")


@dataclass(frozen=True)
class Link:
    """A typed link from an item to another item (``residref`` is the target's guid)."""

    rel: str
    residref: str
    version: int | None = None
    contenttype: str = "application/vnd.iptc.g2.newsitem+xml"

    def __post_init__(self) -> None:
        _check_qcode(self.rel, "rel")
        _require(self.residref, "residref")


@dataclass(frozen=True)
class Provider:
    """The organisation that distributes the items (NewsML-G2 ``provider``)."""

    name: str
    uri: str

    def __post_init__(self) -> None:
        _require(self.name, "name")
        _require(self.uri, "uri")


@dataclass(frozen=True)
class ItemHeader:
    """What every wire item carries whatever its content: identity, version, times, status."""

    guid: str
    language: str
    provider: Provider
    version_created: datetime
    first_created: datetime | None = None
    content_created: datetime | None = None
    version: int = 1
    pub_status: str = "stat:usable"
    links: tuple[Link, ...] = ()
    rights: Rights | None = None

    def __post_init__(self) -> None:
        _require(self.guid, "guid")
        _check_language(self.language, "language")
        if not isinstance(self.version, int) or self.version < 1:
            raise ModelError("must be a whole number from 1 up", field="version")
        if self.pub_status not in PUB_STATUSES:
            raise ModelError(f"must be one of {', '.join(PUB_STATUSES)}", field="pub_status")
        for name in ("version_created", "first_created", "content_created"):
            _check_aware(getattr(self, name), name)
        if self.first_created and self.first_created > self.version_created:
            raise ModelError("first_created is later than version_created", field="first_created")


@dataclass(frozen=True)
class TextItem:
    """A text item in one language: the news article or the commentary on it."""

    header: ItemHeader
    genre: str
    headline: str
    body: tuple[Block, ...]
    summary: str = ""
    slugline: str = ""
    dateline: Dateline | None = None
    bylines: tuple[Byline, ...] = ()
    located: Place | None = None
    subjects: tuple[Subject, ...] = ()
    keywords: tuple[str, ...] = ()
    parties: tuple[Party, ...] = ()

    def __post_init__(self) -> None:
        _check_qcode(self.genre, "genre")
        _require(self.headline, "headline")
        if not self.body:
            raise ModelError("a text item needs at least one body block", field="body")
        _check_unique_ids(self.body, "body")
        _check_unique_ids(self.bylines, "bylines")
        _check_unique_ids(self.parties, "parties")
        for index, keyword in enumerate(self.keywords):
            _require(keyword, f"keywords[{index}]")

    @property
    def guid(self) -> str:
        return self.header.guid

    @property
    def language(self) -> str:
        return self.header.language

    def people(self) -> tuple[Party, ...]:
        return tuple(p for p in self.parties if p.kind == "person")

    def organisations(self) -> tuple[Party, ...]:
        return tuple(p for p in self.parties if p.kind == "organisation")


@dataclass(frozen=True)
class Rendition:
    """One file of a picture (``rnd:highRes``, ``rnd:web``, ``rnd:thumb``)."""

    href: str
    rendition: str = "rnd:web"
    contenttype: str = "image/jpeg"
    width: int | None = None
    height: int | None = None

    def __post_init__(self) -> None:
        _require(self.href, "href")
        _check_qcode(self.rendition, "rendition")


@dataclass(frozen=True)
class PictureItem:
    """A photo in one language edition: caption, credit line, photographer, renditions."""

    header: ItemHeader
    caption: str
    credit: str = ""
    headline: str = ""
    creator: Byline | None = None
    renditions: tuple[Rendition, ...] = ()

    def __post_init__(self) -> None:
        _require(self.caption, "caption")

    @property
    def guid(self) -> str:
        return self.header.guid

    @property
    def language(self) -> str:
        return self.header.language


@dataclass(frozen=True)
class ItemRef:
    """A package's reference to an item, with the metadata a receiver shows before fetching."""

    residref: str
    item_class: str
    title: str
    language: str = ""
    version: int = 1

    def __post_init__(self) -> None:
        _require(self.residref, "residref")
        _check_qcode(self.item_class, "item_class")


@dataclass(frozen=True)
class Group:
    """A group of a package: ``mode`` ``pgrmod:alt`` marks alternatives (language editions)."""

    id: str
    role: str
    refs: tuple[ItemRef, ...] = ()
    group_refs: tuple[str, ...] = ()
    mode: str = ""

    def __post_init__(self) -> None:
        _check_id(self.id, "id")
        _check_qcode(self.role, "role")


@dataclass(frozen=True)
class PackageItem:
    """A packageItem: groups of item references, rooted at ``root``."""

    header: ItemHeader
    headlines: dict[str, str]
    groups: tuple[Group, ...]
    root: str = "G0"

    def __post_init__(self) -> None:
        _check_unique_ids(self.groups, "groups")
        if self.root not in {g.id for g in self.groups}:
            raise ModelError(f"no group has the root id {self.root!r}", field="root")

    @property
    def guid(self) -> str:
        return self.header.guid


Item = TextItem | PictureItem | PackageItem


@dataclass(frozen=True)
class Story:
    """What a desk publishes together, in the story's source language.

    ``id`` names the story and is its gettext domain (the translator's unit of work).
    ``timezone`` is the IANA zone the dates of the story are shown in.
    """

    id: str
    article: TextItem
    commentary: TextItem | None = None
    photo: PictureItem | None = None
    timezone: str = "UTC"

    def __post_init__(self) -> None:
        _check_id(self.id, "id")
        for role, item in self.roles():
            if item.language != self.language:
                raise ModelError(
                    f"is {item.language!r}, but the article is {self.language!r}: "
                    "a story file holds one source language",
                    field=f"{role}.language",
                )
        guids = [item.guid for _, item in self.roles()]
        if len(set(guids)) != len(guids):
            raise ModelError("article, commentary and photo need distinct guids", field="guid")

    @property
    def language(self) -> str:
        """The source language of the story (the article's)."""
        return self.article.language

    def roles(self) -> Iterator[tuple[str, TextItem | PictureItem]]:
        """The items present, each with its role name: article, commentary, photo."""
        yield "article", self.article
        if self.commentary is not None:
            yield "commentary", self.commentary
        if self.photo is not None:
            yield "photo", self.photo
