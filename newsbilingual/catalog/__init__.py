"""Stage 2, the catalogs: a story's translatable text in gettext .pot/.po/.mo files.

Takes a :class:`~newsbilingual.story.Story` and gives its template (:mod:`.extract`), merged
per-language catalogs (:mod:`.merge`, :mod:`.locales` for the whole ``locales/`` folder, written
in GNU layout by :mod:`.powrap`), and at run time the translations of each segment
(:mod:`.translations`) and the library's own localized formats (:mod:`.localeformat`).
"""

from .convert import convert_entries, opencc_config
from .extract import build_template, write_template
from .locales import CatalogFile, CatalogStats, catalog_stats, compile_all, find_catalogs, init, stats, update
from .memory import TranslationMemory, prefill
from .merge import init_catalog, merge_catalog
from .powrap import format_pofile, write_pofile
from .translations import (
    Translations,
    catalog_path,
    find_translations,
    load_translations,
    localize,
    localize_with_fallbacks,
    read_po,
)

__all__ = [
    "CatalogFile",
    "CatalogStats",
    "TranslationMemory",
    "Translations",
    "build_template",
    "catalog_path",
    "catalog_stats",
    "compile_all",
    "convert_entries",
    "find_catalogs",
    "find_translations",
    "format_pofile",
    "init",
    "init_catalog",
    "load_translations",
    "localize",
    "localize_with_fallbacks",
    "merge_catalog",
    "opencc_config",
    "prefill",
    "read_po",
    "stats",
    "update",
    "write_pofile",
    "write_template",
]
