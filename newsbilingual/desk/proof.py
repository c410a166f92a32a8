"""The bilingual proof: one HTML page an editor reads before a story goes on the wire.

Each item (article, commentary, photo) is shown as rows aligned by msgctxt: the source text
beside what the language edition prints, with the row's status (translated, fuzzy with a
word-level diff of what changed in the source, untranslated with the fallback the wire prints),
its .po file and line, and the findings of the checks with their spans highlighted in both texts.
A header per item gives what a wire editor checks (guid, version, pubStatus, links of each
edition), and a summary on top counts the statuses and says whether the publish gate would pass.

The page is built from plain objects (:class:`ProofPage` and its rows) and one Jinja2 template
with autoescape on, so a ``<script>`` in a paragraph is shown as text. It is self-contained:
CSS inline, no script, no request for anything.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from pathlib import Path

import jinja2
import markupsafe
import polib

from ..catalog.localeformat import format_dateline
from ..catalog.translations import Translations, find_translations, read_po
from ..check.findings import ERROR, WARNING, Finding
from ..errors import NewsbilingualError
from ..story.languages import LANGUAGES, Language, get_language
from ..story.model import Link, PictureItem, Story, TextItem
from ..story.segments import Segment, story_segments
from .wire import story_editions

TRANSLATED = "translated"
FUZZY = "fuzzy"
UNTRANSLATED = "untranslated"
STATUSES = (TRANSLATED, FUZZY, UNTRANSLATED)

# Header fields shown elsewhere on the page (language: the column heads; provider: the
# summary; rights: translatable, so they are rows; catalogs: no editor's concern; links: a
# list of their own). Every other field of ItemHeader is listed, so fields added to the model
# (embargo, signals, notes) appear without a change here.
_HEADER_SHOWN_ELSEWHERE = {"language", "provider", "rights", "catalogs", "links"}
_HEADER_LABELS = {
    "pub_status": "pubStatus",
    "version_created": "versionCreated",
    "first_created": "firstCreated",
    "content_created": "contentCreated",
}
# One token per Han character (Chinese has no spaces between words), else words, runs of
# space and single punctuation marks: a diff over these reads as a word-level diff in
# English and a character-level one in Chinese.
_HAN = "\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_DIFF_TOKEN = re.compile(rf"[{_HAN}]|[^\W{_HAN}]+|\s+|[^\w\s]")
# Unicode's bidirectional formatting characters (UAX #9): invisible, yet they reorder what an
# editor sees (U+202E shows "12.11" as "11.21") while the checks read the logical order. The
# page prints each as a visible mark instead, so the editor reads what the checker read.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Fragment:
    """A stretch of a text; ``mark`` is the severity of the findings covering it (or "")."""

    text: str
    mark: str = ""
    note: str = ""


@dataclass(frozen=True)
class Change:
    """One part of a diff: ``kind`` is ``equal``, ``delete`` (only in the old text) or ``insert``."""

    kind: str
    text: str


@dataclass(frozen=True)
class ProofRow:
    """One segment of an item: the source beside what the edition prints, and what is wrong."""

    context: str
    status: str
    source: tuple[Fragment, ...]
    translation: tuple[Fragment, ...]
    printed_source: bool
    changes: tuple[Change, ...]
    copy_edit: tuple[Change, ...]
    where: str
    copy_edit_where: str
    comment: str
    findings: tuple[Finding, ...]

    @property
    def blocks_gate(self) -> bool:
        """Whether ``render --strict`` refuses the edition for this row: it prints the source
        text in its place (untranslated, fuzzy) or its translation has an error-level finding."""
        return self.status != TRANSLATED or any(finding.severity == ERROR for finding in self.findings)

    @property
    def worst(self) -> str:
        """The worst severity among the row's findings ("error", "warning"), or "" without findings."""
        severities = {finding.severity for finding in self.findings}
        return ERROR if ERROR in severities else (WARNING if severities else "")

    @property
    def worst_label(self) -> str:
        """How many findings of the worst severity the row has, as its pill says it: "2 errors"."""
        count = sum(finding.severity == self.worst for finding in self.findings)
        return f"{count} {self.worst}{'s' if count != 1 else ''}" if self.worst else ""

    @property
    def has_problem(self) -> bool:
        """Whether the "problems only" view shows the row: it blocks the gate or has any finding."""
        return self.blocks_gate or bool(self.findings)


@dataclass(frozen=True)
class EditionHeader:
    """What a wire editor checks on one edition of an item."""

    language: str
    guid: str
    facts: tuple[tuple[str, str], ...]
    links: tuple[Link, ...]
    alert: bool


@dataclass(frozen=True)
class ProofItem:
    """An item (article, commentary, photo) with both editions' headers and its rows."""

    role: str
    headers: tuple[EditionHeader, EditionHeader]
    rows: tuple[ProofRow, ...]


