"""Read NewsML-G2 documents into the library's objects: :func:`parse`.

A wire desk receives NewsML-G2 from partners as well as writing it. :func:`parse` reads any
item (a ``newsItem`` of any class, ``packageItem``, ``planningItem``, ``conceptItem``,
``knowledgeItem``, ``catalogItem``) or a ``newsMessage`` into the objects the renderer takes,
from bytes, a path or a file object, safely (:mod:`newsbilingual.newsml.safexml`). Each object
keeps the element it was read from (:mod:`newsbilingual.newsml.origin`), so rendering what it
returns gives the document back as it was; what cannot be written back (comments outside
the document element) is listed in :attr:`Parsed.warnings`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..story.model import Item, Message
from .extras import NAR
from .origin import origin_of
from .read_items import Reader, node_kind
from .render import item_element, message_element, to_bytes
from .safexml import DEFAULT_MAX_BYTES, DEFAULT_MAX_ELEMENTS, Source, parse_xml, read_source, xml_bytes


@dataclass(frozen=True)
class ParseWarning:
    """Something of a document that the objects do not keep, with where it was: a value
    skipped (``severity`` ``warning``), or a whole item not read (``error``)."""

    source: str
    line: int | None
    message: str
    severity: str = "warning"

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Parsed:
    """What a document held: its items and, for a ``newsMessage``, the message around them.

    ``root`` is the document element's name (``newsItem``, ``packageItem``, ``newsMessage``).
    """

    source: str
    root: str
    items: tuple[Item, ...]
    message: Message | None = None
    warnings: tuple[ParseWarning, ...] = ()

    def element(self) -> etree._Element:
        """The document rendered again from the objects."""
        if self.message is not None:
            return message_element(self.message)
        return item_element(self.items[0])

    def to_bytes(self) -> bytes:
        """The document again, ``to_bytes(self.element())``: while nothing of it was edited,
        the bytes read, byte for byte (declaration, encoding, line endings, character
        references, comments outside the document element: all as they came, which is what
        :func:`~newsbilingual.newsml.render.to_bytes` gives for the document element as
        read); else rendered as the renderer writes files. The bytes read are returned
        without copying the element."""
        read = self.message if self.message is not None else self.items[0]
        origin = origin_of(read)
        if origin is not None and origin.data and origin.unchanged(read):
            return origin.data
        return to_bytes(self.element())


def parse(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES, max_elements: int = DEFAULT_MAX_ELEMENTS) -> Parsed:
    """Read a NewsML-G2 item or newsMessage into model objects.

    ``source`` is bytes, a path (``str`` or :class:`~pathlib.Path`), a ``str`` holding XML
    (recognised by its leading ``<``) or a file object. Documents over ``max_bytes`` or with
    more than ``max_elements`` elements are refused. Every problem raises
    :class:`XMLInputError` naming source, line and column: malformed or hostile XML, a root
    that is no NewsML-G2 item, a value NewsML-G2 requires that is missing.
    """
    data, name = read_source(source, max_bytes)
    root = parse_xml(data, source=name, max_bytes=max_bytes, max_elements=max_elements)
    reader = Reader(name)
    for node in [*root.itersiblings(preceding=True), *root.itersiblings()]:
        reader.warn(node, f"{node_kind(node)} outside the document element is not kept once the document is edited")
    if root.tag == f"{NAR}newsMessage":
        message = reader.message(root)
        items, kept_message = message.items, message
    else:
        items, kept_message = (reader.item(root),), None
    warnings = tuple(ParseWarning(name, line, message) for line, message in reader.warnings) + tuple(
        ParseWarning(name, line, message, "error") for line, message in reader.errors
    )
    document = origin_of(kept_message if kept_message is not None else items[0])
    if document is not None:  # the document element's origin keeps the bytes it was read from
        document.data = xml_bytes(data) if isinstance(data, str) else bytes(data)
    return Parsed(name, etree.QName(root).localname, items, kept_message, warnings)
