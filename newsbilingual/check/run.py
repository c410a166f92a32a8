"""Run every check on a story's catalogs: :func:`check_story` and :func:`check_stories`.

Each live catalog entry of a story segment is checked against its source text. A translator
records an exception with a translator comment tied to the text (``# check: ignore figures
[3f9a0c1e] — reason``, :mod:`.waivers`), or with the older flag ``#, ignore-figures``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog.compiling import EDITED_MSGID_MESSAGE, placeholder_problem
from ..catalog.folder import OnError, find_catalogs
from ..catalog.translations import catalog_path, parsed_po, read_po
from ..errors import CatalogError
from ..story.languages import get_language
from ..story.model import Story, slug
from ..story.segments import story_segments
from .completeness import is_copied, length_problem
from .figures import match_read, read_figures
from .findings import ERROR, IGNORED, WARNING, Finding, Span
from .meaning import meaning_problems
from .termbase import TERMBASE_NAME, Term, Termbase, TermbaseError, TermForm, read_termbase
from .terms import NAME_CONTEXT, StoryName, TermIndex, story_terms, termbase_index
from .typography import is_chinese, typography_problems, writing_script
from .waivers import Waiver, read_waivers, text_hash

if TYPE_CHECKING:  # the reader may change; only these entry attributes are used
    import polib

# The mark of an entry whose context the catalog has under another msgid than the story's text.
EDITED_MSGID = "edited-msgid"
CHECKS = (
    "figures",
    "terms",
    "latin-names",
    "typography",
    "untranslated",
    "fuzzy",
    "copied",
    "length",
    "placeholders",
    "waivers",
    "termbase",
    "meaning",  # the words that carry the figures: direction, comparison, swaps (meaning.py)
)


@dataclass(frozen=True)
class Entry:
    """A catalog entry as the checks see it (read through :func:`read_po`, nothing polib-specific after)."""

    file: str
    line: int
    context: str
    source: str
    target: str
    fuzzy: bool
    flags: tuple[str, ...]
    language: str
    waivers: tuple[Waiver, ...] = ()

    @cached_property
    def waived(self) -> tuple[str, ...]:
        """The checks waived here: by a ``check: ignore`` comment given for this text, or an ``ignore-`` flag."""
        names = [flag.removeprefix("ignore-") for flag in self.flags if flag.startswith("ignore-")]
        names += [name for waiver in self.waivers if waiver.holds(self.source, self.target) for name in waiver.checks]
        return tuple(dict.fromkeys(names))

    def finding(self, check: str, severity: str, message: str, spans: Sequence[Span] = ()) -> Finding:
        if check in self.waived:
            severity = IGNORED
        waived = tuple(f"ignore-{name}" for name in self.waived)
        return Finding(
            self.file,
            self.line,
            self.context,
            check,
            severity,
            message,
            self.language,
            tuple(spans),
            waived,
            text_hash(self.source, self.target),
        )

    def waiver_problems(self) -> Iterator[Finding]:
        """Waivers that no longer hold (the text changed), lack their text's hash, or name no check."""
        for waiver in self.waivers:
            checks = ", ".join(waiver.checks)
            renew = f"'# check: ignore {checks} [{text_hash(self.source, self.target)}] — <reason>'"
            if unknown := [name for name in waiver.checks if name not in CHECKS]:
                yield self.finding("waivers", WARNING, f"waiver names no check: {', '.join(unknown)}")
            elif not waiver.hash:
                yield self.finding("waivers", WARNING, f"waiver of {checks} without the text's hash: write {renew}")
            elif not waiver.holds(self.source, self.target):
                message = (
                    f"waiver of {checks} was given for another text ([{waiver.hash}]): the check runs again; "
                    f"if it still holds, renew it as {renew}"
                )
                yield self.finding("waivers", WARNING, message)


def default_termbase(locales: Path) -> Path | None:
    """``<locales>/termbase.tbx`` when it exists."""
    path = Path(locales) / TERMBASE_NAME
    return path if path.is_file() else None


def story_languages(story: Story, locales: Path, languages: Sequence[str] | None) -> list[str]:
    """The languages to check: those asked for (each must have a .po), else every one with a .po."""
    if languages:
        tags = [get_language(name).tag for name in languages]
        for tag in tags:
            path = catalog_path(locales, story.id, tag)
            if not path.is_file():
                raise CatalogError(f"no {tag} catalog of story {story.id!r}", source=path)
        return tags
    found, problems = find_catalogs(locales, story.id)
    if problems:
        raise problems[0]
    return sorted({catalog.language.tag for catalog in found})


