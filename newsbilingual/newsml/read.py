"""Read NewsML-G2 documents into the library's objects: :func:`parse`.

A wire desk receives NewsML-G2 from partners as well as writing it. :func:`parse` reads a
``newsItem`` (text or picture), a ``packageItem`` or a ``newsMessage`` into the objects the
renderer takes, from bytes, a path or a file object, safely (:mod:`newsbilingual.newsml.safexml`).
Rendering what it returns gives the document back: byte for byte for the library's own
output; for other providers' documents, everything they hold, in the order the schema
needs. What cannot be written back (comments between metadata elements) is listed in
:attr:`Parsed.warnings`.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lxml import etree

from ..errors import XMLInputError
from ..story.model import Item, Message
from .extras import NAR
from .read_items import Reader, node_kind
from .render import item_element, message_element, to_bytes
from .safexml import DEFAULT_MAX_BYTES, parse_xml, too_large

Source = bytes | bytearray | str | os.PathLike[str] | IO[bytes] | IO[str]


@dataclass(frozen=True)
class ParseWarning:
    """Something of a document that the objects do not keep, with where it was."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: warning: {self.message}"


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
        """The document rendered again, as the renderer writes files."""
        return to_bytes(self.element())


def _looks_like_xml(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith("<")


def _read(source: Source, max_bytes: int) -> tuple[bytes | str, str]:
    """The document's data and a name for messages; a ``str`` starting with ``<`` is XML, not a path.

    Files and streams are read up to ``max_bytes`` + 1, whatever they are (a regular file, a
    pipe, a device such as ``/dev/zero``), so memory stays bounded; a regular file over the
    limit is refused by its size before any of it is read.
    """
    limit = max(max_bytes, 0) + 1  # read(n) with n < 0 would read everything
    if isinstance(source, bytes | bytearray):
        return bytes(source), "<bytes>"
    if isinstance(source, str) and _looks_like_xml(source):
        return source, "<string>"
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            with path.open("rb") as handle:
                status = os.fstat(handle.fileno())
                if stat.S_ISREG(status.st_mode) and status.st_size > max_bytes:
                    raise too_large(max_bytes, path, size=status.st_size)
                data: bytes | str = handle.read(limit)
        except OSError as error:
            raise XMLInputError(error.strerror or str(error), source=path) from None
        name = str(path)
    elif hasattr(source, "read"):
        name = str(getattr(source, "name", "<stream>"))
        data = source.read(limit)
    else:
        raise TypeError(f"parse() takes bytes, a path, a str of XML or a file object, not {type(source).__name__}")
    if len(data) > max_bytes:
        raise too_large(max_bytes, name)
    return data, name


def parse(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Parsed:
    """Read a NewsML-G2 newsItem, packageItem or newsMessage into model objects.

    ``source`` is bytes, a path (``str`` or :class:`~pathlib.Path`), a ``str`` holding XML
    (recognised by its leading ``<``) or a file object. Documents over ``max_bytes`` are
    refused. Every problem raises :class:`XMLInputError` naming source, line and column:
    malformed or hostile XML, an item kind the library does not model (concept, knowledge,
    planning, catalog items), a value NewsML-G2 requires that is missing.
    """
    data, name = _read(source, max_bytes)
    root = parse_xml(data, source=name, max_bytes=max_bytes)
    reader = Reader(name)
    for node in [*root.itersiblings(preceding=True), *root.itersiblings()]:
        reader.warn(node, f"{node_kind(node)} outside the document element is not kept")
    if root.tag == f"{NAR}newsMessage":
        message = reader.message(root)
        items, kept_message = message.items, message
    else:
        items, kept_message = (reader.item(root),), None
    warnings = tuple(ParseWarning(name, line, message) for line, message in reader.warnings)
    return Parsed(name, etree.QName(root).localname, items, kept_message, warnings)
