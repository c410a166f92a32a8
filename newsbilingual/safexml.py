"""Parsing XML from outside safely: no network, no DTD, no entity expansion, a size limit.

NewsML-G2 never needs a DOCTYPE, so any document that declares one is refused, before the
parser even sees it when the prolog shows it (so an entity bomb costs nothing), and after
parsing otherwise (a prolog in an encoding the pre-check does not read). Entities are never
expanded (``resolve_entities=False``), which also defuses "billion laughs" and quadratic
blow-up, and nothing is fetched (``no_network``, ``load_dtd=False``). Text nodes and nesting
depth keep libxml2's limits (no ``huge_tree``); the size limit is the caller's to raise.
Errors name the source, line and column.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from .errors import XMLInputError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_PROLOG_BYTES = 64 * 1024
_ENCODING_IN_DECLARATION = re.compile(r"""\A(\ufeff?<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""")
_DOCTYPE_REFUSED = "documents with a DOCTYPE (DTD, entity declarations) are refused"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )


def _prolog_text(data: bytes) -> str:
    """The start of the document as text, in its byte-order mark's encoding (else ASCII-compatible)."""
    head = data[:_PROLOG_BYTES]
    for bom, encoding in (
        (codecs.BOM_UTF8, "latin-1"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("latin-1")


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


def xml_bytes(text: str) -> bytes:
    """XML given as ``str``, as UTF-8 bytes whose declaration (if any) says UTF-8."""
    return _ENCODING_IN_DECLARATION.sub(r"\1\2UTF-8\2", text, count=1).encode("utf-8")


def parse_xml(
    data: bytes | bytearray | str, *, source: str = "<bytes>", max_bytes: int = DEFAULT_MAX_BYTES
) -> etree._Element:
    """Parse untrusted XML (bytes, or ``str`` holding XML) into an element, or raise :class:`XMLInputError`."""
    if isinstance(data, str):
        data = xml_bytes(data)
    if not isinstance(data, bytes | bytearray):
        raise TypeError("parse_xml takes bytes (or a str of XML); read files in binary mode")
    if len(data) > max_bytes:
        raise XMLInputError(
            f"document is {len(data)} bytes, over the limit of {max_bytes} (raise max_bytes to accept it)",
            source=source,
        )
    if _declares_doctype(_prolog_text(bytes(data))):
        raise XMLInputError(_DOCTYPE_REFUSED, source=source, line=1)
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