def read_entries(story: Story, path: Path, language: str) -> list[Entry]:
    """The entries of ``path`` for the story's segments.

    A segment the catalog lacks (the template was not merged since the story changed) is an
    untranslated entry, at the line of its context's old entry if there is one, else line 1:
    the edition prints its source text, as gettext does.
    """
    catalog = parsed_po(path)  # parsed once: a render's editions read the same .po
    live = {(entry.msgctxt or "", entry.msgid): entry for entry in catalog if not entry.obsolete}
    by_context = {context: entry for (context, _), entry in live.items()}
    entries = []
    for segment in story_segments(story):
        found = live.get((segment.context, segment.text))
        if found is None:
            old = by_context.get(segment.context)
            line = old.linenum if old is not None and old.linenum is not None else 1  # read_po numbers each entry
            # An entry of this context whose msgid is not the story's text: what render and stats see too.
            flags = (EDITED_MSGID,) if old is not None else ()
            entries.append(Entry(str(path), line, segment.context, segment.text, "", False, flags, language))
            continue
        entries.append(_entry(path, found, language))
    return entries


def _entry(path: Path, entry: polib.POEntry, language: str) -> Entry:
    flags = tuple(flag for flag in entry.flags if flag != "fuzzy")
    assert entry.linenum is not None  # read_po numbers each entry
    return Entry(
        str(path),
        entry.linenum,
        entry.msgctxt or "",
        entry.msgid,
        entry.msgstr,
        "fuzzy" in entry.flags,
        flags,
        language,
        tuple(read_waivers(entry.tcomment or "")),
    )


def story_names(entries: Sequence[Entry]) -> list[StoryName]:
    """The names the catalog translates (people, organisations, places), translated and not fuzzy."""
    names = []
    for entry in entries:
        match = NAME_CONTEXT.match(entry.context)
        if match and entry.target and not entry.fuzzy:
            names.append(StoryName(match.group("kind") or "place", entry.source, entry.target, entry.context))
    return names


def add_story_names(termbase: Termbase | None, stories: Sequence[Story], locales: Path) -> tuple[Termbase, list[Term]]:
    """``termbase`` with the names of ``stories`` it lacks (people, organisations, places), and those added.

    Each name's forms come from the story's catalogs; a form still fuzzy or untranslated is
    entered as the source spelling, unverified, for the desk to check; never guessed.
    """
    termbase = termbase or Termbase()
    known = {form.text for term in termbase.terms for form in term.forms}
    added: list[Term] = []
    for story in stories:
        forms: dict[str, list[TermForm]] = {}
        kinds: dict[str, str] = {}
        for language in story_languages(story, locales, None):
            if get_language(language).tag == get_language(story.language).tag:
                continue
            for entry in read_entries(story, catalog_path(locales, story.id, language), language):
                match = NAME_CONTEXT.match(entry.context)
                if not match or entry.source in known:
                    continue
                kind = match.group("kind") or "place"
                kinds.setdefault(entry.source, "person" if kind == "byline" else kind)
                checked = entry.target and not entry.fuzzy
                note = "" if checked else f"not yet translated in {story.id}; kept as in the source until checked"
                forms.setdefault(entry.source, [TermForm(story.language, entry.source)])
                if all(form.language != language for form in forms[entry.source]):
                    forms[entry.source].append(TermForm(language, entry.target if checked else entry.source, note=note))
        for source, term_forms in forms.items():
            term_id, number = slug(source), 1
            while termbase.get(term_id if number == 1 else f"{term_id}-{number}"):
                number += 1
            term = Term(term_id if number == 1 else f"{term_id}-{number}", kinds[source], tuple(term_forms))
            termbase = termbase.with_term(term)
            known.add(source)
            added.append(term)
    return termbase, added


def check_story(
    story: Story,
    locales: Path,
    *,
    languages: Sequence[str] | None = None,
    termbase: Path | None = None,
    ignored: bool = False,
    termbase_problems: str = ERROR,
) -> list[Finding]:
    """What a copy editor finds in the catalogs of ``story`` under ``locales``.

    ``languages`` defaults to every language with a .po catalog of the story; ``termbase``
    to ``<locales>/termbase.tbx`` when it exists. Findings waived by a translator (a ``check:
    ignore`` comment, an ``ignore-<check>`` flag) are left out, or given with severity
    ``ignored`` when ``ignored`` is true. A termbase entry that cannot be used is skipped and
    reported (check ``termbase``) with the severity ``termbase_problems``: an error for ``check``,
    a warning for a render's publish gate and the proof page, which go on without it; so is a
    termbase file that is not TBX at all, which with ``ERROR`` raises :class:`TermbaseError`.
    """
    return check_stories(
        [story], locales, languages=languages, termbase=termbase, ignored=ignored, termbase_problems=termbase_problems
    )


