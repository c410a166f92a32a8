"""A text item's body: blocks read from whatever markup carries them, and edits written back.

Providers send bodies as XHTML or NITF in ``inlineXML``, as plain text in ``inlineData``, or
by reference (``remoteContent``). :func:`read_blocks` turns the first readable one (an
``inlineXML`` holding an element, or a textual ``inlineData``) into
:class:`~newsbilingual.story.model.Block` objects: one per element that holds text and no
other block (a paragraph, heading, list entry, table cell, a provider's own element), its
``kind`` the element's name, its text exactly as written with ``<br/>`` as ``\\n``, its inline
markup as :class:`~newsbilingual.story.model.Mark` objects. Containers (``section``, ``ul``,
``table``, ``tr``) are walked, never blocks; the XHTML ``head`` is not body. Text mixed with
markup that is not inline (an ``object`` beside words) is one ``verbatim`` block. Plain text
is split at blank lines.

:func:`write_blocks` is the other way: it writes a body's edits into a copy of the markup read,
block by block, so that everything else (tables, lists, attributes, namespaces, whitespace)
stays exactly as read. An edit that cannot be written there safely raises
:class:`~newsbilingual.errors.ModelError` naming the block. The walk is written here rather
than taken from an HTML library because it must map each character of a block back to the
text node it came from, which is what makes an edit local.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..errors import ModelError
from ..story.model import BLOCK_KIND_RE, ID_RE, VERBATIM, Block, Cell, Mark, changed_span
from .extras import NAR, tag_of

BLANK_LINE = re.compile(r"\r?\n[ \t]*\r?\n")
# Markup inside a line of text (XHTML's phrasing content and NITF's inline elements): a block
# holding only these is editable text with marks. By local name, in any namespace.
INLINE = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "big",
        "br",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "chron",
        "classifier",
        "copyrite",
        "event",
        "function",
        "lang",
        "location",
        "money",
        "num",
        "org",
        "person",
        "postaddr",
        "virtloc",
        "pronounce",
    ]
)
# Elements that are never body text: the XHTML document head, NITF's body.head (headline, byline).
NOT_BODY = frozenset({"head", "body.head"})


_LOCAL_NAMES: dict[str, str] = {}  # a tag -> its local name: a body repeats a few tags many times


def _name(node: etree._Element) -> str:
    tag = tag_of(node)
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = _LOCAL_NAMES[tag] = tag.rpartition("}")[2]
    return name


def _mark(start: int, end: int, tag: str, attributes: tuple[tuple[str, str], ...]) -> Mark:
    """A Mark of values the walk made (a span it counted, a tag and attributes the XML parser
    read), not checked again: reading a long body, the model's checks cost more than the
    reading (as :meth:`Block.from_checked <newsbilingual.story.model.Block.from_checked>`)."""
    mark = object.__new__(Mark)
    for name, value in (("start", start), ("end", end), ("tag", tag), ("attributes", attributes)):
        object.__setattr__(mark, name, value)
    return mark


@dataclass
class _Run:
    """Where a stretch of a block's text lives: ``node.text`` or ``node.tail`` (``what``), or a
    ``<br/>`` (``what`` is ``"br"``, the text ``\\n``)."""

    node: etree._Element
    what: str
    start: int
    text: str


@dataclass
class _Found:
    """A block as read, with the element (or stretch of ``inlineData``) it came from."""

    block: Block
    element: etree._Element
    span: tuple[int, int] | None = None  # offsets in an inlineData's text

    @property
    def runs(self) -> list[_Run]:
        """Where the block's text lives (found again only for an edit)."""
        return _runs(self.element)[0]


def _runs(element: etree._Element) -> tuple[list[_Run], list[Mark]]:
    """The text runs of a block element and its inline marks, in document order."""
    runs: list[_Run] = []
    marks: list[Mark] = []
    length = 0

    def add(node: etree._Element, what: str, text: str | None) -> None:
        nonlocal length
        if text:
            runs.append(_Run(node, what, length, text))
            length += len(text)

    def walk(node: etree._Element) -> None:
        add(node, "text", node.text)
        for child in node:
            if isinstance(child.tag, str) and _name(child) == "br":
                add(child, "br", "\n")
            elif isinstance(child.tag, str):
                start = length
                walk(child)
                attributes = tuple(sorted(child.attrib.items()))
                marks.append(_mark(start, length, _name(child), attributes))
            add(child, "tail", child.tail)

    walk(element)
    return runs, marks


def _has_text(element: etree._Element) -> bool:
    """Text directly inside ``element`` (not only whitespace between its children)."""
    texts = [element.text, *(child.tail for child in element)]
    return any(text and text.strip() for text in texts)


