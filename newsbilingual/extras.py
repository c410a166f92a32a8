"""Extras: what an item read from XML has beyond its model fields, and how it is written back.

The parser reads what the model holds, renders that model, and :func:`compute_extras`
compares the rendering with the document it read: every attribute, element and text the
rendering lacks (or has in excess) becomes an :class:`~newsbilingual.model.Extra`.
:func:`apply_extras`, called by the renderer, puts them back. So the renderer stays the one
place that decides the XML of a model field, and nothing of a document is dropped that the
renderer cannot write: the round trip holds by construction, for any NewsML-G2 the parser
accepts (elements come back where the schema lets them; layout whitespace is the renderer's).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from lxml import etree

from .model import Extra

NAR_NS = "http://iptc.org/std/nar/2006-10-01/"
_NAR = f"{{{NAR_NS}}}"


def digest(element: etree._Element) -> str:
    """A short fingerprint of an element as rendered (without its tail): the guard of an Extra."""
    return hashlib.blake2b(etree.tostring(element, with_tail=False), digest_size=8).hexdigest()


def is_layout(text: str | None) -> bool:
    """Whitespace that only lays out elements (none, or containing a line break), not content."""
    return not text or (not text.strip() and "\n" in text)


def _elements(parent: etree._Element) -> list[etree._Element]:
    return [child for child in parent if isinstance(child.tag, str)]


def same(a: etree._Element, b: etree._Element) -> bool:
    """Equal trees, ignoring whitespace between elements (indentation) but no other text."""
    if a.tag != b.tag or a.attrib != b.attrib or len(a) != len(b):
        return False
    if not len(a):
        return (a.text or "") == (b.text or "")
    if _text(a.text) != _text(b.text):
        return False
    for x, y in zip(a, b, strict=True):
        if isinstance(x.tag, str) and isinstance(y.tag, str):
            if not same(x, y):
                return False
        elif x.tag != y.tag or x.text != y.text:
            return False
        if _text(x.tail) != _text(y.tail):
            return False
    return True


def _text(text: str | None) -> str:
    return "" if text is None or not text.strip() else text


def _is_container(element: etree._Element) -> bool:
    """A NewsML-G2 element holding only elements, comments and whitespace: its children can be aligned."""
    if not element.tag.startswith(_NAR) or _text(element.text):
        return False
    return not any(_text(child.tail) for child in element)


def _step(element: etree._Element, index: int) -> str:
    return f"{etree.QName(element).localname}[{index}]"


def _steps(children: list[etree._Element]) -> list[str]:
    """Each child's path step (``subject[3]``); children outside NewsML-G2 get none."""
    counts: dict[str, int] = {}
    steps = []
    for child in children:
        if child.tag.startswith(_NAR):
            counts[child.tag] = counts.get(child.tag, 0) + 1
            steps.append(_step(child, counts[child.tag]))
        else:
            steps.append("")
    return steps


