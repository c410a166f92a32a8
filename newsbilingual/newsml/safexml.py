"""Parsing XML from outside safely: no network, no DTD, no entity expansion, a size limit.

NewsML-G2 never needs a DOCTYPE, so any document that declares one is refused, before the
parser even sees it when the prolog shows it (so an entity bomb costs nothing), and after
parsing otherwise (behind a prolog over 64 kB, or in an encoding the pre-check does not read:
it reads UTF-8, UTF-16 and UTF-32, with or without a byte-order mark, and ASCII-compatible
encodings). Entities are never
expanded (``resolve_entities=False``), which also defuses "billion laughs" and quadratic
blow-up, and nothing is fetched (``no_network``, ``load_dtd=False``). Text nodes and nesting
depth keep libxml2's limits (no ``huge_tree``). Two limits are the caller's to raise: the
size (:data:`DEFAULT_MAX_BYTES`; files and streams are never read past it, see
:func:`read_source`) and the number of elements (:data:`DEFAULT_MAX_ELEMENTS`, counted before
the tree is built when the markup could hold more, so memory stays bounded).
Errors name the source, line and column.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import threading
from pathlib import Path
from typing import IO, overload

from lxml import etree

from ..errors import XMLInputError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# About 500 MB of tree at most; a million keywords in one item still pass.
DEFAULT_MAX_ELEMENTS = 2_000_000
_PROLOG_BYTES = 64 * 1024
_ENCODING_IN_DECLARATION = re.compile(r"""\A(\ufeff?<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""")
# UTF-32 before UTF-16: the UTF-32LE mark starts with the UTF-16LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "latin-1"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Which of the first four bytes are zero, for "<" (or other ASCII) without a byte-order mark.
_ZERO_BYTES: dict[tuple[bool, ...], str] = {
    (True, True, True, False): "utf-32-be",
    (False, True, True, True): "utf-32-le",
    (True, False, True, False): "utf-16-be",
    (False, True, False, True): "utf-16-le",
}
_DOCTYPE_REFUSED = "documents with a DOCTYPE (DTD, entity declarations) are refused"


_PARSERS = threading.local()


def _parser() -> etree.XMLParser:
    """This thread's parser: lxml parsers may be reused, not shared between threads, and making
    one costs about as much as parsing a small item."""
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=False,
        )
    return parser


def _prolog_text(data: bytes) -> str:
    """The start of the document as text, in the encoding its first bytes show (XML 1.0,
    appendix F: a byte-order mark, else the pattern of zero bytes around the first ``<`` of
    UTF-16 or UTF-32), else read as ASCII-compatible."""
    head = data[:_PROLOG_BYTES]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    encoding = _ZERO_BYTES.get(tuple(byte == 0 for byte in head[:4]), "latin-1")
    return head.decode(encoding, errors="ignore")


def _declares_doctype(prolog: str) -> bool:
    """Whether a DOCTYPE follows the declaration, comments, PIs and whitespace of the prolog."""
    position = 0
    while position < len(prolog):
        if prolog[position].isspace():
            position += 1
        elif prolog.startswith(("<?", "<!--"), position):
            opener, closer = ("<?", "?>") if prolog[position + 1] == "?" else ("<!--", "-->")
            end = prolog.find(closer, position + len(opener))
            if end < 0:
                return False
            position = end + len(closer)
        else:
            return prolog.startswith("<!DOCTYPE", position)
    return False


def too_large(max_bytes: int, source: str | Path, *, size: int | None = None) -> XMLInputError:
    """The error for a document over ``max_bytes``; ``size`` when it is known (a stream read
    only up to the limit is not)."""
    how_big = f"{size} bytes, " if size is not None else ""
    return XMLInputError(
        f"document is {how_big}over the limit of {max_bytes} bytes (raise max_bytes to accept it)", source=source
    )


def too_many(max_elements: int, source: str | Path) -> XMLInputError:
    return XMLInputError(
        f"document has over {max_elements} elements (raise max_elements to accept it)", source=source, line=1
    )


Source = bytes | bytearray | str | os.PathLike[str] | IO[bytes] | IO[str]


def looks_like_xml(text: str) -> bool:
    """Whether a ``str`` is XML rather than a file name: it starts with ``<``."""
    return text.lstrip("\ufeff \t\r\n").startswith("<")


@overload
def read_source(source: os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, str]: ...
@overload
def read_source(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes | str, str]: ...
def read_source(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes | str, str]:
    """A document's data and a name for messages; a ``str`` starting with ``<`` is XML, not a path.

    Files and streams are read up to ``max_bytes`` + 1, whatever they are (a regular file, a
    pipe, a device such as ``/dev/zero``), so memory stays bounded; a regular file over the
    limit is refused by its size before any of it is read.
    """
    limit = max(max_bytes, 0) + 1  # read(n) with n < 0 would read everything
    if isinstance(source, bytes | bytearray):
        return bytes(source), "<bytes>"
    if isinstance(source, str) and looks_like_xml(source):
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
        raise TypeError(f"takes bytes, a path, a str of XML or a file object, not {type(source).__name__}")
    if len(data) > max_bytes:
        raise too_large(max_bytes, name)
    return data, name


class _TooManyElements(Exception):
    pass


class _ElementCounter:
    """A parser target that only counts start tags, and stops at the limit (no tree is built)."""

    def __init__(self, limit: int) -> None:
        self.count = 0
        self.limit = limit

    def start(self, tag: str, attrib: dict[str, str], nsmap: dict[str | None, str] | None = None) -> None:
        self.count += 1
        if self.count > self.limit:
            raise _TooManyElements

    def close(self) -> int:
        return self.count


def _check_element_count(data: bytes, max_elements: int, source: str) -> None:
    """Refuse a document of over ``max_elements`` elements before building its tree.

    An element takes at least four bytes (``<a/>``), and start tags are at most the ``<`` not
    opening an end tag (counted at C speed); only when both bounds are over the limit are
    the elements counted for real, by a parser that builds nothing and stops at the limit.
    """
    if len(data) < 4 * (max_elements + 1) or data.count(b"<") - data.count(b"</") <= max_elements:
        return
    parser = etree.XMLParser(  # type: ignore[call-overload]  # types-lxml's target needs data/end/comment too; lxml does not
        target=_ElementCounter(max_elements), resolve_entities=False, no_network=True, load_dtd=False
    )
    try:
        etree.fromstring(data, parser)
    except _TooManyElements:
        raise too_many(max_elements, source) from None
    except etree.XMLSyntaxError:
        return  # the real parse names the error and its line


def xml_bytes(text: str) -> bytes:
    """XML given as ``str``, as UTF-8 bytes whose declaration (if any) says UTF-8."""
    return _ENCODING_IN_DECLARATION.sub(r"\1\2UTF-8\2", text, count=1).encode("utf-8")


def parse_xml(
    data: bytes | bytearray | str,
    *,
    source: str = "<bytes>",
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_elements: int = DEFAULT_MAX_ELEMENTS,
) -> etree._Element:
    """Parse untrusted XML (bytes, or ``str`` holding XML) into an element, or raise :class:`XMLInputError`."""
    if isinstance(data, str):
        data = xml_bytes(data)
    if not isinstance(data, bytes | bytearray):
        raise TypeError("parse_xml takes bytes (or a str of XML); read files in binary mode")
    if len(data) > max_bytes:
        raise too_large(max_bytes, source, size=len(data))
    if _declares_doctype(_prolog_text(bytes(data))):
        raise XMLInputError(_DOCTYPE_REFUSED, source=source, line=1)
    _check_element_count(bytes(data), max_elements, source)
    try:
        root = etree.fromstring(bytes(data), _parser())
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (None, None)
        message = error.msg.split(", line ")[0] if error.msg else "malformed XML"
        raise XMLInputError(message, source=source, line=line, column=column) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise XMLInputError(_DOCTYPE_REFUSED, source=source, line=1)
    return root
