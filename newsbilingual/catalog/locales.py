"""The locales folder: templates and language catalogs kept up to date.

Here: update and init. Compile and stats are in :mod:`.compiling`, finding the files in
:mod:`.folder`.

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

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import polib

from ..atomic import FileState, file_state, replace_if_unchanged
from ..errors import CatalogError
from ..story.languages import Language, get_language
from .convert import conversion_source, convert_entries, start_conversion
from .folder import CatalogFile, OnError, find_catalogs, report, templates
from .memory import TranslationMemory, prefill
from .merge import init_catalog, merge_catalog, restore_header
from .powrap import encode_pofile
from .translations import LIBRARY_DOMAIN, catalog_path, read_po


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
                report([error], on_error)
                raise
        return read[path]

    memories: dict[str, TranslationMemory] = {}
    for pot_path in templates(locales, domain):
        report([p for p in problems if Path(p.source or "").stem == pot_path.stem], on_error)
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