class _Walk:
    """Finds the blocks of one markup root: leaf elements with text, tables numbered.

    Which elements hold a block (an element that is not inline markup) is found in one pass
    up from every such element, so the walk down is linear in the size of the body."""

    def __init__(self, root: etree._Element) -> None:
        self.found: list[tuple[etree._Element, str, str, tuple[Mark, ...], Cell | None]] = []
        self.tables: dict[etree._Element, tuple[int, dict[etree._Element, int]]] = {}
        self.rows: dict[etree._Element, dict[etree._Element, int]] = {}
        self.holders: set[etree._Element] = set()
        for node in root.iter(etree.Element):
            if _name(node) not in INLINE:
                parent = node.getparent()
                while parent is not None and parent not in self.holders:
                    self.holders.add(parent)
                    parent = parent.getparent()

    def walk(self, element: etree._Element) -> None:
        if element not in self.holders:
            self.leaf(element, _name(element))
        elif _has_text(element):
            self.leaf(element, VERBATIM)
        else:
            for child in element.iterchildren(etree.Element):
                if _name(child) not in NOT_BODY:
                    self.walk(child)

    def leaf(self, element: etree._Element, kind: str) -> None:
        if len(element):
            runs, marks = _runs(element)
            text = "".join(run.text for run in runs)
        else:  # most blocks: text alone
            text, marks = element.text or "", []
        if not text.strip():
            return
        cell = self.cell(element) if kind in ("td", "th") else None
        self.found.append((element, kind, text, () if kind == VERBATIM else tuple(marks), cell))

    def cell(self, element: etree._Element) -> Cell | None:
        row = element.getparent()
        table = next(element.iterancestors("{*}table", "table"), None)
        if row is None or table is None or _name(row) != "tr":
            return None
        if table not in self.tables:
            rows = table.iter("{*}tr", "tr")
            self.tables[table] = (len(self.tables) + 1, {tr: index for index, tr in enumerate(rows, start=1)})
        number, rows_of = self.tables[table]
        if row not in self.rows:
            cells = [node for node in row.iterchildren(etree.Element) if _name(node) in ("td", "th")]
            self.rows[row] = {cell: column for column, cell in enumerate(cells, start=1)}
        return Cell(number, rows_of[row], self.rows[row][element])


def _identify(pairs: list[tuple[str, str]]) -> list[str]:
    """Block ids from the elements' ``id`` attributes where usable, else ``p<position>``."""
    used = {ident for ident, _ in pairs if ID_RE.match(ident)}
    taken: set[str] = set()
    ids = []
    for position, (ident, _) in enumerate(pairs, start=1):
        if not ID_RE.match(ident) or ident in taken:
            ident = f"p{position}"
            while ident in used or ident in taken:
                ident += "_"
        taken.add(ident)
        ids.append(ident)
    return ids


def _found(walk: _Walk) -> list[_Found]:
    ids = _identify([(element.get("id", ""), "") for element, *_ in walk.found])
    result = []
    for ident, (element, kind, text, marks, cell) in zip(ids, walk.found, strict=True):
        block = Block.from_checked(ident, text, kind if BLOCK_KIND_RE.match(kind) else VERBATIM, marks, cell)
        result.append(_Found(block, element))
    return result


def _walk_root(root: etree._Element) -> list[_Found]:
    """The blocks of one markup root (the element inside ``inlineXML``)."""
    walk = _Walk(root)
    walk.walk(root)
    return _found(walk)


