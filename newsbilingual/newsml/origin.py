"""Where a parsed object came from: the element it was read from, written back while unchanged.

:func:`newsbilingual.parse` does not render what it reads to find out what the model lacks.
It keeps the document's tree and gives every item (and message) an :class:`Origin`: its
element and the values the object was read with. The model holds none of it: the object's
``origin`` field is a :class:`~newsbilingual.story.model.ReadFrom`, an identity that this
module maps to its :class:`Origin` (:func:`origin_of`) for as long as an object holds it.
The renderer asks :meth:`Origin.unchanged`: while the object still holds those values, the
original element is written back (order, namespaces, whitespace inside ``inlineXML``: all as
read; :meth:`Parsed.to_bytes <newsbilingual.newsml.read.Parsed.to_bytes>` returns the bytes
read). An item whose body or text fields (headline, slugline, summary, caption) were edited
is that element with the edits written into the elements they were read from
(:meth:`Origin.edited`; the body's by :func:`newsbilingual.newsml.body.write_blocks`). Only an
object edited otherwise is rendered from the model, and only then is the difference
between the original element and the rendering of the object as read computed
(:func:`newsbilingual.newsml.extras.compute_extras`) and applied to the edited one, so that
what the model does not hold survives the edit.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from dataclasses import fields
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from xml.sax.saxutils import quoteattr

from lxml import etree

from ..story.model import Extra, ReadFrom, TextItem
from .body import write_blocks
from .extras import NAR, compute_extras, fragment, local_name, tag_of

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# The model class of an object read (an item, a message): Origin[TextItem] belongs to a text item.
M = TypeVar("M", bound="DataclassInstance")

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@cache
def _compared_fields(kind: type[DataclassInstance]) -> tuple[str, ...]:
    """The fields of a model class that equality compares (all but ``origin``)."""
    return tuple(f.name for f in fields(kind) if f.compare)


def _values(obj: DataclassInstance) -> tuple[object, ...]:
    return tuple(getattr(obj, name) for name in _compared_fields(type(obj)))


class Origin(Generic[M]):
    """The element an object was read from (never changed) and the object's values as read.

    ``language`` is the ``xml:lang`` the element inherits from an enclosing newsMessage when it
    states none itself: an item written on its own states it. The values, not the object,
    are kept, and the object's ReadFrom only weakly: no reference cycle keeps a document alive.
    """

    __slots__ = ("_extras", "_kind", "_read_from", "_values", "data", "element", "language", "texts")

    def __init__(self, element: etree._Element, language: str | None = None) -> None:
        self.element = element
        self.language = language
        self._kind: type[M] | None = None
        self._values: tuple[object, ...] = ()
        self._extras: tuple[Extra, ...] | None = None
        self._read_from: weakref.ref[ReadFrom] | None = None
        self.data = b""  # the document's bytes, when the element is the document element
        # A text field -> the elements inside this one whose text it was read as (headline, and
        # the itemMeta title that repeats it; slugline; summary), so that an edit of it is
        # written there.
        self.texts: dict[str, tuple[etree._Element, ...]] = {}

    def read_from(self, source: str) -> ReadFrom:
        """The identity the object read from this element holds as its ``origin``."""
        token = ReadFrom(source, self.element.sourceline)
        _ORIGINS[token] = self
        self._read_from = weakref.ref(token)
        return token

    def read_as(self, obj: M) -> None:
        """Record what ``obj`` holds as what was read from the element."""
        self._kind, self._values = type(obj), _values(obj)

    @property
    def model(self) -> M:
        """The object as read, built again (needed only once it has been edited); a text item
        with this origin, so that its body renders to the markup read."""
        if self._kind is None:
            raise ValueError("nothing was recorded as read from this element")
        values = dict(zip(_compared_fields(self._kind), self._values, strict=True))
        if self._kind is TextItem:
            values["origin"] = self._read_from() if self._read_from is not None else None
        return self._kind(**values)

    def __str__(self) -> str:
        return f"{etree.QName(self.element).localname} read from line {self.element.sourceline}"

    def unchanged(self, obj: M) -> bool:
        """Whether ``obj`` still holds what was read (model fields compared; origins are not)."""
        return type(obj) is self._kind and _values(obj) == self._values

    def edited(self, obj: object) -> etree._Element | None:
        """The element read, with ``obj``'s edits written into the elements they change, in one
        pass: the body's into its markup, a text field's into the element it was read from.
        None when an edit has no element to go into (a field read empty, one the reader does
        not map to an element): the object is then rendered from the model."""
        changed = self.changed(obj)
        contents = self.element.find(f"{NAR}contentSet")
        texts = {name: self.texts.get(name, ()) for name in changed - {"body"}}
        if ("body" in changed and contents is None) or any(
            not elements or any(len(element) for element in elements) or not getattr(obj, name)
            for name, elements in texts.items()
        ):
            return None
        duplicate = self.copy()
        for name, elements in texts.items():
            for element in elements:
                _counterpart(self.element, element, duplicate).text = getattr(obj, name)
        if "body" in changed and contents is not None and isinstance(obj, TextItem):
            kept = duplicate.find(f"{NAR}contentSet")
            assert kept is not None  # the copy of an element whose contentSet was read
            # Errors name the document's lines: the copy's first line is the item element's.
            first_line = (contents.sourceline or 1) - (kept.sourceline or 1) + 1
            write_blocks(kept, obj.body, obj.guid, first_line)
        return duplicate

    def changed(self, obj: object) -> frozenset[str]:
        """The model fields in which ``obj`` differs from what was read (``__class__`` for an
        object of another class)."""
        if self._kind is None or type(obj) is not self._kind:
            return frozenset(["__class__"])
        names = _compared_fields(self._kind)
        return frozenset(name for name, read in zip(names, self._values, strict=True) if getattr(obj, name) != read)

    def copy(self) -> etree._Element:
        """The element as read, on its own: with the namespace declarations and the language
        it inherits from the document around it. A copy of the document element remembers
        the bytes read, which :func:`newsbilingual.newsml.render.to_bytes` returns for it
        while it is unchanged (:func:`bytes_read`)."""
        # Serialised and parsed, not deep-copied: a copy made by lxml re-prefixes an element
        # whose own declaration repeats one of an ancestor's under another prefix.
        duplicate = self.declared(fragment(etree.tostring(self.element, encoding="unicode", with_tail=False)))
        if self.language is not None:
            duplicate.set(XML_LANG, self.language)
        if self.data:
            duplicate = etree.fromstring(etree.tostring(duplicate), _COPY_PARSER)
            _DOCUMENTS[duplicate] = (etree.tostring(duplicate), self.data)
        return duplicate

    def declared(self, element: etree._Element) -> etree._Element:
        """``element`` (a copy or a rendering of this one) declaring every namespace the element
        read had in scope, each with the prefix it had there.

        lxml declares only the namespaces that names use; a prefix used only inside attribute
        values (``xmlns:xs`` for ``valuedatatype="xs:string"``) needs its declaration too. lxml
        cannot add declarations to an element, and moving children under a new element makes
        it re-prefix them (an XHTML ``<html xmlns="...">`` under an ``xmlns:h`` of the same URI
        becomes ``<h:html>``): so the declarations are written into the serialised start tag,
        which lxml made itself, and that is parsed again.
        """
        own = element.nsmap
        missing = {prefix: uri for prefix, uri in self.element.nsmap.items() if prefix not in own}
        if not missing:
            return element
        xml = etree.tostring(element, encoding="unicode")
        name = f"<{element.prefix}:{local_name(element)}" if element.prefix else f"<{local_name(element)}"
        declarations = "".join(f" xmlns{':' + p if p else ''}={quoteattr(uri)}" for p, uri in missing.items())
        return fragment(name + declarations + xml[len(name) :])

    def extras(
        self,
        render: Callable[[M], etree._Element],
        known: Mapping[etree._Element, etree._Element] | None = None,
    ) -> tuple[Extra, ...]:
        """How the element differs from the rendering of the object as read (computed once):
        what an edited object needs to keep of the document. ``known`` pairs parts already
        known to be equal (the items of a message)."""
        if self._extras is None:
            extras = compute_extras(self.element, render(self.model), known)
            if self.language is not None:
                # Inside its message the item inherits the language it states on its own.
                extras = tuple(e for e in extras if (e.kind, e.path, e.name) != ("attribute", "", XML_LANG))
            self._extras = extras
        return self._extras


def _counterpart(root: etree._Element, element: etree._Element, duplicate: etree._Element) -> etree._Element:
    """The element of ``duplicate`` (a copy of ``root``) at the place ``element`` has in ``root``."""
    steps = []
    while element is not root:
        parent = element.getparent()
        assert parent is not None  # ``element`` is inside ``root``
        steps.append(parent.index(element))
        element = parent
    for step in reversed(steps):
        duplicate = duplicate[step]
    return duplicate


def inherited_languages(known: Mapping[etree._Element, etree._Element]) -> tuple[Extra, ...]:
    """Extras taking ``xml:lang`` off the items of a message that inherit it from the message
    (``known`` pairs each item element read with its rendering, which states it)."""
    extras = []
    counts: dict[str, int] = {}
    for original, rendered in known.items():
        tag = tag_of(rendered)
        counts[tag] = counts.get(tag, 0) + 1
        if original.get(XML_LANG) is None and rendered.get(XML_LANG) is not None:
            path = f"itemSet[1]/{etree.QName(rendered).localname}[{counts[tag]}]"
            extras.append(Extra("attribute", path, name=XML_LANG, value=None))
    return tuple(extras)


# Each ReadFrom an object holds -> its Origin; an entry goes with the last object holding it.
# (Origins of every model class: Origin[Any], which origin_of gives back as its object's.)
_ORIGINS: weakref.WeakKeyDictionary[ReadFrom, Origin[Any]] = weakref.WeakKeyDictionary()


class _DocumentCopy(etree.ElementBase):
    """The elements of a copy of a document element: lxml's own cannot be weakly referenced,
    and the copy must not keep the document's bytes alive after its holder lets it go."""


_COPY_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_COPY_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(element=_DocumentCopy))
# A copy of a document element read -> (its serialisation when copied, the document's bytes).
_DOCUMENTS: weakref.WeakKeyDictionary[etree._Element, tuple[bytes, bytes]] = weakref.WeakKeyDictionary()


def bytes_read(element: etree._Element) -> bytes | None:
    """The bytes of the document read, when ``element`` is a copy of its document element
    (:meth:`Origin.copy`) that nobody changed since; else None. So ``to_bytes(parsed.element())``
    of an unedited document is the document read, as :meth:`Parsed.to_bytes` is."""
    kept = _DOCUMENTS.get(element) if isinstance(element, _DocumentCopy) else None
    return kept[1] if kept is not None and etree.tostring(element) == kept[0] else None


def origin_of(obj: M) -> Origin[M] | None:
    """The :class:`Origin` of a parsed object, None for one built otherwise."""
    token = getattr(obj, "origin", None)
    return _ORIGINS.get(token) if isinstance(token, ReadFrom) else None
