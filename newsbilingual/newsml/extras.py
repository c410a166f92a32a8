"""Extras: what an edited item read from XML keeps of its document, and how it is written back.

An item read from XML is written back as the element it was read from while it is unchanged
(:mod:`newsbilingual.newsml.origin`). Once a field is edited, the item is rendered from its
fields, and :func:`compute_extras` compares the original element with the rendering of the
item as read: every attribute, element and text the rendering lacks (or has in excess)
becomes an :class:`~newsbilingual.story.model.Extra`. :func:`apply_extras`, called by the
renderer, puts them into the rendering of the edited item. So the renderer stays the one
place that decides the XML of a model field, and an edit drops nothing the model does not
hold (elements come back where the schema lets them; layout whitespace is the renderer's).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from itertools import islice

from lxml import etree

from ..story.model import Extra

NAR_NS = "http://iptc.org/std/nar/2006-10-01/"
NAR = f"{{{NAR_NS}}}"
# How many unused same-named candidates an element equal to none is compared with.
MATCH_WINDOW = 32
# Attributes whose value the model keeps as it was read: elements sharing one are counterparts.
IDENTIFYING = ("literal", "qcode", "residref", "href", "uri", "id", "idref", "guid")
# Those of them the renderer never writes with another value (it may write another qcode:
# ninat:picture for ninat:graphic): elements that differ in one are never counterparts.
DISTINCT = tuple(name for name in IDENTIFYING if name != "qcode")
# What _shape gives (hashable, equal for equal trees) and what _outline gives (a set of children's shapes).
Shape = tuple[object, ...]
Outline = frozenset[Shape]


def tag_of(element: etree._Element) -> str:
    """An element's tag, a str for every element parsed or built with str tags (lxml keeps a
    QName or bytes set as the tag as it is; a comment's tag is a function): typed for mypy."""
    tag = element.tag
    assert isinstance(tag, str), f"not an element's tag: {tag!r}"
    return tag


def local_name(element: etree._Element) -> str:
    """An element's name without its namespace (``subject``)."""
    return tag_of(element).rpartition("}")[2]  # what etree.QName(element).localname says, 5x faster


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
    if _nonblank(a.text) != _nonblank(b.text):
        return False
    for x, y in zip(a, b, strict=True):
        if isinstance(x.tag, str) and isinstance(y.tag, str):
            if not same(x, y):
                return False
        elif x.tag != y.tag or x.text != y.text:
            return False
        if _nonblank(x.tail) != _nonblank(y.tail):
            return False
    return True


def _nonblank(text: str | None) -> str:
    """The text, or ``""`` when it is only whitespace (layout, as :func:`same` sees it)."""
    return "" if text is None or not text.strip() else text


def _shape(node: etree._Element) -> Shape:
    """A hashable value equal for two nodes exactly when :func:`same` holds for them."""
    if not isinstance(node.tag, str):
        return (node.tag, node.text)
    attributes = frozenset(node.attrib.items())
    if not len(node):
        return (node.tag, attributes, node.text or "", ())
    children = tuple((_shape(child), _nonblank(child.tail)) for child in node)
    return (node.tag, attributes, _nonblank(node.text), children)


def _is_container(element: etree._Element) -> bool:
    """A NewsML-G2 element holding only elements, comments and whitespace: its children can be aligned."""
    if not tag_of(element).startswith(NAR) or _nonblank(element.text):
        return False
    return not any(_nonblank(child.tail) for child in element)


def _step(element: etree._Element, index: int) -> str:
    return f"{etree.QName(element).localname}[{index}]"


def _steps(children: list[etree._Element]) -> list[str]:
    """Each child's path step (``subject[3]``); children outside NewsML-G2 get none."""
    counts: dict[str, int] = {}
    steps = []
    for child in children:
        if (tag := tag_of(child)).startswith(NAR):
            counts[tag] = counts.get(tag, 0) + 1
            steps.append(_step(child, counts[tag]))
        else:
            steps.append("")
    return steps


