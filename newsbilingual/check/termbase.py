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

import hashlib
import json
import os
import re
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from lxml import etree

from ..atomic import write_bytes_atomic
from ..catalog.translations import _stamp  # (size, mtime) of a file, as the catalogs' cache keys it
from ..errors import NewsbilingualError
from ..story.languages import get_language
from ..version import __version__

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KINDS = ("person", "place", "organisation", "term")
# The kind of a concept, written as an entry note ("kind: person"): TBX-Basic has no data category
# for it, and its subject field is the domain.
_KIND_NOTE = re.compile(r"^kind:\s*(person|place|organisation|term)$")
# Transactions that record who checked a form: TBX-Basic's "modification" (by a named desk), and the
# "verification" files of this library wrote before TBX-Basic.
_CHECKS = ("modification", "verification")
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
    """A concept of the termbase: its id, kind (person, place, organisation, term), forms and domains.

    ``domains`` are its TBX subject fields ("manufacturing", "politics").
    """

    id: str
    kind: str
    forms: tuple[TermForm, ...]
    note: str = ""
    line: int = 0
    desk: str = ""
    domains: tuple[str, ...] = ()

    def applies_to(self, provider: Collection[str]) -> bool:
        """Whether the term holds for copy of ``provider`` (the names and URI it is known by).

        A desk-specific term (TBX ``customerSubset``, such as Mianyang Daily's own dateline
        label 本报讯 → Mianyang News) holds only for its own desk's stories.
        """
        return not self.desk or self.desk in provider

    @cached_property
    def _forms_by_tag(self) -> dict[str, tuple[TermForm, ...]]:
        """The forms by canonical tag, worked out once: each index of a termbase asks every term."""
        by_tag: dict[str, list[TermForm]] = {}
        for form in self.forms:
            by_tag.setdefault(_tag(form.language), []).append(form)
        return {tag: tuple(forms) for tag, forms in by_tag.items()}

    def forms_in(self, language: str) -> list[TermForm]:
        """The forms in ``language`` (a tag such as ``zh-Hans``; ``zh`` finds ``zh-Hans`` too)."""
        return list(self._forms_by_tag.get(_tag(language), ()))

    def forms_for(self, language: str) -> list[TermForm]:
        """The forms a ``language`` edition uses: its own, else those of the next more general tag.

        A zh-Hant-TW catalog takes the zh-Hant-TW forms, else the zh-Hant ones; never the
        Simplified forms (``zh-Hans`` is not among a Traditional tag's fallbacks).
        """
        for tag in _fallbacks(language):
            if forms := self.forms_in(tag):
                return forms
        return []


@dataclass(frozen=True)
class Termbase:
    """The terms of a TBX file, where it came from, the entries it had to skip and why.

    ``problems``: entries that could not be used (an error for ``check`` and ``terms``, a warning
    for ``render`` and ``proof``); ``notices``: language sets skipped for a language Babel does not
    know (always a warning).
    """

    terms: tuple[Term, ...] = ()
    source: str = ""
    problems: tuple[TermbaseError, ...] = ()
    notices: tuple[TermbaseError, ...] = ()

    @cached_property
    def _by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.terms}

    @cached_property
    def indexes(self) -> dict[object, object]:
        """Room for what the checks build from this termbase once (its term index per language pair)."""
        return {}

    def get(self, term_id: str) -> Term | None:
        return self._by_id.get(term_id)

    def with_term(self, term: Term) -> Termbase:
        """A termbase with ``term`` added (or replacing the term of the same id)."""
        kept = [t for t in self.terms if t.id != term.id]
        return Termbase((*kept, term), self.source, self.problems, self.notices)


@cache
def _tag(language: str) -> str:
    """The canonical tag of ``language`` (a termbase asks it of every form: cached)."""
    return get_language(language).tag


@cache
def _fallbacks(language: str) -> tuple[str, ...]:
    return get_language(language).fallbacks


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    if len(element) == 0:  # no child elements: its text alone (the usual case, and much faster)
        return (element.text or "").strip()
    return "".join(element.itertext()).strip()


# The termbases read lately, by path, with the size and mtime each was read at; most recent last.
# Like the catalogs: a render of many stories reads the termbase once, not once a story (a
# 200,000-entry termbase took 92 s a render). Bounded.
_read: OrderedDict[Path, tuple[tuple[int, int], Termbase]] = OrderedDict()
CACHED_TERMBASES = 8