def _xml(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode", with_tail=False)


def _score(a: etree._Element, b: etree._Element) -> int:
    """How alike two same-named elements are: shared attribute values and text."""
    shared = sum(1 for name, value in a.attrib.items() if b.get(name) == value)
    return 2 * shared + (1 if _text(a.text) == _text(b.text) else 0)


class _Aligner:
    """Walks a document's element and the rendering of its model side by side.

    ``known`` pairs elements of the document with their rendering when they are known to be
    equal already (items of a message, which were aligned on their own), to skip them.
    """

    def __init__(self, known: Mapping[etree._Element, etree._Element]) -> None:
        self.extras: list[Extra] = []
        self.known = known

    def align(self, original: etree._Element, rendered: etree._Element, path: str) -> None:
        for name, value in original.attrib.items():
            if rendered.get(name) != value:
                self.extras.append(Extra("attribute", path, name=name, value=value))
        for name in rendered.attrib:
            if name not in original.attrib:
                self.extras.append(Extra("attribute", path, name=name, value=None))
        candidates = _elements(rendered)
        steps = _steps(candidates)
        position = {id(candidate): index for index, candidate in enumerate(candidates)}
        known = {child: position[id(self.known[child])] for child in original if child in self.known}
        used = [index in known.values() for index in range(len(candidates))]
        after = ""
        for child in original:
            if child in known:
                after = steps[known[child]]
                continue
            match, identical = self._match(child, candidates, steps, used)
            if match is None:
                self.extras.append(Extra("element", path, xml=_xml(child), after=after))
                continue
            used[match] = True
            after = steps[match]
            if identical:
                continue
            counterpart = candidates[match]
            child_path = f"{path}/{after}" if path else after
            if _is_container(child) and _is_container(counterpart):
                self.align(child, counterpart, child_path)
            elif not same(child, counterpart):
                self.extras.append(Extra("replace", child_path, xml=_xml(child), guard=digest(counterpart)))
        for index, candidate in enumerate(candidates):
            if not used[index] and steps[index]:
                step_path = f"{path}/{steps[index]}" if path else steps[index]
                self.extras.append(Extra("omit", step_path, guard=digest(candidate)))

    @staticmethod
    def _match(
        child: etree._Element, candidates: list[etree._Element], steps: list[str], used: list[bool]
    ) -> tuple[int | None, bool]:
        """The rendered counterpart of ``child``: the next unused one of its name if equal (the
        usual case), else the most alike; and whether it is equal."""
        if not isinstance(child.tag, str):
            return None, False
        same_name = [i for i, c in enumerate(candidates) if not used[i] and steps[i] and c.tag == child.tag]
        if not same_name:
            return None, False
        if same(child, candidates[same_name[0]]):
            return same_name[0], True
        return max(same_name, key=lambda i: _score(child, candidates[i])), False


def compute_extras(
    original: etree._Element,
    rendered: etree._Element,
    known: Mapping[etree._Element, etree._Element] | None = None,
) -> tuple[Extra, ...]:
    """The extras that turn ``rendered`` (the model's rendering) back into ``original``;
    ``known`` pairs parts already known to be equal (see :class:`_Aligner`).

    Text directly inside the document element (which NewsML-G2 never has) is not among them:
    see :func:`stray_text`.
    """
    aligner = _Aligner(known or {})
    aligner.align(original, rendered, "")
    return tuple(aligner.extras)


def stray_text(element: etree._Element) -> str:
    """Text between the children of a document element (invalid there): what extras cannot keep."""
    texts = [element.text, *(child.tail for child in element)]
    return " ".join(text.strip() for text in texts if _text(text))


def _resolve(root: etree._Element, path: str) -> etree._Element | None:
    element = root
    for step in path.split("/") if path else ():
        name, _, index = step[:-1].partition("[")
        matches = (child for child in element if child.tag == f"{_NAR}{name}")
        element = next((child for n, child in enumerate(matches, 1) if n == int(index)), None)
        if element is None:
            return None
    return element


def fragment(xml: str) -> etree._Element:
    """An element, comment or processing instruction the parser serialised itself (so trusted),
    parsed without DTD or network."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    if xml.startswith(("<!--", "<?")):
        return etree.fromstring(f"<kept>{xml}</kept>", parser)[0]
    return etree.fromstring(xml, parser)


def apply_extras(root: etree._Element, extras: Iterable[Extra]) -> etree._Element:
    """Write an item's (or message's) extras into its freshly rendered element ``root``.

    Paths, anchors and guards are all taken from the rendering before anything changes. An
    extra whose element is gone (the model was edited) is left out; ``replace`` and ``omit``
    apply only while their element renders as it did when read.
    """
    plan = []
    for extra in extras:
        target = _resolve(root, extra.path)
        if target is None:
            continue
        if extra.kind in ("replace", "omit") and digest(target) != extra.guard:
            continue
        anchor = _resolve(target, extra.after) if extra.kind == "element" and extra.after else None
        plan.append((extra, target, anchor))
    last_inserted: dict[tuple[int, str], etree._Element] = {}
    for extra, target, anchor in plan:
        if extra.kind == "element":
            element = fragment(extra.xml)
            key = (id(target), extra.after)
            previous = last_inserted.get(key, anchor)
            if previous is not None:
                previous.addnext(element)
            elif extra.after:
                target.append(element)
            else:
                target.insert(0, element)
            last_inserted[key] = element
        elif extra.kind == "attribute":
            if extra.value is not None:
                target.set(extra.name, extra.value)
            elif extra.name in target.attrib:
                del target.attrib[extra.name]
    for extra, target, _ in plan:
        if extra.kind == "replace":
            replacement = fragment(extra.xml)
            replacement.tail = target.tail
            target.getparent().replace(target, replacement)
        elif extra.kind == "omit":
            target.getparent().remove(target)
    return root
