"""The newsroom's termbase: names and terms with their form in each language, in TBX.

TBX (ISO 30042, the 2008 "martif" dialect that Weblate and translate-toolkit import as a
glossary) is read and written with lxml. One ``termEntry`` per concept: a place, an
organisation, a person or a term; one ``langSet`` per language with one ``tig`` per form
(the first is the preferred one). A form somebody checked carries who and when in a
``transacGrp`` (transaction type ``verification``); a form without one is unverified, as the
characters of a name heard in English are until the reporter confirms them::

    <termEntry id="liu-chao">
      <descrip type="subjectField">person</descrip>
      <note>deputy secretary of the municipal Party committee and mayor of Mianyang</note>
      <langSet xml:lang="en"><tig><term>Liu Chao</term></tig></langSet>
      <langSet xml:lang="zh-Hans"><tig><term>刘超</term>
        <transacGrp><transac type="transactionType">verification</transac>
          <transacNote type="responsibility">Mianyang Daily desk</transacNote><date>2017-12-22</date></transacGrp>
      </tig></langSet>
    </termEntry>
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

from ..atomic import write_bytes_atomic
from ..errors import NewsbilingualError
from ..story.languages import get_language

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KINDS = ("person", "place", "organisation", "term")
# TBX termType values (TBX-Basic's picklist) that make a form derived: see TermForm.derived.
DERIVED = ("variant", "shortForm", "abbreviation", "phrase", "acronym")
TERMBASE_NAME = "termbase.tbx"
_LATIN = re.compile(r"[A-Za-z]")


class TermbaseError(NewsbilingualError):
    """A termbase file is malformed or says something impossible."""


@dataclass(frozen=True)
class TermForm:
    """One written form of a term in one language; ``verified_by`` empty means unverified."""

    language: str
    text: str
    verified_by: str = ""
    verified_on: str = ""
    note: str = ""
    term_type: str = ""

    @property
    def verified(self) -> bool:
        return bool(self.verified_by)

    @property
    def derived(self) -> bool:
        """A form that stands for the concept in a translation but is not its name.

        TBX ``termType`` variant, shortForm, abbreviation or phrase: 中方, 中美, 我国 for 中国;
        "Chinese", "PRC" for China; "Xi" for Xi Jinping. A translation may use one where the
        source names the concept; a derived form in the source asks nothing of the translation
        ("Chinese" may be 中文, 华人 or 汉语).
        """
        return self.term_type in DERIVED

    @property
    def latin(self) -> bool:
        """Written in Latin letters (a name kept in pinyin or in its own spelling)."""
        return bool(_LATIN.search(self.text)) and not re.search(r"[\u3400-\u9fff]", self.text)


@dataclass(frozen=True)
class Term:
    """A concept of the termbase: its id, kind (person, place, organisation, term) and forms."""

    id: str
    kind: str
    forms: tuple[TermForm, ...]
    note: str = ""
    line: int = 0
    desk: str = ""

    def applies_to(self, provider: Collection[str]) -> bool:
        """Whether the term holds for copy of ``provider`` (the names and URI it is known by).

        A desk-specific term (TBX ``customerSubset``, such as Mianyang Daily's own dateline
        label 本报讯 → Mianyang News) holds only for its own desk's stories.
        """
        return not self.desk or self.desk in provider

    def forms_in(self, language: str) -> list[TermForm]:
        """The forms in ``language`` (a tag such as ``zh-Hans``; ``zh`` finds ``zh-Hans`` too)."""
        tag = get_language(language).tag
        return [form for form in self.forms if get_language(form.language).tag == tag]

    def forms_for(self, language: str) -> list[TermForm]:
        """The forms a ``language`` edition uses: its own, else those of the next more general tag.

        A zh-Hant-TW catalog takes the zh-Hant-TW forms, else the zh-Hant ones; never the
        Simplified forms (``zh-Hans`` is not among a Traditional tag's fallbacks).
        """
        for tag in get_language(language).fallbacks:
            if forms := self.forms_in(tag):
                return forms
        return []


@dataclass(frozen=True)
class Termbase:
    """The terms of a TBX file, and where it came from."""

    terms: tuple[Term, ...] = ()
    source: str = ""

    @cached_property
    def _by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.terms}

    def get(self, term_id: str) -> Term | None:
        return self._by_id.get(term_id)

    def with_term(self, term: Term) -> Termbase:
        """A termbase with ``term`` added (or replacing the term of the same id)."""
        kept = [t for t in self.terms if t.id != term.id]
        return Termbase((*kept, term), self.source)


def _text(element: etree._Element | None) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def read_termbase(path: Path) -> Termbase:
    """Read a TBX file; a malformed one raises :class:`TermbaseError` with its line."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except OSError as error:
        raise TermbaseError(str(error), source=path) from None
    except etree.XMLSyntaxError as error:
        raise TermbaseError(f"malformed TBX: {error.msg}", source=path, line=error.lineno) from None
    if root.tag != "martif":
        # TBX v3 (<tbx>, conceptEntry/langSec/termSec) is not what Weblate and translate-toolkit read.
        raise TermbaseError(
            f"not a TBX 2008 <martif> file (root element <{etree.QName(root).localname}>)",
            source=path,
            line=root.sourceline,
        )
    terms = []
    for entry in root.iter("termEntry"):
        term_id = entry.get("id") or ""
        if not term_id:
            raise TermbaseError("termEntry without an id", source=path, line=entry.sourceline)
        kind = _text(entry.find("descrip[@type='subjectField']")) or "term"
        desk = _text(entry.find("admin[@type='customerSubset']"))
        if kind not in KINDS:
            raise TermbaseError(
                f"{term_id}: kind {kind!r} is not one of {', '.join(KINDS)}", source=path, line=entry.sourceline
            )
        forms = []
        for lang_set in entry.iter("langSet"):
            language = lang_set.get(XML_LANG) or ""
            try:
                language = get_language(language).tag
            except NewsbilingualError:
                raise TermbaseError(
                    f"{term_id}: unknown language {language!r}", source=path, line=lang_set.sourceline
                ) from None
            for tig in lang_set.iter("tig"):
                text = _text(tig.find("term"))
                if not text:
                    raise TermbaseError(f"{term_id}: empty term", source=path, line=tig.sourceline)
                check = tig.find("transacGrp[transac='verification']")
                forms.append(
                    TermForm(
                        language,
                        text,
                        verified_by=_text(check.find("transacNote")) if check is not None else "",
                        verified_on=_text(check.find("date")) if check is not None else "",
                        note=_text(tig.find("note")),
                        term_type=_text(tig.find("termNote[@type='termType']")),
                    )
                )
        terms.append(Term(term_id, kind, tuple(forms), _text(entry.find("note")), entry.sourceline or 0, desk))
    seen: set[str] = set()
    for term in terms:
        if term.id in seen:
            raise TermbaseError(f"term id {term.id!r} is used twice", source=path, line=term.line)
        seen.add(term.id)
    return Termbase(tuple(terms), str(path))


def _sub(parent: etree._Element, tag: str, text: str = "", **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    if text:
        element.text = text
    return element


def termbase_bytes(termbase: Termbase, *, title: str = "newsbilingual termbase") -> bytes:
    """The TBX document of ``termbase`` (UTF-8, Chinese unescaped, one entry per concept)."""
    root = etree.Element("martif", {"type": "TBX", XML_LANG: "en"})
    header = _sub(_sub(root, "martifHeader"), "fileDesc")
    _sub(_sub(header, "titleStmt"), "title", title)
    _sub(
        _sub(header, "sourceDesc"), "p", "Names and terms of the newsroom; a form without a verification is unverified."
    )
    body = _sub(_sub(root, "text"), "body")
    for term in termbase.terms:
        entry = _sub(body, "termEntry", id=term.id)
        _sub(entry, "descrip", term.kind, type="subjectField")
        if term.desk:
            _sub(entry, "admin", term.desk, type="customerSubset")
        if term.note:
            _sub(entry, "note", term.note)
        languages: dict[str, list[TermForm]] = {}
        for form in term.forms:
            languages.setdefault(form.language, []).append(form)
        for language, forms in languages.items():
            lang_set = _sub(entry, "langSet", **{XML_LANG: language})
            for form in forms:
                tig = _sub(lang_set, "tig")
                _sub(tig, "term", form.text)
                if form.term_type:
                    _sub(tig, "termNote", form.term_type, type="termType")
                if form.note:
                    _sub(tig, "note", form.note)
                if form.verified:
                    group = _sub(tig, "transacGrp")
                    _sub(group, "transac", "verification", type="transactionType")
                    _sub(group, "transacNote", form.verified_by, type="responsibility")
                    if form.verified_on:
                        _sub(group, "date", form.verified_on)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_termbase(termbase: Termbase, path: Path) -> Path:
    """Write ``termbase`` to ``path`` atomically."""
    write_bytes_atomic(Path(path), termbase_bytes(termbase))
    return Path(path)


def termbase_table(termbase: Termbase) -> str:
    """The termbase as a table: id, kind, each language's forms (unverified ones marked ``?``)."""
    rows = [("id", "kind", "forms")]
    for term in termbase.terms:
        forms = "; ".join(f"{form.language}: {form.text}{'' if form.verified else ' (?)'}" for form in term.forms)
        rows.append((term.id, term.kind, forms))
    width = [max(len(row[i]) for row in rows) for i in range(2)]
    lines = [f"{row[0]:<{width[0]}}  {row[1]:<{width[1]}}  {row[2]}" for row in rows]
    lines.append(f"{len(termbase.terms)} term(s); (?) = unverified: {termbase.source}")
    return "\n".join(lines)