def read_termbase(path: Path, *, strict: bool = True) -> Termbase:
    """Read any valid TBX 2008 (core or TBX-Basic, ``tig`` or ``ntig``) file.

    A file that is not TBX raises :class:`TermbaseError` with its line. An entry that cannot be
    used (an empty term, an id used twice) raises too when ``strict``; else it is skipped and
    listed in :attr:`Termbase.problems`. A language set in a language Babel does not know (csv2tbx
    writes ``xx``) is skipped either way, listed in :attr:`Termbase.notices`.
    """
    key = Path(path).resolve()
    # Stamped before it is parsed: a save while it is read gives a newer stamp, so a re-read next time.
    stamp = _stamp(key)
    cached = _read.get(key)
    if cached is None or stamp is None or cached[0] != stamp:
        termbase = _parse_termbase(Path(path))
        if stamp is not None:
            _read[key] = (stamp, termbase)
            if len(_read) > CACHED_TERMBASES:
                _read.popitem(last=False)
    else:
        termbase = cached[1]
    if stamp is not None:
        _read.move_to_end(key)
    if strict and termbase.problems:
        raise termbase.problems[0]
    return termbase


def _parse_termbase(path: Path) -> Termbase:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TermbaseError(str(error), source=path) from None
    digest = hashlib.sha256(data).hexdigest()
    if (termbase := _from_cache(path, digest)) is not None:
        return termbase
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=True)
    try:
        root = etree.fromstring(data, parser, base_url=str(path))
    except etree.XMLSyntaxError as error:
        raise TermbaseError(f"malformed TBX: {error.msg}", source=path, line=error.lineno) from None
    del data
    if root.tag != "martif":
        # TBX v3 (<tbx>, conceptEntry/langSec/termSec) is not what Weblate and translate-toolkit read.
        raise TermbaseError(
            f"not a TBX 2008 <martif> file (root element <{etree.QName(root).localname}>)",
            source=path,
            line=root.sourceline,
        )
    terms: list[Term] = []
    problems: list[TermbaseError] = []
    notices: list[TermbaseError] = []
    ids: set[str] = set()
    for number, entry in enumerate(root.iter("termEntry"), 1):
        try:
            term = _read_entry(entry, number, path, ids, notices)
        except TermbaseError as problem:
            problems.append(problem)
            continue
        ids.add(term.id)
        terms.append(term)
    termbase = Termbase(tuple(terms), str(path), tuple(problems), tuple(notices))
    _to_cache(path, digest, termbase)
    return termbase


# What a termbase read to, kept between processes (a command reads the termbase once, and a
# 20,000-entry TBX took most of a render command's time to read): in the user's cache folder,
# never beside their files, one file per termbase path, holding the SHA-256 of the bytes it was
# read from, so that any change to the file is read again. JSON of plain lists and strings (not
# pickle, which runs code when loading); a file that is not what this version writes is ignored
# and replaced.
_CACHE_FORMAT = f"newsbilingual {__version__} termbase 1"
CACHED_TERMBASE_FILES = 16


def _cache_path(path: Path) -> Path:
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsbilingual" / "termbases"
    return folder / (hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32] + ".json")


def _from_cache(path: Path, digest: str) -> Termbase | None:
    try:
        fmt, read_from, terms, problems, notices = json.loads(_cache_path(path).read_bytes())
        if (fmt, read_from) != (_CACHE_FORMAT, digest):
            return None
        return Termbase(
            tuple(
                Term(id_, kind, tuple(TermForm(*form) for form in forms), note, line, desk, tuple(domains))
                for id_, kind, forms, note, line, desk, domains in terms
            ),
            str(path),
            tuple(TermbaseError(message, source=path, line=line) for message, line in problems),
            tuple(TermbaseError(message, source=path, line=line) for message, line in notices),
        )
    except (OSError, ValueError, EOFError, TypeError):  # none yet, unreadable, or not ours: read the TBX
        return None


def _form_fields(form: TermForm) -> tuple[str, ...]:
    return (form.language, form.text, form.verified_by, form.verified_on, form.note, form.term_type)


def _to_cache(path: Path, digest: str, termbase: Termbase) -> None:
    terms = [
        (t.id, t.kind, [_form_fields(form) for form in t.forms], t.note, t.line, t.desk, t.domains)
        for t in termbase.terms
    ]
    problems = [(error.message, error.line) for error in termbase.problems]
    notices = [(error.message, error.line) for error in termbase.notices]
    cache = _cache_path(path)
    try:
        cache.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        text = json.dumps([_CACHE_FORMAT, digest, terms, problems, notices], ensure_ascii=False)
        write_bytes_atomic(cache, text.encode())
        # Termbases read once (a test's, a moved folder's) are not kept for ever: the newest few are.
        kept = sorted(cache.parent.glob("*.json"), key=lambda file: file.stat().st_mtime, reverse=True)
        for old in kept[CACHED_TERMBASE_FILES:]:
            old.unlink(missing_ok=True)
    except (OSError, NewsbilingualError):  # a cache that cannot be written is only slower next time
        pass


