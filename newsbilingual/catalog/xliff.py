"""XLIFF for CAT tools (Trados, memoQ, Phrase, OmegaT): a catalog out, a translator's file back in.

One unit per catalog entry (obsolete entries stay in the .po, out of the translator's way):
the msgctxt is the unit's ``resname`` (1.2) or ``name`` (2.0), its ``id`` the entry's number (a
2.0 id cannot hold a ``/``); the ``#.`` comment is a developer note, the ``#`` comment a
translator note; the state says fuzzy or finished, as translate-toolkit reads it (1.2: fuzzy =
a target not ``approved="yes"``; 2.0: fuzzy = a segment ``state="initial"``). A 2.0 file carries
the termbase's matches in each unit as a glossary (module ``gls``); 1.2 has no such element.

Import merges into the .po as a translator's save would: a unit whose target and state are
the entry's is left alone (history and comments kept), any other sets the entry's translation;
where the source text changed since the export, the translation is fuzzy with the exported text
as the previous one (``#|``). translate-toolkit (GPL) has XLIFF classes, but the library stays
MIT: this is lxml, and the tests check both against each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polib
from lxml import etree

from ..atomic import FileState, file_state, replace_if_unchanged
from ..errors import CatalogError
from ..story.languages import get_language
from .powrap import encode_pofile
from .translations import catalog_path, read_po

XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20 = "urn:oasis:names:tc:xliff:document:2.0"
GLOSSARY = "urn:oasis:names:tc:xliff:glossary:2.0"
VERSIONS = ("1.2", "2.0")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_DONE_12 = frozenset({"translated", "signed-off", "final"})


@dataclass(frozen=True)
class Unit:
    """What a translator returned for one entry (``line``: where in the XLIFF file)."""

    context: str | None
    source: str
    target: str
    fuzzy: bool
    line: int | None


@dataclass(frozen=True)
class XliffFile:
    """A parsed XLIFF file: the catalog it belongs to (domain, target language) and its units."""

    domain: str
    source_language: str
    target_language: str
    units: tuple[Unit, ...]


def export_xliff(
    po: polib.POFile,
    *,
    domain: str,
    source_language: str,
    target_language: str,
    version: str = "1.2",
    glossary: Sequence[tuple[str, str]] = (),
) -> bytes:
    """The live entries of ``po`` as an XLIFF ``version`` file; ``glossary``: (source term,
    target term) pairs, given in a 2.0 unit whose source contains the term."""
    if version not in VERSIONS:
        raise CatalogError(f"XLIFF version {version!r}: give one of {', '.join(VERSIONS)}")
    source_tag, target_tag = get_language(source_language).tag, get_language(target_language).tag
    entries = [e for e in po if not e.obsolete and e.msgid]
    if version == "1.2":
        root = etree.Element(f"{{{XLIFF12}}}xliff", version="1.2", nsmap={None: XLIFF12})
        file = etree.SubElement(root, f"{{{XLIFF12}}}file", original=domain, datatype="po")
        file.set("source-language", source_tag)
        file.set("target-language", target_tag)
        body = etree.SubElement(file, f"{{{XLIFF12}}}body")
        for number, entry in enumerate(entries, 1):
            _unit_12(body, number, entry)
    else:
        root = etree.Element(f"{{{XLIFF20}}}xliff", version="2.0", nsmap={None: XLIFF20, "gls": GLOSSARY})
        root.set("srcLang", source_tag)
        root.set("trgLang", target_tag)
        file = etree.SubElement(root, f"{{{XLIFF20}}}file", id="f1", original=domain)
        for number, entry in enumerate(entries, 1):
            _unit_20(file, number, entry, [(s, t) for s, t in glossary if s in entry.msgid])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _unit_12(body: etree._Element, number: int, entry: polib.POEntry) -> None:
    unit = _sub(body, f"{{{XLIFF12}}}trans-unit", id=str(number))
    if entry.msgctxt is not None:
        unit.set("resname", entry.msgctxt)
    unit.set(XML_SPACE, "preserve")
    _sub(unit, f"{{{XLIFF12}}}source", entry.msgid)
    if entry.msgstr:
        unit.set("approved", "no" if entry.fuzzy else "yes")
        state = "needs-review-translation" if entry.fuzzy else "translated"
        _sub(unit, f"{{{XLIFF12}}}target", entry.msgstr, state=state)
    for origin, text in (("developer", entry.comment), ("translator", entry.tcomment)):
        if text:
            _sub(unit, f"{{{XLIFF12}}}note", text, **{"from": origin})


def _unit_20(file: etree._Element, number: int, entry: polib.POEntry, terms: list[tuple[str, str]]) -> None:
    unit = _sub(file, f"{{{XLIFF20}}}unit", id=f"u{number}")
    if entry.msgctxt is not None:
        unit.set("name", entry.msgctxt)
    unit.set(XML_SPACE, "preserve")
    if terms:
        glossary = _sub(unit, f"{{{GLOSSARY}}}glossary")
        for source, target in terms:
            found = _sub(glossary, f"{{{GLOSSARY}}}glossEntry")
            _sub(found, f"{{{GLOSSARY}}}term", source, source="termbase")
            _sub(found, f"{{{GLOSSARY}}}translation", target)
    if entry.comment or entry.tcomment:
        notes = _sub(unit, f"{{{XLIFF20}}}notes")
        for category, text in (("developer", entry.comment), ("translator", entry.tcomment)):
            if text:
                _sub(notes, f"{{{XLIFF20}}}note", text, category=category)
    segment = _sub(unit, f"{{{XLIFF20}}}segment", state="initial" if entry.fuzzy or not entry.msgstr else "translated")
    _sub(segment, f"{{{XLIFF20}}}source", entry.msgid)
    if entry.msgstr:
        _sub(segment, f"{{{XLIFF20}}}target", entry.msgstr)


def parse_xliff(data: bytes, source: str | Path) -> XliffFile:
    """An XLIFF 1.2 or 2.x file's units. Hostile input is refused: no DTD, no entity is
    expanded, nothing fetched; errors name ``source`` and the line."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as error:
        raise CatalogError(f"not well-formed XML: {error.msg}", source=source, line=error.lineno) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise CatalogError("XLIFF with a DOCTYPE (DTD, entity declarations) is refused", source=source, line=1)
    root = tree.getroot()
    namespace = etree.QName(root).namespace or ""
    if namespace == XLIFF12:
        return _parse_12(root, source)
    if namespace.startswith("urn:oasis:names:tc:xliff:document:2."):
        return _parse_20(root, namespace, source)
    raise CatalogError(f"not XLIFF 1.2 or 2.x (root element {root.tag!r})", source=source, line=root.sourceline)


