"""A Traditional Chinese catalog from the Simplified one, converted with OpenCC.

``init --lang zh-Hant-TW --from zh-Hans`` fills the new catalog with each zh-Hans translation
converted by OpenCC (``s2twp``: Taiwan characters and phrasing, 项目 → 專案; ``s2hk`` for Hong
Kong; ``s2t`` for Traditional without a region). Every converted entry is fuzzy with a comment
naming the conversion, so nothing is published before a person has read it. The catalog's
``X-Converted-From`` header remembers the source, and ``update`` keeps converting new zh-Hans
work into entries that are still fuzzy.

OpenCC is an optional dependency: ``pip install 'newsbilingual[zh-hant]'``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import polib

from ..errors import CatalogError
from ..story.languages import Language, get_language

HEADER = "X-Converted-From"

# OpenCC configurations from Simplified Chinese, by the target's tag (most specific first).
OPENCC_CONFIGS = {"zh-Hant-TW": "s2twp", "zh-Hant-HK": "s2hk", "zh-Hant-MO": "s2hk", "zh-Hant": "s2t"}


def opencc_config(source: Language, target: Language) -> str:
    """The OpenCC configuration that turns ``source`` text into ``target`` text."""
    if source.tag.split("-")[:2] == ["zh", "Hans"]:
        for tag in target.fallbacks:
            if tag in OPENCC_CONFIGS:
                return OPENCC_CONFIGS[tag]
    raise CatalogError(f"no conversion from {source.tag} to {target.tag} (OpenCC converts zh-Hans to zh-Hant*)")


@cache
def _converter(config: str) -> Callable[[str], str]:
    try:
        import opencc
    except ImportError:
        raise CatalogError(
            "converting to Traditional Chinese needs OpenCC: pip install 'newsbilingual[zh-hant]'"
        ) from None
    return opencc.OpenCC(config).convert


def _note(source: Language, config: str, *, reviewed: bool = False) -> str:
    if reviewed:
        return f"Converted from {source.tag} by OpenCC {config}; reviewed."
    return f"Converted from {source.tag} by OpenCC {config}: review, then remove the fuzzy flag."


def start_conversion(catalog: polib.POFile, source: Language, target: Language) -> None:
    """Mark ``catalog`` as converted from ``source`` (the header that ``update`` reads)."""
    catalog.metadata[HEADER] = f"{source.tag} (OpenCC {opencc_config(source, target)})"


def conversion_source(catalog: polib.POFile) -> Language | None:
    """The language ``catalog`` is converted from, if its header says so."""
    value = catalog.metadata.get(HEADER, "").split(" ")[0]
    return get_language(value) if value else None


def convert_entries(catalog: polib.POFile, source_catalog: polib.POFile, target: Language) -> int:
    """Fill ``catalog`` from ``source_catalog``: each entry that is untranslated, or still an
    unreviewed conversion, gets the converted translation of the same (msgctxt, msgid), fuzzy.

    Entries a person has reviewed (not fuzzy) keep their text; their comment is changed to say
    they were reviewed, so a later source edit that makes them fuzzy again never has them
    overwritten by a fresh conversion. Returns how many translations changed.
    """
    source = conversion_source(catalog) or get_language(source_catalog.metadata.get("Language", "zh-Hans"))
    config = opencc_config(source, target)
    convert = _converter(config)
    note = _note(source, config)
    reviewed = _note(source, config, reviewed=True)
    done = {
        (entry.msgctxt or "", entry.msgid): entry.msgstr
        for entry in source_catalog
        if entry.msgstr and not entry.fuzzy and not entry.obsolete and entry.msgid
    }
    changed = 0
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        if not entry.fuzzy and note in entry.tcomment:
            entry.tcomment = entry.tcomment.replace(note, reviewed)
        unreviewed = entry.fuzzy and note in entry.tcomment
        if entry.msgstr and not unreviewed:
            continue
        found = done.get((entry.msgctxt or "", entry.msgid))
        if found is None:
            continue
        converted = convert(found)
        if converted == entry.msgstr:
            continue
        entry.msgstr = converted
        if "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        if note not in entry.tcomment:
            entry.tcomment = "\n".join(filter(None, (entry.tcomment, note)))
        changed += 1
    return changed


def convert_text(text: str, source: Language, target: Language) -> str:
    """One text converted from ``source`` (zh-Hans) to ``target`` (a zh-Hant tag) by OpenCC."""
    return _converter(opencc_config(source, target))(text)
