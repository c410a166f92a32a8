"""The story model: typed, immutable objects for what a news desk publishes.

A :class:`Story` is what a desk publishes together: the news :class:`TextItem` (the article),
an optional commentary (another :class:`TextItem`, genre Opinion) and an optional
:class:`PictureItem`. Each item holds one language edition; :mod:`newsbilingual.desk.editions`
derives the other language editions from gettext catalogs. The same objects come back from
:func:`newsbilingual.parse`, so rendering never needs anything outside an item.

Every object checks its values on construction and raises :class:`ModelError` naming the
field, so a broken story fails where it is built, not deep inside the XML renderer. The checks
are those of the NewsML-G2 2.35 schema for the place each value is written to, so that what the
model holds always renders to a valid document:

- every string, wherever it is, holds only characters XML 1.0 allows (no control characters
  but tab, LF and CR; no lone surrogates, U+FFFE or U+FFFF);
- every datetime's UTC offset is whole minutes within ±14:00 (``xs:dateTime``). An offset with
  seconds (a zone's local mean time before standard time, Asia/Shanghai's +08:05:43 before 1901)
  is refused, not rounded: rounding would move the instant. (``ingest``, which picks the time
  of day itself, rounds it, with a warning.)
- the fields listed in :data:`FIELD_RULES` follow the narrower type the schema gives them
  there: one line (``g2normalizedString``: names, keywords, slugline, credit line), an XML
  name (``xs:ID``/``xs:NCName``: group ids, scheme aliases) or a URI (``xs:anyURI``: hrefs);
- ids that make names of files and catalog contexts: a story id short enough for every file
  name made from it, and keywords whose slugs (their msgctxt) are distinct.

A new field plugs in by its type: its strings and datetimes are checked without further ado;
if the schema narrows its type, add it to :data:`FIELD_RULES`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ModelError
from .newscodes import unknown_code

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

QCODE_RE = re.compile(r"^[^\s:]+:[^\s]+$")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# BCP 47 as NewsML-G2 uses it: language, optional script, optional region (zh-Hans, en-GB).
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
PUB_STATUSES = ("stat:usable", "stat:withheld", "stat:canceled")
# IPTC signal codes (scheme sig) the desk sends: a new version replaces an earlier one, corrects it.
SIGNAL_UPDATE = "sig:update"
SIGNAL_CORRECTION = "sig:correction"
# One step of an Extra's path: a NewsML-G2 local name and its 1-based index among same-named siblings.
PATH_STEP = r"[A-Za-z_][\w.-]*\[[1-9][0-9]*\]"
PATH_RE = re.compile(rf"^({PATH_STEP}(/{PATH_STEP})*)?$")
EXTRA_KINDS = ("element", "attribute", "replace", "omit")
# Characters XML 1.0 cannot carry (its Char production): lxml refuses them, or writes what no parser reads.
NOT_XML_CHAR_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What XSD calls white space besides the space: g2normalizedString ([\S ]*) refuses these.
LINE_BREAK_RE = re.compile("[\t\n\r]")
# xs:NCName, the lexical space of xs:ID and xs:IDREF (a name without a colon).
NCNAME_RE = re.compile(r"^[^\W\d][\w.\-\u00b7]*$")
# The longest file name made from a story id, ``<id>.commentary.zh-Hans.xml``, is written through a
# temporary ``.<name>.<12 hex digits>.tmp`` (18 more): 200 keeps that under the usual 255-byte limit.
STORY_ID_MAX = 200
MAX_UTC_OFFSET = timedelta(hours=14)


@lru_cache(maxsize=4096)  # a story's keywords are slugged again with every edition made of it
def slug(text: str) -> str:
    """An ASCII id for free text (keywords): ``high-tech-service``; a hash for non-Latin text."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return value or "h" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def _check_xml_chars(value: str, field_name: str) -> None:
    bad = NOT_XML_CHAR_RE.search(value)
    if bad:
        raise ModelError(
            f"U+{ord(bad.group()):04X} at position {bad.start() + 1} is a character XML cannot carry", field=field_name
        )


def format_offset(offset: timedelta) -> str:
    """A UTC offset as ISO 8601 writes it: ``+08:00``, ``-03:30``, ``+08:05:43``."""
    sign = "-" if offset < timedelta(0) else "+"
    minutes, seconds = divmod(int(abs(offset).total_seconds()), 60)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}" + (f":{seconds:02d}" if seconds else "")


def _check_xsd_datetime(value: datetime, field_name: str) -> None:
    offset = value.utcoffset()
    if offset is None:
        return  # a naive datetime is refused where an offset is needed (_check_aware)
    if offset % timedelta(minutes=1):
        raise ModelError(
            f"UTC offset {format_offset(offset)} has seconds (local mean time?): NewsML-G2 offsets are whole minutes, "
            "such as +08:06 or +08:00",
            field=field_name,
        )
    if abs(offset) > MAX_UTC_OFFSET:
        raise ModelError(f"UTC offset {format_offset(offset)} is beyond ±14:00", field=field_name)


_WHITESPACE_NAMES = {"\t": "tab", "\n": "line feed", "\r": "carriage return"}