def _text_blocks(inline_data: etree._Element) -> list[_Found]:
    text = inline_data.text or ""
    spans, start = [], 0
    for match in [*BLANK_LINE.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        stripped = chunk.strip("\r\n")
        if stripped.strip():
            offset = start + chunk.index(stripped)
            spans.append((offset, offset + len(stripped)))
        start = match.end() if match else end
    ids = _identify([("", "")] * len(spans))
    return [
        _Found(Block.from_checked(ident, text[a:b]), inline_data, span=(a, b))
        for ident, (a, b) in zip(ids, spans, strict=True)
    ]


def _source(content_set: etree._Element | None) -> list[_Found]:
    """The blocks of the first ``inlineXML`` holding an element, or textual ``inlineData``."""
    if content_set is None:
        return []
    for child in content_set:
        if child.tag == f"{NAR}inlineXML":
            roots = [element for element in child if isinstance(element.tag, str)]
            if roots:
                return _walk_root(roots[0])
        elif child.tag == f"{NAR}inlineData" and _is_text(child):
            return _text_blocks(child)
    return []


def read_blocks(content_set: etree._Element | None) -> tuple[Block, ...]:
    """The blocks of a contentSet (see the module): an ``inlineXML`` holding only text or
    nothing is passed over."""
    return tuple(found.block for found in _source(content_set))


def _is_text(inline_data: etree._Element) -> bool:
    contenttype = inline_data.get("contenttype", "text/plain")
    return contenttype.startswith("text/") and inline_data.get("encoding", "") in ("", "none")


# -- writing edits back ---------------------------------------------------------------------


def write_blocks(
    content_set: etree._Element, body: tuple[Block, ...], guid: str, first_line: int = 1
) -> etree._Element:
    """``content_set`` (a copy, changed in place and returned) holding ``body``: each block
    edited, added or removed where it is, everything else as read.

    A block keeps its place: blocks may be removed and new ones (an id not read) added, not
    reordered or changed in kind. A changed text is written into the one text node that
    held the changed part; a change across inline markup, or in a ``verbatim`` block, raises
    :class:`ModelError` naming the item, the block and (``first_line``: the line ``content_set``
    starts on in the document read) the line of its element.
    """
    found = _source(content_set)
    read = {entry.block.id: entry for entry in found}
    kept = [block.id for block in body if block.id in read]
    if kept != [entry.block.id for entry in found if entry.block.id in kept]:
        raise ModelError(f"item {guid!r}: blocks read from XML cannot be reordered", field="body")
    for index, block in enumerate(body):
        entry = read.get(block.id)
        if entry is not None and block.kind != entry.block.kind:
            raise ModelError(
                f"item {guid!r}: a block's kind cannot change ({entry.block.kind} to {block.kind})",
                field=f"body[{index}] ({block.id})",
            )
    if found and found[0].span is not None:
        _write_text(found, body)
        return content_set
    previous: _Found | None = None
    for index, block in enumerate(body):
        where = f"body[{index}] ({block.id})"
        entry = read.get(block.id)
        if entry is None:
            previous = _insert(block, previous, found, where, guid)
            continue
        if block.text != entry.block.text:
            _edit(entry, block.text, where, guid, first_line - 1)
        previous = entry
    wanted = {block.id for block in body}
    for entry in found:
        if entry.block.id not in wanted:
            _remove(entry)
    return content_set


def _write_text(found: list[_Found], body: tuple[Block, ...]) -> None:
    """Plain text: the blocks joined again by the separators read after each (a blank line
    for a new one), with the text before the first and after the last as read."""
    element = found[0].element
    text = element.text or ""
    spans = [entry.span for entry in found if entry.span]
    after = {
        entry.block.id: text[span[1] : following[0]]
        for entry, span, following in zip(found, spans, [*spans[1:], None], strict=True)
        if following
    }
    parts = [text[: spans[0][0]]]
    for index, block in enumerate(body):
        parts.append(block.text)
        if index < len(body) - 1:
            parts.append(after.get(block.id, "\n\n"))
    parts.append(text[spans[-1][1] :])
    element.text = "".join(parts)


def _edit(entry: _Found, text: str, where: str, guid: str, lines: int) -> None:
    start, end, replacement = changed_span(entry.block.text, text)
    if entry.block.kind == VERBATIM:
        raise ModelError(
            f"item {guid!r}: block {entry.block.id!r} is text around markup the library cannot edit "
            f"(<{_name(entry.element)}> at line {lines + (entry.element.sourceline or 1)}); edit the XML itself",
            field=where,
        )
    runs = entry.runs
    run = next((r for r in runs if r.what != "br" and r.start <= start and end <= r.start + len(r.text)), None)
    if run is None and all(r.what == "br" or r.node is entry.element for r in runs):
        _rewrite(entry.element, text, entry.block.kind)
        return
    if run is None:
        raise ModelError(
            f"item {guid!r}: block {entry.block.id!r}: the edit spans inline markup "
            f"({entry.block.text[start:end]!r}); edit the text inside one element at a time",
            field=where,
        )
    value = run.text[: start - run.start] + replacement + run.text[end - run.start :]
    setattr(run.node, run.what, value)
    if "\n" in replacement and entry.block.kind != "pre":
        _breaks(run.node, run.what)


def _breaks(node: etree._Element, what: str) -> None:
    """Turn the line feeds of ``node.text`` (or ``.tail``) into ``<br/>`` elements in its namespace."""
    first, *rest = getattr(node, what).split("\n")
    setattr(node, what, first)
    namespace = etree.QName(node).namespace
    anchor = None
    for part in rest:
        br = etree.Element(f"{{{namespace}}}br" if namespace else "br")
        br.tail = part
        if anchor is not None:
            anchor.addnext(br)
        elif what == "text":
            node.insert(0, br)
        else:
            node.addnext(br)
        anchor = br


def _rewrite(element: etree._Element, text: str, kind: str) -> None:
    """A block of text and line breaks only, written anew."""
    for child in list(element):
        element.remove(child)
    element.text = text
    if "\n" in text and kind != "pre":
        _breaks(element, "text")


def _insert(block: Block, previous: _Found | None, found: list[_Found], where: str, guid: str) -> _Found:
    """A new block, written after the block before it (or before the first block read)."""
    anchor = previous or (found[0] if found else None)
    if anchor is None:
        raise ModelError(f"item {guid!r}: a body read without blocks cannot take new ones here", field=where)
    namespace = etree.QName(anchor.element).namespace
    element = etree.Element(f"{{{namespace}}}{block.kind}" if namespace else block.kind)
    if ID_RE.match(block.id):
        element.set("id", block.id)
    _rewrite(element, block.text, block.kind)
    if previous is None:
        anchor.element.addprevious(element)
        element.tail = anchor.element.tail
    else:
        element.tail = anchor.element.tail
        anchor.element.addnext(element)
    return _Found(block, element)


def _remove(entry: _Found) -> None:
    element = entry.element
    parent = element.getparent()
    assert parent is not None  # a block found in a body has its parent there
    tail = element.tail
    before = element.getprevious()
    parent.remove(element)
    if tail and tail.strip():  # text after the block belongs to its parent: keep it
        if before is not None:
            before.tail = (before.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