def check_catalog(
    path: Path,
    *,
    source_language: str | None = None,
    termbase: Path | None = None,
    ignored: bool = False,
    provider: Collection[str] = (),
) -> list[Finding]:
    """Every check on every live entry of one .po file, without its story.

    The language comes from the ``Language`` header, the source language from
    ``X-Source-Language`` (written by ``extract``) unless given, else English. A desk-specific
    term of the termbase applies only when ``provider`` (the names and URI of the desk whose
    copy this is) names its desk.
    """
    catalog = read_po(path)
    language = get_language(catalog.metadata.get("Language") or "").tag
    source = get_language(source_language or catalog.metadata.get("X-Source-Language") or "en").tag
    entries = [_entry(path, entry, language) for entry in catalog if not entry.obsolete and entry.msgid]
    terms, findings = read_checked_termbase(termbase, ERROR)
    findings += check_entries(entries, source, terms, provider=provider)
    return [finding for finding in findings if ignored or finding.severity != IGNORED]


def check_stories(
    stories: Sequence[Story],
    locales: Path,
    *,
    languages: Sequence[str] | None = None,
    termbase: Path | None = None,
    ignored: bool = False,
    on_error: OnError | None = None,
    termbase_problems: str = ERROR,
) -> list[Finding]:
    """:func:`check_story` for each story, and a name translated two ways in two stories.

    A catalog that cannot be read raises :class:`CatalogError`, or, given ``on_error``, is handed
    to it while every other catalog is checked (one broken .po stops only its own checks).
    """
    terms, findings = read_checked_termbase(termbase or default_termbase(locales), termbase_problems)
    first_seen: dict[tuple[str, str], tuple[StoryName, Entry]] = {}
    for story in stories:
        for language in story_languages(story, locales, languages):
            try:
                entries = read_entries(story, catalog_path(locales, story.id, language), language)
            except CatalogError as error:
                if on_error is None:
                    raise
                on_error(error)
                continue
            findings += check_entries(entries, story.language, terms, provider=story_provider(story))
            by_context = {entry.context: entry for entry in entries}
            for name in story_names(entries):
                entry = by_context[name.context]
                first, first_entry = first_seen.setdefault((language, name.source), (name, entry))
                # A name that contradicts the termbase is reported by check_entries already.
                known = termbase_index(terms, story.language, language, story_provider(story)).conflicts([name])
                if first.target != name.target and not known:
                    message = (
                        f"{name.source!r} is {name.target!r} here but {first.target!r} in "
                        f"{first_entry.file}:{first_entry.line}"
                    )
                    findings.append(entry.finding("terms", ERROR, message, [Span("target", 0, len(name.target))]))
    return [finding for finding in findings if ignored or finding.severity != IGNORED]


def story_provider(story: Story) -> tuple[str, ...]:
    """The names and URI the story's provider is known by (what a desk-specific term names)."""
    provider = story.article.header.provider
    return tuple(name for name in (provider.name, provider.uri, provider.qcode, provider.literal) if name)


def read_checked_termbase(path: Path | None, severity: str) -> tuple[Termbase, list[Finding]]:
    """The termbase at ``path`` (none: an empty one), and a finding for each entry it skipped.

    An unusable entry is reported with ``severity``, a language set in an unknown language as a
    warning. A file that is not TBX raises :class:`TermbaseError` when ``severity`` is an error;
    else it is reported and the checks go on without a termbase.
    """
    if path is None:
        return Termbase(), []
    try:
        termbase = read_termbase(path, strict=False)
    except TermbaseError as problem:
        if severity == ERROR:
            raise
        return Termbase(), [_termbase_finding(problem, severity)]
    findings = [_termbase_finding(problem, severity) for problem in termbase.problems]
    return termbase, findings + [_termbase_finding(notice, WARNING) for notice in termbase.notices]


