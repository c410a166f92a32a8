"""The locales folder: templates, language catalogs, compiled catalogs, and their statistics.

Layout (what gettext, Poedit and Weblate expect)::

    locales/<domain>.pot                       template, from `extract`
    locales/<lang>/LC_MESSAGES/<domain>.po     a language's catalog, edited by translators
    locales/<lang>/LC_MESSAGES/<domain>.mo     compiled, from `compile`

Every operation reads and computes everything first and writes only when all of it
succeeded, each file atomically: a broken catalog leaves every file as it was.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from string import Formatter

import polib

from ..atomic import write_bytes_atomic
from ..errors import CatalogError
from ..story.languages import LANGUAGES, Language, get_language
from .merge import init_catalog, merge_catalog
from .powrap import encode_pofile
from .translations import catalog_path, read_po

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


def languages_present(locales: Path, domain: str) -> list[Language]:
    """The languages that have a catalog of ``domain``."""
    return [lang for lang in LANGUAGES if catalog_path(locales, domain, lang.tag).is_file()]


def _write_all(outputs: dict[Path, bytes]) -> list[Path]:
    for path, data in outputs.items():
        write_bytes_atomic(path, data)
    return list(outputs)


def _source_language(template: polib.POFile) -> str:
    return template.metadata.get("X-Source-Language", "en")


def update(locales: Path, domain: str | None = None) -> list[Path]:
    """Merge each template into every existing catalog of its domain (``msgmerge --previous``)."""
    outputs: dict[Path, bytes] = {}
    for pot_path in templates(locales, domain):
        template = read_po(pot_path)
        for language in languages_present(locales, pot_path.stem):
            path = catalog_path(locales, pot_path.stem, language.tag)
            merged = merge_catalog(read_po(path), template)
            outputs[path] = encode_pofile(merged)
    return _write_all(outputs)


def init(locales: Path, language: str, *, domain: str | None = None, now: datetime, translator: str = "") -> list[Path]:
    """Start ``language``'s catalog of each template that has none yet (existing ones are kept)."""
    lang = get_language(language)
    outputs: dict[Path, bytes] = {}
    for pot_path in templates(locales, domain):
        path = catalog_path(locales, pot_path.stem, lang.tag)
        if path.exists():
            continue
        template = read_po(pot_path)
        catalog = init_catalog(
            template, lang, source_language=_source_language(template), now=now, translator=translator
        )
        outputs[path] = encode_pofile(catalog)
    return _write_all(outputs)


def _placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a brace-format string; a malformed string has a marker field."""
    try:
        return {name for _, name, _, _ in Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<malformed braces>"}


def compile_catalog(po: polib.POFile, language: Language, *, source: str | Path = "<catalog>") -> bytes:
    """The .mo bytes of a catalog: translated, non-fuzzy entries only (as ``msgfmt``).

    Like ``msgfmt --check-format``, a ``python-brace-format`` translation must use the
    placeholders of its source: ``{plac}`` for ``{place}`` would fail at publishing time.
    Written here (several times faster than Babel's ``write_mo`` on 20,000 messages): messages
    sorted by msgid then context, no hash table, and, as ``msgfmt`` does, the catalog's own
    header as its first message, so that Python's :mod:`gettext` reads the same catalog from
    this file as from msgfmt's.
    """
    messages: list[tuple[str, str, str]] = []
    for entry in po:
        if entry.obsolete or entry.fuzzy or not entry.msgstr or not entry.msgid:
            continue
        if "python-brace-format" in entry.flags and _placeholders(entry.msgstr) != _placeholders(entry.msgid):
            expected = ", ".join(sorted(_placeholders(entry.msgid))) or "none"
            raise CatalogError(
                f"translation of {entry.msgid!r} must use the placeholders {expected}",
                source=source,
                line=entry.linenum,
            )
        messages.append((entry.msgid, entry.msgctxt or "", entry.msgstr))
    messages.sort(key=lambda message: message[:2])
    # msgfmt leaves POT-Creation-Date out, so that a template re-extracted alone changes no .mo.
    header = "".join(f"{name}: {value}\n" for name, value in po.metadata.items() if name != "POT-Creation-Date")
    keys = [b""] + [(f"{context}\x04{msgid}" if context else msgid).encode() for msgid, context, _ in messages]
    values = [header.encode()] + [msgstr.encode() for _, _, msgstr in messages]
    count = len(keys)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + sum(len(key) + 1 for key in keys)
    table: list[int] = []
    for strings, start in ((keys, key_start), (values, value_start)):
        for data in strings:
            table += (len(data), start)
            start += len(data) + 1
    head = struct.pack("<7I", 0x950412DE, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, 0)
    body = b"\0".join(keys) + b"\0" + b"\0".join(values) + b"\0"
    return head + struct.pack(f"<{len(table)}I", *table) + body


def compile_all(locales: Path, domain: str | None = None) -> list[Path]:
    """Compile every catalog under ``locales`` to a .mo file beside it."""
    outputs: dict[Path, bytes] = {}
    found = sorted(_existing(locales).glob(f"*/LC_MESSAGES/{domain or '*'}.po"))
    if domain and not found:
        raise CatalogError(f"no catalogs for {domain!r}", source=locales)
    for po_path in found:
        language = get_language(po_path.parent.parent.name)
        outputs[po_path.with_suffix(".mo")] = compile_catalog(read_po(po_path), language, source=po_path)
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


def catalog_stats(po: polib.POFile, domain: str, language: str) -> CatalogStats:
    """Counts of one catalog (``fuzzy`` entries are not counted as translated)."""
    live = [e for e in po if not e.obsolete and e.msgid]
    translated = [e for e in live if e.msgstr and not e.fuzzy]
    fuzzy = [e for e in live if e.fuzzy and e.msgstr]
    untranslated = [e for e in live if not e.msgstr]
    return CatalogStats(
        domain=domain,
        language=language,
        translated=len(translated),
        fuzzy=len(fuzzy),
        untranslated=len(untranslated),
        obsolete=sum(1 for e in po if e.obsolete),
        source_words=sum(source_words(e.msgid) for e in live),
        untranslated_words=sum(source_words(e.msgid) for e in live if e not in translated),
    )


def stats(locales: Path, domains: Sequence[str] | None = None) -> list[CatalogStats]:
    """Statistics for every catalog under ``locales`` (or only ``domains``)."""
    found = []
    for po_path in sorted(_existing(locales).glob("*/LC_MESSAGES/*.po")):
        domain = po_path.stem
        if domains and domain not in domains:
            continue
        language = get_language(po_path.parent.parent.name).tag
        found.append(catalog_stats(read_po(po_path), domain, language))
    if domains and not found:
        raise CatalogError(f"no catalogs for {', '.join(domains)}", source=locales)
    return found


def stats_table(rows: Sequence[CatalogStats]) -> str:
    """The statistics as a plain-text table a desk editor reads at a glance."""
    header = ("story", "lang", "done", "translated", "fuzzy", "untransl.", "obsolete", "words", "to do")
    lines = [header]
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
