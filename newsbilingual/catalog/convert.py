"""A Traditional Chinese catalog from the Simplified one, converted with OpenCC.

``init --lang zh-Hant-TW --from zh-Hans`` fills the new catalog with each zh-Hans translation
converted by OpenCC (``s2twp``: Taiwan characters and phrasing, 项目 → 專案; ``s2hk`` for Hong
Kong; ``s2t`` for Traditional without a region). Every converted entry is fuzzy with a comment
naming the conversion, so nothing is published before a person has read it. The catalog's
``X-Converted-From`` header remembers the source, and ``update`` keeps converting new zh-Hans
work into entries that are still fuzzy.

After OpenCC, a conversion glossary (:data:`GLOSSARY`) makes the choices its phrase tables
miss, as Taiwan and Hong Kong editors made them reviewing the bundled story (issue 22):
vocabulary (咱們 → 我們, 平臺 → 平台), 「」 quotes, 人民幣 before amounts in 元 (元 alone reads
as the local dollar), 1至11月; so the next story starts from them too.

OpenCC is an optional dependency: ``pip install 'newsbilingual[zh-hant]'``.
"""

from __future__ import annotations

import re
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


# Both regions: quotation marks, the currency named, a range of months.
_TRADITIONAL = (
    ("“", "「"),
    ("”", "」"),
    ("‘", "『"),
    ("’", "』"),
    (r"(?<![\d.])(?<!人民幣)(\d+(?:\.\d+)?[萬億]?元)", r"人民幣\1"),
    (r"(\d+)[—–](\d+)月", r"\1至\2月"),
    ("咱們", "我們"),
    ("全媒體記者", "記者"),
    ("點贊", "讚賞"),
    ("反哺", "回饋"),
)
# What OpenCC leaves that a region's editor changes (regular expressions, applied in order).
GLOSSARY: dict[str, tuple[tuple[str, str], ...]] = {
    "s2twp": (
        *_TRADITIONAL,
        ("最佳化服務", "優化服務"),
        ("審批", "審核"),
        ("專案投資工作會議", "投資工作會議"),
        ("專案投資", "投資案"),
        ("專案建設", "工程建設"),
        ("資質", "資格"),
        ("落戶", "進駐"),
        ("支援企業", "支持企業"),
        ("大力支援", "大力支持"),
        ("工商註冊", "工商登記"),
        ("營商環境", "投資環境"),
        ("供圖", "提供"),
        ("招商引資", "招商"),
        ("平臺", "平台"),
        ("資料顯示", "統計顯示"),
        ("計劃", "計畫"),
        ("增長", "成長"),
        ("移動網際網路", "行動網路"),
        ("數控機床", "數控工具機"),
        ("世界500強", "全球500大企業"),
    ),
    "s2hk": (*_TRADITIONAL, ("移動互聯網", "流動互聯網"), ("信息", "資訊")),
}


@cache
def _converter(config: str) -> Callable[[str], str]:
    """OpenCC's ``config``, then the glossary's choices for it."""
    try:
        import opencc
    except ImportError:
        raise CatalogError(
            "converting to Traditional Chinese needs OpenCC: pip install 'newsbilingual[zh-hant]'"
        ) from None
    convert = opencc.OpenCC(config).convert
    glossary = [(re.compile(pattern), replacement) for pattern, replacement in GLOSSARY.get(config, ())]

    def converted(text: str) -> str:
        text = convert(text)
        for pattern, replacement in glossary:
            text = pattern.sub(replacement, text)
        return text

    return converted


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