def serialise(element: etree._Element) -> str:
    """The XML of an element of a document (without its tail), declaring the namespaces it
    declares itself or uses, not every other one its ancestors declare, as lxml would: an
    element kept verbatim must not change with the prefixes of the document around it."""
    xml = etree.tostring(element, encoding="unicode", with_tail=False)
    parent = element.getparent()
    if not isinstance(element.tag, str) or parent is None or len(parent.nsmap) < 2:
        return xml
    declared = set()
    for node in element.iter():
        if isinstance(node.tag, str):
            above = node.getparent()
            assert above is not None  # node is element or below it, and element has a parent
            declared |= {prefix for prefix, uri in node.nsmap.items() if above.nsmap.get(prefix) != uri}
    copy = fragment(xml)
    etree.cleanup_namespaces(copy, keep_ns_prefixes=[prefix for prefix in declared if prefix])
    return etree.tostring(copy, encoding="unicode")


def _outline(element: etree._Element) -> Outline:
    """An element's children, one level deep: name, attributes and text of each."""
    return frozenset(
        (child.tag, frozenset(child.attrib.items()), _nonblank(child.text))
        for child in element
        if isinstance(child.tag, str)
    )


def _score(a: etree._Element, b: etree._Element, a_outline: Outline, b_outline: Outline) -> int:
    """How alike two same-named elements are: shared attribute values, text and children."""
    shared = sum(1 for name, value in a.attrib.items() if b.get(name) == value)
    return 2 * shared + (1 if _nonblank(a.text) == _nonblank(b.text) else 0) + len(a_outline & b_outline)


class _Unused:
    """The rendered candidates not matched yet: per tag in document order (a linked list, so
    taking any is O(1)), and, built when first needed, by shape and by identifying attribute."""

    def __init__(self, candidates: list[etree._Element], eligible: list[bool]) -> None:
        self.candidates = candidates
        self.next = [-1] * len(candidates)
        self.previous = [-1] * len(candidates)
        self.head: dict[str, int] = {}
        last: dict[str, int] = {}
        for index, candidate in enumerate(candidates):
            if not eligible[index]:
                continue
            tag = tag_of(candidate)
            if tag in last:
                self.next[last[tag]], self.previous[index] = index, last[tag]
            else:
                self.head[tag] = index
            last[tag] = index
        self.eligible = eligible
        self.taken = [not flag for flag in eligible]
        self._outlines: dict[int, Outline] = {}
        self._by_shape: dict[str, dict[Shape, list[int]]] = {}
        self._by_identity: dict[tuple[str, str, str], list[int]] | None = None

    def first(self, tag: str) -> Iterator[int]:
        """The unused candidates named ``tag``, in order."""
        index = self.head.get(tag, -1)
        while index >= 0:
            yield index
            index = self.next[index]

    def outline(self, index: int) -> Outline:
        if index not in self._outlines:
            self._outlines[index] = _outline(self.candidates[index])
        return self._outlines[index]

    def equal(self, tag: str, shape: Shape) -> int | None:
        """The first unused candidate named ``tag`` of this ``shape`` (equal to an element of it)."""
        if tag not in self._by_shape:
            by_shape: dict[Shape, list[int]] = {}
            for index in reversed(list(self.first(tag))):
                by_shape.setdefault(_shape(self.candidates[index]), []).append(index)
            self._by_shape[tag] = by_shape
        return self._pop_taken(self._by_shape[tag].get(shape))

    def identified(self, child: etree._Element) -> int | None:
        """The first unused candidate of ``child``'s name sharing an identifying attribute value."""
        for key in self._identities(child):
            assert self._by_identity is not None  # built by _identities when it returns a key
            found = self._pop_taken(self._by_identity.get(key))
            if found is not None:
                return found
        return None

    def claimed(self, child: etree._Element) -> bool:
        """Whether a candidate (used or not) shares an identifying attribute value with ``child``:
        then that one is its counterpart, and ``child`` is a second element the model did not read."""
        return any(key in (self._by_identity or ()) for key in self._identities(child))

    def _identities(self, element: etree._Element) -> list[tuple[str, str, str]]:
        keys = [(tag_of(element), name, value) for name in IDENTIFYING if (value := element.get(name))]
        if keys and self._by_identity is None:
            self._by_identity = {}
            for index in reversed(range(len(self.candidates))):
                candidate = self.candidates[index]
                for name in IDENTIFYING if self.eligible[index] else ():
                    if value := candidate.get(name):
                        self._by_identity.setdefault((tag_of(candidate), name, value), []).append(index)
        return keys

    def alike(self, child: etree._Element, outline: Callable[[], Outline]) -> tuple[int, int | None]:
        """The most alike unused candidate among the next :data:`MATCH_WINDOW` of ``child``'s
        name that do not contradict it (the first on a tie), with its score (0 if it is the only one)."""
        window = [
            index
            for index in islice(self.first(tag_of(child)), MATCH_WINDOW)
            if not any(
                child.get(name) not in (None, value) for name in DISTINCT if (value := self.candidates[index].get(name))
            )
        ]
        if len(window) < 2:
            return 0, window[0] if window else None
        scores = [_score(child, self.candidates[index], outline(), self.outline(index)) for index in window]
        best = max(scores)
        return best, window[scores.index(best)]

    def _pop_taken(self, stack: list[int] | None) -> int | None:
        """The last of ``stack`` (the first in document order) that is not taken, dropping those that are."""
        while stack and self.taken[stack[-1]]:
            stack.pop()
        return stack[-1] if stack else None

    def take(self, index: int) -> None:
        tag = tag_of(self.candidates[index])
        before, after = self.previous[index], self.next[index]
        if before >= 0:
            self.next[before] = after
        else:
            self.head[tag] = after
        if after >= 0:
            self.previous[after] = before
        self.taken[index] = True