@dataclass(frozen=True)
class ProofPage:
    """Everything the template shows; built by :func:`proof_page`."""

    story_id: str
    provider: str
    locales: str
    source: Language
    target: Language
    items: tuple[ProofItem, ...]
    stray_findings: tuple[Finding, ...]
    checked: bool

    def rows(self) -> list[ProofRow]:
        return [row for item in self.items for row in item.rows]

    def counts(self) -> dict[str, int]:
        """Rows per status, in the order of :data:`STATUSES`."""
        rows = self.rows()
        return {status: sum(row.status == status for row in rows) for status in STATUSES}

    def finding_counts(self) -> dict[str, int]:
        """Findings on the rows per severity."""
        findings = [finding for row in self.rows() for finding in row.findings]
        return {severity: sum(f.severity == severity for f in findings) for severity in (ERROR, WARNING)}

    def blocking(self) -> list[ProofRow]:
        """The rows for which the publish gate (``render --strict``) would refuse the edition."""
        return [row for row in self.rows() if row.blocks_gate]

    def problems(self) -> list[ProofRow]:
        """The rows the "problems only" view shows (see :attr:`ProofRow.has_problem`)."""
        return [row for row in self.rows() if row.has_problem]


def proof_html(
    story: Story,
    locales: Path | None,
    *,
    language: str | None = None,
    findings: Iterable[Finding] | None = None,
) -> str:
    """The proof page of ``story``'s ``language`` edition against its source, as HTML text.

    ``locales`` is the catalogs folder; ``language`` defaults to the first published language
    other than the source. ``findings`` (from :func:`~newsbilingual.check_story`) are shown on
    the rows of their msgctxt; the summary says whether the publish gate (``render --strict``)
    would pass: not while a segment is untranslated or fuzzy, or has an error-level finding.
    Without ``findings`` the page says that no checks ran.
    """
    return render_page(proof_page(story, locales, language=language, findings=findings))


def render_page(page: ProofPage) -> str:
    """The HTML text of a :class:`ProofPage`."""
    return _environment().get_template("proof.html.j2").render(page=page, STATUSES=STATUSES)


def proof_page(
    story: Story,
    locales: Path | None,
    *,
    language: str | None = None,
    findings: Iterable[Finding] | None = None,
) -> ProofPage:
    """The objects a proof page shows (see :func:`proof_html`)."""
    checked = findings is not None
    findings = findings or ()
    source = get_language(story.language)
    target = get_language(language) if language else _other_language(source)
    if target == source:
        raise NewsbilingualError(f"{target.tag} is the story's source language: a proof compares an edition with it")
    locales = Path(locales) if locales else None
    source_edition, target_edition = story_editions(story, locales=locales, languages=[source.tag, target.tag])
    target_catalog = _Catalog.find(locales, story.id, target)
    source_catalog = _Catalog.find(locales, story.id, source)

    ours = [f for f in findings if not f.language or _same_language(f.language, target)]
    by_context: dict[str, list[Finding]] = {}
    for finding in ours:
        by_context.setdefault(finding.context, []).append(finding)

    segments = story_segments(story)
    source_items, target_items = dict(source_edition.story.roles()), dict(target_edition.story.roles())
    items = []
    for role, source_item in source_items.items():
        rows = tuple(
            _row(segment, target_catalog, source_catalog, tuple(by_context.get(segment.context, ())))
            for segment in segments
            if segment.context.split("/", 1)[0] == role
        )
        headers = (_edition_header(source_item), _edition_header(target_items[role]))
        items.append(ProofItem(role, headers, rows))
    on_rows = {segment.context for segment in segments}
    return ProofPage(
        story_id=story.id,
        provider=story.article.header.provider.name or story.article.header.provider.uri,
        locales=str(locales) if locales else "",
        source=source,
        target=target,
        items=tuple(items),
        stray_findings=tuple(f for f in ours if f.context not in on_rows),
        checked=checked,
    )


def _other_language(source: Language) -> Language:
    return next(language for language in LANGUAGES if language != source)


def _same_language(name: str, language: Language) -> bool:
    try:
        return get_language(name) == language
    except NewsbilingualError:
        return False


@dataclass(frozen=True)
class _Catalog:
    """One language's catalog of the story: the wire's lookup, and the .po entries for lines."""

    translations: Translations
    entries: dict[tuple[str, str], polib.POEntry]
    shown_path: str

    @classmethod
    def find(cls, locales: Path | None, story_id: str, language: Language) -> _Catalog:
        # The .po (not a compiled .mo): its entries give the lines and the fuzzy translations.
        translations = find_translations(locales, story_id, language.tag, use_fuzzy=True) if locales else None
        if locales is None or translations is None:
            missing = f"<no {language.tag} catalog>"
            return cls(Translations(language=language.tag, source=missing), {}, missing)
        path = Path(translations.source)
        entries = {}
        if path.suffix == ".po":
            entries = {(e.msgctxt or "", e.msgid): e for e in read_po(path) if not e.obsolete}
        # Named from the locales folder on (locales/zh/LC_MESSAGES/x.po), as a translator knows it.
        shown = path.relative_to(locales.parent) if path.is_relative_to(locales.parent) else path
        return cls(translations, entries, shown.as_posix())

    def where(self, segment: Segment) -> str:
        entry = self.entries.get((segment.context, segment.text))
        if entry is not None:
            return f"{self.shown_path}:{entry.linenum}"
        if self.entries:
            return f"{self.shown_path}: no entry (run newsbilingual update)"
        return self.shown_path