def _read_entry(entry: etree._Element, number: int, path: Path, ids: set[str], notices: list[TermbaseError]) -> Term:
    """One ``termEntry``; an entry without an id is named by its position (``entry-12``)."""
    term_id = entry.get("id") or ""
    if term_id in ids:
        raise TermbaseError(f"term id {term_id!r} is used twice", source=path, line=entry.sourceline)
    name = term_id or f"entry-{number}"
    kind, notes, domains, desk, forms = "term", [], [], "", []
    for child in entry.iter("note", "descrip", "admin", "langSet"):
        tag, kind_of = child.tag, child.get("type")
        if tag == "langSet":
            language = child.get(XML_LANG) or ""
            try:
                language = _tag(language)
            except NewsbilingualError:
                notices.append(
                    TermbaseError(f"{name}: unknown language {language!r} skipped", source=path, line=child.sourceline)
                )
                continue
            forms += [_read_form(holder, language, name, path) for holder in child if holder.tag in ("tig", "ntig")]
        elif child.getparent() is not entry and tag != "descrip":
            continue  # a note or admin of a form: _read_form's
        elif tag == "note":
            text = _text(child)
            if match := _KIND_NOTE.match(text):
                kind = match.group(1)
            elif text:
                notes.append(text)
        elif tag == "descrip" and kind_of == "subjectField":
            value = _text(child)
            if value in KINDS:  # the kind, as files of this library before TBX-Basic wrote it
                kind = value
            elif value:
                domains.append(value)
        elif tag == "admin" and kind_of == "customerSubset":
            desk = _text(child)
    return Term(name, kind, tuple(forms), "\n".join(notes), entry.sourceline or 0, desk, tuple(domains))


def _read_form(holder: etree._Element, language: str, name: str, path: Path) -> TermForm:
    """A ``tig`` (term and its notes together) or an ``ntig`` (term and termNotes in a ``termGrp``)."""
    text = term_type = note = verified_by = verified_on = ""
    for child in holder.iter("term", "termNote", "note", "transacGrp"):
        tag = child.tag
        if tag == "term":
            text = _text(child)
        elif tag == "termNote" and child.get("type") == "termType":
            term_type = _text(child)
        elif tag == "note" and child.getparent() is holder and not note:
            note = _text(child)
        elif tag == "transacGrp" and _text(child.find("transac")) in _CHECKS and child.find("transacNote") is not None:
            verified_by, verified_on = _text(child.find("transacNote")), _text(child.find("date"))
    if not text:
        raise TermbaseError(f"{name}: empty term", source=path, line=holder.sourceline)
    return TermForm(language, text, verified_by, verified_on, note, term_type)


def _sub(parent: etree._Element, tag: str, text: str = "", **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    if text:
        element.text = text
    return element


def termbase_bytes(termbase: Termbase, *, title: str = "newsbilingual termbase") -> bytes:
    """The TBX-Basic document of ``termbase`` (UTF-8, Chinese unescaped, one entry per concept).

    TBX-Basic's DOCTYPE and XCS, and its data categories where it puts them: the domains as
    ``subjectField``, a desk as ``customerSubset``, the kind as a note (``kind: person``), a form's
    ``termType`` as a ``termNote``, who checked it as a ``modification`` transaction with its
    ``responsibility`` and ``date``, notes last.
    """
    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = _sub(root, "martifHeader")
    description = _sub(header, "fileDesc")
    _sub(_sub(description, "titleStmt"), "title", title)
    _sub(_sub(description, "sourceDesc"), "p", "Names and terms of the newsroom; a form nobody checked is unverified.")
    _sub(_sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _sub(_sub(root, "text"), "body")
    for term in termbase.terms:
        entry = _sub(body, "termEntry", id=term.id)
        for domain in term.domains:
            _sub(entry, "descrip", domain, type="subjectField")
        if term.desk:
            _sub(entry, "admin", term.desk, type="customerSubset")
        _sub(entry, "note", f"kind: {term.kind}")
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
                if form.verified:
                    group = _sub(tig, "transacGrp")
                    _sub(group, "transac", "modification", type="transactionType")
                    _sub(group, "transacNote", form.verified_by, type="responsibility")
                    if form.verified_on:
                        _sub(group, "date", form.verified_on)
                if form.note:
                    _sub(tig, "note", form.note)
    etree.indent(root, space="  ")
    document = etree.tostring(root, encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n' + document


def write_termbase(termbase: Termbase, path: Path) -> Path:
    """Write ``termbase`` to ``path`` atomically."""
    write_bytes_atomic(Path(path), termbase_bytes(termbase))
    return Path(path)


def termbase_table(termbase: Termbase) -> str:
    """The termbase as a table: id, kind, each language's forms (unverified ones marked ``?``), what was skipped."""
    rows = [("id", "kind", "forms")]
    for term in termbase.terms:
        forms = "; ".join(f"{form.language}: {form.text}{'' if form.verified else ' (?)'}" for form in term.forms)
        rows.append((term.id, term.kind, forms))
    width = [max(len(row[i]) for row in rows) for i in range(2)]
    lines = [f"{row[0]:<{width[0]}}  {row[1]:<{width[1]}}  {row[2]}" for row in rows]
    lines.append(f"{len(termbase.terms)} term(s); (?) = unverified: {termbase.source}")
    lines += [f"warning: {notice}" for notice in termbase.notices]
    return "\n".join(lines)