def _one_file(root: etree._Element, tag: str, source: str | Path) -> etree._Element:
    files = root.findall(tag)
    if len(files) != 1 or not files[0].get("original"):
        raise CatalogError(
            "expected one <file> with the catalog's name in original=", source=source, line=root.sourceline
        )
    return files[0]


def _text(element: etree._Element | None) -> str:
    """An element's text, inline markup a CAT tool added (``g``, ``mrk``) read through."""
    return "".join(element.itertext()) if element is not None else ""


def _parse_12(root: etree._Element, source: str | Path) -> XliffFile:
    file = _one_file(root, f"{{{XLIFF12}}}file", source)
    units = []
    for unit in file.iter(f"{{{XLIFF12}}}trans-unit"):
        target = unit.find(f"{{{XLIFF12}}}target")
        text = _text(target)
        # approved= is the toolkit's (and the spec's) sign-off; without it, the target's state.
        if unit.get("approved") is not None:
            done = unit.get("approved") == "yes"
        else:
            done = target is not None and target.get("state") in _DONE_12
        units.append(
            Unit(
                unit.get("resname"),
                _text(unit.find(f"{{{XLIFF12}}}source")),
                text,
                bool(text) and not done,
                unit.sourceline,
            )
        )
    return XliffFile(
        file.get("original", ""), file.get("source-language", ""), file.get("target-language", ""), tuple(units)
    )


