"""The locales folder: templates, language catalogs, compiled catalogs, and their statistics.

Layout (what gettext, Poedit and Weblate expect)::

    locales/<domain>.pot                       template, from `extract`
    locales/<lang>/LC_MESSAGES/<domain>.po     a language's catalog, edited by translators
    locales/<lang>/LC_MESSAGES/<domain>.mo     compiled, from `compile`

Every operation reads and computes first and writes each file atomically at the end. A
broken file stops only its own work (one catalog's .mo or statistics, one story's update):
given an ``on_error`` (as the CLI does), every other story and language is done and each
broken file reported with its line; without one, the first error is raised and nothing written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import polib

from ..atomic import FileState, file_state, replace_if_unchanged, write_bytes_atomic
from ..errors import CatalogError, NewsbilingualError
from ..story.languages import Language, get_language
from .convert import conversion_source, convert_entries, start_conversion
from .memory import TranslationMemory, prefill
from .merge import init_catalog, merge_catalog, restore_header
from .mofile import mo_bytes
from .powrap import encode_pofile
from .translations import LIBRARY_DOMAIN, brace_format_problem, catalog_path, language_folder, read_po

CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WORD_RE = re.compile(r"[^\W\d_\u3400-\u9fff\uf900-\ufaff]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*")


def source_words(text: str) -> int:
    """Words of a source text as translators count them: each Chinese character is one word."""
    return len(CJK_RE.findall(text)) + len(WORD_RE.findall(text))


def _existing(locales: Path) -> Path:
    if not Path(locales).is_dir():
        raise CatalogError("no such catalogs folder (give --locales DIR)", source=locales)
    return Path(locales)


def templates(locales: Path, domain: str | None = None) -> list[Path]:
    """The templates under ``locales`` (only ``domain``'s if given; an error if it has none)."""
    found = sorted(_existing(locales).glob(f"{domain}.pot" if domain else "*.pot"))
    if domain and not found:
        raise CatalogError(f"no template for {domain!r} (run 'newsbilingual extract' first)", source=locales)
    return found


@dataclass(frozen=True)
class CatalogFile:
    """One language catalog file found under ``locales/<folder>/LC_MESSAGES/``."""

    path: Path
    domain: str
    language: Language


OnError = Callable[[CatalogError], None]


def find_catalogs(
    locales: Path, domain: str | None = None, *, suffixes: Sequence[str] = (".po",)
) -> tuple[list[CatalogFile], list[CatalogError]]:
    """Every catalog under ``locales`` (only ``domain``'s if given), with the language its folder names.

    Any language Babel knows counts, whatever tool made the folder (``ja``, ``zh_TW``,
    ``zh_Hant``). A folder whose name is no language gives an error naming the file, returned
    apart so that it never stops the other languages.
    """
    problems: list[CatalogError] = []
    folders: dict[tuple[str, Language], list[Path]] = {}
    for suffix in suffixes:
        for path in sorted(_existing(locales).glob(f"*/LC_MESSAGES/{domain or '*'}{suffix}")):
            try:
                language = get_language(path.parent.parent.name)
            except NewsbilingualError as error:
                problems.append(CatalogError(f"{error.message} (the folder names the language)", source=path))
                continue
            paths = folders.setdefault((path.stem, language), [])
            if all(other.parent != path.parent for other in paths):
                paths.append(path)
    found: list[CatalogFile] = []
    for (stem, language), paths in folders.items():
        # The folder catalog_path uses comes first; any other folder of the language is an error.
        preferred = language_folder(locales, language.tag)
        used, *others = sorted(paths, key=lambda path: path.parent.parent.name != preferred)
        found.append(CatalogFile(used, stem, language))
        for other in others:
            problems.append(CatalogError(f"a second {language.tag} catalog of {stem} (used: {used})", source=other))
    return found, problems


def _report(problems: list[CatalogError], on_error: OnError | None) -> None:
    """Hand each problem to ``on_error``; without one, the first problem is raised before anything is written."""
    for problem in problems:
        if on_error is None:
            raise problem
        on_error(problem)


def _write_all(outputs: dict[Path, bytes]) -> list[Path]:
    for path, data in outputs.items():
        write_bytes_atomic(path, data)
    return list(outputs)


def _source_language(template: polib.POFile) -> str:
    return template.metadata.get("X-Source-Language", "en")


#: ``update`` refuses (without ``force``) to turn more than this share of a catalog's translations obsolete.
MAX_OBSOLETED_SHARE = 0.5


def check_obsoleted(before: polib.POFile, after: polib.POFile, *, template: Path, catalog: Path) -> None:
    """A CatalogError if merging ``template`` turned more than half of ``before``'s translated entries obsolete.

    A template extracted from another story with the same id (a copy ingested under the bundled
    story's id, say) would otherwise silently bury a catalog's translations as ``#~`` entries.
    """
    translated = {(e.msgctxt, e.msgid) for e in before if e.translated() and not e.obsolete}
    buried = {(e.msgctxt, e.msgid) for e in after if e.obsolete} & translated
    if translated and len(buried) > MAX_OBSOLETED_SHARE * len(translated):
        raise CatalogError(
            f"merging the template {template} would turn {len(buried)} of {len(translated)} translated entries "
            "obsolete: is it another story's template? Give --force to merge it anyway",
            source=catalog,
        )


def update(
    locales: Path,
    domain: str | None = None,
    *,
    force: bool = False,
    now: datetime | None = None,
    on_error: OnError | None = None,
    accept: Sequence[str] = (),
) -> list[Path]:
    """Merge each template into every catalog of its domain (``msgmerge --previous``).

    A story new to the folder gets a catalog (as ``init`` would start it) in every language that
    already has catalogs under ``locales``. New entries are then pre-filled from the translation
    memory (every story's catalogs of the language, :mod:`.memory`; exact matches of the context
    patterns ``accept`` are taken unreviewed), and a catalog converted from
    another language (zh-Hant from zh-Hans, :mod:`.convert`) gets that language's new work
    converted. Unless ``force``, a merge that would turn more than half of a catalog's
    translations obsolete is refused (see :func:`check_obsoleted`). A broken file (a template, a
    catalog, a catalog in a folder that names no language) is an error: raised before anything
    is written, or given to ``on_error`` while every other story is updated.
    """
    outputs: dict[Path, tuple[bytes, Redo | None]] = {}
    states: dict[Path, FileState | None] = {}  # what each catalog was when read, before reading it
    everything, problems = find_catalogs(locales)
    # The languages stories are translated into; the library's own domain (datelines, credits)
    # may have catalogs of languages no story uses (zh-Hant as the fallback of zh-Hant-TW).
    present = {c.language.tag: c.language for c in everything if c.domain != LIBRARY_DOMAIN}
    read: dict[Path, polib.POFile] = {}  # each catalog is read once, for its merge and for the memory
    broken: dict[Path, CatalogError] = {}  # and a broken one is reported once

    def catalog_of(path: Path) -> polib.POFile:
        if path in broken:
            raise broken[path]
        if path not in read:
            states[path] = file_state(path)
            try:
                read[path] = read_po(path)
            except CatalogError as error:
                broken[path] = error
                _report([error], on_error)
                raise
        return read[path]

    memories: dict[str, TranslationMemory] = {}
    for pot_path in templates(locales, domain):
        _report([p for p in problems if Path(p.source or "").stem == pot_path.stem], on_error)
        # One broken file (the template or a catalog of this story) stops this story only.
        try:
            template, merged = _update_story(
                pot_path,
                everything,
                present,
                catalog_of,
                memories,
                force=force,
                now=now,
                on_error=on_error,
                accept=accept,
            )
            story: dict[Path, tuple[bytes, Redo | None]] = {}
            for catalog, po in merged.values():
                # A translator who saves this catalog while update runs keeps their save: it is merged again.
                memory = memories[catalog.language.tag]
                redo: Redo | None = (
                    partial(_merge_again, catalog, template, memory, merged, accept) if catalog.path in read else None
                )
                story[catalog.path] = (encode_pofile(po), redo)
        except CatalogError as error:
            if on_error is None:
                raise
            if error.source is None or Path(error.source) not in broken:
                on_error(error)
            continue
        outputs.update(story)
    for path, (data, redo) in outputs.items():
        replace_if_unchanged(path, data, states.get(path), redo=redo)
    return list(outputs)


def _update_story(
    pot_path: Path,
    everything: list[CatalogFile],
    present: dict[str, Language],
    catalog_of: Callable[[Path], polib.POFile],
    memories: dict[str, TranslationMemory],
    *,
    force: bool,
    now: datetime | None,
    on_error: OnError | None,
    accept: Sequence[str] = (),
) -> tuple[polib.POFile, dict[str, tuple[CatalogFile, polib.POFile]]]:
    """The template ``pot_path`` and its story's catalogs by language: merged, pre-filled, converted."""
    template = read_po(pot_path)
    merged: dict[str, tuple[CatalogFile, polib.POFile]] = {}
    for catalog in everything:
        if catalog.domain == pot_path.stem:
            before = catalog_of(catalog.path)
            after = merge_catalog(before, template)
            restore_header(after, catalog.language)
            if not force:
                check_obsoleted(before, after, template=pot_path, catalog=catalog.path)
            merged[catalog.language.tag] = (catalog, after)
    for tag, language in present.items():
        if tag not in merged and pot_path.stem != LIBRARY_DOMAIN:  # a new story: start its catalog
            path = catalog_path(pot_path.parent, pot_path.stem, tag)
            started = init_catalog(
                template, language, source_language=_source_language(template), now=now or datetime.now(UTC)
            )
            merged[tag] = (CatalogFile(path, pot_path.stem, language), started)
    for catalog, po in merged.values():
        tag = catalog.language.tag
        if tag not in memories:
            memories[tag] = TranslationMemory.from_catalogs(
                (found, c.domain)
                for c in everything
                if c.language.tag == tag and (found := _memory_source(c, catalog_of, on_error)) is not None
            )
        prefill(po, catalog.domain, memories[tag], accept)
    # Converted after every language is pre-filled, so the result does not depend on folder order.
    for catalog, po in merged.values():
        _convert_into(catalog, po, merged)
    return template, merged


Redo = Callable[[], tuple[bytes, FileState | None]]


def _convert_into(catalog: CatalogFile, po: polib.POFile, merged: dict[str, tuple[CatalogFile, polib.POFile]]) -> None:
    """Convert into ``po`` the new work of the language it is converted from (zh-Hant from zh-Hans)."""
    source = conversion_source(po)
    if source is not None and source.tag in merged:
        convert_entries(po, merged[source.tag][1], catalog.language)


def _merge_again(
    catalog: CatalogFile,
    template: polib.POFile,
    memory: TranslationMemory,
    merged: dict[str, tuple[CatalogFile, polib.POFile]],
    accept: Sequence[str],
) -> tuple[bytes, FileState | None]:
    """The merge of a catalog someone saved since it was read: read again (its state first, so a
    later save is caught too), merged, pre-filled from the memory, converted."""
    state = file_state(catalog.path)
    po = merge_catalog(read_po(catalog.path), template)
    restore_header(po, catalog.language)
    prefill(po, catalog.domain, memory, accept)
    _convert_into(catalog, po, merged)
    return encode_pofile(po), state


def _memory_source(
    catalog: CatalogFile, catalog_of: Callable[[Path], polib.POFile], on_error: OnError | None
) -> polib.POFile | None:
    """Another story's catalog for the memory; a broken one (reported by ``catalog_of``) is left
    out, never stopping the update of this story (without ``on_error`` it is raised)."""
    try:
        return catalog_of(catalog.path)
    except CatalogError:
        if on_error is None:
            raise
        return None


def init(
    locales: Path,
    language: str,
    *,
    domain: str | None = None,
    now: datetime | None = None,
    translator: str = "",
    from_language: str | None = None,
) -> list[Path]:
    """Start ``language``'s catalog of each template that has none yet (existing ones are kept);
    ``now`` dates them (default: the current time).

    With ``from_language`` (``zh-Hans`` for a ``zh-Hant-TW`` catalog) each entry starts as that
    language's translation converted by OpenCC, fuzzy until reviewed (:mod:`.convert`).
    """
    lang = get_language(language)
    source = get_language(from_language) if from_language else None
    outputs: dict[Path, bytes] = {}
    for pot_path in templates(locales, domain):
        path = catalog_path(locales, pot_path.stem, lang.tag)
        if path.exists():
            continue
        template = read_po(pot_path)
        catalog = init_catalog(
            template,
            lang,
            source_language=_source_language(template),
            now=now or datetime.now(UTC),
            translator=translator,
        )
        if source is not None:
            # A story without a catalog in the source language yet starts empty: update converts
            # its work once there is some.
            start_conversion(catalog, source, lang)
            source_path = catalog_path(locales, pot_path.stem, source.tag)
            if source_path.is_file():
                convert_entries(catalog, merge_catalog(read_po(source_path), template), lang)
        outputs[path] = encode_pofile(catalog)
    for path, data in outputs.items():  # one started meanwhile by someone else is theirs: refused
        replace_if_unchanged(path, data, None)
    return list(outputs)


def placeholder_problem(msgid: str, msgstr: str, flags: Sequence[str]) -> str | None:
    """Why a ``python-brace-format`` translation would fail at publishing time, or None
    (:func:`.translations.brace_format_problem`).

    Shared by :func:`compile_catalog` and the checks (``newsbilingual check``).
    """
    return brace_format_problem(msgid, msgstr) if "python-brace-format" in flags else None


def compile_catalog(po: polib.POFile, language: Language, *, source: str | Path = "<catalog>") -> bytes:
    """The .mo bytes of a catalog: translated, non-fuzzy entries only (as ``msgfmt``).

    Like ``msgfmt --check-format``, a ``python-brace-format`` translation must use the
    placeholders of its source: ``{plac}`` for ``{place}`` would fail at publishing time.
    The bytes are msgfmt's (:mod:`.mofile`), with, as ``msgfmt`` does, the catalog's own header
    as the message of the empty key, so that every gettext (GNU libintl, Python's) reads the same
    catalog from this file as from msgfmt's.
    """
    # msgfmt leaves POT-Creation-Date out, so that a template re-extracted alone changes no .mo.
    header = "".join(f"{name}: {value}\n" for name, value in po.metadata.items() if name != "POT-Creation-Date")
    messages = {b"": header.encode()} if po.metadata else {}  # no header entry, no header message
    for entry in po:
        if entry.obsolete or entry.fuzzy or not entry.msgstr or not entry.msgid:
            continue
        problem = placeholder_problem(entry.msgid, entry.msgstr, entry.flags)
        if problem:
            raise CatalogError(problem, source=source, line=entry.linenum)
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        messages[key.encode()] = entry.msgstr.encode()
    return mo_bytes(messages)


def compile_all(locales: Path, domain: str | None = None, *, on_error: OnError | None = None) -> list[Path]:
    """Compile every catalog under ``locales`` to a .mo file beside it (``on_error`` as in :func:`update`)."""
    outputs: dict[Path, bytes] = {}
    found, problems = find_catalogs(locales, domain)
    if domain and not found and not problems:
        raise CatalogError(f"no catalogs for {domain!r}", source=locales)
    _report(problems, on_error)
    for catalog in found:
        try:
            outputs[catalog.path.with_suffix(".mo")] = compile_catalog(
                read_po(catalog.path), catalog.language, source=catalog.path
            )
        except CatalogError as error:  # this catalog's .mo stays as it was; the others are compiled
            _report([error], on_error)
    return _write_all(outputs)


@dataclass(frozen=True)
class CatalogStats:
    """How far one domain's translation into one language has got."""

    domain: str
    language: str
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    source_words: int
    untranslated_words: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "total": self.total}