def _single_line(value: str, field_name: str) -> None:
    """NewsML-G2 names, keywords, sluglines, credit lines (``g2normalizedString``)."""
    bad = LINE_BREAK_RE.search(value)
    if bad:
        raise ModelError(
            f"has a {_WHITESPACE_NAMES[bad.group()]} at position {bad.start() + 1}: "
            "this field is one line (spaces only)",
            field=field_name,
        )


def _xml_name(value: str, field_name: str) -> None:
    """``xs:ID``/``xs:IDREF``/``xs:NCName``: a letter or ``_`` first, no colon, no space."""
    if value and not NCNAME_RE.match(value):
        raise ModelError(f"{value!r} is not an XML name (a letter or '_' first; no colon, no space)", field=field_name)


URI_SCHEME_RE = re.compile(r"^([^:/?#]*):")
IPV6_HOST_RE = re.compile(r"(\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?")


def _uri(value: str, field_name: str) -> None:
    """``xs:anyURI`` as libxml2 validates it (lxml's XSD check): RFC 3986's structure, where
    non-ASCII characters and spaces are let through (they are escaped) but a stray ``%``,
    ``#``, ``[``, ``]``, ``@`` or port, or a malformed scheme is not. Written out because no
    library validates a URI reference the way the XSD validator does."""
    if not value:
        return
    reference, _, _ = value.partition("#")
    scheme = URI_SCHEME_RE.match(reference)
    rest = reference[scheme.end() :] if scheme else reference
    authority = re.match(r"^//([^/?]*)", rest)
    host = authority.group(1).rpartition("@")[2] if authority else ""
    literal = IPV6_HOST_RE.fullmatch(host)
    problem = ""
    if re.search(r"%(?![0-9A-Fa-f]{2})", value):
        problem = "a '%' not followed by two hex digits"
    elif value.count("#") > 1:
        problem = "more than one '#'"
    elif scheme and not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*", scheme.group(1)):
        problem = f"the scheme {scheme.group(1)!r} (a letter, then letters, digits, '+', '-', '.')"
    elif authority and authority.group(1).count("@") > 1:
        problem = "more than one '@' before the host"
    elif authority and not literal and ":" in host and not re.fullmatch(r"[^:]+:[0-9]+", host):
        problem = f"the host and port {host!r}"
    elif re.search(r"[\[\]]", rest.replace(literal.group(1), "", 1) if literal else rest):
        problem = "a '[' or ']' outside an IPv6 host"
    if problem:
        raise ModelError(f"{value!r} is not a URI: {problem}", field=field_name)


Rule = Callable[[str, str], None]
#: The schema's narrower types, per class and field (applied to each string a field holds).
FIELD_RULES: dict[str, dict[str, Rule]] = {
    "Party": {"name": _single_line},
    "Byline": {"name": _single_line},
    "Place": {"name": _single_line, "broader": _single_line},
    "Subject": {"names": _single_line},
    "Provider": {"name": _single_line, "uri": _uri},
    "Rights": {"holder": _single_line, "holder_uri": _uri},
    "Link": {"href": _uri},
    "Rendition": {"href": _uri},
    "Catalogs": {"refs": _uri},
    "TextItem": {"keywords": _single_line, "slugline": _single_line},
    "PictureItem": {"keywords": _single_line, "credit": _single_line},
    "Group": {"id": _xml_name, "group_refs": _xml_name},
    "PackageItem": {"root": _xml_name},
}


@cache
def _tuple_fields(cls: type[DataclassInstance]) -> tuple[str, ...]:
    """The fields of a model class that hold tuples (lists in a story file)."""
    return tuple(spec.name for spec in fields(cls) if str(spec.type).startswith("tuple["))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(spec.name for spec in fields(cls))


def _check_fields(obj: object, names: Iterable[str] | None = None) -> None:
    """The checks every field gets by its type, then those :data:`FIELD_RULES` gives it by name
    (of the fields ``names`` only, when given: the values a copy changed). Each string or datetime
    is checked, alone or as a member of a tuple or dict (``keywords[2]``, ``names.en``)."""
    cls: type = type(obj)
    rules = FIELD_RULES.get(cls.__name__, {})
    names = _field_names(cls) if names is None else tuple(names)
    for name in _tuple_fields(cls):
        if name in names and isinstance(getattr(obj, name), str):  # keywords="football": eight keywords
            raise ModelError(f"is a string where a list is expected: write ({getattr(obj, name)!r},)", field=name)
    for name in names:
        value, rule = getattr(obj, name), rules.get(name)
        if isinstance(value, tuple):
            for index, member in enumerate(value):
                _check_value(member, rule, name, f"[{index}]")
        elif isinstance(value, dict):
            for key, member in value.items():
                _check_value(member, rule, name, f".{key}")
            for key in value:
                if isinstance(key, str):
                    _check_xml_chars(key, name)
        else:
            _check_value(value, rule, name)


def _check_value(value: object, rule: Rule | None, name: str, member: str = "") -> None:
    """One string or datetime of field ``name`` (``member``: where in it, written out only on error)."""
    if isinstance(value, str):
        if rule or NOT_XML_CHAR_RE.search(value):
            _check_xml_chars(value, name + member)
            if rule:
                rule(value, name + member)
    elif isinstance(value, datetime):
        _check_xsd_datetime(value, name + member)


