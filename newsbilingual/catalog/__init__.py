"""Stage 2, the catalogs: a story's translatable text in gettext .pot/.po/.mo files.

Takes a :class:`~newsbilingual.story.Story` and gives its template (:mod:`.extract`), merged
per-language catalogs (:mod:`.merge`, :mod:`.locales` for the whole ``locales/`` folder, written
in GNU layout by :mod:`.powrap`), and at run time the translations of each segment
(:mod:`.translations`) and the library's own localized formats (:mod:`.localeformat`).
"""

from ..lazy import lazy_exports

# Public name -> the module of this stage that defines it ("module:name" when renamed), imported
# on first use (PEP 562) so that a command loads only the modules it runs.
_EXPORTS = {
    "CatalogFile": "folder",
    "CatalogStats": "compiling",
    "TranslationMemory": "memory",
    "Translations": "translations",
    "build_template": "extract",
    "catalog_path": "translations",
    "catalog_stats": "compiling",
    "compile_all": "compiling",
    "convert_entries": "convert",
    "encode_pofile": "powrap",
    "find_catalogs": "folder",
    "find_translations": "translations",
    "format_pofile": "powrap",
    "init": "locales",
    "init_catalog": "merge",
    "load_translations": "translations",
    "localize": "translations",
    "localize_with_fallbacks": "translations",
    "merge_catalog": "merge",
    "opencc_config": "convert",
    "parse_po": "poread",
    "prefill": "memory",
    "read_mo": "mofile",
    "read_po": "translations",
    "stats": "compiling",
    "update": "locales",
    "write_pofile": "powrap",
    "write_template": "extract",
}

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
    "encode_pofile",
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
    "parse_po",
    "prefill",
    "read_mo",
    "read_po",
    "stats",
    "update",
    "write_pofile",
    "write_template",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