EDITED_MSGID_MESSAGE = "msgid edited in the .po (or the story changed since the last update): run 'update'"


def catalog_stats(po: polib.POFile, domain: str, language: str, template: polib.POFile | None = None) -> CatalogStats:
    """Counts of one catalog (``fuzzy`` entries are not counted as translated), in one pass.

    Given its ``template``, an entry whose msgid is not the template's for its context (edited
    in the .po) counts as untranslated, as ``check`` and ``render`` treat it.
    """
    expected = {e.msgctxt: e.msgid for e in template or () if not e.obsolete}
    translated = fuzzy = untranslated = obsolete = words = untranslated_words = 0
    for e in po:
        if e.obsolete:
            obsolete += 1
            continue
        if not e.msgid:
            continue
        count = source_words(e.msgid)
        words += count
        if not e.msgstr or expected.get(e.msgctxt, e.msgid) != e.msgid:
            untranslated += 1
        elif e.fuzzy:
            fuzzy += 1
        else:
            translated += 1
            continue
        untranslated_words += count
    return CatalogStats(
        domain=domain,
        language=language,
        translated=translated,
        fuzzy=fuzzy,
        untranslated=untranslated,
        obsolete=obsolete,
        source_words=words,
        untranslated_words=untranslated_words,
    )


def stats(
    locales: Path, domains: Sequence[str] | None = None, *, on_error: OnError | None = None
) -> list[CatalogStats]:
    """Statistics for every catalog under ``locales`` (or only ``domains``; ``on_error`` as in :func:`update`)."""
    catalogs, problems = find_catalogs(locales)
    catalogs = [c for c in catalogs if not domains or c.domain in domains]
    problems = [p for p in problems if not domains or Path(p.source or "").stem in domains]
    if domains and not catalogs and not problems:
        raise CatalogError(f"no catalogs for {', '.join(domains)}", source=locales)
    _report(problems, on_error)
    wanted = {c.domain for c in catalogs}
    templates_read = {path.stem: read_po(path) for path in templates(locales) if path.stem in wanted}
    rows = []
    for c in catalogs:
        try:
            rows.append(catalog_stats(read_po(c.path), c.domain, c.language.tag, templates_read.get(c.domain)))
        except CatalogError as error:
            _report([error], on_error)
    return rows


def stats_table(rows: Sequence[CatalogStats]) -> str:
    """The statistics as a plain-text table a desk editor reads at a glance."""
    header = ("story", "lang", "done", "translated", "fuzzy", "untransl.", "obsolete", "words", "to do")
    lines: list[tuple[str, ...]] = [header]
    for row in rows:
        done = f"{100 * row.translated // row.total if row.total else 100}%"
        lines.append(
            (
                row.domain,
                row.language,
                done,
                *map(str, (row.translated, row.fuzzy, row.untranslated, row.obsolete)),
                str(row.source_words),
                str(row.untranslated_words),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    )