def _parse_20(root: etree._Element, namespace: str, source: str | Path) -> XliffFile:
    file = _one_file(root, f"{{{namespace}}}file", source)
    units = []
    for unit in file.iter(f"{{{namespace}}}unit"):
        # A CAT tool may have split the unit into several segments: their texts in order.
        parts = [p for p in unit if etree.QName(p).localname in ("segment", "ignorable")]
        text = "".join(_text(p.find(f"{{{namespace}}}target")) for p in parts)
        fuzzy = any(p.get("state") == "initial" for p in parts if etree.QName(p).localname == "segment")
        units.append(
            Unit(
                unit.get("name"),
                "".join(_text(p.find(f"{{{namespace}}}source")) for p in parts),
                text,
                bool(text) and fuzzy,
                unit.sourceline,
            )
        )
    return XliffFile(file.get("original", ""), root.get("srcLang", ""), root.get("trgLang", ""), tuple(units))


def merge_xliff(po: polib.POFile, xliff: XliffFile, source: str | Path) -> list[CatalogError]:
    """Apply the translator's units to ``po`` (in place); returns the units no entry has now."""
    by_context = {e.msgctxt: e for e in po if not e.obsolete and e.msgctxt is not None}
    by_text = {e.msgid: e for e in po if not e.obsolete and e.msgctxt is None and e.msgid}
    problems = []
    for unit in xliff.units:
        entry = by_context.get(unit.context) if unit.context is not None else by_text.get(unit.source)
        if entry is None:
            problems.append(
                CatalogError(
                    f"no entry {unit.context or unit.source!r} in the catalog now: skipped",
                    source=source,
                    line=unit.line,
                )
            )
        elif (unit.source, unit.target, unit.fuzzy) != (entry.msgid, entry.msgstr, entry.fuzzy and bool(entry.msgstr)):
            _apply(entry, unit)
    return problems


def _apply(entry: polib.POEntry, unit: Unit) -> None:
    """The translator's target into ``entry``: fuzzy as the unit says, or because the source
    changed since the export (then the exported source is the previous text)."""
    entry.msgstr = unit.target
    fuzzy = bool(unit.target) and (unit.fuzzy or unit.source != entry.msgid)
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    if fuzzy:
        entry.flags.insert(0, "fuzzy")
        if unit.source != entry.msgid:
            entry.previous_msgctxt, entry.previous_msgid = entry.msgctxt, unit.source
    else:  # reviewed: the history goes, as Poedit clears it
        entry.previous_msgctxt = entry.previous_msgid = None


def import_xliff(path: Path, locales: Path) -> tuple[Path, list[CatalogError]]:
    """Merge the XLIFF file at ``path`` into its catalog under ``locales`` (its file's
    ``original`` names the domain, the target language the folder); written only if nobody
    saved the catalog meanwhile (else merged again). Returns the catalog and skipped units."""
    xliff = parse_xliff(Path(path).read_bytes(), path)
    if not xliff.target_language:
        raise CatalogError("the XLIFF file names no target language", source=path, line=1)
    catalog = catalog_path(locales, xliff.domain, xliff.target_language)
    if not catalog.is_file():
        raise CatalogError(f"no catalog {catalog} for this XLIFF file's domain and language", source=path, line=1)

    def merged() -> tuple[bytes, FileState | None, list[CatalogError]]:
        state = file_state(catalog)
        po = read_po(catalog)
        problems = merge_xliff(po, xliff, path)
        return encode_pofile(po), state, problems

    data, state, problems = merged()
    replace_if_unchanged(catalog, data, state, redo=lambda: merged()[:2])
    return catalog, problems