class _Checked:
    """What every model class does on construction: each field checked by its type
    (:func:`_check_fields`), then the class's own rules (its ``_check``)."""

    __slots__ = ()

    def __post_init__(self) -> None:
        _check_fields(self)
        self._check()

    def _check(self) -> None:
        """The class's rules beyond each field's type (required fields, QCodes, ids)."""


Checked = TypeVar("Checked", bound=_Checked)


def revised(obj: Checked, **changes: object) -> Checked:
    """``obj`` with ``changes``, as :func:`dataclasses.replace` makes it, but checking only what changed.

    ``obj`` was checked when it was made, so a copy of it (a translated edition, an edition's
    header) needs only its new values checked, by type and by :data:`FIELD_RULES`, and the
    class's own rules run again (they tie fields together). A value equal to the one it
    replaces is not a change; with no change, ``obj`` itself is returned. Validating every
    field of every translated copy again was 40% of a render.
    """
    state = vars(obj)
    for name in changes.keys() - state.keys():
        raise TypeError(f"{type(obj).__name__} has no field {name!r}")
    changed = {name: value for name, value in changes.items() if not (value is state[name] or value == state[name])}
    if not changed:
        return obj
    copy = object.__new__(type(obj))
    vars(copy).update(state)  # frozen: the instance dict is written directly, as dataclasses do
    vars(copy).update(changed)
    _check_fields(copy, changed)
    copy._check()
    return copy


def _require(value: object, field_name: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ModelError("required value is missing or empty", field=field_name)


def _check_not_blank(value: str, field_name: str) -> None:
    """Empty means "not stated" (allowed); whitespace alone is a mistake."""
    if value and not value.strip():
        raise ModelError("is only whitespace: leave it empty or give the text", field=field_name)


def _check_qcode(value: str, field_name: str) -> None:
    if not QCODE_RE.match(value):
        raise ModelError(f"{value!r} is not a QCode (alias:code, e.g. genre:Opinion)", field=field_name)


def _check_id(value: str, field_name: str) -> None:
    if not ID_RE.match(value):
        raise ModelError(f"{value!r} is not a valid id (ASCII letters, digits, '.', '_', '-')", field=field_name)


def _check_optional_qcode(value: str, field_name: str) -> None:
    if value:
        _check_qcode(value, field_name)


def _check_one_of(obj: object, names: tuple[str, ...], field_name: str) -> None:
    if not any(getattr(obj, name) for name in names):
        raise ModelError(f"needs at least one of {', '.join(names)}", field=field_name)


def _check_language(value: str, field_name: str) -> None:
    if not LANGUAGE_RE.match(value):
        raise ModelError(f"{value!r} is not a BCP 47 language tag such as en or zh-Hans", field=field_name)


def _check_aware(value: datetime | None, field_name: str) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ModelError("datetime needs a timezone offset (e.g. +08:00)", field=field_name)


def _check_keyword_slugs(keywords: tuple[str, ...], role: str) -> None:
    """Each keyword's catalog context is its slug: two keywords with one slug ("a b", "a-b") would
    share it. A story's own items only: a partner's item may repeat a keyword (it has no catalog)."""
    seen: dict[str, str] = {}
    for index, keyword in enumerate(keywords):
        _require(keyword, f"{role}.keywords[{index}]")
        key = slug(keyword)
        if key in seen:
            raise ModelError(
                f"{keyword!r} has the slug {key!r} of {seen[key]!r} (its catalog context): drop or reword one",
                field=f"{role}.keywords[{index}]",
            )
        seen[key] = keyword


def _check_unique_ids(objects: Iterable[object], field_name: str) -> None:
    """Ids must be unique; an empty id (an object read from XML that has none) is not compared."""
    seen: set[str] = set()
    for index, obj in enumerate(objects):
        ident = obj.id  # type: ignore[attr-defined]
        if ident and ident in seen:
            raise ModelError(f"duplicate id {ident!r}", field=f"{field_name}[{index}].id")
        seen.add(ident)


def changed_span(old: str, new: str) -> tuple[int, int, str]:
    """The part of ``old`` an edit replaced: its start and end in ``old``, and the new text there
    (the longest common prefix and suffix are what did not change)."""
    prefix, limit = 0, min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix, new[prefix : len(new) - suffix]


# What a block is, as the local name of the element it was read from: p, h1..h6, li, td, th,
# pre, blockquote, a provider's own (NITF's hl2, note). "verbatim": text around markup the
# library cannot edit (an object, a figure), readable but not editable.
BLOCK_KIND_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")
VERBATIM = "verbatim"


@dataclass(frozen=True)
class Mark(_Checked):
    """Inline markup over ``text[start:end]`` of a block (``em``, ``strong``, ``a``, ``span``),
    with its attributes as read (``{namespace}name`` outside the element's own)."""

    start: int
    end: int
    tag: str
    attributes: tuple[tuple[str, str], ...] = ()

    def _check(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int) and 0 <= self.start <= self.end):
            raise ModelError(f"{self.start}..{self.end} is not a span of the text", field="start")
        _require(self.tag, "tag")


@dataclass(frozen=True)
class Cell:
    """Where a table cell's block sits: the body's ``table`` (1-based, in order), its ``row``
    and ``column`` (1-based)."""

    table: int
    row: int
    column: int