def _termbase_finding(problem: TermbaseError, severity: str) -> Finding:
    skipped = "" if problem.message.endswith("skipped") else " (skipped)"
    return Finding(problem.source or "", problem.line or 1, "", "termbase", severity, problem.message + skipped)


def check_entries(
    entries: Sequence[Entry], source_language: str, termbase: Termbase, *, provider: Collection[str] = ()
) -> list[Finding]:
    """Every check on the entries of one catalog, a story of ``provider`` (its names and URI).

    A desk-specific term applies only when ``provider`` names its desk.
    """
    if not entries:
        return []
    language = entries[0].language
    names = story_names(entries)
    base = termbase_index(termbase, source_language, language, provider)
    index = TermIndex(story_terms(names, source_language, language), source_language, language, base)
    findings: list[Finding] = []
    for name, expected in base.conflicts(names):
        entry = next(entry for entry in entries if entry.context == name.context)
        message = f"{name.source!r} is {name.target!r} here but {expected!r} in the termbase"
        findings.append(
            entry.finding(
                "terms", ERROR, message, [Span("source", 0, len(name.source)), Span("target", 0, len(name.target))]
            )
        )
    same_language = get_language(source_language).tag == language
    # Names a translation may keep as they are: those the termbase keeps in Latin letters, and, in a
    # language written in the source's script (en → fr), every name of the story ("Deng Xuelin", "BOE").
    kept = set(index.kept_latin)
    if writing_script(source_language) == writing_script(language):
        kept |= {entry.source for entry in entries if NAME_CONTEXT.match(entry.context)}
    kept_names = frozenset(kept)
    for entry in entries:
        findings += list(_check_entry(entry, index, same_language, kept_names, source_language))
    return findings


def _check_entry(
    entry: Entry, index: TermIndex, same_language: bool, kept: frozenset[str], source_language: str = ""
) -> Iterator[Finding]:
    if EDITED_MSGID in entry.flags:
        yield entry.finding("untranslated", WARNING, f"{EDITED_MSGID_MESSAGE}; the source text is printed")
        return
    if not entry.target:
        message = "not translated (or the catalog is older than the story: run 'update'): the source text is printed"
        yield entry.finding("untranslated", WARNING, message)
        return
    if entry.fuzzy:
        yield entry.finding("fuzzy", WARNING, "fuzzy: needs review; the edition prints the source text")
        return
    yield from entry.waiver_problems()
    if problem := placeholder_problem(entry.source, entry.target, entry.flags):
        yield entry.finding("placeholders", ERROR, problem)
    if not same_language and is_copied(entry.source, entry.target) and entry.target not in kept:
        yield entry.finding(
            "copied", ERROR, "the translation is the source text copied", [Span("target", 0, len(entry.target))]
        )
    if problem := length_problem(entry.source, entry.target):
        yield entry.finding("length", WARNING, problem)
    yield from _figure_findings(entry, source_language)
    for missing in index.missing(entry.source, entry.target):
        expected = " or ".join(repr(form) for form in missing.expected)
        message = f"source names {missing.source_text!r}; the translation lacks its {entry.language} form {expected}"
        yield entry.finding("terms", ERROR, message, [Span("source", missing.start, missing.end)])
    if is_chinese(entry.language) and not same_language:
        for start, end, message in index.latin_names(entry.target):
            yield entry.finding("latin-names", WARNING, message, [Span("target", start, end)])
    for typo in typography_problems(entry.source, entry.target, entry.language):
        spans = [Span("target", typo.start, typo.end)]
        if typo.source_span:
            spans.append(Span("source", *typo.source_span))
        yield entry.finding("typography", WARNING, typo.message, spans)


def _figure_findings(entry: Entry, source_language: str) -> Iterator[Finding]:
    """Figures compared by value (check ``figures``), and the words that carry them (check ``meaning``)."""
    sources, targets = read_figures(entry.source, source_language), read_figures(entry.target, entry.language)
    pairs, mismatches = match_read(sources, targets)
    for mismatch in mismatches:
        spans = []
        if mismatch.source:
            spans.append(Span("source", mismatch.source.start, mismatch.source.end))
        if mismatch.target:
            spans.append(Span("target", mismatch.target.start, mismatch.target.end))
        yield entry.finding("figures", ERROR, mismatch.message(), spans)
    for problem in meaning_problems(entry.source, entry.target, pairs):
        severity = ERROR if problem.certain else WARNING  # see meaning.Problem
        yield entry.finding("meaning", severity, problem.message, [Span(*span) for span in problem.spans])