class _Aligner:
    """Walks a document's element and the rendering of its model side by side.

    ``known`` pairs elements of the document with their rendering when they are known to be
    equal already (items of a message, which were aligned on their own), to skip them.

    The children of the document are matched with rendered children of their name in three
    passes, each over the children still unmatched: an equal one (the first unused, the usual
    case, else any); one with the same identifying attribute value (:data:`IDENTIFYING`: a
    party's ``literal``, a subject's ``qcode``, a link's ``residref``); else, the surest pairs
    first, the most alike among the next :data:`MATCH_WINDOW` unused ones that no identifying
    attribute contradicts (the first of them on a tie), for children whose identifying value
    no candidate has (a second subject with a party's ``literal`` is one the model did not
    read). So an element kept as an extra does not take the place of one the model read, a
    second round trip finds the pairs the first one made, and time stays linear in the number
    of children.
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
        known_indexes = set(known.values())
        unused = _Unused(candidates, [bool(step) and i not in known_indexes for i, step in enumerate(steps)])
        matches = self._match(
            [child for child in original if isinstance(child.tag, str) and child not in known], unused
        )
        after = ""
        for child in original:
            if child in known:
                after = steps[known[child]]
                continue
            if child not in matches:
                self.extras.append(Extra("element", path, xml=serialise(child), after=after))
                continue
            match, identical = matches[child]
            after = steps[match]
            if identical:
                continue
            counterpart = candidates[match]
            child_path = f"{path}/{after}" if path else after
            if _is_container(child) and _is_container(counterpart):
                self.align(child, counterpart, child_path)
            elif not same(child, counterpart):
                self.extras.append(Extra("replace", child_path, xml=serialise(child), guard=digest(counterpart)))
        for index, candidate in enumerate(candidates):
            if not unused.taken[index] and steps[index]:
                step_path = f"{path}/{steps[index]}" if path else steps[index]
                self.extras.append(Extra("omit", step_path, guard=digest(candidate)))

    @staticmethod
    def _match(children: list[etree._Element], unused: _Unused) -> dict[etree._Element, tuple[int, bool]]:
        """Each child's rendered counterpart, and whether the two are equal (see the class)."""
        matches: dict[etree._Element, tuple[int, bool]] = {}
        outlines: dict[etree._Element, Outline] = {}

        def take(child: etree._Element, index: int, identical: bool) -> None:
            unused.take(index)
            matches[child] = index, identical

        def outline(child: etree._Element) -> Outline:
            if child not in outlines:
                outlines[child] = _outline(child)
            return outlines[child]

        for child in children:
            head = unused.head.get(tag_of(child), -1)
            if head < 0:
                continue
            if same(child, unused.candidates[head]):
                take(child, head, True)
            elif unused.next[head] >= 0 and (equal := unused.equal(tag_of(child), _shape(child))) is not None:
                take(child, equal, True)
        for child in children:
            if child not in matches and (found := unused.identified(child)) is not None:
                take(child, found, False)
        rest: dict[str, list[etree._Element]] = {}
        for child in children:
            if child not in matches and not unused.claimed(child):
                rest.setdefault(tag_of(child), []).append(child)
        for same_name in rest.values():
            if len(same_name) > 1:
                # The surest pairs first: an element the model did not read must not take the
                # place of the element that the candidate was rendered from.
                same_name.sort(key=lambda child: -unused.alike(child, partial(outline, child))[0])
            for child in same_name:
                _, found = unused.alike(child, partial(outline, child))
                if found is not None:
                    take(child, found, False)
        return matches


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
    return " ".join(kept.strip() for text in texts if (kept := _nonblank(text)))


