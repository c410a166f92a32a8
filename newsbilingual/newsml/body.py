"""The paragraphs of a text item's content, whatever markup carries them.

Providers send bodies as XHTML or NITF in ``inlineXML``, as plain text in ``inlineData``, or
by reference (``remoteContent``). :func:`read_blocks` turns the first readable one (an
``inlineXML`` holding an element, or a textual ``inlineData``) into
:class:`~newsbilingual.story.model.Block` objects: one per paragraph-like element, its text exactly
as written (the text of inline markup and the whitespace included, nothing collapsed). Plain
text is split at blank lines. The renderer uses the same reading to check that a kept
``content_xml`` still matches the item's blocks.
"""

from __future__ import annotations

import re

from lxml import etree

from ..story.model import ID_RE, Block
from .extras import NAR

# Elements that hold a paragraph of text, by local name, in XHTML and NITF alike.
BLOCK_NAMES = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "dt", "dd", "hl2"})
BLANK_LINE = re.compile(r"\r?\n[ \t]*\r?\n")


# The same names in any namespace, as lxml's iter() takes them (filtered in C, not in Python).
BLOCK_TAGS = tuple(f"{{*}}{name}" for name in sorted(BLOCK_NAMES))


def _paragraph_elements(root: etree._Element) -> list[etree._Element]:
    """Block elements that hold no other block element, in document order."""
    return [element for element in root.iter(*BLOCK_TAGS) if next(element.iterdescendants(*BLOCK_TAGS), None) is None]


def _blocks(texts: list[tuple[str, str]]) -> tuple[Block, ...]:
    """Blocks from (id attribute, text) pairs: the id kept when usable, else ``p<position>``."""
    used = {ident for ident, _ in texts if ID_RE.match(ident)}
    taken: set[str] = set()
    blocks = []
    for position, (ident, text) in enumerate(texts, start=1):
        if not ID_RE.match(ident) or ident in taken:
            ident = f"p{position}"
            while ident in used or ident in taken:
                ident += "_"
        taken.add(ident)
        blocks.append(Block(ident, text))
    return tuple(blocks)


def _markup_blocks(root: etree._Element) -> tuple[Block, ...]:
    pairs = []
    for element in _paragraph_elements(root):
        text = "".join(element.itertext())
        if text.strip():
            pairs.append((element.get("id", ""), text))
    if not pairs:
        text = "".join(root.itertext())
        if text.strip():
            pairs.append(("", text))
    return _blocks(pairs)


def _text_blocks(text: str) -> tuple[Block, ...]:
    chunks = (chunk.strip("\r\n") for chunk in BLANK_LINE.split(text))
    return _blocks([("", chunk) for chunk in chunks if chunk.strip()])


def read_blocks(content_set: etree._Element | None) -> tuple[Block, ...]:
    """The paragraphs of the first ``inlineXML`` holding an element, or textual ``inlineData``,
    of a contentSet (an ``inlineXML`` holding only text or nothing is passed over)."""
    if content_set is None:
        return ()
    for child in content_set:
        if child.tag == f"{NAR}inlineXML":
            roots = [element for element in child if isinstance(element.tag, str)]
            if roots:
                return _markup_blocks(roots[0])
        elif child.tag == f"{NAR}inlineData" and _is_text(child):
            return _text_blocks(child.text or "")
    return ()


def _is_text(inline_data: etree._Element) -> bool:
    contenttype = inline_data.get("contenttype", "text/plain")
    return contenttype.startswith("text/") and inline_data.get("encoding", "") in ("", "none")