def _row(segment: Segment, catalog: _Catalog, source_catalog: _Catalog, findings: tuple[Finding, ...]) -> ProofRow:
    key = (segment.context, segment.text)
    translation = catalog.translations.lookup(*key)
    fuzzy = catalog.translations.fuzzy.get(key) or ""
    if translation is not None:
        status, shown = TRANSLATED, translation
    elif fuzzy:
        status, shown = FUZZY, fuzzy
    else:
        status, shown = UNTRANSLATED, ""
    entry = catalog.entries.get(key)
    changes: tuple[Change, ...] = ()
    if status == FUZZY and entry is not None and entry.previous_msgid:
        changes = word_diff(entry.previous_msgid, segment.text)
    # The source edition prints the source language catalog's copy edit, where there is one.
    edited = source_catalog.translations.lookup(*key)
    copy_edit = word_diff(segment.text, edited) if edited and edited != segment.text else ()
    return ProofRow(
        context=segment.context,
        status=status,
        source=highlight(segment.text, findings, "source"),
        translation=highlight(shown, findings, "target"),
        printed_source=status != TRANSLATED,
        changes=changes,
        copy_edit=copy_edit,
        where=catalog.where(segment),
        copy_edit_where=source_catalog.where(segment) if copy_edit else "",
        comment=entry.tcomment if entry is not None else "",
        findings=findings,
    )


def word_diff(old: str, new: str) -> tuple[Change, ...]:
    """What changed from ``old`` to ``new``, word by word (character by character in Chinese)."""
    before, after = _DIFF_TOKEN.findall(old), _DIFF_TOKEN.findall(new)
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("equal", "delete", "replace") and i2 > i1:
            changes.append(Change("equal" if op == "equal" else "delete", "".join(before[i1:i2])))
        if op in ("insert", "replace"):
            changes.append(Change("insert", "".join(after[j1:j2])))
    return tuple(changes)


def highlight(text: str, findings: Sequence[Finding], side: str) -> tuple[Fragment, ...]:
    """``text`` cut into fragments, those covered by a finding's span on ``side`` marked.

    A fragment covered by several findings takes the worst severity and names every check.
    A span outside the text is a bug of the check that made it: ValueError.
    """
    spans = []
    for finding in findings:
        for span in finding.spans:
            if span.side != side:
                continue
            if not 0 <= span.start < span.end <= len(text):
                raise ValueError(f"{finding}: {side} span {span.start}:{span.end} is outside the text ({len(text)})")
            spans.append((span.start, span.end, finding))
    if not text:
        return ()
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    fragments: list[Fragment] = []
    for start, end in pairwise(cuts):
        covering = [finding for s, e, finding in spans if s <= start and end <= e]
        mark = ERROR if any(f.severity == ERROR for f in covering) else (WARNING if covering else "")
        note = "; ".join(dict.fromkeys(f"{f.check}: {f.message}" for f in covering))
        if fragments and (fragments[-1].mark, fragments[-1].note) == (mark, note):
            fragments[-1] = Fragment(fragments[-1].text + text[start:end], mark, note)
        else:
            fragments.append(Fragment(text[start:end], mark, note))
    return tuple(fragments)


def _edition_header(item: TextItem | PictureItem) -> EditionHeader:
    header = item.header
    facts = []
    for field in dataclasses.fields(header):
        value = getattr(header, field.name)
        if field.name in _HEADER_SHOWN_ELSEWHERE or value in (None, "", ()):
            continue
        facts.append((_HEADER_LABELS.get(field.name, field.name.replace("_", " ")), _plain(value)))
    # Lines the wire composes from several segments: how each edition prints them.
    if isinstance(item, TextItem) and item.dateline:
        facts.append(("dateline as printed", format_dateline(item.dateline, item.language)))
    if isinstance(item, PictureItem) and item.credit:
        facts.append(("credit as printed", item.credit))
    return EditionHeader(
        language=header.language,
        guid=header.guid,
        facts=tuple(facts),
        links=header.links,
        alert=header.pub_status != "stat:usable",
    )


def _plain(value: object) -> str:
    """A header value as one line of text: dates in ISO 8601, records as their non-empty fields."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "; ".join(_plain(part) for part in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = (_plain(getattr(value, f.name)) for f in dataclasses.fields(value))
        return ", ".join(part for part in parts if part)
    return "" if value is None else str(value)


def show_controls(text: str) -> markupsafe.Markup:
    """``text`` escaped for HTML, each bidirectional control replaced by a visible, named mark."""

    def mark(match: re.Match[str]) -> str:
        code = f"U+{ord(match[0]):04X}"
        return f'<span class="control" title="{code} {unicodedata.name(match[0], "")}">{code}</span>'

    return markupsafe.Markup(_BIDI_CONTROLS.sub(mark, str(markupsafe.escape(text))))


@functools.cache
def _environment() -> jinja2.Environment:
    # Autoescape everything: the text of a story is data, never markup.
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("newsbilingual.desk", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["controls"] = show_controls
    return environment