class _Paths:
    """Finds the element a path names in a rendering: among a few children by looking, among
    many through a map of their steps made once per parent (so many extras cost linear time)."""

    def __init__(self) -> None:
        self.children: dict[etree._Element, dict[tuple[str, int], etree._Element] | None] = {}

    def resolve(self, root: etree._Element, path: str) -> etree._Element | None:
        element = root
        for step in path.split("/") if path else ():
            name, _, index = step[:-1].partition("[")
            steps = self._steps(element)
            if steps is None:
                matches = (child for child in element if child.tag == f"{NAR}{name}")
                found = next(islice(matches, int(index) - 1, None), None)
            else:
                found = steps.get((name, int(index)))
            if found is None:
                return None
            element = found
        return element

    def _steps(self, parent: etree._Element) -> dict[tuple[str, int], etree._Element] | None:
        """The map of ``parent``'s children by step, or None when it has few."""
        if parent not in self.children:
            steps: dict[tuple[str, int], etree._Element] | None = None
            if len(parent) > MATCH_WINDOW:
                counts: dict[str, int] = {}
                steps = {}
                for child in parent:
                    if isinstance(child.tag, str) and child.tag.startswith(NAR):
                        name = child.tag[len(NAR) :]
                        counts[name] = counts.get(name, 0) + 1
                        steps[name, counts[name]] = child
            self.children[parent] = steps
        return self.children[parent]


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
    paths = _Paths()
    plan = []
    for extra in extras:
        target = paths.resolve(root, extra.path)
        if target is None:
            continue
        if extra.kind in ("replace", "omit") and digest(target) != extra.guard:
            continue
        anchor = paths.resolve(target, extra.after) if extra.kind == "element" and extra.after else None
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
        if extra.kind not in ("replace", "omit"):
            continue
        parent = target.getparent()
        assert parent is not None, extra.path  # paths of replace and omit name a child, never the root
        if extra.kind == "replace":
            replacement = fragment(extra.xml)
            replacement.tail = target.tail
            parent.replace(target, replacement)
        elif extra.kind == "omit":
            parent.remove(target)
    return root