@dataclass(frozen=True)
class Block(_Checked):
    """One block of a body: a paragraph, heading, list entry, table cell, note.

    ``id`` is assigned once and never renumbered. ``kind`` says what the block is (``p`` for a
    story's paragraphs; see :data:`BLOCK_KIND_RE`); ``marks`` are its inline markup and
    ``cell`` its place in a table, as read from a partner's XML. A line break (``<br/>``) is a
    line feed in ``text``. Use :meth:`with_text` to edit a block that has marks: it moves them
    with the text.
    """

    id: str
    text: str
    kind: str = "p"
    marks: tuple[Mark, ...] = ()
    cell: Cell | None = None

    def _check(self) -> None:
        _check_id(self.id, "id")
        _require(self.text, "text")
        if not BLOCK_KIND_RE.match(self.kind):
            raise ModelError(f"{self.kind!r} is not a block kind such as p, h2, li or td", field="kind")
        for index, mark in enumerate(self.marks):
            if mark.end > len(self.text):
                raise ModelError(
                    f"ends at {mark.end}, after the text ({len(self.text)} characters): edit with Block.with_text",
                    field=f"marks[{index}]",
                )

    def with_text(self, text: str) -> Block:
        """This block with ``text``: marks after the changed part move with it, marks around it
        grow or shrink, marks inside it end where the new text does."""
        start, old_end, replacement = changed_span(self.text, text)
        shift = len(text) - len(self.text)

        def moved(offset: int) -> int:
            return offset + shift if offset >= old_end else min(offset, start + len(replacement))

        marks = tuple(replace(mark, start=moved(mark.start), end=moved(mark.end)) for mark in self.marks)
        return replace(self, text=text, marks=marks)

    @classmethod
    def from_checked(
        cls, id: str, text: str, kind: str = "p", marks: tuple[Mark, ...] = (), cell: Cell | None = None
    ) -> Block:
        """A block from values its maker has checked already, not checked again: the XML reader's,
        whose text the XML parser has checked, ids made to :data:`ID_RE`, kinds matched to
        :data:`BLOCK_KIND_RE` (reading a long body, the checks cost more than the reading)."""
        block = object.__new__(cls)
        for name, value in (("id", id), ("text", text), ("kind", kind), ("marks", marks), ("cell", cell)):
            object.__setattr__(block, name, value)
        return block


@dataclass(frozen=True)
class Party(_Checked):
    """A person or an organisation named in an item, with the title the item gives it.

    ``id`` is a stable slug (``he-maohua``) used in catalog contexts; ``kind`` is
    ``person`` or ``organisation`` (NewsML-G2 ``cpnat:person`` / ``cpnat:organisation``).
    """

    id: str
    kind: str
    name: str
    title: str = ""

    def _check(self) -> None:
        _check_id(self.id, "id")
        if self.kind not in ("person", "organisation"):
            raise ModelError(f"{self.kind!r} is not 'person' or 'organisation'", field="kind")
        _require(self.name, "name")


@dataclass(frozen=True)
class Byline(_Checked):
    """Who wrote or shot an item.

    ``text`` is the byline as printed ("Deng Xuelin, all media reporter from Mianyang Daily");
    ``role`` is a ``cpprole:`` QCode (author for writers and photographers alike, as IPTC does).
    Read from another provider's XML, a creator may have no ``id`` (no ``literal``) and no role:
    both are then empty.
    """

    id: str
    name: str
    text: str = ""
    title: str = ""
    outlet: str = ""
    role: str = "cpprole:author"

    def _check(self) -> None:
        if self.id:
            _check_id(self.id, "id")
        _require(self.name, "name")
        _check_optional_qcode(self.role, "role")


@dataclass(frozen=True)
class Dateline(_Checked):
    """Where and when the story was filed.

    ``label`` is the opener as printed ("Mianyang News"). ``text`` is the dateline as a reader
    sees it; when empty it is formatted per language from place, date and label (CLDR dates).
    Items read from other providers' XML may carry only ``text``.
    """

    place: str = ""
    date: date | None = None
    label: str = ""
    text: str = ""

    def _check(self) -> None:
        if self.date is not None and (not isinstance(self.date, date) or isinstance(self.date, datetime)):
            raise ModelError("must be a calendar date (YYYY-MM-DD)", field="date")
        if not self.text and not (self.place.strip() and self.date):
            raise ModelError("a dateline needs a place and a date (or its printed text)", field="place")


@dataclass(frozen=True)
class Place(_Checked):
    """A place the content comes from; ``qcode`` is optional (a geoArea code where known).

    ``type`` is the concept type (IPTC ``cpnat:geoArea``; other providers use their own, or
    none: empty). A place needs a name or a qcode.
    """

    name: str
    qcode: str = ""
    broader: str = ""
    type: str = "cpnat:geoArea"

    def _check(self) -> None:
        _check_one_of(self, ("name", "qcode"), "name")
        _check_not_blank(self.name, "name")
        _check_optional_qcode(self.qcode, "qcode")
        _check_optional_qcode(self.type, "type")


