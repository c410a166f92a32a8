"""Language and direction marks: text in another language than its item's, and right-to-left text.

An edition prints a segment the catalog has no translation for in the story's source language
(a preview, or a desk that sends it on purpose). :attr:`TextItem.text_languages` says which
parts those are, keyed as the segment's catalog context without the item's role (``headline``,
``body/p04``, ``keyword/flood``); :func:`mark_languages` gives each element that prints one
``xml:lang`` (XHTML: ``lang``) of the language it is in, so a receiver's spell checker, screen
reader or hyphenation never takes English for Chinese.

Right-to-left languages (CLDR's character order, through Babel: ar, he, fa, ur ...) get
``dir="rtl"`` on the item, its headlines and the XHTML ``html`` and ``body``, the places
NewsML-G2 2.35 (``i18nAttributes``) and XHTML give it; a part in a left-to-right language inside
such an item gets ``dir="ltr"``, and the other way round.
"""

from __future__ import annotations

from functools import cache

from lxml import etree

from ..story.languages import text_direction
from ..story.model import PictureItem, TextItem, slug
from .extras import NAR, NAR_NS, tag_of

XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def mark_languages(root: etree._Element, item: TextItem | PictureItem) -> etree._Element:
    """Mark, in ``root`` (the item's rendering), RTL text and every part printed in another language."""
    own = text_direction(item.language)
    if own == "rtl":
        for element in [root, *root.iterfind(f"{NAR}contentMeta/{NAR}headline"), *_xhtml(root, "html", "body")]:
            element.set("dir", "rtl")
    for key, language in item.text_languages.items():
        for element in _elements(root, item, key):
            element.set("lang" if tag_of(element).startswith(XHTML) else XML_LANG, language)
            if text_direction(language) != own:
                element.set("dir", text_direction(language))
    return root


def _xhtml(root: etree._Element, *names: str) -> list[etree._Element]:
    """The library's XHTML ``html`` (when named) and those of its children named."""
    html = root.find(f"{NAR}contentSet/{NAR}inlineXML/{XHTML}html")
    if html is None:
        return []
    return ([html] if "html" in names else []) + [child for child in html if tag_of(child)[len(XHTML) :] in names]


# Segment -> the one element that prints it (XPath, ``n:`` the NewsML-G2 namespace).
_ONE = {
    "summary": "n:contentMeta/n:description[@role='drol:summary']",
    "caption": "n:contentMeta/n:description[@role='drol:caption']",
    "credit": "n:contentMeta/n:creditline",
    "dateline": "n:contentMeta/n:dateline",
    "dateline/place": "n:contentMeta/n:dateline",
    "dateline/label": "n:contentMeta/n:dateline",
    "located": "n:contentMeta/n:located/n:name",
    "located/broader": "n:contentMeta/n:located/n:broader/n:name",
    "rights/holder": "n:rightsInfo/n:copyrightHolder/n:name",
    "rights/notice": "n:rightsInfo/n:copyrightNotice",
    "rights/usage_terms": "n:rightsInfo/n:usageTerms",
}


def _elements(root: etree._Element, item: TextItem | PictureItem, key: str) -> list[etree._Element]:
    """The elements that print the segment ``key`` (its catalog context without the role)."""
    kind, _, rest = key.partition("/")
    part = rest.partition("/")[2]
    if key in _ONE:
        found = _xpath(root, _ONE[key])
        if key == "caption" and isinstance(item, PictureItem) and not item.headline:
            found += _xpath(root, "n:itemMeta/n:title")  # the caption is the photo's title too
        return found
    if kind == "headline":
        return _xpath(root, "n:contentMeta/n:headline[1]") + _xpath(root, "n:itemMeta/n:title")
    if kind == "body":
        return [paragraph for body in _xhtml(root, "body") for paragraph in body if paragraph.get("id") == rest]
    if kind == "byline" and part == "name":
        return _xpath(root, f"n:contentMeta/n:creator[@literal='{rest.partition('/')[0]}']/n:name")
    if kind == "byline" and isinstance(item, TextItem):
        ids = [byline.id for byline in item.bylines]  # one "by" per byline, in their order
        return _xpath(root, f"n:contentMeta/n:by[{ids.index(rest) + 1}]") if rest in ids else []
    if kind in ("person", "organisation"):
        child = "name" if part == "name" else "definition"
        return _xpath(root, f"n:contentMeta/n:subject[@literal='{rest.partition('/')[0]}']/n:{child}")
    if kind in ("keyword", "ednote"):
        path = "n:contentMeta/n:keyword" if kind == "keyword" else "n:itemMeta/n:edNote"
        return [element for element in _xpath(root, path) if slug(element.text or "") == rest]
    return []


def _xpath(root: etree._Element, path: str) -> list[etree._Element]:
    found: list[etree._Element] = _compiled(path)(root)  # the paths above select elements only
    return found


@cache
def _compiled(path: str) -> etree.XPath:
    """An XPath compiled once (the same few paths serve every item of every edition)."""
    return etree.XPath(path, namespaces={"n": NAR_NS})