@dataclass(frozen=True)
class Subject(_Checked):
    """A controlled-vocabulary subject, e.g. an IPTC Media Topic (``medtop:20000344``).

    ``names`` maps a BCP 47 language tag to the concept's label in that language; the key ``""``
    is a label without ``xml:lang`` (in the item's language). Other providers' subjects may have
    a name and no qcode, or no type: those are then empty; or be named by a ``literal`` alone
    (``TT:11000000:POL``), a provider's code outside any catalog.
    """

    qcode: str
    names: dict[str, str] = field(default_factory=dict)
    type: str = "cpnat:abstract"
    literal: str = ""

    def _check(self) -> None:
        if self.qcode or not (self.names or self.literal):
            _check_qcode(self.qcode, "qcode")
        _check_optional_qcode(self.type, "type")
        for lang in self.names:
            if lang:
                _check_language(lang, f"names.{lang}")


@dataclass(frozen=True)
class Rights(_Checked):
    """Copyright holder, notice and usage terms of an item.

    Other providers' rights may name the holder by URI only, or state usage terms alone: every
    field may then be empty, but not all of them.
    """

    holder: str
    holder_uri: str = ""
    notice: str = ""
    usage_terms: str = ""

    def _check(self) -> None:
        _check_one_of(self, ("holder", "holder_uri", "notice", "usage_terms"), "holder")
        _check_not_blank(self.holder, "holder")


@dataclass(frozen=True)
class Link(_Checked):
    """A typed link from an item to another item (``residref`` is the target's guid).

    A link to a web resource has ``href`` instead of (or besides) ``residref``; an empty
    ``contenttype`` is not written.
    """

    rel: str
    residref: str
    version: int | None = None
    contenttype: str = "application/vnd.iptc.g2.newsitem+xml"
    href: str = ""

    def _check(self) -> None:
        _check_qcode(self.rel, "rel")
        _check_one_of(self, ("residref", "href"), "residref")
        if self.version is not None and (not isinstance(self.version, int) or self.version < 1):
            raise ModelError("must be a whole number from 1 up", field="version")


@dataclass(frozen=True)
class Provider(_Checked):
    """The organisation that distributes the items (NewsML-G2 ``provider``).

    IPTC-registered providers are often named by QCode alone (``nprov:REUTERS``), Reuters'
    feeds by ``literal`` (``reuters.com``); NewsML-G2 makes every one of them optional, so a
    provider read from XML may have none (all empty).
    """

    name: str
    uri: str
    qcode: str = ""
    literal: str = ""

    def _check(self) -> None:
        _check_not_blank(self.name, "name")
        _check_optional_qcode(self.qcode, "qcode")


@dataclass(frozen=True)
class Label(_Checked):
    """A text in a language and a role, e.g. a further headline (``role`` a QCode, may be empty).

    ``language`` empty means the text has no ``xml:lang`` of its own (it is in the item's).
    """

    text: str
    language: str = ""
    role: str = ""

    def _check(self) -> None:
        _require(self.text, "text")
        if self.language:
            _check_language(self.language, "language")
        _check_optional_qcode(self.role, "role")


@dataclass(frozen=True)
class Catalogs(_Checked):
    """The vocabularies an item declares: ``catalogRef`` hrefs and inline schemes (alias -> URI).

    Items the library builds leave :attr:`ItemHeader.catalogs` as None and get the IPTC catalog
    plus the library's own schemes; items read from XML keep what their document declared.
    """

    refs: tuple[str, ...] = ()
    schemes: dict[str, str] = field(default_factory=dict)

    def _check(self) -> None:
        for index, href in enumerate(self.refs):
            _require(href, f"refs[{index}]")
        for alias, uri in self.schemes.items():
            _require(alias, "schemes")
            _xml_name(alias, f"schemes.{alias}")
            _require(uri, f"schemes.{alias}")


class ReadFrom:
    """Where an object read from a document came from: the document and line, for people, and
    an identity that :mod:`newsbilingual.newsml.origin` maps to the element it keeps, so that
    the model holds nothing of the XML itself. Copies of the object (``dataclasses.replace``)
    share it; equality ignores it."""

    __slots__ = ("__weakref__", "line", "source")

    def __init__(self, source: str, line: int | None) -> None:
        self.source = source
        self.line = line

    def __str__(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    def __deepcopy__(self, memo: dict[int, object]) -> ReadFrom:
        return self  # an identity: copies of an object (dataclasses.asdict) keep it


@dataclass(frozen=True)
class Extra(_Checked):
    """XML of an item read from a document that no model field holds, kept to be written back.

    ``path`` names an element of the item *as the library renders it*: NewsML-G2 local names,
    1-based among same-named siblings (``contentMeta[1]/creator[2]``; ``""`` is the item element).
    ``kind`` says what the renderer does there:

    - ``element``: insert ``xml`` (one element, comment or processing instruction, verbatim)
      as a child of ``path``, after the child ``after`` (a step such as ``subject[3]``; ``""``:
      first);
    - ``attribute``: set attribute ``name`` (``{namespace}local`` outside NewsML-G2) to
      ``value``, or remove it when ``value`` is None;
    - ``replace``: write ``xml`` instead of the element; ``omit``: leave the element out.
      Both only while the model still renders the element as it did when read (``guard`` is a
      digest of that rendering), so an edit of a model field always wins over kept markup.
    """

    kind: str
    path: str
    xml: str = ""
    after: str = ""
    name: str = ""
    value: str | None = None
    guard: str = ""

    def _check(self) -> None:
        if self.kind not in EXTRA_KINDS:
            raise ModelError(f"must be one of {', '.join(EXTRA_KINDS)}", field="kind")
        if not PATH_RE.match(self.path):
            raise ModelError(f"{self.path!r} is not a path such as contentMeta[1]/subject[2]", field="path")
        if self.after and not re.fullmatch(PATH_STEP, self.after):
            raise ModelError(f"{self.after!r} is not a step such as subject[2]", field="after")
        if self.kind in ("element", "replace") and not self.xml.lstrip().startswith("<"):
            raise ModelError("needs the XML of an element, comment or processing instruction", field="xml")
        if self.kind == "attribute":
            _require(self.name, "name")
        if self.kind in ("replace", "omit"):
            _require(self.guard, "guard")


def _check_codes(codes: Iterable[tuple[str, str]]) -> None:
    """Refuse a code an IPTC vocabulary the library checks does not have (``genre:Curent``), with a
    "did you mean". For the library's own items only (no ``catalogs`` of their own): an item read
    from another provider's XML declares its catalogs, where its aliases may mean other schemes."""
    for field_name, qcode in codes:
        if qcode and (problem := unknown_code(qcode)):
            raise ModelError(problem, field=field_name)


def _subject_codes(subjects: tuple[Subject, ...]) -> Iterator[tuple[str, str]]:
    for index, subject in enumerate(subjects):
        yield f"subjects[{index}].qcode", subject.qcode
        yield f"subjects[{index}].type", subject.type


def _check_lifecycle(header: ItemHeader) -> None:
    """The wire-lifecycle fields of a header: embargo, notes, signals, urgency."""
    _check_aware(header.embargoed, "embargoed")
    for index, note in enumerate(header.ed_notes):
        _require(note, f"ed_notes[{index}]")
    for index, signal in enumerate(header.signals):
        _check_qcode(signal, f"signals[{index}]")
    if header.urgency is not None and (not isinstance(header.urgency, int) or not 1 <= header.urgency <= 9):
        raise ModelError("must be 1 (highest) to 9 (lowest)", field="urgency")


@dataclass(frozen=True)
class ItemHeader(_Checked):
    """What every wire item carries whatever its content: identity, version, times, status.

    ``language`` may be empty for an item read from XML that states none, ``version_created``
    None for one whose versionCreated could not be read (a story's items need it). ``catalogs`` is None
    for items the library builds (it declares the IPTC catalog and its own schemes).

    The wire lifecycle: ``embargoed`` is the time before which receivers must not publish;
    ``ed_notes`` are notes to editors (``edNote``, translatable; an edition adds its embargo
    note); ``signals`` are processing instructions (``sig:update``, ``sig:correction``);
    ``urgency`` is the editorial urgency, 1 (highest) to 9.
    """

    guid: str
    language: str
    provider: Provider
    version_created: datetime | None
    first_created: datetime | None = None
    content_created: datetime | None = None
    version: int = 1
    pub_status: str = "stat:usable"
    links: tuple[Link, ...] = ()
    rights: Rights | None = None
    catalogs: Catalogs | None = None
    embargoed: datetime | None = None
    ed_notes: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()
    urgency: int | None = None

    def _check(self) -> None:
        _require(self.guid, "guid")
        if self.language:
            _check_language(self.language, "language")
        if not isinstance(self.version, int) or self.version < 1:
            raise ModelError("must be a whole number from 1 up", field="version")
        if self.pub_status not in PUB_STATUSES:
            hint = unknown_code(self.pub_status) or f"{self.pub_status!r} is not a publishing status"
            raise ModelError(f"{hint} (one of {', '.join(PUB_STATUSES)})", field="pub_status")
        for name in ("version_created", "first_created", "content_created"):
            _check_aware(getattr(self, name), name)
        if self.first_created and self.version_created and self.first_created > self.version_created:
            raise ModelError("first_created is later than version_created", field="first_created")
        _check_lifecycle(self)
        if self.catalogs is None:
            _check_codes((f"signals[{index}]", signal) for index, signal in enumerate(self.signals))


def _check_text_languages(text_languages: dict[str, str]) -> None:
    for key, language in text_languages.items():
        _require(key, "text_languages")
        _check_language(language, f"text_languages.{key}")


@dataclass(frozen=True)
class TextItem(_Checked):
    """A text item in one language: the news article or the commentary on it.

    A story's items always have a genre, a headline and a body (:class:`Story` checks); an item
    read from another provider's XML may have none of them (empty). For such items:
    ``other_headlines`` are its headlines besides ``headline`` (other languages, other roles);
    ``extras`` keep what no field holds (see :class:`Extra`).
    ``text_languages`` names the parts printed in another language than the item's (an
    edition's untranslated segments: ``{"body/p04": "en"}``, keyed as their catalog context
    without the role), which are written with that ``xml:lang``. ``origin`` (set by
    :func:`newsbilingual.parse`, never compared) says which element of which document the item
    was read from (:class:`ReadFrom`): as long as the item equals what was read, it is written
    back as that element, and its body's markup (XHTML, NITF, plain text) is always the one
    read, with the body's edits in it.
    """

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
    other_headlines: tuple[Label, ...] = ()
    extras: tuple[Extra, ...] = ()
    text_languages: dict[str, str] = field(default_factory=dict)
    origin: ReadFrom | None = field(default=None, compare=False, repr=False)

    def _check(self) -> None:
        _check_text_languages(self.text_languages)
        _check_optional_qcode(self.genre, "genre")
        _check_not_blank(self.headline, "headline")
        _check_unique_ids(self.body, "body")
        _check_unique_ids(self.bylines, "bylines")
        _check_unique_ids(self.parties, "parties")
        if self.header.catalogs is None:
            roles = ((f"bylines[{index}].role", byline.role) for index, byline in enumerate(self.bylines))
            located = (
                [("located.type", self.located.type), ("located.qcode", self.located.qcode)] if self.located else []
            )
            _check_codes([("genre", self.genre), *roles, *_subject_codes(self.subjects), *located])

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
class Rendition(_Checked):
    """One file of a picture (``rnd:highRes``, ``rnd:web``, ``rnd:thumb``), or of a video,
    audio or graphic item read from XML: ``size`` in bytes, ``duration`` as written (its
    unit, when stated, stays in the XML)."""

    href: str
    rendition: str = "rnd:web"
    contenttype: str = "image/jpeg"
    width: int | None = None
    height: int | None = None
    size: int | None = None
    duration: str = ""

    def _check(self) -> None:
        _require(self.href, "href")
        _check_optional_qcode(self.rendition, "rendition")
        for name in ("width", "height", "size"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 0):
                raise ModelError("must be a whole number from 0 up", field=name)


@dataclass(frozen=True)
class PictureItem(_Checked):
    """A photo in one language edition: caption, credit line, photographer, renditions.

    ``subjects`` and ``keywords`` are those of the photo itself (empty for a story's photo, which
    the package ties to its article). As for :class:`TextItem`, an item read from XML may have
    no caption, and keeps further headlines in ``other_headlines`` and the rest in ``extras``;
    ``text_languages`` names the parts printed in another language.
    """

    header: ItemHeader
    caption: str
    credit: str = ""
    headline: str = ""
    creator: Byline | None = None
    renditions: tuple[Rendition, ...] = ()
    subjects: tuple[Subject, ...] = ()
    keywords: tuple[str, ...] = ()
    other_headlines: tuple[Label, ...] = ()
    extras: tuple[Extra, ...] = ()
    text_languages: dict[str, str] = field(default_factory=dict)
    origin: ReadFrom | None = field(default=None, compare=False, repr=False)

    def _check(self) -> None:
        _check_text_languages(self.text_languages)
        _check_not_blank(self.caption, "caption")
        if self.header.catalogs is None:
            role = [("creator.role", self.creator.role)] if self.creator else []
            _check_codes([*role, *_subject_codes(self.subjects)])

    @property
    def guid(self) -> str:
        return self.header.guid

    @property
    def language(self) -> str:
        return self.header.language


@dataclass(frozen=True)
class ItemRef(_Checked):
    """A package's reference to an item, with the metadata a receiver shows before fetching."""

    residref: str
    item_class: str
    title: str
    language: str = ""
    version: int = 1

    def _check(self) -> None:
        _require(self.residref, "residref")
        _check_optional_qcode(self.item_class, "item_class")
        if not isinstance(self.version, int) or self.version < 1:
            raise ModelError("must be a whole number from 1 up", field="version")
        if self.language:
            _check_language(self.language, "language")


@dataclass(frozen=True)
class Group(_Checked):
    """A group of a package: ``mode`` ``pgrmod:alt`` marks alternatives (language editions).
    ``id`` is empty only for a group read from XML without one."""

    id: str
    role: str
    refs: tuple[ItemRef, ...] = ()
    group_refs: tuple[str, ...] = ()
    mode: str = ""

    def _check(self) -> None:
        if self.id:  # a group read from XML may have none (the schema allows it)
            _check_id(self.id, "id")
        _check_optional_qcode(self.role, "role")


@dataclass(frozen=True)
class PackageItem(_Checked):
    """A packageItem: groups of item references, rooted at ``root``.

    A packageItem read from XML may have no ``groupSet`` (NewsML-G2 allows it): no groups, and
    ``root`` empty.
    """

    header: ItemHeader
    headlines: dict[str, str]
    groups: tuple[Group, ...]
    root: str = "G0"
    extras: tuple[Extra, ...] = ()
    origin: ReadFrom | None = field(default=None, compare=False, repr=False)

    def _check(self) -> None:
        for lang in self.headlines:
            if lang:
                _check_language(lang, f"headlines.{lang}")
        _check_unique_ids(self.groups, "groups")
        if (self.groups or self.root) and self.root not in {g.id for g in self.groups}:
            raise ModelError(f"no group has the root id {self.root!r}", field="root")
        if self.header.catalogs is None:
            _check_codes(
                (f"groups[{g}].refs[{r}].item_class", ref.item_class)
                for g, group in enumerate(self.groups)
                for r, ref in enumerate(group.refs)
            )

    @property
    def guid(self) -> str:
        return self.header.guid


# Root elements of the items a newsMessage may carry besides newsItem and packageItem.
GENERIC_KINDS = ("newsItem", "planningItem", "conceptItem", "knowledgeItem", "catalogItem")


@dataclass(frozen=True)
class GenericItem(_Checked):
    """An item read from XML that the library does not model in full: a newsItem of another
    class than text and picture (video, audio, composite, a provider's own), or a planning,
    concept, knowledge or catalog item (``kind`` is the root element's name).

    Its header, item class (``item_class`` a QCode as written, or ``item_class_uri``), headlines,
    description, subjects, keywords and ``remoteContent`` renditions are objects; everything
    else is kept in the XML it was read from.
    """

    kind: str
    header: ItemHeader
    item_class: str = ""
    item_class_uri: str = ""
    headline: str = ""
    other_headlines: tuple[Label, ...] = ()
    description: str = ""
    subjects: tuple[Subject, ...] = ()
    keywords: tuple[str, ...] = ()
    renditions: tuple[Rendition, ...] = ()
    extras: tuple[Extra, ...] = ()
    origin: ReadFrom | None = field(default=None, compare=False, repr=False)

    def _check(self) -> None:
        if self.kind not in GENERIC_KINDS:
            raise ModelError(f"must be one of {', '.join(GENERIC_KINDS)}", field="kind")
        _check_optional_qcode(self.item_class, "item_class")
        _check_not_blank(self.headline, "headline")
        if self.header.catalogs is None:
            _check_codes([("item_class", self.item_class), *_subject_codes(self.subjects)])

    @property
    def guid(self) -> str:
        return self.header.guid

    @property
    def language(self) -> str:
        return self.header.language


Item = TextItem | PictureItem | PackageItem | GenericItem


@dataclass(frozen=True)
class Message(_Checked):
    """A ``newsMessage``: the items of one transmission and its header.

    ``sent`` is None only for a message read from XML whose header is missing or unreadable.
    ``sender``, ``transmit_id`` and ``priority`` (1 highest .. 9) are written when given;
    ``extras`` keep what else a message read from XML had (header elements, and items the
    library does not model, which is why ``items`` may be empty); ``origin`` is, as for
    :class:`TextItem`, where it was read from.
    """

    items: tuple[Item, ...]
    sent: datetime | None
    sender: str = ""
    transmit_id: str = ""
    priority: int | None = None
    extras: tuple[Extra, ...] = ()
    origin: ReadFrom | None = field(default=None, compare=False, repr=False)

    def _check(self) -> None:
        _check_aware(self.sent, "sent")
        if self.priority is not None and (not isinstance(self.priority, int) or not 1 <= self.priority <= 9):
            raise ModelError("must be 1 (highest) to 9 (lowest)", field="priority")


def _check_story_item(item: TextItem | PictureItem, role: str) -> None:
    """What a story's own items need, which items read from other providers may lack."""
    _require(item.language, f"{role}.language")
    _require(item.header.version_created, f"{role}.version_created")
    if isinstance(item, TextItem):
        _require(item.genre, f"{role}.genre")
        _require(item.headline, f"{role}.headline")
        if not item.body:
            raise ModelError("a text item needs at least one body block", field=f"{role}.body")
        bylines = {f"{role}.bylines[{index}]": byline for index, byline in enumerate(item.bylines)}
    else:
        _require(item.caption, f"{role}.caption")
        bylines = {f"{role}.creator": item.creator} if item.creator else {}
    for path, byline in bylines.items():
        _require(byline.id, f"{path}.id")  # it names the byline's catalog context
    _check_keyword_slugs(item.keywords, role)


@dataclass(frozen=True)
class Story(_Checked):
    """What a desk publishes together, in the story's source language.

    ``id`` names the story and is its gettext domain (the translator's unit of work).
    ``timezone`` is the IANA zone the dates of the story are shown in. An embargo
    (``header.embargoed``) is the same on every item, or on none.
    """

    id: str
    article: TextItem
    commentary: TextItem | None = None
    photo: PictureItem | None = None
    timezone: str = "UTC"

    def _check(self) -> None:
        _check_id(self.id, "id")
        if len(self.id) > STORY_ID_MAX:
            raise ModelError(
                f"is {len(self.id)} characters: a story id names files, at most {STORY_ID_MAX}", field="id"
            )
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ModelError(
                f"{self.timezone!r} is not an IANA time zone (e.g. Asia/Shanghai)", field="timezone"
            ) from None
        for role, item in self.roles():
            _check_story_item(item, role)
            if item.language != self.language:
                raise ModelError(
                    f"is {item.language!r}, but the article is {self.language!r}: "
                    "a story file holds one source language",
                    field=f"{role}.language",
                )
        guids = [item.guid for _, item in self.roles()]
        if len(set(guids)) != len(guids):
            raise ModelError("article, commentary and photo need distinct guids", field="guid")
        for role, item in self.roles():
            # The photo's caption or the commentary gives the news away: an embargo holds for all or none.
            if item.header.embargoed != self.embargoed:
                stated = item.header.embargoed.isoformat() if item.header.embargoed else "not embargoed"
                raise ModelError(
                    f"is {stated}, but the article is "
                    + (f"embargoed until {self.embargoed.isoformat()}" if self.embargoed else "not embargoed")
                    + ": an embargo covers every item of a story (set it once, in [story])",
                    field=f"{role}.embargoed",
                )

    @property
    def embargoed(self) -> datetime | None:
        """The story's embargo, which every item carries (the package too): the article's."""
        return self.article.header.embargoed

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
